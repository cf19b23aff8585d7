"""Benchmark: first extraction and build of 1 MB of press prose, against the fastest peer of each
format (translate-toolkit's txt2po/po2txt, mdpo's md2po/po2md, po4a), CPU time, interleaved.

The text is realistic prose (``update_bench.realistic_sentences``: a Zipf vocabulary, names,
abbreviations, figures) in paragraphs of one to four sentences, as plain text and as Markdown
(headings, emphasis, links and lists among the paragraphs); every entry of each tool's own PO is
translated into French with its accents, « » and no-break spaces (``corpus.native_translation``).
transflow runs with its default settings (``unit = "sentence"``, checks on), and again with
``unit = "paragraph"``, the unit its peers use. Each figure is the CPU time (user + system) of the
command's process, best of R.

    python benchmarks/peer_bench.py [MEGABYTES] [--runs R]
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import polib
from corpus import TRANSFLOW, native_translation
from update_bench import realistic_sentences


def cpu_seconds(command: list[str], cwd: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best(runs: int, measure: Callable[[], float]) -> float:
    return min(measure() for _ in range(runs))


def best_cpu(runs: int, command: list[str], cwd: Path, before: Path | None = None) -> float:
    """The best CPU time of ``command`` (``before``: a file removed ahead of each run)."""
    times = []
    for _ in range(runs):
        if before is not None:
            before.unlink(missing_ok=True)
        times.append(cpu_seconds(command, cwd))
    return min(times)


def prose(size: int, rng: random.Random, markdown: bool) -> str:
    sentences = iter(realistic_sentences(size // 40, rng))
    blocks: list[str] = []
    total = 0
    while total < size:
        if markdown and rng.random() < 0.08:
            block = "## " + next(sentences).rstrip(".")
        elif markdown and rng.random() < 0.08:
            block = "\n".join(f"- {next(sentences)}" for _ in range(rng.randint(2, 4)))
        else:
            block = " ".join(next(sentences) for _ in range(rng.randint(1, 4)))
            if markdown and rng.random() < 0.3:
                words = block.split(" ")
                at = rng.randrange(len(words))
                words[at] = (
                    f"*{words[at]}*" if rng.random() < 0.5 else f"[{words[at]}](https://example.org/{at})"
                )
                block = " ".join(words)
        blocks.append(block)
        total += len(block) + 2
    return "\n\n".join(blocks) + "\n"


def translate(po_path: Path) -> None:
    po = polib.pofile(str(po_path))
    for entry in po:
        if entry.msgid:
            entry.msgstr = native_translation(entry.msgid, "fr")
    po.save()


def transflow_project(root: Path, name: str, text: str, unit: str) -> Path:
    folder = root / f"transflow-{unit}-{name}"
    (folder / "source_texts").mkdir(parents=True)
    (folder / "source_texts" / name).write_text(text, encoding="utf-8")
    (folder / "transflow.toml").write_text(f'languages = ["fr"]\nunit = "{unit}"\n', encoding="utf-8")
    return folder


def measure_transflow(root: Path, name: str, text: str, unit: str, runs: int) -> tuple[float, float]:
    folder = transflow_project(root, name, text, unit)

    def extraction() -> float:
        shutil.rmtree(folder / "locales", ignore_errors=True)
        shutil.rmtree(folder / ".transflow", ignore_errors=True)
        return cpu_seconds([*TRANSFLOW, "update"], folder)

    first = best(runs, extraction)
    translate(folder / "locales" / "fr" / f"{Path(name).stem}.po")
    subprocess.run([*TRANSFLOW, "update"], cwd=folder, check=True, capture_output=True)

    def build() -> float:
        shutil.rmtree(folder / "build", ignore_errors=True)
        return cpu_seconds([*TRANSFLOW, "build"], folder)

    return first, best(runs, build)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("megabytes", nargs="?", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    size = int(options.megabytes * 1_000_000)
    root = Path(tempfile.mkdtemp(prefix="transflow-peer-bench-"))
    try:
        cases = {
            "text": ("statement.txt", prose(size, random.Random(7), markdown=False)),
            "markdown": ("statement.md", prose(size, random.Random(8), markdown=True)),
        }
        print(
            f"{options.megabytes:g} MB of press prose, French translations, CPU seconds, best of {options.runs}"
        )
        for kind, (name, text) in cases.items():
            source = root / name
            source.write_text(text, encoding="utf-8")
            rows: list[tuple[str, float, float]] = []
            for unit in ("sentence", "paragraph"):
                first, build = measure_transflow(root, name, text, unit, options.runs)
                rows.append((f"transflow ({unit}{', default' if unit == 'sentence' else ''})", first, build))
            peers = {
                "text": (
                    "translate-toolkit",
                    ["txt2po", str(source), "peer.po"],
                    ["po2txt", "-t", str(source), "peer.po", "peer.out"],
                ),
                "markdown": (
                    "mdpo",
                    ["md2po", str(source), "-q", "-s", "-p", "peer.po"],
                    ["po2md", str(source), "-q", "-p", "peer.po", "-s", "peer.out"],
                ),
            }
            label, extract, build_command = peers[kind]
            if shutil.which(extract[0]) and shutil.which(build_command[0]):
                peer_first = best_cpu(options.runs, extract, root)
                translate(root / "peer.po")
                rows.append((label, peer_first, best_cpu(options.runs, build_command, root)))
            if shutil.which("po4a-updatepo"):
                po4a_options = [] if kind == "text" else ["-o", "markdown"]
                common = ["-f", "text", *po4a_options, "-M", "UTF-8", "-m", str(source)]
                first4 = best_cpu(
                    options.runs, ["po4a-updatepo", *common, "-p", "po4a.po"], root, root / "po4a.po"
                )
                translate(root / "po4a.po")
                build4 = ["po4a-translate", *common, "-p", "po4a.po", "-l", "po4a.out", "-k", "0"]
                rows.append(("po4a", first4, best_cpu(options.runs, build4, root)))
            print(f"  {kind}:")
            default_first, default_build = rows[0][1], rows[0][2]
            for label_, first, build in rows:
                print(
                    f"    {label_:32} first extraction {first:5.2f} s   build {build:5.2f} s"
                    + (
                        ""
                        if label_.startswith("transflow")
                        else f"   transflow default / this: {default_first / first:.2f}x, {default_build / build:.2f}x"
                    )
                )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
