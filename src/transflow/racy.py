"""Git's rule for "racily clean" files, once for every cache that trusts stat data.

A file modified this close to the moment its stat data was recorded could change again
within the same timestamp, unseen: it is never taken as unchanged on stat data alone.
"""

RACY_NS = 2_000_000_000  # two seconds: coarser than any file system's timestamps


def settled(recorded_ns: int, mtime_ns: int, ctime_ns: int) -> bool:
    """The file's stat data can stand for its content: it last changed well before recording."""
    return recorded_ns - max(mtime_ns, ctime_ns) > RACY_NS
