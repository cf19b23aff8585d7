"""What ``transflow status`` shows: tables for people, schema transflow.status/1 for machines."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..commands.status import DocumentRow, LanguageRow, StatusResult
from ..languages import LanguageLabel
from ..tally import STATES, Counts, SegmentRow, add_up
from .common import BAR_WIDTH, counts_json, language_json, language_label, percent_bar

STATUS_SCHEMA = "transflow.status/1"
STATE_STYLES = {"translated": "green", "fuzzy": "yellow", "untranslated": "red", "new": "magenta"}


def status_table(result: StatusResult, width: int = 80, plain: bool = False) -> RenderableType:
    """The table of the result's view, with its title, for a screen ``width`` columns wide
    (``plain``: a pipe or file, where bidi isolates would show as characters)."""
    if result.language_rows is not None:
        table = languages_table(result.language_rows, result.title, width, plain)
        return _with_drafts(table, add_up(row.counts for row in result.language_rows))
    if result.document_rows is not None:
        assert result.language is not None
        title = f"{language_label(result.language, isolate=not plain)}: {result.title}"
        counted = [row.state.counts for row in result.document_rows if row.state.counts is not None]
        return _with_drafts(documents_table(result.document_rows, title, width), add_up(counted))
    assert result.segment_rows is not None and result.language is not None
    counts = result.totals
    title = f"{result.title} — {language_label(result.language, isolate=not plain)}: "
    title += f"{counts.percent:.1f}% of {counts.words} words"
    if counts.obsolete:
        title += f", {counts.obsolete} obsolete"
    return segments_table(result.segment_rows, title, width)


def _with_drafts(table: RenderableType, totals: Counts) -> RenderableType:
    """Machine drafts apart from the other fuzzy units: a line under the table."""
    if not totals.machine:
        return table
    note = Text(
        f"of the fuzzy segments, {totals.machine} are machine drafts nobody has read yet (update --mt)",
        style="yellow",
    )
    return Group(table, note)


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
        payload.update(counts_json(state.measured))  # unreadable: never finished
        payload["finished"] = False
    else:
        payload.update(counts_json(state.counts))
        payload["finished"] = state.counts.complete
    payload["build"] = row.build
    return payload


def _pair(segments: int, words: int, fit: _Fit | None = None) -> str:
    return f"{segments} · {words}" if fit is None or fit.pairs else str(words)


# what the headers become when the table must give up width before the names do
_SHORT_HEADERS = {"translated": "transl.", "untranslated": "untransl.", "reviewed": "reviewed"}


def _pair_header(name: str, fit: _Fit) -> str:
    shown = _SHORT_HEADERS.get(name, name) if fit.short_headers else name
    return f"{shown}\nsegs · words" if fit.pairs else f"{shown}\nwords"


@dataclass(frozen=True)
class _Fit:
    """How much a table gives up to fit the width: the label's form, the bar, the path length."""

    label: str = "long"  # "long" (fr — French — Français), "short" (fr Français) or "code"
    bar: int = BAR_WIDTH
    path: int = 60  # longest document path shown whole; longer ones lose their middle
    pairs: bool = True  # segments and words; False: words only
    short_headers: bool = False  # "transl.", "untransl.", "done", "errors"


# From the fullest down, giving up first what people need least: the long language label, the
# bar, the segment counts beside the words, the headers' length, the native name; the document
# path goes last, and then only as much of it as the other columns need.
_FITS = (
    _Fit(),
    _Fit("short"),
    _Fit("short", 6),
    _Fit("short", 4),
    _Fit("short", 0),
    _Fit("short", 0, pairs=False),
    _Fit("short", 0, pairs=False, short_headers=True),
    _Fit("code", 0, pairs=False, short_headers=True),
)
_NARROWEST_PATH = 12
_HEADER = "document"


def _fitted(make: Callable[[_Fit], Table], width: int) -> Table:
    """The first table, from the fullest down, whose rows fit ``width`` columns unwrapped; when
    none does, the last with its document paths cut to the room the other columns leave."""
    measurer = Console(width=100_000, file=io.StringIO(), color_system=None)
    table = make(_FITS[-1])
    for fit in _FITS:
        table = make(fit)
        if measurer.measure(table).maximum <= width:
            return table
    if not table.columns or table.columns[0].header != _HEADER:
        return table
    # with every path cut to the header's width, the path column is exactly that wide
    base = measurer.measure(make(replace(_FITS[-1], path=len(_HEADER)))).maximum
    room = max(_NARROWEST_PATH, width - base + len(_HEADER))
    return make(replace(_FITS[-1], path=room))


def elide_path(path: str, limit: int) -> str:
    """``path`` within ``limit`` characters. The folders before the last give way first
    (``…/2024/letter.txt``), then the middle of the file name, its last folder and extension
    kept (``2024/nikaia-…-letter.txt``); a path with no room for that loses its middle."""
    if len(path) <= limit:
        return path
    parts = path.split("/")
    if len(parts) > 2 and len(parts[-2]) + len(parts[-1]) + 3 <= limit:
        return "…/" + "/".join(parts[-2:])
    folder = parts[-2] + "/" if len(parts) > 1 else ""
    name = parts[-1]
    stem, dot, extension = name.rpartition(".")
    kept_end = (dot + extension) if stem and len(extension) <= 5 else ""
    room = limit - len(folder) - len(kept_end) - 1  # for the stem's two ends and the ellipsis
    if room >= 6:
        body = name[: len(name) - len(kept_end)]
        front = (room + 1) // 2
        back = room - front
        return f"{folder}{body[:front]}…{body[len(body) - back :] if back else ''}{kept_end}"
    half = (limit - 1) // 2
    return f"{path[:half]}…{path[len(path) - (limit - 1 - half) :]}"


def _label(code: str, form: str, plain: bool) -> str:
    if form == "long":
        return language_label(code, isolate=not plain)
    if form == "short":
        native = LanguageLabel.of(code).native
        rtl = LanguageLabel.of(code).rtl and not plain
        return f"{code} {chr(0x2068) + native + chr(0x2069) if rtl else native}"
    return code


def _counts_columns(table: Table, totals: Counts, with_documents: bool, fit: _Fit) -> None:
    if with_documents:
        table.add_column(
            "docs\ndone", justify="right", footer=f"{totals.finished}/{totals.documents}", no_wrap=True
        )
    for state in STATES:
        words = getattr(totals, f"{state}_words")
        table.add_column(
            _pair_header(state, fit),
            justify="right",
            footer=_pair(getattr(totals, state), words, fit),
            header_style=STATE_STYLES[state],
            no_wrap=True,
        )
    if totals.reviewed:  # a column only once a reviewer has approved something
        table.add_column(
            _pair_header("reviewed", fit),
            justify="right",
            footer=_pair(totals.reviewed, totals.reviewed_words, fit),
            header_style="blue",
            no_wrap=True,
        )
    table.add_column(
        "done" if fit.short_headers else "words\ndone",
        footer=percent_bar(totals.percent, fit.bar),
        no_wrap=True,
        justify="right",
    )
    if totals.errors:  # a column only when a check error is there to show
        table.add_column(
            "errors" if fit.short_headers else "check\nerrors",
            justify="right",
            footer=str(totals.errors),
            header_style="red",
            no_wrap=True,
        )


def _counts_cells(counts: Counts, with_documents: bool, totals: Counts, fit: _Fit) -> list[RenderableType]:
    cells: list[RenderableType] = [f"{counts.finished}/{counts.documents}"] if with_documents else []
    cells += [_pair(getattr(counts, state), getattr(counts, f"{state}_words"), fit) for state in STATES]
    if totals.reviewed:
        cells.append(_pair(counts.reviewed, counts.reviewed_words, fit))
    cells.append(percent_bar(counts.percent, fit.bar))
    if totals.errors:
        cells.append(Text(str(counts.errors), style="red" if counts.errors else ""))
    return cells


def _table(title: str) -> Table:
    return Table(
        title=title,
        title_justify="left",
        show_footer=True,
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
        collapse_padding=True,
    )


def languages_table(rows: Sequence[LanguageRow], title: str, width: int = 80, plain: bool = False) -> Table:
    """One row per language, fitted to ``width`` columns (``plain``: no bidi isolates, for pipes)."""
    totals = add_up(row.counts for row in rows)

    def make(fit: _Fit) -> Table:
        table = _table(title)
        table.add_column("language", footer="total", no_wrap=True)
        _counts_columns(table, totals, True, fit)
        for row in rows:
            label = Text(_label(row.code, fit.label, plain))
            if row.unreadable:
                label.append(
                    f"\n{row.unreadable} unreadable document{'s' * (row.unreadable > 1)}", style="red"
                )
            table.add_row(label, *_counts_cells(row.counts, True, totals, fit))
        return table

    return _fitted(make, width)


def documents_table(rows: Sequence[DocumentRow], title: str, width: int = 80) -> RenderableType:
    """One row per document, fitted to ``width``; notes on their own line, errors in full below."""
    errors: list[Text] = []
    totals = add_up(row.state.counts for row in rows if row.state.counts is not None)
    for row in rows:
        if row.state.counts is None:
            errors.append(Text(f"error: {row.note}", style="red"))

    def make(fit: _Fit) -> Table:
        table = _table(title)
        table.add_column(_HEADER, footer="total", no_wrap=True)
        _counts_columns(table, totals, False, fit)
        for row in rows:
            path, counts, note = elide_path(row.state.source.path, fit.path), row.state.counts, row.note
            if counts is None:
                table.add_row(path, "", "", "", Text("error", style="red"))  # said in full below
                continue
            label: RenderableType = Text(path)
            if note:  # a note takes the column's width and wraps: it never widens the column
                label = Group(label, Padding(_Wrapping(Text(note, style="dim")), (0, 0, 0, 2)))
            table.add_row(label, *_counts_cells(counts, False, totals, fit))
        return table

    table = _fitted(make, width)
    return Group(table, *errors) if errors else table


class _Wrapping:
    """Text that wraps to the room its column has, and asks the column for no room of its own."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, 1)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        self.text.no_wrap = False
        self.text.overflow = "fold"
        yield self.text


def segments_table(rows: Sequence[SegmentRow], title: str, width: int = 80) -> RenderableType:
    """One row per unit in document order, the whole source and translation wrapped: side by
    side from 100 columns, stacked one above the other below that."""
    if not rows:
        return Group(Text(title), Text("No segment is in the state asked for.", style="dim"))
    if width >= 100:
        table = Table(title=title, title_justify="left", expand=True, box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("state", no_wrap=True)
        table.add_column("words", justify="right", no_wrap=True)
        table.add_column("source", ratio=1, overflow="fold")
        table.add_column("translation", ratio=1, overflow="fold")
        for row in rows:
            table.add_row(str(row.number), _state_cell(row), _words(row), row.unit.msgid, row.translation)
        return table
    lines: list[RenderableType] = [Text(title), Text("")]
    for row in rows:
        head = Text(f"{row.number:>3}  ")
        head.append_text(_state_cell(row, sep="  "))
        head.append(f"  {_words(row)} words  {row.unit_id}", style="dim")
        lines.append(head)
        lines.append(Padding(Text(row.unit.msgid), (0, 0, 0, 5)))
        if row.translation:
            lines.append(Padding(Text(row.translation, style="cyan"), (0, 0, 0, 5)))
    return Group(*lines)


def _words(row: SegmentRow) -> str:
    return f"{row.words} rep." if row.repetition else str(row.words)


def _state_cell(row: SegmentRow, sep: str = "\n") -> Text:
    state = Text(row.state, style=STATE_STYLES[row.state])
    if row.reviewer is not None:
        state.append(f"{sep}reviewed by {row.reviewer} {row.reviewed_on}", style="blue")
    if row.errors:
        state.append(f"{sep}error: {', '.join(row.errors)}", style="bold red")
    if row.draft:
        state.append(f"{sep}{row.draft}", style="yellow")
    return state


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
        "errors": list(row.errors),
        "reviewed": None if row.reviewer is None else {"by": row.reviewer, "date": row.reviewed_on},
        "draft": row.draft or None,  # a fuzzy unit transflow drafted: "machine draft", "memory suggestion"
    }
