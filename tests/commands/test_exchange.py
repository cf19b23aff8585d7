"""Kits for agencies and CAT tools (XLIFF 2.1, XLIFF 1.2, PO, CSV), their safe return, and TMX."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from transflow.cli import main
from transflow.kits import KitError, read_returned

from ..conftest import REPO

ENV = {"COLUMNS": "100", "NO_COLOR": "1"}
SCHEMA = REPO.parent / "shared" / "schemas" / "xliff" / "xliff_core_2.0.xsd"
TEXT = "Strike on 14/12/2015.\n\nHands off the unions!\n\nThe workers will not pay.\n"


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, list(args), env=ENV)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(make_project: Callable[..., Path], runner: CliRunner) -> Path:
    root = make_project({"a.txt": TEXT}, languages=("fr",))
    assert invoke(runner, "update")[0] == 0
    po = polib.pofile(str(root / "locales" / "fr" / "a.po"))
    po.find("Hands off the unions!").msgstr = "Bas les pattes devant les syndicats !"
    po.save()
    return root


def test_translate_toolkit_reads_our_xliff_kits(project: Path, runner: CliRunner) -> None:
    xliff2 = pytest.importorskip(
        "translate.storage.xliff2", reason="translate-toolkit (a test extra) reads XLIFF"
    )
    from translate.storage import xliff as xliff1

    assert invoke(runner, "export", "-l", "fr", "--format", "xliff")[0] == 0
    assert invoke(runner, "export", "-l", "fr", "--format", "xliff12", "--only", "open")[0] == 0
    ours = xliff2.Xliff2File.parsefile(str(project / "kits" / "transflow-fr.xlf"))
    assert [unit.source for unit in ours.units] == [
        "Strike on 14/12/2015.",
        "Hands off the unions!",
        "The workers will not pay.",
    ]
    assert ours.units[1].target == "Bas les pattes devant les syndicats !"
    assert all(unit.getid().startswith("u") for unit in ours.units)
    open_only = xliff1.xlifffile.parsefile(str(project / "kits" / "transflow-fr.xliff12.xlf"))
    assert [unit.source for unit in open_only.units] == ["Strike on 14/12/2015.", "The workers will not pay."]


@pytest.mark.skipif(not SCHEMA.exists(), reason=f"the OASIS XLIFF 2 schema is not in shared/ ({SCHEMA})")
def test_xliff21_kit_is_valid_against_the_oasis_schema(project: Path, runner: CliRunner) -> None:
    etree = pytest.importorskip("lxml.etree", reason="lxml validates against XML schemas")
    invoke(runner, "export", "-l", "fr", "--format", "xliff")
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    document = etree.parse(str(project / "kits" / "transflow-fr.xlf"))
    assert schema.validate(document), schema.error_log


@pytest.mark.parametrize("kind", ["xliff", "xliff12", "po", "csv"])
def test_a_kit_comes_back_and_is_merged_only_where_safe(kind: str, project: Path, runner: CliRunner) -> None:
    assert invoke(runner, "export", "-l", "fr", "--format", kind, "--only", "open")[0] == 0
    kit = next(path for path in (project / "kits").rglob("*") if path.is_file())
    answers = {
        "Strike on 14/12/2015.": "Grève le 14/12/2015.",
        "The workers will not pay.": "Les travailleurs ne paieront pas.",
    }
    _fill(kit, kind, answers)
    po_file = project / "locales" / "fr" / "a.po"
    before = po_file.read_bytes()
    code, out, _ = invoke(runner, "import", str(kit), "-l", "fr", "--dry-run")
    assert code == 0 and "2 applied" in out and po_file.read_bytes() == before
    # meanwhile a translator changes one of them in the PO: that one is a conflict
    po = polib.pofile(str(po_file))
    po.find("The workers will not pay.").msgstr = "Ils ne paieront pas."
    po.save()
    code, out, _ = invoke(runner, "import", str(kit), "-l", "fr")
    assert code == 1 and "1 applied" in out and "1 conflict" in out
    entries = {entry.msgid: entry for entry in polib.pofile(str(po_file))}
    assert entries["Strike on 14/12/2015."].msgstr == "Grève le 14/12/2015."
    assert entries["The workers will not pay."].msgstr == "Ils ne paieront pas."  # never overwritten
    assert invoke(runner, "import", str(kit), "-l", "fr")[2] == ""  # again: unchanged and the conflict


def _fill(kit: Path, kind: str, answers: dict[str, str]) -> None:
    """As the agency's tool would fill the kit."""
    if kind == "po":
        po = polib.pofile(str(kit))
        for entry in po:
            entry.msgstr = answers.get(entry.msgid, entry.msgstr)
        po.save()
    elif kind == "csv":
        rows = list(csv.DictReader(io.StringIO(kit.read_text(encoding="utf-8"))))
        for row in rows:
            row["target"] = answers.get(row["source"], row["target"])
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        kit.write_text(out.getvalue(), encoding="utf-8")
    else:
        pytest.importorskip("translate.storage.xliff2", reason="translate-toolkit (a test extra) edits XLIFF")
        from translate.storage import xliff as xliff1
        from translate.storage import xliff2

        store = (xliff2.Xliff2File if kind == "xliff" else xliff1.xlifffile).parsefile(str(kit))
        for unit in store.units:
            if unit.source in answers:
                unit.target = answers[unit.source]
                if kind == "xliff12":
                    unit.markfuzzy(False)
                    target = unit.xmlelement.find("{urn:oasis:names:tc:xliff:document:1.2}target")
                    assert target is not None
                    target.set("state", "translated")
                else:
                    for segment in unit.xmlelement.iter("{urn:oasis:names:tc:xliff:document:2.0}segment"):
                        segment.set("state", "translated")
        store.savefile(str(kit))


def test_a_unit_whose_source_changed_is_not_applied(project: Path, runner: CliRunner) -> None:
    invoke(runner, "export", "-l", "fr", "--format", "csv")
    kit = project / "kits" / "transflow-fr.csv"
    _fill(kit, "csv", {"The workers will not pay.": "Les travailleurs ne paieront pas."})
    (project / "source_texts" / "a.txt").write_text(
        TEXT.replace("will not pay", "shall not pay"), encoding="utf-8"
    )
    invoke(runner, "update")
    code, out, _ = invoke(runner, "import", str(kit), "-l", "fr", "--json")
    events = json.loads(out)["events"]
    assert code == 1
    changed = [e for e in events if e["outcome"] == "source changed"]
    assert len(changed) == 1 and changed[0]["document"] == "a.txt"
    assert "Les travailleurs" not in (project / "locales" / "fr" / "a.po").read_text(encoding="utf-8")


def test_hostile_xml_is_refused(tmp_path: Path) -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1"><file id="f"><unit id="u">'
        b"<segment><source>&b;</source></segment></unit></file></xliff>"
    )
    with pytest.raises(KitError, match="cannot be read safely"):
        read_returned(bomb, "bomb.xlf")
    external = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xliff>&e;</xliff>'
    )
    with pytest.raises(KitError):
        read_returned(external, "external.xlf")


def test_memory_as_tmx_and_back(
    project: Path, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = invoke(runner, "memory", "export", "-l", "fr", "--tmx", "fr.tmx")
    assert code == 0 and "1 translation unit(s)" in out
    tmx = (project / "fr.tmx").read_text(encoding="utf-8")
    assert '<tmx version="1.4">' in tmx and 'xml:lang="fr"' in tmx and "Bas les pattes" in tmx
    # another project reads it as memory: the exact hit is filled in
    other = tmp_path / "other"
    (other / "source_texts").mkdir(parents=True)
    shutil.copy2(project / "fr.tmx", other / "fr.tmx")
    (other / "source_texts" / "b.txt").write_text("Hands off the unions!\n", encoding="utf-8")
    (other / "transflow.toml").write_text('languages = ["fr"]\nmemory = ["fr.tmx"]\n', encoding="utf-8")
    monkeypatch.chdir(other)
    result = runner.invoke(main, ["update", "--json"], env=ENV)
    assert result.exit_code == 0, result.output
    entries = {entry.msgid: entry for entry in polib.pofile(str(other / "locales" / "fr" / "b.po"))}
    assert entries["Hands off the unions!"].msgstr == "Bas les pattes devant les syndicats !"
    assert json.loads(result.stdout)["totals"]["memory"] == 1


def test_a_returned_translation_with_broken_placeholders_is_not_applied(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project({"a.html": "<p>Read <b>the letter</b> today.</p>\n"}, languages=("fr",))
    invoke(runner, "update")
    invoke(runner, "export", "-l", "fr", "--format", "csv")
    kit = root / "kits" / "transflow-fr.csv"
    rows = list(csv.DictReader(io.StringIO(kit.read_text(encoding="utf-8"))))
    rows[0]["target"] = "Lisez la lettre aujourd'hui."  # the <1>...</1> lost
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    kit.write_text(out.getvalue(), encoding="utf-8")
    before = (root / "locales" / "fr" / "a.po").read_bytes()
    code, text, _ = invoke(runner, "import", str(kit))
    assert code == 1 and "1 broken markup" in text and "applied" not in text
    assert (root / "locales" / "fr" / "a.po").read_bytes() == before


def test_a_conflict_shows_both_sides_and_what_to_do(project: Path, runner: CliRunner) -> None:
    invoke(runner, "export", "-l", "fr", "--format", "csv")
    kit = project / "kits" / "transflow-fr.csv"
    _fill(
        kit,
        "csv",
        {
            "The workers will not pay.": "Les travailleurs ne paieront pas la crise du capital, jamais, en aucun cas."
        },
    )
    po = polib.pofile(str(project / "locales" / "fr" / "a.po"))
    po.find("The workers will not pay.").msgstr = "Ils ne paieront pas."
    po.save()
    code, text, _ = invoke(runner, "import", str(kit))
    flat = " ".join(text.split())
    assert code == 1
    assert (
        "the PO now has 'Ils ne paieront pas.', the kit 'Les travailleurs ne paieront pas la crise du capital,"
        in flat
    )
    assert "…'" in flat and "keep one in the PO" in flat


HTML = (
    '<p>Read <a href="https://kke.gr/x">our <b>proposals</b></a> today. Call <code>press@kke.gr</code>.</p>\n'
)
X2 = "{urn:oasis:names:tc:xliff:document:2.0}"
X1 = "{urn:oasis:names:tc:xliff:document:1.2}"


def _html_project(make_project: Callable[..., Path], runner: CliRunner) -> Path:
    root = make_project({"a.html": HTML}, languages=("fr",))
    assert invoke(runner, "update")[0] == 0
    return root


def test_xliff2_carries_placeholders_as_inline_codes_and_reads_them_back(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = _html_project(make_project, runner)
    assert invoke(runner, "export", "-l", "fr", "--format", "xliff")[0] == 0
    kit = root / "kits" / "transflow-fr.xlf"
    text = kit.read_text(encoding="utf-8")
    assert "&lt;1&gt;" not in text.split("<segment")[1]  # no escaped placeholders in the segments
    assert '<pc id="1" canDelete="no" dataRefStart="d1" dataRefEnd="d1e">our <pc id="2"' in text
    assert '<ph id="1" canDelete="no" dataRef="d1" />' in text
    assert '<data id="d1">&lt;a href="https://kke.gr/x"&gt;</data>' in text  # the markup, for the tool
    assert '<note category="placeholder">&lt;1&gt; = link to https://kke.gr/x</note>' in text
    if SCHEMA.exists():
        etree = pytest.importorskip("lxml.etree", reason="lxml validates against XML schemas")
        schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
        assert schema.validate(etree.parse(str(kit))), schema.error_log
    # a CAT tool translates around the codes and moves them; another splits a pair into <sc>/<ec>
    tree = ElementTree.parse(kit)
    for unit in tree.iter(f"{X2}unit"):
        segment = unit.find(f"{X2}segment")
        assert segment is not None
        source = segment.find(f"{X2}source")
        assert source is not None
        target = ElementTree.SubElement(segment, f"{X2}target")
        segment.set("state", "translated")
        if source.find(f"{X2}ph") is not None:
            target.text = "Appelez "
            ElementTree.SubElement(target, f"{X2}ph", {"id": "1", "dataRef": "d1"}).tail = "."
        else:
            target.text = "Lisez aujourd'hui "
            ElementTree.SubElement(target, f"{X2}sc", {"id": "1", "dataRef": "d1"}).tail = "nos "
            bold = ElementTree.SubElement(target, f"{X2}pc", {"id": "2"})
            bold.text = "propositions"
            ElementTree.SubElement(target, f"{X2}ec", {"startRef": "1"}).tail = "."
    tree.write(kit, encoding="utf-8", xml_declaration=True)
    code, out, _ = invoke(runner, "import", str(kit))
    assert code == 0 and "2 applied" in out, out
    entries = {entry.msgid: entry.msgstr for entry in polib.pofile(str(root / "locales" / "fr" / "a.po"))}
    assert (
        entries["Read <1>our <2>proposals</2></1> today."]
        == "Lisez aujourd'hui <1>nos <2>propositions</2></1>."
    )
    assert entries["Call <1/>."] == "Appelez <1/>."
    assert invoke(runner, "build")[0] == 0
    built = (root / "build" / "fr" / "a.html").read_text(encoding="utf-8")
    assert '<a href="https://kke.gr/x">nos <b>propositions</b></a>.' in built
    assert "Appelez <code>press@kke.gr</code>." in built


def test_xliff12_carries_g_and_x_codes_both_ways(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = _html_project(make_project, runner)
    assert invoke(runner, "export", "-l", "fr", "--format", "xliff12")[0] == 0
    kit = root / "kits" / "transflow-fr.xliff12.xlf"
    text = kit.read_text(encoding="utf-8")
    assert '<source>Read <g id="1">our <g id="2">proposals</g></g> today.</source>' in text
    assert '<source>Call <x id="1" />.</source>' in text
    tree = ElementTree.parse(kit)
    for unit in tree.iter(f"{X1}trans-unit"):
        target = unit.find(f"{X1}target")
        assert target is not None
        target.set("state", "translated")
        if unit.find(f"{X1}source/{X1}x") is not None:
            target.text = "Appelez "
            ElementTree.SubElement(target, f"{X1}x", {"id": "1"}).tail = "."
        else:  # <bx>/<ex> as some tools write a pair they split, and an annotation of their own
            target.text = "Lisez "
            ElementTree.SubElement(target, f"{X1}bx", {"id": "1"}).tail = "nos "
            marked = ElementTree.SubElement(target, f"{X1}mrk", {"mtype": "term"})
            inner = ElementTree.SubElement(marked, f"{X1}g", {"id": "2"})
            inner.text = "propositions"
            ElementTree.SubElement(target, f"{X1}ex", {"id": "9", "rid": "1"}).tail = " aujourd'hui."
    tree.write(kit, encoding="utf-8", xml_declaration=True)
    code, out, _ = invoke(runner, "import", str(kit))
    assert code == 0 and "2 applied" in out, out
    entries = {entry.msgid: entry.msgstr for entry in polib.pofile(str(root / "locales" / "fr" / "a.po"))}
    assert (
        entries["Read <1>our <2>proposals</2></1> today."]
        == "Lisez <1>nos <2>propositions</2></1> aujourd'hui."
    )


def test_a_translation_with_broken_placeholders_goes_out_as_text_never_lost(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = _html_project(make_project, runner)
    po_file = root / "locales" / "fr" / "a.po"
    po = polib.pofile(str(po_file))
    po.find("Read <1>our <2>proposals</2></1> today.").msgstr = "Lisez <1>nos <2>propositions</1></2>."
    po.save()
    invoke(runner, "export", "-l", "fr", "--format", "xliff")
    tree = ElementTree.parse(root / "kits" / "transflow-fr.xlf")
    targets = [target for target in tree.iter(f"{X2}target")]
    assert [target.text for target in targets] == ["Lisez <1>nos <2>propositions</1></2>."]
    assert not list(targets[0])  # no codes made of a broken nesting


def test_tmx_carries_codes_and_leaves_out_translations_with_check_errors(
    make_project: Callable[..., Path], runner: CliRunner, tmp_path: Path
) -> None:
    root = make_project({"a.html": HTML + "<p>Strike on 14/12/2015.</p>\n"}, languages=("fr",))
    invoke(runner, "update")
    po_file = root / "locales" / "fr" / "a.po"
    po = polib.pofile(str(po_file))
    po.find("Read <1>our <2>proposals</2></1> today.").msgstr = "Lisez <1>nos <2>propositions</2></1>."
    po.find("Call <1/>.").msgstr = "Appelez <1/>."
    po.find("Strike on 14/12/2015.").msgstr = "Grève le 15/12/2015."  # a figures error
    po.save()
    code, out, err = invoke(runner, "memory", "export", "-l", "fr", "--tmx", "fr.tmx")
    assert code == 0 and "2 translation unit(s)" in out
    assert "1 translation(s) left out: they have check errors" in err and "transflow check -l fr" in err
    tmx = (root / "fr.tmx").read_text(encoding="utf-8")
    assert "Grève" not in tmx
    assert (
        '<seg>Lisez <bpt i="1" x="1">&lt;1&gt;</bpt>nos <bpt i="2" x="2">&lt;2&gt;</bpt>propositions'
        '<ept i="2">&lt;/2&gt;</ept><ept i="1">&lt;/1&gt;</ept>.</seg>'
    ) in tmx
    assert '<seg>Appelez <ph x="1">&lt;1/&gt;</ph>.</seg>' in tmx
    from transflow.tmx import read_tmx

    back = {entry.msgid: entry.msgstr for entry in read_tmx(tmx.encode(), "fr.tmx", "en", "fr")}
    assert back == {
        "Read <1>our <2>proposals</2></1> today.": "Lisez <1>nos <2>propositions</2></1>.",
        "Call <1/>.": "Appelez <1/>.",
    }
