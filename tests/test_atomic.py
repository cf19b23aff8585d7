"""Writing a large text a piece at a time: the same bytes as writing it whole, the file left
untouched when it already holds them, and nothing left behind when making it fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transflow.atomic import write_pieces_if_changed


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="ab\n é", max_size=6), max_size=6),
    st.one_of(st.none(), st.text(alphabet="ab\n é", max_size=20)),
)
def test_pieces_give_the_file_their_concatenation(
    tmp_path_factory: pytest.TempPathFactory, pieces: list[str], old: str | None
) -> None:
    folder = tmp_path_factory.mktemp("w")
    path = folder / "out.po"
    if old is not None:
        path.write_text(old, encoding="utf-8")
    new = "".join(pieces)
    assert write_pieces_if_changed(path, pieces, dry_run=True) == (old != new)
    assert (path.read_text(encoding="utf-8") if path.exists() else None) == old  # a dry run writes nothing
    assert write_pieces_if_changed(path, pieces) == (old != new)
    assert path.read_bytes() == new.encode("utf-8")
    assert files_in(folder) == ["out.po"]


def test_a_file_that_holds_the_text_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "doc.po"
    path.write_text("header\n\nbody one\n\nbody two\n", encoding="utf-8")
    before = path.stat().st_mtime_ns, path.stat().st_ino
    assert not write_pieces_if_changed(path, ["header\n", "\n", "body one\n", "\n", "body two\n"])
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == before


def test_the_first_piece_is_compared_as_told(tmp_path: Path) -> None:
    """A template's date moves only when the rest changes."""
    path = tmp_path / "doc.pot"
    path.write_text("date: 2025\n\nbody\n", encoding="utf-8")
    assert not write_pieces_if_changed(path, ["date: 2026\n", "\nbody\n"], first_as_compared="date: 2025\n")
    assert path.read_text(encoding="utf-8") == "date: 2025\n\nbody\n"
    assert write_pieces_if_changed(
        path, ["date: 2026\n", "\nbody, edited\n"], first_as_compared="date: 2025\n"
    )
    assert path.read_text(encoding="utf-8") == "date: 2026\n\nbody, edited\n"


def test_a_failure_while_making_the_pieces_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "doc.po"
    path.write_text("one\ntwo\n", encoding="utf-8")

    def pieces():  # type: ignore[no-untyped-def]
        yield "one\n"
        yield "three\n"  # differs: a temporary file is open now
        raise RuntimeError("misread")

    with pytest.raises(RuntimeError):
        write_pieces_if_changed(path, pieces())
    assert path.read_text(encoding="utf-8") == "one\ntwo\n"
    assert files_in(tmp_path) == ["doc.po"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="ab\n", max_size=5), min_size=1, max_size=5),
    st.text(alphabet="ab\n", max_size=5),
    st.text(alphabet="ab\n", max_size=16),
)
def test_a_first_piece_compared_as_another(
    tmp_path_factory: pytest.TempPathFactory, pieces: list[str], compared: str, old: str
) -> None:
    folder = tmp_path_factory.mktemp("w")
    path = folder / "doc.pot"
    path.write_text(old, encoding="utf-8")
    changed = old != compared + "".join(pieces[1:])
    assert write_pieces_if_changed(path, pieces, first_as_compared=compared) == changed
    assert path.read_text(encoding="utf-8") == ("".join(pieces) if changed else old)
    assert files_in(folder) == ["doc.pot"]
