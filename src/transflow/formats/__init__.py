"""Source formats: bytes in, a Document out; the rest of transflow sees only Documents.

Every format implements one interface (``common.Format``: segment, restore a unit,
localize a document) in a module of its own, registered below by name. A format's module
(and its parser) is imported only when a source of that format is met. Adding a format
is one module defining ``FORMAT`` plus one line in ``FORMATS`` (and its extensions).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from pathlib import PurePosixPath

from ..errors import SourceError
from ..model import Document, Unit, UnitMode
from .common import Format, Segmentation, decode_source

# format name -> the module that defines its FORMAT
FORMATS: dict[str, str] = {
    "text": "transflow.formats.text",
    "markdown": "transflow.formats.markdown",
    "html": "transflow.formats.html",
    "mdx": "transflow.formats.mdx",
    "docx": "transflow.formats.docx",
    "odt": "transflow.formats.odt",
    "fodt": "transflow.formats.fodt",
}
EXTENSIONS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdx": "mdx",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".docm": "docx",  # refused with its reason: macros
    ".odt": "odt",
    ".fodt": "fodt",
}
SUPPORTED_EXTENSIONS = tuple(EXTENSIONS)
# which format's restore puts a unit back, by the unit's mode
_MODE_FORMAT: dict[UnitMode, str] = {
    "text": "text",
    "html": "html",
    "html-attr": "html",
    "markdown": "markdown",
    "markdown-cell": "markdown",
    "markdown-fm": "markdown",
    "docx": "docx",
    "docx-text": "docx",
    "odt": "odt",
    "odt-text": "odt",
}

__all__ = [
    "FORMATS",
    "SUPPORTED_EXTENSIONS",
    "Format",
    "Segmentation",
    "encode",
    "get_format",
    "localize",
    "parse_document",
    "restore_unit",
    "splice",
]


@cache
def get_format(name: str) -> Format:
    """The registered format called ``name`` (its module is imported now)."""
    module = importlib.import_module(FORMATS[name])
    found: Format = module.FORMAT
    return found


def format_of(path: str, extra: Mapping[str, str] | None = None) -> str | None:
    """The format name for a path by its extension (``extra`` maps more extensions)."""
    suffix = PurePosixPath(path).suffix.lower()
    return (extra or {}).get(suffix) or EXTENSIONS.get(suffix)


def parse_document(
    raw: bytes,
    path: str,
    segmentation: Segmentation,
    extra: Mapping[str, str] | None = None,
    skip: Mapping[str, tuple[str, ...]] | None = None,
) -> Document:
    """Decode and segment a source by its extension (``extra`` maps more extensions;
    ``skip`` holds, per format name, patterns of lines to keep out of translation)."""
    name = format_of(path, extra)
    if name is None:
        suffix = PurePosixPath(path).suffix.lower()
        raise SourceError(
            f"unsupported file type {suffix or '(none)'}",
            path=path,
            hint=f"transflow reads {', '.join(SUPPORTED_EXTENSIONS)}; map others in the config's [formats]",
        )
    if skip and skip.get(name):
        segmentation = replace(segmentation, skip=(*segmentation.skip, *skip[name]))
    found = get_format(name)
    text = found.decode(raw, path) if found.decode is not None else decode_source(raw, path)
    return found.segment(text, path, segmentation)


def restore_unit(unit: Unit, translation: str, inner: Mapping[tuple[int, int], str] | None = None) -> str:
    """The text that replaces ``unit`` in the output; MarkupError when markup is broken.

    ``inner`` holds replacements for units nested in this one's markup (an attribute of
    an inline element), by their source span.
    """
    return get_format(_MODE_FORMAT[unit.mode]).restore(unit, translation, inner or {})


def splice(unit: Unit, inner: Mapping[tuple[int, int], str]) -> str:
    """The unit's source text with nested units' replacements spliced in."""
    text = unit.text
    for (start, end), replacement in sorted(inner.items(), reverse=True):
        text = text[: start - unit.start] + replacement + text[end - unit.start :]
    return text


def localize(document: Document, text: str, language: str, rtl: bool) -> str:
    """Format-level changes of a translated document (HTML: lang and dir)."""
    return get_format(document.format).localize(document, text, language, rtl)


def packaged(document: Document) -> bool:
    """Whether the document's format builds bytes of its own (a zip package), not UTF-8 text."""
    return get_format(document.format).encode is not None


def encode(document: Document, text: str, source: bytes) -> bytes:
    """A built document's bytes: UTF-8 text, or a container format's package."""
    found = get_format(document.format)
    if found.encode is None:
        return text.encode("utf-8")
    return found.encode(document, text, source)
