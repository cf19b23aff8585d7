"""The defects running transflow on other projects' files found, each as its smallest case."""

from __future__ import annotations

import pytest

from transflow.assemble import render
from transflow.errors import MarkupError
from transflow.formats import Segmentation, parse_document
from transflow.formats.markdown import restore_markdown


def parse(text: str, name: str = "x.md", unit: str = "sentence", language: str = "en"):  # type: ignore[no-untyped-def]
    return parse_document(text.encode("utf-8"), name, Segmentation(unit=unit, language=language))


def build_identity(text: str, name: str = "x.md") -> str:
    """The document built with every unit translated as itself (restored as a build would)."""
    document = parse(text, name)
    return render(document, [restore_markdown(unit, unit.msgid) for unit in document.units])


# ---------------------------------------------------------------------------
# Markdown: correct translations refused


@pytest.mark.parametrize("scheme", ["tel:+33123456", "sms:+33123", "git://example.org/r.git", "about:blank"])
def test_a_link_scheme_the_source_has_is_accepted(scheme: str) -> None:
    (unit,) = parse(f"Call [us]({scheme}) today.\n").units
    assert restore_markdown(unit, f"Appelez-[nous]({scheme}) aujourd'hui.") == (
        f"Appelez-[nous]({scheme}) aujourd'hui."
    )
    with pytest.raises(MarkupError):  # a link the source does not have is still refused
        restore_markdown(unit, "Appelez-[nous](tel:+99999) aujourd'hui.")


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x"]
)
def test_a_link_that_runs_code_is_refused_even_when_the_source_has_it(url: str) -> None:
    (unit,) = parse(f"Click [here]({url}).\n").units
    with pytest.raises(MarkupError, match="runs code"):
        restore_markdown(unit, f"Cliquez [ici]({url}).")


@pytest.mark.parametrize(
    ("text", "language", "inner"),
    [
        ("Thanks for supporting the Web! - Josh Aas\n", "en", "- Josh Aas"),
        (
            "Wir planen zwei Dinge: 1. Wiederholung der Aufgabe und 2. Wiederholung der Übung am Montag.\n",
            "de",
            "2. Wiederholung der Übung am Montag.",
        ),
    ],
)
def test_a_unit_inside_its_block_may_start_like_a_list_item(text: str, language: str, inner: str) -> None:
    document = parse(text, language=language)
    (unit,) = [unit for unit in document.units if unit.msgid == inner]
    assert unit.index > 1
    assert restore_markdown(unit, unit.msgid) == unit.msgid
    assert build_identity(text) == text


def test_a_first_unit_that_would_start_a_list_is_still_refused() -> None:
    (unit,) = parse("Hands off the unions!\n").units
    with pytest.raises(MarkupError, match="new block"):
        restore_markdown(unit, "- Bas les pattes !")


def test_rewrapped_units_never_put_a_list_marker_at_a_line_start() -> None:
    text = "A long paragraph that is wrapped over a few lines of text, ending\nwith a quote of the Web! - Josh Aas\n"
    document = parse(text)
    long = "Un long paragraphe traduit qui est plus long que la source et qui doit être replié"
    texts = [long if unit.index == 1 else unit.msgid for unit in document.units]
    built = render(document, [restore_markdown(u, t) for u, t in zip(document.units, texts, strict=True)])
    assert all(not line.startswith("- ") for line in built.splitlines())


def test_footnote_definitions_on_consecutive_lines_stay_one_block_each() -> None:
    text = (
        "Text with notes[^1] and more[^2].\n\n"
        "[^1]: The first note, which is long enough to be wrapped over\ntwo lines of the source.\n"
        "[^2]: The second note.\n"
    )
    document = parse(text)
    kinds = [(unit.kind, unit.msgid[:6]) for unit in document.units]
    assert kinds[1:] == [("footnote", "[^1]: "), ("footnote", "[^2]: ")]
    assert render(document, [None] * len(document.units)) == text
    longer = [unit.msgid + " et encore quelques mots de plus pour la traduction" for unit in document.units]
    built = render(document, longer)
    assert "\n[^2]: The second note." in built


def test_a_thematic_break_then_prose_then_another_break_is_no_front_matter() -> None:
    text = "---\n\nProse between two breaks.\n\n---\n\nMore prose.\n"
    document = parse(text)
    assert [unit.msgid for unit in document.units] == ["Prose between two breaks.", "More prose."]
    assert build_identity(text) == text


def test_front_matter_block_values_and_comments() -> None:
    text = (
        "---\ntitle: >\n  A folded\n  title here\ndescription: Plain value # a YAML comment\n"
        'summary: "Quoted"  # another\nlayout: post\n---\nBody text.\n'
    )
    document = parse(text)
    assert [(unit.kind, unit.msgid) for unit in document.units] == [
        ("front matter: title", "A folded title here"),
        ("front matter: description", "Plain value"),
        ("front matter: summary", "Quoted"),
        ("paragraph", "Body text."),
    ]
    assert render(document, [None] * len(document.units)) == text
    built = render(document, [restore_markdown(unit, "Le: " + unit.msgid) for unit in document.units])
    yaml = pytest.importorskip("yaml", reason="pyyaml (a test extra) reads the built front matter")
    data = yaml.safe_load(built.split("---\n")[1])
    assert data == {
        "title": "Le: A folded title here\n",
        "description": "Le: Plain value",
        "summary": "Le: Quoted",
        "layout": "post",
    }
