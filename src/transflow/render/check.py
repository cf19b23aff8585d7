"""What ``transflow check`` found: a table for people, schema transflow.check/1 for machines."""

from __future__ import annotations

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from ..checks import CHECKS, is_error
from ..commands.check import CheckResult, UnitFinding

CHECK_SCHEMA = "transflow.check/1"
SEVERITY_STYLES = {"error": "bold red", "warning": "yellow"}


def _totals(result: CheckResult) -> dict[str, object]:
    by_language = {language: {"errors": 0, "warnings": 0, "accepted": 0} for language in result.languages}
    for item in result.findings:
        counts = by_language.setdefault(item.language, {"errors": 0, "warnings": 0, "accepted": 0})
        if item.finding.accepted:
            counts["accepted"] += 1
        else:
            counts["errors" if item.finding.severity == "error" else "warnings"] += 1
    return {
        "errors": sum(counts["errors"] for counts in by_language.values()),
        "warnings": sum(counts["warnings"] for counts in by_language.values()),
        "accepted": sum(counts["accepted"] for counts in by_language.values()),
        "languages": by_language,
    }


def check_json(result: CheckResult) -> dict[str, object]:
    return {
        "schema": CHECK_SCHEMA,
        "findings": [
            {
                "document": item.document,
                "language": item.language,
                "unit": item.unit,
                "place": item.place,
                "check": item.finding.check,
                "severity": item.finding.severity,
                "message": item.finding.message,
                "source": item.source,
                "translation": item.translation,
                "accepted": item.finding.accepted,
            }
            for item in result.findings
        ],
        "totals": _totals(result),
        "notices": [str(notice) for notice in result.notices],
    }


def check_table(result: CheckResult) -> RenderableType:
    """One row per finding, grouped by document and language; totals below."""
    totals = _totals(result)
    summary = Text(
        f"{totals['errors']} error(s), {totals['warnings']} warning(s)"
        + (f", {totals['accepted']} accepted" if totals["accepted"] else "")
    )
    if not result.findings:
        if result.problems:  # an unreadable file: nothing found in what could be read, no more
            unread = f"nothing to report in what could be read; {len(result.problems)} file(s) could not be"
            return Group(Text(f"transflow check: {unread}", style="yellow"), summary)
        return Group(Text("transflow check: nothing to report", style="green"), summary)
    style = "bold red" if any(is_error(item.finding) for item in result.findings) else ""
    return Group(_Findings(result.findings), Text(summary.plain, style=style))


class _Findings:
    """The findings under their document's heading, a table each with the same column widths.

    The widths are worked out once from every row (rich measures no cell of a column given a
    width: a table per document measured alone cost 15% of a large check), and headings
    stand outside the tables so that a document's name is never folded into a column."""

    def __init__(self, findings: list[UnitFinding]) -> None:
        self.findings = findings

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        unit_width = min(28, max(len(line) for item in self.findings for line in (item.unit, item.place)))
        check_width = max(
            max(len(item.finding.check) for item in self.findings), len("accepted"), len("warning")
        )
        unit_width = max(unit_width, min(12, options.max_width // 5))
        table = None
        current = None
        for item in self.findings:
            heading = (item.document, item.language)
            if heading != current:
                if table is not None:
                    yield table
                    yield Text("")
                yield Text(f"{item.document} [{item.language}]", style="bold", overflow="fold")
                widths = (unit_width, check_width, max(20, options.max_width - unit_width - check_width - 6))
                table = _findings_table(widths, show_header=current is None)
                current = heading
            assert table is not None
            severity = "accepted" if item.finding.accepted else item.finding.severity
            style = "dim" if item.finding.accepted else SEVERITY_STYLES[item.finding.severity]
            table.add_row(
                Text(f"{item.unit}\n{item.place}", style="dim"),
                Text(f"{item.finding.check}\n{severity}", style=style),
                item.finding.message,
            )
        if table is not None:
            yield table


def _findings_table(widths: tuple[int, int, int], show_header: bool) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, show_header=show_header)
    table.add_column("unit", overflow="fold", width=widths[0])
    table.add_column("check", no_wrap=True, width=widths[1])
    table.add_column("finding", overflow="fold", width=widths[2])
    return table


def checks_list() -> RenderableType:
    """Every check, its severity and what it asks of a translation."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("check", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("what it asks", ratio=1)
    for item in CHECKS.values():
        table.add_row(item.name, Text(item.severity, style=SEVERITY_STYLES[item.severity]), item.explain)
    note = Text(
        "Accept one finding on one entry with the translator comment '# transflow: accept NAME'; "
        "switch a check off in the config: [checks] NAME = false.",
        style="dim",
    )
    return Group(table, note)
