"""The ``transflow`` command: parse options, call the core, report, choose the exit code."""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console, RenderableType
from rich.text import Text

from . import __version__
from .config import CONFIG_NAME, Config, load_config, normalize_language, render_config
from .errors import TransflowError
from .project import Source, discover_sources, load_document, orphan_templates, po_path, write_if_changed
from .report import (
    STATUS_SCHEMA,
    analyze_table,
    build_json,
    build_table,
    counts_json,
    documents_table,
    language_json,
    language_label,
    languages_table,
    segment_json,
    segments_table,
    update_json,
    update_table,
)
from .status import Counts, add_up, count_rows, live_entries, obsolete_count, segment_rows

if TYPE_CHECKING:
    from .model import Unit
    from .publish import BuildRecord
    from .survey import DocumentState

# What fallback units look like with build --mark (kept here: the option's default needs it).
DEFAULT_MARKER = "⟦{text}⟧"


class Reporter:
    """Where a command's output goes: people read stdout/stderr, tests capture them."""

    def __init__(self) -> None:
        self.out = Console(highlight=False, soft_wrap=False, emoji=False)
        self.err = Console(stderr=True, highlight=False, emoji=False)
        self.failed = False

    def error(self, problem: TransflowError | str) -> None:
        self.failed = True
        line = Text("error: ", style="bold red")
        line.append(str(problem))
        self.err.print(line, soft_wrap=True)

    @contextmanager
    def progress(self, total: int, label: str) -> Iterator[Callable[[], None]]:
        """A progress bar on stderr for long work; silent when stderr is no terminal.

        The work runs with the cyclic garbage collector paused (see ``_collector_paused``).
        """
        if total < 2 or not self.err.is_terminal:
            with _collector_paused():
                yield lambda: None
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        bar = Progress(
            TextColumn(label),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self.err,
            transient=True,
        )
        with bar, _collector_paused():
            task = bar.add_task(label, total=total)
            yield lambda: bar.advance(task)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a command's bulk work.

    The work allocates hundreds of thousands of small objects that live until the end
    (PO entries, units), and each collection walks all of them again: about 15% of an
    update of a 1 MB document. Plain reference counting still frees everything that is
    not in a cycle, which is all of our data; the collector resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load(reporter: Reporter) -> Config:
    try:
        return load_config(Path.cwd())
    except TransflowError as error:
        reporter.error(error)
        sys.exit(2)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="transflow")
def main() -> None:
    """Carry statements through translation with gettext PO files.

    Sources live in source_texts/, one PO file per document and language in
    locales/<lang>/, localized documents are built into build/<lang>/.
    """


@main.command(short_help="Write transflow.toml and the project folders.")
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
    if "[tool.transflow]" in _read_text(root / "pyproject.toml"):
        reporter.error(
            TransflowError(
                "pyproject.toml already has [tool.transflow], left unchanged",
                path="pyproject.toml",
                hint="edit that table, or remove it to use transflow.toml",
            )
        )
        sys.exit(1)
    try:
        source = normalize_language(source_language)
        targets = [normalize_language(code) for code in languages.split(",") if code.strip()]
    except TransflowError as error:
        reporter.error(error)
        sys.exit(2)
    try:
        write_if_changed(config_file, render_config(source, targets, project or root.name))
        for folder in ("source_texts", "locales/templates", "build"):
            (root / folder).mkdir(parents=True, exist_ok=True)
    except (TransflowError, OSError) as error:
        reporter.error(error if isinstance(error, TransflowError) else TransflowError(str(error)))
        sys.exit(1)
    reporter.out.print(f"Wrote {CONFIG_NAME}: {source} -> {', '.join(targets) or '(no languages yet)'}")
    reporter.out.print("Put statements in source_texts/ and run 'transflow update'.")


@main.command(short_help="Segment sources, refresh templates, merge every PO.")
@click.option("--dry-run", is_flag=True, help="Show what would change without writing.")
@click.option(
    "--keep-trivial",
    is_flag=True,
    help="Carry over units whose edit only touched quotes, dashes, case or final punctuation, without fuzzy.",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print JSON (schema transflow.update/1) and nothing else."
)
def update(dry_run: bool, keep_trivial: bool, as_json: bool) -> None:
    """Segment every source, refresh templates and merge every language's PO.

    Translations are never dropped. A unit without an exact entry gets, in order: the
    exact translation from the language's memory (all its PO files, obsolete entries and
    the config's memory files), the translation of the old unit it was edited from
    (fuzzy, with the previous text shown as #| msgid; carried over as is when only the
    spacing changed), a near memory hit (fuzzy), or nothing. Units that left the source
    become obsolete (#~) and come back when their text returns.
    """
    from .update import update_project

    reporter = Reporter()
    config = _load(reporter)
    sources, problems = discover_sources(config)
    for problem in problems:
        reporter.error(problem)
    with reporter.progress(len(sources) + len(config.languages), "update") as advance:
        outcomes = update_project(
            config, sources, dry_run=dry_run, keep_trivial=keep_trivial, advance=advance
        )
    for outcome in outcomes:
        if outcome.error:
            reporter.error(outcome.error)
        for language in outcome.languages:
            if language.error:
                reporter.error(language.error)
    orphans = orphan_templates(config, sources)
    if as_json:
        payload = update_json(outcomes, dry_run, orphans)
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        sys.exit(1 if reporter.failed else 0)
    reporter.out.print(update_table(outcomes, dry_run))
    for template in orphans:
        note = Text("note: ", style="yellow")
        note.append(
            f"{template} has no source any more; its catalogs are kept (delete them if it was withdrawn)"
        )
        reporter.out.print(note)
    sys.exit(1 if reporter.failed else 0)


def _find_source(reporter: Reporter, sources: list[Source], name: str) -> Source:
    """A document named by its path under the source folder, with or without extension."""
    wanted = name.replace("\\", "/").strip("/")
    for source in sources:
        if wanted in (source.path, source.stem):
            return source
    known = ", ".join(source.stem for source in sources[:5]) + (", ..." if len(sources) > 5 else "")
    reporter.error(TransflowError(f"no source document {name!r}", hint=f"known: {known}"))
    sys.exit(2)


def _languages(reporter: Reporter, config: Config, requested: tuple[str, ...]) -> list[str]:
    chosen: list[str] = []
    for code in requested:
        try:
            language = normalize_language(code)
        except TransflowError as error:
            reporter.error(error)
            sys.exit(2)
        if language not in config.languages:
            reporter.error(
                TransflowError(
                    f"{language} is not a target language of this project",
                    path=config.config_path.name,
                    hint=f"targets: {', '.join(config.languages)}",
                )
            )
            sys.exit(2)
        chosen.append(language)
    return chosen or list(config.languages)


def _parse_states(states: str | None) -> set[str] | None:
    if not states:
        return None
    chosen = {state.strip() for state in states.split(",") if state.strip()}
    unknown = chosen - {"translated", "fuzzy", "untranslated", "new"}
    if unknown:
        raise click.BadParameter(f"unknown state {sorted(unknown)[0]!r}", param_hint="--state")
    if "untranslated" in chosen:
        chosen.add("new")
    return chosen


@main.command(short_help="Where every language, document and segment stands.")
@click.argument("document", required=False)
@click.option("-l", "--language", "languages", multiple=True, help="Only this language (repeatable).")
@click.option(
    "--state", "states", default=None, help="Segment view: only these states, e.g. fuzzy,untranslated."
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print JSON (schema transflow.status/1) and nothing else."
)
@click.option(
    "--fail-under", type=click.FloatRange(0, 100), default=None, help="Exit 1 if any row is below PERCENT."
)
def status(
    document: str | None,
    languages: tuple[str, ...],
    states: str | None,
    as_json: bool,
    fail_under: float | None,
) -> None:
    """Where every language, document and segment stands, against the current source.

    \b
    transflow status              one row per language
    transflow status -l fr        one row per document in French
    transflow status DOC          that document in every language
    transflow status DOC -l fr    one row per segment of DOC in French

    States: translated, fuzzy (needs review), untranslated (empty, or "new": in the
    source but not yet in the PO) and obsolete (in the PO, gone from the source; not in
    the totals). Segments count distinct texts, as msgfmt --statistics does; words count
    every occurrence: whitespace-separated tokens holding a letter or digit, and every
    CJK, kana, Thai, Lao, Khmer or Myanmar character as one word. Repeated units are
    shown as repetitions. Percent is translated words over all words.

    Exit codes: 0 fine, 1 a document could not be read or a row is below --fail-under,
    2 bad configuration or arguments.
    """
    from .publish import manifest_path, read_manifest
    from .survey import StatusCache, cache_path, survey

    reporter = Reporter()
    config = _load(reporter)
    state_filter = _parse_states(states)
    sources, problems = discover_sources(config)
    for problem in problems:
        reporter.error(problem)
    chosen = _languages(reporter, config, languages)
    target = _find_source(reporter, sources, document) if document else None
    selected = [target] if target else sources
    one_language = len(languages) == 1  # the views drill down only when asked for a language
    if target is not None and one_language:
        _status_segments(reporter, config, target, chosen[0], state_filter, as_json, fail_under)
        return
    cache = StatusCache(cache_path(config))
    by_language: dict[str, list[DocumentState]] = {code: [] for code in chosen}
    with reporter.progress(len(selected), "status") as advance:
        for state in survey(config, selected, chosen, cache):
            by_language[state.language].append(state)
            if state.language == chosen[-1]:
                advance()
    cache.save(keep_unused=target is not None or len(chosen) < len(config.languages))
    for states_of_language in by_language.values():
        for state in states_of_language:
            if state.error:
                reporter.error(state.error)
    if one_language and target is None:
        published = read_manifest(manifest_path(config.build_path))
        rows = _document_rows(by_language[chosen[0]], published)
        percents = {path: counts.percent for path, counts, _ in rows if counts}
        payload: dict[str, object] = {
            "view": "documents",
            "language": language_json(chosen[0]),
            "rows": [_document_json(state, published) for state in by_language[chosen[0]]],
        }
        table = documents_table(rows, f"{language_label(chosen[0])}: {config.project_name}")
        totals = add_up(counts for _, counts, _ in rows if counts)
    else:
        language_rows = [
            (
                code,
                add_up(s.counts or Counts(documents=1) for s in items),
                sum(1 for s in items if s.error),
            )
            for code, items in by_language.items()
        ]
        percents = {code: counts.percent for code, counts, _ in language_rows}
        payload = {
            "view": "document-languages" if target else "languages",
            "rows": [
                {"language": language_json(code), **counts_json(counts), "errors": errors}
                for code, counts, errors in language_rows
            ],
        }
        if target:
            payload["document"] = target.path
        title = (
            f"{target.path}: every language" if target else f"{config.project_name}: {len(sources)} documents"
        )
        table = languages_table(language_rows, title)
        totals = add_up(counts for _, counts, _ in language_rows)
    payload["totals"] = counts_json(totals)
    _finish_status(reporter, payload, table, as_json, percents, fail_under)


def _document_rows(
    states: list[DocumentState], published: dict[tuple[str, str], BuildRecord]
) -> list[tuple[str, Counts | None, str | None]]:
    rows: list[tuple[str, Counts | None, str | None]] = []
    for state in states:
        if state.counts is None:
            rows.append((state.source.path, None, str(state.error)))
            continue
        notes = [] if state.po_exists else ["no PO yet"]
        record = published.get((state.source.path, state.language))
        if record is not None and record.status == "stale":
            notes.append("stale: published output is behind, see build/manifest.json")
        rows.append((state.source.path, state.counts, "; ".join(notes) or None))
    return rows


def _document_json(state: DocumentState, published: dict[tuple[str, str], BuildRecord]) -> dict[str, object]:
    row: dict[str, object] = {
        "document": state.source.path,
        "po": state.po_path.as_posix(),
        "po_exists": state.po_exists,
    }
    if state.counts is None:
        row["error"] = str(state.error)
    else:
        row.update(counts_json(state.counts))
        row["finished"] = state.counts.complete
    record = published.get((state.source.path, state.language))
    row["build"] = None if record is None else ("preview" if record.preview else record.status)
    return row


def _status_segments(
    reporter: Reporter,
    config: Config,
    source: Source,
    language: str,
    state_filter: set[str] | None,
    as_json: bool,
    fail_under: float | None,
) -> None:
    from .pofile import read_po

    try:
        document = load_document(config, source)
        path = po_path(config, language, source)
        entries = read_po(path).entries if path.exists() else []
    except TransflowError as error:
        reporter.error(error)
        sys.exit(1)
    rows = segment_rows(document.units, live_entries(entries))
    counts = count_rows(rows, obsolete_count(entries, {unit.msgid for unit in document.units}))
    shown = [row for row in rows if state_filter is None or row.state in state_filter]
    payload: dict[str, object] = {
        "view": "segments",
        "document": source.path,
        "language": language_json(language),
        "rows": [segment_json(row) for row in shown],
        "totals": counts_json(counts),
    }
    title = f"{source.path} — {language_label(language)}: {counts.percent:.1f}% of {counts.words} words"
    if counts.obsolete:
        title += f", {counts.obsolete} obsolete"
    _finish_status(
        reporter, payload, segments_table(shown, title), as_json, {source.path: counts.percent}, fail_under
    )


def _finish_status(
    reporter: Reporter,
    payload: dict[str, object],
    table: RenderableType,
    as_json: bool,
    percents: dict[str, float],
    fail_under: float | None,
) -> None:
    if as_json:
        click.echo(json.dumps({"schema": STATUS_SCHEMA, **payload}, ensure_ascii=False, indent=2))
    else:
        reporter.out.print(table)
    below = {name: value for name, value in percents.items() if fail_under is not None and value < fail_under}
    if below:
        listed = ", ".join(f"{name} ({value:.1f}%)" for name, value in below.items())
        reporter.err.print(f"below {fail_under:g}%: {listed}", highlight=False, soft_wrap=True)
    sys.exit(1 if reporter.failed or below else 0)


@main.command(short_help="Reassemble finished documents; write the manifest.")
@click.argument("documents", nargs=-1)
@click.option("-l", "--language", "languages", multiple=True, help="Only this language (repeatable).")
@click.option(
    "--min-percent",
    type=click.FloatRange(0, 100),
    default=None,
    help="Also build documents with at least PERCENT of words translated; the rest comes from the source.",
)
@click.option("--preview", is_flag=True, help="Build everything, falling back to the source text.")
@click.option("--mark", is_flag=True, help="With --preview: make fallback units visible.")
@click.option(
    "--marker", default=DEFAULT_MARKER, show_default=True, help="Template for --mark; {text} is the source."
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write outputs and manifest.json here instead of the build folder.",
)
@click.option("--prune", is_flag=True, help="Delete outputs that are stale or whose source is gone.")
@click.option("--strict", is_flag=True, help="Exit 1 when any requested document/language was not built.")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest summary as JSON and nothing else.")
def build(
    documents: tuple[str, ...],
    languages: tuple[str, ...],
    min_percent: float | None,
    preview: bool,
    mark: bool,
    marker: str,
    out_dir: Path | None,
    prune: bool,
    strict: bool,
    as_json: bool,
) -> None:
    """Reassemble localized documents into build/<lang>/<path> and write build/manifest.json.

    By default only finished documents are built: every unit translated, none fuzzy,
    the PO in step with the current source. A document that falls below the gate after
    being published keeps its output and is reported stale; nothing published is deleted
    without --prune. Unchanged inputs (by content hash) rewrite nothing.

    Exit codes: 0 everything requested was built or legitimately skipped; 1 a document
    could not be read, or --strict and something was not built; 2 bad configuration.
    """
    from .build import Gate
    from .publish import build_project

    reporter = Reporter()
    config = _load(reporter)
    if mark and not preview:
        raise click.UsageError("--mark goes with --preview")
    if "{text}" not in marker:
        raise click.BadParameter("the marker needs {text}", param_hint="--marker")
    sources, problems = discover_sources(config)
    for problem in problems:
        reporter.error(problem)
    chosen = _languages(reporter, config, languages)
    selected = [_find_source(reporter, sources, name) for name in documents] if documents else sources
    gate = Gate(min_percent=min_percent, preview=preview, marker=marker if mark else None)
    output_root = (Path.cwd() / out_dir).resolve() if out_dir else config.build_path
    with reporter.progress(len(selected), "build") as advance:
        run = build_project(
            config,
            selected,
            chosen,
            gate,
            output_root,
            all_sources=frozenset(source.path for source in sources),
            prune=prune,
            advance=advance,
        )
    for error in run.errors:
        reporter.error(error)
    requested = [
        record
        for record in run.records
        if record.document in {s.path for s in selected} and record.language in chosen
    ]
    if as_json:
        click.echo(
            json.dumps(build_json(run, requested, output_root, config.root), ensure_ascii=False, indent=2)
        )
    else:
        reporter.out.print(build_table(requested, run, gate))
    not_built = [record for record in requested if record.status != "built"]
    sys.exit(1 if reporter.failed or (strict and not_built) else 0)


@main.command(short_help="Words left to translate, by memory match band.")
@click.argument("documents", nargs=-1)
@click.option("-l", "--language", "languages", multiple=True, help="Only this language (repeatable).")
@click.option(
    "--json", "as_json", is_flag=True, help="Print JSON (schema transflow.analyze/1) and nothing else."
)
def analyze(documents: tuple[str, ...], languages: tuple[str, ...], as_json: bool) -> None:
    """Words still to translate per language, by how much translation memory helps.

    Bands, as CAT tools give them: repetitions (text already met earlier in the batch),
    100% (exact memory hit), 95-99%, 85-94%, 75-84%, 50-74% (fuzzy entries and near
    memory hits, by word-level similarity) and no match. Translated words are shown
    apart; the columns add up to the word totals of `transflow status`.
    """
    from .analyze import Analysis, analyze_document
    from .update import load_language_memory

    reporter = Reporter()
    config = _load(reporter)
    sources, problems = discover_sources(config)
    for problem in problems:
        reporter.error(problem)
    chosen = _languages(reporter, config, languages)
    selected = [_find_source(reporter, sources, name) for name in documents] if documents else sources
    parsed: list[tuple[Source, tuple[Unit, ...]]] = []
    for source in selected:
        try:
            parsed.append((source, load_document(config, source).units))
        except TransflowError as error:
            reporter.error(error)
    results: dict[str, Analysis] = {}
    with reporter.progress(len(chosen), "analyze") as advance:
        for language in chosen:
            memory, catalogs = load_language_memory(config, language, sources, reporter.error)
            total = Analysis()
            seen: set[str] = set()
            for source, units in parsed:
                catalog = catalogs.get(source.path)
                entries = catalog.entries if catalog is not None else []
                total.add(analyze_document(units, entries, memory, seen))
            results[language] = total
            advance()
    if as_json:
        payload = {
            "schema": "transflow.analyze/1",
            "documents": [source.path for source, _ in parsed],
            "rows": [
                {
                    "language": language_json(code),
                    "translated": a.translated,
                    "bands": a.bands,
                    "to_translate": a.to_translate,
                    "total": a.total,
                }
                for code, a in results.items()
            ],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        reporter.out.print(analyze_table(results, f"{config.project_name}: {len(parsed)} documents"))
    sys.exit(1 if reporter.failed else 0)


def run() -> None:
    """The console entry point: ``main``, then out without the final collection.

    At exit Python's garbage collector walks every object still alive, which after a
    large update is hundreds of thousands of entries, units and strings (tens of
    milliseconds for a 1 MB document). None of them needs finalising, so they are
    frozen out of its sight first; memory is returned to the system as usual.
    """
    try:
        main()
    finally:
        gc.freeze()
