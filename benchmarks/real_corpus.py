"""Run transflow over a folder of other projects' files and print what held.

    python benchmarks/real_corpus.py FOLDER

- every .po/.pot file: read and written by transflow, compared with what GNU msgcat writes
  (byte for byte), and which files either side refuses;
- every .md/.html/.htm/.txt file: the preview (no translations) compared with the source, and
  every unit translated as its own text, counted when the markup check refuses it.

Figures, not a test: point it at a checkout (a translation project's PO files, a multilingual
site's content folder).
"""

from __future__ import annotations

import collections
import shutil
import subprocess
import sys
import time
from pathlib import Path

from transflow.assemble import render
from transflow.checks import restored
from transflow.errors import TransflowError
from transflow.formats import Segmentation, parse_document
from transflow.po import format_po, parse_po_bytes


def po_files(root: Path) -> None:
    if shutil.which("msgcat") is None:
        print("PO: GNU gettext's msgcat is not installed; skipped")
        return
    outcomes: collections.Counter[str] = collections.Counter()
    named: list[str] = []
    started = time.perf_counter()
    for path in sorted([*root.rglob("*.po"), *root.rglob("*.pot")]):
        theirs = subprocess.run(["msgcat", str(path)], capture_output=True)
        try:
            ours = format_po(parse_po_bytes(path.read_bytes(), str(path))).encode("utf-8")
        except TransflowError as error:
            outcomes["refused by both" if theirs.returncode else "refused by transflow only"] += 1
            if not theirs.returncode:
                named.append(f"  transflow refuses {path}: {error}")
            continue
        if theirs.returncode:
            outcomes["refused by msgcat only"] += 1
        elif ours == theirs.stdout:
            outcomes["as msgcat writes it"] += 1
        else:
            outcomes["not as msgcat writes it"] += 1
            named.append(f"  differs from msgcat: {path}")
    total = sum(outcomes.values())
    listed = ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items()))
    print(f"PO: {total} files in {time.perf_counter() - started:.1f} s: {listed or 'none'}")
    print("\n".join(named[:20]))


def documents(root: Path) -> None:
    identical = different = unreadable = units = refused = 0
    size = 0
    reasons: collections.Counter[str] = collections.Counter()
    started = time.perf_counter()
    for pattern in ("*.md", "*.mdx", "*.html", "*.htm", "*.txt"):
        for path in sorted(root.rglob(pattern)):
            raw = path.read_bytes()
            size += len(raw)
            try:
                document = parse_document(raw, path.name, Segmentation())
            except TransflowError:
                unreadable += 1
                continue
            if render(document, [None] * len(document.units)).encode("utf-8") == raw:
                identical += 1
            else:
                different += 1
                print(f"  preview differs: {path}")
            for unit in document.units:
                units += 1
                _, why = restored(unit, unit.msgid)
                if why is not None:
                    refused += 1
                    reasons[why[:70]] += 1
    seconds = time.perf_counter() - started
    print(
        f"documents: {identical + different + unreadable} ({size / 1e6:.2f} MB) in {seconds:.1f} s: "
        f"{identical} previews byte-identical, {different} not, {unreadable} unreadable; "
        f"{units} units, {refused} refused as their own translation"
    )
    for reason, count in reasons.most_common(5):
        print(f"  {count} x {reason}")


def main() -> None:
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
        raise SystemExit("usage: python benchmarks/real_corpus.py FOLDER")
    root = Path(sys.argv[1])
    po_files(root)
    documents(root)


if __name__ == "__main__":
    main()
