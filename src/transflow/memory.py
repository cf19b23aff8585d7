"""Translation memory: every translated entry of a language, wherever it stands.

Built from all PO files of the language (obsolete entries included, so text that comes
back is revived) and from any extra PO files the config names. Exact hits are filled in
as translated (msgmerge's compendium semantics); near hits are offered as fuzzy.
"""

from __future__ import annotations

from collections import defaultdict
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
        self._votes: dict[str, dict[str, int]] = {}  # source text -> translation -> count
        self._origins: dict[tuple[str, str], str] = {}
        self._where: dict[str, set[str]] = defaultdict(set)  # source text -> origins holding it
        self._best: dict[str, tuple[str, str]] | None = None
        self._similar: SimilarityIndex | None = None
        self._beyond: dict[str, bool] = {}  # origin -> the memory holds text from elsewhere

    def add(self, entries: Iterable[PoEntry], origin: str) -> None:
        """Remember the translated entries of a PO file (its obsolete ones marked as such)."""
        votes_for, origins, where_for = self._votes, self._origins, self._where
        for entry in entries:
            source, translation = entry.msgid, entry.msgstr
            if source and translation and entry.msgid_plural is None and "fuzzy" not in entry.flags:
                where = f"{origin} (obsolete)" if entry.obsolete else origin
                votes = votes_for.setdefault(source, {})
                votes[translation] = votes.get(translation, 0) + 1
                key = (source, translation)
                known = origins.get(key)
                if known is None or where < known:
                    origins[key] = where
                where_for[source].add(where)
        self._best = self._similar = None
        self._beyond = {}

    def pairs(self) -> list[tuple[str, str]]:
        """Each source text with the translation the memory gives it, sorted by source."""
        return sorted((source, translation) for source, (translation, _) in self._index().items())

    def _index(self) -> dict[str, tuple[str, str]]:
        if self._best is None:
            best: dict[str, tuple[str, str]] = {}
            origins = self._origins
            for source, votes in self._votes.items():
                if len(votes) == 1:
                    (translation,) = votes
                else:
                    # the most frequent translation; a tie goes to the first origin in path order
                    translation = min(votes, key=lambda item: (-votes[item], origins[(source, item)], item))
                best[source] = (translation, origins[(source, translation)])
            self._best = best
        return self._best

    def __len__(self) -> int:
        return len(self._index())

    def _holds_more_than(self, origin: str) -> bool:
        known = self._beyond.get(origin)
        if known is None:
            known = self._beyond[origin] = any(where != {origin} for where in self._where.values())
        return known

    def exact(self, text: str) -> Recall | None:
        hit = self._index().get(text)
        return None if hit is None else Recall(text, hit[0], hit[1], 100.0)

    def near(self, text: str, cutoff: float = NEAR_CUTOFF, besides: str | None = None) -> Recall | None:
        """The most similar remembered source at or above ``cutoff`` (not the text itself).

        ``besides`` names a PO file whose live entries do not count: when merging that
        document its old units were already paired with the new ones, and offering one
        again would give the same translation twice.
        """
        index = self._index()
        if besides is not None and not self._holds_more_than(besides):
            return None  # nothing but the document itself
        if self._similar is None:
            self._similar = SimilarityIndex(list(index))
        found = self._similar.similar(text, cutoff, limit=10)
        for position, score in sorted(found.items(), key=lambda item: (-item[1], item[0])):
            source = self._similar.texts[position]
            if source != text and self._where[source] != {besides}:
                translation, origin = index[source]
                return Recall(source, translation, origin, score)
        return None
