"""Catalogs other tools made (po4a, Weblate, a CAT tool) as memory for transflow's units.

po4a's msgids are whole paragraphs with their line breaks (a list is one msgid, so is a table,
a trailing ``\\n`` stays); transflow's are sentences, cells and items, whitespace normalised. A
memory entry is offered as what it is, normalised, and also cut into the pieces transflow's
units are: table cells by row and column, list items by their markers, sentences by our
segmenter, paired by the aligner. A pairing is kept only
when it is certain (as many pieces on both sides, every bead one-to-one), so that a memory
hit, which fills a unit as translated, never carries a guess. Pure functions.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .align import Bead, align
from .po import PoEntry
from .segment import split_sentences

_ITEM = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+", re.MULTILINE)
_CERTAIN = 0.2  # the least score a bead of a certain pairing may have
_LIKELY = 0.1  # the least score of a bead offered as a suggestion


def carried_entries(entries: Iterable[PoEntry], source_language: str, language: str) -> Iterator[PoEntry]:
    """``entries`` as memory for transflow: each translated entry normalised, then its table
    cells, its list items and its sentences when they pair up for certain."""
    for entry in entries:
        if _translated(entry):
            yield from _cut(entry, source_language, language)[0]


def likely_pairs(
    entries: Iterable[PoEntry], source_language: str, language: str
) -> Iterator[tuple[str, str]]:
    """The sentence pairs of paragraphs (or list items) that do not pair up for certain (a
    translator merged two sentences, split one): each one-to-one bead the aligner is fairly
    sure of, to offer as a fuzzy suggestion."""
    for entry in entries:
        if _translated(entry):
            yield from _cut(entry, source_language, language)[1]


def _translated(entry: PoEntry) -> bool:
    return bool(entry.msgid and entry.msgstr) and entry.msgid_plural is None and not entry.fuzzy


def _cut(entry: PoEntry, source_language: str, language: str) -> tuple[list[PoEntry], list[tuple[str, str]]]:
    """One translated entry as memory entries (itself normalised, its cells, items and certain
    sentence pairs) and likely sentence pairs; every piece's sentences are aligned once."""
    source, translation = _normalised(entry.msgid), _normalised(entry.msgstr)
    memory = [
        entry.evolve(msgid=source, msgstr=translation)
        if (source, translation) != (entry.msgid, entry.msgstr)
        else entry
    ]
    suggestions: list[tuple[str, str]] = []

    def piece(msgid: str, msgstr: str) -> PoEntry:
        return PoEntry(msgid=msgid, msgstr=msgstr, obsolete=entry.obsolete)

    memory += [piece(*pair) for pair in _cell_pairs(entry.msgid, entry.msgstr)]
    items = _item_pairs(entry.msgid, entry.msgstr)
    for item_source, item_translation in items:
        memory.append(piece(item_source, item_translation))
        certain, likely = _sentence_pairs(item_source, item_translation, source_language, language)
        memory += [piece(*pair) for pair in certain]
        suggestions += likely
    # a paragraph and the list that follows it, as one po4a msgid: block by block
    blocks = [] if items else _block_pairs(entry.msgid, entry.msgstr, source_language, language)
    for block_source, block_translation in blocks:
        memory.append(piece(block_source, block_translation))
        certain, likely = _sentence_pairs(block_source, block_translation, source_language, language)
        memory += [piece(*pair) for pair in certain]
        suggestions += likely
    certain, likely = _sentence_pairs(source, translation, source_language, language)
    memory += [piece(*pair) for pair in certain]
    if not items and not blocks:  # a list's suggestions come from its items
        suggestions += likely
    return memory, suggestions


def _block_pairs(source: str, translation: str, source_language: str, language: str) -> list[tuple[str, str]]:
    """The blocks (paragraphs, list items) of a msgid and its translation read as Markdown,
    paired in order when both have as many of them (more than one)."""
    sources, translations = _markdown_blocks(source, source_language), _markdown_blocks(translation, language)
    if len(sources) < 2 or len(sources) != len(translations):
        return []
    return list(zip(sources, translations, strict=True))


def _markdown_blocks(text: str, language: str) -> list[str]:
    from .errors import TransflowError
    from .formats import Segmentation, parse_document

    try:
        document = parse_document(
            text.strip().encode("utf-8"),
            "memory.md",
            Segmentation(unit="paragraph", language=language.split("_")[0]),
        )
    except TransflowError:
        return []
    return [unit.msgid for unit in document.units]


def _normalised(text: str) -> str:
    return " ".join(text.split())


_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")
_DELIMITER_CELL = re.compile(r":?-+:?")


def _cell_pairs(source: str, translation: str) -> list[tuple[str, str]]:
    """A table msgid (po4a gives a GFM table as one) and its translation, cell by cell, when
    both have the same rows and columns."""
    source_rows, translated_rows = _table(source), _table(translation)
    if not source_rows or not translated_rows:
        return []
    if [len(r) for r in source_rows] == [len(r) for r in translated_rows]:
        rows = list(zip(source_rows, translated_rows, strict=True))
    else:
        # a translator added or dropped rows: the header row, then the rows whose first cell
        # (a name: a provider, a command) is the same on both sides
        translated_by_key = {row[0]: row for row in translated_rows[1:] if row}
        rows = [(source_rows[0], translated_rows[0])] + [
            (row, translated_by_key[row[0]]) for row in source_rows[1:] if row and row[0] in translated_by_key
        ]
    return [
        (cell, other)
        for row, other_row in rows
        if len(row) == len(other_row)
        for cell, other in zip(row, other_row, strict=True)
        if cell and other
    ]


def _table(text: str) -> list[list[str]]:
    lines = [line.strip() for line in text.strip().split("\n")]
    if len(lines) < 2 or not all(line.startswith("|") for line in lines):
        return []
    rows = []
    for line in lines:
        cells = [" ".join(cell.split()) for cell in _CELL_SEPARATOR.split(line.strip("|"))]
        if all(_DELIMITER_CELL.fullmatch(cell) for cell in cells if cell):
            continue  # the |---|:--:| row
        rows.append(cells)
    return rows


def _item_pairs(source: str, translation: str) -> list[tuple[str, str]]:
    """A list msgid and its translation, item by item, when both have the same items."""
    source_items, translated_items = _items(source), _items(translation)
    if not source_items or len(source_items) != len(translated_items):
        return []
    return list(zip(source_items, translated_items, strict=True))


def _items(text: str) -> list[str]:
    starts = [match.start() for match in _ITEM.finditer(text)]
    if not starts or starts[0] != 0:
        return []
    bounds = [*starts, len(text)]
    return [_normalised(_ITEM.sub("", text[a:b], count=1)) for a, b in itertools.pairwise(bounds)]


def _aligned_sentences(
    source: str, translation: str, source_language: str, language: str
) -> tuple[list[str], list[str], list[Bead]]:
    sources = _sentences(source, source_language)
    translations = _sentences(translation, language)
    if len(sources) < 2 and len(translations) < 2:
        return sources, translations, []
    return sources, translations, align(sources, translations, languages=(source_language, language))


def _sentences(text: str, language: str) -> list[str]:
    """A paragraph cut as our Markdown reader cuts a source (so the pieces are the msgids
    our units have: emphasis, links and abbreviations as it treats them); by the plain
    sentence splitter when it does not read as one Markdown paragraph."""
    from .errors import TransflowError
    from .formats import Segmentation, parse_document

    code = language.split("_")[0]
    try:
        document = parse_document(text.strip().encode("utf-8"), "memory.md", Segmentation(language=code))
    except TransflowError:
        document = None
    if document is not None and document.units and len({unit.block for unit in document.units}) == 1:
        return [unit.msgid for unit in document.units]
    return _emphasis_closed([text[a:b] for a, b in split_sentences(text, code)])


def _emphasis_closed(sentences: list[str]) -> list[str]:
    """Sentences with the emphasis a sentence closes kept in it: ``**Bold.** Next`` is cut
    after the full stop, leaving ``**`` at the start of the next one, where our Markdown units
    (and so the msgids to serve) have it at the end of the first."""
    fixed = list(sentences)
    for index in range(1, len(fixed)):
        for mark in ("**", "__", "*", "_"):
            previous, current = fixed[index - 1], fixed[index]
            if current.startswith(mark) and previous.rstrip().count(mark) % 2 == 1:
                fixed[index - 1] = previous.rstrip() + mark + previous[len(previous.rstrip()) :]
                fixed[index] = current[len(mark) :].lstrip()
                break
    return fixed


def _certain(sources: list[str], translations: list[str], beads: list[Bead]) -> bool:
    return len(sources) == len(translations) and all(
        len(b.source) == 1 and len(b.target) == 1 and b.score >= _CERTAIN for b in beads
    )


def _sentence_pairs(
    source: str, translation: str, source_language: str, language: str
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """A text's sentence pairs: all of them when they pair up for certain, else none, and the
    likely pairs instead. Runs of two and three consecutive beads are pairs too: where our
    segmentation keeps two sentences together (``**Bold.** Next``, an abbreviation), the unit
    is their joined text."""
    sources, translations, beads = _aligned_sentences(source, translation, source_language, language)
    if len(sources) < 2:
        return [], []
    if _certain(sources, translations, beads):
        return _with_runs(sources, translations, beads), []
    # every source sentence of a likely bead is offered the bead's translation: one sentence
    # translated as two gets both, two translated as one each get the one (a reviewer keeps each
    # sentence's part: a suggestion is never a translation)
    likely = [
        (sources[i], " ".join(translations[j].strip() for j in b.target))
        for b in beads
        if b.source and b.target and b.score >= _LIKELY
        for i in b.source
    ]
    return [], likely + _with_runs(
        sources, translations, [b for b in beads if b.score >= _LIKELY], single=False
    )


def _with_runs(
    sources: list[str], translations: list[str], beads: list[Bead], single: bool = True
) -> list[tuple[str, str]]:
    """(source, translation) of each bead (when ``single``) and of runs of 2 and 3 beads in a row."""
    pairs: list[tuple[str, str]] = []
    for start in range(len(beads)):
        for length in (1, 2, 3) if single else (2, 3):
            run = beads[start : start + length]
            if len(run) < length or any(not b.source or not b.target for b in run):
                continue
            if any(run[k].source[0] != run[k - 1].source[-1] + 1 for k in range(1, len(run))):
                continue
            pairs.append(
                (
                    " ".join(sources[i].strip() for b in run for i in b.source),
                    " ".join(translations[j].strip() for b in run for j in b.target),
                )
            )
    return pairs


@dataclass(frozen=True)
class Carried:
    """One translated entry of another tool's catalog and the unit texts it can serve."""

    msgid: str
    pieces: frozenset[str]  # itself normalised, its cells, items, sentences, likely sentences


@dataclass
class CarriedCatalog:
    """What another tool's catalog gives: memory entries, fuzzy suggestions, and for each of
    its translated entries the unit texts it can serve."""

    memory: list[PoEntry]
    suggestions: list[tuple[str, str]]
    entries: list[Carried]


def carry_catalog(entries: Iterable[PoEntry], source_language: str, language: str) -> CarriedCatalog:
    """``carried_entries`` and ``likely_pairs`` of a catalog, each entry cut once."""
    catalog = CarriedCatalog([], [], [])
    for entry in entries:
        if not _translated(entry):
            continue
        memory, suggestions = _cut(entry, source_language, language)
        catalog.memory += memory
        catalog.suggestions += suggestions
        pieces = {piece.msgid for piece in memory} | {source for source, _ in suggestions}
        catalog.entries.append(Carried(entry.msgid, frozenset(pieces)))
    return catalog


def uncarried(entries: Iterable[Carried], unit_texts: set[str] | frozenset[str]) -> list[str]:
    """The msgids of the entries none of whose pieces is the text of one of the units."""
    return [entry.msgid for entry in entries if entry.pieces.isdisjoint(unit_texts)]
