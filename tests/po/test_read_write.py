"""Reading keeps everything a translator wrote; writing is gettext's layout."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from transflow.errors import PoSyntaxError
from transflow.po import (
    PoEntry,
    PoFile,
    format_po,
    format_po_like,
    parse_po,
    read_po,
)
from transflow.po.read import _read_plain_entries, read_entries, read_lines
from transflow.tally import entry_state

from ..conftest import REPO, needs_gettext

FULL = """\
# Translator comment
#
msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

#  two spaces kept
#. paragraph 3, sentence 2
#.
#: doc.txt:3.2 doc.txt:9.1
#, fuzzy, no-wrap
#| msgid "old \\"quoted\\" text"
msgid "new \\"quoted\\" text\\twith tab"
msgstr "nouveau texte"

msgctxt "menu"
msgid "one"
msgid_plural "many"
msgstr[0] "un"
msgstr[1] "plusieurs"

# kept on an obsolete entry
#, fuzzy
#~| msgid "older"
#~ msgid "gone"
#~ msgstr "parti"
"""


def test_round_trip_keeps_every_comment_kind() -> None:
    po = parse_po(FULL)
    assert format_po(po) == FULL
    entry = po.entries[0]
    assert entry.translator_comments == [" two spaces kept"]
    assert entry.extracted_comments == ["paragraph 3, sentence 2", ""]
    assert entry.references == ["doc.txt:3.2", "doc.txt:9.1"]
    assert entry.previous_msgid == 'old "quoted" text'
    assert entry.msgid == 'new "quoted" text\twith tab'
    assert po.entries[1].msgstr_plural == {0: "un", 1: "plusieurs"}
    assert po.entries[2].obsolete and po.entries[2].previous_msgid == "older"


def test_polib_reads_what_we_write() -> None:
    ours = parse_po(FULL)
    theirs = polib.pofile(format_po(ours))
    assert [entry.msgid for entry in theirs if not entry.obsolete] == [
        entry.msgid for entry in ours.entries if not entry.obsolete
    ]
    assert theirs[0].msgstr == "nouveau texte"
    assert theirs.metadata["Language"] == "fr"


def test_sample_project_files_round_trip() -> None:
    files = sorted((REPO / "locales").rglob("*.po")) + sorted((REPO / "locales").rglob("*.pot"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert format_po(parse_po(text, path)) == text, path


def test_fuzzy_is_dropped_from_an_untranslated_entry_as_gettext_does() -> None:
    entry = PoEntry(msgid="a", flags=["fuzzy"], previous_msgid="b")
    assert "#, fuzzy" not in format_po(PoFile(PoEntry(msgid=""), [entry]))


def test_translated_follows_msgfmt() -> None:
    assert PoEntry(msgid="a", msgstr="b").translated
    assert not PoEntry(msgid="a", msgstr="b", flags=["fuzzy"]).translated
    assert not PoEntry(msgid="a").translated
    # msgfmt looks at the first plural form only
    assert PoEntry(msgid="a", msgid_plural="as", msgstr_plural={0: "x", 1: ""}).translated
    assert not PoEntry(msgid="a", msgid_plural="as", msgstr_plural={0: "", 1: "y"}).translated


@needs_gettext
@pytest.mark.parametrize(
    ("flags", "forms", "state"),
    [
        ("", ("x", ""), "translated"),
        ("", ("", "y"), "untranslated"),
        ("#, fuzzy\n", ("x", ""), "fuzzy"),
        ("#, fuzzy\n", ("", "y"), "untranslated"),
    ],
)
def test_plural_states_are_msgfmts(tmp_path: Path, flags: str, forms: tuple[str, str], state: str) -> None:
    text = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        f'{flags}msgid "a"\nmsgid_plural "as"\nmsgstr[0] "{forms[0]}"\nmsgstr[1] "{forms[1]}"\n'
    )
    path = tmp_path / "p.po"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C"},
    )
    assert f"1 {state}" in result.stderr.replace("translation", "").replace("message", "")
    assert entry_state(parse_po(text).entries[0]) == state


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('msgid "a"\nmsgstr "b"\nmsgid "c"\nmsgstr "d\n', 4, "quoted string"),
        ('msgid "a"\nmsgstr "b"\n\nbogus line\n', 4, "unexpected"),
        ('"orphan"\n', 1, "continues no keyword"),
        ('msgid "a"\n', 1, "without msgstr"),
        ('msgstr "x"\n', 1, "before msgid"),
        ('msgid "a"\nmsgstr[0] "b"\n', 2, "msgstr[N] without msgid_plural"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', 3, "msgid_plural needs msgstr[N]"),
        ('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', 3, "msgstr out of place"),
        ('msgid "a"\nmsgstr "b"\nmsgid_plural "as"\n', 3, "msgid_plural out of place"),
        ('msgid "a"\nmsgid "b"\nmsgstr "c"\n', 1, "msgid without msgstr"),
        ('msgid "a"\n#~ msgstr "b"\n', 2, "inconsistent use of #~"),
        ('msgid "a"\n# note\nmsgstr "b"\n', 2, "a comment inside an entry"),
        ('msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n', 4, "same message again (first at line 1)"),
        ('#| msgctxt "old"\nmsgid "a"\nmsgstr "b"\n', 2, "without '#| msgid'"),
    ],
)
def test_malformed_po_names_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(PoSyntaxError) as caught:
        parse_po(text, "locales/fr/doc.po")
    assert caught.value.line == line
    assert words in str(caught.value)
    assert str(caught.value).startswith(f"locales/fr/doc.po:{line}: ")


def test_non_utf8_po_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "bad.po"
    path.write_bytes(b'msgid ""\nmsgstr ""\n\nmsgid "caf\xe9"\nmsgstr ""\n')
    with pytest.raises(PoSyntaxError) as caught:
        read_po(path)
    assert caught.value.line == 4
    assert "not UTF-8" in str(caught.value)


PO_LINES = [
    'msgid "a"', 'msgstr "b"', 'msgctxt "c"', 'msgid_plural "p"', 'msgstr[0] "x"', 'msgstr[1] ""', '"cont"',
    "#. x", "#: r", "#, fuzzy", '#| msgid "o"', '#~ msgid "z"', '#~ msgstr "y"', '#~| msgid "q"', "# c", "",
    "garbage", '"unterminated', "msgid", "#", "#~", '"\\x41\\101\\n"', 'msgstr[a] "x"',
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@example(lines=['#~ msgid "z"', 'msgid "a"', 'msgstr "b"'])
@given(st.lists(st.sampled_from(PO_LINES), max_size=25))
def test_any_input_parses_or_names_its_line_and_rewrites_stably(lines: list[str]) -> None:
    try:
        po = parse_po("\n".join(lines), "f.po")
    except PoSyntaxError as error:
        assert error.line is not None and error.path == "f.po"
        return
    again = parse_po(format_po(po), "g.po")

    def texts(entries: list[PoEntry]) -> list[tuple[object, ...]]:
        # flags aside: like gettext, the writer drops "fuzzy" from an entry with no translation;
        # it writes obsolete entries after the live ones, and leaves out those that hold
        # nothing (no translation, no comment)
        return [
            (e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, e.msgstr_plural, e.obsolete)
            for e in sorted(entries, key=lambda entry: entry.obsolete)
            if not (e.obsolete and not e.has_translation and not e.translator_comments)
        ]

    assert texts(again.entries) == texts(po.entries)
    assert format_po(again) == format_po(po)


READER_LINES = [
    *PO_LINES, 'msgstr ""', 'msgid ""', '"x\\"y"', '"a\\\\"', '"\\x4"', 'msgid "a" ', 'msgid  "a"', "   ", "#~ # old",
    '#| "more"', '#| msgctxt "k"', "#,fuzzy", "#.", "#:  a  b", 'msgstr "b"\r', "# c\r", 'msgid"a"', '"a" "b"',
]  # fmt: skip
QUOTED = [
    '""',
    '" a b "',
    '"\\x4"',
    '"1"',
    '"\\q"',
    '"\\xc3\\xa9"',
    '"\\xc3"',
    '"\\t\\"x\\" \\\\ y\\n"',
    '"\\x41\\101"',
    '"€ «τ» "',
    '"a\\nb\\n"',
    '"\\\\n"',
    '"\\n\\\\"',
]
COMMENTS = [
    "# note ",
    "#. place",
    "#: a.txt:u1 a.txt:u2",
    "#, fuzzy, c-format",
    '#| msgid "old "',
    '#| " text"',
    "#",
]


@st.composite
def plain_entries(draw: st.DrawFn) -> str:
    """An entry as gettext writes it, live or obsolete: the whole-entry reader's case."""
    mark = draw(st.sampled_from(["", "#~ "]))

    def string() -> str:
        return f"\n{mark}".join(draw(st.lists(st.sampled_from(QUOTED), min_size=1, max_size=3)))

    lines = draw(st.lists(st.sampled_from(COMMENTS), max_size=4))
    if draw(st.booleans()):
        lines.append(f"{mark}msgctxt {string()}")
    lines += [f"{mark}msgid {string()}", f"{mark}msgstr {string()}"]
    return "\n".join(lines) + "\n" * draw(st.integers(0, 2))


def _outcome(read: Callable[[], list[PoEntry]]) -> object:
    try:
        return read()
    except PoSyntaxError as error:
        return (error.line, str(error))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.one_of(plain_entries(), st.sampled_from(READER_LINES)), max_size=20), st.sampled_from("\n\r")
)
def test_whole_entry_reader_agrees_with_the_line_reader(chunks: list[str], carriage_return: str) -> None:
    """Entries read a whole match at a time are exactly what the line reader makes of
    them, and a problem is reported at the same line with the same words."""
    text = "\n".join(chunks).replace("\r", carriage_return)

    def whole() -> list[PoEntry]:
        return read_entries(text, "f.po")

    assert _outcome(whole) == _outcome(lambda: read_lines(text, "f.po", 1))


def test_evolve_copies_with_changes_and_refuses_unknown_fields() -> None:
    entry = PoEntry(msgid="a", msgstr="b", flags=["fuzzy"])
    changed = entry.evolve(msgstr="c", obsolete=True)
    assert (changed.msgid, changed.msgstr, changed.obsolete, changed.flags) == ("a", "c", True, ["fuzzy"])
    assert (entry.msgstr, entry.obsolete) == ("b", False)
    assert changed == PoEntry(msgid="a", msgstr="c", flags=["fuzzy"], obsolete=True)
    with pytest.raises(AttributeError, match="msgstrr"):
        entry.evolve(msgstrr="typo")


def test_evolve_copies_every_field() -> None:
    # each field set to something other than its default: a field evolve forgets fails here
    entry = PoEntry(
        msgid="a", msgstr="b", msgctxt="c", msgid_plural="d", msgstr_plural={0: "e"},
        translator_comments=["f"], extracted_comments=["g"], references=["h"], flags=["fuzzy"],
        previous_msgctxt="i", previous_msgid="j", previous_msgid_plural="k", obsolete=True,
    )  # fmt: skip
    # (a slot evolve leaves unset makes the comparison raise)
    assert entry.evolve() == entry


ESCAPE_PIECES = [
    "a", "é", " ", "\\n", "\\t", '\\"', "\\\\", "\\x41", "\\101", "\\xc3\\xa9", "\\303\\251", "\\xC3\\xA9",
    "\\xe2\\x82\\xac", "\\xc3", "\\q", "\\'", "\\?", "\\x", "\\7", "\\18",
]  # fmt: skip


@needs_gettext
@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(ESCAPE_PIECES), min_size=1, max_size=6))
def test_escapes_read_as_gettext_reads_them(
    tmp_path_factory: pytest.TempPathFactory, pieces: list[str]
) -> None:
    """Octal and hex escapes are bytes of the UTF-8 text, as in gettext: what we read and
    write again is what msgcat writes, and what msgcat refuses we refuse with the line."""
    body = "".join(pieces)
    text = f'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "x"\nmsgstr "{body}"\n'
    path = tmp_path_factory.mktemp("escapes") / "e.po"
    path.write_text(text, encoding="utf-8")
    theirs = subprocess.run(["msgcat", str(path)], capture_output=True)
    try:
        ours = format_po(parse_po(text, "e.po"))
    except PoSyntaxError as error:
        assert error.line == 5
        if "is not a byte" not in str(error):  # gettext wraps \x41a round to \x1a: refused by design
            assert theirs.returncode != 0, (body, theirs.stdout)
        return
    assert theirs.returncode == 0, (body, theirs.stderr)
    assert ours == theirs.stdout.decode("utf-8")


@pytest.mark.parametrize("body", ["a\\0b", "a\\x00", "a\\x100", "a\\x110000"])
def test_escapes_that_gettext_would_truncate_are_refused(body: str) -> None:
    """gettext cuts the string at a NUL byte (and wraps \\x100 round to one): text
    would be lost silently, so the line is named instead."""
    with pytest.raises(PoSyntaxError) as caught:
        parse_po(f'msgid "x"\nmsgstr "{body}"\n', "f.po")
    assert caught.value.line == 2 and "byte" in str(caught.value)


def test_several_strings_on_one_line_are_joined_and_junk_is_refused() -> None:
    assert parse_po('msgid "a" "b"\nmsgstr "c"  "d"\n').entries[0].msgstr == "cd"
    with pytest.raises(PoSyntaxError) as caught:
        parse_po('msgid "a"\nmsgstr "c" x "d"\n', "f.po")
    assert caught.value.line == 2
    with pytest.raises(PoSyntaxError):
        parse_po('msgid "a"\nmsgstr "open\\"\n', "f.po")


PO_WORDS = [
    "a",
    "workers",
    "strike",
    "\\n",
    "\\t",
    '\\"',
    "é",
    "τ",
    "中文",
    "  ",
    "14/12/2015",
    "\\\\",
    "x-y",
    "(p)",
]
PO_FLAGS = ["fuzzy", "c-format", "no-c-format", "possible-python-format", "no-wrap", "wrap", "range: 1..5"]


@st.composite
def po_texts(draw: st.DrawFn) -> str:
    """Whole PO files as translators' tools leave them: any comments, flags in any order,
    previous msgids, contexts, plurals, obsolete entries, strings cut over several lines."""

    def string() -> str:
        return "".join(draw(st.lists(st.sampled_from(PO_WORDS), max_size=25)))

    def quoted(value: str, prefix: str) -> str:
        cut = draw(st.integers(0, len(value)))
        if 0 < cut < len(value) and value[cut - 1] != "\\" and not value[:cut].endswith("\\\\"):
            return f'""\n{prefix}"{value[:cut]}"\n{prefix}"{value[cut:]}"'
        return f'"{value}"'

    entries = []
    for number in range(draw(st.integers(1, 5))):
        obsolete = draw(st.booleans()) and number > 0
        prefix = "#~ " if obsolete else ""
        plural = draw(st.integers(0, 5)) == 0
        forms = [string() or "t" for _ in range(2)] if plural else [string()]
        if obsolete and not all(forms) and draw(st.booleans()):
            forms = [form or "t" for form in forms]  # an untranslated obsolete entry has no comment
        lines = []
        if not obsolete or all(forms):
            lines += draw(st.lists(st.sampled_from(["# note", "#", "#. paragraph 2"]), max_size=2))
        if not obsolete and draw(st.booleans()):
            lines.append(
                "#: " + " ".join(draw(st.lists(st.sampled_from(["d.txt:u1", "d.txt:u22"]), min_size=1)))
            )
        flags = draw(st.lists(st.sampled_from(PO_FLAGS), max_size=3))
        if flags:
            lines.append("#, " + ", ".join(flags))
        if draw(st.booleans()):
            previous = "#~| " if obsolete else "#| "
            if draw(st.booleans()):
                lines.append(f"{previous}msgctxt {quoted(string(), previous)}")
            lines.append(f"{previous}msgid {quoted(string(), previous)}")
        if draw(st.integers(0, 4)) == 0:
            lines.append(f"{prefix}msgctxt {quoted(string(), prefix)}")
        lines.append(f"{prefix}msgid {quoted(f'm{number} ' + string(), prefix)}")
        if plural:
            lines.append(f"{prefix}msgid_plural {quoted(string(), prefix)}")
            lines += [f"{prefix}msgstr[{index}] {quoted(form, prefix)}" for index, form in enumerate(forms)]
        else:
            lines.append(f"{prefix}msgstr {quoted(forms[0], prefix)}")
        entries.append("\n".join(lines))
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    return header + "\n" + "\n\n".join(entries) + "\n"


@needs_gettext
@settings(max_examples=60, deadline=None)
@example(
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    "#: d.txt:u1 d.txt:u2 d.txt:u1\n#, possible-python-format, no-wrap, fuzzy, c-format, range: 1..5\n"
    f'msgid "{"workers strike " * 8}"\nmsgstr "{"grève " * 20}\\n{"grève " * 14}"\n\n'
    '#~ msgid "gone"\n#~ msgstr "parti"\n\n#~ msgid "empty"\n#~ msgstr ""\n'
)
@given(po_texts())
def test_reading_and_writing_any_po_gives_what_msgcat_writes(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    """The whole round through our reader and writer matches gettext's own: flag order,
    no-wrap, references given twice, untranslated obsolete entries, layout."""
    path = tmp_path_factory.mktemp("msgcat") / "t.po"
    path.write_text(text, encoding="utf-8")
    theirs = subprocess.run(["msgcat", str(path)], capture_output=True)
    assert theirs.returncode == 0, theirs.stderr
    assert format_po(parse_po(text, "t.po")) == theirs.stdout.decode("utf-8")


def test_obsolete_entries_holding_a_translators_words_are_kept_where_gettext_drops_them() -> None:
    """gettext leaves out an obsolete entry whose msgstr (first form) is empty; we do too,
    unless a translator commented it or translated another plural form."""
    text = (
        '#~ msgid "empty"\n#~ msgstr ""\n\n# keep: reused next year\n#~ msgid "commented"\n#~ msgstr ""\n\n'
        '#~ msgid "one"\n#~ msgid_plural "many"\n#~ msgstr[0] ""\n#~ msgstr[1] "beaucoup"\n'
    )
    written = format_po(parse_po(text))
    assert "empty" not in written
    assert '# keep: reused next year\n#~ msgid "commented"' in written
    assert '#~ msgstr[1] "beaucoup"' in written


def test_obsolete_entries_as_gettext_writes_them_are_read_whole() -> None:
    """The whole-entry reader reads a catalog to its end through its obsolete entries
    (gettext writes them last; they had sent the rest of the file to the line reader)."""
    text = (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#: doc.txt:u1\nmsgid "One."\nmsgstr "Un."\n\n'
        '#. paragraph 2\n#: doc.txt:u2\n#, fuzzy\n#~ msgid ""\n#~ "Two "\n#~ "lines."\n'
        '#~ msgstr "Deux \\"lignes\\"."\n\n#~ msgctxt "k"\n#~ msgid "Three."\n#~ msgstr "Trois\\n"\n'
    )
    entries, position = _read_plain_entries(text, "f.po")
    assert position == len(text)
    assert entries == read_lines(text, "f.po", 1)
    assert [(e.msgid, e.msgstr, e.obsolete) for e in entries[2:]] == [
        ("Two lines.", 'Deux "lignes".', True),
        ("Three.", "Trois\n", True),
    ]
    assert entries[2].flags == ["fuzzy"] and entries[3].msgctxt == "k"


def test_a_comment_marked_obsolete_does_not_make_a_live_entry_obsolete() -> None:
    (entry,) = parse_po('#~ #. old place\nmsgid "a"\nmsgstr "b"\n').entries
    assert not entry.obsolete and entry.extracted_comments == ["old place"]


def test_reading_states_only_may_skip_references_and_extracted_comments_and_nothing_else() -> None:
    text = (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#. paragraph 1\n#: doc.txt:u1\nmsgid "One."\nmsgstr "Un."\n\n'
        "# a translator's note\n#. paragraph 2\n#: doc.txt:u2\n#, fuzzy, no-c-format\n"
        '#| msgid "Too."\nmsgid "Two."\nmsgstr "Deux."\n\n'
        '#: doc.txt:u3\nmsgctxt "menu"\nmsgid "Three."\nmsgstr ""\n\n'
        '#~ msgid "Gone."\n#~ msgstr "Parti."\n'
    )
    full = parse_po(text)
    light = parse_po(text, states_only=True)
    assert len(light.entries) == len(full.entries) == 4
    for whole, states in zip(full.entries, light.entries, strict=True):
        # the same entry, or the same but for its references and extracted comments
        assert states in (whole, whole.evolve(references=[], extracted_comments=[]))
    assert light.entries[0].references == [] and light.entries[0].extracted_comments == []
    assert light.entries[1].flags == ["fuzzy", "no-c-format"] and light.entries[1].previous_msgid == "Too."
    assert light.entries[1].translator_comments == ["a translator's note"]
    # a malformed "#|" line is still refused, as the full reader refuses it
    with pytest.raises(PoSyntaxError):
        parse_po(text.replace('#| msgid "Too."', "#| what"), states_only=True)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["One.", "Two words.", "Three, four.", "A long " * 14]), st.booleans()),
        min_size=1,
        max_size=6,
        unique_by=lambda item: item[0],
    ),
    st.sets(st.integers(min_value=0, max_value=5)),
)
def test_writing_over_a_file_read_whole_gives_what_checking_every_piece_gives(
    entries: list[tuple[str, bool]], changed: set[int]
) -> None:
    """Spans the reader kept (every entry read whole) are reused without a second reading;
    the text must be the one made when each piece is read back."""
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n'
    body = "".join(
        f'\n#. place {i}\n#: doc.txt:u{i}\n{"#, fuzzy" + chr(10) if fuzzy else ""}msgid "{text}"\nmsgstr "T {i}"\n'
        for i, (text, fuzzy) in enumerate(entries)
    )
    old_text = header + body
    old = parse_po(old_text)
    assert old.spans is not None and old.spans[0] == len(old_text)
    new_entries = [
        entry.evolve(msgstr=entry.msgstr + " (edited)") if i in changed else entry
        for i, entry in enumerate(old.entries)
    ]
    new = PoFile(old.header, new_entries)
    with_spans = format_po_like(new, old_text, old=old)
    without = format_po_like(new, old_text, old=PoFile(old.header, old.entries))
    assert with_spans == without
    assert parse_po(with_spans) == new
