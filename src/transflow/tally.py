"""Status arithmetic (tallies): the current source's units joined with a language's PO entries.

Pure functions over plain data. Segments are counted per distinct unit text (as gettext
counts entries, so the numbers match ``msgfmt --statistics``); words are counted per
occurrence, the words of second and later occurrences also shown as repetitions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from .model import Unit, unit_ids
from .po import PoEntry
from .review import ReviewRecord
from .segment import count_words

STATES = ("translated", "fuzzy", "untranslated")
# "new": in the source, not yet in the PO (counted as untranslated)
SegmentState = Literal["translated", "fuzzy", "untranslated", "new"]
SEGMENT_STATES: tuple[SegmentState, ...] = ("translated", "fuzzy", "untranslated", "new")


@dataclass(frozen=True)
class Counts:
    """Segments and words by state; add them up across documents and languages."""

    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0  # includes units the PO does not hold yet ("new")
    new: int = 0
    obsolete: int = 0  # in the PO, gone from the source; never in the totals
    translated_words: int = 0
    fuzzy_words: int = 0
    untranslated_words: int = 0
    repetition_words: int = 0  # words of repeated occurrences, included above
    documents: int = 0
    finished: int = 0
    errors: int = 0  # segments whose translation fails an error check (see checks.py)
    reviewed: int = 0  # translated segments with a valid approval (see review.py)
    reviewed_words: int = 0
    # documents whose catalog (or source) could not be read: never done by absence, their
    # source words (when the source reads) counted untranslated
    unreadable: int = 0
    machine: int = 0  # fuzzy segments that are machine drafts nobody has read yet (update --mt)

    def __add__(self, other: Counts) -> Counts:
        # the instance dict holds the fields in their order: far cheaper than fields()
        return Counts(*map(int.__add__, self.__dict__.values(), other.__dict__.values()))

    @property
    def segments(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def words(self) -> int:
        return self.translated_words + self.fuzzy_words + self.untranslated_words

    @property
    def percent(self) -> float:
        """Translated share of the words; an empty document is complete, but nothing (no
        document, no language) or an unreadable catalog is not."""
        if self.words == 0:
            return 100.0 if self.documents and not self.unreadable else 0.0
        return 100.0 * self.translated_words / self.words

    @property
    def complete(self) -> bool:
        return self.fuzzy == 0 and self.untranslated == 0 and self.unreadable == 0


def add_up(counts: Iterable[Counts]) -> Counts:
    """The sum, column by column (one pass, no intermediate Counts)."""
    columns = [count.__dict__.values() for count in counts]
    return Counts(*map(sum, zip(*columns, strict=True))) if columns else Counts()


@dataclass(frozen=True)
class SegmentRow:
    """One unit of the current source in one language."""

    number: int
    unit: Unit
    unit_id: str  # the stable id PO references use
    state: SegmentState
    words: int
    translation: str
    repetition: bool  # the same text stands earlier in the document
    errors: tuple[str, ...] = ()  # the error checks its translation fails
    warnings: tuple[str, ...] = ()  # "spelling: “gouvernment” is not in ..." (evaluated with warnings)
    draft: str = ""  # a fuzzy unit transflow drafted: "machine draft" or "memory suggestion"
    reviewer: str | None = None  # who approved the translation (a valid approval only)
    reviewed_on: str | None = None


def entry_state(entry: PoEntry | None) -> SegmentState:
    if entry is None:
        return "new"
    if entry.translated:
        return "translated"
    if entry.fuzzy and entry.filled:
        return "fuzzy"
    return "untranslated"


# the notes transflow puts on a translation it proposed (catalog.py writes them)
DRAFT_NOTES = (
    "transflow: check suggestion from memory",
    "transflow: check machine translation",
    "transflow: machine translation",
)


MACHINE_NOTE = "transflow: check machine translation"


def is_machine_draft(entry: PoEntry) -> bool:
    """A fuzzy entry an engine drafted (``update --mt``), not yet read by a person."""
    return entry.fuzzy and any(line.startswith(MACHINE_NOTE) for line in entry.translator_comments)


def is_transflow_draft(entry: PoEntry) -> bool:
    """A fuzzy entry whose translation transflow proposed (a memory suggestion, a machine
    draft): a suggestion for a person to read, not a translator's work."""
    return entry.fuzzy and any(
        line.startswith(DRAFT_NOTES) for line in [*entry.translator_comments, *entry.extracted_comments]
    )


def live_entries(entries: Iterable[PoEntry]) -> dict[str, PoEntry]:
    """The PO's live, context-free entries by msgid (transflow writes no msgctxt)."""
    return {entry.msgid: entry for entry in entries if not entry.obsolete and entry.msgctxt is None}


def segment_rows(
    units: Sequence[Unit],
    entries: dict[str, PoEntry],
    approvals: Mapping[int, ReviewRecord] | None = None,
    ids: Sequence[str] | None = None,
) -> list[SegmentRow]:
    """One row per unit; ``approvals`` (valid ones, by unit index) mark translated rows reviewed.
    ``ids``: the units' ids when the caller has them (one document, many languages)."""
    rows: list[SegmentRow] = []
    seen: set[str] = set()
    for number, (unit, unit_id) in enumerate(zip(units, ids or unit_ids(units), strict=True), start=1):
        entry = entries.get(unit.msgid)
        state = entry_state(entry)
        approval = approvals.get(number - 1) if approvals and state == "translated" else None
        rows.append(
            SegmentRow(
                number=number,
                unit=unit,
                unit_id=unit_id,
                state=state,
                words=count_words(unit.msgid),
                translation=entry.msgstr if entry else "",
                repetition=unit.msgid in seen,
                reviewer=approval.reviewer if approval else None,
                reviewed_on=approval.date if approval else None,
            )
        )
        seen.add(unit.msgid)
    return rows


def count_rows(rows: Sequence[SegmentRow], obsolete: int) -> Counts:
    """Counts of one document in one language."""
    tally = Tally()
    for row in rows:
        tally.add(row.state, row.words, row.repetition, row.reviewer is not None)
    return tally.counts(obsolete)


class Tally:
    """The running sums behind a document's Counts, one unit at a time."""

    __slots__ = ("new", "repetition_words", "reviewed", "reviewed_words", "segments", "words")

    def __init__(self) -> None:
        self.segments = {"translated": 0, "fuzzy": 0, "untranslated": 0}
        self.words = {"translated": 0, "fuzzy": 0, "untranslated": 0}
        self.new = self.repetition_words = self.reviewed = self.reviewed_words = 0

    def add(self, state: SegmentState, words: int, repeated: bool, reviewed: bool) -> None:
        bucket = "untranslated" if state == "new" else state
        self.words[bucket] += words
        if reviewed:
            self.reviewed_words += words
        if repeated:
            self.repetition_words += words
            return
        self.segments[bucket] += 1
        self.new += state == "new"
        self.reviewed += reviewed

    def counts(self, obsolete: int) -> Counts:
        segments, words = self.segments, self.words
        return Counts(
            translated=segments["translated"],
            fuzzy=segments["fuzzy"],
            untranslated=segments["untranslated"],
            new=self.new,
            obsolete=obsolete,
            translated_words=words["translated"],
            fuzzy_words=words["fuzzy"],
            untranslated_words=words["untranslated"],
            repetition_words=self.repetition_words,
            documents=1,
            finished=int(segments["fuzzy"] == 0 and segments["untranslated"] == 0),
            reviewed=self.reviewed,
            reviewed_words=self.reviewed_words,
        )


@dataclass(frozen=True, slots=True)
class UnitFacts:
    """What the counts need of a document's units, the same in every language."""

    msgids: tuple[str, ...]
    words: tuple[int, ...]
    repeated: tuple[bool, ...]  # the same text stands earlier in the document


def unit_facts(units: Sequence[Unit]) -> UnitFacts:
    seen: set[str] = set()
    repeated = []
    for unit in units:
        repeated.append(unit.msgid in seen)
        seen.add(unit.msgid)
    return UnitFacts(
        tuple(unit.msgid for unit in units), tuple(count_words(unit.msgid) for unit in units), tuple(repeated)
    )


def obsolete_count(entries: Iterable[PoEntry], unit_texts: set[str]) -> int:
    """Entries the current source no longer has: obsolete ones and stale live ones."""
    return sum(1 for entry in entries if entry.msgid and (entry.obsolete or entry.msgid not in unit_texts))


def document_counts(
    units: Sequence[Unit], entries: Sequence[PoEntry], approvals: Mapping[int, ReviewRecord] | None = None
) -> Counts:
    rows = segment_rows(units, live_entries(entries), approvals)
    return count_rows(rows, obsolete_count(entries, {unit.msgid for unit in units}))
