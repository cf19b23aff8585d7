"""transflow align: published translations aligned sentence by sentence into the PO, as fuzzy."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from transflow.align import align
from transflow.cli import main

ENV = {"COLUMNS": "100", "NO_COLOR": "1"}
SOURCE = """# Strike at the port on 14/12/2015

The dockers of Piraeus went on strike on 14/12/2015. They demand a collective agreement.

The union said: "We will not pay for the crisis." The strike goes on until Friday!

Contact us at press@example.org or call +30 210 1234567.
"""
# the published French page: HTML, dates written otherwise, page chrome in the middle
FRENCH = """<html><body><h1>Grève au port le 14.12.2015</h1>
<p>Les dockers du Pirée se sont mis en grève le 14.12.2015. Ils exigent une convention collective.</p>
<p>Site officiel du syndicat – Accueil – Contact</p>
<p>Le syndicat a déclaré : « Nous ne paierons pas pour la crise. » La grève continue jusqu’à vendredi !</p>
<p>Contactez-nous à press@example.org ou appelez le +30 210 1234567.</p>
</body></html>
"""


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, list(args), env=ENV)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(repr(result.exception)) from result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(make_project: Callable[..., Path], runner: CliRunner) -> Path:
    root = make_project({"strike.md": SOURCE}, languages=("fr", "el", "ru", "ar"))
    assert invoke(runner, "update")[0] == 0
    return root


def _translations(root: Path, language: str) -> dict[str, polib.POEntry]:
    return {entry.msgid: entry for entry in polib.pofile(str(root / "locales" / language / "strike.po"))}


def test_a_published_html_page_fills_a_markdown_documents_po_as_fuzzy(
    project: Path, runner: CliRunner
) -> None:
    (project / "fr.html").write_text(FRENCH, encoding="utf-8")
    code, out, _ = invoke(runner, "align", "strike", "fr.html", "-l", "fr", "--json")
    assert code == 0
    payload = json.loads(out)
    assert payload["schema"] == "transflow.align/1"
    (report,) = payload["documents"]
    assert {"source": [], "target": [3], "score": 0.0} in report["beads"]  # the chrome: left out
    entries = _translations(project, "fr")
    expected = {
        "Strike at the port on 14/12/2015": "Grève au port le 14.12.2015",
        "The dockers of Piraeus went on strike on 14/12/2015.": (
            "Les dockers du Pirée se sont mis en grève le 14.12.2015."
        ),
        "They demand a collective agreement.": "Ils exigent une convention collective.",
        "The strike goes on until Friday!": "La grève continue jusqu’à vendredi !",
        "Contact us at press@example.org or call +30 210 1234567.": (
            "Contactez-nous à press@example.org ou appelez le +30 210 1234567."
        ),
    }
    for msgid, msgstr in expected.items():
        assert entries[msgid].msgstr == msgstr
        assert entries[msgid].fuzzy  # review decides, never the aligner
        assert any(
            c.startswith("transflow: aligned from fr.html, score ")
            for c in entries[msgid].comment.split("\n")
        )
    assert all("Site officiel" not in entry.msgstr for entry in entries.values())  # never glued on


def test_a_translators_entry_is_never_overwritten_and_a_dry_run_writes_nothing(
    project: Path, runner: CliRunner
) -> None:
    (project / "fr.html").write_text(FRENCH, encoding="utf-8")
    po_file = project / "locales" / "fr" / "strike.po"
    po = polib.pofile(str(po_file))
    po.find("They demand a collective agreement.").msgstr = "Ils réclament une convention."
    po.save()
    before = po_file.read_bytes()
    code, out, _ = invoke(runner, "align", "strike", "fr.html", "-l", "fr", "--dry-run")
    assert code == 0 and "would fill" in out and po_file.read_bytes() == before
    code, out, _ = invoke(runner, "align", "strike", "fr.html", "-l", "fr")
    assert "1 already translated, kept" in " ".join(out.split())
    entry = _translations(project, "fr")["They demand a collective agreement."]
    assert entry.msgstr == "Ils réclament une convention." and not entry.fuzzy
    before = po_file.read_bytes()
    invoke(runner, "align", "strike", "fr.html", "-l", "fr")  # again: nothing changes
    assert po_file.read_bytes() == before


PUBLISHED = {
    "el": """# Απεργία στο λιμάνι στις 14/12/2015

Οι λιμενεργάτες του Πειραιά απήργησαν στις 14/12/2015. Ζητούν συλλογική σύμβαση.

Επικοινωνήστε μαζί μας στο press@example.org ή καλέστε στο +30 210 1234567.
""",
    "ru": """# Забастовка в порту 14.12.2015

Докеры Пирея объявили забастовку 14.12.2015. Они требуют коллективного договора.

Свяжитесь с нами: press@example.org или +30 210 1234567.
""",
    "ar": """# إضراب في الميناء يوم 14/12/2015

أضرب عمال ميناء بيرايوس يوم 14/12/2015. يطالبون باتفاقية جماعية.

راسلونا على press@example.org أو اتصلوا على +30 210 1234567.
""",
}


@pytest.mark.parametrize("language", ["el", "ru", "ar"])
def test_a_publication_missing_a_whole_paragraph_in_another_script(
    project: Path, runner: CliRunner, language: str
) -> None:
    """Names are transliterated there: figures, addresses and punctuation carry the anchors; the
    union's paragraph is missing from the publication and must stay empty."""
    published = project / f"{language}.md"
    published.write_text(PUBLISHED[language], encoding="utf-8")
    code, _, _ = invoke(runner, "align", "strike", published.name, "-l", language, "--json")
    assert code == 0
    entries = _translations(project, language)
    lines = PUBLISHED[language].split("\n")
    assert entries["Strike at the port on 14/12/2015"].msgstr == lines[0].removeprefix("# ")
    assert entries["Contact us at press@example.org or call +30 210 1234567."].msgstr == lines[4]
    assert entries['The union said: "We will not pay for the crisis."'].msgstr == ""
    assert entries["The strike goes on until Friday!"].msgstr == ""


def test_lines_mode_gives_line_numbers(project: Path, runner: CliRunner) -> None:
    (project / "source_texts" / "lines.txt").write_text(
        "One line.\nTwo: a line.\n\nThree?\n", encoding="utf-8"
    )
    (project / "fr.txt").write_text("Une ligne.\nDeux : une ligne.\nTrois ?\n", encoding="utf-8")
    code, out, _ = invoke(runner, "align", "lines", "fr.txt", "-l", "fr", "--lines", "--json")
    assert code == 0
    (report,) = json.loads(out)["documents"]
    assert [(b["source"], b["target"]) for b in report["beads"]] == [
        ([0], [0]),
        ([1], [1]),
        ([2], [2]),
    ]


def test_the_aligner_covers_both_sides_in_order_and_follows_the_figures() -> None:
    source = ["The strike began on 3 May.", "It lasted 12 days.", "Workers won a raise of 5%."]
    target = [
        "La grève a commencé le 3 mai.",
        "Elle a duré 12 jours.",
        "Menu",
        "Les ouvriers ont obtenu 5 %.",
    ]
    beads = align(source, target)
    assert [i for b in beads for i in b.source] == [0, 1, 2]
    assert [j for b in beads for j in b.target] == [0, 1, 2, 3]
    pairs = {(b.source, b.target) for b in beads}
    assert ((0,), (0,)) in pairs and ((1,), (1,)) in pairs
    assert all(0 <= b.score <= 1 for b in beads)
    assert [(b.source, b.target) for b in align([], ["x"])] == [((), (0,))]


def test_the_dev_set_figures_hold() -> None:
    """The shared Text+Berg dev document, scored as the benchmark scores it (a floor, not the goal)."""
    benchmarks = Path(__file__).resolve().parents[2] / "benchmarks"
    data = benchmarks.parent.parent / "shared" / "alignment" / "textberg"
    if not data.is_dir():
        pytest.skip(f"the shared alignment data is not beside the repository ({data})")
    sys.path.insert(0, str(benchmarks))
    try:
        from alignment_accuracy import read_gold, score
    finally:
        sys.path.remove(str(benchmarks))
    source = (data / "dev.de").read_text(encoding="utf-8").splitlines()
    target = (data / "dev.fr").read_text(encoding="utf-8").splitlines()
    figures = score(read_gold(data / "dev.defr"), [(b.source, b.target) for b in align(source, target)])
    assert figures["strict F1"] >= 0.80 and figures["lax F1"] >= 0.95


def test_a_published_folder_aligns_every_document_it_mirrors_and_names_the_rest(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project(
        {"2015/strike.md": SOURCE, "2015/other.txt": "Another statement.\n"}, languages=("fr",)
    )
    invoke(runner, "update")
    (root / "published" / "2015").mkdir(parents=True)
    (root / "published" / "2015" / "strike.html").write_text(
        FRENCH, encoding="utf-8"
    )  # .md published as .html
    code, out, _ = invoke(runner, "align", "--published", "published", "-l", "fr")
    assert code == 0
    assert "no published file for 2015/other.txt in published" in out
    entries = {e.msgid: e for e in polib.pofile(str(root / "locales" / "fr" / "2015" / "strike.po"))}
    assert entries["They demand a collective agreement."].msgstr == "Ils exigent une convention collective."


def test_pairs_into_a_memory_then_update_uses_them(project: Path, runner: CliRunner) -> None:
    (project / "fr.html").write_text(FRENCH, encoding="utf-8")
    code, out, _ = invoke(
        runner, "align", "strike", "fr.html", "-l", "fr", "--into", "memory", "--tmx", "fr.tmx"
    )
    assert code == 0 and "written to fr.tmx" in out
    tmx = (project / "fr.tmx").read_text(encoding="utf-8")
    assert "Ils exigent une convention collective." in tmx and "Site officiel" not in tmx
    assert (
        _translations(project, "fr")["They demand a collective agreement."].msgstr == ""
    )  # the PO untouched
    with (project / "transflow.toml").open("a", encoding="utf-8") as handle:
        handle.write('memory = ["fr.tmx"]\n')
    (project / "locales" / "fr" / "strike.po").unlink()
    assert invoke(runner, "update")[0] == 0
    assert _translations(project, "fr")["They demand a collective agreement."].msgstr == (
        "Ils exigent une convention collective."
    )


def test_a_po4a_catalog_as_memory_fills_sentences_and_list_items(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    """po4a's msgids are paragraphs with their line breaks, a list is one msgid: named as
    memory, they give transflow's sentence and item units what po4a had."""
    source = (
        "The strike began on 3 May. It lasted\n12 days.\n\n- First demand of the union\n- Second demand, longer\n\n"
        "A paragraph po4a never had.\n"
    )
    root = make_project({"page.md": source}, languages=("zh_TW",))
    (root / "po4a" / "zh_TW").mkdir(parents=True)
    (root / "po4a" / "zh_TW" / "page.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid ""\n"The strike began on 3 May. It lasted\\n"\n"12 days.\\n"\n'
        'msgstr ""\n"罷工於5月3日開始。它持續了\\n"\n"12天。\\n"\n\n'
        'msgid "- First demand of the union\\n- Second demand, longer"\n'
        'msgstr "- 工會的第一個要求\\n- 第二個要求，更長"\n',
        encoding="utf-8",
    )
    with (root / "transflow.toml").open("a", encoding="utf-8") as handle:
        handle.write('memory = ["po4a"]\n')
    assert invoke(runner, "update")[0] == 0
    assert (root / "locales" / "zh_TW" / "page.po").is_file()  # the project's own code, not zh_Hant_TW
    entries = {e.msgid: e for e in polib.pofile(str(root / "locales" / "zh_TW" / "page.po"))}
    assert entries["The strike began on 3 May."].msgstr == "罷工於5月3日開始。"
    assert entries["It lasted 12 days."].msgstr == "它持續了 12天。"
    assert entries["First demand of the union"].msgstr == "工會的第一個要求"
    assert entries["Second demand, longer"].msgstr == "第二個要求，更長"
    assert entries["A paragraph po4a never had."].msgstr == ""


def test_a_po4a_table_and_a_paragraph_a_translator_recut_come_back_as_cells_and_suggestions() -> None:
    from transflow.carry import carried_entries, likely_pairs
    from transflow.memory import Memory
    from transflow.po import PoEntry

    table = PoEntry(
        msgid="| Provider | Price |\n| --- | --- |\n| Gandi | 15 € |\n",
        msgstr="| Fournisseur | Prix |\n| --- | --- |\n| Gandi | 15 € |\n",
    )
    recut = PoEntry(  # two English sentences, one French: no certain pairing, a likely one
        msgid="The strike began on 3 May in Piraeus. It lasted 12 days. The union won.",
        msgstr="La grève a commencé le 3 mai au Pirée et a duré 12 jours. Le syndicat a gagné.",
    )
    carried = {(e.msgid, e.msgstr) for e in carried_entries([table, recut], "en", "fr")}
    assert ("Provider", "Fournisseur") in carried and ("Price", "Prix") in carried
    assert not any(source == "The union won." for source, _ in carried)  # not for certain
    memory = Memory()
    memory.add(carried_entries([table, recut], "en", "fr"), "po4a/fr.po")
    memory.suggest(likely_pairs([table, recut], "en", "fr"), "po4a/fr.po")
    assert memory.exact("The union won.") is None  # never filled in as translated
    suggestion = memory.near("The union won.")
    assert suggestion is not None and suggestion.translation == "Le syndicat a gagné."
    assert suggestion.score < 100 and "aligned" in suggestion.origin


def test_update_tells_which_entries_of_another_tools_catalog_serve_no_unit(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"page.md": "The strike began on 3 May.\n"}, languages=("fr",))
    (root / "i18n" / "page").mkdir(parents=True)
    (root / "i18n" / "page" / "fr.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "The strike began on 3 May."\nmsgstr "La grève a commencé le 3 mai."\n\n'
        'msgid "A paragraph the page no longer has."\nmsgstr "Un paragraphe que la page n\'a plus."\n',
        encoding="utf-8",
    )
    with (root / "transflow.toml").open("a", encoding="utf-8") as handle:
        handle.write('memory = ["i18n/**/{lang}.po"]\n')
    code, out, _ = invoke(runner, "update", "--json")
    assert code == 0
    payload = json.loads(out)
    assert payload["memory_uncarried"] == {"fr": {"i18n/page/fr.po": ["A paragraph the page no longer has."]}}
    assert any(
        "1 of 2 translated entries of 1 memory file(s) serve units here" in note for note in payload["notes"]
    )


def test_a_markdown_source_published_as_html_keeps_links_emphasis_and_code(
    make_project: Callable[..., Path], runner: CliRunner, tmp_path: Path
) -> None:
    root = make_project(
        {
            "a.md": "Read our [proposals](https://example.org/p) and **act** now. Call `press@example.org` today.\n"
        },
        languages=("fr",),
    )
    published = tmp_path / "a.html"
    published.write_text(
        '<p>Lisez nos <a href="https://example.org/p">propositions</a> et <strong>agissez</strong> maintenant. '
        "Appelez <code>press@example.org</code> aujourd’hui.</p>\n",
        encoding="utf-8",
    )
    invoke(runner, "update")
    assert invoke(runner, "align", "a.md", str(published), "-l", "fr")[0] == 0
    entries = {entry.msgid: entry for entry in polib.pofile(str(root / "locales" / "fr" / "a.po"))}
    link = entries["Read our [proposals](https://example.org/p) and **act** now."]
    assert link.msgstr == "Lisez nos [propositions](https://example.org/p) et **agissez** maintenant."
    assert entries["Call `press@example.org` today."].msgstr == "Appelez `press@example.org` aujourd’hui."
    # the drafts carry the source's markup: the checks that guard publication have nothing to say
    findings = json.loads(invoke(runner, "check", "--json")[1])["findings"]
    assert not [item for item in findings if item["check"] in ("markup", "urls")]


def test_an_html_source_published_as_html_keeps_its_placeholders_when_the_elements_match() -> None:
    from transflow.formats.placeholders import markup_for

    source = (('<a href="https://example.org/p">', "</a>"), ("<b>", "</b>"))
    published = (('<a href="https://example.org/fr/p">', "</a>"), ("<strong>", "</strong>"))
    same = (('<a href="https://example.org/fr/p">', "</a>"), ("<b>", "</b>"))
    text = "Lisez nos <1>propositions</1> et <2>agissez</2>."
    assert markup_for(text, same, "html", source) == text
    assert (
        markup_for(text, published, "html", source) == "Lisez nos propositions et agissez."
    )  # b is no strong
    assert markup_for(text, published, "text") == "Lisez nos propositions et agissez."
    assert (
        markup_for(text, published, "markdown")
        == "Lisez nos [propositions](https://example.org/fr/p) et **agissez**."
    )


def test_a_po4a_paragraph_serves_units_that_keep_two_sentences_together_and_merged_ones() -> None:
    from transflow.carry import carry_catalog
    from transflow.po import PoEntry

    entry = PoEntry(
        msgid="**Own your data.** Your pictures stay home. They are yours. Nobody sells them.\n",
        msgstr="**Possédez vos données.** Vos photos restent chez vous. Elles sont à vous. Personne ne les vend.\n",
    )
    catalog = carry_catalog([entry], "en", "fr")
    memory = {item.msgid: item.msgstr for item in catalog.memory}
    # cut as our Markdown reader cuts a source: the bold sentence stays with the next, as our unit does
    assert memory["**Own your data.** Your pictures stay home."] == (
        "**Possédez vos données.** Vos photos restent chez vous."
    )
    assert memory["They are yours. Nobody sells them."] == "Elles sont à vous. Personne ne les vend."
    # a paragraph and its list in one msgid (po4a's way) serve the paragraph and each item
    listed = PoEntry(
        msgid="Open a browser:\n- on a VPS, use the public IP\n- at home, use the local IP\n",
        msgstr="Ouvrez un navigateur :\n- sur un VPS, utilisez l'IP publique\n- chez vous, utilisez l'IP locale\n",
    )
    blocks = {item.msgid: item.msgstr for item in carry_catalog([listed], "en", "fr").memory}
    assert blocks["Open a browser:"] == "Ouvrez un navigateur :"
    assert blocks["at home, use the local IP"] == "chez vous, utilisez l'IP locale"
    merged = PoEntry(
        msgid="They are part of your private life. They are part of your family's. Nobody else should hold them.\n",
        msgstr="Elles font partie de votre vie privée et de celle de votre famille. Personne d'autre ne devrait les détenir.\n",
    )
    suggestions = dict(carry_catalog([merged], "en", "fr").suggestions)
    # two sentences translated as one: each is offered the one, for a reviewer to cut
    together = "Elles font partie de votre vie privée et de celle de votre famille."
    assert suggestions["They are part of your private life."] == together
    assert suggestions["They are part of your family's."] == together
