"""Machine drafts: what an engine may not touch, and the engines a project names.

Before a text goes to an engine, everything that must come back letter for letter becomes a
numbered token ``{1}``: placeholders, Markdown code, link targets and emphasis marks, web and
e-mail addresses, figures, the glossary's keep terms, and its terms for the target language
(restored as the target term, so the glossary wins over the engine). A draft whose tokens do
not all come back exactly once is discarded: a draft is a help, never a risk. Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

EngineKind = Literal["command", "http"]
HttpApi = Literal["libretranslate", "apertium-apy", "ollama"]
DRAFT_NOTE = "transflow: check machine translation ({engine})"  # a translator comment while fuzzy


@dataclass(frozen=True)
class Engine:
    """One engine as the config names it ([mt] for every language, [mt.es] for one)."""

    kind: EngineKind
    command: tuple[str, ...] = ()  # kind command: the program and its arguments
    url: str = ""  # kind http
    api: HttpApi = "libretranslate"
    model: str = ""  # ollama's model
    allow_hosts: tuple[str, ...] = ()  # hosts other than loopback the http engine may reach
    timeout: float = 60.0  # seconds for one call
    batch: bool = True  # command: every text of a PO in one call, a line each
    name: str = ""  # what the draft note calls it; by default the command or api and model

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        if self.kind == "command":
            return " ".join(self.command)
        return f"{self.api} {self.model}".strip() if self.model else f"{self.api} {self.url}"


@dataclass(frozen=True)
class MtSettings:
    engines: dict[str, Engine] = field(default_factory=dict)  # language ("*" for all) -> engine

    def engine_for(self, language: str) -> Engine | None:
        return self.engines.get(language) or self.engines.get(language.split("_")[0]) or self.engines.get("*")


@dataclass(frozen=True)
class Protected:
    """A text with its untouchables as tokens: ``text`` goes to the engine, ``pieces[i]`` is
    what token ``{i+1}`` stands for in the draft."""

    text: str
    pieces: tuple[str, ...]


_TOKEN = re.compile(r"\{(\d+)\}")
# what an engine must not touch, tried in this order at each place of the text
_UNTOUCHABLE = re.compile(
    r"""
      \{[^{}\s]*\}                           # a brace placeholder of the text itself ({name})
    | </?\d+/?>                              # our inline-markup placeholders
    | `[^`\n]+`                              # Markdown code
    | \]\([^)\s]*(?:\s+"[^"]*")?\)           # the target of a Markdown link: ](https://...)
    | \[(?=[^\]\n]*\]\()                     # the opening of a Markdown link text
    | \*\*|__                                # strong emphasis marks
    | (?:https?://|www\.)[^\s<>"“”«»]*[^\s<>"“”«».,;:!?)\]'’]
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+           # an e-mail address
    | (?<![\w-])\d+(?:[.,:/-]\d+)*%?(?!\w|-\w) # a figure: 14/12/2015, 1,500, 12.5%, 09:30; a
                                           # compound (24-hour) is the engine's to translate
    | \n                                     # a line break inside a unit
    """,
    re.VERBOSE,
)


def protect(text: str, keep: Sequence[str] = (), terms: Sequence[tuple[str, str]] = ()) -> Protected:
    """``text`` with its untouchables as tokens. ``keep``: terms that stay as they are;
    ``terms``: (source term, target term) pairs, the target term put back in the draft."""
    pieces: list[str] = []
    replacements: dict[str, str] = {}
    for term in keep:
        replacements.setdefault(term, term)
    for source, target in terms:
        if "*" not in target:  # a pattern ("εργατικ* τάξ*") is for the check, not a word to write
            replacements[source] = target
    glossary = (
        re.compile(
            "|".join(
                rf"(?<!\w){re.escape(term)}(?!\w)" for term in sorted(replacements, key=len, reverse=True)
            )
        )
        if replacements
        else None
    )

    def token(piece: str) -> str:
        pieces.append(piece)
        return f"{{{len(pieces)}}}"

    out: list[str] = []
    position = 0
    while position < len(text):
        found = _UNTOUCHABLE.search(text, position)
        named = glossary.search(text, position) if glossary is not None else None
        if named is not None and (found is None or named.start() <= found.start()):
            out.append(text[position : named.start()])
            out.append(token(replacements[named.group()]))
            position = named.end()
        elif found is not None:
            out.append(text[position : found.start()])
            out.append(token(found.group()))
            position = found.end()
        else:
            out.append(text[position:])
            break
    return Protected("".join(out), tuple(pieces))


def restore(draft: str, protected: Protected) -> str | None:
    """The draft with its tokens put back, or None when a token is missing, repeated or
    unknown (the engine changed what it must not touch)."""
    numbers = [int(match.group(1)) for match in _TOKEN.finditer(draft)]
    if sorted(numbers) != list(range(1, len(protected.pieces) + 1)):
        return None
    return _TOKEN.sub(lambda match: protected.pieces[int(match.group(1)) - 1], draft)


def usable_draft(draft: str, source: str) -> bool:
    """A draft worth a translator's time: not empty, not the source handed back unchanged."""
    text = draft.strip()
    return bool(text) and text != source.strip()
