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

from .abbreviations import AFTER_INITIALISMS, ARTICLES, ambiguous, before_names, starters

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


# every character str.isspace() accepts (none lies past U+3000), and the byte order mark: one
# C-level strip; written out, as listing them at import cost every command 3 ms (a test holds
# the list to str.isspace())
_BLANK = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
_BLANK_SET = frozenset(_BLANK)


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``[start, end)`` so it neither starts nor ends with whitespace."""
    part = text[start:end]
    kept = part.lstrip(_BLANK)
    start += len(part) - len(kept)
    return start, start + len(kept.rstrip(_BLANK))


def split_sentences(text: str, language: str, abbreviations: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Spans of the sentences in ``text`` (offsets into it), trimmed of whitespace.

    sentencex gives the boundaries; press texts need a few more and a few fewer, so its
    cuts are refined: cuts it misses after a closing quote or bracket, inside a quotation,
    after "…", a Greek question mark, an interrupted speech ("sir--\" The"), footnote
    figures, a dotted initialism ("the U.S. How"), and at the line breaks a writer made on
    purpose (a blank line, a short line) are added; cuts inside a quotation that is part of a
    sentence, after a list marker, an initial, an abbreviation that stands before names
    ("Ms.", "approx.", the language's list plus ``abbreviations``) or before a lowercase
    word are taken back.
    """
    cuts = _segmenter_cuts(_apostrophes_masked(text), language)
    cuts.add(0)
    cuts.add(len(text))
    quoting = _Quotation(text) if ("“" in text or "«" in text or "„" in text or "‘" in text) else None
    cuts |= _extra_cuts(text, language, quoting)
    if _may_enumerate(text):
        cuts |= _enumeration_cuts(text)
    if _INITIALISM.search(text):
        cuts |= _initialism_cuts(text, language, abbreviations)
    if _ACRONYM_AND_NEXT.search(text):
        cuts |= _acronym_cuts(text, language, abbreviations)
    for match in _TOKEN_BREAK.finditer(text):
        if _token_break(text, match.end()):
            cuts.add(match.end())
    if quoting is not None:
        for start, end in quoting.embedded:  # nothing inside a quotation that is part of a sentence
            cuts.difference_update([cut for cut in cuts if start < cut < end])
    kept: set[int] = set()  # cuts no rule takes back
    if "\n" in text:
        kept = _line_cuts(text, language)
        cuts |= kept
    return _joined(text, sorted(cuts), language, tuple(abbreviations), kept)


def _segmenter_cuts(text: str, language: str) -> set[int]:
    """sentencex's boundaries. Its sentences as strings cost half what its boundary records
    do; they are taken when they put the text back together exactly (a long text is cut
    into chunks, and a character between two chunks can go missing there)."""
    sentences = sentencex.segment(language, text)
    if "".join(sentences) == text:
        return set(itertools.accumulate(map(len, sentences)))
    return {boundary["end_index"] for boundary in sentencex.get_sentence_boundaries(language, text)}


_APOSTROPHE = re.compile(r"'(?=\w)")


def _apostrophes_masked(text: str) -> str:
    """The text as sentencex should see it. sentencex pairs straight quotes and never cuts
    between them, so an apostrophe ("JFK Jr.'s book") would hold sentences together up to
    the next one: it sees a letter there instead (same length, same offsets)."""
    if "'" not in text:
        return text
    characters: list[str] | None = None
    for match in _APOSTROPHE.finditer(text):
        at = match.start()
        if at and (text[at - 1].isalnum() or text[at - 1] == "_"):
            if characters is None:
                characters = list(text)
            characters[at] = "x"
    return text if characters is None else "".join(characters)


# A terminal mark, closing quotes or brackets, space, then (after opening ones) a capital:
# where sentencex keeps a sentence going after a quotation closes ("signed.” They"), after
# "…", a Greek question mark (U+037E, or ";" in Greek text) or an interrupted speech
# ("sir--\" The"). A plain full stop is sentencex's call, except inside a quotation.
# (Three patterns that each start with a literal or a small set: one scan of the text each.)
_CANDIDATE = re.compile(r"([!?…;\u037e])([”’\"'»)\]]*)(\s+)([“‘\"'«(¿¡]*)(\w)")
_CLOSED_FULL_STOP = re.compile(r"(\.)([”’\"'»)\]]+)(\s+)([“‘\"'«(¿¡]*)(\w)")
_INTERRUPTED = re.compile(r"(--|—)([\"”])(\s+)([“‘\"'«(¿¡]*)(\w)")
_FULL_STOP = re.compile(r"\.(\s+)[“‘\"'«(¿¡]*(\w)")
# "gap in a consultation.11 12 Take", "(Wall Street Journal, 1987).1 According"
_FOOTNOTE = re.compile(r"\.[)\]”’\"']*\d{1,3}(?:(?:, ?| |–)\d{1,3})*(\s+)[“‘\"'(]*([^\W\d_])")


# C901 earned: one branch per segmentation rule
def _extra_cuts(text: str, language: str, quoting: _Quotation | None) -> set[int]:  # noqa: C901
    """Boundaries sentencex does not give: a quotation that closes after the sentence's
    mark ("signed.” They"), a full stop inside a quotation in curly quotes, "…", a Greek
    question mark, an interrupted speech, footnote figures after a sentence, and an
    abbreviation that often ends a sentence before a capital ("etc. The")."""
    cuts: set[int] = set()
    greek = language == "el"
    matches = itertools.chain(_CANDIDATE.finditer(text), _CLOSED_FULL_STOP.finditer(text))
    if "--" in text or "—" in text:
        matches = itertools.chain(matches, _INTERRUPTED.finditer(text))
    for match in matches:
        mark, closers, _, _, first = match.groups()
        if not first.isupper():
            continue
        if mark in ("--", "—"):
            wanted = True  # "If you please, sir--" The Rabbit started
        elif closers.strip("\"'"):  # a curly quote or a bracket closes after the mark
            at = match.start()
            wanted = not (mark == "." and text[at - 2 : at] == ".." and closers.startswith("]"))  # "[...]"
        elif closers:
            wanted = False  # straight quotes open and close alike: dialogue is the segmenter's call
        elif mark == "…" or mark == "\u037e":
            wanted = True
        else:
            wanted = mark == ";" and greek
        if wanted:
            cuts.add(match.start(3))
    if quoting is not None:
        for start, end in quoting.spans:  # full stops inside a quotation that ends with a sentence
            for match in _FULL_STOP.finditer(text, start, end):
                if match.group(2).isupper():
                    cuts.add(match.start(1))
    ending = _ambiguous_ending(language)
    if ending is not None:
        for match in ending.finditer(text):
            at = match.start()
            if match.group(2).isupper() and not (at and (text[at - 1].isalnum() or text[at - 1] == ".")):
                cuts.add(match.start(1))
    for match in _FOOTNOTE.finditer(text):
        at = match.start()
        if at and (text[at - 1].isalpha() or text[at - 1] in ")]") and match.group(2).isupper():
            cuts.add(match.start(1))
    return cuts


@lru_cache(maxsize=64)
def _ambiguous_ending(language: str) -> re.Pattern[str] | None:
    """The language's abbreviations that often end a sentence ("etc."), before the next word."""
    either = ambiguous(language)
    if not either:
        return None
    words = "|".join(re.escape(word) for word in sorted(either, key=len, reverse=True))
    return re.compile(rf"(?:{words})(\s+)[“‘\"'«(¿¡]*(\w)")


# "the U.S. How", "the i.v. It": two or more letters, each with its full stop
_INITIALISM = re.compile(r"\.[^\W\d_]\.\s")
# from the second full stop on (a literal to scan for); the first letter is checked after
_INITIALISM_AND_NEXT = re.compile(r"\.(?:[^\W\d_]\.)+(\s+)[“‘\"'(]*([^\W\d_][\w’'-]*)")


def _initialism_cuts(text: str, language: str, extra: Iterable[str]) -> set[int]:
    """Cuts after a dotted initialism before a capital that starts a new sentence: a
    frequent sentence starter, or any word when an article stands before the initialism,
    unless it is a word that continues a name ("the U.S. Government")."""
    cuts: set[int] = set()
    names = before_names(language, tuple(extra))
    starting = starters(language)
    for match in _INITIALISM_AND_NEXT.finditer(text):
        word = match.group(2)
        start = match.start() - 1  # the first letter
        if (
            not word[0].isupper()
            or start < 0
            or not text[start].isalpha()
            or (start and (text[start - 1].isalnum() or text[start - 1] in "._"))
        ):
            continue
        initialism = text[start : match.start(1)]
        if initialism in names or word in AFTER_INITIALISMS:
            continue
        previous_word = text[max(0, start - 5) : start].split()
        if word in starting or (previous_word and previous_word[-1] in ARTICLES):
            cuts.add(match.start(2))
    return cuts


# "tramite HTTP. In circostanze": an acronym ending a sentence, then a capitalised word
_ACRONYM_AND_NEXT = re.compile(r"(?<![\w.])([A-Z]{2,})\.(\s+)[“‘\"'(«]*([A-Z][\w’'-]*)")


def _acronym_cuts(text: str, language: str, extra: Iterable[str]) -> set[int]:
    """Cuts after an all-capitals acronym before a frequent sentence starter, which some
    languages' segmenter rules keep together ("HTTP. In"), unless the acronym is an
    abbreviation that stands before names."""
    names = before_names(language, tuple(extra))
    starting = starters(language)
    return {
        match.end(2)
        for match in _ACRONYM_AND_NEXT.finditer(text)
        if match.group(3) in starting and f"{match.group(1)}." not in names
    }


# a full stop between a word and a capitalised word, with no space: "world.Today"
_TOKEN_BREAK = re.compile(r"\.(?=[A-Z](?:[a-z]|\s))")
_NOT_PROSE = frozenset("@/:\\_=")


def _token_break(text: str, cut: int) -> bool:
    """A full stop with no space after it ends a sentence ("Hello world.Today is") unless the
    token is an address, a path or a dotted name ("www.example.Org", "Jane.Doe@x.com")."""
    if cut < 2 or not (text[cut - 2].isalnum() or text[cut - 2] == "_"):
        return False
    token_start = cut - 1
    while token_start > 0 and not text[token_start - 1].isspace():
        token_start -= 1
    token_end = cut
    while token_end < len(text) and not text[token_end].isspace():
        token_end += 1
    head, tail = text[token_start : cut - 1], text[cut:token_end]
    if "." in head or _NOT_PROSE.intersection(head + tail) or "." in tail.rstrip(".!?,;:\"')]”’"):
        return False
    return len(head.lstrip("([“‘\"'")) >= 2 and (tail[1:2].islower() or tail[:1] == "I")


# "a. one b. two", "(i) one (ii) two", "1) one 2) two": items of a list run into one line
# (after a space or at the start: one negative lookbehind, a quarter faster than two branches)
_ITEM_MARKER = re.compile(r"(?<!\S)([(⁃•]?)((?:[a-z]|[ivx]{1,4}|\d{1,2}))([.)])(?=\s)")


def _may_enumerate(text: str) -> bool:
    """An enumeration counted from 1 has a second item ("2.", "b)", "ii."); one counted from
    elsewhere has three items "x)". (Substring tests: a fraction of a scan for markers.)"""
    if "2." in text or "b." in text or "ii." in text:
        return True
    return ")" in text and ("2)" in text or "b)" in text or "ii)" in text or text.count(") ") >= 3)


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
    """Cuts around the items of an enumeration written on one line: markers of one style
    that count up, from 1 (a, i, 1) or, three or more of them, from anywhere ("w) x) y)").
    The first item is cut from a sentence that ends before it; "1." before a lowercase word
    is no marker ("for 1. above")."""
    cuts: set[int] = set()
    runs: dict[tuple[str, str, str], list[int]] = {}  # style -> positions of its markers so far
    for match in _ITEM_MARKER.finditer(text):
        opener, label, closer = match.groups()
        if closer == "." and label.isdigit() and text[match.end() + 1 : match.end() + 2].islower():
            continue
        for kind, number in _ordinals(label):
            style = (kind, opener, closer)
            run = runs.get(style)
            position = match.start()
            if text[position - 2 : position] in ("• ", "⁃ ", "- ", "* "):
                position -= 2  # "• 2. Eat well": the bullet goes with its item
            if run is not None and run[0] + len(run) - 1 == number:
                run.append(position)
            else:
                runs[style] = run = [number, position]  # the run's first number, then positions
            items = len(run) - 1
            if (run[0] == 1 and items >= 2) or (closer == ")" and items >= 3):
                cuts.update(run[2:])
                if text[: run[1]].rstrip().endswith((".", "!", "?")):
                    cuts.add(run[1])
    return cuts


class _Quotation:
    """The curly and angle quotations of a text, and whether each ends with a sentence
    (“… massacre. Workers were shot dead.”: a full stop inside it ends a sentence) or
    inside one („… váhu. V podstate …,“ reagoval; ‘… blood. It grows … Apulia’ (tr.):
    the quotation is part of the sentence around it, so nothing inside it is cut).
    Straight quotes open and close alike: too ambiguous. Where „ opens, “ closes."""

    def __init__(self, text: str) -> None:
        self.spans: list[tuple[int, int]] = []  # quotations that end with a sentence
        self.embedded: list[tuple[int, int]] = []  # quotations inside a sentence
        if "«" not in text and "„" not in text:
            # English quotes, none nested: each “ has its ” on the same line (one scan)
            pairs = [match.span() for match in _CURLY_PAIR.finditer(text)]
            if len(pairs) == text.count("“"):
                for start, end in pairs:
                    self._add(text, start, end - 1)
                self._single(text)
                return
        self._walk(text)
        self._single(text)

    def _walk(self, text: str) -> None:
        """Quote marks in order, nesting counted, a line break ending whatever is open."""
        low_opening = "„" in text
        depth = 0
        opened = 0
        for match in _QUOTE_MARKS.finditer(text):
            mark, at = match.group(), match.start()
            if mark == "\n":
                depth = 0
            elif mark in "«„" or (mark == "“" and not low_opening):
                if depth == 0:
                    opened = at
                depth += 1
            elif depth:
                depth -= 1
                if depth == 0:
                    self._add(text, opened, at)

    def _single(self, text: str) -> None:
        if "‘" in text:
            for match in _SINGLE_QUOTATION.finditer(text):
                self._add(text, match.start(), match.end() - 1)

    def _add(self, text: str, opened: int, closed: int) -> None:
        last = closed - 1
        while last > opened and text[last].isspace():
            last -= 1
        ends_a_sentence = text[last] in ".!?…"
        (self.spans if ends_a_sentence else self.embedded).append((opened, closed))


# ‘ after a space or an opening bracket, up to a ’ that no letter follows (not "dragon’s")
_SINGLE_QUOTATION = re.compile(r"(?<![\w’])‘[^‘\n]*?’(?!\w)")
_QUOTE_MARKS = re.compile(r"[“«„”»\n]")
_CURLY_PAIR = re.compile(r"“[^“”\n]*”")


_NOUNS_CAPITALISED = frozenset({"de", "lb"})


def _line_cuts(text: str, language: str) -> set[int]:
    """Line breaks a writer made on purpose: a blank line, a rule line ("______"), the lines
    of a short list ("features / contact manager"), and a line that ends without a full stop
    although the next line's first word, a capitalised one, would have fitted on it
    ("Putter King Trophy" above "(6 3/4" Crystal Trophy)" above the paragraph). Not in
    German, where nouns are capitalised, nor inside a name in capitals ("LEÓN\nSANDOVAL").
    Lines of one or two characters are letters set one under the other, not lines of text."""
    cuts: set[int] = set()
    lines = []  # (start, end) of each line's text, trimmed
    position = 0
    for line in text.split("\n"):
        lines.append(trim_span(text, position, position + len(line)))
        position += len(line) + 1
    filled = [end - start for start, end in lines if start < end]
    if len(filled) < 2 or min(filled) < 3:
        return cuts
    width = max(filled)
    short_list = len(filled) >= 3 and width <= 32
    capitals_start_sentences = language not in _NOUNS_CAPITALISED
    previous: tuple[int, int] | None = None
    for start, end in lines:
        if start == end:  # a blank line
            if previous is not None:
                cuts.add(previous[1])
            continue
        if _LETTER_OR_DIGIT.search(text, start, end) is None:
            cuts.update((start, end))  # a rule: "______", "* * *"
        elif previous is not None:
            first_word = text[start:end].split(None, 1)[0]
            follows = text[start:end].lstrip("([“‘\"'«¿¡")[:1]
            if short_list or (
                capitals_start_sentences
                and text[previous[1] - 1] not in ".!?…"
                and not follows.islower()
                and previous[1] - previous[0] + 1 + len(first_word) <= width
                and not (first_word.isupper() and text[previous[1] - 1].isupper())
            ):
                cuts.add(start)
        previous = (start, end)
    return cuts


_LIST_MARKER = re.compile(r"^[•⁃\-–*]?\s*(?:\(?\d{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,4})[.)]\)?$")
_TRAILING_MARKER = re.compile(r"\s\W?(\d{1,3}\.)$")
_LEADING_NUMBER = re.compile(r"^\W?(\d{1,3})\.\s")
_ORDINAL = re.compile(r"(?<![\d.])\d{1,2}\.$")  # German "am 3. Oktober", "im 19. Jahrhundert"
_ORDINAL_LANGUAGES = frozenset({"de", "da", "nb", "no", "fi", "cs", "sk", "pl", "hu", "sl", "hr", "et"})


_CLOSING = frozenset(")]}»”’\"'")
_CLOSING_ONLY = re.compile(r"[)\]}»”’\"'.!?…;:,]+")


def _joined(
    text: str, cuts: list[int], language: str, extra: tuple[str, ...], kept: set[int]
) -> list[tuple[int, int]]:
    """The spans between the cuts, trimmed, with the cuts that split a sentence taken back:
    after a list marker, an initial, an abbreviation before names, an ordinal, a "!" that
    starts a word ("!Kung"), or any mark before a lowercase word ("etc. and", "voila! --
    you have cake"). (One pass: building the spans first costs a fifth more.)"""
    name_endings, last_words, ordinals = _name_rules(language, extra)
    out: list[tuple[int, int]] = []
    append = out.append
    blank = _BLANK_SET
    head_start = head_end = -1  # the last span out (none yet)
    for a, b in itertools.pairwise(cuts):
        start, end = a, b  # trimmed a character at a time: a cut has a space or two around it
        while start < end and text[start] in blank:
            start += 1
        if start == end:
            continue
        while text[end - 1] in blank:
            end -= 1
        if head_end < 0 or (kept and any(head_end <= cut <= start for cut in kept)):
            append((start, end))
            head_start, head_end = start, end
            continue
        last = text[head_end - 1]
        first = text[start]
        spaced = start > head_end
        # the common case, decided at once: a long sentence ends with a mark that is no
        # initial, no abbreviation and no ordinal, and a capital starts the next one
        if spaced and first.isupper() and head_end - head_start > 8:
            if last != ".":
                append((start, end))
                head_start, head_end = start, end
                continue
            if not (text[head_end - 2].isupper() or text[head_end - 2].isdigit()):
                word = text[text.rfind(" ", head_start, head_end) + 1 : head_end]
                if word[:-1].isalpha() and word not in last_words:
                    append((start, end))
                    head_start, head_end = start, end
                    continue
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
            or (last == "." and previous.endswith(name_endings) and _ends_with_any(previous, last_words))
            or (last == "." and text[head_end - 2].isupper() and _is_initial(text, head_start, head_end))
            or (
                first_letter.islower()
                and (last in "!?…" or (last == "." and _abbreviated(previous)))
                and not _ITEM_MARKER.match(text, start)
            )
            or (not spaced and _inside_a_token(text, head_end))
            or (ordinals and last == "." and first_letter.isupper() and _ORDINAL.search(previous) is not None)
            or (not spaced and last in "!?" and (head_end - head_start == 1 or text[head_end - 2].isspace()))
            # closing brackets or quotes alone ("...[the letter](url).)"): the sentence's end
            or (first in _CLOSING and _CLOSING_ONLY.fullmatch(text, start, end) is not None)
        ):
            out[-1] = (head_start, end)
            head_end = end
        else:
            append((start, end))
            head_start, head_end = start, end
    return out


@lru_cache(maxsize=64)
def _name_rules(
    language: str, extra: tuple[str, ...]
) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]], bool]:
    """A language's abbreviations before names as ``_joined`` looks them up (all of them,
    longest first, for one ``endswith``; by their last word), and whether it writes ordinals
    with a full stop (one cached call per text, not three)."""
    names = before_names(language, extra)
    return tuple(sorted(names, key=len, reverse=True)), _by_last_word(names), language in _ORDINAL_LANGUAGES


def _abbreviated(sentence: str) -> bool:
    """The last word looks like an abbreviation or a number ("etc.", "i.v.", "1."): a full stop
    after it before a lowercase word does not end the sentence; after a long word it may."""
    word = sentence.rsplit(None, 1)[-1][:-1].lstrip("([“‘\"'«")
    return len(word) <= 4 or "." in word or word.isdigit()


def _inside_a_token(text: str, cut: int) -> bool:
    """A cut with no space, between ASCII letters or digits ("www.example.Org", "Y!J."):
    inside one token, unless a full stop ends a sentence there ("Hello world.Today").
    (Scripts written without spaces end sentences that way.)"""
    before, after = text[cut - 2 : cut - 1], text[cut : cut + 1]
    return (
        text[cut - 1] in ".!"
        and before.isascii()
        and before.isalnum()
        and after.isascii()
        and after.isalnum()
        and not (text[cut - 1] == "." and _token_break(text, cut))
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


def _ends_with_any(sentence: str, by_last_word: dict[str, tuple[str, ...]]) -> bool:
    """The sentence ends with one of the abbreviations (given by their last word), as a
    whole word ("Ms.", "z. B."). The caller has tested that it ends with one at all."""
    word = sentence.rsplit(None, 1)[-1]
    for at in range(len(word)):  # "l’art.": "art." is the word; "(e.g.": "e.g."
        if at and word[at - 1].isalnum():
            continue
        for abbreviation in by_last_word.get(word[at:], ()):
            if sentence.endswith(abbreviation):
                before = sentence[-len(abbreviation) - 1 : -len(abbreviation)]
                if not before or not (before.isalnum() or before == "."):
                    return True
    return False


def _by_last_word(abbreviations: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The abbreviations by their last word: "z. B." under "B.", "Ms." under "Ms."."""
    found: dict[str, list[str]] = {}
    for abbreviation in abbreviations:
        found.setdefault(abbreviation.rsplit(None, 1)[-1], []).append(abbreviation)
    return {word: tuple(sorted(group, key=len, reverse=True)) for word, group in found.items()}


_UNSPACED_SCRIPT = re.compile(
    "[\u0e00-\u0eff"  # Thai, Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
    "\u3040-\u30ff"  # kana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
    "\U00020000-\U0002fa1f]"
)
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
# A whitespace-separated token holding a letter or digit, matched from the token's start only and
# without backtracking (possessive): "\S*[^\W_]\S*" took quadratic time on a long run of "=" or dots.
_WORD_TOKEN = re.compile(r"(?<!\S)(?:[^\w\s]|_)*+[^\W_]\S*+")
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
