"""Language facts: canonical codes, names, direction and gettext plural forms.

Codes and names come from babel's locale data. Plural forms do not: CLDR changes its
rules between releases (CLDR 42 gave French, Spanish and Italian a third "many" form
that no gettext tool or Poedit uses), so a header written today must not depend on
the babel version a machine happens to resolve. ``PLURAL_FORMS`` is one fixed table.
"""

from __future__ import annotations

import importlib.util
import os
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from .errors import ConfigError

_N_NOT_ONE = "nplurals=2; plural=(n != 1);"
_N_ABOVE_ONE = "nplurals=2; plural=(n > 1);"
_ONE_FORM = "nplurals=1; plural=0;"
_EAST_SLAVIC = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
)
_CZECH = "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"

# gettext's conventional forms: for the languages msginit knows (gettext 0.21's table,
# checked against `msginit -l CODE` in tests/test_languages.py), exactly what it writes;
# for the others, the forms their gettext translation teams use.
_BY_RULE = {
    _ONE_FORM: "ja vi ko zh id ms th lo km my ka bo dz",
    _N_NOT_ONE: (
        "en de nl sv da no nb nn fo es pt it bg el fi et he eo hu tr ca gl eu sq af az kk hi bn ur sw hy lb"
        " mn ne pa ta te ml kn mr gu si ky uz tk ps so zu xh ast fy rm nso ha yo ig or as ku sd tg"
    ),
    _N_ABOVE_ONE: "fr pt_BR fa tl fil oc br am ti ln wa ak",
    _EAST_SLAVIC: "ru uk be sr hr bs",
    _CZECH: "cs sk",
}
PLURAL_FORMS: dict[str, str] = {
    **{code: rule for rule, codes in _BY_RULE.items() for code in codes.split()},
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "sl": "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "lt": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "ga": "nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;",
    "ro": "nplurals=3; plural=n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2;",
    "ar": (
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"
    ),
    "cy": "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;",
    "mt": (
        "nplurals=4; plural=(n==1 ? 0 : n==0 || ( n%100>1 && n%100<11) ? 1"
        " : (n%100>10 && n%100<20 ) ? 2 : 3);"
    ),
    "mk": "nplurals=2; plural=(n==1 || n%10==1 ? 0 : 1);",
    "is": "nplurals=2; plural=(n%10!=1 || n%100==11);",
}


@lru_cache(maxsize=1)
def _known_locales() -> tuple[str, ...]:
    from babel.localedata import locale_identifiers

    return tuple(sorted(locale_identifiers()))


# a code already in babel's canonical form: fr, pt_BR, zh_Hans, sr_Latn_RS
_CANONICAL = re.compile(r"[a-z]{2,3}(?:_[A-Z][a-z]{3})?(?:_(?:[A-Z]{2}|\d{3}))?")


@lru_cache(maxsize=1)
def _locale_data() -> str | None:
    """Babel's locale data folder, found without importing babel (a run that needs no
    language name does not pay for it: ~20 ms and 3 MiB)."""
    spec = importlib.util.find_spec("babel")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    return os.path.join(folders[0], "locale-data") if folders else None


# country or other codes people write for a language (ISO 639 says otherwise)
_COUNTRY_NOT_LANGUAGE = {
    "gr": "el", "cz": "cs", "dk": "da", "jp": "ja", "kr": "ko", "se": "sv", "ua": "uk",
    "cn": "zh_Hans", "tw": "zh_Hant", "gb": "en", "us": "en", "al": "sq", "rs": "sr",
}  # fmt: skip


@lru_cache(maxsize=256)
def normalize_language(code: str, where: object = None) -> str:
    """A language code as paths and headers write it (pt-BR -> pt_BR), or a clear error.

    A code already in that form is kept as the project writes it: ``zh_TW`` stays ``zh_TW``
    (babel would say ``zh_Hant_TW``, and the project's ``locales/zh_TW/`` would be ignored);
    babel's form is only for comparisons and tags."""
    cleaned = code.strip().replace("-", "_")
    data = _locale_data()
    if (
        data is not None
        and _CANONICAL.fullmatch(cleaned)
        and os.path.isfile(os.path.join(data, f"{cleaned}.dat"))
    ):
        return cleaned  # babel's own name for it: Locale.parse would give it back as it is
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(cleaned)
    except (UnknownLocaleError, ValueError):
        import difflib  # only to suggest a code after a mistake

        meant = _COUNTRY_NOT_LANGUAGE.get(cleaned.lower().split("_")[0])
        nearest = [meant] if meant else difflib.get_close_matches(cleaned, _known_locales(), n=3, cutoff=0.5)
        hint = f"did you mean {', '.join(nearest)}?" if nearest else "use an ISO 639 code such as fr or pt_BR"
        raise ConfigError(
            f"unknown language code {code!r}", path=None if where is None else str(where), hint=hint
        ) from None
    written = _cased(cleaned)
    return written if _CANONICAL.fullmatch(written) else str(locale)


def _cased(code: str) -> str:
    """zh_tw -> zh_TW, sr_latn -> sr_Latn: each part in the case its kind is written in."""
    first, *rest = code.split("_")
    parts = [first.lower()]
    for part in rest:
        parts.append(part.title() if len(part) == 4 else part.upper())
    return "_".join(parts)


# What babel said of each language this process (or, primed by ``localefacts``, an
# earlier run with the same babel): its names, and whether it is written right to left.
KNOWN_NAMES: dict[str, tuple[str, str]] = {}
KNOWN_RTL: dict[str, bool] = {}


def language_names(code: str) -> tuple[str, str]:
    """English name and the language's own name ("Greek", "Ελληνικά")."""
    names = KNOWN_NAMES.get(code)
    if names is None:
        from babel import Locale

        locale = Locale.parse(code)
        english = locale.get_display_name("en") or code
        native = locale.get_display_name(locale) or english
        names = KNOWN_NAMES[code] = (english, native[:1].upper() + native[1:])
    return names


def plural_forms(code: str) -> str:
    """The Plural-Forms header value: the table's, by full code then base language.

    A language the table lacks gets babel's rule (the only case that can vary with
    the installed babel); add it to the table when a project needs it.
    """
    for key in (code, code.split("_")[0]):
        if key in PLURAL_FORMS:
            return PLURAL_FORMS[key]
    from babel.messages.plurals import get_plural  # loads babel's catalog machinery: only when used

    plural = get_plural(code)
    return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"


def is_rtl(code: str) -> bool:
    rtl = KNOWN_RTL.get(code)
    if rtl is None:
        from babel import Locale

        rtl = KNOWN_RTL[code] = Locale.parse(code).character_order == "right-to-left"
    return rtl


def bcp47(code: str) -> str:
    """The BCP 47 tag of a babel code: pt_BR -> pt-BR, zh_Hans -> zh-Hans."""
    return code.replace("_", "-")


class LanguageFacts:
    """What a PO header says about a language, looked up only when asked for.

    Looking up a name or plural forms loads locale data; only a new PO (or one whose
    header lacks them) needs them.
    """

    def __init__(self, code: str) -> None:
        self.code = code

    @cached_property
    def english_name(self) -> str:
        return language_names(self.code)[0]

    @cached_property
    def plural_forms(self) -> str:
        return plural_forms(self.code)


@dataclass(frozen=True)
class LanguageLabel:
    """A language as people and JSON name it."""

    code: str
    english: str
    native: str
    rtl: bool

    @classmethod
    @lru_cache(maxsize=256)
    def of(cls, code: str) -> LanguageLabel:
        english, native = language_names(code)
        return cls(code, english, native, is_rtl(code))
