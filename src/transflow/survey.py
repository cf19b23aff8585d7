"""Status across a project: read sources and PO files, reuse what has not changed.

Each (document, language) result is cached under the hashes of the exact source bytes,
the segmentation settings and the PO bytes, so a repeated run only hashes files; any
change of content, not of file times, brings the work back.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import astuple, dataclass
from pathlib import Path

from . import __version__
from .config import Config
from .errors import TransflowError
from .pofile import PoEntry, parse_po_bytes
from .project import Source, parse_source, po_path, read_source, write_if_changed
from .status import Counts, document_counts

CACHE_FORMAT = 1


@dataclass(frozen=True)
class DocumentState:
    """One document in one language: its counts, or the error that prevented them."""

    source: Source
    language: str
    po_path: Path  # relative to the project root
    po_exists: bool
    counts: Counts | None
    error: TransflowError | None = None


class StatusCache:
    """Counts by content hash, in one JSON file under .transflow/."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.stored: dict[str, list[int]] = {}
        self.used: dict[str, list[int]] = {}
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("format") == CACHE_FORMAT and data.get("version") == __version__:
                    self.stored = data["counts"]
            except (OSError, ValueError, KeyError, TypeError):
                self.stored = {}  # a damaged cache is only a slower run

    def get(self, key: str) -> Counts | None:
        values = self.stored.get(key)
        if values is None:
            return None
        self.used[key] = values
        return Counts(*values)

    def put(self, key: str, counts: Counts) -> None:
        self.used[key] = list(astuple(counts))

    def save(self, keep_unused: bool) -> None:
        """Write what this run used (and, for a partial run, what it did not touch)."""
        if self.path is None:
            return
        counts = {**self.stored, **self.used} if keep_unused else self.used
        if counts == self.stored:
            return
        payload = {"format": CACHE_FORMAT, "version": __version__, "counts": dict(sorted(counts.items()))}
        with contextlib.suppress(OSError, TransflowError):  # a read-only project still gets its status
            write_if_changed(self.path, json.dumps(payload, separators=(",", ":")))


def cache_path(config: Config) -> Path:
    return config.root / ".transflow" / "status-cache.json"


def _digest(*parts: bytes) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.hexdigest()


def survey(
    config: Config, sources: Sequence[Source], languages: Sequence[str], cache: StatusCache
) -> Iterator[DocumentState]:
    """Status of every (source, language), one document at a time (memory stays flat)."""
    settings = repr((config.segmentation(), sorted(config.formats.items()))).encode("utf-8")
    for source in sources:
        yield from _survey_document(config, source, languages, cache, settings)


def _survey_document(
    config: Config, source: Source, languages: Sequence[str], cache: StatusCache, settings: bytes
) -> Iterator[DocumentState]:
    try:
        raw = read_source(config, source)
    except TransflowError as error:
        for language in languages:
            yield _error_state(config, source, language, error)
        return
    source_key = _digest(settings, raw)
    units = None
    for language in languages:
        path = po_path(config, language, source)
        relative = path.relative_to(config.root)
        try:
            po_bytes = path.read_bytes()
        except FileNotFoundError:
            po_bytes = None
        except OSError as error:
            yield _error_state(
                config, source, language, TransflowError(f"cannot read PO: {error.strerror}", path=relative)
            )
            continue
        key = f"{source_key}:{_digest(po_bytes) if po_bytes is not None else '-'}"
        counts = cache.get(key)
        if counts is None:
            try:
                if units is None:
                    units = parse_source(config, raw, source.path).units
                entries = _read_entries(po_bytes, relative)
            except TransflowError as error:
                yield _error_state(config, source, language, error)
                continue
            counts = document_counts(units, entries)
            cache.put(key, counts)
        yield DocumentState(source, language, relative, po_bytes is not None, counts)


def _read_entries(po_bytes: bytes | None, relative: Path) -> list[PoEntry]:
    return [] if po_bytes is None else parse_po_bytes(po_bytes, relative).entries


def _error_state(config: Config, source: Source, language: str, error: TransflowError) -> DocumentState:
    path = po_path(config, language, source)
    return DocumentState(source, language, path.relative_to(config.root), path.exists(), None, error)
