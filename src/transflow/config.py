"""Project configuration: ``transflow.toml`` or ``[tool.transflow]`` in pyproject.toml.

Looked up from the working folder upwards, the way ruff and black find theirs.
Language codes are validated and normalised by ``languages``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from .checksettings import (
    OFF_BY_DEFAULT,
    WORDS,
    CheckSettings,
    Glossary,
    Severity,
    SpellingSettings,
    read_word_list,
)
from .errors import ConfigError
from .formats import FORMATS, Segmentation
from .formats.common import SegmentUnit
from .languages import normalize_language
from .mt import Engine, MtSettings

CONFIG_NAME = "transflow.toml"
UNITS: tuple[SegmentUnit, ...] = ("sentence", "paragraph")


@dataclass(frozen=True)
class Config:
    """Everything a command needs to know about the project, resolved once."""

    root: Path
    config_path: Path
    source_language: str
    languages: tuple[str, ...]
    source_dir: str = "source_texts"
    locales_dir: str = "locales"
    build_dir: str = "build"
    unit: SegmentUnit = "sentence"
    project_name: str = "transflow"
    abbreviations: dict[str, tuple[str, ...]] = field(default_factory=dict)  # sorted, for stable hashes
    keep_trivial: bool = False  # carry trivially edited units over without fuzzy
    memory: tuple[str, ...] = ()  # extra PO files or folders used as translation memory
    formats: dict[str, str] = field(default_factory=dict)  # more extensions: {".mdx": "markdown"}
    checks: CheckSettings = field(default_factory=CheckSettings)  # [glossary] and [checks]
    mt: MtSettings = field(default_factory=MtSettings)  # [mt]: machine drafts, with update --mt
    require_review: bool = False  # build publishes only approved translations
    report_bugs_to: str = ""  # Report-Msgid-Bugs-To: whom translators tell about an error in the source
    teams: dict[str, str] = field(default_factory=dict)  # Language-Team per language
    skip: dict[str, tuple[str, ...]] = field(default_factory=dict)  # format -> line patterns kept out

    @property
    def source_path(self) -> Path:
        return self.root / self.source_dir

    @property
    def locales_path(self) -> Path:
        return self.root / self.locales_dir

    @property
    def build_path(self) -> Path:
        return self.root / self.build_dir

    def segmentation(self) -> Segmentation:
        language = self.source_language.split("_")[0]
        return Segmentation(
            unit=self.unit,
            language=language,
            abbreviations=self.abbreviations.get(self.source_language, ()),
        )


def find_config(start: Path) -> tuple[Path, dict[str, Any]]:
    """The nearest transflow.toml, or pyproject.toml with [tool.transflow], upwards."""
    for folder in [start, *start.parents]:
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate, _read_toml(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {}).get("transflow")
            if isinstance(table, dict):
                return pyproject, table
    raise ConfigError(
        f"no {CONFIG_NAME} here or in any parent folder",
        path=start,
        hint="run 'transflow init' to create one",
    )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"invalid TOML: {error}", path=path, hint="fix the syntax") from None
    except RecursionError:
        raise ConfigError("invalid TOML: nested too deeply", path=path, hint="fix the syntax") from None
    except OSError as error:
        raise ConfigError(f"cannot read: {error.strerror}", path=path) from None


def load_config(start: Path) -> Config:
    path, table = find_config(start.resolve())
    return parse_config(table, path)


def _line_of(path: Path, key: str) -> int | None:
    """The line of the config where ``key =`` is written, for an error to point at."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    match = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=", text, re.MULTILINE)
    return None if match is None else text.count("\n", 0, match.start()) + 1


class _Invalid(Exception):
    """A setting's value refused: what is wrong and what to write (``parse_config`` adds the
    file and the line)."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class _Reading:
    """What a setting's reader may look at: the config file, its whole table (a setting read
    with another, as [checks] with [glossary]) and the settings read before it."""

    path: Path
    table: dict[str, Any]
    read: dict[str, Any]


@dataclass(frozen=True)
class _Setting:
    """One top-level setting: its key in the file, its default, how it is read, and the
    ``Config`` field it fills (None: another setting's reader takes it)."""

    key: str
    default: Any
    reader: Callable[[Any, _Reading], Any]
    field: str | None = ""  # "": the key itself


def _languages(value: Any, reading: _Reading) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise _Invalid("'languages' must be a list of language codes", 'e.g. languages = ["fr", "de"]')
    if not value:
        raise _Invalid("'languages' is empty: nothing to translate into", 'e.g. languages = ["fr", "de"]')
    targets = tuple(dict.fromkeys(normalize_language(code, reading.path) for code in value))
    source_language = reading.read["source_language"]
    if source_language in targets:
        raise _Invalid(
            f"the source language {source_language} is also a target", "remove it from 'languages'"
        )
    return targets


def _unit(value: Any, reading: _Reading) -> SegmentUnit:
    unit = next((name for name in UNITS if name == value), None)
    if unit is None:
        raise _Invalid(f"unit must be one of {', '.join(UNITS)}, not {value!r}")
    return unit


def _abbreviations(value: Any, reading: _Reading) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise _Invalid("abbreviations must be a table", "write it as [abbreviations]")
    stray = sorted(set(value) & KNOWN_SETTINGS)
    if stray:  # a setting written after [abbreviations] (the table `transflow init` writes last)
        raise ConfigError(
            f"{stray[0]!r} is inside the [abbreviations] table",
            path=reading.path,
            line=_line_of(reading.path, stray[0]),
            hint="move it above the first [table]: top-level settings come before every table",
        )
    abbreviations: dict[str, tuple[str, ...]] = {}
    for code, words in value.items():
        if not isinstance(words, list):
            raise _Invalid(f"abbreviations.{code} must be a list of words")
        abbreviations[normalize_language(code, reading.path)] = tuple(sorted({str(word) for word in words}))
    return abbreviations


def _project(value: Any, reading: _Reading) -> str:
    if value is None:
        return reading.path.parent.name or "transflow"
    if not isinstance(value, str):
        raise _Invalid("project must be a name in quotes", 'e.g. project = "Statements"')
    return value


def _yes_or_no(key: str) -> _Setting:
    def yes_or_no(value: Any, reading: _Reading) -> bool:
        if not isinstance(value, bool):
            raise _Invalid(f"{key} must be true or false", f"e.g. {key} = true")
        return value

    return _Setting(key, False, yes_or_no)


def _memory(value: Any, reading: _Reading) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _Invalid("memory must be a list of PO files or folders", 'e.g. memory = ["archive"]')
    return tuple(value)


def _formats(value: Any, reading: _Reading) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _Invalid("formats must be a table", "write it as [formats]")
    formats: dict[str, str] = {}
    for extension, kind in value.items():
        if kind not in FORMATS:
            raise _Invalid(f"formats.{extension} must be one of {', '.join(FORMATS)}, not {kind!r}")
        formats["." + str(extension).lower().lstrip(".")] = kind
    return formats


def _checks(value: Any, reading: _Reading) -> CheckSettings:
    """[checks] with [glossary] and [spelling], which it holds."""
    table = reading.table
    checks = _parse_checks(value, table.get("glossary", {}), reading.path)
    spelling = _parse_spelling(table.get("spelling", {}), reading.read["languages"], reading.path)
    return replace(checks, spelling=spelling)


def _taken_with_checks(value: Any, reading: _Reading) -> None:
    """[glossary] and [spelling]: read by ``_checks``."""


def _address(value: Any, reading: _Reading) -> str:
    if not isinstance(value, str) or "\n" in value:
        raise _Invalid(
            "report_bugs_to must be an address in quotes", 'e.g. report_bugs_to = "press@example.org"'
        )
    return value.strip()


def _teams(value: Any, reading: _Reading) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(team, str) and team.strip() and "\n" not in team for team in value.values()
    ):
        raise _Invalid("teams must be a table of names", 'e.g. [teams] fr = "Équipe FR <fr@example.org>"')
    return {normalize_language(code, reading.path): team.strip() for code, team in value.items()}


def _folder(key: str, default: str) -> _Setting:
    def folder(value: Any, reading: _Reading) -> str:
        if not isinstance(value, str) or not value or Path(value).is_absolute() or ".." in Path(value).parts:
            raise _Invalid(f"{key} must be a folder inside the project", f'e.g. {key} = "{default}"')
        return value

    return _Setting(key, default, folder)


# Every top-level setting, in the order they are read (a reader may use those before it).
SETTINGS: tuple[_Setting, ...] = (
    _Setting("source_language", "en", lambda value, reading: normalize_language(str(value), reading.path)),
    _Setting("languages", None, _languages),
    _folder("source_dir", "source_texts"),
    _folder("locales_dir", "locales"),
    _folder("build_dir", "build"),
    _Setting("unit", "sentence", _unit),
    _Setting("project", None, _project, field="project_name"),
    _Setting("abbreviations", {}, _abbreviations),
    _yes_or_no("keep_trivial"),
    _Setting("memory", [], _memory),
    _Setting("formats", {}, _formats),
    _Setting("checks", {}, _checks),
    _Setting("glossary", {}, _taken_with_checks, field=None),
    _Setting("spelling", {}, _taken_with_checks, field=None),
    _Setting("mt", {}, lambda value, reading: _parse_mt(value, reading.path)),
    _yes_or_no("require_review"),
    _Setting("report_bugs_to", "", _address),
    _Setting("teams", {}, _teams),
    _Setting("skip", {}, lambda value, reading: _parse_skip(value, reading.path)),
)
KNOWN_SETTINGS = frozenset(setting.key for setting in SETTINGS)


def parse_config(table: dict[str, Any], path: Path) -> Config:
    """Validate a config table; every problem is a ConfigError naming ``path`` (and the line
    of the setting, when it is written in the file)."""
    unknown = sorted(set(table) - KNOWN_SETTINGS)
    if unknown:
        import difflib  # only after a mistake

        near = difflib.get_close_matches(unknown[0], sorted(KNOWN_SETTINGS), n=1)
        hint = f"did you mean {near[0]}?" if near else f"known settings: {', '.join(sorted(KNOWN_SETTINGS))}"
        raise ConfigError(
            f"unknown setting {unknown[0]!r}", path=path, line=_line_of(path, unknown[0]), hint=hint
        )
    reading = _Reading(path, table, {})
    fields: dict[str, Any] = {}
    for setting in SETTINGS:
        try:
            value = setting.reader(table.get(setting.key, setting.default), reading)
        except _Invalid as invalid:
            raise ConfigError(
                str(invalid), path=path, line=_line_of(path, setting.key), hint=invalid.hint
            ) from None
        reading.read[setting.key] = value
        if setting.field is not None:
            fields[setting.field or setting.key] = value
    _refuse_overlap({key: fields[key] for key in ("source_dir", "locales_dir", "build_dir")}, path)
    return Config(root=path.parent, config_path=path, **fields)


def _parse_skip(table: object, path: Path) -> dict[str, tuple[str, ...]]:
    """[skip]: per format name, regular expressions of lines that are code, not text."""
    if not isinstance(table, dict):
        raise ConfigError(
            "skip must be a table", path=path, hint="e.g. [skip] markdown = ['^\\{\\{<.*>\\}\\}$']"
        )
    skip: dict[str, tuple[str, ...]] = {}
    for name, patterns in table.items():
        if name not in FORMATS:
            raise ConfigError(
                f"skip.{name}: no format of that name", path=path, hint=f"formats: {', '.join(FORMATS)}"
            )
        if not _strings(patterns):
            raise ConfigError(f"skip.{name} must be a list of patterns", path=path)
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                raise ConfigError(
                    f"skip.{name}: {pattern!r} is no regular expression ({error})", path=path
                ) from None
        skip[name] = tuple(patterns)
    return dict(sorted(skip.items()))


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value)


def _check_names() -> tuple[str, ...]:
    from .checks import CHECKS  # the checks themselves load only for a config that names one

    return tuple(CHECKS)


def _parse_checks(checks: object, glossary: object, path: Path) -> CheckSettings:
    """[checks] switches and length bounds, [glossary] keep and per-language terms."""
    if not isinstance(checks, dict) or not isinstance(glossary, dict):
        raise ConfigError(
            "checks and glossary must be tables", path=path, hint="write them as [checks], [glossary]"
        )
    disabled = set(OFF_BY_DEFAULT)
    severities: dict[str, Severity] = {}
    bounds = {"length_min": 0.4, "length_max": 2.5}
    for name, value in checks.items():
        if name in bounds:
            if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
                raise ConfigError(
                    f"checks.{name} must be a positive number", path=path, hint=f"e.g. {name} = 0.4"
                )
            bounds[name] = float(value)
        elif name in _check_names():
            if value in ("error", "warning"):
                severities[name] = "error" if value == "error" else "warning"
            elif not isinstance(value, bool):
                raise ConfigError(
                    f'checks.{name} must be true, false, "error" or "warning"',
                    path=path,
                    line=_line_of(path, name),
                    hint=f'e.g. {name} = "error" to keep a document with such a finding from publication',
                )
            elif not value:
                disabled.add(name)
            else:
                disabled.discard(name)
            if value in ("error", "warning"):
                disabled.discard(name)
        else:
            raise ConfigError(
                f"unknown check {name!r}",
                path=path,
                hint=f"checks: {', '.join(_check_names())}, length_min, length_max",
            )
    keep: tuple[str, ...] = ()
    terms: dict[str, tuple[tuple[str, str], ...]] = {}
    for key, value in glossary.items():
        if key == "keep":
            if not _strings(value):
                raise ConfigError(
                    "glossary.keep must be a list of terms", path=path, hint='e.g. keep = ["KKE"]'
                )
            keep = tuple(sorted(set(value)))
        elif isinstance(value, dict) and all(
            isinstance(term, str) and term.strip() for term in value.values()
        ):
            terms[normalize_language(key, path)] = tuple(sorted((str(k), str(v)) for k, v in value.items()))
        else:
            raise ConfigError(
                f"glossary.{key} must be keep = [...] or a table of terms for a language",
                path=path,
                hint='e.g. [glossary.el] KKE = "ΚΚΕ"',
            )
    return CheckSettings(
        Glossary(keep, dict(sorted(terms.items()))),
        frozenset(disabled),
        bounds["length_min"],
        bounds["length_max"],
        dict(sorted(severities.items())),
    )


def _parse_spelling(spelling: object, languages: tuple[str, ...], path: Path) -> SpellingSettings:
    """[spelling]: LANG = "path/to/fr_FR" per language, words = "locales/{lang}/words.txt";
    the word lists are read here, so that a change to one is a change of the settings."""
    if not isinstance(spelling, dict):
        raise ConfigError("spelling must be a table", path=path, hint='e.g. [spelling] fr = "dicts/fr_FR"')
    root = path.parent
    dictionaries: dict[str, str] = {}
    words_path = WORDS
    for key, value in spelling.items():
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(
                f"spelling.{key} must be a path in quotes",
                path=path,
                line=_line_of(path, key),
                hint='e.g. fr = "dicts/fr_FR" (beside fr_FR.aff) or words = "locales/{lang}/words.txt"',
            )
        if key == "words":
            words_path = value
        else:
            dictionaries[normalize_language(key, path)] = value
    words: dict[str, tuple[str, ...]] = {}
    for language in languages:
        word_file = root / words_path.replace("{lang}", language)
        try:
            text = word_file.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(
                f"cannot read the word list {word_file.relative_to(root).as_posix()}: {error}",
                path=path,
                hint="one word a line, UTF-8",
            ) from None
        words[language] = read_word_list(text)
    return SpellingSettings(str(root), dict(sorted(dictionaries.items())), words_path, words)


_ENGINE_KEYS = frozenset(
    ("engine", "command", "url", "api", "model", "allow_hosts", "timeout", "batch", "name")
)
_APIS = ("libretranslate", "apertium-apy", "ollama")


def _parse_mt(table: object, path: Path) -> MtSettings:
    """[mt] (every language) and [mt.LANG] (one): engine = "command" with command = [...], or
    engine = "http" with url, api (libretranslate, apertium-apy, ollama), model, allow_hosts."""
    if not isinstance(table, dict):
        raise ConfigError("mt must be a table", path=path, hint='e.g. [mt.es] engine = "command"')
    engines: dict[str, Engine] = {}
    shared = {key: value for key, value in table.items() if not isinstance(value, dict)}
    if shared:
        engines["*"] = _parse_engine(shared, "mt", path)
    for key, value in table.items():
        if isinstance(value, dict):
            engines[normalize_language(key, path)] = _parse_engine(value, f"mt.{key}", path)
    return MtSettings(engines)


def _parse_engine(table: dict[str, Any], name: str, path: Path) -> Engine:
    def fail(message: str, key: str, hint: str) -> ConfigError:
        return ConfigError(f"{name}.{message}", path=path, line=_line_of(path, key), hint=hint)

    unknown = sorted(set(table) - _ENGINE_KEYS)
    if unknown:
        return_hint = f"an engine has: {', '.join(sorted(_ENGINE_KEYS))}"
        raise fail(f"{unknown[0]} is not an engine setting", unknown[0], return_hint)
    kind = table.get("engine")
    if kind not in ("command", "http"):
        raise fail('engine must be "command" or "http"', "engine", 'e.g. engine = "command"')
    timeout = table.get("timeout", 60)
    if not isinstance(timeout, int | float) or isinstance(timeout, bool) or timeout <= 0:
        raise fail("timeout must be a number of seconds", "timeout", "e.g. timeout = 60")
    batch = table.get("batch", True)
    if not isinstance(batch, bool):
        raise fail("batch must be true or false", "batch", "batch = false calls the command once a unit")
    label = table.get("name", "")
    if not isinstance(label, str):
        raise fail("name must be text", "name", 'e.g. name = "apertium eng-spa 0.8.1"')
    if kind == "command":
        command = table.get("command")
        if not _strings(command):
            raise fail("command must be a list: the program and its arguments", "command",
                       'e.g. command = ["apertium", "eng-spa"]')  # fmt: skip
        assert isinstance(command, list)
        return Engine("command", tuple(command), timeout=float(timeout), batch=batch, name=label)
    url, api, model = table.get("url"), table.get("api", "libretranslate"), table.get("model", "")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise fail("url must be an http:// address", "url", 'e.g. url = "http://127.0.0.1:5000/translate"')
    if api not in _APIS:
        raise fail(f"api must be one of {', '.join(_APIS)}", "api", 'e.g. api = "libretranslate"')
    if not isinstance(model, str) or (api == "ollama" and not model):
        raise fail("model must name the ollama model", "model", 'e.g. model = "llama3"')
    hosts = table.get("allow_hosts", [])
    if not isinstance(hosts, list) or not all(isinstance(host, str) for host in hosts):
        raise fail("allow_hosts must be a list of host names", "allow_hosts", 'e.g. allow_hosts = ["mt.lan"]')
    return Engine(
        "http", url=url, api=api, model=model, allow_hosts=tuple(hosts), timeout=float(timeout), name=label
    )


def _refuse_overlap(folders: dict[str, str], path: Path) -> None:
    """Sources, catalogs and outputs in three separate folders: a build into the source
    folder would overwrite sources, catalogs among sources would be read as sources."""
    parts = {key: PurePosixPath(value.replace("\\", "/")).parts for key, value in folders.items()}
    keys = list(parts)
    for index, first in enumerate(keys):
        for second in keys[index + 1 :]:
            a, b = parts[first], parts[second]
            shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
            if longer[: len(shorter)] == shorter:
                raise ConfigError(
                    f"{first} ({folders[first]!r}) and {second} ({folders[second]!r}) overlap",
                    path=path,
                    hint="sources, locales and build outputs need three separate folders",
                )


def render_config(source_language: str, languages: list[str], project: str) -> str:
    """The text ``transflow init`` writes."""
    quoted = ", ".join(f'"{code}"' for code in languages)
    return (
        f'# transflow project settings\nproject = "{project}"\n'
        f'source_language = "{source_language}"\n'
        f"languages = [{quoted}]\n"
        'source_dir = "source_texts"\nlocales_dir = "locales"\nbuild_dir = "build"\n'
        '# "sentence" (one unit per sentence) or "paragraph"\nunit = "sentence"\n\n'
        "# Words after which a sentence never ends, per source language.\n"
        "[abbreviations]\n"
        f"{source_language} = []\n"
    )
