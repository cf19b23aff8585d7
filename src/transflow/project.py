"""The project on disk: finding sources, mapping them to PO paths, atomic writes.

This is the imperative shell around the pure core: it reads bytes, calls the format
layer and the catalog functions, and writes files only when their content changes.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from .carry import Carried, carry_catalog
from .config import Config, load_config
from .digests import blake2b, file_blake2b
from .errors import PoSyntaxError, SourceError, TransflowError, UsageError, decode_utf8
from .formats import SUPPORTED_EXTENSIONS, format_of, parse_document
from .languages import normalize_language
from .memory import Memory
from .model import Document
from .po import PoFile, parse_po, po_text, read_po
from .review import ReviewError, ReviewRecord, parse_review, render_review


@dataclass(frozen=True)
class Source:
    """A source document: its path under the source folder, and its catalog name."""

    path: str  # posix, extension included: "2015/kazakhstan.txt"
    stem: str  # posix, no extension: "2015/kazakhstan"


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


class Confinement:
    """Answers whether a path stays inside a folder once symbolic links are followed.

    A cloned repository can carry links; nothing is read or written through one that
    leads outside the project. Resolved folders are remembered: a run asks about many
    files in few folders.
    """

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._folders: dict[Path, bool] = {}
        self._named: dict[str, bool] = {}

    def _inside(self, resolved: Path) -> bool:
        return resolved == self.root or resolved.is_relative_to(self.root)

    def allows(self, path: Path) -> bool:
        folder = path.parent
        inside = self._folders.get(folder)
        if inside is None:
            inside = self._folders[folder] = self._inside(folder.resolve())
        if not inside:
            return False
        return not path.is_symlink() or self._inside(path.resolve())

    def folder_allows(self, folder: str) -> bool:
        """The folder (a plain string path) resolves inside: cached, for hot loops."""
        inside = self._named.get(folder)
        if inside is None:
            inside = self._named[folder] = self._inside(Path(folder).resolve())
        return inside

    def check(self, path: Path, shown_path: Path | str) -> None:
        """Raise when ``path`` leads outside; the error names it as ``shown_path``."""
        if not self.allows(path):
            raise TransflowError(
                "leads outside the project through a symbolic link: not read or written",
                path=shown_path,
                hint="replace the link with a real folder or file inside the project",
            )


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


def read_review(config: Config, language: str, source: Source) -> list[ReviewRecord]:
    """The document's review record in ``language`` ([] when there is none)."""
    path = review_path(config, language, source)
    name = shown(config, path)
    try:
        Confinement(config.root).check(path, name)
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as error:
        raise ReviewError(f"cannot read: {error.strerror}", path=name) from None
    return review_records(raw, name)


def review_records(raw: bytes, name: str) -> list[ReviewRecord]:
    """A review record's lines from its bytes (already read, and confined, by the caller)."""
    return parse_review(decode_utf8(raw, name, ReviewError, "review record", "save it as UTF-8"), name)


def write_review(config: Config, language: str, source: Source, records: Sequence[ReviewRecord]) -> bool:
    """Write the record atomically (an empty record removes the file)."""
    path = review_path(config, language, source)
    Confinement(config.root).check(path, shown(config, path))
    text = render_review(records)
    if not text:
        existed = path.exists()
        path.unlink(missing_ok=True)
        return existed
    return write_if_changed(path, text)


def read_source(config: Config, source: Source) -> bytes:
    file_path = config.source_path / source.path
    try:
        return file_path.read_bytes()
    except OSError as error:
        raise SourceError(f"cannot read source: {error.strerror}", path=file_path) from None


def load_document(config: Config, source: Source) -> Document:
    return parse_source(config, read_source(config, source), source.path)


def parse_source(config: Config, raw: bytes, path: str) -> Document:
    """A source's bytes segmented with the project's settings and format mapping."""
    return parse_document(raw, path, config.segmentation(), config.formats, config.skip)


_SLICE = 1 << 20  # characters encoded (and bytes compared) at a time


def write_if_changed(path: Path, text: str) -> bool:
    """Atomically replace ``path`` with ``text`` (UTF-8) unless it already holds it.

    The text is encoded and compared a slice at a time: a large catalog is never held a
    second and a third time as bytes (its encoding and the file's old content)."""
    return write_pieces_if_changed(path, (text[i : i + _SLICE] for i in range(0, len(text), _SLICE)))


def write_bytes_if_changed(path: Path, data: bytes) -> bool:
    """Atomically replace ``path`` with ``data`` (temporary file + rename) unless it holds it."""
    return _write_parts(path, [(data, data)])


def write_pieces_if_changed(
    path: Path,
    pieces: Iterable[str],
    *,
    dry_run: bool = False,
    first_as_compared: str | None = None,
) -> bool:
    """``write_if_changed`` for text made a piece at a time: each piece is encoded, compared
    with the file and, from the first difference on, written to a temporary file that then
    replaces ``path``; no piece is held after it is written, and a file that already holds the
    text is not touched. ``first_as_compared``: what the first piece is compared with the file
    as (a header whose date moves only when the rest changes). A dry run writes nothing and
    says whether it would. Exceptions from ``pieces`` leave the file as it was."""

    def encoded() -> Iterator[tuple[bytes, bytes]]:
        for index, piece in enumerate(pieces):
            data = piece.encode("utf-8")
            if index == 0 and first_as_compared is not None:
                yield data, first_as_compared.encode("utf-8")
            else:
                yield data, data

    return _write_parts(path, encoded(), dry_run)


def _write_parts(path: Path, parts: Iterable[tuple[bytes, bytes]], dry_run: bool = False) -> bool:
    """The parts (as written, as compared) through one ``_PieceWriter``."""
    stream = _PieceWriter(path, dry_run)
    try:
        for data, compared in parts:
            stream.add(data, compared)
        return stream.finish()
    except BaseException:
        stream.abandon()
        raise


class _PieceWriter:
    """The state of ``write_pieces_if_changed``: the old file read alongside while the new
    content matches it; once it does not, a temporary file written from then on (what matched
    copied from the old file, except the first piece, kept as it is to be written)."""

    def __init__(self, path: Path, dry_run: bool) -> None:
        self.path = path
        self.dry_run = dry_run
        try:
            self.old: BinaryIO | None = path.open("rb")
        except OSError:
            self.old = None  # missing or unreadable: writing says what is wrong, if anything
        self.matching = self.old is not None
        self.first: bytes | None = None  # the first piece as written, once it matched
        self.first_compared = -1  # its length as compared (-1: no piece yet)
        self.matched = 0  # bytes of the old file matched so far
        self.temp: BinaryIO | None = None
        self.temp_name = ""

    def add(self, data: bytes, compared: bytes) -> None:
        first = self.first_compared < 0
        if first:
            self.first_compared = len(compared)
        if self.matching:
            assert self.old is not None
            if self.old.read(len(compared)) == compared:
                self.matched += len(compared)
                if first:
                    self.first = data  # written as it is, if anything is written
                return
            self.matching = False
            if not self.dry_run:
                self._start(before=data)
        elif self.temp is not None:
            self.temp.write(data)
        elif not self.dry_run:
            self._start(before=data)

    def _start(self, before: bytes) -> None:
        """Open the temporary file and write what matched, then ``before`` (the piece that
        did not match, or the whole first piece)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, self.temp_name = tempfile.mkstemp(
                dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
            )
        except OSError as error:
            raise TransflowError(
                f"cannot write: {error.strerror}", path=self.path, hint="check permissions"
            ) from None
        self.temp = os.fdopen(handle, "wb")
        if self.first is not None:
            # the first piece as written, then the old file's bytes that matched after it
            self.temp.write(self.first)
            assert self.old is not None
            self.old.seek(self.first_compared)
            remaining = self.matched - self.first_compared
            while remaining > 0:
                block = self.old.read(min(remaining, _SLICE))
                self.temp.write(block)
                remaining -= len(block)
        self.temp.write(before)

    def finish(self) -> bool:
        if self.matching:
            assert self.old is not None
            if self.old.read(1) == b"":
                self.abandon()
                return False  # the file holds exactly this text
            self.matching = False  # the old file goes on: it is longer
            if not self.dry_run and self.temp is None:
                self._start(before=b"")
        if self.dry_run:
            self.abandon()
            return True
        if self.temp is None:  # nothing at all was written (no pieces, no old file)
            self._start(before=b"")
        assert self.temp is not None
        try:
            self.temp.close()
            os.chmod(self.temp_name, _mode_for(self.path))
            os.replace(self.temp_name, self.path)
        except OSError as error:
            Path(self.temp_name).unlink(missing_ok=True)
            raise TransflowError(
                f"cannot write: {error.strerror}", path=self.path, hint="check permissions and free space"
            ) from None
        finally:
            if self.old is not None:
                self.old.close()
        return True

    def abandon(self) -> None:
        if self.old is not None:
            self.old.close()
        if self.temp is not None:
            self.temp.close()
            Path(self.temp_name).unlink(missing_ok=True)
            self.temp = None


OUR_TEMP_FILE = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # what _PieceWriter makes
STALE_TEMP_SECONDS = 600  # a write takes milliseconds; older ones were left by a killed run


def remove_stale_temp_files(folder: Path, now: float | None = None) -> int:
    """Delete the temporary files a killed run left under ``folder``; how many went.

    Only files named as ours and untouched for ten minutes: a run going on beside this
    one keeps its own.
    """
    if not folder.is_dir():
        return 0
    moment = time.time() if now is None else now
    removed = 0
    for place, _, files in os.walk(folder):
        for name in files:
            if name.endswith(".tmp") and OUR_TEMP_FILE.match(name):
                path = Path(place) / name
                try:
                    if moment - path.lstat().st_mtime > STALE_TEMP_SECONDS:
                        path.unlink()
                        removed += 1
                except OSError:
                    continue
    return removed


def _mode_for(path: Path) -> int:
    """The file's current permissions, or what the umask gives a new file."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def now_stamp() -> str:
    """A gettext date; SOURCE_DATE_EPOCH pins it for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = time.gmtime(int(epoch)) if epoch else time.gmtime()
    return time.strftime("%Y-%m-%d %H:%M+0000", moment)


@dataclass(frozen=True)
class Stamp:
    """What a file was when it was read: to tell, before replacing it, that nobody saved it since."""

    size: int
    mtime_ns: int
    digest: bytes

    @classmethod
    def of(cls, path: Path) -> tuple[Stamp, bytes]:
        """The file's bytes and their stamp (stat taken first: a save in between shows as a change)."""
        status = path.stat()
        raw = path.read_bytes()
        return cls(status.st_size, status.st_mtime_ns, blake2b(raw, digest_size=16).digest()), raw

    def still(self, path: Path) -> bool:
        """The file still holds what was read: same size and time, then (times are coarse) same bytes."""
        try:
            status = path.stat()
            if (status.st_size, status.st_mtime_ns) != (self.size, self.mtime_ns):
                return False
            with path.open("rb") as handle:  # a block at a time: a large file is not read whole
                digest = file_blake2b(handle, 16)
            return digest == self.digest
        except OSError:
            return False


@dataclass
class LanguageCatalogs:
    """A language's memory, its PO files by document path, and what each file was when read."""

    memory: Memory
    catalogs: dict[str, PoFile]
    stamps: dict[str, Stamp]
    texts: dict[str, str] = field(default_factory=dict)  # each PO's text as read, to write over it
    # another tool's catalogs named as memory: each translated entry and what it serves
    external: dict[str, list[Carried]] = field(default_factory=dict)


def read_catalog(config: Config, path: Path, confinement: Confinement) -> tuple[PoFile, Stamp]:
    """One PO file of the project, refused when a link takes it outside."""
    po, stamp, _ = read_catalog_text(config, path, confinement)
    return po, stamp


def read_catalog_text(config: Config, path: Path, confinement: Confinement) -> tuple[PoFile, Stamp, str]:
    """One PO file, its stamp and its text, refused when a link takes it outside."""
    name = shown(config, path)
    confinement.check(path, name)
    try:
        stamp, raw = Stamp.of(path)
    except OSError as error:
        raise PoSyntaxError(
            f"cannot read PO file: {error.strerror}", path=name, hint="check permissions"
        ) from None
    text = po_text(raw, name)
    del raw  # one copy of a large file, as text
    return parse_po(text.removeprefix("\ufeff"), name), stamp, text


def load_language_memory(
    config: Config, language: str, sources: Sequence[Source], on_error: Callable[[TransflowError], None]
) -> LanguageCatalogs:
    """A language's memory (all its PO files and the config's memory files), and its PO files."""
    loaded = LanguageCatalogs(Memory(), {}, {})
    confinement = Confinement(config.root)
    for source in sources:
        target = po_path(config, language, source)
        if not target.exists():
            continue
        try:
            po, stamp, text = read_catalog_text(config, target, confinement)
        except TransflowError as error:
            on_error(error)
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
            on_error(TransflowError(f"cannot read memory file: {error.strerror}", path=name))
        except TransflowError as error:
            on_error(error)
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
