"""What every format shares: the interface a format implements, segmentation settings, decoding."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ..errors import SourceError, decode_utf8
from ..model import Document, Unit

SegmentUnit = Literal["sentence", "paragraph"]


def _unchanged(document: Document, text: str, language: str, rtl: bool) -> str:
    return text


@dataclass(frozen=True)
class Format:
    """One source format: how it is segmented, how a translation goes back, how a document is localized.

    ``segment(text, path, segmentation)`` cuts decoded text into a Document;
    ``restore(unit, translation, inner)`` is the text that replaces the unit (``inner``:
    replacements of units nested in its markup, by source span), MarkupError when the
    translation breaks the markup; ``localize(document, text, language, rtl)`` makes
    document-level changes to a translated output (HTML's lang and dir).
    """

    name: str
    segment: Callable[[str, str, Segmentation], Document]
    restore: Callable[[Unit, str, Mapping[tuple[int, int], str]], str]
    localize: Callable[[Document, str, str, bool], str] = _unchanged
    # a container format (DOCX): its bytes to the text it segments, and a built text back to
    # bytes given the source's (None: UTF-8 text, as decode_source reads it)
    decode: Callable[[bytes, str], str] | None = None
    encode: Callable[[Document, str, bytes], bytes] | None = None


@dataclass(frozen=True)
class Segmentation:
    """How to cut blocks into units."""

    unit: SegmentUnit = "sentence"
    language: str = "en"
    # a sorted tuple, not a set: its repr keys caches and build hashes, and must not vary
    abbreviations: tuple[str, ...] = ()
    # regular expressions: a block whose every line matches one stays out of translation
    skip: tuple[str, ...] = ()


def place(kind: str, number: int) -> str:
    """Where a unit stands, for translators: "paragraph 4", "heading 2, block 3", "title"."""
    if kind == "title":
        return kind
    return f"{kind}, block {number}" if kind[-1].isdigit() else f"{kind} {number}"


def decode_source(raw: bytes, path: str) -> str:
    """UTF-8 text of a source (a BOM is kept as U+FEFF so it round-trips)."""
    text = decode_utf8(
        raw, path, SourceError, "", "save the file as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)"
    )
    nul = text.find("\0")
    if nul >= 0:
        raise SourceError(
            "a NUL character: gettext tools cut a string there, so it cannot go into a PO file",
            path=path,
            line=text.count("\n", 0, nul) + 1,
            hint="remove it from the source",
        )
    return text


@lru_cache(maxsize=64)
def skip_matcher(patterns: tuple[str, ...]) -> Callable[[str], bool] | None:
    """A test for lines to keep out of translation (None when there is no pattern)."""
    if not patterns:
        return None
    combined = re.compile("|".join(f"(?:{pattern})" for pattern in patterns))
    return lambda line: combined.search(line.strip()) is not None
