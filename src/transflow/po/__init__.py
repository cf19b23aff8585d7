"""PO files: a plain model (``model``), an exact reader (``read``), a writer that lays out
like GNU gettext (``write``) and a writer over a translator's own file (``overwrite``)."""

from .model import MSGMERGE_FIELDS, NO_LINES, NO_PLURALS, EntryKey, PoEntry, PoFile, header_msgstr
from .overwrite import FileStyle, Misread, detect_style, format_po_like, po_pieces_like
from .read import parse_po, parse_po_bytes, po_text, read_po
from .write import PAGE_WIDTH, LayoutMemo, format_entry, format_po, format_string, po_pieces, spells

__all__ = [
    "MSGMERGE_FIELDS",
    "NO_LINES",
    "NO_PLURALS",
    "PAGE_WIDTH",
    "EntryKey",
    "FileStyle",
    "LayoutMemo",
    "Misread",
    "PoEntry",
    "PoFile",
    "detect_style",
    "format_entry",
    "format_po",
    "format_po_like",
    "format_string",
    "header_msgstr",
    "parse_po",
    "parse_po_bytes",
    "po_pieces",
    "po_pieces_like",
    "po_text",
    "read_po",
    "spells",
]
