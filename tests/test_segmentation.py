"""A source's segmentation kept between runs: the same document as segmenting it again, and
never kept past a change of the source, a setting or damage to the file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from transflow.config import load_config
from transflow.formats import parse_document
from transflow.paths import Source
from transflow.project import load_document, parse_source

from .conftest import REPO

SAMPLES = sorted((REPO / "source_texts").rglob("*.*"))


def _fresh(root: Path, path: str) -> object:
    config = load_config(root)
    raw = (config.source_path / path).read_bytes()
    return parse_document(raw, path, config.segmentation(), config.formats, config.skip)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.name)
def test_a_kept_document_is_the_document(sample: Path, make_project: Callable[..., Path]) -> None:
    root = make_project({sample.name: sample.read_bytes()})
    config = load_config(root)
    source = Source(sample.name, sample.stem)
    first = load_document(config, source)  # segmented, and kept
    kept = list((root / ".transflow" / "segmentation").glob("*.json"))
    assert len(kept) == 1
    again = load_document(config, source)  # from the cache
    assert again == first == _fresh(root, sample.name)


def test_a_changed_source_or_setting_is_segmented_again(make_project: Callable[..., Path]) -> None:
    root = make_project({"a.txt": "One. Two.\n\nThree.\n"})
    config = load_config(root)
    source = Source("a.txt", "a")
    assert len(load_document(config, source).units) == 3
    (root / "source_texts" / "a.txt").write_text("One. Two.\n\nThree. Four.\n", encoding="utf-8")
    assert len(load_document(config, source).units) == 4
    (root / "transflow.toml").write_text(
        (root / "transflow.toml").read_text(encoding="utf-8") + 'unit = "paragraph"\n', encoding="utf-8"
    )
    assert len(load_document(load_config(root), source).units) == 2


def test_a_damaged_or_foreign_cache_is_only_slower(make_project: Callable[..., Path]) -> None:
    root = make_project({"a.txt": "One. Two.\n\nThree.\n"})
    config = load_config(root)
    source = Source("a.txt", "a")
    expected = load_document(config, source)
    (kept,) = (root / ".transflow" / "segmentation").glob("*.json")
    head, _, body = kept.read_bytes().partition(b"\n")
    kept.write_bytes(head + b"\n" + body.replace(b'"One.', b'"Onx.'))  # the checksum no longer holds
    assert load_document(config, source) == expected
    kept.write_bytes(b"not a cache at all")
    assert load_document(config, source) == expected


def test_a_dry_run_keeps_nothing(make_project: Callable[..., Path]) -> None:
    root = make_project({"a.txt": "One.\n"})
    config = load_config(root)
    raw = (root / "source_texts" / "a.txt").read_bytes()
    parse_source(config, raw, "a.txt", keep=False)
    assert not (root / ".transflow" / "segmentation").exists()


def test_a_container_is_segmented_each_time(make_project: Callable[..., Path]) -> None:
    docx = REPO / "tests" / "golden" / "office" / "statement.docx"
    root = make_project({"statement.docx": docx.read_bytes()})
    load_document(load_config(root), Source("statement.docx", "statement"))
    assert not (root / ".transflow" / "segmentation").exists()


def test_a_well_sealed_cache_that_is_not_a_document_is_not_believed(
    make_project: Callable[..., Path],
) -> None:
    from transflow.cachefile import read_cache, write_cache
    from transflow.segmentation import _KIND, cache_key

    root = make_project({"a.txt": "One. Two.\n\nThree.\n"})
    config = load_config(root)
    source = Source("a.txt", "a")
    expected = load_document(config, source)
    (kept,) = (root / ".transflow" / "segmentation").glob("*.json")
    key = cache_key(config, (root / "source_texts" / "a.txt").read_bytes(), "a.txt")
    payload = read_cache(kept, _KIND, key)
    assert isinstance(payload, dict)
    for unit in payload["units"]:
        unit[1] = 10_000  # past the end of the source
    write_cache(kept, _KIND, payload, key)
    assert load_document(config, source) == expected
    payload = read_cache(kept, _KIND, key)  # written again, right, by that load
    assert isinstance(payload, dict)
    payload["units"][0][8] = "a mode no format has"
    write_cache(kept, _KIND, payload, key)
    assert load_document(config, source) == expected
