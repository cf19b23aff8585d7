"""Review and sign-off: the record, the commands, the gate, the history."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from transflow.cli import main
from transflow.review import ReviewRecord, approvals, parse_review, pruned, render_review, text_hash

from ..conftest import needs_gettext

# no reviewer from the environment or from this machine's git configuration
ENV = {
    "COLUMNS": "100",
    "NO_COLOR": "1",
    "TRANSFLOW_REVIEWER": "",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
TEXT = "Strike on 14/12/2015.\n\nHands off!\n\nThe workers will not pay.\n"
FRENCH = {
    "Strike on 14/12/2015.": "Grève le 14/12/2015.",
    "Hands off!": "Bas les pattes !",
    "The workers will not pay.": "Les travailleurs ne paieront pas.",
}


def translate(po_file: Path, translations: dict[str, str]) -> None:
    """As a translator's tool would: polib fills the entries and saves the file its own way."""
    po = polib.pofile(str(po_file))
    for entry in po:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
            entry.previous_msgid = None
    po.save()


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, list(args), env=ENV)
    return result.exit_code, result.stdout, result.stderr


def test_the_record_is_sorted_merge_friendly_and_lapses_by_hash() -> None:
    records = [
        ReviewRecord("ub", "approved", text_hash("B"), text_hash("b"), "Ann", "2026-11-29"),
        ReviewRecord("ua", "rejected", text_hash("A"), text_hash("a"), "Bob\tTab", "2026-11-28", "too\nlong"),
    ]
    text = render_review(records)
    assert text.splitlines()[2].startswith("ua\trejected") and "Bob Tab" in text and "too long" in text
    assert parse_review(text, "x.review")[1] == records[0]
    found = approvals(["A", "B", "B", "C"], ["a", "b", "b", None], records)
    assert set(found) == {1, 2}  # a repeated text shares the approval; a rejection approves nothing
    assert approvals(["B"], ["b changed"], records) == {}
    assert [r.unit for r in pruned(records, {"B": "b"})] == ["ub"]


def test_end_to_end_update_check_review_build_edit_review_build(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.txt": TEXT}, languages=("fr",))
    with (root / "transflow.toml").open("a", encoding="utf-8") as handle:
        handle.write("require_review = true\n")
    assert invoke(runner, "update")[0] == 0
    po_file = root / "locales" / "fr" / "a.po"
    translate(po_file, FRENCH)
    assert invoke(runner, "check")[0] == 0
    code, _, err = invoke(runner, "review", "a", "-l", "fr", "--approve")
    assert code == 2 and "who is reviewing?" in err
    code, out, _ = invoke(runner, "build", "--json")
    (record,) = json.loads(out)["documents"]
    assert record["status"] == "skipped" and record["reason"] == "3 unreviewed"
    code, out, _ = invoke(runner, "review", "a", "-l", "fr", "--approve", "--by", "Maria P.")
    assert code == 0 and "3 approved by Maria P." in out
    review_file = root / "locales" / "fr" / "a.review"
    assert len(review_file.read_text(encoding="utf-8").splitlines()) == 5
    status = json.loads(invoke(runner, "status", "--json")[1])
    assert status["totals"]["segments"]["reviewed"] == 3 and status["totals"]["words"]["reviewed"] == 10
    code, out, _ = invoke(runner, "build", "--json")
    (record,) = json.loads(out)["documents"]
    assert record["status"] == "built" and record["reviewers"] == ["Maria P."] and record["reviewed"]
    published = (root / "build" / "fr" / "a.txt").read_bytes()
    # a translator edits one translation: its approval lapses, the published file stays, stale
    translate(po_file, {"Hands off!": "Pas touche !"})
    code, out, _ = invoke(runner, "build", "--json")
    (record,) = json.loads(out)["documents"]
    assert record["status"] == "stale" and record["reason"].startswith("1 unreviewed")
    assert (root / "build" / "fr" / "a.txt").read_bytes() == published
    segments = invoke(runner, "status", "a", "-l", "fr", "--state", "unreviewed")[1]
    assert "Pas touche" in segments and "Grève" not in segments
    assert "reviewed by Maria P." in invoke(runner, "status", "a", "-l", "fr", "--state", "reviewed")[1]
    invoke(runner, "update")  # prunes the lapsed line
    assert len(review_file.read_text(encoding="utf-8").splitlines()) == 4
    code, out, _ = invoke(runner, "review", "a", "-l", "fr", "--approve", "--unit", "nope", "--by", "Ann")
    assert code == 2
    unit = json.loads(invoke(runner, "status", "a", "-l", "fr", "--json", "--state", "unreviewed")[1])[
        "rows"
    ][0]["ref"]
    assert invoke(runner, "review", "a", "-l", "fr", "--approve", "--unit", unit, "--by", "Ann")[0] == 0
    code, out, _ = invoke(runner, "build", "--json")
    (record,) = json.loads(out)["documents"]
    assert record["status"] == "built" and record["reviewers"] == ["Ann", "Maria P."]
    assert "Pas touche !" in (root / "build" / "fr" / "a.txt").read_text(encoding="utf-8")
    assert invoke(runner, "review", "a", "-l", "fr", "--revoke")[0] == 0
    assert not review_file.exists()


@needs_gettext
def test_rewrapping_keeps_approvals(make_project: Callable[..., Path], runner: CliRunner) -> None:
    root = make_project({"a.txt": "A long sentence " * 12 + "ends here.\n"}, languages=("fr",))
    invoke(runner, "update")
    po_file = root / "locales" / "fr" / "a.po"
    translate(
        po_file, {("A long sentence " * 12 + "ends here.").strip(): "Une longue phrase " * 12 + "finit ici."}
    )
    invoke(runner, "review", "a", "-l", "fr", "--approve", "--by", "Ann")
    before = json.loads(invoke(runner, "status", "--json")[1])["totals"]["segments"]["reviewed"]
    rewrapped = subprocess.run(["msgcat", "--no-wrap", str(po_file)], capture_output=True, check=True).stdout
    assert rewrapped != po_file.read_bytes()
    po_file.write_bytes(rewrapped)
    assert json.loads(invoke(runner, "status", "--json")[1])["totals"]["segments"]["reviewed"] == before == 1


def test_an_approval_leaves_the_translators_layout_alone(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    long_source = "A long sentence " * 6 + "ends here."
    root = make_project({"a.txt": f"{long_source}\n\nHands off!\n"}, languages=("fr",))
    invoke(runner, "update")
    po_file = root / "locales" / "fr" / "a.po"
    po = polib.pofile(str(po_file), wrapwidth=200)  # the translator's tool wraps at 200 columns
    for entry in po:
        entry.msgstr = (
            "Une longue phrase " * 6 + "finit ici." if entry.msgid == long_source else "Bas les pattes !"
        )
        entry.flags = ["fuzzy"] if entry.msgid == "Hands off!" else []
    po.save()
    long_line = next(line for line in po_file.read_text(encoding="utf-8").splitlines() if "finit ici" in line)
    assert long_line.startswith('msgstr "Une') and len(long_line) > 80  # gettext would wrap it
    assert invoke(runner, "review", "a", "-l", "fr", "--approve", "--by", "Ann")[0] == 0
    assert "#, fuzzy" in po_file.read_text(encoding="utf-8")  # a bulk approval leaves fuzzy entries alone
    fuzzy_unit = next(entry for entry in po if entry.msgid == "Hands off!").occurrences[0][0].split(":")[1]
    assert invoke(runner, "review", "a", "-l", "fr", "--approve", "--unit", fuzzy_unit, "--by", "Ann")[0] == 0
    text = po_file.read_text(encoding="utf-8")
    assert long_line in text.splitlines()  # the untouched entry keeps its lines
    assert "#, fuzzy" not in text  # the fuzzy entry approved by name is settled


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_interactive_review_in_a_terminal(
    make_project: Callable[..., Path], runner: CliRunner, tmp_path: Path
) -> None:
    pexpect = pytest.importorskip("pexpect", reason="pexpect (a test extra) drives the terminal")
    root = make_project({"a.txt": TEXT}, languages=("fr",))
    invoke(runner, "update")
    po_file = root / "locales" / "fr" / "a.po"
    translate(po_file, FRENCH)
    editor = tmp_path / "editor.sh"
    seen = tmp_path / "seen.txt"  # what the editor was given
    editor.write_text(
        f'#!/bin/sh\ncp "$1" {seen}\nsed -i \'s/paieront pas/paieront rien/\' "$1"\n', encoding="utf-8"
    )
    editor.chmod(0o755)
    env = {
        **os.environ,
        "EDITOR": str(editor),
        "TRANSFLOW_REVIEWER": "Rev Iewer",
        "COLUMNS": "80",
        "NO_COLOR": "1",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src"),
    }
    child = pexpect.spawn(
        sys.executable,
        ["-m", "transflow", "review", "a", "-l", "fr"],
        cwd=str(root),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 80),
    )
    child.expect("1/3 · 0 approved · 0 rejected")
    child.expect(r"\[a\]pprove")
    child.send("a")
    child.expect("2/3 · 1 approved · 0 rejected")
    child.expect(r"\[a\]pprove")
    child.send("r")
    child.expect("remark for the translator")
    child.sendline("keep the exclamation")
    child.expect("3/3 · 1 approved · 1 rejected")
    child.expect(r"\[a\]pprove")
    child.send("b")  # back: the decision already taken is shown
    child.expect("already decided in this session: rejected \\(keep the exclamation\\)")
    child.expect(r"\[a\]pprove")
    child.send("s")
    child.expect(r"\[a\]pprove")
    child.send("e")
    child.expect(r"a.txt \[fr\]: \d+ approved, 1 rejected this session; \d+ of 3 still to review")
    child.expect(pexpect.EOF)
    entries = {entry.msgid: entry for entry in polib.pofile(str(po_file))}
    assert (
        entries["Hands off!"].tcomment == "review: keep the exclamation"
        and "fuzzy" in entries["Hands off!"].flags
    )
    assert entries["The workers will not pay."].msgstr == "Les travailleurs ne paieront rien."
    given = seen.read_text(encoding="utf-8")
    assert (
        given.startswith("# source: The workers will not pay.\n") and "# ---- your translation below" in given
    )
    assert "fuzzy" not in entries["Strike on 14/12/2015."].flags
    record = (root / "locales" / "fr" / "a.review").read_text(encoding="utf-8")
    assert record.count("\tapproved\t") == 2 and record.count("\trejected\t") == 1
    assert "Rev Iewer" in record
