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

from .abbreviations import ambiguous, before_names

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

    sentencex gives the boundaries; press texts need a few more and a few fewer, so its
    cuts are refined: cuts it misses after a closing quote or bracket, inside a quotation,
    after "…" and after a Greek question mark are added; cuts after a list marker, an
    initial, an abbreviation that stands before names ("Ms.", "approx.", the language's list
    plus ``abbreviations``) or before a lowercase word are taken back.
    """
    cuts = {0, len(text)}
    for boundary in sentencex.get_sentence_boundaries(language, text):
        end = int(boundary["end_index"])
        if 0 < end < len(text):
            cuts.add(end)
    if _MAY_NEED_CUTS.search(text):
        cuts |= _extra_cuts(text, language)
    if _ITEM_MARKER.search(text):
        cuts |= _enumeration_cuts(text)
    spans = [
        span for a, b in itertools.pairwise(sorted(cuts)) if (span := trim_span(text, a, b))[0] < span[1]
    ]
    if len(spans) < 2:
        return spans
    return _joined(text, spans, language, tuple(abbreviations))


# A terminal mark, closing quotes or brackets, space, then (after opening ones) a capital:
# where sentencex keeps a sentence going after a quotation closes ("signed.” They"), after
# "…", and a Greek question mark (U+037E, or ";" in Greek text).
_MAY_NEED_CUTS = re.compile(r"[.!?…;\u037e][”’\"'»)\]]*\s")
_CANDIDATE = re.compile(r"([.!?…;\u037e])([”’\"'»)\]]*)(\s+)([“‘\"'«(¿¡]*)(\w)")
_CANDIDATE_NO_DOT = re.compile(r"([!?…;\u037e]|\.(?=[”’\"'»)\]]))([”’\"'»)\]]*)(\s+)([“‘\"'«(¿¡]*)(\w)")


def _extra_cuts(text: str, language: str) -> set[int]:
    """Boundaries sentencex does not give: a quotation that closes after the sentence's
    mark ("signed.” They"), a full stop inside a quotation in curly quotes, "…", a Greek
    question mark, and an abbreviation that often ends a sentence before a capital ("etc. The")."""
    cuts: set[int] = set()
    greek = language == "el"
    either = ambiguous(language)
    quotes = "“" in text or "«" in text or "„" in text
    # a plain full stop is sentencex's call unless a quotation or an "etc." may change it
    endings = any(abbreviation in text for abbreviation in either)
    dots = quotes or endings
    quoting = _Quotation(text) if quotes else None
    for match in (_CANDIDATE if dots else _CANDIDATE_NO_DOT).finditer(text):
        mark, closers, _, _, first = match.groups()
        if not first.isupper():
            continue
        at = match.start()
        if closers.strip("\"'"):  # a curly quote or a bracket closes after the mark
            wanted = not (mark == "." and text[at - 2 : at] == ".." and closers.startswith("]"))  # "[...]"
        elif closers:
            wanted = False  # straight quotes open and close alike: dialogue is the segmenter's call
        elif mark == "…" or mark == "\u037e":
            wanted = True
        elif mark == ";":
            wanted = greek
        elif mark == ".":
            wanted = (quoting is not None and quoting.open_at(at)) or (
                endings and _ends_with_any(text[max(0, at - 16) : at + 1], either)
            )
        else:
            wanted = False
        if wanted:
            cuts.add(match.start(3))
    return cuts


# "a. one b. two", "(i) one (ii) two", "1) one 2) two": items of a list run into one line
# (after a space or at the start: one negative lookbehind, a quarter faster than two branches)
_ITEM_MARKER = re.compile(r"(?<!\S)([(⁃•]?)((?:[a-z]|[ivx]{1,4}|\d{1,2}))([.)])(?=\s)")
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def _ordinals(label: str) -> list[tuple[str, int]]:
    """What a list label counts as: "i" is the first roman and the ninth letter."""
    found = []
    if label.isdigit():
        found.append(("digit", int(label)))
    if label in _ROMAN:
        found.append(("roman", _ROMAN.index(label) + 1))
    if len(label) == 1 and label.isalpha():
        found.append(("letter", ord(label) - ord("a") + 1))
    return found


def _enumeration_cuts(text: str) -> set[int]:
    """Cuts before the second and later items of an enumeration written on one line: markers
    of one style that count up from 1 (a, i, 1), each after a space."""
    cuts: set[int] = set()
    runs: dict[tuple[str, str, str], list[int]] = {}  # style -> positions of its markers so far
    for match in _ITEM_MARKER.finditer(text):
        opener, label, closer = match.groups()
        for kind, number in _ordinals(label):
            style = (kind, opener, closer)
            run = runs.get(style)
            position = match.start()
            if text[position - 2 : position] in ("• ", "⁃ ", "- ", "* "):
                position -= 2  # "• 2. Eat well": the bullet goes with its item
            if number == 1:
                runs[style] = [position]
            elif run is not None and len(run) + 1 == number:
                run.append(position)
                cuts.update(run[1:])
    return cuts


class _Quotation:
    """Whether a curly or angle quotation is open at a position: the quote marks are found
    once and walked in order (straight quotes open and close alike: too ambiguous)."""

    def __init__(self, text: str) -> None:
        self.marks = [(match.start(), match.group()) for match in _QUOTE_MARKS.finditer(text)]
        self.next = 0
        self.depth = 0

    def open_at(self, position: int) -> bool:
        marks = self.marks
        while self.next < len(marks) and marks[self.next][0] < position:
            mark = marks[self.next][1]
            if mark in "“«„":
                self.depth += 1
            elif mark == "\n":
                self.depth = 0
            elif self.depth:
                self.depth -= 1
            self.next += 1
        return self.depth > 0


_QUOTE_MARKS = re.compile(r"[“«„”»\n]")


_LIST_MARKER = re.compile(r"^[•⁃\-–*]?\s*(?:\(?\d{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,4})[.)]\)?$")
_INITIAL = re.compile(r"(?:^|[\s(])\w\.$")
_TRAILING_MARKER = re.compile(r"\s\W?(\d{1,3}\.)$")
_LEADING_NUMBER = re.compile(r"^\W?(\d{1,3})\.\s")


def _joined(
    text: str, spans: list[tuple[int, int]], language: str, extra: tuple[str, ...]
) -> list[tuple[int, int]]:
    """Take back cuts that split a sentence: after a list marker, an initial, an
    abbreviation before names, or any mark before a lowercase word ("etc. and", "voila! --
    you have cake")."""
    names = before_names(language, extra)
    name_endings = _endings(names)
    out = [spans[0]]
    for start, end in spans[1:]:
        head_start, head_end = out[-1]
        last = text[head_end - 1]
        first = text[start]
        # the first letter or digit: a sentence may start with a figure ("2 + 2 es 4.")
        first_letter = first if first.isalnum() else next((c for c in text[start:end] if c.isalnum()), "")
        if last == "." and text[head_end - 2].isdigit() and first_letter.isupper():
            previous = text[head_start:head_end]
            marker = _TRAILING_MARKER.search(previous)
            if marker and _next_item(previous, marker.group(1)):
                # "1. The first item 2." + "The second item": the marker goes with its item
                cut = head_start + marker.start() + 1
                out[-1] = trim_span(text, head_start, cut)
                head_start, head_end = out[-1]
                start = cut
        previous = text[max(head_start, head_end - 24) : head_end]  # the end is all that is looked at
        short = head_end - head_start <= 8
        if (
            (short and _LIST_MARKER.match(text[head_start:head_end]))
            or (last == "." and previous.endswith(name_endings) and _ends_with_any(previous, names))
            or (last == "." and text[head_end - 2].isupper() and _is_initial(text, head_start, head_end))
            or (
                first_letter.islower()
                and (last in "!?…" or (last == "." and _abbreviated(previous)))
                and not _ITEM_MARKER.match(text, start)
            )
            or (start == head_end and _inside_a_token(text, head_end))
        ):
            out[-1] = (head_start, end)
        else:
            out.append((start, end))
    return out


def _abbreviated(sentence: str) -> bool:
    """The last word looks like an abbreviation or a number ("etc.", "i.v.", "1."): a full stop
    after it before a lowercase word does not end the sentence; after a long word it may."""
    word = sentence.rsplit(None, 1)[-1][:-1].lstrip("([“‘\"'«")
    return len(word) <= 4 or "." in word or word.isdigit()


def _inside_a_token(text: str, cut: int) -> bool:
    """A cut with no space, between ASCII letters or digits ("www.example.Org", "Y!J."):
    inside one token. (Scripts written without spaces end sentences that way.)"""
    before, after = text[cut - 2 : cut - 1], text[cut : cut + 1]
    return (
        text[cut - 1] in ".!"
        and before.isascii()
        and before.isalnum()
        and after.isascii()
        and after.isalnum()
    )


def _is_initial(text: str, start: int, end: int) -> bool:
    """The sentence ends with a capital initial ("Jonas E."), not with "I." or "A."."""
    if end - start < 2 or not text[end - 2].isupper() or text[end - 2] in "IA":
        return False
    return end - start == 2 or text[end - 3] in " \t(\"'“‘«"


def _next_item(previous: str, marker: str) -> bool:
    """``previous`` is a numbered list item and ``marker`` numbers the next one."""
    head = _LEADING_NUMBER.match(previous)
    return head is not None and int(head.group(1)) + 1 == int(marker[:-1])


def _ends_with_any(sentence: str, abbreviations: frozenset[str]) -> bool:
    """The sentence ends with one of the abbreviations, as a whole word ("Ms.", "z. B.")."""
    if not abbreviations:
        return False
    endings = _endings(abbreviations)
    if not sentence.endswith(endings):  # one C-level test for the common case: no abbreviation
        return False
    for abbreviation in endings:
        if sentence.endswith(abbreviation):
            before = sentence[-len(abbreviation) - 1 : -len(abbreviation)]
            if not before or not (before.isalnum() or before == "."):
                return True
    return False


@lru_cache(maxsize=64)
def _endings(abbreviations: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(abbreviations, key=len, reverse=True))


_UNSPACED_SCRIPT = re.compile(
    "[\u0e00-\u0eff"  # Thai, Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
    "\u3040-\u30ff"  # kana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
    "\U00020000-\U0002fa1f]"
)
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_WORD_TOKEN = re.compile(r"\S*[^\W_]\S*")  # a whitespace-separated token holding a letter or digit
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
    return unspaced + len(_WORD_TOKEN.findall(text))
