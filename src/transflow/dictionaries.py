"""Where a language's hunspell dictionary is, and what it is (for fingerprints), without
loading hunspell: the config's ``[spelling]`` paths, then ``$DICPATH`` and the folders
hunspell, myspell, macOS and LibreOffice use. Kept apart from ``spelling.py`` so that every
command's settings fingerprint can name the dictionaries at the cost of a few stat calls.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from .checksettings import SpellingSettings
from .digests import content_digest


def _system_folders() -> list[Path]:
    home = Path.home()
    folders = [Path(part) for part in os.environ.get("DICPATH", "").split(os.pathsep) if part]
    folders += [
        Path("/usr/share/hunspell"),
        Path("/usr/share/myspell"),
        Path("/usr/share/myspell/dicts"),
        Path("/usr/local/share/hunspell"),
        Path("/opt/homebrew/share/hunspell"),
        home / ".local/share/hunspell",
        home / "Library/Spelling",
        Path("/Library/Spelling"),
    ]
    for office in (
        "/usr/lib/libreoffice/share/extensions",
        "/opt/libreoffice/share/extensions",
        "/Applications/LibreOffice.app/Contents/Resources/extensions",
    ):
        base = Path(office)
        if base.is_dir():
            folders += sorted(path for path in base.glob("dict-*") if path.is_dir())
    return folders


def _names_for(language: str) -> list[str]:
    """Dictionary names for a language code, most likely first: fr -> fr_FR, fr, fr_*."""
    base, _, region = language.replace("-", "_").partition("_")
    names = [f"{base}_{region.upper()}"] if region and len(region) == 2 else []
    names += [f"{base}_{base.upper()}", base]
    return list(dict.fromkeys(names))


def find_dictionary(language: str, settings: SpellingSettings) -> Path | None:
    """The dictionary (its ``.dic`` path, beside its ``.aff``) for ``language``, or None."""
    configured = settings.dictionaries.get(language) or settings.dictionaries.get(language.split("_")[0])
    if configured:
        path = Path(configured)
        path = path if path.is_absolute() else Path(settings.root) / path
        dic = path if path.suffix == ".dic" else path.with_name(path.name + ".dic")
        return dic if dic.is_file() and dic.with_suffix(".aff").is_file() else None
    return _system_dictionary(language)


@lru_cache(maxsize=64)
def _system_dictionary(language: str) -> Path | None:
    folders = [folder for folder in _system_folders() if folder.is_dir()]
    for name in _names_for(language):
        for folder in folders:
            dic = folder / f"{name}.dic"
            if dic.is_file() and dic.with_suffix(".aff").is_file():
                return dic
    base = language.split("_")[0]
    for folder in folders:  # any region of the language: el -> el_GR
        for dic in sorted(folder.glob(f"{base}_*.dic")):
            if dic.with_suffix(".aff").is_file():
                return dic
    return None


# Debian/Ubuntu packages whose name is not hunspell-<language>
_PACKAGES = {
    "de": "hunspell-de-de", "en": "hunspell-en-us", "pt": "hunspell-pt-pt", "pt_BR": "hunspell-pt-br",
}  # fmt: skip


def package_for(language: str) -> str:
    """The Debian/Ubuntu package with hunspell's dictionary for ``language``."""
    base = language.split("_")[0]
    return _PACKAGES.get(language) or _PACKAGES.get(base) or f"hunspell-{base.lower()}"


def missing_dictionary_notice(language: str) -> str:
    return (
        f"spelling is not checked in {language}: no hunspell dictionary; install {package_for(language)} "
        f'(Debian, Ubuntu) or set [spelling] {language} = "path/to/{_names_for(language)[0]}"'
    )


def binding_available() -> bool:
    try:
        import hunspell  # noqa: F401
    except ImportError:
        return False
    return True


def dictionary_identity(dictionary: Path) -> str:
    """What a verdict depends on: the dictionary's path, size and time, and its affix file's."""
    parts = []
    for path in (dictionary, dictionary.with_suffix(".aff")):
        try:
            stat = path.stat()
        except OSError:
            return ""
        parts.append(f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}")
    return content_digest("|".join(parts).encode("utf-8"))
