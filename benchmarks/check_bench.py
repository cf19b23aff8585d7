"""Benchmark: `transflow check --json` against a cold `transflow status --json` on the same project.

Generates N documents (about 30 units each, figures in 30% of the sentences) x 10 languages with
mixed states and translations that keep the figures, then times, in the same run: a cold status (no cache), `check --json` (every check
on every translated and fuzzy unit, consistency across documents) and a warm status.

    python benchmarks/check_bench.py [N_DOCUMENTS]     # default 1000
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import LANGUAGES, TRANSFLOW, generate

from transflow.po import format_po, read_po


def timed(command: list[str], cwd: Path) -> tuple[float, bytes]:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True)
    return time.perf_counter() - started, done.stdout


def main(documents: int) -> None:
    root = Path(tempfile.mkdtemp(prefix="transflow-check-bench-"))
    try:
        print(f"{documents} documents x {len(LANGUAGES)} languages")
        generate(root, documents, figures=True)
        # translations that keep their figures (the corpus reverses every character, which
        # no translator does): every figure, date and time must still be checked by value
        for po_file in sorted((root / "locales").rglob("*.po")):
            po = read_po(po_file)
            for entry in po.entries:
                if entry.msgstr:
                    entry.msgstr = (
                        "« " + " ".join(reversed(entry.msgid[:-1].split())) + entry.msgid[-1:] + " »"
                    )
            po_file.write_text(format_po(po), encoding="utf-8")
        shutil.rmtree(root / ".transflow", ignore_errors=True)
        cold, _ = timed([*TRANSFLOW, "status", "--json"], root)
        check, output = timed([*TRANSFLOW, "check", "--json"], root)
        warm, _ = timed([*TRANSFLOW, "status", "--json"], root)
        totals = json.loads(output)["totals"]
        print(f"  transflow status --json, cold:     {cold:6.2f} s")
        print(
            f"  transflow check --json:            {check:6.2f} s   {totals['errors']} errors, {totals['warnings']} warnings"
        )
        print(f"  transflow status --json, warm:     {warm:6.2f} s")
        print(f"  check / cold status: {check / cold:.2f}x (goal: at most 2x)")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
