"""Translation memory as TMX 1.4b: written from a language's memory, read as memory.

Parsed with defusedxml (no entity expansion, no external entities). Pure functions.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable

from . import __version__
from .errors import TransflowError
from .kits import XML_NS, flat_codes, indent, safe_xml
from .po import PoEntry

LANG = f"{{{XML_NS}}}lang"


class TmxError(TransflowError):
    """A TMX file that cannot be read."""


def write_tmx(pairs: Iterable[tuple[str, str]], source_language: str, language: str) -> str:
    """Every (source, translation) pair as a translation unit, sorted by source text."""
    source_tag, target_tag = source_language.replace("_", "-"), language.replace("_", "-")
    root = ElementTree.Element("tmx", {"version": "1.4"})
    ElementTree.SubElement(
        root,
        "header",
        {
            "creationtool": "transflow",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "PO",
            "adminlang": "en",
            "srclang": source_tag,
            "datatype": "plaintext",
        },
    )
    body = ElementTree.SubElement(root, "body")
    for source, translation in sorted(pairs):
        unit = ElementTree.SubElement(body, "tu")
        for tag, text in ((source_tag, source), (target_tag, translation)):
            variant = ElementTree.SubElement(unit, "tuv", {LANG: tag})
            flat_codes(ElementTree.SubElement(variant, "seg"), text)
    indent(root)
    text = ElementTree.tostring(root, encoding="unicode").replace(
        'xmlns:ns0="http://www.w3.org/XML/1998/namespace" ', ""
    )
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text.replace("ns0:lang", "xml:lang") + "\n"


def read_tmx(data: bytes, name: str, source_language: str, language: str) -> list[PoEntry]:
    """The TMX's units as memory entries: source in ``source_language``, translation in
    ``language`` (matched by primary language when no variant has the exact tag)."""
    root = safe_xml(data, name, TmxError)
    if root.tag != "tmx":
        raise TmxError("not a TMX file", path=name, hint="a <tmx> document, version 1.4")
    entries: list[PoEntry] = []
    for unit in root.iter("tu"):
        variants = {
            (variant.get(LANG) or variant.get("lang") or "").replace("_", "-").lower(): _segment(variant)
            for variant in unit.iter("tuv")
        }
        source = _pick(variants, source_language)
        translation = _pick(variants, language)
        if source and translation:
            entries.append(PoEntry(msgid=source, msgstr=translation))
    return entries


def _segment(variant: ElementTree.Element) -> str:
    segment = variant.find("seg")  # an element without children is falsy: compare with None
    return "" if segment is None else "".join(segment.itertext())


def _pick(variants: dict[str, str], language: str) -> str | None:
    tag = language.replace("_", "-").lower()
    if tag in variants:
        return variants[tag]
    primary = tag.split("-")[0]
    return next((text for code, text in variants.items() if code.split("-")[0] == primary), None)
