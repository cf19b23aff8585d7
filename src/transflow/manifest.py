"""``build/manifest.json``: what each build decided per document and language.

A publishing step reads it to know which outputs are finished; the next build reads it
to leave unchanged outputs alone and never to lose a publication.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

from .errors import Notice
from .review import DATE

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


def read_manifest(path: Path, name: str) -> tuple[dict[tuple[str, str], BuildRecord], list[Notice]]:
    """The last build's records (none when the manifest is missing, unreadable or invalid),
    and the line that says it was left aside, if it was; ``name`` is the path as shown."""
    manifest = read_manifest_file(path)
    notice = manifest.notice(name)
    return manifest.records, [] if notice is None else [notice]


@dataclass(frozen=True)
class ManifestFile:
    """A manifest as read: its build number, its records, and why it was left aside if it was."""

    build: int = 0
    records: dict[tuple[str, str], BuildRecord] = field(default_factory=dict)
    invalid: str | None = None  # set when the file exists but is not a valid manifest

    def notice(self, name: str, hint: str = "the next transflow build writes a new one") -> Notice | None:
        """The line that says this manifest was left aside (None when it was read)."""
        if self.invalid is None:
            return None
        return Notice(f"not a valid manifest, left aside: {self.invalid}", path=name, hint=hint)


def read_manifest_file(path: Path) -> ManifestFile:
    """The manifest at ``path``; one that does not hold to docs/manifest.schema.json is absent.

    Sites commit, merge and edit the file: nothing in it is trusted until every field has
    the type the schema gives it, so no later code meets a ``null`` hash or a list for a name.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return ManifestFile()
    except OSError as error:
        return ManifestFile(invalid=f"cannot be read ({error.strerror or error})")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as error:
        return ManifestFile(invalid=f"not JSON ({str(error).splitlines()[0][:80]})")
    problem = manifest_problem(data)
    if problem is not None:
        return ManifestFile(invalid=problem)
    records = {}
    for item in data["documents"]:
        whole = {name: _as_int(item[name]) for name in ("words", "stale_since") if name in item}
        record = BuildRecord(**{**item, **whole})
        records[record.key] = record
    return ManifestFile(int(data["build"]), records)


_HASH = re.compile(r"[0-9a-f]{64}")
_HASH_NAMES = frozenset({"output", "source", "po", "config", "review"})


def _string(value: object) -> bool:
    return isinstance(value, str)


def _optional(test: Callable[[object], bool]) -> Callable[[object], bool]:
    return lambda value: value is None or test(value)


def _whole(value: object, minimum: int) -> bool:
    """A JSON integer (which 3.0 is, as JSON Schema counts) of at least ``minimum``."""
    if isinstance(value, float):
        return value.is_integer() and value >= minimum
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def _as_int(value: Any) -> Any:
    return int(value) if isinstance(value, float) else value


def _percent(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 100


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _hashes(value: object) -> bool:
    return isinstance(value, dict) and all(
        name in _HASH_NAMES and (digest is None or (isinstance(digest, str) and _HASH.fullmatch(digest)))
        for name, digest in value.items()
    )


# each field's test, as docs/manifest.schema.json states it
_FIELD_TESTS: dict[str, Callable[[object], bool]] = {
    "document": _string,
    "language": _string,
    "status": lambda value: value in ("built", "skipped", "stale", "error"),
    "reason": _optional(_string),
    "preview": lambda value: isinstance(value, bool),
    "percent": _optional(_percent),
    "words": _optional(lambda value: _whole(value, 0)),
    "output": _optional(_string),
    "sha256": _hashes,
    "mode": _string,
    "reviewers": _strings,
    "reviewed": _optional(lambda value: isinstance(value, str) and DATE.fullmatch(value) is not None),
    "tag": _optional(_string),
    "language_name": _optional(_string),
    "native_name": _optional(_string),
    "direction": lambda value: value in ("ltr", "rtl", None),
    "title": _optional(_string),
    "changed": lambda value: isinstance(value, bool),
    "stale_since": _optional(lambda value: _whole(value, 1)),
    "problems": _strings,
}
_REQUIRED = (
    *("document", "language", "status", "reason", "preview"),
    *("percent", "words", "output", "sha256", "mode"),
)
assert set(_FIELD_TESTS) == {item.name for item in fields(BuildRecord)}


def manifest_problem(data: Any) -> str | None:
    """What keeps ``data`` (parsed JSON) from being a manifest, in a few words; None when it is one."""
    if not isinstance(data, dict):
        return "not a JSON object"
    if data.get("schema") != MANIFEST_SCHEMA:
        return f"schema is not {MANIFEST_SCHEMA!r}"
    unknown = sorted(set(data) - {"schema", "build", "documents"})
    if unknown:
        return f"unknown field {unknown[0]!r}"
    if not _whole(data.get("build"), 0):
        return "build is not a whole number"
    documents = data.get("documents")
    if not isinstance(documents, list):
        return "documents is not a list"
    for number, item in enumerate(documents):
        where = f"documents[{number}]"
        if not isinstance(item, dict):
            return f"{where} is not an object"
        for name in _REQUIRED:
            if name not in item:
                return f"{where} has no {name}"
        for name, value in item.items():
            test = _FIELD_TESTS.get(name)
            if test is None:
                return f"{where} has an unknown field {name!r}"
            if not test(value):
                return f"{where}.{name} is not what the schema allows"
    return None


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
