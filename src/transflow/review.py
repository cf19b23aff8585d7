"""The review record: who approved (or rejected) which translation, tied to what they saw.

One plain-text file per document and language beside its PO (``x.po`` -> ``x.review``),
one tab-separated line per unit, sorted by unit id so that two reviewers' work on different
units merges in git without a conflict:

    u4bc97684  approved  <source hash>  <translation hash>  Maria P.  2026-11-29

An approval counts only while both hashes match the current source text and translation:
any change to either, in any tool, makes it lapse by itself; rewrapping the PO does not
(hashes are of the texts, not of the file). Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from .digests import blake2b
from .errors import TransflowError

Verdict = Literal["approved", "rejected"]
HEADER = (
    "# transflow review record: one line per unit (unit, verdict, source hash, translation hash,\n"
    "# reviewer, date, remark), tab-separated. Written by transflow review; safe to merge in git.\n"
)


class ReviewError(TransflowError):
    """A review record that cannot be read."""


@dataclass(frozen=True)
class ReviewRecord:
    unit: str  # the unit's reference id (its first occurrence)
    verdict: Verdict
    source_hash: str
    translation_hash: str
    reviewer: str
    date: str  # YYYY-MM-DD
    remark: str = ""


def text_hash(text: str) -> str:
    return blake2b(text.encode("utf-8"), digest_size=6).hexdigest()


def _clean(text: str) -> str:
    """A field without the tabs and line breaks that separate fields and lines."""
    return " ".join(text.replace("\t", " ").split())


DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # a review line's date (the manifest's "reviewed" too)


def parse_review(text: str, path: str) -> list[ReviewRecord]:
    records: list[ReviewRecord] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) not in (6, 7) or fields[1] not in ("approved", "rejected"):
            raise ReviewError(
                "not a review line (unit, verdict, two hashes, reviewer, date, remark)",
                path=path,
                line=number,
                hint="fix or delete the line; git shows what it was",
            )
        if not DATE.fullmatch(fields[5]):  # it reaches the manifest's "reviewed" as it is
            raise ReviewError(
                f"the date of a review line is not YYYY-MM-DD: {fields[5][:20]!r}",
                path=path,
                line=number,
                hint="fix or delete the line; git shows what it was",
            )
        verdict: Verdict = "approved" if fields[1] == "approved" else "rejected"
        records.append(
            ReviewRecord(fields[0], verdict, fields[2], fields[3], fields[4], fields[5], *fields[6:])
        )
    return records


def render_review(records: Iterable[ReviewRecord]) -> str:
    """The file text: header, then one line per unit in unit order ("" when nothing is left)."""
    ordered = sorted(records, key=lambda record: record.unit)
    if not ordered:
        return ""
    lines = [
        "\t".join(
            [r.unit, r.verdict, r.source_hash, r.translation_hash, _clean(r.reviewer), r.date]
            + ([_clean(r.remark)] if r.remark else [])
        )
        for r in ordered
    ]
    return HEADER + "\n".join(lines) + "\n"


def decide(records: Sequence[ReviewRecord], record: ReviewRecord) -> list[ReviewRecord]:
    """The records with ``record`` as its unit's latest verdict."""
    return [*(r for r in records if r.unit != record.unit), record]


def revoke(records: Sequence[ReviewRecord], units: Iterable[str] | None = None) -> list[ReviewRecord]:
    """The records without the approvals of ``units`` (all approvals when None)."""
    chosen = None if units is None else set(units)
    return [r for r in records if r.verdict != "approved" or (chosen is not None and r.unit not in chosen)]


def approvals(
    sources: Sequence[str], translations: Sequence[str | None], records: Sequence[ReviewRecord]
) -> dict[int, ReviewRecord]:
    """The valid approval of each unit (by index): one whose hashes match its source text and
    its translation now. A repeated text shares its first occurrence's approval, and a unit
    that moved keeps its own: hashes, not positions, decide."""
    valid = {(r.source_hash, r.translation_hash): r for r in records if r.verdict == "approved"}
    found: dict[int, ReviewRecord] = {}
    for index, (source, translation) in enumerate(zip(sources, translations, strict=True)):
        if translation is None:
            continue
        record = valid.get((text_hash(source), text_hash(translation)))
        if record is not None:
            found[index] = record
    return found


def pruned(records: Sequence[ReviewRecord], current: Mapping[str, str]) -> list[ReviewRecord]:
    """The records that still hold for the current (source -> translation) texts; the rest lapsed."""
    live = {(text_hash(source), text_hash(translation)) for source, translation in current.items()}
    return [r for r in records if (r.source_hash, r.translation_hash) in live]
