"""``transflow review``: approve or reject translations, recorded beside the PO.

A ``ReviewSession`` holds one document in one language: the units waiting for a reviewer
(translated or fuzzy, without a valid approval) and the decisions, each saved at once
(the review record and, for a rejection or an edit, the PO), so quitting or being killed
loses nothing.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass, field, replace

from ..atomic import write_if_changed
from ..catalogs import read_catalog_text
from ..checks import Finding, is_error
from ..config import Config
from ..confine import Confinement
from ..errors import TransflowError, UsageError
from ..evaluate import Language, evaluate
from ..model import Document, unit_ids
from ..paths import Source, po_path, shown
from ..po import PoEntry, PoFile, format_po_like
from ..project import Project, load_document
from ..review import ReviewRecord, decide, revoke, text_hash
from ..reviewfiles import read_review, write_review
from ..tally import is_transflow_draft

REVIEW_REMARK = "review: "  # a rejection's remark, as a translator comment on the entry


def reviewer_name(given: str | None, config: Config) -> str:
    """--by, else TRANSFLOW_REVIEWER, else git's user.name; a clear error without one."""
    for name in (given, os.environ.get("TRANSFLOW_REVIEWER")):
        if name and name.strip():
            return name.strip()
    try:
        found = subprocess.run(
            ["git", "config", "user.name"], cwd=config.root, capture_output=True, text=True, timeout=10
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        found = ""
    if found:
        return found
    raise UsageError(
        "who is reviewing? no reviewer name",
        hint="give --by NAME, set TRANSFLOW_REVIEWER, or git's user.name",
    )


def today() -> str:
    """The date of a decision; SOURCE_DATE_EPOCH pins it, as for every date transflow writes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return time.strftime("%Y-%m-%d", time.gmtime(int(epoch)) if epoch else time.gmtime())


@dataclass(frozen=True)
class ReviewItem:
    """A unit waiting for a reviewer, with everything shown about it."""

    index: int
    unit_id: str
    place: str
    source: str
    translation: str
    fuzzy: bool
    previous: str | None  # the source text the translation was made for, when fuzzy
    notes: tuple[str, ...]  # translators' comments
    findings: tuple[Finding, ...]
    rejected: bool = False  # a reviewer sent this very translation back
    machine: bool = False  # transflow's own draft (a memory suggestion or a machine translation)

    @property
    def has_errors(self) -> bool:
        return any(is_error(finding) for finding in self.findings)

    def why_not_in_bulk(self) -> str | None:
        """Why a bulk approval (no unit named) leaves this unit alone, or None."""
        if self.rejected:
            return "rejected by a reviewer: approve it by naming it (--unit)"
        if self.has_errors:
            return "check error: " + ", ".join(dict.fromkeys(f.check for f in self.findings if is_error(f)))
        if self.machine:
            return "a draft transflow made: a person must read it (--unit, or the interactive review)"
        if self.fuzzy:
            return "fuzzy: needs a translator, or name it (--unit)"
        return None


@dataclass
class ReviewSession:
    config: Config
    source: Source
    language: str
    reviewer: str
    document: Document
    items: list[ReviewItem] = field(default_factory=list)
    approved: int = 0
    rejected: int = 0
    decided: dict[str, str] = field(default_factory=dict)  # unit id -> what this session did with it

    # -- loading

    @classmethod
    def open(cls, project: Project, document_name: str, language: str, reviewer: str) -> ReviewSession:
        config = project.config
        source = project.find_source(document_name)
        (language,) = project.languages([language])
        session = cls(config, source, language, reviewer, load_document(config, source))
        session.items = session._waiting()
        return session

    def _po(self) -> PoFile:
        return self._po_and_text()[0]

    def _po_and_text(self) -> tuple[PoFile, str]:
        path = po_path(self.config, self.language, self.source)
        if not path.exists():
            raise TransflowError("no PO file yet", path=shown(self.config, path), hint="run transflow update")
        po, _, text = read_catalog_text(self.config, path, Confinement(self.config.root))
        return po, text

    def _waiting(self) -> list[ReviewItem]:
        records = read_review(self.config, self.language, self.source)
        evaluation = evaluate(
            self.document.units,
            self._po().entries,
            records,
            Language.of(self.config, self.language),
            depth="all",
        )
        ids = unit_ids(self.document.units)
        items: list[ReviewItem] = []
        for index, unit in enumerate(self.document.units):
            entry = evaluation.checked_entry(index)
            if entry is None:
                continue
            if index in evaluation.approvals or evaluation.facts.repeated[index]:
                continue  # approved already, or a repeated text (reviewed once, at its first place)
            items.append(
                ReviewItem(
                    index,
                    ids[index],
                    unit.context,
                    unit.msgid,
                    entry.msgstr,
                    entry.fuzzy,
                    entry.previous_msgid,
                    tuple(comment for comment in entry.translator_comments if comment.strip()),
                    evaluation.findings.get(index, ()),
                    rejected=index in evaluation.rejected,
                    machine=is_transflow_draft(entry),
                )
            )
        return items

    # -- decisions, each saved at once

    def _record(self, item: ReviewItem, verdict: str, translation: str, remark: str = "") -> None:
        records = read_review(self.config, self.language, self.source)
        record = ReviewRecord(
            item.unit_id,
            "approved" if verdict == "approved" else "rejected",
            text_hash(item.source),
            text_hash(translation),
            self.reviewer,
            today(),
            remark,
        )
        write_review(self.config, self.language, self.source, decide(records, record))

    def _rewrite_entry(self, msgid: str, change: dict[str, object]) -> None:
        """Change one entry; every other keeps its bytes (the translator's tool laid them out)."""
        po, old_text = self._po_and_text()
        entries = [
            entry.evolve(**change)
            if entry.msgid == msgid and not entry.obsolete and entry.msgctxt is None
            else entry
            for entry in po.entries
        ]
        path = po_path(self.config, self.language, self.source)
        write_if_changed(path, format_po_like(PoFile(po.header, entries), old_text, old=po))

    def approve(self, item: ReviewItem) -> None:
        """Approve the translation as it stands; a fuzzy one stops being fuzzy."""
        entry = self._entry(item.source)
        change = _settled(entry)
        if item.fuzzy or change["translator_comments"] != entry.translator_comments:
            self._rewrite_entry(item.source, change)
        self._record(item, "approved", item.translation)
        self.approved += 1
        self.decided[item.unit_id] = "approved"

    def reject(self, item: ReviewItem, remark: str) -> None:
        """Send it back: fuzzy in the PO, the remark as a ``# review:`` translator comment."""
        entry = self._entry(item.source)
        comments = [*entry.translator_comments, f"{REVIEW_REMARK}{' '.join(remark.split()) or 'rejected'}"]
        flags = entry.flags if "fuzzy" in entry.flags else ["fuzzy", *entry.flags]
        self._rewrite_entry(item.source, {"translator_comments": comments, "flags": flags})
        self._record(item, "rejected", item.translation, remark)
        self.rejected += 1
        self.decided[item.unit_id] = f"rejected ({' '.join(remark.split()) or 'no remark'})"

    def edit(self, item: ReviewItem, translation: str) -> ReviewItem:
        """The reviewer's own translation, approved."""
        change = {**_settled(self._entry(item.source)), "msgstr": translation}
        self._rewrite_entry(item.source, change)
        edited = replace(item, translation=translation, fuzzy=False)
        self._record(edited, "approved", translation)
        self.approved += 1
        self.decided[item.unit_id] = "edited and approved"
        return edited

    def _entry(self, msgid: str) -> PoEntry:
        for entry in self._po().entries:
            if entry.msgid == msgid and not entry.obsolete and entry.msgctxt is None:
                return entry
        raise TransflowError(f"the PO no longer has {msgid[:40]!r}", hint="run transflow update, then review")


def _settled(entry: PoEntry) -> dict[str, object]:
    """What approving an entry changes: no fuzzy flag, no previous source, no reviewer's
    rejection remark (the translation it was about is settled now)."""
    return {
        "translator_comments": [c for c in entry.translator_comments if not c.startswith(REVIEW_REMARK)],
        "flags": [flag for flag in entry.flags if flag != "fuzzy"],
        "previous_msgid": None,
        "previous_msgctxt": None,
        "previous_msgid_plural": None,
    }


@dataclass
class BatchResult:
    approved: list[str] = field(default_factory=list)  # unit ids
    revoked: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (unit id, why)


def approve_units(session: ReviewSession, units: tuple[str, ...]) -> BatchResult:
    """Approve the given units, or every waiting unit free of check errors (``units`` empty)."""
    result = BatchResult()
    by_id = {item.unit_id: item for item in session.items}
    known = set(unit_ids(session.document.units))
    for unit in units:
        if unit not in known:
            raise UsageError(
                f"no unit {unit!r} in {session.source.path}", hint="see transflow status DOC -l LANG"
            )
    chosen = [by_id[unit] for unit in units if unit in by_id] if units else session.items
    for unit in units:
        if unit not in by_id:
            result.skipped.append((unit, "not waiting: untranslated, or already approved"))
    for item in chosen:
        why = item.why_not_in_bulk() if not units else None
        if why is not None:
            result.skipped.append((item.unit_id, why))
            continue
        session.approve(item)
        result.approved.append(item.unit_id)
    return result


def revoke_units(session: ReviewSession, units: tuple[str, ...]) -> BatchResult:
    """Withdraw the approvals of the given units (all of the document's when none is given)."""
    records = read_review(session.config, session.language, session.source)
    revoked = sorted(r.unit for r in records if r.verdict == "approved" and (not units or r.unit in units))
    write_review(session.config, session.language, session.source, revoke(records, units or None))
    return BatchResult(revoked=revoked)
