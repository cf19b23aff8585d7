"""The PO string layout must be GNU gettext's, to the byte."""

from __future__ import annotations

import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transflow.linebreak import break_opportunities, char_width, fit_lines, line_break_class, wrap_starts
from transflow.po import PoEntry, PoFile, format_po, format_string, header_msgstr

from .conftest import needs_gettext


def test_short_string_stays_on_one_line() -> None:
    assert format_string("msgid", "Hands off the communists!") == 'msgid "Hands off the communists!"\n'


def test_long_string_wraps_after_spaces_at_79_columns() -> None:
    text = "aaaa " * 13 + "anti-worker anti-worker anti-worker anti-worker anti-worker"
    lines = format_string("msgid", text).splitlines()
    assert lines[0] == 'msgid ""'
    assert lines[1] == '"' + "aaaa " * 13 + 'anti-worker "'
    assert all(len(line) <= 79 for line in lines)


def test_breaks_after_slash_and_dash_but_not_inside_escapes() -> None:
    breaks = break_opportunities('a/b c—d \\"e', frozenset({9}))
    assert breaks[2] is True  # after "/"
    assert breaks[5] is True  # after the em dash
    assert breaks[9] is False  # inside the escape


def test_embedded_newlines_start_new_lines() -> None:
    assert format_string("msgstr", "one\ntwo\n") == 'msgstr ""\n"one\\n"\n"two\\n"\n'


def test_obsolete_prefix_counts_in_the_width() -> None:
    text = "Obsolete text that was here before and is rather long so that it will have to wrap around"
    assert format_string("msgid", text, "#~ ") == (
        '#~ msgid ""\n#~ "Obsolete text that was here before and is rather long so that it will "\n'
        '#~ "have to wrap around"\n'
    )


def test_classes_and_widths_of_common_characters() -> None:
    assert line_break_class("“") == "QU"
    assert line_break_class("—") == "B2"
    assert line_break_class("日") == "ID"
    assert char_width("日") == 2
    assert char_width("\u0301") == 0


WORDS = (
    "the workers anti-worker CC MEP etc. 14/12/2015 3.5% 1,000 “democracy” «liberté» „Freiheit“ "
    "(parenthesis) — – - / \\ \" ' ! ? ; : , . http://www.example.org/a-b?id=5&x=1 user@example.org "
    "εργάτες κ. Νίκος; рабочие «свобода» العمال، الحرية؟ ٣٫٥٪ 日本語の文章です。 中文句子，很好！ 한국어 "
    "$100 €50 50°C a.m. e.g. … x-y-z ‐ ‑ +7 -5 Zhanaozen\u00a0December naïve e\u0301 😀 तुम्हारा।"
).split(" ")


@st.composite
def po_strings(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=50))
    separators = draw(st.lists(st.sampled_from([" ", " ", " ", "", "  ", "\n", "\t"]), min_size=len(words)))
    return "".join(word + sep for word, sep in zip(words, separators, strict=False)).strip(" ")


@needs_gettext
@settings(max_examples=25, deadline=None)
@given(st.lists(po_strings(), min_size=1, max_size=40, unique=True))
def test_msgcat_leaves_our_layout_unchanged(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str]
) -> None:
    header = PoEntry(msgid="", msgstr=header_msgstr([("Content-Type", "text/plain; charset=UTF-8")]))
    entries = []
    for index, text in enumerate(texts):
        entry = PoEntry(msgid=text, msgstr=text[::-1] if index % 2 else "", references=[f"doc.txt:{index}.1"])
        entry.obsolete = bool(entry.msgstr) and index % 3 == 0
        if index % 4 == 1:
            entry.flags, entry.previous_msgid = ["fuzzy"], text.upper()
        entries.append(entry)
    folder = tmp_path_factory.mktemp("wrap")
    path = folder / "wrap.po"
    path.write_text(format_po(PoFile(header, entries)), encoding="utf-8")
    result = subprocess.run(["msgcat", str(path)], capture_output=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8") == path.read_text(encoding="utf-8")


_ONE_COLUMN_SCRIPTS = st.text(
    alphabet=st.sampled_from(
        list("ab1 éçà«»\u00a0\u202f;:!?.,()-/%'\"")
        + list("αβγ·\u037e")
        + list("абв—–")
        + list("ابت؟،٣")
        + list("’“”„‚…‹›")
        + ["\u0903", "\u00ad", "\u2014", "\u2010", "\u2011", "\u3000"]
    ),
    max_size=160,
)


@settings(max_examples=1500, deadline=None)
@given(_ONE_COLUMN_SCRIPTS, st.integers(min_value=1, max_value=60), st.integers(min_value=0, max_value=12))
def test_wrap_starts_matches_the_full_pass_in_other_scripts(text: str, width: int, start_column: int) -> None:
    """French with « » and no-break spaces, Greek, Cyrillic, Arabic: the one-column path (pairs
    judged by the full rules, a mark handed to the general path) equals the full pass."""
    prohibited = frozenset(index + 1 for index, char in enumerate(text) if char == "\\")
    full = fit_lines(text, break_opportunities(text, prohibited), width, start_column)
    assert wrap_starts(text, prohibited, width, start_column) == full


@given(po_strings(), st.integers(min_value=5, max_value=80), st.integers(min_value=0, max_value=12))
def test_wrap_starts_matches_the_full_line_breaking_pass(text: str, width: int, start_column: int) -> None:
    """The writer's fast path (breaks tested only near line ends) equals libunistring's
    greedy fitting over every break opportunity."""
    prohibited = frozenset(index + 1 for index, char in enumerate(text) if char == "\\")
    full = fit_lines(text, break_opportunities(text, prohibited), width, start_column)
    assert wrap_starts(text, prohibited, width, start_column) == full


@given(
    st.text(alphabet=st.sampled_from("abcXYZ019 .,;:!?-/()[]{}<>\"'%$+\\|#&*=_~`@^\x01\x7f"), max_size=160),
    st.integers(min_value=5, max_value=80),
    st.integers(min_value=0, max_value=12),
)
def test_wrap_starts_matches_the_full_pass_on_dense_ascii(text: str, width: int, start_column: int) -> None:
    """ASCII takes a table-driven path: every printable pair, spaces, and controls (which
    fall back to the general rules) must give libunistring's result too."""
    prohibited = frozenset(index + 1 for index, char in enumerate(text) if char == "\\")
    full = fit_lines(text, break_opportunities(text, prohibited), width, start_column)
    assert wrap_starts(text, prohibited, width, start_column) == full


ASCII_WORDS = ["the", "workers", "strike", "a", "14/12/2015", "self-evident", "(union)", "e.g.", "don't"]


@given(
    st.lists(st.sampled_from(ASCII_WORDS), min_size=1, max_size=30).map(" ".join),
    st.integers(min_value=5, max_value=40),
    st.integers(min_value=-40, max_value=10),
)
def test_wrap_starts_on_ascii_words_from_any_start_column(text: str, width: int, excess: int) -> None:
    """ASCII words take the shortest path (a jump back to the last space). The first line
    may even start past the width (a long keyword): the search must not run backwards
    past the start of the line."""
    prohibited = frozenset(index + 1 for index, char in enumerate(text) if char == "\\")
    start_column = max(0, width + excess)
    full = fit_lines(text, break_opportunities(text, prohibited), width, start_column)
    assert wrap_starts(text, prohibited, width, start_column) == full


def test_one_width_rule_for_measuring_and_rewrapping() -> None:
    from transflow.assemble import render
    from transflow.formats import Segmentation, parse_document
    from transflow.linebreak import display_width

    assert display_width("ส\u0e31ญญา") == 4  # Thai vowel sign above: no column
    assert display_width("e\u0301te\u0301") == 3  # combining acute accents
    assert display_width("中文字") == 6 and display_width("✊🏽") == 4  # wide; emoji and its skin tone
    assert display_width("a\u200bb\u200dc\u2068d\u2069") == 4  # zero-width space, joiner, isolates
    # A hard-wrapped Thai paragraph is measured and rewrapped by the same rule: lines of
    # the translation never exceed the width measured on the source.
    line = "ส\u0e31ญญาการจ\u0e49างงาน " * 3
    source = "\n".join([line.strip()] * 3) + "\n"
    document = parse_document(source.encode("utf-8"), "thai.txt", Segmentation(unit="paragraph"))
    block = document.blocks[0]
    assert block.wrapped and block.width == display_width(line.strip())
    output = render(document, ["ก\u0e31น " * 40])
    assert all(display_width(out) <= block.width for out in output.splitlines())
