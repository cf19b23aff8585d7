"""Benchmark: `transflow build` over N documents x 10 languages, then again with nothing changed.

Half of the languages are fully translated, the others partly (so they are skipped with a
reason). The second run must write nothing: the figure printed is the number of files it wrote.

    python benchmarks/build_bench.py [N_DOCUMENTS]     # default 1000
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


def finish_half_the_languages(root: Path) -> None:
    for language in LANGUAGES[: len(LANGUAGES) // 2]:
        for po_file in (root / "locales" / language).rglob("*.po"):
            po = read_po(po_file)
            for entry in po.entries:
                entry.msgstr, entry.flags = entry.msgstr or entry.msgid[::-1], []
            po_file.write_text(format_po(po), encoding="utf-8")


def build(root: Path) -> tuple[float, dict]:  # type: ignore[type-arg]
    started = time.perf_counter()
    result = subprocess.run(
        [*TRANSFLOW, "build", "--json"], cwd=root, capture_output=True, text=True, check=True
    )
    return time.perf_counter() - started, json.loads(result.stdout)


def run(documents: int) -> None:
    root = Path(tempfile.mkdtemp(prefix="transflow-build-bench-"))
    try:
        print(f"{documents} documents x {len(LANGUAGES)} languages")
        generate(root, documents, translated_share=0.8, drift=False)
        finish_half_the_languages(root)
        first, payload = build(root)
        built = sum(counts["built"] for counts in payload["summary"].values())
        print(
            f"  first build:  {first:6.2f} s, {built} documents built, {len(payload['written'])} files written"
        )
        stamps = {path: path.stat().st_mtime_ns for path in (root / "build").rglob("*") if path.is_file()}
        second, payload = build(root)
        unchanged = all(path.stat().st_mtime_ns == stamp for path, stamp in stamps.items())
        print(
            f"  second build: {second:6.2f} s, {len(payload['written'])} files written, all file times unchanged: {unchanged}"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
