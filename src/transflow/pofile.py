"""PO files: a plain model, an exact reader and a writer that lays out like GNU gettext.

The writer reproduces ``msgcat``'s output byte for byte (79-column UAX #14 wrapping,
comment order, reference wrapping), so files we write never churn when a translator's
gettext tool or a later ``transflow update`` touches them. The reader keeps everything a
translator may have written, including previous msgids of obsolete entries.
"""

from __future__ import annotations

import array
import itertools
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import PoSyntaxError, decode_utf8
from .linebreak import display_width, wrap_starts

PAGE_WIDTH = 79


class _SharedEmptyList(list[str]):
    """The one empty list that every entry without such lines holds (a large catalog would
    otherwise carry four empty containers per entry). Filling it would fill them all, so it
    refuses: give the entry a new list instead (``entry.flags = [*entry.flags, "fuzzy"]``)."""

    __slots__ = ()


class _SharedEmptyDict(dict[int, str]):
    """The one empty ``msgstr_plural`` of singular entries; it refuses to be filled too."""

    __slots__ = ()


def _refuse(self: object, *args: object, **kwargs: object) -> None:
    raise TypeError("this empty list or dict is shared by every PoEntry without one: assign a new one")


for _name in (
    "append",
    "extend",
    "insert",
    "remove",
    "pop",
    "clear",
    "sort",
    "reverse",
    "__setitem__",
    "__delitem__",
    "__iadd__",
    "__imul__",
):
    setattr(_SharedEmptyList, _name, _refuse)
for _name in ("__setitem__", "__delitem__", "update", "setdefault", "pop", "popitem", "clear", "__ior__"):
    setattr(_SharedEmptyDict, _name, _refuse)
NO_LINES: list[str] = _SharedEmptyList()
NO_PLURALS: dict[int, str] = _SharedEmptyDict()


# msgid alone (no msgctxt), or (msgctxt, msgid): see PoEntry.key
EntryKey = str | tuple[str, str]


@dataclass(slots=True)
class PoEntry:
    """One message of a catalog, with every comment kind gettext knows."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: dict[int, str] = field(default_factory=lambda: NO_PLURALS)
    translator_comments: list[str] = field(default_factory=lambda: NO_LINES)
    extracted_comments: list[str] = field(default_factory=lambda: NO_LINES)
    references: list[str] = field(default_factory=lambda: NO_LINES)
    flags: list[str] = field(default_factory=lambda: NO_LINES)
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False

    def evolve(self, **changes: Any) -> PoEntry:
        """A copy with ``changes``: ``dataclasses.replace`` without its walk over every
        field (a merge copies every entry of a catalog: each field by name takes half the
        time of a loop over them). Lists are shared, as there. A name that is no field
        raises AttributeError (the class has slots, no instance dict)."""
        copy = object.__new__(PoEntry)
        copy.msgid = self.msgid
        copy.msgstr = self.msgstr
        copy.msgctxt = self.msgctxt
        copy.msgid_plural = self.msgid_plural
        copy.msgstr_plural = self.msgstr_plural
        copy.translator_comments = self.translator_comments
        copy.extracted_comments = self.extracted_comments
        copy.references = self.references
        copy.flags = self.flags
        copy.previous_msgctxt = self.previous_msgctxt
        copy.previous_msgid = self.previous_msgid
        copy.previous_msgid_plural = self.previous_msgid_plural
        copy.obsolete = self.obsolete
        for name, value in changes.items():
            setattr(copy, name, value)
        return copy

    @property
    def key(self) -> EntryKey:
        """What makes an entry one of a kind in a catalog (msgctxt and msgid): the msgid
        alone when there is no context, so that no new object is made per entry."""
        return self.msgid if self.msgctxt is None else (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def filled(self) -> bool:
        """The msgstr (of a plural entry, its first form) is not empty: what gettext looks
        at to call an entry translated (msgfmt --statistics) or to keep "fuzzy" on it."""
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and self.msgstr_plural[min(self.msgstr_plural)] != ""
        return self.msgstr != ""

    @property
    def translated(self) -> bool:
        """Translated in msgfmt's sense: live, not fuzzy, filled."""
        return not (self.fuzzy or self.obsolete) and self.filled

    @property
    def has_translation(self) -> bool:
        """Any translated text at all (any plural form): what must never be dropped."""
        if self.msgid_plural is not None:
            return any(self.msgstr_plural.values())
        return self.msgstr != ""


@dataclass
class PoFile:
    """A catalog: the header entry (msgid "") first, then the messages."""

    header: PoEntry
    entries: list[PoEntry]
    # When every entry was read whole from a text: that text's length, then where each entry
    # (the header first, if the text has one) starts and ends in it, two numbers per entry.
    # Writing over that text reuses those spans as they stand, with no second reading.
    spans: tuple[int, array.array[int]] | None = field(default=None, compare=False, repr=False)

    def header_fields(self) -> dict[str, str]:
        fields: dict[str, str] = {}
        for line in self.header.msgstr.split("\n"):
            name, sep, value = line.partition(":")
            if sep:
                fields[name.strip()] = value.strip()
        return fields


# the header fields msgmerge copies from the template into each PO: kept in step, so that a
# translator's or a platform's msgmerge finds nothing to change
MSGMERGE_FIELDS = ("Report-Msgid-Bugs-To", "POT-Creation-Date")


def _msgmerge_fields(po: PoFile) -> tuple[str | None, ...]:
    if not po.header.msgstr:
        return ()
    fields = po.header_fields()
    return tuple(fields.get(name) for name in MSGMERGE_FIELDS)


def header_msgstr(fields: list[tuple[str, str]]) -> str:
    return "".join(f"{name}: {value}\n" for name, value in fields)


# ---------------------------------------------------------------------------
# Reading

# The escapes gettext reads (po-lex.c): the C character escapes below, and octal and hex
# escapes, which stand for bytes of the file (UTF-8) rather than for characters.
_UNESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "\\": "\\",
    '"': '"',
}
_ESCAPE_RE = re.compile(r"\\(x[0-9A-Fa-f]+|[0-7]{1,3}|.)", re.DOTALL)
_KEYWORD_RE = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr\[(\d+)\]|msgstr)\s*(\".*)$")
_STRING_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _unescape(body: str) -> str:
    """The text a quoted string's body stands for; ValueError for what gettext refuses."""
    if "\\" not in body:
        return body
    parts = _ESCAPE_RE.split(body)  # text, escape, text, escape, ..., text
    if all(code in _UNESCAPES for code in parts[1::2]):
        return "".join(part if index % 2 == 0 else _UNESCAPES[part] for index, part in enumerate(parts))
    data = bytearray()
    for index, part in enumerate(parts):
        if index % 2 == 0:
            data += part.encode("utf-8")
        elif part in _UNESCAPES:
            data += _UNESCAPES[part].encode("utf-8")
        else:
            data.append(_escaped_byte(part))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("escaped bytes that are not UTF-8") from None


def _escaped_byte(part: str) -> int:
    """The byte an octal or hex escape stands for (``part`` follows the backslash)."""
    if part[0] == "x" and len(part) > 1:
        value = int(part[1:], 16)
    elif part[0] in "01234567":
        value = int(part, 8)
    else:
        raise ValueError(f"unknown escape \\{part}")
    if not 0 < value <= 0xFF:
        raise ValueError(f"escape \\{part} is not a byte of text")
    return value


_DOMAIN = re.compile(r"[ \t]*domain[ \t]")
_LOGICAL_PIECE = re.compile(
    r'[ \t]*(?:(?P<keyword>msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)(?=[ \t"])'
    r'|(?P<string>"(?:[^"\\]|\\.)*")|(?P<comment>#.*))'
)


_ONE_PIECE = re.compile(
    r'(?:(?:msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)[ \t]*)?"(?:[^"\\]|\\.)*"[ \t]*$'
)


def _logical_lines(line: str) -> list[str]:
    """A keyword or string line as the lines gettext reads in it: ``msgid "a" msgstr "b"`` is
    two, ``    "more"`` (msgcat --indent) is ``"more"``, ``msgstr "b" # note`` is the string
    and then a comment line. Anything else is left whole, for the reader to name."""
    if line.startswith("#") or _ONE_PIECE.match(line):
        return [line]  # a comment, or one keyword and its string: the common case
    pieces: list[str] = []
    current = ""
    position = 0
    while position < len(line):
        match = _LOGICAL_PIECE.match(line, position)
        if match is None or match.end() == position:
            if line[position:].strip():
                return [line]
            break
        if match.group("keyword"):
            if current:
                pieces.append(current)
            current = match.group("keyword")
        elif match.group("string"):
            current = f"{current} {match.group('string')}" if current else match.group("string")
        else:
            if current:
                pieces.append(current)
            current = ""
            pieces.append(match.group("comment"))
            break
        position = match.end()
    if current:
        pieces.append(current)
    return pieces or [line]


def _parse_string(token: str, path: Path | str, line_no: int) -> str:
    """One or more quoted strings (gettext joins them), unescaped."""
    token = token.strip()
    bodies: list[str] = []
    position = 0
    for match in _STRING_TOKEN.finditer(token):
        if token[position : match.start()].strip():
            break
        bodies.append(match.group(1))
        position = match.end()
    if not bodies or token[position:].strip():
        raise PoSyntaxError(
            "malformed PO: expected a quoted string",
            path=path,
            line=line_no,
            hint="fix the line in an editor or restore the file from version control",
        )
    try:
        return "".join(_unescape(body) for body in bodies)
    except ValueError as problem:
        raise PoSyntaxError(
            f"malformed PO: {problem}",
            path=path,
            line=line_no,
            hint='gettext reads \\n \\t \\" \\\\ and the like, and octal or \\x bytes of UTF-8 text; '
            "write the character itself",
        ) from None


class _EntryBuilder:
    """Accumulates the lines of one entry while reading."""

    def __init__(self, entry: PoEntry | None = None) -> None:
        self.entry = entry or PoEntry(msgid="")
        self.started = False  # a msgid was seen
        self.has_content = False  # any line at all
        self.field: str | None = None
        self.plural_index = 0
        self.previous = False
        self.keywords: set[str] = set()  # the keywords met so far ("msgstr[1]" as such)
        self.msgid_line = 0

    def append(self, text: str) -> None:
        entry = self.entry
        if self.previous:
            if self.field == "msgctxt":
                entry.previous_msgctxt = (entry.previous_msgctxt or "") + text
            elif self.field == "msgid_plural":
                entry.previous_msgid_plural = (entry.previous_msgid_plural or "") + text
            else:
                entry.previous_msgid = (entry.previous_msgid or "") + text
            return
        if self.field == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + text
        elif self.field == "msgid":
            entry.msgid += text
        elif self.field == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + text
        elif self.field == "msgstr":
            entry.msgstr += text
        elif self.field == "msgstr_plural":
            index = self.plural_index
            entry.msgstr_plural = {**entry.msgstr_plural, index: entry.msgstr_plural.get(index, "") + text}

    def comment(self, line: str, path: Path | str, line_no: int) -> None:
        """One ``#`` line (obsolete marker already removed)."""
        if _add_comment(self.entry, line):
            return
        previous_line = line[2:].lstrip()  # a "#|" line: the previous msgid and context
        match = _KEYWORD_RE.match(previous_line)
        if match:
            self.previous = True
            self.field = match.group(1)
            self.append(_parse_string(match.group(3), path, line_no))
        elif previous_line.startswith('"') and self.previous:
            self.append(_parse_string(previous_line, path, line_no))
        else:
            raise PoSyntaxError(
                "malformed PO: unreadable '#|' line",
                path=path,
                line=line_no,
                hint="fix the line or delete it",
            )


def _grown(lines: list[str], *more: str) -> list[str]:
    """``lines`` with ``more`` at the end: a new list for the shared empty one, else in place
    (the entry being read owns its lists; a copy per line made 80,000 comment lines quadratic)."""
    if lines is NO_LINES:
        return list(more)
    lines.extend(more)
    return lines


def _add_comment(entry: PoEntry, line: str) -> bool:
    """Add a ``#`` line to ``entry`` (being read: its lists are its own); False for a ``#|``
    line, which needs the reader's state."""
    kind = line[1:2]
    if kind == ":":
        entry.references = _grown(entry.references, *line[2:].split())
    elif kind == ".":
        comment = line[3:] if line[2:3] == " " else line[2:]
        # interned: a location comment is held once by the template and the PO that both have it
        entry.extracted_comments = _grown(entry.extracted_comments, sys.intern(comment))
    elif kind == ",":
        flags = (_shared(_FLAGS, f) for flag in line[2:].split(",") if (f := flag.strip()))
        entry.flags = _grown(entry.flags, *flags)
    elif kind == "|":
        return False
    elif kind != "~":
        entry.translator_comments = _grown(
            entry.translator_comments, line[2:] if line[1:2] == " " else line[1:]
        )
    return True


# The same flag ("fuzzy", "c-format") recurs in every catalog: one string object each.
_FLAGS: dict[str, str] = {}
_SHARED_MOST = 65_536


def _shared(known: dict[str, str], text: str) -> str:
    """One object for equal short strings (up to a bound: the cache must not grow forever)."""
    found = known.get(text)
    if found is not None:
        return found
    if len(text) <= 48 and len(known) < _SHARED_MOST:
        known[text] = text
    return text


def parse_po(text: str, path: Path | str = "<string>", states_only: bool = False) -> PoFile:
    """Parse PO text; raise PoSyntaxError naming the line of the first problem.

    ``states_only``: what status and checks read (strings, flags, translator comments),
    without the references and extracted comments of entries gettext tools wrote: a third
    faster, and such entries must not be written back."""
    spans: array.array[int] | None = None if states_only else array.array("q")
    entries = _read_entries(text, path, states_only, spans)
    read_whole = spans is not None and len(spans) == 2 * len(entries) > 0
    header = PoEntry(msgid="")
    if entries and entries[0].msgid == "" and entries[0].msgctxt is None:
        header = entries.pop(0)
    else:  # gettext takes the header wherever it stands; it is written first
        found = next((i for i, e in enumerate(entries) if e.msgid == "" and e.msgctxt is None), None)
        if found is not None and not entries[found].obsolete:
            header = entries.pop(found)
            read_whole = False  # the spans are in file order, which no longer has the header first
    return PoFile(header, entries, (len(text), spans) if spans is not None and read_whole else None)


def _read_entries(
    text: str, path: Path | str, states_only: bool = False, spans: array.array[int] | None = None
) -> list[PoEntry]:
    """Every entry, the header included: whole entries while they are plain, then lines.
    ``spans`` gets where each plain entry stands; it is emptied unless all of them were."""
    try:
        entries, position = _read_plain_entries(text, path, states_only, spans)
        if position < len(text):
            entries.extend(_read_lines(text[position:], path, text.count("\n", 0, position) + 1))
            if spans is not None:
                del spans[:]
        if len({entry.key for entry in entries}) == len(entries):
            return entries
    except PoSyntaxError:
        pass
    if spans is not None:
        del spans[:]
    # Something is wrong: read it all line by line, which names the first problem in the file.
    return _read_lines(text, path, 1)


# An entry as gettext tools write it: live, comment lines, optional msgctxt, msgid and
# msgstr, each string one well-escaped quoted piece per line, then blank lines up to
# the next entry. Reading such entries a whole match at a time is several times faster
# than line by line; whatever does not match (obsolete and plural entries, CRLF, odd
# spacing, a string continued after a blank line) goes to the line reader.
_QUOTED = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'  # (\\.|[^"\\\n])* unrolled: far faster in re
_QUOTED_LINES = rf"{_QUOTED}(?:\n{_QUOTED})*"
_PLAIN_ENTRY = re.compile(
    r"((?:#(?!~)[^\n\r]*\n)*)"
    rf"(?:msgctxt ({_QUOTED_LINES})\n)?"
    rf"msgid ({_QUOTED_LINES})\n"
    rf"msgstr ({_QUOTED_LINES})(?:\n|\Z)"
    # what follows must start a new entry for the line reader too (an obsolete
    # "#~ msgstr" line, say, would continue this one)
    r"\n*(?=#(?!~)|#~ ?(?:#|msgid |msgctxt )|#~\||msgid |msgctxt |\Z)"
)


def _quoted_value(lines: str) -> str:
    """The string that ``_QUOTED_LINES`` text stands for (escapes undone line by line)."""
    if "\\" not in lines:
        # a quote, newline and quote can only be where two lines meet
        return lines[1:-1].replace('"\n"', "")
    return "".join(_unescape(line[1:-1]) for line in lines.split("\n"))


def _read_plain_entries(
    text: str, path: Path | str, states_only: bool = False, spans: array.array[int] | None = None
) -> tuple[list[PoEntry], int]:
    """The entries ``_PLAIN_ENTRY`` reads from the start of ``text``, and where it stopped;
    ``spans`` gets each one's start and end (its last line's newline included)."""
    entries: list[PoEntry] = []
    position = 0
    match_at = _PLAIN_ENTRY.match
    while (match := match_at(text, position)) is not None:
        entry = _plain_entry(match, path, states_only)
        if entry is None:
            break  # the line reader reports it with its line number
        entries.append(entry)
        if spans is not None:
            end = match.end(4)
            spans.append(position)
            spans.append(end + 1 if text.startswith("\n", end) else end)
        position = match.end()
    return entries, position


def _plain_entry(match: re.Match[str], path: Path | str, states_only: bool = False) -> PoEntry | None:
    """The entry a ``_PLAIN_ENTRY`` match holds; None when the line reader must read it.
    ``states_only``: comment lines are read only if some may be a flag, a translator's
    comment or a previous msgid (references and extracted comments are free text)."""
    comments, msgctxt, msgid, msgstr = match.groups()
    if states_only and comments and _STATE_COMMENT.search(comments) is None:
        comments = ""
    try:
        entry = PoEntry(
            msgid=_quoted_value(msgid),
            msgstr=_quoted_value(msgstr),
            msgctxt=None if msgctxt is None else _quoted_value(msgctxt),
        )
        builder = None
        for line in comments[:-1].split("\n") if comments else ():
            if not _add_comment(entry, line):
                builder = builder or _EntryBuilder(entry)
                builder.comment(line, path, 0)
        _check_previous(entry, path, 0)
    except (ValueError, PoSyntaxError):
        return None
    return entry


# a comment line that is neither a reference ("#:") nor an extracted comment ("#.")
_STATE_COMMENT = re.compile(r"^#(?![:.])", re.MULTILINE)


def _read_lines(text: str, path: Path | str, first_line_no: int) -> list[PoEntry]:
    """Entries read line by line: any PO gettext reads, and the line of any problem."""
    entries: list[PoEntry] = []
    builder = _EntryBuilder()
    last_field_was_msgstr = False
    defined: dict[EntryKey, int] = {}  # where each msgctxt + msgid was first read

    def finish(at_end: bool = False) -> None:
        nonlocal builder, last_field_was_msgstr
        if builder.started and builder.field not in ("msgstr", "msgstr_plural"):
            raise PoSyntaxError("malformed PO: msgid without msgstr", path=path, line=builder.msgid_line)
        if builder.started:
            first = defined.setdefault(builder.entry.key, builder.msgid_line)
            if first != builder.msgid_line:
                raise PoSyntaxError(
                    f"malformed PO: the same message again (first at line {first})",
                    path=path,
                    line=builder.msgid_line,
                    hint="keep one of the two entries (msgfmt refuses the file too)",
                )
            entries.append(builder.entry)
        elif builder.has_content and not (at_end and not builder.keywords):
            # (comments alone after the last entry: gettext drops them, and so does this reader)
            raise PoSyntaxError(
                "malformed PO: msgctxt without msgid"
                if builder.keywords
                else "malformed PO: comments without a message",
                path=path,
                line=last_line,  # the entry's last line: never past the end of the file
                hint="every entry needs msgid and msgstr",
            )
        builder = _EntryBuilder()
        last_field_was_msgstr = False

    line_no = last_line = first_line_no
    for line_no, raw_line in enumerate(text.split("\n"), start=first_line_no):
        line = raw_line.rstrip("\r")
        if not line.strip():
            continue
        last_line = line_no
        obsolete = False
        if line.startswith("#~"):
            obsolete = True
            rest = line[2:]
            # "#~| msgid" is the previous msgid of an obsolete entry: read it as "#|".
            line = "#" + rest if rest.startswith("|") else rest.removeprefix(" ")
            if not line.strip():
                continue
        if _DOMAIN.match(line):
            raise PoSyntaxError(
                f"malformed PO: a domain directive ({line.strip()[:40]}), and a file is one domain here",
                path=path,
                line=line_no,
                hint="split the file by domain (msgcat reads each part), or delete the line",
            )
        # several keywords on one line, a string indented as msgcat --indent writes it, a
        # comment after the last string: one logical line each, as gettext reads them
        pieces = _logical_lines(line)
        for line in pieces:
            if line.startswith("#"):
                if last_field_was_msgstr:
                    finish()
                elif builder.keywords:
                    raise PoSyntaxError(
                        "malformed PO: a comment inside an entry",
                        path=path,
                        line=line_no,
                        hint="comments go before msgctxt/msgid",
                    )
                builder.has_content = True
                # a "#~" comment does not make its entry obsolete: as in gettext, only keywords do
                builder.comment(line, path, line_no)
                continue
            if line.startswith('"'):
                if builder.field is None:
                    raise PoSyntaxError(
                        "malformed PO: a string continues no keyword",
                        path=path,
                        line=line_no,
                        hint="fix the line in an editor or restore the file from version control",
                    )
                if not builder.previous:
                    _check_obsolete_marks(builder, obsolete, path, line_no)
                builder.append(_parse_string(line, path, line_no))
                continue
            match = _KEYWORD_RE.match(line)
            if not match:
                raise PoSyntaxError(
                    f"malformed PO: unexpected {line.strip()[:30]!r}",
                    path=path,
                    line=line_no,
                    hint="fix the line in an editor or restore the file from version control",
                )
            keyword = match.group(1)
            if keyword in ("msgctxt", "msgid") and (last_field_was_msgstr or builder.started):
                if keyword == "msgid" and builder.field == "msgctxt" and not builder.previous:
                    pass
                else:
                    finish()
            builder.has_content = True
            builder.previous = False
            _check_previous(builder.entry, path, line_no)
            _check_obsolete_marks(builder, obsolete, path, line_no)
            builder.entry.obsolete = obsolete
            if keyword in builder.keywords or (keyword == "msgid_plural" and last_field_was_msgstr):
                raise PoSyntaxError(
                    f"malformed PO: {keyword} out of place (given twice, or after msgstr)",
                    path=path,
                    line=line_no,
                    hint="each entry has msgctxt, msgid, msgid_plural and msgstr once, in that order",
                )
            builder.keywords.add(keyword)
            if keyword == "msgid":
                builder.started = True
                builder.msgid_line = line_no
            if keyword.startswith("msgstr[") and builder.entry.msgid_plural is None:
                raise PoSyntaxError("malformed PO: msgstr[N] without msgid_plural", path=path, line=line_no)
            if keyword == "msgstr" and builder.entry.msgid_plural is not None:
                raise PoSyntaxError("malformed PO: msgid_plural needs msgstr[N]", path=path, line=line_no)
            if keyword.startswith("msgstr["):
                builder.field = "msgstr_plural"
                builder.plural_index = int(match.group(2))
                plurals = builder.entry.msgstr_plural
                if builder.plural_index not in plurals:
                    builder.entry.msgstr_plural = {**plurals, builder.plural_index: ""}
            else:
                builder.field = keyword
            if keyword in ("msgstr", "msgid_plural") and not builder.started:
                raise PoSyntaxError(f"malformed PO: {keyword} before msgid", path=path, line=line_no)
            builder.append(_parse_string(match.group(3), path, line_no))
            last_field_was_msgstr = keyword.startswith("msgstr")
    finish(at_end=True)
    return entries


def _check_previous(entry: PoEntry, path: Path | str, line_no: int) -> None:
    """A previous context or plural (``#|``) goes with a previous msgid, as gettext requires."""
    if entry.previous_msgid is None and (
        entry.previous_msgctxt is not None or entry.previous_msgid_plural is not None
    ):
        raise PoSyntaxError(
            "malformed PO: a '#|' msgctxt or msgid_plural without '#| msgid'",
            path=path,
            line=line_no,
            hint="add the previous msgid, or delete the '#|' lines",
        )


def _check_obsolete_marks(builder: _EntryBuilder, obsolete: bool, path: Path | str, line_no: int) -> None:
    """An entry's keyword and string lines all carry "#~", or none does (gettext's rule);
    its first keyword line decided."""
    if builder.keywords and builder.entry.obsolete != obsolete:
        raise PoSyntaxError(
            "malformed PO: inconsistent use of #~ within one entry",
            path=path,
            line=line_no,
            hint='mark every line of an obsolete entry with "#~", or none',
        )


def read_po(path: Path, shown: Path | str | None = None) -> PoFile:
    """Read a PO file; errors name the file (as ``shown``, by default its path) and line."""
    name = path if shown is None else shown
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise PoSyntaxError(
            f"cannot read PO file: {error.strerror}", path=name, hint="check permissions"
        ) from None
    return parse_po_bytes(raw, name)


def parse_po_bytes(raw: bytes, path: Path | str, states_only: bool = False) -> PoFile:
    """Parse the bytes of a UTF-8 PO file (a BOM is tolerated); ``states_only`` as for
    ``parse_po``."""
    return parse_po(po_text(raw, path).removeprefix("\ufeff"), path, states_only)


def po_text(raw: bytes, path: Path | str) -> str:
    """The text of a PO file's bytes (a BOM kept), or the error gettext's tools would give."""
    _refuse_what_gettext_cannot_read(raw, path)
    return decode_utf8(raw, path, PoSyntaxError, "PO file", "convert it with msgconv --to-code=UTF-8")


def _refuse_what_gettext_cannot_read(raw: bytes, path: Path | str) -> None:
    """Whole-file problems named as what they are, before any line is parsed."""
    if not raw:
        raise PoSyntaxError(
            "empty PO file (0 bytes): msgfmt refuses it",
            path=path,
            hint="restore it from version control, or delete it and run transflow update",
        )
    nul = raw.find(b"\0")
    if nul >= 0:
        raise PoSyntaxError(
            "a NUL byte: gettext tools cut the string there and lose the rest",
            path=path,
            line=raw.count(b"\n", 0, nul) + 1,
            hint="remove the NUL character in a text editor",
        )
    if b"\r" in raw and b"\n" not in raw:
        raise PoSyntaxError(
            "CR-only line endings (classic Mac OS): gettext reads the file as one line",
            path=path,
            hint="save it with LF or CRLF line endings",
        )


# ---------------------------------------------------------------------------
# Writing

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


def _format_references(references: list[str], prefix: str) -> str:
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


def _comment_lines(marker: str, comments: list[str]) -> str:
    return "".join(f"{marker} {text}\n" if text else f"{marker}\n" for text in comments)


def format_entry(entry: PoEntry, layouts: LayoutMemo | None = None, page_width: int = PAGE_WIDTH) -> str:
    """One entry as gettext writes it (no trailing blank line); ``layouts`` memoises strings.
    ``page_width`` other than gettext's 79 (a file saved with msgcat -w 200) skips the memo."""
    lay_out = layouts.get if layouts is not None and page_width == PAGE_WIDTH else _lay_out
    if page_width != PAGE_WIDTH:

        def lay_out(keyword: str, value: str, prefix: str) -> str:
            return _lay_out(keyword, value, prefix, page_width=page_width)

    flags = _ordered_flags(entry.flags, filled=entry.filled, obsolete=entry.obsolete) if entry.flags else []
    directives = next((_FORMAT_DIRECTIVES[flag] for flag in flags if flag in _FORMAT_DIRECTIVES), None)
    if "no-wrap" in flags:  # gettext cuts such strings only after their newlines

        def lay_out(keyword: str, value: str, prefix: str) -> str:
            return _lay_out(keyword, value, prefix, page_width=_UNLIMITED)

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
_UNLIMITED = 1 << 30  # a page width no string reaches


def _ordered_flags(flags: list[str], *, filled: bool, obsolete: bool) -> list[str]:
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
    for index, entry in enumerate(_written_order(po)):
        if index == 0 and _absent(entry):
            continue
        if index > int(_absent(po.header)):
            yield "\n"
        yield format_entry(entry, layouts)


def _absent(header: PoEntry) -> bool:
    """A header with nothing in it: a file without one keeps having none (as msgcat does)."""
    return not (header.msgstr or header.translator_comments or header.extracted_comments or header.flags)


# ---------------------------------------------------------------------------
# Writing over a translator's file: its own layout kept


@dataclass(frozen=True)
class FileStyle:
    """How a PO file on disk is laid out, for the entries transflow writes into it."""

    newline: str = "\n"
    page_width: int = PAGE_WIDTH  # _UNLIMITED: no wrapping (msgcat --no-wrap, some editors)


_STRING_LINE = re.compile(r'^(?:#~\|? |#\| )?(?:msg\S* )?"[^\r\n]*', re.MULTILINE)
_WIDE = PAGE_WIDTH + 1
# A string line wider than gettext's page, after a line break: one search per way a string
# line starts, each from a literal, reads each line once (a third of the time of listing
# every string line, and no copy of them).
_WIDE_STRING_LINES = tuple(
    re.compile(pattern)
    for pattern in (
        rf'\n"[^\r\n]{{{_WIDE - 1}}}',
        rf'\nmsg(?=\S* ")[^\r\n]{{{_WIDE - 3}}}',
        rf'\n#~(?=\|? (?:msg\S* )?")[^\r\n]{{{_WIDE - 2}}}',
        rf'\n#\|(?= (?:msg\S* )?")[^\r\n]{{{_WIDE - 2}}}',
    )
)
# a string line continued on the next one, where the first does not end with a \n escape
# and is not the empty first piece (msgid "")
_WRAPPED = re.compile(r'(?<!\\n)(?<!")"\r?\n(?:#~\|? |#\| )?"')


def detect_style(text: str) -> FileStyle:
    """The file's line endings and wrapping: gettext's 79 columns, a wider page, or none."""
    newline = "\r\n" if "\r\n" in text else "\n"
    first = _STRING_LINE.match(text)
    if (first is None or first.end() <= PAGE_WIDTH) and not any(
        wide.search(text) for wide in _WIDE_STRING_LINES
    ):
        return FileStyle(newline)
    longest = max((match.end() - match.start() for match in _STRING_LINE.finditer(text)), default=0)
    return FileStyle(newline, longest if _WRAPPED.search(text) else _UNLIMITED)


# a run of lines that are not blank, with their line endings: one entry as gettext tools write it
_CHUNK = re.compile(r"(?:[^\S\r\n]*\S[^\r\n]*(?:\r\n|\n|\r|\Z))+")


def _chunks(text: str) -> list[tuple[int, int]]:
    """Where the file is cut at blank lines: one span per entry as gettext tools write them
    (spans, not strings: a second copy of a large file is not needed)."""
    return [match.span() for match in _CHUNK.finditer(text)]


class Misread(Exception):
    """A piece written over a translator's file does not read back as its entry."""


def format_po_like(
    po: PoFile, old_text: str, layouts: LayoutMemo | None = None, old: PoFile | None = None
) -> str:
    """``po`` written over ``old_text`` with the least change: the old text itself when no
    entry but the header changed (unless in the fields msgmerge would copy from the
    template: ``MSGMERGE_FIELDS``); otherwise each unchanged entry keeps its own lines byte for
    byte and changed or new entries take the file's line endings and wrapping.

    Whatever this writes is read back and must give ``po`` exactly; if not (a file laid out
    in a way the chunking misreads), the whole file is written in gettext's layout instead.
    A byte order mark the file starts with is kept.
    """
    try:
        return "".join(po_pieces_like(po, old_text, layouts, old))
    except Misread:
        return format_po(po, layouts)


def po_pieces_like(
    po: PoFile, old_text: str, layouts: LayoutMemo | None = None, old: PoFile | None = None
) -> Iterator[str]:
    """``format_po_like``'s text a piece at a time, each piece read back as it is made:
    Misread (raised part way) means the file must be written with ``po_pieces`` instead.

    A piece is one entry: it must read, alone, as exactly that entry, start a new entry and
    end with a string line, so that the pieces together read as the entries in order."""
    if old_text.startswith("\ufeff"):
        yield "\ufeff"
        yield from po_pieces_like(po, old_text[1:], layouts, old)
        return
    if old is None:  # ``old``: ``old_text`` already parsed, when the caller has it
        try:
            old = parse_po(old_text)
        except PoSyntaxError:
            raise Misread from None
    ordered = _written_order(po)
    if _same_entries(_written_order(old), ordered) and _msgmerge_fields(old) == _msgmerge_fields(po):
        yield old_text
        return
    style = detect_style(old_text)
    in_file = (
        [old.header, *old.entries] if old.header.msgstr or old.header.translator_comments else old.entries
    )
    read = old.spans
    read_whole = read is not None and read[0] == len(old_text) and len(read[1]) == 2 * len(in_file)
    bounds: Sequence[int]  # where each entry's chunk starts and ends, two numbers per entry
    if read is not None and read_whole:
        # each entry as the reader read it whole: its text reads back as itself, by construction
        bounds = read[1]
        entries = in_file
    else:
        chunks = _chunks(old_text)
        if len(chunks) == len(in_file):
            # one chunk per entry, in file order (what gettext tools write): no parsing
            # needed; reading each piece back catches a file laid out otherwise
            entries = in_file
        else:
            chunks, entries = _entries_of(old_text, chunks)
        bounds = array.array("q", itertools.chain.from_iterable(chunks))
        del chunks
    kept = {_key(entry): position for position, entry in enumerate(entries)}  # key -> its chunk
    skipped = int(_absent(po.header))
    for index, entry in enumerate(ordered):
        if index < skipped:
            continue
        position = kept.get(_key(entry))
        if position is not None and _same_entry(entries[position], entry):
            start, end = bounds[2 * position], bounds[2 * position + 1]
            piece = old_text[start:end]
            if not piece.endswith("\n"):
                piece += style.newline
            if not read_whole:
                _check_piece(piece, entry, index == 0)
        else:
            piece = format_entry(entry, layouts, style.page_width)
            if style.newline != "\n":
                piece = piece.replace("\n", style.newline)
            _check_piece(piece, entry, index == 0)
        if index > skipped:
            yield style.newline
        yield piece


def _entries_of(text: str, chunks: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[PoEntry]]:
    """Each entry the chunks hold, with its chunk (a chunk may hold more than one)."""
    spans, entries = [], []
    for span in chunks:
        for entry in _chunk_entry(text[span[0] : span[1]]):
            spans.append(span)
            entries.append(entry)
    return spans, entries


def _same_entry(first: PoEntry, second: PoEntry) -> bool:
    return first == second or _canonical(first) == _canonical(second)


def _key(entry: PoEntry) -> EntryKey | tuple[None, EntryKey]:
    """An entry's identity in a file: its key, set apart when it is obsolete (no live key
    is a pair that starts with None)."""
    return (None, entry.key) if entry.obsolete else entry.key


_LAST_LINE_OF_AN_ENTRY = re.compile(r'(?:#~ ?)?(?:msgstr(?:\[\d+\])? |")')


def _check_piece(piece: str, expected: PoEntry, header: bool) -> None:
    """Raise Misread unless ``piece`` reads as exactly ``expected`` and no more, starting an
    entry (not a string continued from before) and ending with a string line (not a comment
    the next entry would take)."""
    lines = piece.splitlines()
    if not lines or lines[0].startswith('"') or not _LAST_LINE_OF_AN_ENTRY.match(lines[-1]):
        raise Misread
    found = _chunk_entry(piece)
    if not found:
        raise Misread
    read = found[0]
    if header and (read.msgid != "" or read.msgctxt is not None):
        raise Misread
    if not _same_entry(read, expected):
        raise Misread


def _chunk_entry(chunk: str) -> list[PoEntry]:
    """The entry a chunk holds, when it holds exactly one (read whole at once when it is
    an entry as gettext tools write them, else by the full reader)."""
    match = _PLAIN_ENTRY.match(chunk)
    if match is not None and match.end() == len(chunk):
        entry = _plain_entry(match, "<chunk>")
        if entry is not None:
            return [entry]
    try:
        parsed = _read_entries(chunk, "<chunk>")
    except PoSyntaxError:
        return []
    return parsed if len(parsed) == 1 else []


def _written_order(po: PoFile) -> list[PoEntry]:
    """The header, then the entries in the order format_po writes them (what it leaves out,
    left out): one list, built in place."""
    ordered = [po.header]
    ordered.extend(entry for entry in po.entries if not entry.obsolete)
    ordered.extend(e for e in po.entries if e.obsolete and (e.has_translation or e.translator_comments))
    return ordered


def _same_entries(first: list[PoEntry], second: list[PoEntry]) -> bool:
    """The same entries, headers aside, as gettext reads them: flags in gettext's order,
    references unique."""
    if len(first) != len(second):
        return False
    pairs = zip(itertools.islice(first, 1, None), itertools.islice(second, 1, None), strict=True)
    return all(_same_entry(a, b) for a, b in pairs)


def _canonical(entry: PoEntry) -> PoEntry:
    flags = _ordered_flags(entry.flags, filled=entry.filled, obsolete=entry.obsolete) if entry.flags else []
    return entry.evolve(flags=flags, references=list(dict.fromkeys(entry.references)))
