"""GFM tables in translated Markdown: padded again when the source's pipes line up."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from transflow.assemble import published_translations, render, unit_texts
from transflow.cli import main
from transflow.formats import Segmentation, localize, parse_document
from transflow.formats.markdown import _DELIMITER_ROW, _table_lines, parser
from transflow.formats.tables import repadded
from transflow.linebreak import display_width
from transflow.po import PoEntry
from transflow.tally import live_entries, segment_rows

ALIGNED = """# Results

| Union        | Members | Vote  |
|:-------------|--------:|:-----:|
| Dockers      |     800 |  yes  |
| Fishermen    |   1,200 |  no   |

The table above is final.
"""


def build(source: str, translations: dict[str, str]) -> str:
    """The document as `build` writes it: translations checked and put back, then localized."""
    document = parse_document(source.encode("utf-8"), "t.md", Segmentation(unit="paragraph"))
    entries = [PoEntry(msgid=msgid, msgstr=msgstr) for msgid, msgstr in translations.items()]
    text = render(
        document,
        unit_texts(
            document, published_translations(segment_rows(document.units, live_entries(entries))), None
        ),
    )
    return localize(document, text, "fr", False)


def pipe_columns(line: str) -> list[int]:
    """The display columns of a row's unescaped pipes."""
    columns, column, previous = [], 0, ""
    for char in line:
        if char == "|" and previous != "\\":
            columns.append(column)
        column += display_width(char)
        previous = char
    return columns


def table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip("> ").startswith("|")]


def cells(text: str) -> list[list[str]]:
    """Each row's cells as a GFM renderer reads them."""
    tokens = parser().parse(text)
    rows: list[list[str]] = []
    for token in tokens:
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows and token.map is not None and token.level > 3:
            rows[-1].append(token.content)
    return rows


def test_a_translated_table_is_padded_again_to_its_widest_cells() -> None:
    output = build(
        ALIGNED,
        {
            "Union": "Syndicat",
            "Members": "Adhérents",
            "Dockers": "Dockers du Pirée",
            "Fishermen": "漁師",  # two columns a character
            "yes": "oui",
            "no": "non",
        },
    )
    rows = table_rows(output)
    assert len({tuple(pipe_columns(row)) for row in rows}) == 1, output  # every pipe lines up
    assert rows[0] == "| Syndicat         | Adhérents | Vote  |"
    assert rows[1] == "|:-----------------|----------:|:-----:|"  # colons and alignment kept
    assert rows[2] == "| Dockers du Pirée |       800 |  oui  |"  # numbers right, votes centred
    assert rows[3] == "| 漁師             |     1,200 |  non  |"
    assert cells(output) == [
        ["Syndicat", "Adhérents", "Vote"],
        ["Dockers du Pirée", "800", "oui"],
        ["漁師", "1,200", "non"],
    ]
    assert output.endswith("\n\nThe table above is final.\n")  # the rest untouched


def test_a_table_left_as_it_was_comes_out_byte_for_byte() -> None:
    assert build(ALIGNED, {}) == ALIGNED
    assert build(ALIGNED, {"Dockers": "Docker!"}) == ALIGNED.replace("Dockers ", "Docker! ")  # same width


def test_a_source_table_not_aligned_is_not_padded() -> None:
    compact = "|Union|Members|\n|---|---|\n|Dockers|800|\n"
    assert build(compact, {"Union": "Syndicat", "Dockers": "Dockers du Pirée"}) == (
        "|Syndicat|Members|\n|---|---|\n|Dockers du Pirée|800|\n"
    )


def test_a_table_in_a_quote_keeps_its_prefix_and_escaped_pipes_stay_in_their_cells() -> None:
    quoted = "> | a   | b   |\n> | --- | --- |\n> | x   | y   |\n"
    output = build(quoted, {"a": "alpha | beta", "y": "why"})
    assert output == ("> | alpha \\| beta | b   |\n> | ------------- | --- |\n> | x             | why |\n")
    assert cells(output) == [["alpha | beta", "b"], ["x", "why"]]


WORDS = st.text(st.sampled_from("abcdé漁師 ,."), min_size=1, max_size=12).map(str.strip).filter(bool)


@given(
    st.integers(min_value=1, max_value=4).flatmap(
        lambda columns: st.tuples(
            st.lists(st.lists(WORDS, min_size=columns, max_size=columns), min_size=2, max_size=5),
            st.lists(st.sampled_from(["---", ":--", "--:", ":-:"]), min_size=columns, max_size=columns),
            st.lists(st.lists(WORDS, min_size=columns, max_size=columns), min_size=2, max_size=5),
        )
    ),
    st.sampled_from(["", "> ", "  "]),
)
def test_padded_tables_line_up_and_hold_the_translated_cells(
    tables: tuple[list[list[str]], list[str], list[list[str]]], prefix: str
) -> None:
    source_cells, delimiters, translated_cells = tables
    translated_cells = (translated_cells * len(source_cells))[: len(source_cells)]
    widths = [max(display_width(row[c]) for row in source_cells) + 2 for c in range(len(delimiters))]

    def line(row: list[str]) -> str:
        return (
            prefix
            + "|"
            + "|".join(
                f" {cell}{' ' * (w - 2 - display_width(cell))} " for cell, w in zip(row, widths, strict=True)
            )
            + "|"
        )

    delimiter_row = (
        prefix
        + "|"
        + "|".join(mark[0] + "-" * (w - 2) + mark[-1] for mark, w in zip(delimiters, widths, strict=True))
        + "|"
    )
    source = [line(source_cells[0]), delimiter_row, *(line(row) for row in source_cells[1:])]
    translated = [
        prefix + "|" + "|".join(f" {cell} " for cell in translated_cells[0]) + "|",
        delimiter_row,
        *(prefix + "|" + "|".join(f" {cell} " for cell in row) + "|" for row in translated_cells[1:]),
    ]
    assert repadded(source, source) is None  # aligned already: left as it is
    rows = repadded(source, translated)
    if rows is None:  # the translated rows happened to line up
        rows = translated
    assert len({tuple(pipe_columns(row)) for row in rows}) == 1
    assert all(row.startswith(prefix) for row in rows)
    assert [
        [cell.strip() for cell in row[len(prefix) + 1 : -1].split("|")] for row in rows[:1] + rows[2:]
    ] == [
        translated_cells[0],
        *translated_cells[1:],
    ]
    assert all(
        width >= w for width, w in zip(pipe_columns(rows[0])[1:], pipe_columns(source[0])[1:], strict=True)
    )


def test_build_pads_a_translated_table(make_project: Callable[..., Path], runner: CliRunner) -> None:
    root = make_project({"results.md": ALIGNED}, languages=("fr",))
    assert runner.invoke(main, ["update"]).exit_code == 0
    po_file = root / "locales" / "fr" / "results.po"
    po = polib.pofile(str(po_file))
    french = {"Results": "Résultats", "Union": "Syndicat", "Members": "Adhérents", "Vote": "Vote",
              "Dockers": "Dockers du Pirée", "Fishermen": "Pêcheurs", "yes": "oui", "no": "non",
              "The table above is final.": "Le tableau ci-dessus est définitif."}  # fmt: skip
    for entry in po:
        entry.msgstr = french[entry.msgid]
    po.save()
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    built = (root / "build" / "fr" / "results.md").read_text(encoding="utf-8")
    rows = table_rows(built)
    assert len({tuple(pipe_columns(row)) for row in rows}) == 1, built
    assert rows[2] == "| Dockers du Pirée |       800 |  oui  |"


@pytest.mark.parametrize(
    "text",
    [
        "| a |\n|---\n| b |\n",
        "a | b\n--|--\nc | d\n",
        "> | a | b |\n> |:-:|--:|\n",
        "  | a |\n  | --- |\n",
        "a|b\n-|-\n",
        "x\n---\n",  # a setext heading, no table
        "a | b\n\n---\n",  # a rule after a paragraph with a pipe
    ],
)
def test_the_quick_test_for_a_table_finds_every_table_the_parser_finds(text: str) -> None:
    # a document without a delimiter row is not parsed again at build: it must hold no table
    _, tables = _table_lines(text)
    assert bool(_DELIMITER_ROW.search(text)) == bool(tables)
