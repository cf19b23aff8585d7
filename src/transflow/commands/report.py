"""``transflow report``: the coordinator's board — progress, heatmap, stale outputs, pace.

Counts come from the status survey (and its cache). The pace of each language comes from
git when the project is a repository: the translated words of its PO files as they stood
30 days ago (the last commit before then) against today's, read with ``git cat-file
--batch`` (one process for every file of a commit).
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass, field

from ..config import Config
from ..errors import TransflowError
from ..manifest import BuildRecord, manifest_path, read_manifest
from ..paths import Source, po_path, shown
from ..po import parse_po_bytes
from ..project import Project
from ..segment import count_words
from ..survey import DocumentState, StatusCache, cache_path, evaluate_document, survey
from ..tally import Counts, SegmentRow, add_up
from . import Progress, no_progress

PACE_DAYS = 30


@dataclass(frozen=True)
class Pace:
    """Words translated per day over the last days, and the days left at that pace."""

    words_per_day: float
    days: int  # the span measured (shorter for a younger history)
    days_left: float | None  # None: no progress to extrapolate from


@dataclass
class ReportResult:
    project: str
    languages: list[str]
    documents: list[str]
    cells: dict[tuple[str, str], Counts]  # (document, language) -> counts
    totals: dict[str, Counts]  # language -> counts
    stale: list[BuildRecord]
    pace: dict[str, Pace | None]  # None: no git history
    history: bool  # the project is a git repository
    segments: dict[tuple[str, str], list[SegmentRow]] = field(default_factory=dict)  # unfinished ones
    generated: str = ""  # "as of" what: the last commit, when there is git history
    problems: list[TransflowError] = field(default_factory=list)  # unreadable documents, a bad manifest


def report(project: Project, progress: Progress = no_progress, with_segments: bool = True) -> ReportResult:
    config = project.config
    languages = list(config.languages)
    cache = StatusCache(cache_path(config))
    cells: dict[tuple[str, str], Counts] = {}
    states: list[DocumentState] = []
    with progress(len(project.sources), "report") as advance:
        for state in survey(config, project.sources, languages, cache):
            states.append(state)
            cells[(state.source.path, state.language)] = state.measured  # unreadable: never done
            if state.language == languages[-1]:
                advance()
    cache.save(keep_unused=False)
    totals = {code: add_up(c for (_, lang), c in cells.items() if lang == code) for code in languages}
    manifest_file = manifest_path(config.build_path)
    published, problems = read_manifest(manifest_file, shown(config, manifest_file))
    stale = sorted((r for r in published.values() if r.status == "stale"), key=lambda r: r.key)
    history = _in_git(config)
    pace = {
        code: _pace(config, project.sources, code, totals[code]) if history else None for code in languages
    }
    result = ReportResult(
        config.project_name,
        languages,
        [source.path for source in project.sources],
        cells,
        totals,
        stale,
        pace,
        history,
        generated=_as_of(config) if history else "",
        problems=[*problems, *(state.error for state in states if state.error)],
    )
    if with_segments:
        for source in project.sources:
            for code in languages:
                counts = cells.get((source.path, code))
                if counts is not None and not counts.complete:
                    result.segments[(source.path, code)] = _segments(config, source, code)
    return result


def _segments(config: Config, source: Source, language: str) -> list[SegmentRow]:
    """Every unit's row with its check findings, warnings too: the status segment view, unfiltered."""
    try:
        return evaluate_document(config, source, language, depth="all").rows()
    except (TransflowError, OSError):
        return []


def _as_of(config: Config) -> str:
    """The commit the board describes (no clock time: the same project gives the same page)."""
    head = _git(config, "log", "-1", "--format=%h, %cs")
    return head.decode("utf-8", "replace").strip() if head else ""


def _git(config: Config, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(config.root), *args], input=stdin, capture_output=True, timeout=120
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _in_git(config: Config) -> bool:
    return _git(config, "rev-parse", "--verify", "-q", "HEAD") is not None


def _pace(config: Config, sources: list[Source], language: str, now: Counts) -> Pace | None:
    """Translated words now against the last commit at least PACE_DAYS old (or the first commit)."""
    then_commit = _git(config, "rev-list", "-1", f"--before={PACE_DAYS} days ago", "HEAD")
    span = PACE_DAYS
    commit = then_commit.decode().strip() if then_commit else ""
    if not commit:  # a younger history: from its first commit
        first = _git(config, "rev-list", "--max-parents=0", "--format=%ct", "HEAD")
        lines = first.decode().split() if first else []
        if len(lines) < 3:
            return None
        commit, stamp = lines[1], int(lines[2])
        span = max(1, round((time.time() - stamp) / 86400))
    paths = [shown(config, po_path(config, language, source)) for source in sources]
    then = _translated_words_at(config, commit, paths)
    gained = _translated_words_now(config, paths) - then
    per_day = gained / span
    left = now.fuzzy_words + now.untranslated_words
    return Pace(per_day, span, left / per_day if per_day > 0 else None)


def _entry_words(blob: bytes, name: str) -> int:
    try:
        entries = parse_po_bytes(blob, name).entries
    except TransflowError:
        return 0
    return sum(count_words(entry.msgid) for entry in entries if entry.translated and entry.msgid)


def _translated_words_now(config: Config, paths: list[str]) -> int:
    total = 0
    for path in paths:
        try:
            total += _entry_words((config.root / path).read_bytes(), path)
        except OSError:
            continue
    return total


def _translated_words_at(config: Config, commit: str, paths: list[str]) -> int:
    """Source words of the translated entries of ``paths`` as ``commit`` holds them."""
    request = "".join(f"{commit}:{path}\n" for path in paths).encode("utf-8")
    output = _git(config, "cat-file", "--batch", stdin=request)
    if not output:
        return 0
    words = 0
    position = 0
    for path in paths:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue  # "missing": the file did not exist then
        size = int(header[2])
        blob = output[position : position + size]
        position += size + 1
        words += _entry_words(blob, f"{path}@{commit[:8]}")
    return words
