"""The survey: every (document, language) of a project evaluated, one document at a time,
with what has not changed taken from the caches. ``status`` (every view) and ``report``
both read it; neither command reaches into the other.

Each (document, language) result is cached under the fingerprint of the code and settings
and the digests of the exact source, PO and review record bytes, so a repeated run only
stats and hashes files; any change of content, not of file times, brings the work back.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path

from .cachefile import read_cache, write_cache
from .config import Config
from .confine import Confinement
from .digests import content_digest
from .errors import TransflowError
from .evaluate import Depth, Evaluation, Language, evaluate
from .fileindex import FileIndex
from .fingerprint import settings_fingerprint
from .paths import Source, po_path
from .po import PoEntry, parse_po_bytes, read_po
from .project import load_document, parse_source, read_source
from .reviewfiles import read_review, review_records
from .tally import Counts, UnitFacts, unit_facts
from .workers import Forked, cores


def evaluate_document(config: Config, source: Source, language: str, depth: Depth = "errors") -> Evaluation:
    """One document in one language, read from disk and evaluated (the segment view)."""
    document = load_document(config, source)
    path = po_path(config, language, source)
    Confinement(config.root).check(path, path.relative_to(config.root))
    entries = read_po(path).entries if path.exists() else []
    return evaluate(
        document.units,
        entries,
        read_review(config, language, source),
        Language.of(config, language),
        depth=depth,
    )


CACHE_FORMAT = 7


@dataclass(frozen=True)
class DocumentState:
    """One document in one language: its counts, or the error that prevented them."""

    source: Source
    language: str
    po_file: str  # posix, relative to the project root
    po_exists: bool
    counts: Counts | None
    error: TransflowError | None = None
    unread: Counts | None = None  # for an error: what it counts for (never done)

    @property
    def po_path(self) -> Path:
        return Path(self.po_file)

    @property
    def measured(self) -> Counts:
        """The counts, or what an unreadable document counts for."""
        if self.counts is not None:
            return self.counts
        return self.unread if self.unread is not None else UNREADABLE


class StatusCache:
    """Counts by content hash, in one JSON file under .transflow/.

    A cache may make status faster, never different: a file that is damaged, of another
    version, or whose checksum or counts do not add up is ignored whole (the run is only
    slower), and an entry is used only when its counts are consistent.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.stored: dict[str, list[int]] = {}
        self.used: dict[str, list[int]] = {}
        stored = read_cache(path, f"status-cache/{CACHE_FORMAT}")
        if isinstance(stored, dict):
            self.stored = stored

    def get(self, key: str) -> Counts | None:
        values = self.stored.get(key)
        if values is None or not _consistent(values):  # checked when used, not all at load
            return None
        self.used[key] = values
        return Counts(*values)

    def put(self, key: str, counts: Counts) -> None:
        self.used[key] = [getattr(counts, name) for name in _COUNT_NAMES]

    def save(self, keep_unused: bool) -> None:
        """Write what this run used (and, for a partial run, what it did not touch)."""
        if self.path is None:
            return
        counts = {**self.stored, **self.used} if keep_unused else self.used
        if counts == self.stored:
            return
        write_cache(self.path, f"status-cache/{CACHE_FORMAT}", dict(sorted(counts.items())))


_COUNT_NAMES = tuple(count.name for count in fields(Counts))
_COUNT_FIELDS = len(_COUNT_NAMES)


def _consistent(values: object) -> bool:
    """Counts of one document in one language, as ``tally.count_rows`` makes them."""
    if not isinstance(values, list) or len(values) != _COUNT_FIELDS:
        return False
    if not all(type(value) is int and value >= 0 for value in values):
        return False
    counts = Counts(*values)
    return (
        counts.documents == 1
        and counts.finished == int(counts.complete)
        and counts.new <= counts.untranslated
        and counts.repetition_words <= counts.words
        and counts.errors <= counts.translated + counts.fuzzy
        and counts.reviewed <= counts.translated
        and counts.reviewed_words <= counts.translated_words
        and counts.unreadable == 0
    )


def cache_path(config: Config) -> Path:
    return config.root / ".transflow" / "status-cache.json"


def survey(
    config: Config,
    sources: Sequence[Source],
    languages: Sequence[str],
    cache: StatusCache,
    index: FileIndex | None = None,
) -> Iterator[DocumentState]:
    """Status of every (source, language), one document at a time (memory stays flat).

    A file the index knows unchanged (by its stat data) is not read; with its digest and
    the others', the cache gives the counts. Only what changed is read and counted."""
    settings_digest = settings_fingerprint(config)
    confinement = Confinement(config.root)
    index = index if index is not None else FileIndex(config.root, None)
    for source in sources:
        yield from _survey_document(config, source, languages, cache, settings_digest, confinement, index)


SPLIT_AT = 200  # documents x languages below which a second process costs more than it saves


def survey_on_all_cores(
    config: Config,
    sources: Sequence[Source],
    languages: Sequence[str],
    cache: StatusCache,
    index: FileIndex,
) -> Iterator[DocumentState]:
    """``survey``, with the second half of the documents surveyed in a forked child while
    this process does the first (cold status is CPU-bound: 0.55x the time on two cores).
    The child's cache and index entries come back with its states; the order is kept."""
    if cores() < 2 or len(sources) < 2 or len(sources) * len(languages) < SPLIT_AT:
        return survey(config, sources, languages, cache, index)
    half = len(sources) // 2
    first, second = sources[:half], sources[half:]

    def second_half() -> tuple[
        list[DocumentState], dict[str, list[int]], dict[str, list[int | str] | None], bool
    ]:
        states = list(survey(config, second, languages, cache, index))
        return states, cache.used, *index.learnt()

    forked = Forked(second_half)

    def in_order() -> Iterator[DocumentState]:
        yield from survey(config, first, languages, cache, index)
        states, cache_used, learnt, changed = forked.result()
        cache.used.update(cache_used)
        index.take(learnt, changed)
        yield from states

    return in_order()


def _survey_document(
    config: Config,
    source: Source,
    languages: Sequence[str],
    cache: StatusCache,
    settings: str,
    confinement: Confinement,
    index: FileIndex,
) -> Iterator[DocumentState]:
    # plain strings, not Paths: a run with nothing to do is mostly this loop (pathlib cost
    # three times the system calls at 10,000 files)
    root = str(config.root) + os.sep
    source_key = f"{config.source_dir}/{source.path}"
    try:
        source_digest, raw = _read_confined(index, root + source_key, source_key, confinement)
    except (OSError, TransflowError) as error:
        problem = (
            error
            if isinstance(error, TransflowError)
            else TransflowError(f"cannot read source: {error.strerror}", path=source_key)
        )
        for language in languages:
            yield _error_state(config, source, language, problem)
        return
    if source_digest is None:
        for language in languages:
            yield _error_state(config, source, language, TransflowError("source gone", path=source_key))
        return
    document = None
    facts: UnitFacts | None = None  # the units' texts and words, the same in every language
    for language in languages:
        po_key = f"{config.locales_dir}/{language}/{source.stem}.po"
        try:
            po_digest, po_bytes = _read_confined(index, root + po_key, po_key, confinement)
            review_key = f"{config.locales_dir}/{language}/{source.stem}.review"
            review_digest, review_bytes = _read_confined(index, root + review_key, review_key, confinement)
        except TransflowError as error:
            yield _error_state(config, source, language, error, _unread(config, source, raw))
            continue
        except OSError as error:
            problem = TransflowError(f"cannot read PO: {error.strerror}", path=po_key)
            yield _error_state(config, source, language, problem, _unread(config, source, raw))
            continue
        key = f"{settings}:{source_digest}:{po_digest or '-'}:{review_digest or '-'}"
        counts = cache.get(key)
        if counts is None:
            try:
                if raw is None:
                    raw = read_source(config, source)
                if po_digest is not None and po_bytes is None:
                    po_bytes = (config.root / po_key).read_bytes()
                entries = _read_entries(po_bytes, Path(po_key))
                # read from the segmentation cache, never written here: status counts, update keeps
                document = (
                    parse_source(config, raw, source.path, keep=False) if document is None else document
                )
                if review_digest is not None and review_bytes is None:
                    review_bytes = (config.root / review_key).read_bytes()
                records = review_records(review_bytes, review_key) if review_bytes is not None else []
            except TransflowError as error:
                yield _error_state(config, source, language, error, _unread(config, source, raw))
                continue
            except OSError as error:
                problem = TransflowError(str(error.strerror), path=po_key)
                yield _error_state(config, source, language, problem, _unread(config, source, raw))
                continue
            facts = unit_facts(document.units) if facts is None else facts
            counts = evaluate(
                document.units, entries, records, Language.of(config, language), facts=facts
            ).counts
            cache.put(key, counts)
        yield DocumentState(source, language, po_key, po_digest is not None, counts)


def _read_confined(
    index: FileIndex, file: str, key: str, confinement: Confinement
) -> tuple[str | None, bytes | None]:
    """The index's read, but a symbolic link is followed only when it stays in the project."""
    if not confinement.folder_allows(os.path.dirname(file)):
        confinement.check(Path(file), key)  # raises: the folder leads out of the project
    try:
        return index.read(file, key)
    except IsADirectoryError:
        confinement.check(Path(file), key)  # a link out of the project: refused
        data = Path(file).read_bytes()  # a link inside it: read without the index
        return content_digest(data), data


def _read_entries(po_bytes: bytes | None, relative: Path) -> list[PoEntry]:
    return [] if po_bytes is None else parse_po_bytes(po_bytes, relative, states_only=True).entries


def _unread(config: Config, source: Source, raw: bytes | None) -> Counts:
    """What an unreadable catalog counts for: its document's source words, untranslated."""
    try:
        units = parse_source(
            config, raw if raw is not None else read_source(config, source), source.path
        ).units
    except TransflowError:
        return UNREADABLE
    facts = unit_facts(units)
    distinct = sum(1 for repeated in facts.repeated if not repeated)
    return replace(UNREADABLE, untranslated=distinct, untranslated_words=sum(facts.words))


UNREADABLE = Counts(documents=1, unreadable=1)


def _error_state(
    config: Config, source: Source, language: str, error: TransflowError, unread: Counts = UNREADABLE
) -> DocumentState:
    path = po_path(config, language, source)
    return DocumentState(
        source, language, path.relative_to(config.root).as_posix(), path.exists(), None, error, unread
    )
