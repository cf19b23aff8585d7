"""``transflow build`` on disk: outputs, the manifest, and never losing a publication.

Each (document, language) is decided from content hashes recorded in build/manifest.json:
an unchanged input set is not even re-rendered, a document that fell below the gate
keeps its last published output (reported ``stale``), and nothing published is deleted
unless the user asks for ``--prune``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..assemble import Gate, decide, render, unit_texts
from ..atomic import write_bytes_if_changed, write_if_changed
from ..config import Config
from ..confine import Confinement
from ..digests import sha256_hex
from ..errors import MarkupError, Notice, TransflowError
from ..evaluate import Evaluation, Language, evaluate
from ..fingerprint import settings_fingerprint
from ..formats import encode, localize, packaged
from ..languages import LanguageLabel, bcp47, is_rtl
from ..manifest import BuildRecord, manifest_path, next_manifest, read_manifest_file, render_manifest
from ..model import Document, unit_ids
from ..paths import Source, po_path, review_path, shown
from ..po import parse_po_bytes
from ..project import Project, parse_source, read_source
from ..reviewfiles import review_records
from ..tally import UnitFacts, unit_facts
from ..tempfiles import remove_stale_temp_files
from . import Progress, no_progress


@dataclass(frozen=True)
class BuildOptions:
    documents: tuple[str, ...] = ()  # none: every source
    languages: tuple[str, ...] = ()  # none: every target language
    gate: Gate = field(default_factory=Gate)
    out_dir: Path | None = None  # instead of the build folder (relative to the working folder)
    prune: bool = False  # delete outputs that are stale or whose source is gone


@dataclass
class BuildResult:
    run: BuildRun
    requested: list[BuildRecord]  # the records of the documents and languages asked for
    gate: Gate
    output_root: Path
    root: Path  # the project root, that paths are shown relative to
    problems: list[TransflowError]

    @property
    def not_built(self) -> list[BuildRecord]:
        return [record for record in self.requested if record.status != "built"]


def build(
    project: Project, options: BuildOptions, cwd: Path, progress: Progress = no_progress
) -> BuildResult:
    """Reassemble the requested documents in the requested languages; write the manifest."""
    config = project.config
    languages = project.languages(options.languages)
    selected = project.select(options.documents)
    gate = replace(options.gate, require_review=options.gate.require_review or config.require_review)
    output_root = (cwd / options.out_dir).resolve() if options.out_dir else config.build_path
    remove_stale_temp_files(output_root)
    with progress(len(selected), "build") as advance:
        run = build_project(
            config,
            selected,
            languages,
            gate,
            output_root,
            all_sources=frozenset(source.path for source in project.sources),
            prune=options.prune,
            advance=advance,
        )
    wanted_documents = {source.path for source in selected}
    requested = [r for r in run.records if r.document in wanted_documents and r.language in languages]
    return BuildResult(run, requested, gate, output_root, config.root, run.errors)


@dataclass
class BuildRun:
    """Everything one build decided, and what it wrote or removed."""

    records: list[BuildRecord] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    errors: list[TransflowError] = field(default_factory=list)
    # where reads and writes must stay once links are followed (set by build_project)
    inside_project: Confinement = field(default_factory=lambda: Confinement(Path.cwd()))
    inside_output: Confinement = field(default_factory=lambda: Confinement(Path.cwd()))


def _sha256(data: bytes | None) -> str | None:
    return None if data is None else sha256_hex(data)


def settings_hash(config: Config) -> str:
    """What shapes an output besides source and PO: segmentation, formats, transflow itself."""
    return sha256_hex(settings_fingerprint(config).encode("ascii"))


# PLR0913 earned: the library's entry point: each setting by name
def build_project(  # noqa: PLR0913
    config: Config,
    sources: Sequence[Source],
    languages: Sequence[str],
    gate: Gate,
    output_root: Path,
    all_sources: frozenset[str],
    prune: bool = False,
    advance: Callable[[], None] = lambda: None,
) -> BuildRun:
    """Decide, render and write every requested (document, language); update the manifest."""
    manifest_file = manifest_path(output_root)
    manifest = read_manifest_file(manifest_file)
    previous_build, previous = manifest.build, manifest.records
    run = BuildRun()
    notice = manifest.notice(shown(config, manifest_file), "this build writes a new one")
    if notice is not None:
        run.errors.append(notice)
    run.inside_project = Confinement(config.root)
    # the build folder answers to the project; an --out folder elsewhere to itself
    run.inside_output = (
        run.inside_project if output_root.is_relative_to(config.root) else Confinement(output_root)
    )
    try:
        run.inside_output.check(manifest_file, shown(config, manifest_file))
    except TransflowError as error:
        run.errors.append(error)
        return run
    job = _Job(config, gate, output_root, settings_hash(config), run)
    requested: set[tuple[str, str]] = set()
    for source in sources:
        try:
            source_bytes: bytes | None = read_source(config, source)
        except TransflowError as error:
            source_bytes = None
            run.errors.append(error)
        parsed = _Parsed(config, source, source_bytes)
        for language in languages:
            requested.add((source.path, language))
            old = previous.get((source.path, language))
            record = _build_one(job, source, language, parsed, old)
            run.records.append(record)
        advance()
    for key, record in previous.items():
        if key in requested:
            continue
        if record.document in all_sources:
            run.records.append(record)  # not asked for this time: left as it was
        elif record.output and not (prune and _prune(config, record, output_root, run)):
            run.records.append(replace(record, status="stale", reason="source removed"))
    if prune:
        run.records = _pruned(config, run, output_root)
    _write_manifest(config, manifest_file, previous_build, previous, run)
    return run


def _pruned(config: Config, run: BuildRun, output_root: Path) -> list[BuildRecord]:
    """The records with every stale output transflow wrote deleted (``--prune``)."""
    pruned: list[BuildRecord] = []
    for record in run.records:
        if record.status == "stale" and _prune(config, record, output_root, run):
            record = replace(record, status="skipped", output=None, sha256={**record.sha256, "output": None})
        pruned.append(record)
    return pruned


def _write_manifest(
    config: Config,
    manifest_file: Path,
    previous_build: int,
    previous: dict[tuple[str, str], BuildRecord],
    run: BuildRun,
) -> None:
    """The new manifest, when this build changed anything (its records as recorded if not)."""
    decided = next_manifest(previous_build, list(previous.values()), run.records, set(run.written))
    if decided is not None or not manifest_file.exists():
        build, run.records = decided or (previous_build + 1, run.records)
        try:
            if write_if_changed(manifest_file, render_manifest(run.records, build)):
                run.written.append(shown(config, manifest_file))
        except TransflowError as error:
            run.errors.append(error)
    else:
        run.records = _as_recorded(run.records, previous)


def _as_recorded(
    records: list[BuildRecord], previous: dict[tuple[str, str], BuildRecord]
) -> list[BuildRecord]:
    """This run's records as the unchanged manifest holds them (its changed and stale_since)."""
    return [previous.get(record.key, record) for record in records]


def _remove(config: Config, output: str, run: BuildRun) -> bool:
    path = config.root / output
    if path.is_file():
        path.unlink()
        run.removed.append(output)
        return True
    return False


def _prune(config: Config, record: BuildRecord, output_root: Path, run: BuildRun) -> bool:
    """Delete a stale record's output if transflow wrote it: the file build would write for
    that document and language, inside the build folder, with the bytes the record holds.

    The manifest is a file anyone can edit; what it names is never deleted on its word
    alone (``"output": "../victim.txt"`` or a source's path is refused with a line).
    """
    if record.output is None:
        return False
    target = output_root / record.language / record.document
    path = Path(record.output) if Path(record.output).is_absolute() else config.root / record.output
    written_here = (
        record.output == shown(config, target)
        and path.resolve().is_relative_to(output_root.resolve())
        and run.inside_output.allows(target)
    )
    if written_here and target.is_file() and _sha256(target.read_bytes()) == record.sha256.get("output"):
        return _remove(config, record.output, run)
    if path.exists() or path.is_symlink():
        why = "not the output transflow wrote" if not written_here else "changed since transflow wrote it"
        run.errors.append(
            Notice(f"not pruned: {record.output} is {why}", path=shown(config, manifest_path(output_root)))
        )
    return False


class _Parsed:
    """A source's bytes, segmented at most once however many languages need it."""

    def __init__(self, config: Config, source: Source, raw: bytes | None) -> None:
        self.config, self.source, self.raw = config, source, raw
        self._document: Document | None = None
        self._ids: list[str] | None = None
        self._facts: UnitFacts | None = None

    def document(self) -> Document:
        if self._document is None:
            assert self.raw is not None
            self._document = parse_source(self.config, self.raw, self.source.path)
        return self._document

    def facts(self) -> UnitFacts:
        """The units' texts and words: the same in every language."""
        if self._facts is None:
            self._facts = unit_facts(self.document().units)
        return self._facts

    def ids(self) -> list[str]:
        """The units' ids: the same in every language."""
        if self._ids is None:
            self._ids = unit_ids(self.document().units)
        return self._ids


def _still_valid(
    old: BuildRecord, gate: Gate, inputs: dict[str, str | None], output_name: str, target: Path
) -> bool:
    """The previous decision holds: same mode, same input hashes, its output as it left it."""
    if old.mode != gate.mode or any(old.sha256.get(name) != value for name, value in inputs.items()):
        return False
    if set(old.sha256) - {"output"} != set(inputs):  # an input that came or went (a review record)
        return False
    if old.status == "skipped":
        return old.output is None
    if old.status not in ("built", "stale") or old.output is None or not target.is_file():
        return False
    return old.output == output_name and old.sha256.get("output") == _sha256(target.read_bytes())


def _error_lines(problems: Sequence[str], po_file: Path) -> list[TransflowError]:
    """A verdict's error lines (translations that cannot go back into their markup), for the PO."""
    return [MarkupError(problem, path=po_file) for problem in problems]


@dataclass(frozen=True)
class _Job:
    """What every (document, language) of one build shares."""

    config: Config
    gate: Gate
    output_root: Path
    config_hash: str
    run: BuildRun


@dataclass(frozen=True)
class _Inputs:
    """What one (document, language) read from disk, and where its output goes."""

    target: Path
    output_name: str
    po_name: Path  # the PO file as messages show it
    review_name: str
    po_bytes: bytes | None
    review_bytes: bytes | None
    hashes: dict[str, str | None]  # what the manifest records the output was made from


@dataclass(frozen=True)
class _Plan:
    """What to do for one (document, language), decided without touching the disk: the
    record if all goes to plan, the bytes to write (None: none), a preview to remove."""

    record: BuildRecord
    data: bytes | None = None
    remove: str | None = None


def _build_one(
    job: _Job, source: Source, language: str, parsed: _Parsed, old: BuildRecord | None
) -> BuildRecord:
    """Read, decide, write: one (document, language)."""
    mode = job.gate.mode
    if parsed.raw is None:
        return BuildRecord(source.path, language, "error", reason="source unreadable", mode=mode)
    try:
        inputs = _read_inputs(job, source, language, parsed.raw)
    except TransflowError as error:
        job.run.errors.append(error)
        return BuildRecord(source.path, language, "error", reason=error.message, mode=mode)
    if old is not None and _still_valid(old, job.gate, inputs.hashes, inputs.output_name, inputs.target):
        # same inputs, same output on disk: nothing to do, and the same verdict, error lines included
        job.run.errors += _error_lines(old.problems, inputs.po_name)
        return old
    try:
        document = parsed.document()
        entries = (
            parse_po_bytes(inputs.po_bytes, inputs.po_name, states_only=True).entries
            if inputs.po_bytes
            else []
        )
        records = (
            review_records(inputs.review_bytes, inputs.review_name) if inputs.review_bytes is not None else []
        )
    except TransflowError as error:
        job.run.errors.append(error)
        return BuildRecord(source.path, language, "error", reason=str(error), mode=mode)
    evaluation = evaluate(
        document.units, entries, records, Language.of(job.config, language), facts=parsed.facts()
    )
    published = (
        old is not None and old.status in ("built", "stale") and not old.preview and inputs.target.is_file()
    )
    plan = _plan(job.gate, language, parsed, evaluation, inputs, old if published else None)
    job.run.errors += _error_lines(plan.record.problems, inputs.po_name)
    return _carry_out(job, plan, inputs, old)


def _read_inputs(job: _Job, source: Source, language: str, source_bytes: bytes) -> _Inputs:
    """The PO file and review record of one (document, language), confined, and the hashes
    of everything its output is made from."""
    config, run = job.config, job.run
    target = job.output_root / language / source.path
    output_name = shown(config, target)
    po_file = po_path(config, language, source)
    review_file = review_path(config, language, source)
    run.inside_project.check(po_file, po_file.relative_to(config.root))
    run.inside_project.check(review_file, review_file.relative_to(config.root))
    run.inside_output.check(target, output_name)
    po_bytes = po_file.read_bytes() if po_file.is_file() else None
    review_bytes = review_file.read_bytes() if review_file.is_file() else None
    hashes = {"source": _sha256(source_bytes), "po": _sha256(po_bytes), "config": job.config_hash}
    if review_bytes is not None:  # approvals shape what a review-gated build publishes
        hashes["review"] = _sha256(review_bytes)
    return _Inputs(
        target,
        output_name,
        po_file.relative_to(config.root),
        shown(config, review_file),
        po_bytes,
        review_bytes,
        hashes,
    )


def _plan(
    gate: Gate,
    language: str,
    parsed: _Parsed,
    evaluation: Evaluation,
    inputs: _Inputs,
    published: BuildRecord | None,
) -> _Plan:
    """The gate's verdict as a record and an output (pure, but for the source segmented
    once for every language). ``published``: the last build's record when its published
    output is still on disk (a build below the gate keeps it)."""
    document, source_bytes = parsed.document(), parsed.raw
    assert source_bytes is not None
    verdict = decide(gate, evaluation, parsed.ids())
    counts = verdict.counts
    out = [i for i, text in enumerate(verdict.published) if text is not None]
    label = LanguageLabel.of(language)
    title = None
    if document.units:
        title = verdict.published[0] if verdict.published[0] is not None else document.units[0].msgid
    base = BuildRecord(
        document.path,
        language,
        "skipped",
        percent=round(counts.percent, 2),
        words=counts.words,
        mode=gate.mode,
        reviewers=sorted({evaluation.approvals[i].reviewer for i in out if i in evaluation.approvals}),
        reviewed=max((record.date for record in evaluation.approvals.values()), default="") or None,
        tag=bcp47(language),
        language_name=label.english,
        native_name=label.native,
        direction="rtl" if label.rtl else "ltr",
        title=title,
        problems=list(verdict.problems),
    )
    preview = not counts.complete and gate.preview
    if verdict.admitted and not (published is not None and preview):
        marker = gate.marker if not counts.complete else None
        text = render(document, unit_texts(document, verdict.published, marker, evaluation.restored))
        if out:
            text = localize(document, text, language, is_rtl(language))
        # a container's bytes: only its changed parts rewritten
        data = encode(document, text, source_bytes) if packaged(document) else text.encode("utf-8")
        built = replace(
            base,
            status="built",
            preview=preview,
            reason=verdict.reason or None,
            output=inputs.output_name,
            sha256={"output": _sha256(data), **inputs.hashes},
        )
        return _Plan(built, data=data)
    if published is not None:
        note = (
            " (published output kept)"
            if not gate.preview
            else " (preview not written over the published output)"
        )
        stale = replace(
            base,
            status="stale",
            reason=verdict.reason + note,
            output=published.output,
            sha256={"output": published.sha256.get("output"), **inputs.hashes},
        )
        return _Plan(stale)
    return _Plan(replace(base, reason=verdict.reason, sha256={"output": None, **inputs.hashes}))


def _carry_out(job: _Job, plan: _Plan, inputs: _Inputs, old: BuildRecord | None) -> BuildRecord:
    """Write what the plan says; an output that cannot be written makes the record an error."""
    run = job.run
    if plan.data is not None:
        try:
            if write_bytes_if_changed(inputs.target, plan.data):
                run.written.append(inputs.output_name)
        except TransflowError as error:
            run.errors.append(error)
            return replace(
                plan.record, status="error", reason=str(error), output=None, preview=False, sha256={}
            )
        return plan.record
    if (
        plan.record.status == "skipped"
        and old is not None
        and old.preview
        and old.output == inputs.output_name
    ):
        _remove(job.config, old.output, run)  # a preview is no publication: do not leave it behind
    return plan.record
