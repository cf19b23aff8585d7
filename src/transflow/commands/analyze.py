"""``transflow analyze``: words still to translate per language, by match band."""

from __future__ import annotations

from dataclasses import dataclass

from ..bands import Analysis, analyze_document
from ..errors import TransflowError
from ..memories import load_language_memory
from ..model import Unit
from ..paths import Source
from ..project import Project, load_document
from . import Progress, no_progress


@dataclass(frozen=True)
class AnalyzeOptions:
    documents: tuple[str, ...] = ()  # none: every source
    languages: tuple[str, ...] = ()  # none: every target language


@dataclass
class AnalyzeResult:
    documents: list[str]  # the documents analysed (those that could be read)
    by_language: dict[str, Analysis]
    problems: list[TransflowError]


def analyze(project: Project, options: AnalyzeOptions, progress: Progress = no_progress) -> AnalyzeResult:
    """Each language's words to translate across the chosen documents, by memory band."""
    config = project.config
    languages = project.languages(options.languages)
    selected = project.select(options.documents)
    problems: list[TransflowError] = []
    parsed: list[tuple[Source, tuple[Unit, ...]]] = []
    for source in selected:
        try:
            parsed.append((source, load_document(config, source).units))
        except TransflowError as error:
            problems.append(error)
    results: dict[str, Analysis] = {}
    with progress(len(languages), "analyze") as advance:
        for language in languages:
            loaded = load_language_memory(config, language, project.sources)
            problems += loaded.errors
            memory, catalogs = loaded.memory, loaded.catalogs
            total = Analysis()
            seen: set[str] = set()
            for source, units in parsed:
                catalog = catalogs.get(source.path)
                total.add(analyze_document(units, catalog.entries if catalog else [], memory, seen))
            results[language] = total
            advance()
    return AnalyzeResult([source.path for source, _ in parsed], results, problems)
