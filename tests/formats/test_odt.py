"""OpenDocument text (.odt, .fodt): the same promise as for Word documents."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from transflow.assemble import render
from transflow.cli import main
from transflow.errors import SourceError
from transflow.formats import Segmentation, encode, parse_document

from .test_docx import ARABIC, FRENCH, GOLDEN, GREEK

ENV = {"COLUMNS": "100", "NO_COLOR": "1"}


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, list(args), env=ENV)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("name", ["statement.odt", "statement.fodt"])
def test_the_same_statement_gives_the_same_units_as_its_word_version(name: str) -> None:
    document = parse_document((GOLDEN / name).read_bytes(), name, Segmentation())
    word = parse_document((GOLDEN / "statement.docx").read_bytes(), "statement.docx", Segmentation())
    assert sorted(unit.msgid for unit in document.units) == sorted(unit.msgid for unit in word.units)
    kinds = {unit.msgid: unit.context for unit in document.units}
    assert kinds["The union was founded in 1920."] == "footnote 1"
    assert kinds["Press office of the union"] == "header 1" and kinds["Port"] == "table cell 1"
    link = next(unit for unit in document.units if unit.msgid.startswith("Read our"))
    assert link.placeholders[0][0].startswith(
        '<text:a xlink:type="simple" xlink:href="https://example.org/proposals"'
    )


@pytest.mark.parametrize("name", ["statement.odt", "statement.fodt"])
def test_an_untranslated_build_is_the_source_byte_for_byte(name: str) -> None:
    raw = (GOLDEN / name).read_bytes()
    document = parse_document(raw, name, Segmentation())
    assert encode(document, render(document, [None] * len(document.units)), raw) == raw


def _built(make_project: Callable[..., Path], runner: CliRunner) -> Path:
    root = make_project(
        {
            "statement.odt": (GOLDEN / "statement.odt").read_bytes(),
            "flat.fodt": (GOLDEN / "statement.fodt").read_bytes(),
        },
        languages=("fr", "el", "ar"),
    )
    assert invoke(runner, "update")[0] == 0
    for language, table in (("fr", FRENCH), ("el", GREEK), ("ar", ARABIC)):
        for po_file in (root / "locales" / language).glob("*.po"):
            po = polib.pofile(str(po_file))
            for entry in po:
                entry.msgstr = table.get(entry.msgid, entry.msgstr)
            po.save()
    code, out, err = invoke(runner, "build")
    assert code == 0 and "6 output(s) written" in out, out + err
    return root


def test_a_translated_odt_changes_its_text_parts_only(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = _built(make_project, runner)
    source = zipfile.ZipFile(GOLDEN / "statement.odt")
    built = zipfile.ZipFile(root / "build" / "fr" / "statement.odt")
    assert built.namelist() == source.namelist() and built.namelist()[0] == "mimetype"
    assert built.getinfo("mimetype").compress_type == zipfile.ZIP_STORED  # as ODF requires
    changed = {name for name in built.namelist() if built.read(name) != source.read(name)}
    assert changed == {"content.xml", "styles.xml", "meta.xml"}
    content = built.read("content.xml").decode("utf-8")
    assert "Le syndicat a été fondé en 1920." in content  # the footnote, inside its paragraph's note
    assert "et le syndicat &amp; ses membres." in content
    assert '<text:span text:style-name="Strong">Nikos Papadopoulos</text:span>' in content
    styles = built.read("styles.xml").decode("utf-8")
    assert 'fo:language="fr"' in styles and "Bureau de presse du syndicat" in styles
    arabic = zipfile.ZipFile(root / "build" / "ar" / "statement.odt").read("styles.xml").decode("utf-8")
    assert 'style:writing-mode="rl-tb"' in arabic and 'style:language-complex="ar"' in arabic
    flat = (root / "build" / "el" / "flat.fodt").read_text(encoding="utf-8")
    assert "Το συνδικάτο ιδρύθηκε το 1920." in flat and "Πειραιάς" in flat


def test_spaces_odf_would_collapse_are_written_as_text_s() -> None:
    from transflow.formats.odt import _escaped

    assert _escaped("a  b   c") == 'a <text:s text:c="1"/>b <text:s text:c="2"/>c'
    assert _escaped(" lead & end") == '<text:s text:c="1"/>lead &amp; end'


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)",
)
def test_libreoffice_opens_the_built_documents(
    make_project: Callable[..., Path], runner: CliRunner, tmp_path: Path
) -> None:
    root = _built(make_project, runner)
    for language, table in (("fr", FRENCH), ("ar", ARABIC)):
        for name in ("statement.odt", "flat.fodt"):
            subprocess.run(
                ["soffice", "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path / language),
                 str(root / "build" / language / name)],
                check=True, capture_output=True, timeout=180,
            )  # fmt: skip
            text = (tmp_path / language / (Path(name).stem + ".txt")).read_text(encoding="utf-8-sig")
            assert table["The workers will not pay for the crisis."] in text
            assert (
                table["Read our <1>proposals for the port</1> today."].replace("<1>", "").replace("</1>", "")
                in text
            )


def test_a_zip_that_is_not_opendocument_is_refused() -> None:
    with pytest.raises(SourceError, match="not an OpenDocument text"):
        parse_document((GOLDEN / "statement.docx").read_bytes(), "wrong.odt", Segmentation())
