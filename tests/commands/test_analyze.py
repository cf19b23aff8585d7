"""``transflow analyze`` end to end: its match bands add up to what status counts."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from transflow.cli import main

from ..test_memory import translate

ENV = {"COLUMNS": "120", "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1732000000"}
FIRST = "Strike at the port\n\nThe dockers stopped work for 48 hours.\n\nSafety before profit!\n\nThe Executive Committee\n"
SECOND = "Fishermen protest\n\nThe fishermen reject the quotas.\n\nSafety before profit!\n\nThe Executive Committee\n"


def test_analyze_adds_up_to_status(make_project: Callable[..., Path], runner: CliRunner) -> None:
    root = make_project(
        {"a.txt": FIRST, "b.txt": SECOND + "\nSafety before profit!\n"}, languages=("fr", "de")
    )
    runner.invoke(main, ["update"], env=ENV)
    translate(root / "locales" / "fr" / "a.po", {"Safety before profit!": "La sécurité avant le profit !"})
    analysis = json.loads(runner.invoke(main, ["analyze", "--json"], env=ENV).stdout)
    status = json.loads(runner.invoke(main, ["status", "--json"], env=ENV).stdout)
    for row, status_row in zip(analysis["rows"], status["rows"], strict=True):
        assert row["total"] == status_row["words"]["total"]
        assert row["translated"] == status_row["words"]["translated"]
        assert sum(row["bands"].values()) == row["to_translate"]
    french = analysis["rows"][0]
    assert french["bands"]["100%"] == 6  # the slogan, twice in b.txt, is in memory from a.txt
    german = analysis["rows"][1]
    assert german["bands"]["repetitions"] == 3 + 3 + 3  # in b.txt: the slogan twice and the signature
