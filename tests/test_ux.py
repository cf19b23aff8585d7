"""What people meet: messages that say what happened and what to do, help in workflow order."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from transflow.cli import main

ENV = {"COLUMNS": "80", "NO_COLOR": "1"}


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, list(args), env=ENV)
    return result.exit_code, result.stdout, result.stderr


def test_help_lists_commands_in_workflow_order(runner: CliRunner) -> None:
    out = invoke(runner, "--help")[1]
    commands = [line.split()[0] for line in out.split("Commands:")[1].splitlines() if line.strip()]
    assert commands[:6] == ["init", "update", "status", "check", "review", "build"]


@pytest.mark.parametrize(
    ("command", "shown"), [("review", "LANG "), ("export", "LANG "), ("status", "LANG[,LANG...]")]
)
def test_single_language_commands_say_so(runner: CliRunner, command: str, shown: str) -> None:
    out = invoke(runner, command, "--help")[1]
    line = next(line for line in out.splitlines() if "--languages" in line)
    assert line.rstrip().endswith(shown.strip())


def test_fail_under_shows_percent(runner: CliRunner) -> None:
    assert "--fail-under PERCENT" in invoke(runner, "status", "--help")[1]


def test_state_errors_list_the_states_and_need_the_segment_view(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    make_project({"a.txt": "Hands off.\n"}, languages=("fr",))
    code, _, err = invoke(runner, "status", "a.txt", "-l", "fr", "--state", "bogus")
    assert code == 2 and "states: translated, fuzzy, untranslated, error, reviewed, unreviewed" in err
    code, _, err = invoke(runner, "status", "--state", "fuzzy")
    assert code == 2 and "give a DOCUMENT and -l LANG too" in err


def test_check_does_not_say_nothing_to_report_when_a_file_could_not_be_read(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    make_project({"a.txt": "Hands off.\n", "b.txt": b"caf\xe9\n"}, languages=("fr",))
    invoke(runner, "update")
    code, out, err = invoke(runner, "check")
    assert code == 1 and "b.txt:1: not UTF-8" in err
    assert "nothing to report in what could be read; 1 file(s) could not be" in " ".join(out.split())


def test_build_says_what_it_wrote(make_project: Callable[..., Path], runner: CliRunner) -> None:
    make_project({"a.txt": "Hands off.\n"}, languages=("fr",))
    invoke(runner, "update")
    assert "0 output(s) written, 0 removed, manifest.json updated" in invoke(runner, "build")[1]
    assert "0 output(s) written, 0 removed; manifest.json unchanged" in invoke(runner, "build")[1]


@pytest.mark.parametrize(
    ("settings", "said"),
    [
        (
            'languages = ["fr"]\nunti = "paragraph"\n',
            "transflow.toml:4: unknown setting 'unti' (did you mean unit?)",
        ),
        ("languages = []\n", "transflow.toml:3: 'languages' is empty"),
        ('languages = ["gr"]\n', "unknown language code 'gr' (did you mean el?)"),
        (
            'languages = ["fr"]\n[abbreviations]\nen = []\nmemory = ["archive"]\n',
            "transflow.toml:6: 'memory' is inside the [abbreviations] table (move it above the first [table]",
        ),
    ],
)
def test_config_mistakes_are_named_with_their_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner, settings: str, said: str
) -> None:
    (tmp_path / "transflow.toml").write_text(
        f'project = "t"\nsource_language = "en"\n{settings}', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke(runner, "status")
    assert code == 2 and said in " ".join(err.split()), err


def test_documents_are_found_as_people_name_them(
    make_project: Callable[..., Path], runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(
        {"2024/nikaia-hospital-letter.txt": "Hands off.\n", "2024/piraeus-strike.txt": "We strike.\n"},
        languages=("fr",),
    )
    invoke(runner, "update")
    for name in (
        "2024/nikaia-hospital-letter.txt",  # its path
        "2024/nikaia-hospital-letter",  # without extension
        "source_texts/2024/nikaia-hospital-letter.txt",  # as a shell completes it
        "nikaia-hospital-letter",  # a base name only it has
    ):
        code, out, _ = invoke(runner, "status", name, "-l", "fr")
        assert code == 0 and out.startswith("2024/nikaia-hospital-letter.txt"), name
    monkeypatch.chdir(root / "source_texts" / "2024")
    assert invoke(runner, "status", "piraeus-strike.txt", "-l", "fr")[1].startswith("2024/piraeus-strike.txt")
    code, _, err = invoke(runner, "status", "nikaia-hospitl", "-l", "fr")
    assert code == 2 and "closest: 2024/nikaia-hospital-letter.txt" in err


def test_names_stay_whole_in_an_80_column_terminal(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    name = "2015/kazakhstan-embassy-site-statement.md"
    make_project({name: "The embassy of 14/12/2015 said 48 words.\n"}, languages=("fr", "el"))
    out = invoke(runner, "update")[1]
    assert any(line.startswith(name) for line in out.splitlines()), out
    assert all(len(line) <= 80 for line in out.splitlines())
    import polib

    po = polib.pofile(str(Path("locales/el") / name.replace(".md", ".po")))
    po[0].msgstr = "Η πρεσβεία της 14/12/2015 είπε 24 λέξεις."
    po.save()
    out = invoke(runner, "check", "-l", "el")[1]
    assert f"{name} [el]" in out.splitlines()


@pytest.mark.parametrize("columns", [80, 100, 132])
def test_check_keeps_long_names_whole_and_the_finding_readable(
    make_project: Callable[..., Path], runner: CliRunner, columns: int
) -> None:
    import polib

    name = "2024/nikaia-hospital-workers-general-assembly-letter.txt"
    make_project({name: "The strike of 14/12/2015 ended.\n"}, languages=("fr",))
    invoke(runner, "update")
    po = polib.pofile(str(Path("locales/fr") / name.replace(".txt", ".po")))
    po[0].msgstr = "La grève du 15/12/2015 a pris fin."
    po.save()
    result = runner.invoke(main, ["check"], env={"COLUMNS": str(columns), "NO_COLOR": "1"})
    lines = result.stdout.splitlines()
    assert f"{name} [fr]" in lines and all(len(line) <= columns for line in lines)
    finding = next(line for line in lines if line.startswith("u") and "figures" in line)
    # the message starts within the first half of the line: the name took no room from it
    assert finding.index("the source") < columns // 2, result.stdout


def test_status_keeps_names_whole_and_gives_up_the_bar_first(sample: Path, runner: CliRunner) -> None:
    out = invoke(runner, "status", "-l", "de")[1]
    assert "2024/piraeus-dockers-strike.txt" in out and "…" not in out
    assert all(len(line) <= 80 for line in out.splitlines())
    languages = invoke(runner, "status")[1]
    assert "de Deutsch" in languages  # the native name stays while a shorter bar will do


@pytest.mark.parametrize(
    ("language", "translation"),
    [
        ("de", "Der Streik am 14. Dezember 2015 endete."),
        ("fr", "La grève du 14 décembre 2015 a pris fin."),
        ("el", "Η απεργία στις 14 Δεκεμβρίου 2015 τελείωσε."),
        ("ru", "Забастовка 14 декабря 2015 года закончилась."),
    ],
)
def test_a_date_with_its_month_in_words_is_the_same_figure(language: str, translation: str) -> None:
    from transflow.checks import Pair, check_pair
    from transflow.checksettings import CheckSettings
    from transflow.formats import Segmentation, parse_document

    (unit,) = parse_document(b"The strike of 14/12/2015 ended.\n", "x.txt", Segmentation()).units

    def figures_findings(text: str) -> list[str]:
        pair = Pair(unit, text, "en", language, CheckSettings())
        return [finding.message for finding in check_pair(pair) if finding.check == "figures"]

    assert figures_findings(translation) == []
    assert figures_findings(translation.replace("14", "15")) != []


def test_figure_notes_count_no_placeholder_and_give_every_change_its_arrow() -> None:
    from transflow.match import changed_figures

    assert changed_figures("Read <1>it</1> now.", "Read <2/> <1>it</1> now.") is None
    assert changed_figures("On 14/12/2015.", "On 15/12/2015, see https://inter.kke.gr/.") == (
        "14/12/2015 -> 15/12/2015; (new) -> https://inter.kke.gr/"
    )


def test_a_memory_suggestion_with_a_wrong_figure_is_a_suggestion_to_review_not_an_error(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    import polib

    root = make_project({"a.txt": "The strike of 14/12/2015.\n"}, languages=("fr",))
    (root / "memory").mkdir()
    (root / "memory" / "old.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "The strike of 15/12/2015."\nmsgstr "La grève du 15/12/2015."\n',
        encoding="utf-8",
    )
    with (root / "transflow.toml").open("a", encoding="utf-8") as handle:
        handle.write('memory = ["memory/old.po"]\n')
    invoke(runner, "update")
    entry = polib.pofile(str(root / "locales" / "fr" / "a.po"))[0]
    assert entry.fuzzy and "suggestion from memory" in entry.tcomment
    code, out, _ = invoke(runner, "check")
    assert code == 0 and "in a suggestion: " in " ".join(out.split())
    assert "0 error(s), 1 warning(s)" in out
    # once a translator takes it as their own (no longer transflow's draft), it is an error again
    po = polib.pofile(str(root / "locales" / "fr" / "a.po"))
    po[0].tcomment = ""
    po.save()
    assert invoke(runner, "check")[0] == 1


@pytest.mark.parametrize(
    ("path", "limit", "shown"),
    [
        ("2015/kazakhstan-embassy.txt", 26, "2015/kazakhst…-embassy.txt"),
        ("press/2024/nikaia-hospital-letter.txt", 34, "…/2024/nikaia-hospital-letter.txt"),
        ("press/2024/nikaia-hospital-workers-general-letter.txt", 32, "2024/nikaia-hosp…eral-letter.txt"),
        ("short.txt", 12, "short.txt"),
    ],
)
def test_a_cut_path_keeps_its_last_folder_and_file_name(path: str, limit: int, shown: str) -> None:
    from transflow.render.status import elide_path

    assert elide_path(path, limit) == shown and len(shown) <= limit


def test_status_cuts_headers_before_names_and_wraps_notes_whole(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    names = ["2024/nikaia-hospital-workers-open-letter.txt", "2015/kazakhstan-embassy.txt"]
    make_project({name: "Hands off the unions!\n\nThe workers will not pay.\n" for name in names})
    import polib

    invoke(runner, "update")
    for name in names:
        po_file = Path("locales/fr") / name.replace(".txt", ".po")
        po = polib.pofile(str(po_file))
        for entry in po:
            entry.msgstr = entry.msgid.replace("unions", "syndicats")
        po.save()
    assert invoke(runner, "build")[0] == 0
    with Path("source_texts", names[0]).open("a", encoding="utf-8") as handle:
        handle.write("\nMore to come.\n")
    invoke(runner, "update")
    invoke(runner, "build")  # the published output is now behind: stale
    out = invoke(runner, "status", "-l", "fr")[1]
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert any(line.startswith(names[0]) for line in lines), out  # whole: the headers gave way
    assert "see build/manifest.json" in " ".join(out.split())  # the note wraps, never cut
