"""What each file held when it was last hashed, so that an unchanged file is not read again.

Like git's index: a file whose size, modification and change times and inode are as
recorded is taken to hold the recorded content, without reading it. Git's rule for
"racily clean" files applies: a file modified less than two seconds before it was
recorded could change again within the same timestamp, so it is not recorded and is
read again next time. The index is JSON under ``.transflow/``, checked on load (a damaged
one is dropped: every file is simply read). Nothing is decided by time alone: a changed
file always changes its size, times or inode, and racy ones are always read.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

from .cachefile import read_cache, write_cache
from .digests import content_digest
from .racy import settled

INDEX_FORMAT = 1


class FileIndex:
    """Digests of files by path, trusted only while the file's stat data is unchanged."""

    def __init__(self, root: Path, path: Path | None) -> None:
        self.root = root
        self.path = path
        self.entries: dict[str, list[int | str]] = {}
        self.used: set[str] = set()
        self.changed = False
        files = read_cache(path, f"file-index/{INDEX_FORMAT}")
        if isinstance(files, dict):
            self.entries = files
        self.now = time.time_ns()

    def read(self, file: str, key: str) -> tuple[str | None, bytes | None]:
        """(digest, bytes) of the file at ``file`` (recorded under ``key``): digest None when
        there is no file; bytes None when the digest came from the index (the file was not
        read). A symbolic link is refused here (IsADirectoryError): its target is the caller's
        to check. OSError for unreadable files."""
        try:
            status = os.lstat(file)
        except FileNotFoundError:
            return None, None
        if not stat.S_ISREG(status.st_mode):
            raise IsADirectoryError(21, "not a regular file", file)
        self.used.add(key)
        signature = [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]
        known = self.entries.get(key)
        if known is not None and known[:4] == signature and isinstance(known[4], str):
            return known[4], None
        with open(file, "rb") as handle:
            data = handle.read()
        digest = content_digest(data)
        if settled(self.now, status.st_mtime_ns, status.st_ctime_ns) and len(data) == status.st_size:
            self.entries[key] = [*signature, digest]
            self.changed = True
        elif known is not None:
            del self.entries[key]
            self.changed = True
        return digest, data

    def learnt(self) -> tuple[dict[str, list[int | str] | None], bool]:
        """What this run met (each key it used, and its entry or None) and whether anything
        changed: what a worker sends back, not the whole index."""
        return {key: self.entries.get(key) for key in self.used}, self.changed

    def take(self, learnt: dict[str, list[int | str] | None], changed: bool) -> None:
        """Take in what a copy of this index in a worker ``learnt``."""
        for key, known in learnt.items():
            if known is None:
                self.entries.pop(key, None)
            else:
                self.entries[key] = known
        self.used |= learnt.keys()
        self.changed = self.changed or changed

    def save(self, keep_unused: bool = True) -> None:
        """Write the index (a full run drops the files it did not meet: they are gone)."""
        if not keep_unused and set(self.entries) - self.used:
            self.entries = {key: value for key, value in self.entries.items() if key in self.used}
            self.changed = True
        if self.path is None or not self.changed:
            return
        write_cache(self.path, f"file-index/{INDEX_FORMAT}", dict(sorted(self.entries.items())))


def index_path(root: Path) -> Path:
    return root / ".transflow" / "file-index.json"
