"""Benchmark: build of a 1 MB hard-wrapped press text, fully translated, against po4a-translate.

Both tools get the same text (paragraphs of realistic press prose hard-wrapped at 72 columns)
and every unit translated in the target language's own script, accents, quotes and
punctuation (``corpus.native_translation``: French « » and no-break spaces, Greek, Russian,
Arabic), so that every paragraph is rewrapped as real translations are. transflow runs with
its default settings (``unit = "sentence"``); po4a translates its paragraphs. Each build is
timed in CPU seconds of the child process (user + system), interleaved with the other tool's,
best of R, after each tool's own extraction. Prints the ratio per language.

    python benchmarks/wrap_bench.py [MEGABYTES] [--languages fr,el,ru,ar] [--runs R]
        [--unit sentence|paragraph] [--ascii]

``--ascii``: the earlier stand-in translations (the source's words reversed: ASCII, the line
breaker's fast path always applies), for comparison.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import tempfile
import textwrap
import time
from pathlib import Path

import polib
from corpus import TRANSFLOW, native_translation
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


def reversed_words(msgid: str, language: str) -> str:
    return " ".join(reversed(msgid.split()))


def cpu_seconds(command: list[str], cwd: Path) -> float:
    """User + system CPU time of one run of ``command`` (a child process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def translate_po(path: Path, language: str, translate: object) -> int:
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = translate(entry.msgid, language)  # type: ignore[operator]
    po.save()
    return len(po)


def rewrap_seconds(paragraphs: list[str], language: str | None) -> float:
    """CPU seconds to rewrap every paragraph's translation to 72 columns, in process (best of
    fifteen: the figure is small, the machine's noise is not): ``language`` None for the ASCII
    stand-ins, else that script's."""
    from transflow.assemble import rewrap
    from transflow.model import Block

    block = Block(1, "paragraph", 0, 0, wrapped=True, width=72)
    texts = [
        reversed_words(paragraph, "") if language is None else native_translation(paragraph, language)
        for paragraph in paragraphs
    ]
    best = float("inf")
    for _ in range(15):
        started = time.process_time()
        for text in texts:
            rewrap(text, block, "\n", 0)
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("megabytes", nargs="?", type=float, default=1.0)
    parser.add_argument("--languages", default="fr,el,ru,ar")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--unit", default="sentence", choices=["sentence", "paragraph"])
    parser.add_argument("--ascii", action="store_true")
    options = parser.parse_args()
    languages = options.languages.split(",")
    translate = reversed_words if options.ascii else native_translation
    root = Path(tempfile.mkdtemp(prefix="transflow-wrap-bench-"))
    try:
        text = wrapped_text(int(options.megabytes * 1_000_000), random.Random(5))
        (root / "source_texts").mkdir()
        source = root / "source_texts" / "statement.txt"
        source.write_text(text, encoding="utf-8")
        quoted = ", ".join(f'"{code}"' for code in languages)
        (root / "transflow.toml").write_text(
            f'languages = [{quoted}]\nunit = "{options.unit}"\n', encoding="utf-8"
        )
        subprocess.run([*TRANSFLOW, "update"], cwd=root, check=True, stdout=subprocess.DEVNULL)
        units = 0
        for language in languages:
            units = translate_po(root / "locales" / language / "statement.po", language, translate)
        po4a = shutil.which("po4a-translate") is not None
        paragraphs = 0
        if po4a:
            for language in languages:
                their_po = root / f"po4a-{language}.po"
                subprocess.run(
                    ["po4a-updatepo", "-f", "text", "-M", "UTF-8", "-m", str(source), "-p", str(their_po)],
                    cwd=root, check=True, capture_output=True,
                )  # fmt: skip
                paragraphs = translate_po(their_po, language, translate)
        kind = "ASCII stand-ins (words reversed)" if options.ascii else "translations in the target script"
        print(
            f"{len(text) / 1e6:.2f} MB hard-wrapped at 72 columns, {units} units (unit = {options.unit}),"
            f" {kind}; CPU seconds, best of {options.runs}, interleaved"
        )
        for language in languages:
            ours, theirs = [], []
            for _ in range(options.runs):
                shutil.rmtree(root / "build", ignore_errors=True)
                ours.append(cpu_seconds([*TRANSFLOW, "build", "-l", language], root))
                if po4a:
                    po4a_po = str(root / f"po4a-{language}.po")
                    output = str(root / f"po4a-{language}.txt")
                    command = ["po4a-translate", "-f", "text", "-M", "UTF-8", "-m", str(source)]
                    theirs.append(cpu_seconds([*command, "-p", po4a_po, "-l", output, "-k", "0"], root))
            line = f"  {language}: transflow build {min(ours):5.2f} s"
            if po4a:
                line += (
                    f"   po4a-translate {min(theirs):5.2f} s ({paragraphs} paragraphs)"
                    f"   ratio {min(ours) / min(theirs):.2f}x (goal: at most 0.5x)"
                )
            print(line)
        if not po4a:
            print("  po4a not installed (apt-get install po4a): no comparison")
        paragraphs = [" ".join(block.split()) for block in text.split("\n\n")]
        ascii_seconds = rewrap_seconds(paragraphs, None)
        print(f"  rewrap of {len(paragraphs)} paragraphs in process, ASCII stand-ins: {ascii_seconds:.3f} s")
        for language in languages:
            seconds = rewrap_seconds(paragraphs, language)
            print(
                f"  rewrap in {language}: {seconds:.3f} s = {seconds / ascii_seconds:.2f}x the ASCII path"
                " (goal: at most 1.5x)"
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
