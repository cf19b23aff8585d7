"""Rich renderables and JSON shapes for what the commands report."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table

from .project import DocumentOutcome


def update_table(outcomes: Sequence[DocumentOutcome], dry_run: bool) -> Table:
    """One row per document: units and what the merge did across its languages."""
    title = "transflow update (dry run: nothing written)" if dry_run else "transflow update"
    table = Table(title=title, title_justify="left")
    table.add_column("document", overflow="fold")
    for name in ("units", "kept", "new", "obsolete", "revived", "files written"):
        table.add_column(name, justify="right")
    totals = [0, 0, 0, 0, 0, 0]
    for outcome in outcomes:
        if outcome.error:
            table.add_row(outcome.source.path, "[red]error[/]", "", "", "", "", "")
            continue
        row = [
            outcome.units,
            sum(language.kept for language in outcome.languages),
            sum(language.added for language in outcome.languages),
            sum(language.obsoleted for language in outcome.languages),
            sum(language.revived for language in outcome.languages),
            int(outcome.template_written) + sum(language.written for language in outcome.languages),
        ]
        totals = [total + value for total, value in zip(totals, row, strict=True)]
        table.add_row(outcome.source.path, *(str(value) for value in row))
    table.add_section()
    table.add_row("total", *(str(value) for value in totals))
    return table
