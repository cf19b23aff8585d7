"""``transflow status`` end to end: agreement with msgfmt, views, JSON, exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from transflow.cli import main

from ..conftest import GOLDEN, needs_gettext

ENV = {"COLUMNS": "100", "NO_COLOR": "1"}
STATEMENT = "Title here\n\nFirst sentence of the text. Second sentence here.\n\nHands off!\n\nHands off!\n\nThe Office"


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, list(args), env=ENV)
    return result.exit_code, result.stdout, result.stderr


def msgfmt_statistics(path: Path) -> tuple[int, int, int]:
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C"},
    )
    numbers = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for count, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)", result.stderr):
        numbers[kind] = int(count)
    return numbers["translated"], numbers["fuzzy"], numbers["untranslated"]


@needs_gettext
def test_counts_agree_with_msgfmt_on_the_sample_project(sample: Path, runner: CliRunner) -> None:
    checked = 0
    for language in ("fr", "de", "es", "el", "ru", "ar"):
        code, out, _ = run(runner, "status", "-l", language, "--json")
        assert code == 0
        for row in json.loads(out)["rows"]:
            segments = row["segments"]
            expected = msgfmt_statistics(sample / row["po"])
            assert (segments["translated"], segments["fuzzy"], segments["untranslated"]) == expected, row[
                "po"
            ]
            checked += 1
    assert checked == 30


@needs_gettext
def test_counts_agree_with_msgfmt_on_generated_states(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    sources = {
        f"doc{index}.txt": f"Heading {index}\n\n"
        + " ".join(f"Sentence {index} number {n}." for n in range(12))
        for index in range(4)
    }
    root = make_project(sources, languages=("fr",))
    runner.invoke(main, ["update"], env=ENV)
    for index in range(4):
        po = polib.pofile(str(root / "locales" / "fr" / f"doc{index}.po"))
        for position, entry in enumerate(po):
            if (position + index) % 3 == 0:
                entry.msgstr = "traduit"
            elif (position + index) % 3 == 1 and index % 2:
                entry.msgstr = "à revoir"
                entry.flags.append("fuzzy")
        po.save()
    code, out, _ = run(runner, "status", "-l", "fr", "--json")
    assert code == 0
    for row in json.loads(out)["rows"]:
        segments = row["segments"]
        assert (segments["translated"], segments["fuzzy"], segments["untranslated"]) == msgfmt_statistics(
            root / row["po"]
        )


def test_source_edit_without_update_shows_new_units(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.txt": STATEMENT}, languages=("fr",))
    runner.invoke(main, ["update"], env=ENV)
    po_file = root / "locales" / "fr" / "a.po"
    po = polib.pofile(str(po_file))
    for entry in po:
        entry.msgstr = "traduit"
    po.save()
    before = json.loads(run(runner, "status", "--json")[1])["totals"]
    assert before["percent"] == 100.0
    source = root / "source_texts" / "a.txt"
    source.write_text(
        STATEMENT.replace("Hands off!\n\nThe Office", "Hands off!\n\nA new paragraph here.\n\nThe Office"),
        encoding="utf-8",
    )
    edited = json.loads(run(runner, "status", "--json")[1])["totals"]
    assert edited["segments"]["new"] == 1 and edited["segments"]["untranslated"] == 1
    assert edited["percent"] < 100.0
    _code, out, _ = run(runner, "status", "a", "-l", "fr", "--json")
    assert [row["state"] for row in json.loads(out)["rows"]].count("new") == 1
    runner.invoke(main, ["update"], env=ENV)
    after = json.loads(run(runner, "status", "--json")[1])["totals"]
    assert after["segments"].pop("new") == 0  # now in the PO, still untranslated
    edited["segments"].pop("new")
    assert after == edited


def test_missing_po_is_zero_percent_not_an_error(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    make_project({"a.txt": STATEMENT}, languages=("fr",))
    code, out, _ = run(runner, "status", "-l", "fr", "--json")
    assert code == 0
    row = json.loads(out)["rows"][0]
    assert row["po_exists"] is False and row["percent"] == 0.0
    # a one-language project still gets the language view unless a language is asked for
    assert json.loads(run(runner, "status", "--json")[1])["view"] == "languages"
    assert json.loads(run(runner, "status", "a", "--json")[1])["view"] == "document-languages"
    assert row["segments"]["new"] == row["segments"]["total"] == 5


def test_malformed_po_is_an_error_row_and_the_rest_is_printed(sample: Path, runner: CliRunner) -> None:
    broken = sample / "locales" / "de" / "2024" / "nikaia-hospital-letter.po"
    broken.write_text(
        broken.read_text(encoding="utf-8") + '\nmsgid "x"\nmsgstr "unterminated\n', encoding="utf-8"
    )
    code, out, err = run(runner, "status", "-l", "de")
    assert code == 1
    assert "locales/de/2024/nikaia-hospital-letter.po:" in err and "malformed PO" in err
    assert "error: locales/de/2024/nikaia-hospital-letter.po:" in out
    assert "2024/piraeus-dockers-strike.txt" in out and "100.0%" in out
    code, out, _ = run(runner, "status")
    assert code == 1 and "1 unreadable document" in out and "1/5" in out and "fr — French — Français" in out


def test_fail_under_exit_code(sample: Path, runner: CliRunner) -> None:
    code, _, err = run(runner, "status", "--fail-under", "50")
    assert code == 1
    assert "below 50%: de (38.8%), es (8.9%), el (26.8%), ru (1.7%), ar (0.0%)" in err
    assert run(runner, "status", "-l", "fr", "--fail-under", "100")[0] == 0


def test_json_has_the_table_numbers_and_nothing_else(sample: Path, runner: CliRunner) -> None:
    _code, out, _ = run(runner, "status", "--json")
    payload = json.loads(out)
    assert payload["schema"] == "transflow.status/1" and payload["view"] == "languages"
    by_code = {row["language"]["code"]: row for row in payload["rows"]}
    assert by_code["ar"]["language"] == {
        "code": "ar",
        "name": "Arabic",
        "native_name": "العربية",
        "direction": "rtl",
    }
    assert by_code["fr"]["documents"] == {"finished": 5, "total": 5, "unreadable": 0}
    assert by_code["de"]["words"]["fuzzy"] == 17
    table = run(runner, "status")[1]
    for row in payload["rows"]:
        assert f"{row['percent']:5.1f}%" in table
    assert payload["totals"]["words"]["total"] == sum(row["words"]["total"] for row in payload["rows"])


def test_state_filter_and_document_lookup(sample: Path, runner: CliRunner) -> None:
    code, out, _ = run(runner, "status", "2025/fishermen-quotas", "-l", "de", "--state", "fuzzy", "--json")
    rows = json.loads(out)["rows"]
    assert code == 0 and [row["state"] for row in rows] == ["fuzzy"]
    assert rows[0]["source"].startswith("The quotas cut the catch")
    assert run(runner, "status", "nope", "-l", "de")[0] == 2
    assert run(runner, "status", "-l", "it")[0] == 2


def test_repeated_status_reuses_work_but_sees_content_changes(sample: Path, runner: CliRunner) -> None:
    first = run(runner, "status", "--json")[1]
    assert (sample / ".transflow" / "status-cache.json").exists()
    assert run(runner, "status", "--json")[1] == first
    po_file = sample / "locales" / "ar" / "2025" / "fishermen-quotas.po"
    stat = po_file.stat()
    po = polib.pofile(str(po_file))
    po[0].msgstr = "بيان صحفي"
    po.save()
    os.utime(po_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same file time, new content
    payload = json.loads(run(runner, "status", "--json")[1])
    arabic = next(row for row in payload["rows"] if row["language"]["code"] == "ar")
    assert arabic["segments"]["translated"] == 1


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("languages", ["status"]),
        ("documents-de", ["status", "-l", "de"]),
        ("segments-fishermen-de", ["status", "2025/fishermen-quotas.txt", "-l", "de"]),
        ("document-languages", ["status", "2024/piraeus-dockers-strike"]),
    ],
)
def test_views_match_golden_captures(sample: Path, runner: CliRunner, name: str, args: list[str]) -> None:
    code, out, _ = run(runner, *args)
    assert code == 0
    golden = GOLDEN / "status" / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [80, 100, 132])
@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["status", "-l", "de"],
        ["status", "2025/fishermen-quotas.txt", "-l", "de"],
        ["status", "2024/piraeus-dockers-strike"],
        ["build", "--out", "out"],
    ],
)
def test_views_fit_the_terminal_without_wrapping_or_trailing_spaces(
    sample: Path, runner: CliRunner, width: int, args: list[str]
) -> None:
    result = runner.invoke(main, args, env={"COLUMNS": str(width), "NO_COLOR": "1"})
    lines = result.stdout.splitlines()
    assert lines and all(len(line) <= width for line in lines)
    assert all(line == line.rstrip() for line in lines), "trailing spaces in a pipe"
    assert "\u2068" not in result.stdout  # bidi isolates would show as characters in a pipe
    if args == ["status"]:
        rows = [
            line
            for line in lines
            if line.split()[:1] and line.split()[0] in ("fr", "de", "es", "el", "ru", "ar")
        ]
        assert len(rows) == 6, "each language on one line"
        assert len({len(line) for line in rows}) == 1, "rows end in the same column (the Arabic one too)"
    if "-l" in args and len(args) == 3:
        assert "2024/piraeus-dockers-strike.txt" in result.stdout or "…" in result.stdout


def test_an_empty_segment_view_says_so(sample: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        main, ["status", "2024/piraeus-dockers-strike", "-l", "de", "--state", "fuzzy"], env=ENV
    )
    assert result.exit_code == 0 and "No segment is in the state asked for." in result.stdout


def test_segments_show_whole_texts_stacked_below_100_columns(sample: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["status", "2025/fishermen-quotas.txt", "-l", "de"], env={"COLUMNS": "80"})
    flat = " ".join(result.stdout.split())
    assert "Small fishermen, who make up 80% of the fleet, will pay for a crisis they did not cause." in flat
    assert "…" not in result.stdout
