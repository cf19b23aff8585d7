"""Figures by value: numbers, percentages, amounts, dates and times as each locale writes them.

3.5% = 3,5 % = ٣٫٥٪; 15,000 = 15 000 = 15.000; 14/12/2015 = 14.12.2015 = 14-12-2015. A figure is
read with the number symbols and date order of the language it is written in (babel's locale
data); a translation may also keep the source's way of writing it. Pure functions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

_SPACES = "\u00a0\u202f\u2009"  # no-break, narrow no-break and thin spaces: always grouping
_SEPARATORS = ".,'’\u066b\u066c" + _SPACES
_NUMBER = re.compile(rf"\d+(?:[{_SEPARATORS}]\d+)*")
_NUMBER_SPACED = re.compile(rf"\d+(?:(?:[{_SEPARATORS}]| (?=\d{{3}}(?!\d)))\d+)*")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_DATE = re.compile(r"(?<![\d.,/])(\d{1,4})([/.\-])(\d{1,2})\2(\d{1,4})(?![\d/]|[.,]\d)")
_TIME = re.compile(r"(?<![\d.,:])(\d{1,2})(?::| ?h ?)(\d{2})(?![\d:])")
# What is not a figure of the text: addresses, placeholders, references to footnotes in markup
ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")  # web and e-mail addresses
_NOT_FIGURES = re.compile(rf"{ADDRESS.pattern}|</?\d+/?>")


@dataclass(frozen=True)
class NumberStyle:
    """How a language writes numbers and short dates."""

    decimal: str
    group: str
    date_order: str  # "dmy", "mdy" or "ymd"
    # the language's month names, lower-cased (wide and abbreviated, in a date and alone:
    # Greek and Russian write "14 Δεκεμβρίου", "14 декабря"), each with its number
    months: tuple[tuple[str, int], ...] = ()


# What babel said of each language's numbers and dates this process (or, primed by
# ``localefacts``, an earlier run with the same babel)
KNOWN_STYLES: dict[str, NumberStyle] = {}


def number_style(language: str) -> NumberStyle:
    style = KNOWN_STYLES.get(language)
    if style is None:
        style = KNOWN_STYLES[language] = _babel_number_style(language)
    return style


def _babel_number_style(language: str) -> NumberStyle:
    from babel.dates import get_date_format, get_month_names
    from babel.numbers import get_decimal_symbol, get_group_symbol

    pattern = get_date_format("short", locale=language).pattern.lower()
    positions = sorted((pattern.find(letter), letter) for letter in "dmy" if letter in pattern)
    order = "".join(letter for _, letter in positions) or "dmy"
    months: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale=language).items():
                cleaned = name.lower().rstrip(".")
                if len(cleaned) >= 3 and not cleaned.isdigit():
                    months.setdefault(cleaned, number)
    return NumberStyle(
        get_decimal_symbol(language), get_group_symbol(language), order, tuple(sorted(months.items()))
    )


@lru_cache(maxsize=64)
def _month_dates(months: tuple[tuple[str, int], ...]) -> re.Pattern[str] | None:
    """A date with its month in words: "14. Dezember 2015", "14 décembre 2015", "December 14, 2015"."""
    if not months:
        return None
    names = "|".join(re.escape(name) for name, _ in sorted(months, key=lambda item: -len(item[0])))
    return re.compile(
        rf"(?<![\w.])(?:(\d{{1,2}})(?:\.|er|st|nd|rd|th)?\s+({names})\.?|({names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?)"
        rf"\s+(\d{{4}})(?!\d)",
        re.IGNORECASE,
    )


@dataclass(frozen=True)
class Figure:
    """A figure as written, and the values it can stand for."""

    text: str
    values: frozenset[str]


def _ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.digit(char)) if char.isdigit() else char for char in text)


def _canonical(number: str) -> str:
    try:
        value = Decimal(number).normalize()
    except InvalidOperation:
        return f"literal:{number}"
    return f"number:{value:f}"


def _read_number(token: str, style: NumberStyle) -> str | None:
    """The value of ``token`` written in ``style``, or None when the style cannot have written it."""
    # the Arabic separators (U+066B decimal, U+066C group) mean one thing in every style
    grouping = (_SPACES + " " if style.group.isspace() else style.group) + "\u066c"
    decimals = style.decimal + "\u066b"
    pieces = re.split(rf"([{re.escape(_SEPARATORS + ' ')}])", token)
    digits, separators = pieces[0::2], pieces[1::2]
    if not separators:
        return _canonical(token)
    fraction = ""
    if separators[-1] in decimals and separators[-1] not in grouping:
        fraction = digits[-1]
        digits, separators = digits[:-1], separators[:-1]
    if separators:
        if any(separator not in grouping for separator in separators) or len(set(separators)) > 1:
            return None
        if not 1 <= len(digits[0]) <= 3 or any(len(group) != 3 for group in digits[1:]):
            return None
    whole = "".join(digits)
    return _canonical(f"{whole}.{fraction}" if fraction else whole)


def _date_values(first: str, second: str, third: str, order: str, lenient: bool) -> set[str]:
    a, b, c = int(first), int(second), int(third)
    if len(first) == 4:  # year first: ISO order
        readings = [(a, b, c)]
    else:
        day_first, month_first = (c, b, a), (c, a, b)
        preferred = month_first if order.startswith("m") else day_first
        other = day_first if preferred is month_first else month_first
        readings = [preferred]
        if lenient and (preferred[1] > 12 or (other[1] <= 12 and other[2] <= 12)):
            readings.append(other)  # the source is the truth: read it as it can be read
    values = set()
    for year, month, day in readings:
        if 1 <= month <= 12 and 1 <= day <= 31:
            values.add(f"date:{year + 2000 if year < 100 else year:04}-{month:02}-{day:02}")
    return values


def figures(
    text: str, styles: Sequence[NumberStyle], spaced: bool = False, lenient: bool = False
) -> list[Figure]:
    """The figures of ``text`` in order, each with every value the given styles read in it
    (dates: in the first style's order; the first style is the text's own language).

    ``spaced`` also takes a plain space before three digits as grouping (15 000);
    ``lenient`` (for sources) reads an ambiguous date both ways.
    """
    if "://" in text or "www." in text or "@" in text or "<" in text:
        text = _NOT_FIGURES.sub(" ", text)
    found: list[tuple[int, Figure]] = []
    taken: list[tuple[int, int]] = []
    for match in _DATE.finditer(text):
        first, _, second, third = match.groups()
        first, second, third = _ascii_digits(first), _ascii_digits(second), _ascii_digits(third)
        # dates in the order of the text's own language only: 12/14/2015 is no date in French
        values = _date_values(first, second, third, styles[0].date_order, lenient)
        values.add(f"literal:{int(first)}/{int(second)}/{int(third)}")
        found.append((match.start(), Figure(match.group(), frozenset(values))))
        taken.append(match.span())
    worded = _month_dates(styles[0].months) if styles else None
    month_of = dict(styles[0].months) if worded is not None else {}
    for year in _YEAR.finditer(text) if worded is not None else ():
        if any(a <= year.start() < b for a, b in taken):
            continue  # the year of a numeric date
        # a worded date ends with its year: only the few characters before a year are read
        spelled = worded.search(text, max(0, year.start() - 24), year.end()) if worded else None
        if spelled is None or spelled.end() != year.end():
            continue
        day = spelled.group(1) or spelled.group(4)
        month = month_of.get((spelled.group(2) or spelled.group(3)).lower().rstrip("."))
        if month is None or not 1 <= int(day) <= 31:
            continue
        date = f"date:{int(_ascii_digits(spelled.group(5))):04}-{month:02}-{int(day):02}"
        found.append((spelled.start(), Figure(spelled.group(), frozenset({date}))))
        taken.append(spelled.span())
    for match in _TIME.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        hours, minutes = int(_ascii_digits(match.group(1))), int(_ascii_digits(match.group(2)))
        if hours < 24 and minutes < 60:
            found.append((match.start(), Figure(match.group(), frozenset({f"time:{hours}:{minutes:02}"}))))
            taken.append(match.span())
    for match in (_NUMBER_SPACED if spaced else _NUMBER).finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        token = _ascii_digits(match.group())
        values = {value for style in styles if (value := _read_number(token, style)) is not None}
        if not values:
            values = {f"literal:{token}"}
        found.append((match.start(), Figure(match.group(), frozenset(values))))
    return [figure for _, figure in sorted(found, key=lambda item: item[0])]


def unmatched(source: Sequence[Figure], translation: Sequence[Figure]) -> tuple[list[Figure], list[Figure]]:
    """Source figures the translation lacks, and translation figures the source lacks."""
    free = list(translation)
    missing: list[Figure] = []
    for figure in source:
        partner = next((other for other in free if other.values & figure.values), None)
        if partner is None:
            missing.append(figure)
        else:
            free.remove(partner)
    return missing, free


def compare_figures(
    source: str, translation: str, source_language: str, target_language: str
) -> tuple[list[Figure], list[Figure]]:
    """(missing, added): figures of the source the translation lacks, and the reverse.

    The translation is read in the target's style and in the source's; a plain space
    before three digits counts as grouping when that makes the figures agree.
    """
    if _written_alike(source, translation):
        return [], []  # the same figures written the same way: the same values
    source_style, target_style = number_style(source_language), number_style(target_language)
    wanted = _source_figures(source, source_language)
    styles = [target_style, source_style]
    best = unmatched(wanted, figures(translation, styles))
    if (best[0] or best[1]) and " " in translation:
        spaced = unmatched(wanted, figures(translation, styles, spaced=True))
        if len(spaced[0]) + len(spaced[1]) < len(best[0]) + len(best[1]):
            best = spaced
    return best


_FIGURE_TEXT = re.compile(r"\d[\d.,:/'’\u00a0\u202f\u066b\u066c-]*")


def _written_alike(source: str, translation: str) -> bool:
    """Both texts hold the same figure strings (in any order): nothing to compare."""
    return sorted(_FIGURE_TEXT.findall(source)) == sorted(_FIGURE_TEXT.findall(translation))


@lru_cache(maxsize=65536)
def _source_figures(source: str, language: str) -> list[Figure]:
    """A source's figures, read once however many languages it is checked in (do not mutate)."""
    return figures(source, [number_style(language)], lenient=True)
