"""Translation memory: every translated entry of a language, wherever it stands.

Built from all PO files of the language (obsolete entries included, so text that comes
back is revived) and from any extra PO files the config names. Exact hits are filled in
as translated (msgmerge's compendium semantics); near hits are offered as fuzzy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .match import SimilarityIndex
from .po import PoEntry

NEAR_CUTOFF = 75.0


@dataclass(frozen=True)
class Recall:
    """What the memory holds for a source text."""

    source: str  # the memory's source text (equal to the query for an exact hit)
    translation: str
    origin: str  # the PO file it came from
    score: float  # 100 for an exact hit


class _Votes:
    """A source text given more than once: how often each translation, the first origin
    (in path order) of each, and every origin that holds the text."""

    __slots__ = ("origins", "votes", "where")

    def __init__(self, translation: str, where: str) -> None:
        self.votes = {translation: 1}
        self.origins = {translation: where}
        self.where = {where}

    def add(self, translation: str, where: str) -> None:
        self.votes[translation] = self.votes.get(translation, 0) + 1
        known = self.origins.get(translation)
        if known is None or where < known:
            self.origins[translation] = where
        self.where.add(where)

    def best(self) -> tuple[str, str]:
        """The most frequent translation; a tie goes to the first origin in path order."""
        votes, origins = self.votes, self.origins
        translation = min(votes, key=lambda item: (-votes[item], origins[item], item))
        return translation, origins[translation]


class Memory:
    """Source text -> the translation most often given to it, and where it stands.

    A text met once is held as one (translation, origin) pair, the common case by far: a
    memory of a large language costs a pair per text, not three containers.
    """

    def __init__(self) -> None:
        self._known: dict[str, tuple[str, str] | _Votes] = {}
        self._best: dict[str, tuple[str, str]] | None = None
        self._similar: SimilarityIndex | None = None
        self._beyond: dict[str, bool] = {}  # origin -> the memory holds text from elsewhere
        # sentence pairs aligned out of another tool's paragraphs, not for certain: offered as
        # fuzzy suggestions for exactly their text, never filled in as translated
        self._suggested: dict[str, tuple[str, str]] = {}

    def add(self, entries: Iterable[PoEntry], origin: str) -> None:
        """Remember the translated entries of a PO file (its obsolete ones marked as such)."""
        known_for = self._known
        obsolete_origin = f"{origin} (obsolete)"
        for entry in entries:
            source, translation = entry.msgid, entry.msgstr
            if source and translation and entry.msgid_plural is None and "fuzzy" not in entry.flags:
                where = obsolete_origin if entry.obsolete else origin
                known = known_for.get(source)
                if known is None:
                    known_for[source] = (translation, where)
                elif isinstance(known, _Votes):
                    known.add(translation, where)
                else:
                    votes = known_for[source] = _Votes(*known)
                    votes.add(translation, where)
        self._best = self._similar = None
        self._beyond = {}

    def pairs(self) -> list[tuple[str, str]]:
        """Each source text with the translation the memory gives it, sorted by source."""
        return sorted((source, translation) for source, (translation, _) in self._index().items())

    def _index(self) -> dict[str, tuple[str, str]]:
        if self._best is None:
            self._best = {
                source: known if isinstance(known, tuple) else known.best()
                for source, known in self._known.items()
            }
        return self._best

    def __len__(self) -> int:
        return len(self._known)

    def _origins_of(self, source: str) -> set[str]:
        known = self._known[source]
        return {known[1]} if isinstance(known, tuple) else known.where

    def _holds_more_than(self, origin: str) -> bool:
        held = self._beyond.get(origin)
        if held is None:
            held = self._beyond[origin] = any(
                known[1] != origin if isinstance(known, tuple) else known.where != {origin}
                for known in self._known.values()
            )
        return held

    def suggest(self, pairs: Iterable[tuple[str, str]], origin: str) -> None:
        """Remember (source, translation) pairs that are only likely, for ``near`` to offer."""
        for source, translation in pairs:
            self._suggested.setdefault(source, (translation, f"{origin}, aligned"))

    def exact(self, text: str) -> Recall | None:
        hit = self._index().get(text)
        return None if hit is None else Recall(text, hit[0], hit[1], 100.0)

    def near(self, text: str, cutoff: float = NEAR_CUTOFF, besides: str | None = None) -> Recall | None:
        """The most similar remembered source at or above ``cutoff`` (not the text itself).

        ``besides`` names a PO file whose live entries do not count: when merging that
        document its old units were already paired with the new ones, and offering one
        again would give the same translation twice.
        """
        suggested = self._suggested.get(text)
        if suggested is not None and text not in self._index():
            return Recall(text, suggested[0], suggested[1], 99.0)
        index = self._index()
        if besides is not None and not self._holds_more_than(besides):
            return None  # nothing but the document itself
        if self._similar is None:
            self._similar = SimilarityIndex(list(index))
        found = self._similar.similar(text, cutoff, limit=10)
        for position, score in sorted(found.items(), key=lambda item: (-item[1], item[0])):
            source = self._similar.texts[position]
            if source != text and self._origins_of(source) != {besides}:
                translation, origin = index[source]
                return Recall(source, translation, origin, score)
        return None
