"""Sentence alignment of a source text and its published translation, with no model.

A dynamic programme over beads (1-1, 1-0, 0-1, 2-1, 1-2, 2-2, up to 1-4 and 2-3) in a band around
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

from .figures import ADDRESS, figures, number_style

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
    # a sentence a translator split in four, or two in three: rare, but a long German sentence
    # often comes out as several French ones
    (4, 1): -math.log(0.002),
    (1, 4): -math.log(0.002),
    (3, 2): -math.log(0.002),
    (2, 3): -math.log(0.002),
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
_GUIDED_BAND = 12  # the second pass keeps this close to the first pass's path


@dataclass(frozen=True)
class Bead:
    """Source sentence indices and target sentence indices aligned together (one side may be
    empty: a sentence left out), and how sure the aligner is (0..1)."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float


_WORD = re.compile(r"\w[\w'’-]*")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class _Sentence:
    length: int
    anchors: frozenset[str]
    mark: str
    words: frozenset[str]  # folded words of three letters or more, for the learnt lexicon


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=65536)
def _sentence(text: str, language: str) -> _Sentence:
    anchors: set[str] = set()
    words: set[str] = set()
    for address in ADDRESS.findall(text):
        anchors.add("u:" + address.rstrip(".,;)"))
    # figures by value, as the figures check reads them (14/12/2015 = 14.12.2015, 3,5 = 3.5)
    for figure in figures(text, [number_style(language)], lenient=True):
        anchors.update("#:" + value for value in figure.values)
    for word in _WORD.findall(text):
        if _DIGIT.search(word):
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


Lexicon = dict[str, frozenset[str]]  # a source word -> the target words it was learnt to go with


class _Scorer:
    """Bead costs over bit sets: each anchor and word is a bit, a sentence's are an int, so a
    bead's union and intersection are one ``|`` and one ``&``; every run of up to four
    sentences on each side is summed up once (the DP asks for a million beads)."""

    def __init__(
        self,
        sources: Sequence[_Sentence],
        targets: Sequence[_Sentence],
        lexicon: Lexicon | None,
        widest: int,
    ) -> None:
        bits: dict[str, int] = {}

        def mask(items: frozenset[str], prefix: str) -> int:
            value = 0
            for item in items:
                value |= 1 << bits.setdefault(prefix + item, len(bits))
            return value

        lexical = [
            [mask(lexicon[word], "w") for word in s.words if word in lexicon] if lexicon else []
            for s in sources
        ]
        # runs[k][i]: sentences i .. i+k-1 taken together
        self.source_runs = _runs(
            [
                _run(s.length, mask(s.anchors, "a"), 0, s.mark, lex)
                for s, lex in zip(sources, lexical, strict=True)
            ],
            widest,
        )
        self.target_runs = _runs(
            [_run(t.length, mask(t.anchors, "a"), mask(t.words, "w"), t.mark, []) for t in targets], widest
        )
        lengths = [s.length for s in sources] + [t.length for t in targets]
        self.average_length = max(1.0, sum(lengths) / max(1, len(lengths)))
        self.ratio = (sum(t.length for t in targets) or 1) / (sum(s.length for s in sources) or 1)

        # per run: its length and the cost of leaving it out (the DP reads them a million times)
        self.source_lengths = [[run[0] for run in runs] for runs in self.source_runs]
        self.target_lengths = [[run[0] for run in runs] for runs in self.target_runs]
        self.source_skips = [[self.skip(length) for length in lengths] for lengths in self.source_lengths]
        self.target_skips = [[self.skip(length) for length in lengths] for lengths in self.target_lengths]

    def skip(self, length: int) -> float:
        """A left-out run: a short line (page chrome, a caption) is cheaper to leave out than a
        long one, which a translation rarely drops."""
        return _SKIP_COST * min(1.0, length / self.average_length) + _SKIP_BASE

    def anchor_cost(self, i: int, di: int, j: int, dj: int) -> float:
        """What the anchors of a bead with sentences on both sides say: shared figures,
        addresses, names and learnt words, and whether the sentence-final marks agree."""
        _, left, _, left_marks, lexical, left_count = self.source_runs[di][i]
        _, right, words, right_marks, _, right_count = self.target_runs[dj][j]
        shared = (left & right).bit_count()
        total = left_count + right_count
        if lexical:
            found = sum(1 for translations in lexical if translations & words)
            shared += found
            total += len(lexical) + found
        anchors = 1 - 2 * shared / total if total else 0.5
        if left_marks != right_marks:
            anchors += 0.15
        # anchors per sentence, so that merging two good 1-1 beads into a 2-2 one saves nothing
        return _ANCHOR_WEIGHT * (di + dj) / 2 * anchors


# -log P(|Z| >= delta) for a standard normal Z, tabulated (the DP asks for it a million times)
_STEPS = 100
_TAIL_LIMIT = 12 * _STEPS
_TAIL_COSTS = [-math.log(max(math.erfc(k / _STEPS / math.sqrt(2)), 1e-300)) for k in range(_TAIL_LIMIT)]
_FAR = _TAIL_COSTS[-1]
# length, anchor bits, word bits, marks, lexicon bits, how many anchor bits
_Run = tuple[int, int, int, str, list[int], int]


def _run(length: int, anchors: int, words: int, mark: str, lexical: list[int]) -> _Run:
    return (length, anchors, words, mark, lexical, anchors.bit_count())


def _runs(sentences: list[_Run], widest: int) -> list[list[_Run]]:
    runs: list[list[_Run]] = [[], sentences]
    for k in range(2, widest + 1):
        previous = runs[k - 1]
        runs.append(
            [
                (
                    run[0] + sentences[i + k - 1][0],
                    run[1] | sentences[i + k - 1][1],
                    run[2] | sentences[i + k - 1][2],
                    run[3] + sentences[i + k - 1][3],
                    run[4] + sentences[i + k - 1][4],
                    (run[1] | sentences[i + k - 1][1]).bit_count(),
                )
                for i, run in enumerate(previous[: len(sentences) - k + 1])
            ]
        )
    return runs


def align(
    source: Sequence[str],
    target: Sequence[str],
    band: int | None = None,
    shapes: dict[tuple[int, int], float] = BEADS,
    languages: tuple[str, str] = ("en", "en"),
) -> list[Bead]:
    """The beads of ``source`` and ``target`` sentences, in order, covering both: a first
    pass on lengths and anchors, then a second with a lexicon learnt from the first pass's
    confident one-to-one beads (hunalign's idea; no dictionary, no model)."""
    sources = [_sentence(text, languages[0]) for text in source]
    targets = [_sentence(text, languages[1]) for text in target]
    # the first pass only finds the way and the confident pairs to learn from: the common
    # shapes will do, the rare ones (3-1, 2-3...) are for the second, in its narrow band
    common = {shape: cost for shape, cost in shapes.items() if max(shape) <= 2}
    first = _align(sources, targets, band, None, common or shapes)
    lexicon = _learnt_lexicon(sources, targets, first)
    if not lexicon:
        return first
    return _align(sources, targets, _GUIDED_BAND, lexicon, shapes, guide=first)


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


# C901 earned: the banded DP's inner loop, inline: it runs a million times a document
def _align(  # noqa: C901
    sources: list[_Sentence],
    targets: list[_Sentence],
    band: int | None,
    lexicon: Lexicon | None,
    shapes: dict[tuple[int, int], float],
    guide: list[Bead] | None = None,
) -> list[Bead]:
    """The cheapest path of beads, within ``band`` sentences of the diagonal (or, given a
    ``guide``, of an earlier pass's path: the second pass only refines it)."""
    n, m = len(sources), len(targets)
    widest = max(max(shape) for shape in shapes)
    scorer = _Scorer(sources, targets, lexicon, widest)
    width = band if band is not None else max(20, int(0.06 * max(n, m)))
    centres = _centres(guide, n) if guide is not None else [int(i * m / n) if n else 0 for i in range(n + 1)]
    infinity = math.inf
    # row i holds the costs of cells (i, lows[i]) .. (i, highs[i]); inf where unreachable
    lows = [max(0, centres[i] - width) for i in range(n + 1)]
    highs = [min(m, centres[i] + width) for i in range(n + 1)]
    costs: list[list[float]] = []
    backs: list[list[tuple[int, int]]] = []
    shape_list = sorted(shapes.items(), key=lambda item: item[1])  # likeliest first: the rest is pruned
    source_lengths, target_lengths = scorer.source_lengths, scorer.target_lengths
    source_skips, target_skips = scorer.source_skips, scorer.target_skips
    anchor_cost, ratio, sqrt = scorer.anchor_cost, scorer.ratio, math.sqrt
    tails, tail_limit, far = _TAIL_COSTS, _TAIL_LIMIT, _FAR
    for i in range(n + 1):
        low, high = lows[i], highs[i]
        row = [infinity] * (high - low + 1)
        back_row = [(0, 0)] * (high - low + 1)
        for j in range(low, high + 1):
            if i == 0 and j == 0:
                row[0] = 0.0
                continue
            best, best_from = infinity, (0, 0)
            for (di, dj), prior in shape_list:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < lows[pi] or pj > highs[pi]:
                    continue
                here = (costs[pi][pj - lows[pi]] if pi < i else row[pj - low]) + prior
                if here >= best:
                    continue
                if di == 0:
                    here += target_skips[dj][pj]
                elif dj == 0:
                    here += source_skips[di][pi]
                else:
                    # Gale & Church's length cost, inline (a million beads): how unlikely a target
                    # of this length is for a source of that length; the anchors only if it passes
                    source_length, target_length = source_lengths[di][pi], target_lengths[dj][pj]
                    mean = (source_length + target_length / ratio) / 2
                    tail = int(
                        abs(ratio * source_length - target_length)
                        / sqrt(6.8 * (mean if mean > 1 else 1.0))
                        * _STEPS
                    )
                    here += tails[tail] if tail < tail_limit else far
                    if here >= best:
                        continue
                    here += anchor_cost(pi, di, pj, dj)
                if here < best:
                    best, best_from = here, (pi, pj)
            row[j - low] = best
            back_row[j - low] = best_from
        costs.append(row)
        backs.append(back_row)
    if not (lows[n] <= m <= highs[n]) or costs[n][m - lows[n]] == infinity:
        if band is None or guide is not None:
            return _align(sources, targets, max(n, m) + 1, lexicon, shapes)
        return [Bead(tuple(range(n)), tuple(range(m)), 0.0)]

    def cost_at(i: int, j: int) -> float:
        return costs[i][j - lows[i]]

    beads: list[Bead] = []
    at = (n, m)
    while at != (0, 0):
        i, j = at
        pi, pj = backs[i][j - lows[i]]
        step = cost_at(i, j) - cost_at(pi, pj)
        shape_cost = shapes[(i - pi, j - pj)]
        beads.append(Bead(tuple(range(pi, i)), tuple(range(pj, j)), _confidence(step - shape_cost)))
        at = (pi, pj)
    beads.reverse()
    return beads


def forget_sentences() -> None:
    """Empty the caches of sentences read and words folded (for a benchmark's cold runs)."""
    _sentence.cache_clear()
    _fold.cache_clear()


def _centres(path: list[Bead], n: int) -> list[int]:
    """For each source position 0..n, the target position an earlier path reached there."""
    centres = [0] * (n + 1)
    i = j = 0
    for bead in path:
        for _ in bead.source:
            centres[i] = j
            i += 1
        j += len(bead.target)
        centres[i] = j
    return centres


def _confidence(cost: float) -> float:
    """A bead's cost (beyond its shape's prior) as a score between 0 and 1."""
    return round(math.exp(-max(cost, 0.0) / 6.0), 3)
