"""Keeping a run's answer for ``replay``: what it printed, its exit code, and the stat data of
every path it could have read."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from .atomic import OUR_TEMP_FILE, write_bytes_if_changed
from .digests import content_digest
from .replay import ANSWER, HEADER, RECORD, STATE, Replay, parse_record, stat_signature

MAX_PATHS = 200_000  # a larger tree is not recorded: stat'ing it would cost what the run does
SKIPPED_FOLDERS = frozenset({".git", ".transflow"})


def recorded(replay: Replay, run: Callable[[], int]) -> int:
    """``run`` (the full CLI) with what it prints kept as ``replay``'s answer if the tree
    stayed still; its exit code."""
    started = time.time_ns()
    out, err = _Tee(sys.stdout), _Tee(sys.stderr)
    sys.stdout, sys.stderr = out, err
    try:
        code = run()
    finally:
        sys.stdout, sys.stderr = out.stream, err.stream
    if replay.help_only:
        if code != 0 or not out.captured().startswith(b"Usage:"):
            return code  # not a help text: whatever the run did, it must do again
        with contextlib.suppress(OSError):
            os.makedirs(os.path.join(replay.root, STATE), exist_ok=True)
    with contextlib.suppress(Exception):  # without a record the next run simply runs in full
        keep(replay.root, replay.key, out.captured(), err.captured(), code, started)
    return code


def keep(root: str, key: str, out: bytes, err: bytes, code: int, started_ns: int) -> bool:
    """Write the answer and, if the tree changed, the record; nothing when a path is racy
    (modified less than two seconds before the run started, or since). True when kept."""
    state = os.path.join(root, STATE)
    if not os.path.isdir(state):
        return False  # no project state here: the run failed before finding a project
    paths: list[str] = []

    def walked() -> Iterator[str]:  # the tree, stat'ed as it is walked: a racy path stops both
        for path in tree_paths(root):
            paths.append(path)
            if len(paths) > MAX_PATHS:
                raise _NotKept
            if path.endswith(".tmp") and OUR_TEMP_FILE.match(os.path.basename(path)):
                raise _NotKept  # a full run removes it once it is stale: a replay would not
            yield path

    try:
        stamp, racy = stat_signature(root, walked(), started_ns)
    except _NotKept:
        return False
    if racy:
        return False
    record_path = os.path.join(state, RECORD)
    try:
        with open(record_path, "rb") as handle:
            previous = parse_record(handle.read())
    except OSError:
        previous = None
    if previous is None or previous != (stamp, paths):
        for name in os.listdir(state):  # answers kept for another tree are stale: gone
            if name.startswith(ANSWER):
                with contextlib.suppress(OSError):
                    os.remove(os.path.join(state, name))
        body = b"\n".join(
            [stamp.encode("ascii")] + [path.encode("utf-8", "surrogateescape") for path in paths]
        )
        _write(record_path, HEADER + content_digest(body).encode("ascii") + b"\n" + body)
    head = f"{stamp} {code} {len(out)} {len(err)}\n".encode("ascii")
    _write(os.path.join(state, ANSWER + key), head + out + err)
    return True


class _NotKept(Exception):
    """A tree not worth a record (more paths than the run costs) or that needs the full run
    (a temporary file a killed run may have left)."""


def _write(path: str, data: bytes) -> None:
    write_bytes_if_changed(Path(path), data)


class _Tee:
    """A text stream that keeps, as bytes, a copy of what is written through it or through
    its binary ``buffer`` (where click writes)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.parts: list[bytes] = []
        self.encoding = getattr(stream, "encoding", None) or "utf-8"
        self.errors = getattr(stream, "errors", None) or "strict"

    def write(self, text: str) -> int:
        self.parts.append(text.encode(self.encoding, self.errors))
        return self.stream.write(text)

    @property
    def buffer(self) -> _BufferTee:
        return _BufferTee(self)

    def captured(self) -> bytes:
        return b"".join(self.parts)

    def __getattr__(self, name: str) -> Any:  # isatty, fileno, flush, encoding...
        return getattr(self.stream, name)


class _BufferTee:
    def __init__(self, tee: _Tee) -> None:
        self.tee = tee
        self.raw = tee.stream.buffer

    def write(self, data: bytes) -> int:
        self.tee.stream.flush()  # text written before stays before
        self.tee.parts.append(bytes(data))
        return self.raw.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


def tree_paths(root: str) -> Iterator[str]:
    """Every folder and file of the project (relative, in a fixed order), then the memories
    the config names outside it (transflow's code and libraries are in the run's key: the
    code fingerprint)."""
    yield from _walk(root, "")
    yield from _outside_paths(root)


def _walk(root: str, relative: str) -> Iterator[str]:
    yield relative or "."
    try:
        entries = sorted(os.scandir(os.path.join(root, relative)), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.name in SKIPPED_FOLDERS:
            continue
        name = f"{relative}/{entry.name}" if relative else entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(root, name)
        else:
            yield name


def _outside_paths(root: str) -> Iterator[str]:
    from .config import load_config

    try:
        memories = list(load_config(Path(root)).memory)
    except Exception:  # a broken config is the full run's to report
        memories = []
    inside = os.path.realpath(root) + os.sep
    for item in memories:
        base = item.split("{lang}", 1)[0]  # "archive/{lang}.po": the archive folder
        folder = base if base.endswith("/") or base == item else os.path.dirname(base)
        path = os.path.abspath(os.path.join(root, folder))
        if not (os.path.realpath(path) + os.sep).startswith(inside):
            yield from _absolute_walk(path)


def _absolute_walk(top: str) -> Iterator[str]:
    if not os.path.isdir(top) or os.path.islink(top):
        yield top
        return
    for folder, folders, files in os.walk(top):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        yield folder
        for name in sorted(files):
            yield os.path.join(folder, name)
