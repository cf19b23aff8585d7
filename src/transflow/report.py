"""Rich renderables and JSON shapes for what the commands report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from .config import is_rtl, language_names
from .status import STATES, Counts, SegmentRow, add_up

if TYPE_CHECKING:  # each command imports only what it runs
    from .analyze import Analysis
    from .build import Gate
    from .catalog import MergeEvent
    from .publish import BuildRecord, BuildRun
    from .update import DocumentOutcome

MAX_LISTED = 20
UPDATE_SCHEMA = "transflow.update/1"
UPDATE_KINDS = ("kept", "new", "carried", "fuzzy", "memory", "memory-fuzzy", "revived", "obsoleted")
UPDATE_HEADERS = {"memory": "from\nmemory", "memory-fuzzy": "memory\nfuzzy", "obsoleted": "obsolete"}


def update_table(
    outcomes: Sequence[DocumentOutcome], dry_run: bool, limit: int = MAX_LISTED
) -> RenderableType:
    """Per document and language, what the merge did; then carry-overs and changed figures."""
    title = "transflow update (dry run: nothing written)" if dry_run else "transflow update"
    # the title stands above the table: as the table's own title it would wrap to a narrow table
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, show_footer=True)
    totals = _update_totals(outcomes)
    table.add_column("document", footer="total", overflow="fold")
    table.add_column("lang")
    # kinds nothing happened to in this run take no room
    kinds = [kind for kind in UPDATE_KINDS if kind in ("kept", "new") or totals[kind]]
    for kind in kinds:
        table.add_column(UPDATE_HEADERS.get(kind, kind), justify="right", footer=str(totals[kind]))
    shown = 0
    hidden = 0
    notes: list[RenderableType] = []
    for outcome in outcomes:
        if outcome.error:
            table.add_row(outcome.source.path, "", Text("error", style="red"))
            continue
        for language in outcome.languages:
            if language.error:
                table.add_row(outcome.source.path, language.language, Text("error", style="red"))
                continue
            changed = any(language.counts[kind] for kind in UPDATE_KINDS if kind != "kept")
            if not changed:
                continue
            if shown >= limit:
                hidden += 1
            else:
                table.add_row(
                    outcome.source.path,
                    language.language,
                    *(str(language.counts[kind]) for kind in kinds),
                )
                shown += 1
            for event in language.details:
                notes.append(_update_note(outcome.source.path, language.language, event))
    if hidden:
        table.caption = f"... and {hidden} more document/language pairs with changes"
    written = files_written(outcomes)
    lines: list[RenderableType] = [Text(title, style="italic"), table, *notes[: limit * 5]]
    if len(notes) > limit * 5:
        lines.append(Text(f"... and {len(notes) - limit * 5} more notes", style="dim"))
    lines.append(Text(f"{written} file(s) {'would be ' if dry_run else ''}written"))
    return Group(*lines)


def _update_totals(outcomes: Sequence[DocumentOutcome]) -> Counter[str]:
    totals = Counter[str]()
    for outcome in outcomes:
        for language in outcome.languages:
            totals.update(language.counts)
    return totals


def files_written(outcomes: Sequence[DocumentOutcome]) -> int:
    return sum(int(o.template_written) + sum(lang.written for lang in o.languages) for o in outcomes)


def update_json(
    outcomes: Sequence[DocumentOutcome], dry_run: bool, orphans: Sequence[str]
) -> dict[str, object]:
    """Everything the update table shows, unabridged: every event with its texts."""
    totals = _update_totals(outcomes)
    documents: list[dict[str, object]] = []
    for outcome in outcomes:
        languages: list[dict[str, object]] = []
        for language in outcome.languages:
            languages.append(
                {
                    "language": language.language,
                    "written": language.written,
                    "error": str(language.error) if language.error else None,
                    "counts": {kind: language.counts[kind] for kind in UPDATE_KINDS},
                    "events": [asdict(event) for event in language.details],
                }
            )
        documents.append(
            {
                "document": outcome.source.path,
                "units": outcome.units,
                "template_written": outcome.template_written,
                "error": str(outcome.error) if outcome.error else None,
                "languages": languages,
            }
        )
    return {
        "schema": UPDATE_SCHEMA,
        "dry_run": dry_run,
        "documents": documents,
        "totals": {kind: totals[kind] for kind in UPDATE_KINDS},
        "written": files_written(outcomes),
        "orphan_templates": list(orphans),
    }


def _update_note(path: str, language: str, event: MergeEvent) -> Text:
    style = {"carried": "green", "fuzzy": "yellow", "memory": "cyan", "memory-fuzzy": "yellow"}.get(
        event.kind, "red"
    )
    line = Text(f"{event.kind:12} ", style=style)
    line.append(f"{language} {path}: {_short(event.msgid)}")
    if event.kind in ("carried", "fuzzy") and event.previous is not None:
        line.append(f"  (was: {_short(_changed_part(event.previous, event.msgid))})", style="dim")
    if event.kind == "memory" and event.note:
        line.append(f"  (from {event.note})", style="dim")
    if event.kind in ("fuzzy", "memory-fuzzy") and event.note:
        line.append(f"  figures changed: {event.note}", style="bold yellow")
    return line


def _changed_part(old: str, new: str) -> str:
    """The old text from the first word that differs, so the change shows in a short line."""
    old_words, new_words = old.split(), new.split()
    same = 0
    while same < min(len(old_words), len(new_words)) and old_words[same] == new_words[same]:
        same += 1
    return ("… " if same else "") + " ".join(old_words[same:])


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# ---------------------------------------------------------------------------
# status

STATUS_SCHEMA = "transflow.status/1"
STATE_STYLES = {"translated": "green", "fuzzy": "yellow", "untranslated": "red", "new": "magenta"}
BAR_WIDTH = 8


def percent_bar(percent: float, width: int = BAR_WIDTH) -> Text:
    """A bar that reads without colour too: full blocks done, light shade to do."""
    done = int(percent * width / 100)
    bar = Text("█" * done, style="green")
    bar.append("░" * (width - done), style="dim")
    bar.append(f" {percent:5.1f}%")
    return bar


def language_label(code: str) -> str:
    """ "el — Greek — Ελληνικά"; a right-to-left name is isolated so it cannot reorder the row."""
    english, native = language_names(code)
    if is_rtl(code):
        native = f"\u2068{native}\u2069"
    return f"{code} — {english} — {native}"


def language_json(code: str) -> dict[str, str]:
    english, native = language_names(code)
    return {
        "code": code,
        "name": english,
        "native_name": native,
        "direction": "rtl" if is_rtl(code) else "ltr",
    }


def counts_json(counts: Counts) -> dict[str, object]:
    return {
        "documents": {"finished": counts.finished, "total": counts.documents},
        "segments": {
            "translated": counts.translated,
            "fuzzy": counts.fuzzy,
            "untranslated": counts.untranslated,
            "new": counts.new,
            "total": counts.segments,
            "obsolete": counts.obsolete,
        },
        "words": {
            "translated": counts.translated_words,
            "fuzzy": counts.fuzzy_words,
            "untranslated": counts.untranslated_words,
            "total": counts.words,
            "repetitions": counts.repetition_words,
        },
        "percent": round(counts.percent, 2),
    }


def _pair(segments: int, words: int) -> str:
    return f"{segments} · {words}"


def _counts_columns(table: Table, totals: Counts, with_documents: bool) -> None:
    if with_documents:
        table.add_column(
            "docs\ndone", justify="right", footer=f"{totals.finished}/{totals.documents}", no_wrap=True
        )
    for state in STATES:
        words = getattr(totals, f"{state}_words")
        table.add_column(
            f"{state}\nsegs · words",
            justify="right",
            footer=_pair(getattr(totals, state), words),
            header_style=STATE_STYLES[state],
            no_wrap=True,
        )
    table.add_column("words\ndone", footer=percent_bar(totals.percent), no_wrap=True, min_width=BAR_WIDTH + 7)


def _counts_cells(counts: Counts, with_documents: bool) -> list[RenderableType]:
    cells: list[RenderableType] = [f"{counts.finished}/{counts.documents}"] if with_documents else []
    cells += [_pair(getattr(counts, state), getattr(counts, f"{state}_words")) for state in STATES]
    cells.append(percent_bar(counts.percent))
    return cells


def _table(title: str) -> Table:
    return Table(
        title=title,
        title_justify="left",
        show_footer=True,
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
    )


def languages_table(rows: Sequence[tuple[str, Counts, int]], title: str) -> Table:
    """One row per language: (code, counts, errors)."""
    totals = add_up(counts for _, counts, _ in rows)
    table = _table(title)
    table.add_column("language", footer="total", overflow="fold", min_width=10)
    _counts_columns(table, totals, with_documents=True)
    for code, counts, errors in rows:
        label = Text(language_label(code))
        if errors:
            label.append(f"\n{errors} unreadable document{'s' * (errors > 1)}", style="red")
        table.add_row(label, *_counts_cells(counts, with_documents=True))
    return table


def documents_table(rows: Sequence[tuple[str, Counts | None, str | None]], title: str) -> RenderableType:
    """One row per document: (path, counts or None, error or note); errors in full below."""
    errors: list[Text] = []
    totals = add_up(counts for _, counts, _ in rows if counts is not None)
    table = _table(title)
    table.add_column("document", footer="total", overflow="fold", min_width=12)
    _counts_columns(table, totals, with_documents=False)
    for path, counts, note in rows:
        if counts is None:
            table.add_row(path, "", "", "", Text("error (below)", style="red"))
            errors.append(Text(f"error: {note}", style="red"))
            continue
        label = Text(path)
        if note:
            label.append(f" ({note})", style="dim")
        table.add_row(label, *_counts_cells(counts, with_documents=False))
    return Group(table, *errors) if errors else table


def segments_table(rows: Sequence[SegmentRow], title: str) -> Table:
    """One row per unit in document order, texts shortened to the width."""
    table = Table(title=title, title_justify="left", expand=True, box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("state", no_wrap=True)
    table.add_column("words", justify="right", no_wrap=True)
    table.add_column("source", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("translation", ratio=1, no_wrap=True, overflow="ellipsis")
    for row in rows:
        words = f"{row.words} rep." if row.repetition else str(row.words)
        table.add_row(
            str(row.number),
            Text(row.state, style=STATE_STYLES[row.state]),
            words,
            row.unit.msgid,
            row.translation,
        )
    return table


def segment_json(row: SegmentRow) -> dict[str, object]:
    return {
        "number": row.number,
        "ref": row.unit_id,
        "context": row.unit.context,
        "state": row.state,
        "words": row.words,
        "repetition": row.repetition,
        "source": row.unit.msgid,
        "translation": row.translation,
    }


# ---------------------------------------------------------------------------
# build

BUILD_SCHEMA = "transflow.build/1"
BUILD_STATES = ("built", "preview", "stale", "skipped", "error")


def _build_state(record: BuildRecord) -> str:
    return "preview" if record.status == "built" and record.preview else record.status


def build_summary(records: Sequence[BuildRecord]) -> dict[str, dict[str, int]]:
    summary: dict[str, dict[str, int]] = {}
    for record in records:
        counts = summary.setdefault(record.language, dict.fromkeys(BUILD_STATES, 0))
        counts[_build_state(record)] += 1
    return summary


def build_table(records: Sequence[BuildRecord], run: BuildRun, gate: Gate) -> RenderableType:
    """Per language: built / preview / stale / skipped; then why each skip or stale."""
    table = Table(
        title=f"transflow build ({gate.mode})", title_justify="left", box=box.SIMPLE_HEAD, show_edge=False
    )
    table.add_column("language", overflow="fold")
    for state in BUILD_STATES:
        table.add_column(state, justify="right")
    for language, counts in build_summary(records).items():
        table.add_row(language_label(language), *(str(counts[state]) for state in BUILD_STATES))
    notes: list[RenderableType] = [table]
    worth_saying = [
        r for r in records if _build_state(r) in ("stale", "error", "skipped", "preview") and r.reason
    ]
    # stale and errors first: they are what a publisher must act on
    worth_saying.sort(key=lambda r: ("stale", "error", "skipped", "preview").index(_build_state(r)))
    for listed, record in enumerate(worth_saying):
        state = _build_state(record)
        if listed >= MAX_LISTED and state not in ("stale", "error"):
            notes.append(Text(f"... and {len(worth_saying) - listed} more: see manifest.json", style="dim"))
            break
        line = Text(f"{state:8} ", style={"stale": "yellow", "error": "red"}.get(state, "dim"))
        line.append(f"{record.language} {record.document}: {record.reason}")
        notes.append(line)
    written = len(run.written) - sum(1 for name in run.written if name.endswith("manifest.json"))
    notes.append(Text(f"{written} file(s) written, {len(run.removed)} removed"))
    return Group(*notes)


def build_json(
    run: BuildRun, records: Sequence[BuildRecord], output_root: Path, root: Path
) -> dict[str, object]:
    return {
        "schema": BUILD_SCHEMA,
        "manifest": (output_root / "manifest.json").relative_to(root).as_posix()
        if output_root.is_relative_to(root)
        else str(output_root / "manifest.json"),
        "summary": build_summary(records),
        "written": run.written,
        "removed": run.removed,
        "documents": [asdict(record) for record in sorted(records, key=lambda record: record.key)],
    }


# ---------------------------------------------------------------------------
# analyze


def analyze_table(results: dict[str, Analysis], title: str) -> Table:
    from .analyze import BANDS, Analysis

    table = Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        show_footer=True,
        pad_edge=False,
    )
    table.add_column("lang", footer="total", no_wrap=True)
    totals = Analysis()
    for analysis in results.values():
        totals.add(analysis)
    table.add_column("done", justify="right", footer=str(totals.translated))
    for band in BANDS:
        header = {"repetitions": "rep.", "no match": "none"}.get(band, band.rstrip("%"))
        table.add_column(header, justify="right", footer=str(totals.bands[band]))
    table.add_column("to do", justify="right", footer=str(totals.to_translate))
    table.add_column("all", justify="right", footer=str(totals.total))
    table.caption = "words by match band (%); rep. = repeated in this batch"
    for code, analysis in results.items():
        table.add_row(
            code,
            str(analysis.translated),
            *(str(analysis.bands[band]) for band in BANDS),
            str(analysis.to_translate),
            str(analysis.total),
        )
    return table
