"""Plain-text statements: blocks separated by blank lines, units inside blocks.

A block whose lines fill the width is a hard-wrapped paragraph (one text); a block of
short, independent lines (slogans, a signature, list items) gives one unit per line.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import NamedTuple

from ..linebreak import display_width
from ..model import Block, Document, Unit
from ..segment import normalize, split_sentences, trim_span
from .common import Format, Segmentation, skip_matcher

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")
_LIST_MARKER = re.compile(
    r"[ \t]*(?:[-*+\u2022\u2013\u2014]|\d{1,3}[.)]|[a-z]\)|\(\d{1,3}\)|\([a-z]\))[ \t]+(?=\S)"
)
_TERMINAL_PUNCTUATION = tuple(".!?:;,…。！？;")
_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b")
_LINE_BREAKS_AS_SPACES = str.maketrans("\r\n", "  ")
_WRAP_MIN_WIDTH = 40
_SHORT_LINE = 80


class _Line(NamedTuple):
    start: int  # offset of the first character
    end: int  # offset just past the content (line ending excluded)
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.replace("\ufeff", "").strip()


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    if "\r" not in text:  # the usual case, without the regular expression
        start = 0
        for content in text.split("\n"):
            lines.append(_Line(start, start + len(content), content))
            start += len(content) + 1
        if not lines[-1].text:  # what follows the final newline (or an empty text)
            lines.pop()
        return lines
    return _lines_matched(text)


def _lines_matched(text: str) -> list[_Line]:
    """Lines ending in CR LF, LF or CR."""
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


def _continues_a_sentence(lines: list[_Line]) -> bool:
    """Some line ends mid-sentence: no closing punctuation, and the next starts lowercase."""
    for line, following in itertools.pairwise(lines):
        ending = line.text.rstrip()
        if not ending.endswith(_TERMINAL_PUNCTUATION) and following.text.lstrip()[:1].islower():
            return True
    return False


def _dominant_newline(text: str) -> str:
    """The line ending used most; on a tie, the one met first."""
    both = text.count("\r\n")
    counts = {"\r\n": both, "\n": text.count("\n") - both, "\r": text.count("\r") - both}
    most, second = sorted(counts.values(), reverse=True)[:2]
    if most == 0:
        return "\n"
    if most > second:
        return max(counts, key=counts.__getitem__)
    endings: Counter[str] = Counter(re.findall(r"\r\n|\n|\r", text))
    return endings.most_common(1)[0][0]


def _lead_in_apart(lines: list[_Line]) -> list[list[_Line]]:
    """A list written right under its lead-in line ("The KKE demands:" then "1. ...") is two
    blocks: the lead-in, then the list, whose markers stay out of the units."""
    if len(lines) < 3 or _LIST_MARKER.match(lines[0].text):
        return [lines]
    first_item = next((index for index, line in enumerate(lines) if _LIST_MARKER.match(line.text)), None)
    if first_item is None or first_item > 2:
        return [lines]
    items = lines[first_item:]
    if sum(1 for line in items if _LIST_MARKER.match(line.text)) < 2:
        return [lines]
    return [lines[:first_item], items]


_LABELLED = re.compile(r"\S:\s+\S|@|://|www\.")  # "Contact: press@example.org" is no heading


def _block_kind(lines: list[_Line], kind: str, number: int, count: int, following: list[_Line] | None) -> str:
    """Refine "paragraph"/"lines" into title, heading, date or signature for context: a
    title is the first block only; a heading is short, ends with no stop, is no "label: value"
    line and stands before a paragraph."""
    texts = [line.text.strip() for line in lines]
    short = all(len(text) <= _SHORT_LINE for text in texts)
    is_last = number == count and number > 1
    if is_last and short and kind in ("paragraph", "lines") and not texts[-1].endswith(_TERMINAL_PUNCTUATION):
        return "signature"
    if kind != "paragraph" or len(lines) != 1 or not short:
        return kind
    if _DATE.search(texts[0]) and len(texts[0].split()) <= 5:
        return "date"
    if texts[0].endswith(_TERMINAL_PUNCTUATION):
        return kind
    if number == 1:
        return "title"
    if _LABELLED.search(texts[0]) or len(texts[0].split()) > 12:
        return kind
    followed_by_text = following is not None and (
        len(following) > 1 or len(following[0].text.strip()) > _SHORT_LINE // 2
    )
    return "heading" if followed_by_text else kind


def _context(kind: str, block: int, part: int, parts: int, sentence: int, sentences: int) -> str:
    if kind in ("list", "lines"):
        name = "list item" if kind == "list" else "line"
        place = f"{name} {part} of {parts}, block {block}"
    elif kind in ("title", "signature", "date"):
        place = kind if parts == 1 else f"{kind}, line {part} of {parts}"
    else:
        place = f"{kind} {block}"
    if sentences > 1:
        place += f", sentence {sentence} of {sentences}"
    return place


def segment_text(text: str, path: str, segmentation: Segmentation) -> Document:
    """Cut a decoded plain-text source into blocks and units."""
    lines = _lines(text)
    raw_blocks = [part for block in _blocks(lines) for part in _lead_in_apart(block)]
    blocks: list[Block] = []
    units: list[Unit] = []
    skipped = skip_matcher(segmentation.skip)
    if skipped is not None:  # lines that are code, not text, stay in the skeleton
        raw_blocks = [block for block in raw_blocks if not all(skipped(line.text) for line in block)]
    for number, block_lines in enumerate(raw_blocks, start=1):
        spans, kind, wrapped = _block_spans(text, block_lines)
        following = raw_blocks[number] if number < len(raw_blocks) else None
        kind = _block_kind(block_lines, kind, number, len(raw_blocks), following)
        unit_kind = {"list": "list item", "lines": "line"}.get(kind, kind)
        width = max(display_width(line.text.rstrip()) for line in block_lines)
        indent = ""
        if wrapped:
            indent = block_lines[1].text[: len(block_lines[1].text) - len(block_lines[1].text.lstrip())]
        blocks.append(Block(number, kind, block_lines[0].start, block_lines[-1].end, wrapped, width, indent))
        index = 0
        for part, (start, end) in enumerate(spans, start=1):
            sentences = [(start, end)]
            if segmentation.unit == "sentence":
                # Line breaks inside a span are layout: hide them from the segmenter
                # without moving any offset.
                flat = text[start:end]
                if "\n" in flat or "\r" in flat:
                    flat = flat.translate(_LINE_BREAKS_AS_SPACES)
                sentences = [
                    (start + s, start + e)
                    for s, e in split_sentences(flat, segmentation.language, segmentation.abbreviations)
                ]
            for sentence, (unit_start, unit_end) in enumerate(sentences, start=1):
                index += 1
                unit_text = text[unit_start:unit_end]
                context = _context(kind, number, part, len(spans), sentence, len(sentences))
                units.append(
                    Unit(
                        unit_start,
                        unit_end,
                        unit_text,
                        normalize(unit_text),
                        unit_kind,
                        number,
                        index,
                        context,
                    )
                )
    return Document(path, text, _dominant_newline(text), tuple(blocks), tuple(units))


def _block_spans(text: str, lines: list[_Line]) -> tuple[list[tuple[int, int]], str, bool]:
    """Text spans of a block, with the block kind and whether it is hard-wrapped."""
    if _LIST_MARKER.match(lines[0].text):
        items: list[tuple[int, int]] = []
        for line in lines:
            marker = _LIST_MARKER.match(line.text)
            if marker or not items:
                start = line.start + (marker.end() if marker else 0)
                items.append(trim_span(text, start, line.end))
            else:
                items[-1] = (items[-1][0], trim_span(text, line.start, line.end)[1])
        return items, "list", False
    if len(lines) == 1 or _is_wrapped(lines) or _continues_a_sentence(lines):
        return [trim_span(text, lines[0].start, lines[-1].end)], "paragraph", len(lines) > 1
    return [trim_span(text, line.start, line.end) for line in lines], "lines", False


FORMAT = Format("text", segment_text, lambda unit, translation, inner: translation)
