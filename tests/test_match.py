"""Alignment of old and new unit sequences, and what counts as a trivial edit."""

from __future__ import annotations

import itertools
from array import array
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from transflow.match import (
    _FIGURE,
    _longest_increasing,
    _replaced_stretches,
    changed_figures,
    figures,
    pair_edits,
    trivial,
    whitespace_only,
)


def test_stretches_lie_between_shared_units_in_order() -> None:
    old = ["a", "b", "c", "d", "e"]
    new = ["a", "B", "c", "x", "y", "e"]
    assert _replaced_stretches(old, new) == [(["b"], ["B"]), (["d"], ["x", "y"])]


def test_a_moved_unit_is_not_an_anchor_that_breaks_the_rest() -> None:
    old = ["a", "b", "c", "d"]
    new = ["b", "c", "d", "a"]  # a moved to the end: b, c, d stay anchored
    assert _replaced_stretches(old, new) == []


@given(
    st.lists(st.sampled_from("abcdefgh"), unique=True), st.lists(st.sampled_from("abcdefghXYZ"), unique=True)
)
def test_stretches_cover_only_units_without_a_place(old: list[str], new: list[str]) -> None:
    for old_part, new_part in _replaced_stretches(old, new):
        assert old_part and new_part
        assert all(text in old for text in old_part) and all(text in new for text in new_part)


@given(st.permutations(range(12)) | st.lists(st.integers(0, 40), unique=True).map(sorted))
def test_the_longest_increasing_run_is_increasing_and_as_long_as_any(positions: list[int]) -> None:
    # an O(n^2) reference for the length; the fast path (nothing moved) and patience sorting alike
    run = _longest_increasing(array("q", positions))
    assert list(run) == sorted(run)
    assert all(positions[a] < positions[b] for a, b in itertools.pairwise(run))
    longest = [1] * len(positions)
    for j in range(len(positions)):
        for i in range(j):
            if positions[i] < positions[j]:
                longest[j] = max(longest[j], longest[i] + 1)
    assert len(run) == max(longest, default=0)


def test_pairs_edited_units_and_leaves_unrelated_ones() -> None:
    old = ["The strike lasted 48 hours at the port.", "Hands off the communists!", "Signature"]
    new = ["The strike lasted 24 hours at the port.", "Fishermen reject the quotas today.", "Signature"]
    pairings = pair_edits(old, new)
    assert [(p.new, p.old, p.aligned) for p in pairings] == [
        ("The strike lasted 24 hours at the port.", "The strike lasted 48 hours at the port.", True)
    ]


def test_kinds_of_edits() -> None:
    assert whitespace_only("48 hours", "48\u00a0hours")
    assert not whitespace_only("48 hours", "48 hour")
    assert trivial("“illegal” – they said.", '"illegal" - they said!')
    assert trivial("Hands off!", "hands off")
    assert not trivial("Hands off!", "Hands on!")
    assert (
        changed_figures("on 14/12/2015, 3.5% more", "on 15/12/2015, 3.5% more") == "14/12/2015 -> 15/12/2015"
    )
    assert (
        changed_figures("see https://a.org/x.", "see https://a.org/y.")
        == "https://a.org/x -> https://a.org/y"
    )
    assert changed_figures("no figures", "none either") is None


@given(st.text(alphabet="ab1٣@:/.x- ", max_size=40))
def test_figures_shortcut_never_hides_a_figure(text: str) -> None:
    assert figures(text) == Counter(_FIGURE.findall(text))
