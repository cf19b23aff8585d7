"""``transflow align``: a published translation of a source document, aligned sentence by
sentence, goes into the document's PO as fuzzy translations (never over a translator's).

Both sides are read by our own format readers (the published one with its language's
segmentation rules) and aligned by ``align.align``; a pair below ``min_score`` stays empty
and is listed, as is every unit that was merged with another or left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..align import BLOCK_BEADS, Bead, align
from ..atomic import write_if_changed
from ..catalogs import read_catalog_text
from ..confine import Confinement
from ..errors import TransflowError, UsageError
from ..formats import parse_document
from ..formats.placeholders import PLACEHOLDER, markup_for
from ..paths import po_path, shown
from ..po import PoFile, format_po_like
from ..project import Project, load_document
from ..tally import live_entries
from ..tmx import write_tmx
from ..workers import Forked, cores

ALIGNED_NOTE = "transflow: aligned from {path}, score {score:.2f}"
DEFAULT_MIN_SCORE = 0.2


@dataclass(frozen=True)
class AlignOptions:
    document: str
    published: Path
    language: str
    min_score: float = DEFAULT_MIN_SCORE
    dry_run: bool = False
    lines: bool = False  # one unit per non-empty line on both sides
    into: str = "po"  # "po": fuzzy entries; "memory": only the pairs (for a TMX file)


Markup = tuple[tuple[str, str | None], ...]  # a unit's placeholders: (opening, closing) markup


@dataclass
class AlignResult:
    document: str
    published: str
    language: str
    source_units: list[str]
    target_units: list[str]  # as aligned: their text without markup
    beads: list[Bead]
    # the published units with their inline markup, and the source's format and markup: a
    # published unit aligned alone with a source unit keeps its links and emphasis
    target_marked: list[tuple[str, Markup]] = field(default_factory=list)
    source_format: str = "text"
    source_markup: list[Markup] = field(default_factory=list)
    filled: list[int] = field(default_factory=list)  # source unit indices given a fuzzy translation
    low: list[int] = field(default_factory=list)  # below the minimum score: left empty
    kept: list[int] = field(default_factory=list)  # the PO already had a translation
    written: list[str] = field(default_factory=list)
    dry_run: bool = False
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (source, published) at or above the score

    def count(self, kind: str) -> int:
        """Beads by shape: "1-1", "merged" (more than one unit on a side), "left out"."""
        shapes = {
            "1-1": sum(1 for b in self.beads if len(b.source) == len(b.target) == 1),
            "merged": sum(
                1 for b in self.beads if b.source and b.target and max(len(b.source), len(b.target)) > 1
            ),
            "left out": sum(1 for b in self.beads if not b.source or not b.target),
        }
        return shapes[kind]


def _line_units(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _published_units(
    project: Project, path: Path, language: str, lines: bool
) -> tuple[list[str], list[int], list[tuple[str, Markup]]]:
    """The published side's unit texts (without markup, as aligned), the block each stands in,
    and each as a translation of the source's units (its inline markup in the source's format)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read the published translation: {error.strerror}", path=str(path)) from None
    if lines:
        units = _line_units(raw.decode("utf-8", "replace"))
        return units, list(range(len(units))), [(unit, ()) for unit in units]
    segmentation = replace(project.config.segmentation(), language=language.split("_")[0], abbreviations=())
    document = parse_document(raw, path.name, segmentation)
    texts = [PLACEHOLDER.sub("", unit.msgid) if unit.placeholders else unit.msgid for unit in document.units]
    marked = [(unit.msgid, unit.placeholders) for unit in document.units]
    return texts, [unit.block for unit in document.units], marked


def _by_blocks(
    source: list[str],
    source_blocks: list[int],
    target: list[str],
    target_blocks: list[int],
    languages: tuple[str, str],
) -> list[Bead]:
    """Structure first: the blocks (paragraphs, headings, items) are aligned as wholes, then the
    sentences inside each pair of blocks; a block left out leaves all its sentences out, so a
    paragraph the publication does not have is never glued to a neighbour's sentences."""

    def groups(blocks: list[int]) -> list[list[int]]:
        found: list[list[int]] = []
        for index, block in enumerate(blocks):
            if found and blocks[found[-1][0]] == block:
                found[-1].append(index)
            else:
                found.append([index])
        return found

    source_groups, target_groups = groups(source_blocks), groups(target_blocks)
    block_beads = align(
        [" ".join(source[i] for i in group) for group in source_groups],
        [" ".join(target[j] for j in group) for group in target_groups],
        shapes=BLOCK_BEADS,
        languages=languages,
    )
    beads: list[Bead] = []
    for block_bead in block_beads:
        inside_source = [i for b in block_bead.source for i in source_groups[b]]
        inside_target = [j for b in block_bead.target for j in target_groups[b]]
        if not inside_source or not inside_target:
            beads += [Bead((i,), (), 0.0) for i in inside_source] + [
                Bead((), (j,), 0.0) for j in inside_target
            ]
            continue
        inside = align(
            [source[i] for i in inside_source], [target[j] for j in inside_target], languages=languages
        )
        for bead in inside:
            beads.append(
                Bead(
                    tuple(inside_source[i] for i in bead.source),
                    tuple(inside_target[j] for j in bead.target),
                    round(min(bead.score, max(block_bead.score, 0.5)), 3),
                )
            )
    return beads


def align_document(project: Project, options: AlignOptions) -> AlignResult:
    """Align ``options.published`` with the source document and fill its PO (unless a dry run,
    ``--lines`` or ``--into memory``)."""
    result = aligned(project, options)
    if not (options.lines or options.into == "memory"):
        fill_po(project, options, result)
    return result


def aligned(project: Project, options: AlignOptions) -> AlignResult:
    """Both sides read and aligned; nothing written."""
    config = project.config
    (language,) = project.languages([options.language])
    source = project.find_source(options.document)
    document = load_document(config, source)
    source_units = _line_units(document.text) if options.lines else [u.msgid for u in document.units]
    target_units, target_blocks, target_marked = _published_units(
        project, options.published, language, options.lines
    )
    languages = (config.source_language, language)
    if options.lines:
        beads = align(source_units, target_units, languages=languages)
    else:
        source_blocks = [u.block for u in document.units]
        beads = _by_blocks(source_units, source_blocks, target_units, target_blocks, languages)
    result = AlignResult(
        source.path,
        str(options.published),
        language,
        source_units,
        target_units,
        beads,
        target_marked=target_marked,
        source_format=document.format,
        source_markup=[unit.placeholders for unit in document.units] if not options.lines else [],
        dry_run=options.dry_run,
    )
    result.pairs = [
        (" ".join(source_units[i] for i in bead.source), " ".join(target_units[j] for j in bead.target))
        for bead in beads
        if bead.source and bead.target and bead.score >= options.min_score
    ]
    return result


def fill_po(project: Project, options: AlignOptions, result: AlignResult) -> None:
    """The aligned pairs into the document's empty PO entries, as fuzzy."""
    config = project.config
    source = project.find_source(result.document)
    source_units, target_units = result.source_units, result.target_units
    first_index: dict[str, int] = {}
    for index, text in enumerate(source_units):
        first_index.setdefault(text, index)
    translations: dict[str, tuple[str, float]] = {}  # msgid -> (published text, score)
    for bead in result.beads:
        if len(bead.source) != 1 or not bead.target:
            continue
        (index,) = bead.source
        if bead.score < options.min_score:
            result.low.append(index)
            continue
        # a published unit alone keeps its links and emphasis, as the source's format writes them
        if len(bead.target) == 1 and result.source_markup:
            published, markup = result.target_marked[bead.target[0]]
            text = markup_for(published, markup, result.source_format, result.source_markup[index])
        else:
            text = " ".join(target_units[j] for j in bead.target)
        translations.setdefault(source_units[index], (text, bead.score))
    path = po_path(config, result.language, source)
    if not path.exists():
        raise UsageError(
            "no PO file to align into", path=shown(config, path), hint="run transflow update first"
        )
    po, _, old_text = read_catalog_text(config, path, Confinement(config.root))
    live = live_entries(po.entries)
    entries = []
    name = shown(config, options.published) if options.published.is_absolute() else str(options.published)
    for entry in po.entries:
        found = translations.get(entry.msgid) if entry.msgctxt is None and not entry.obsolete else None
        if found is None or entry.msgid not in live:
            entries.append(entry)
            continue
        if entry.msgstr:
            result.kept.append(first_index[entry.msgid])
            entries.append(entry)
            continue
        text, score = found
        note = ALIGNED_NOTE.format(path=name, score=score)
        entries.append(
            entry.evolve(
                msgstr=text,
                flags=["fuzzy", *(flag for flag in entry.flags if flag != "fuzzy")],
                extracted_comments=[*entry.extracted_comments, note],
            )
        )
        result.filled.append(first_index[entry.msgid])
    text = format_po_like(PoFile(po.header, entries), old_text)
    if text != old_text and (options.dry_run or write_if_changed(path, text)):
        result.written.append(shown(config, path))


def published_pairs(project: Project, folder: Path) -> tuple[list[tuple[str, Path]], list[str]]:
    """For a folder that mirrors the source folder: each source document's published file (the
    same path; the extension may differ, a source ``.md`` published as ``.html``), and the
    documents that have none."""
    found: list[tuple[str, Path]] = []
    missing: list[str] = []
    for source in project.sources:
        relative = Path(source.path)
        candidates = sorted(
            path
            for path in (folder / relative.parent).glob(f"{relative.stem}.*")
            if path.is_file() and path.suffix.lower() in _READ_SUFFIXES
        )
        exact = folder / relative
        chosen = exact if exact.is_file() else (candidates[0] if candidates else None)
        if chosen is None:
            missing.append(source.path)
        else:
            found.append((source.path, chosen))
    return found, missing


_READ_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".mdx", ".html", ".htm"})


@dataclass
class AlignRun:
    """Every document of one ``transflow align`` and, for ``--into memory``, the TMX file."""

    results: list[AlignResult] = field(default_factory=list)
    problems: list[TransflowError] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # documents with no published file
    memory_file: str | None = None
    memory_pairs: int = 0
    memory_written: bool = False


def _aligned_all(project: Project, jobs: list[AlignOptions]) -> list[AlignResult | TransflowError]:
    """Every job aligned; with two cores and enough documents, the second half in a forked
    child (the alignment is the costly part; the PO files are then written here, in order)."""

    def some(part: list[AlignOptions]) -> list[AlignResult | TransflowError]:
        outcomes: list[AlignResult | TransflowError] = []
        for job in part:
            try:
                outcomes.append(aligned(project, job))
            except TransflowError as error:
                outcomes.append(error)
        return outcomes

    if cores() < 2 or len(jobs) < 8:
        return some(jobs)
    half = len(jobs) // 2
    child = Forked(lambda: some(jobs[half:]))
    return some(jobs[:half]) + child.result()


def align_all(
    project: Project,
    requests: list[tuple[str, Path]],
    options: AlignOptions,
    memory_file: Path | None = None,
) -> AlignRun:
    """``align_document`` for each (document, published file); with ``into="memory"`` the pairs
    of all of them go to one TMX file (default ``aligned-<lang>.tmx``)."""
    run = AlignRun()
    jobs = [replace(options, document=document, published=published) for document, published in requests]
    for job, outcome in zip(jobs, _aligned_all(project, jobs), strict=True):
        if isinstance(outcome, TransflowError):
            run.problems.append(outcome)
            continue
        try:
            if not (options.lines or options.into == "memory"):
                fill_po(project, job, outcome)
            run.results.append(outcome)
        except TransflowError as error:
            run.problems.append(error)
    if options.into == "memory":
        (language,) = project.languages([options.language])
        target = memory_file or Path(f"aligned-{language}.tmx")
        pairs = sorted({pair for result in run.results for pair in result.pairs})
        run.memory_file, run.memory_pairs = str(target), len(pairs)
        text = write_tmx(pairs, project.config.source_language, language)
        run.memory_written = options.dry_run or write_if_changed(Path.cwd() / target, text)
    return run
