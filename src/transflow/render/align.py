"""What ``transflow align`` did, for people and for machines (``transflow.align/1``)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Group, RenderableType
from rich.text import Text

from ..commands.align import AlignResult, AlignRun


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
    """One document's part of the ``transflow.align/1`` payload."""
    return {
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


def align_run_lines(run: AlignRun, folder: Path | None) -> RenderableType:
    parts: list[RenderableType] = [Text(f"no published file for {name} in {folder}") for name in run.missing]
    parts += [align_table(result) for result in run.results]
    if run.memory_file is not None:
        verb = "would be written to" if run.results and run.results[0].dry_run else "written to"
        parts.append(Text(f"{run.memory_pairs} pair(s) {verb} {run.memory_file} (name it in memory = [...])"))
    return Group(*parts)


def align_run_json(run: AlignRun) -> dict[str, object]:
    payload: dict[str, object] = {
        "schema": "transflow.align/1",
        "documents": [align_json(result) for result in run.results],
        "missing": run.missing,
    }
    if run.memory_file is not None:
        payload["memory"] = {
            "file": run.memory_file,
            "pairs": run.memory_pairs,
            "written": run.memory_written,
        }
    return payload
