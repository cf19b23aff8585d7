"""The board: a self-contained page, its pace from git, badges, and how it looks in a browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from transflow.cli import main

from ..conftest import GOLDEN

ENV = {"COLUMNS": "100", "NO_COLOR": "1"}
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def test_the_board_is_one_self_contained_page(sample: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["report", "--html", "board.html", "--badges", "badges"], env=ENV)
    assert result.exit_code == 0, result.output
    page = (sample / "board.html").read_text(encoding="utf-8")
    assert (
        "<script" not in page
        and "<link" not in page
        and not re.search(r"(?:src|href)=\"(?:https?:)?//", page)
    )
    for code in ("fr", "de", "es", "el", "ru", "ar"):
        assert f'id="lang-{code}"' in page
    assert page.count('style="background:hsl') == 5 * 6  # the heatmap: every document in every language
    ids = set(re.findall(r'id="([^"]+)"', page))
    assert all(link in ids for link in re.findall(r'href="#([^"]+)"', page)), "every cell links to something"
    assert "no history (not a git repository)" in page
    assert "1 <" not in page and "with check errors" in page  # de and el carry a check error
    runner.invoke(main, ["report", "--html", "again.html"], env=ENV)
    assert (sample / "again.html").read_bytes() == page.encode("utf-8")  # deterministic
    french = ElementTree.fromstring((sample / "badges" / "fr.svg").read_text(encoding="utf-8"))
    texts = [element.text for element in french.iter() if element.tag.endswith("text")]
    assert texts == ["fr", "100%"]
    assert runner.invoke(main, ["report"], env=ENV).exit_code == 2


def _git(root: Path, *args: str, days_ago: int = 0) -> None:
    stamp = f"@{int(time.time()) - days_ago * 86400} +0000"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    base = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run([*base, *args], cwd=root, env=env, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pace_and_estimate_from_git_history(make_project: Callable[..., Path], runner: CliRunner) -> None:
    import polib

    sentences = [
        f"Sentence number {word} is here." for word in "one two three four five six seven eight".split()
    ]
    root = make_project({"a.txt": "\n\n".join(sentences) + "\n"}, languages=("fr",))
    runner.invoke(main, ["update"])
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "nothing translated", days_ago=45)
    po_file = root / "locales" / "fr" / "a.po"
    po = polib.pofile(str(po_file))
    for entry in po[:6]:
        entry.msgstr = "La phrase " + entry.msgid
    po.save()
    _git(root, "commit", "-qam", "six translated", days_ago=1)
    from transflow.commands.report import report
    from transflow.project import load_project

    pace = report(load_project(root)).pace["fr"]
    assert pace is not None and pace.days == 30
    assert pace.words_per_day == pytest.approx(6 * 5 / 30)  # six sentences of five words in 30 days
    assert pace.days_left == pytest.approx(2 * 5 / (6 * 5 / 30))


@pytest.mark.skipif(
    CHROMIUM is None, reason="no headless browser (apt-get install chromium): the board is not looked at"
)
def test_the_board_in_a_real_browser(sample: Path, runner: CliRunner) -> None:
    image_module = pytest.importorskip("PIL.Image", reason="Pillow (a test extra) compares screenshots")
    runner.invoke(main, ["report", "--html", "board.html"], env=ENV)
    shot = sample / "board.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
             f"--user-data-dir={profile}", "--window-size=1200,900", f"--screenshot={shot}",
             (sample / "board.html").as_uri()],
            capture_output=True, timeout=120, check=False,
        )  # fmt: skip
    assert shot.exists(), "the browser wrote no screenshot"
    picture = image_module.open(shot).convert("RGB")
    golden = image_module.open(GOLDEN / "report" / "board.png").convert("RGB")
    assert picture.size == golden.size == (1200, 900)
    # the French card's bar is finished: green (and blue for the reviewed part) along its length
    bar_row = _first_row_with(picture, (46, 158, 91))
    assert bar_row is not None, "no green progress bar on the page"
    # the same page as the reference, allowing for font rendering: few pixels differ much
    ours, theirs = picture.tobytes(), golden.tobytes()
    differing = sum(
        1
        for at in range(0, len(ours), 3)
        if abs(ours[at] - theirs[at])
        + abs(ours[at + 1] - theirs[at + 1])
        + abs(ours[at + 2] - theirs[at + 2])
        > 96
    )
    assert differing / (1200 * 900) < 0.03, f"{differing} pixels differ from tests/golden/report/board.png"


def _first_row_with(picture: object, colour: tuple[int, int, int]) -> int | None:
    width, height = picture.size  # type: ignore[attr-defined]
    pixels = picture.load()  # type: ignore[attr-defined]
    for y in range(height):
        if sum(1 for x in range(0, width, 4) if pixels[x, y] == colour) > 20:
            return y
    return None


def test_pace_needs_a_week_and_a_finished_language_gets_no_estimate() -> None:
    from transflow.commands.report import Pace
    from transflow.render.report import _pace_line

    assert "not enough history yet (1 day(s)" in _pace_line(Pace(533.0, 1, 1.0), True)
    assert "days left" not in _pace_line(Pace(533.0, 1, 1.0), True)
    assert _pace_line(Pace(12.0, 30, 0.0), True, finished=True).endswith("; finished</div>")
    assert "about 3 days left" in _pace_line(Pace(12.0, 30, 3.0), True)


def test_the_board_legend_adds_up_and_errors_are_not_green(sample: Path, runner: CliRunner) -> None:
    from transflow.cli import main

    result = runner.invoke(main, ["report", "--html", "board.html"], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    page = (sample / "board.html").read_text(encoding="utf-8")
    assert "translated, not reviewed" in page  # the legend's numbers do not overlap
    assert '<div class="scroll">' in page  # the heatmap scrolls on a phone
    assert '<thead><tr><th class="n">#</th><th class="s">state</th>' in page
    for cell in re.findall(r'<td class="state error"[^>]*>', page):
        assert "color:" not in cell
