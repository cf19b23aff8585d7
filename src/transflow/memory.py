"""Translation memory: every translated entry of a language, wherever it stands.

Built from all PO files of the language (obsolete entries included, so text that comes
back is revived) and from any extra PO files the config names. Exact hits are filled in
as translated (msgmerge's compendium semantics); near hits are offered as fuzzy.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .match import SimilarityIndex
from .pofile import PoEntry

NEAR_CUTOFF = 75.0


@dataclass(frozen=True)
class Recall:
    """What the memory holds for a source text."""

    source: str  # the memory's source text (equal to the query for an exact hit)
    translation: str
    origin: str  # the PO file it came from
    score: float  # 100 for an exact hit


class Memory:
    """Source text -> the translation most often given to it, and where it stands."""

    def __init__(self) -> None:
        self._votes: dict[str, Counter[str]] = defaultdict(Counter)
        self._origins: dict[tuple[str, str], str] = {}
        self._best: dict[str, tuple[str, str]] | None = None
        self._similar: SimilarityIndex | None = None

    def add(self, entries: Iterable[PoEntry], origin: str) -> None:
        for entry in entries:
            if entry.msgid and entry.msgid_plural is None and entry.msgstr and not entry.fuzzy:
                self._votes[entry.msgid][entry.msgstr] += 1
                key = (entry.msgid, entry.msgstr)
                self._origins[key] = min(origin, self._origins.get(key, origin))
        self._best = None

    def _index(self) -> dict[str, tuple[str, str]]:
        if self._best is None:
            best: dict[str, tuple[str, str]] = {}
            for source, votes in self._votes.items():
                # the most frequent translation; a tie goes to the first origin in path order
                translation = min(votes, key=lambda item: (-votes[item], self._origins[(source, item)], item))
                best[source] = (translation, self._origins[(source, translation)])
            self._best = best
            self._similar = SimilarityIndex(list(best))
        return self._best

    def __len__(self) -> int:
        return len(self._index())

    def exact(self, text: str) -> Recall | None:
        hit = self._index().get(text)
        return None if hit is None else Recall(text, hit[0], hit[1], 100.0)

    def near(self, text: str, cutoff: float = NEAR_CUTOFF) -> Recall | None:
        """The most similar remembered source at or above ``cutoff`` (not the text itself)."""
        index = self._index()
        if self._similar is None:
            return None
        found = self._similar.similar(text, cutoff, limit=3)
        ranked = sorted(found.items(), key=lambda item: (-item[1], item[0]))
        for position, score in ranked:
            source = self._similar.texts[position]
            if source != text:
                translation, origin = index[source]
                return Recall(source, translation, origin, score)
        return None
