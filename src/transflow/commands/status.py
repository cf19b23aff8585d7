"""``transflow status``: where every language, document and segment stands, from the survey
(``survey.py``: every document evaluated, unchanged ones from the caches)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..config import Config
from ..errors import TransflowError
from ..fileindex import FileIndex, index_path
from ..manifest import BuildRecord, manifest_path, read_manifest
from ..paths import Source, shown
from ..project import Project
from ..survey import DocumentState, StatusCache, cache_path, evaluate_document, survey_on_all_cores
from ..tally import Counts, SegmentRow, SegmentState, add_up
from . import Progress, no_progress

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
        if self.language_rows == [] or self.document_rows == []:
            return {"(nothing to measure)": 0.0}  # no language or no document: not done by absence
        if self.language_rows is not None:
            return {row.code: row.counts.percent for row in self.language_rows}
        if self.document_rows is not None:
            return {row.state.source.path: row.state.measured.percent for row in self.document_rows}
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
    index = FileIndex(config.root, index_path(config.root))
    by_language: dict[str, list[DocumentState]] = {code: [] for code in chosen}
    states = survey_on_all_cores(config, selected, chosen, cache, index)  # the child starts now
    with progress(len(selected), "status") as advance:
        for state in states:
            by_language[state.language].append(state)
            if state.language == chosen[-1]:
                advance()
    partial = target is not None or len(chosen) < len(config.languages)
    cache.save(keep_unused=partial)
    index.save(keep_unused=partial)
    problems += [state.error for states in by_language.values() for state in states if state.error]
    if one_language and target is None:
        manifest_file = manifest_path(config.build_path)
        published, notices = read_manifest(manifest_file, shown(config, manifest_file))
        problems += notices
        document_rows = [_document_row(state, published) for state in by_language[chosen[0]]]
        return StatusResult(
            "documents",
            config.project_name,
            add_up(row.state.measured for row in document_rows),
            language=chosen[0],
            document_rows=document_rows,
            problems=problems,
        )
    language_rows = [
        LanguageRow(
            code,
            add_up(state.measured for state in states),
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
    evaluation = evaluate_document(config, source, language)
    rows = evaluation.rows()
    counts = evaluation.counts
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
