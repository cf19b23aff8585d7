"""Benchmark: cold `status`, `build` and `check` on the status benchmark's corpus, this tree
against another checkout (before and after a change), interleaved, CPU time.

The corpus is status_bench's (N documents of about 30 units x K languages in mixed states,
with figures), translated in each language's own script, quotes and punctuation (French « »
and no-break spaces, Greek, Cyrillic, Arabic, CJK: ``corpus.native_translation``), default
sentence mode; ``--ascii`` gives status_bench's reversed-English stand-ins instead. Each command runs with TRANSFLOW_NO_REPLAY=1 and its caches removed first
(cold), in a child process of its own; the best of R runs is printed for each tree.

    python benchmarks/evaluation_bench.py [N_DOCUMENTS] [--languages K] [--runs R] [--base DIR] [--only CMD]
        [--ascii] [--spelling]

The spelling check is off (``--spelling`` turns it on): the stand-in translations are no
words of any language, so every word would be a misspelling; ``spelling_bench.py`` measures
it on real translations.

``--base DIR``: the ``src`` folder (or repository) of the tree to compare with, e.g. a
``git worktree add /tmp/base <commit>``.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from corpus import LANGUAGES, generate

HERE = Path(__file__).resolve().parent.parent / "src"
COMMANDS = (["status", "--json"], ["build", "--json"], ["check", "--json"])


def cpu_seconds(src: Path, arguments: list[str], root: Path) -> float:
    """User + system CPU time of one cold run of ``transflow ARGUMENTS`` from ``src``."""
    shutil.rmtree(root / ".transflow", ignore_errors=True)
    shutil.rmtree(root / "build", ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    environment = {**os.environ, "TRANSFLOW_NO_REPLAY": "1", "PYTHONPATH": str(src), "TRANSFLOW_WORKERS": "1"}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(
        [sys.executable, "-m", "transflow", *arguments], cwd=root, env=environment, capture_output=True
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    numbers = [arg for arg in sys.argv[1:] if arg.isdigit()]
    documents = int(numbers[0]) if numbers else 1000

    def option(name: str, default: str) -> str:
        return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default

    languages = int(option("--languages", str(len(LANGUAGES))))
    runs = int(option("--runs", "3"))
    base_arg = option("--base", "")
    base = Path(base_arg) if base_arg else None
    if base is not None and (base / "src" / "transflow").is_dir():
        base = base / "src"
    trees = {"this tree": HERE} | ({"base": base} if base is not None else {})
    for src in trees.values():  # byte-compiled, as pip leaves an installed package: no run compiles
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], check=True)
    root = Path(tempfile.mkdtemp(prefix="transflow-evaluation-bench-"))
    try:
        generate(root, documents, languages=languages, figures=True, native="--ascii" not in sys.argv)
        config = root / "transflow.toml"
        plain_config = config.read_text(encoding="utf-8")
        script = "reversed-English (ASCII)" if "--ascii" in sys.argv else "target-script"
        print(
            f"{documents} documents x {languages} languages, {script} translations, cold, one process,"
            f" CPU seconds (best of {runs})"
        )
        only = option("--only", "")
        for arguments in [command for command in COMMANDS if not only or command[0] == only]:
            best = dict.fromkeys(trees, float("inf"))
            for _ in range(runs):  # interleaved: both trees see the same machine noise
                for name, src in trees.items():
                    config.write_text(plain_config + _spelling_off(src), encoding="utf-8")
                    best[name] = min(best[name], cpu_seconds(src, arguments, root))
            line = "  ".join(f"{name} {seconds:6.2f} s" for name, seconds in best.items())
            ratio = f"   ratio {best['this tree'] / best['base']:.2f}x" if "base" in best else ""
            print(f"  transflow {arguments[0]:<7} {line}{ratio}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _spelling_off(src: Path) -> str:
    """The stand-ins are no words of any language (every one would be "misspelt"): spelling is
    switched off in a tree that has it, unless --spelling (spelling_bench.py measures it on
    real translations); a tree from before spelling would refuse the setting."""
    if "--spelling" in sys.argv or '@check("spelling"' not in (src / "transflow" / "checks.py").read_text():
        return ""
    return "[checks]\nspelling = false\n"


if __name__ == "__main__":
    main()
