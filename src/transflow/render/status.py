"""What ``transflow status`` shows: tables for people, schema transflow.status/1 for machines."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..commands.status import DocumentRow, LanguageRow, StatusResult
from ..tally import STATES, Counts, SegmentRow, add_up
from .common import BAR_WIDTH, counts_json, language_json, language_label, percent_bar

STATUS_SCHEMA = "transflow.status/1"
STATE_STYLES = {"translated": "green", "fuzzy": "yellow", "untranslated": "red", "new": "magenta"}


def status_table(result: StatusResult) -> RenderableType:
    """The table of the result's view, with its title."""
    if result.language_rows is not None:
        return languages_table(result.language_rows, result.title)
    if result.document_rows is not None:
        assert result.language is not None
        return documents_table(result.document_rows, f"{language_label(result.language)}: {result.title}")
    assert result.segment_rows is not None and result.language is not None
    counts = result.totals
    title = (
        f"{result.title} — {language_label(result.language)}: {counts.percent:.1f}% of {counts.words} words"
    )
    if counts.obsolete:
        title += f", {counts.obsolete} obsolete"
    return segments_table(result.segment_rows, title)


def status_json(result: StatusResult) -> dict[str, object]:
    """The result's view as schema transflow.status/1."""
    payload: dict[str, object] = {"schema": STATUS_SCHEMA, "view": result.view}
    if result.view == "segments":
        payload["document"] = result.document
        payload["language"] = language_json(result.language or "")
        payload["rows"] = [segment_json(row) for row in result.segment_rows or []]
    elif result.document_rows is not None:
        payload["language"] = language_json(result.language or "")
        payload["rows"] = [_document_json(row) for row in result.document_rows]
    else:
        payload["rows"] = [
            {"language": language_json(row.code), **counts_json(row.counts), "errors": row.unreadable}
            for row in result.language_rows or []
        ]
        if result.document is not None:
            payload["document"] = result.document
    payload["totals"] = counts_json(result.totals)
    return payload


def _document_json(row: DocumentRow) -> dict[str, object]:
    state = row.state
    payload: dict[str, object] = {
        "document": state.source.path,
        "po": state.po_path.as_posix(),
        "po_exists": state.po_exists,
    }
    if state.counts is None:
        payload["error"] = str(state.error)
    else:
        payload.update(counts_json(state.counts))
        payload["finished"] = state.counts.complete
    payload["build"] = row.build
    return payload


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


def languages_table(rows: Sequence[LanguageRow], title: str) -> Table:
    """One row per language."""
    totals = add_up(row.counts for row in rows)
    table = _table(title)
    table.add_column("language", footer="total", overflow="fold", min_width=10)
    _counts_columns(table, totals, with_documents=True)
    for row in rows:
        label = Text(language_label(row.code))
        if row.unreadable:
            label.append(f"\n{row.unreadable} unreadable document{'s' * (row.unreadable > 1)}", style="red")
        table.add_row(label, *_counts_cells(row.counts, with_documents=True))
    return table


def documents_table(rows: Sequence[DocumentRow], title: str) -> RenderableType:
    """One row per document; errors in full below."""
    errors: list[Text] = []
    totals = add_up(row.state.counts for row in rows if row.state.counts is not None)
    table = _table(title)
    table.add_column("document", footer="total", overflow="fold", min_width=12)
    _counts_columns(table, totals, with_documents=False)
    for row in rows:
        path, counts, note = row.state.source.path, row.state.counts, row.note
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
