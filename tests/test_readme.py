"""The README's publishing snippet works on a real build of the sample project."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from transflow.cli import main

from .conftest import REPO


def test_the_publishing_snippet_copies_finished_languages(sample: Path, runner: CliRunner) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (snippet,) = [block for block in re.findall(r"```python\n(.*?)```", readme, re.S) if "manifest" in block]
    snippet = "\n".join(line[4:] if line.startswith("    ") else line for line in snippet.splitlines())
    root = sample
    assert runner.invoke(main, ["build"]).exit_code == 0
    done = subprocess.run(
        [sys.executable, "-c", snippet], cwd=root, capture_output=True, text=True, check=True
    )
    published = sorted(
        p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*") if p.is_file()
    )
    assert (
        "fr/2024/piraeus-dockers-strike.txt" in published
        and "de/2024/piraeus-dockers-strike.txt" in published
    )
    assert not any(path.startswith(("ar/", "ru/")) for path in published)
    assert "fr (ltr): " in done.stdout
