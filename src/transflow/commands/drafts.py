"""``transflow update --mt``: machine drafts for the units nothing else filled, always fuzzy.

Runs after the merge, so a unit gets a machine draft only when memory, alignment and the
edit matching left it empty. Each draft is fuzzy with the translator comment ``transflow:
check machine translation (ENGINE)``: a person makes it a translation (by editing it or
clearing its fuzzy flag); bulk approval, which skips fuzzy entries and transflow's drafts,
never can. A draft whose protected tokens did not come back is discarded and counted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_if_changed
from ..catalogs import read_catalog_text
from ..confine import Confinement
from ..engines import EngineError, translate
from ..errors import Notice, TransflowError, UsageError
from ..mt import DRAFT_NOTE, Engine, Protected, protect, restore, usable_draft
from ..paths import po_path, shown
from ..po import PoEntry, PoFile, format_po_like
from ..project import Project
from ..tally import live_entries
from . import Progress, no_progress


@dataclass
class LanguageDrafts:
    language: str
    engine: str
    drafted: int = 0  # entries given a draft
    discarded: int = 0  # drafts whose protected tokens did not come back intact
    unusable: int = 0  # empty drafts, or the source handed back
    written: list[str] = field(default_factory=list)


@dataclass
class DraftsResult:
    languages: list[LanguageDrafts] = field(default_factory=list)
    problems: list[TransflowError] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    seconds: float = 0.0  # in the engines

    @property
    def drafted(self) -> int:
        return sum(item.drafted for item in self.languages)

    @property
    def discarded(self) -> int:
        return sum(item.discarded for item in self.languages)


@dataclass(frozen=True)
class _Catalog:
    """A PO with entries to draft, each text as it goes to the engine."""

    path: Path
    po: PoFile
    old_text: str
    wanted: list[PoEntry]
    shielded: list[Protected]


def _wants_draft(entry: PoEntry) -> bool:
    return (
        not entry.obsolete
        and not entry.msgstr
        and not entry.fuzzy
        and entry.msgctxt is None
        and entry.msgid_plural is None
        and bool(entry.msgid)
    )


def machine_drafts(project: Project, dry_run: bool = False, progress: Progress = no_progress) -> DraftsResult:
    """Drafts from each language's engine for the empty entries of its PO files."""
    config = project.config
    result = DraftsResult()
    if not config.mt.engines:
        raise UsageError(
            "--mt: no machine translation engine in the config",
            hint='e.g. [mt.es] engine = "command", command = ["apertium", "eng-spa"]',
        )
    with progress(len(config.languages), "machine drafts") as advance:
        for language in config.languages:
            engine = config.mt.engine_for(language)
            if engine is None:
                result.notices.append(Notice(f"no machine translation engine for {language}: left as it is"))
            else:
                _draft_language(project, language, engine, dry_run, result)
            advance()
    return result


def _draft_language(
    project: Project, language: str, engine: Engine, dry_run: bool, result: DraftsResult
) -> None:
    """Read the language's catalogs, ask the engine once for all their empty entries, write
    each catalog that gained a draft."""
    import time

    config = project.config
    outcome = LanguageDrafts(language, engine.label)
    result.languages.append(outcome)
    catalogs = _catalogs_wanting_drafts(project, language, result)
    if dry_run:
        outcome.drafted = sum(len(catalog.wanted) for catalog in catalogs)
        return
    # one call for the whole language: an engine's start (Apertium's: 0.2 s) is paid once
    texts = [item.text for catalog in catalogs for item in catalog.shielded]
    started = time.perf_counter()
    try:
        answers = iter(translate(engine, texts, config.source_language, language))
    except EngineError as error:
        result.problems.append(error)
        return
    finally:
        result.seconds += time.perf_counter() - started
    note = DRAFT_NOTE.format(engine=engine.label)
    for catalog in catalogs:
        entries = _with_drafts(catalog, answers, note, outcome)
        if entries is not None:
            text = format_po_like(PoFile(catalog.po.header, entries), catalog.old_text)
            if write_if_changed(catalog.path, text):
                outcome.written.append(shown(config, catalog.path))


def _catalogs_wanting_drafts(project: Project, language: str, result: DraftsResult) -> list[_Catalog]:
    """The language's PO files with entries to draft, each entry's text with its tokens shielded."""
    config = project.config
    confinement = Confinement(config.root)
    keep = config.checks.glossary.keep
    own_terms = [pair for pair in config.checks.glossary.required(language) if pair[0] not in keep]
    catalogs: list[_Catalog] = []
    for source in project.sources:
        path = po_path(config, language, source)
        if not path.exists():
            continue
        try:
            po, _, old_text = read_catalog_text(config, path, confinement)
        except TransflowError as error:
            result.problems.append(error)
            continue
        live = live_entries(po.entries)
        wanted = [entry for entry in po.entries if _wants_draft(entry) and entry.msgid in live]
        if wanted:
            shielded = [protect(entry.msgid, keep, own_terms) for entry in wanted]
            catalogs.append(_Catalog(path, po, old_text, wanted, shielded))
    return catalogs


def _with_drafts(
    catalog: _Catalog, answers: Iterator[str], note: str, outcome: LanguageDrafts
) -> list[PoEntry] | None:
    """The catalog's entries with the engine's usable answers as fuzzy drafts (None: no
    draft was usable); the answers are the catalog's wanted entries', in order."""
    drafts: dict[int, str] = {}
    for entry, sent in zip(catalog.wanted, catalog.shielded, strict=True):
        draft = restore(next(answers).strip(), sent)
        if draft is None:
            outcome.discarded += 1
        elif not usable_draft(draft, entry.msgid):
            outcome.unusable += 1
        else:
            drafts[id(entry)] = draft
    if not drafts:
        return None
    outcome.drafted += len(drafts)
    return [
        entry.evolve(
            msgstr=drafts[id(entry)],
            flags=["fuzzy", *entry.flags],
            translator_comments=[*entry.translator_comments, note],
        )
        if id(entry) in drafts
        else entry
        for entry in catalog.po.entries
    ]
