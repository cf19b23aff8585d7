"""``transflow log``: the history of each unit of a document in one language.

From the review record: every approval and rejection of each unit (each version of the
record in git, then the file as it stands). From git, when
the project is a repository: every commit that changed the unit's translation, with its
author, date and the old and new text. Git is asked through the ``git`` command (one
``git log`` for the PO's commits, one ``git show`` per commit): nothing to install, and
it reads the repository exactly as the user's own git does.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..errors import TransflowError, UsageError
from ..model import unit_ids
from ..paths import po_path, review_path, shown
from ..po import parse_po_bytes
from ..project import Project, load_document
from ..review import ReviewRecord, parse_review
from ..reviewfiles import read_review


@dataclass(frozen=True)
class LogEvent:
    date: str  # ISO date (and time, for commits)
    who: str
    kind: str  # "translated", "changed", "approved", "rejected"
    old: str | None = None
    new: str | None = None
    note: str = ""  # a commit's subject, a rejection's remark


@dataclass
class UnitHistory:
    unit: str
    place: str
    source: str
    events: list[LogEvent] = field(default_factory=list)


@dataclass
class LogResult:
    document: str
    language: str
    units: list[UnitHistory]
    git: bool  # whether the history comes from git too


def _git(root: object, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=60)


def log(project: Project, document_name: str, language: str, unit: str | None = None) -> LogResult:
    config = project.config
    source = project.find_source(document_name)
    (language,) = project.languages([language])
    document = load_document(config, source)
    ids = unit_ids(document.units)
    if unit is not None and unit not in ids:
        raise UsageError(f"no unit {unit!r} in {source.path}", hint="see transflow status DOC -l LANG")
    histories: dict[str, UnitHistory] = {}
    for unit_id, item in zip(ids, document.units, strict=True):
        if (unit is None or unit_id == unit) and item.msgid not in {h.source for h in histories.values()}:
            histories[unit_id] = UnitHistory(unit_id, item.context, item.msgid)
    by_source = {history.source: history for history in histories.values()}
    path = po_path(config, language, source)
    relative = shown(config, path)
    in_git = _git(config.root, "rev-parse", "--is-inside-work-tree").returncode == 0 if _has_git() else False
    if in_git:
        previous: dict[str, str] = {}
        for version in _versions(config.root, relative):
            try:
                entries = parse_po_bytes(version.data, version.name).entries
            except TransflowError:
                continue  # a version that did not parse: nothing to learn from it
            now = {e.msgid: e.msgstr for e in entries if not e.obsolete and e.msgctxt is None and e.msgstr}
            for text, history in by_source.items():
                old, new = previous.get(text), now.get(text)
                if new is not None and new != old:
                    kind = "translated" if old is None else "changed"
                    history.events.append(
                        LogEvent(version.date, version.author, kind, old, new, version.subject)
                    )
            previous = now
    verdicts = (
        _verdicts_in_git(config.root, shown(config, review_path(config, language, source))) if in_git else []
    )
    for record in dict.fromkeys([*verdicts, *read_review(config, language, source)]):
        reviewed = histories.get(record.unit)
        if reviewed is not None:
            reviewed.events.append(LogEvent(record.date, record.reviewer, record.verdict, note=record.remark))
    for history in histories.values():  # by day; on one day, commits before the review (a stable sort)
        history.events.sort(key=lambda event: event.date[:10])
    return LogResult(source.path, language, list(histories.values()), in_git)


@dataclass(frozen=True)
class _Version:
    """A file as one commit holds it."""

    name: str  # path@commit, for error messages
    author: str
    date: str
    subject: str
    data: bytes


def _versions(root: object, relative: str) -> Iterator[_Version]:
    """Every version of a file in git, oldest first (one ``git log``, one ``git show`` each);
    commits that removed it are passed over."""
    listed = _git(root, "log", "--reverse", "--format=%H%x1f%an%x1f%aI%x1f%s", "--", relative)
    for line in listed.stdout.decode("utf-8", "replace").splitlines():
        commit, author, date, subject = [*line.split("\x1f"), "", "", ""][:4]
        shown_file = _git(root, "show", f"{commit}:{relative}")
        if shown_file.returncode == 0:
            yield _Version(f"{relative}@{commit[:8]}", author, date, subject, shown_file.stdout)


def _verdicts_in_git(root: object, relative: str) -> list[ReviewRecord]:
    """Every verdict the review record ever held, oldest first: a rejection later replaced
    by an approval is part of the unit's history."""
    found: list[ReviewRecord] = []
    for version in _versions(root, relative):
        try:
            found += parse_review(version.data.decode("utf-8"), version.name)
        except (TransflowError, UnicodeDecodeError):
            continue  # a version that did not parse: nothing to learn from it
    return found


def _has_git() -> bool:
    try:
        return subprocess.run(["git", "--version"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False
