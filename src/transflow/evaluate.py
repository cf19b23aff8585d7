"""Where every unit of a document stands in one language: the one answer that status, build,
check, review, export and the board all read.

``evaluate`` joins a document's units with a language's PO entries and review record and
runs the checks: per unit its state, its findings, what its translation restores to in the
markup, its valid approval and whether a reviewer rejected it; and the counts. Whether a
unit may be published follows from that alone (``held_back``), so a new check reaches
the publishing gate the moment it is registered. Pure functions over plain data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from .checks import CHECKS, Check, Finding, Pair, accepted_checks, restored
from .checksettings import CheckSettings, Severity
from .model import Unit, unit_ids
from .po import PoEntry
from .review import ReviewRecord, approvals, text_hash
from .tally import (
    Counts,
    SegmentRow,
    SegmentState,
    Tally,
    UnitFacts,
    entry_state,
    is_machine_draft,
    is_transflow_draft,
    live_entries,
    unit_facts,
)

if TYPE_CHECKING:
    from .config import Config

# "errors": only the checks that can keep a unit from publication (status, build, export);
# "all": warnings too (check, review)
Depth = Literal["errors", "all"]


@dataclass(frozen=True)
class Language:
    """What the checks need to know of the language pair and the project's settings."""

    source: str
    target: str
    settings: CheckSettings

    @classmethod
    def of(cls, config: Config, target: str) -> Language:
        return cls(config.source_language, target, config.checks)


@dataclass(frozen=True)
class Evaluation:
    """One document in one language, unit by unit (columns indexed like ``units``)."""

    units: Sequence[Unit]
    facts: UnitFacts
    entries: Mapping[str, PoEntry]  # the live entries by msgid
    states: tuple[SegmentState, ...]
    findings: Mapping[int, tuple[Finding, ...]]  # units with findings only
    failing: Mapping[int, tuple[str, ...]]  # units failing an error check: its names, accepted ones left out
    restored: Mapping[int, str]  # translated units: the text their translation puts in the output
    approvals: Mapping[int, ReviewRecord]  # translated units with a valid approval
    rejected: frozenset[int]  # units whose current translation a reviewer sent back
    all_entries: Sequence[PoEntry]  # the PO's entries, obsolete ones included

    @cached_property
    def obsolete(self) -> int:
        """Entries the current source no longer has: obsolete ones and stale live ones."""
        texts = set(self.facts.msgids)
        return sum(
            1 for entry in self.all_entries if entry.msgid and (entry.obsolete or entry.msgid not in texts)
        )

    @cached_property
    def counts(self) -> Counts:
        """As the PO stands (``errors`` counted); the gate's view is ``gate_counts``."""
        return _counted(self, self.states)

    def entry(self, index: int) -> PoEntry | None:
        return self.entries.get(self.units[index].msgid)

    def translation(self, index: int) -> str:
        entry = self.entry(index)
        return entry.msgstr if entry is not None else ""

    def errors(self, index: int) -> tuple[str, ...]:
        """The error checks the unit's translation fails, accepted ones left out."""
        return self.failing.get(index, ())

    def checked_entry(self, index: int) -> PoEntry | None:
        """The unit's entry when it holds a translation the checks look at."""
        return _checkable(self.entry(index))

    def held_back(self, require_review: bool = False) -> dict[int, str]:
        """Translated units that may not be published, with why: "error" or "unreviewed"."""
        held: dict[int, str] = {}
        for index, state in enumerate(self.states):
            if state != "translated":
                continue
            if self.errors(index):
                held[index] = "error"
            elif require_review and index not in self.approvals:
                held[index] = "unreviewed"
        return held

    def gate_counts(self, require_review: bool = False) -> Counts:
        """The counts a build gates on: a translation that may not be published counts as
        untranslated (it is built from the source)."""
        held = self.held_back(require_review)
        if not held:
            return self.counts
        states = ["untranslated" if index in held else state for index, state in enumerate(self.states)]
        return _counted(self, states)

    def rows(self, ids: Sequence[str] | None = None) -> list[SegmentRow]:
        """One row per unit, for people (the segment view, the board)."""
        rows = []
        for index, (unit, unit_id) in enumerate(zip(self.units, ids or unit_ids(self.units), strict=True)):
            approval = self.approvals.get(index)
            rows.append(
                SegmentRow(
                    number=index + 1,
                    unit=unit,
                    unit_id=unit_id,
                    state=self.states[index],
                    words=self.facts.words[index],
                    translation=self.translation(index),
                    repetition=self.facts.repeated[index],
                    errors=self.errors(index),
                    warnings=tuple(
                        f"{finding.check}: {finding.message}"
                        for finding in self.findings.get(index, ())
                        if finding.severity == "warning" and not finding.accepted
                    ),
                    draft=_draft_kind(self.entry(index)) if self.states[index] == "fuzzy" else "",
                    reviewer=approval.reviewer if approval else None,
                    reviewed_on=approval.date if approval else None,
                )
            )
        return rows


def evaluate(
    units: Sequence[Unit],
    entries: Sequence[PoEntry],
    records: Sequence[ReviewRecord],
    language: Language,
    *,
    depth: Depth = "errors",
    facts: UnitFacts | None = None,
) -> Evaluation:
    """Every unit of a document against a language's entries and review record.

    ``facts`` (the units' texts and words) may be passed in when one document is evaluated
    in many languages. A repeated plain-text (source, translation) pair is checked once."""
    facts = facts if facts is not None else unit_facts(units)
    live = live_entries(entries)
    states: list[SegmentState] = []
    findings: dict[int, tuple[Finding, ...]] = {}
    failing: dict[int, tuple[str, ...]] = {}
    restored_texts: dict[int, str] = {}
    checked: dict[tuple[object, ...], tuple[tuple[Finding, ...], tuple[str, ...], str | None]] = {}
    translations: list[str | None] = []
    disabled = language.settings.disabled
    # the checks this evaluation runs; markup always (a translation that does not restore
    # cannot be built, whatever the settings say)
    severity = language.settings.severity
    active = [
        (check, severity(check.name, check.severity))
        for check in CHECKS.values()
        if check.run is not None
        and (
            check.name == "markup"
            or (
                check.name not in disabled
                and (depth == "all" or severity(check.name, check.severity) == "error")
            )
        )
    ]
    for index, unit in enumerate(units):
        entry = live.get(unit.msgid)
        state = entry_state(entry)
        states.append(state)
        if _checkable(entry) is None:
            translations.append(None)
            continue
        assert entry is not None
        translation = entry.msgstr
        translations.append(translation if state == "translated" else None)
        # a repeated text is checked once; a unit with markup restores to its own tags and
        # quoting (one "Read <1>this</1>" may be <b> here and <i> there): never shared
        key: tuple[object, ...] = (unit.msgid, translation) if unit.mode == "text" else (index,)
        done = checked.get(key)
        if done is None:
            accepted = (
                accepted_checks(entry.translator_comments) if entry.translator_comments else frozenset()
            )
            done = checked[key] = _checked(unit, translation, accepted, language, active)
        found, names, restored_text = done
        if found and state == "fuzzy" and is_transflow_draft(entry):
            # transflow's own suggestion: what a reviewer should look at, not a translator's error
            found = tuple(
                replace(f, severity="warning", message=f"in a suggestion: {f.message}") for f in found
            )
            names = ()
        if found:
            findings[index] = found
        if names:
            failing[index] = names
        if state == "translated" and restored_text is not None:
            restored_texts[index] = restored_text
    approved = approvals(facts.msgids, translations, records) if records else {}
    rejected = _rejected(facts.msgids, live, records) if records else frozenset()
    return Evaluation(
        units,
        facts,
        live,
        tuple(states),
        findings,
        failing,
        restored_texts,
        approved,
        rejected,
        entries,
    )


def _checkable(entry: PoEntry | None) -> PoEntry | None:
    """The entry when it holds a translation the checks look at (filled, not plural)."""
    return entry if entry is not None and entry.filled and entry.msgid_plural is None else None


def _checked(
    unit: Unit,
    translation: str,
    accepted: frozenset[str],
    language: Language,
    active: Sequence[tuple[Check, Severity]],
) -> tuple[tuple[Finding, ...], tuple[str, ...], str | None]:
    """The findings of every enabled check that applies, the error checks failed (accepted
    ones left out), and the restored text (None when the markup does not restore).

    The markup check is the restore itself, and a translation that does not restore cannot
    be built: it runs even where disabled or accepted."""
    pair = Pair(unit, translation, language.source, language.target, language.settings)
    found: list[Finding] = []
    restored_text: str | None = translation
    for check, severity in active:  # plain loops: this runs for every translated unit of every language
        applies = check.applies
        if applies is not None and not applies(pair):
            continue
        if check.name == "markup":
            restored_text, problem = restored(unit, translation)
            if problem is not None:
                found.append(Finding("markup", "error", problem))
            continue
        assert check.run is not None  # language-wide checks are never active
        for message in check.run(pair):
            found.append(Finding(check.name, severity, message, check.name in accepted))
    if not found:
        return (), (), restored_text
    names = tuple(dict.fromkeys(f.check for f in found if f.severity == "error" and not f.accepted))
    return tuple(found), names, restored_text


def _rejected(
    sources: Sequence[str], live: Mapping[str, PoEntry], records: Sequence[ReviewRecord]
) -> frozenset[int]:
    """Units whose current (source, translation) a reviewer rejected and nobody approved since."""
    latest: dict[tuple[str, str], str] = {}
    for record in records:
        latest[(record.source_hash, record.translation_hash)] = record.verdict
    if "rejected" not in latest.values():
        return frozenset()
    found = set()
    for index, source in enumerate(sources):
        entry = live.get(source)
        if entry is None or not entry.msgstr:
            continue
        if latest.get((text_hash(source), text_hash(entry.msgstr))) == "rejected":
            found.add(index)
    return frozenset(found)


def _draft_kind(entry: PoEntry | None) -> str:
    if entry is None or not is_transflow_draft(entry):
        return ""
    return "machine draft" if is_machine_draft(entry) else "memory suggestion"


def _counted(evaluation: Evaluation, states: Sequence[str]) -> Counts:
    tally = Tally()
    facts = evaluation.facts
    errors = machine = 0
    for index, state in enumerate(states):
        reviewed = state == "translated" and index in evaluation.approvals
        tally.add(state, facts.words[index], facts.repeated[index], reviewed)  # type: ignore[arg-type]
        if not facts.repeated[index]:
            errors += index in evaluation.failing
            if state == "fuzzy":
                entry = evaluation.entry(index)
                machine += entry is not None and is_machine_draft(entry)
    counts = tally.counts(evaluation.obsolete)
    return replace(counts, errors=errors, machine=machine) if errors or machine else counts
