"""Spelling with hunspell: which words of a translation to look up, and one speller per
dictionary (found by ``dictionaries.py``) whose verdicts are remembered.

The choice of words is pure (``candidate_words``): placeholders, addresses, glossary terms,
tokens with digits, words the source has, words of another script and the project's own
words are never looked up. A speller loads
its dictionary only when a word is not in its verdict cache (``.transflow/spelling-*.json``),
which the command that ran the checks saves (``save_verdicts``): loading a dictionary costs
0.2 to 1 s, a remembered verdict nothing.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from rapidfuzz.fuzz import ratio

from .cachefile import read_cache, write_cache
from .checks import SCRIPT_LETTERS, SCRIPTS
from .checksettings import SpellingSettings
from .dictionaries import binding_available, dictionary_identity, find_dictionary
from .figures import ADDRESS
from .formats.placeholders import PLACEHOLDER

SUGGESTIONS = 3  # at most this many suggestions with a finding
# hunspell takes 5 to 900 ms to suggest for one unknown word: a run asks it for at most this
# many new words per language, for at most this long (a text the dictionary does not fit, a
# wrong variant, would otherwise cost minutes); the other words are found all the same, their
# suggestions come in later runs (what a run learnt is kept)
SUGGESTION_BUDGET = 10
SUGGESTION_SECONDS = 5.0
_VERDICTS_FORMAT = 1

# ---------------------------------------------------------------------------
# which words to look up (pure)

_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*")
# a word of letters only, not part of a token with digits or underscores (COVID-19, x_1)
_WORD = re.compile(r"(?<![\w'’\-])[^\W\d_]+(?:['’\-][^\W\d_]+)*(?![\w'’\-])")
# the letters of the scripts a language of its own script is written in (the script check's table)
_SCRIPT_RANGES = {script: re.compile(f"[{letters}]") for script, letters in SCRIPT_LETTERS.items()}


def candidate_words(
    translation: str, source: str, language: str, terms: Iterable[str], known: frozenset[str]
) -> list[str]:
    """The words of ``translation`` worth a dictionary look-up, each once, in order.

    Left out: placeholders, web and e-mail addresses, glossary and keep ``terms`` (several words
    each, matched case-insensitively), tokens with a digit or an underscore, single letters,
    words the source has too (names, acronyms), words of another script than the language's
    (names kept in Latin letters in Greek, Russian, Arabic), and the project's ``known`` words."""
    text = PLACEHOLDER.sub(" ", translation)
    if "@" in text or "://" in text or "www." in text:
        text = ADDRESS.sub(" ", text)
    lowered = text.lower()
    for term in terms:
        if term and term.lower() in lowered:
            text = re.sub(re.escape(term), " ", text, flags=re.IGNORECASE)
    source_words = {word.lower() for word in _TOKEN.findall(source)}
    names: list[str] | None = None  # the source's names, worked out at the first need
    script = SCRIPTS.get(language.split("_")[0])
    words: dict[str, None] = {}
    for match in _WORD.finditer(text):
        token = match.group()
        lowered_token = token.lower()
        if len(token) < 2 or lowered_token in source_words or token in known or lowered_token in known:
            continue
        elided = _ELISION.match(lowered_token)
        behind = lowered_token[elided.end() :] if elided else ""
        if behind and (behind in source_words or behind in known):
            continue  # l'Amoeba, d'Emacs: the source's word behind an elided article
        if script is not None and not _SCRIPT_RANGES[script].search(token):
            continue  # a Latin name in Greek text; the script check speaks for those
        if token[0].isupper() and _is_name(text, match):
            if names is None:
                names = [
                    _folded(found.group()) for found in _TOKEN.finditer(source) if _is_name(source, found)
                ]
            if names and _a_source_name(_folded(token), names):
                continue  # the source's name as the language writes it: Piraeus -> Pirée, Piräus
        words[token] = None
    return list(words)


_SENTENCE_END = frozenset(".!?…:;")
# an elided article or pronoun before a word (French, Italian, Catalan): l', d', qu', dell', all'
_ELISION = re.compile(r"(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu|dell|all|dall|nell|sull)['’]")


def _is_name(text: str, match: re.Match[str]) -> bool:
    """A capitalised word (not all capitals) that does not open a sentence."""
    word = match.group()
    if not word[0].isupper() or word.isupper():
        return False
    before = text[: match.start()].rstrip(" \t\n\"'“”«»‘’(–—-\u00a0\u202f")
    return bool(before) and before[-1] not in _SENTENCE_END


def _folded(word: str) -> str:
    return "".join(
        char for char in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(char)
    )


def _a_source_name(folded: str, names: list[str]) -> bool:
    """Whether a name of the source reads nearly the same, first letter alike (Athens, Atenas)."""
    return any(name[:1] == folded[:1] and ratio(name, folded) >= _NAME_LIKENESS for name in names)


_NAME_LIKENESS = 65  # Piraeus ~ Pireo, Pirée: 67; Kazakhstan ~ Kazajistán: 80


# ---------------------------------------------------------------------------
# spellers


class _Hunspell(Protocol):
    def spell(self, word: str) -> bool: ...
    def suggest(self, word: str) -> Sequence[str]: ...


@dataclass
class Speller:
    """One dictionary, its verdicts remembered: word -> () when correct, else its suggestions."""

    dictionary: Path
    language: str
    cache: Path | None
    verdicts: dict[str, tuple[str, ...] | None]  # None: correct
    _engine: _Hunspell | None = None
    learnt: bool = False
    suggested: int = 0  # suggestions asked of hunspell in this run
    suggesting: float = 0.0  # and the seconds they took
    unsuggested: set[str] = field(default_factory=set)  # found wrong, suggestions not asked yet

    def _hunspell(self) -> _Hunspell:
        if self._engine is None:
            import hunspell

            engine: _Hunspell = hunspell.Hunspell(
                self.dictionary.stem, hunspell_data_dir=str(self.dictionary.parent)
            )
            self._engine = engine
        return self._engine

    def _correct(self, word: str) -> bool:
        engine = self._hunspell()
        if engine.spell(word):
            return True
        if "’" in word and engine.spell(word.replace("’", "'")):
            return True
        # a compound hunspell does not know whole, each of its parts known: anti-impérialiste
        parts = [part for part in re.split(r"[-'’]", word) if part]
        if len(parts) > 1 and all(len(part) < 3 or engine.spell(part) for part in parts):
            return True
        return self.language.split("_")[0] in _COMPOUNDING and self._compound(word, 2)

    def _compound(self, word: str, parts_left: int) -> bool:
        """Written together as German writes compounds: Dock+arbeiter, Gewerkschaft+s+delegierten,
        each part a known word of at least four letters (at most three parts)."""
        engine = self._hunspell()
        for cut in range(4, len(word) - 3):
            head, tail = word[:cut], word[cut:]
            heads = (head, head.capitalize()) + (
                (head[:-1], head[:-1].capitalize()) if head[-1] == "s" else ()
            )
            if not any(len(form) >= 4 and engine.spell(form) for form in heads):
                continue
            if engine.spell(tail) or engine.spell(tail.capitalize()):
                return True
            if parts_left > 1 and self._compound(tail.capitalize(), parts_left - 1):
                return True
        return False

    def check(self, word: str) -> tuple[str, ...] | None:
        """None when ``word`` is spelt right, else up to three suggestions (maybe none)."""
        if word in self.verdicts:
            return self.verdicts[word]
        verdict: tuple[str, ...] | None = None
        if not self._correct(word):
            if self.suggested < SUGGESTION_BUDGET and self.suggesting < SUGGESTION_SECONDS:
                self.suggested += 1
                started = time.perf_counter()
                verdict = tuple(self._hunspell().suggest(word)[:SUGGESTIONS])
                self.suggesting += time.perf_counter() - started
            else:
                verdict = ()
                self.unsuggested.add(word)
        self.verdicts[word] = verdict
        self.learnt = True
        return verdict

    def save(self) -> None:
        if self.learnt:
            kept = {word: v for word, v in sorted(self.verdicts.items()) if word not in self.unsuggested}
            write_cache(self.cache, self._kind(), kept)
            self.learnt = False

    def _kind(self) -> str:
        return f"spelling/{_VERDICTS_FORMAT}/{dictionary_identity(self.dictionary)}"


# languages that write compounds as one word, which their dictionaries cannot all list
_COMPOUNDING = frozenset(("de", "nl", "sv", "da", "nb", "nn", "no", "fi", "is", "lb", "af"))

_SPELLERS: dict[tuple[str, str], Speller | None] = {}
_LAST: dict[str, tuple[SpellingSettings, Speller | None]] = {}  # by language: the settings last asked


def speller_for(language: str, settings: SpellingSettings) -> Speller | None:
    """The language's speller, made once a process; None without a dictionary or binding."""
    last = _LAST.get(language)
    if last is not None and last[0] is settings:
        return last[1]
    key = (language, repr(settings.dictionaries))
    if key in _SPELLERS:
        _LAST[language] = (settings, _SPELLERS[key])
        return _SPELLERS[key]
    dictionary = find_dictionary(language, settings) if binding_available() else None
    speller = None
    if dictionary is not None:
        cache = Path(settings.root) / ".transflow" / f"spelling-{language}.json" if settings.root else None
        speller = Speller(dictionary, language, cache, {})
        stored = read_cache(cache, speller._kind())
        if isinstance(stored, dict):
            speller.verdicts = {
                str(word): None if value is None else tuple(str(item) for item in value)
                for word, value in stored.items()
                if value is None or isinstance(value, list)
            }
    _SPELLERS[key] = speller
    _LAST[language] = (settings, speller)
    return speller


def save_verdicts() -> None:
    """Keep what the spellers of this process learnt for the next run (only a cache)."""
    for speller in _SPELLERS.values():
        if speller is not None:
            speller.save()
