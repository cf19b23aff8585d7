"""``build/manifest.json``: what each build decided per document and language.

A publishing step reads it to know which outputs are finished; the next build reads it
to leave unchanged outputs alone and never to lose a publication.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

MANIFEST_SCHEMA = "transflow.manifest/1"

BuildStatus = Literal["built", "skipped", "stale", "error"]


@dataclass(frozen=True)
class BuildRecord:
    """What the manifest says about one document in one language."""

    document: str
    language: str
    status: BuildStatus
    reason: str | None = None
    preview: bool = False
    percent: float | None = None
    words: int | None = None
    output: str | None = None  # relative to the project root
    sha256: dict[str, str | None] = field(default_factory=dict)  # output, source, po, config
    mode: str = "finished"
    reviewers: list[str] = field(default_factory=list)  # who approved the built translations
    reviewed: str | None = None  # the date of the last approval

    @property
    def key(self) -> tuple[str, str]:
        return (self.document, self.language)


def manifest_path(output_root: Path) -> Path:
    return output_root / "manifest.json"


def read_manifest(path: Path) -> dict[tuple[str, str], BuildRecord]:
    """The previous build's records; a missing or unreadable manifest is an empty one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("schema") != MANIFEST_SCHEMA:
        return {}
    records: dict[tuple[str, str], BuildRecord] = {}
    for item in data.get("documents", []):
        try:
            record = BuildRecord(**item)
        except TypeError:
            continue
        records[record.key] = record
    return records


def render_manifest(records: Sequence[BuildRecord]) -> str:
    ordered = sorted(records, key=lambda record: record.key)
    payload = {"schema": MANIFEST_SCHEMA, "documents": [asdict(record) for record in ordered]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
