"""From documents to catalogs: template entries, headers, and merging into a language's PO.

Pure functions: documents and parsed PO files in, PO files out. Nothing a translator
typed is dropped: translations, comments and flags travel with their msgid, entries
whose unit left the source become obsolete, and obsolete entries come back to life when
their text returns.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from . import __version__
from .formats.placeholders import explain
from .match import Pairing, changed_figures, pair_edits, trivial, whitespace_only
from .memory import Memory, Recall
from .model import Document, unit_ids
from .po import EntryKey, PoEntry, PoFile, header_msgstr

DATE_FIELD = "POT-Creation-Date"


class HeaderLanguage(Protocol):
    """What a PO header says about its language (``languages.LanguageFacts`` looks it up lazily)."""

    @property
    def code(self) -> str: ...
    @property
    def english_name(self) -> str: ...
    @property
    def plural_forms(self) -> str: ...


@dataclass(frozen=True)
class LanguageInfo:
    """Header facts given outright (tests, benchmarks)."""

    code: str
    english_name: str
    plural_forms: str


MergeKind = Literal["kept", "new", "revived", "carried", "fuzzy", "memory", "memory-fuzzy", "obsoleted"]


@dataclass(frozen=True, slots=True)
class MergeEvent:
    """What happened to one unit (or one old entry) in a merge."""

    kind: MergeKind
    msgid: str
    previous: str | None = None  # the old text a translation came from
    note: str | None = None  # e.g. figures that changed, or where a memory hit came from


@dataclass(frozen=True)
class MergeResult:
    """A merged PO and what the merge did: an event for every unit but the ones kept as they
    were, which are only counted (most of a large catalog: an event each would be held for
    nothing)."""

    po: PoFile
    events: tuple[MergeEvent, ...]
    kept: int = 0

    def count(self, kind: MergeKind) -> int:
        if kind == "kept":
            return self.kept
        return sum(1 for event in self.events if event.kind == kind)


@dataclass(frozen=True)
class MergeOptions:
    keep_trivial: bool = False  # carry trivially edited units over without fuzzy
    memory: Memory | None = None
    origin: str | None = None  # this PO file as the memory names it


# the places a location comment names after the first ("; also ..."); the references list them all
ALSO_PLACES = 10


def template_entries(document: Document) -> list[PoEntry]:
    """One entry per distinct unit text, in document order, with every reference."""
    entries: dict[str, PoEntry] = {}
    references: dict[str, list[str]] = {}  # msgid -> every place, the entry's own list
    also: dict[str, list[str]] = {}  # msgid -> the later places, joined once at the end
    for unit, unit_id in zip(document.units, unit_ids(document.units), strict=True):
        reference = f"{document.path}:{unit_id}"
        places = references.get(unit.msgid)
        if places is None:
            # what <1/> and <2>...</2> stand for, one line each, after the place
            explained = explain(unit.placeholders) if unit.placeholders else []
            # the location comment interned: the old PO's entry reads the same one
            place = sys.intern(unit.context)
            references[unit.msgid] = places = [reference]
            entries[unit.msgid] = PoEntry(
                msgid=unit.msgid, references=places, extracted_comments=[place, *explained]
            )
        else:
            places.append(reference)
            also.setdefault(unit.msgid, []).append(unit.context)
    for msgid, places in also.items():
        entry = entries[msgid]
        named = "".join(f"; also {place}" for place in places[:ALSO_PLACES])
        more = len(places) - ALSO_PLACES
        first, *explained = entry.extracted_comments
        entries[msgid] = entry.evolve(
            extracted_comments=[first + named + (f"; and {more} more" if more > 0 else ""), *explained]
        )
    return list(entries.values())


GENERATOR = f"transflow {__version__}"
# xgettext's placeholders: msginit, Poedit and Weblate recognise them and fill them in
PLACEHOLDER_DATE = "YEAR-MO-DA HO:MI+ZONE"
PLACEHOLDER_TRANSLATOR = "FULL NAME <EMAIL@ADDRESS>"
PLACEHOLDER_TEAM = "LANGUAGE <LL@li.org>"


def template_header(document: Document, project: str, date: str, *, bugs_to: str = "") -> PoEntry:
    """The header as xgettext writes a template's: fuzzy, with placeholders for the translator."""
    fields = [
        ("Project-Id-Version", project),
        ("Report-Msgid-Bugs-To", bugs_to),
        (DATE_FIELD, date),
        ("PO-Revision-Date", PLACEHOLDER_DATE),
        ("Last-Translator", PLACEHOLDER_TRANSLATOR),
        ("Language-Team", PLACEHOLDER_TEAM),
        ("Language", ""),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("X-Generator", GENERATOR),
    ]
    return PoEntry(
        msgid="",
        msgstr=header_msgstr(fields),
        translator_comments=[
            f"Translation template for {document.path} ({project}).",
            "Generated by transflow from the source text: edit the source, not this file.",
        ],
        flags=["fuzzy"],
    )


def build_template(document: Document, project: str, date: str, *, bugs_to: str = "") -> PoFile:
    return PoFile(template_header(document, project, date, bugs_to=bugs_to), template_entries(document))


def language_header(
    template: PoFile,
    existing: PoFile | None,
    language: HeaderLanguage,
    document_path: str,
    team: str | None = None,
) -> PoEntry:
    """The PO header: template fields refreshed, the translators' own fields kept; ``team``
    (the config's [teams]) names the Language-Team, else the file's own, else the language."""
    template_fields = template.header_fields()
    old_fields = {
        name: value
        for name, value in (existing.header_fields() if existing else {}).items()
        if value not in (PLACEHOLDER_DATE, PLACEHOLDER_TRANSLATOR, PLACEHOLDER_TEAM)
    }
    date = template_fields.get(DATE_FIELD, "")
    ours = {
        "Project-Id-Version": template_fields.get("Project-Id-Version", ""),
        "Report-Msgid-Bugs-To": template_fields.get("Report-Msgid-Bugs-To", ""),
        DATE_FIELD: date,
        "PO-Revision-Date": old_fields.get("PO-Revision-Date", date),
        "Last-Translator": old_fields.get("Last-Translator", ""),
        # not .get(name, default): name and plural forms are looked up only when missing
        "Language-Team": team
        or (old_fields["Language-Team"] if "Language-Team" in old_fields else language.english_name),  # noqa: SIM401
        "Language": language.code,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": (
            old_fields["Plural-Forms"] if "Plural-Forms" in old_fields else language.plural_forms  # noqa: SIM401
        ),
        "X-Generator": GENERATOR,
    }
    extra = [(name, value) for name, value in old_fields.items() if name not in ours]
    comments = (
        existing.header.translator_comments
        if existing and existing.header.translator_comments
        else [f"{language.english_name} translation of {document_path}."]
    )
    # a PO made from the template is no longer a fuzzy draft (as msginit makes it)
    flags = [flag for flag in existing.header.flags if flag != "fuzzy"] if existing else []
    return PoEntry(
        msgid="",
        msgstr=header_msgstr([*ours.items(), *extra]),
        translator_comments=list(comments),
        flags=list(flags),
    )


NOTE_PREFIX = "transflow: "
CHECK_PREFIX = NOTE_PREFIX + "check "


def _own_notes_dropped(entry: PoEntry) -> Sequence[str]:
    """Translator comments without our "check" notes once nobody needs them (not fuzzy)."""
    if not entry.translator_comments or entry.fuzzy:
        return entry.translator_comments  # shared, as entries share their lists (never filled in place)
    return [line for line in entry.translator_comments if not line.startswith(CHECK_PREFIX)]


def merge(
    template: PoFile, existing: PoFile | None, header: PoEntry, options: MergeOptions | None = None
) -> MergeResult:
    r"""Bring ``existing`` in line with ``template``; keep every translation.

    An entry kept empty is filled with the memory's exact translation when it has one (a
    sentence translated meanwhile in another document). For a unit without an exact
    entry, in order: the memory's exact translation, the old
    unit it was edited from (carried over if only spacing changed, or trivially with
    ``keep_trivial``, else fuzzy with the previous msgid), a near memory hit (fuzzy), or
    nothing: a wrong pre-fill is worse than none.

    A worked merge: the source's date changed, one sentence stayed, one left.

    >>> from transflow.po import format_po, parse_po
    >>> template = parse_po(
    ...     'msgid ""\nmsgstr ""\n\n'
    ...     '#: a.txt:1\nmsgid "The strike begins on 14 May."\nmsgstr ""\n\n'
    ...     '#: a.txt:2\nmsgid "Join us."\nmsgstr ""\n'
    ... )
    >>> existing = parse_po(
    ...     'msgid ""\nmsgstr "Language: fr\\n"\n\n'
    ...     '#: a.txt:1\nmsgid "The strike begins on 12 May."\nmsgstr "La grève commence le 12 mai."\n\n'
    ...     '#: a.txt:2\nmsgid "Join us."\nmsgstr "Rejoignez-nous."\n\n'
    ...     '#: a.txt:3\nmsgid "Thank you."\nmsgstr "Merci."\n'
    ... )
    >>> result = merge(template, existing, existing.header)
    >>> [(event.kind, event.msgid, event.note) for event in result.events]
    [('fuzzy', 'The strike begins on 14 May.', '12 -> 14'), ('obsoleted', 'Thank you.', None)]
    >>> result.kept  # "Join us." as it was: counted, no event
    1
    >>> print(format_po(result.po), end="")
    msgid ""
    msgstr "Language: fr\n"
    <BLANKLINE>
    # transflow: check figures: 12 -> 14
    #: a.txt:1
    #, fuzzy
    #| msgid "The strike begins on 12 May."
    msgid "The strike begins on 14 May."
    msgstr "La grève commence le 12 mai."
    <BLANKLINE>
    #: a.txt:2
    msgid "Join us."
    msgstr "Rejoignez-nous."
    <BLANKLINE>
    #: a.txt:3
    #~ msgid "Thank you."
    #~ msgstr "Merci."
    """
    options = options or MergeOptions()
    old_entries = existing.entries if existing else []
    live = {entry.key: entry for entry in old_entries if not entry.obsolete}
    obsolete = {entry.key: entry for entry in old_entries if entry.obsolete}
    pairings = {
        pairing.new: pairing
        for pairing in pair_edits(
            [
                entry.msgid
                for entry in old_entries
                if not entry.obsolete and entry.msgctxt is None and entry.has_translation
            ],
            [entry.msgid for entry in template.entries],
        )
    }
    merged: list[PoEntry] = []
    events: list[MergeEvent] = []
    kept = 0
    consumed: set[EntryKey] = set()
    for new in template.entries:
        key = new.key
        old = live.get(key)
        if old is not None:
            consumed.add(key)
            recall = _recalled(old, options.memory)
            if recall is not None:  # an entry nobody translated yet, that the memory knows exactly
                comments = [*_own_notes_dropped(old), _memory_note(recall)]
                merged.append(_placed(old, new, msgstr=recall.translation, translator_comments=comments))
                events.append(MergeEvent("memory", new.msgid, note=recall.origin))
                continue
            merged.append(_placed(old, new, translator_comments=_own_notes_dropped(old), obsolete=False))
            kept += 1
            continue
        if key in obsolete:
            old = obsolete.pop(key)
            merged.append(_placed(old, new, translator_comments=_own_notes_dropped(old), obsolete=False))
            events.append(MergeEvent("revived", new.msgid))
            continue
        entry, event = _fill(new, live, pairings.get(new.msgid), options)
        if event.previous is not None and event.kind in ("carried", "fuzzy"):
            consumed.add(event.previous)  # the key of an entry without context: its msgid
        merged.append(_placed(entry, new))
        events.append(event)
    for key, old in live.items():
        # An entry nobody translated holds nothing to keep (gettext drops it too).
        if key not in consumed and old.has_translation:
            merged.append(old.evolve(obsolete=True))
            events.append(MergeEvent("obsoleted", old.msgid))
    merged.extend(obsolete.values())
    return MergeResult(PoFile(header, merged), tuple(events), kept)


def _recalled(old: PoEntry, memory: Memory | None) -> Recall | None:
    """The memory's exact translation for an untranslated entry (empty, not fuzzy),
    whatever document the memory learnt it from."""
    if memory is None or old.msgstr or old.fuzzy or old.msgid_plural is not None:
        return None
    return memory.exact(old.msgid)


def _memory_note(recall: Recall) -> str:
    return f"{NOTE_PREFIX}translation from memory ({recall.origin})"


def _placed(entry: PoEntry, template_entry: PoEntry, **changes: Any) -> PoEntry:
    """``entry`` with ``changes`` and the references and context of the template's entry."""
    return entry.evolve(
        references=template_entry.references,  # shared: entries' lists are never filled in place
        extracted_comments=template_entry.extracted_comments,
        **changes,
    )


def _fill(
    new: PoEntry, live: dict[EntryKey, PoEntry], pairing: Pairing | None, options: MergeOptions
) -> tuple[PoEntry, MergeEvent]:
    """The entry for a unit with no exact counterpart, and what was done."""
    memory = options.memory
    recall = memory.exact(new.msgid) if memory is not None else None
    if recall is not None:
        entry = new.evolve(msgstr=recall.translation, translator_comments=[_memory_note(recall)])
        return entry, MergeEvent("memory", new.msgid, note=recall.origin)
    old = live.get(pairing.old) if pairing is not None else None
    if old is not None:
        comments = _own_notes_dropped(old.evolve(flags=[]))
        if whitespace_only(old.msgid, new.msgid) or (options.keep_trivial and trivial(old.msgid, new.msgid)):
            entry = new.evolve(msgstr=old.msgstr, flags=list(old.flags), translator_comments=comments)
            return entry, MergeEvent("carried", new.msgid, previous=old.msgid)
        changed = changed_figures(old.msgid, new.msgid)
        if changed:
            comments = [*comments, f"{CHECK_PREFIX}figures: {changed}"]
        flags = ["fuzzy", *(flag for flag in old.flags if flag != "fuzzy")]
        entry = new.evolve(
            msgstr=old.msgstr, flags=flags, previous_msgid=old.msgid, translator_comments=comments
        )
        return entry, MergeEvent("fuzzy", new.msgid, previous=old.msgid, note=changed)
    recall = memory.near(new.msgid, besides=options.origin) if memory is not None else None
    if recall is not None:
        comments = [f"{CHECK_PREFIX}suggestion from memory ({recall.origin}, {recall.score:.0f}%)"]
        changed = changed_figures(recall.source, new.msgid)
        if changed:
            comments = [*comments, f"{CHECK_PREFIX}figures: {changed}"]
        previous = recall.source if recall.source != new.msgid else None  # an aligned suggestion
        entry = new.evolve(
            msgstr=recall.translation,
            flags=["fuzzy"],
            previous_msgid=previous,
            translator_comments=comments,
        )
        return entry, MergeEvent("memory-fuzzy", new.msgid, previous=previous, note=changed)
    return new.evolve(), MergeEvent("new", new.msgid)
