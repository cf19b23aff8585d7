"""``transflow init``: write a config and create the project folders."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_if_changed
from ..config import CONFIG_NAME, render_config
from ..errors import TransflowError
from ..languages import normalize_language

FOLDERS = ("source_texts", "locales/templates", "build")


@dataclass(frozen=True)
class InitResult:
    config_file: str
    source_language: str
    languages: list[str]


def init(
    root: Path, source_language: str, languages: tuple[str, ...], project_name: str | None
) -> InitResult:
    """Write transflow.toml in ``root`` and its folders; an existing config is never overwritten."""
    if (root / CONFIG_NAME).exists():
        raise TransflowError("a config already exists, left unchanged", path=CONFIG_NAME)
    if "[tool.transflow]" in _read_text(root / "pyproject.toml"):
        raise TransflowError(
            "pyproject.toml already has [tool.transflow], left unchanged",
            path="pyproject.toml",
            hint="edit that table, or remove it to use transflow.toml",
        )
    source = normalize_language(source_language)
    targets = list(dict.fromkeys(normalize_language(code) for code in languages))
    try:
        write_if_changed(root / CONFIG_NAME, render_config(source, targets, project_name or root.name))
        for folder in FOLDERS:
            (root / folder).mkdir(parents=True, exist_ok=True)
        _ignore_caches(root / ".gitignore")
    except OSError as error:
        raise TransflowError(f"cannot create the project: {error.strerror}", path=error.filename) from None
    return InitResult(CONFIG_NAME, source, targets)


def _ignore_caches(gitignore: Path) -> None:
    """.transflow/ (caches, rebuilt at will) in the project's .gitignore, whatever else it holds."""
    text = _read_text(gitignore)
    if any(line.strip() in (".transflow/", ".transflow", "/.transflow/") for line in text.splitlines()):
        return
    addition = "# transflow's caches: rebuilt at will\n.transflow/\n"
    write_if_changed(gitignore, text + ("\n" if text and not text.endswith("\n") else "") + addition)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
