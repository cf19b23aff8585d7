"""``transflow status``: where every language, document and segment stands.

Status across a project reads sources and PO files and reuses what has not changed:

Each (document, language) result is cached under the hashes of the exact source bytes,
the segmentation settings and the PO bytes, so a repeated run only hashes files; any
change of content, not of file times, brings the work back.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import astuple, dataclass, replace
from pathlib import Path
from typing import Literal

from .. import __version__
from ..config import Config
from ..errors import TransflowError
from ..manifest import BuildRecord, manifest_path, read_manifest
from ..model import unit_ids
from ..pofile import PoEntry, parse_po_bytes, read_po
from ..project import (
    Confinement,
    Project,
    Source,
    load_document,
    parse_source,
    po_path,
    read_review,
    read_source,
    review_path,
    unit_approvals,
    write_if_changed,
)
from ..tally import (
    Counts,
    SegmentRow,
    SegmentState,
    add_up,
    count_rows,
    live_entries,
    obsolete_count,
    segment_rows,
)
from . import Progress, no_progress
from .check import unit_errors

StatusView = Literal["languages", "document-languages", "documents", "segments"]


@dataclass(frozen=True)
class StatusOptions:
    document: str | None = None  # one document (with one language: its segments)
    languages: tuple[str, ...] = ()  # none: every target language
    states: frozenset[SegmentState] | None = None  # the segment view shows only these
    errors_only: bool = False  # the segment view shows only units with check errors
    review: str | None = None  # "reviewed" or "unreviewed": the segment view shows only those


@dataclass(frozen=True)
class LanguageRow:
    code: str
    counts: Counts
    unreadable: int  # documents that could not be read in this language


@dataclass(frozen=True)
class DocumentRow:
    state: DocumentState
    note: str | None  # "no PO yet", "stale: ..."; the error for an unreadable document
    build: str | None  # what the last build did: built, preview, stale, skipped, error


@dataclass
class StatusResult:
    """One view of the project's status; which rows are filled depends on ``view``."""

    view: StatusView
    title: str
    totals: Counts
    document: str | None = None
    language: str | None = None
    language_rows: list[LanguageRow] | None = None
    document_rows: list[DocumentRow] | None = None
    segment_rows: list[SegmentRow] | None = None
    problems: list[TransflowError] | None = None

    @property
    def percents(self) -> dict[str, float]:
        """Percent done per row, by the row's name (what --fail-under compares)."""
        if self.language_rows is not None:
            return {row.code: row.counts.percent for row in self.language_rows}
        if self.document_rows is not None:
            return {
                row.state.source.path: row.state.counts.percent
                for row in self.document_rows
                if row.state.counts is not None
            }
        return {self.document or "": self.totals.percent}


def status(project: Project, options: StatusOptions, progress: Progress = no_progress) -> StatusResult:
    """The view the options ask for: languages, one language's documents, one document's
    languages, or one document's segments in one language."""
    config = project.config
    chosen = project.languages(options.languages)
    target = project.find_source(options.document) if options.document else None
    problems: list[TransflowError] = []
    one_language = len(chosen) == 1 and bool(options.languages)  # drill down only when asked
    if target is not None and one_language:
        result = segment_view(config, target, chosen[0], options.states, options.errors_only, options.review)
        result.problems = problems
        return result
    selected = [target] if target else project.sources
    cache = StatusCache(cache_path(config))
    by_language: dict[str, list[DocumentState]] = {code: [] for code in chosen}
    with progress(len(selected), "status") as advance:
        for state in survey(config, selected, chosen, cache):
            by_language[state.language].append(state)
            if state.language == chosen[-1]:
                advance()
    cache.save(keep_unused=target is not None or len(chosen) < len(config.languages))
    problems += [state.error for states in by_language.values() for state in states if state.error]
    if one_language and target is None:
        published = read_manifest(manifest_path(config.build_path))
        document_rows = [_document_row(state, published) for state in by_language[chosen[0]]]
        return StatusResult(
            "documents",
            config.project_name,
            add_up(row.state.counts for row in document_rows if row.state.counts),
            language=chosen[0],
            document_rows=document_rows,
            problems=problems,
        )
    language_rows = [
        LanguageRow(
            code,
            add_up(state.counts or Counts(documents=1) for state in states),
            sum(1 for state in states if state.error),
        )
        for code, states in by_language.items()
    ]
    return StatusResult(
        "document-languages" if target else "languages",
        f"{target.path}: every language"
        if target
        else f"{config.project_name}: {len(project.sources)} documents",
        add_up(row.counts for row in language_rows),
        document=target.path if target else None,
        language_rows=language_rows,
        problems=problems,
    )


def _document_row(state: DocumentState, published: dict[tuple[str, str], BuildRecord]) -> DocumentRow:
    record = published.get((state.source.path, state.language))
    build = None if record is None else ("preview" if record.preview else record.status)
    if state.counts is None:
        return DocumentRow(state, str(state.error), build)
    notes = [] if state.po_exists else ["no PO yet"]
    if record is not None and record.status == "stale":
        notes.append("stale: published output is behind, see build/manifest.json")
    return DocumentRow(state, "; ".join(notes) or None, build)


def segment_view(
    config: Config,
    source: Source,
    language: str,
    states: frozenset[SegmentState] | None,
    errors_only: bool = False,
    review: str | None = None,
) -> StatusResult:
    """One row per unit of ``source`` in ``language``; the totals count every unit."""
    document = load_document(config, source)
    path = po_path(config, language, source)
    Confinement(config.root).check(path, path.relative_to(config.root))
    entries = read_po(path).entries if path.exists() else []
    approved = unit_approvals(document, entries, read_review(config, language, source))
    rows = segment_rows(document.units, live_entries(entries), approved)
    errors = unit_errors(config, document, entries, language)
    rows = [replace(row, errors=errors[index]) if index in errors else row for index, row in enumerate(rows)]
    counts = count_rows(rows, obsolete_count(entries, {unit.msgid for unit in document.units}))
    counts = replace(counts, errors=sum(1 for row in rows if row.errors and not row.repetition))
    shown = [
        row
        for row in rows
        if (states is None or row.state in states)
        and (not errors_only or row.errors)
        and (review is None or (row.reviewer is not None) == (review == "reviewed"))
    ]
    return StatusResult(
        "segments", source.path, counts, document=source.path, language=language, segment_rows=shown
    )


CACHE_FORMAT = 4


@dataclass(frozen=True)
class DocumentState:
    """One document in one language: its counts, or the error that prevented them."""

    source: Source
    language: str
    po_path: Path  # relative to the project root
    po_exists: bool
    counts: Counts | None
    error: TransflowError | None = None


class StatusCache:
    """Counts by content hash, in one JSON file under .transflow/.

    A cache may make status faster, never different: a file that is damaged, of another
    version, or whose checksum or counts do not add up is ignored whole (the run is only
    slower), and an entry is used only when its counts are consistent.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.stored: dict[str, list[int]] = {}
        self.used: dict[str, list[int]] = {}
        if path is not None and path.is_file():
            try:
                self.stored = _verified_counts(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError, RecursionError):
                self.stored = {}  # a damaged cache is only a slower run

    def get(self, key: str) -> Counts | None:
        values = self.stored.get(key)
        if values is None:
            return None
        self.used[key] = values
        return Counts(*values)

    def put(self, key: str, counts: Counts) -> None:
        self.used[key] = list(astuple(counts))

    def save(self, keep_unused: bool) -> None:
        """Write what this run used (and, for a partial run, what it did not touch)."""
        if self.path is None:
            return
        counts = {**self.stored, **self.used} if keep_unused else self.used
        if counts == self.stored:
            return
        ordered = dict(sorted(counts.items()))
        payload = {
            "format": CACHE_FORMAT,
            "version": __version__,
            "check": _checksum(ordered),
            "counts": ordered,
        }
        with contextlib.suppress(OSError, TransflowError):  # a read-only project still gets its status
            write_if_changed(self.path, json.dumps(payload, separators=(",", ":")))


_COUNT_FIELDS = len(astuple(Counts()))


def _checksum(counts: dict[str, list[int]]) -> str:
    canonical = json.dumps(counts, separators=(",", ":"), sort_keys=True).encode("utf-8")
    return hashlib.blake2b(canonical, digest_size=16).hexdigest()


def _verified_counts(data: object) -> dict[str, list[int]]:
    """The cached counts if the file is ours, whole and consistent; else nothing."""
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT or data.get("version") != __version__:
        return {}
    counts = data.get("counts")
    if not isinstance(counts, dict) or data.get("check") != _checksum(counts):
        return {}
    for values in counts.values():
        if not _consistent(values):
            return {}
    return counts


def _consistent(values: object) -> bool:
    """Counts of one document in one language, as ``tally.count_rows`` makes them."""
    if not isinstance(values, list) or len(values) != _COUNT_FIELDS:
        return False
    if not all(type(value) is int and value >= 0 for value in values):
        return False
    counts = Counts(*values)
    return (
        counts.documents == 1
        and counts.finished == int(counts.complete)
        and counts.new <= counts.untranslated
        and counts.repetition_words <= counts.words
        and counts.errors <= counts.translated + counts.fuzzy
        and counts.reviewed <= counts.translated
        and counts.reviewed_words <= counts.translated_words
    )


def cache_path(config: Config) -> Path:
    return config.root / ".transflow" / "status-cache.json"


def _digest(*parts: bytes) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.hexdigest()


def survey(
    config: Config, sources: Sequence[Source], languages: Sequence[str], cache: StatusCache
) -> Iterator[DocumentState]:
    """Status of every (source, language), one document at a time (memory stays flat)."""
    settings = repr((config.segmentation(), sorted(config.formats.items()), config.checks, config.skip))
    settings_bytes = settings.encode("utf-8")
    confinement = Confinement(config.root)
    for source in sources:
        yield from _survey_document(config, source, languages, cache, settings_bytes, confinement)


def _survey_document(
    config: Config,
    source: Source,
    languages: Sequence[str],
    cache: StatusCache,
    settings: bytes,
    confinement: Confinement,
) -> Iterator[DocumentState]:
    try:
        raw = read_source(config, source)
    except TransflowError as error:
        for language in languages:
            yield _error_state(config, source, language, error)
        return
    source_key = _digest(settings, raw)
    document = None
    ids: list[str] | None = None  # the units' ids, the same in every language
    for language in languages:
        path = po_path(config, language, source)
        relative = path.relative_to(config.root)
        try:
            confinement.check(path, relative)
            po_bytes = path.read_bytes()
        except TransflowError as error:
            yield _error_state(config, source, language, error)
            continue
        except FileNotFoundError:
            po_bytes = None
        except OSError as error:
            yield _error_state(
                config, source, language, TransflowError(f"cannot read PO: {error.strerror}", path=relative)
            )
            continue
        review_file = review_path(config, language, source)
        try:
            review_bytes = review_file.read_bytes() if review_file.is_file() else b""
        except OSError:
            review_bytes = b""
        po_key = _digest(po_bytes) if po_bytes is not None else "-"
        key = f"{source_key}:{po_key}:{_digest(review_bytes) if review_bytes else '-'}"
        counts = cache.get(key)
        if counts is None:
            try:
                entries = _read_entries(po_bytes, relative)
                document = parse_source(config, raw, source.path) if document is None else document
                records = read_review(config, language, source) if review_bytes else []
            except TransflowError as error:
                yield _error_state(config, source, language, error)
                continue
            ids = unit_ids(document.units) if ids is None else ids
            approved = unit_approvals(document, entries, records)
            rows = segment_rows(document.units, live_entries(entries), approved, ids)
            counts = count_rows(rows, obsolete_count(entries, {unit.msgid for unit in document.units}))
            errors = unit_errors(config, document, entries, language)
            if errors:
                counts = replace(counts, errors=sum(1 for i in errors if not rows[i].repetition))
            cache.put(key, counts)
        yield DocumentState(source, language, relative, po_bytes is not None, counts)


def _read_entries(po_bytes: bytes | None, relative: Path) -> list[PoEntry]:
    return [] if po_bytes is None else parse_po_bytes(po_bytes, relative).entries


def _error_state(config: Config, source: Source, language: str, error: TransflowError) -> DocumentState:
    path = po_path(config, language, source)
    return DocumentState(source, language, path.relative_to(config.root), path.exists(), None, error)
