"""``transflow check`` end to end: the sample translation, the gate it sets for build and status, its list and its config errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from transflow.cli import main

from ..test_checks import translate

ENV = {"COLUMNS": "100", "NO_COLOR": "1"}


def test_the_sample_french_translation_passes(sample: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["check", "-l", "fr", "--json"], env=ENV)
    payload = json.loads(result.stdout)
    assert result.exit_code == 0 and payload["schema"] == "transflow.check/1"
    assert payload["totals"]["errors"] == 0 and payload["totals"]["languages"]["fr"]["errors"] == 0


def test_check_gates_build_and_shows_in_status(make_project: Callable[..., Path], runner: CliRunner) -> None:
    root = make_project({"a.txt": "Strike on 14/12/2015.\n\nHands off!\n"}, languages=("fr",))
    assert runner.invoke(main, ["update"]).exit_code == 0
    po_file = root / "locales" / "fr" / "a.po"
    translate(po_file, "Strike on 14/12/2015.", "Grève le 14/12/2015.")
    translate(po_file, "Hands off!", "Bas les pattes !")
    assert runner.invoke(main, ["build"], env=ENV).exit_code == 0
    published = (root / "build" / "fr" / "a.txt").read_text(encoding="utf-8")
    translate(po_file, "Strike on 14/12/2015.", "Grève le 12/14/2015.")
    checked = runner.invoke(main, ["check", "--json"], env=ENV)
    assert checked.exit_code == 1
    (finding,) = json.loads(checked.stdout)["findings"]
    assert finding["check"] == "figures" and finding["severity"] == "error" and not finding["accepted"]
    assert finding["message"] == "the source has 14/12/2015, the translation has 12/14/2015"
    built = runner.invoke(main, ["build", "--json"], env=ENV)
    (record,) = json.loads(built.stdout)["documents"]
    assert record["status"] == "stale" and record["reason"].startswith("1 check error: figures (unit u")
    assert (root / "build" / "fr" / "a.txt").read_text(encoding="utf-8") == published  # never deleted
    preview = runner.invoke(main, ["build", "--preview", "--out", "preview"], env=ENV)
    assert preview.exit_code == 0
    assert (root / "preview" / "fr" / "a.txt").read_text(
        encoding="utf-8"
    ) == "Strike on 14/12/2015.\n\nBas les pattes !\n"
    status = json.loads(runner.invoke(main, ["status", "--json"], env=ENV).stdout)
    assert status["rows"][0]["segments"]["errors"] == 1
    segments = runner.invoke(main, ["status", "a", "-l", "fr", "--state", "error"], env=ENV)
    assert "error: figures" in segments.stdout and "Hands off" not in segments.stdout
    translate(po_file, "Strike on 14/12/2015.", "Grève le 12/14/2015.", comment="transflow: accept figures")
    assert runner.invoke(main, ["check"], env=ENV).exit_code == 0
    assert runner.invoke(main, ["build", "--json"], env=ENV).exit_code == 0


def test_check_list_and_config_errors(make_project: Callable[..., Path], runner: CliRunner) -> None:
    listed = runner.invoke(main, ["check", "--list"], env=ENV)
    assert (
        listed.exit_code == 0
        and "figures" in listed.stdout
        and "written out in words are not checked" in listed.stdout
    )
    root = make_project({"a.txt": "Hi there."})
    with (root / "transflow.toml").open("a", encoding="utf-8") as handle:
        handle.write("[checks]\nspeling = false\n")
    result = runner.invoke(main, ["check"], env=ENV)
    assert result.exit_code == 2 and "unknown check 'speling'" in result.stderr
