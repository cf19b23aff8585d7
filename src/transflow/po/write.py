"""Writing PO files as GNU gettext lays them out: ``msgcat``'s output byte for byte
(79-column UAX #14 wrapping, comment order, reference wrapping), so that files we write never
churn when a translator's gettext tool or a later ``transflow update`` touches them."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..linebreak import display_width, wrap_starts
from .model import PoEntry, PoFile, written_order

PAGE_WIDTH = 79  # gettext's page: strings are wrapped to fit in it
_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
    "\\": "\\\\",
    '"': '\\"',
}


_NEEDS_ESCAPE = re.compile(r'[\a\b\f\n\r\t\v\\"]')


def _escape_portion(portion: str) -> tuple[str, frozenset[int]]:
    """Escape one portion; return it with the indices where gettext forbids a break."""
    if not _NEEDS_ESCAPE.search(portion):
        return portion, frozenset()
    pieces: list[str] = []
    prohibited: set[int] = set()
    length = 0
    for char in portion:
        escaped = _ESCAPES.get(char)
        if escaped is None:
            pieces.append(char)
            length += 1
        else:
            pieces.append(escaped)
            prohibited.add(length + 1)
            length += 2
    if portion.endswith("\n"):
        prohibited.add(length - 2)
    return "".join(pieces), frozenset(prohibited)


def _split_portions(value: str) -> list[str]:
    """Cut after every newline, as gettext does before wrapping."""
    portions: list[str] = []
    start = 0
    while True:
        end = value.find("\n", start)
        if end < 0 or end == len(value) - 1:
            portions.append(value[start:])
            return portions
        portions.append(value[start : end + 1])
        start = end + 1


class LayoutMemo:
    """Laid-out strings by their content, for a writer that meets the same strings again.

    Laying out a long string (UAX #14 line breaking in Python) is the writer's main
    cost; most strings of an update are the ones the previous run wrote, so the shell
    may seed a memo with ``known`` layouts (it must have checked them: see ``spells``).
    """

    def __init__(self, known: dict[tuple[str, str, str], str] | None = None) -> None:
        # by the hash of (keyword, value, prefix): the value itself need not be held twice,
        # since a layout is checked against the string it is asked for before it is used
        self.known = {hash(key): laid_out for key, laid_out in (known or {}).items()}
        self.used: dict[tuple[str, str, str], str] = {}
        self.rejected = 0  # known layouts that did not spell their string (a damaged cache)

    def get(self, keyword: str, value: str, prefix: str) -> str:
        key = (keyword, value, prefix)
        laid_out = self.used.get(key)
        if laid_out is None:
            laid_out = self.known.pop(hash(key), None)  # now held by ``used``
            if laid_out is not None and not spells(laid_out, keyword, value, prefix):
                self.rejected += 1
                self.known = {}  # one bad layout and the cache is not trusted any more
                laid_out = None
            if laid_out is None:
                laid_out = _lay_out(keyword, value, prefix)
            self.used[key] = laid_out
        return laid_out


def spells(laid_out: str, keyword: str, value: str, prefix: str) -> bool:
    """``laid_out`` is ``keyword "value"`` in gettext's line form: the right keyword and
    prefix, quoted lines only, and their contents the escaped value exactly."""
    lines = laid_out.split("\n")
    if lines[-1] != "" or len(lines) < 2:
        return False
    head = f"{prefix}{keyword} "
    if not lines[0].startswith(head):
        return False
    pieces = lines[1:-1]
    if prefix:
        for line in pieces:
            if not line.startswith(prefix):
                return False
        pieces = [line[len(prefix) :] for line in pieces]
    pieces.insert(0, lines[0][len(head) :])
    for piece in pieces:
        if len(piece) < 2 or piece[0] != '"' or piece[-1] != '"':
            return False
    joined = "".join([piece[1:-1] for piece in pieces])
    if _NEEDS_ESCAPE.search(value) is None:  # the usual: nothing to escape
        return joined == value
    return joined == "".join(_escape_portion(portion)[0] for portion in _split_portions(value))


def format_string(keyword: str, value: str, prefix: str = "", layouts: LayoutMemo | None = None) -> str:
    """Lines for ``keyword "value"`` exactly as gettext's write-po wraps them."""
    return layouts.get(keyword, value, prefix) if layouts is not None else _lay_out(keyword, value, prefix)


# printf directives (c-format), and Python's %(name)s ones (python-format): gettext never breaks
# a line inside one
_FORMAT_DIRECTIVES = {
    "c-format": re.compile(
        r"%(?:\d+\$)?[-+ #0'I]*(?:\d+|\*(?:\d+\$)?)?(?:\.(?:\d+|\*(?:\d+\$)?)?)?"
        r"(?:hh|h|ll|l|L|q|j|z|Z|t)?(?:<PRI[a-zA-Z0-9_]*>|[diouxXeEfFgGaAcCsSpnm%])"
    ),
    "python-format": re.compile(
        r"%(?:\([^)]*\))?[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[hlL]?[diouxXeEfFgGcrsa%]"
    ),
}


def _directive_insides(escaped: str, directives: re.Pattern[str] | None) -> frozenset[int]:
    """The positions of ``escaped`` inside a format directive, where no line may break."""
    if directives is None or "%" not in escaped:
        return frozenset()
    matches = list(directives.finditer(escaped))
    if sum(match.group().count("%") for match in matches) != escaped.count("%"):
        return frozenset()  # not a valid format string: gettext marks no directive in it
    return frozenset(position for match in matches for position in range(match.start() + 1, match.end()))


def _lay_out(
    keyword: str,
    value: str,
    prefix: str,
    page_width: int = PAGE_WIDTH,
    directives: re.Pattern[str] | None = None,
) -> str:
    lines: list[str] = []
    after_break = len(prefix) + 1
    width = page_width - 1 - after_break
    first_line = True
    portions = _split_portions(value)
    for portion_index, portion in enumerate(portions):
        escaped, prohibited = _escape_portion(portion)
        if directives is not None:
            prohibited = prohibited | _directive_insides(escaped, directives)
        head = f"{prefix}{keyword} " if first_line else prefix
        starts: list[int] = []
        if first_line and escaped:
            # gettext starts with `keyword ""` when the string will not stay on that line
            start_column = len(prefix) + len(keyword) + 2 - after_break
            more_follows = portion_index < len(portions) - 1
            starts = wrap_starts(escaped, prohibited, width, 0)
            overflows = start_column + display_width(escaped) > width
            if (
                more_follows
                or start_column > width
                # it overflows and can break somewhere (else it stays, however long)
                or (overflows and (starts or wrap_starts(escaped, prohibited, width, start_column)))
            ):
                lines.append(f'{prefix}{keyword} ""')
                head = prefix
            else:
                starts = []
        elif escaped:
            starts = wrap_starts(escaped, prohibited, width, 0)
        first_line = False
        cuts = [0, *starts, len(escaped)]
        for index in range(len(cuts) - 1):
            lines.append(f'{head if index == 0 else prefix}"{escaped[cuts[index] : cuts[index + 1]]}"')
    return "\n".join(lines) + "\n"


def _format_references(references: Sequence[str], prefix: str) -> str:
    """``#:`` lines filled up to the page width; a reference given twice is written once."""
    if not references:
        return ""
    out: list[str] = []
    line = f"{prefix}#:"
    column = 2
    for reference in dict.fromkeys(references):
        length = len(reference) + 1
        if column > 2 and column + length > PAGE_WIDTH:
            out.append(line)
            line = f"{prefix}#:"
            column = 2
        line += " " + reference
        column += length
    out.append(line)
    return "\n".join(out) + "\n"


def _comment_lines(marker: str, comments: Sequence[str]) -> str:
    return "".join(f"{marker} {text}\n" if text else f"{marker}\n" for text in comments)


# C901 earned: gettext's lines of an entry, in msgcat's order
def format_entry(entry: PoEntry, layouts: LayoutMemo | None = None, page_width: int = PAGE_WIDTH) -> str:  # noqa: C901
    """One entry as gettext writes it (no trailing blank line); ``layouts`` memoises strings.
    ``page_width`` other than gettext's 79 (a file saved with msgcat -w 200) skips the memo."""
    lay_out = layouts.get if layouts is not None and page_width == PAGE_WIDTH else _lay_out
    if page_width != PAGE_WIDTH:

        def lay_out(keyword: str, value: str, prefix: str) -> str:
            return _lay_out(keyword, value, prefix, page_width=page_width)

    flags = ordered_flags(entry.flags, filled=entry.filled, obsolete=entry.obsolete) if entry.flags else []
    directives = next((_FORMAT_DIRECTIVES[flag] for flag in flags if flag in _FORMAT_DIRECTIVES), None)
    if "no-wrap" in flags:  # gettext cuts such strings only after their newlines

        def lay_out(keyword: str, value: str, prefix: str) -> str:
            return _lay_out(keyword, value, prefix, page_width=UNLIMITED)

    elif directives is not None:  # a format string: no break inside a directive (not memoised)

        def lay_out(keyword: str, value: str, prefix: str) -> str:
            return _lay_out(keyword, value, prefix, page_width=page_width, directives=directives)

    prefix = "#~ " if entry.obsolete else ""
    parts: list[str] = []
    if entry.translator_comments:
        parts.append(_comment_lines("#", entry.translator_comments))
    extracted, references = entry.extracted_comments, entry.references
    if len(extracted) == 1 and extracted[0]:  # the usual: one comment, one reference
        parts.append(f"#. {extracted[0]}\n")
    elif extracted:
        parts.append(_comment_lines("#.", extracted))
    if len(references) == 1:
        parts.append(f"#: {references[0]}\n")
    elif references:
        parts.append(_format_references(references, ""))
    if flags:
        parts.append("#, " + ", ".join(flags) + "\n")
    if not (
        entry.previous_msgctxt is None
        and entry.previous_msgid is None
        and entry.previous_msgid_plural is None
    ):
        previous_prefix = "#~| " if entry.obsolete else "#| "
        if entry.previous_msgctxt is not None:
            parts.append(lay_out("msgctxt", entry.previous_msgctxt, previous_prefix))
        if entry.previous_msgid is not None:
            parts.append(lay_out("msgid", entry.previous_msgid, previous_prefix))
        if entry.previous_msgid_plural is not None:
            parts.append(lay_out("msgid_plural", entry.previous_msgid_plural, previous_prefix))
    if entry.msgctxt is not None:
        parts.append(lay_out("msgctxt", entry.msgctxt, prefix))
    parts.append(lay_out("msgid", entry.msgid, prefix))
    if entry.msgid_plural is not None:
        parts.append(lay_out("msgid_plural", entry.msgid_plural, prefix))
        for index in sorted(entry.msgstr_plural):
            parts.append(lay_out(f"msgstr[{index}]", entry.msgstr_plural[index], prefix))
    else:
        parts.append(lay_out("msgstr", entry.msgstr, prefix))
    return "".join(parts)


# The format languages gettext (0.21) knows, in the order its writer lists their flags.
_FORMAT_LANGUAGES = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript", "scheme",
    "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal", "smalltalk", "qt",
    "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace", "php", "gcc-internal",
    "gfc-internal", "ycp",
)  # fmt: skip
_FORMAT_RANK = {language: rank for rank, language in enumerate(_FORMAT_LANGUAGES)}
_RANGE = re.compile(r"range:\s*(\d+)\.\.(\d+)")
UNLIMITED = 1 << 30  # a page width no string reaches


def ordered_flags(flags: Sequence[str], *, filled: bool, obsolete: bool) -> list[str]:
    """Flags as gettext writes them: "fuzzy" (only on a ``filled`` entry), the format
    flags in its language order, "range: a..b" (not on an obsolete entry), then "no-wrap".
    As in gettext, the last mention of a language or of [no-]wrap wins,
    "possible-c-format" is written "c-format" and "wrap" (the default) is not written.
    Flags gettext does not know are kept, after these (gettext would drop them; they may
    be a translator's).
    """
    fuzzy, wrap, range_flag = False, True, None
    formats: dict[str, str] = {}
    unknown: list[str] = []
    for flag in flags:
        if flag == "fuzzy":
            fuzzy = True
        elif flag in ("wrap", "no-wrap"):
            wrap = flag == "wrap"
        elif flag.endswith("-format") and (language := _format_language(flag[: -len("-format")])):
            formats[language] = (
                "no-" + language + "-format" if flag.startswith("no-") else language + "-format"
            )
        elif match := _RANGE.fullmatch(flag):
            range_flag = f"range: {match.group(1)}..{match.group(2)}"
        elif flag not in unknown:
            unknown.append(flag)
    ordered = ["fuzzy"] if fuzzy and filled else []
    ordered.extend(formats[language] for language in sorted(formats, key=_FORMAT_RANK.__getitem__))
    if range_flag is not None and not obsolete:
        ordered.append(range_flag)
    if not wrap:
        ordered.append("no-wrap")
    return ordered + unknown


def _format_language(stem: str) -> str | None:
    """The language of a format flag's stem ("c", "no-c", "possible-c"), if gettext knows it."""
    for marker in ("no-", "possible-", ""):
        if stem.startswith(marker) and stem[len(marker) :] in _FORMAT_RANK:
            return stem[len(marker) :]
    return None


def format_po(po: PoFile, layouts: LayoutMemo | None = None) -> str:
    """The whole file: header, live entries, then obsolete ones, blank-line separated.

    An obsolete entry without translation is left out, as gettext leaves it out, unless
    a translator commented it.
    """
    return "".join(po_pieces(po, layouts))


def po_pieces(po: PoFile, layouts: LayoutMemo | None = None) -> Iterator[str]:
    """``format_po``'s text a piece at a time (an entry, a blank line, an entry...), for a
    writer that need not hold a large file whole."""
    for index, entry in enumerate(written_order(po)):
        if index == 0 and header_absent(entry):
            continue
        if index > int(header_absent(po.header)):
            yield "\n"
        yield format_entry(entry, layouts)


def header_absent(header: PoEntry) -> bool:
    """A header with nothing in it: a file without one keeps having none (as msgcat does)."""
    return not (header.msgstr or header.translator_comments or header.extracted_comments or header.flags)
