"""Benchmark: `transflow update` against `msgmerge --previous` on the same template change.

Cases: a 1 MB and a 2 MB statement (sentence units) with 5% of units edited and a 90%
translated PO (French stand-ins in its script: accents, « », no-break spaces,
``corpus.native_translation``), and a 5,000-entry PO with 500 one-word edits. For each: wall time of both
tools in the same run (best of three runs each, transflow starting from the same state
every time), their ratio, each tool's peak memory (resident set, measured around the tool
alone), and how many edited units each gave a wrong ("borrowed") translation, i.e. a fuzzy match whose previous text is not the unit it was edited from.

    python benchmarks/update_bench.py [MEGABYTES ...] [--transflow-only]

``--transflow-only`` leaves msgmerge out (its time grows with the square of the size: at
8 MB it takes many minutes) to measure transflow's linearity alone.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from corpus import TRANSFLOW, native_translation, run_measured

from transflow.po import format_po, read_po

VOCABULARY = (
    "the workers of port union strike government repression protest embassy delegation letter demand "
    "safety profit wages hospital fishermen quota commission statement struggle rights laws solidarity "
    "against for with and in on by international communist party section committee people movement "
    "freedom democracy crisis capital class working youth women peace war imperialism resolution"
).split()


def _syllables(rng: random.Random) -> str:
    onsets, vowels, codas = (
        "b c d f g h k l m n p r s t v w pr st tr gr br pl".split(),
        "a e i o u ea ou ai".split(),
        "  n r s t l nd rs".split(" "),
    )
    return "".join(
        rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(rng.randint(1, 3))
    )


@lru_cache(maxsize=1)
def _lexicon_of(seed: int) -> tuple[list[str], list[float], list[str]]:
    return _lexicon(random.Random(seed))


def _lexicon(rng: random.Random) -> tuple[list[str], list[float], list[str]]:
    """Thousands of words with Zipf frequencies, and names."""
    words = list(dict.fromkeys(_syllables(rng) for _ in range(6000)))[:4000]
    weights = [1.0 / (rank + 1) for rank in range(len(words))]
    names = [_syllables(rng).capitalize() for _ in range(300)]
    return words, weights, names


FUNCTION = "the of and to in a for on with by that is was are as from at which it".split()
ABBREVIATIONS = "Mr. Ms. Dr. approx. e.g. i.e. Art. No. Fig. vs.".split()
FIGURES = ("14/12/2015", "3.5%", "15,000", "2024", "10:30", "48", "1.2 million", "27 March")


def realistic_sentences(count: int, rng: random.Random) -> list[str]:
    """Prose that looks like press texts to a matcher: a vocabulary of thousands of words
    (Zipf-distributed), function words, names, abbreviations and figures."""
    words, weights, names = _lexicon_of(99)
    sentences: list[str] = []
    seen: set[str] = set()
    while len(sentences) < count:
        length = rng.randint(8, 30)
        tokens = []
        for _ in range(length):
            draw = rng.random()
            if draw < 0.35:
                tokens.append(rng.choice(FUNCTION))
            elif draw < 0.42:
                tokens.append(rng.choice(names))
            elif draw < 0.45:
                tokens.append(rng.choice(FIGURES))
            elif draw < 0.47:
                tokens.extend([rng.choice(ABBREVIATIONS), rng.choice(names)])
            else:
                tokens.append(rng.choices(words, weights)[0])
        sentence = " ".join(tokens)
        sentence = sentence[0].upper() + sentence[1:] + rng.choice([".", ".", ".", "!", "?"])
        if sentence not in seen:
            seen.add(sentence)
            sentences.append(sentence)
    return sentences


def make_sentences(count: int, rng: random.Random) -> list[str]:
    sentences: list[str] = []
    seen: set[str] = set()
    while len(sentences) < count:
        words = [rng.choice(VOCABULARY) for _ in range(rng.randint(8, 24))]
        sentence = " ".join(words).capitalize() + "."
        if sentence not in seen:
            seen.add(sentence)
            sentences.append(sentence)
    return sentences


def edit(sentence: str, rng: random.Random) -> str:
    """One word replaced (the kind of edit a statement gets between drafts)."""
    words = sentence[:-1].split()
    position = rng.randrange(1, len(words)) if len(words) > 1 else 0
    replacement = rng.choice(_lexicon_of(99)[0][:500])
    words[position] = replacement if replacement != words[position] else replacement + "s"
    return " ".join(words) + sentence[-1]


def as_text(sentences: list[str], rng: random.Random) -> str:
    paragraphs, index = [], 0
    while index < len(sentences):
        size = rng.randint(1, 4)
        paragraphs.append(" ".join(sentences[index : index + size]))
        index += size
    return "\n\n".join(paragraphs) + "\n"


def run_case(
    name: str, sentences: list[str], edits: int, rng: random.Random, with_msgmerge: bool = True
) -> None:
    root = Path(tempfile.mkdtemp(prefix="transflow-update-bench-"))
    try:
        (root / "transflow.toml").write_text('languages = ["fr"]\n', encoding="utf-8")
        (root / "source_texts").mkdir()
        source = root / "source_texts" / "statement.txt"
        layout = random.Random(1)
        source.write_text(as_text(sentences, layout), encoding="utf-8")
        subprocess.run([*TRANSFLOW, "update"], cwd=root, check=True, capture_output=True)
        po_file = root / "locales" / "fr" / "statement.po"
        po = read_po(po_file)
        for entry in po.entries:
            if rng.random() < 0.9:
                entry.msgstr = native_translation(entry.msgid, "fr")
        po_file.write_text(format_po(po), encoding="utf-8")
        old_po = root / "old.po"
        shutil.copy2(po_file, old_po)
        edited = dict.fromkeys(rng.sample(range(len(sentences)), edits))
        new_sentences = list(sentences)
        predecessor: dict[str, str] = {}
        for index in edited:
            new_sentences[index] = edit(sentences[index], rng)
            predecessor[new_sentences[index]] = sentences[index]
        source.write_text(as_text(new_sentences, random.Random(1)), encoding="utf-8")
        size = source.stat().st_size
        template = root / "locales" / "templates" / "statement.pot"
        state = [path for path in root.glob(".transflow/**/*") if path.is_file()]
        before = {path: path.read_bytes() for path in (po_file, template, *state)}

        peak = {"transflow": 0, "msgmerge": 0}

        def ours() -> float:
            for path, data in before.items():  # the state before the source edit, every time
                path.write_bytes(data)
            seconds, used = run_measured([*TRANSFLOW, "update"], root)
            peak["transflow"] = max(peak["transflow"], used)
            return seconds

        def theirs() -> float:
            merged = root / "msgmerge.po"
            command = ["msgmerge", "--quiet", "--previous", "-o", str(merged), str(old_po), str(template)]
            seconds, used = run_measured(command, root)
            peak["msgmerge"] = max(peak["msgmerge"], used)
            return seconds

        our_time = best_of(ours)  # the template this leaves is the one msgmerge merges
        print(f"{name}: {size / 1e6:.2f} MB, {len(sentences)} units, {edits} edited")
        print(
            f"  transflow update     {our_time:7.2f} s {peak['transflow'] / 1024:6.0f} MiB   "
            f"{verdict(read_po(po_file), predecessor)}"
        )
        if not with_msgmerge:
            return
        their_time = best_of(theirs)
        print(
            f"  msgmerge --previous  {their_time:7.2f} s {peak['msgmerge'] / 1024:6.0f} MiB   "
            f"{verdict(read_po(root / 'msgmerge.po'), predecessor)}"
        )
        print(f"  msgmerge / transflow: {their_time / our_time:.1f}x")
    finally:
        shutil.rmtree(root, ignore_errors=True)


RUNS = 3


def best_of(run: Callable[[], float]) -> float:
    """The best of RUNS runs' times (the machine's noise only ever adds time)."""
    return min(run() for _ in range(RUNS))


def verdict(po, predecessor: dict[str, str]) -> str:  # type: ignore[no-untyped-def]
    """Over the edited units: right (fuzzy from its own old text), borrowed, empty."""
    right = borrowed = empty = 0
    for entry in po.entries:
        if entry.obsolete or entry.msgid not in predecessor:
            continue
        if not entry.msgstr:
            empty += 1
        elif entry.msgstr == native_translation(predecessor[entry.msgid], "fr"):
            right += 1
        else:
            borrowed += 1
    return (
        f"edited units: {right} right, {borrowed} borrowed, {empty} empty (old one untranslated or unmatched)"
    )


if __name__ == "__main__":
    # python benchmarks/update_bench.py [MEGABYTES ...] [--transflow-only]   (default: 1 2)
    with_msgmerge = "--transflow-only" not in sys.argv
    sizes = [float(arg) for arg in sys.argv[1:] if not arg.startswith("--")] or [1.0, 2.0]
    rng = random.Random(7)
    for megabytes in sizes:
        sentences = realistic_sentences(int(megabytes * 9_000), rng)
        run_case(f"{megabytes:g} MB of realistic prose", sentences, len(sentences) // 20, rng, with_msgmerge)
    if with_msgmerge:
        run_case("5,000 entries / 500 one-word edits", realistic_sentences(5_000, rng), 500, rng)
