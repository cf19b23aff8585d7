"""What transflow reads of babel's locale data, kept between runs in the user's cache
folder (``$XDG_CACHE_HOME/transflow/locale-facts.json``): each language's names, writing
direction, and how it writes numbers and dates.

Importing babel and loading one locale's data cost about 25 and 20 ms a process, on every
build, check and status that names a language or checks a figure; the facts depend on
nothing but babel's version, which is in the code fingerprint that seals every cache
(``cachefile``: another babel, and the file reads as nothing). The command line primes the
lookups before a command and keeps what they learnt after it; a program that calls
transflow's functions asks babel, as before.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import figures, languages
from .cachefile import read_cache, write_cache
from .figures import NumberStyle

_KIND = "locale-facts 1"


def facts_file() -> Path | None:
    """None when there is no home to keep it in."""
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache, "transflow", "locale-facts.json") if os.path.isabs(cache) else None


_primed: object = None  # what the file held, to write it again only when something was learnt


def prime() -> None:
    """Fill the lookups from the file (a file that is not what ``keep`` writes is ignored)."""
    global _primed
    stored = read_cache(facts_file(), _KIND)
    try:
        names, rtl, styles = _facts(stored)
    except (TypeError, ValueError, KeyError):
        return
    languages.KNOWN_NAMES.update(names)
    languages.KNOWN_RTL.update(rtl)
    figures.KNOWN_STYLES.update(styles)
    _primed = stored


def keep() -> None:
    """Write what the lookups know, when it is more than the file held."""
    known = {
        "names": {code: list(names) for code, names in sorted(languages.KNOWN_NAMES.items())},
        "rtl": dict(sorted(languages.KNOWN_RTL.items())),
        "styles": {
            code: [style.decimal, style.group, style.date_order, [list(month) for month in style.months]]
            for code, style in sorted(figures.KNOWN_STYLES.items())
        },
    }
    if known != _primed and any(known.values()):
        write_cache(facts_file(), _KIND, known)


def _facts(
    stored: object,
) -> tuple[dict[str, tuple[str, str]], dict[str, bool], dict[str, NumberStyle]]:
    """The lookups' entries a stored payload holds; TypeError or ValueError if it is not one."""
    if not isinstance(stored, dict):
        raise TypeError("no facts")
    names = {}
    for code, (english, native) in stored["names"].items():
        names[code] = (_text(english), _text(native))
    rtl = {}
    for code, flag in stored["rtl"].items():
        if not isinstance(flag, bool):
            raise TypeError("not a flag")
        rtl[code] = flag
    styles = {}
    for code, (decimal, group, order, months) in stored["styles"].items():
        if not (isinstance(order, str) and set(order) <= set("dmy") and len(set(order)) == len(order)):
            raise ValueError("not a date order")
        month_numbers = tuple((_text(name), _number(number)) for name, number in months)
        styles[code] = NumberStyle(_text(decimal), _text(group), order, month_numbers)
    return names, rtl, styles


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not a text")
    return value


def _number(value: object) -> int:
    if type(value) is not int:
        raise TypeError("not a month's number")
    return value
