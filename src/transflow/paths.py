"""Where a source's files go: its template, its PO file and its review record per language,
and how a path is shown in messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .config import Config


@dataclass(frozen=True)
class Source:
    """A source document: its path under the source folder, and its catalog name."""

    path: str  # posix, extension included: "2015/kazakhstan.txt"
    stem: str  # posix, no extension: "2015/kazakhstan"


def shown(config: Config, path: Path) -> str:
    """A path as messages and the manifest name it: relative to the project when inside it."""
    try:
        return path.relative_to(config.root).as_posix()
    except ValueError:
        return str(path)


def template_path(config: Config, source: Source) -> Path:
    return config.locales_path / "templates" / f"{source.stem}.pot"


def po_path(config: Config, language: str, source: Source) -> Path:
    return config.locales_path / language / f"{source.stem}.po"


def review_path(config: Config, language: str, source: Source) -> Path:
    """The review record beside the PO: ``locales/<lang>/<doc>.review``."""
    return config.locales_path / language / f"{source.stem}.review"
