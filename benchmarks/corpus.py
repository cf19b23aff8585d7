"""A generated statement project for the benchmarks: N documents x 10 languages."""

from __future__ import annotations

import compileall
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import transflow
from transflow.po import format_po, read_po

# The command as installed beside this interpreter (what a user types), not whatever
# `transflow` comes first on PATH: a version manager's shim there (pyenv's) adds ~40 ms to
# every call. Without an installed script: the module, as this interpreter runs it.
_SCRIPT = Path(sys.executable).with_name("transflow")
TRANSFLOW = [str(_SCRIPT)] if _SCRIPT.is_file() else [sys.executable, "-m", "transflow"]

# Byte-compiled as pip compiles an installed package. An editable install leaves it to
# the first import, and a machine with PYTHONDONTWRITEBYTECODE=1 (this sandbox) would
# recompile all of transflow in every timed run (~40 ms each).
compileall.compile_dir(Path(transflow.__file__).parent, quiet=1)
LANGUAGES = ["fr", "de", "es", "el", "ru", "ar", "it", "pt_BR", "tr", "zh_Hans"]
WORDS = (
    "workers strike port union solidarity government repression protest embassy delegation "
    "letter demand safety profit wages hospital fishermen quota commission statement struggle"
).split()


FIGURES = ("on 14/12/2015", "by 3.5%", "of 15,000 workers", "at 10:30", "in 2016", "for 48 hours")


def best_time(command: list[str], cwd: Path, runs: int = 3, before: list[str] | None = None) -> float:
    """The best wall time of ``runs`` runs of ``command`` (``before`` run ahead of each, untimed)."""
    times = []
    for _ in range(runs):
        if before:
            subprocess.run(before, cwd=cwd, check=True)
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return min(times)


def sentence(rng: random.Random, figures: bool = False) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 22))]
    if figures and rng.random() < 0.3:  # press texts: dates, shares, counts, times
        words.insert(rng.randrange(1, len(words)), rng.choice(FIGURES))
    return " ".join(words).capitalize() + rng.choice([".", ".", ".", "!", "?"])


def make_document(rng: random.Random, figures: bool = False) -> str:
    blocks = ["Statement on " + " ".join(rng.choice(WORDS) for _ in range(4))]
    while sum(block.count(".") + block.count("!") + block.count("?") for block in blocks) < 28:
        blocks.append(" ".join(sentence(rng, figures) for _ in range(rng.randint(1, 4))))
    blocks.append("The Executive Committee")
    return "\n\n".join(blocks) + "\n"


_LOWER = "abcdefghijklmnopqrstuvwxyz"
# each language's letters for a-z: text in the target script (accents, Greek, Cyrillic,
# Arabic, CJK), never a fast path that only ASCII takes
_SCRIPTS = {
    "fr": "àbcdéfghîjklmnôpqrstùvwxyz",
    "de": "äbcdefghijklmnöpqrßtüvwxyz",
    "es": "ábcdéfghíjklmñópqrstúvwxyz",
    "it": "àbcdèfghìjklmnòpqrstùvwxyz",
    "pt_BR": "ãbçdêfghíjklmnõpqrstúvwxyz",
    "tr": "abçdefğhıjklmnöpqrştüvwxyz",
    "el": "αβψδεφγηιξκλμνοπ;ρστθωςχυζ",
    "ru": "абцдефгхийклмнопярстужвxыз",
    "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنه",
    "zh_Hans": "的一是不了人我在有他这中大来上国个到说们为子",
}
_QUOTES = {
    "fr": ("«\u202f", "\u202f»"),
    "de": ("„", "“"),
    "ru": ("«", "»"),
    "el": ("«", "»"),
    "ar": ("«", "»"),
}


def native_translation(text: str, language: str) -> str:
    """A stand-in translation in the language's own script and quotes, figures and
    addresses kept (what the checks compare stays right): French « » with narrow no-break
    spaces and a no-break space before ; : ! ?, Greek's ; for ?, Arabic's ؟."""
    letters = (_SCRIPTS.get(language, _SCRIPTS["fr"]) * 2)[:26]
    upper = "".join(c.upper() if len(c.upper()) == 1 else c for c in letters)  # ß has no one-letter capital
    table = str.maketrans(_LOWER + _LOWER.upper(), letters + upper)
    words = []
    for word in text.split(" "):
        if any(c.isdigit() for c in word) or "://" in word or "@" in word:
            words.append(word)  # figures and addresses as the source has them
            continue
        word = word.translate(table)
        if language == "fr":
            for mark in ";:!?":
                word = word.replace(mark, "\u202f" + mark)
        words.append(word.replace("?", "؟") if language == "ar" else word)
    out = " ".join(words)
    opening, closing = _QUOTES.get(language, ("“", "”"))
    return out.replace("“", opening).replace("”", closing)


def generate(
    root: Path,
    documents: int,
    translated_share: float | None = None,
    drift: bool = True,
    figures: bool = False,
    languages: int = len(LANGUAGES),
    native: bool = False,
) -> None:
    """Sources, `transflow update`, then translations: a random share of each PO (or a fixed
    one); the first ``languages`` of LANGUAGES. ``native``: translations in each language's
    script (``native_translation``), else the source reversed (ASCII)."""
    rng = random.Random(documents)
    quoted = ", ".join(f'"{code}"' for code in LANGUAGES[:languages])
    (root / "transflow.toml").write_text(f'project = "bench"\nlanguages = [{quoted}]\n', encoding="utf-8")
    for index in range(documents):
        path = root / "source_texts" / f"{index // 100:02d}" / f"statement-{index:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(make_document(rng, figures), encoding="utf-8")
    started = time.perf_counter()
    subprocess.run([*TRANSFLOW, "update"], cwd=root, check=True, stdout=subprocess.DEVNULL)
    print(f"  generated with `transflow update` in {time.perf_counter() - started:.1f} s")
    for po_file in sorted((root / "locales").rglob("*.po")):
        po = read_po(po_file)
        share = rng.random() if translated_share is None else translated_share
        language = po_file.relative_to(root / "locales").parts[0]
        for entry in po.entries:
            draw = rng.random()
            if draw < share:
                entry.msgstr = native_translation(entry.msgid, language) if native else entry.msgid[::-1]
            elif draw < share + 0.05:
                entry.msgstr, entry.flags = entry.msgid.upper(), ["fuzzy"]
        po_file.write_text(format_po(po), encoding="utf-8")
    if not drift:
        return
    # the sources moved on a little since the last update: status must see it
    for path in sorted((root / "source_texts").rglob("*.txt"))[::10]:
        path.write_text(
            path.read_text(encoding="utf-8") + "\nOne more sentence was added.\n", encoding="utf-8"
        )


# Run by a small Python of its own: a child started straight from this process would report
# this process's own peak (Linux hands a parent's high-water mark to a child that execs, and
# subprocess starts children with vfork), which holds the corpus and the parsed catalogs.
_MEASURER = """
import os, sys, time
started = time.perf_counter()
child = os.fork()
if child == 0:
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(child, 0)
print(os.waitstatus_to_exitcode(status), time.perf_counter() - started, usage.ru_maxrss)
"""


def run_measured(
    command: list[str], cwd: Path, environment: dict[str, str] | None = None
) -> tuple[float, int]:
    """Run ``command`` to its end: its wall time in seconds and its peak resident set in KiB
    (Linux reports ru_maxrss in KiB), both taken around the command alone."""
    env = {**os.environ, **(environment or {})}
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a full pipe would stall the child
        measured = subprocess.run(
            [sys.executable, "-c", _MEASURER, *command],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=errors,
        )
        code, seconds, used = measured.stdout.split()
        if measured.returncode or int(code):
            errors.seek(0)
            raise SystemExit(f"{command[0]} failed: {errors.read().decode(errors='replace')}")
    return float(seconds), int(used)
