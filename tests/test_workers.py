"""Work split over two processes: the same answers, in the same order, and a failed child redone."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from transflow import survey as status_command
from transflow.cli import main
from transflow.workers import Forked, cores

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork"), reason="os.fork is POSIX only: no second process here"
)


def test_a_forked_childs_result_comes_back() -> None:
    parent = os.getpid()
    forked = Forked(lambda: (os.getpid(), [1, 2, 3]))
    child, numbers = forked.result()
    assert child != parent and numbers == [1, 2, 3]


def test_a_failed_child_is_redone_here() -> None:
    parent = os.getpid()

    def work() -> int:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return 42

    assert Forked(work).result() == 42


def test_the_workers_setting_is_obeyed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRANSFLOW_WORKERS", "1")
    assert cores() == 1
    monkeypatch.setenv("TRANSFLOW_WORKERS", "3")
    assert cores() == 3


def test_status_split_over_two_processes_says_what_one_process_says(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = {
        f"d{index:02d}.txt": f"Statement {index}. The strike goes on.\n\nHands off!\n" for index in range(24)
    }
    root = make_project(sources, languages=("fr", "el", "de"))
    runner = CliRunner()
    assert runner.invoke(main, ["update"]).exit_code == 0
    po = root / "locales" / "fr" / "d05.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr ""\n\n#', 'msgstr "Traduit."\n\n#', 1), "utf-8"
    )
    (root / "locales" / "el" / "d17.po").write_text("not a PO file\n", encoding="utf-8")  # an error row
    monkeypatch.setattr(status_command, "SPLIT_AT", 1)
    children: list[int] = []

    class Counted(Forked):  # type: ignore[type-arg]
        def __init__(self, work: Callable[[], object]) -> None:
            super().__init__(work)
            children.append(self.pid)

    monkeypatch.setattr(status_command, "Forked", Counted)
    answers = {}
    for workers in ("1", "2"):
        monkeypatch.setenv("TRANSFLOW_WORKERS", workers)
        for cache in (root / ".transflow").glob("*.json"):
            cache.unlink()  # cold: every file read and counted
        result = runner.invoke(main, ["status", "--json"])
        warm = runner.invoke(main, ["status", "--json"])  # from the caches the split run left
        assert result.exit_code == warm.exit_code
        assert result.output == warm.output
        answers[workers] = (result.exit_code, json.loads(result.stdout))
        drill = runner.invoke(main, ["status", "-l", "fr", "--json"])
        answers[workers + "-fr"] = (drill.exit_code, json.loads(drill.stdout))
    assert len(children) == 3  # the three runs with two workers each had a child
    assert answers["1"] == answers["2"]
    assert answers["1-fr"] == answers["2-fr"]
