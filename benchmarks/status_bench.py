"""Benchmark: `transflow status --json` against `msgfmt --statistics` on the same PO files.

Generates a project of N documents (about 30 units each, figures in them) x K languages in
mixed states, translated in each language's own script, quotes and punctuation
(``corpus.native_translation``), default sentence mode; then measures, in the same run, CPU
time (user + system, of every process the command starts) and peak memory of: a cold
`transflow status --json` (every cache removed first, .transflow and the user's cache folder
with its locale facts: it segments every source, reads every PO and asks babel), a repeated
one (nothing changed, the full run over its caches),
and `msgfmt --statistics` file by file over the same PO files (CPU summed over the files).

    python benchmarks/status_bench.py [N_DOCUMENTS] [--languages K] [--runs R]     # 1000, 6, 3
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import tempfile
from pathlib import Path

from corpus import TRANSFLOW, generate, run_measured


def cpu_of(command: list[str], cwd: Path, environment: dict[str, str] | None = None) -> float:
    """User + system CPU seconds of ``command`` and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        command, cwd=cwd, env={**os.environ, **(environment or {})}, check=True, stdout=subprocess.DEVNULL
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def msgfmt_cpu(root: Path) -> tuple[float, int]:
    files = sorted((root / "locales").rglob("*.po"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for po_file in files:
        subprocess.run(
            ["msgfmt", "--statistics", "-o", os.devnull, str(po_file)], capture_output=True, check=True
        )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), len(files)


def run(documents: int, languages: int, runs: int) -> None:
    root = Path(tempfile.mkdtemp(prefix="transflow-status-bench-"))
    user_cache = Path(tempfile.mkdtemp(prefix="transflow-status-bench-cache-"))
    no_replay = {"TRANSFLOW_NO_REPLAY": "1", "XDG_CACHE_HOME": str(user_cache)}

    def no_cache() -> None:
        shutil.rmtree(root / ".transflow", ignore_errors=True)
        shutil.rmtree(user_cache / "transflow", ignore_errors=True)

    try:
        print(f"{documents} documents x {languages} languages, target-script translations, sentence mode")
        generate(root, documents, languages=languages, native=True, figures=True)
        colds, warms, theirs = [], [], []
        for _ in range(runs):  # interleaved: the machine's load falls on every tool alike
            no_cache()
            colds.append(cpu_of([*TRANSFLOW, "status", "--json"], root, no_replay))
            warms.append(cpu_of([*TRANSFLOW, "status", "--json"], root, no_replay))
            if shutil.which("msgfmt"):
                seconds, files = msgfmt_cpu(root)
                theirs.append(seconds)
        no_cache()
        _, cold_rss = run_measured([*TRANSFLOW, "status", "--json"], root, no_replay)
        _, warm_rss = run_measured([*TRANSFLOW, "status", "--json"], root, no_replay)
        cold, warm = min(colds), min(warms)
        print(
            f"  transflow status --json, cold (no cache): {cold:6.2f} s CPU   peak RSS {cold_rss / 1024:.0f} MiB"
        )
        print(
            f"  transflow status --json, nothing changed: {warm:6.2f} s CPU   peak RSS {warm_rss / 1024:.0f} MiB"
        )
        if theirs:
            msgfmt = min(theirs)
            print(f"  msgfmt --statistics over {files} PO files:   {msgfmt:6.2f} s CPU")
            print(
                f"  cold / msgfmt: {cold / msgfmt:.3f}x (goal: at most 0.1x)   repeated / msgfmt: {warm / msgfmt:.3f}x"
            )
        else:
            print("  msgfmt not installed: no comparison")
    finally:
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(user_cache, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("documents", nargs="?", type=int, default=1000)
    parser.add_argument("--languages", type=int, default=6)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    run(options.documents, options.languages, options.runs)
