"""The ``transflow`` command: parse options, call the core, report, choose the exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import __version__
from .config import CONFIG_NAME, Config, load_config, normalize_language, render_config
from .errors import TransflowError
from .project import discover_sources, update_document, write_if_changed
from .report import update_table

T = TypeVar("T")


class Reporter:
    """Where a command's output goes: people read stdout/stderr, tests capture them."""

    def __init__(self) -> None:
        self.out = Console(highlight=False, soft_wrap=False)
        self.err = Console(stderr=True, highlight=False)
        self.failed = False

    def error(self, problem: TransflowError | str) -> None:
        self.failed = True
        self.err.print(f"[bold red]error:[/] {problem}", markup=True, highlight=False, soft_wrap=True)

    @contextmanager
    def progress(self, total: int, label: str) -> Iterator[Callable[[], None]]:
        """A progress bar on stderr for long work; silent when stderr is no terminal."""
        bar = Progress(
            TextColumn(label),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self.err,
            transient=True,
            disable=total < 2 or not self.err.is_terminal,
        )
        with bar:
            task = bar.add_task(label, total=total)
            yield lambda: bar.advance(task)


def _load(reporter: Reporter) -> Config:
    try:
        return load_config(Path.cwd())
    except TransflowError as error:
        reporter.error(error)
        sys.exit(2)


def _each_with_progress(reporter: Reporter, items: list[T], label: str) -> Iterable[T]:
    with reporter.progress(len(items), label) as advance:
        for item in items:
            yield item
            advance()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="transflow")
def main() -> None:
    """Carry statements through translation with gettext PO files.

    Sources live in source_texts/, one PO file per document and language in
    locales/<lang>/, localized documents are built into build/<lang>/.
    """


@main.command()
@click.option("--source-language", "-s", default="en", show_default=True, help="Language of the sources.")
@click.option("--languages", "-l", default="", help="Target languages, comma-separated (e.g. fr,de,pt_BR).")
@click.option("--project", default=None, help="Project name for PO headers (default: the folder name).")
def init(source_language: str, languages: str, project: str | None) -> None:
    """Write transflow.toml and create the project folders (never overwrites a config)."""
    reporter = Reporter()
    root = Path.cwd()
    config_file = root / CONFIG_NAME
    if config_file.exists():
        reporter.error(TransflowError("a config already exists, left unchanged", path=CONFIG_NAME))
        sys.exit(1)
    try:
        source = normalize_language(source_language)
        targets = [normalize_language(code) for code in languages.split(",") if code.strip()]
    except TransflowError as error:
        reporter.error(error)
        sys.exit(2)
    write_if_changed(config_file, render_config(source, targets, project or root.name))
    for folder in ("source_texts", "locales/templates", "build"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    reporter.out.print(f"Wrote {CONFIG_NAME}: {source} -> {', '.join(targets) or '(no languages yet)'}")
    reporter.out.print("Put statements in source_texts/ and run 'transflow update'.")


@main.command()
@click.option("--dry-run", is_flag=True, help="Show what would change without writing.")
def update(dry_run: bool) -> None:
    """Segment every source, refresh templates and merge every language's PO.

    Translations are never dropped: units that left the source become obsolete (#~)
    and come back when their text returns.
    """
    reporter = Reporter()
    config = _load(reporter)
    sources, problems = discover_sources(config)
    for problem in problems:
        reporter.error(problem)
    outcomes = []
    for source in _each_with_progress(reporter, sources, "update"):
        outcome = update_document(config, source, dry_run=dry_run)
        if outcome.error:
            reporter.error(outcome.error)
        for language in outcome.languages:
            if language.error:
                reporter.error(language.error)
        outcomes.append(outcome)
    reporter.out.print(update_table(outcomes, dry_run))
    sys.exit(1 if reporter.failed else 0)
