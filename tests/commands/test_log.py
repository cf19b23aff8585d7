"""``transflow log`` end to end: a unit's history from git and from its review record."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from .test_review import invoke, translate

TEXT = "Strike on 14/12/2015.\n\nHands off!\n\nThe workers will not pay.\n"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_log_reads_git_history_and_the_record(
    make_project: Callable[..., Path], runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project({"a.txt": TEXT}, languages=("fr",))
    monkeypatch.delenv("SOURCE_DATE_EPOCH")  # the approval is dated today, after the commits
    git = [
        "git",
        "-c",
        "user.name=Trans Lator",
        "-c",
        "user.email=t@example.org",
        "-c",
        "commit.gpgsign=false",
    ]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    invoke(runner, "update")
    po_file = root / "locales" / "fr" / "a.po"
    translate(po_file, {"Hands off!": "Pas touche !"})
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "first French"], cwd=root, check=True)
    translate(po_file, {"Hands off!": "Bas les pattes !"})
    subprocess.run([*git, "commit", "-qam", "better French"], cwd=root, check=True)
    invoke(runner, "review", "a", "-l", "fr", "--approve", "--by", "Ann")
    code, out, _ = invoke(runner, "log", "a", "-l", "fr", "--json")
    assert code == 0
    history = next(unit for unit in json.loads(out)["units"] if unit["source"] == "Hands off!")
    kinds = [(event["kind"], event["who"], event["new"]) for event in history["events"]]
    assert kinds[:2] == [
        ("translated", "Trans Lator", "Pas touche !"),
        ("changed", "Trans Lator", "Bas les pattes !"),
    ]
    assert kinds[2][:2] == ("approved", "Ann")
    assert "- Pas touche !" in invoke(runner, "log", "a", "-l", "fr")[1]
