"""What ``transflow align`` did, for people and for machines (``transflow.align/1``)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from ..commands.align import AlignResult


def align_table(result: AlignResult) -> RenderableType:
    verb = "would fill" if result.dry_run else "filled"
    lines = [
        Text(
            f"{result.document} [{result.language}] <- {result.published}: "
            f"{len(result.source_units)} source and {len(result.target_units)} published units, "
            f"{result.count('1-1')} one-to-one, {result.count('merged')} merged, "
            f"{result.count('left out')} left out"
        ),
        Text(
            f"{verb} {len(result.filled)} empty entries as fuzzy; {len(result.kept)} already translated, kept"
        ),
    ]
    for index in result.low:
        lines.append(
            Text(
                f"low score, left empty: unit {index + 1}: {result.source_units[index][:60]}", style="yellow"
            )
        )
    if result.written:
        lines.append(Text(f"{len(result.written)} PO file(s) {'would be ' if result.dry_run else ''}written"))
    return Group(*lines)


def align_json(result: AlignResult) -> dict[str, object]:
    return {
        "schema": "transflow.align/1",
        "document": result.document,
        "published": result.published,
        "language": result.language,
        "dry_run": result.dry_run,
        "units": {"source": len(result.source_units), "published": len(result.target_units)},
        "beads": [
            {"source": list(bead.source), "target": list(bead.target), "score": bead.score}
            for bead in result.beads
        ],
        "filled": result.filled,
        "low_score": result.low,
        "kept": result.kept,
        "written": result.written,
    }
