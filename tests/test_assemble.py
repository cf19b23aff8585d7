"""Reassembly and the gate, without files."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transflow.assemble import Gate, admits, published_translations, render, shortfall, unit_texts
from transflow.formats import Segmentation, parse_document
from transflow.linebreak import char_width
from transflow.model import Document
from transflow.po import PoEntry
from transflow.tally import Counts, count_rows, live_entries, segment_rows

from .conftest import REPO
from .formats.test_text import text_pieces

WRAPPED = (
    "Open letter\n\n"
    "We write to you on behalf of the staff of the General Hospital of\n"
    "Nikaia, where the maternity ward is to close on 1 January. The\n"
    "decision was taken without consulting anybody.\n\n"
    "1. withdraw the decision;\n2. hire midwives.\n"
)


def parse(text: str | bytes) -> Document:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return parse_document(raw, "doc.txt", Segmentation())


def translated(document: Document, translations: dict[str, str]) -> str:
    entries = [PoEntry(msgid=k, msgstr=v) for k, v in translations.items()]
    rows = segment_rows(document.units, live_entries(entries))
    return render(document, unit_texts(document, published_translations(rows), None))


def test_no_translations_give_back_the_source(seed_bytes: bytes) -> None:
    for raw in [seed_bytes, *(p.read_bytes() for p in sorted((REPO / "source_texts").rglob("*.txt")))]:
        document = parse(raw)
        assert render(document, [None] * len(document.units)).encode("utf-8") == raw


@settings(max_examples=200, deadline=None)
@given(st.lists(text_pieces, max_size=40))
def test_preview_without_translations_is_the_source_for_any_text(pieces: list[str]) -> None:
    document = parse("".join(pieces))
    assert render(document, [None] * len(document.units)) == document.text


def test_translation_replaces_units_and_keeps_the_skeleton() -> None:
    source = "\ufeffTitle\r\n\r\n\r\n\u00a0First. Second.\r\n\r\n- item one\r\n- item two"
    document = parse(source)
    output = translated(
        document, {"Title": "Titre", "First.": "Premier.", "Second.": "Second.", "item two": "élément deux"}
    )
    assert output == "\ufeffTitre\r\n\r\n\r\n\u00a0Premier. Second.\r\n\r\n- item one\r\n- élément deux"


def test_translation_line_breaks_follow_the_document_newline() -> None:
    document = parse("Athens, 14/12/2015\r\n\r\nText.\r\n")
    assert (
        translated(document, {"Text.": "Ligne un\nLigne deux"})
        == "Athens, 14/12/2015\r\n\r\nLigne un\r\nLigne deux\r\n"
    )


def test_hard_wrapped_paragraph_is_rewrapped_to_the_source_width() -> None:
    document = parse(WRAPPED)
    output = translated(
        document,
        {
            "We write to you on behalf of the staff of the General Hospital of Nikaia, where the maternity "
            "ward is to close on 1 January.": "Nous vous écrivons au nom du personnel de l’hôpital général de "
            "Nikaia, où la maternité doit fermer le 1er janvier.",
        },
    )
    paragraph = output.split("\n\n")[1].split("\n")
    assert max(len(line) for line in paragraph) <= 65
    assert " ".join(paragraph) == (
        "Nous vous écrivons au nom du personnel de l’hôpital général de Nikaia, où la maternité doit "
        "fermer le 1er janvier. The decision was taken without consulting anybody."
    )
    assert output.endswith("\n\n1. withdraw the decision;\n2. hire midwives.\n")


def test_rewrap_measures_display_width_for_cjk() -> None:
    document = parse(WRAPPED)
    chinese = "我们代表尼凯亚综合医院的全体员工给您写信，该医院的产科病房将于一月一日关闭。"
    output = translated(
        document,
        {
            "We write to you on behalf of the staff of the General Hospital of Nikaia, where the maternity "
            "ward is to close on 1 January.": chinese,
            "The decision was taken without consulting anybody.": "这一决定是在没有征求任何人意见的情况下作出的。",
        },
    )
    lines = output.split("\n\n")[1].split("\n")
    assert len(lines) > 1
    assert all(sum(char_width(c) for c in line) <= 65 for line in lines)
    assert "".join(lines).replace(" ", "") == chinese + "这一决定是在没有征求任何人意见的情况下作出的。"


def test_marked_fallbacks() -> None:
    document = parse("Hello.\n\nWorld.\n")
    rows = segment_rows(document.units, {"Hello.": PoEntry(msgid="Hello.", msgstr="Bonjour.")})
    assert (
        render(document, unit_texts(document, published_translations(rows), "[[{text}]]"))
        == "Bonjour.\n\n[[World.]]\n"
    )


@pytest.mark.parametrize(
    ("gate", "counts", "expected"),
    [
        (Gate(), Counts(translated=3, translated_words=10), True),
        (Gate(), Counts(translated=2, fuzzy=1, translated_words=9, fuzzy_words=1), False),
        (Gate(min_percent=90), Counts(translated=2, fuzzy=1, translated_words=9, fuzzy_words=1), True),
        (Gate(min_percent=95), Counts(translated=2, fuzzy=1, translated_words=9, fuzzy_words=1), False),
        (Gate(preview=True), Counts(untranslated=5, untranslated_words=20), True),
    ],
)
def test_gate(gate: Gate, counts: Counts, expected: bool) -> None:
    assert admits(gate, counts) is expected


def test_shortfall_says_why() -> None:
    assert shortfall(Counts(fuzzy=3, untranslated=2)) == "3 fuzzy, 2 untranslated"
    assert shortfall(Counts(untranslated=3, new=1)) == (
        "PO is older than source: run transflow update, 2 untranslated, 1 new"
    )
    document = parse("One.\n\nTwo.\n")
    rows = segment_rows(document.units, {"One.": PoEntry(msgid="One.", msgstr="Un.", flags=["fuzzy"])})
    assert shortfall(count_rows(rows, 0)) == "PO is older than source: run transflow update, 1 fuzzy, 1 new"


def _fit_reference(text: str, width: int, first_column: int, next_column: int) -> list[str]:
    """The straightforward fitter (each candidate line measured whole) the linear one must equal."""
    from transflow.linebreak import break_opportunities, display_width, line_break_class

    if not text:
        return [text]
    allowed = break_opportunities(text)
    cuts = [0]
    for index in range(1, len(text)):
        before, after = line_break_class(text[index - 1]), line_break_class(text[index])
        if allowed[index] and (text[index - 1] == " " or "ID" in (before, after)):
            cuts.append(index)
    cuts.append(len(text))
    lines: list[str] = []
    current = ""
    column = first_column
    for start, end in itertools.pairwise(cuts):
        piece = text[start:end]
        candidate = current + piece
        if current and column + display_width(candidate.rstrip(" ")) > width:
            lines.append(current.rstrip(" "))
            current, column = piece, next_column
        else:
            current = candidate
    lines.append(current.rstrip(" "))
    return lines


_MIXED = st.text(alphabet=st.sampled_from(list("ab cd  efg,.!?()\u4e2d\u6587\u00e9\u0e31-")), max_size=120)
# ASCII text takes the line-at-a-time path: it must cut where the reference cuts
_ASCII = st.text(alphabet=st.sampled_from(list("ab cd   efghij,.!?()[]{}\"'-/:;%")), max_size=160)
# so does text in other scripts whose every character is one column: French with « » and its
# no-break spaces, Greek, Cyrillic, Arabic, curly quotes, dashes, a spacing combining mark
_SCRIPTS = st.text(
    alphabet=st.sampled_from(
        list("ab  éèçà «»\u00a0\u202f;:!?.,()")
        + list("αβγ ;·")
        + list("абв —–")
        + list("ابت ؟،")
        + list("’“”„‚‹›…-/%")
        + ["\u0903", "\u2060", "\u00ad", "\u2014", "1", "2"]
    ),
    max_size=160,
)


@settings(max_examples=3000, deadline=None)
@given(
    st.one_of(_MIXED, _ASCII, _SCRIPTS),
    st.integers(min_value=1, max_value=40),
    st.integers(min_value=0, max_value=12),
    st.integers(min_value=0, max_value=6),
)
def test_the_linear_fitter_equals_the_reference(text: str, width: int, first: int, indent: int) -> None:
    from transflow.assemble import _fit, _no_block_starts

    assert _fit(text, width, first, indent) == _no_block_starts(_fit_reference(text, width, first, indent))


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 -\"'()[]{}!?,.:;/%$#&*+=<>@_`~|\\^\t")), max_size=60))
def test_ascii_break_points_equal_the_full_line_breaking_rules(text: str) -> None:
    from transflow.assemble import _next_break
    from transflow.linebreak import break_opportunities

    allowed = break_opportunities(text)
    expected = [index for index in range(1, len(text)) if allowed[index] and text[index - 1] == " "]
    found, position = [], 0
    while (cut := _next_break(text, position)) is not None:  # every break the ASCII fitter sees
        found.append(cut[1])
        position = cut[1]
    assert found == expected
