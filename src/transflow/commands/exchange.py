"""``transflow export`` / ``import`` (kits for agencies and CAT tools) and ``memory export`` (TMX)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

from ..atomic import write_if_changed
from ..catalogs import read_catalog_text
from ..checks import is_error, restored
from ..confine import Confinement
from ..errors import TransflowError, UsageError
from ..evaluate import Language, evaluate
from ..kits import Kit, KitUnit, Returned, glossary_notes, kit_files, read_returned
from ..memories import load_language_memory
from ..model import unit_ids
from ..paths import Source, po_path, shown
from ..po import PoEntry, PoFile, format_po_like
from ..project import Project, load_document
from ..review import text_hash
from ..reviewfiles import read_review
from ..tally import live_entries
from ..tmx import write_tmx

KitFormat = Literal["xliff", "xliff12", "po", "csv"]


@dataclass(frozen=True)
class ExportOptions:
    language: str
    documents: tuple[str, ...] = ()
    kind: KitFormat = "xliff"
    only_open: bool = False  # untranslated, fuzzy and rejected units only
    out: Path = Path("kits")


@dataclass
class ExportResult:
    files: list[str]
    units: int
    words_by_state: dict[str, int] = field(default_factory=dict)


def export_kit(project: Project, options: ExportOptions, cwd: Path) -> ExportResult:
    config = project.config
    (language,) = project.languages([options.language])
    kit = Kit(config.source_language, language)
    confinement = Confinement(config.root)
    for source in project.select(options.documents):
        kit.units += _kit_units(project, source, language, options.only_open, confinement)
    out = cwd / options.out
    written = []
    for name, text in kit_files(kit, options.kind).items():
        write_if_changed(out / name, text)
        written.append((options.out / name).as_posix())
    return ExportResult(written, len(kit.units))


def _kit_units(
    project: Project, source: Source, language: str, only_open: bool, confinement: Confinement
) -> list[KitUnit]:
    config = project.config
    document = load_document(config, source)
    path = po_path(config, language, source)
    entries = read_catalog_text(config, path, confinement)[0].entries if path.exists() else []
    records = read_review(config, language, source)
    evaluation = evaluate(document.units, entries, records, Language.of(config, language))
    pairs = config.checks.glossary.required(language)
    units: list[KitUnit] = []
    seen: set[str] = set()
    for index, (unit, unit_id) in enumerate(zip(document.units, unit_ids(document.units), strict=True)):
        if unit.msgid in seen:
            continue  # a repeated text is one entry: translated once
        seen.add(unit.msgid)
        entry = evaluation.entry(index)
        state = evaluation.states[index]
        # a reviewer sent this translation back and it is still fuzzy
        state_name = (
            "rejected" if index in evaluation.rejected and entry is not None and entry.fuzzy else state
        )
        if only_open and state_name == "translated":
            continue
        terms = tuple((s, t) for s, t in pairs if s.lower() in unit.msgid.lower())
        units.append(
            KitUnit(
                source.path,
                unit_id,
                unit.msgid,
                entry.msgstr if entry is not None else "",
                state_name,
                unit.context,
                text_hash(entry.msgstr) if entry is not None and entry.msgstr else "",
                entry.previous_msgid if entry is not None and entry.fuzzy else None,
                tuple(c for c in entry.translator_comments if c.strip()) if entry is not None else (),
                glossary_notes(terms),
                tuple(
                    f"{f.check} ({f.severity}): {f.message}"
                    for f in evaluation.findings.get(index, ())
                    if is_error(f)
                ),
                unit.placeholders,
            )
        )
    return units


# ---------------------------------------------------------------------------
# import

Outcome = Literal[
    "applied",
    "unchanged",
    "conflict",
    "broken markup",
    "source changed",
    "not in the PO",
    "no document",
    "empty",
]
OUTCOMES: tuple[Outcome, ...] = get_args(Outcome)  # in the order the summary gives them
# what keeps a returned translation out of the PO: listed, and import exits 1
NOT_APPLIED: frozenset[Outcome] = frozenset(
    {"conflict", "broken markup", "source changed", "not in the PO", "no document"}
)


def _quoted(text: str, limit: int = 60) -> str:
    """A translation in a message: whole when short, else cut at a word with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return repr(flat)
    cut = flat.rfind(" ", 0, limit)
    return repr(flat[: cut if cut > limit // 2 else limit] + "…")


@dataclass(frozen=True)
class ImportEvent:
    file: str
    document: str
    unit: str
    outcome: Outcome
    detail: str = ""


@dataclass
class ImportResult:
    events: list[ImportEvent] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    dry_run: bool = False
    problems: list[TransflowError] = field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for event in self.events if event.outcome == outcome)


def import_kits(
    project: Project, files: tuple[Path, ...], language: str | None = None, dry_run: bool = False
) -> ImportResult:
    """Merge returned kits into the PO files: only where the PO still holds what was exported.

    Each kit says its language (XLIFF ``trgLang``/``target-language``, the PO header, the
    CSV ``language`` column); ``language`` (``-l``) is needed only for a kit that does not,
    and a kit in another language than ``-l`` is refused before anything is written."""
    result = ImportResult(dry_run=dry_run)
    by_language: dict[str, dict[str, list[tuple[str, Returned]]]] = {}
    for file in files:
        try:
            returned = read_returned(file.read_bytes(), str(file))
        except OSError as error:
            result.problems.append(TransflowError(f"cannot read: {error.strerror}", path=file))
            continue
        except TransflowError as error:
            result.problems.append(error)
            continue
        codes: dict[str, str] = {}  # the language a kit states -> the project's (looked up once)
        for item in returned:
            code = codes.get(item.language)
            if code is None:
                code = codes[item.language] = _kit_language(project, item.language, language, str(file))
            by_language.setdefault(code, {}).setdefault(item.document, []).append((str(file), item))
    for code, by_document in by_language.items():
        _import_language(project, code, by_document, result)
    return result


def _kit_language(project: Project, stated: str, requested: str | None, file: str) -> str:
    """The project language a kit's units go into: the one it states, checked against ``-l``."""
    wanted = project.languages([requested])[0] if requested else None
    if not stated:
        if wanted is None:
            raise UsageError("the kit does not say its language", path=file, hint="give it with -l LANG")
        return wanted
    try:
        (kit_language,) = project.languages([stated])
    except TransflowError:
        raise UsageError(
            f"the kit is in {stated}, not a target language of this project", path=file
        ) from None
    if wanted is not None and kit_language != wanted:
        raise UsageError(
            f"the kit is in {kit_language}, not {wanted}: nothing imported",
            path=file,
            hint=f"import it with -l {kit_language}, or without -l",
        )
    return kit_language


def _import_language(
    project: Project, language: str, by_document: dict[str, list[tuple[str, Returned]]], result: ImportResult
) -> None:
    config = project.config
    sources = {source.path: source for source in project.sources}
    confinement = Confinement(config.root)
    for document, items in by_document.items():
        source = sources.get(document)
        if source is None:
            result.events += [ImportEvent(f, document, i.unit, "no document") for f, i in items]
            continue
        try:
            _import_document(project, source, language, items, confinement, result)
        except TransflowError as error:
            result.problems.append(error)


def _import_document(
    project: Project,
    source: Source,
    language: str,
    items: list[tuple[str, Returned]],
    confinement: Confinement,
    result: ImportResult,
) -> None:
    config = project.config
    document = load_document(config, source)
    units = dict(zip(unit_ids(document.units), document.units, strict=True))
    path = po_path(config, language, source)
    if not path.exists():
        raise UsageError(
            "no PO file to import into", path=shown(config, path), hint="run transflow update first"
        )
    po, _, old_text = read_catalog_text(config, path, confinement)
    live = live_entries(po.entries)
    changes: dict[str, tuple[str, bool]] = {}  # msgid -> (translation, needs review)
    for file, item in items:
        unit = units.get(item.unit)
        msgid = unit.msgid if unit is not None else None
        if unit is None or msgid != item.source:
            result.events.append(ImportEvent(file, source.path, item.unit, "source changed", "not applied"))
            continue
        if not item.target:
            result.events.append(ImportEvent(file, source.path, item.unit, "empty"))
            continue
        entry = live.get(msgid)
        if entry is None:  # a unit the source gained after the last update: nowhere to write it
            detail = "the unit came after the last update (run transflow update, then import again)"
            result.events.append(ImportEvent(file, source.path, item.unit, "not in the PO", detail))
            continue
        current = entry.msgstr
        if current == item.target and entry.fuzzy == item.needs_review:
            result.events.append(ImportEvent(file, source.path, item.unit, "unchanged"))
            continue
        base_now = text_hash(current) if current else ""
        if base_now != item.base:
            detail = (
                f"the PO now has {_quoted(current)}, the kit {_quoted(item.target)}: "
                "keep one in the PO (or export a new kit)"
                if current
                else "the PO entry changed since the export"
            )
            result.events.append(ImportEvent(file, source.path, item.unit, "conflict", detail))
            continue
        _, broken = restored(unit, item.target)
        if broken is not None:  # it could not go back into the document: never "applied"
            result.events.append(ImportEvent(file, source.path, item.unit, "broken markup", broken))
            continue
        changes[msgid] = (item.target, item.needs_review)
        result.events.append(ImportEvent(file, source.path, item.unit, "applied"))
    if not changes:
        return
    entries = [_applied(entry, changes) for entry in po.entries]
    text = format_po_like(PoFile(po.header, entries), old_text)
    if text == old_text:
        return
    if result.dry_run or write_if_changed(path, text):  # a dry run names what the real run writes
        result.written.append(shown(config, path))


def _applied(entry: PoEntry, changes: dict[str, tuple[str, bool]]) -> PoEntry:
    if entry.obsolete or entry.msgctxt is not None or entry.msgid not in changes:
        return entry
    translation, needs_review = changes[entry.msgid]
    flags = [flag for flag in entry.flags if flag != "fuzzy"]
    return entry.evolve(
        msgstr=translation,
        flags=["fuzzy", *flags] if needs_review else flags,
        previous_msgid=entry.previous_msgid if needs_review else None,
        previous_msgctxt=entry.previous_msgctxt if needs_review else None,
    )


# ---------------------------------------------------------------------------
# memory


@dataclass(frozen=True)
class MemoryExport:
    written: int  # translation units in the TMX
    left_out: int  # translations of the project's PO files that have check errors


def export_memory(project: Project, language: str, target: Path) -> MemoryExport:
    """The language's memory (its PO files and the config's memory files) as TMX, without the
    translations that fail a check in the project (a CAT tool would reuse them as sound)."""
    config = project.config
    (language,) = project.languages([language])
    loaded = load_language_memory(config, language, project.sources)
    if loaded.errors:
        raise loaded.errors[0]
    failing = _failing_translations(project, language, loaded.catalogs)
    pairs = [pair for pair in loaded.memory.pairs() if pair not in failing]
    write_if_changed(target, write_tmx(pairs, config.source_language, language))
    return MemoryExport(len(pairs), len(loaded.memory.pairs()) - len(pairs))


def _failing_translations(
    project: Project, language: str, catalogs: dict[str, PoFile]
) -> set[tuple[str, str]]:
    """(source, translation) of every entry whose translation has a check error in its document."""
    config = project.config
    failing: set[tuple[str, str]] = set()
    for source in project.sources:
        po = catalogs.get(source.path)
        if po is None:
            continue
        document = load_document(config, source)
        evaluation = evaluate(
            document.units, po.entries, read_review(config, language, source), Language.of(config, language)
        )
        for index, findings in evaluation.findings.items():
            entry = evaluation.entry(index)
            if entry is not None and any(is_error(finding) for finding in findings):
                failing.add((entry.msgid, entry.msgstr))
    return failing
