"""The coordinator's cost estimate: words still to translate, by how much memory helps.

Pure arithmetic over units, PO entries and a memory, as CAT tools report it: each
occurrence of a unit not yet translated falls into one band (a repetition of text seen
earlier in the batch, an exact memory hit, fuzzy bands, or no match), and the bands plus
the translated words add up to the status word total.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .memory import Memory
from .model import Unit
from .po import PoEntry
from .segment import count_words
from .tally import entry_state, is_machine_draft, live_entries

# "machine draft": fuzzy drafts an engine made (update --mt), apart from the memory's matches
BANDS = ("repetitions", "100%", "95-99%", "85-94%", "75-84%", "50-74%", "machine draft", "no match")
_LOWER_BOUNDS = ((100.0, "100%"), (95.0, "95-99%"), (85.0, "85-94%"), (75.0, "75-84%"), (50.0, "50-74%"))


@dataclass
class Analysis:
    """Words by band for one language (or one document in it)."""

    translated: int = 0
    bands: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BANDS, 0))

    @property
    def to_translate(self) -> int:
        return sum(self.bands.values())

    @property
    def total(self) -> int:
        return self.translated + self.to_translate

    def add(self, other: Analysis) -> None:
        self.translated += other.translated
        for band, words in other.bands.items():
            self.bands[band] += words


def band_of(score: float) -> str:
    for bound, band in _LOWER_BOUNDS:
        if score >= bound:
            return band
    return "no match"


def analyze_document(
    units: Sequence[Unit], entries: Iterable[PoEntry], memory: Memory, seen: set[str]
) -> Analysis:
    """Bands for one document; ``seen`` carries the texts met earlier in the batch."""
    live = live_entries(entries)
    analysis = Analysis()
    for unit in units:
        words = count_words(unit.msgid)
        entry = live.get(unit.msgid)
        if entry_state(entry) == "translated":
            analysis.translated += words
        elif memory.exact(unit.msgid) is not None:
            analysis.bands["100%"] += words
        elif unit.msgid in seen:
            analysis.bands["repetitions"] += words
        elif entry is not None and is_machine_draft(entry) and memory.near(unit.msgid, cutoff=50.0) is None:
            analysis.bands["machine draft"] += words
            seen.add(unit.msgid)
        else:
            analysis.bands[band_of(_best_score(unit.msgid, entry, memory))] += words
            seen.add(unit.msgid)
    return analysis


def _best_score(text: str, entry: PoEntry | None, memory: Memory) -> float:
    score = 0.0
    if entry is not None and entry.fuzzy and entry.filled:
        # a fuzzy entry carries a translation of its previous text
        from rapidfuzz import fuzz

        previous = entry.previous_msgid
        score = 99.0 if previous is None else min(99.0, fuzz.ratio(previous.split(), text.split()))
    recall = memory.near(text, cutoff=50.0)
    if recall is not None:
        score = max(score, min(99.0, recall.score))
    return score
