"""Sentence segmentation accuracy: the Golden Rules cases in ../shared/segmentation and
our own statement cases. Prints per-language accuracy and the speed on a 1 MB text.

    python benchmarks/segmentation_accuracy.py [--failures]
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

from update_bench import as_text, realistic_sentences

from transflow.segment import split_sentences

GOLDEN = Path(__file__).resolve().parents[2] / "shared" / "segmentation" / "golden.json"

# (language, text, expected sentences): the genre transflow serves.
STATEMENT_CASES = [
    (
        "en",
        "A delegation of the KKE headed by Kostas Papadakis, member of the CC and MEP of the KKE, on 14/12/2015 "
        "carried out a protest. It handed over a letter.",
        2,
    ),
    (
        "en",
        "The Kazakhstan authorities have outlawed the CP of Kazakhstan. They also approved laws on strikes etc.",
        2,
    ),
    (
        "en",
        "The charges were “incitement of social hatred”, “incitement to strike” etc. The trial starts today.",
        2,
    ),
    ("en", "Mr. Karras spoke at 10 a.m. on Saturday. The port was closed.", 2),
    ("en", "Prices rose by 3.5% in 2023, e.g. bread and oil. Wages did not.", 2),
    (
        "en",
        "Read the report at https://www.example.org/report.pdf. Write to press@example.org. Thank you.",
        3,
    ),
    ("en", "Hands off the communists! Anti-communism shall not pass!", 2),
    ("en", "Resolution No. 5 was adopted. Art. 3 was rejected.", 2),
    ("en", "They asked: “Who will pay for the crisis?” Nobody answered.", 2),
    ("en", "The vote ended... and then? Silence.", 2),
    ("el", "Ο κ. Νίκος Παπαδάκης μίλησε στις 14/12/2015. Τι ζητάμε; Δικαιώματα!", 3),
    ("el", "Το ΚΚΕ καταγγέλλει τις διώξεις κ.λπ. Οι εργάτες αντιστέκονται.", 2),
    ("fr", "Le 14/12/2015, une délégation du PCF s’est rendue à l’ambassade. Elle a remis une lettre.", 2),
    ("de", "Am 14.12.2015 protestierte eine Delegation, z. B. Hr. Müller. Sie übergab einen Brief.", 2),
    ("ru", "14/12/2015 делегация КПРФ провела акцию протеста. Руки прочь от коммунистов!", 2),
    ("es", "El Sr. Pérez habló el 14/12/2015. ¿Quién pagará la crisis? ¡Los trabajadores no!", 3),
    ("en", "The minister said the law was final.” The unions disagreed.", 2),
    ("en", "He wrote: “The port is closed. The strike goes on.” Then he left.", 3),
    ("en", "Talks stalled… The strike resumed on Monday.", 2),
    ("en", "Ms. Ioannou and Lt. Col. Brown met approx. 200 workers. Fig. 2 shows the rally.", 2),
    ("el", "Ποιος ευθύνεται\u037e Η κυβέρνηση.", 2),
    ("fr", "Mme Leroy a cité l’art. 4. La séance a été levée.", 2),
]


def squash(text: str) -> str:
    return "".join(text.split())


def run_golden(show_failures: bool) -> None:
    if not GOLDEN.exists():
        print(f"golden rules not found at {GOLDEN}: skipped")
        return
    cases = json.loads(GOLDEN.read_text(encoding="utf-8"))["cases"]
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    golden_totals = [0, 0]
    for case in cases:
        if not case.get("lossless_comparable") or case.get("known_failure"):
            continue
        text = case["input"]
        got = [squash(text[start:end]) for start, end in split_sentences(text, case["language"])]
        ok = got == [squash(sentence) for sentence in case["expected"]]
        totals[case["language"]][0] += ok
        totals[case["language"]][1] += 1
        if case["set"] == "golden":
            golden_totals[0] += ok
            golden_totals[1] += 1
        if show_failures and not ok:
            print(f"  FAIL {case['language']}: {text[:100]!r}")
    print("Golden Rules cases (lossless-comparable, not known failures), sentences exactly right:")
    for language in sorted(totals):
        right, count = totals[language]
        print(f"  {language:3} {right:4}/{count:<4} {100 * right / count:5.1f}%")
    right = sum(value[0] for value in totals.values())
    count = sum(value[1] for value in totals.values())
    print(
        f"  all {right}/{count} = {100 * right / count:.1f}%;  'golden' set only: "
        f"{golden_totals[0]}/{golden_totals[1]} = {100 * golden_totals[0] / golden_totals[1]:.1f}%"
    )


def run_statements() -> None:
    right = 0
    for language, text, expected in STATEMENT_CASES:
        got = len(split_sentences(text, language))
        right += got == expected
        if got != expected:
            print(f"  statement case wrong ({got} != {expected}): {text[:80]!r}")
    print(f"Statement cases: {right}/{len(STATEMENT_CASES)} right")


def _speed(name: str, paragraphs: list[str]) -> None:
    """Best of three runs over the paragraphs, in MB/s."""
    size = sum(len(paragraph.encode("utf-8")) for paragraph in paragraphs)
    best = float("inf")
    units = 0
    for _ in range(3):
        start = time.perf_counter()
        units = sum(len(split_sentences(paragraph, "en")) for paragraph in paragraphs)
        best = min(best, time.perf_counter() - start)
    print(
        f"Speed, {name}: {size / 1e6:.2f} MB in {len(paragraphs)} paragraphs -> {units} sentences "
        f"in {best:.3f} s = {size / 1e6 / best:.1f} MB/s"
    )


def run_speed() -> None:
    # the statement cases over and over: every sentence has an abbreviation, a quotation,
    # a figure or a list marker (the hardest text to go fast on)
    text = " ".join(case[1] for case in STATEMENT_CASES if case[0] == "en")
    text = (text + " ") * (1_000_000 // len(text))
    _speed("statement cases", [text[i : i + 400] for i in range(0, len(text), 400)])
    # realistic press prose (update_bench's: Zipf vocabulary, names, abbreviations, figures)
    rng = random.Random(7)
    prose = as_text(realistic_sentences(9_000, rng), rng)
    _speed("realistic prose", prose.split("\n\n"))


if __name__ == "__main__":
    run_golden("--failures" in sys.argv)
    run_statements()
    run_speed()
