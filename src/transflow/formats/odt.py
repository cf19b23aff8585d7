"""OpenDocument text (.odt, LibreOffice): each paragraph and heading a unit.

The parts that hold text (content.xml, styles.xml for headers and footers, meta.xml for the
title and description) are read as one text, joined by NUL, and a build splices into the
original XML (``package.py`` writes back only the changed parts). Inside a paragraph a span
or a link is ``<1>...</1>``; a tab, a line break, a field or a frame a single ``<2/>``. A
footnote or a text box stands in its paragraph as a single placeholder, and its own
paragraphs are units of their own, nested in the paragraph's: a translated note goes back
into the markup of its placeholder. ODF collapses spaces, so runs of spaces in a
translation are written with ``<text:s text:c="N"/>``.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Mapping

from ..errors import SourceError
from ..model import Block, Document, Unit
from .common import Format, Segmentation, place
from .package import SEPARATOR, element_end, open_package, property_units, read_member, rebuilt_package
from .placeholders import restore as restore_placeholders
from .placeholders import with_inner

MIMETYPE = "application/vnd.oasis.opendocument.text"
_PARTS = ("content.xml", "styles.xml", "meta.xml")
_TAG = re.compile(r"<(/?)([A-Za-z][\w.-]*:[\w.-]+)([^>]*?)(/?)>")
_PARAGRAPH = re.compile(r"<(text:p|text:h)\b([^>]*?)(/?)>")
_PAIRS = ("text:span", "text:a")
_HEADER = re.compile(r"<style:(header|footer)(?:-left|-first)?\b")


def parts_of(raw: bytes, path: str) -> list[tuple[str, str]]:
    package = open_package(raw, path, "LibreOffice")
    names = package.namelist()
    if "mimetype" not in names or package.read("mimetype").strip() != MIMETYPE.encode():
        raise SourceError("a zip that is not an OpenDocument text", path=path, hint="save it as .odt")
    if any(name.startswith("Basic/") for name in names):
        raise SourceError(
            "an OpenDocument text with macros", path=path, hint="save it again without its macros"
        )
    return [(name, read_member(package, name, path)) for name in _PARTS if name in names]


def decode(raw: bytes, path: str) -> str:
    return SEPARATOR.join(text for _, text in parts_of(raw, path))


def encode(document: Document, text: str, raw: bytes) -> bytes:
    names = [name for name, _ in parts_of(raw, document.path)]
    return rebuilt_package(raw, names, document.text, text)


def _read(xml: str, start: int, end: int) -> tuple[str, list[tuple[str, str | None]], list[int]] | None:
    """A paragraph's content from ``start`` to ``end``: its msgid, placeholders and their offsets."""
    msgid: list[str] = []
    placeholders: list[tuple[str, str | None]] = []
    offsets: list[int] = []
    opened: list[int] = []
    position = start
    while position < end:
        match = _TAG.search(xml, position, end)
        stop = match.start() if match else end
        if stop > position:
            msgid.append(html.unescape(re.sub(r"[ \t\r\n]+", " ", xml[position:stop])))
        if match is None:
            break
        closing, name, empty = match.group(1), match.group(2), match.group(4)
        if name == "text:s" and empty:
            count = re.search(r'text:c="(\d+)"', match.group(3))
            msgid.append(" " * (int(count.group(1)) if count else 1))
            position = match.end()
        elif name in _PAIRS and not empty:
            if closing:
                number = opened.pop() if opened else 0
                if number:
                    placeholders[number - 1] = (placeholders[number - 1][0], match.group(0))
                    msgid.append(f"</{number}>")
            else:
                placeholders.append((match.group(0), ""))
                offsets.append(match.start())
                opened.append(len(placeholders))
                msgid.append(f"<{len(placeholders)}>")
            position = match.end()
        elif closing:
            position = match.end()
        else:  # a tab, a break, a note, a frame, a field, a bookmark: one piece with what it holds
            closed_at = match.end() if empty else element_end(xml, match.start(), name)
            placeholders.append((xml[match.start() : closed_at], None))
            offsets.append(match.start())
            msgid.append(f"<{len(placeholders)}/>")
            position = closed_at
    text = "".join(msgid).strip(" ")  # ODF drops the spaces at a paragraph's ends
    if not re.search(r"[^\W\d_]", re.sub(r"</?\d+/?>", "", text)):
        return None
    return text, placeholders, offsets


def segment(text: str, path: str, segmentation: Segmentation) -> Document:
    units: list[Unit] = []
    blocks: list[Block] = []
    counters: Counter[str] = Counter()
    offset = 0
    for part in text.split(SEPARATOR):
        meta = re.search(r"<office:meta>.*?</office:meta>", part, re.DOTALL)
        if meta is not None:
            property_units(part, offset, meta.start(), meta.end(), "odt-text", blocks, units)
        styles_only = "<office:document-styles" in part[:1000]
        body = part.find("<office:text")  # where the text begins: before it, styles (a flat file's)
        for match in _PARAGRAPH.finditer(part):
            if match.group(3):
                continue  # <text:p/>
            where = _where(part, match.start(), styles_only or body < 0 or match.start() < body)
            if where is None:
                continue
            content_start = match.end()
            content_end = element_end(part, match.start(), match.group(1)) - len(f"</{match.group(1)}>")
            read = _read(part, content_start, content_end)
            # a footnote or frame at either end stays where it is, outside the unit
            while (
                read is not None
                and read[1]
                and (read[0].startswith("<1/>") or read[0].endswith(f"<{len(read[1])}/>"))
            ):
                if read[0].startswith("<1/>"):
                    content_start = read[2][0] + len(read[1][0][0])
                else:
                    content_end = read[2][-1]
                read = _read(part, content_start, content_end)
            if read is None:
                continue
            msgid, placeholders, offsets = read
            level = re.search(r'text:outline-level="(\d)"', match.group(2))
            kind = f"heading {level.group(1) if level else 1}" if match.group(1) == "text:h" else where
            counters[kind] += 1
            start, end = offset + content_start, offset + content_end
            blocks.append(Block(len(blocks) + 1, kind, start, end))
            units.append(
                Unit(
                    start, end, part[content_start:content_end], msgid, kind, len(blocks), 1,
                    place(kind, counters[kind]), "odt", placeholders=tuple(placeholders),
                    placeholder_offsets=tuple(offset + at for at in offsets),
                )
            )  # fmt: skip
        offset += len(part) + 1
    units.sort(key=lambda unit: unit.start)
    return Document(path, text, "\n", tuple(blocks), tuple(units), format="odt")


def _where(part: str, position: int, outside_text: bool) -> str | None:
    """What a paragraph is by what encloses it (None: outside the text, e.g. in a style)."""
    before = part[max(0, position - 4000) : position]
    for opening, kind in (
        ("<style:header", "header"), ("<style:footer", "footer"), ("<text:note-body", "footnote"),
        ("<draw:text-box", "text box"), ("<table:table-cell", "table cell"), ("<text:list-item", "list item"),
    ):  # fmt: skip
        if before.rfind(opening) > before.rfind(opening.replace("<", "</")):
            return kind
    if outside_text:
        return None  # styles.xml outside headers and footers; a flat file's styles
    return "paragraph"


def restore(unit: Unit, translation: str, inner: Mapping[tuple[int, int], str]) -> str:
    if unit.mode == "odt-text":
        return html.escape(translation, quote=False)
    placeholders = with_inner(unit.placeholders, unit.placeholder_offsets, inner)
    return restore_placeholders(translation, placeholders, _escaped)


def _escaped(text: str) -> str:
    """Text as ODF holds it: spaces beyond the first of a run, and leading ones, as <text:s/>."""
    escaped = html.escape(text, quote=False)
    return re.sub(r"(?<= ) +|^ +", lambda match: f'<text:s text:c="{len(match.group())}"/>', escaped)


def localize(document: Document, text: str, language: str, rtl: bool) -> str:
    """The default paragraph style's language (fo:language, fo:country) and, for a
    right-to-left language, its writing mode; meta.xml's dc:language."""
    base, _, region = language.replace("-", "_").partition("_")
    out = []
    for part in text.split(SEPARATOR):
        if "<office:document-styles" in part[:1000]:
            part = _default_style(part, base, region, rtl)
        elif "<office:document-meta" in part[:1000]:
            part = re.sub(
                r"(<dc:language>)[^<]*(</dc:language>)", rf"\g<1>{language.replace('_', '-')}\g<2>", part
            )
        out.append(part)
    return SEPARATOR.join(out)


def _default_style(styles: str, base: str, region: str, rtl: bool) -> str:
    found = re.search(
        r'<style:default-style style:family="paragraph">.*?</style:default-style>', styles, re.DOTALL
    )
    if found is None:
        return styles
    block = found.group(0)
    language = ("style:language-complex", "style:country-complex") if rtl else ("fo:language", "fo:country")
    for attribute, value in zip(language, (base, region or "none"), strict=True):
        if f"{attribute}=" in block:
            block = re.sub(rf'{attribute}="[^"]*"', f'{attribute}="{value}"', block)
        else:
            block = block.replace(
                "<style:text-properties", f'<style:text-properties {attribute}="{value}"', 1
            )
    if rtl:
        if "style:writing-mode=" in block:
            block = re.sub(r'style:writing-mode="[^"]*"', 'style:writing-mode="rl-tb"', block)
        else:
            block = block.replace(
                "<style:paragraph-properties", '<style:paragraph-properties style:writing-mode="rl-tb"', 1
            )
    return styles[: found.start()] + block + styles[found.end() :]


FORMAT = Format("odt", segment, restore, localize, decode=decode, encode=encode)
