"""The PO model: plain entries and catalogs, with every comment kind gettext knows."""

from __future__ import annotations

import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


class _SharedEmptyList(list[str]):
    """The one empty list that every entry without such lines holds (a large catalog would
    otherwise carry four empty containers per entry). Entries' lists are typed as read-only
    sequences (``Sequence[str]``), so that the type checker refuses ``entry.flags.append``;
    at run time this one refuses to be filled too, as filling it would fill them all: give
    the entry a new list instead (``entry.evolve(flags=[*entry.flags, "fuzzy"])``). It is a
    list, not a tuple, so that an entry read from a file equals one built with ``[]``."""

    __slots__ = ()

    # it never changes, so it may be a dataclass's plain default
    def __hash__(self) -> int:  # type: ignore[override]
        return hash(())


class _SharedEmptyDict(dict[int, str]):
    """The one empty ``msgstr_plural`` of singular entries (typed ``Mapping``; refuses too)."""

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(())


def _refuse(self: object, *args: object, **kwargs: object) -> None:
    raise TypeError("this empty list or dict is shared by every PoEntry without one: assign a new one")


for _name in (
    "append",
    "extend",
    "insert",
    "remove",
    "pop",
    "clear",
    "sort",
    "reverse",
    "__setitem__",
    "__delitem__",
    "__iadd__",
    "__imul__",
):
    setattr(_SharedEmptyList, _name, _refuse)
for _name in ("__setitem__", "__delitem__", "update", "setdefault", "pop", "popitem", "clear", "__ior__"):
    setattr(_SharedEmptyDict, _name, _refuse)
NO_LINES: Sequence[str] = _SharedEmptyList()
NO_PLURALS: Mapping[int, str] = _SharedEmptyDict()


# msgid alone (no msgctxt), or (msgctxt, msgid): see PoEntry.key
EntryKey = str | tuple[str, str]


@dataclass(slots=True)
class PoEntry:
    """One message of a catalog, with every comment kind gettext knows."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    # read-only: an entry is changed by giving it new containers (see NO_LINES)
    # plain defaults, not factories: five factory calls were a third of an entry's making
    msgstr_plural: Mapping[int, str] = NO_PLURALS
    translator_comments: Sequence[str] = NO_LINES
    extracted_comments: Sequence[str] = NO_LINES
    references: Sequence[str] = NO_LINES
    flags: Sequence[str] = NO_LINES
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False

    def evolve(self, **changes: Any) -> PoEntry:
        """A copy with ``changes``: ``dataclasses.replace`` without its walk over every
        field (a merge copies every entry of a catalog: each field by name takes half the
        time of a loop over them). Lists are shared, as there. A name that is no field
        raises AttributeError (the class has slots, no instance dict)."""
        copy = object.__new__(PoEntry)
        copy.msgid = self.msgid
        copy.msgstr = self.msgstr
        copy.msgctxt = self.msgctxt
        copy.msgid_plural = self.msgid_plural
        copy.msgstr_plural = self.msgstr_plural
        copy.translator_comments = self.translator_comments
        copy.extracted_comments = self.extracted_comments
        copy.references = self.references
        copy.flags = self.flags
        copy.previous_msgctxt = self.previous_msgctxt
        copy.previous_msgid = self.previous_msgid
        copy.previous_msgid_plural = self.previous_msgid_plural
        copy.obsolete = self.obsolete
        for name, value in changes.items():
            setattr(copy, name, value)
        return copy

    @property
    def key(self) -> EntryKey:
        """What makes an entry one of a kind in a catalog (msgctxt and msgid): the msgid
        alone when there is no context, so that no new object is made per entry."""
        return self.msgid if self.msgctxt is None else (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def filled(self) -> bool:
        """The msgstr (of a plural entry, its first form) is not empty: what gettext looks
        at to call an entry translated (msgfmt --statistics) or to keep "fuzzy" on it."""
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and self.msgstr_plural[min(self.msgstr_plural)] != ""
        return self.msgstr != ""

    @property
    def translated(self) -> bool:
        """Translated in msgfmt's sense: live, not fuzzy, filled."""
        return not (self.fuzzy or self.obsolete) and self.filled

    @property
    def has_translation(self) -> bool:
        """Any translated text at all (any plural form): what must never be dropped."""
        if self.msgid_plural is not None:
            return any(self.msgstr_plural.values())
        return self.msgstr != ""


@dataclass
class PoFile:
    """A catalog: the header entry (msgid "") first, then the messages."""

    header: PoEntry
    entries: list[PoEntry]
    # When every entry was read whole from a text: that text's length, then where each entry
    # (the header first, if the text has one) starts and ends in it, two numbers per entry.
    # Writing over that text reuses those spans as they stand, with no second reading.
    spans: tuple[int, array.array[int]] | None = field(default=None, compare=False, repr=False)

    def header_fields(self) -> dict[str, str]:
        fields: dict[str, str] = {}
        for line in self.header.msgstr.split("\n"):
            name, sep, value = line.partition(":")
            if sep:
                fields[name.strip()] = value.strip()
        return fields


# the header fields msgmerge copies from the template into each PO: kept in step, so that a
# translator's or a platform's msgmerge finds nothing to change
MSGMERGE_FIELDS = ("Report-Msgid-Bugs-To", "POT-Creation-Date")


def msgmerge_fields(po: PoFile) -> tuple[str | None, ...]:
    if not po.header.msgstr:
        return ()
    fields = po.header_fields()
    return tuple(fields.get(name) for name in MSGMERGE_FIELDS)


def header_msgstr(fields: list[tuple[str, str]]) -> str:
    return "".join(f"{name}: {value}\n" for name, value in fields)


def written_order(po: PoFile) -> list[PoEntry]:
    """The header, then the entries in the order format_po writes them (what it leaves out,
    left out): one list, built in place."""
    ordered = [po.header]
    ordered.extend(entry for entry in po.entries if not entry.obsolete)
    ordered.extend(e for e in po.entries if e.obsolete and (e.has_translation or e.translator_comments))
    return ordered
