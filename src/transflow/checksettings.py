"""What a project sets for its checks ([checks] and [glossary] in the config): plain data,
apart from the checks themselves, so that reading a config does not load them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


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
    disabled: frozenset[str] = frozenset()
    length_min: float = 0.4  # shortest translation, as a share of the source's characters
    length_max: float = 2.5
