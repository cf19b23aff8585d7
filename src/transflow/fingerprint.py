"""One fingerprint of what shapes transflow's results besides the files themselves.

Every cache under ``.transflow/`` (status counts, the file index, the update state, the PO
layouts, the kept answers a ``status`` replays) and the manifest's ``config`` input are keyed
by it: transflow's own code (a
digest of its modules, so an upgrade or a local edit invalidates every cache), the
versions of the libraries whose answers it keeps (segmentation, Markdown, locale data,
fuzzy matching), the Python that runs it, and the project settings that change what a
command computes. A cache that survived a code change would make a run different, not
only faster.
"""

from __future__ import annotations

import os
import sys

from .digests import blake2b, content_digest

TYPE_CHECKING = False  # not typing's: the replay check imports this module, and typing costs 8 ms
if TYPE_CHECKING:
    from typing import Any

    from .config import Config

# the distributions whose answers transflow keeps in its caches (segmentation, Markdown,
# locale data, fuzzy matching, PO and TMX reading), and those that shape what a kept answer
# prints (the replay of a status or update)
_LIBRARIES = ("sentencex", "markdown_it_py", "babel", "rapidfuzz", "polib", "rich", "click")


_CODE: list[str] = []  # the fingerprint, once a process


def code_fingerprint() -> str:
    """transflow's modules, the kept libraries' versions and Python's: 4 ms, once a process."""
    if not _CODE:
        _CODE.append(_code_digest())
    return _CODE[0]


def _code_digest() -> str:
    digest = blake2b(digest_size=16)
    _digest_modules(digest, os.path.dirname(os.path.abspath(__file__)), "")
    digest.update(repr((sys.version, sys.implementation.name, _library_versions())).encode("utf-8"))
    return digest.hexdigest()


def _digest_modules(digest: Any, folder: str, relative: str) -> None:
    """Each module's path and bytes, folders in name order (byte-compiled caches left out:
    a replayed status pays for this walk, so it lists each folder once, with scandir)."""
    with os.scandir(folder) as found:
        entries = sorted(found, key=lambda entry: entry.name)
    for entry in entries:
        name = relative + entry.name
        if entry.name.endswith(".py") and entry.is_file():
            digest.update(name.encode("utf-8") + b"\0")
            with open(entry.path, "rb") as handle:
                digest.update(handle.read())
        elif entry.name != "__pycache__" and entry.is_dir():
            _digest_modules(digest, entry.path, name + "/")


def _library_versions() -> list[str]:
    """The libraries' ``*.dist-info`` folder names (name and version), found on the path
    without importlib.metadata (90 ms to ask it for four versions)."""
    found = []
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info") and name.lower().startswith(_LIBRARIES):
                found.append(name.lower())
    return sorted(set(found))


def settings_fingerprint(config: Config, *extra: object) -> str:
    """The code's fingerprint with every setting that shapes a result (and ``extra``: a
    command's own options that do). Worked out once a config and ``extra`` (a command asks
    for it once a document; its dictionaries are stat'ed)."""
    known = _SETTINGS.get(id(config))
    if known is not None and known[0] is config and extra in known[1]:
        return known[1][extra]
    digest = _settings_digest(config, extra)
    if known is None or known[0] is not config:
        known = _SETTINGS[id(config)] = (config, {})
        if len(_SETTINGS) > 64:  # configs come and go in tests: the oldest go
            del _SETTINGS[next(iter(_SETTINGS))]
    known[1][extra] = digest
    return digest


# id(config) -> (the config, its digest by extra): the config is held, so its id is not reused
_SETTINGS: dict[int, tuple[Config, dict[tuple[object, ...], str]]] = {}


def _settings_digest(config: Config, extra: tuple[object, ...]) -> str:
    shaping = (
        code_fingerprint(),
        config.source_language,
        config.languages,
        config.segmentation(),
        sorted(config.formats.items()),
        sorted(config.skip.items()),
        _checks_shape(config),
        config.project_name,
        config.report_bugs_to,
        sorted(config.teams.items()),
        config.keep_trivial,
        config.source_dir,
        config.locales_dir,
        config.memory,
        extra,
    )
    return content_digest(repr(shaping).encode("utf-8"))


def _checks_shape(config: Config) -> tuple[object, ...]:
    """The check settings in a stable form (a frozenset's repr follows the process's hash
    seed), with the dictionary each language's spelling is checked against."""
    checks = config.checks
    dictionaries: list[tuple[str, str]] = []
    if "spelling" not in checks.disabled:
        from .dictionaries import dictionary_identity, find_dictionary

        for language in config.languages:
            found = find_dictionary(language, checks.spelling)
            dictionaries.append((language, dictionary_identity(found) if found is not None else ""))
    return (
        checks.glossary,
        sorted(checks.disabled),
        checks.length_min,
        checks.length_max,
        sorted(checks.severities.items()),
        checks.spelling,
        dictionaries,
    )
