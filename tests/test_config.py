"""Config lookup, validation and babel-normalised languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from transflow.config import load_config
from transflow.errors import ConfigError
from transflow.languages import language_names, normalize_language, plural_forms


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_transflow_toml_is_found_from_a_subfolder(tmp_path: Path) -> None:
    write(tmp_path / "transflow.toml", 'languages = ["pt-BR", "el", "fr", "fr"]\nunit = "paragraph"\n')
    (tmp_path / "source_texts" / "2015").mkdir(parents=True)
    config = load_config(tmp_path / "source_texts" / "2015")
    assert config.root == tmp_path.resolve()
    assert config.languages == ("pt_BR", "el", "fr")
    assert config.unit == "paragraph"
    assert config.source_path == tmp_path.resolve() / "source_texts"


def test_pyproject_tool_table_is_used_without_transflow_toml(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.transflow]\nlanguages = ["de"]\n')
    assert load_config(tmp_path).languages == ("de",)


def test_transflow_toml_wins_over_pyproject(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.transflow]\nlanguages = ["de"]\n')
    write(tmp_path / "transflow.toml", 'languages = ["es"]\n')
    assert load_config(tmp_path).languages == ("es",)


def test_missing_config_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="run 'transflow init'"):
        load_config(tmp_path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('languages = ["fr", "xx"]\n', "unknown language code 'xx' (did you mean xh?)"),
        ('languages = "fr"\n', "'languages' must be a list"),
        ('languages = ["fr"]\nunit = "word"\n', "unit must be one of sentence, paragraph"),
        ('languages = ["en"]\n', "the source language en is also a target"),
        ('languages = ["fr"]\nlanguage = "x"\n', "unknown setting 'language'"),
        ('languages = ["fr"\n', "invalid TOML"),
        ('languages = ["fr"]\nabbreviations = "x"\n', "abbreviations must be a table"),
        ('languages = ["fr"]\nformats = ["md"]\n', "formats must be a table"),
        ('languages = ["fr"]\nsource_dir = "/abs"\n', "source_dir must be a folder inside the project"),
        ('languages = ["fr"]\nbuild_dir = "../out"\n', "build_dir must be a folder inside the project"),
    ],
)
def test_invalid_configs_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "transflow.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(path.resolve()))


def test_language_data_comes_from_babel() -> None:
    assert normalize_language("pt-br") == "pt_BR"
    assert language_names("el") == ("Greek", "Ελληνικά")
    assert plural_forms("fr") == "nplurals=2; plural=(n > 1);"
    assert plural_forms("ru").startswith("nplurals=3;")


def test_teams_and_report_address(tmp_path: Path) -> None:
    (tmp_path / "transflow.toml").write_text(
        'languages = ["fr", "pt-br"]\nreport_bugs_to = "press@example.org"\n'
        '[teams]\nfr = "Équipe FR <fr@example.org>"\n"pt-br" = "Equipe BR"\n',
        encoding="utf-8",
    )
    config = load_config(tmp_path)
    assert config.report_bugs_to == "press@example.org"
    assert config.teams == {"fr": "Équipe FR <fr@example.org>", "pt_BR": "Equipe BR"}
    (tmp_path / "transflow.toml").write_text('languages = ["fr"]\n[teams]\nfr = 3\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="teams must be a table of names"):
        load_config(tmp_path)


def test_every_config_field_but_the_paths_is_a_setting_of_the_table() -> None:
    from dataclasses import fields

    from transflow.config import SETTINGS, Config

    filled = {setting.field or setting.key for setting in SETTINGS if setting.field is not None}
    assert filled == {field.name for field in fields(Config)} - {"root", "config_path"}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("keep_trivial = 3", "keep_trivial must be true or false"),
        ("require_review = 'yes'", "require_review must be true or false"),
        ("unit = 'word'", "unit must be one of sentence, paragraph"),
        ("build_dir = '../out'", "build_dir must be a folder inside the project"),
        ("memory = 'archive'", "memory must be a list"),
    ],
)
def test_a_bad_value_is_named_with_its_line(tmp_path: Path, line: str, message: str) -> None:
    (tmp_path / "transflow.toml").write_text(
        f'source_language = "en"\nlanguages = ["fr"]\n\n{line}\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    assert message in str(raised.value)
    assert raised.value.line == 4
