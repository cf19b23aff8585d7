"""Babel's locale facts kept between runs: the same answers without babel, and nothing
believed that ``keep`` did not write."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from transflow import figures, languages, localefacts
from transflow.cachefile import write_cache


@pytest.fixture
def empty_lookups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Lookups that know nothing, and a cache folder of this test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    saved = (dict(languages.KNOWN_NAMES), dict(languages.KNOWN_RTL), dict(figures.KNOWN_STYLES))
    for lookup in (languages.KNOWN_NAMES, languages.KNOWN_RTL, figures.KNOWN_STYLES):
        lookup.clear()
    monkeypatch.setattr(localefacts, "_primed", None)
    yield tmp_path / "transflow" / "locale-facts.json"
    lookups = (languages.KNOWN_NAMES, languages.KNOWN_RTL, figures.KNOWN_STYLES)
    for lookup, before in zip(lookups, saved, strict=True):
        lookup.clear()
        lookup.update(before)  # type: ignore[attr-defined]


def _ask() -> tuple[object, ...]:
    return (
        languages.language_names("el"),
        languages.is_rtl("ar"),
        figures.number_style("fr"),
        figures.number_style("ru"),
    )


def test_kept_facts_answer_as_babel_does_and_the_next_run_needs_no_babel(empty_lookups: Path) -> None:
    from_babel = _ask()
    localefacts.keep()
    assert empty_lookups.is_file()
    for lookup in (languages.KNOWN_NAMES, languages.KNOWN_RTL, figures.KNOWN_STYLES):
        lookup.clear()
    localefacts.prime()
    assert _ask() == from_babel
    # a new process, primed from the file, answers without importing babel
    probe = (
        "import sys; from transflow import localefacts, languages, figures; localefacts.prime(); "
        "print(languages.language_names('el'), languages.is_rtl('ar'), figures.number_style('fr').decimal, "
        "'babel' in sys.modules)"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=os.environ.copy()
    ).stdout
    assert shown.strip() == "('Greek', 'Ελληνικά') True , False"


def test_a_file_it_did_not_write_is_not_believed(empty_lookups: Path) -> None:
    kind = "locale-facts 1"
    forged = [
        {"names": {"el": ["Greek", 7]}, "rtl": {}, "styles": {}},
        {"names": {}, "rtl": {"ar": "yes"}, "styles": {}},
        {"names": {}, "rtl": {}, "styles": {"fr": [",", " ", "dmy", [["janvier", True]]]}},
        {"names": {}, "rtl": {}, "styles": {"fr": [",", " ", "dxy", []]}},
        ["not", "a", "dict"],
    ]
    for payload in forged:
        write_cache(empty_lookups, kind, payload)
        localefacts.prime()
        assert not (languages.KNOWN_NAMES or languages.KNOWN_RTL or figures.KNOWN_STYLES)
    empty_lookups.write_text(json.dumps({"names": {"el": ["Grec", "Grec"]}}), encoding="utf-8")  # no seal
    localefacts.prime()
    assert languages.language_names("el") == ("Greek", "Ελληνικά")


def test_the_file_is_written_only_when_something_was_learnt(
    empty_lookups: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[object] = []
    real_write = localefacts.write_cache
    monkeypatch.setattr(localefacts, "write_cache", lambda *args: writes.append(args) or real_write(*args))
    localefacts.keep()
    assert writes == [] and not empty_lookups.exists()  # nothing asked, nothing kept
    _ask()
    localefacts.keep()
    assert len(writes) == 1 and empty_lookups.is_file()
    localefacts.prime()
    _ask()  # all known: nothing learnt
    localefacts.keep()
    assert len(writes) == 1
    languages.language_names("de")  # learnt
    localefacts.keep()
    assert len(writes) == 2
