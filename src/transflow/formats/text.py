"""Plain-text statements: blocks separated by blank lines, units inside blocks.

A block whose lines fill the width is a hard-wrapped paragraph (one text); a block of
short, independent lines (slogans, a signature, list items) gives one unit per line.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..model import Block, Document, Unit
from ..segment import normalize, split_sentences, trim_span
from .common import Segmentation

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")
_LIST_MARKER = re.compile(r"[ \t]*(?:[-*+\u2022\u2013\u2014]|\d{1,3}[.)]|[a-z]\))[ \t]+(?=\S)")
_TERMINAL_PUNCTUATION = tuple(".!?:;…。！？;")
_WRAP_MIN_WIDTH = 40
_SHORT_LINE = 80


@dataclass(frozen=True)
class _Line:
    start: int  # offset of the first character
    end: int  # offset just past the content (line ending excluded)
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def display_width(text: str) -> int:
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) == "Cf":
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    for match in _LINE.finditer(text):
        if match.start() == match.end():
            break
        content = match.group(0).rstrip("\r\n")
        lines.append(_Line(match.start(), match.start() + len(content), content))
    return lines


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    blocks: list[list[_Line]] = []
    current: list[_Line] = []
    for line in lines:
        if line.blank:
            if current:
                blocks.append(current)
            current = []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _is_wrapped(lines: list[_Line]) -> bool:
    """Hard-wrapped: every line but the last is full, the next word would not fit."""
    if len(lines) < 2:
        return False
    widths = [display_width(line.text.rstrip()) for line in lines]
    width = max(widths)
    if width < _WRAP_MIN_WIDTH:
        return False
    for line_width, following in zip(widths, lines[1:], strict=False):
        next_word = following.text.split()[0]
        if line_width + 1 + display_width(next_word) <= width:
            return False
    return True


def _dominant_newline(text: str) -> str:
    endings = Counter(re.findall(r"\r\n|\n|\r", text))
    return endings.most_common(1)[0][0] if endings else "\n"


def _block_kind(lines: list[_Line], number: int, total: int, seen_title: bool) -> str:
    text = " ".join(line.text.strip() for line in lines)
    short = len(text) <= _SHORT_LINE and not text.endswith(_TERMINAL_PUNCTUATION)
    if len(lines) == 1 and short:
        if number == total and number > 1:
            return "signature"
        return "heading" if seen_title else "title"
    return "paragraph"


def segment_text(text: str, path: str, segmentation: Segmentation) -> Document:
    """Cut a decoded plain-text source into blocks and units."""
    lines = _lines(text)
    raw_blocks = _blocks(lines)
    blocks: list[Block] = []
    units: list[Unit] = []
    seen_title = False
    for number, block_lines in enumerate(raw_blocks, start=1):
        spans, kind, unit_kind, wrapped = _block_spans(text, block_lines)
        if kind == "paragraph":
            kind = _block_kind(block_lines, number, len(raw_blocks), seen_title)
            unit_kind = kind
        seen_title = seen_title or kind == "title"
        width = max(display_width(line.text.rstrip()) for line in block_lines)
        indent = ""
        if wrapped:
            indent = block_lines[1].text[: len(block_lines[1].text) - len(block_lines[1].text.lstrip())]
        blocks.append(
            Block(number, kind, block_lines[0].start, block_lines[-1].end, wrapped, width, indent)
        )
        unit_spans: list[tuple[int, int]] = []
        for start, end in spans:
            if segmentation.unit == "sentence":
                # Line breaks inside a span are layout: hide them from the segmenter
                # without moving any offset.
                flat = re.sub(r"[\r\n]", " ", text[start:end])
                unit_spans.extend(
                    (start + s, start + e)
                    for s, e in split_sentences(flat, segmentation.language, segmentation.abbreviations)
                )
            else:
                unit_spans.append((start, end))
        for index, (start, end) in enumerate(unit_spans, start=1):
            units.append(
                Unit(
                    start=start,
                    end=end,
                    text=text[start:end],
                    msgid=normalize(text[start:end]),
                    kind=unit_kind,
                    block=number,
                    index=index,
                    count=len(unit_spans),
                )
            )
    return Document(path, text, _dominant_newline(text), tuple(blocks), tuple(units))


def _block_spans(
    text: str, lines: list[_Line]
) -> tuple[list[tuple[int, int]], str, str, bool]:
    """Text spans of a block, with the block kind, the unit kind and wrapping."""
    if _LIST_MARKER.match(lines[0].text):
        items: list[tuple[int, int]] = []
        for line in lines:
            marker = _LIST_MARKER.match(line.text)
            if marker or not items:
                start = line.start + (marker.end() if marker else 0)
                items.append(trim_span(text, start, line.end))
            else:
                items[-1] = (items[-1][0], trim_span(text, line.start, line.end)[1])
        return items, "list", "list item", False
    if len(lines) == 1 or _is_wrapped(lines):
        return [trim_span(text, lines[0].start, lines[-1].end)], "paragraph", "paragraph", len(lines) > 1
    return [trim_span(text, line.start, line.end) for line in lines], "lines", "line", False
