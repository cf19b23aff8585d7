"""``transflow update``: templates from sources, then every language merged with its memory.

Two passes keep memory flat in the number of languages: first every source is segmented
and its template written; then, one language at a time, that language's PO files are
read, pooled into a translation memory, merged with the new templates and written.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_pieces_if_changed
from ..cachefile import read_cache, write_cache
from ..carry import uncarried
from ..catalog import (
    DATE_FIELD,
    MergeEvent,
    MergeOptions,
    build_template,
    language_header,
    merge,
    template_header,
)
from ..catalogs import Stamp, now_stamp, read_catalog_text
from ..config import Config
from ..confine import Confinement
from ..digests import content_digest
from ..errors import TransflowError
from ..fileindex import FileIndex, index_path
from ..fingerprint import settings_fingerprint
from ..languages import LanguageFacts
from ..memories import LanguageCatalogs, external_memories, load_language_memory
from ..paths import Source, po_path, review_path, shown, template_path
from ..po import (
    PAGE_WIDTH,
    LayoutMemo,
    Misread,
    PoFile,
    format_entry,
    po_pieces,
    po_pieces_like,
)
from ..project import Project, load_document, orphan_templates
from ..review import pruned
from ..reviewfiles import read_review, write_review
from ..tempfiles import remove_stale_temp_files
from . import Progress, no_progress

_DATE_LINE = re.compile(rf'^"{DATE_FIELD}: ([^\\"]*)\\n"$', re.MULTILINE)


@dataclass
class LanguageOutcome:
    """What the merge did to one document's PO in one language."""

    language: str
    counts: Counter[str] = field(default_factory=Counter)
    details: list[MergeEvent] = field(default_factory=list)  # carried, fuzzy and memory events
    written: bool = False
    error: TransflowError | None = None
    translations: dict[str, str] = field(default_factory=dict)  # after the merge, for the review record
    lapsed: int = 0  # review record lines that no longer hold, pruned


@dataclass
class DocumentOutcome:
    source: Source
    units: int = 0
    template_written: bool = False
    languages: list[LanguageOutcome] = field(default_factory=list)
    error: TransflowError | None = None


@dataclass(frozen=True)
class _Template:
    path: str  # the document path, for the PO header comment
    po: PoFile


@dataclass(frozen=True)
class UpdateOptions:
    dry_run: bool = False  # say what would change, write nothing
    keep_trivial: bool = False  # carry trivially edited units over without fuzzy
    memory: bool = True  # fill units from the language's translation memory


@dataclass
class UpdateResult:
    outcomes: list[DocumentOutcome]
    orphans: list[str]  # templates whose source is gone (their catalogs are kept)
    dry_run: bool
    problems: list[TransflowError]  # documents and catalogs that failed
    notes: list[str] = field(default_factory=list)  # e.g. a damaged cache that was rebuilt
    # language -> memory file -> the msgids of its translated entries that serve no unit
    uncarried: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @property
    def written(self) -> int:
        return sum(int(o.template_written) + sum(lang.written for lang in o.languages) for o in self.outcomes)


def update(project: Project, options: UpdateOptions, progress: Progress = no_progress) -> UpdateResult:
    """Segment every source, refresh its template and merge it into every language's PO."""
    config = project.config
    notes: list[str] = []
    uncarried: dict[str, dict[str, list[str]]] = {}
    memory_errors: list[TransflowError] = []
    if not options.dry_run:
        remove_stale_temp_files(config.locales_path)
    with progress(len(project.sources) + len(config.languages), "update") as advance:
        outcomes = update_project(
            config,
            project.sources,
            dry_run=options.dry_run,
            keep_trivial=options.keep_trivial,
            use_memory=options.memory,
            advance=advance,
            notes=notes,
            uncarried=uncarried,
            memory_errors=memory_errors,
        )
    problems: list[TransflowError] = []
    for outcome in outcomes:
        if outcome.error:
            problems.append(outcome.error)
        problems += [language.error for language in outcome.languages if language.error]
    problems += memory_errors
    orphans = orphan_templates(config, project.sources)
    return UpdateResult(outcomes, orphans, options.dry_run, problems, notes, uncarried)


# PLR0913 earned: the library's entry point, each setting by name (tests use before_replace)
def update_project(  # noqa: PLR0913
    config: Config,
    sources: Sequence[Source],
    dry_run: bool = False,
    keep_trivial: bool = False,
    advance: Callable[[], None] = lambda: None,
    before_replace: Callable[[Path], None] = lambda path: None,
    notes: list[str] | None = None,
    use_memory: bool = True,
    uncarried: dict[str, dict[str, list[str]]] | None = None,
    memory_errors: list[TransflowError] | None = None,
) -> list[DocumentOutcome]:
    """Refresh every template, then merge every language; ``before_replace`` is called with
    each PO path just before it is checked and replaced (tests use it to play a translator's
    editor saving at that moment)."""
    outcomes = [DocumentOutcome(source) for source in sources]
    layout_file = _layout_path(config)
    layouts = _load_layouts(layout_file)
    keep_trivial = keep_trivial or config.keep_trivial
    index = FileIndex(config.root, index_path(config.root))
    state_file = config.root / ".transflow" / "update-state.json"
    settings = _settings_digest(config, keep_trivial, use_memory)
    # a language's memory changed (a PO translated, a memory file): every document may gain
    # from it, so none of that project is settled
    memories = _memory_digests(config, sources, index) if use_memory else {}
    state = _read_state(state_file, settings, memories)
    templates: dict[str, _Template] = {}
    active: list[DocumentOutcome] = []  # the documents with something to do
    for outcome in outcomes:
        if _settled(config, outcome, state, index):
            advance()
            continue
        active.append(outcome)
        template = _refresh_template(config, outcome, dry_run, layouts)
        if template is not None:
            templates[outcome.source.path] = template
        advance()
    if layouts.rejected and notes is not None:
        notes.append(f"{shown(config, layout_file)} did not match the strings it lays out; rebuilt")
    kept_already = False
    if not dry_run and active and _every_po_exists(config, active):
        # Every PO exists: merging writes only the entries that changed, in their own files'
        # layout, so the templates' layouts (the source side, all there is to keep) are kept
        # now and let go: a large document's strings are not held twice through the merge.
        _save_layouts(layout_file, layouts)
        layouts, kept_already = LayoutMemo(), True
    job = _Merging(
        config,
        templates,
        dry_run,
        keep_trivial,
        layouts,
        before_replace,
        use_memory,
        Confinement(config.root),
    )
    for language in config.languages:
        if active:  # a language's memory is read only when one of its catalogs needs a merge
            done = _update_language(job, language, outcomes, active)
            if notes is not None:
                notes += done.notes
            if uncarried is not None and done.uncarried:
                uncarried[language] = done.uncarried
            if memory_errors is not None:
                memory_errors += done.memory_errors
        advance()
    if not dry_run:
        if active and not kept_already:  # with nothing laid out, the cache stays as it is
            _save_layouts(layout_file, layouts)
        memories = _memory_digests(config, sources, index) if use_memory else {}
        _record_state(config, state_file, settings, memories, state, active, templates, index)
        index.save()
    return outcomes


def _every_po_exists(config: Config, active: Sequence[DocumentOutcome]) -> bool:
    return all(
        po_path(config, language, outcome.source).is_file()
        for outcome in active
        for language in config.languages
    )


# ---------------------------------------------------------------------------
# nothing to do: what the last update left, by content digest

STATE_FORMAT = 2


def _settings_digest(config: Config, keep_trivial: bool, use_memory: bool) -> str:
    """What shapes templates and merges besides the files themselves."""
    return settings_fingerprint(config, keep_trivial, use_memory)


def _memory_digests(config: Config, sources: Sequence[Source], index: FileIndex) -> dict[str, str]:
    """Per language, a digest of everything its memory is made of (its PO files and the
    config's memory files), from the file index: stat data for unchanged files."""
    digests = {}
    for language in config.languages:
        parts = [_digest_of(index, config, po_path(config, language, source)) or "-" for source in sources]
        for memory_file in external_memories(config, language):
            try:
                parts.append(index.read(str(memory_file), str(memory_file))[0] or "-")
            except OSError:
                parts.append("unreadable")
        digests[language] = content_digest(" ".join(parts).encode("ascii"))
    return digests


def _read_state(path: Path, settings: str, memories: dict[str, str]) -> dict[str, dict[str, object]]:
    payload = read_cache(path, f"update-state/{STATE_FORMAT}")
    if not isinstance(payload, dict) or payload.get("settings") != settings:
        return {}
    if payload.get("memory", {}) != memories:
        return {}
    documents = payload.get("documents")
    return documents if isinstance(documents, dict) else {}


def _digest_of(index: FileIndex, config: Config, path: Path) -> str | None:
    try:
        return index.read(str(path), path.relative_to(config.root).as_posix())[0]
    except OSError:
        return None  # unreadable or a link: not settled, the full path reports it


def _settled(
    config: Config, outcome: DocumentOutcome, state: dict[str, dict[str, object]], index: FileIndex
) -> bool:
    """The source, its template and every PO are what the last update left: nothing to do.
    The outcome then says what that update said (every entry kept)."""
    known = state.get(outcome.source.path)
    if not isinstance(known, dict):
        return False
    catalogs = known.get("po")
    if not isinstance(catalogs, dict) or set(catalogs) != set(config.languages):
        return False
    if _digest_of(index, config, config.source_path / outcome.source.path) != known.get("source"):
        return False
    if _digest_of(index, config, template_path(config, outcome.source)) != known.get("template"):
        return False
    for language in config.languages:
        if _digest_of(index, config, po_path(config, language, outcome.source)) != catalogs[language]:
            return False
    units, entries = known.get("units"), known.get("entries")
    outcome.units = units if isinstance(units, int) else 0
    kept = entries if isinstance(entries, int) else 0
    outcome.languages = [LanguageOutcome(language, Counter(kept=kept)) for language in config.languages]
    return True


# PLR0913 earned: what one run leaves for the next: each part of it by name
def _record_state(  # noqa: PLR0913
    config: Config,
    path: Path,
    settings: str,
    memories: dict[str, str],
    state: dict[str, dict[str, object]],
    active: list[DocumentOutcome],
    templates: dict[str, _Template],
    index: FileIndex,
) -> None:
    """Remember, for the documents this run handled without an error, what it left."""
    for outcome in active:
        template = templates.get(outcome.source.path)
        if template is None or outcome.error or any(language.error for language in outcome.languages):
            state.pop(outcome.source.path, None)
            continue
        catalogs = {
            language: _digest_of(index, config, po_path(config, language, outcome.source))
            for language in config.languages
        }
        state[outcome.source.path] = {
            "source": _digest_of(index, config, config.source_path / outcome.source.path),
            "template": _digest_of(index, config, template_path(config, outcome.source)),
            "po": catalogs,
            "units": outcome.units,
            "entries": len(template.po.entries),
        }
    live = {outcome.source.path for outcome in active} | set(state)
    documents = {name: state[name] for name in sorted(live) if name in state}
    payload = {"settings": settings, "memory": memories, "documents": documents}
    write_cache(path, f"update-state/{STATE_FORMAT}", payload)


LAYOUT_CACHE_FORMAT = 3
_LAYOUT_KIND = f"po-layouts/{LAYOUT_CACHE_FORMAT}/{PAGE_WIDTH}"
_SOURCE_SIDE = frozenset({"msgid", "msgid_plural", "msgctxt"})


def _layout_path(config: Config) -> Path:
    return config.root / ".transflow" / "po-layouts.json"


def _load_layouts(path: Path) -> LayoutMemo:
    """A memo seeded with the layouts of the strings the last update wrote.

    JSON, not marshal or pickle: a clone can carry the file, and loading it must not be
    able to do more than give wrong layouts, which the memo checks before using one.
    """
    layouts = read_cache(path, _LAYOUT_KIND)
    memo = LayoutMemo()
    if not isinstance(layouts, list):
        return memo  # no cache, or a damaged one: everything is laid out afresh
    known = memo.known
    while layouts:  # from the end, so that each item read is freed at once
        item = layouts.pop()
        if isinstance(item, list) and len(item) == 4 and all(isinstance(part, str) for part in item):
            known[hash((item[0], item[1], item[2]))] = item[3]
    return memo


def _save_layouts(path: Path, layouts: LayoutMemo) -> None:
    """Keep the source-side layouts this run wrote (and only those).

    Source texts are shared by the template and every language and mostly unchanged from
    one update to the next; translations are per language and move as translators work,
    so keeping them would multiply the cache by the number of languages for little gain.
    """
    write_cache(
        path, _LAYOUT_KIND, [[*key, laid] for key, laid in layouts.used.items() if key[0] in _SOURCE_SIDE]
    )


def _refresh_template(
    config: Config, outcome: DocumentOutcome, dry_run: bool, layouts: LayoutMemo
) -> _Template | None:
    """Segment one source and write its template; the date moves only when content does."""
    try:
        document = load_document(config, outcome.source, keep=not dry_run)
    except TransflowError as error:
        outcome.error = error
        return None
    outcome.units = len(document.units)
    pot_file = template_path(config, outcome.source)
    try:
        Confinement(config.root).check(pot_file, shown(config, pot_file))
    except TransflowError as error:
        outcome.error = error
        return None
    old_date = _old_date(pot_file)
    stamp = old_date or now_stamp()
    template = build_template(document, config.project_name, stamp, bugs_to=config.report_bugs_to)
    pieces = po_pieces(template, layouts)
    compared: str | None = None
    moved = template
    if old_date is not None:
        # the date moves only when the content does: the new header is written, the old
        # one compared (a damaged template is simply rewritten)
        header = template_header(document, config.project_name, now_stamp(), bugs_to=config.report_bugs_to)
        moved = PoFile(header, template.entries)
        pieces, compared = po_pieces(moved, layouts), format_entry(template.header, layouts)
    path = document.path
    del document  # its units are in the template now
    try:
        written = write_pieces_if_changed(pot_file, pieces, dry_run=dry_run, first_as_compared=compared)
    except TransflowError as error:
        outcome.error = error
        return None
    outcome.template_written = written
    return _Template(path, moved if written else template)


def _old_date(pot_file: Path) -> str | None:
    """The creation date in a template's header (read from the head of the file only)."""
    try:
        with pot_file.open("rb") as handle:
            head = handle.read(1 << 16).decode("utf-8", "replace")
    except OSError:
        return None
    found = _DATE_LINE.search(head)
    return found.group(1) if found else None


@dataclass(frozen=True)
class _Merging:
    """What every language's merge in one update shares."""

    config: Config
    templates: dict[str, _Template]
    dry_run: bool
    keep_trivial: bool
    layouts: LayoutMemo
    before_replace: Callable[[Path], None]
    use_memory: bool
    # where reads and writes must stay once links are followed (its folders resolved once)
    confinement: Confinement


@dataclass
class _LanguageRun:
    """What one language's merge reports besides each document's outcome."""

    notes: list[str] = field(default_factory=list)  # what another tool's catalogs could not give
    uncarried: dict[str, list[str]] = field(default_factory=dict)  # memory file -> msgids serving no unit
    memory_errors: list[TransflowError] = field(default_factory=list)  # memory files that cannot be read


def _update_language(
    job: _Merging, language: str, outcomes: list[DocumentOutcome], active: list[DocumentOutcome]
) -> _LanguageRun:
    """Merge the ``active`` documents into ``language``; the memory comes from all of them."""
    config = job.config
    loaded = load_language_memory(config, language, [o.source for o in outcomes])
    run = _LanguageRun(memory_errors=loaded.memory_errors)
    if job.use_memory and loaded.external:
        run.notes, run.uncarried = _carried_note(language, loaded, job.templates)
    info = LanguageFacts(language)
    for outcome in active:
        result = LanguageOutcome(language, error=loaded.unreadable.get(outcome.source.path))
        template = job.templates.get(outcome.source.path)
        if template is not None and result.error is None:
            try:
                _merge_document(job, language, outcome.source, template, loaded, info, result)
            except TransflowError as error:
                result.error = error
        if template is not None or result.error is not None:
            outcome.languages.append(result)
    return run


def _merge_document(
    job: _Merging,
    language: str,
    source: Source,
    template: _Template,
    loaded: LanguageCatalogs,
    info: LanguageFacts,
    result: LanguageOutcome,
) -> None:
    """Read (the catalog the memory loaded), decide (the merge), write (over the file as
    read); a file a translator saved in between is read and merged again."""
    config = job.config
    target = po_path(config, language, source)
    origin = shown(config, target)
    confinement = job.confinement
    confinement.check(target, origin)
    # taken out of the language's catalogs: once written, this document's are not needed
    old = loaded.catalogs.pop(source.path, None)
    old_text = loaded.texts.pop(source.path, None)
    stamp = loaded.stamps.get(source.path)
    options = MergeOptions(
        keep_trivial=job.keep_trivial, memory=loaded.memory if job.use_memory else None, origin=origin
    )
    team = config.teams.get(language)
    reviewed = review_path(config, language, source).is_file()
    merged = _merged(template, old, info, options, result, team, reviewed)
    if not job.dry_run and _saved_since(job, target, stamp):
        # saved by someone (a translator's editor) since it was read: merge that
        old, stamp, old_text = read_catalog_text(config, target, confinement)
        merged = _merged(template, old, info, options, result, team, reviewed)
        if _saved_since(job, target, stamp):
            raise TransflowError(
                "changed again while update ran; left as it was saved",
                path=origin,
                hint="run transflow update again",
            )
    result.written = _write_merged(target, merged, old_text, old, job.layouts, job.dry_run)
    del merged, old, old_text
    result.lapsed = _prune_review(config, language, source, result.translations, job.dry_run)


def _saved_since(job: _Merging, target: Path, stamp: Stamp | None) -> bool:
    """The file is no longer what was read (or, never read, has appeared), just before it
    would be replaced."""
    job.before_replace(target)
    return not (stamp.still(target) if stamp else not target.exists())


def _carried_note(
    language: str, loaded: LanguageCatalogs, templates: dict[str, _Template]
) -> tuple[list[str], dict[str, list[str]]]:
    """How much of the catalogs other tools made (po4a's, named as memory) serves this
    project's units, and which entries none does (their text is cut otherwise here)."""
    texts = {entry.msgid for po in loaded.catalogs.values() for entry in po.entries if not entry.obsolete}
    texts.update(entry.msgid for template in templates.values() for entry in template.po.entries)
    total = sum(len(entries) for entries in loaded.external.values())
    by_file = {name: uncarried(entries, texts) for name, entries in loaded.external.items()}
    left = [(name, msgid) for name, msgids in by_file.items() for msgid in msgids]
    if not total:
        return [], {}
    line = (
        f"{language}: {total - len(left)} of {total} translated entries of {len(loaded.external)} memory "
        f"file(s) serve units here"
    )
    if left:
        name, msgid = left[0]
        example = " ".join(msgid.split())[:50]
        line += f"; {len(left)} serve none (e.g. {name}: {example!r}; --json lists them)"
    return [line], {name: msgids for name, msgids in by_file.items() if msgids}


def _prune_review(
    config: Config, language: str, source: Source, translations: dict[str, str], dry_run: bool
) -> int:
    """Drop the review lines whose source or translation changed; how many lapsed."""
    if not review_path(config, language, source).is_file():
        return 0
    records = read_review(config, language, source)
    kept = pruned(records, translations)
    if len(kept) != len(records) and not dry_run:
        write_review(config, language, source, kept)
    return len(records) - len(kept)


def _merged(
    template: _Template,
    old: PoFile | None,
    info: LanguageFacts,
    options: MergeOptions,
    result: LanguageOutcome,
    team: str | None = None,
    reviewed: bool = True,
) -> PoFile:
    """The merged PO; what the merge did goes into ``result``, and, when the document has a
    ``reviewed`` record, its live translations (source -> translation) into
    ``result.translations``."""
    header = language_header(template.po, old, info, template.path, team)
    merged = merge(template.po, old, header, options)
    result.counts = Counter(event.kind for event in merged.events)
    if merged.kept:
        result.counts["kept"] += merged.kept
    result.details = [e for e in merged.events if e.kind not in ("new", "revived", "obsoleted")]
    po = merged.po
    del merged  # its events are counted and kept above; the rest would only be held
    if reviewed:  # only a review record needs them (to drop the lines whose text changed)
        result.translations = {
            entry.msgid: entry.msgstr
            for entry in po.entries
            if not entry.obsolete and entry.msgctxt is None and entry.filled
        }
    return po


def _write_merged(
    target: Path, po: PoFile, old_text: str | None, old: PoFile | None, layouts: LayoutMemo, dry_run: bool
) -> bool:
    """Write the merged PO a piece at a time: over a translator's file in its own layout,
    changing only what changed; in gettext's layout when that file cannot be read back so."""
    if old_text is not None:
        try:
            return write_pieces_if_changed(
                target, po_pieces_like(po, old_text, layouts, old), dry_run=dry_run
            )
        except Misread:
            pass
    return write_pieces_if_changed(target, po_pieces(po, layouts), dry_run=dry_run)
