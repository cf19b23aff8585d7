"""Sentences inside a block, and the normal form of a unit's text.

Sentence boundaries come from sentencex (Wikimedia's multilingual segmenter, compiled,
~300 languages). We only take its boundary offsets and recompute the spans ourselves,
so the result is lossless whatever the library does with whitespace.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import sentencex

_WHITESPACE_RUN = re.compile(r"\s+")
_NO_BREAK_SPACES = frozenset("\u00a0\u202f\u2007")


def _collapse(match: re.Match[str]) -> str:
    run = match.group(0)
    # A run made only of no-break spaces is typography (French « », 1 000), not layout.
    return run if all(char in _NO_BREAK_SPACES for char in run) else " "


def normalize(text: str) -> str:
    """The msgid of a unit: NFC, every whitespace run one space, stripped."""
    if text.isascii():
        return " ".join(text.split())
    text = unicodedata.normalize("NFC", text)
    if not any(char in text for char in _NO_BREAK_SPACES):
        return " ".join(text.split())
    return _WHITESPACE_RUN.sub(_collapse, text).strip()


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``[start, end)`` so it neither starts nor ends with whitespace."""
    while start < end and (text[start].isspace() or text[start] == "\ufeff"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == "\ufeff"):
        end -= 1
    return start, end


def split_sentences(text: str, language: str, abbreviations: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Spans of the sentences in ``text`` (offsets into it), trimmed of whitespace.

    ``abbreviations`` are words (like "approx.") after which a sentence never ends, on
    top of what the segmenter knows for the language.
    """
    cuts = [0]
    length = len(text)
    for boundary in sentencex.get_sentence_boundaries(language, text):
        end = int(boundary["end_index"])
        if cuts[-1] < end < length:
            cuts.append(end)
    cuts.append(length)
    if len(cuts) == 2:  # one sentence
        span = trim_span(text, 0, length)
        return [span] if span[0] < span[1] else []
    extra = frozenset(abbreviations)
    spans: list[tuple[int, int]] = []
    for start, end in itertools.pairwise(cuts):
        span = trim_span(text, start, end)
        if span[0] == span[1]:
            continue
        if spans and extra and _ends_with_abbreviation(text[spans[-1][0] : spans[-1][1]], extra):
            spans[-1] = (spans[-1][0], span[1])
        else:
            spans.append(span)
    return spans


def _ends_with_abbreviation(sentence: str, abbreviations: frozenset[str]) -> bool:
    words = sentence.split()
    return bool(words) and words[-1] in abbreviations


_UNSPACED_SCRIPT = re.compile(
    "[\u0e00-\u0eff"  # Thai, Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
    "\u3040-\u30ff"  # kana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
    "\U00020000-\U0002fa1f]"
)
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_PLACEHOLDER = re.compile(r"</?\d+/?>")


@lru_cache(maxsize=65536)
def count_words(text: str) -> int:
    """Source words: whitespace-separated tokens holding a letter or digit, except that
    each CJK, kana, Thai, Lao, Myanmar or Khmer character counts as one word.

    Scripts written without spaces have no visible word boundary, so, as CAT tools do,
    every such character is a word there; "14/12/2015", "3.5%" and "anti-worker" are one.
    """
    if "<" in text:
        text = _PLACEHOLDER.sub(" ", text)  # inline markup placeholders are no words
    unspaced = len(_UNSPACED_SCRIPT.findall(text))
    if unspaced:
        text = _UNSPACED_SCRIPT.sub(" ", text)
    return unspaced + sum(1 for token in text.split() if _LETTER_OR_DIGIT.search(token))
