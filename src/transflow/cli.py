"""The ``transflow`` command: parse options, call a command, render its result, choose the exit code.

Every command is a function in ``commands/`` returning a result; its rendering lives in
``render/``. Errors become exit codes in one place, ``TransflowGroup.invoke``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from . import __version__, localefacts
from .errors import TransflowError
from .project import Project, load_project
from .render.console import Reporter
from .replay import HELP_OPTIONS
from .tally import SEGMENT_STATES, SegmentState

# What fallback units look like with build --mark (kept here: the option's default needs it).
DEFAULT_MARKER = "⟦{text}⟧"

F = TypeVar("F", bound=Callable[..., Any])


if TYPE_CHECKING:
    from .commands.exchange import KitFormat
    from .commands.review import ReviewSession

if TYPE_CHECKING:  # click 8.5 types ParamType by its values; older clicks cannot subscript it
    _ParamType = click.ParamType[tuple[str, ...]]
else:
    _ParamType = click.ParamType


class LanguageList(_ParamType):
    """Language codes given as ``fr,de`` or as a repeated option; normalised by the command."""

    name = "LANG[,LANG...]"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value
        return tuple(code.strip() for code in str(value).split(",") if code.strip())


def language_option(
    help_text: str = "Only these languages (fr,de or repeated).", one: bool = False
) -> Callable[[F], F]:
    """``-l``: several languages, or with ``one`` a single one (the help then shows LANG)."""
    return click.option(
        "-l",
        "--language",
        "--languages",
        "languages",
        type=LanguageList(),
        multiple=True,
        metavar="LANG" if one else None,
        help=help_text,
    )


def json_option(schema: str) -> Callable[[F], F]:
    return click.option(
        "--json", "as_json", is_flag=True, help=f"Print JSON (schema {schema}) and nothing else."
    )


def _flat(languages: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    return tuple(code for group in languages for code in group)


def _one_language(languages: tuple[tuple[str, ...], ...], example: str) -> str:
    """The one language a command works in, or a usage error that shows how to give it."""
    from .errors import UsageError

    chosen = _flat(languages)
    if len(chosen) != 1:
        raise UsageError("give exactly one language", hint=f"e.g. {example}")
    return chosen[0]


# the commands in the order a project meets them
WORKFLOW = (
    "init", "update", "status", "check", "review", "build", "report",
    "export", "import", "align", "analyze", "log", "memory",
)  # fmt: skip


class TransflowGroup(click.Group):
    """Runs a command; its return value is the exit code, a TransflowError one line and its code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        known = super().list_commands(ctx)
        return [name for name in WORKFLOW if name in known] + [n for n in known if n not in WORKFLOW]

    def invoke(self, ctx: click.Context) -> Any:
        localefacts.prime()
        try:
            code = super().invoke(ctx)
        except TransflowError as error:
            Reporter().error(error)
            code = error.exit_code
        finally:
            localefacts.keep()
        if code:
            ctx.exit(code)
        return code


def _project(reporter: Reporter) -> Project:
    """The project around the working folder; sources that cannot be taken are reported now."""
    project = load_project(Path.cwd())
    reporter.errors(project.problems)
    return project


def _print_json(payload: dict[str, object]) -> None:
    from .render.console import inert_json

    click.echo(inert_json(json.dumps(payload, ensure_ascii=False, indent=2)))


@click.group(cls=TransflowGroup, context_settings={"help_option_names": list(HELP_OPTIONS)})
@click.version_option(__version__, prog_name="transflow")
def main() -> None:
    """Carry statements through translation with gettext PO files.

    Sources live in source_texts/, one PO file per document and language in
    locales/<lang>/, localized documents are built into build/<lang>/.
    """


@main.command(short_help="Write transflow.toml and the project folders.")
@click.option("--source-language", "-s", default="en", show_default=True, help="Language of the sources.")
@language_option("Target languages (e.g. fr,de,pt_BR or repeated).")
@click.option("--project", default=None, help="Project name for PO headers (default: the folder name).")
def init(source_language: str, languages: tuple[tuple[str, ...], ...], project: str | None) -> int:
    """Write transflow.toml and create the project folders (never overwrites a config)."""
    from .commands.init import init as run_init

    result = run_init(Path.cwd(), source_language, _flat(languages), project)
    reporter = Reporter()
    targets = ", ".join(result.languages) or "(no languages yet)"
    reporter.out.print(f"Wrote {result.config_file}: {result.source_language} -> {targets}")
    reporter.out.print("Put statements in source_texts/ and run 'transflow update'.")
    return 0


@main.command(short_help="Segment sources, refresh templates, merge every PO.")
@click.option("--dry-run", is_flag=True, help="Show what would change without writing.")
@click.option(
    "--keep-trivial",
    is_flag=True,
    help="Carry over units whose edit only touched quotes, dashes, case or final punctuation, without fuzzy.",
)
@click.option("--no-memory", is_flag=True, help="Fill nothing from translation memory (exact or near hits).")
@click.option(
    "--mt",
    "machine",
    is_flag=True,
    help="Then draft what is still empty with the config's [mt] engines: fuzzy, for a person to read.",
)
@json_option("transflow.update/1")
def update(dry_run: bool, keep_trivial: bool, no_memory: bool, machine: bool, as_json: bool) -> int:
    """Segment every source, refresh templates and merge every language's PO.

    Translations are never dropped. An entry still empty gets the exact translation the
    language's memory holds for it, wherever it was translated. A unit without an exact
    entry gets, in order: the
    exact translation from the language's memory (all its PO files, obsolete entries and
    the config's memory files), the translation of the old unit it was edited from
    (fuzzy, with the previous text shown as #| msgid; carried over as is when only the
    spacing changed), a near memory hit (fuzzy), or nothing. Units that left the source
    become obsolete (#~) and come back when their text returns.
    """
    from .commands.update import UpdateOptions
    from .commands.update import update as run_update
    from .render.update import update_json, update_table

    reporter = Reporter()
    project = _project(reporter)
    result = run_update(project, UpdateOptions(dry_run, keep_trivial, not no_memory), reporter.progress)
    reporter.errors(result.problems)
    drafts = None
    if machine:
        from .commands.drafts import machine_drafts

        drafts = machine_drafts(project, dry_run, reporter.progress)
        reporter.errors([*drafts.notices, *drafts.problems])
    if as_json:
        _print_json(update_json(result, drafts))
    else:
        reporter.show(update_table(result))
        if drafts is not None:
            from .render.update import drafts_lines

            reporter.show(drafts_lines(drafts, dry_run))
    return 1 if reporter.failed else 0


def _parse_states(states: str | None) -> tuple[frozenset[SegmentState] | None, bool, str | None]:
    """The states asked for; whether only units with check errors are (``error``); and
    ``reviewed`` or ``unreviewed``."""
    if not states:
        return None, False, None
    chosen = {state.strip() for state in states.split(",") if state.strip()}
    errors_only = "error" in chosen
    review = next((name for name in ("reviewed", "unreviewed") if name in chosen), None)
    chosen -= {"error", "reviewed", "unreviewed"}
    unknown = chosen - set(SEGMENT_STATES)
    if unknown:
        known = ", ".join(
            [*(state for state in SEGMENT_STATES if state != "new"), "error", "reviewed", "unreviewed"]
        )
        raise click.BadParameter(
            f"unknown state {sorted(unknown)[0]!r} (states: {known})", param_hint="--state"
        )
    if "untranslated" in chosen:
        chosen.add("new")
    return (frozenset(state for state in SEGMENT_STATES if state in chosen) or None), errors_only, review


@main.command(short_help="Where every language, document and segment stands.")
@click.argument("document", required=False)
@language_option()
@click.option(
    "--state",
    "states",
    default=None,
    help="Segment view: only these states (fuzzy,untranslated...; error, reviewed, unreviewed).",
)
@json_option("transflow.status/1")
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    default=None,
    metavar="PERCENT",
    help="Exit 1 if any row is below PERCENT (0-100).",
)
def status(
    document: str | None,
    languages: tuple[tuple[str, ...], ...],
    states: str | None,
    as_json: bool,
    fail_under: float | None,
) -> int:
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
    from .commands.status import StatusOptions
    from .commands.status import status as run_status
    from .render.status import status_json, status_table

    reporter = Reporter()
    state_filter, errors_only, review = _parse_states(states)
    if states and not (document and _flat(languages)):
        raise click.UsageError("--state filters the segment view: give a DOCUMENT and -l LANG too")
    project = _project(reporter)
    options = StatusOptions(document, _flat(languages), state_filter, errors_only, review)
    result = run_status(project, options, reporter.progress)
    reporter.errors(result.problems or [])
    if as_json:
        _print_json(status_json(result))
    else:
        reporter.show(status_table(result, reporter.width, reporter.plain))
    below = {
        name: value
        for name, value in result.percents.items()
        if fail_under is not None and value < fail_under
    }
    if below:
        listed = ", ".join(f"{name} ({value:.1f}%)" for name, value in below.items())
        reporter.err.print(f"below {fail_under:g}%: {listed}", highlight=False, soft_wrap=True)
    return 1 if reporter.failed or below else 0


@main.command(short_help="Reassemble finished documents; write the manifest.")
@click.argument("documents", nargs=-1)
@language_option()
@click.option(
    "--min-percent",
    type=click.FloatRange(0, 100),
    default=None,
    metavar="PERCENT",
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
@click.option(
    "--require-review", is_flag=True, help="Publish only approved translations (as require_review = true)."
)
@click.option("-v", "--verbose", is_flag=True, help="Also say why each unfinished document was not built.")
@json_option("transflow.build/1")
# PLR0913 earned: a click command: one parameter per option
def build(  # noqa: PLR0913
    documents: tuple[str, ...],
    languages: tuple[tuple[str, ...], ...],
    min_percent: float | None,
    preview: bool,
    mark: bool,
    marker: str,
    out_dir: Path | None,
    prune: bool,
    strict: bool,
    require_review: bool,
    verbose: bool,
    as_json: bool,
) -> int:
    """Reassemble localized documents into build/<lang>/<path> and write build/manifest.json.

    By default only finished documents are built: every unit translated, none fuzzy,
    no check error, the PO in step with the current source (and, with require_review,
    every unit approved). A document that falls below the gate after
    being published keeps its output and is reported stale; nothing published is deleted
    without --prune. Unchanged inputs (by content hash) rewrite nothing.

    Exit codes: 0 everything requested was built or legitimately skipped; 1 a document
    could not be read, or --strict and something was not built; 2 bad configuration.
    """
    from .assemble import Gate
    from .commands.build import BuildOptions
    from .commands.build import build as run_build
    from .render.build import build_json, build_table

    if mark and not preview:
        raise click.UsageError("--mark goes with --preview")
    if "{text}" not in marker:
        raise click.BadParameter("the marker needs {text}", param_hint="--marker")
    reporter = Reporter()
    project = _project(reporter)
    gate = Gate(min_percent, preview, marker if mark else None, require_review)
    options = BuildOptions(documents, _flat(languages), gate, out_dir, prune)
    result = run_build(project, options, Path.cwd(), reporter.progress)
    reporter.errors(result.problems)
    if as_json:
        _print_json(build_json(result))
    else:
        reporter.show(build_table(result, verbose))
    return 1 if reporter.failed or (strict and result.not_built) else 0


@main.command(short_help="Words left to translate, by memory match band.")
@click.argument("documents", nargs=-1)
@language_option()
@json_option("transflow.analyze/1")
def analyze(documents: tuple[str, ...], languages: tuple[tuple[str, ...], ...], as_json: bool) -> int:
    """Words still to translate per language, by how much translation memory helps.

    Bands, as CAT tools give them: repetitions (text already met earlier in the batch),
    100% (exact memory hit), 95-99%, 85-94%, 75-84%, 50-74% (fuzzy entries and near
    memory hits, by word-level similarity) and no match. Translated words are shown
    apart; the columns add up to the word totals of `transflow status`.
    """
    from .commands.analyze import AnalyzeOptions
    from .commands.analyze import analyze as run_analyze
    from .render.analyze import analyze_json, analyze_table

    reporter = Reporter()
    project = _project(reporter)
    result = run_analyze(project, AnalyzeOptions(documents, _flat(languages)), reporter.progress)
    reporter.errors(result.problems)
    if as_json:
        _print_json(analyze_json(result))
    else:
        reporter.show(analyze_table(result, project.config.project_name))
    return 1 if reporter.failed else 0


@main.command(short_help="Figures, links, markup, glossary: what must be right.")
@click.argument("documents", nargs=-1)
@language_option()
@json_option("transflow.check/1")
@click.option("--list", "list_checks", is_flag=True, help="Name and explain every check, then stop.")
def check(
    documents: tuple[str, ...], languages: tuple[tuple[str, ...], ...], as_json: bool, list_checks: bool
) -> int:
    """Check every translated and fuzzy unit against its current source.

    Errors (figures, urls, markup, glossary) keep a document from being built; warnings
    are shown. Accept a finding on one entry with the translator comment
    '# transflow: accept NAME'. Exit codes: 0 no error, 1 an error (or an unreadable
    file), 2 bad configuration or arguments.
    """
    from .commands.check import CheckOptions
    from .commands.check import check as run_check
    from .render.check import check_json, check_table, checks_list

    reporter = Reporter()
    if list_checks:
        reporter.show(checks_list())
        return 0
    project = _project(reporter)
    result = run_check(project, CheckOptions(documents, _flat(languages)), reporter.progress)
    reporter.errors(result.problems)
    reporter.errors(list(result.notices))
    if as_json:
        _print_json(check_json(result))
    else:
        reporter.show(check_table(result))
    return 1 if reporter.failed or result.errors else 0


@main.command(short_help="Approve or reject translations; recorded beside the PO.")
@click.argument("document")
@language_option("The language to review.", one=True)
@click.option(
    "--approve", is_flag=True, help="Approve --unit IDs, or every translated unit free of check errors."
)
@click.option(
    "--revoke", is_flag=True, help="Withdraw the approvals of --unit IDs, or all of the document's."
)
@click.option("--unit", "units", multiple=True, help="A unit's reference id (repeatable).")
@click.option(
    "--by", "by", default=None, help="The reviewer (default: TRANSFLOW_REVIEWER, then git's user.name)."
)
def review(
    document: str,
    languages: tuple[tuple[str, ...], ...],
    approve: bool,
    revoke: bool,
    units: tuple[str, ...],
    by: str | None,
) -> int:
    """Walk the translated, not yet approved units of DOCUMENT in one language.

    Each unit shows its place, source, translation, check findings, the earlier source
    of a fuzzy translation and the notes. Keys: a approve, r reject (the entry turns
    fuzzy with your remark as a '# review:' comment), e edit in $EDITOR (then approved),
    s skip, b back, q quit. Every decision is saved at once. Approvals live in
    locales/<lang>/<doc>.review and lapse when the source or the translation changes.
    """
    from .commands.review import ReviewSession, approve_units, reviewer_name, revoke_units
    from .errors import UsageError
    from .render.review import batch_summary

    language = _one_language(languages, "transflow review DOC -l fr")
    if approve and revoke:
        raise click.UsageError("--approve or --revoke, not both")
    reporter = Reporter()
    project = _project(reporter)
    reviewer = reviewer_name(by, project.config) if not revoke else (by or "")
    session = ReviewSession.open(project, document, language, reviewer)
    if approve or revoke:
        result = approve_units(session, units) if approve else revoke_units(session, units)
        reporter.show(batch_summary(result, session))
        return 1 if reporter.failed else 0
    if not sys.stdin.isatty():
        raise UsageError("an interactive review needs a terminal", hint="use --approve [--unit ID] --by NAME")
    _review_loop(session, reporter)
    return 0


@main.command(name="log", short_help="The history of each unit: edits from git, approvals.")
@click.argument("document")
@language_option("The language.", one=True)
@click.option("--unit", default=None, help="Only this unit (a reference id).")
@json_option("transflow.log/1")
def log_command(
    document: str, languages: tuple[tuple[str, ...], ...], unit: str | None, as_json: bool
) -> int:
    """The history of each unit of DOCUMENT in one language: the commits that changed its
    translation (when the project is a git repository) and its approvals and rejections."""
    from .commands.log import log
    from .render.review import log_json, log_view

    language = _one_language(languages, "transflow log DOC -l fr")
    reporter = Reporter()
    result = log(_project(reporter), document, language, unit)
    if as_json:
        _print_json(log_json(result))
    else:
        reporter.show(log_view(result))
    return 0


@main.command(short_help="A board to look at: one HTML page, and badges.")
@click.option(
    "--html",
    "html_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the board to this file (self-contained: open it or put it on any static host).",
)
@click.option(
    "--badges",
    "badges_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write one SVG badge per language (fr.svg: 'fr 82%') into this folder.",
)
def report(html_file: Path | None, badges_dir: Path | None) -> int:
    """Progress per language (translated, reviewed, fuzzy, untranslated, check errors),
    a documents x languages heatmap linked to the segments still to do, the stale
    publications, and each language's pace and estimate from git history."""
    from .atomic import write_if_changed
    from .commands.report import report as run_report
    from .errors import UsageError
    from .render.report import board_files, board_lines

    if html_file is None and badges_dir is None:
        raise UsageError("nothing to write", hint="give --html FILE and/or --badges DIR")
    reporter = Reporter()
    project = _project(reporter)
    result = run_report(project, reporter.progress, with_segments=html_file is not None)
    reporter.errors(result.problems)
    for path, text in board_files(result, html_file, badges_dir).items():
        write_if_changed(Path.cwd() / path, text)
    for line in board_lines(result, html_file, badges_dir):
        reporter.show(line)
    return 1 if reporter.failed else 0


@main.command(name="export", short_help="A kit of units to translate: XLIFF, PO or CSV.")
@click.argument("documents", nargs=-1)
@language_option("The language of the kit.", one=True)
@click.option(
    "--format",
    "kind",
    type=click.Choice(["xliff", "xliff12", "po", "csv"]),
    default="xliff",
    show_default=True,
    help="XLIFF 2.1, XLIFF 1.2 (what most CAT tools read), PO or CSV.",
)
@click.option(
    "--only",
    type=click.Choice(["open", "all"]),
    default="all",
    show_default=True,
    help="open: untranslated, fuzzy and rejected units only.",
)
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("kits"),
    show_default=True,
    help="The folder the kit goes to.",
)
def export_command(
    documents: tuple[str, ...], languages: tuple[tuple[str, ...], ...], kind: str, only: str, out: Path
) -> int:
    """Hand units off to an agency or a CAT tool with their context: place, earlier source,
    notes, glossary terms, check errors, and transflow's unit ids (nothing is matched by text)."""
    from .commands.exchange import ExportOptions, export_kit
    from .render.exchange import export_line

    language = _one_language(languages, "transflow export -l fr --format xliff")
    reporter = Reporter()
    options = ExportOptions(language, documents, cast("KitFormat", kind), only == "open", out)
    result = export_kit(_project(reporter), options, Path.cwd())
    reporter.show(export_line(result))
    return 1 if reporter.failed else 0


@main.command(name="align", short_help="Bring published translations into the POs, as fuzzy.")
@click.argument("document", required=False)
@click.argument(
    "published_file",
    metavar="[PUBLISHED]",
    required=False,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
)
@language_option("The language of the published translation.", one=True)
@click.option(
    "--published",
    "published_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="A folder mirroring the source folder: align every document that has a published file there.",
)
@click.option(
    "--into",
    type=click.Choice(["po", "memory"]),
    default="po",
    show_default=True,
    help="po: fill empty entries as fuzzy; memory: write the pairs as a TMX file (--tmx).",
)
@click.option(
    "--tmx",
    "tmx_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="With --into memory: the TMX file to write (default aligned-LANG.tmx).",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    metavar="SCORE",
    default=0.2,
    show_default=True,
    help="Pairs scored lower (0 to 1) stay empty and are listed.",
)
@click.option("--lines", is_flag=True, help="One unit per non-empty line on both sides (pre-split texts).")
@click.option("--dry-run", is_flag=True, help="Say what would be filled without writing.")
@json_option("transflow.align/1")
# PLR0913 earned: a click command: one parameter per option
def align_command(  # noqa: PLR0913
    document: str | None,
    published_file: Path | None,
    languages: tuple[tuple[str, ...], ...],
    published_dir: Path | None,
    into: str,
    tmx_file: Path | None,
    min_score: float,
    lines: bool,
    dry_run: bool,
    as_json: bool,
) -> int:
    """Align PUBLISHED, an existing translation of DOCUMENT (any format transflow reads), sentence
    by sentence, and fill the document's empty PO entries with it, as fuzzy, each with a
    "# transflow: aligned from" note and its score. A translator's entry is never touched;
    pairs below --min-score, merged units and units left out are listed. Review then approves.

    \b
    transflow align a.md site/fr/a.html -l fr    one document
    transflow align --published site/fr -l fr     each with a published file
    """
    from .commands.align import AlignOptions, align_all, published_pairs
    from .errors import UsageError
    from .render.align import align_run_json, align_run_lines

    language = _one_language(languages, "transflow align a.md published/fr/a.html -l fr")
    reporter = Reporter()
    project = _project(reporter)
    missing: list[str] = []
    if published_dir is not None:
        if document or published_file:
            raise UsageError("give DOCUMENT PUBLISHED or --published DIR, not both")
        requests, missing = published_pairs(project, published_dir)
    elif document and published_file:
        requests = [(document, published_file)]
    else:
        raise UsageError("nothing to align", hint="give DOCUMENT PUBLISHED, or --published DIR")
    options = AlignOptions("", Path(), language, min_score, dry_run, lines, into)
    run = align_all(project, requests, options, tmx_file)
    run.missing = missing
    reporter.errors(run.problems)
    if as_json:
        _print_json(align_run_json(run))
    else:
        reporter.show(align_run_lines(run, published_dir))
    return 1 if reporter.failed else 0


@main.command(name="import", short_help="Merge returned kits into the PO files, safely.")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path)
)
@language_option(
    "The language of kits that do not say theirs (XLIFF, PO and CSV kits from transflow do).", one=True
)
@click.option("--dry-run", is_flag=True, help="Say what would change without writing.")
@json_option("transflow.import/1")
def import_command(
    files: tuple[Path, ...], languages: tuple[tuple[str, ...], ...], dry_run: bool, as_json: bool
) -> int:
    """Apply returned translations only where the PO still holds what was exported: a unit
    whose source changed is not applied, an entry changed in the PO since is a conflict,
    listed and never overwritten. Exit 1 when anything was not applied."""
    from .commands.exchange import NOT_APPLIED, import_kits
    from .errors import UsageError
    from .render.exchange import import_json, import_lines

    chosen = _flat(languages)
    if len(chosen) > 1:
        raise UsageError("give at most one language", hint="e.g. transflow import kits/fr.xlf -l fr")
    language = chosen[0] if chosen else None
    reporter = Reporter()
    result = import_kits(_project(reporter), files, language, dry_run)
    reporter.errors(result.problems)
    if as_json:
        _print_json(import_json(result, dry_run))
    else:
        for line in import_lines(result, dry_run):
            reporter.show(line)
    blocked = sum(result.count(outcome) for outcome in NOT_APPLIED)
    return 1 if reporter.failed or blocked else 0


@main.group(short_help="The translation memory: export it as TMX.")
def memory() -> None:
    """Each language's memory: every translation in its PO files and the config's memory files."""


@memory.command(name="export", short_help="Write a language's memory as TMX 1.4b.")
@language_option("The language.", one=True)
@click.option(
    "--tmx", "target", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The TMX file."
)
def memory_export(languages: tuple[tuple[str, ...], ...], target: Path) -> int:
    """The language's memory as TMX 1.4b, for CAT tools; a .tmx file in the config's memory
    setting is read back as memory."""
    from .commands.exchange import export_memory
    from .render.exchange import left_out_notice, memory_export_line

    language = _one_language(languages, "transflow memory export -l fr --tmx fr.tmx")
    reporter = Reporter()
    exported = export_memory(_project(reporter), language, Path.cwd() / target)
    reporter.show(memory_export_line(exported, target))
    notice = left_out_notice(exported, language)
    if notice is not None:
        reporter.error(notice)
    return 0


def _review_loop(session: ReviewSession, reporter: Reporter) -> None:
    """The terminal walk: one key per decision, each saved by the session at once."""
    from .render.review import edited_translation, editor_text, review_closing, review_item

    position = 0
    while 0 <= position < len(session.items):
        item = session.items[position]
        reporter.out.print(review_item(item, position, session))
        key = click.getchar().lower()
        if key == "a":
            if item.has_errors and not click.confirm(
                "this translation fails a check (see above): approve it all the same?", default=False
            ):
                continue
            session.approve(item)
            position += 1
        elif key == "r":
            remark = click.prompt("remark for the translator", default="", show_default=False)
            session.reject(item, remark)
            position += 1
        elif key == "e":
            edited = click.edit(editor_text(item))
            translation = edited_translation(edited) if edited is not None else ""
            if translation.strip():
                session.items[position] = session.edit(item, translation)
                position += 1
        elif key == "s":
            position += 1
        elif key == "b":
            position = max(0, position - 1)
        elif key in ("q", "\x03", "\x04"):
            break
    reporter.out.print(review_closing(session))
