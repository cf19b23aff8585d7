"""Benchmark: build of a 1 MB hard-wrapped text, fully translated, against po4a-translate.

Both tools get the same text (paragraphs hard-wrapped at 72 columns) and every unit
translated (the source words reversed in order, so every paragraph is rewrapped). Times the
build alone (best of three), after each tool's own extraction. Prints the ratio.

    python benchmarks/wrap_bench.py [MEGABYTES]     # default 1
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import polib
from corpus import TRANSFLOW, best_time
from update_bench import realistic_sentences


def wrapped_text(size: int, rng: random.Random) -> str:
    sentences = iter(realistic_sentences(size // 60, rng))
    paragraphs: list[str] = []
    total = 0
    while total < size:
        paragraph = " ".join(next(sentences) for _ in range(rng.randint(2, 6)))
        block = textwrap.fill(paragraph, width=72)
        paragraphs.append(block)
        total += len(block) + 2
    return "\n\n".join(paragraphs) + "\n"


def translated(msgid: str) -> str:
    return " ".join(reversed(msgid.split()))


def main(megabytes: float) -> None:
    root = Path(tempfile.mkdtemp(prefix="transflow-wrap-bench-"))
    try:
        text = wrapped_text(int(megabytes * 1_000_000), random.Random(5))
        (root / "source_texts").mkdir()
        (root / "source_texts" / "statement.txt").write_text(text, encoding="utf-8")
        (root / "transflow.toml").write_text('languages = ["fr"]\nunit = "paragraph"\n', encoding="utf-8")
        subprocess.run([*TRANSFLOW, "update"], cwd=root, check=True, stdout=subprocess.DEVNULL)
        po = polib.pofile(str(root / "locales" / "fr" / "statement.po"))
        for entry in po:
            entry.msgstr = translated(entry.msgid)
        po.save()
        ours = best_time([*TRANSFLOW, "build"], root, before=["rm", "-rf", str(root / "build")])
        print(f"{len(text) / 1e6:.2f} MB, {len(po)} paragraphs, hard-wrapped at 72 columns, fully translated")
        print(f"  transflow build:  {ours:6.2f} s")
        if not shutil.which("po4a-translate"):
            print("  po4a not installed (apt-get install po4a): no comparison")
            return
        source = str(root / "source_texts" / "statement.txt")
        their_po = root / "po4a.po"
        subprocess.run(["po4a-updatepo", "-f", "text", "-M", "UTF-8", "-m", source, "-p", str(their_po)],
                       cwd=root, check=True, capture_output=True)  # fmt: skip
        theirs_po = polib.pofile(str(their_po))
        for entry in theirs_po:
            entry.msgstr = translated(entry.msgid)
        theirs_po.save()
        theirs = best_time(
            ["po4a-translate", "-f", "text", "-M", "UTF-8", "-m", source, "-p", str(their_po),
             "-l", str(root / "po4a.txt"), "-k", "0"],
            root,
        )  # fmt: skip
        print(f"  po4a-translate:   {theirs:6.2f} s   ({len(theirs_po)} paragraphs)")
        print(f"  transflow / po4a: {ours / theirs:.2f}x (goal: at most 0.5x)")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0)
