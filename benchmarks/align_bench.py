"""An archive brought in with `transflow align --published`: N statements and their published
translations, as a site has them (a paragraph missing from one publication in five, page
chrome added to another in five, sentences a word longer or shorter than a letter-for-letter
translation), in the target script (corpus.native_translation).

    python benchmarks/align_bench.py [N] [--language fr]

Prints the wall time of the command as a user runs it (default settings, both cores) and how
many units it filled with their own published sentence, against the truth the generator knows.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import tempfile
import time
from pathlib import Path

import polib
from corpus import TRANSFLOW, make_document, native_translation

SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


def published(text: str, language: str, rng: random.Random, truth: dict[str, str]) -> str:
    """The publication of a statement: each sentence translated, its length varied; one
    paragraph in five documents left out, page chrome added in another five."""
    blocks = text.rstrip("\n").split("\n\n")
    out = []
    dropped = rng.randrange(1, len(blocks) - 1) if rng.random() < 0.2 and len(blocks) > 3 else None
    for number, block in enumerate(blocks):
        if number == dropped:
            continue
        sentences = []
        for source in SENTENCE_END.split(block):
            words = native_translation(source, language).split(" ")
            if len(words) > 4 and rng.random() < 0.5:
                words.insert(rng.randrange(1, len(words) - 1), words[rng.randrange(len(words))])
            target = " ".join(words)
            truth[source] = target
            sentences.append(target)
        out.append(" ".join(sentences))
        if number == 1 and rng.random() < 0.2:
            out.append("Accueil | Presse | Contact")
    return "\n\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("documents", nargs="?", type=int, default=1000)
    parser.add_argument("--language", default="fr")
    args = parser.parse_args()
    rng = random.Random(11)
    language = args.language
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "source_texts").mkdir()
        (root / "published").mkdir()
        (root / "transflow.toml").write_text(
            f'project = "archive"\nlanguages = ["{language}"]\n', encoding="utf-8"
        )
        truth: dict[str, str] = {}
        for number in range(args.documents):
            text = make_document(rng, figures=True)
            (root / "source_texts" / f"s{number:04}.txt").write_text(text, encoding="utf-8")
            (root / "published" / f"s{number:04}.txt").write_text(
                published(text, language, rng, truth), encoding="utf-8"
            )
        subprocess.run([*TRANSFLOW, "update"], cwd=root, check=True, stdout=subprocess.DEVNULL)
        started = time.perf_counter()
        subprocess.run(
            [*TRANSFLOW, "align", "--published", "published", "-l", language],
            cwd=root,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        seconds = time.perf_counter() - started
        units = filled = right = 0
        for po_file in sorted((root / "locales" / language).glob("*.po")):
            for entry in polib.pofile(str(po_file)):
                units += 1
                if entry.msgstr:
                    filled += 1
                    right += entry.msgstr == truth.get(entry.msgid)
        print(
            f"{args.documents} statements aligned in {seconds:.1f} s ({language}, both cores): "
            f"{units} units, {filled} filled ({filled / units:.1%}), {right} with their own published "
            f"sentence ({right / max(filled, 1):.1%} of those filled)"
        )


if __name__ == "__main__":
    main()
