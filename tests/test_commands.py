"""The command functions called without the CLI: each returns a result that renders to JSON."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from transflow.cli import main
from transflow.commands.analyze import AnalyzeOptions, analyze
from transflow.commands.build import BuildOptions, build
from transflow.commands.status import StatusOptions, status
from transflow.commands.update import UpdateOptions, update
from transflow.errors import UsageError
from transflow.project import load_project
from transflow.render.analyze import analyze_json
from transflow.render.build import build_json
from transflow.render.status import status_json
from transflow.render.update import update_json

TEXT = "A first sentence here. A second one follows.\n\nHands off!\n"


def test_status_views_without_the_cli(sample: Path) -> None:
    project = load_project(sample)
    languages = status(project, StatusOptions())
    assert languages.view == "languages"
    assert [row.code for row in languages.language_rows or []] == list(project.config.languages)
    french = next(row for row in languages.language_rows or [] if row.code == "fr")
    assert french.counts.percent == 100.0 and french.unreadable == 0
    documents = status(project, StatusOptions(languages=("de",)))
    assert documents.view == "documents" and documents.language == "de"
    assert len(documents.document_rows or []) == len(project.sources)
    document = project.sources[0].path
    segments = status(project, StatusOptions(document=document, languages=("fr",)))
    assert segments.view == "segments" and segments.totals.percent == 100.0
    fuzzy_only = status(
        project, StatusOptions(document=document, languages=("fr",), states=frozenset({"fuzzy"}))
    )
    assert fuzzy_only.segment_rows == [] and fuzzy_only.totals == segments.totals
    payload = status_json(languages)
    assert payload["schema"] == "transflow.status/1" and payload["view"] == "languages"
    assert status_json(segments)["document"] == document


def test_language_lists_and_unknown_names_are_usage_errors(sample: Path) -> None:
    project = load_project(sample)
    assert project.languages(["fr", "de", "fr"]) == ["fr", "de"]
    with pytest.raises(UsageError) as raised:
        project.languages(["it"])
    assert raised.value.exit_code == 2
    with pytest.raises(UsageError):
        project.find_source("no/such/document")


def test_update_build_and_analyze_return_results(make_project: Callable[..., Path]) -> None:
    root = make_project({"a.txt": TEXT})
    project = load_project(root)
    dry = update(project, UpdateOptions(dry_run=True))
    assert dry.written == 3 and not (root / "locales").exists()  # template + two POs, none written
    done = update(project, UpdateOptions())
    assert done.written == 3 and update_json(done)["written"] == 3
    assert update(project, UpdateOptions()).written == 0
    result = build(project, BuildOptions(), root)
    assert [record.status for record in result.requested] == ["skipped", "skipped"]
    assert build_json(result)["summary"] == {
        "fr": {"built": 0, "preview": 0, "stale": 0, "skipped": 1, "error": 0},
        "el": {"built": 0, "preview": 0, "stale": 0, "skipped": 1, "error": 0},
    }
    analysis = analyze(project, AnalyzeOptions(languages=("fr",)))
    assert analysis.by_language["fr"].to_translate == analysis.by_language["fr"].total == 10
    assert analyze_json(analysis)["documents"] == ["a.txt"]


def test_every_command_takes_a_comma_list_and_repeated_languages(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    make_project({"a.txt": TEXT}, languages=("fr", "el", "de"))
    assert runner.invoke(main, ["update"]).exit_code == 0
    for args in (["-l", "fr,el"], ["-l", "fr", "-l", "el"], ["--language", "fr,el"]):
        result = runner.invoke(main, ["status", "--json", *args])
        assert result.exit_code == 0, result.output
        assert '"code": "de"' not in result.stdout and '"code": "el"' in result.stdout
    bad = runner.invoke(main, ["status", "-l", "fr,xx"])
    assert bad.exit_code == 2 and "unknown language code 'xx'" in bad.stderr


def test_init_takes_repeated_languages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["init", "-l", "fr", "-l", "pt-br,el"])
    assert result.exit_code == 0, result.output
    assert 'languages = ["fr", "pt_BR", "el"]' in (tmp_path / "transflow.toml").read_text(encoding="utf-8")
    assert ".transflow/" in (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines()
    again = runner.invoke(main, ["init"])
    assert again.exit_code == 1 and "a config already exists" in again.stderr


def test_init_keeps_an_existing_gitignore(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".gitignore").write_text("*.pyc", encoding="utf-8")
    assert runner.invoke(main, ["init", "-l", "fr"]).exit_code == 0
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines() == [
        "*.pyc",
        "# transflow's caches: rebuilt at will",
        ".transflow/",
    ]
