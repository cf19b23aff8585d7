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


# ---------------------------------------------------------------------------
# PO files gettext accepts

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # msgcat --indent
        (
            'msgid   "A long message that needs to be wrapped because it is longer than "\n'
            '        "the page width"\nmsgstr  "Un message"\n',
            [
                (
                    "A long message that needs to be wrapped because it is longer than the page width",
                    "Un message",
                )
            ],
        ),
        ('msgid "one" msgstr "first"\n', [("one", "first")]),  # two keywords on one line
        ('msgid "two"\nmsgstr "second" # a note\n\nmsgid "x"\nmsgstr "y"\n', [("two", "second"), ("x", "y")]),
        ('msgid "three"\nmsgstr "third"\n# a comment after the last entry\n', [("three", "third")]),
    ],
)
def test_po_layouts_gettext_reads_are_read(body: str, expected: list[tuple[str, str]]) -> None:
    from transflow.po import parse_po

    po = parse_po(HEADER + body, "x.po")
    assert [(entry.msgid, entry.msgstr) for entry in po.entries] == expected
    assert po.header.msgstr.startswith("Content-Type")


def test_a_domain_directive_is_refused_by_name() -> None:
    from transflow.errors import PoSyntaxError
    from transflow.po import parse_po

    with pytest.raises(PoSyntaxError, match=r'domain directive \(domain "other"\)') as raised:
        parse_po(HEADER + 'domain "other"\n\nmsgid "a"\nmsgstr "b"\n', "x.po")
    assert raised.value.line == 5


def test_a_header_that_is_not_first_is_the_header() -> None:
    from transflow.po import format_po, parse_po

    po = parse_po('msgid "a"\nmsgstr "b"\n\n' + HEADER.rstrip("\n") + "\n", "x.po")
    assert [entry.msgid for entry in po.entries] == ["a"]
    assert po.header.msgstr == "Content-Type: text/plain; charset=UTF-8\n"
    written = format_po(po)  # one header, written first (gettext puts a short one on one line)
    assert (
        written == 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    )


def test_a_file_without_a_header_gains_none() -> None:
    from transflow.po import format_po, format_po_like, parse_po

    text = 'msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d"\n'
    po = parse_po(text, "x.po")
    assert format_po(po) == text
    changed = parse_po(text.replace('"d"', '"e"'), "x.po")
    assert format_po_like(changed, text) == text.replace('"d"', '"e"')


@pytest.mark.parametrize("flag", ["c-format", "python-format"])
def test_format_strings_never_wrap_inside_a_directive(flag: str) -> None:
    import random
    import shutil
    import subprocess

    from transflow.po import format_po, parse_po

    if shutil.which("msgcat") is None:
        pytest.skip("GNU gettext's msgcat is not installed (.ci/run installs it)")
    directives = ["%.2f", "%*s", "%-*s", "%%", "%-5d", "%+.3e", "%s", "%d", "%10.4f"]
    words = ["word", "longer", "x", "parameter", "é", "a-b", "---", "(value)"]
    generator = random.Random(7)
    entries = []
    for number in range(200):
        parts = [generator.choice(directives if generator.random() < 0.3 else words) for _ in range(20)]
        text = generator.choice([" ", ""]).join(parts)
        entries.append(f'#, {flag}\nmsgid "m{number} {text}"\nmsgstr "{text} t{number}"\n')
    source = HEADER + "\n".join(entries)
    ours = format_po(parse_po(source, "x.po"))
    theirs = subprocess.run(["msgcat", "-"], input=source, capture_output=True, text=True, check=True).stdout
    assert ours == theirs
    assert '%-"\n"*s' not in ours


def test_wording_of_two_messages() -> None:
    from transflow.checks import gettext_line_breaks

    with pytest.raises(MarkupError, match="the source has no line break at its end"):
        gettext_line_breaks("Text", "Texte\n")


# ---------------------------------------------------------------------------
# segmentation


def test_a_closing_bracket_after_a_link_stays_with_its_sentence() -> None:
    text = "We struck on Monday. (Update: the union replied, see [the letter](https://x.org/l.pdf).)\n"
    assert [unit.msgid for unit in parse(text).units] == [
        "We struck on Monday.",
        "(Update: the union replied, see [the letter](https://x.org/l.pdf).)",
    ]


def test_an_acronym_ends_an_italian_sentence() -> None:
    text = "I dati sono inviati tramite HTTP. In circostanze normali nessuno li vede.\n"
    assert [unit.msgid for unit in parse(text, "x.txt", language="it").units] == [
        "I dati sono inviati tramite HTTP.",
        "In circostanze normali nessuno li vede.",
    ]


def test_a_msgctxt_left_at_the_end_is_still_an_error_naming_its_line() -> None:
    from transflow.errors import PoSyntaxError
    from transflow.po import parse_po

    with pytest.raises(PoSyntaxError) as raised:
        parse_po(HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgctxt "x"\n', "x.po")
    assert raised.value.line is not None and raised.value.line <= 8


def test_a_numbered_heading_and_admonition_fences() -> None:
    text = "### 1. Access your router\n\n:::info\nNote that this is a note. It has two sentences.\n:::\n"
    document = parse(text, "x.mdx")
    assert [unit.msgid for unit in document.units] == [
        "1. Access your router",
        "Note that this is a note.",
        "It has two sentences.",
    ]
    assert build_identity(text) == text
    assert restore_markdown(document.units[0], "1. Accédez à votre routeur") == "1. Accédez à votre routeur"
