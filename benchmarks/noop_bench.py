"""Benchmark: a run with nothing to do, against `git status` on the same tree.

Generates N documents x 10 languages, commits the tree to git, runs status and update once
so the caches hold, waits out the racy-timestamp window, then times (best of five, the same
run): `git status`, `transflow status --json` and `transflow update` with nothing changed.

    python benchmarks/noop_bench.py [N_DOCUMENTS]     # default 1000
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import LANGUAGES, TRANSFLOW, best_time, generate


def main(documents: int) -> None:
    root = Path(tempfile.mkdtemp(prefix="transflow-noop-bench-"))
    try:
        print(f"{documents} documents x {len(LANGUAGES)} languages")
        generate(root, documents, drift=False)
        git = ["git", "-c", "user.name=b", "-c", "user.email=b@example.org", "-c", "commit.gpgsign=false"]
        subprocess.run(["git", "init", "-q"], cwd=root, check=True)
        subprocess.run([*git, "add", "-A"], cwd=root, check=True)
        subprocess.run([*git, "commit", "-qm", "corpus"], cwd=root, check=True)
        for command in (["update"], ["status", "--json"]):
            subprocess.run([*TRANSFLOW, *command], cwd=root, check=True, stdout=subprocess.DEVNULL)
        time.sleep(2.5)  # past the racy window: the index may now trust the files' stat data
        for command in (["update"], ["status", "--json"]):
            subprocess.run([*TRANSFLOW, *command], cwd=root, check=True, stdout=subprocess.DEVNULL)
        files = sum(1 for path in root.rglob("*") if path.is_file() and ".git" not in path.parts)
        git_status = best_time(["git", "status", "--porcelain"], root, runs=5)
        status = best_time([*TRANSFLOW, "status", "--json"], root, runs=5)
        update = best_time([*TRANSFLOW, "update"], root, runs=5)
        python = best_time([sys.executable, "-c", "pass"], root, runs=5)
        print(f"  {files} files in the tree")
        print(f"  git status:                          {git_status:6.3f} s")
        print(
            f"  transflow status --json, unchanged:  {status:6.3f} s   {status / git_status:5.1f}x git status"
        )
        print(
            f"  transflow update, unchanged:         {update:6.3f} s   {update / git_status:5.1f}x git status"
        )
        print(f"  (a bare Python start here:           {python:6.3f} s)")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
