"""Hand-off kits for agencies and CAT tools, and what comes back from them.

A kit holds the units to do with their context and, for each, a hash of the translation
the PO held when the kit was made (``base``): on import, an entry that changed since then
is a conflict, never overwritten. Units keep transflow's ids, so nothing is matched by text
alone. Formats: XLIFF 2.1, XLIFF 1.2 (what most CAT tools read), PO and CSV. Returned XML is
parsed with defusedxml: no entity expansion, no external entities. Pure functions.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

from .errors import TransflowError
from .formats.placeholders import PLACEHOLDER, explain
from .po import PoEntry, PoFile, format_po, header_msgstr, parse_po

XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF1 = "urn:oasis:names:tc:xliff:document:1.2"
XML_NS = "http://www.w3.org/XML/1998/namespace"
BASE = "transflow-base"  # the note / comment / column holding the base hash
CSV_COLUMNS = (
    "document", "unit", "place", "state", "source", "target", "previous_source", "notes", "glossary",
    "checks", "base", "language",
)  # fmt: skip


class KitError(TransflowError):
    """A returned kit that cannot be read."""


@dataclass(frozen=True)
class KitUnit:
    """A unit handed off: its id, texts and everything a translator should see."""

    document: str
    unit: str
    source: str
    target: str
    state: str  # new, untranslated, fuzzy, rejected, translated
    place: str
    base: str  # hash of the PO's translation when the kit was made ("" for none)
    previous_source: str | None = None
    notes: tuple[str, ...] = ()
    glossary: tuple[str, ...] = ()  # "KKE → ΚΚΕ"
    checks: tuple[str, ...] = ()  # "figures: the source has ..."
    # the unit's inline markup, (opening, closing) per placeholder number (closing None: <N/>)
    codes: tuple[tuple[str, str | None], ...] = ()

    @property
    def legend(self) -> tuple[str, ...]:
        """What each placeholder stands for, a line each (``<1> = link to https://...``)."""
        return tuple(explain(self.codes)) if self.codes else ()


@dataclass(frozen=True)
class Returned:
    """A unit as it comes back: what the translator wrote, and the base it was made on."""

    document: str
    unit: str
    source: str
    target: str
    base: str
    needs_review: bool = False  # the tool marked it unfinished (fuzzy, initial, needs-review)
    language: str = ""  # the target language the kit states (trgLang, target-language, Language)


@dataclass
class Kit:
    source_language: str
    language: str
    units: list[KitUnit] = field(default_factory=list)

    def by_document(self) -> dict[str, list[KitUnit]]:
        grouped: dict[str, list[KitUnit]] = {}
        for unit in self.units:
            grouped.setdefault(unit.document, []).append(unit)
        return grouped


# ---------------------------------------------------------------------------
# placeholders as inline codes: <pc>/<ph> in XLIFF 2, <g>/<x/> in XLIFF 1.2, <bpt>/<ept>/<ph> in TMX

Token = str | tuple[str, int]  # text, or ("open" | "close" | "single", placeholder number)


def placeholder_tokens(text: str, count: int | None = None) -> list[Token] | None:
    """The text cut at its placeholders, or None when they are not well formed: a number
    above ``count`` (when given), a pair left open or closed out of order, one used twice.
    A text that is not well formed goes out as plain text, as a translator wrote it."""
    tokens: list[Token] = []
    open_numbers: list[int] = []
    seen: set[tuple[str, int]] = set()
    position = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > position:
            tokens.append(text[position : match.start()])
        position = match.end()
        closing, number, single = match.group(1) == "/", int(match.group(2)), match.group(3) == "/"
        if closing and single:
            return None
        kind = "close" if closing else "single" if single else "open"
        if (kind, number) in seen or number < 1 or (count is not None and number > count):
            return None
        seen.add((kind, number))
        if kind == "open":
            open_numbers.append(number)
        elif kind == "close" and (not open_numbers or open_numbers.pop() != number):
            return None
        tokens.append((kind, number))
    if open_numbers:
        return None
    if position < len(text):
        tokens.append(text[position:])
    return tokens


def _add_text(parent: ElementTree.Element, text: str) -> None:
    children = list(parent)
    if children:
        children[-1].tail = (children[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _nested_codes(
    element: ElementTree.Element, text: str, codes: tuple[tuple[str, str | None], ...], namespace: str
) -> None:
    """``text`` into ``element`` with its placeholders as nested inline codes (XLIFF 2 <pc>/<ph>
    pointing at <originalData>, XLIFF 1.2 <g>/<x/>); as plain text when they are not well formed
    or do not match the unit's markup."""
    tokens = placeholder_tokens(text, len(codes)) if codes else None
    if tokens is None or any(
        not isinstance(token, str) and (token[0] == "single") != (codes[token[1] - 1][1] is None)
        for token in tokens
    ):
        element.text = text
        return
    pair, single = ("pc", "ph") if namespace == XLIFF2 else ("g", "x")
    stack = [element]
    for token in tokens:
        if isinstance(token, str):
            _add_text(stack[-1], token)
            continue
        kind, number = token
        if kind == "close":
            stack.pop()
            continue
        attributes = {"id": str(number)}
        if namespace == XLIFF2:
            attributes["canDelete"] = "no"
            if kind == "open":
                attributes |= {"dataRefStart": f"d{number}", "dataRefEnd": f"d{number}e"}
            else:
                attributes["dataRef"] = f"d{number}"
        name = pair if kind == "open" else single
        code = ElementTree.SubElement(stack[-1], _tag(namespace, name), attributes)
        if kind == "open":
            stack.append(code)


def _original_data(unit_element: ElementTree.Element, codes: tuple[tuple[str, str | None], ...]) -> None:
    """XLIFF 2's <originalData>: the markup each code stands for, so a CAT tool can show it."""
    data = ElementTree.SubElement(unit_element, _tag(XLIFF2, "originalData"))
    for number, (opening, closing) in enumerate(codes, start=1):
        ElementTree.SubElement(data, _tag(XLIFF2, "data"), {"id": f"d{number}"}).text = opening
        if closing is not None:
            ElementTree.SubElement(data, _tag(XLIFF2, "data"), {"id": f"d{number}e"}).text = closing


def flat_codes(segment: ElementTree.Element, text: str) -> None:
    """``text`` into a TMX <seg> with its placeholders as <bpt>/<ept>/<ph> whose content is the
    placeholder itself (what any TMX reader gives back as the text); plain when not well formed."""
    tokens = placeholder_tokens(text)
    if tokens is None:
        segment.text = text
        return
    for token in tokens:
        if isinstance(token, str):
            _add_text(segment, token)
            continue
        kind, number = token
        if kind == "open":
            code = ElementTree.SubElement(segment, "bpt", {"i": str(number), "x": str(number)})
            code.text = f"<{number}>"
        elif kind == "close":
            ElementTree.SubElement(segment, "ept", {"i": str(number)}).text = f"</{number}>"
        else:
            ElementTree.SubElement(segment, "ph", {"x": str(number)}).text = f"<{number}/>"


def inline_text(element: ElementTree.Element | None) -> str:
    """An XLIFF <source>/<target> (2.x or 1.2) with its inline codes back as placeholders.

    Codes whose id is one of our numbers become ``<N>``/``</N>``/``<N/>``; annotations (<mrk>)
    and codes a CAT tool added itself give only their text."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        name = child.tag.rsplit("}", 1)[-1]
        number = child.get("id", "")
        if name in ("ec", "ex", "ept"):
            number = child.get("startRef") or child.get("rid") or number
        if not number.isdigit():
            parts.append(inline_text(child) if name in ("mrk", "pc", "g") else "")
        elif name in ("pc", "g"):
            parts += [f"<{number}>", inline_text(child), f"</{number}>"]
        elif name in ("ph", "x"):
            parts.append(f"<{number}/>")
        elif name in ("sc", "bx", "bpt"):
            parts.append(f"<{number}>")
        elif name in ("ec", "ex", "ept"):
            parts.append(f"</{number}>")
        elif name == "cp" and child.get("hex"):
            parts.append(chr(int(child.get("hex", "0"), 16)))
        else:
            parts.append(inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


# elements whose content is text with inline codes: indenting them would change the text
MIXED = frozenset({"source", "target", "seg"})


def indent(element: ElementTree.Element, level: int = 0) -> None:
    """ElementTree.indent's layout, two spaces a level, leaving mixed content as it is."""
    if not len(element) or element.tag.rsplit("}", 1)[-1] in MIXED:
        return
    inner = "\n" + "  " * (level + 1)
    if not (element.text or "").strip():
        element.text = inner
    for child in element:
        indent(child, level + 1)
        if not (child.tail or "").strip():
            child.tail = inner
    if not (element[-1].tail or "").strip():
        element[-1].tail = "\n" + "  " * level


def _indent(element: ElementTree.Element) -> str:
    indent(element)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(element, encoding="unicode") + "\n"
    )


def _tag(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def write_xliff2(kit: Kit) -> str:
    """XLIFF 2.1: one <file> per document, one <unit> per unit, context in <notes>."""
    ElementTree.register_namespace("", XLIFF2)
    root = ElementTree.Element(
        _tag(XLIFF2, "xliff"),
        {"version": "2.1", "srcLang": _tag_of(kit.source_language), "trgLang": _tag_of(kit.language)},
    )
    for number, (document, units) in enumerate(kit.by_document().items(), start=1):
        file = ElementTree.SubElement(root, _tag(XLIFF2, "file"), {"id": f"f{number}", "original": document})
        for unit in units:
            element = ElementTree.SubElement(file, _tag(XLIFF2, "unit"), {"id": unit.unit, "name": unit.unit})
            notes = ElementTree.SubElement(element, _tag(XLIFF2, "notes"))
            for category, text in _notes(unit):
                note = ElementTree.SubElement(notes, _tag(XLIFF2, "note"), {"category": category})
                note.text = text
            if unit.codes:
                _original_data(element, unit.codes)
            state = "translated" if unit.state == "translated" else "initial"
            segment = ElementTree.SubElement(element, _tag(XLIFF2, "segment"), {"state": state})
            source = ElementTree.SubElement(segment, _tag(XLIFF2, "source"))
            _nested_codes(source, unit.source, unit.codes, XLIFF2)
            if unit.target:
                target = ElementTree.SubElement(segment, _tag(XLIFF2, "target"))
                _nested_codes(target, unit.target, unit.codes, XLIFF2)
    return _indent(root)


def write_xliff12(kit: Kit) -> str:
    """XLIFF 1.2: one <file> per document, <trans-unit> with our id as id and resname."""
    ElementTree.register_namespace("", XLIFF1)
    root = ElementTree.Element(_tag(XLIFF1, "xliff"), {"version": "1.2"})
    for document, units in kit.by_document().items():
        file = ElementTree.SubElement(
            root,
            _tag(XLIFF1, "file"),
            {
                "original": document,
                "source-language": _tag_of(kit.source_language),
                "target-language": _tag_of(kit.language),
                "datatype": "plaintext",
            },
        )
        body = ElementTree.SubElement(file, _tag(XLIFF1, "body"))
        for unit in units:
            element = ElementTree.SubElement(
                body,
                _tag(XLIFF1, "trans-unit"),
                {"id": unit.unit, "resname": unit.unit, "approved": "no", _tag(XML_NS, "space"): "preserve"},
            )
            source = ElementTree.SubElement(element, _tag(XLIFF1, "source"))
            _nested_codes(source, unit.source, unit.codes, XLIFF1)
            state = {
                "translated": "translated",
                "fuzzy": "needs-review-translation",
                "rejected": "needs-review-translation",
            }
            target = ElementTree.SubElement(
                element, _tag(XLIFF1, "target"), {"state": state.get(unit.state, "needs-translation")}
            )
            _nested_codes(target, unit.target, unit.codes, XLIFF1)
            for category, text in _notes(unit):
                ElementTree.SubElement(element, _tag(XLIFF1, "note"), {"from": category}).text = text
    return _indent(root)


def _tag_of(language: str) -> str:
    return language.replace("_", "-")


def _notes(unit: KitUnit) -> list[tuple[str, str]]:
    notes = [("location", unit.place), ("state", unit.state)]
    if unit.previous_source is not None:
        notes.append(("previous-source", unit.previous_source))
    notes += [("comment", note) for note in unit.notes]
    notes += [("placeholder", line) for line in unit.legend]
    notes += [("glossary", term) for term in unit.glossary]
    notes += [("check", finding) for finding in unit.checks]
    notes.append((BASE, unit.base))
    return notes


# a cell a spreadsheet would run as a formula (OWASP's list); quoted with a leading "'"
_FORMULA = re.compile("'*[=+\\-@\t\r]")


def _guarded(cell: str) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets a leading "'"
    (so does one that only looks guarded already, so that the quote comes off exactly)."""
    return "'" + cell if _FORMULA.match(cell) else cell


def _unguarded(cell: str) -> str:
    """The cell as exported before the guard (a spreadsheet that saved it drops the quote itself)."""
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell, 1) else cell


def write_csv(kit: Kit) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for unit in kit.units:
        cells = [
            unit.document, unit.unit, unit.place, unit.state, unit.source, unit.target,
            unit.previous_source or "", " | ".join((*unit.notes, *unit.legend)), " | ".join(unit.glossary),
            " | ".join(unit.checks), unit.base, _tag_of(kit.language),
        ]  # fmt: skip
        writer.writerow([_guarded(cell) for cell in cells])
    return out.getvalue()


def write_po_kits(kit: Kit) -> dict[str, str]:
    """One PO per document: its units to do, the context as extracted comments."""
    kits: dict[str, str] = {}
    for document, units in kit.by_document().items():
        header = PoEntry(
            msgid="",
            msgstr=header_msgstr(
                [
                    ("Language", kit.language),
                    ("MIME-Version", "1.0"),
                    ("Content-Type", "text/plain; charset=UTF-8"),
                    ("Content-Transfer-Encoding", "8bit"),
                    ("X-Transflow-Document", document),
                ]
            ),
        )
        entries = [
            PoEntry(
                msgid=unit.source,
                msgstr=unit.target,
                extracted_comments=[
                    unit.place,
                    *unit.legend,
                    *(f"glossary: {term}" for term in unit.glossary),
                    *(f"check: {finding}" for finding in unit.checks),
                    *(f"note: {note}" for note in unit.notes),
                    f"{BASE}: {unit.base}",
                ],
                references=[f"{document}:{unit.unit}"],
                flags=["fuzzy"] if unit.state in ("fuzzy", "rejected") and unit.target else [],
                previous_msgid=unit.previous_source if unit.target else None,
            )
            for unit in units
        ]
        kits[document] = format_po(PoFile(header, entries))
    return kits


# ---------------------------------------------------------------------------
# reading what comes back


def read_returned(data: bytes, name: str) -> list[Returned]:
    """The units of a returned file, by its kind: XLIFF 2.x, XLIFF 1.2, PO or CSV."""
    lowered = name.lower()
    if lowered.endswith((".xlf", ".xliff", ".xml")):
        return _read_xliff(data, name)
    text = _decoded(data, name)
    if lowered.endswith(".csv"):
        return _read_csv(text, name)
    if lowered.endswith((".po", ".pot")):
        return _read_po_kit(text, name)
    raise KitError("not a kit transflow reads", path=name, hint="give .xlf/.xliff, .po or .csv files")


def _decoded(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise KitError("not UTF-8", path=name, hint="save it as UTF-8") from None


def _read_xliff(data: bytes, name: str) -> list[Returned]:
    root = safe_xml(data, name, KitError)
    namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    if namespace == XLIFF2:
        return _read_xliff2(root, name)
    if namespace == XLIFF1:
        return _read_xliff12(root, name)
    raise KitError("not XLIFF 1.2 or 2.x", path=name)


def safe_xml(data: bytes, name: str, error: type[TransflowError]) -> ElementTree.Element:
    """XML parsed without entity expansion or external entities (defusedxml refuses them)."""
    try:
        root: ElementTree.Element = SafeElementTree.fromstring(data)
    except LookupError as problem:  # an XML declaration naming an encoding Python does not know
        raise error(
            f"XML in an encoding that cannot be read: {problem}", path=name, hint="save it as UTF-8"
        ) from None
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as problem:
        raise error(f"XML that cannot be read safely: {problem}", path=name, hint="check the file") from None
    return root


def _text(element: ElementTree.Element | None) -> str:
    return "" if element is None else "".join(element.itertext())


def _read_xliff2(root: ElementTree.Element, name: str) -> list[Returned]:
    found: list[Returned] = []
    language = root.get("trgLang", "")
    for file in root.iter(_tag(XLIFF2, "file")):
        document = file.get("original", "")
        for unit in file.iter(_tag(XLIFF2, "unit")):
            notes = {note.get("category"): _text(note) for note in unit.iter(_tag(XLIFF2, "note"))}
            segments = list(unit.iter(_tag(XLIFF2, "segment")))
            source = "".join(inline_text(segment.find(_tag(XLIFF2, "source"))) for segment in segments)
            target = "".join(inline_text(segment.find(_tag(XLIFF2, "target"))) for segment in segments)
            states = {segment.get("state", "initial") for segment in segments}
            found.append(
                Returned(
                    document,
                    unit.get("id", ""),
                    source,
                    target,
                    notes.get(BASE, ""),
                    "initial" in states,
                    language,
                )
            )
    return found


def _read_xliff12(root: ElementTree.Element, name: str) -> list[Returned]:
    found: list[Returned] = []
    for file in root.iter(_tag(XLIFF1, "file")):
        document = file.get("original", "")
        for unit in file.iter(_tag(XLIFF1, "trans-unit")):
            notes = {note.get("from"): _text(note) for note in unit.iter(_tag(XLIFF1, "note"))}
            target = unit.find(_tag(XLIFF1, "target"))
            state = "" if target is None else target.get("state", "")
            unfinished = state.startswith("needs") or state == "new"
            identifier = unit.get("resname") or unit.get("id") or ""
            found.append(
                Returned(
                    document,
                    identifier,
                    inline_text(unit.find(_tag(XLIFF1, "source"))),
                    inline_text(target),
                    notes.get(BASE, ""),
                    unfinished,
                    file.get("target-language", ""),
                )
            )
    return found


def _read_csv(text: str, name: str) -> list[Returned]:
    # a paragraph-mode unit can be longer than csv's default field limit (128 KiB): no field of
    # this file is longer than the file (the limit is the process's: set back afterwards)
    default_limit = csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    # strict: a quote out of place is a damaged file, not a cell to guess at
    reader = csv.DictReader(io.StringIO(text), restval="", strict=True)
    try:
        missing = {"document", "unit", "source", "target", "base"} - set(reader.fieldnames or ())
        if missing:
            raise KitError(f"a CSV kit without the column(s) {', '.join(sorted(missing))}", path=name)
        rows = [{key: _unguarded(value) for key, value in row.items() if key is not None} for row in reader]
    except csv.Error as problem:
        raise KitError(
            f"not CSV a kit can be read from: {problem}",
            path=name,
            line=reader.line_num + 1,  # the line being read: not yet counted when it fails
            hint="save it from the spreadsheet as CSV (UTF-8), comma-separated",
        ) from None
    finally:
        csv.field_size_limit(default_limit)
    return [
        Returned(
            row["document"],
            row["unit"],
            row["source"],
            row["target"],
            row["base"],
            row.get("state") == "fuzzy",
            row.get("language") or "",
        )
        for row in rows
    ]


def _read_po_kit(text: str, name: str) -> list[Returned]:
    po = parse_po(text, name)
    document = po.header_fields().get("X-Transflow-Document", "")
    language = po.header_fields().get("Language", "")
    found: list[Returned] = []
    for entry in po.entries:
        if entry.obsolete:
            continue
        base = next(
            (c.split(":", 1)[1].strip() for c in entry.extracted_comments if c.startswith(f"{BASE}:")), ""
        )
        where = next((r for r in entry.references if ":" in r), f"{document}:")
        path, _, unit = where.rpartition(":")
        found.append(Returned(path or document, unit, entry.msgid, entry.msgstr, base, entry.fuzzy, language))
    return found


def kit_files(kit: Kit, kind: str) -> dict[str, str]:
    """File name -> text for a kit in ``kind`` (xliff, xliff12, po, csv)."""
    stem = f"transflow-{kit.language}"
    if kind == "xliff":
        return {f"{stem}.xlf": write_xliff2(kit)}
    if kind == "xliff12":
        return {f"{stem}.xliff12.xlf": write_xliff12(kit)}
    if kind == "csv":
        return {f"{stem}.csv": write_csv(kit)}
    return {
        f"{kit.language}/{document.rsplit('.', 1)[0]}.po": text
        for document, text in write_po_kits(kit).items()
    }


def glossary_notes(pairs: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    return tuple(source if source == target else f"{source} → {target}" for source, target in pairs)
