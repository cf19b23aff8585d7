"""The spelling check: hunspell over every translated and fuzzy unit, with what it leaves alone."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from transflow.checksettings import SpellingSettings
from transflow.cli import main
from transflow.dictionaries import binding_available, find_dictionary, package_for
from transflow.spelling import candidate_words

ENV = {"COLUMNS": "100", "NO_COLOR": "1"}
SOURCE = "The government announced a general strike against the new law."
# a correct translation, and three misspellings planted in it, per language
PLANTED = {
    "fr": ("Le gouvernement a annoncé une grève générale contre la nouvelle loi.",
           {"gouvernement": "gouvernment", "générale": "générle", "nouvelle": "nouvele"}),
    "de": ("Die Regierung hat einen Generalstreik gegen das neue Gesetz angekündigt.",
           {"Regierung": "Regirung", "Gesetz": "Gesezt", "angekündigt": "angekündgt"}),
    "es": ("El gobierno anunció una huelga general contra la nueva ley.",
           {"gobierno": "goberno", "huelga": "huelgga", "nueva": "nueba"}),
    "el": ("Η κυβέρνηση ανακοίνωσε γενική απεργία ενάντια στον νέο νόμο.",
           {"κυβέρνηση": "κυβέρνιση", "απεργία": "απεργεία", "ανακοίνωσε": "ανακίνωσε"}),
    "ru": ("Правительство объявило всеобщую забастовку против нового закона.",
           {"Правительство": "Правительсво", "забастовку": "забостовку", "нового": "нвого"}),
    "ar": ("أعلنت الحكومة إضرابا عاما ضد القانون الجديد.",
           {"الحكومة": "الحكومةة", "إضرابا": "إضربا", "الجديد": "الجدييد"}),
}  # fmt: skip


def _no_hunspell_reason(language: str) -> str | None:
    if not binding_available():
        return "the hunspell binding (chunspell) is not installed"
    if find_dictionary(language, SpellingSettings()) is None:
        return f"no hunspell dictionary for {language} here (apt-get install {package_for(language)})"
    return None


def needs_dictionary(*languages: str) -> pytest.MarkDecorator:
    reasons = [reason for reason in map(_no_hunspell_reason, languages) if reason]
    return pytest.mark.skipif(bool(reasons), reason="; ".join(reasons))


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, list(args), env=ENV)
    return result.exit_code, result.stdout, result.stderr


def _translate(root: Path, language: str, translation: str, comment: str = "") -> None:
    po_file = root / "locales" / language / "a.po"
    po = polib.pofile(str(po_file))
    po[0].msgstr = translation
    po[0].tcomment = comment
    po.save()


def _spelling(runner: CliRunner) -> list[dict[str, str]]:
    code, out, _ = invoke(runner, "check", "--json")
    assert code in (0, 1), out
    return [item for item in json.loads(out)["findings"] if item["check"] == "spelling"]


@pytest.mark.parametrize("language", sorted(PLANTED))
def test_every_planted_misspelling_is_caught_and_the_right_text_passes(
    language: str, make_project: Callable[..., Path], runner: CliRunner
) -> None:
    reason = _no_hunspell_reason(language)
    if reason:
        pytest.skip(reason)
    root = make_project({"a.txt": SOURCE + "\n"}, languages=(language,))
    invoke(runner, "update")
    correct, planted = PLANTED[language]
    _translate(root, language, correct)
    assert _spelling(runner) == []
    wrong = correct
    for right, misspelt in planted.items():
        wrong = wrong.replace(right, misspelt)
    _translate(root, language, wrong)
    findings = _spelling(runner)
    messages = " ".join(item["message"] for item in findings)
    assert len(findings) == 3 and all(f"“{misspelt}”" in messages for misspelt in planted.values())
    # each names suggestions, the right word among them for most
    assert all("perhaps" in item["message"] for item in findings)
    assert sum(right in messages for right in planted) >= 2, messages
    assert all(item["severity"] == "warning" for item in findings)


def test_what_is_never_looked_up() -> None:
    source = "Piraeus: the KKE and PAME at https://kke.gr/en, press@kke.gr, on 14/12/2015."
    translation = (
        "Πειραιάς: το ΚΚΕ και το PAME στο https://kke.gr/en, press@kke.gr, στις 14/12/2015, "
        "<1>COVID-19</1> Μουντιάλ κυβέρνιση"
    )
    words = candidate_words(translation, source, "el", ["Μουντιάλ"], frozenset({"Πειραιάς"}))
    # the word list, a glossary term, an acronym from the source, Latin letters, addresses,
    # placeholders and tokens with digits are left out; the misspelling stays
    assert words == ["το", "ΚΚΕ", "και", "στο", "στις", "κυβέρνιση"]


def test_a_source_word_behind_an_elided_article_is_the_source_word() -> None:
    assert candidate_words("le système d'Amoeba et l’Emacs", "Amoeba and Emacs", "fr", [], frozenset()) == [
        "le", "système", "et",
    ]  # fmt: skip


def test_a_source_name_as_the_language_writes_it_is_no_misspelling() -> None:
    source = "The dockers of Piraeus met the delegation from Kazakhstan."
    words = candidate_words(
        "Les dockers du Pirée ont rencontré la délégation du Kazajistán.", source, "fr", [], frozenset()
    )
    assert "Pirée" not in words and "Kazajistán" not in words
    # a word that opens the sentence is no name, however close to the source
    assert "Gouvernment" in candidate_words(
        "Gouvernment du Pirée.", "Government of Piraeus.", "fr", [], frozenset()
    )


@needs_dictionary("de")
def test_german_compounds_of_known_words_are_words() -> None:
    from transflow.spelling import speller_for

    speller = speller_for("de", SpellingSettings())
    assert speller is not None
    for word in ("Dockarbeiter", "Gewerkschaftsdelegierten", "unterausgelastet"):
        assert speller.check(word) is None, word
    assert speller.check("Dockarbieter") is not None


@needs_dictionary("fr")
def test_word_list_glossary_and_accept_keep_a_word(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.txt": "The Syndicalist wrote to the council.\n"}, languages=("fr",))
    invoke(runner, "update")
    _translate(root, "fr", "Le Syndiqueur a écrit au conseill.")
    flagged = {item["message"].split("”")[0].lstrip("“") for item in _spelling(runner)}
    assert flagged == {"Syndiqueur", "conseill"}
    (root / "locales" / "fr" / "words.txt").write_text("# ours\nSyndiqueur\n", encoding="utf-8")
    assert {item["message"].split("”")[0].lstrip("“") for item in _spelling(runner)} == {"conseill"}
    _translate(root, "fr", "Le Syndiqueur a écrit au conseill.", comment="transflow: accept spelling")
    out = invoke(runner, "check", "--json")[1]
    assert [item["accepted"] for item in json.loads(out)["findings"] if item["check"] == "spelling"] == [True]


@needs_dictionary("fr")
def test_spelling_as_an_error_gates_publication_and_a_word_list_change_reaches_the_gate(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.txt": "The council met.\n"}, languages=("fr",))
    invoke(runner, "update")
    _translate(root, "fr", "Le conseill s'est réuni.")
    assert invoke(runner, "build")[0] == 0 and (root / "build" / "fr" / "a.txt").exists()  # a warning
    with (root / "transflow.toml").open("a", encoding="utf-8") as handle:
        handle.write('[checks]\nspelling = "error"\n')
    assert invoke(runner, "check")[0] == 1
    status = json.loads(invoke(runner, "status", "-l", "fr", "--json")[1])
    assert status["rows"][0]["segments"]["errors"] == 1
    out = invoke(runner, "build")[1]
    assert "stale" in out  # held back: the published output is kept, and said to be behind
    (root / "locales" / "fr" / "words.txt").write_text("conseill\n", encoding="utf-8")
    status = json.loads(invoke(runner, "status", "-l", "fr", "--json")[1])
    assert status["rows"][0]["segments"]["errors"] == 0  # no cache kept the old verdict


def test_a_language_without_a_dictionary_is_named_once_and_blocks_nothing(
    make_project: Callable[..., Path], runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DICPATH", "")
    root = make_project({"a.txt": "The council met.\n", "b.txt": "The law fell.\n"}, languages=("fr",))
    with (root / "transflow.toml").open("a", encoding="utf-8") as handle:
        handle.write('[checks]\nspelling = "error"\n[spelling]\nfr = "dicts/fr_XX"\n')
    invoke(runner, "update")
    _translate(root, "fr", "Le conseill s'est réuni.")
    code, _, err = invoke(runner, "check")
    assert code == 0
    assert err.count("spelling is not checked in fr") == 1 and "install hunspell-fr" in err
    assert invoke(runner, "check", "--json")[1].count("spelling is not checked in fr") == 1


def test_spelling_settings_are_checked(make_project: Callable[..., Path], runner: CliRunner) -> None:
    root = make_project({"a.txt": "The council met.\n"}, languages=("fr",))
    with (root / "transflow.toml").open("a", encoding="utf-8") as handle:
        handle.write('[checks]\nspelling = "loud"\n')
    code, _, err = invoke(runner, "status")
    assert code == 2 and 'checks.spelling must be true, false, "error" or "warning"' in err and ":5" in err


@needs_dictionary("fr")
def test_the_board_shows_a_spelling_warning_among_what_is_left(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.txt": "The council met.\n\nThe law fell.\n"}, languages=("fr",))
    invoke(runner, "update")
    _translate(root, "fr", "Le conseill s'est réuni.")  # the second unit stays to do
    assert invoke(runner, "report", "--html", "board.html")[0] == 0
    board = (root / "board.html").read_text(encoding="utf-8")
    assert (
        'class="state warning">translated<br><small>spelling: “conseill” is not in the fr dictionary' in board
    )


def test_french_grammar_is_off_unless_configured_then_a_warning(
    make_project: Callable[..., Path], runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from transflow import grammar

    root = make_project({"a.txt": "The council met: no.\n"}, languages=("fr",))
    invoke(runner, "update")
    _translate(root, "fr", "Les conseil se sont réunis : non.")
    grammar_findings = lambda: [  # noqa: E731
        item
        for item in json.loads(invoke(runner, "check", "--json")[1])["findings"]
        if item["check"] == "grammar"
    ]
    assert grammar_findings() == []  # off by default
    with (root / "transflow.toml").open("a", encoding="utf-8") as handle:
        handle.write("[checks]\ngrammar = true\n")
    if grammar.available():
        messages = [item["message"] for item in grammar_findings()]
        assert any("«conseil»" in message and "conseils" in message for message in messages), messages
        assert all(item["severity"] == "warning" for item in grammar_findings())
    monkeypatch.setattr(grammar, "_checker", lambda: None)
    code, _, err = invoke(runner, "check")
    assert code == 0 and "grammar is not checked: Grammalecte is not installed" in err
    assert "python3-grammalecte" in err


@needs_dictionary("fr")
def test_a_dictionary_the_config_names_is_the_one_used(
    make_project: Callable[..., Path], runner: CliRunner, tmp_path: Path
) -> None:
    import shutil

    found = find_dictionary("fr", SpellingSettings())
    assert found is not None
    root = make_project({"a.txt": "The council met.\n"}, languages=("fr",))
    (root / "dicts").mkdir()
    shutil.copy(found, root / "dicts" / "ours.dic")
    shutil.copy(found.with_suffix(".aff"), root / "dicts" / "ours.aff")
    with (root / "dicts" / "ours.dic").open("a", encoding="utf-8") as handle:
        handle.write("conseill\n")  # our own dictionary knows the word
    with (root / "transflow.toml").open("a", encoding="utf-8") as handle:
        handle.write('[spelling]\nfr = "dicts/ours"\n')
    invoke(runner, "update")
    _translate(root, "fr", "Le conseill s'est réuni.")
    assert _spelling(runner) == []
