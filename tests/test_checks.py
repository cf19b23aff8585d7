"""``transflow check``: each check on real examples in the sample languages, and the gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transflow.checks import Pair, accepted_checks, check_pair, consistency
from transflow.checksettings import CheckSettings, Glossary
from transflow.figures import compare_figures
from transflow.formats import Segmentation, parse_document

ENV = {"COLUMNS": "100", "NO_COLOR": "1"}
NBSP, NNBSP = "\u00a0", "\u202f"


def findings(
    source: str, translation: str, language: str, settings: CheckSettings | None = None, name: str = "x.txt"
):
    document = parse_document(source.encode("utf-8"), name, Segmentation(unit="paragraph"))
    pair = Pair(document.units[0], translation, "en", language, settings or CheckSettings())
    return {(finding.check, finding.message) for finding in check_pair(pair)}


def names(source: str, translation: str, language: str, **settings: object) -> set[str]:
    return {check for check, _ in findings(source, translation, language, CheckSettings(**settings))}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("language", "translation"),
    [
        ("fr", f"Le 14/12/2015, 3,5{NNBSP}% des 15{NNBSP}000 grévistes, à 10 h 30."),
        ("fr", "Le 14-12-2015, 3,5 % des 15 000 grévistes, à 10:30."),
        ("de", "Am 14.12.2015 streikten 3,5 % der 15.000 Arbeiter um 10:30 Uhr."),
        ("es", "El 14/12/2015, el 3,5 % de los 15.000 huelguistas, a las 10:30."),
        ("el", "Στις 14/12/2015, το 3,5% των 15.000 απεργών, στις 10:30."),
        ("ru", f"14.12.2015 3,5 % из 15{NBSP}000 бастующих, в 10:30."),
        ("ar", "في ١٤/١٢/٢٠١٥، ٣٫٥٪ من ١٥٬٠٠٠ مضرب، الساعة ١٠:٣٠."),
        ("ar", "في 14/12/2015، 3.5% من 15,000 مضرب، الساعة 10:30."),
        ("fa", "در ۱۴/۱۲/۲۰۱۵، ۳٫۵٪ از ۱۵٬۰۰۰ اعتصاب‌کننده، ساعت ۱۰:۳۰."),
    ],
)
def test_figures_agree_by_value_however_the_locale_writes_them(language: str, translation: str) -> None:
    source = "On 14/12/2015, 3.5% of the 15,000 strikers, at 10:30."
    assert compare_figures(source, translation, "en", language) == ([], [])


@pytest.mark.parametrize(
    ("translation", "message"),
    [
        ("Le 12/14/2015, 3,5 % des 15 000.", "the source has 14/12/2015, the translation has 12/14/2015"),
        ("Le 14/12/2015, 3,6 % des 15 000.", "the source has 3.5, the translation has 3,6"),
        ("Le 14/12/2015, 3,5 % des grévistes.", "the source has 15,000, the translation does not"),
        (
            "Le 14/12/2015, 3,5 % des 15 000, 48 heures.",
            "the translation adds 48, the source does not have it",
        ),
    ],
)
def test_a_wrong_figure_is_an_error_that_quotes_it(translation: str, message: str) -> None:
    found = findings("On 14/12/2015, 3.5% of the 15,000.", translation, "fr")
    assert ("figures", message) in found


def test_urls_and_emails_letter_for_letter() -> None:
    source = "Write to press@example.org or see https://example.org/statement."
    assert "urls" not in names(
        source, "Écrivez à press@example.org ou voyez https://example.org/statement.", "fr"
    )
    found = findings(source, "Écrivez à press@example.org ou voyez https://example.org/declaration.", "fr")
    assert (
        "urls",
        "the source has https://example.org/statement, the translation has https://example.org/declaration",
    ) in found


def test_markup_is_checked_for_markdown_units() -> None:
    found = findings("See the [letter](https://e.org/l.pdf).", "Voir la lettre.", "fr", name="x.md")
    assert any(check == "markup" for check, _ in found)
    assert not findings(
        "See the [letter](https://e.org/l.pdf).", "Voir la [lettre](https://e.org/l.pdf).", "fr", name="x.md"
    )


def test_glossary_keep_and_set_terms_with_inflection() -> None:
    glossary = Glossary(
        keep=("KKE", "Zhanaozen"), terms={"el": (("KKE", "ΚΚΕ"), ("working class", "εργατικ* τάξ*"))}
    )
    settings = CheckSettings(glossary=glossary)
    source = "The KKE stands with the working class of Zhanaozen."
    assert not {
        c
        for c, _ in findings(
            source, "Le KKE est aux côtés de la classe ouvrière de Zhanaozen.", "fr", settings
        )
    } & {"glossary"}
    assert ("glossary", "keep “KKE” unchanged") in findings(
        source, "Le PCG est aux côtés de la classe ouvrière de Zhanaozen.", "fr", settings
    )
    greek = "Το ΚΚΕ στέκεται στο πλευρό της εργατικής τάξης της Zhanaozen."
    assert "glossary" not in {c for c, _ in findings(source, greek, "el", settings)}
    wrong = "Το KKE στέκεται στο πλευρό των εργαζομένων της Zhanaozen."
    found = findings(source, wrong, "el", settings)
    assert ("glossary", "the source has “KKE”: translate it “ΚΚΕ”") in found
    assert ("glossary", "the source has “working class”: translate it “εργατικ* τάξ*”") in found


def test_warnings_on_real_examples() -> None:
    assert "untranslated" in names(
        "The workers will not pay for the crisis.", "The workers will not pay for the crisis.", "fr"
    )
    assert "untranslated" not in names("Communist Party of Greece", "Communist Party of Greece", "fr")
    assert "punctuation" not in names(
        "Who will pay for the crisis?", "Ποιος θα πληρώσει για την κρίση;", "el"
    )
    assert "punctuation" in names("Who will pay for the crisis?", "Ποιος θα πληρώσει για την κρίση.", "el")
    assert "punctuation" not in names("Who will pay for the crisis?", "من سيدفع ثمن الأزمة؟", "ar")
    assert ("punctuation", "Spanish opens the sentence with ¿") in findings(
        "Who will pay?", "Quién pagará?", "es"
    )
    assert "punctuation" not in names("Who will pay?", "¿Quién pagará?", "es")
    assert ("punctuation", "French writes a no-break space before ; : ! ?") in findings(
        "Hands off!", "Bas les pattes!", "fr"
    )
    assert "punctuation" not in names("Hands off!", f"Bas les pattes{NNBSP}!", "fr")
    assert "whitespace" in names("Hands off the unions!", "Hände weg  von den Gewerkschaften!", "de")
    assert "length" in names("The workers will not pay for the crisis they did not cause.", "Nein.", "de")
    assert "length" not in names(
        "The workers will not pay for the crisis they did not cause.", "Nein.", "de", length_min=0.05
    )
    assert "script" in names("The strike goes on.", "Η strike συνεχίζεται.", "el")
    assert "script" not in names(
        "The KKE and Zhanaozen workers.", "Το KKE και οι εργάτες της Zhanaozen.", "el"
    )
    assert "script" in names("The strike goes on.", "La grève продолжается.", "fr")


def test_switched_off_checks_and_accepted_findings() -> None:
    assert (
        names("The strike goes on.", "Η strike συνεχίζεται.", "el", disabled=frozenset({"script"})) == set()
    )
    assert accepted_checks([" transflow: accept figures, urls", "other"]) == {"figures", "urls"}
    document = parse_document(b"Article 11 applies.", "x.txt", Segmentation())
    pair = Pair(document.units[0], "L'article 12 s'applique.", "en", "fr", CheckSettings())
    (finding,) = check_pair(pair, frozenset({"figures"}))
    assert finding.check == "figures" and finding.accepted


def test_consistency_across_documents() -> None:
    pairs = [
        ("Hands off!", "Bas les pattes !"),
        ("Hands off!", "Pas touche !"),
        ("Solidarity!", "Bas les pattes !"),
    ]
    messages = consistency(pairs)
    assert messages[0] == [
        "the same source is also translated “Pas touche !”",
        "the same translation also stands for “Solidarity!”",
    ]
    assert 1 in messages and 2 in messages


# ---------------------------------------------------------------------------
# the command and the gate


def translate(po_file: Path, msgid: str, msgstr: str, comment: str = "") -> None:
    text = po_file.read_text(encoding="utf-8")
    quoted = json.dumps(msgid, ensure_ascii=False)
    head = f"# {comment}\n" if comment else ""
    old = next(block for block in text.split("\n\n") if f"msgid {quoted}\n" in block)
    lines = [line for line in old.split("\n") if not line.startswith("msgstr") and line != "#, fuzzy"]
    text = text.replace(old, head + "\n".join(lines) + f"\nmsgstr {json.dumps(msgstr, ensure_ascii=False)}")
    po_file.write_text(text, encoding="utf-8")


def test_quotes_balance_in_every_style_without_false_alarms() -> None:
    assert "punctuation" not in names("They said “no” to it.", "Sie sagten „nein“ dazu.", "de")
    assert "punctuation" not in names(
        "“A school is the heart of a village.", "« L’école est le cœur du village.", "fr"
    )
    assert "punctuation" in names("They said “no” to it.", f"Ils ont dit « non{NNBSP}à cela.", "fr")
