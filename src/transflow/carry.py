"""Catalogs other tools made (po4a, Weblate, a CAT tool) as memory for transflow's units.

po4a's msgids are whole paragraphs with their line breaks (a list is one msgid, a trailing
``\\n`` stays); transflow's are sentences, whitespace normalised. A memory entry is offered
as what it is, normalised, and also cut into the pieces transflow's units are: list items by
their markers, sentences by our segmenter, paired by the aligner. A pairing is kept only
when it is certain (as many pieces on both sides, every bead one-to-one), so that a memory
hit, which fills a unit as translated, never carries a guess. Pure functions.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator

from .align import align
from .pofile import PoEntry
from .segment import split_sentences

_ITEM = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+", re.MULTILINE)
_CERTAIN = 0.2  # the least score a bead of a certain pairing may have


def carried_entries(entries: Iterable[PoEntry], source_language: str, language: str) -> Iterator[PoEntry]:
    """``entries`` as memory for transflow: each translated entry normalised, then its list
    items and its sentences when they pair up for certain."""
    for entry in entries:
        if not entry.msgid or not entry.msgstr or entry.msgid_plural is not None or entry.fuzzy:
            continue
        source, translation = _normalised(entry.msgid), _normalised(entry.msgstr)
        if source != entry.msgid or translation != entry.msgstr:
            yield entry.evolve(msgid=source, msgstr=translation)
        else:
            yield entry
        for item_source, item_translation in _item_pairs(entry.msgid, entry.msgstr):
            yield PoEntry(msgid=item_source, msgstr=item_translation, obsolete=entry.obsolete)
            for pair in _sentence_pairs(item_source, item_translation, source_language, language):
                yield PoEntry(msgid=pair[0], msgstr=pair[1], obsolete=entry.obsolete)
        for pair in _sentence_pairs(source, translation, source_language, language):
            yield PoEntry(msgid=pair[0], msgstr=pair[1], obsolete=entry.obsolete)


def _normalised(text: str) -> str:
    return " ".join(text.split())


def _item_pairs(source: str, translation: str) -> list[tuple[str, str]]:
    """A list msgid and its translation, item by item, when both have the same items."""
    source_items, translated_items = _items(source), _items(translation)
    if len(source_items) < 2 or len(source_items) != len(translated_items):
        return []
    return list(zip(source_items, translated_items, strict=True))


def _items(text: str) -> list[str]:
    starts = [match.start() for match in _ITEM.finditer(text)]
    if not starts or starts[0] != 0:
        return []
    bounds = [*starts, len(text)]
    return [_normalised(_ITEM.sub("", text[a:b], count=1)) for a, b in itertools.pairwise(bounds)]


def _sentence_pairs(
    source: str, translation: str, source_language: str, language: str
) -> list[tuple[str, str]]:
    sources = [source[a:b] for a, b in split_sentences(source, source_language.split("_")[0])]
    translations = [translation[a:b] for a, b in split_sentences(translation, language.split("_")[0])]
    if len(sources) < 2 or len(sources) != len(translations):
        return []
    beads = align(sources, translations)
    if any(len(b.source) != 1 or len(b.target) != 1 or b.score < _CERTAIN for b in beads):
        return []
    return [(sources[b.source[0]], translations[b.target[0]]) for b in beads]
