"""Source formats: bytes in, a Document out; the rest of transflow sees only Documents."""

from __future__ import annotations

from pathlib import PurePosixPath

from ..errors import SourceError
from ..model import Document
from .common import Segmentation, decode_source
from .text import segment_text

SUPPORTED_EXTENSIONS = (".txt",)

__all__ = ["SUPPORTED_EXTENSIONS", "Segmentation", "parse_document"]


def parse_document(raw: bytes, path: str, segmentation: Segmentation) -> Document:
    """Decode and segment a source by its extension."""
    suffix = PurePosixPath(path).suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        raise SourceError(
            f"unsupported file type {suffix or '(none)'}",
            path=path,
            hint=f"transflow reads {', '.join(SUPPORTED_EXTENSIONS)}",
        )
    return segment_text(decode_source(raw, path), path, segmentation)
