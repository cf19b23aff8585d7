"""``transflow init`` and ``transflow update`` end to end, through click's runner."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from transflow.cachefile import read_cache
from transflow.cli import main
from transflow.commands.update import _LAYOUT_KIND
from transflow.po import read_po

from ..conftest import gettext_check, needs_gettext

STATEMENT = (
    "Protest at the Embassy\n\nOn 14/12/2015 a delegation of the CC carried out a protest. "
    "It handed over a letter.\n\n\nHands off the communists!\n\n\nThe Press Office"
)


def files_under(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_update_writes_templates_and_po_per_language(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"2015/kazakhstan.txt": STATEMENT})
    result = runner.invoke(main, ["update"])
    assert result.exit_code == 0, result.output
    assert sorted(files_under(root / "locales")) == [
        "el/2015/kazakhstan.po",
        "fr/2015/kazakhstan.po",
        "templates/2015/kazakhstan.pot",
    ]
    po = read_po(root / "locales" / "el" / "2015" / "kazakhstan.po")
    fields = po.header_fields()
    assert fields["Language"] == "el"
    assert fields["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["Project-Id-Version"] == "test"
    assert fields["Language-Team"] == "Greek"
    assert [entry.msgid for entry in po.entries] == [
        "Protest at the Embassy",
        "On 14/12/2015 a delegation of the CC carried out a protest.",
        "It handed over a letter.",
        "Hands off the communists!",
        "The Press Office",
    ]
    assert re.fullmatch(r"2015/kazakhstan\.txt:u[0-9a-f]{8}", po.entries[1].references[0])
    assert po.entries[1].extracted_comments == ["paragraph 2, sentence 1 of 2"]


def test_rerun_with_unchanged_sources_touches_nothing(
    make_project: Callable[..., Path], runner: CliRunner, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    root = make_project({"a.txt": STATEMENT, "deep/er/b.txt": "One line.\n"})
    assert runner.invoke(main, ["update"]).exit_code == 0
    before = files_under(root / "locales")
    stamps = {p: p.stat().st_mtime_ns for p in (root / "locales").rglob("*.po*")}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # a later clock must not churn dates
    assert runner.invoke(main, ["update"]).exit_code == 0
    assert files_under(root / "locales") == before
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps


def test_update_merges_and_keeps_translations(make_project: Callable[..., Path], runner: CliRunner) -> None:
    root = make_project({"a.txt": STATEMENT})
    runner.invoke(main, ["update"])
    po_file = root / "locales" / "fr" / "a.po"
    text = po_file.read_text(encoding="utf-8")
    text = text.replace(
        'msgid "Hands off the communists!"\nmsgstr ""',
        'msgid "Hands off the communists!"\nmsgstr "Bas les pattes !"',
    )
    text = text.replace(
        'msgid "It handed over a letter."\nmsgstr ""',
        'msgid "It handed over a letter."\nmsgstr "Elle a remis une lettre."',
    )
    po_file.write_text(text, encoding="utf-8")
    source = root / "source_texts" / "a.txt"
    source.write_text(
        STATEMENT.replace("It handed over a letter.", "It handed over a protest letter."), encoding="utf-8"
    )
    result = runner.invoke(main, ["update"])
    assert result.exit_code == 0, result.output
    entries = {(e.msgid, e.obsolete): e for e in read_po(po_file).entries}
    assert entries[("Hands off the communists!", False)].msgstr == "Bas les pattes !"
    edited = entries[("It handed over a protest letter.", False)]
    assert edited.fuzzy and edited.msgstr == "Elle a remis une lettre."
    assert edited.previous_msgid == "It handed over a letter."
    assert ("It handed over a letter.", True) not in entries  # its translation moved, nothing duplicated
    # a deleted paragraph becomes obsolete and comes back when its text does
    source.write_text(STATEMENT.replace("\n\n\nHands off the communists!", ""), encoding="utf-8")
    runner.invoke(main, ["update"])
    gone = {(e.msgid, e.obsolete): e for e in read_po(po_file).entries}
    assert gone[("Hands off the communists!", True)].msgstr == "Bas les pattes !"
    source.write_text(STATEMENT, encoding="utf-8")
    runner.invoke(main, ["update"])
    revived = {(e.msgid, e.obsolete): e for e in read_po(po_file).entries}
    assert revived[("Hands off the communists!", False)].msgstr == "Bas les pattes !"
    assert not revived[("Hands off the communists!", False)].fuzzy


def test_reflow_only_edit_changes_no_po(make_project: Callable[..., Path], runner: CliRunner) -> None:
    root = make_project({"a.txt": STATEMENT})
    runner.invoke(main, ["update"])
    before = files_under(root / "locales")
    source = root / "source_texts" / "a.txt"
    source.write_text(
        STATEMENT.replace("protest. It", "protest.  It").replace("of the CC", "of\nthe  CC"), encoding="utf-8"
    )
    assert runner.invoke(main, ["update"]).exit_code == 0
    assert files_under(root / "locales") == before


@needs_gettext
def test_every_written_file_passes_msgfmt_and_msgcat(
    make_project: Callable[..., Path], runner: CliRunner, seed_bytes: bytes
) -> None:
    root = make_project(
        {
            "seed.txt": seed_bytes,
            "crlf.txt": STATEMENT.replace("\n", "\r\n"),
            "bom.txt": "\ufeff" + STATEMENT,
        },
        languages=("fr", "ar", "ru", "zh_Hans", "el"),
    )
    assert runner.invoke(main, ["update"]).exit_code == 0
    written = sorted((root / "locales").rglob("*.po*"))
    assert len(written) == 18
    for path in written:
        gettext_check(path)


@needs_gettext
def test_sample_project_files_pass_msgfmt_and_msgcat() -> None:
    from ..conftest import REPO

    for path in sorted((REPO / "locales").rglob("*.po*")):
        gettext_check(path)


def test_non_utf8_source_is_reported_and_others_still_processed(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"bad.txt": b"caf\xe9\n", "good.txt": "Fine text.\n"})
    result = runner.invoke(main, ["update"])
    assert result.exit_code == 1
    assert "bad.txt:1: not UTF-8: byte 0xe9 at offset 3" in result.output
    assert "Traceback" not in result.output
    assert (root / "locales" / "fr" / "good.po").exists()
    assert not (root / "locales" / "fr" / "bad.po").exists()


def test_malformed_po_is_skipped_and_named(make_project: Callable[..., Path], runner: CliRunner) -> None:
    root = make_project({"a.txt": STATEMENT, "b.txt": "Other text.\n"})
    runner.invoke(main, ["update"])
    broken = root / "locales" / "fr" / "a.po"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace('msgstr ""\n\n#.', 'msgstr "oops\n\n#.', 1),
        encoding="utf-8",
    )
    damaged = broken.read_bytes()
    (root / "source_texts" / "b.txt").write_text("Other text. More.\n", encoding="utf-8")
    result = runner.invoke(main, ["update"])
    assert result.exit_code == 1
    assert "locales/fr/a.po:" in result.output and "malformed PO" in result.output
    assert broken.read_bytes() == damaged  # left for the user to fix, not overwritten
    assert "More." in (root / "locales" / "fr" / "b.po").read_text(encoding="utf-8")
    assert "More." in (root / "locales" / "el" / "b.po").read_text(encoding="utf-8")


def test_missing_config_is_one_clear_line(tmp_path: Path, runner: CliRunner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["update"])
    assert result.exit_code == 2
    assert (
        "no transflow.toml here or in any parent folder (run 'transflow init' to create one)" in result.output
    )
    assert "Traceback" not in result.output


def test_unknown_language_in_config(make_project: Callable[..., Path], runner: CliRunner) -> None:
    make_project({"a.txt": "x"}, languages=("fr", "qq"))
    result = runner.invoke(main, ["update"])
    assert result.exit_code == 2
    assert "unknown language code 'qq'" in result.output


def test_sources_sharing_a_stem_get_a_catalog_each(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    """The same statement as a.txt and a.md: each its own catalog; one that already had a.po keeps it."""
    root = make_project({"a.txt": "One.\n", "c.txt": "z"})
    assert runner.invoke(main, ["update"]).exit_code == 0
    (root / "source_texts" / "a.md").write_text("Two.\n", encoding="utf-8")
    (root / "source_texts" / "b.txt").write_text("Three.\n", encoding="utf-8")
    (root / "source_texts" / "b.html").write_text("<p>Four.</p>\n", encoding="utf-8")
    result = runner.invoke(main, ["update"])
    assert result.exit_code == 0, result.output
    names = sorted(path.name for path in (root / "locales" / "fr").glob("*.po"))
    assert names == ["a.md.po", "a.po", "b.html.po", "b.txt.po", "c.po"]
    assert polib.pofile(str(root / "locales" / "fr" / "a.po"))[0].msgid == "One."  # the old one kept


def test_unsupported_file_is_reported(make_project: Callable[..., Path], runner: CliRunner) -> None:
    root = make_project({"a.txt": "x", "notes.pages": b"PK"})
    result = runner.invoke(main, ["update"])
    assert result.exit_code == 1
    assert "notes.pages: unsupported file type .pages" in result.output
    assert (root / "locales" / "fr" / "a.po").exists()


def test_dry_run_writes_nothing(make_project: Callable[..., Path], runner: CliRunner) -> None:
    root = make_project({"a.txt": STATEMENT})
    result = runner.invoke(main, ["update", "--dry-run"])
    assert result.exit_code == 0
    assert "dry run" in result.output
    assert not (root / "locales").exists()


def test_writes_are_atomic_no_temp_files_left(make_project: Callable[..., Path], runner: CliRunner) -> None:
    root = make_project({"a.txt": STATEMENT})
    runner.invoke(main, ["update"])
    assert not [name for _, _, names in os.walk(root) for name in names if name.endswith(".tmp")]


def test_layout_cache_changes_nothing_and_survives_damage(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.txt": STATEMENT * 3})
    runner.invoke(main, ["update"])
    cache = root / ".transflow" / "po-layouts.json"
    assert cache.exists()
    written = files_under(root / "locales")
    for name in list(written):
        (root / "locales" / name).unlink()
    assert runner.invoke(main, ["update"]).exit_code == 0  # laid out from the cache
    assert files_under(root / "locales") == written
    cache.write_bytes(b"\x00 not a cache")
    for name in list(written):
        (root / "locales" / name).unlink()
    assert runner.invoke(main, ["update"]).exit_code == 0
    assert files_under(root / "locales") == written


def test_the_layout_cache_keeps_every_source_string_through_later_updates(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    """Once every PO exists, update keeps the templates' layouts before merging (and lets
    them go); a run with nothing to do leaves the cache as it is."""
    root = make_project({"a.txt": STATEMENT * 3})
    assert runner.invoke(main, ["update"]).exit_code == 0
    cache = root / ".transflow" / "po-layouts.json"

    def cached_msgids() -> set[str]:
        layouts = read_cache(cache, _LAYOUT_KIND)
        assert isinstance(layouts, list)
        return {item[1] for item in layouts if item[0] == "msgid"}

    msgids = {entry.msgid for entry in read_po(root / "locales" / "templates" / "a.pot").entries}
    assert cached_msgids() >= msgids
    source = root / "source_texts" / "a.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\n\nOne more sentence.\n", encoding="utf-8")
    assert runner.invoke(main, ["update"]).exit_code == 0  # every PO exists: kept early
    assert cached_msgids() >= msgids | {"One more sentence."}
    before = cache.read_bytes()
    assert runner.invoke(main, ["update"]).exit_code == 0  # nothing to do
    assert cache.read_bytes() == before


def test_written_files_get_ordinary_permissions(make_project: Callable[..., Path], runner: CliRunner) -> None:
    root = make_project({"a.txt": STATEMENT})
    umask = os.umask(0o022)
    try:
        runner.invoke(main, ["update"])
    finally:
        os.umask(umask)
    po_file = root / "locales" / "fr" / "a.po"
    assert po_file.stat().st_mode & 0o777 == 0o644
    po_file.chmod(0o664)  # a translator's choice survives a rewrite
    (root / "source_texts" / "a.txt").write_text(STATEMENT + "\n\nMore.", encoding="utf-8")
    runner.invoke(main, ["update"])
    assert po_file.stat().st_mode & 0o777 == 0o664


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root writes into read-only folders: cannot test permissions as root"
)
def test_unwritable_locales_are_a_clear_error(make_project: Callable[..., Path], runner: CliRunner) -> None:
    root = make_project({"a.txt": STATEMENT, "b.txt": "Other.\n"}, languages=("fr",))
    runner.invoke(main, ["update"])
    (root / "locales" / "fr").chmod(0o555)
    try:
        (root / "source_texts" / "a.txt").write_text(STATEMENT + "\n\nMore.", encoding="utf-8")
        result = runner.invoke(main, ["update"])
    finally:
        (root / "locales" / "fr").chmod(0o755)
    assert result.exit_code == 1
    assert "locales/fr/a.po: cannot write: Permission denied" in result.output
    assert "Traceback" not in result.output


def test_write_errors_are_transflow_errors(tmp_path: Path) -> None:
    from transflow.atomic import write_if_changed
    from transflow.errors import TransflowError

    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(TransflowError, match="cannot write"):
        write_if_changed(blocker / "inside" / "a.po", "text")  # a file where a folder should be


def test_catalogs_of_a_removed_source_are_kept_and_mentioned(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.txt": STATEMENT, "b.txt": "Other text.\n"})
    runner.invoke(main, ["update"])
    (root / "source_texts" / "b.txt").unlink()
    result = runner.invoke(main, ["update"])
    assert result.exit_code == 0
    assert "locales/templates/b.pot has no source any more" in result.output
    assert (root / "locales" / "fr" / "b.po").exists()


def test_update_json_reports_every_event_for_machines(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:

    root = make_project({"a.txt": STATEMENT, "b.txt": "Other text.\n"}, languages=("fr",))
    first = json.loads(runner.invoke(main, ["update", "--json"]).output)
    assert first["schema"] == "transflow.update/1" and first["dry_run"] is False
    assert first["totals"]["new"] == 6 and first["written"] == 4  # 2 templates, 2 catalogs
    po_file = root / "locales" / "fr" / "a.po"
    translated = po_file.read_text(encoding="utf-8").replace(
        'msgid "It handed over a letter."\nmsgstr ""',
        'msgid "It handed over a letter."\nmsgstr "Elle a remis une lettre."',
    )
    po_file.write_text(
        translated.replace('protest."\nmsgstr ""', 'protest."\nmsgstr "Le 14/12/2015..."'), "utf-8"
    )
    (root / "source_texts" / "a.txt").write_text(
        STATEMENT.replace("On 14/12/2015", "On 15/12/2015").replace("a letter.", "a protest letter."),
        encoding="utf-8",
    )
    (root / "source_texts" / "b.txt").unlink()
    before = files_under(root)
    result = runner.invoke(main, ["update", "--json", "--dry-run"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)  # nothing but JSON on stdout
    assert files_under(root) == before
    assert report["dry_run"] is True and report["written"] == 2
    assert report["orphan_templates"] == ["locales/templates/b.pot"]
    (document,) = report["documents"]
    assert document["document"] == "a.txt" and document["units"] == 5
    (french,) = document["languages"]
    assert french["language"] == "fr" and french["error"] is None and french["written"] is True
    assert french["counts"] == {
        "kept": 3, "new": 0, "carried": 0, "fuzzy": 2, "memory": 0, "memory-fuzzy": 0, "revived": 0, "obsoleted": 0,
    }  # fmt: skip
    date_sentence = "On 15/12/2015 a delegation of the CC carried out a protest."
    assert french["events"] == [
        {"kind": "fuzzy", "msgid": date_sentence, "previous": date_sentence.replace("15/", "14/"),
         "note": "14/12/2015 -> 15/12/2015"},
        {"kind": "fuzzy", "msgid": "It handed over a protest letter.", "previous": "It handed over a letter.",
         "note": None},
    ]  # fmt: skip


def test_a_damaged_or_crlf_template_is_rewritten(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.txt": STATEMENT}, languages=("fr",))
    runner.invoke(main, ["update"])
    pot = root / "locales" / "templates" / "a.pot"
    good = pot.read_bytes()
    for damaged in (good.replace(b"\n", b"\r\n"), good[:40] + b"\xff" + good[40:]):
        pot.write_bytes(damaged)
        result = runner.invoke(main, ["update"])
        assert result.exit_code == 0, result.output
        assert pot.read_bytes() == good
