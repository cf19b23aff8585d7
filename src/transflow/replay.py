"""A run with nothing to do answers from its last answer, as `git status` answers from its index.

After a full ``status`` or ``update``, what it printed and its exit code are kept under
``.transflow/`` with the stat data (size, mtime_ns, ctime_ns, inode) of every file and folder
of the project tree (``.git`` and ``.transflow`` aside) and of the translation memories the
config names outside it (``record.py``). The next run with the same arguments, folder,
terminal and colour settings, and the same code fingerprint as every cache is keyed by
(``fingerprint.code_fingerprint``: transflow's modules, its libraries, Python), stats those
paths and, if none changed, writes the kept answer without loading anything else: the cost
of a ``git status``.

A folder's times change when a file is added, removed or renamed in it, so new files are
seen without listing folders. Git's rule for "racily clean" files applies: nothing is kept
while a path was modified less than two seconds before the run (a later change could leave
the same timestamps). A damaged record, another transflow or Python, any changed path: the
command simply runs. ``TRANSFLOW_NO_REPLAY=1`` always runs it.

The console entry point (``entry.py``) asks this module first, so it imports only what the
check needs (no json, no hashlib: a few milliseconds of a run that should take thirty).
``record.py`` keeps answers in the files whose names this module holds.
"""

from __future__ import annotations

import os
import stat
import struct
import sys
from collections.abc import Iterable

from .digests import content_digest  # not hashlib: no OpenSSL start-up
from .fingerprint import code_fingerprint
from .racy import RACY_NS

COMMANDS = ("status", "update")
STATE = ".transflow"
RECORD = "replay"  # the stat data: header, stamp, then one path per line
ANSWER = "replay-"  # + the key's digest: the stamp, the exit code, stdout's length, then the bytes
HEADER = b"transflow-replay 2 "
# what rich, click and transflow read from the environment to decide how output looks
ENVIRONMENT = frozenset(
    (
        "NO_COLOR FORCE_COLOR TERM COLORTERM COLUMNS LINES LANG LANGUAGE LC_ALL LC_CTYPE "
        "LC_MESSAGES PYTHONIOENCODING TTY_COMPATIBLE TTY_INTERACTIVE JUPYTER_COLUMNS JUPYTER_LINES"
    ).split()
)


HELP_OPTIONS = ("-h", "--help")  # the CLI's help options (cli.py takes them from here)


def replay_for(arguments: list[str], cwd: str) -> Replay | None:
    """Where a run of these arguments keeps its answer; None for a command that is never
    answered from a kept one (or with ``TRANSFLOW_NO_REPLAY`` set, or outside a project).

    A request for help is answered the same way, from a folder of the user's cache (its text
    depends on the code, the terminal and the environment, which the key holds, and on no
    file): click and the commands are not even imported for it."""
    if not arguments or os.environ.get("TRANSFLOW_NO_REPLAY"):
        return None
    if any(argument in HELP_OPTIONS for argument in arguments) and "--" not in arguments:
        folder = help_folder()
        return Replay(folder, run_key(arguments, ""), help_only=True) if os.path.isabs(folder) else None
    if arguments[0] in COMMANDS:
        root = project_root(cwd)
        return None if root is None else Replay(root, run_key(arguments, cwd))
    return None


def help_folder() -> str:
    """Where the kept answers to ``--help`` go: ``$XDG_CACHE_HOME/transflow/help`` (not an
    absolute path when there is no home to put it in: then help is not kept)."""
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "transflow", "help")


class Replay:
    """A replayable run: the folder its answer is kept in (a project, or the help folder,
    whose state folder the recording makes), and the run's key. ``help_only``: the answer is
    kept only if it is a help text (a ``-h`` may also be an option's value, and a command that
    did work must run again)."""

    __slots__ = ("help_only", "key", "root")

    def __init__(self, root: str, key: str, help_only: bool = False) -> None:
        self.root = root
        self.key = key
        self.help_only = help_only

    def answer(self) -> tuple[bytes, bytes, int] | None:
        """The kept stdout, stderr and exit code when nothing changed; None otherwise (and
        whatever goes wrong in looking: the full run answers then)."""
        try:
            return replayed(self.root, self.key)
        except Exception:
            return None


def project_root(cwd: str) -> str | None:
    """The folder the full run would take the project from: the nearest one upwards with
    transflow.toml or pyproject.toml. (If that pyproject.toml has no [tool.transflow], no
    answer is kept there, so the command runs in full and decides.)"""
    folder = cwd
    while True:
        if os.path.isfile(os.path.join(folder, "transflow.toml")) or os.path.isfile(
            os.path.join(folder, "pyproject.toml")
        ):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def run_key(arguments: list[str], cwd: str) -> str:
    """Everything besides the files that decides what a run prints (as a digest)."""
    terminals = []
    for stream in (sys.stdout, sys.stderr):
        try:
            tty = stream.isatty()
            size = tuple(os.get_terminal_size(stream.fileno())) if tty else None
        except (OSError, ValueError, AttributeError):
            tty, size = False, None
        terminals.append((tty, size))
    environment = sorted(
        (name, value)
        for name, value in os.environ.items()
        if name in ENVIRONMENT or (name.startswith("TRANSFLOW_") and name != "TRANSFLOW_NO_REPLAY")
    )
    # the code fingerprint: a change of transflow, of a library or of Python is a change for
    # the kept answers as for every cache (one rule)
    settings = (arguments, cwd, terminals, environment, sys.executable, code_fingerprint())
    return content_digest(repr(settings).encode("utf-8", "surrogateescape"))


def replayed(root: str, key: str) -> tuple[bytes, bytes, int] | None:
    """The kept answer for ``key`` if no recorded path changed since; None otherwise."""
    state = os.path.join(root, STATE)
    try:
        with open(os.path.join(state, ANSWER + key), "rb") as handle:
            answer = handle.read()
        with open(os.path.join(state, RECORD), "rb") as handle:
            record = handle.read()
    except OSError:
        return None
    parsed = parse_record(record)
    if parsed is None:
        return None
    stamp, paths = parsed
    head, _, rest = answer.partition(b"\n")
    fields = head.split(b" ")
    if len(fields) != 4 or fields[0].decode("ascii", "replace") != stamp:
        return None
    code, out_length, err_length = (int(field) for field in fields[1:])
    if len(rest) != out_length + err_length:
        return None
    signature, racy = stat_signature(root, paths, None)
    if racy or signature != stamp:
        return None
    return rest[:out_length], rest[out_length:], code


def parse_record(data: bytes) -> tuple[str, list[str]] | None:
    """(stamp, paths) of a record, or None when it is damaged."""
    header, _, body = data.partition(b"\n")
    if header != HEADER + content_digest(body).encode("ascii"):
        return None
    stamp, _, paths = body.partition(b"\n")
    return stamp.decode("ascii"), paths.decode("utf-8", "surrogateescape").split("\n")


def stat_signature(root: str, paths: Iterable[str], since_ns: int | None) -> tuple[str, bool]:
    """A digest of the paths' stat data (relative ones taken from ``root``), and whether
    any changed less than two seconds before ``since_ns`` or after it (with a ``since_ns``,
    the first such path ends the walk: there is nothing to keep).

    As git does, a change is the later of mtime and ctime: a copy that keeps its mtime
    (``cp -p``, ``rsync -a``, ``unzip``) still has a new ctime. A symbolic link counts with
    what it leads to (a ``transflow.toml`` linked to a shared config changes with it).
    """
    numbers: list[int] = []
    add = numbers.extend
    limit = None if since_ns is None else since_ns - RACY_NS
    directory = os.open(root, os.O_RDONLY)
    try:
        lstat = os.lstat
        for path in paths:
            try:
                found = [lstat(path, dir_fd=directory)]
                if stat.S_ISLNK(found[0].st_mode):
                    found.append(os.stat(path, dir_fd=directory))
            except OSError:
                add((-1, -1, -1, -1))
                continue
            for status in found:
                modified, changed = status.st_mtime_ns, status.st_ctime_ns
                if limit is not None and max(modified, changed) > limit:
                    return "", True
                add((status.st_size, modified, changed, status.st_ino & 0x7FFF_FFFF_FFFF_FFFF))
    finally:
        os.close(directory)
    return content_digest(struct.pack(f"<{len(numbers)}q", *numbers)), False
