"""A language's memory: its PO files, and the PO and TMX files the config's ``memory`` names
(another tool's catalogs carried over as our units are cut)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .carry import Carried, carry_catalog
from .catalogs import Stamp, read_catalog_text
from .config import Config
from .confine import Confinement
from .errors import TransflowError
from .memory import Memory
from .paths import Source, po_path, shown
from .po import PoFile, read_po


@dataclass
class LanguageCatalogs:
    """A language's memory, its PO files by document path, and what each file was when read."""

    memory: Memory
    catalogs: dict[str, PoFile]
    stamps: dict[str, Stamp]
    texts: dict[str, str] = field(default_factory=dict)  # each PO's text as read, to write over it
    # another tool's catalogs named as memory: each translated entry and what it serves
    external: dict[str, list[Carried]] = field(default_factory=dict)
    unreadable: dict[str, TransflowError] = field(default_factory=dict)  # a document's PO, by document
    memory_errors: list[TransflowError] = field(default_factory=list)  # memory files that cannot be read

    @property
    def errors(self) -> list[TransflowError]:
        """Every problem met, the documents' catalogs first."""
        return [*self.unreadable.values(), *self.memory_errors]


def load_language_memory(config: Config, language: str, sources: Sequence[Source]) -> LanguageCatalogs:
    """A language's memory (all its PO files and the config's memory files), and its PO files;
    what cannot be read is kept by what it is (a document's catalog, a memory file)."""
    loaded = LanguageCatalogs(Memory(), {}, {})
    confinement = Confinement(config.root)
    for source in sources:
        target = po_path(config, language, source)
        if not target.exists():
            continue
        try:
            po, stamp, text = read_catalog_text(config, target, confinement)
        except TransflowError as error:
            loaded.unreadable[source.path] = error
            continue
        loaded.catalogs[source.path] = po
        loaded.stamps[source.path] = stamp
        loaded.texts[source.path] = text
        loaded.memory.add(po.entries, shown(config, target))
    for memory_file in external_memories(config, language):
        name = shown(config, memory_file)
        try:
            if memory_file.suffix.lower() == ".tmx":
                from .tmx import read_tmx  # XML and its safeguards load only for a TMX memory

                raw = memory_file.read_bytes()
                entries = read_tmx(raw, name, config.source_language, language)
            else:
                entries = read_po(memory_file, name).entries
            # another tool's catalog (po4a's paragraphs, its lists): as our units are cut
            catalog = carry_catalog(entries, config.source_language, language)
            loaded.memory.add(catalog.memory, name)
            loaded.memory.suggest(catalog.suggestions, name)
            loaded.external[name] = catalog.entries
        except OSError as error:
            loaded.memory_errors.append(
                TransflowError(f"cannot read memory file: {error.strerror}", path=name)
            )
        except TransflowError as error:
            loaded.memory_errors.append(error)
    return loaded


def external_memories(config: Config, language: str) -> list[Path]:
    """PO and TMX files named by the config's ``memory`` setting for this language.

    A folder contributes the PO files under its ``<lang>/`` subfolder; a path may hold
    ``{lang}`` (``archive/{lang}.po``) and wildcards (``i18n/**/{lang}.po``, po4a's layout);
    a ``.tmx`` file is read as TMX.
    """
    found: list[Path] = []
    for item in config.memory:
        named = item.replace("{lang}", language)
        if any(char in named for char in "*?["):  # po4a's layout: "i18n/**/{lang}.po"
            found.extend(sorted(path for path in config.root.glob(named) if path.is_file()))
            continue
        path = config.root / named
        if path.is_dir():
            found.extend(sorted((path / language).rglob("*.po")) if (path / language).is_dir() else [])
        elif path.is_file():
            found.append(path)
    return found
