"""Which old unit did a new unit come from? Alignment first, similarity second.

Pure functions over msgid sequences. The old and new sequences are aligned on the units they share;
inside a replaced stretch, units are paired by similarity, each old unit used at most
once, so a split or merged paragraph gives its translation to one part only. What is
left is compared across the whole document with a higher cut-off. RapidFuzz does the
scoring in C++, with its length bounds pruning hopeless candidates.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

ALIGNED_CUTOFF = 55.0  # similarity (0-100) for a unit standing where the old one stood
UNALIGNED_CUTOFF = 75.0  # similarity for a unit found elsewhere in the document


@dataclass(frozen=True)
class Pairing:
    """A new unit and the old one it was edited from."""

    new: str
    old: str
    score: float
    aligned: bool  # found where the old unit stood, not elsewhere


def pair_edits(
    old_sequence: Sequence[str],
    new_sequence: Sequence[str],
    aligned_cutoff: float = ALIGNED_CUTOFF,
    unaligned_cutoff: float = UNALIGNED_CUTOFF,
) -> list[Pairing]:
    """Pair new units that have no exact old counterpart with the old units they replace.

    Units present in both sequences are anchors and never paired here.
    """
    old_position, new_position = _positions(old_sequence), _positions(new_sequence)
    old_free = [text for text in old_position if text not in new_position]
    new_free = [text for text in new_position if text not in old_position]
    if not old_free or not new_free:
        return []
    pairings: list[Pairing] = []
    used_old: set[str] = set()
    used_new: set[str] = set()
    stretches = _replaced_stretches(list(old_position), list(new_position), old_position)
    for old_stretch, new_stretch in stretches:
        olds = [text for text in old_stretch if text not in new_position]
        news = [text for text in new_stretch if text not in old_position]
        for new, old, score in _best_pairs(olds, news, aligned_cutoff):
            pairings.append(Pairing(new, old, score, aligned=True))
            used_old.add(old)
            used_new.add(new)
    del stretches
    old_left = [text for text in old_free if text not in used_old]
    new_left = [text for text in new_free if text not in used_new]
    for new, old, score in _best_pairs(old_left, new_left, unaligned_cutoff):
        pairings.append(Pairing(new, old, score, aligned=False))
    return sorted(pairings, key=lambda pairing: new_position[pairing.new])


def _positions(sequence: Sequence[str]) -> dict[str, int]:
    """Each distinct text and its place among them, in order (one dict: it also answers
    "is this text in the sequence", which a large catalog would otherwise pay a set for)."""
    positions = dict.fromkeys(sequence, 0)
    for index, text in enumerate(positions):
        positions[text] = index  # values only: the dict does not grow while it is walked
    return positions


def _replaced_stretches(
    old: list[str], new: list[str], old_position: dict[str, int] | None = None
) -> list[tuple[list[str], list[str]]]:
    """The stretches where the old sequence was replaced by the new one (``old_position``:
    each old text's index, when the caller has it).

    Units present in both and in the same order (the longest increasing run of their old
    positions, found in n log n) anchor the alignment; what lies between two anchors on
    each side is a replaced stretch. Near linear, unlike a general diff. (Positions are
    held in arrays: a large catalog's worth of pairs of numbers as objects is megabytes.)
    """
    if old_position is None:
        old_position = {text: index for index, text in enumerate(old)}
    common_new, common_old = array("q"), array("q")  # the units in both: new and old index
    for new_index, text in enumerate(new):
        position = old_position.get(text)
        if position is not None:
            common_new.append(new_index)
            common_old.append(position)
    anchors = _longest_increasing(common_old)
    common_new.append(len(new))  # both ends, as the last anchor
    common_old.append(len(old))
    anchors.append(len(common_new) - 1)
    stretches = []
    last_new = last_old = -1
    for anchor in anchors:
        new_index, old_index = common_new[anchor], common_old[anchor]
        if new_index - last_new > 1 and old_index - last_old > 1:
            stretches.append((old[last_old + 1 : old_index], new[last_new + 1 : new_index]))
        last_new, last_old = new_index, old_index
    return stretches


def _longest_increasing(positions: array[int]) -> array[int]:
    """The indexes of a longest strictly increasing run of ``positions`` (distinct numbers),
    in order: all of them when nothing moved (one sort tells), else by patience sorting."""
    if positions.tolist() == sorted(positions):
        return array("q", range(len(positions)))
    tails = array("q")  # index of the smallest tail of each length
    tail_positions = array("q")  # their positions, for the binary search
    previous = array("q", [-1]) * len(positions)
    for index, position in enumerate(positions):
        length = bisect_left(tail_positions, position)
        if length > 0:
            previous[index] = tails[length - 1]
        if length == len(tails):
            tails.append(index)
            tail_positions.append(position)
        else:
            tails[length] = index
            tail_positions[length] = position
    run = array("q")
    cursor = tails[-1] if tails else -1
    while cursor >= 0:
        run.append(cursor)
        cursor = previous[cursor]
    run.reverse()
    return run


def _best_pairs(olds: Sequence[str], news: Sequence[str], cutoff: float) -> list[tuple[str, str, float]]:
    """Greedy one-to-one pairs, best score first, each at or above ``cutoff``."""
    if not olds or not news:
        return []
    index = SimilarityIndex(olds)
    candidates: list[tuple[float, int, int]] = []
    for new_index, new in enumerate(news):
        for old_index, score in index.similar(new, cutoff).items():
            candidates.append((score, new_index, old_index))
    candidates.sort(key=lambda item: (-item[0], item[1], item[2]))
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    pairs: list[tuple[str, str, float]] = []
    for score, new_index, old_index in candidates:
        if new_index in taken_new or old_index in taken_old:
            continue
        taken_new.add(new_index)
        taken_old.add(old_index)
        pairs.append((news[new_index], olds[old_index], score))
    return pairs


TYPO_CUTOFF = 90.0  # character similarity that marks a typo-level edit, whatever the length


class SimilarityIndex:
    """Texts scored against a query by words, or by characters for typo-level edits.

    Word-level similarity keeps unrelated sentences apart (two sentences sharing only
    "the" and "of" score low) where character similarity would pair them; a character
    score of 90 or more still counts, so a typo in a two-word slogan is found.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = list(texts)
        self._codes: dict[str, str] = {}
        self.words = [self._encode(text) for text in self.texts]

    def _encode(self, text: str) -> str:
        """One character per distinct word, so RapidFuzz's fast string path scores words."""
        codes = self._codes
        encoded = []
        for word in text.split():
            code = codes.get(word)
            if code is None:
                code = codes[word] = chr(0x10000 + len(codes) % 0xF0000)
            encoded.append(code)
        return "".join(encoded)

    def similar(self, query: str, cutoff: float, limit: int = 5) -> dict[int, float]:
        """Index -> score (0-100) of the texts at or above ``cutoff``."""
        from rapidfuzz import fuzz, process  # only pairing edits and memory lookups need it: imported then

        scores: dict[int, float] = {}
        for _, score, index in process.extract(
            self._encode(query), self.words, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit
        ):
            scores[index] = float(score)
        if any(score >= TYPO_CUTOFF for score in scores.values()):
            return scores  # already a typo-level match by words: no need to look by characters
        for _, score, index in process.extract(
            query, self.texts, scorer=fuzz.ratio, score_cutoff=max(cutoff, TYPO_CUTOFF), limit=limit
        ):
            scores[index] = max(scores.get(index, 0.0), float(score))
        return scores


# ---------------------------------------------------------------------------
# What kind of edit

_QUOTES_AND_DASHES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2007": " ",
    }
)
_TERMINAL = ".!?;:…,"


def _squash_spaces(text: str) -> str:
    return " ".join(text.split())


def whitespace_only(old: str, new: str) -> bool:
    """Only spacing differs (no-break spaces included): never worth a fuzzy flag."""
    return old != new and "".join(old.split()) == "".join(new.split())


def trivial(old: str, new: str) -> bool:
    """Only spacing, typographic quotes/dashes, letter case or the final punctuation differ."""

    def key(text: str) -> str:
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES_AND_DASHES)
        return _squash_spaces(text).rstrip(_TERMINAL).casefold()

    return old != new and key(old) == key(new)


_FIGURE = re.compile(
    r"https?://\S+[^\s.,;:!?)\]»”]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\d+(?:[.,/:-]\d+)*%?", re.UNICODE
)


# Every figure holds one of these: most texts have none, and the e-mail pattern is slow
# to rule out word by word.
_FIGURE_MARK = re.compile(r"\d|@|://")


def figures(text: str) -> Counter[str]:
    """Numbers, dates, URLs and e-mail addresses in a text (a placeholder's number, <1>, is
    markup, not a figure)."""
    if not _FIGURE_MARK.search(text):
        return Counter()
    if "<" in text:
        text = _PLACEHOLDER.sub(" ", text)
    return Counter(_FIGURE.findall(text))


_PLACEHOLDER = re.compile(r"</?\d+/?>")


def changed_figures(old: str, new: str) -> str | None:
    """'14/12/2015 -> 15/12/2015' when figures differ between two versions of a unit."""
    before, after = figures(old), figures(new)
    if before == after:
        return None
    removed = sorted((before - after).elements())
    added = sorted((after - before).elements())
    # each change with its arrow: "48 -> 24; (new) -> https://x.org/"
    changes = [
        f"{old_figure} -> {new_figure}" for old_figure, new_figure in zip(removed, added, strict=False)
    ]
    changes += [f"{old_figure} -> (gone)" for old_figure in removed[len(added) :]]
    changes += [f"(new) -> {new_figure}" for new_figure in added[len(removed) :]]
    return "; ".join(changes)
