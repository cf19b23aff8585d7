"""Markdown statements: headings, paragraphs, list items, quotes, table cells, front matter.

markdown-it-py (CommonMark, with GFM tables) finds the blocks and their lines; the unit
is the block's inline text, located back in the source so the skeleton (markers, quote
prefixes, code, HTML, reference definitions) stays untouched. Translators see the
inline Markdown itself; on the way back a translation must parse to one paragraph with
the same links, images, code, HTML and emphasis as its source, or it is refused.
"""

from __future__ import annotations

import itertools
import re
import string
import unicodedata
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import MarkupError
from ..linebreak import display_width
from ..model import Block, Document, Unit, UnitMode
from ..segment import normalize, split_sentences
from .common import Format, Segmentation, place, skip_matcher
from .tables import aligned, repadded

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

FRONT_MATTER_KEYS = ("title", "description", "summary")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_FRONT_MATTER_FIELD = re.compile(
    r"""^(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*"""
    r"""(?:"(?P<dq>(?:[^"\\]|\\.)*)"|'(?P<sq>(?:[^']|'')*)'|(?P<plain>[^\s#'"\[\]{}|>&*!%@`][^\r\n]*?)"""
    r"""|(?P<block>[>|][-+]?[1-9]?[-+]?))"""
    r"""(?:[ \t]+#[^\r\n]*)?[ \t]*$"""  # a comment after the value is YAML's, not the value's
)
# what a line of a YAML mapping can be: blank, a comment, a key, a list item, an indented line
_YAML_LINE = re.compile(
    r"""^(?:[ \t]*(?:#.*)?|[ \t]*-(?:[ \t].*)?|[ \t]+\S.*|["']?[\w$@.-][^:]*["']?[ \t]*:(?:[ \t].*)?)$"""
)
_LETTER = re.compile(r"[^\W\d_]")
# What inline markup needs: emphasis, code, a link's or an image's brackets, HTML, a hard
# break's backslash. Text without any (sentence-final "!", "&", ">" included) parses to text
# alone, an empty signature (a property test holds it).
_MARKUP_CHARACTER = re.compile(r"[*_`\[\]<\\~]")
# What can end inline markup that began earlier: emphasis, code, a link's text,
# destination or title, an HTML tag or comment. (sentencex does not cut inside
# brackets or quotes today; the closers of those stay listed all the same.)
_CLOSING_CHARACTER = re.compile(r"[*_~`\])>\"']")
# How a line that opens a block other than a paragraph may start (one line: a table or a
# setext heading needs two, but their characters count all the same): indentation, a
# heading's #, a quote, HTML, a fence, a list item's marker or number, a thematic break,
# a link reference definition.
_MAY_START_A_BLOCK = re.compile(
    r"[\s#>=|<]|`{3}|~{3}|\d{1,9}[.)](?:[ \t]|$)|[*+-](?:[ \t]|$)"
    r"|(?:\*[ \t]*){3,}$|(?:-[ \t]*){3,}$|(?:_[ \t]*){3,}$|\[(?:[^\[\]\\]|\\.)*\]:"
)
_HARD_BREAK = re.compile(r"(?: {2,}|\\)$")
_BARE_URL = re.compile(r"(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?)\]'\"]")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")


def _new_parser() -> MarkdownIt:
    # imported here: projects without Markdown sources do not pay for it at start-up
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    # markdown-it turns javascript:, vbscript: and data: links into plain text; renderers
    # that do not filter (Python-Markdown, kramdown, marked) publish them as links. Every
    # link must be a link here, so that the markup check compares it and refuses it.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    return _new_parser()


@lru_cache(maxsize=1)
def block_parser() -> MarkdownIt:
    """Blocks only: segmentation needs where inline text stands, not what is in it."""
    return _new_parser().disable("inline")


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, content without line ending) of every line."""
    found: list[tuple[int, str]] = []
    for match in _LINE.finditer(text):
        if match.start() == match.end() and match.start() == len(text) and found:
            break
        found.append((match.start(), match.group(0).rstrip("\r\n")))
    return found


# C901 earned: one branch per kind of Markdown block
def segment_markdown(text: str, path: str, segmentation: Segmentation, name: str = "markdown") -> Document:  # noqa: C901
    lines = _lines(text)
    skipped = skip_matcher(segmentation.skip)
    units: list[Unit] = []
    blocks: list[Block] = []
    first_body_line, front_units = _front_matter(lines, text)
    for unit in front_units:
        blocks.append(Block(len(blocks) + 1, unit.kind, unit.start, unit.end))
        units.append(unit)
    tokens = _body_tokens(lines, first_body_line)
    containers: list[str] = []
    mode: UnitMode
    heading = ""
    row_cursor: dict[int, int] = {}
    for index, token in enumerate(tokens):
        if token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            pieces = _footnote_definitions(token)
            if len(pieces) > 1:  # each definition is its own block, as GFM renders them
                for piece in pieces:
                    number = len(blocks) + 1
                    new_units = _inline_units(
                        text, lines, piece, "footnote", "markdown", number, segmentation, row_cursor
                    )
                    if new_units:
                        shape = _wrap_shape(lines, piece, "markdown")
                        first, last = new_units[0].start, new_units[-1].end
                        blocks.append(Block(number, "footnote", first, last, *shape))
                        units.extend(new_units)
                continue
        if token.type in ("bullet_list_open", "ordered_list_open", "blockquote_open", "list_item_open"):
            containers.append(token.type.removesuffix("_open"))
        elif token.type in ("bullet_list_close", "ordered_list_close", "blockquote_close", "list_item_close"):
            containers.pop()
        elif token.type == "heading_open":
            heading = f"heading {token.tag[1]}"
        elif token.type == "inline" and token.map is not None:
            previous = tokens[index - 1].type
            if previous == "heading_open":
                kind, mode = heading, "markdown"
            elif previous in ("th_open", "td_open"):
                kind, mode = ("table header" if previous == "th_open" else "table cell"), "markdown-cell"
            elif "blockquote" in containers:
                kind, mode = "quote", "markdown"
            elif "list_item" in containers:
                kind, mode = "list item", "markdown"
            else:
                kind, mode = "paragraph", "markdown"
            if skipped is not None and all(
                skipped(line) for line in token.content.split("\n") if line.strip()
            ):
                continue  # code, not text (an MDX import, a shortcode): it stays in the skeleton
            number = len(blocks) + 1
            new_units = _inline_units(text, lines, token, kind, mode, number, segmentation, row_cursor)
            if new_units:
                wrapped, width, indent = _wrap_shape(lines, token, mode)
                blocks.append(
                    Block(number, kind, new_units[0].start, new_units[-1].end, wrapped, width, indent)
                )
                units.extend(new_units)
    newline = "\r\n" if "\r\n" in text else "\n"
    return Document(path, text, newline, tuple(blocks), tuple(units), format=name)


_FOOTNOTE_DEFINITION = re.compile(r"\[\^[^\]\s]+\]:")


def _footnote_definitions(token: Token) -> list[Token]:
    """A paragraph's lines cut before each GFM footnote definition (``[^2]: ...``) after its
    first line: CommonMark reads consecutive definitions as one paragraph, and a rewrap of
    it would pull ``[^2]:`` off its line start. One token when there is nothing to cut."""
    assert token.map is not None
    content_lines = token.content.split("\n")
    cuts = [0] + [i for i, line in enumerate(content_lines) if i and _FOOTNOTE_DEFINITION.match(line)]
    if len(cuts) == 1:
        return [token]
    pieces = []
    for first, last in itertools.pairwise([*cuts, len(content_lines)]):
        piece = token.copy()
        piece.content = "\n".join(content_lines[first:last])
        piece.map = [token.map[0] + first, token.map[0] + last]
        pieces.append(piece)
    return pieces


# a GFM delimiter row ("|---|:--:|", "> --- | ---"): every table has one
_DELIMITER_ROW = re.compile(r"^(?:[ \t]*>)*[ \t]*(?:\|[ \t]*:?-+:?|:?-+:?[ \t]*\|)", re.MULTILINE)


def _body_tokens(lines: list[tuple[int, str]], first_body_line: int) -> list[Token]:
    """The block tokens of the text after its front matter (whose lines are left blank, so
    that line numbers stay the text's own, as are directive fences)."""
    body = "\n".join(
        "" if index < first_body_line or _DIRECTIVE_FENCE.match(line) else line
        for index, (_, line) in enumerate(lines)
    )
    return block_parser().parse(body)


# a container directive's fence (Docusaurus admonitions, remark-directive): ":::info", ":::"
# lines are the skeleton, not the first or last line of the paragraph they enclose
_DIRECTIVE_FENCE = re.compile(r"[ \t]*:::(?:[\w-]*(?:[ \t].*)?)?$")


def _table_lines(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, int]]]:
    """The text's lines, and the line range of each GFM table in it."""
    lines = _lines(text)
    first_body_line, _ = _front_matter(lines, text)
    tables = [
        (token.map[0], token.map[1])
        for token in _body_tokens(lines, first_body_line)
        if token.type == "table_open" and token.map is not None
    ]
    return lines, tables


def localize_markdown(document: Document, text: str, language: str, rtl: bool) -> str:
    """The translated document with its tables padded again where translations made the
    columns of an aligned source table uneven (``tables.repadded``)."""
    if "|" not in text or not _DELIMITER_ROW.search(document.text):
        return text  # no table: neither text is parsed
    source_lines, source_tables = _table_lines(document.text)
    if not any(aligned([line for _, line in source_lines[first:last]]) for first, last in source_tables):
        return text  # no table to keep aligned: the output is not parsed
    lines, tables = _table_lines(text)
    if len(tables) != len(source_tables):
        return text  # not the same tables: nothing to match them by
    pieces: list[str] = []
    position = 0
    for (source_first, source_last), (first, last) in zip(source_tables, tables, strict=True):
        rows = repadded(
            [line for _, line in source_lines[source_first:source_last]],
            [line for _, line in lines[first:last]],
        )
        if rows is None:
            continue
        for (offset, line), row in zip(lines[first:last], rows, strict=True):
            pieces.append(text[position:offset])
            pieces.append(row)
            position = offset + len(line)
    pieces.append(text[position:])
    return "".join(pieces)


def _wrap_shape(lines: list[tuple[int, str]], token: Token, mode: UnitMode) -> tuple[bool, int, str]:
    """A paragraph, quote or list item written over several lines, with no hard break: a
    translation is rewrapped to its width, continuation lines keeping the second line's
    prefix ("> " in a quote, the indentation of a list item)."""
    assert token.map is not None
    first, last = token.map
    content_lines = token.content.split("\n")
    if mode != "markdown" or last - first < 2 or len(content_lines) < 2 or last > len(lines):
        return False, 0, ""
    if any(_HARD_BREAK.search(line) for line in content_lines[:-1]) or "<br" in token.content.lower():
        return False, 0, ""
    second = lines[first + 1][1]
    found = second.rfind(content_lines[1])
    if found < 0:
        return False, 0, ""
    width = max(display_width(line.rstrip()) for _, line in lines[first:last])
    return True, width, second[:found]


def _front_matter(lines: list[tuple[int, str]], text: str) -> tuple[int, list[Unit]]:
    """First line after a YAML front matter block, and units for its chosen keys.

    A ``---`` first line is front matter only when the lines up to the next ``---`` read as
    a YAML mapping: a thematic break, prose, then another break are the document's body.
    """
    if not lines or lines[0][1].lstrip("\ufeff") != "---":
        return 0, []
    closing = next((i for i in range(1, len(lines)) if lines[i][1] in ("---", "...")), None)
    if closing is None or not all(_YAML_LINE.match(line) for _, line in lines[1:closing]):
        return 0, []
    units: list[Unit] = []
    for index in range(1, closing):
        offset, line = lines[index]
        match = _FRONT_MATTER_FIELD.match(line)
        if not match or match.group("key") not in FRONT_MATTER_KEYS:
            continue
        kind = f"front matter: {match.group('key')}"
        if match.group("block") is not None:
            unit = _block_scalar(lines, index + 1, closing, kind, len(units) + 1, match.group("block")[0])
            if unit is not None:
                units.append(replace(unit, text=text[unit.start : unit.end]))
            continue
        for group, quote in (("dq", '"'), ("sq", "'"), ("plain", "")):
            value = match.group(group)
            if value is None or not value.strip():
                continue
            start, end = offset + match.start(group), offset + match.end(group)
            shown = (
                value.replace('\\"', '"').replace("\\\\", "\\") if quote == '"' else value.replace("''", "'")
            )
            number = len(units) + 1
            units.append(
                Unit(
                    start,
                    end,
                    value,
                    normalize(shown),
                    kind,
                    number,
                    1,
                    kind,
                    mode="markdown-fm",
                    quote=quote,
                )
            )
    return closing + 1, units


def _block_scalar(
    lines: list[tuple[int, str]], first: int, closing: int, kind: str, number: int, style: str
) -> Unit | None:
    """The unit of a ``key: >`` or ``key: |`` value: its indented lines, read as one text
    (the unit's ``text`` is filled in by ``_front_matter``, which has the document)."""
    last = first
    while last < closing and (not lines[last][1].strip() or lines[last][1][:1] in " \t"):
        last += 1
    content = [(offset, line) for offset, line in lines[first:last] if line.strip()]
    if not content:
        return None
    start = content[0][0] + len(content[0][1]) - len(content[0][1].lstrip())
    end = content[-1][0] + len(content[-1][1].rstrip())
    msgid = normalize(" ".join(line.strip() for _, line in content))
    return Unit(start, end, "", msgid, kind, number, 1, kind, mode="markdown-fm", quote=style)


# PLR0913 earned: the block's place in the document, each by name
def _inline_units(  # noqa: PLR0913
    text: str,
    lines: list[tuple[int, str]],
    token: Token,
    kind: str,
    mode: UnitMode,
    number: int,
    segmentation: Segmentation,
    row_cursor: dict[int, int],
) -> list[Unit]:
    assert token.map is not None
    content = token.content
    content_lines = content.split("\n")
    offsets: list[int] = []  # source offset of each content character (and one past the end)
    for position, content_line in enumerate(content_lines):
        line_number = token.map[0] + position
        if line_number >= len(lines):
            return []
        line_offset, source_line = lines[line_number]
        if mode == "markdown-cell":
            cursor = row_cursor.get(line_number, 0)
            found = source_line.find(content_line, cursor)
            escaped = content_line.replace("|", "\\|")
            if found < 0 and escaped != content_line:
                # the cell's pipes are escaped in the source: map over the escaped form
                found, content_line = source_line.find(escaped, cursor), escaped
                content = content.replace("|", "\\|")
            if found >= 0:
                row_cursor[line_number] = found + len(content_line)
        else:
            found = source_line.rfind(content_line) if content_line else len(source_line)
        if found < 0:
            return []  # not located exactly: leave it in the skeleton rather than guess
        offsets.extend(range(line_offset + found, line_offset + found + len(content_line)))
        offsets.append(line_offset + found + len(content_line))  # the newline (or the end)
    if not content.strip():
        return []
    spans = [(0, len(content))]
    if segmentation.unit == "sentence" and mode == "markdown":
        spans = _sentences(content, segmentation)
    units: list[Unit] = []
    for position, (start, end) in enumerate(spans, start=1):
        while start < end and content[start].isspace():
            start += 1
        while end > start and content[end - 1].isspace():
            end -= 1
        if start == end or not _LETTER.search(content[start:end]):
            continue  # a figure alone (a table of numbers) is not for translators
        source_start, source_end = offsets[start], offsets[end - 1] + 1
        context = place(kind, number) + (f", sentence {position} of {len(spans)}" if len(spans) > 1 else "")
        units.append(
            Unit(
                source_start,
                source_end,
                text[source_start:source_end],
                _msgid(content[start:end]),
                kind,
                number,
                len(units) + 1,
                context,
                mode=mode,
            )
        )
    return units


def _msgid(content: str) -> str:
    """Inline Markdown as translators see it: one line, hard breaks as <br>."""
    parts = content.split("\n")
    joined = [
        (_HARD_BREAK.sub("<br>", part) if index < len(parts) - 1 else part)
        for index, part in enumerate(parts)
    ]
    return normalize(" ".join(joined))


def _sentences(content: str, segmentation: Segmentation, shortcut: bool = True) -> list[tuple[int, int]]:
    """Sentence spans that never cut through a link, emphasis or code span.

    A cut is kept only where the two sides parse to the same markup as the whole; with
    ``shortcut`` (the tests compare both ways) a cut with no opening markup before it or
    no closing markup after it is kept without parsing.
    """
    flat = content.replace("\n", " ")
    spans = split_sentences(flat, segmentation.language, segmentation.abbreviations)
    if len(spans) < 2:
        return [(0, len(content))]
    if not _MARKUP_CHARACTER.search(flat):
        return spans  # plain text: no markup to cut through
    known: dict[str, Counter[tuple[str, ...]]] = {}  # the tails come back as the next wholes

    def signature_of(part: str) -> Counter[tuple[str, ...]]:
        found = known.get(part)
        if found is None:
            found = known[part] = signature(part)
        return found

    def cut_is_safe(head: str, tail: str) -> bool:
        if shortcut and (not _MARKUP_CHARACTER.search(head) or not _CLOSING_CHARACTER.search(tail)):
            return True  # nothing opens before the cut, or nothing closes after it
        return signature_of(head) + signature_of(tail) == signature_of(head + tail)

    merged: list[tuple[int, int]] = [spans[0]]
    for start, end in spans[1:]:
        head_start = merged[-1][0]
        if cut_is_safe(flat[head_start:start], flat[start:]):
            merged.append((start, end))
        else:
            merged[-1] = (head_start, end)
    return merged


def _inline_children(text: str) -> list[Token]:
    tokens = parser().parseInline(text)
    return list(tokens[0].children or []) if tokens else []


def signature(text: str) -> Counter[tuple[str, ...]]:
    """The inline structure a translation must keep: links, images, code, HTML, emphasis."""
    found = Counter[tuple[str, ...]]()
    for child in _inline_children(text):
        if child.type == "text" and ("://" in child.content or "www." in child.content):
            # bare URLs that GFM renderers turn into links
            for url in _BARE_URL.findall(child.content):
                found[("url", url)] += 1
        if child.type in ("text", "softbreak"):
            continue
        if child.type == "hardbreak" or (
            child.type == "html_inline" and child.content.lower() in ("<br>", "<br/>")
        ):
            found[("break",)] += 1
        elif child.type == "link_open":
            found[("link", str(child.attrs.get("href", "")), str(child.attrs.get("title", "")))] += 1
        elif child.type == "image":
            found[("image", str(child.attrs.get("src", "")))] += 1
        elif child.type in ("code_inline", "html_inline"):
            found[(child.type, child.content)] += 1
        elif child.type.endswith("_open"):
            found[(child.type.removesuffix("_open"),)] += 1
    return found


# schemes a browser runs as code or as a document made from the link itself; any other link
# (tel:, sms:, git:, about:...) must be one the source has, as every link must
CODE_SCHEMES = frozenset({"javascript", "vbscript", "data", "livescript", "mocha"})


def unsafe_destination(url: str) -> bool:
    """A link or image destination whose scheme runs code (``javascript:`` in any spelling)."""
    cleaned = re.sub(r"[\x00-\x20\x7f]+", "", url).lower()
    scheme = _SCHEME.match(cleaned)
    return scheme is not None and scheme.group(1) in CODE_SCHEMES


@lru_cache(maxsize=8192)
def _source_signature(msgid: str) -> Counter[tuple[str, ...]]:
    """A source's signature, parsed once however many languages are checked against it
    (read only: never changed by its callers)."""
    return signature(msgid)


# What markdown-it's inline parse reads besides the text between: emphasis, strikethrough
# and code runs, brackets, an image's "!", escapes.
_STRUCTURE_CHARACTER = re.compile(r"[*_~`\[\]!\\]")
_BACKTICKS = re.compile(r"`+")
# A link destination that is one plain address (one level of parentheses in it, as
# Wikipedia's have), with or without a plain double-quoted title: no space, bracket, code,
# escape or HTML in it. (Emphasis characters may be: outside a link the text reads them as
# runs whose sides all stand in the destination, which the shape holds as it stands.)
_ADDRESS = r"[^\s()<>\"'\\`\[\]]"
_PLAIN_DESTINATION = re.compile(
    rf'\]\({_ADDRESS}*(?:\({_ADDRESS}*\){_ADDRESS}*)*(?: +"[^"\\`\[\]<>\n\r]*")?\)'
)


def markup_shape(text: str) -> tuple[object, ...] | None:
    """Everything markdown-it's inline parse of ``text`` depends on, the text between the
    markup left out: two texts of one shape have one signature (a property test holds it
    over every short text), so a translation of its source's shape needs no parse. Each
    delimiter run counts with how the characters on its sides read (space, punctuation,
    other: all that decides whether it opens or closes); code, escapes and link
    destinations with their titles count as they stand. None where a shape cannot tell:
    HTML or autolinks, a destination that is not one plain address, a line end, text that
    may read as a bare URL."""
    if "<" in text or "\n" in text or "\r" in text:
        return None
    shape: list[object] = []
    between: list[str] = []  # the text the shape leaves out, escaped characters included
    position, end = 0, len(text)
    while (found := _STRUCTURE_CHARACTER.search(text, position)) is not None:
        start = found.start()
        between.append(text[position:start])
        character = text[start]
        if character in "*_~":
            position = start + 1
            while position < end and text[position] == character:
                position += 1
            before = text[start - 1] if start else " "
            after = text[position] if position < end else " "
            shape.append((character, position - start, _reads_as(before), _reads_as(after)))
        elif character == "`":
            run = _BACKTICKS.match(text, start)
            assert run is not None
            length = run.end() - start
            closing = next(
                (m for m in _BACKTICKS.finditer(text, run.end()) if len(m.group()) == length), None
            )
            position = run.end() if closing is None else closing.end()
            shape.append(("code" if closing else "ticks", text[start:position]))
        elif character == "\\":
            position = start + 2
            shape.append(text[start:position])
            between.append(text[start + 1 : position])
        elif character == "!":
            position = start + 1
            if text.startswith("[", position):
                position += 1
                shape.append("![")
            else:
                between.append("!")
        elif character == "]":
            destination = _PLAIN_DESTINATION.match(text, start)
            if destination is None and text.startswith("](", start):
                return None
            position = start + 1 if destination is None else destination.end()
            shape.append(text[start:position])
            if destination is not None and _URL_GOES_ON.match(text, position):
                # outside a link the destination is text, and a bare URL in it would run on
                between.append(text[start:position])
        else:  # "["
            position = start + 1
            shape.append("[")
    between.append(text[position:])
    if _may_read_as_url("".join(between)):
        return None  # a bare URL is in the signature, and it is in the text left out
    return tuple(shape)


# what continues a bare URL past a ")": text up to a space, unless it is only the
# punctuation a URL cannot end with (a sentence's "." after a link)
_URL_GOES_ON = re.compile(r"[.,;:!?)\]'\"]*[^\s<>.,;:!?)\]'\"]")


def _may_read_as_url(text: str) -> bool:
    """Text in which GFM renderers may find a bare URL (an entity may spell part of one)."""
    return "://" in text or "www." in text or _ENTITY_START.search(text) is not None


_ENTITY_START = re.compile(r"&[#A-Za-z]")


# markdown-it's white space and punctuation (markdown_it.common.utils: isWhiteSpace,
# isMdAsciiPunct, isPunctChar), written out so that a build whose translations keep their
# markup need not import markdown-it at all; a test holds them to its own over every
# code point.
_MARKDOWN_SPACES = frozenset(
    "\t\n\v\f\r \u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
)


@lru_cache(maxsize=1024)
def _reads_as(character: str) -> str:
    """A delimiter run's neighbour as markdown-it's scanDelims reads it: " " (white space),
    "." (punctuation or symbol) or "a"."""
    if character in _MARKDOWN_SPACES:
        return " "
    if character in string.punctuation or unicodedata.category(character).startswith(("P", "S")):
        return "."
    return "a"


@lru_cache(maxsize=8192)
def _source_shape(msgid: str) -> tuple[object, ...] | None:
    return markup_shape(msgid)


def _check_inline(msgid: str, text: str) -> None:
    """The translation keeps the source's inline markup and adds no unsafe link."""
    shape = markup_shape(text)
    if (
        shape is not None
        and shape == _source_shape(msgid)
        and not any(
            isinstance(part, str) and part.startswith("](") and unsafe_destination(part[2:-1])
            for part in shape
        )
    ):
        return  # the source's shape: its signature, with no parse
    expected, got = _source_signature(msgid), signature(text)
    unsafe = sorted(item[1] for item in got if item[0] in ("link", "image") and unsafe_destination(item[1]))
    if unsafe:
        raise MarkupError(
            f"the translation has a link that runs code: {unsafe[0][:60]!r}",
            hint="javascript:, vbscript: and data: links are never published",
        )
    if expected != got:
        missing = sorted(" ".join(item) for item in (expected - got).elements())
        extra = sorted(" ".join(item) for item in (got - expected).elements())
        detail = "; ".join(
            part
            for part in (f"missing {missing}" if missing else "", f"added {extra}" if extra else "")
            if part
        )
        raise MarkupError(
            f"the translation changes the markup: {detail}", hint="keep links, code and emphasis"
        )


def restore_markdown(unit: Unit, translation: str) -> str:
    """Check a Markdown translation against its source; return what goes in its place."""
    if unit.mode == "markdown-fm":
        # Jekyll and Hugo print front matter values unescaped: the same check as body text
        _check_inline(unit.msgid, " ".join(translation.split()))
        return _front_matter_value(unit.quote, translation)
    text = " ".join(translation.split("\n"))
    if unit.mode == "markdown-cell":
        text = re.sub(r"(?<!\\)\|", r"\\|", text)
    # One line (markdown-it reads a CR as a line end too) that starts with no character a
    # block marker starts with is one paragraph. One line without markup characters has
    # an empty signature (no hard break either). Neither needs a parse.
    one_line = "\r" not in text
    # A unit after the first of its block ("... 2. Wiederholung", "the Web! - Josh Aas")
    # never stands at a line start (the rewrap keeps every line off a block marker): it is
    # read where it stands, after text, and one line there is always the paragraph's.
    # A heading's text and a table cell stand after their "### " or "|" too.
    inline = unit.index > 1 or unit.kind.startswith("heading") or unit.mode == "markdown-cell"
    if not (one_line and (inline or (text and not _MAY_START_A_BLOCK.match(text)))):
        probe = "x " + text if inline else text
        blocks = [token.type for token in parser().parse(probe) if token.type != "inline"]
        if blocks != ["paragraph_open", "paragraph_close"]:
            raise MarkupError(
                "the translation would start a new block (heading, list, quote...)",
                hint="keep it to the inline text of the unit",
            )
    markup_free = not _MARKUP_CHARACTER.search(text) and not _MARKUP_CHARACTER.search(unit.msgid)
    if one_line and markup_free and "://" not in text and "www." not in text:
        return text
    _check_inline(unit.msgid, text)
    return text


def _front_matter_value(quote: str, translation: str) -> str:
    value = " ".join(translation.split())
    if quote in (">", "|"):  # a block scalar's lines: anything goes, on the indented line
        return value
    if quote == "'":
        return value.replace("'", "''")
    if quote == '"' or re.search(r"^[\s#'\"\[\]{}|>&*!%@`-]|: | #", value):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return escaped if quote == '"' else f'"{escaped}"'
    return value


FORMAT = Format(
    "markdown",
    segment_markdown,
    lambda unit, translation, inner: restore_markdown(unit, translation),
    localize_markdown,
)
