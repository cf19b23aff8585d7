"""Quality checks of a translation against its source: what must be right before publishing.

Each check is a small named function with a severity, a docstring written for
translators (``transflow check --list`` prints them) and, where it is cheap to tell, a
precondition saying when it can find anything (``applies``): a check without one runs on
every translation, so a new check gates publication by construction. Errors keep a
document from being built; warnings are shown. A translator or reviewer accepts a finding on one entry with
the translator comment ``# transflow: accept figures`` (several names: ``accept figures, urls``).
Pure functions over texts and units.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

from .checksettings import CheckSettings, Glossary, Severity
from .errors import MarkupError
from .figures import compare_figures
from .formats import restore_unit
from .model import Unit

Scope = Literal["unit", "language"]


class Pair(NamedTuple):
    """One unit and its translation, with what a check needs to know about them (a tuple:
    one is made for every translated unit of every language, at a fifth of a frozen
    dataclass's cost)."""

    unit: Unit
    translation: str
    source_language: str
    language: str
    settings: CheckSettings

    @property
    def source(self) -> str:
        return self.unit.msgid


@dataclass(frozen=True)
class Check:
    name: str
    severity: Severity
    scope: Scope
    explain: str  # for translators: what it checks, and how to satisfy it
    run: Callable[[Pair], list[str]] | None  # None: a language-wide check (see consistency)
    # False only when ``run`` would find nothing: a cheap look that spares the full check
    applies: Callable[[Pair], bool] | None = None


@dataclass(frozen=True)
class Finding:
    check: str
    severity: Severity
    message: str
    accepted: bool = False


CHECKS: dict[str, Check] = {}


def check(
    name: str,
    severity: Severity,
    scope: Scope = "unit",
    applies: Callable[[Pair], bool] | None = None,
) -> Callable[[Callable[[Pair], list[str]]], None]:
    """Register a unit check under ``name``; its docstring is what translators read.
    ``applies`` (optional) is a cheap test that is False only where the check finds nothing."""

    def register(function: Callable[[Pair], list[str]]) -> None:
        explain = " ".join((function.__doc__ or "").split())
        CHECKS[name] = Check(name, severity, scope, explain, function, applies)

    return register


def _quote(text: str, limit: int = 60) -> str:
    return "“" + (text if len(text) <= limit else text[: limit - 1] + "…") + "”"


# ---------------------------------------------------------------------------
# errors


def _has_figures(pair: Pair) -> bool:
    return bool(_HAS_DIGIT.search(pair.source) or _HAS_DIGIT.search(pair.translation))


@check("figures", "error", applies=_has_figures)
def _figures(pair: Pair) -> list[str]:
    """Every number, percentage, amount, date and time of the source is in the translation with the
    same value, written as your language writes it: 3.5% = 3,5 %, 15,000 = 15 000 = 15.000,
    14/12/2015 = 14.12.2015 (day, month and year kept), Arabic-Indic digits welcome. A figure missing
    or added is an error. Figures written out in words are not checked."""
    missing, added = compare_figures(pair.source, pair.translation, pair.source_language, pair.language)
    if not missing and not added:
        return []
    if len(missing) == 1 and len(added) == 1:
        return [f"the source has {missing[0].text}, the translation has {added[0].text}"]
    messages = [f"the source has {figure.text}, the translation does not" for figure in missing]
    messages += [f"the translation adds {figure.text}, the source does not have it" for figure in added]
    return messages


_HAS_DIGIT = re.compile(r"\d")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"“”«»]*[^\s<>\"“”«».,;:!?)\]'’]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def urls_of(text: str) -> list[str]:
    if not _may_hold_addresses(text):
        return []
    return sorted(_URL.findall(text))


def _may_hold_addresses(text: str) -> bool:
    return "://" in text or "www." in text or "@" in text


def _has_addresses(pair: Pair) -> bool:
    return _may_hold_addresses(pair.source) or _may_hold_addresses(pair.translation)


@check("urls", "error", applies=_has_addresses)
def _urls(pair: Pair) -> list[str]:
    """The same web addresses and e-mail addresses as the source, letter for letter."""
    source, translation = urls_of(pair.source), urls_of(pair.translation)
    if source == translation:
        return []
    missing = [url for url in source if url not in translation]
    added = [url for url in translation if url not in source]
    if len(missing) == 1 and len(added) == 1:
        return [f"the source has {missing[0]}, the translation has {added[0]}"]
    return [f"the source has {url}, the translation does not" for url in missing] + [
        f"the translation adds {url}" for url in added
    ]


def _has_markup_or_edge_breaks(pair: Pair) -> bool:
    """Plain text restores as it is: only its line breaks at the edges can fail."""
    if pair.unit.mode != "text":
        return True
    source, translation = pair.source, pair.translation
    return source[:1] == "\n" or source[-1:] == "\n" or translation[:1] == "\n" or translation[-1:] == "\n"


@check("markup", "error", applies=_has_markup_or_edge_breaks)
def _markup(pair: Pair) -> list[str]:
    """Markdown and HTML markup kept: placeholders <1>...</1> and <2/>, links, code and emphasis as
    in the source, no new link or tag; and a line break at the start or end only where the source
    has one (msgfmt -c)."""
    problem = restored(pair.unit, pair.translation)[1]
    return [] if problem is None else [problem]


def restored(unit: Unit, translation: str) -> tuple[str | None, str | None]:
    """(the text the translation puts in the output, None) or (None, why it cannot go there):
    the markup check and the build's reassembly are this one function."""
    try:
        gettext_line_breaks(unit.msgid, translation)
        return restore_unit(unit, translation), None
    except MarkupError as error:
        return None, error.message


def gettext_line_breaks(msgid: str, msgstr: str) -> None:
    """What ``msgfmt -c`` refuses: a line break at the start or end that the other side lacks."""
    for where, test in (("begin", str.startswith), ("end", str.endswith)):
        if test(msgid, "\n") != test(msgstr, "\n"):
            source = "has a line break" if test(msgid, "\n") else "has no line break"
            raise MarkupError(f"the source {source} at its {where}; the translation must match (msgfmt -c)")


@lru_cache(maxsize=256)
def _term_pattern(term: str, wildcard: bool) -> re.Pattern[str]:
    pieces = [re.escape(piece) for piece in term.split("*")] if wildcard else [re.escape(term)]
    body = r"\w*".join(pieces)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def _has_glossary(pair: Pair) -> bool:
    glossary = pair.settings.glossary
    return bool(glossary.keep or glossary.terms.get(pair.language))


@check("glossary", "error", applies=_has_glossary)
def _glossary(pair: Pair) -> list[str]:
    """Glossary terms as the project set them (matched without regard to case, as whole words): a
    name to keep stays unchanged; a term with a set translation uses it. A * in a set translation
    stands for any word ending, for languages that inflect (εργατικ* τάξ*)."""
    messages = []
    for source_term, target_term in pair.settings.glossary.required(pair.language):
        if not _term_pattern(source_term, False).search(pair.source):
            continue
        if not _term_pattern(target_term, True).search(pair.translation):
            if source_term == target_term:
                messages.append(f"keep {_quote(source_term)} unchanged")
            else:
                messages.append(f"the source has {_quote(source_term)}: translate it {_quote(target_term)}")
    return messages


# ---------------------------------------------------------------------------
# warnings

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@check("untranslated", "warning")
def _untranslated(pair: Pair) -> list[str]:
    """The translation is a copy of the source (more than three words): was it forgotten? Units made
    only of names, figures and glossary names to keep are not counted."""
    if pair.translation.strip() != pair.source.strip():
        return []
    text = pair.source
    for term in pair.settings.glossary.keep:
        text = _term_pattern(term, False).sub(" ", text)
    words = _WORD.findall(text)
    # a name: capitalised words, perhaps joined by short ones ("Communist Party of Greece")
    if len(words) <= 3 or all(word[:1].isupper() or len(word) <= 3 for word in words):
        return []
    return ["the translation is the source text"]


_CLOSERS = "\"'”’»)]*_ \u00a0\u202f"
_FINAL_FORMS: dict[str, dict[str, str]] = {
    "?": {"": "?", "el": "?;\u037e", "ar": "؟?", "fa": "؟?", "ur": "؟?", "zh": "？?", "ja": "？?"},
    "!": {"": "!", "zh": "！!", "ja": "！!"},
    ".": {"": ".…", "zh": "。.", "ja": "。.", "hi": "।."},
    ":": {"": ":", "zh": "：:", "ja": "：:"},
}
_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"), ("«", "»"))
_QUOTES = "«»“”„"


def _balanced(text: str, opening: str, closing: str) -> bool:
    """As many opening as closing marks. Quotes of every style count as one family, by
    parity: „…“ (German), “…” and « … » each add two marks; a quotation cut between two
    units leaves an odd count, in the source too."""
    if opening == "«":
        return sum(text.count(mark) for mark in _QUOTES) % 2 == 0
    return text.count(opening) == text.count(closing)


_FRENCH_TIGHT = re.compile(r"(?<=[^\W\d_])[;!?]|(?<=[^\W\d_]):(?!//)")


@check("punctuation", "warning")
def _punctuation(pair: Pair) -> list[str]:
    """The sentence ends with the source's mark in your language's form (Greek ; for ?, Arabic ؟,
    Spanish ¿...?); brackets and « » balanced; in French a (narrow) no-break space before ; : ! ?."""
    messages = []
    base = pair.language.split("_")[0]
    source_end = pair.source.rstrip(_CLOSERS)[-1:]
    forms = _FINAL_FORMS.get(source_end)
    translation_end = pair.translation.rstrip(_CLOSERS)[-1:]
    if forms is not None and translation_end and translation_end not in forms.get(base, forms[""]):
        messages.append(f"the source ends with {source_end} but the translation ends with {translation_end}")
    if base == "es" and source_end in "?!" and forms is not None and translation_end in "?!":
        opening = "¿" if source_end == "?" else "¡"
        if opening not in pair.translation:
            messages.append(f"Spanish opens the sentence with {opening}")
    for opening, closing in _PAIRS:
        if _balanced(pair.source, opening, closing) and not _balanced(pair.translation, opening, closing):
            messages.append(f"{opening[0]} and {closing[0]} are not balanced")
    if (
        base == "fr"
        and _FRENCH_TIGHT.search(pair.translation)
        and _FRENCH_TIGHT.search(_URL.sub(" ", pair.translation))
    ):
        messages.append("French writes a no-break space before ; : ! ?")
    return messages


@check("whitespace", "warning")
def _whitespace(pair: Pair) -> list[str]:
    """No space at the start or end, and no double space, unless the source has one."""
    source, translation = pair.source, pair.translation
    messages = []
    if translation[:1].isspace() and not source[:1].isspace():
        messages.append("the translation starts with a space")
    if translation[-1:].isspace() and not source[-1:].isspace():
        messages.append("the translation ends with a space")
    if "  " in translation and "  " not in source:
        messages.append("the translation has a double space")
    return messages


@check("length", "warning")
def _length(pair: Pair) -> list[str]:
    """A translation much shorter or longer than its source (by default under 40% or over 250% of
    its characters, for sources of 20 characters or more) may have lost or gained a sentence."""
    source_length, length = len(pair.source), len(pair.translation)
    if source_length < 20 or not length:
        return []
    ratio = length / source_length
    if ratio < pair.settings.length_min:
        return [f"the translation is {ratio:.0%} of the source's length"]
    if ratio > pair.settings.length_max:
        return [f"the translation is {ratio:.0%} of the source's length"]
    return []


SCRIPTS = {
    **dict.fromkeys(("el",), "GREEK"),
    **dict.fromkeys(("ru", "uk", "bg", "be", "sr", "mk", "kk", "ky", "mn", "tg"), "CYRILLIC"),
    **dict.fromkeys(("ar", "fa", "ur", "ps"), "ARABIC"),
    **dict.fromkeys(("he", "yi"), "HEBREW"),
}
_UNCHECKED_SCRIPTS = frozenset(
    ("zh", "ja", "ko", "th", "lo", "km", "my", "hi", "bn", "ta", "te", "ka", "hy", "am")
)


def _script(word: str) -> str:
    return _script_of(word[0])


@lru_cache(maxsize=4096)
def _script_of(char: str) -> str:
    return unicodedata.name(char, "UNKNOWN").split(" ")[0]


# letters of the scripts this check knows, by script: a translation with none of another
# script's letters needs no word-by-word look
SCRIPT_LETTERS = {
    "LATIN": "A-Za-z\u00c0-\u024f",
    "GREEK": "\u0370-\u03ff\u1f00-\u1fff",
    "CYRILLIC": "\u0400-\u04ff",
    "ARABIC": "\u0600-\u06ff",
    "HEBREW": "\u0590-\u05ff",
}
_FOREIGN = {
    script: re.compile(
        "[" + "".join(letters for other, letters in SCRIPT_LETTERS.items() if other != script) + "]"
    )
    for script in SCRIPT_LETTERS
}


@check("script", "warning")
def _script_check(pair: Pair) -> list[str]:
    """Words in a script your language does not use (Latin words in Greek, Russian or Arabic;
    Cyrillic in French) beyond names kept from the source, acronyms, glossary terms and addresses."""
    base = pair.language.split("_")[0]
    if base in _UNCHECKED_SCRIPTS:
        return []
    expected = SCRIPTS.get(base, "LATIN")
    translation = pair.translation
    if (expected == "LATIN" and translation.isascii()) or not _FOREIGN[expected].search(translation):
        return []
    if "://" in translation or "www." in translation or "@" in translation:
        translation = _URL.sub(" ", translation)
    allowed = {term.lower() for term in pair.settings.glossary.keep}
    allowed |= {target.lower() for _, target in pair.settings.glossary.required(pair.language)}
    source_words = set(_WORD.findall(pair.source))
    foreign = []
    for word in _WORD.findall(translation):
        script = _script(word)
        if script == expected or script not in ("LATIN", "GREEK", "CYRILLIC", "ARABIC", "HEBREW"):
            continue
        if word.lower() in allowed or word.isupper() or (word[:1].isupper() and word in source_words):
            continue
        foreign.append(word)
    if not foreign:
        return []
    listed = ", ".join(dict.fromkeys(foreign[:5]))
    return [f"words in {_script(foreign[0]).title()} script: {listed}"]


_GLOSSARY_WORDS: dict[tuple[int, str], tuple[Glossary, tuple[str, ...]]] = {}


def _glossary_words(glossary: Glossary, language: str) -> tuple[str, ...]:
    """The glossary's keep and target terms for ``language``, worked out once per glossary."""
    known = _GLOSSARY_WORDS.get((id(glossary), language))
    if known is None or known[0] is not glossary:
        terms = (*glossary.keep, *(target for _, target in glossary.required(language)))
        known = _GLOSSARY_WORDS[(id(glossary), language)] = (glossary, terms)
    return known[1]


def spelling_checked(language: str) -> bool:
    """Whether the spelling check looks at ``language`` (not in scripts written without spaces)."""
    return language.split("_")[0] not in _UNCHECKED_SCRIPTS


def _may_misspell(pair: Pair) -> bool:
    return spelling_checked(pair.language)


@check("spelling", "warning", applies=_may_misspell)
def _spelling(pair: Pair) -> list[str]:
    """Every word is in your language's hunspell dictionary or the project's word list
    (locales/LANG/words.txt, one word a line). Words the source has, glossary terms, names in
    another script, addresses, placeholders and tokens with digits are not looked up. A correct
    word the dictionary lacks goes into the word list."""
    from .spelling import candidate_words, speller_for  # hunspell loads only where spelling runs

    settings = pair.settings
    speller = speller_for(pair.language, settings.spelling)
    if speller is None:
        return []  # no dictionary: the command says so once per run
    terms = _glossary_words(settings.glossary, pair.language)
    known = settings.spelling.known(pair.language)
    messages = []
    for word in candidate_words(pair.translation, pair.source, pair.language, terms, known):
        suggestions = speller.check(word)
        if suggestions is None:
            continue
        perhaps = f"; perhaps {', '.join(suggestions)}" if suggestions else ""
        messages.append(f"{_quote(word)} is not in the {pair.language} dictionary{perhaps}")
    return messages


def _french(pair: Pair) -> bool:
    return pair.language.split("_")[0] == "fr"


@check("grammar", "warning", applies=_french)
def _grammar(pair: Pair) -> list[str]:
    """French grammar and typography (agreement, no-break spaces before : ; ! ?) by Grammalecte,
    when it is installed (Debian: python3-grammalecte). Off unless the config says
    [checks] grammar = true."""
    from .grammar import grammar_findings

    return grammar_findings(pair.translation)


CHECKS["consistency"] = Check(
    "consistency",
    "warning",
    "language",
    "One source text translated in two ways in the documents of a language, or one translation used "
    "for two different source texts.",
    None,
)

# ---------------------------------------------------------------------------
# running them

_ACCEPT = re.compile(r"^\s*transflow:\s*accept\s+(.+)$")


def accepted_checks(translator_comments: Iterable[str]) -> frozenset[str]:
    """Check names accepted by ``# transflow: accept NAME[, NAME...]`` comments."""
    names: set[str] = set()
    for comment in translator_comments:
        match = _ACCEPT.match(comment)
        if match:
            names.update(name.strip() for name in re.split(r"[,\s]+", match.group(1)) if name.strip())
    return frozenset(names)


def check_pair(
    pair: Pair, accepted: frozenset[str] = frozenset(), errors_only: bool = False
) -> list[Finding]:
    """Every enabled unit check's findings on one translation."""
    findings = []
    for item in CHECKS.values():
        if item.run is None or item.name in pair.settings.disabled:
            continue
        severity = pair.settings.severity(item.name, item.severity)
        if errors_only and severity != "error":
            continue
        if item.applies is not None and not item.applies(pair):
            continue
        for message in item.run(pair):
            findings.append(Finding(item.name, severity, message, item.name in accepted))
    return findings


def consistency(translations: Sequence[tuple[str, str]]) -> dict[int, list[str]]:
    """Messages by index into ``translations`` ((source, translation) pairs of one language)."""
    by_source: dict[str, dict[str, int]] = {}
    by_translation: dict[str, dict[str, int]] = {}
    for index, (source, translation) in enumerate(translations):
        by_source.setdefault(source, {}).setdefault(translation, index)
        by_translation.setdefault(translation, {}).setdefault(source, index)
    messages: dict[int, list[str]] = {}
    for index, (source, translation) in enumerate(translations):
        others = [text for text in by_source[source] if text != translation]
        if others:
            messages.setdefault(index, []).append(f"the same source is also translated {_quote(others[0])}")
        sources = [text for text in by_translation[translation] if text != source]
        if sources and len(translation.split()) > 1:
            messages.setdefault(index, []).append(
                f"the same translation also stands for {_quote(sources[0])}"
            )
    return messages


def is_error(finding: Finding) -> bool:
    return finding.severity == "error" and not finding.accepted
