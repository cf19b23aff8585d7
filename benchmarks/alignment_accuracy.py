"""Sentence alignment on the Text+Berg de-fr dev document: Sennrich & Volk strict and lax
precision, recall and F1 (as ../shared/alignment/README.md states them), and the speed.

    python benchmarks/alignment_accuracy.py
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from transflow.align import align, forget_sentences

DATA = Path(__file__).resolve().parents[2] / "shared" / "alignment" / "textberg"

Beads = list[tuple[tuple[int, ...], tuple[int, ...]]]


def read_gold(path: Path) -> Beads:
    beads: Beads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        left, _, right = line.partition(":")
        source = tuple(int(x) for x in left.strip("[]").split(",") if x.strip())
        target = tuple(int(x) for x in right.strip("[]").split(",") if x.strip())
        beads.append((source, target))
    return beads


def _counts(gold: Beads, test: Beads) -> tuple[int, int, int, int]:
    """(strict true, strict false, lax true, lax false) positives of ``test`` against ``gold``."""
    gold_set = set(gold)
    strict_true = strict_false = lax_true = lax_false = 0
    for source, target in test:
        if not source and not target:
            continue
        if (source, target) in gold_set:
            strict_true += 1
            lax_true += 1
            continue
        strict_false += 1
        if any(set(source) & set(s) and set(target) & set(t) for s, t in gold):
            lax_true += 1
        else:
            lax_false += 1
    return strict_true, strict_false, lax_true, lax_false


def score(gold: Beads, test: Beads) -> dict[str, float]:
    precision = _counts(gold, test)
    recall = _counts([b for b in test if b[0] and b[1]], [b for b in gold if b[0] and b[1]])

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    result = {}
    for name, (true_at, false_at) in (("strict", (0, 1)), ("lax", (2, 3))):
        p = precision[true_at] / ((precision[true_at] + precision[false_at]) or 1)
        r = recall[true_at] / ((recall[true_at] + recall[false_at]) or 1)
        result[f"{name} P"], result[f"{name} R"], result[f"{name} F1"] = p, r, f1(p, r)
    return result


def main() -> None:
    source = (DATA / "dev.de").read_text(encoding="utf-8").splitlines()
    target = (DATA / "dev.fr").read_text(encoding="utf-8").splitlines()
    gold = read_gold(DATA / "dev.defr")
    runs = []
    for _ in range(5):  # each run from cold caches, as a new process meets the document
        forget_sentences()
        started = time.process_time()
        beads = align(source, target, languages=("de", "fr"))
        runs.append(time.process_time() - started)
    seconds = statistics.median(runs)
    test = [(bead.source, bead.target) for bead in beads]
    figures = score(gold, test)
    print(f"Text+Berg dev, de-fr: {len(source)} + {len(target)} sentences, {len(gold)} gold beads")
    for name in ("strict", "lax"):
        p, r, f = (figures[f"{name} {x}"] for x in ("P", "R", "F1"))
        print(f"  {name:6} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print(
        f"  {len(source) + len(target)} sentences in {seconds:.2f} s CPU (median of 5)"
        f" = {(len(source) + len(target)) / seconds:.0f}/s"
    )


if __name__ == "__main__":
    main()
