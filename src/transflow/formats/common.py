"""What every format needs: decoding bytes and the segmentation settings."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import SourceError, decode_utf8


@dataclass(frozen=True)
class Segmentation:
    """How to cut blocks into units."""

    unit: str = "sentence"  # "sentence" or "paragraph"
    language: str = "en"
    # a sorted tuple, not a set: its repr keys caches and build hashes, and must not vary
    abbreviations: tuple[str, ...] = ()


def place(kind: str, number: int) -> str:
    """Where a unit stands, for translators: "paragraph 4", "heading 2, block 3", "title"."""
    if kind == "title":
        return kind
    return f"{kind}, block {number}" if kind[-1].isdigit() else f"{kind} {number}"


def decode_source(raw: bytes, path: str) -> str:
    """UTF-8 text of a source (a BOM is kept as U+FEFF so it round-trips)."""
    return decode_utf8(
        raw, path, SourceError, "", "save the file as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)"
    )
