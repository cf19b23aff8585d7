"""What ``transflow update`` did: a table for people, schema transflow.update/1 for machines."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..catalog import MergeEvent
from ..commands.drafts import DraftsResult
from ..commands.update import DocumentOutcome, UpdateResult
from .common import MAX_LISTED

UPDATE_SCHEMA = "transflow.update/1"
UPDATE_KINDS = ("kept", "new", "carried", "fuzzy", "memory", "memory-fuzzy", "revived", "obsoleted")
UPDATE_HEADERS = {"memory": "from\nmemory", "memory-fuzzy": "memory\nfuzzy", "obsoleted": "obsolete"}


def update_table(result: UpdateResult, limit: int = MAX_LISTED) -> RenderableType:
    """Per document and language, what the merge did; then carry-overs, changed figures and
    templates whose source is gone."""
    outcomes, dry_run = result.outcomes, result.dry_run
    title = "transflow update (dry run: nothing written)" if dry_run else "transflow update"
    # the title stands above the table: as the table's own title it would wrap to a narrow table
    table = Table(
        box=box.SIMPLE_HEAD, show_edge=False, show_footer=True, pad_edge=False, collapse_padding=True
    )
    totals = _update_totals(outcomes)
    # the name is what people read first and type back: whole, the headers wrap instead
    table.add_column("document", footer="total", no_wrap=True)
    table.add_column("lang")
    # kinds nothing happened to in this run take no room
    kinds = [kind for kind in UPDATE_KINDS if kind in ("kept", "new") or totals[kind]]
    for kind in kinds:
        table.add_column(UPDATE_HEADERS.get(kind, kind), justify="right", footer=str(totals[kind]))
    shown = 0
    hidden = 0
    notes: list[RenderableType] = []
    for outcome in outcomes:
        if outcome.error:
            table.add_row(outcome.source.path, "", Text("error", style="red"))
            continue
        for language in outcome.languages:
            if language.error:
                table.add_row(outcome.source.path, language.language, Text("error", style="red"))
                continue
            changed = any(language.counts[kind] for kind in UPDATE_KINDS if kind != "kept")
            if not changed:
                continue
            if shown >= limit:
                hidden += 1
            else:
                table.add_row(
                    outcome.source.path,
                    language.language,
                    *(str(language.counts[kind]) for kind in kinds),
                )
                shown += 1
            for event in language.details:
                notes.append(_update_note(outcome.source.path, language.language, event))
    if hidden:
        table.caption = f"... and {hidden} more document/language pairs with changes"
    written = result.written
    lines: list[RenderableType] = [Text(title, style="italic"), table, *notes[: limit * 5]]
    if len(notes) > limit * 5:
        lines.append(Text(f"... and {len(notes) - limit * 5} more notes", style="dim"))
    lines.append(Text(f"{written} file(s) {'would be ' if dry_run else ''}written"))
    for text in result.notes:
        lines.append(Text.assemble(("note: ", "yellow"), text))
    for template in result.orphans:
        note = Text("note: ", style="yellow")
        note.append(
            f"{template} has no source any more; its catalogs are kept (delete them if it was withdrawn)"
        )
        lines.append(note)
    return Group(*lines)


def _update_totals(outcomes: Sequence[DocumentOutcome]) -> Counter[str]:
    totals = Counter[str]()
    for outcome in outcomes:
        for language in outcome.languages:
            totals.update(language.counts)
    return totals


def drafts_lines(drafts: DraftsResult, dry_run: bool) -> RenderableType:
    """One line per language the engines drafted for."""
    lines: list[RenderableType] = []
    for item in drafts.languages:
        verb = "would get" if dry_run else "got"
        line = Text(
            f"machine drafts, {item.language} ({item.engine}): {item.drafted} unit(s) {verb} a fuzzy draft"
        )
        if item.discarded:
            line.append(
                f"; {item.discarded} discarded (a figure, link, placeholder or term did not come back)",
                style="yellow",
            )
        if item.unusable:
            line.append(f"; {item.unusable} empty or the source unchanged")
        lines.append(line)
    if not lines:
        lines.append(Text("machine drafts: none"))
    return Group(*lines)


def update_json(result: UpdateResult, drafts: DraftsResult | None = None) -> dict[str, object]:
    """Everything the update table shows, unabridged: every event with its texts."""
    outcomes = result.outcomes
    totals = _update_totals(outcomes)
    documents: list[dict[str, object]] = []
    for outcome in outcomes:
        languages: list[dict[str, object]] = []
        for language in outcome.languages:
            languages.append(
                {
                    "language": language.language,
                    "written": language.written,
                    "error": str(language.error) if language.error else None,
                    "counts": {kind: language.counts[kind] for kind in UPDATE_KINDS},
                    "events": [asdict(event) for event in language.details],
                    "review_lapsed": language.lapsed,
                }
            )
        documents.append(
            {
                "document": outcome.source.path,
                "units": outcome.units,
                "template_written": outcome.template_written,
                "error": str(outcome.error) if outcome.error else None,
                "languages": languages,
            }
        )
    return {
        "schema": UPDATE_SCHEMA,
        "dry_run": result.dry_run,
        "documents": documents,
        "totals": {kind: totals[kind] for kind in UPDATE_KINDS},
        "written": result.written,
        "orphan_templates": list(result.orphans),
        "notes": list(result.notes),
        "memory_uncarried": result.uncarried,
        "machine_drafts": None
        if drafts is None
        else [
            {
                "language": item.language,
                "engine": item.engine,
                "drafted": item.drafted,
                "discarded": item.discarded,
                "unusable": item.unusable,
                "written": item.written,
            }
            for item in drafts.languages
        ],
    }


def _update_note(path: str, language: str, event: MergeEvent) -> Text:
    style = {"carried": "green", "fuzzy": "yellow", "memory": "cyan", "memory-fuzzy": "yellow"}.get(
        event.kind, "red"
    )
    line = Text(f"{event.kind:12} ", style=style)
    line.append(f"{language} {path}: {_short(event.msgid)}")
    if event.kind in ("carried", "fuzzy") and event.previous is not None:
        line.append(f"  (was: {_short(_changed_part(event.previous, event.msgid))})", style="dim")
    if event.kind == "memory" and event.note:
        line.append(f"  (from {event.note})", style="dim")
    if event.kind in ("fuzzy", "memory-fuzzy") and event.note:
        line.append(f"  figures changed: {event.note}", style="bold yellow")
    return line


def _changed_part(old: str, new: str) -> str:
    """The old text from the first word that differs, so the change shows in a short line."""
    old_words, new_words = old.split(), new.split()
    same = 0
    while same < min(len(old_words), len(new_words)) and old_words[same] == new_words[same]:
        same += 1
    return ("… " if same else "") + " ".join(old_words[same:])


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
