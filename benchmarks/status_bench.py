"""Benchmark: `transflow status --json` against `msgfmt --statistics` on the same PO files.

Generates a project of N documents (about 30 units each) x 10 languages with mixed states,
then times, in the same run: a cold `transflow status --json` (no cache: segments every
source and reads every PO), a repeated one (nothing changed), and msgfmt --statistics file
by file over the same PO files. Also reports peak memory at N/4 and N documents.

    python benchmarks/status_bench.py [N_DOCUMENTS] [--languages K]     # default 1000, 10
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import LANGUAGES, TRANSFLOW, generate, run_measured


def msgfmt_all(root: Path) -> tuple[float, int]:
    files = sorted((root / "locales").rglob("*.po"))
    started = time.perf_counter()
    for po_file in files:
        subprocess.run(
            ["msgfmt", "--statistics", "-o", os.devnull, str(po_file)], capture_output=True, check=True
        )
    return time.perf_counter() - started, len(files)


def run(documents: int, languages: int) -> None:
    root = Path(tempfile.mkdtemp(prefix="transflow-status-bench-"))
    try:
        print(f"{documents} documents x {languages} languages")
        generate(root, documents, languages=languages)
        cold, cold_rss = run_measured([*TRANSFLOW, "status", "--json"], root)
        # the full run over the caches, not the answer kept for a still tree (noop_bench has that)
        warm, warm_rss = run_measured([*TRANSFLOW, "status", "--json"], root, {"TRANSFLOW_NO_REPLAY": "1"})
        print(
            f"  transflow status --json, cold (no cache): {cold:6.2f} s   peak RSS {cold_rss / 1024:.0f} MiB"
        )
        print(
            f"  transflow status --json, nothing changed: {warm:6.2f} s   peak RSS {warm_rss / 1024:.0f} MiB"
        )
        if shutil.which("msgfmt"):
            msgfmt, files = msgfmt_all(root)
            print(f"  msgfmt --statistics over {files} PO files:   {msgfmt:6.2f} s")
            print(f"  ratio msgfmt / cold: {msgfmt / cold:.1f}x   msgfmt / repeated: {msgfmt / warm:.1f}x")
        else:
            print("  msgfmt not installed: no comparison")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    numbers = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    count = int(numbers[0]) if numbers else 1000
    languages = (
        int(sys.argv[sys.argv.index("--languages") + 1]) if "--languages" in sys.argv else len(LANGUAGES)
    )
    run(count // 4, languages)
    run(count, languages)
