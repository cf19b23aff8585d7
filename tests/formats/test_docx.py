"""Word documents: paragraphs as units, formatting as placeholders, packages rebuilt losslessly."""

from __future__ import annotations

import io
import json
import re
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
from transflow.formats import Segmentation, encode, parse_document, restore_unit

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "office"
ENV = {"COLUMNS": "100", "NO_COLOR": "1"}
FRENCH = {
    "Hands off the dockers": "Bas les pattes devant les dockers",
    "The strike of 14/12/2015 was called by <1>Nikos Papadopoulos</1> and the union.":
        "La grève du 14/12/2015 a été appelée par <1>Nikos Papadopoulos</1> et le syndicat & ses membres.",
    "Read our <1>proposals for the port</1> today.": "Lisez nos <1>propositions pour le port</1> aujourd’hui.",
    "Port": "Port",
    "Workers on strike": "Travailleurs en grève",
    "Piraeus": "Le Pirée",
    "The workers will not pay for the crisis.": "Les travailleurs ne paieront pas la crise.",
    "Printed by the union": "Imprimé par le syndicat",
    "The union was founded in 1920.": "Le syndicat a été fondé en 1920.",
    "Press office of the union": "Bureau de presse du syndicat",
    "The union's statement of 14/12/2015.": "La déclaration du syndicat du 14/12/2015.",
    "Statement on the dockers' strike": "Déclaration sur la grève des dockers",
}  # fmt: skip
GREEK = {
    "Hands off the dockers": "Κάτω τα χέρια από τους λιμενεργάτες",
    "The strike of 14/12/2015 was called by <1>Nikos Papadopoulos</1> and the union.":
        "Την απεργία της 14/12/2015 κήρυξαν ο <1>Νίκος Παπαδόπουλος</1> και το συνδικάτο.",
    "Read our <1>proposals for the port</1> today.": "Διαβάστε σήμερα τις <1>προτάσεις μας για το λιμάνι</1>.",
    "Port": "Λιμάνι",
    "Workers on strike": "Απεργοί",
    "Piraeus": "Πειραιάς",
    "The workers will not pay for the crisis.": "Οι εργαζόμενοι δεν θα πληρώσουν την κρίση.",
    "Printed by the union": "Τυπώθηκε από το συνδικάτο",
    "The union was founded in 1920.": "Το συνδικάτο ιδρύθηκε το 1920.",
    "Press office of the union": "Γραφείο Τύπου του συνδικάτου",
    "The union's statement of 14/12/2015.": "Η ανακοίνωση του συνδικάτου της 14/12/2015.",
    "Statement on the dockers' strike": "Ανακοίνωση για την απεργία των λιμενεργατών",
}  # fmt: skip
ARABIC = {
    "Hands off the dockers": "ارفعوا أيديكم عن عمال الميناء",
    "The strike of 14/12/2015 was called by <1>Nikos Papadopoulos</1> and the union.":
        "دعا إلى إضراب 14/12/2015 <1>نيكوس بابادوبولوس</1> والنقابة.",
    "Read our <1>proposals for the port</1> today.": "اقرأوا اليوم <1>مقترحاتنا للميناء</1>.",
    "Port": "الميناء",
    "Workers on strike": "العمال المضربون",
    "Piraeus": "بيرايوس",
    "The workers will not pay for the crisis.": "لن يدفع العمال ثمن الأزمة.",
    "Printed by the union": "طبعته النقابة",
    "The union was founded in 1920.": "تأسست النقابة عام 1920.",
    "Press office of the union": "المكتب الصحفي للنقابة",
    "The union's statement of 14/12/2015.": "بيان النقابة بتاريخ 14/12/2015.",
    "Statement on the dockers' strike": "بيان حول إضراب عمال الميناء",
}  # fmt: skip


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, list(args), env=ENV)
    return result.exit_code, result.stdout, result.stderr


def test_a_word_statement_is_cut_into_paragraphs_with_its_formatting_as_placeholders() -> None:
    document = parse_document((GOLDEN / "statement.docx").read_bytes(), "statement.docx", Segmentation())
    assert [unit.msgid for unit in document.units] == list(FRENCH)
    assert [unit.context for unit in document.units][:3] == [
        "heading 1, block 1",
        "paragraph 1",
        "paragraph 2",
    ]
    assert {unit.context for unit in document.units} >= {
        "table cell 1",
        "footnote 1",
        "header 1",
        "footer 1",
        "title",
    }


def test_an_untranslated_build_is_the_source_byte_for_byte() -> None:
    for path in sorted(GOLDEN.glob("*.docx")):
        raw = path.read_bytes()
        document = parse_document(raw, path.name, Segmentation())
        assert encode(document, render(document, [None] * len(document.units)), raw) == raw, path.name


def _built(
    make_project: Callable[..., Path], runner: CliRunner, translations: dict[str, dict[str, str]]
) -> Path:
    root = make_project(
        {"statement.docx": (GOLDEN / "statement.docx").read_bytes()}, languages=tuple(translations)
    )
    assert invoke(runner, "update")[0] == 0
    for language, table in translations.items():
        po = polib.pofile(str(root / "locales" / language / "statement.po"))
        for entry in po:
            entry.msgstr = table.get(entry.msgid, entry.msgstr)
        po.save()
    code, out, err = invoke(runner, "build")
    assert code == 0, out + err
    return root


def test_a_translated_build_changes_only_the_parts_with_text(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = _built(make_project, runner, {"fr": FRENCH})
    source = zipfile.ZipFile(GOLDEN / "statement.docx")
    built = zipfile.ZipFile(root / "build" / "fr" / "statement.docx")
    assert [info.filename for info in built.infolist()] == [info.filename for info in source.infolist()]
    changed = {info.filename for info in built.infolist() if built.read(info) != source.read(info.filename)}
    assert changed == {
        "word/document.xml", "word/header1.xml", "word/footer1.xml", "word/footnotes.xml",
        "word/styles.xml", "docProps/core.xml",
    }  # fmt: skip
    for info in built.infolist():  # the rest: same bytes, same time, same compression
        original = source.getinfo(info.filename)
        assert (info.date_time, info.compress_type) == (original.date_time, original.compress_type)
    body = built.read("word/document.xml").decode("utf-8")
    assert "et le syndicat &amp; ses membres." in body
    assert '<w:rStyle w:val="Strong"/></w:rPr><w:t xml:space="preserve">Nikos Papadopoulos' in body
    assert '<w:hyperlink r:id="rId2">' in body and "<w:footnoteReference" in body
    assert 'w:val="fr"' in built.read("word/styles.xml").decode("utf-8")
    assert "<dc:language>fr</dc:language>" in built.read("docProps/core.xml").decode("utf-8")
    manifest = json.loads((root / "build" / "manifest.json").read_text(encoding="utf-8"))
    import hashlib

    (record,) = [item for item in manifest["documents"] if item["language"] == "fr"]
    assert (
        record["sha256"]["output"]
        == hashlib.sha256((root / "build/fr/statement.docx").read_bytes()).hexdigest()
    )


def test_right_to_left_languages_get_paragraph_and_run_direction(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = _built(make_project, runner, {"ar": ARABIC, "el": GREEK})
    arabic = (
        zipfile.ZipFile(root / "build" / "ar" / "statement.docx").read("word/document.xml").decode("utf-8")
    )
    greek = (
        zipfile.ZipFile(root / "build" / "el" / "statement.docx").read("word/document.xml").decode("utf-8")
    )
    paragraphs = arabic.count("<w:p>") + arabic.count("<w:p ")
    assert arabic.count("<w:bidi/>") == paragraphs > 0 and '<w:bidi w:val="0"/>' not in arabic
    assert "<w:rtl/>" in arabic and "<w:bidi/>" not in greek
    # in the order the schema gives: after the style, before spacing and justification
    assert '<w:pPr><w:pStyle w:val="Heading1"/><w:bidi/><w:spacing' in arabic
    styles = zipfile.ZipFile(root / "build" / "ar" / "statement.docx").read("word/styles.xml").decode("utf-8")
    assert 'w:bidi="ar"' in styles


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)",
)
def test_libreoffice_opens_every_built_document_with_its_translations(
    make_project: Callable[..., Path], runner: CliRunner, tmp_path: Path
) -> None:
    root = _built(make_project, runner, {"fr": FRENCH, "el": GREEK, "ar": ARABIC})
    for language, table in (("fr", FRENCH), ("el", GREEK), ("ar", ARABIC)):
        out = tmp_path / language
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "txt:Text", "--outdir", str(out), str(root / "build" / language / "statement.docx")],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        text = (out / "statement.txt").read_text(encoding="utf-8-sig")
        for source, translation in table.items():
            if source in (
                "Printed by the union",
                "Press office of the union",
                "The union was founded in 1920.",
            ):
                continue  # headers, footers and footnotes: not in LibreOffice's text export
            if source.startswith(("The union's", "Statement on")):
                continue  # the core properties: not in the text either
            plain = translation.replace("<1>", "").replace("</1>", "")
            assert plain in text, (language, plain, text)


@pytest.mark.parametrize("name", ["par-hyperlinks.docx", "comments-rich-para.docx", "hdr-header-footer.docx"])
def test_word_made_documents_translate_into_well_formed_packages(name: str) -> None:
    from xml.etree import ElementTree

    raw = (GOLDEN / name).read_bytes()
    document = parse_document(raw, name, Segmentation())
    assert document.units
    texts = [restore_unit(unit, unit.msgid.upper()) for unit in document.units]
    built = zipfile.ZipFile(io.BytesIO(encode(document, render(document, texts), raw)))
    assert built.testzip() is None
    for member in built.namelist():
        if member.endswith(".xml"):
            ElementTree.fromstring(built.read(member))
    if name == "par-hyperlinks.docx":
        assert [unit.msgid for unit in document.units][1] == "One <1>awesome hyperlink</1>."


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("a.docx", b"plain text, not a zip", "not a Word package (not a zip file)"),
        ("b.docx", _zip({"hello.txt": b"hi"}), "a zip that is not a Word document"),
        ("c.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "an encrypted or old-format file"),
        ("d.docm", (GOLDEN / "statement.docx").read_bytes(), "a Word document with macros"),
        (
            "e.docx",
            _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document>" + b" " * (70 << 20) + b"</w:document>"}),
            "too large to be a statement",
        ),
        (
            "f.docx",
            _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'}),
            "declares a DTD or entities",
        ),
    ],
)  # fmt: skip
def test_bad_packages_are_refused_with_one_line(name: str, raw: bytes, message: str) -> None:
    with pytest.raises(SourceError, match=re.escape(message)):
        parse_document(raw, name, Segmentation())


def test_a_bad_package_is_one_line_and_the_others_are_built(
    make_project: Callable[..., Path], runner: CliRunner
) -> None:
    root = make_project(
        {
            "good.docx": (GOLDEN / "statement.docx").read_bytes(),
            "bad.docx": b"not a zip",
            "c.txt": "Hands off!\n",
        },
        languages=("fr",),
    )
    code, _, err = invoke(runner, "update")
    assert code == 1 and "bad.docx" in err and "not a Word package" in err and "Traceback" not in err
    assert (root / "locales" / "fr" / "good.po").exists() and (root / "locales" / "fr" / "c.po").exists()
    root.joinpath("transflow.toml").write_text(
        root.joinpath("transflow.toml").read_text(encoding="utf-8").replace('["fr"]', '["fr", "de"]'),
        encoding="utf-8",
    )
    invoke(runner, "update")
    code, out, err = invoke(runner, "build")
    # once on stderr however many languages fail on it, and each build line names it once
    assert code == 1 and err.count("not a Word package") == 1 and "bad.docx: bad.docx" not in out


def test_a_text_box_is_translated_inside_its_anchoring_paragraph() -> None:
    from transflow.assemble import unit_texts

    raw = (GOLDEN / "box.docx").read_bytes()
    document = parse_document(raw, "box.docx", Segmentation())
    contexts = {unit.context: unit.msgid for unit in document.units}
    # Word keeps a text box twice (the drawing and its VML fallback): both are units, one entry
    assert contexts["text box 1"] == contexts["text box 2"] == "A text box speaks."
    assert contexts["paragraph 4"] == "Beside the box.<1/>"
    translations = {
        "A text box speaks.": "Une zone de texte parle.",
        "Beside the box.<1/>": "À côté de la zone.<1/>",
    }
    published = [translations.get(unit.msgid) for unit in document.units]
    built = zipfile.ZipFile(
        io.BytesIO(encode(document, render(document, unit_texts(document, published, None)), raw))
    )
    body = built.read("word/document.xml").decode("utf-8")
    assert body.count("Une zone de texte parle.") == 2 and "À côté de la zone." in body
    assert "A text box speaks." not in body and "<wps:txbx>" in body and "<v:textbox" in body
    # the anchoring paragraph left untranslated, its text box still goes into it
    published = [
        translations.get(unit.msgid) if unit.context.startswith("text box") else None
        for unit in document.units
    ]
    body = (
        zipfile.ZipFile(
            io.BytesIO(encode(document, render(document, unit_texts(document, published, None)), raw))
        )
        .read("word/document.xml")
        .decode("utf-8")
    )
    assert body.count("Une zone de texte parle.") == 2 and "Beside the box." in body


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)",
)
def test_a_document_libreoffice_makes_now_goes_through_the_whole_pipeline(
    make_project: Callable[..., Path], runner: CliRunner, tmp_path: Path
) -> None:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "docx", "--outdir", str(tmp_path), str(GOLDEN / "box.fodt")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    root = make_project({"box.docx": (tmp_path / "box.docx").read_bytes()}, languages=("fr",))
    assert invoke(runner, "update")[0] == 0
    po = polib.pofile(str(root / "locales" / "fr" / "box.po"))
    for entry in po:
        entry.msgstr = FRENCH.get(entry.msgid) or {"A text box speaks.": "Une zone de texte parle."}.get(
            entry.msgid, entry.msgid.replace("Beside the box.", "À côté de la zone.")
        )
    po.save()
    code, out, err = invoke(runner, "build")
    assert code == 0 and "1 output(s) written" in out, out + err
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path / "out"), str(root / "build" / "fr" / "box.docx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = (tmp_path / "out" / "box.txt").read_text(encoding="utf-8-sig")
    assert "Les travailleurs ne paieront pas la crise." in text and "À côté de la zone." in text
