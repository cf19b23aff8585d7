"""Sentence spans, the msgid normal form and word counts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transflow.segment import count_words, normalize, split_sentences


def sentences(text: str, language: str = "en", abbreviations: tuple[str, ...] = ()) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text, language, abbreviations)]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "en",
            "Mr. Papadakis, member of the CC and MEP, came on 14/12/2015 at 5 p.m. He left.",
            ["Mr. Papadakis, member of the CC and MEP, came on 14/12/2015 at 5 p.m.", "He left."],
        ),
        (
            "en",
            "No. 5 was closed, e.g. the port. Prices rose 3.5% in May. See https://www.example.org/a.b?c=d now.",
            [
                "No. 5 was closed, e.g. the port.",
                "Prices rose 3.5% in May.",
                "See https://www.example.org/a.b?c=d now.",
            ],
        ),
        ("en", "Write to a.b@example.org. Done.", ["Write to a.b@example.org.", "Done."]),
        (
            "en",
            "They shouted “Hands off!” and left. Strikes, pickets etc. followed. Why?",
            ["They shouted “Hands off!” and left.", "Strikes, pickets etc. followed.", "Why?"],
        ),
        ("en", "Wait... what happened? Nothing.", ["Wait... what happened?", "Nothing."]),
        ("el", "Ο κ. Νίκος ήρθε. Τι κάνεις; Καλά.", ["Ο κ. Νίκος ήρθε.", "Τι κάνεις;", "Καλά."]),
        ("zh", "你好。你好吗？很好！", ["你好。", "你好吗？", "很好！"]),
        ("ar", "هل أنت بخير؟ نعم.", ["هل أنت بخير؟", "نعم."]),
    ],
)
def test_sentences(language: str, text: str, expected: list[str]) -> None:
    assert sentences(text, language) == expected


def test_user_abbreviations_keep_a_sentence_together() -> None:
    text = "M. Dupont est arrivé. Il est parti."
    assert sentences(text, "fr")[0] == "M."
    assert sentences(text, "fr", ("M.",)) == ["M. Dupont est arrivé.", "Il est parti."]


def test_spans_exclude_surrounding_whitespace() -> None:
    text = "\u00a0 One.  Two.\n"
    assert split_sentences(text, "en") == [(2, 6), (8, 12)]


def test_normalize_collapses_layout_but_keeps_no_break_spaces() -> None:
    assert normalize("  Hands\n off  the\tcommunists! ") == "Hands off the communists!"
    assert normalize("« liberté »\u00a0!") == "« liberté »\u00a0!"
    assert normalize("e\u0301") == "é"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Hands off the communists!", 4),
        ("Kazakhstan’s anti-worker laws", 3),
        ("14/12/2015 at 3.5%", 3),
        ("日本語の文章です。", 8),
        ("word 日本 word", 4),
        ("العمال الحرية", 2),
        ("", 0),
        ("Read our <1>proposals</1> now<2/>.", 4),
    ],
)
def test_count_words(text: str, words: int) -> None:
    assert count_words(text) == words


@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\u00a0\u2026«»")), max_size=60))
def test_sentence_spans_are_ordered_disjoint_and_trimmed(text: str) -> None:
    spans = split_sentences(text, "en")
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start <= end <= len(text)
        if start < end:
            assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end
    assert "".join(text[s:e] for s, e in spans).split() == "".join(text[s:e] for s, e in spans).split()
