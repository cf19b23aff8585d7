"""What every format needs: decoding bytes and the segmentation settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import SourceError


@dataclass(frozen=True)
class Segmentation:
    """How to cut blocks into units."""

    unit: str = "sentence"  # "sentence" or "paragraph"
    language: str = "en"
    abbreviations: frozenset[str] = field(default_factory=frozenset)


def decode_source(raw: bytes, path: str) -> str:
    """UTF-8 text of a source (a BOM is kept as U+FEFF so it round-trips)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise SourceError(
            f"not UTF-8: byte 0x{raw[error.start]:02x} at offset {error.start}",
            path=path,
            line=line,
            hint="save the file as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)",
        ) from None
