"""Status arithmetic over units and PO entries, without files."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from transflow.checksettings import CheckSettings
from transflow.evaluate import Language, evaluate
from transflow.formats import Segmentation, parse_document
from transflow.po import PoEntry
from transflow.review import ReviewRecord, text_hash
from transflow.tally import (
    Counts,
    add_up,
    count_rows,
    document_counts,
    live_entries,
    obsolete_count,
    segment_rows,
)

TEXT = "Hands off!\n\nThe workers struck for 48 hours. Hands off!\n\nThe Press Office\n\nSolidarity now."


def units() -> tuple:  # type: ignore[type-arg]
    return parse_document(TEXT.encode(), "doc.txt", Segmentation()).units


def test_states_words_and_repetitions() -> None:
    entries = [
        PoEntry(msgid="Hands off!", msgstr="Bas les pattes !"),
        PoEntry(msgid="The workers struck for 48 hours.", msgstr="Les travailleurs...", flags=["fuzzy"]),
        PoEntry(msgid="The Press Office", msgstr=""),
        PoEntry(msgid="Gone sentence.", msgstr="Partie.", obsolete=True),
        PoEntry(msgid="Stale live sentence.", msgstr="Vieille."),
    ]
    rows = segment_rows(units(), live_entries(entries))
    assert [(row.unit.msgid, row.state, row.words, row.repetition) for row in rows] == [
        ("Hands off!", "translated", 2, False),
        ("The workers struck for 48 hours.", "fuzzy", 6, False),
        ("Hands off!", "translated", 2, True),
        ("The Press Office", "untranslated", 3, False),
        ("Solidarity now.", "new", 2, False),
    ]
    counts = document_counts(units(), entries)
    assert (counts.translated, counts.fuzzy, counts.untranslated, counts.new) == (1, 1, 2, 1)
    assert (counts.translated_words, counts.fuzzy_words, counts.untranslated_words) == (4, 6, 5)
    assert counts.repetition_words == 2
    assert counts.obsolete == 2
    assert counts.words == 15
    assert round(counts.percent, 2) == 26.67
    assert not counts.complete and counts.finished == 0


def test_fuzzy_without_translation_is_untranslated() -> None:
    rows = segment_rows(units()[:1], {"Hands off!": PoEntry(msgid="Hands off!", flags=["fuzzy"])})
    assert rows[0].state == "untranslated"


def test_complete_document_and_totals_add_up() -> None:
    entries = [PoEntry(msgid=unit.msgid, msgstr="x") for unit in units()]
    counts = count_rows(segment_rows(units(), live_entries(entries)), 0)
    assert counts.complete and counts.finished == 1 and counts.percent == 100.0
    total = add_up([counts, counts, Counts()])
    assert total.documents == 2 and total.translated_words == 2 * counts.translated_words


def test_empty_document_counts_as_complete() -> None:
    counts = document_counts((), [])
    assert counts.percent == 100.0 and counts.complete


_STATES = ["missing", "translated", "fuzzy", "fuzzy-empty", "empty"]
_TEXTS = ["Hands off!", "The strike goes on.", "Solidarity now.", "One.", "Two words."]


@given(
    st.lists(
        st.sampled_from(_TEXTS),
        max_size=12,
    ),
    st.lists(st.sampled_from(_STATES), min_size=5, max_size=5),
    st.sets(st.integers(min_value=0, max_value=11)),
)
def test_status_counts_without_rows_equal_the_counts_of_the_rows(
    texts: list[str], states: list[str], approved: set[int]
) -> None:
    """The counting the evaluation does (no row per unit) gives what count_rows gives over the rows."""
    document = parse_document("\n\n".join(texts).encode(), "doc.txt", Segmentation(unit="paragraph"))
    entries = []
    for text, state in zip(_TEXTS, states, strict=True):
        if state != "missing":
            flags = ["fuzzy"] if state.startswith("fuzzy") else []
            msgstr = "" if state.endswith("empty") else f"<{text}>"
            entries.append(PoEntry(msgid=text, msgstr=msgstr, flags=flags))
    live = live_entries(entries)
    records = [
        ReviewRecord(
            "u", "approved", text_hash(unit.msgid), text_hash(live[unit.msgid].msgstr), "Ana", "2026-11-29"
        )
        for index, unit in enumerate(document.units)
        if index in approved and unit.msgid in live
    ]
    evaluation = evaluate(document.units, entries, records, Language("en", "fr", CheckSettings()))
    rows = segment_rows(document.units, live, evaluation.approvals)
    obsolete = obsolete_count(entries, {unit.msgid for unit in document.units})
    expected = count_rows(rows, obsolete)
    assert replace(evaluation.counts, errors=0) == expected  # count_rows counts no check errors
