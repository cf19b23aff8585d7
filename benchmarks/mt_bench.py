"""Benchmark: machine drafts with Apertium English->Spanish (`transflow update --mt`).

Corpus: the repository's sample statements (5 documents: text, Markdown, HTML, with figures,
links, placeholders, code), copied K times into a fresh project with Spanish as its only
language and `[mt.es] engine = "command"`, `command = ["apertium", "-u", "eng-spa"]`.
Prints the drafts per second (wall time of `update --mt` after a plain `update`, with
Apertium's own time in it) and, of the units with protected tokens (figures, links,
placeholders, code, terms), the share whose tokens came back intact.

    python benchmarks/mt_bench.py [COPIES]
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))


def main() -> None:
    import polib

    from transflow.mt import protect

    if shutil.which("apertium") is None:
        sys.exit("Apertium is not installed: apt-get install apertium-eng-spa")
    copies = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 10
    env = {**os.environ, "TRANSFLOW_NO_REPLAY": "1", "PYTHONPATH": str(REPO / "src")}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for copy in range(copies):
            shutil.copytree(REPO / "source_texts", root / "source_texts" / f"batch{copy}")
        (root / "transflow.toml").write_text(
            'languages = ["es"]\n[glossary]\nkeep = ["PAME"]\n'
            '[mt.es]\nengine = "command"\ncommand = ["apertium", "-u", "eng-spa"]\n',
            encoding="utf-8",
        )
        command = [sys.executable, "-m", "transflow", "update"]
        subprocess.run([*command, "--json"], cwd=root, env=env, check=True, capture_output=True)
        started = time.perf_counter()
        done = subprocess.run(
            [*command, "--mt", "--json"], cwd=root, env=env, check=True, capture_output=True
        )
        seconds = time.perf_counter() - started
        (drafts,) = json.loads(done.stdout)["machine_drafts"]
        with_tokens = survived = 0
        for po_file in (root / "locales" / "es").rglob("*.po"):
            for entry in polib.pofile(str(po_file)):
                if entry.obsolete or not entry.msgid or not protect(entry.msgid, ["PAME"]).pieces:
                    continue
                with_tokens += 1
                survived += bool(entry.msgstr) and "machine translation" in entry.tcomment
        attempted = drafts["drafted"] + drafts["discarded"] + drafts["unusable"]
        print(f"sample statements x {copies}, Spanish by apertium -u eng-spa, `update --mt` (wall time)")
        print(
            f"  {drafts['drafted']} drafts of {attempted} empty units in {seconds:.2f} s:"
            f" {drafts['drafted'] / seconds:,.0f} drafts/s"
        )
        print(
            f"  units with protected tokens: {with_tokens}; tokens intact in {survived}"
            f" ({100 * survived / max(with_tokens, 1):.1f}%); {drafts['discarded']} drafts discarded"
        )


if __name__ == "__main__":
    main()
