"""GFM tables of a translated Markdown document, padded again where translations made
their columns uneven: a source whose pipes line up gets an output whose pipes line up.

Pure functions over the rows' text (the line without its ending). A table is padded
again only when its source was aligned and its translated rows are not (an untranslated
table, or translations of the same widths, come out byte for byte); each column then
takes the width of its widest cell, never less than the source gave it, with the
source's margins and the delimiter row's alignment (``:--`` left, ``--:`` right,
``:-:`` centred). Widths are display widths: a CJK character takes two columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..linebreak import display_width

_PIPE = re.compile(r"(?<!\\)\|")  # a cell boundary: a pipe that is not escaped
_PREFIX = re.compile(r"(?:[ \t]*>)*[ \t]*")  # quote markers and indentation before a row
_DELIMITER_CELL = re.compile(r"[ \t]*:?-+:?[ \t]*")


@dataclass(frozen=True)
class _Row:
    prefix: str  # what stands before the row: indentation, "> "
    cells: list[str]  # the text between pipes, spaces included
    leading: bool  # a pipe opens the row
    trailing: bool  # a pipe closes it
    tail: str  # whitespace after the row

    def render(self, cells: list[str]) -> str:
        body = "|".join(cells)
        return f"{self.prefix}{'|' if self.leading else ''}{body}{'|' if self.trailing else ''}{self.tail}"


def _row(line: str, prefix: str) -> _Row | None:
    if not line.startswith(prefix):
        return None
    body = line[len(prefix) :].rstrip()
    tail = line[len(prefix) + len(body) :]
    parts = _PIPE.split(body)
    leading = body.startswith("|")
    if leading:
        parts = parts[1:]
    trailing = len(parts) > 1 and parts[-1] == "" and body.endswith("|")
    if trailing:
        parts = parts[:-1]
    return _Row(prefix, parts, leading, trailing, tail)


def _rows(lines: list[str]) -> list[_Row] | None:
    """The rows of a table (header, delimiter, body), or None when they are not all of one
    shape: one prefix (the delimiter row's), one cell count, pipes at the same ends."""
    if len(lines) < 2:
        return None
    prefix_match = _PREFIX.match(lines[1])
    prefix = prefix_match.group(0) if prefix_match else ""
    rows = [_row(line, prefix) for line in lines]
    first = rows[0]
    if first is None or any(
        row is None
        or len(row.cells) != len(first.cells)
        or (row.leading, row.trailing) != (first.leading, first.trailing)
        for row in rows
    ):
        return None
    found = [row for row in rows if row is not None]
    if not all(_DELIMITER_CELL.fullmatch(cell) for cell in found[1].cells):
        return None
    return found


def aligned(lines: list[str]) -> bool:
    """The table's rows are all of one shape and their pipes line up."""
    rows = _rows(lines)
    return rows is not None and _aligned(rows)


def _aligned(rows: list[_Row]) -> bool:
    """Every column's cells take the same width on every row: the pipes line up."""
    widths = [display_width(cell) for cell in rows[0].cells]
    return all([display_width(cell) for cell in row.cells] == widths for row in rows[1:])


def _leading_spaces(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))


def _trailing_spaces(text: str) -> int:
    return len(text) - len(text.rstrip(" \t"))


def repadded(source_lines: list[str], lines: list[str]) -> list[str] | None:
    """The translated table's rows padded again like its source, or None to leave them as
    they are (the source was not aligned, the output still is, or their shapes differ)."""
    source, output = _rows(source_lines), _rows(lines)
    if source is None or output is None or len(source[0].cells) != len(output[0].cells):
        return None
    if not _aligned(source) or _aligned(output):
        return None
    source_text = [cell for row in _text_rows(source) for cell in row.cells if cell.strip()]
    margin = min((_leading_spaces(cell) for cell in source_text), default=1)
    text_rows = _text_rows(output)
    widths = []
    for column, (source_cell, delimiter) in enumerate(zip(source[0].cells, output[1].cells, strict=True)):
        widest = max(display_width(row.cells[column].strip()) for row in text_rows) + 2 * margin
        shortest_delimiter = len(delimiter) - len(delimiter.strip("-")) + 1  # its spaces, colons, a dash
        widths.append(max(display_width(source_cell), widest, shortest_delimiter))
    rendered = []
    for index, row in enumerate(output):
        if index == 1:
            cells = [_delimiter(cell, width) for cell, width in zip(row.cells, widths, strict=True)]
        else:
            cells = [
                " " * margin
                + _aligned_text(cell.strip(), width - 2 * margin, _alignment(delimiter))
                + " " * margin
                for cell, width, delimiter in zip(row.cells, widths, output[1].cells, strict=True)
            ]
        rendered.append(row.render(cells))
    return rendered


def _text_rows(rows: list[_Row]) -> list[_Row]:
    """The header and body rows: all but the delimiter row."""
    return [rows[0], *rows[2:]]


def _alignment(delimiter: str) -> str:
    """``:--`` or ``--`` left, ``--:`` right, ``:-:`` centre."""
    marks = delimiter.strip()
    if marks.endswith(":"):
        return "center" if marks.startswith(":") else "right"
    return "left"


def _delimiter(cell: str, width: int) -> str:
    """A delimiter cell widened (or narrowed) to ``width`` with dashes, its spaces and colons kept."""
    marks = cell.strip()
    before, after = _leading_spaces(cell), _trailing_spaces(cell)
    opening, closing = (":" if marks.startswith(":") else ""), (":" if marks.endswith(":") else "")
    dashes = "-" * (width - before - after - len(opening) - len(closing))
    return f"{' ' * before}{opening}{dashes}{closing}{' ' * after}"


def _aligned_text(content: str, width: int, alignment: str) -> str:
    room = width - display_width(content)
    if alignment == "right":
        return " " * room + content
    if alignment == "center":
        return " " * (room // 2) + content + " " * (room - room // 2)
    return content + " " * room
