"""HTML statements: text runs of block elements and translatable attributes become units.

The stdlib tokenizer (html.parser) is used because it reports exact source positions,
which a lossless skeleton needs; tree builders (html5lib, lxml) normalise the document
and lose them. Inline elements inside a run become placeholders; script, style, code,
pre and anything marked translate="no" stay untouched.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser

from ..model import Block, Document, Unit
from ..segment import normalize, split_sentences
from .common import Format, Segmentation, place
from .placeholders import PLACEHOLDER, escape_attribute, escape_text, restore, with_inner

BLOCK_ELEMENTS = frozenset(
    "address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html legend li main nav ol option p section "
    "summary table tbody td tfoot th thead title tr ul".split()
)
SKIPPED_ELEMENTS = frozenset("script style code pre textarea svg math template noscript kbd samp var".split())
STANDALONE_SKIPPED = frozenset("pre script style textarea template svg math noscript".split())
VOID_ELEMENTS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
TRANSLATABLE_ATTRIBUTES = ("alt", "title", "placeholder")
KINDS = {
    "p": "paragraph",
    "li": "list item",
    "td": "table cell",
    "th": "table header",
    "blockquote": "quote",
    "figcaption": "caption",
    "caption": "caption",
    "title": "title",
    "dt": "term",
    "dd": "definition",
}
_LETTER = re.compile(r"[^\W\d_]")
_ATTRIBUTE = re.compile(
    r"""(?P<name>[^\s"'>/=]+)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s"'=<>`]+)))?"""
)


@dataclass(frozen=True)
class _Event:
    kind: str  # start, end, startend, data, entity, charref, comment, decl, pi
    start: int
    end: int
    tag: str = ""
    attrs: tuple[tuple[str, str | None], ...] = ()


class _Tokenizer(HTMLParser):
    """Every construct with its exact offsets (the next one's start is its end)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0] + [match.end() for match in re.finditer(r"\r\n|\r|\n", text)]
        self.raw: list[tuple[str, int, str, tuple[tuple[str, str | None], ...]]] = []

    def _add(self, kind: str, tag: str = "", attrs: list[tuple[str, str | None]] | None = None) -> None:
        line, column = self.getpos()
        self.raw.append((kind, self.line_starts[line - 1] + column, tag, tuple(attrs or ())))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("start", tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("startend", tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self._add("end", tag)

    def handle_data(self, data: str) -> None:
        self._add("data")

    def handle_entityref(self, name: str) -> None:
        self._add("entity")

    def handle_charref(self, name: str) -> None:
        self._add("entity")

    def handle_comment(self, data: str) -> None:
        self._add("comment")

    def handle_decl(self, decl: str) -> None:
        self._add("decl")

    def handle_pi(self, data: str) -> None:
        self._add("pi")

    def unknown_decl(self, data: str) -> None:
        self._add("decl")

    def events(self) -> list[_Event]:
        self.feed(self.text)
        self.close()
        ends = [item[1] for item in self.raw[1:]] + [len(self.text)] if self.raw else []
        return [
            _Event(kind, start, end, tag, attrs)
            for (kind, start, tag, attrs), end in zip(self.raw, ends, strict=True)
        ]


@dataclass
class _Run:
    """Inline content between block boundaries: event indices and the enclosing element."""

    events: list[int]
    container: str


def segment_html(text: str, path: str, segmentation: Segmentation) -> Document:
    events = _Tokenizer(text).events()
    runs, attribute_units, root_tag = _collect(text, events)
    units: list[Unit] = []
    blocks: list[Block] = []
    # units in document order: runs and attributes interleaved by offset
    pieces: list[tuple[int, str, object]] = [(events[run.events[0]].start, "run", run) for run in runs]
    pieces += [(start, "attribute", item) for start, item in attribute_units]
    for number, (_, kind, item) in enumerate(sorted(pieces, key=lambda piece: piece[0]), start=1):
        if kind == "run":
            assert isinstance(item, _Run)
            new_units = _run_units(text, events, item, number, segmentation)
        else:
            assert isinstance(item, tuple)
            new_units = [_attribute_unit(text, item, number)]
        if new_units:
            blocks.append(Block(number, new_units[0].kind, new_units[0].start, new_units[-1].end))
            units.extend(new_units)
    # attributes of inline elements stand inside a run's span: order by position, parent first
    units.sort(key=lambda unit: (unit.start, -unit.end))
    return Document(path, text, "\n", tuple(blocks), tuple(units), format="html", root_tag=root_tag)


# C901 earned: one branch per kind of HTML node
def _collect(  # noqa: C901
    text: str, events: list[_Event]
) -> tuple[list[_Run], list[tuple[int, tuple[int, int, str, str]]], tuple[int, int] | None]:
    runs: list[_Run] = []
    attributes: list[tuple[int, tuple[int, int, str, str]]] = []
    root_tag: tuple[int, int] | None = None
    stack: list[str] = []
    skip_depth = 0  # inside an element whose content stays untouched
    skip_tag = ""
    current: list[int] = []
    container = "body"

    def close_run() -> None:
        nonlocal current
        if any(
            events[i].kind in ("data", "entity") and text[events[i].start : events[i].end].strip()
            for i in current
        ):
            runs.append(_Run(current, container))
        current = []

    for index, event in enumerate(events):
        tag = event.tag
        if skip_depth:
            if event.kind == "start" and tag == skip_tag:
                skip_depth += 1
            elif event.kind == "end" and tag == skip_tag:
                skip_depth -= 1
            if current:
                current.append(index)
            continue
        if event.kind in ("start", "startend"):
            if tag == "html" and root_tag is None:
                root_tag = (event.start, event.end)
            untouched = tag in SKIPPED_ELEMENTS or dict(event.attrs).get("translate") == "no"
            if untouched and event.kind == "start" and tag not in VOID_ELEMENTS:
                skip_depth, skip_tag = 1, tag
                if tag in BLOCK_ELEMENTS or tag in STANDALONE_SKIPPED:
                    close_run()  # untouched block: no part of any run
                else:
                    current.append(index)  # untouched inline: one placeholder in its run
                continue
            attributes.extend((item[0], item) for item in _attribute_spans(text, event))
            if tag in BLOCK_ELEMENTS:
                close_run()
                if event.kind == "start" and tag not in VOID_ELEMENTS:
                    stack.append(tag)
                    container = tag
                continue
            current.append(index)
            continue
        if event.kind == "end":
            if tag in BLOCK_ELEMENTS:
                close_run()
                while stack and stack.pop() != tag:
                    pass
                container = stack[-1] if stack else "body"
                continue
            current.append(index)
            continue
        if event.kind in ("decl", "pi"):
            close_run()
            continue
        current.append(index)  # data, entities, comments
    close_run()
    return runs, attributes, root_tag


def _attribute_spans(text: str, event: _Event) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, quote) of the translatable attribute values of a start tag."""
    tag_text = text[event.start : event.end]
    attrs = dict(event.attrs)
    wanted = list(TRANSLATABLE_ATTRIBUTES)
    if event.tag == "meta" and (attrs.get("name") or "").lower() == "description":
        wanted.append("content")
    found: list[tuple[int, int, str, str]] = []
    name_end = len(event.tag) + 1
    for match in _ATTRIBUTE.finditer(tag_text, name_end):
        name = match.group("name").lower()
        if name not in wanted:
            continue
        for group, quote in (("dq", '"'), ("sq", "'"), ("uq", "")):
            value = match.group(group)
            if value is not None and value.strip():
                kind = "meta description" if name == "content" else f"{event.tag} {name}"
                found.append((event.start + match.start(group), event.start + match.end(group), kind, quote))
    return found


def _attribute_unit(text: str, item: tuple[int, int, str, str], number: int) -> Unit:
    start, end, kind, quote = item
    raw = text[start:end]
    return Unit(
        start, end, raw, normalize(html.unescape(raw)), kind, number, 1, kind, mode="html-attr", quote=quote
    )


def _run_units(
    text: str, events: list[_Event], run: _Run, number: int, segmentation: Segmentation
) -> list[Unit]:
    indices = run.events
    start, end = events[indices[0]].start, events[indices[-1]].end
    # trim surrounding whitespace
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    spans = [(start, end)]
    if segmentation.unit == "sentence":
        spans = _sentences(text, events, indices, start, end, segmentation)
    kind = KINDS.get(
        run.container, f"heading {run.container[1]}" if re.fullmatch(r"h[1-6]", run.container) else "text"
    )
    units: list[Unit] = []
    for position, (span_start, span_end) in enumerate(spans, start=1):
        msgid, placeholders, offsets = _placeholders(text, events, indices, span_start, span_end)
        if not _LETTER.search(PLACEHOLDER.sub("", msgid)):
            continue  # a figure alone (a table of numbers) is not for translators
        context = place(kind, number) + (f", sentence {position} of {len(spans)}" if len(spans) > 1 else "")
        units.append(
            Unit(
                span_start,
                span_end,
                text[span_start:span_end],
                msgid,
                kind,
                number,
                len(units) + 1,
                context,
                mode="html",
                placeholders=placeholders,
                placeholder_offsets=offsets,
            )
        )
    return units


def _markup_ranges(
    events: list[_Event], indices: list[int], start: int, end: int
) -> list[tuple[int, int, int]]:
    """(start, end, depth) of every non-text event in the span; depth = open inline elements."""
    ranges: list[tuple[int, int, int]] = []
    depth = 0
    skip = 0
    for index in indices:
        event = events[index]
        if event.end <= start or event.start >= end:
            continue
        if event.kind in ("data", "entity") and not skip:
            continue
        if event.kind == "start" and (
            event.tag in SKIPPED_ELEMENTS or dict(event.attrs).get("translate") == "no"
        ):
            skip += 1
        elif skip and event.kind == "end" and event.tag in SKIPPED_ELEMENTS:
            skip -= 1
        elif event.kind == "start" and event.tag not in VOID_ELEMENTS and not skip:
            depth += 1
        elif event.kind == "end" and not skip:
            depth -= 1
        ranges.append((event.start, event.end, depth))
    return ranges


def _sentences(
    text: str, events: list[_Event], indices: list[int], start: int, end: int, segmentation: Segmentation
) -> list[tuple[int, int]]:
    """Sentence spans of a run, never cutting inside an inline element or a tag."""
    masked = list(text[start:end])
    for range_start, range_end, _ in _markup_ranges(events, indices, start, end):
        for offset in range(max(range_start, start), min(range_end, end)):
            if not masked[offset - start].isspace():
                masked[offset - start] = " "  # markup is no text: the segmenter sees spaces
    flat = re.sub(r"[\r\n]", " ", "".join(masked))
    spans = [
        (start + s, start + e)
        for s, e in split_sentences(flat, segmentation.language, segmentation.abbreviations)
    ]
    if not spans:
        return [(start, end)]
    # a cut must fall where no inline element is open
    open_at = _open_depth_at(events, indices, start, end)
    merged = [spans[0]]
    for span in spans[1:]:
        if open_at(span[0]) > 0:
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    # the first span starts at the run start, the last ends at its end (markup included)
    merged[0] = (start, merged[0][1])
    merged[-1] = (merged[-1][0], end)
    return merged


def _open_depth_at(events: list[_Event], indices: list[int], start: int, end: int) -> Callable[[int], int]:
    """How many inline elements are open at an offset of the span."""
    changes = [(range_end, depth) for _, range_end, depth in _markup_ranges(events, indices, start, end)]

    def depth_at(offset: int) -> int:
        depth = 0
        for change_at, new_depth in changes:
            if change_at > offset:
                break
            depth = new_depth
        return depth

    return depth_at


def _placeholders(
    text: str, events: list[_Event], indices: list[int], start: int, end: int
) -> tuple[str, tuple[tuple[str, str | None], ...], tuple[int, ...]]:
    """The msgid of a span (text unescaped, markup as numbered placeholders)."""
    pieces: list[str] = []
    placeholders: list[list[str | None]] = []
    offsets: list[int] = []
    open_stack: list[tuple[str, int]] = []
    skip: list[str] = []
    skip_start = 0
    for index in indices:
        event = events[index]
        if event.end <= start or event.start >= end:
            continue
        raw = text[max(event.start, start) : min(event.end, end)]
        if skip:
            if event.kind == "start" and event.tag == skip[0]:
                skip.append(event.tag)
            elif event.kind == "end" and event.tag == skip[0]:
                skip.pop()
                if not skip:
                    placeholders.append([text[skip_start : event.end], None])
                    offsets.append(skip_start)
                    pieces.append(f"<{len(placeholders)}/>")
            continue
        if event.kind == "data":
            pieces.append(raw)
        elif event.kind == "entity":
            pieces.append(html.unescape(raw))
        elif (
            event.kind == "start"
            and (event.tag in SKIPPED_ELEMENTS or dict(event.attrs).get("translate") == "no")
            and event.tag not in VOID_ELEMENTS
        ):
            skip = [event.tag]
            skip_start = event.start
        elif event.kind == "start" and event.tag not in VOID_ELEMENTS:
            placeholders.append([raw, None])
            offsets.append(event.start)
            open_stack.append((event.tag, len(placeholders)))
            pieces.append(f"<{len(placeholders)}>")
        elif event.kind == "end" and open_stack and open_stack[-1][0] == event.tag:
            _, number = open_stack.pop()
            placeholders[number - 1][1] = raw
            pieces.append(f"</{number}>")
        else:  # void elements, comments, stray end tags
            placeholders.append([raw, None])
            offsets.append(max(event.start, start))
            pieces.append(f"<{len(placeholders)}/>")
    if skip:  # an untouched element left open at the end of the span
        placeholders.append([text[skip_start:end], None])
        offsets.append(skip_start)
        pieces.append(f"<{len(placeholders)}/>")
    # elements opened but never closed inside the span stand alone
    for _, number in open_stack:
        opened = f"<{number}>"
        joined = "".join(pieces)
        pieces = [joined.replace(opened, f"<{number}/>", 1)]
    return normalize("".join(pieces)), tuple((str(o), c) for o, c in placeholders), tuple(offsets)


def localize_html(text: str, root_tag: tuple[int, int] | None, language: str, rtl: bool) -> str:
    """Set lang (and dir) on the <html> element of a built document."""
    if root_tag is None:
        return text
    start, end = root_tag
    tag = text[start:end]
    direction = "rtl" if rtl else "ltr"
    tag = _set_attribute(tag, "lang", language.replace("_", "-"))
    if rtl or re.search(r"\sdir\s*=", tag, re.IGNORECASE):
        tag = _set_attribute(tag, "dir", direction)
    return text[:start] + tag + text[end:]


def _set_attribute(tag: str, name: str, value: str) -> str:
    pattern = re.compile(rf"(\s{name}\s*=\s*)(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)
    if pattern.search(tag):
        return pattern.sub(lambda match: f'{match.group(1)}"{value}"', tag, count=1)
    closing = 2 if tag.endswith("/>") else 1
    return f'{tag[:-closing]} {name}="{value}"{tag[-closing:]}'


def restore_html(unit: Unit, translation: str, inner: Mapping[tuple[int, int], str]) -> str:
    """Placeholders back to the source markup, everything else escaped for its place."""
    if unit.mode == "html-attr":
        value = restore(translation, unit.placeholders, escape_attribute(unit.quote))
        return value if unit.quote else f'"{value}"'
    return restore(translation, with_inner(unit.placeholders, unit.placeholder_offsets, inner), escape_text)


def _localize(document: Document, text: str, language: str, rtl: bool) -> str:
    return localize_html(text, document.root_tag, language, rtl)


FORMAT = Format("html", segment_html, restore_html, _localize)
