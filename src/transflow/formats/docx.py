"""Word documents (.docx): each paragraph a unit, its runs' formatting as placeholders.

The package's parts that hold text (the body, headers, footers, footnotes, endnotes, the
core properties' title and description) and its styles are read as one text, the parts
joined by NUL (which XML cannot hold). A unit is a paragraph's content after its
properties, found by a scan of the tags, never by re-serialising: a build splices new runs
into the original XML and writes back only the parts that changed (``package.py``).

Inside a paragraph, runs with the same formatting are one stretch of text; Word's language
tags, proofing marks and revision ids never split it. The formatting the paragraph mostly
has is plain text; other formatting is ``<1>...</1>``, a hyperlink a pair around its text,
and a tab, a break, a footnote reference, a drawing or a field a single ``<2/>``. Bookmarks
and comment ranges are kept (moved to the paragraph's start); a paragraph with tracked
changes is left as it stands.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import MarkupError, SourceError
from ..model import Block, Document, Unit
from .common import Format, Segmentation, place
from .package import SEPARATOR, element_end, open_package, property_units, read_member, rebuilt_package
from .placeholders import restore as restore_placeholders
from .placeholders import with_inner

_STYLES = "word/styles.xml"
_CORE = "docProps/core.xml"
_TAG = re.compile(r"<(/?)([A-Za-z][\w.-]*:?[\w.-]*)([^>]*?)(/?)>")
_PART = re.compile(r"word/(?:document|header\d*|footer\d*|footnotes|endnotes)\.xml")
_IGNORED_IN_KEY = re.compile(r"<w:(?:lang|noProof|rFonts)\b[^>]*/>")
_KEPT_MARKS = ("w:bookmarkStart", "w:bookmarkEnd", "w:commentRangeStart", "w:commentRangeEnd")
_OPAQUE = ("w:fldSimple", "w:sdt", "w:smartTag", "w:customXml", "m:oMath", "m:oMathPara", "w:object")


def parts_of(raw: bytes, path: str) -> list[tuple[str, str]]:
    """The package's parts transflow reads, in a fixed order, as (name, XML)."""
    package = open_package(raw, path, "Word")
    names = package.namelist()
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise SourceError("a zip that is not a Word document", path=path, hint="save it as .docx")
    if any(name.lower().endswith("vbaproject.bin") for name in names) or path.lower().endswith(".docm"):
        raise SourceError(
            "a Word document with macros",
            path=path,
            hint="save it as a .docx without macros (File > Save As)",
        )
    chosen = sorted((name for name in names if _PART.fullmatch(name)), key=_part_order)
    chosen += [name for name in (_STYLES, _CORE) if name in names]
    return [(name, read_member(package, name, path)) for name in chosen]


def _part_order(name: str) -> tuple[int, str]:
    return (0 if name == "word/document.xml" else 1, name)


def decode(raw: bytes, path: str) -> str:
    return SEPARATOR.join(text for _, text in parts_of(raw, path))


def encode(document: Document, text: str, raw: bytes) -> bytes:
    """The source package with the parts whose text changed written anew; MarkupError when
    a changed part is not well-formed XML (a package that would not open is never written)."""
    names = [name for name, _ in parts_of(raw, document.path)]
    return rebuilt_package(raw, names, document.text, text)


# ---------------------------------------------------------------------------
# segmentation


_NOWHERE = -(1 << 40)  # the offset of a placeholder no nested unit can be in


@dataclass
class _Piece:
    kind: str  # "text", "single", "open", "close"
    text: str = ""  # the text (kind text), or the XML the piece stands for
    key: str = ""  # the formatting of a text stretch (its rPr, language tags left out)
    closing: str = ""  # kind open: the XML that closes it
    at: int = _NOWHERE  # kind single: where its XML starts in the part (for units nested in it)


@dataclass
class _Paragraph:
    start: int  # where the unit's span starts (after the paragraph's properties)
    end: int  # before </w:p>
    pieces: list[_Piece] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # bookmarks and comment ranges
    style: str = ""
    listed: bool = False
    in_table: bool = False
    changed: bool = False  # tracked changes: left as it stands
    boxed: bool = False  # stands inside another paragraph: a text box's


def _scan_paragraphs(xml: str, offset: int) -> list[_Paragraph]:
    """Every paragraph of a part, innermost first where they nest, with its pieces."""
    found: list[_Paragraph] = []
    stack: list[_Paragraph] = []
    table_depth = 0
    position = 0
    while True:
        match = _TAG.search(xml, position)
        if match is None:
            break
        closing, name, empty = match.group(1), match.group(2), match.group(4)
        position = match.end()
        if name == "w:tc":
            table_depth += -1 if closing else (0 if empty else 1)
        if name != "w:p":
            continue
        if empty:
            continue
        if not closing:
            stack.append(_Paragraph(match.end(), 0, in_table=table_depth > 0, boxed=bool(stack)))
            continue
        if not stack:
            continue
        paragraph = stack.pop()
        paragraph.end = match.start()
        _read_content(xml, paragraph, offset)
        paragraph.start += offset
        paragraph.end += offset
        found.append(paragraph)
    return found


# C901 earned: one branch per kind of WordprocessingML element
def _read_content(xml: str, paragraph: _Paragraph, offset: int = 0) -> None:  # noqa: C901
    position = paragraph.start
    end = paragraph.end
    properties = re.compile(r"\s*<w:pPr\b").match(xml, position)
    if properties:
        close = element_end(xml, properties.end() - len("<w:pPr"), "w:pPr")
        block = xml[position:close]
        style = re.search(r'<w:pStyle w:val="([^"]*)"', block)
        paragraph.style = style.group(1) if style else ""
        paragraph.listed = "<w:numPr>" in block
        position = paragraph.start = close
    field_depth = 0
    field_start = 0
    field_xml: list[str] = []
    link_stack: list[str] = []
    while position < end:
        match = _TAG.search(xml, position, end)
        if match is None:
            break
        closing, name, empty = match.group(1), match.group(2), match.group(4)
        if name in ("w:ins", "w:del", "w:moveFrom", "w:moveTo"):
            paragraph.changed = True
            return
        if closing and name == "w:hyperlink":
            paragraph.pieces.append(_Piece("close"))
            link_stack.pop()
            position = match.end()
            continue
        if closing:
            position = match.end()
            continue
        if name == "w:hyperlink":
            if empty:
                position = match.end()
                continue
            link_stack.append(match.group(0))
            paragraph.pieces.append(_Piece("open", match.group(0), closing="</w:hyperlink>"))
            position = match.end()
            continue
        if name in _KEPT_MARKS:
            closed_at = match.end() if empty else element_end(xml, match.start(), name)
            paragraph.kept.append(xml[match.start() : closed_at])
            position = closed_at
            continue
        if name == "w:proofErr":
            position = match.end()
            continue
        if name == "w:r":
            run_end = match.end() if empty else element_end(xml, match.start(), "w:r")
            run = xml[match.start() : run_end]
            position = run_end
            if field_depth or "<w:fldChar" in run:
                if not field_xml:
                    field_start = match.start()
                field_xml.append(run)
                field_depth += run.count('w:fldCharType="begin"') - run.count('w:fldCharType="end"')
                if field_depth == 0:
                    paragraph.pieces.append(_Piece("single", "".join(field_xml), at=offset + field_start))
                    field_xml = []
                continue
            _read_run(run, paragraph, offset + match.start())
            continue
        if name in _OPAQUE or name.startswith(("w:", "m:")):
            closed_at = match.end() if empty else element_end(xml, match.start(), name)
            paragraph.pieces.append(
                _Piece("single", xml[match.start() : closed_at], at=offset + match.start())
            )
            position = closed_at
            continue
        position = match.end()
    if field_xml:  # a field that goes on in the next paragraph: its runs stay as they are
        paragraph.pieces.append(_Piece("single", "".join(field_xml), at=offset + field_start))


_RUN_PROPERTIES = re.compile(r"<w:rPr>.*?</w:rPr>|<w:rPr/>", re.DOTALL)
_RUN_CONTENT = re.compile(
    r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>|<w:t\s*/>|<(w:[\w]+)\b[^>]*?(?:/>|>.*?</\2>)", re.DOTALL
)


# what a run may hold for transflow to take its text apart; a run with anything else (a drawing
# with a text box, an AlternateContent, an object) is kept whole as one placeholder
_RUN_PARTS = frozenset(
    "w:t w:tab w:br w:cr w:noBreakHyphen w:softHyphen w:sym w:footnoteReference w:endnoteReference "
    "w:lastRenderedPageBreak w:rPr".split()
)


def _read_run(run: str, paragraph: _Paragraph, at: int) -> None:
    properties = _RUN_PROPERTIES.search(run)
    rpr = properties.group(0) if properties else ""
    key = _IGNORED_IN_KEY.sub("", rpr)
    body_start = properties.end() if properties else run.index(">") + 1
    body = run[body_start : run.rindex("</w:r>")] if run.endswith("</w:r>") else ""
    contents = list(_RUN_CONTENT.finditer(body))
    if _RUN_CONTENT.sub("", body).strip() or any(
        content.group(2) is not None and content.group(2) not in _RUN_PARTS for content in contents
    ):
        paragraph.pieces.append(_Piece("single", run, at=at))
        return
    for content in contents:
        if content.group(0).startswith("<w:t") and not content.group(2):
            paragraph.pieces.append(_Piece("text", html.unescape(content.group(1) or ""), key, rpr))
        elif content.group(2) in ("w:rPr", "w:lastRenderedPageBreak"):
            continue
        else:  # a tab, a break, a footnote reference: one piece, in a run of its own
            paragraph.pieces.append(_Piece("single", f"<w:r>{rpr}{content.group(0)}</w:r>"))


def _merged(pieces: list[_Piece]) -> list[_Piece]:
    merged: list[_Piece] = []
    for piece in pieces:
        if piece.kind == "text" and not piece.text:
            continue
        if piece.kind == "text" and merged and merged[-1].kind == "text" and merged[-1].key == piece.key:
            merged[-1] = _Piece("text", merged[-1].text + piece.text, merged[-1].key, merged[-1].closing)
        else:
            merged.append(piece)
    return merged


_TEXT_OPEN = '<w:r>{rpr}<w:t xml:space="preserve">'
_TEXT_CLOSE = "</w:t></w:r>"


def _unit_of(paragraph: _Paragraph) -> _Made | None:
    """The paragraph's msgid, its placeholders' markup, the run properties of its plain text,
    and the runs before and after the text (a footnote's number, a trailing reference) that
    stay where they are."""
    pieces = _merged(paragraph.pieces)
    texts = [piece for piece in pieces if piece.kind == "text"]
    if not any(re.search(r"[^\W\d_]", piece.text) for piece in texts):
        return None
    lead: list[str] = []  # (a text box's anchor is no piece to peel: its paragraphs go back into it)
    while pieces and pieces[0].kind == "single" and "<w:p" not in pieces[0].text:
        lead.append(pieces.pop(0).text)
    trail: list[str] = []
    while pieces and pieces[-1].kind == "single" and "<w:p" not in pieces[-1].text:
        trail.insert(0, pieces.pop().text)
    # the formatting most of the text outside links has is the plain text's
    weights: Counter[str] = Counter()
    properties: dict[str, str] = {}
    depth = 0
    for piece in pieces:
        depth += {"open": 1, "close": -1}.get(piece.kind, 0)
        if piece.kind == "text":
            weights[piece.key] += len(piece.text) * (1000 if depth == 0 else 1)
            properties.setdefault(piece.key, piece.closing)
    base = properties[weights.most_common(1)[0][0]]
    msgid: list[str] = []
    placeholders: list[tuple[str, str | None]] = []
    offsets: list[int] = []  # where each placeholder's markup would start in the part
    context = [base]  # the run properties text returns to after a placeholder
    opened: list[int] = []
    for index, piece in enumerate(pieces):
        current = context[-1]
        if piece.kind == "text":
            if piece.key == _IGNORED_IN_KEY.sub("", current):
                msgid.append(piece.text)
            else:
                opening = _TEXT_CLOSE + _TEXT_OPEN.format(rpr=piece.closing)
                placeholders.append((opening, _TEXT_CLOSE + _TEXT_OPEN.format(rpr=current)))
                offsets.append(_NOWHERE)
                number = len(placeholders)
                msgid.append(f"<{number}>{piece.text}</{number}>")
        elif piece.kind == "single":
            placeholders.append((_TEXT_CLOSE + piece.text + _TEXT_OPEN.format(rpr=current), None))
            offsets.append(piece.at - len(_TEXT_CLOSE) if piece.at != _NOWHERE else _NOWHERE)
            msgid.append(f"<{len(placeholders)}/>")
        elif piece.kind == "open":
            inner = _link_properties(pieces, index) or current
            placeholders.append((_TEXT_CLOSE + piece.text + _TEXT_OPEN.format(rpr=inner), ""))
            offsets.append(_NOWHERE)
            context.append(inner)
            opened.append(len(placeholders))
            msgid.append(f"<{len(placeholders)}>")
        elif opened:  # the close of the innermost open link
            context.pop()
            number = opened.pop()
            closing = _TEXT_CLOSE + "</w:hyperlink>" + _TEXT_OPEN.format(rpr=context[-1])
            placeholders[number - 1] = (placeholders[number - 1][0], closing)
            msgid.append(f"</{number}>")
    for number in reversed(opened):  # a link left open at the paragraph's end
        placeholders[number - 1] = (
            placeholders[number - 1][0],
            _TEXT_CLOSE + "</w:hyperlink>" + _TEXT_OPEN.format(rpr=base),
        )
        msgid.append(f"</{number}>")
    return "".join(msgid), tuple(placeholders), base, "".join(lead), "".join(trail), tuple(offsets)


def _link_properties(pieces: list[_Piece], index: int) -> str:
    """The run properties most of a hyperlink's text has."""
    for piece in pieces[index + 1 :]:
        if piece.kind == "close":
            break
        if piece.kind == "text":
            return piece.closing
    return ""


def segment(text: str, path: str, segmentation: Segmentation) -> Document:
    units: list[Unit] = []
    blocks: list[Block] = []
    offset = 0
    counters: Counter[str] = Counter()
    for part in text.split(SEPARATOR):
        if part.startswith("<?xml") and "<cp:coreProperties" in part[:600]:
            property_units(part, offset, 0, len(part), "docx-text", blocks, units)
        elif (
            "<w:body" in part
            or "<w:hdr" in part
            or "<w:ftr" in part
            or "<w:footnotes" in part
            or "<w:endnotes" in part
        ):
            where = (
                "header" if "<w:hdr" in part else "footer" if "<w:ftr" in part
                else "footnote" if "<w:footnotes" in part else "endnote" if "<w:endnotes" in part else ""
            )  # fmt: skip
            for paragraph in sorted(_scan_paragraphs(part, offset), key=lambda found: found.start):
                if paragraph.changed:
                    continue
                made = _unit_of(paragraph)
                if made is None:
                    continue
                msgid, placeholders, offsets = made[0], made[1], made[5]
                _remember(text[paragraph.start : paragraph.end], (paragraph.kept, made))
                kind = _kind(paragraph, where)
                counters[kind] += 1
                blocks.append(Block(len(blocks) + 1, kind, paragraph.start, paragraph.end))
                units.append(
                    Unit(
                        paragraph.start,
                        paragraph.end,
                        text[paragraph.start : paragraph.end],
                        msgid,
                        kind,
                        len(blocks),
                        1,
                        place(kind, counters[kind]),
                        "docx",
                        placeholders=placeholders,
                        placeholder_offsets=offsets,
                    )
                )
        offset += len(part) + 1
    return Document(path, text, "\n", tuple(blocks), tuple(units), format="docx")


def _kind(paragraph: _Paragraph, where: str) -> str:
    if paragraph.boxed:
        return "text box"
    style = paragraph.style.lower()
    heading = re.fullmatch(r"(?:heading|berschrift|titre|titolo)\s*(\d)", style)
    if style == "title":
        return "title" if not where else f"{where} title"
    if heading:
        return f"heading {heading.group(1)}"
    if where:
        return where
    if paragraph.in_table:
        return "table cell"
    return "list item" if paragraph.listed else "paragraph"


# ---------------------------------------------------------------------------
# a translation back into the XML


def restore(unit: Unit, translation: str, inner: Mapping[tuple[int, int], str]) -> str:
    """New runs for the paragraph: its bookmarks and comment ranges, then the translation in
    the paragraph's formatting, placeholders back to their runs, links and fields."""
    if unit.mode == "docx-text":
        return html.escape(translation, quote=False)
    frame = _FRAMES.get(unit.text)
    if frame is None:  # a unit from another process (or forgotten): read its runs again
        paragraph = _Paragraph(0, len(unit.text))
        _read_content(unit.text, paragraph, unit.start)
        made = _unit_of(paragraph)
        if made is None:  # the unit was made from this very text: it has its runs
            raise MarkupError("the paragraph has no text to translate")
        frame = (paragraph.kept, made)
    kept, (_, _, base, lead, trail, _) = frame
    placeholders = with_inner(unit.placeholders, unit.placeholder_offsets, inner)
    body = restore_placeholders(translation, placeholders, lambda text: html.escape(text, quote=False))
    return "".join(kept) + lead + _TEXT_OPEN.format(rpr=base) + body + _TEXT_CLOSE + trail


_Made = tuple[str, tuple[tuple[str, str | None], ...], str, str, str, tuple[int, ...]]
# what segmentation learnt of each paragraph, by its XML: restore then need not read it again
_FRAMES: dict[str, tuple[list[str], _Made]] = {}
_FRAMES_KEPT = 20_000


def _remember(xml: str, frame: tuple[list[str], _Made]) -> None:
    if len(_FRAMES) >= _FRAMES_KEPT:
        _FRAMES.clear()
    _FRAMES[xml] = frame


def localize(document: Document, text: str, language: str, rtl: bool) -> str:
    """The document's default language (styles.xml) set to ``language``; for a right-to-left
    language, every paragraph and run of the text parts written right to left."""
    tag = language.replace("_", "-")
    out = []
    for part in text.split(SEPARATOR):
        if "<w:styles" in part[:1000]:
            part = _default_language(part, tag, rtl)
        elif "<cp:coreProperties" in part[:600]:
            part = re.sub(r"(<dc:language>)[^<]*(</dc:language>)", rf"\g<1>{tag}\g<2>", part)
        elif rtl and _PART_ROOT.search(part[:2000]):
            part = _right_to_left(part)
        out.append(part)
    return SEPARATOR.join(out)


_PART_ROOT = re.compile(r"<w:(?:document|hdr|ftr|footnotes|endnotes)\b")
# what may stand before <w:bidi/> in a paragraph's properties, and before <w:rtl/> in a run's
_BEFORE_BIDI = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
    "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN"
).split()
_BEFORE_RTL = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
    "fitText vertAlign"
).split()


def _right_to_left(part: str) -> str:
    part = re.sub(r"(<w:p(?:\s[^>]*)?>)(?!<w:pPr)", r"\1<w:pPr><w:bidi/></w:pPr>", part)
    part = re.sub(r"(<w:r(?:\s[^>]*)?>)(?!<w:rPr)", r"\1<w:rPr><w:rtl/></w:rPr>", part)
    part = re.sub(
        r"<w:pPr>(.*?)</w:pPr>", lambda m: _with(m, "pPr", "bidi", _BEFORE_BIDI), part, flags=re.DOTALL
    )
    return re.sub(
        r"<w:rPr>(.*?)</w:rPr>", lambda m: _with(m, "rPr", "rtl", _BEFORE_RTL), part, flags=re.DOTALL
    )


def _with(match: re.Match[str], container: str, name: str, before: list[str]) -> str:
    """A properties element with <w:NAME/> added where the schema's order puts it."""
    body = re.sub(rf'<w:{name} w:val="(?:0|false|off)"/>', "", match.group(1))
    if f"<w:{name}/>" in body or f"<w:{name} " in body:
        return f"<w:{container}>{body}</w:{container}>"
    position = 0
    for child in re.finditer(r"<w:(\w+)\b[^>]*?(?:/>|>.*?</w:\1>)", body, re.DOTALL):
        if child.group(1) in before:
            position = child.end()
    return f"<w:{container}>{body[:position]}<w:{name}/>{body[position:]}</w:{container}>"


def _default_language(styles: str, tag: str, rtl: bool) -> str:
    attribute = "w:bidi" if rtl else "w:val"
    defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles, re.DOTALL)
    if defaults is None:
        return styles
    block = defaults.group(0)
    if "<w:lang " in block:
        if re.search(rf'{attribute}="[^"]*"', block):
            new = re.sub(rf'(<w:lang\b[^>]*?){attribute}="[^"]*"', rf'\1{attribute}="{tag}"', block)
        else:
            new = block.replace("<w:lang ", f'<w:lang {attribute}="{tag}" ', 1)
    elif "<w:rPr>" in block:
        new = block.replace("<w:rPr>", f'<w:rPr><w:lang {attribute}="{tag}"/>', 1)
    else:
        return styles
    return styles[: defaults.start()] + new + styles[defaults.end() :]


FORMAT = Format("docx", segment, restore, localize, decode=decode, encode=encode)
