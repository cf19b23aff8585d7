"""Every unit after a source edit is kept, fuzzy with the right previous text, carried, or
empty: never another unit's translation."""

from __future__ import annotations

import json
from typing import Any

import pytest

from transflow.catalog import LanguageInfo, MergeOptions, build_template, language_header, merge
from transflow.formats import Segmentation, parse_document
from transflow.po import PoEntry

from .conftest import GOLDEN

CASES = json.loads((GOLDEN / "edit_matrix.json").read_text(encoding="utf-8"))["cases"]
FRENCH = LanguageInfo("fr", "French", "nplurals=2; plural=(n > 1);")


def translation_of(msgid: str) -> str:
    return f"<<{msgid}>>"


def merged_entries(case: dict[str, Any]) -> dict[str, PoEntry]:
    segmentation = Segmentation(unit=case["unit"])
    old = build_template(parse_document(case["old"].encode(), "doc.txt", segmentation), "t", "d")
    for entry in old.entries:
        entry.msgstr = translation_of(entry.msgid)
    template = build_template(parse_document(case["new"].encode(), "doc.txt", segmentation), "t", "d")
    header = language_header(template, old, FRENCH, "doc.txt")
    result = merge(template, old, header, MergeOptions(keep_trivial=case["keep_trivial"]))
    return {entry.msgid: entry for entry in result.po.entries if not entry.obsolete}


def outcome(entry: PoEntry) -> list[str]:
    if not entry.msgstr:
        return ["empty"]
    if entry.fuzzy:
        assert entry.msgstr == translation_of(entry.previous_msgid or ""), (
            "fuzzy text must be its previous unit's"
        )
        return ["fuzzy", entry.previous_msgid or ""]
    if entry.msgstr == translation_of(entry.msgid):
        return ["kept"]
    return ["carried", entry.msgstr[2:-2]]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_edit_matrix(case: dict[str, Any]) -> None:
    entries = merged_entries(case)
    for msgid, entry in entries.items():
        assert outcome(entry) == case["expect"].get(msgid, ["kept"]), msgid
    assert set(case["expect"]) <= set(entries)


def test_nothing_is_lost_when_a_paragraph_is_deleted() -> None:
    case = next(case for case in CASES if case["name"] == "paragraph deleted")
    segmentation = Segmentation()
    old = build_template(parse_document(case["old"].encode(), "doc.txt", segmentation), "t", "d")
    for entry in old.entries:
        entry.msgstr = translation_of(entry.msgid)
    template = build_template(parse_document(case["new"].encode(), "doc.txt", segmentation), "t", "d")
    result = merge(template, old, language_header(template, old, FRENCH, "doc.txt"))
    obsolete = [entry for entry in result.po.entries if entry.obsolete]
    assert [entry.msgid for entry in obsolete] == [
        "Management calls the strike “illegal” and speaks of “losses” in its press release."
    ]
    assert obsolete[0].msgstr.startswith("<<Management")


def test_changed_figures_are_noted_for_the_translator() -> None:
    case = next(case for case in CASES if case["name"] == "word change")
    entry = merged_entries(case)[
        "The second paragraph speaks about the workers of the port and their strike for 24 hours."
    ]
    assert entry.translator_comments == ["transflow: check figures: 48 -> 24"]
