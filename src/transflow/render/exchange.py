"""What ``export``, ``import`` and ``memory export`` say: lines for people, JSON for machines."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from ..commands.exchange import NOT_APPLIED, OUTCOMES, ExportResult, ImportResult, MemoryExport
from ..errors import Notice


def export_line(result: ExportResult) -> str:
    return f"{result.units} unit(s) exported to {', '.join(result.files) or '(nothing)'}"


def import_json(result: ImportResult, dry_run: bool) -> dict[str, object]:
    return {
        "schema": "transflow.import/1",
        "dry_run": dry_run,
        "written": result.written,
        "events": [asdict(event) for event in result.events],
    }


def import_lines(result: ImportResult, dry_run: bool) -> list[str]:
    """Each unit not applied, then the counts by outcome and the files written."""
    lines = [
        f"{event.outcome}: {event.document} {event.unit} {event.detail}".rstrip()
        for event in result.events
        if event.outcome in NOT_APPLIED
    ]
    counts = ", ".join(f"{result.count(outcome)} {outcome}" for outcome in OUTCOMES if result.count(outcome))
    verb = "would be written" if dry_run else "written"
    lines.append(f"{counts or 'nothing returned'}; {len(result.written)} PO file(s) {verb}")
    return lines


def memory_export_line(exported: MemoryExport, target: Path) -> str:
    return f"{exported.written} translation unit(s) written to {target}"


def left_out_notice(exported: MemoryExport, language: str) -> Notice | None:
    """The translations kept out of the TMX for their check errors, and where to see them."""
    if not exported.left_out:
        return None
    return Notice(
        f"{exported.left_out} translation(s) left out: they have check errors",
        hint=f"see them with: transflow check -l {language}",
    )
