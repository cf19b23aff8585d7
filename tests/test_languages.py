"""Language facts: gettext's plural forms whatever babel is installed, names, direction, tags."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from transflow.languages import PLURAL_FORMS, LanguageFacts, bcp47, is_rtl, normalize_language, plural_forms

# msginit's own table (gettext-tools plural-table.c): every code it knows
MSGINIT_KNOWS = (
    "ja vi ko en de nl sv da no nb nn fo es pt it bg el fi et he eo hu tr pt_BR fr lv ga ro lt ru uk be "
    "sr hr cs sk pl sl"
).split()


def test_plural_forms_are_gettexts_not_the_installed_cldrs() -> None:
    # CLDR 42+ gives these a third "many" form that no gettext tool uses
    assert plural_forms("fr") == "nplurals=2; plural=(n > 1);"
    assert plural_forms("es") == plural_forms("it") == plural_forms("el") == "nplurals=2; plural=(n != 1);"
    assert plural_forms("pt_BR") == "nplurals=2; plural=(n > 1);"
    assert plural_forms("pt_PT") == "nplurals=2; plural=(n != 1);"  # by its base language
    assert plural_forms("zh_Hans") == "nplurals=1; plural=0;"
    assert plural_forms("ar").startswith("nplurals=6;")


@pytest.mark.skipif(shutil.which("msginit") is None, reason="GNU gettext's msginit is not installed")
@pytest.mark.parametrize("code", MSGINIT_KNOWS)
def test_table_equals_msginit(code: str, tmp_path: Path) -> None:
    template = tmp_path / "t.pot"
    template.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8"
    )
    written = tmp_path / "o.po"
    subprocess.run(
        ["msginit", "--no-translator", "--no-wrap", "-l", code, "-i", str(template), "-o", str(written)],
        check=True,
        capture_output=True,
    )
    line = next(line for line in written.read_text(encoding="utf-8").splitlines() if "Plural-Forms" in line)
    assert line == f'"Plural-Forms: {PLURAL_FORMS[code]}\\n"'


def test_names_direction_and_tags() -> None:
    facts = LanguageFacts("el")
    assert (facts.english_name, facts.plural_forms) == ("Greek", "nplurals=2; plural=(n != 1);")
    assert is_rtl("ar") and not is_rtl("fr")
    assert bcp47("zh_Hans") == "zh-Hans" and bcp47("pt_BR") == "pt-BR"


def test_codes_taken_without_babel_are_the_ones_babel_gives() -> None:
    """A canonical code with a locale data file is taken as it is (babel not imported):
    for every such code babel knows, that is what Locale.parse gives back."""
    import os

    from babel import Locale
    from babel.localedata import locale_identifiers

    from transflow.languages import _CANONICAL, _locale_data

    folder = _locale_data()
    assert folder is not None
    taken = [
        code
        for code in locale_identifiers()
        if _CANONICAL.fullmatch(code) and os.path.isfile(os.path.join(folder, code + ".dat"))
    ]
    assert len(taken) > 500
    assert [code for code in taken if str(Locale.parse(code)) != code] == []
    assert [normalize_language(code) for code in ("fr", "pt-BR", "zh-Hans", "el")] == [
        "fr",
        "pt_BR",
        "zh_Hans",
        "el",
    ]
