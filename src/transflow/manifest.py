"""``build/manifest.json``: what each build decided per document and language.

A publishing step reads it to know which outputs are finished; the next build reads it
to leave unchanged outputs alone and never to lose a publication.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
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
    # For a website: the language as BCP 47 (paths keep babel's zh_Hans), its names and direction,
    # and the document's title (its first unit, translated when it is).
    tag: str | None = None
    language_name: str | None = None
    native_name: str | None = None
    direction: str | None = None
    title: str | None = None
    changed: bool = False  # the build this manifest records wrote the output
    stale_since: int | None = None  # for a stale output: the build that found it behind
    problems: list[str] = field(default_factory=list)  # the error lines this verdict came with

    @property
    def key(self) -> tuple[str, str]:
        return (self.document, self.language)


def manifest_path(output_root: Path) -> Path:
    return output_root / "manifest.json"


def read_manifest(path: Path) -> dict[tuple[str, str], BuildRecord]:
    """The previous build's records; a missing or unreadable manifest is an empty one."""
    return read_manifest_file(path)[1]


def read_manifest_file(path: Path) -> tuple[int, dict[tuple[str, str], BuildRecord]]:
    """The number of the build a manifest records, and its records (0 and none when unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return 0, {}
    if not isinstance(data, dict) or data.get("schema") != MANIFEST_SCHEMA:
        return 0, {}
    records: dict[tuple[str, str], BuildRecord] = {}
    for item in data.get("documents", []):
        try:
            record = BuildRecord(**item)
        except TypeError:
            continue
        records[record.key] = record
    build = data.get("build")
    return (build if isinstance(build, int) and not isinstance(build, bool) else 0), records


def render_manifest(records: Sequence[BuildRecord], build: int = 0) -> str:
    """The manifest text; ``build`` counts the builds that changed the manifest."""
    ordered = sorted(records, key=lambda record: record.key)
    # the records' own field dicts (in field order): asdict would deep-copy every record
    payload = {"schema": MANIFEST_SCHEMA, "build": build, "documents": [vars(record) for record in ordered]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def next_manifest(
    previous_build: int, previous: Sequence[BuildRecord], records: Sequence[BuildRecord], written: set[str]
) -> tuple[int, list[BuildRecord]] | None:
    """The records to write and their build number, or None when nothing but ``changed`` would
    differ (a build that changed nothing leaves the manifest as it was, byte for byte)."""

    def settled(items: Sequence[BuildRecord]) -> list[BuildRecord]:
        return sorted((replace(r, changed=False, stale_since=None) for r in items), key=lambda r: r.key)

    if previous and settled(previous) == settled(records):
        return None
    build = previous_build + 1
    before = {record.key: record for record in previous}
    final = []
    for record in records:
        old = before.get(record.key)
        since = None
        if record.status == "stale":
            since = (
                old.stale_since if old is not None and old.status == "stale" and old.stale_since else build
            )
        final.append(replace(record, changed=record.output in written, stale_since=since))
    return build, final
