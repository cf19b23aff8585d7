"""What ``transflow review`` shows of a unit waiting for a reviewer, readable at 80 columns."""

from __future__ import annotations

from dataclasses import asdict

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.text import Text

from ..commands.log import LogResult
from ..commands.review import BatchResult, ReviewItem, ReviewSession

KEYS = "[a]pprove  [r]eject  [e]dit  [s]kip  [b]ack  [q]uit"


def progress_line(position: int, session: ReviewSession) -> str:
    return f"{position + 1}/{len(session.items)} · {session.approved} approved · {session.rejected} rejected"


def review_closing(session: ReviewSession) -> str:
    """The line a review session ends with: what was decided, and what is left."""
    where = f"{session.source.path} [{session.language}]"
    if not session.items:
        return f"{where}: nothing to review"
    decided = session.approved + session.rejected
    left = len(session.items) - decided
    return (
        f"{where}: {session.approved} approved, {session.rejected} rejected this session; "
        f"{left} of {len(session.items)} still to review"
    )


EDITOR_MARK = "# ---- your translation below; these lines are dropped ----"


def editor_text(item: ReviewItem) -> str:
    """What the reviewer's editor opens: the source and the findings as comment lines above a
    mark, then the translation to edit."""
    lines = [f"# source: {line}" for line in item.source.split("\n")]
    lines += [f"# {finding.check} ({finding.severity}): {finding.message}" for finding in item.findings]
    return "\n".join([*lines, EDITOR_MARK, item.translation]) + "\n"


def edited_translation(text: str) -> str:
    """The translation an edited ``editor_text`` holds (everything after the mark)."""
    _, mark, after = text.partition(EDITOR_MARK + "\n")
    return (after if mark else text).rstrip("\n")


def review_item(item: ReviewItem, position: int, session: ReviewSession) -> RenderableType:
    """The unit: where it stands, its source, its translation, what the checks say, the notes."""
    parts: list[RenderableType] = [
        Rule(progress_line(position, session), align="left", style="dim"),
        *(
            [Text(f"already decided in this session: {session.decided[item.unit_id]}", style="magenta")]
            if item.unit_id in session.decided
            else []
        ),
        Text.assemble(
            (f"{session.source.path} [{session.language}] ", "bold"),
            (f"{item.unit_id} — {item.place}", "dim"),
        ),
        Text("source", style="bold"),
        Padding(Text(item.source), (0, 0, 0, 2)),
    ]
    if item.fuzzy:
        parts.append(Text("fuzzy: translated from an earlier source", style="yellow"))
        if item.previous is not None:
            parts.append(Padding(Text(item.previous, style="dim"), (0, 0, 0, 2)))
    parts += [Text("translation", style="bold"), Padding(Text(item.translation, style="cyan"), (0, 0, 0, 2))]
    for finding in item.findings:
        style = "dim" if finding.accepted else ("bold red" if finding.severity == "error" else "yellow")
        label = "accepted" if finding.accepted else finding.severity
        parts.append(Text(f"{finding.check} ({label}): {finding.message}", style=style))
    for note in item.notes:
        parts.append(Text(f"note: {note}", style="dim"))
    parts.append(Text(KEYS, style="bold"))
    return Group(*parts)


def batch_summary(result: BatchResult, session: ReviewSession) -> RenderableType:
    lines: list[RenderableType] = []
    where = f"{session.source.path} [{session.language}]"
    if result.approved:
        lines.append(Text(f"{where}: {len(result.approved)} approved by {session.reviewer}"))
    if result.revoked:
        lines.append(Text(f"{where}: {len(result.revoked)} approval(s) revoked"))
    for unit, why in result.skipped:
        lines.append(Text(f"skipped {unit}: {why}", style="yellow"))
    if not lines:
        lines.append(Text(f"{where}: nothing to do", style="dim"))
    return Group(*lines)


def log_view(result: LogResult) -> RenderableType:
    """Each unit's history, oldest first; without git, what the review record holds."""
    parts: list[RenderableType] = [Text(f"{result.document} [{result.language}]", style="bold")]
    if not result.git:
        parts.append(Text("not a git repository: the review record alone", style="dim"))
    for history in result.units:
        if not history.events:
            continue
        parts.append(Text.assemble((f"{history.unit} ", "bold"), (history.place, "dim")))
        parts.append(Padding(Text(history.source), (0, 0, 0, 2)))
        for event in history.events:
            line = Text(f"  {event.date[:10]}  {event.kind:10} {event.who}", style="cyan")
            if event.note:
                line.append(f"  {event.note}", style="dim")
            parts.append(line)
            if event.old is not None:
                parts.append(Padding(Text(f"- {event.old}", style="red"), (0, 0, 0, 4)))
            if event.new is not None:
                parts.append(Padding(Text(f"+ {event.new}", style="green"), (0, 0, 0, 4)))
    if len(parts) == 1 + (not result.git):
        parts.append(Text("no history yet", style="dim"))
    return Group(*parts)


def log_json(result: LogResult) -> dict[str, object]:
    return {"schema": "transflow.log/1", **asdict(result)}
