"""Inline markup as numbered placeholders: <1>text</1> for a pair, <2/> for a single piece.

Translators may move placeholders but not drop, repeat or unbalance them; everything
else in a translation is text and is escaped on the way back, so a translation can
never add a tag or an attribute the source did not have.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping

from ..errors import MarkupError

PLACEHOLDER = re.compile(r"<(/?)(\d+)(/?)>")


def restore(
    translation: str, placeholders: tuple[tuple[str, str | None], ...], escape: Callable[[str], str]
) -> str:
    """The translation with placeholders turned back into their source markup."""
    pieces: list[str] = []
    open_stack: list[int] = []
    seen: set[tuple[int, str]] = set()
    position = 0
    for match in PLACEHOLDER.finditer(translation):
        pieces.append(escape(translation[position : match.start()]))
        position = match.end()
        closing, number, single = match.group(1) == "/", int(match.group(2)), match.group(3) == "/"
        if not 1 <= number <= len(placeholders):
            raise MarkupError(
                f"unknown placeholder {match.group(0)}", hint="use only the numbers the source has"
            )
        opening_markup, closing_markup = placeholders[number - 1]
        kind = "close" if closing else "single" if single else "open"
        if (closing_markup is None) != (kind == "single"):
            expected = f"<{number}/>" if closing_markup is None else f"<{number}>...</{number}>"
            raise MarkupError(f"{match.group(0)} should be {expected}")
        if (number, kind) in seen:
            raise MarkupError(f"{match.group(0)} appears twice")
        seen.add((number, kind))
        if kind == "open":
            open_stack.append(number)
            pieces.append(opening_markup)
        elif kind == "close":
            if not open_stack or open_stack[-1] != number:
                raise MarkupError(f"</{number}> closes what is not open", hint="keep placeholders nested")
            open_stack.pop()
            pieces.append(closing_markup or "")
        else:
            pieces.append(opening_markup)
    pieces.append(escape(translation[position:]))
    if open_stack:
        raise MarkupError(f"<{open_stack[-1]}> is never closed")
    for number, (_, closing_markup) in enumerate(placeholders, start=1):
        needed = ["single"] if closing_markup is None else ["open", "close"]
        for kind in needed:
            if (number, kind) not in seen:
                tag = (
                    f"<{number}/>"
                    if kind == "single"
                    else f"<{number}>"
                    if kind == "open"
                    else f"</{number}>"
                )
                raise MarkupError(
                    f"the translation drops {tag}", hint="every placeholder of the source is needed"
                )
    return "".join(pieces)


def with_inner(
    placeholders: tuple[tuple[str, str | None], ...],
    offsets: tuple[int, ...],
    inner: Mapping[tuple[int, int], str],
) -> tuple[tuple[str, str | None], ...]:
    """Placeholder markup with the replacements of units nested in it spliced in (an HTML
    attribute, a footnote's or a text box's paragraphs): ``offsets`` say where each opening
    markup starts in the source, ``inner`` holds replacements by source span."""
    if not inner:
        return placeholders
    spliced = []
    for (opening, closing), offset in zip(placeholders, offsets, strict=True):
        for (start, end), replacement in sorted(inner.items(), reverse=True):
            if offset <= start and end <= offset + len(opening):
                opening = opening[: start - offset] + replacement + opening[end - offset :]
        spliced.append((opening, closing))
    return tuple(spliced)


def escape_text(text: str) -> str:
    return html.escape(text, quote=False)


def escape_attribute(quote: str) -> Callable[[str], str]:
    def escape(text: str) -> str:
        escaped = html.escape(text, quote=False)
        if quote == '"':
            return escaped.replace('"', "&quot;")
        if quote == "'":
            return escaped.replace("'", "&#x27;")
        return escaped.replace('"', "&quot;").replace("'", "&#x27;")

    return escape


_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_TAG_NAME = re.compile(r"<\s*([A-Za-z][\w-]*)")


def explain(placeholders: tuple[tuple[str, str | None], ...], limit: int = 70) -> list[str]:
    """One short line per placeholder for the translator: what it stands for, in order.

    ``<1/> = <code>press@example.org</code>``, ``<2> = link to https://...``, ``<3> = <strong>``.
    """
    lines = []
    for number, (opening, closing) in enumerate(placeholders, start=1):
        described = _described(opening)  # Word's and OpenDocument's: what they are, not their XML
        if described:
            lines.append(f"<{number}/> = {described}" if closing is None else f"<{number}> = {described}")
            continue
        markup = " ".join(opening.split())
        if closing is None:
            shown = markup if len(markup) <= limit else markup[: limit - 1] + "…"
            lines.append(f"<{number}/> = {shown}")
            continue
        href = _HREF.search(opening)
        name = _TAG_NAME.match(opening)
        if href and name and name.group(1).lower() == "a":
            target = html.unescape(next(group for group in href.groups() if group is not None))
            lines.append(
                f"<{number}> = link to {target if len(target) <= limit else target[: limit - 1] + '…'}"
            )
        else:
            lines.append(f"<{number}> = <{name.group(1).lower() if name else '…'}>")
    return lines


_WORD_PIECES = (
    ("<w:hyperlink", "link"), ("<w:footnoteReference", "footnote reference"),
    ("<w:endnoteReference", "endnote reference"), ("<w:fldChar", "field"), ("<w:fldSimple", "field"),
    ("<w:drawing", "picture"), ("<w:pict", "picture"), ("<w:tab/>", "tab"), ("<w:br", "line break"),
    ("<w:cr/>", "line break"), ("<w:sym", "symbol"),
)  # fmt: skip
_WORD_FORMATTING = (
    ("<w:b/>", "bold"), ("<w:i/>", "italic"), ("<w:u ", "underlined"), ("<w:strike/>", "struck through"),
    ("<w:vertAlign w:val=\"superscript\"", "superscript"), ("<w:vertAlign w:val=\"subscript\"", "subscript"),
    ("<w:smallCaps/>", "small capitals"), ("<w:caps/>", "capitals"), ("<w:highlight", "highlighted"),
    ("<w:color ", "coloured"),
)  # fmt: skip
_WORD_STYLE = re.compile(r'<w:rStyle w:val="([^"]*)"')


def _word_piece(markup: str) -> str:
    """A Word placeholder in words: "link", "bold", "text in style Strong", "tab"."""
    for mark, name in _WORD_PIECES:
        if mark in markup:
            return name
    found = [name for mark, name in _WORD_FORMATTING if mark in markup]
    style = _WORD_STYLE.search(markup)
    if style:
        found.append(f"style {style.group(1)}")
    return ", ".join(found) or "other formatting"


def _described(markup: str) -> str:
    if markup.startswith("</w:t>"):
        return _word_piece(markup)
    if markup.startswith(("<text:", "<draw:")):
        return _odf_piece(markup)
    return ""


_ODF_PIECES = (
    ("<text:a ", "link"), ("<text:note ", "footnote"), ("<text:tab", "tab"),
    ("<text:line-break", "line break"), ("<draw:", "picture or frame"), ("<text:bookmark", "bookmark"),
    ("<text:span", "formatting"),
)  # fmt: skip


def _odf_piece(markup: str) -> str:
    """An OpenDocument placeholder in words: "link to https://...", "formatting (T1)", "footnote"."""
    for mark, name in _ODF_PIECES:
        if markup.startswith(mark):
            if name == "link":
                href = re.search(r'xlink:href="([^"]*)"', markup)
                return f"link to {html.unescape(href.group(1))}" if href else name
            if name == "formatting":
                style = re.search(r'text:style-name="([^"]*)"', markup)
                return f"formatting ({style.group(1)})" if style else name
            return name
    tag = re.match(r"<([\w:-]+)", markup)
    return tag.group(1) if tag else "markup"


# ---------------------------------------------------------------------------
# a published translation's inline markup, in the source's format (align)

_MARKDOWN_PAIRS = {"strong": "**", "b": "**", "em": "*", "i": "*", "code": "`"}


def markup_for(
    text: str,
    placeholders: tuple[tuple[str, str | None], ...],
    source_format: str,
    source_placeholders: tuple[tuple[str, str | None], ...] = (),
) -> str:
    """A published unit (``<1>…</1>`` over its own HTML markup) as a translation of a unit in
    ``source_format``: Markdown gets links, emphasis and code in its own syntax; HTML keeps the
    placeholders when they stand for the same elements, in the same order, as the source
    unit's; anything else loses its markup and keeps its text."""
    if not placeholders:
        return text
    names = [_element_name(opening) for opening, _ in placeholders]
    if source_format == "html" and names == [_element_name(opening) for opening, _ in source_placeholders]:
        return text
    if source_format not in ("markdown", "mdx"):
        return PLACEHOLDER.sub("", text)
    out: list[str] = []
    closings: list[str] = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        out.append(text[position : match.start()])
        position = match.end()
        number = int(match.group(2))
        if not 1 <= number <= len(placeholders):
            continue
        opening, _ = placeholders[number - 1]
        name = names[number - 1]
        if match.group(1):  # a closing one
            out.append(closings.pop() if closings else "")
        elif match.group(3):  # a single one: inline code stays code, the rest goes
            inner = re.sub(r"<[^>]+>", "", opening)
            out.append(f"`{html.unescape(inner)}`" if name == "code" and inner else "")
        elif name == "a":
            href = _HREF.search(opening)
            target = (
                html.unescape(next(group for group in href.groups() if group is not None)) if href else ""
            )
            out.append("[")
            closings.append(f"]({target})" if target else "]")
        else:
            mark = _MARKDOWN_PAIRS.get(name, "")
            out.append(mark)
            closings.append(mark)
    out.append(text[position:])
    return "".join(out)


def _element_name(markup: str) -> str:
    found = _TAG_NAME.match(markup)
    return found.group(1).lower() if found else ""
