"""Reassembly and the publishing gate, as pure functions.

A localized document is its source skeleton with unit texts replaced. Untranslated
units fall back to the source text (optionally marked). A hard-wrapped paragraph whose
text changed is rewrapped to the source's width in display columns; one whose units all
fell back is kept byte for byte, so a preview with no translations equals the source.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from .errors import MarkupError
from .evaluate import Evaluation
from .formats import restore_unit, splice
from .linebreak import (
    break_opportunities,
    display_width,
    line_break_class,
    may_break_before,
    one_column_text,
    pair_verdict,
)
from .model import Block, Document, parents
from .tally import Counts, SegmentRow


@dataclass(frozen=True)
class Gate:
    """Which documents a build may publish."""

    min_percent: float | None = None  # build at or above this share of words, filling from the source
    preview: bool = False  # build everything, falling back to the source
    marker: str | None = None  # "{text}" template that makes fallback units visible
    require_review: bool = False  # a translation counts only once a reviewer approved it

    @property
    def mode(self) -> str:
        if self.preview:
            mode = "preview" + (f" marked {self.marker}" if self.marker else "")
        elif self.min_percent is not None:
            mode = f"min-percent {self.min_percent:g}"
        else:
            mode = "finished"
        return mode + (", reviewed" if self.require_review else "")


def shortfall(counts: Counts) -> str:
    """Why a document is not finished, in words a coordinator reads."""
    parts = []
    if counts.new:
        parts.append("PO is older than source: run transflow update")
    if counts.fuzzy:
        parts.append(f"{counts.fuzzy} fuzzy")
    untranslated = counts.untranslated - counts.new
    if untranslated:
        parts.append(f"{untranslated} untranslated")
    if counts.new:
        parts.append(f"{counts.new} new")
    return ", ".join(parts)


def admits(gate: Gate, counts: Counts) -> bool:
    if gate.preview or counts.complete:
        return True
    return gate.min_percent is not None and counts.percent >= gate.min_percent


@dataclass(frozen=True)
class Verdict:
    """What the gate decides for one document in one language, from its evaluation."""

    counts: Counts  # a translation that may not be published counts as untranslated
    published: tuple[str | None, ...]  # per unit, the translation that goes out (None: the source)
    problems: tuple[str, ...]  # error lines: translations that cannot go back into their markup
    reason: str  # why it is not finished ("" when it is)
    admitted: bool


def decide(gate: Gate, evaluation: Evaluation, ids: Sequence[str]) -> Verdict:
    """The gate over one evaluation: translated units free of check errors (and approved,
    where review is required) go out; every other unit is built from the source."""
    held = evaluation.held_back(gate.require_review)
    markup: list[str] = []
    failing: list[str] = []
    unreviewed = 0
    for index, why in held.items():
        errors = evaluation.errors(index)
        if "markup" in errors:
            message = next(f.message for f in evaluation.findings[index] if f.check == "markup")
            markup.append(f"segment {index + 1}: {message}")
        elif errors:
            failing.append(f"{', '.join(errors)} (unit {ids[index]})")
        elif why == "unreviewed" and not evaluation.facts.repeated[index]:
            unreviewed += 1
    counts = evaluation.gate_counts(gate.require_review)
    published = tuple(
        evaluation.translation(index) if state == "translated" and index not in held else None
        for index, state in enumerate(evaluation.states)
    )
    reason = _reason(counts, markup, failing, unreviewed)
    return Verdict(counts, published, tuple(markup), reason, admits(gate, counts))


def _reason(counts: Counts, markup_problems: list[str], check_problems: list[str], unreviewed: int) -> str:
    if unreviewed:
        rest = _reason(
            replace(counts, untranslated=counts.untranslated - unreviewed), markup_problems, check_problems, 0
        )
        return f"{unreviewed} unreviewed" + (f", {rest}" if rest else "")
    if check_problems:
        listed = ", ".join(check_problems[:3]) + (", ..." if len(check_problems) > 3 else "")
        rest = shortfall(replace(counts, untranslated=counts.untranslated - len(check_problems)))
        return f"{len(check_problems)} check error{'s' * (len(check_problems) > 1)}: {listed}" + (
            f"; {rest}" if rest else ""
        )
    reason = shortfall(counts)
    if markup_problems:
        reason += f" ({len(markup_problems)} with broken markup: {markup_problems[0]})"
    return reason


def unit_texts(
    document: Document,
    published: Sequence[str | None],
    marker: str | None,
    restored: Mapping[int, str] | None = None,
) -> list[str | None]:
    """Replacement text per unit: the published translation, a marked fallback, or None
    (keep the source). ``restored`` holds what translations restore to where known.

    Nested units (an HTML attribute inside a run) are done first and spliced into their
    parent, whose text then carries them.
    """
    units = document.units
    parent_of = parents(units)
    children: dict[int, list[int]] = {}
    for index, parent in enumerate(parent_of):
        if parent is not None:
            children.setdefault(parent, []).append(index)
    texts: list[str | None] = [None] * len(units)
    for index in sorted(range(len(units)), key=lambda i: (parent_of[i] is None, i)):
        unit, translation = units[index], published[index]
        inner = {
            (units[j].start, units[j].end): text
            for j in children.get(index, [])
            if (text := texts[j]) is not None
        }
        if translation is not None:
            done = None if inner or restored is None else restored.get(index)
            texts[index] = done if done is not None else restore_unit(unit, translation, inner)
        elif marker:
            try:
                texts[index] = restore_unit(unit, marker.replace("{text}", unit.msgid), inner)
            except MarkupError:  # a marker the format cannot hold there: plain fallback
                texts[index] = splice(unit, inner) if inner else None
        elif inner:
            texts[index] = splice(unit, inner)
    return texts


def published_translations(rows: Sequence[SegmentRow]) -> list[str | None]:
    """The translations of translated rows (None for the rest): what goes out without a gate."""
    return [row.translation if row.state == "translated" else None for row in rows]


def render(document: Document, texts: Sequence[str | None]) -> str:
    """The document with its units replaced; ``None`` keeps a unit's source text."""
    # the top-level units in document order, in runs of one block each: a block's units are
    # rewrapped together, and a unit of another block between two of them (an HTML attribute
    # between two sentences) keeps its place (grouping by block put it after the second)
    runs: list[tuple[int, list[int]]] = []
    for index, (unit, parent) in enumerate(zip(document.units, parents(document.units), strict=True)):
        if parent is not None:  # a nested unit travels inside its parent's text
            continue
        if runs and runs[-1][0] == unit.block:
            runs[-1][1].append(index)
        else:
            runs.append((unit.block, [index]))
    blocks = {block.number: block for block in document.blocks}
    pieces: list[str] = []
    position = 0
    for number, indices in runs:
        block = blocks[number]
        if block.wrapped and any(texts[i] is not None for i in indices):
            first, last = document.units[indices[0]], document.units[indices[-1]]
            pieces.append(document.text[position : first.start])
            joined = " ".join(_text_or_msgid(texts[i], document.units[i].msgid) for i in indices)
            pieces.append(rewrap(joined, block, document.newline, _first_column(document, first.start)))
            position = last.end
            continue
        for index in indices:
            unit = document.units[index]
            pieces.append(document.text[position : unit.start])
            text = texts[index]
            pieces.append(unit.text if text is None else text.replace("\n", document.newline))
            position = unit.end
    pieces.append(document.text[position:])
    return "".join(pieces)


def _text_or_msgid(text: str | None, msgid: str) -> str:
    return msgid if text is None else text


def _first_column(document: Document, offset: int) -> int:
    line_start = max(document.text.rfind("\n", 0, offset), document.text.rfind("\r", 0, offset)) + 1
    return display_width(document.text[line_start:offset])


def rewrap(text: str, block: Block, newline: str, first_column: int) -> str:
    """Wrap ``text`` to the block's width; explicit newlines in it are kept."""
    indent_width = display_width(block.indent)
    lines: list[str] = []
    column = first_column
    for explicit_line in text.split("\n"):
        lines.extend(_fit(explicit_line, block.width, column, indent_width))
        column = indent_width
    return (newline + block.indent).join(lines)


# where a line may break after a run of spaces: (spaces' start, their end), or None
_BreakAt = Callable[[str, int], "tuple[int, int] | None"]
_NO_BREAK_BEFORE = frozenset(")]}!?,.:;/")  # closing, exclamation, infix and symbol classes
_NO_BREAK_AFTER = frozenset("([{")  # opening punctuation holds on to what follows, spaces or not


def _fit_one_column(
    text: str,
    width: int,
    first_column: int,
    next_column: int,
    break_at: _BreakAt | None = None,
) -> list[str]:
    """``_fit`` for text where a character is a column (ASCII, or ``one_column_text`` with
    ``break_at=_break_at_any``): from each line's start, the last break within the width is
    looked for backwards (``rfind``), so the work is per line, not per word; a word longer
    than the width stands alone on its line."""
    breaks = _break_at if break_at is None else break_at
    lines: list[str] = []
    end = len(text.rstrip(" "))
    line_start = 0
    column = first_column
    while True:
        limit = line_start + width - column  # the furthest a line's text may reach
        if end <= limit:
            break
        cut = _last_break(text, line_start, limit, breaks)
        if cut is None:
            cut = _next_break(text, max(limit, line_start + 1), breaks)
            if cut is None:
                break
        lines.append(text[line_start : cut[0]])
        line_start, column = cut[1], next_column
    lines.append(text[line_start:end])
    return lines


def _break_at(text: str, space: int) -> tuple[int, int] | None:
    """(start, end) of the run of spaces holding ``space``, if a line may break after it:
    not after an opening bracket, not before closing, exclamation, infix or symbol
    punctuation, not between a quote and an opening bracket (UAX #14 for ASCII)."""
    start, end = _space_run(text, space)
    if start == 0 or end == len(text) or text[start - 1] in _NO_BREAK_AFTER or text[end] in _NO_BREAK_BEFORE:
        return None
    if text[end] in _NO_BREAK_AFTER and text[start - 1] in "\"'":
        return None
    return start, end


def _last_break(
    text: str, line_start: int, limit: int, break_at: _BreakAt = _break_at
) -> tuple[int, int] | None:
    """The last break whose spaces start after ``line_start`` and at or before ``limit``."""
    space = text.rfind(" ", line_start + 1, limit + 1)
    while space != -1:
        found = break_at(text, space)
        if found is not None and found[0] > line_start:
            return found if found[0] <= limit else None
        start = found[0] if found is not None else space
        while start > line_start and text[start - 1] == " ":
            start -= 1
        if start <= line_start + 1:
            return None
        space = text.rfind(" ", line_start + 1, start)
    return None


def _next_break(text: str, position: int, break_at: _BreakAt = _break_at) -> tuple[int, int] | None:
    """The first break whose spaces start at or after ``position``."""
    space = text.find(" ", position)
    while space != -1:
        found = break_at(text, space)
        if found is not None and found[0] >= position:
            return found
        end = space + 1
        while end < len(text) and text[end] == " ":
            end += 1
        space = text.find(" ", end)
    return None


def _break_at_any(text: str, space: int) -> tuple[int, int] | None:
    """``_break_at`` for any script: the run of spaces holding ``space``, if the full rules
    allow a break after it (the pair of characters around it decides, cached, unless a mark
    or joiner is one of them: then ``may_break_before`` looks back for its base)."""
    start, end = _space_run(text, space)
    if start == 0 or end == len(text):
        return None
    verdict = pair_verdict(text[start - 1], text[end], spaced=True)
    if verdict is None:
        verdict = may_break_before(text, end)
    return (start, end) if verdict else None


def _space_run(text: str, space: int) -> tuple[int, int]:
    """Where the run of spaces holding ``space`` starts and ends."""
    start = space
    while start > 0 and text[start - 1] == " ":
        start -= 1
    end = space + 1
    while end < len(text) and text[end] == " ":
        end += 1
    return start, end


def _fit(text: str, width: int, first_column: int, next_column: int) -> list[str]:
    """Greedy lines broken at spaces (and between ideographs), within ``width`` columns.

    Linear: the text is cut into pieces once (a word and the spaces after it), each piece
    measured once, and a line's width kept as a running sum; ASCII text needs positions only."""
    if not text:
        return [text]
    if text.isascii():
        return _no_block_starts(_fit_one_column(text, width, first_column, next_column))
    if one_column_text(text):
        # French, Greek, Cyrillic, Arabic...: a character is a column and lines break only
        # after spaces, as in ASCII: the line-at-a-time path, with each space's verdict
        # taken from the full rules for the characters around it
        return _no_block_starts(_fit_one_column(text, width, first_column, next_column, _break_at_any))
    allowed = break_opportunities(text)
    classes = [line_break_class(char) for char in text]
    cuts = [0]
    for index in range(1, len(text)):
        if allowed[index] and (
            text[index - 1] == " " or classes[index - 1] == "ID" or classes[index] == "ID"
        ):
            cuts.append(index)
    cuts.append(len(text))
    lines: list[str] = []
    line_start = 0  # where the current line starts in ``text``
    line_width = 0  # its width, trailing spaces included (they fall inside a longer line)
    column = first_column
    for start, end in itertools.pairwise(cuts):
        piece = text[start:end]
        bare = piece.rstrip(" ")
        piece_width = display_width(piece)
        spaces = len(piece) - len(bare)
        if start > line_start and column + line_width + piece_width - spaces > width:
            lines.append(text[line_start:start].rstrip(" "))
            line_start, line_width, column = start, 0, next_column
        line_width += piece_width
    lines.append(text[line_start:].rstrip(" "))
    return _no_block_starts(lines)


# A line that starts like this would begin a list item, a heading or a quote (in Markdown,
# and in plain text, where transflow reads list markers): never break a line before one.
_BLOCK_START = re.compile(r"(?:[-+*•–]\s|\d{1,3}[.)]\s|#{1,6}\s|>|=+$|-+$|\|)")


def _no_block_starts(lines: list[str]) -> list[str]:
    kept = lines[:1]
    for line in lines[1:]:
        if _BLOCK_START.match(line):
            kept[-1] = f"{kept[-1]} {line}"
        else:
            kept.append(line)
    return kept
