"""Markdown and HTML: lossless skeletons, placeholders, validation, safe builds."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from transflow.assemble import published_translations, render, unit_texts
from transflow.errors import MarkupError
from transflow.formats import Segmentation, localize, parse_document, restore_unit
from transflow.formats.markdown import _sentences, parser, restore_markdown, signature
from transflow.model import Document, reassemble
from transflow.po import PoEntry
from transflow.tally import live_entries, segment_rows

from ..conftest import GOLDEN, REPO

MARKUP = GOLDEN / "markup"
CORPUS = sorted(MARKUP.glob("*.md")) + sorted(MARKUP.glob("*.html"))
CORPUS += sorted((REPO / "source_texts").rglob("*.md")) + sorted((REPO / "source_texts").rglob("*.html"))


def parse(raw: bytes | str, name: str, unit: str = "sentence") -> Document:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    return parse_document(data, name, Segmentation(unit=unit))


def translate_all(document: Document, translate) -> str:  # type: ignore[no-untyped-def]
    entries = [PoEntry(msgid=unit.msgid, msgstr=translate(unit.msgid)) for unit in document.units]
    rows = segment_rows(document.units, live_entries(entries))
    return render(document, unit_texts(document, published_translations(rows), None))


@pytest.mark.parametrize("path", CORPUS, ids=[path.name for path in CORPUS])
@pytest.mark.parametrize("unit", ["sentence", "paragraph"])
def test_corpus_round_trips_byte_for_byte(path: Path, unit: str) -> None:
    raw = path.read_bytes()
    document = parse(raw, path.name, unit)
    assert document.units, "the corpus files have translatable text"
    assert reassemble(document, [u.text for u in document.units]).encode("utf-8") == raw
    assert render(document, [None] * len(document.units)).encode("utf-8") == raw


def test_markdown_units_and_what_stays_untouched() -> None:
    document = parse((MARKUP / "edge.md").read_bytes(), "edge.md")
    msgids = [unit.msgid for unit in document.units]
    assert "Setext heading with `code`" in msgids
    assert "two point one" in msgids and "continuation paragraph of two point one" in msgids
    assert "nested quote with **bold** continued lazily" in msgids
    assert "Trailing text<br> after a backslash break." in msgids
    joined = " ".join(msgids)
    for untouched in ("indented code block", "fenced =", "HTML block stays", "comment"):
        assert untouched not in joined
    kinds = {unit.kind for unit in document.units}
    assert {"heading 1", "list item", "quote", "table header", "table cell", "paragraph"} <= kinds


def test_front_matter_keys_are_units_the_rest_verbatim() -> None:
    text = '---\ntitle: "A \\"quoted\\" title"\ndate: 2015-12-14\ndescription: Plain value\nlayout: post\n---\n\nBody.\n'
    document = parse(text, "post.md")
    assert [(unit.kind, unit.msgid) for unit in document.units] == [
        ("front matter: title", 'A "quoted" title'),
        ("front matter: description", "Plain value"),
        ("paragraph", "Body."),
    ]
    output = translate_all(
        document, lambda msgid: {"Plain value": "Valeur : avec deux-points"}.get(msgid, msgid)
    )
    assert 'description: "Valeur : avec deux-points"\n' in output
    assert 'title: "A \\"quoted\\" title"\n' in output


def test_html_units_placeholders_and_attributes() -> None:
    document = parse((MARKUP / "edge.html").read_bytes(), "edge.html")
    by_kind = {(unit.kind, unit.msgid) for unit in document.units}
    assert (
        "paragraph",
        "Text with <1>bold <2>nested</2></1>, a<3/>break, an entity © and a no-break space.",
    ) in by_kind
    assert ("meta description", 'Single quoted & "double" inside') in by_kind
    assert ("img alt", "unquoted-alt") in by_kind and ("input placeholder", "Your name") in by_kind
    assert ("text", "Loose text in a div. <1/> More text.") in by_kind
    joined = " ".join(unit.msgid for unit in document.units)
    for untouched in ("not a paragraph", "preformatted", "Keep me", "content:", "cdata"):
        assert untouched not in joined


def _tags(html_text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    found: list[tuple[str, str, tuple[str, ...]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
            found.append(
                ("start", tag, tuple(sorted(name for name, _ in attrs if name not in ("lang", "dir"))))
            )

        def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
            found.append(("end", tag, ()))

    Collect().feed(html_text)
    return found


HOSTILE = [
    "<script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "<img src=x onerror=alert(1)>",
    "</p><p>",
    "&lt;b&gt;",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_no_translation_can_add_a_tag_or_attribute(hostile: str) -> None:
    raw = (MARKUP / "edge.html").read_text(encoding="utf-8")
    document = parse(raw, "edge.html")
    output = translate_all(document, lambda msgid: msgid + " " + hostile)
    output = localize(document, output, "ar", True)
    assert _tags(output) == _tags(raw)
    assert '<html lang="ar" dir="rtl">' in output
    assert "alert(1)</script>" not in output.split("</head>")[1]


def test_placeholders_must_stay_balanced() -> None:
    document = parse("<p>Text with <b>bold <i>nested</i></b>.</p>", "x.html")
    unit = document.units[0]
    assert restore_unit(unit, "Texte avec <1><2>imbriqué</2> gras</1>.") == (
        "Texte avec <b><i>imbriqué</i> gras</b>."
    )
    for broken, message in [
        ("Texte <1>gras</1>.", "drops <2>"),
        ("Texte <1>gras <2>x</1></2>.", "closes what is not open"),
        ("Texte <1>gras <2>x</2>.", "never closed"),
        ("Texte <1><2>x</2></1> <3/>", "unknown placeholder <3/>"),
        ("Texte <1><2>x</2></1> <1>y</1>", "appears twice"),
    ]:
        with pytest.raises(MarkupError, match=message):
            restore_unit(unit, broken)


def test_markdown_translation_must_keep_its_markup() -> None:
    document = parse(
        "See the [letter](https://example.org/l.pdf) and `code` **now**.\n", "x.md", unit="paragraph"
    )
    unit = document.units[0]
    assert restore_unit(unit, "**Maintenant**, voyez `code` et la [lettre](https://example.org/l.pdf).")
    for broken in [
        "Voyez la lettre et `code` **maintenant**.",
        "Voyez la [lettre](https://evil.example) et `code` **maintenant**.",
        "# Voyez la [lettre](https://example.org/l.pdf) et `code` **maintenant**.",
        "- Voyez la [lettre](https://example.org/l.pdf) et `code` **maintenant**.",
        "Voyez la [lettre](https://example.org/l.pdf) et `code` **maintenant**. [plus](https://x.org)",
    ]:
        with pytest.raises(MarkupError):
            restore_unit(unit, broken)


def test_translated_markdown_reparses_to_the_same_shape() -> None:
    for path in [MARKUP / "edge.md", *sorted((REPO / "source_texts").rglob("*.md"))]:
        raw = path.read_text(encoding="utf-8")
        document = parse(raw, path.name)
        output = translate_all(
            document, lambda msgid: "«" + msgid + "»" if not msgid.startswith("!") else msgid
        )
        shape = [token.type for token in parser().parse(raw)]
        assert [token.type for token in parser().parse(output)] == shape
        assert output != raw


BLOCKS_MD = st.sampled_from(
    [
        "# Heading *one*",
        "Setext\n===",
        "A paragraph with **bold**, `code` and a [link](http://x.org).",
        "Two sentences here. And a second one!",
        "- item\n- item *two*\n  - nested",
        "1. first\n2. second",
        "> quoted\n> text",
        "```\ncode *not* text\n```",
        "    indented code",
        "<div>\nhtml *block*\n</div>",
        "| a | b |\n|---|---|\n| c | d \\| e |",
        "![alt](img.png)",
        "[ref]: http://x.org",
        "Hard  \nbreak",
        "Text with\u00a0no-break and caf\u00e9",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(BLOCKS_MD, max_size=12), st.sampled_from(["\n\n", "\n\n\n", "\r\n\r\n"]), st.booleans())
def test_generated_markdown_round_trips(blocks: list[str], separator: str, final_newline: bool) -> None:
    text = separator.join(block.replace("\n", separator[: len(separator) // 2]) for block in blocks)
    text += "\n" if final_newline else ""
    document = parse(text, "gen.md")
    assert reassemble(document, [unit.text for unit in document.units]) == text
    assert render(document, [None] * len(document.units)) == text


PIECES_HTML = st.sampled_from(
    [
        "<p>Para <b>bold</b> text.</p>",
        "<p>One. Two <i>three</i>. Four!</p>",
        "<h2 class='x'>Title &amp; more</h2>",
        "<ul><li>a<ul><li>b</li></ul></li></ul>",
        "<img src=a.png alt='Alt text'>",
        "<script>var s = '<p>x</p>';</script>",
        "<!-- comment -->",
        "<pre>keep <b>this</b></pre>",
        '<p translate="no">skip</p>',
        "text outside",
        "<br>",
        "<table><tr><td>cell</td></tr></table>",
        "&nbsp;",
        "\n",
        "  ",
        "<p>unclosed",
        "</div>",
        "<a href='x' title=\"Link title\">link</a>",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES_HTML, max_size=15))
def test_generated_html_round_trips_and_stays_safe(pieces: list[str]) -> None:
    text = "<html><body>" + "".join(pieces) + "</body></html>"
    document = parse(text, "gen.html")
    assert reassemble(document, [unit.text for unit in document.units]) == text
    assert render(document, [None] * len(document.units)) == text
    hostile = translate_all(document, lambda msgid: msgid + ' <script>x</script>" a="')
    assert _tags(hostile) == _tags(text)


def test_broken_markup_in_a_po_is_reported_and_the_unit_falls_back(
    make_project,
    runner,  # type: ignore[no-untyped-def]
) -> None:
    import polib

    from transflow.cli import main

    root = make_project(
        {
            "page.html": "<html><body><p>Read the <a href='/l.pdf'>letter</a>.</p><p>Hands off!</p></body></html>"
        },
        languages=("fr",),
    )
    runner.invoke(main, ["update"])
    po = polib.pofile(str(root / "locales" / "fr" / "page.po"))
    for entry in po:
        entry.msgstr = {"Read the <1>letter</1>.": "Lisez la lettre.", "Hands off!": "Bas les pattes !"}[
            entry.msgid
        ]
    po.save()
    result = runner.invoke(main, ["build", "--min-percent", "10"])
    assert result.exit_code == 1
    assert "locales/fr/page.po: segment 1: the translation drops <1>" in result.output
    output = (root / "build" / "fr" / "page.html").read_text(encoding="utf-8")
    assert "<p>Read the <a href='/l.pdf'>letter</a>.</p><p>Bas les pattes !</p>" in output
    manifest = (root / "build" / "manifest.json").read_text(encoding="utf-8")
    assert "1 with broken markup: segment 1: the translation drops <1>" in manifest


def test_extensions_map_to_formats_in_the_config(make_project, runner) -> None:  # type: ignore[no-untyped-def]
    from transflow.cli import main

    root = make_project({"post.mdx": "# Title\n\nBody text.\n", "notes.pages": b"PK"}, languages=("fr",))
    with (root / "transflow.toml").open("a", encoding="utf-8") as config:
        config.write('\n[formats]\nmdx = "markdown"\n')
    result = runner.invoke(main, ["update"])
    assert "notes.pages: unsupported file type .pages" in result.output
    assert "map more in [formats]" in result.output
    pot = (root / "locales" / "templates" / "post.pot").read_text(encoding="utf-8")
    assert re.search(r'#\. heading 1, block 1\n#: post\.mdx:u[0-9a-f]{8}\nmsgid "Title"', pot)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("", "x.html"),
        ("<", "x.html"),
        ("<p", "x.html"),
        ("&", "x.html"),
        ("<!--", "x.html"),
        ("<p>text", "x.html"),
        ("</p>text<p>", "x.html"),
        ("", "x.md"),
        ("#", "x.md"),
        ("---\n", "x.md"),
        ("---\ntitle: x\n", "x.md"),
        ("```", "x.md"),
        ("> ", "x.md"),
        ("|a|\n|-|", "x.md"),
    ],
)
def test_degenerate_inputs_round_trip(text: str, name: str) -> None:
    document = parse(text, name)
    assert reassemble(document, [unit.text for unit in document.units]) == text
    assert render(document, [None] * len(document.units)) == text


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.characters(exclude_characters="\x00", exclude_categories=["Cs"]), max_size=200),
    st.sampled_from(["x.html", "x.md"]),
)
def test_arbitrary_text_round_trips_as_html_and_markdown(text: str, name: str) -> None:
    document = parse(text, name)
    assert reassemble(document, [unit.text for unit in document.units]) == text
    assert render(document, [None] * len(document.units)) == text


SENTENCE_PIECES = st.sampled_from(
    [
        "Workers struck.", "The union said so.", "Why?", "It ended!", "**Strong. Words.**", "*a. b*", "_c. d_",
        "`x. y`", "[link. text](http://e.org/a.b)", '[l](u "Title. More")', "[r][ref]", "![img. alt](p.png)",
        '<span title="a. b">c. d</span>', "<!-- note. more -->", "~~gone. away~~", "workers' rights.", "(see. it)",
        "a \\* b.", "&amp; then.", "<http://x.org/a.b>", "**open.", "close.**", "`", "]", ")",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(SENTENCE_PIECES, min_size=1, max_size=8))
def test_markdown_sentence_cuts_shortcut_agrees_with_parsing_every_cut(pieces: list[str]) -> None:
    """Cuts kept without parsing (nothing opens before, or nothing closes after) are the
    ones parsing both sides and the whole would keep."""
    content = " ".join(pieces)
    segmentation = Segmentation()
    assert _sentences(content, segmentation) == _sentences(content, segmentation, shortcut=False)


@settings(max_examples=400, deadline=None)
@example("a\r# heading", "Plain words.")
@example("a\r\rb", "Plain words.")
@example("1. item", "Plain words.")
@example("1  \r", "Plain words.")  # a hard break, by a CR
@example("Mots *simples*.", "Plain words.")
@given(
    st.text(alphabet='aZé1 #-+>*_`[]()!<&\\|\r\n=.\u00a0«"%~\t:', max_size=30),
    st.sampled_from(["Plain words.", "With *emphasis* here.", "A [link](http://e.org)."]),
)
def test_markdown_translation_check_matches_a_full_parse(translation: str, source: str) -> None:
    """The check skips parsing for lines that cannot open a block, markup-free text and
    text of its source's markup shape; what it accepts and refuses must be what parsing
    the translation says."""
    unit = parse_document(source.encode(), "s.md", Segmentation(unit="paragraph")).units[0]
    text = " ".join(translation.split("\n"))
    blocks = [token.type for token in parser().parse(text) if token.type != "inline"]
    acceptable = blocks == ["paragraph_open", "paragraph_close"] and signature(text) == signature(unit.msgid)
    try:
        restored = restore_markdown(unit, translation)
    except MarkupError:
        assert not acceptable
    else:
        assert acceptable and restored == text


def test_placeholders_are_explained_to_translators() -> None:
    from transflow.catalog import template_entries

    html_text = (
        '<p>Write to <code>press@example.org</code> or read <a href="https://example.org/l.pdf">the letter</a>'
        " <strong>today</strong>.</p>"
    )
    document = parse(html_text, "x.html")
    (entry,) = template_entries(document)
    assert entry.msgid == "Write to <1/> or read <2>the letter</2> <3>today</3>."
    assert entry.extracted_comments[1:] == [
        "<1/> = <code>press@example.org</code>",
        "<2> = link to https://example.org/l.pdf",
        "<3> = <strong>",
    ]


MDX = """import { FAIcon } from "../components/icons";
export const meta = { title: "Rally" };

# Join the rally

<FAIcon icon="bullhorn" />

{{< figure src="rally.jpg" >}}

The rally starts at 11 a.m. in Syntagma Square.

{/* a note for editors */}
"""


def test_mdx_keeps_its_code_lines_out_of_translation() -> None:
    document = parse(MDX, "rally.mdx")
    assert document.format == "mdx"
    assert [unit.msgid for unit in document.units] == [
        "Join the rally",
        "The rally starts at 11 a.m. in Syntagma Square.",
    ]
    assert reassemble(document, [unit.text for unit in document.units]) == MDX


def test_skip_patterns_from_the_config(make_project: Callable[..., Path], runner: CliRunner) -> None:
    from transflow.cli import main

    root = make_project(
        {"post.md": "Intro line.\n\n{{< youtube abc >}}\n\nLast line.\n", "a.txt": "%% note\n\nText.\n"}
    )
    with (root / "transflow.toml").open("a", encoding="utf-8") as handle:
        handle.write("[skip]\nmarkdown = ['^\\{\\{<.*>\\}\\}$']\ntext = ['^%%']\n")
    assert runner.invoke(main, ["update"]).exit_code == 0
    template = (root / "locales" / "templates" / "post.pot").read_text(encoding="utf-8")
    assert "youtube" not in template and "Intro line." in template and "Last line." in template
    assert "note" not in (root / "locales" / "templates" / "a.pot").read_text(encoding="utf-8")
    (root / "transflow.toml").write_text('languages = ["fr"]\n[skip]\nnowhere = ["x"]\n', encoding="utf-8")
    result = runner.invoke(main, ["update"])
    assert result.exit_code == 2 and "skip.nowhere: no format of that name" in result.stderr


WRAPPED_MD = """# Statement

The dockers of Piraeus stopped work on Monday against the
privatisation of the port and the loss of their jobs.

> The port belongs to the people who work in it, not to the
> shareholders who sell it.

- Keep the port public, keep every job, and keep the pensions
  of the dockers who retired.
"""


def test_markdown_paragraphs_quotes_and_items_are_rewrapped_with_their_prefixes() -> None:
    from transflow.linebreak import display_width

    document = parse(WRAPPED_MD, "w.md", "paragraph")
    french = {
        "The dockers of Piraeus stopped work on Monday against the privatisation of the port and the loss of their jobs.": "Les dockers du Pirée ont cessé le travail lundi contre la privatisation du port - et contre la perte de leurs emplois.",
        "The port belongs to the people who work in it, not to the shareholders who sell it.": "Le port appartient à celles et ceux qui y travaillent, pas aux actionnaires qui le vendent.",
        "Keep the port public, keep every job, and keep the pensions of the dockers who retired.": "Garder le port public, garder chaque emploi et garder les retraites des dockers partis à la retraite.",
    }
    output = render(document, [french.get(unit.msgid) for unit in document.units])
    lines = output.splitlines()
    width = max(display_width(line) for line in WRAPPED_MD.splitlines())
    assert all(display_width(line) <= width or " " not in line.strip() for line in lines)
    quote = [line for line in lines if line.startswith(">")]
    assert len(quote) >= 2 and all(line.startswith("> ") for line in quote)
    item = lines[lines.index(next(line for line in lines if line.startswith("- "))) + 1]
    assert item.startswith("  ") and not item.startswith("   ")
    assert not any(line.lstrip("> ").startswith("- ") for line in lines if not line.startswith("- Garder"))
    # it is still the same Markdown: one paragraph, one quote, one list item
    again = parse(output, "w.md", "paragraph")
    assert [unit.kind for unit in again.units] == [unit.kind for unit in document.units]
    assert render(document, [None] * len(document.units)) == WRAPPED_MD  # untranslated: byte for byte


INLINE_WITH_ATTRIBUTES = [
    '<img src="a.png" alt="A photo">',
    "<input placeholder='Your name'>",
    '<a href="/l" title="The letter">letter</a>',
    '<abbr title="General Confederation of Labour">CGT</abbr>',
    '<span title="Note. More">a note</span>',
    '<img alt="Logo" src="l.png"/>',
]
SENTENCES_HTML = ["Read this.", "Then that!", "Why not?", "The union said so.", "Strike on Monday."]


@pytest.mark.parametrize("container", ["p", "li", "td", "h2", "blockquote"])
@pytest.mark.parametrize("inline", INLINE_WITH_ATTRIBUTES)
def test_an_inline_element_with_an_attribute_between_sentences_keeps_its_place(
    container: str, inline: str
) -> None:
    text = f"<{container}>Read this. {inline} Then that.</{container}>\n"
    if container in ("li", "td"):
        text = {"li": "<ul>{}</ul>\n", "td": "<table><tr>{}</tr></table>\n"}[container].format(text.strip())
    document = parse(text, "x.html")
    assert render(document, [None] * len(document.units)) == text  # the preview: byte-identical
    built = translate_all(document, lambda msgid: msgid.upper())
    for unit in document.units:
        assert built.count(unit.msgid.upper()) == text.count(unit.msgid), (unit.msgid, built)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["p", "li", "div", "td"]),
    st.lists(st.sampled_from(SENTENCES_HTML + INLINE_WITH_ATTRIBUTES), min_size=1, max_size=8),
    st.sampled_from(["sentence", "paragraph"]),
)
def test_fuzz_inline_elements_with_attributes_in_every_position(
    container: str, pieces: list[str], unit: str
) -> None:
    """Whatever the order of sentences and attribute-carrying inline elements, a preview is
    the source byte for byte and a build with translations invents and drops nothing: a
    translation that is the source text gives the source back."""
    text = f"<html><body><{container}>{' '.join(pieces)}</{container}></body></html>"
    document = parse(text, "x.html", unit)
    assert render(document, [None] * len(document.units)) == text
    assert translate_all(document, lambda msgid: msgid) == text
    marked = translate_all(document, lambda msgid: f"«{msgid}»")
    assert marked.replace("«", "").replace("»", "") == text
    assert marked.count("«") == len(document.units)


_PLAIN_PIECES = st.sampled_from(
    [*"ab1 !&>#;:.,()-+=|'\"/%@^$éà«»\u00a0", "&amp;", "&#35;", "&copy;", "://", "www"]
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(_PLAIN_PIECES, max_size=40).map("".join))
def test_text_without_markup_characters_has_an_empty_signature(text: str) -> None:
    """What lets a unit with no markup character skip both parses: it has none to keep."""
    from transflow.formats.markdown import _BARE_URL, _MARKUP_CHARACTER, signature

    if _MARKUP_CHARACTER.search(text) or _BARE_URL.search(text):
        return
    assert not signature(text)


def _signatures_by_shape(texts: Iterable[str]) -> tuple[int, int]:
    """Every text of one markup shape has one signature: (texts with a shape, mismatches)."""
    from transflow.formats.markdown import markup_shape

    seen: dict[tuple[object, ...], object] = {}
    shaped = mismatched = 0
    for text in texts:
        shape = markup_shape(text)
        if shape is None:
            continue
        shaped += 1
        mismatched += seen.setdefault(shape, signature(text)) != signature(text)
    return shaped, mismatched


def test_every_short_text_of_one_markup_shape_has_one_signature() -> None:
    """What lets a translation of its source's shape skip both inline parses, held over
    every text of up to four characters among markup, letters, spaces and punctuation
    (checked further, to six characters and with « é ~, when the shape was written)."""
    alphabet = "*_`[]()!\\a ."
    texts = ("".join(chars) for length in range(1, 5) for chars in itertools.product(alphabet, repeat=length))
    shaped, mismatched = _signatures_by_shape(texts)
    assert shaped > 20_000 and mismatched == 0


_SHAPE_LINKS = [
    '](https://e.org/a "t")',
    "](w_(x))",
    "](https://e.org/a).",
    "](https://e.org/a)",
    "](x)",
    "](www.a.b)",
    "](",
    "](a_b)",
    "](x*y)",
    "](_)",
]
_SHAPE_MARKUP = st.sampled_from(
    [*"*_~`[]!()\\", "**", "***", "__", "~~", "``", "![", "\\*", "\\_", "\\.", "\\`", *_SHAPE_LINKS]
)
_URL_PIECES = ["www", "www.", "http", "://", "&amp;", "&#46;"]
_SHAPE_TEXT = st.sampled_from(
    [*"a .,()'b-€x:/", ").", ").b", "mot", "é", "«\u00a0", "\u00a0»", "\u00a0", "1,5 %", *_URL_PIECES]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(_SHAPE_MARKUP, _SHAPE_TEXT, _SHAPE_TEXT), min_size=1, max_size=10))
def test_a_translation_of_its_sources_markup_shape_has_its_signature(
    pieces: list[tuple[str, str, str]],
) -> None:
    """Longer texts: the same markup with other text between (a translation that keeps
    the markup) has the same shape only where it has the same signature."""
    source = "".join(markup + text for markup, text, _ in pieces)
    translation = "".join(markup + other for markup, _, other in pieces)
    _, mismatched = _signatures_by_shape([source, translation])
    assert mismatched == 0


def test_the_markup_check_takes_the_shape_for_a_parse_only_where_it_may() -> None:
    """Emphasis moved to other words passes without a parse; emphasis that no longer opens,
    a changed link or a link that runs code is still refused."""
    from transflow.formats.markdown import markup_shape

    source = parse_document(b"Read *the* [letter](https://e.org/l).\n", "s.md", Segmentation()).units[0]
    assert markup_shape("Lisez *la* [lettre](https://e.org/l).") == markup_shape(source.msgid)
    assert restore_markdown(source, "Lisez [la lettre](https://e.org/l) *ici*.")
    for broken in ("Lisez * la* [lettre](https://e.org/l).", "Lisez *la* [lettre](https://e.org/x)."):
        with pytest.raises(MarkupError):
            restore_markdown(source, broken)
    unsafe = parse_document(b"A [link](javascript:go).\n", "u.md", Segmentation()).units[0]
    with pytest.raises(MarkupError, match="runs code"):
        restore_markdown(unsafe, "Un [lien](javascript:go).")


def test_the_shapes_white_space_and_punctuation_are_markdown_its() -> None:
    """The shape reads a delimiter's neighbours without importing markdown-it: as its
    scanDelims reads them, for every code point (a new markdown-it that reads them
    otherwise fails here, not in a translator's build)."""
    from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace

    from transflow.formats.markdown import _reads_as

    def markdown_its(character: str) -> str:
        if isWhiteSpace(ord(character)):
            return " "
        return "." if isMdAsciiPunct(ord(character)) or isPunctChar(character) else "a"

    differ = [code for code in range(0x110000) if _reads_as.__wrapped__(chr(code)) != markdown_its(chr(code))]
    assert differ == []
