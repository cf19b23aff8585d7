"""What a project sets for its checks ([checks] and [glossary] in the config): plain data,
apart from the checks themselves, so that reading a config does not load them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

Severity = Literal["error", "warning"]
WORDS = "locales/{lang}/words.txt"  # the project's own words, per language
OFF_BY_DEFAULT = frozenset({"grammar"})  # checks a project turns on itself ([checks] grammar = true)


@dataclass(frozen=True)
class SpellingSettings:
    """[spelling]: dictionaries the config names and the project's word lists, as read."""

    root: str = ""  # the project folder, for relative paths and the verdict cache
    dictionaries: Mapping[str, str] = field(default_factory=dict)  # language -> path/fr_FR
    words_path: str = WORDS
    words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # language -> sorted words

    def known(self, language: str) -> frozenset[str]:
        return _as_set(self.words.get(language, ()))


def read_word_list(text: str) -> tuple[str, ...]:
    """A project word list, sorted: one word a line; blank lines and lines starting with # left out."""
    return tuple(sorted({line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"}))


@lru_cache(maxsize=64)
def _as_set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(words)


@dataclass(frozen=True)
class Glossary:
    """Terms that must come through: ``keep`` unchanged in every language, ``terms`` by language."""

    keep: tuple[str, ...] = ()
    terms: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)  # lang -> (source, target)

    def required(self, language: str) -> tuple[tuple[str, str], ...]:
        """(source term, target term) pairs for ``language``; its own terms override ``keep``."""
        own = dict(self.terms.get(language, ()))
        return tuple(own.items()) + tuple((term, term) for term in self.keep if term not in own)


@dataclass(frozen=True)
class CheckSettings:
    """What a project sets for its checks."""

    glossary: Glossary = field(default_factory=Glossary)
    disabled: frozenset[str] = OFF_BY_DEFAULT
    length_min: float = 0.4  # shortest translation, as a share of the source's characters
    length_max: float = 2.5
    severities: Mapping[str, Severity] = field(default_factory=dict)  # [checks] NAME = "error"
    spelling: SpellingSettings = field(default_factory=SpellingSettings)

    def severity(self, name: str, default: Severity) -> Severity:
        """A check's severity in this project: its own unless the config sets another."""
        return self.severities.get(name, default) if self.severities else default
