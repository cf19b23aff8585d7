"""``transflow init`` end to end: the config and folders it writes, and what it refuses."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from transflow.cli import main


def test_init_writes_config_and_folders(tmp_path: Path, runner: CliRunner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["init", "-l", "fr,pt-br,el"])
    assert result.exit_code == 0, result.output
    config = (tmp_path / "transflow.toml").read_text(encoding="utf-8")
    assert 'languages = ["fr", "pt_BR", "el"]' in config
    assert (tmp_path / "source_texts").is_dir() and (tmp_path / "locales" / "templates").is_dir()
    again = runner.invoke(main, ["init", "-l", "de"])
    assert again.exit_code == 1
    assert "already exists" in again.output
    assert (tmp_path / "transflow.toml").read_text(encoding="utf-8") == config


def test_init_respects_a_pyproject_config(tmp_path: Path, runner: CliRunner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.transflow]\nlanguages = ["de"]\n', encoding="utf-8")
    result = runner.invoke(main, ["init", "-l", "fr"])
    assert result.exit_code == 1
    assert "pyproject.toml already has [tool.transflow]" in result.output
    assert not (tmp_path / "transflow.toml").exists()


def test_init_rejects_an_unknown_language(tmp_path: Path, runner: CliRunner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["init", "-l", "fr,qqq"])
    assert result.exit_code == 2
    assert "unknown language code 'qqq'" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "transflow.toml").exists()
