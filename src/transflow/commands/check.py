"""``transflow check``: every translated and fuzzy unit against its current source."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..catalogs import read_catalog
from ..checks import Finding, accepted_checks, consistency, is_error, spelling_checked
from ..config import Config
from ..confine import Confinement
from ..errors import Notice, TransflowError
from ..evaluate import Language, evaluate
from ..model import Document, unit_ids
from ..paths import Source, po_path
from ..project import Project, load_document
from ..tally import UnitFacts, unit_facts
from . import Progress, no_progress


@dataclass(frozen=True)
class CheckOptions:
    documents: tuple[str, ...] = ()  # none: every source
    languages: tuple[str, ...] = ()  # none: every target language


@dataclass(frozen=True)
class UnitFinding:
    """A finding on one unit of one document in one language."""

    document: str
    language: str
    unit: str  # the unit's reference id
    place: str  # where it stands, for people
    source: str
    translation: str
    finding: Finding
    position: tuple[int, int] = (0, 0)  # (document, unit) order, for listing


@dataclass
class CheckResult:
    findings: list[UnitFinding] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    problems: list[TransflowError] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)  # a check that could not run, once each

    @property
    def errors(self) -> int:
        return sum(1 for item in self.findings if is_error(item.finding))


def check(project: Project, options: CheckOptions, progress: Progress = no_progress) -> CheckResult:
    """Findings of every check on the chosen documents and languages, in document order."""
    config = project.config
    languages = project.languages(options.languages)
    selected = project.select(options.documents)
    result = CheckResult(languages=languages)
    documents: list[tuple[Source, Document, UnitFacts, list[str]]] = []
    for source in selected:
        try:
            document = load_document(config, source)
            # the units' words and ids: the same in every language
            documents.append((source, document, unit_facts(document.units), unit_ids(document.units)))
        except TransflowError as error:
            result.problems.append(error)
    confinement = Confinement(config.root)
    result.notices = spelling_notices(config, languages)
    with progress(len(languages), "check") as advance:
        for language in languages:
            _check_language(config, language, documents, confinement, result)
            advance()
    if "spelling" not in config.checks.disabled:
        from ..spelling import save_verdicts

        save_verdicts()
    return result


def spelling_notices(config: Config, languages: Sequence[str]) -> list[Notice]:
    """One notice per language whose spelling (or French grammar) cannot be checked, naming
    what to install."""
    notices: list[Notice] = []
    if "grammar" not in config.checks.disabled and any(code.split("_")[0] == "fr" for code in languages):
        from ..grammar import available

        if not available():
            notices.append(
                Notice(
                    "grammar is not checked: Grammalecte is not installed",
                    hint="apt-get install python3-grammalecte (Debian, Ubuntu)",
                )
            )
    if "spelling" in config.checks.disabled:
        return notices
    from ..dictionaries import binding_available, find_dictionary, missing_dictionary_notice

    wanted = [language for language in languages if spelling_checked(language)]
    if not wanted:
        return notices
    if not binding_available():
        missing = "spelling is not checked: the hunspell binding is missing"
        return [*notices, Notice(missing, hint="pip install chunspell")]
    return notices + [
        Notice(missing_dictionary_notice(language))
        for language in wanted
        if find_dictionary(language, config.checks.spelling) is None
    ]


def _check_language(
    config: Config,
    language: str,
    documents: list[tuple[Source, Document, UnitFacts, list[str]]],
    confinement: Confinement,
    result: CheckResult,
) -> None:
    found: list[UnitFinding] = []
    translated: list[tuple[UnitFinding, frozenset[str]]] = []  # for the language-wide consistency check
    for order, (source, document, facts, ids) in enumerate(documents):
        path = po_path(config, language, source)
        if not path.exists():
            continue
        try:
            entries = read_catalog(config, path, confinement)[0].entries
        except TransflowError as error:
            result.problems.append(error)
            continue
        evaluation = evaluate(
            document.units, entries, (), Language.of(config, language), depth="all", facts=facts
        )
        for index, unit in enumerate(document.units):
            entry = evaluation.checked_entry(index)
            if entry is None:
                continue
            blank = Finding("", "warning", "")  # each finding replaces it
            place = UnitFinding(
                source.path,
                language,
                ids[index],
                unit.context,
                unit.msgid,
                entry.msgstr,
                blank,
                (order, index),
            )
            found += [replace(place, finding=finding) for finding in evaluation.findings.get(index, ())]
            translated.append((place, accepted_checks(entry.translator_comments)))
    if "consistency" not in config.checks.disabled:
        texts = [(place.source, place.translation) for place, _ in translated]
        for index, messages in consistency(texts).items():
            place, accepted = translated[index]
            found += [
                replace(place, finding=Finding("consistency", "warning", message, "consistency" in accepted))
                for message in messages
            ]
    result.findings += sorted(found, key=lambda item: item.position)
