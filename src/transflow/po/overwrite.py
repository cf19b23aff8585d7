"""Writing over a translator's file with the least change: each unchanged entry keeps its
own lines byte for byte; changed and new ones take the file's line endings and wrapping."""

from __future__ import annotations

import array
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..errors import PoSyntaxError
from .model import EntryKey, PoEntry, PoFile, msgmerge_fields, written_order
from .read import PLAIN_ENTRY, parse_po, plain_entry, read_entries
from .write import PAGE_WIDTH, UNLIMITED, LayoutMemo, format_entry, format_po, header_absent, ordered_flags


@dataclass(frozen=True)
class FileStyle:
    """How a PO file on disk is laid out, for the entries transflow writes into it."""

    newline: str = "\n"
    page_width: int = PAGE_WIDTH  # UNLIMITED: no wrapping (msgcat --no-wrap, some editors)


_STRING_LINE = re.compile(r'^(?:#~\|? |#\| )?(?:msg\S* )?"[^\r\n]*', re.MULTILINE)
_WIDE = PAGE_WIDTH + 1
# A string line wider than gettext's page, after a line break: one search per way a string
# line starts, each from a literal, reads each line once (a third of the time of listing
# every string line, and no copy of them).
_WIDE_STRING_LINES = tuple(
    re.compile(pattern)
    for pattern in (
        rf'\n"[^\r\n]{{{_WIDE - 1}}}',
        rf'\nmsg(?=\S* ")[^\r\n]{{{_WIDE - 3}}}',
        rf'\n#~(?=\|? (?:msg\S* )?")[^\r\n]{{{_WIDE - 2}}}',
        rf'\n#\|(?= (?:msg\S* )?")[^\r\n]{{{_WIDE - 2}}}',
    )
)
# a string line continued on the next one, where the first does not end with a \n escape
# and is not the empty first piece (msgid "")
_WRAPPED = re.compile(r'(?<!\\n)(?<!")"\r?\n(?:#~\|? |#\| )?"')


def detect_style(text: str) -> FileStyle:
    """The file's line endings and wrapping: gettext's 79 columns, a wider page, or none."""
    newline = "\r\n" if "\r\n" in text else "\n"
    first = _STRING_LINE.match(text)
    if (first is None or first.end() <= PAGE_WIDTH) and not any(
        wide.search(text) for wide in _WIDE_STRING_LINES
    ):
        return FileStyle(newline)
    longest = max((match.end() - match.start() for match in _STRING_LINE.finditer(text)), default=0)
    return FileStyle(newline, longest if _WRAPPED.search(text) else UNLIMITED)


# a run of lines that are not blank, with their line endings: one entry as gettext tools write it
_CHUNK = re.compile(r"(?:[^\S\r\n]*\S[^\r\n]*(?:\r\n|\n|\r|\Z))+")


def _chunks(text: str) -> list[tuple[int, int]]:
    """Where the file is cut at blank lines: one span per entry as gettext tools write them
    (spans, not strings: a second copy of a large file is not needed)."""
    return [match.span() for match in _CHUNK.finditer(text)]


class Misread(Exception):
    """A piece written over a translator's file does not read back as its entry."""


def format_po_like(
    po: PoFile, old_text: str, layouts: LayoutMemo | None = None, old: PoFile | None = None
) -> str:
    """``po`` written over ``old_text`` with the least change: the old text itself when no
    entry but the header changed (unless in the fields msgmerge would copy from the
    template: ``MSGMERGE_FIELDS``); otherwise each unchanged entry keeps its own lines byte for
    byte and changed or new entries take the file's line endings and wrapping.

    Whatever this writes is read back and must give ``po`` exactly; if not (a file laid out
    in a way the chunking misreads), the whole file is written in gettext's layout instead.
    A byte order mark the file starts with is kept.
    """
    try:
        return "".join(po_pieces_like(po, old_text, layouts, old))
    except Misread:
        return format_po(po, layouts)


def po_pieces_like(
    po: PoFile, old_text: str, layouts: LayoutMemo | None = None, old: PoFile | None = None
) -> Iterator[str]:
    """``format_po_like``'s text a piece at a time, each piece read back as it is made:
    Misread (raised part way) means the file must be written with ``po_pieces`` instead.

    A piece is one entry: it must read, alone, as exactly that entry, start a new entry and
    end with a string line, so that the pieces together read as the entries in order."""
    if old_text.startswith("\ufeff"):
        yield "\ufeff"
        yield from po_pieces_like(po, old_text[1:], layouts, old)
        return
    if old is None:  # ``old``: ``old_text`` already parsed, when the caller has it
        try:
            old = parse_po(old_text)
        except PoSyntaxError:
            raise Misread from None
    ordered = written_order(po)
    if _same_entries(written_order(old), ordered) and msgmerge_fields(old) == msgmerge_fields(po):
        yield old_text
        return
    style = detect_style(old_text)
    in_file = (
        [old.header, *old.entries] if old.header.msgstr or old.header.translator_comments else old.entries
    )
    read = old.spans
    read_whole = read is not None and read[0] == len(old_text) and len(read[1]) == 2 * len(in_file)
    bounds: Sequence[int]  # where each entry's chunk starts and ends, two numbers per entry
    if read is not None and read_whole:
        # each entry as the reader read it whole: its text reads back as itself, by construction
        bounds = read[1]
        entries = in_file
    else:
        chunks = _chunks(old_text)
        if len(chunks) == len(in_file):
            # one chunk per entry, in file order (what gettext tools write): no parsing
            # needed; reading each piece back catches a file laid out otherwise
            entries = in_file
        else:
            chunks, entries = _entries_of(old_text, chunks)
        bounds = array.array("q", itertools.chain.from_iterable(chunks))
        del chunks
    kept = {_key(entry): position for position, entry in enumerate(entries)}  # key -> its chunk
    skipped = int(header_absent(po.header))
    for index, entry in enumerate(ordered):
        if index < skipped:
            continue
        position = kept.get(_key(entry))
        if position is not None and _same_entry(entries[position], entry):
            start, end = bounds[2 * position], bounds[2 * position + 1]
            piece = old_text[start:end]
            if not piece.endswith("\n"):
                piece += style.newline
            if not read_whole:
                _check_piece(piece, entry, index == 0)
        else:
            piece = format_entry(entry, layouts, style.page_width)
            if style.newline != "\n":
                piece = piece.replace("\n", style.newline)
            _check_piece(piece, entry, index == 0)
        if index > skipped:
            yield style.newline
        yield piece


def _entries_of(text: str, chunks: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[PoEntry]]:
    """Each entry the chunks hold, with its chunk (a chunk may hold more than one)."""
    spans, entries = [], []
    for span in chunks:
        for entry in _chunk_entry(text[span[0] : span[1]]):
            spans.append(span)
            entries.append(entry)
    return spans, entries


def _same_entry(first: PoEntry, second: PoEntry) -> bool:
    return first == second or _canonical(first) == _canonical(second)


def _key(entry: PoEntry) -> EntryKey | tuple[None, EntryKey]:
    """An entry's identity in a file: its key, set apart when it is obsolete (no live key
    is a pair that starts with None)."""
    return (None, entry.key) if entry.obsolete else entry.key


_LAST_LINE_OF_AN_ENTRY = re.compile(r'(?:#~ ?)?(?:msgstr(?:\[\d+\])? |")')


def _check_piece(piece: str, expected: PoEntry, header: bool) -> None:
    """Raise Misread unless ``piece`` reads as exactly ``expected`` and no more, starting an
    entry (not a string continued from before) and ending with a string line (not a comment
    the next entry would take)."""
    lines = piece.splitlines()
    if not lines or lines[0].startswith('"') or not _LAST_LINE_OF_AN_ENTRY.match(lines[-1]):
        raise Misread
    found = _chunk_entry(piece)
    if not found:
        raise Misread
    read = found[0]
    if header and (read.msgid != "" or read.msgctxt is not None):
        raise Misread
    if not _same_entry(read, expected):
        raise Misread


def _chunk_entry(chunk: str) -> list[PoEntry]:
    """The entry a chunk holds, when it holds exactly one (read whole at once when it is
    an entry as gettext tools write them, else by the full reader)."""
    match = PLAIN_ENTRY.match(chunk)
    if match is not None and match.end() == len(chunk):
        entry = plain_entry(match, "<chunk>")
        if entry is not None:
            return [entry]
    try:
        parsed = read_entries(chunk, "<chunk>")
    except PoSyntaxError:
        return []
    return parsed if len(parsed) == 1 else []


def _same_entries(first: list[PoEntry], second: list[PoEntry]) -> bool:
    """The same entries, headers aside, as gettext reads them: flags in gettext's order,
    references unique."""
    if len(first) != len(second):
        return False
    pairs = zip(itertools.islice(first, 1, None), itertools.islice(second, 1, None), strict=True)
    return all(_same_entry(a, b) for a, b in pairs)


def _canonical(entry: PoEntry) -> PoEntry:
    flags = ordered_flags(entry.flags, filled=entry.filled, obsolete=entry.obsolete) if entry.flags else []
    return entry.evolve(flags=flags, references=list(dict.fromkeys(entry.references)))
