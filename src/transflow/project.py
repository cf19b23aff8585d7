"""The project on disk: its config and the sources it points at (found, confined, read and
segmented with the project's settings)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .config import Config, load_config
from .confine import Confinement
from .errors import SourceError, TransflowError, UsageError
from .formats import SUPPORTED_EXTENSIONS, format_of, parse_document
from .languages import normalize_language
from .model import Document
from .paths import Source, shown
from .segmentation import segmented


@dataclass(frozen=True)
class Project:
    """A loaded project: its settings, the sources found, and the files that were not taken."""

    config: Config
    sources: list[Source]
    problems: list[TransflowError]

    def find_source(self, name: str) -> Source:
        """A document as people name it: its path under the source folder (with or without
        extension), the path a shell completes (``source_texts/2024/a.txt``, or relative to the
        folder one stands in), or a base name only one document has (``nikaia-hospital-letter``)."""
        wanted = name.replace("\\", "/").strip("/")
        for candidate in (wanted, *self._as_under_sources(name)):
            for source in self.sources:
                if candidate in (source.path, source.stem):
                    return source
        base = wanted.rsplit("/", 1)[-1]
        named = [s for s in self.sources if base in (s.path.rsplit("/", 1)[-1], s.stem.rsplit("/", 1)[-1])]
        if len(named) == 1:
            return named[0]
        import difflib  # only after a mistake

        if len(named) > 1:
            listed = ", ".join(source.path for source in named[:5])
            raise UsageError(f"{name!r} names {len(named)} documents", hint=f"give the path: {listed}")
        paths = [source.path for source in self.sources]
        near = difflib.get_close_matches(wanted, paths, n=5, cutoff=0.3) or sorted(paths)[:5]
        raise UsageError(f"no source document {name!r}", hint=f"closest: {', '.join(near)}")

    def _as_under_sources(self, name: str) -> list[str]:
        """``name`` as a path under the source folder, if it is one (from here or the root)."""
        found = []
        source_root = self.config.source_path.resolve()
        for base in (Path.cwd(), self.config.root):
            try:
                relative = (base / name).resolve().relative_to(source_root)
            except (ValueError, OSError):
                continue
            found.append(relative.as_posix())
        return found

    def select(self, names: Sequence[str]) -> list[Source]:
        """The named documents, or every source when none is named."""
        return [self.find_source(name) for name in names] if names else list(self.sources)

    def languages(self, requested: Sequence[str]) -> list[str]:
        """The requested target languages, normalised and checked; all of them when none is."""
        chosen: list[str] = []
        for code in requested:
            language = normalize_language(code)
            if language not in self.config.languages:
                raise UsageError(
                    f"{language} is not a target language of this project",
                    path=self.config.config_path.name,
                    hint=f"targets: {', '.join(self.config.languages)}",
                )
            if language not in chosen:
                chosen.append(language)
        return chosen or list(self.config.languages)


def load_project(start: Path) -> Project:
    """The config found from ``start`` upwards and the sources it points at."""
    config = load_config(start)
    sources, problems = discover_sources(config)
    return Project(config, sources, problems)


def discover_sources(config: Config) -> tuple[list[Source], list[TransflowError]]:
    """Every source under the source folder, in path order, and the ones we cannot take."""
    root = config.source_path
    if not root.is_dir():
        return [], [
            SourceError(
                "source folder not found", path=root, hint="create it or set source_dir in the config"
            )
        ]
    found: list[Source] = []
    problems: list[TransflowError] = []
    confinement = Confinement(config.root)
    if not confinement.allows(root):
        return [], [
            SourceError(
                "the source folder leads outside the project (a symbolic link); nothing read",
                path=config.source_dir,
                hint="make it a real folder inside the project",
            )
        ]
    for file_path in sorted(_walk(root), key=lambda item: item.as_posix()):
        relative = PurePosixPath(file_path.relative_to(root).as_posix())
        shown_path = file_path.relative_to(config.root)
        if _CONTROL.search(relative.as_posix()):
            problems.append(
                SourceError(
                    "the file name holds a control character (a line break, a tab...), skipped",
                    path=repr(shown_path.as_posix()),
                    hint="rename the file",
                )
            )
            continue
        if not confinement.allows(file_path):
            problems.append(
                SourceError(
                    "a symbolic link to a file outside the project, skipped (it is never read)",
                    path=shown_path,
                    hint="copy the file into the project if it is a source",
                )
            )
            continue
        if format_of(relative.as_posix(), config.formats) is None:
            problems.append(
                SourceError(
                    f"unsupported file type {relative.suffix or '(none)'}, skipped",
                    path=file_path.relative_to(config.root),
                    hint=f"transflow reads {', '.join(SUPPORTED_EXTENSIONS)}; map more in [formats]",
                )
            )
            continue
        found.append(Source(relative.as_posix(), relative.with_suffix("").as_posix()))
    by_stem: dict[str, list[Source]] = {}
    for source in found:
        by_stem.setdefault(source.stem, []).append(source)
    sources: list[Source] = []
    for stem, group in by_stem.items():
        if len(group) == 1:
            sources.append(group[0])
            continue
        # the same statement as x.txt, x.md and x.html: each its own catalog, x.txt.po, x.md.po...
        # but the one whose template already exists keeps x.po (its translations stay where they are)
        keeper = _template_owner(config, stem)
        sources += [source if source.path == keeper else Source(source.path, source.path) for source in group]
    return sorted(sources, key=lambda source: source.path), problems


def _template_owner(config: Config, stem: str) -> str | None:
    """The document ``templates/<stem>.pot`` was made from: its first reference names it."""
    try:
        with (config.locales_path / "templates" / f"{stem}.pot").open(encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("#: "):
                    return line[3:].split()[0].rsplit(":", 1)[0]
    except (OSError, UnicodeDecodeError):
        return None
    return None


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _walk(root: Path) -> Iterator[Path]:
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in files:
            if not name.startswith("."):
                yield Path(folder) / name


def orphan_templates(config: Config, sources: list[Source]) -> list[str]:
    """Templates whose source document is gone (its translations are never deleted for it)."""
    folder = config.locales_path / "templates"
    if not folder.is_dir():
        return []
    stems = {source.stem for source in sources}
    return sorted(
        shown(config, path)
        for path in folder.rglob("*.pot")
        if path.relative_to(folder).with_suffix("").as_posix() not in stems
    )


def read_source(config: Config, source: Source) -> bytes:
    file_path = config.source_path / source.path
    try:
        return file_path.read_bytes()
    except OSError as error:
        raise SourceError(f"cannot read source: {error.strerror}", path=file_path) from None


def load_document(config: Config, source: Source, keep: bool = True) -> Document:
    return parse_source(config, read_source(config, source), source.path, keep)


def parse_source(config: Config, raw: bytes, path: str, keep: bool = True) -> Document:
    """A source's bytes segmented with the project's settings and format mapping (kept
    between runs, ``segmentation.py``, unless ``keep`` is False: a dry run writes nothing)."""

    def segment() -> Document:
        return parse_document(raw, path, config.segmentation(), config.formats, config.skip)

    return segmented(config, raw, path, segment, keep)
