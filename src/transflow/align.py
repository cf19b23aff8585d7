"""Sentence alignment of a source text and its published translation, with no model.

A dynamic programme over beads (1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 1-3, 3-1) in a band around
the diagonal. A bead's cost adds Gale & Church's length cost (characters, as their 1993
paper measures) to what its anchors say: figures by value, URLs, names and other words the
two sides share (a long word spelt alike is a name or a cognate), and sentence-final marks.
Pure functions over plain lists of strings.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# bead shapes and their prior cost (Gale & Church's probabilities, as -log)
BEADS: dict[tuple[int, int], float] = {
    (1, 1): -math.log(0.89),
    (1, 0): -math.log(0.0099),
    (0, 1): -math.log(0.0099),
    (2, 1): -math.log(0.089 / 2),
    (1, 2): -math.log(0.089 / 2),
    (2, 2): -math.log(0.011),
    (3, 1): -math.log(0.004),
    (1, 3): -math.log(0.004),
}
# between blocks (paragraphs, headings): a publication merges or splits them far more rarely
BLOCK_BEADS: dict[tuple[int, int], float] = {
    (1, 1): -math.log(0.95),
    (1, 0): -math.log(0.03),
    (0, 1): -math.log(0.03),
    (2, 1): -math.log(0.0005),
    (1, 2): -math.log(0.0005),
    (2, 2): -math.log(0.0001),
}
_SKIP_COST = 6.0  # a sentence of average length with no counterpart (beyond its prior)
_SKIP_BASE = 1.0
_ANCHOR_WEIGHT = 6.0


@dataclass(frozen=True)
class Bead:
    """Source sentence indices and target sentence indices aligned together (one side may be
    empty: a sentence left out), and how sure the aligner is (0..1)."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float


_WORD = re.compile(r"\w[\w'’-]*")
_FIGURE = re.compile(r"\d+(?:[.,:/]\d+)*")
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+")


@dataclass(frozen=True)
class _Sentence:
    length: int
    anchors: frozenset[str]
    mark: str
    words: frozenset[str]  # folded words of three letters or more, for the learnt lexicon


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=65536)
def _sentence(text: str) -> _Sentence:
    anchors: set[str] = set()
    words: set[str] = set()
    for url in _URL.findall(text):
        anchors.add("u:" + url.rstrip(".,;)"))
    for figure in _FIGURE.findall(text):
        anchors.add("#:" + re.sub(r"\D+", ".", figure).strip("."))
    for word in _WORD.findall(text):
        if any(char.isdigit() for char in word):
            continue
        folded = _fold(word)
        if len(folded) >= 3:
            words.add(folded)
        if len(folded) >= 5:
            anchors.add("w:" + folded[:5])  # a name or a cognate: Himalaya, expédition/Expedition
        elif word[:1].isupper() and len(word) >= 2 and not word.isupper():
            anchors.add("w:" + folded)
    stripped = text.rstrip(" »”\"')")
    mark = stripped[-1:] if stripped[-1:] in "?!:" else ""
    return _Sentence(len(text), frozenset(anchors), mark, frozenset(words))


def _length_cost(source: int, target: int, ratio: float) -> float:
    """Gale & Church: how unlikely a target of this length is for a source of that length."""
    if source == 0 and target == 0:
        return 0.0
    mean = (source + target / ratio) / 2
    delta = (ratio * source - target) / math.sqrt(6.8 * max(mean, 1.0))
    probability = 2 * (1 - _normal_cdf(abs(delta)))
    return -math.log(max(probability, 1e-12))


def _normal_cdf(value: float) -> float:
    return 0.5 * (1 + math.erf(value / math.sqrt(2)))


Lexicon = dict[str, frozenset[str]]


class _Scorer:
    """Bead costs over bit sets: each anchor and word is a bit, a sentence's are an int, so a
    bead's union and intersection are one ``|`` and one ``&`` (the DP asks for a million)."""

    def __init__(
        self, sources: Sequence[_Sentence], targets: Sequence[_Sentence], lexicon: Lexicon | None
    ) -> None:
        bits: dict[str, int] = {}

        def mask(items: frozenset[str], prefix: str) -> int:
            value = 0
            for item in items:
                value |= 1 << bits.setdefault(prefix + item, len(bits))
            return value

        self.source_anchors = [mask(s.anchors, "a") for s in sources]
        self.target_anchors = [mask(t.anchors, "a") for t in targets]
        self.target_words = [mask(t.words, "w") for t in targets]
        # for each source sentence: the target-word bits of each of its words' translations
        self.source_lexical: list[list[int]] = [
            [mask(lexicon[word], "w") for word in s.words if word in lexicon] if lexicon else []
            for s in sources
        ]
        self.source_marks = [s.mark for s in sources]
        self.target_marks = [t.mark for t in targets]
        self.source_lengths = [s.length for s in sources]
        self.target_lengths = [t.length for t in targets]
        everything = self.source_lengths + self.target_lengths
        self.average_length = max(1.0, sum(everything) / max(1, len(everything)))

    def anchor_cost(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """0 when the two sides share every anchor (and learnt word pair) they have, 1 when none."""
        left = right = 0
        for i in range(i0, i1):
            left |= self.source_anchors[i]
        for j in range(j0, j1):
            right |= self.target_anchors[j]
        shared = (left & right).bit_count()
        total = left.bit_count() + right.bit_count()
        lexical = [entry for i in range(i0, i1) for entry in self.source_lexical[i]]
        if lexical:
            words = 0
            for j in range(j0, j1):
                words |= self.target_words[j]
            found = sum(1 for translations in lexical if translations & words)
            shared += found
            total += len(lexical) + found
        cost = 1 - 2 * shared / total if total else 0.5
        if "".join(self.source_marks[i0:i1]) != "".join(self.target_marks[j0:j1]):
            cost += 0.15
        return cost


def align(
    source: Sequence[str],
    target: Sequence[str],
    band: int | None = None,
    shapes: dict[tuple[int, int], float] = BEADS,
) -> list[Bead]:
    """The beads of ``source`` and ``target`` sentences, in order, covering both: a first
    pass on lengths and anchors, then a second with a lexicon learnt from the first pass's
    confident one-to-one beads (hunalign's idea; no dictionary, no model)."""
    sources = [_sentence(text) for text in source]
    targets = [_sentence(text) for text in target]
    first = _align(sources, targets, band, None, shapes)
    lexicon = _learnt_lexicon(sources, targets, first)
    return _align(sources, targets, band, lexicon, shapes) if lexicon else first


def _learnt_lexicon(sources: Sequence[_Sentence], targets: Sequence[_Sentence], beads: list[Bead]) -> Lexicon:
    """Word pairs that keep meeting in the same one-to-one beads (Dice coefficient)."""
    pairs: dict[tuple[str, str], int] = {}
    left: dict[str, int] = {}
    right: dict[str, int] = {}
    for bead in beads:
        if len(bead.source) != 1 or len(bead.target) != 1 or bead.score < 0.3:
            continue
        source_words, target_words = sources[bead.source[0]].words, targets[bead.target[0]].words
        for word in source_words:
            left[word] = left.get(word, 0) + 1
        for word in target_words:
            right[word] = right.get(word, 0) + 1
        for word in source_words:
            for other in target_words:
                pairs[(word, other)] = pairs.get((word, other), 0) + 1
    found: dict[str, set[str]] = {}
    for (word, other), count in pairs.items():
        if count >= 2 and 2 * count / (left[word] + right[other]) >= 0.5:
            found.setdefault(word, set()).add(other)
    return {word: frozenset(others) for word, others in found.items()}


def _align(
    sources: list[_Sentence],
    targets: list[_Sentence],
    band: int | None,
    lexicon: Lexicon | None,
    shapes: dict[tuple[int, int], float],
) -> list[Bead]:
    total_source = sum(s.length for s in sources) or 1
    total_target = sum(t.length for t in targets) or 1
    ratio = total_target / total_source
    scorer = _Scorer(sources, targets, lexicon)
    n, m = len(sources), len(targets)
    width = band if band is not None else max(20, int(0.06 * max(n, m)))
    infinity = float("inf")
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        centre = i * m / n if n else 0
        low, high = max(0, int(centre) - width), min(m, int(centre) + width)
        for j in range(low, high + 1):
            if i == 0 and j == 0:
                continue
            best, best_from = infinity, (0, 0)
            for (di, dj), prior in shapes.items():
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                before = cost.get((pi, pj))
                if before is None:
                    continue
                here = before + prior + _bead_cost(scorer, pi, i, pj, j, ratio)
                if here < best:
                    best, best_from = here, (pi, pj)
            if best < infinity:
                cost[(i, j)] = best
                back[(i, j)] = best_from
    if (n, m) not in cost:
        if band is None:
            return _align(sources, targets, max(n, m) + 1, lexicon, shapes)
        return [Bead(tuple(range(n)), tuple(range(m)), 0.0)]
    beads: list[Bead] = []
    at = (n, m)
    while at != (0, 0):
        pi, pj = back[at]
        i, j = at
        step = cost[at] - cost[(pi, pj)]
        shape_cost = shapes[(i - pi, j - pj)]
        beads.append(Bead(tuple(range(pi, i)), tuple(range(pj, j)), _confidence(step - shape_cost)))
        at = (pi, pj)
    beads.reverse()
    return beads


def _bead_cost(scorer: _Scorer, i0: int, i1: int, j0: int, j1: int, ratio: float) -> float:
    if i0 == i1 or j0 == j1:
        # a left-out sentence: a short line (page chrome, a caption) is cheaper to leave out
        # than a long one, which a translation rarely drops
        length = sum(scorer.source_lengths[i0:i1]) + sum(scorer.target_lengths[j0:j1])
        return _SKIP_COST * min(1.0, length / scorer.average_length) + _SKIP_BASE
    source = sum(scorer.source_lengths[i0:i1])
    target = sum(scorer.target_lengths[j0:j1])
    # per sentence, so that merging two good 1-1 beads into a 2-2 one saves nothing
    size = (i1 - i0 + j1 - j0) / 2
    return _length_cost(source, target, ratio) + _ANCHOR_WEIGHT * size * scorer.anchor_cost(i0, i1, j0, j1)


def _confidence(cost: float) -> float:
    """A bead's cost (beyond its shape's prior) as a score between 0 and 1."""
    return round(math.exp(-max(cost, 0.0) / 6.0), 3)
