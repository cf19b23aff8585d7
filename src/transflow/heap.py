"""Large texts handed back to the system as soon as they are freed.

glibc's malloc maps a block of 128 KiB or more on its own and unmaps it when it is freed,
but each such free raises that threshold (up to 32 MiB), after which the next large texts
(a catalog's text, its bytes, the lists of its entries) come from the heap, where what is
freed in the middle stays part of the process. An update reads and writes catalogs of
many megabytes one after the other: with the threshold fixed, its peak memory is what it
holds at once, not what it once held (4.6 MB of source: 140 -> 130 MiB).

Only where the C library is glibc; elsewhere nothing is done.
"""

from __future__ import annotations

import contextlib
import sys

_M_MMAP_THRESHOLD = -3  # mallopt's parameter number in glibc's malloc.h
_THRESHOLD = 256 * 1024


def return_large_blocks() -> bool:
    """Fix glibc's mmap threshold at 256 KiB; True when it was set."""
    if not sys.platform.startswith("linux"):
        return False
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(_M_MMAP_THRESHOLD, _THRESHOLD))
    return False
