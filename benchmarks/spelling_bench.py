"""Benchmark: what the spelling check costs `transflow check`, and how often it is wrong.

Corpus: the repository's own sample project (5 statements with real translations into fr, de,
es, el, ru and ar, default sentence mode), copied K times into one project so that the check
has work to do. Each run is a cold `transflow check --json` in a child process (no replay),
CPU seconds, best of R:

- spelling off (`[checks] spelling = false`): the check as it was before spelling;
- spelling on, cold: no verdict cache (every dictionary loaded, every word looked up);
- spelling on, warm: the verdict cache of the previous run (what a second check costs).

False alarms: the sample's translations are published text, so every word the check flags
there is a false alarm; counted over the words looked up (after the exclusions), first
without the project's word lists (locales/LANG/words.txt), then with them.

    python benchmarks/spelling_bench.py [COPIES] [--runs R]
    python benchmarks/spelling_bench.py --po DIR --language fr   # another project's PO files

With ``--po``: the words the check would look up in every translated entry of the PO files
under DIR (a translation team's published work), and how many it flags, the most frequent listed.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))


def _copy_sample(root: Path, copies: int) -> None:
    for copy in range(copies):
        shutil.copytree(REPO / "source_texts", root / "source_texts" / f"batch{copy}")
        for language_dir in (REPO / "locales").iterdir():
            if language_dir.is_dir():
                for po in language_dir.rglob("*.po*"):
                    target = (
                        root / "locales" / language_dir.name / f"batch{copy}" / po.relative_to(language_dir)
                    )
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(po, target)
                for words in language_dir.glob("words.txt"):
                    shutil.copy2(words, root / "locales" / language_dir.name / "words.txt")
    text = (REPO / "transflow.toml").read_text(encoding="utf-8")
    (root / "transflow.toml").write_text(text, encoding="utf-8")


def _set_spelling(root: Path, on: bool) -> None:
    config = root / "transflow.toml"
    text = config.read_text(encoding="utf-8").split("\n[checks]\n")[0]
    config.write_text(text + ("" if on else "\n[checks]\nspelling = false\n"), encoding="utf-8")


def _check(root: Path) -> tuple[float, dict[str, object]]:
    env = {**os.environ, "TRANSFLOW_NO_REPLAY": "1", "PYTHONPATH": str(REPO / "src")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-m", "transflow", "check", "--json"],
        cwd=root,
        env=env,
        capture_output=True,
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, json.loads(done.stdout)


def _drop_caches(root: Path, verdicts_too: bool) -> None:
    for cache in (root / ".transflow").glob("*"):
        if verdicts_too or not cache.name.startswith("spelling-"):
            cache.unlink()


def _looked_up(root: Path) -> dict[str, int]:
    """Words the check looks up per language (after its exclusions), over every translation."""
    import polib

    from transflow.config import load_config
    from transflow.spelling import candidate_words

    config = load_config(root)
    counts: dict[str, int] = {}
    for language in config.languages:
        glossary = config.checks.glossary
        terms = [*glossary.keep, *(target for _, target in glossary.required(language))]
        known = config.checks.spelling.known(language)
        total = 0
        for po_file in (root / "locales" / language).rglob("*.po"):
            for entry in polib.pofile(str(po_file)):
                if entry.msgstr and not entry.obsolete:
                    total += len(candidate_words(entry.msgstr, entry.msgid, language, terms, known))
        counts[language] = total
    return counts


def _other_project(folder: Path, language: str) -> None:
    from collections import Counter

    import polib

    from transflow.checksettings import SpellingSettings
    from transflow.spelling import candidate_words, speller_for

    speller = speller_for(language, SpellingSettings())
    if speller is None:
        sys.exit(f"no hunspell dictionary for {language}")
    looked = 0
    flagged: Counter[str] = Counter()
    files = sorted(folder.rglob("*.po"))
    for po_file in files:
        for entry in polib.pofile(str(po_file)):
            if entry.msgstr and not entry.fuzzy and not entry.obsolete:
                for word in candidate_words(entry.msgstr, entry.msgid, language, [], frozenset()):
                    looked += 1
                    if speller.check(word) is not None:
                        flagged[word] += 1
    total = sum(flagged.values())
    print(f"{len(files)} PO files under {folder}: {looked:,} words looked up in {language}")
    print(
        f"flagged {total} = {100 * total / max(looked, 1):.2f}% of them; most often: {flagged.most_common(12)}"
    )


def main() -> None:
    if "--po" in sys.argv:
        language = sys.argv[sys.argv.index("--language") + 1] if "--language" in sys.argv else "fr"
        _other_project(Path(sys.argv[sys.argv.index("--po") + 1]), language)
        return
    numbers = [arg for arg in sys.argv[1:] if arg.isdigit()]
    copies = int(numbers[0]) if numbers else 40
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        _copy_sample(root, copies)
        times: dict[str, list[float]] = {"off": [], "cold": [], "warm": []}
        report: dict[str, object] = {}
        for _ in range(runs):
            _set_spelling(root, on=False)
            _drop_caches(root, verdicts_too=True)
            times["off"].append(_check(root)[0])
            _set_spelling(root, on=True)
            _drop_caches(root, verdicts_too=True)
            cpu, report = _check(root)
            times["cold"].append(cpu)
            _drop_caches(root, verdicts_too=False)
            times["warm"].append(_check(root)[0])
        flagged_with_lists = _flagged(report)
        looked_up = _looked_up(root)
        for words in (root / "locales").glob("*/words.txt"):
            words.unlink()
        _drop_caches(root, verdicts_too=False)
        flagged_without = _flagged(_check(root)[1])
        documents = copies * len(list((REPO / "source_texts").rglob("*.*")))
        print(
            f"sample project x {copies} ({documents} documents x 6 languages, real translations), sentence mode"
        )
        print(f"CPU seconds, best of {runs}, cold `transflow check --json` in a child process:")
        off, cold, warm = (min(times[key]) for key in ("off", "cold", "warm"))
        print(f"  spelling off          {off:6.2f} s")
        print(
            f"  spelling on, cold     {cold:6.2f} s   {cold / off:5.2f}x   (dictionaries loaded, no verdicts kept)"
        )
        print(f"  spelling on, warm     {warm:6.2f} s   {warm / off:5.2f}x   (the verdicts of the last run)")
        total = sum(looked_up.values())
        print(f"words looked up: {total:,} ({', '.join(f'{k} {v:,}' for k, v in looked_up.items())})")
        if cold > off:
            print(
                f"  {total / (cold - off):,.0f} words/s cold, {total / max(warm - off, 1e-3):,.0f} words/s warm"
            )
        for label, flagged in (
            ("without word lists", flagged_without),
            ("with word lists", flagged_with_lists),
        ):
            count = sum(flagged.values())
            shown = ", ".join(f"{k} {v}" for k, v in sorted(flagged.items())) or "none"
            print(f"false alarms {label}: {count} of {total:,} words = {100 * count / total:.2f}% ({shown})")


def _flagged(report: dict[str, object]) -> dict[str, int]:
    counts: dict[str, int] = {}
    findings = report.get("findings", [])
    assert isinstance(findings, list)
    for item in findings:
        if item["check"] == "spelling":
            counts[item["language"]] = counts.get(item["language"], 0) + 1
    return counts


if __name__ == "__main__":
    main()
