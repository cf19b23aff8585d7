"""The document model: a source text as translatable units inside an untouched skeleton.

A ``Document`` keeps the decoded source text and the spans of its units; everything
between units is the skeleton. Reassembling with each unit's own text gives back the
source exactly, which is what makes every round trip lossless.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .digests import blake2b

# How a translation goes back in: each format's ``restore`` knows its own modes.
UnitMode = Literal[
    "text",
    "html",
    "html-attr",
    "markdown",
    "markdown-cell",
    "markdown-fm",
    "docx",
    "docx-text",
    "odt",
    "odt-text",
]


@dataclass(frozen=True, slots=True)
class Block:
    """A run of non-blank lines, and how its text is laid out."""

    number: int  # 1-based, in document order
    kind: str  # a label like a unit's: "paragraph", "title", "lines", "list", "heading 2"...
    start: int
    end: int
    wrapped: bool = False  # a hard-wrapped paragraph: line breaks are layout, not content
    width: int = 0  # widest line, in display columns (for rewrapping translations)
    indent: str = ""  # indentation of the continuation lines of a wrapped paragraph


@dataclass(frozen=True, slots=True)
class Unit:
    """One translatable segment: a sentence, a line or a whole paragraph."""

    start: int
    end: int
    text: str  # the source text exactly as it stands, layout included
    msgid: str  # the normalised text translators see
    # A label for people, from which the location comment is made: "paragraph", "title",
    # "list item", "heading 2", "img alt", "front matter: title"... (formats add their own)
    kind: str
    block: int  # number of the block it stands in
    index: int  # 1-based position inside its block
    context: str  # where it stands, for translators: "paragraph 3, sentence 2 of 4"
    mode: UnitMode = "text"
    # Inline markup shown as <1>..</1> or <2/> in the msgid: the source markup for each
    # number, (opening, closing) or (markup, None) for a self-contained one.
    placeholders: tuple[tuple[str, str | None], ...] = ()
    placeholder_offsets: tuple[int, ...] = ()  # source offset of each placeholder's opening markup
    quote: str = ""  # an attribute or front matter value: the quote around it ("" unquoted)


@dataclass(frozen=True, slots=True)
class Document:
    """A segmented source document."""

    path: str  # posix path under the source folder, extension included
    text: str  # the decoded source (a BOM stays in it as U+FEFF)
    newline: str  # the line ending the source uses most ("\n", "\r\n" or "\r")
    blocks: tuple[Block, ...]
    units: tuple[Unit, ...]
    format: str = "text"  # its format's name in the registry (``formats.FORMATS``)
    root_tag: tuple[int, int] | None = None  # span of <html ...> start tag, for lang/dir

    def skeleton(self) -> list[str]:
        """The text around the units: one more piece than there are units."""
        pieces: list[str] = []
        position = 0
        for unit in self.units:
            pieces.append(self.text[position : unit.start])
            position = unit.end
        pieces.append(self.text[position:])
        return pieces


def unit_ids(units: Sequence[Unit]) -> list[str]:
    """Stable ids for references: from the unit's text, so inserting or moving a paragraph
    shifts no other unit's id; a repeated text gets ".2", ".3"... in document order.

    The "u" keeps an id from being all digits, which gettext would read as a line number.
    """
    seen: dict[str, int] = {}
    ids: list[str] = []
    for unit in units:
        digest = blake2b(unit.msgid.encode("utf-8"), digest_size=4).hexdigest()
        count = seen[digest] = seen.get(digest, 0) + 1
        ids.append(f"u{digest}" if count == 1 else f"u{digest}.{count}")
    return ids


def parents(units: Sequence[Unit]) -> list[int | None]:
    """For each unit, the unit whose span holds it (an attribute inside a run), if any."""
    found: list[int | None] = []
    open_spans: list[int] = []
    for index, unit in enumerate(units):
        while open_spans and units[open_spans[-1]].end <= unit.start:
            open_spans.pop()
        found.append(open_spans[-1] if open_spans else None)
        open_spans.append(index)
    return found


def reassemble(document: Document, texts: Sequence[str]) -> str:
    """The document with unit ``i`` replaced by ``texts[i]``; the skeleton is kept as is.

    A unit nested in another (an attribute inside a run of HTML) is carried by its parent.
    """
    if len(texts) != len(document.units):
        raise ValueError("one text per unit is needed")
    pieces: list[str] = []
    position = 0
    for unit, text, parent in zip(document.units, texts, parents(document.units), strict=True):
        if parent is not None:
            continue
        pieces.append(document.text[position : unit.start])
        pieces.append(text)
        position = unit.end
    pieces.append(document.text[position:])
    return "".join(pieces)
