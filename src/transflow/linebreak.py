"""Line breaking the way GNU gettext wraps PO strings.

gettext wraps msgid/msgstr lines with libunistring's UAX #14 line breaker at a
display width of 79 columns. To write PO files that ``msgcat`` leaves untouched we
reproduce that: line-break classes for the characters statements use, the UAX #14
pair rules, and libunistring's greedy fitting of unbreakable pieces.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

# Line-break classes (UAX #14) of the characters whose class differs from what
# their general category suggests. Everything not listed falls back to
# ``_class_from_category``.
_EXPLICIT_CLASSES: dict[str, str] = {
    " ": "SP",
    "\t": "BA",
    "\n": "BK",
    "\r": "CR",
    "!": "EX",
    "?": "EX",
    '"': "QU",
    "'": "QU",
    "$": "PR",
    "+": "PR",
    "\\": "PR",
    "%": "PO",
    "(": "OP",
    "[": "OP",
    "{": "OP",
    ")": "CP",
    "]": "CP",
    "}": "CL",
    ",": "IS",
    ".": "IS",
    ":": "IS",
    ";": "IS",
    "-": "HY",
    "/": "SY",
    "|": "BA",
    "\u00a0": "GL",
    "\u00a1": "OP",
    "\u00a2": "PO",
    "\u00a3": "PR",
    "\u00a4": "PR",
    "\u00a5": "PR",
    "\u00ab": "QU",
    "\u00ad": "BA",
    "\u00b0": "PO",
    "\u00b1": "PR",
    "\u00b4": "BB",
    "\u00bb": "QU",
    "\u00bf": "OP",
    "\u037e": "IS",
    "\u0589": "IS",
    "\u058a": "BA",
    "\u05be": "BA",
    "\u060c": "IS",
    "\u060d": "IS",
    "\u061b": "EX",
    "\u061f": "EX",
    "\u066a": "PO",
    "\u06d4": "EX",
    "\u0964": "BA",
    "\u0965": "BA",
    "\u1680": "BA",
    "\u2007": "GL",
    "\u2010": "BA",
    "\u2011": "GL",
    "\u2012": "BA",
    "\u2013": "BA",
    "\u2014": "B2",
    "\u2018": "QU",
    "\u2019": "QU",
    "\u201a": "OP",
    "\u201b": "QU",
    "\u201c": "QU",
    "\u201d": "QU",
    "\u201e": "OP",
    "\u201f": "QU",
    "\u2022": "AL",
    "\u2024": "IN",
    "\u2025": "IN",
    "\u2026": "IN",
    "\u2027": "BA",
    "\u2030": "PO",
    "\u2031": "PO",
    "\u2032": "PO",
    "\u2033": "PO",
    "\u2039": "QU",
    "\u203a": "QU",
    "\u203c": "NS",
    "\u2044": "IS",
    "\u200b": "ZW",
    "\u200d": "ZWJ",
    "\u2060": "WJ",
    "\ufeff": "WJ",
    "\u202f": "GL",
    "\u205f": "BA",
    "\u20ac": "PR",
    "\u2116": "PR",
    "\u3000": "BA",
    "\u3001": "CL",
    "\u3002": "CL",
    "\u3005": "NS",
    "\u301c": "NS",
    "\u30fb": "NS",
    "\u30fc": "NS",
    "\uff01": "EX",
    "\uff08": "OP",
    "\uff09": "CP",
    "\uff0c": "CL",
    "\uff0e": "CL",
    "\uff1a": "NS",
    "\uff1b": "NS",
    "\uff1f": "EX",
}
_SMALL_KANA = set("ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ")


@lru_cache(maxsize=4096)
def line_break_class(char: str) -> str:
    """UAX #14 class of ``char`` as libunistring resolves it outside CJK locales."""
    explicit = _EXPLICIT_CLASSES.get(char)
    if explicit is not None:
        return explicit
    if char in _SMALL_KANA:
        return "NS"
    return _class_from_category(char)


def _class_from_category(char: str) -> str:
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Mc", "Cf", "Cc"):
        return "CM"
    if category == "Nd":
        return "NU"
    if category == "Ps":
        return "OP"
    if category == "Pe":
        return "CL"
    if category in ("Pi", "Pf"):
        return "QU"
    if category == "Zs":
        return "BA"
    if unicodedata.east_asian_width(char) in ("W", "F"):
        if category in ("Pd", "Po"):
            return "CL" if category == "Po" else "BA"
        return "ID"
    if category == "Sc":
        return "PR"
    return "AL"


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Display columns of ``char``: 2 for wide East Asian, 0 for marks."""
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 2
    return 1


_NO_BREAK_BEFORE_EVEN_AFTER_SPACES = frozenset({"CL", "CP", "EX", "IS", "SY"})
_ALPHA = frozenset({"AL", "HL"})
_NUMERIC_AFFIX = frozenset({"PR", "PO"})
_BREAK_AFTER = frozenset({"BA", "HY", "NS"})


# C901 earned: UAX #14's rules, in their order
def _may_break(before: str, after: str, spaces_between: bool) -> bool:  # noqa: C901
    """UAX #14 rules LB11-LB31 for the pair (last non-space class, next class)."""
    if after in _NO_BREAK_BEFORE_EVEN_AFTER_SPACES or after == "WJ" or before == "WJ":
        return False
    if before == "OP":
        return False
    if before == "QU" and after == "OP":
        return False
    if before in ("CL", "CP") and after == "NS":
        return False
    if before == "B2" and after == "B2":
        return False
    if spaces_between:
        return True
    if before == "GL":
        return False
    if after == "GL" and before not in ("BA", "HY"):
        return False
    if after == "QU" or before == "QU":
        return False
    if after in _BREAK_AFTER or before == "BB":
        return False
    if after == "IN":
        return False
    if (before in _ALPHA and after == "NU") or (before == "NU" and after in _ALPHA):
        return False
    if (before == "PR" and after == "ID") or (before == "ID" and after == "PO"):
        return False
    if (before in _NUMERIC_AFFIX and after in _ALPHA) or (before in _ALPHA and after in _NUMERIC_AFFIX):
        return False
    if _keeps_number_together(before, after):
        return False
    if before in _ALPHA and after in _ALPHA:
        return False
    if before in ("AL", "HL", "NU") and after == "OP":
        return False
    return not (before == "CP" and after in ("AL", "HL", "NU"))


def _keeps_number_together(before: str, after: str) -> bool:
    """LB25 in its pair-table form."""
    if before in ("CL", "CP", "NU") and after in _NUMERIC_AFFIX:
        return True
    if before in _NUMERIC_AFFIX and after in ("OP", "NU"):
        return True
    return before in ("HY", "IS", "NU", "SY") and after == "NU"


def break_opportunities(text: str, prohibited: frozenset[int] = frozenset()) -> list[bool]:
    """For each index i, whether a line may break before ``text[i]``.

    ``prohibited`` holds indices where a break is forbidden whatever the rules say
    (gettext forbids breaking inside an escape sequence such as ``\\n``).
    """
    breaks = [False] * len(text)
    last = "BK"  # class of the last character that is neither space nor mark
    spaces_seen = False
    for index, char in enumerate(text):
        cls = line_break_class(char)
        if cls in ("BK", "CR", "LF"):
            last, spaces_seen = "BK", False
            continue
        if cls == "SP":
            spaces_seen = True
            continue
        if cls in ("CM", "ZWJ"):
            if last == "BK":
                last, spaces_seen = "AL", False
            elif last == "ZW" or spaces_seen:
                breaks[index] = index not in prohibited
                last, spaces_seen = "AL", False
            continue
        if cls == "ZW":
            last, spaces_seen = "ZW", False
            continue
        if last == "BK":
            allowed = False
        elif last == "ZW" or (last == "IS" and char == "<"):
            allowed = True
        else:
            allowed = _may_break(last, cls, spaces_seen)
        breaks[index] = allowed and index not in prohibited
        last, spaces_seen = cls, False
    return breaks


def fit_lines(text: str, breaks: list[bool], width: int, start_column: int) -> list[int]:
    """Greedy fitting as libunistring does it: the indices where lines start.

    The reference that the writer's fast ``wrap_starts`` is tested against.

    A piece is the text between two break opportunities; a piece that would end past
    ``width`` moves to a new line (column 0), unless it already starts a line.
    """
    starts: list[int] = []
    last_break: int | None = None
    column = start_column
    piece_width = 0
    for index, char in enumerate(text):
        if breaks[index]:
            if last_break is not None and column + piece_width > width:
                starts.append(last_break)
                column = 0
            last_break = index
            column += piece_width
            piece_width = 0
        piece_width += char_width(char)
    if last_break is not None and column + piece_width > width:
        starts.append(last_break)
    return starts


def _base_class_before(text: str, index: int) -> tuple[str, bool]:
    """The class the pair rules see before ``index``, and whether spaces stand between.

    Mirrors the state ``break_opportunities`` carries along: spaces are skipped, a
    combining mark takes its base's class (or AL after a space or at the start).
    """
    position = index - 1
    while position >= 0 and line_break_class(text[position]) == "SP":
        position -= 1
    spaces = position < index - 1
    if position < 0:
        return "BK", spaces
    base = position
    while base >= 0 and line_break_class(text[base]) in ("CM", "ZWJ"):
        base -= 1
    if base < 0 or (base < position and line_break_class(text[base]) == "SP"):
        return "AL", spaces
    cls = line_break_class(text[base])
    return ("BK" if cls in ("CR", "LF") else cls), spaces


def may_break_before(text: str, index: int, prohibited: frozenset[int] = frozenset()) -> bool:
    """Whether a line may break before ``text[index]``: ``break_opportunities`` for one index."""
    if index <= 0 or index >= len(text) or index in prohibited:
        return False
    cls = line_break_class(text[index])
    if cls in ("BK", "CR", "LF", "SP", "ZW"):
        return False
    last, spaces = _base_class_before(text, index)
    if cls in ("CM", "ZWJ"):
        return last != "BK" and (last == "ZW" or spaces)
    if last == "BK":
        return False
    if last == "ZW" or (last == "IS" and text[index] == "<"):
        return True
    return _may_break(last, cls, spaces)


# Pair verdicts, filled as pairs are met: the key is the character before the break (the
# last one that is not a space) and the one after it.
_JOINED: dict[str, bool] = {}
_SPACED: dict[str, bool] = {}
_PAIRS_MOST = 65_536


def pair_verdict(before: str, after: str, spaced: bool) -> bool | None:
    """The rules' verdict for a pair of characters (spaces between them or not), or None
    where more than the pair decides (a combining mark or joiner, ASCII's controls among
    them, takes its base's class: the general path)."""
    table = _SPACED if spaced else _JOINED
    pair = before + after
    verdict = table.get(pair)
    if verdict is None:
        if line_break_class(before) in ("CM", "ZWJ") or line_break_class(after) in ("CM", "ZWJ"):
            return None
        text = before + " " + after if spaced else pair
        verdict = may_break_before(text, len(text) - 1)
        if len(table) < _PAIRS_MOST:
            table[pair] = verdict
    return verdict


def _line_end(
    text: str,
    line_start: int,
    limit: int,
    prohibited: frozenset[int],
    ascii_only: bool = True,
) -> int | None:
    """The last break opportunity in ``(line_start, limit]`` of ASCII text (or, not
    ``ascii_only``, of text whose every character is one column), 0 when there is none, None
    when a character the pair verdicts cannot judge decides (general path)."""
    index = limit
    space = text.rfind(" ", line_start, limit) if limit > line_start else -1
    if ascii_only and space >= line_start and text[space + 1 : limit + 1].isalnum():
        index = space + 1  # ASCII letters and digits never break between each other
    while index > line_start:
        if text[index] == " ":  # no break before a space
            index -= 1
            continue
        before = index - 1  # the last character that is not a space
        while before >= 0 and text[before] == " ":
            before -= 1
        if before < 0:
            return 0
        allowed = pair_verdict(text[before], text[index], before < index - 1)
        if allowed is None:
            return None
        if allowed and index not in prohibited:
            return index
        index = before
    return 0


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: transflow's one width rule.

    Used to measure a source block's width, to rewrap translations to it, and in
    gettext's line fitting (libunistring's uc_width agrees): wide East Asian characters
    and emoji take 2, combining and enclosing marks (Thai vowel signs included) and
    format characters (zero-width space and joiner, bidi controls) take 0.
    """
    return len(text) if text.isascii() else sum(char_width(char) for char in text)


def _last_break(text: str, line_start: int, limit: int, prohibited: frozenset[int]) -> int:
    return next((i for i in range(limit, line_start, -1) if may_break_before(text, i, prohibited)), 0)


def _first_break_after(text: str, limit: int, prohibited: frozenset[int]) -> int:
    return next((i for i in range(limit + 1, len(text)) if may_break_before(text, i, prohibited)), 0)


def wrap_starts(text: str, prohibited: frozenset[int], width: int, start_column: int) -> list[int]:
    """Line starts of ``text`` as ``fit_lines(text, break_opportunities(...))`` gives them,
    computed only around the line ends (the PO writer's hot path).

    A line ends at the last break opportunity whose column is within ``width``; a line
    with none takes the first opportunity after it (an over-long piece stands alone).
    """
    length = len(text)
    starts: list[int] = []
    line_start, column = 0, start_column
    ascii_only = text.isascii()
    if ascii_only or one_column_text(text):  # a character is a column (French, Greek, Cyrillic, Arabic too)
        while column + length - line_start > width:
            limit = width - column + line_start
            end = _line_end(text, line_start, limit, prohibited, ascii_only)
            if end is None:
                end = _last_break(text, line_start, limit, prohibited)
            end = end or _first_break_after(text, limit, prohibited)
            if not end:
                break
            starts.append(end)
            line_start, column = end, 0
        return starts
    columns = [0]
    for char in text:
        columns.append(columns[-1] + char_width(char))
    while column + columns[length] - columns[line_start] > width:
        room = width - column + columns[line_start]
        limit = line_start
        while limit < length and columns[limit + 1] <= room:
            limit += 1
        end = _last_break(text, line_start, limit, prohibited) or _first_break_after(text, limit, prohibited)
        if not end:
            break
        starts.append(end)
        line_start, column = end, 0
    return starts


# the blocks most translations are written in: Latin-1, Latin Extended, IPA, Greek, Cyrillic,
# Armenian, Hebrew, Arabic, and general punctuation (curly quotes, dashes, no-break spaces)
_COMMON_BLOCKS = ((0x00A0, 0x0700), (0x2000, 0x2070))
_ONE_COLUMN: set[str] = set()  # the characters found one column so far (a set test is C speed)


def all_one_column(characters: set[str]) -> bool:
    """Every character is one column wide and no line breaks beside it unless the rules for
    the pair say so: ideographs (which break between each other), zero-width and wide
    characters, line and paragraph ends take the full paths."""
    for char in characters - _ONE_COLUMN:
        if char_width(char) != 1 or line_break_class(char) in ("ID", "BK", "CR", "LF", "ZW"):
            return False
        if len(_ONE_COLUMN) < _PAIRS_MOST:
            _ONE_COLUMN.add(char)
    return True


@cache
def _common_alphabets() -> re.Pattern[str]:
    """A match for text of printable ASCII and the one-column characters of the common
    blocks (found by ``all_one_column``, once a process): one regular expression, a tenth
    of the cost of making a set of the text."""
    runs: list[tuple[int, int]] = []
    for first, last in _COMMON_BLOCKS:
        for code in range(first, last):
            if all_one_column({chr(code)}):
                if runs and runs[-1][1] == code - 1:
                    runs[-1] = (runs[-1][0], code)
                else:
                    runs.append((code, code))
    allowed = "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in runs)
    return re.compile(f"[ -~{allowed}]*")


def one_column_text(text: str) -> bool:
    """Every character of ``text`` is one column (``all_one_column``): the line-at-a-time
    paths of the PO writer and the rewrap apply."""
    return _common_alphabets().fullmatch(text) is not None or all_one_column(set(text))
