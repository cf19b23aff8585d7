"""Reading PO files exactly: any file gettext reads, everything a translator may have
written kept (previous msgids of obsolete entries included), and the line of the first
problem named as gettext's tools would name it."""

from __future__ import annotations

import array
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from ..errors import PoSyntaxError, decode_utf8
from .model import NO_LINES, EntryKey, PoEntry, PoFile

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


def _grown(lines: Sequence[str], *more: str) -> list[str]:
    """``lines`` with ``more`` at the end: a new list for the shared empty one, else in place
    (only the reader fills lists in place: the entry being read owns the lists it made; a copy
    per line made 80,000 comment lines quadratic)."""
    if lines is NO_LINES:
        return list(more)
    assert isinstance(lines, list)
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
    entries = read_entries(text, path, states_only, spans)
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


def read_entries(
    text: str, path: Path | str, states_only: bool = False, spans: array.array[int] | None = None
) -> list[PoEntry]:
    """Every entry, the header included: whole entries while they are plain, then lines.
    ``spans`` gets where each plain entry stands; it is emptied unless all of them were."""
    try:
        entries, position = _read_plain_entries(text, path, states_only, spans)
        if position < len(text):
            entries.extend(read_lines(text[position:], path, text.count("\n", 0, position) + 1))
            if spans is not None:
                del spans[:]
        if len({entry.key for entry in entries}) == len(entries):
            return entries
    except PoSyntaxError:
        pass
    if spans is not None:
        del spans[:]
    # Something is wrong: read it all line by line, which names the first problem in the file.
    return read_lines(text, path, 1)


# An entry as gettext tools write it: live, comment lines, optional msgctxt, msgid and
# msgstr, each string one well-escaped quoted piece per line, then blank lines up to
# the next entry. Reading such entries a whole match at a time is several times faster
# than line by line; whatever does not match (obsolete and plural entries, CRLF, odd
# spacing, a string continued after a blank line) goes to the line reader.
_QUOTED = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'  # (\\.|[^"\\\n])* unrolled: far faster in re
_QUOTED_LINES = rf"{_QUOTED}(?:\n{_QUOTED})*"
# what follows an entry must start a new one for the line reader too (an obsolete
# "#~ msgstr" line, say, would continue it)
_NEXT_ENTRY = r"\n*(?=#(?!~)|#~ ?(?:#|msgid |msgctxt )|#~\||msgid |msgctxt |\Z)"
PLAIN_ENTRY = re.compile(
    r"((?:#(?!~)[^\n\r]*\n)*)"
    rf"(?:msgctxt ({_QUOTED_LINES})\n)?"
    rf"msgid ({_QUOTED_LINES})\n"
    rf"msgstr ({_QUOTED_LINES})(?:\n|\Z)" + _NEXT_ENTRY
)
# An obsolete entry as gettext tools write it: the same, each keyword and string line
# behind "#~ " (a previous msgid, "#~|", goes to the line reader).
_OBSOLETE_LINES = rf"{_QUOTED}(?:\n#~ {_QUOTED})*"
OBSOLETE_ENTRY = re.compile(
    r"((?:#(?!~)[^\n\r]*\n)*)"
    rf"(?:#~ msgctxt ({_OBSOLETE_LINES})\n)?"
    rf"#~ msgid ({_OBSOLETE_LINES})\n"
    rf"#~ msgstr ({_OBSOLETE_LINES})(?:\n|\Z)" + _NEXT_ENTRY
)


_LIVE_JOINT, _OBSOLETE_JOINT = '"\n"', '"\n#~ "'


def _quoted_value(lines: str, joint: str = _LIVE_JOINT) -> str:
    """The string that ``_QUOTED_LINES`` text stands for (escapes undone line by line);
    ``joint`` is where two lines meet (``_OBSOLETE_LINES``: a quote, newline, "#~ ", quote),
    which no quoted string can hold (it has no newline)."""
    body = lines[1:-1].replace(joint, "")
    if "\\" not in body:
        return body
    if body.count("\\") == body.count("\\n"):  # only \n escapes (a header's lines): no "\\n" either
        return body.replace("\\n", "\n")
    return "".join(_unescape(line[1:-1]) for line in lines.split(joint[1:-1]))


def _read_plain_entries(
    text: str, path: Path | str, states_only: bool = False, spans: array.array[int] | None = None
) -> tuple[list[PoEntry], int]:
    """The entries ``PLAIN_ENTRY`` and ``OBSOLETE_ENTRY`` read from the start of ``text``,
    and where they stopped; ``spans`` gets each live one's start and end (its last line's
    newline included), and so falls short of the entries when one is obsolete."""
    entries: list[PoEntry] = []
    position = 0
    # gettext writes obsolete entries last: once one is read, it is the likelier kind
    likelier, other, obsolete_first = PLAIN_ENTRY.match, OBSOLETE_ENTRY.match, False
    while True:
        obsolete = obsolete_first
        if (match := likelier(text, position)) is None:
            if (match := other(text, position)) is None:
                break
            obsolete = not obsolete_first
            if obsolete:
                likelier, other, obsolete_first = other, likelier, True
        entry = plain_entry(match, path, states_only, obsolete)
        if entry is None:
            break  # the line reader reports it with its line number
        entries.append(entry)
        if spans is not None and not entry.obsolete:
            end = match.end(4)
            spans.append(position)
            spans.append(end + 1 if text.startswith("\n", end) else end)
        position = match.end()
    return entries, position


def plain_entry(
    match: re.Match[str], path: Path | str, states_only: bool = False, obsolete: bool = False
) -> PoEntry | None:
    """The entry a ``PLAIN_ENTRY`` (or, ``obsolete``, an ``OBSOLETE_ENTRY``) match holds;
    None when the line reader must read it. ``states_only``: comment lines are read only if
    some may be a flag, a translator's comment or a previous msgid (references and
    extracted comments are free text)."""
    comments, msgctxt, msgid, msgstr = match.groups()
    if states_only and comments and _STATE_COMMENT.search(comments) is None:
        comments = ""
    joint = _OBSOLETE_JOINT if obsolete else _LIVE_JOINT
    try:
        entry = PoEntry(
            msgid=_quoted_value(msgid, joint),
            msgstr=_quoted_value(msgstr, joint),
            msgctxt=None if msgctxt is None else _quoted_value(msgctxt, joint),
            obsolete=obsolete,
        )
        if comments:  # (only a "#|" comment can give a previous msgid)
            builder = None
            for line in comments[:-1].split("\n"):
                if not _add_comment(entry, line):
                    builder = builder or _EntryBuilder(entry)
                    builder.comment(line, path, 0)
            _check_previous(entry, path, 0)
    except (ValueError, PoSyntaxError):
        return None
    return entry


# a comment line that is neither a reference ("#:") nor an extracted comment ("#.")
_STATE_COMMENT = re.compile(r"^#(?![:.])", re.MULTILINE)


def read_lines(text: str, path: Path | str, first_line_no: int) -> list[PoEntry]:
    """Entries read line by line: any PO gettext reads, and the line of any problem."""
    return _LineReader(path).read(text, first_line_no)


class _LineReader:
    """The line reader's state, with one method per kind of line (as babel's PoFileParser
    has): a comment, a string continuing a keyword, a keyword; ``finish`` closes an entry."""

    def __init__(self, path: Path | str) -> None:
        self.path = path
        self.entries: list[PoEntry] = []
        self.builder = _EntryBuilder()
        self.after_msgstr = False  # the last keyword read was a msgstr: a new one starts an entry
        self.defined: dict[EntryKey, int] = {}  # where each msgctxt + msgid was first read
        self.last_line = 0  # the last line that was not blank

    def read(self, text: str, first_line_no: int) -> list[PoEntry]:
        self.last_line = first_line_no
        for line_no, raw_line in enumerate(text.split("\n"), start=first_line_no):
            line = raw_line.rstrip("\r")
            if not line.strip():
                continue
            self.last_line = line_no
            obsolete = line.startswith("#~")
            if obsolete:
                rest = line[2:]
                # "#~| msgid" is the previous msgid of an obsolete entry: read it as "#|".
                line = "#" + rest if rest.startswith("|") else rest.removeprefix(" ")
                if not line.strip():
                    continue
            if _DOMAIN.match(line):
                raise PoSyntaxError(
                    f"malformed PO: a domain directive ({line.strip()[:40]}), and a file is one domain here",
                    path=self.path,
                    line=line_no,
                    hint="split the file by domain (msgcat reads each part), or delete the line",
                )
            # several keywords on one line, a string indented as msgcat --indent writes it, a
            # comment after the last string: one logical line each, as gettext reads them
            for piece in _logical_lines(line):
                if piece.startswith("#"):
                    self.comment(piece, line_no)
                elif piece.startswith('"'):
                    self.string(piece, obsolete, line_no)
                else:
                    self.keyword(piece, obsolete, line_no)
        self.finish(at_end=True)
        return self.entries

    def comment(self, line: str, line_no: int) -> None:
        if self.after_msgstr:
            self.finish()
        elif self.builder.keywords:
            raise PoSyntaxError(
                "malformed PO: a comment inside an entry",
                path=self.path,
                line=line_no,
                hint="comments go before msgctxt/msgid",
            )
        self.builder.has_content = True
        # a "#~" comment does not make its entry obsolete: as in gettext, only keywords do
        self.builder.comment(line, self.path, line_no)

    def string(self, line: str, obsolete: bool, line_no: int) -> None:
        builder = self.builder
        if builder.field is None:
            raise PoSyntaxError(
                "malformed PO: a string continues no keyword",
                path=self.path,
                line=line_no,
                hint="fix the line in an editor or restore the file from version control",
            )
        if not builder.previous:
            _check_obsolete_marks(builder, obsolete, self.path, line_no)
        builder.append(_parse_string(line, self.path, line_no))

    def keyword(self, line: str, obsolete: bool, line_no: int) -> None:
        path = self.path
        match = _KEYWORD_RE.match(line)
        if not match:
            raise PoSyntaxError(
                f"malformed PO: unexpected {line.strip()[:30]!r}",
                path=path,
                line=line_no,
                hint="fix the line in an editor or restore the file from version control",
            )
        keyword = match.group(1)
        builder = self.builder
        # msgctxt or msgid starts a new entry, but a msgid right after its own msgctxt
        if (
            keyword in ("msgctxt", "msgid")
            and (self.after_msgstr or builder.started)
            and not (keyword == "msgid" and builder.field == "msgctxt" and not builder.previous)
        ):
            self.finish()
            builder = self.builder
        builder.has_content = True
        builder.previous = False
        _check_previous(builder.entry, path, line_no)
        _check_obsolete_marks(builder, obsolete, path, line_no)
        builder.entry.obsolete = obsolete
        if keyword in builder.keywords or (keyword == "msgid_plural" and self.after_msgstr):
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
        plural = keyword.startswith("msgstr[")
        if plural and builder.entry.msgid_plural is None:
            raise PoSyntaxError("malformed PO: msgstr[N] without msgid_plural", path=path, line=line_no)
        if keyword == "msgstr" and builder.entry.msgid_plural is not None:
            raise PoSyntaxError("malformed PO: msgid_plural needs msgstr[N]", path=path, line=line_no)
        if plural:
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
        self.after_msgstr = keyword.startswith("msgstr")

    def finish(self, at_end: bool = False) -> None:
        """Close the entry being read (or refuse what cannot be one), start the next."""
        builder, path = self.builder, self.path
        if builder.started and builder.field not in ("msgstr", "msgstr_plural"):
            raise PoSyntaxError("malformed PO: msgid without msgstr", path=path, line=builder.msgid_line)
        if builder.started:
            first = self.defined.setdefault(builder.entry.key, builder.msgid_line)
            if first != builder.msgid_line:
                raise PoSyntaxError(
                    f"malformed PO: the same message again (first at line {first})",
                    path=path,
                    line=builder.msgid_line,
                    hint="keep one of the two entries (msgfmt refuses the file too)",
                )
            self.entries.append(builder.entry)
        elif builder.has_content and not (at_end and not builder.keywords):
            # (comments alone after the last entry: gettext drops them, and so does this reader)
            raise PoSyntaxError(
                "malformed PO: msgctxt without msgid"
                if builder.keywords
                else "malformed PO: comments without a message",
                path=path,
                line=self.last_line,  # the entry's last line: never past the end of the file
                hint="every entry needs msgid and msgstr",
            )
        self.builder = _EntryBuilder()
        self.after_msgstr = False


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
