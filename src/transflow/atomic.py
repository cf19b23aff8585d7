"""The project's one atomic writer: a file is replaced through a temporary file and a
rename, and only when its bytes change (no churn, never half a file)."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import TransflowError

_SLICE = 1 << 20  # characters encoded (and bytes compared) at a time


def write_if_changed(path: Path, text: str) -> bool:
    """Atomically replace ``path`` with ``text`` (UTF-8) unless it already holds it.

    The text is encoded and compared a slice at a time: a large catalog is never held a
    second and a third time as bytes (its encoding and the file's old content)."""
    return write_pieces_if_changed(path, (text[i : i + _SLICE] for i in range(0, len(text), _SLICE)))


def write_bytes_if_changed(path: Path, *pieces: bytes) -> bool:
    """Atomically replace ``path`` with ``pieces`` (temporary file + rename) unless it holds them."""
    return _write_parts(path, [(data, data) for data in pieces])


def write_pieces_if_changed(
    path: Path,
    pieces: Iterable[str],
    *,
    dry_run: bool = False,
    first_as_compared: str | None = None,
) -> bool:
    """``write_if_changed`` for text made a piece at a time: each piece is encoded, compared
    with the file and, from the first difference on, written to a temporary file that then
    replaces ``path``; no piece is held after it is written, and a file that already holds the
    text is not touched. ``first_as_compared``: what the first piece is compared with the file
    as (a header whose date moves only when the rest changes). A dry run writes nothing and
    says whether it would. Exceptions from ``pieces`` leave the file as it was."""

    def encoded() -> Iterator[tuple[bytes, bytes]]:
        for index, piece in enumerate(pieces):
            data = piece.encode("utf-8")
            if index == 0 and first_as_compared is not None:
                yield data, first_as_compared.encode("utf-8")
            else:
                yield data, data

    return _write_parts(path, encoded(), dry_run)


def _write_parts(path: Path, parts: Iterable[tuple[bytes, bytes]], dry_run: bool = False) -> bool:
    """The parts (as written, as compared) through one ``_PieceWriter``."""
    stream = _PieceWriter(path, dry_run)
    try:
        for data, compared in parts:
            stream.add(data, compared)
        return stream.finish()
    except BaseException:
        stream.abandon()
        raise


class _PieceWriter:
    """The state of ``write_pieces_if_changed``: the old file read alongside while the new
    content matches it; once it does not, a temporary file written from then on (what matched
    copied from the old file, except the first piece, kept as it is to be written)."""

    def __init__(self, path: Path, dry_run: bool) -> None:
        self.path = path
        self.dry_run = dry_run
        try:
            self.old: BinaryIO | None = path.open("rb")
        except OSError:
            self.old = None  # missing or unreadable: writing says what is wrong, if anything
        self.matching = self.old is not None
        self.first: bytes | None = None  # the first piece as written, once it matched
        self.first_compared = -1  # its length as compared (-1: no piece yet)
        self.matched = 0  # bytes of the old file matched so far
        self.temp: BinaryIO | None = None
        self.temp_name = ""

    def add(self, data: bytes, compared: bytes) -> None:
        first = self.first_compared < 0
        if first:
            self.first_compared = len(compared)
        if self.matching:
            assert self.old is not None
            if self.old.read(len(compared)) == compared:
                self.matched += len(compared)
                if first:
                    self.first = data  # written as it is, if anything is written
                return
            self.matching = False
            if not self.dry_run:
                self._start(before=data)
        elif self.temp is not None:
            self.temp.write(data)
        elif not self.dry_run:
            self._start(before=data)

    def _start(self, before: bytes) -> None:
        """Open the temporary file and write what matched, then ``before`` (the piece that
        did not match, or the whole first piece)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, self.temp_name = tempfile.mkstemp(
                dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
            )
        except OSError as error:
            raise TransflowError(
                f"cannot write: {error.strerror}", path=self.path, hint="check permissions"
            ) from None
        self.temp = os.fdopen(handle, "wb")
        if self.first is not None:
            # the first piece as written, then the old file's bytes that matched after it
            self.temp.write(self.first)
            assert self.old is not None
            self.old.seek(self.first_compared)
            remaining = self.matched - self.first_compared
            while remaining > 0:
                block = self.old.read(min(remaining, _SLICE))
                self.temp.write(block)
                remaining -= len(block)
        self.temp.write(before)

    def finish(self) -> bool:
        if self.matching:
            assert self.old is not None
            if self.old.read(1) == b"":
                self.abandon()
                return False  # the file holds exactly this text
            self.matching = False  # the old file goes on: it is longer
            if not self.dry_run and self.temp is None:
                self._start(before=b"")
        if self.dry_run:
            self.abandon()
            return True
        if self.temp is None:  # nothing at all was written (no pieces, no old file)
            self._start(before=b"")
        assert self.temp is not None
        try:
            self.temp.close()
            os.chmod(self.temp_name, _mode_for(self.path))
            os.replace(self.temp_name, self.path)
        except OSError as error:
            Path(self.temp_name).unlink(missing_ok=True)
            raise TransflowError(
                f"cannot write: {error.strerror}", path=self.path, hint="check permissions and free space"
            ) from None
        finally:
            if self.old is not None:
                self.old.close()
        return True

    def abandon(self) -> None:
        if self.old is not None:
            self.old.close()
        if self.temp is not None:
            self.temp.close()
            Path(self.temp_name).unlink(missing_ok=True)
            self.temp = None


def _mode_for(path: Path) -> int:
    """The file's current permissions, or what the umask gives a new file."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


OUR_TEMP_FILE = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # what _PieceWriter makes
