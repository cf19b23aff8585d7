"""Benchmark: a 200-page Word document (and its ODT) against the same text as HTML, update and build.

Corpus: a housing statement's paragraph (bold, a link, figures), with a place name of its own
in each copy, repeated to about 1 MB of text, as one HTML file and as the DOCX LibreOffice makes of it
(`soffice --headless --convert-to docx`), and its ODT; translated into French (accents, « », no-break
spaces: ``corpus.native_translation``), default sentence mode for HTML (DOCX units are
paragraphs). CPU seconds of a cold `transflow update` (first extraction) and `transflow build`
in a child process each, best of R.

    python benchmarks/docx_bench.py [PARAGRAPHS] [--runs R]
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from corpus import native_translation

REPO = Path(__file__).resolve().parent.parent
PARAGRAPH = (
    "<p>Rents in {place} rose by 12.5% in 2024, while wages rose by 3%. Thousands of young people "
    "cannot leave their parents’ home; <b>families in {place} are evicted</b> every week. Read our "
    '<a href="https://example.org/proposals">proposals</a> for a public housing programme, '
    "and join the rally on Saturday 5 April at 11:00 in {place} Square.</p>\n"
)


def _place(number: int) -> str:
    """A made-up place name per paragraph, so that no two paragraphs are the same text."""
    letters = "aeioubdklmnprstv"
    name = ""
    while True:
        number, digit = divmod(number, len(letters))
        name += letters[digit]
        if not number:
            return "Ag" + name


def _cpu(arguments: list[str], root: Path) -> float:
    env = {**os.environ, "TRANSFLOW_NO_REPLAY": "1", "PYTHONPATH": str(REPO / "src")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-m", "transflow", *arguments], cwd=root, env=env, check=True, capture_output=True
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _translate(root: Path) -> None:
    import polib

    for po_file in (root / "locales" / "fr").rglob("*.po"):
        po = polib.pofile(str(po_file))
        for entry in po:
            if entry.msgid:
                entry.msgstr = native_translation(entry.msgid, "fr")
        po.save()


def main() -> None:
    if shutil.which("soffice") is None:
        sys.exit("LibreOffice is not installed: apt-get install libreoffice-writer-nogui")
    numbers = [arg for arg in sys.argv[1:] if arg.isdigit()]
    paragraphs = int(numbers[0]) if numbers else 2500
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        body = "".join(PARAGRAPH.format(place=_place(number)) for number in range(paragraphs))
        html = "<!DOCTYPE html>\n<html><head><title>Housing</title></head><body>\n" + body
        html += "</body></html>\n"
        (base / "statement.html").write_text(html, encoding="utf-8")
        for target in ("docx:MS Word 2007 XML", "odt"):
            subprocess.run(
                ["soffice", "--headless", "--infilter=HTML (StarWriter)", "--convert-to", target,
                 "--outdir", str(base), str(base / "statement.html")],
                check=True, capture_output=True, timeout=600,
            )  # fmt: skip
        figures: dict[str, dict[str, float]] = {}
        for kind in ("html", "docx", "odt"):
            root = base / kind
            (root / "source_texts").mkdir(parents=True)
            shutil.copy2(base / f"statement.{kind}", root / "source_texts" / f"statement.{kind}")
            (root / "transflow.toml").write_text('languages = ["fr"]\n', encoding="utf-8")
            best = {"update": float("inf"), "build": float("inf")}
            for run in range(runs):
                shutil.rmtree(root / "locales", ignore_errors=True)
                shutil.rmtree(root / ".transflow", ignore_errors=True)
                shutil.rmtree(root / "build", ignore_errors=True)
                best["update"] = min(best["update"], _cpu(["update"], root))
                if run == 0:
                    _translate(root)
                    saved = {path: path.read_bytes() for path in (root / "locales" / "fr").rglob("*.po")}
                else:
                    for path, data in saved.items():
                        path.write_bytes(data)
                shutil.rmtree(root / ".transflow", ignore_errors=True)
                best["build"] = min(best["build"], _cpu(["build"], root))
            figures[kind] = best
        size = len((base / "statement.html").read_bytes())
        print(f"{paragraphs} paragraphs ({size / 1e6:.1f} MB of HTML), French, CPU seconds, best of {runs}:")
        for step in ("update", "build"):
            html_s, docx_s, odt_s = (figures[kind][step] for kind in ("html", "docx", "odt"))
            print(
                f"  {step:<7} html {html_s:6.2f} s   docx {docx_s:6.2f} s ({docx_s / html_s:.2f}x)"
                f"   odt {odt_s:6.2f} s ({odt_s / html_s:.2f}x)"
            )


if __name__ == "__main__":
    main()
