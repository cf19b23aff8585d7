"""Benchmark: segment and rebuild a 1 MB Markdown and a 1 MB HTML statement, beside po4a.

For each file: transflow's segmentation, its rebuild with every unit translated, and the
whole `transflow update` + `transflow build --preview` through the CLI; then, when po4a
is installed (apt po4a), `po4a-updatepo` (extraction) and `po4a-translate` on the same file.

    python benchmarks/markup_bench.py
"""

from __future__ import annotations

import random
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from corpus import TRANSFLOW

from transflow.assemble import published_translations, render, unit_texts
from transflow.formats import Segmentation, parse_document
from transflow.po import PoEntry
from transflow.tally import live_entries, segment_rows

WORDS = (
    "workers union strike port government protest embassy delegation letter demand safety profit wages "
    "hospital fishermen quota commission statement struggle rights laws solidarity housing teachers school"
).split()


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18))).capitalize() + "."


def markdown(size: int, rng: random.Random) -> str:
    parts = ["---\ntitle: Benchmark statement\ndescription: A generated statement\n---\n"]
    while sum(map(len, parts)) < size:
        parts.append(f"## {sentence(rng)[:-1]}\n")
        parts.append(
            f"{sentence(rng)} It cites the [report](https://example.org/{rng.randint(1, 999)}.pdf) "
            f"and **{rng.choice(WORDS)}** with `code` inline. {sentence(rng)}\n"
        )
        parts.append("\n".join(f"- {sentence(rng)}" for _ in range(3)) + "\n")
        parts.append(f"> {sentence(rng)}\n> {sentence(rng)}\n")
        parts.append("```\nkeep *this* code\n```\n")
        parts.append(f"| {rng.choice(WORDS)} | {rng.choice(WORDS)} |\n|---|---|\n| {sentence(rng)} | 42 |\n")
    return "\n".join(parts)


def html(size: int, rng: random.Random) -> str:
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<title>Benchmark statement</title>\n'
        '<meta name="description" content="A generated statement">\n</head>\n<body>\n'
    ]
    while sum(map(len, parts)) < size:
        parts.append(f"<h2>{sentence(rng)[:-1]}</h2>\n")
        parts.append(
            f'<p>{sentence(rng)} It cites the <a href="/r{rng.randint(1, 999)}.pdf">report</a> and '
            f"<strong>{rng.choice(WORDS)}</strong>.<br>{sentence(rng)}</p>\n"
        )
        parts.append("<ul>" + "".join(f"<li>{sentence(rng)}</li>" for _ in range(3)) + "</ul>\n")
        parts.append(
            f'<img src="p.png" alt="{sentence(rng)}">\n<script>var x = "<p>{rng.random()}</p>";</script>\n'
        )
    parts.append("</body>\n</html>\n")
    return "".join(parts)


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - started


def run(name: str, text: str) -> None:
    root = Path(tempfile.mkdtemp(prefix="transflow-markup-bench-"))
    try:
        print(f"{name}: {len(text.encode()) / 1e6:.2f} MB")
        started = time.perf_counter()
        document = parse_document(text.encode(), name, Segmentation())
        segmenting = time.perf_counter() - started
        entries = [PoEntry(msgid=unit.msgid, msgstr=unit.msgid) for unit in document.units]
        rows = segment_rows(document.units, live_entries(entries))
        started = time.perf_counter()
        output = render(document, unit_texts(document, published_translations(rows), None))
        rebuilding = time.perf_counter() - started
        print(
            f"  transflow segment: {segmenting:6.2f} s ({len(document.units)} units)   "
            f"rebuild, all translated: {rebuilding:6.2f} s   output {len(output.encode()) / 1e6:.2f} MB"
        )
        (root / "transflow.toml").write_text('languages = ["fr"]\n', encoding="utf-8")
        (root / "source_texts").mkdir()
        (root / "source_texts" / name).write_text(text, encoding="utf-8")
        update = timed([*TRANSFLOW, "update"], root)
        build = timed([*TRANSFLOW, "build", "--preview"], root)
        same = (root / "build" / "fr" / name).read_bytes() == text.encode()
        print(
            f"  transflow update: {update:6.2f} s   build --preview: {build:6.2f} s   preview == source: {same}"
        )
        if shutil.which("po4a-updatepo"):
            po4a_format = ["-f", "text", "-o", "markdown"] if name.endswith(".md") else ["-f", "xhtml"]
            source = str(root / "source_texts" / name)
            gettextize = timed(
                ["po4a-updatepo", *po4a_format, "-M", "UTF-8", "-m", source, "-p", str(root / "po4a.po")],
                root,
            )
            translate = timed(
                [
                    "po4a-translate",
                    *po4a_format,
                    "-M",
                    "UTF-8",
                    "-m",
                    source,
                    "-p",
                    str(root / "po4a.po"),
                    "-l",
                    str(root / f"po4a-{name}"),
                    "-k",
                    "0",
                ],
                root,
            )
            po4a_same = (root / f"po4a-{name}").read_bytes() == text.encode()
            print(
                f"  po4a-updatepo: {gettextize:6.2f} s   po4a-translate: {translate:6.2f} s   "
                f"untranslated output == source: {po4a_same}"
            )
        else:
            print("  po4a not installed (apt-get install po4a): no comparison")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    rng = random.Random(11)
    run("statement.md", markdown(1_000_000, rng))
    run("statement.html", html(1_000_000, rng))
