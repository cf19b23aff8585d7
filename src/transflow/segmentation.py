"""A source's segmentation kept between runs, so that ``build``, ``check``, ``status`` and
the rest do not cut an unchanged source into units again (a quarter of a 1 MB build).

One file per source under ``.transflow/segmentation/``, keyed by the source's bytes and the
settings fingerprint (``fingerprint.settings_fingerprint``: transflow's code, its libraries,
the segmentation settings and the rest), behind ``cachefile``'s checksum: a source, a setting
or a line of transflow changed, and the source is segmented again. A unit's text is its span
of the source, so only the spans and what is not in the source (msgids, places, placeholders)
are kept. Container formats (DOCX, ODT) are segmented each time: their text is made from the
package, and is not kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, get_args

from .cachefile import read_cache, write_cache
from .config import Config
from .digests import content_digest
from .fingerprint import settings_fingerprint
from .formats import format_of, get_format
from .model import Block, Document, Unit, UnitMode

_KIND = "transflow-segmentation 2"
_MODES = frozenset(get_args(UnitMode))


def segmented(
    config: Config, raw: bytes, path: str, segment: Callable[[], Document], keep: bool = True
) -> Document:
    """The document ``segment()`` makes of ``raw``, from the cache when it holds it (and
    kept there for the next run, unless ``keep`` is False)."""
    name = format_of(path, config.formats)
    if name is None or get_format(name).decode is not None:
        return segment()  # refused with its reason, or a container
    cache_file = config.root / ".transflow" / "segmentation" / f"{content_digest(path.encode('utf-8'))}.json"
    key = cache_key(config, raw, path)
    kept = read_cache(cache_file, _KIND, key)
    if kept is not None:
        document = _document(kept, raw, path)
        if document is not None:
            return document
    document = segment()
    if keep:
        write_cache(cache_file, _KIND, _payload(document), key)
    return document


def cache_key(config: Config, raw: bytes, path: str) -> str:
    """What a kept segmentation must have been made from: these bytes at this path, with
    these settings and this code."""
    return f"{content_digest(raw)} {settings_fingerprint(config)} {path}"


def _payload(document: Document) -> dict[str, Any]:
    text = document.text
    return {
        "newline": document.newline,
        "format": document.format,
        "root_tag": document.root_tag,
        "blocks": [
            [block.number, block.kind, block.start, block.end, block.wrapped, block.width, block.indent]
            for block in document.blocks
        ],
        "units": [
            [
                unit.start,
                unit.end,
                None if unit.text == text[unit.start : unit.end] else unit.text,
                unit.msgid,
                unit.kind,
                unit.block,
                unit.index,
                unit.context,
                unit.mode,
                unit.placeholders,
                unit.placeholder_offsets,
                unit.quote,
            ]
            for unit in document.units
        ],
    }


def _document(payload: object, raw: bytes, path: str) -> Document | None:
    """The kept document, or None when the payload is not one (damaged, or not ours)."""
    if not isinstance(payload, dict):
        return None
    try:
        text = raw.decode("utf-8")  # it was segmented once: the bytes are valid UTF-8
        units = []
        for start, end, own_text, *rest in payload["units"]:
            msgid, kind, block, index, context, mode, marks, offsets, quote = rest
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
                return None
            if mode not in _MODES:
                return None
            units.append(
                Unit(
                    start,
                    end,
                    text[start:end] if own_text is None else str(own_text),
                    str(msgid),
                    str(kind),
                    int(block),
                    int(index),
                    str(context),
                    mode,
                    tuple(
                        (str(opening), None if closing is None else str(closing))
                        for opening, closing in marks
                    ),
                    tuple(int(offset) for offset in offsets),
                    str(quote),
                )
            )
        blocks = tuple(Block(*block) for block in payload["blocks"])
        root_tag = payload["root_tag"]
        return Document(
            path,
            text,
            str(payload["newline"]),
            blocks,
            tuple(units),
            str(payload["format"]),
            None if root_tag is None else (int(root_tag[0]), int(root_tag[1])),
        )
    except (KeyError, TypeError, ValueError, UnicodeDecodeError):
        return None
