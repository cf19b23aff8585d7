"""Templates from documents and merges that never lose a translation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from transflow.catalog import LanguageInfo, build_template, language_header, merge
from transflow.formats import Segmentation, parse_document
from transflow.po import PoEntry, PoFile

FRENCH = LanguageInfo("fr", "French", "nplurals=2; plural=(n > 1);")


def template_of(text: str) -> PoFile:
    document = parse_document(text.encode("utf-8"), "2015/statement.txt", Segmentation())
    return build_template(document, "test", "2026-01-01 00:00+0000")


def test_repeated_units_share_one_entry_with_all_references() -> None:
    template = template_of("Hands off!\n\nSome text here. Hands off!\n\nHands off!\n")
    entry = next(entry for entry in template.entries if entry.msgid == "Hands off!")
    assert [e.msgid for e in template.entries].count("Hands off!") == 1
    first = entry.references[0]
    assert re.fullmatch(r"2015/statement\.txt:u[0-9a-f]{8}", first)
    assert entry.references == [first, first + ".2", first + ".3"]
    assert entry.extracted_comments == ["paragraph 1; also paragraph 2, sentence 2 of 2; also paragraph 3"]


def test_merge_keeps_translations_obsoletes_and_revives() -> None:
    old = template_of("One. Two. Three.")
    old.entries[0].msgstr = "Un."
    old.entries[0].translator_comments = ["checked by Claire"]
    old.entries[1].msgstr = "Deux."
    old.entries[1].flags = ["fuzzy"]
    gone = PoEntry(msgid="Zero.", msgstr="Zéro.", obsolete=True)
    old.entries.append(gone)
    new = template_of("Zero. One. Four.")
    header = language_header(new, old, FRENCH, "2015/statement.txt")
    result = merge(new, old, header)
    by_id = {entry.msgid: entry for entry in result.po.entries}
    assert by_id["One."].msgstr == "Un." and by_id["One."].translator_comments == ["checked by Claire"]
    assert by_id["Zero."].msgstr == "Zéro." and not by_id["Zero."].obsolete
    assert by_id["Two."].obsolete and by_id["Two."].fuzzy and by_id["Two."].msgstr == "Deux."
    assert "Three." not in by_id  # never translated: nothing to keep
    assert by_id["Four."].msgstr == ""
    assert [result.count(kind) for kind in ("kept", "new", "obsoleted", "revived")] == [1, 1, 1, 1]
    assert [entry.msgid for entry in result.po.entries if not entry.obsolete] == ["Zero.", "One.", "Four."]


def test_header_keeps_translator_fields_and_refreshes_ours() -> None:
    template = template_of("One.")
    existing = PoFile(
        PoEntry(
            msgid="",
            msgstr="Language: fr\nLast-Translator: Claire <c@example.org>\nX-Poedit-Basepath: .\n",
            translator_comments=["French team notes"],
        ),
        [],
    )
    header = language_header(template, existing, FRENCH, "2015/statement.txt")
    assert "Last-Translator: Claire <c@example.org>\n" in header.msgstr
    assert "X-Poedit-Basepath: .\n" in header.msgstr
    assert "Plural-Forms: nplurals=2; plural=(n > 1);\n" in header.msgstr
    assert "POT-Creation-Date: 2026-01-01 00:00+0000\n" in header.msgstr
    assert header.translator_comments == ["French team notes"]


def test_references_do_not_shift_when_a_paragraph_is_inserted_above() -> None:
    before = template_of("Title\n\nFirst paragraph. Second sentence.\n\nHands off!\n")
    after = template_of(
        "Title\n\nA new paragraph on top.\n\nFirst paragraph. Second sentence.\n\nHands off!\n"
    )
    old_refs = {entry.msgid: entry.references for entry in before.entries}
    new_refs = {entry.msgid: entry.references for entry in after.entries}
    for msgid, references in old_refs.items():
        assert new_refs[msgid] == references


def test_template_header_is_xgettexts_and_msginit_makes_a_po_from_it(tmp_path: Path) -> None:
    import shutil
    import subprocess

    from transflow.po import format_po, parse_po

    template = build_template(
        parse_document(b"Hands off!", "a.txt", Segmentation()),
        "test",
        "2026-01-01 00:00+0000",
        bugs_to="press@example.org",
    )
    fields = template.header_fields()
    assert template.header.fuzzy
    assert fields["PO-Revision-Date"] == "YEAR-MO-DA HO:MI+ZONE"
    assert fields["Last-Translator"] == "FULL NAME <EMAIL@ADDRESS>"
    assert fields["Language-Team"] == "LANGUAGE <LL@li.org>"
    assert fields["Report-Msgid-Bugs-To"] == "press@example.org"
    assert fields["X-Generator"].startswith("transflow ")
    french = language_header(template, None, FRENCH, "a.txt", team="Équipe FR <fr@example.org>")
    french_fields = PoFile(french, []).header_fields()
    assert not french.fuzzy and french_fields["Language-Team"] == "Équipe FR <fr@example.org>"
    assert (
        french_fields["Last-Translator"] == ""
        and french_fields["PO-Revision-Date"] == "2026-01-01 00:00+0000"
    )
    assert french_fields["Report-Msgid-Bugs-To"] == "press@example.org"
    if shutil.which("msginit") is None:
        pytest.skip("GNU gettext's msginit is not installed")
    pot = tmp_path / "a.pot"
    pot.write_text(format_po(template), encoding="utf-8")
    po = tmp_path / "fr.po"
    subprocess.run(
        ["msginit", "--no-translator", "-l", "fr", "-i", str(pot), "-o", str(po)],
        check=True,
        capture_output=True,
    )
    made = parse_po(po.read_text(encoding="utf-8")).header_fields()
    assert made["Language"] == "fr" and made["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    assert made["Report-Msgid-Bugs-To"] == "press@example.org"
    subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], check=True)
