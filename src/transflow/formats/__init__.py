"""Source formats: bytes in, a Document out; the rest of transflow sees only Documents.

Each format also says how a translation goes back into its place (``restore``): plain
text as is, HTML with placeholders turned back into the source markup and everything
else escaped, Markdown checked against the source's inline structure.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePosixPath

from ..errors import SourceError
from ..model import Document, Unit
from .common import Segmentation, decode_source
from .placeholders import escape_attribute, escape_text, restore
from .text import segment_text

# The HTML and Markdown modules (and their parsers) load only when such a source is met.

FORMATS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
SUPPORTED_EXTENSIONS = tuple(FORMATS)

__all__ = ["SUPPORTED_EXTENSIONS", "Segmentation", "localize", "parse_document", "restore_unit", "splice"]


def format_of(path: str, extra: Mapping[str, str] | None = None) -> str | None:
    suffix = PurePosixPath(path).suffix.lower()
    return (extra or {}).get(suffix) or FORMATS.get(suffix)


def parse_document(
    raw: bytes, path: str, segmentation: Segmentation, extra: Mapping[str, str] | None = None
) -> Document:
    """Decode and segment a source by its extension (``extra`` maps more extensions)."""
    kind = format_of(path, extra)
    if kind is None:
        suffix = PurePosixPath(path).suffix.lower()
        raise SourceError(
            f"unsupported file type {suffix or '(none)'}",
            path=path,
            hint=f"transflow reads {', '.join(SUPPORTED_EXTENSIONS)}; map others in the config's [formats]",
        )
    text = decode_source(raw, path)
    if kind == "html":
        from .html import segment_html

        return segment_html(text, path, segmentation)
    if kind == "markdown":
        from .markdown import segment_markdown

        return segment_markdown(text, path, segmentation)
    return segment_text(text, path, segmentation)


def restore_unit(unit: Unit, translation: str, inner: Mapping[tuple[int, int], str] | None = None) -> str:
    """The text that replaces ``unit`` in the output; MarkupError when markup is broken.

    ``inner`` holds replacements for units nested in this one's markup (an attribute of
    an inline element), by their source span.
    """
    if unit.mode == "html":
        return restore(translation, _with_inner(unit, inner or {}), escape_text)
    if unit.mode.startswith("html-attr"):
        quote = unit.mode.removeprefix("html-attr")
        value = restore(translation, unit.placeholders, escape_attribute(quote))
        return value if quote else f'"{value}"'
    if unit.mode.startswith("markdown"):
        from .markdown import restore_markdown

        return restore_markdown(unit, translation)
    return translation


def _with_inner(unit: Unit, inner: Mapping[tuple[int, int], str]) -> tuple[tuple[str, str | None], ...]:
    """The unit's placeholder markup with nested units' replacements spliced in."""
    if not inner:
        return unit.placeholders
    placeholders = []
    for (opening, closing), offset in zip(unit.placeholders, unit.placeholder_offsets, strict=True):
        for (start, end), replacement in sorted(inner.items(), reverse=True):
            if offset <= start and end <= offset + len(opening):
                opening = opening[: start - offset] + replacement + opening[end - offset :]
        placeholders.append((opening, closing))
    return tuple(placeholders)


def splice(unit: Unit, inner: Mapping[tuple[int, int], str]) -> str:
    """The unit's source text with nested units' replacements spliced in."""
    text = unit.text
    for (start, end), replacement in sorted(inner.items(), reverse=True):
        text = text[: start - unit.start] + replacement + text[end - unit.start :]
    return text


def localize(document: Document, text: str, language: str, rtl: bool) -> str:
    """Format-level changes of a translated document (HTML: lang and dir)."""
    if document.format == "html":
        from .html import localize_html

        return localize_html(text, document.root_tag, language, rtl)
    return text
