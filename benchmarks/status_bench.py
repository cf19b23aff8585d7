"""Benchmark: `transflow status --json` against `msgfmt --statistics` on the same PO files.

Generates a project of N documents (about 30 units each) x 10 languages with mixed states,
then times, in the same run: a cold `transflow status --json` (no cache: segments every
source and reads every PO), a repeated one (nothing changed), and msgfmt --statistics file
by file over the same PO files. Also reports peak memory at N/4 and N documents.

    python benchmarks/status_bench.py [N_DOCUMENTS]     # default 1000
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from transflow.pofile import format_po, read_po

LANGUAGES = ["fr", "de", "es", "el", "ru", "ar", "it", "pt_BR", "tr", "zh_Hans"]
WORDS = (
    "workers strike port union solidarity government repression protest embassy delegation "
    "letter demand safety profit wages hospital fishermen quota commission statement struggle"
).split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 22))]
    return " ".join(words).capitalize() + rng.choice([".", ".", ".", "!", "?"])


def make_document(rng: random.Random) -> str:
    blocks = ["Statement on " + " ".join(rng.choice(WORDS) for _ in range(4))]
    while sum(block.count(".") + block.count("!") + block.count("?") for block in blocks) < 28:
        blocks.append(" ".join(sentence(rng) for _ in range(rng.randint(1, 4))))
    blocks.append("The Executive Committee")
    return "\n\n".join(blocks) + "\n"


def generate(root: Path, documents: int) -> None:
    rng = random.Random(documents)
    quoted = ", ".join(f'"{code}"' for code in LANGUAGES)
    (root / "transflow.toml").write_text(f'project = "bench"\nlanguages = [{quoted}]\n', encoding="utf-8")
    for index in range(documents):
        path = root / "source_texts" / f"{index // 100:02d}" / f"statement-{index:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(make_document(rng), encoding="utf-8")
    started = time.perf_counter()
    subprocess.run(["transflow", "update"], cwd=root, check=True, stdout=subprocess.DEVNULL)
    print(f"  generated with `transflow update` in {time.perf_counter() - started:.1f} s")
    for po_file in sorted((root / "locales").rglob("*.po")):
        po = read_po(po_file)
        share = rng.random()
        for entry in po.entries:
            draw = rng.random()
            if draw < share:
                entry.msgstr = entry.msgid[::-1]
            elif draw < share + 0.05:
                entry.msgstr, entry.flags = entry.msgid.upper(), ["fuzzy"]
        po_file.write_text(format_po(po), encoding="utf-8")
    # the sources moved on a little since the last update: status must see it
    for path in sorted((root / "source_texts").rglob("*.txt"))[::10]:
        path.write_text(
            path.read_text(encoding="utf-8") + "\nOne more sentence was added.\n", encoding="utf-8"
        )


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one child process."""
    started = time.perf_counter()
    with subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as process:
        _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, usage.ru_maxrss


def msgfmt_all(root: Path) -> tuple[float, int]:
    files = sorted((root / "locales").rglob("*.po"))
    started = time.perf_counter()
    for po_file in files:
        subprocess.run(
            ["msgfmt", "--statistics", "-o", os.devnull, str(po_file)], capture_output=True, check=True
        )
    return time.perf_counter() - started, len(files)


def run(documents: int) -> None:
    root = Path(tempfile.mkdtemp(prefix="transflow-status-bench-"))
    try:
        print(f"{documents} documents x {len(LANGUAGES)} languages")
        generate(root, documents)
        cold, cold_rss = timed(["transflow", "status", "--json"], root)
        warm, warm_rss = timed(["transflow", "status", "--json"], root)
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
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    run(count // 4)
    run(count)
