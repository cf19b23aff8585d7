"""A project's PO files as read: the catalog, its text, and a stamp of what the file was
(to tell, before replacing it, that nobody saved it since)."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .confine import Confinement
from .digests import blake2b, file_blake2b
from .errors import PoSyntaxError
from .paths import shown
from .po import PoFile, parse_po, po_text


def now_stamp() -> str:
    """A gettext date; SOURCE_DATE_EPOCH pins it for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = time.gmtime(int(epoch)) if epoch else time.gmtime()
    return time.strftime("%Y-%m-%d %H:%M+0000", moment)


@dataclass(frozen=True)
class Stamp:
    """What a file was when it was read: to tell, before replacing it, that nobody saved it since."""

    size: int
    mtime_ns: int
    digest: bytes

    @classmethod
    def of(cls, path: Path) -> tuple[Stamp, bytes]:
        """The file's bytes and their stamp (stat taken first: a save in between shows as a change)."""
        status = path.stat()
        raw = path.read_bytes()
        return cls(status.st_size, status.st_mtime_ns, blake2b(raw, digest_size=16).digest()), raw

    def still(self, path: Path) -> bool:
        """The file still holds what was read: same size and time, then (times are coarse) same bytes."""
        try:
            status = path.stat()
            if (status.st_size, status.st_mtime_ns) != (self.size, self.mtime_ns):
                return False
            with path.open("rb") as handle:  # a block at a time: a large file is not read whole
                digest = file_blake2b(handle, 16)
            return digest == self.digest
        except OSError:
            return False


def read_catalog(config: Config, path: Path, confinement: Confinement) -> tuple[PoFile, Stamp]:
    """One PO file of the project, refused when a link takes it outside."""
    po, stamp, _ = read_catalog_text(config, path, confinement)
    return po, stamp


def read_catalog_text(config: Config, path: Path, confinement: Confinement) -> tuple[PoFile, Stamp, str]:
    """One PO file, its stamp and its text, refused when a link takes it outside."""
    name = shown(config, path)
    confinement.check(path, name)
    try:
        stamp, raw = Stamp.of(path)
    except OSError as error:
        raise PoSyntaxError(
            f"cannot read PO file: {error.strerror}", path=name, hint="check permissions"
        ) from None
    text = po_text(raw, name)
    del raw  # one copy of a large file, as text
    return parse_po(text.removeprefix("\ufeff"), name), stamp, text
