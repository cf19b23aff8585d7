"""Plain-text sources: lossless skeletons, sensible units, stable msgids."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transflow.catalog import build_template
from transflow.errors import SourceError
from transflow.formats import Segmentation, parse_document
from transflow.formats.text import _dominant_newline, _lines, _lines_matched
from transflow.model import Document, reassemble
from transflow.po import format_po

from ..conftest import GOLDEN, REPO

SENTENCE = Segmentation()
PARAGRAPH = Segmentation(unit="paragraph")


def parse(raw: bytes | str, segmentation: Segmentation = SENTENCE, path: str = "doc.txt") -> Document:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    return parse_document(data, path, segmentation)


def round_trip(raw: bytes, segmentation: Segmentation = SENTENCE) -> bytes:
    document = parse(raw, segmentation)
    return reassemble(document, [unit.text for unit in document.units]).encode("utf-8")


def test_seed_statement_round_trips_byte_for_byte(seed_bytes: bytes) -> None:
    assert round_trip(seed_bytes) == seed_bytes
    assert round_trip(seed_bytes, PARAGRAPH) == seed_bytes


def test_seed_statement_units(seed_bytes: bytes) -> None:
    document = parse(seed_bytes)
    by_text = {unit.msgid: unit for unit in document.units}
    # the leading no-break space is skeleton, the date and abbreviations stay inside
    opening = next(unit for unit in document.units if unit.msgid.startswith("4 years after"))
    assert document.text[opening.start - 1] == "\u00a0"
    assert any("on 14/12/2015 carried out a protest" in msgid for msgid in by_text)
    assert any(msgid.endswith("“incitement to strike” etc.") for msgid in by_text)
    assert by_text["Hands off the communists!"].kind == "paragraph"
    assert document.units[0].kind == "title"
    assert document.units[-1].kind == "signature"
    assert not document.text.endswith("\n")


@pytest.mark.parametrize("name", sorted(p.name for p in (REPO / "source_texts").rglob("*.txt")))
def test_sample_statements_round_trip(name: str) -> None:
    path = next((REPO / "source_texts").rglob(name))
    raw = path.read_bytes()
    assert round_trip(raw) == raw
    assert round_trip(raw, PARAGRAPH) == raw


@pytest.mark.parametrize(
    "raw",
    [
        b"Title\r\n\r\nFirst sentence. Second one.\r\n\r\n\r\nSlogan!\r\n",
        b"\xef\xbb\xbfTitle\n\nBody text here.\n",
        b"\xef\xbb\xbf\r\nCR only\rlines\r\rend",
        b"",
        b"\n\n\n",
        b"   indented line\n\tand a tab line  \n",
        b"no final newline",
    ],
)
def test_edge_cases_round_trip(raw: bytes) -> None:
    assert round_trip(raw) == raw


def test_bom_and_crlf_stay_in_the_skeleton() -> None:
    document = parse("\ufeffPress release\r\n\r\nText.\r\n")
    assert [unit.msgid for unit in document.units] == ["Press release", "Text."]
    assert document.newline == "\r\n"


def test_hard_wrapped_paragraph_is_one_text() -> None:
    raw = (
        "We write to you on behalf of the staff of the General Hospital of\n"
        "Nikaia, where the maternity ward is to close on 1 January. The\n"
        "decision was taken without consulting anybody.\n"
    )
    document = parse(raw)
    assert [unit.msgid for unit in document.units] == [
        "We write to you on behalf of the staff of the General Hospital of Nikaia, "
        "where the maternity ward is to close on 1 January.",
        "The decision was taken without consulting anybody.",
    ]
    assert document.blocks[0].wrapped
    assert document.blocks[0].width == 65


def test_short_independent_lines_are_one_unit_each() -> None:
    document = parse("Intro paragraph that ends here.\n\nAthens, 14/12/2015\nThe Press Office\n")
    assert [(unit.msgid, unit.kind) for unit in document.units] == [
        ("Intro paragraph that ends here.", "paragraph"),
        ("Athens, 14/12/2015", "signature"),
        ("The Press Office", "signature"),
    ]
    assert document.units[1].context == "signature, line 1 of 2"


def test_list_items_keep_their_markers_in_the_skeleton() -> None:
    document = parse("We ask you to:\n\n1. withdraw it;\n2. hire\n   midwives;\n- and more.\n")
    items = [unit for unit in document.units if unit.kind == "list item"]
    assert [unit.msgid for unit in items] == ["withdraw it;", "hire midwives;", "and more."]
    assert items[0].context == "list item 1 of 3, block 2"
    assert "1. " in document.skeleton()[1]


def test_date_line_and_context_comments() -> None:
    document = parse("Open letter\n\nAthens, 14/11/2024\n\nFirst. Second.\n\nThe Union")
    assert [unit.context for unit in document.units] == [
        "title",
        "date",
        "paragraph 3, sentence 1 of 2",
        "paragraph 3, sentence 2 of 2",
        "signature",
    ]


def test_reflow_and_double_spaces_change_no_msgid(seed_bytes: bytes) -> None:
    text = seed_bytes.decode("utf-8")
    original = [unit.msgid for unit in parse(text).units]
    doubled = text.replace(" the ", "  the ").replace(". ", ".  ")
    assert [unit.msgid for unit in parse(doubled).units] == original
    reflowed = "\n\n".join(_wrap(paragraph, 60) for paragraph in text.split("\n\n"))
    assert [unit.msgid for unit in parse(reflowed).units] == original


def _wrap(paragraph: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(paragraph, width, break_on_hyphens=False, break_long_words=False))


def test_non_utf8_source_names_the_offset() -> None:
    with pytest.raises(SourceError) as caught:
        parse(b"Hello\ncaf\xe9 au lait\n", path="2015/letter.txt")
    message = str(caught.value)
    assert message.startswith("2015/letter.txt:2: not UTF-8: byte 0xe9 at offset 9")
    assert "iconv" in message


def test_unsupported_extension_is_a_clear_error() -> None:
    with pytest.raises(SourceError, match=r"unsupported file type \.pages"):
        parse_document(b"x", "letter.pages", SENTENCE)


text_pieces = st.sampled_from(
    [
        "Hello world.",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "\t",
        "\u00a0",
        "\ufeff",
        "Mr. Smith",
        "1. item",
        "- item",
        "“quoted”",
        "etc.",
        "14/12/2015",
        "x" * 45,
        "Wrapped line of text that goes on and on and on and",
        "!",
        "?",
        "Ελληνικά;",
        "日本語。",
        "e\u0301",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(text_pieces, max_size=40), st.sampled_from([SENTENCE, PARAGRAPH]))
def test_segment_then_reassemble_reproduces_any_text(pieces: list[str], segmentation: Segmentation) -> None:
    raw = "".join(pieces).encode("utf-8")
    assert round_trip(raw, segmentation) == raw


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.characters(exclude_characters="\x00", exclude_categories=["Cs"]), max_size=200),
    st.sampled_from([SENTENCE, PARAGRAPH]),
)
def test_segment_then_reassemble_reproduces_arbitrary_unicode(text: str, segmentation: Segmentation) -> None:
    raw = text.encode("utf-8", "surrogatepass")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return
    assert round_trip(raw, segmentation) == raw


@settings(max_examples=100, deadline=None)
@given(st.lists(text_pieces, max_size=30))
def test_units_are_normalised_and_non_empty(pieces: list[str]) -> None:
    for unit in parse("".join(pieces)).units:
        assert unit.msgid and unit.msgid == unit.msgid.strip()
        assert "\n" not in unit.msgid and "  " not in unit.msgid


GOLDEN_TEXTS = sorted((GOLDEN / "text").glob("*.txt"))


@pytest.mark.parametrize("source", GOLDEN_TEXTS, ids=[path.name for path in GOLDEN_TEXTS])
def test_golden_templates(source: Path) -> None:
    """Segmentation, contexts, references and PO layout of edge-case texts, as reviewed."""
    raw = source.read_bytes()
    document = parse(raw, path=source.name)
    assert reassemble(document, [unit.text for unit in document.units]).encode("utf-8") == raw
    template = format_po(build_template(document, "golden", "2026-01-01 00:00+0000"))
    golden = source.with_suffix(".pot")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(template, encoding="utf-8")
    assert template == golden.read_text(encoding="utf-8")


@given(st.text(alphabet="ab \n\r\u2028\x0b", max_size=60))
def test_line_splitting_shortcuts_agree_with_the_general_rules(text: str) -> None:
    """Without CR, lines come from str.split; the line ending from counts. Both must say
    what the general rules say (the newline ending a paragraph goes into built documents)."""
    assert _lines(text) == _lines_matched(text)
    endings = Counter(re.findall(r"\r\n|\n|\r", text))
    assert _dominant_newline(text) == (endings.most_common(1)[0][0] if endings else "\n")


@pytest.mark.parametrize("marker", ["1.", "1)", "(1)", "a)", "-", "*", "•", "–"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_list_right_under_its_lead_in_keeps_its_markers_out_of_the_units(marker: str, gap: str) -> None:
    def mark(number: int) -> str:
        if marker[0].isdigit() or marker.startswith("("):
            return marker.replace("1", str(number))
        if marker == "a)":
            return "abc"[number - 1] + ")"
        return marker

    text = f"The union demands:{gap}{mark(1)} the repeal of the law;\n{mark(2)} jobs for all;\n{mark(3)} wages that keep up.\n"
    document = parse(text.encode("utf-8"))
    assert [(unit.msgid, unit.kind) for unit in document.units] == [
        ("The union demands:", "paragraph"),
        ("the repeal of the law;", "list item"),
        ("jobs for all;", "list item"),
        ("wages that keep up.", "list item"),
    ]
    assert reassemble(document, [unit.text for unit in document.units]) == text


def test_titles_and_headings_by_their_shape() -> None:
    text = (
        "Statement of the Federation\n\n"
        "The dockers went on strike on Monday against the privatisation of the port.\n\n"
        "Contact: press@example.org\n\n"
        "Article 11\n\n"
        "The law forbids strikes in the port and the union will challenge it in court.\n\n"
        "The Press Office"
    )
    kinds = {unit.msgid: unit.kind for unit in parse(text.encode("utf-8")).units}
    assert kinds["Statement of the Federation"] == "title"
    assert kinds["Contact: press@example.org"] == "paragraph"  # a label and an address: no heading
    assert kinds["Article 11"] == "heading"  # short, no stop, a paragraph follows; never a second title
    assert kinds["The Press Office"] == "signature"
