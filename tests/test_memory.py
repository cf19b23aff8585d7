"""Translation memory across documents, external memories, update report and analyze."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polib
from click.testing import CliRunner

from transflow.cli import main
from transflow.memory import Memory
from transflow.po import PoEntry, read_po

ENV = {"COLUMNS": "120", "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1732000000"}
FIRST = "Strike at the port\n\nThe dockers stopped work for 48 hours.\n\nSafety before profit!\n\nThe Executive Committee\n"
SECOND = "Fishermen protest\n\nThe fishermen reject the quotas.\n\nSafety before profit!\n\nThe Executive Committee\n"


def translate(po_file: Path, translations: dict[str, str]) -> None:
    po = polib.pofile(str(po_file))
    for entry in po:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
    po.save()


def test_memory_prefers_the_most_frequent_translation() -> None:
    memory = Memory()
    memory.add([PoEntry(msgid="Hands off!", msgstr="Bas les pattes !")], "a.po")
    memory.add([PoEntry(msgid="Hands off!", msgstr="Ne touchez pas !")], "b.po")
    memory.add([PoEntry(msgid="Hands off!", msgstr="Ne touchez pas !")], "c.po")
    memory.add([PoEntry(msgid="Ignored", msgstr="fuzzy one", flags=["fuzzy"])], "d.po")
    recall = memory.exact("Hands off!")
    assert recall is not None and (recall.translation, recall.origin) == ("Ne touchez pas !", "b.po")
    assert memory.exact("Ignored") is None
    memory.add([PoEntry(msgid="Hands off the communists of Kazakhstan!", msgstr="Bas les pattes !")], "e.po")
    near = memory.near("Hands off the communists of Greece!")
    assert (
        near is not None
        and near.source == "Hands off the communists of Kazakhstan!"
        and 75 <= near.score < 100
    )
    assert memory.near("Completely different words here.") is None


def test_recurring_slogans_and_signatures_are_filled_in_a_new_statement(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"2024/first.txt": FIRST}, languages=("fr",))
    runner.invoke(main, ["update"], env=ENV)
    translate(
        root / "locales" / "fr" / "2024" / "first.po",
        {
            "Safety before profit!": "La sécurité avant le profit !",
            "The Executive Committee": "Le Comité exécutif",
            "The dockers stopped work for 48 hours.": "Les dockers ont cessé le travail pendant 48 heures.",
        },
    )
    (root / "source_texts" / "2025").mkdir()
    (root / "source_texts" / "2025" / "second.txt").write_text(
        SECOND + "\nThe dockers stopped work for 24 hours.\n", encoding="utf-8"
    )
    result = runner.invoke(main, ["update"], env=ENV)
    assert result.exit_code == 0, result.output
    entries = {
        entry.msgid: entry for entry in read_po(root / "locales" / "fr" / "2025" / "second.po").entries
    }
    slogan = entries["Safety before profit!"]
    assert slogan.msgstr == "La sécurité avant le profit !" and not slogan.fuzzy
    assert slogan.translator_comments == ["transflow: translation from memory (locales/fr/2024/first.po)"]
    assert entries["The Executive Committee"].msgstr == "Le Comité exécutif"
    near = entries["The dockers stopped work for 24 hours."]
    assert near.fuzzy and near.previous_msgid == "The dockers stopped work for 48 hours."
    assert "transflow: check figures: 48 -> 24" in near.translator_comments
    assert entries["The fishermen reject the quotas."].msgstr == ""
    assert "memory" in result.output and "figures changed: 48 -> 24" in result.output


def test_external_memory_from_the_config(make_project: Callable[..., Path], runner: CliRunner) -> None:
    root = make_project({"a.txt": SECOND}, languages=("fr",))
    archive = root / "archive" / "fr"
    archive.mkdir(parents=True)
    archive_po = polib.POFile()
    archive_po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    archive_po.append(polib.POEntry(msgid="Fishermen protest", msgstr="Les pêcheurs protestent"))
    archive_po.save(str(archive / "old.po"))
    with (root / "transflow.toml").open("a", encoding="utf-8") as config:
        config.write('memory = ["archive"]\n')
    assert runner.invoke(main, ["update"], env=ENV).exit_code == 0
    entries = {entry.msgid: entry for entry in read_po(root / "locales" / "fr" / "a.po").entries}
    assert entries["Fishermen protest"].msgstr == "Les pêcheurs protestent"
    assert entries["Fishermen protest"].translator_comments == [
        "transflow: translation from memory (archive/fr/old.po)"
    ]


def test_keep_trivial_lists_carry_overs(make_project: Callable[..., Path], runner: CliRunner) -> None:
    root = make_project({"a.txt": FIRST}, languages=("fr",))
    runner.invoke(main, ["update"], env=ENV)
    translate(root / "locales" / "fr" / "a.po", {"Safety before profit!": "La sécurité avant le profit !"})
    (root / "source_texts" / "a.txt").write_text(FIRST.replace("profit!", "profit."), encoding="utf-8")
    dry = runner.invoke(main, ["update", "--dry-run", "--keep-trivial"], env=ENV)
    assert "carried" in dry.output and "Safety before profit.  (was: … profit!)" in dry.output
    assert "Safety before profit!" in (root / "locales" / "fr" / "a.po").read_text(encoding="utf-8")
    runner.invoke(main, ["update", "--keep-trivial"], env=ENV)
    entries = {entry.msgid: entry for entry in read_po(root / "locales" / "fr" / "a.po").entries}
    assert entries["Safety before profit."].msgstr == "La sécurité avant le profit !"
    assert not entries["Safety before profit."].fuzzy


def test_memory_never_offers_a_translation_the_document_already_used() -> None:
    from transflow.catalog import LanguageInfo, MergeOptions, build_template, language_header, merge
    from transflow.formats import Segmentation, parse_document

    def template(text: str):  # type: ignore[no-untyped-def]
        return build_template(parse_document(text.encode(), "a.txt", Segmentation()), "t", "d")

    old = template("The workers of the port went on strike for 48 hours.\n")
    old.entries[0].msgstr = "Les travailleurs du port ont fait grève pendant 48 heures."
    new = template(
        "The workers of the port went on strike for 24 hours. The workers of the port went on strike for 72 hours.\n"
    )
    memory = Memory()
    memory.add(old.entries, "locales/fr/a.po")
    header = language_header(new, old, LanguageInfo("fr", "French", "nplurals=2; plural=(n > 1);"), "a.txt")
    result = merge(new, old, header, MergeOptions(memory=memory, origin="locales/fr/a.po"))
    entries = {entry.msgid: entry for entry in result.po.entries}
    first = entries["The workers of the port went on strike for 24 hours."]
    assert first.fuzzy and first.previous_msgid == "The workers of the port went on strike for 48 hours."
    assert entries["The workers of the port went on strike for 72 hours."].msgstr == ""
    # the same text in another document is a fair suggestion
    other = merge(new, None, header, MergeOptions(memory=memory, origin="locales/fr/b.po"))
    suggested = {entry.msgid: entry for entry in other.po.entries}
    assert suggested["The workers of the port went on strike for 72 hours."].fuzzy
