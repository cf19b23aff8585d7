"""What ``transflow build`` did: a summary for people, schema transflow.build/1 for machines."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..commands.build import BuildResult
from ..languages import LanguageLabel
from ..manifest import BuildRecord
from .common import MAX_LISTED

BUILD_SCHEMA = "transflow.build/1"
BUILD_STATES = ("built", "preview", "stale", "skipped", "error")


def _build_state(record: BuildRecord) -> str:
    return "preview" if record.status == "built" and record.preview else record.status


def build_summary(records: Sequence[BuildRecord]) -> dict[str, dict[str, int]]:
    summary: dict[str, dict[str, int]] = {}
    for record in records:
        counts = summary.setdefault(record.language, dict.fromkeys(BUILD_STATES, 0))
        counts[_build_state(record)] += 1
    return summary


def build_table(result: BuildResult, verbose: bool = False) -> RenderableType:
    """Per language: built, preview, stale, skipped, errors; then the errors and stale outputs
    (what a publisher must act on) and, with ``verbose``, why each other document was skipped."""
    records, run, gate = result.requested, result.run, result.gate
    table = Table(
        title=f"transflow build ({gate.mode})",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
    )
    table.add_column("language", no_wrap=True)
    for state in BUILD_STATES:
        table.add_column(state, justify="right", no_wrap=True)
    for language, counts in build_summary(records).items():
        native = LanguageLabel.of(language).native
        table.add_row(f"{language} {native}", *(str(counts[state]) for state in BUILD_STATES))
    notes: list[RenderableType] = [table]
    shown_states = ("stale", "error", "skipped", "preview") if verbose else ("stale", "error")
    worth_saying = [r for r in records if _build_state(r) in shown_states and r.reason]
    # stale and errors first: they are what a publisher must act on
    worth_saying.sort(key=lambda r: ("stale", "error", "skipped", "preview").index(_build_state(r)))
    for listed, record in enumerate(worth_saying):
        state = _build_state(record)
        if listed >= MAX_LISTED and state not in ("stale", "error"):
            notes.append(Text(f"... and {len(worth_saying) - listed} more: see manifest.json", style="dim"))
            break
        line = Text(f"{state:8} ", style={"stale": "yellow", "error": "red"}.get(state, "dim"))
        reason = record.reason or ""
        if reason.startswith(f"{record.document}: "):  # the error names the document already
            reason = reason[len(record.document) + 2 :]
        line.append(f"{record.language} {record.document}: {reason}")
        notes.append(line)
    quiet = sum(1 for r in records if _build_state(r) in ("skipped", "preview") and r.reason)
    if quiet and not verbose:
        notes.append(Text(f"{quiet} not finished (skipped or preview): -v says why", style="dim"))
    manifests = sum(1 for name in run.written if name.endswith("manifest.json"))
    outputs = len(run.written) - manifests
    summary = f"{outputs} output(s) written, {len(run.removed)} removed"
    notes.append(Text(summary + (", manifest.json updated" if manifests else "; manifest.json unchanged")))
    return Group(*notes)


def build_json(result: BuildResult) -> dict[str, object]:
    """The build's summary and records as schema transflow.build/1."""
    run, records, output_root, root = result.run, result.requested, result.output_root, result.root
    return {
        "schema": BUILD_SCHEMA,
        "manifest": (output_root / "manifest.json").relative_to(root).as_posix()
        if output_root.is_relative_to(root)
        else str(output_root / "manifest.json"),
        "summary": build_summary(records),
        "written": run.written,
        "removed": run.removed,
        "documents": [vars(record) for record in sorted(records, key=lambda record: record.key)],
    }
