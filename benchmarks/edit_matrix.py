"""The source-edit matrix (tests/golden/edit_matrix.json) run through transflow's merge and
through `msgmerge --previous` on the same inputs: how many units each got right, wrong
(another unit's translation, or a pre-fill where none belongs) or left empty.

    python benchmarks/edit_matrix.py
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from transflow.catalog import LanguageInfo, MergeOptions, build_template, language_header, merge
from transflow.formats import Segmentation, parse_document
from transflow.po import PoFile, format_po, read_po

CASES = json.loads(
    (Path(__file__).resolve().parents[1] / "tests" / "golden" / "edit_matrix.json").read_text("utf-8")
)
FRENCH = LanguageInfo("fr", "French", "nplurals=2; plural=(n > 1);")


def translation_of(msgid: str) -> str:
    return f"<<{msgid}>>"


def inputs(case: dict) -> tuple[PoFile, PoFile]:  # type: ignore[type-arg]
    segmentation = Segmentation(unit=case["unit"])
    old = build_template(
        parse_document(case["old"].encode(), "doc.txt", segmentation), "t", "2026-01-01 00:00+0000"
    )
    for entry in old.entries:
        entry.msgstr = translation_of(entry.msgid)
    new = build_template(
        parse_document(case["new"].encode(), "doc.txt", segmentation), "t", "2026-01-01 00:00+0000"
    )
    old.header = language_header(new, None, FRENCH, "doc.txt")
    return old, new


def judge(case: dict, entries: dict[str, str]) -> tuple[int, int, int]:  # type: ignore[type-arg]
    """(right, wrong, empty) over the new units; a translation counts by whose it is."""
    right = wrong = empty = 0
    for msgid, translation in entries.items():
        expected = case["expect"].get(msgid, ["kept"])
        source_of_translation = translation[2:-2] if translation else None
        wanted = {"kept": msgid, "empty": None}.get(expected[0], expected[-1])
        if source_of_translation == wanted:
            right += 1
        elif source_of_translation is None:
            empty += 1
        else:
            wrong += 1
    return right, wrong, empty


def with_transflow(case: dict) -> dict[str, str]:  # type: ignore[type-arg]
    old, new = inputs(case)
    result = merge(new, old, old.header, MergeOptions(keep_trivial=case["keep_trivial"]))
    return {entry.msgid: entry.msgstr for entry in result.po.entries if not entry.obsolete}


def with_msgmerge(case: dict, folder: Path) -> dict[str, str]:  # type: ignore[type-arg]
    old, new = inputs(case)
    (folder / "old.po").write_text(format_po(old), encoding="utf-8")
    (folder / "new.pot").write_text(format_po(new), encoding="utf-8")
    subprocess.run(
        [
            "msgmerge",
            "--quiet",
            "--previous",
            "-o",
            str(folder / "out.po"),
            str(folder / "old.po"),
            str(folder / "new.pot"),
        ],
        check=True,
    )
    return {entry.msgid: entry.msgstr for entry in read_po(folder / "out.po").entries if not entry.obsolete}


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="transflow-edit-matrix-"))
    totals = {"transflow": [0, 0, 0], "msgmerge": [0, 0, 0]}
    print(f"{'case':42} {'transflow r/w/e':>16} {'msgmerge r/w/e':>16}")
    try:
        for case in CASES["cases"]:
            ours = judge(case, with_transflow(case))
            theirs = judge(case, with_msgmerge(case, folder)) if shutil.which("msgmerge") else (0, 0, 0)
            for name, figures in (("transflow", ours), ("msgmerge", theirs)):
                totals[name] = [a + b for a, b in zip(totals[name], figures, strict=True)]
            print(f"{case['name']:42} {'/'.join(map(str, ours)):>16} {'/'.join(map(str, theirs)):>16}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for name, (right, wrong, empty) in totals.items():
        print(f"{name}: {right} right, {wrong} wrong, {empty} empty")


if __name__ == "__main__":
    main()
