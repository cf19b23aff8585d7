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
    text = "Cdt. Dupont est arrivé. Il est parti."
    assert sentences(text, "fr")[0] == "Cdt."
    assert sentences(text, "fr", ("Cdt.",)) == ["Cdt. Dupont est arrivé.", "Il est parti."]
    # the curated list knows the common ones
    assert sentences("M. Dupont est arrivé. Il est parti.", "fr") == [
        "M. Dupont est arrivé.",
        "Il est parti.",
    ]


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


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a closing quote after the full stop, and a sentence inside a quotation
        ("en", "The union called a strike etc.” This shows their fear.", 2),
        ("en", "The letter was signed.” They called it a provocation.", 2),
        ("en", "They sent a letter: “The dockers stopped work. The port was closed.” Nobody replied.", 3),
        (
            "fr",
            "Ils ont écrit : « Le port est fermé. Les dockers ont cessé le travail. » Personne n’a répondu.",
            3,
        ),
        # the one-character ellipsis before a capital
        ("en", "The vote was postponed… The assembly meets again on Monday.", 2),
        # Greek question mark: U+037E and the ASCII semicolon the keyboard gives
        ("el", "Ποιος θα πληρώσει την κρίση\u037e Οι εργαζόμενοι όχι.", 2),
        ("el", "Ποιος θα πληρώσει την κρίση; Οι εργαζόμενοι όχι.", 2),
        # abbreviations of ordinary prose, per language
        ("en", "Ms. Papadopoulou spoke for approx. 40 minutes. Lt. Col. Smith did not reply.", 2),
        ("en", "See Fig. 3 and para. 12 of Art. 5 vs. the old text. It was adopted on Jan. 20.", 2),
        ("fr", "M. Dupont et Mme Martin citent l’art. 12 du code. Ils demandent son retrait.", 2),
        (
            "de",
            "Die Delegation, z. B. Dr. Müller und Nr. 5 der Liste, protestierte. Sie übergab einen Brief.",
            2,
        ),
        ("es", "El Sr. Pérez citó el núm. 12 del informe. Nadie respondió.", 2),
        ("el", "Ο κ. Παπαδάκης μίλησε. Το ΚΚΕ καταγγέλλει τις διώξεις κ.λπ. Οι εργάτες αντιστέκονται.", 3),
        ("el", "Καταγγέλλει τις διώξεις, τις απαγορεύσεις κ.λπ. και ζητά ελευθερία.", 1),
        ("ru", "В 2015 г. делегация провела акцию, т. е. пикет у посольства. Руки прочь!", 2),
        # lists run into one line
        (
            "en",
            "We demand: a) the repeal of the law b) the release of the strikers c) the right to strike.",
            3,
        ),
    ],
)
def test_press_sentences(language: str, text: str, expected: int) -> None:
    got = sentences(text, language)
    assert len(got) == expected, got
    assert "".join(got).replace(" ", "") == text.replace(" ", "")


def test_the_quote_marks_stay_with_their_sentences() -> None:
    text = "the following letter: “This December marks 4 years since the massacre. Workers were shot dead.”"
    assert sentences(text, "en") == [
        "the following letter: “This December marks 4 years since the massacre.",
        "Workers were shot dead.”",
    ]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a quotation that ends on a comma belongs to the sentence around it: no cut inside
        (
            "en",
            "“The port is closed. The strike goes on,” said the union. Talks resume today.",
            ["“The port is closed. The strike goes on,” said the union.", "Talks resume today."],
        ),
        (
            "de",
            "„Wir streiken. Wir fordern mehr,“ sagte der Sprecher.",
            ["„Wir streiken. Wir fordern mehr,“ sagte der Sprecher."],
        ),
        (
            "en",
            "He called it ‘a theft. A plain theft’ in his reply. The minister left.",
            ["He called it ‘a theft. A plain theft’ in his reply.", "The minister left."],
        ),
        # interrupted speech, then the narrative goes on
        (
            "en",
            "“We will not accept--” The chairman cut him off.",
            ["“We will not accept--”", "The chairman cut him off."],
        ),
        (
            "en",
            '"If the port closes--" Nobody let him finish.',
            ['"If the port closes--"', "Nobody let him finish."],
        ),
        # footnote figures after the full stop stay with their sentence
        ("en", "Wages fell by a third.12 Prices doubled.", ["Wages fell by a third.12", "Prices doubled."]),
        (
            "en",
            "It was reported (Reuters, 2015).3, 4 The ministry denied it.",
            ["It was reported (Reuters, 2015).3, 4", "The ministry denied it."],
        ),
        # dotted initialisms: a new sentence after them, a name that goes on, a lowercase word
        (
            "en",
            "The strike spread across the U.K. Dockers joined on Monday.",
            ["The strike spread across the U.K.", "Dockers joined on Monday."],
        ),
        (
            "en",
            "The delegation went to the U.S. Embassy in Athens. It handed over a letter.",
            ["The delegation went to the U.S. Embassy in Athens.", "It handed over a letter."],
        ),
        (
            "en",
            "Troops left the U.S.A. in May. We met at 10 a.m. They came late.",
            ["Troops left the U.S.A. in May.", "We met at 10 a.m.", "They came late."],
        ),
        (
            "en",
            "The letter went to J.R. Brown of the union.",
            ["The letter went to J.R. Brown of the union."],
        ),
        (
            "en",
            "Prices rose, e.g. Bread and oil, by 3.5% in May.",
            ["Prices rose, e.g. Bread and oil, by 3.5% in May."],
        ),
        # a full stop with no space after it, between words, is still a full stop
        ("en", "The port was closed.The strike went on.", ["The port was closed.", "The strike went on."]),
        (
            "en",
            "Write to press.office@example.org or see www.example.Org now.",
            ["Write to press.office@example.org or see www.example.Org now."],
        ),
        # "!" that starts a word is no sentence end
        (
            "en",
            "The click languages !Kung and !Xóõ were named.",
            ["The click languages !Kung and !Xóõ were named."],
        ),
        # an apostrophe does not hold sentences together for the segmenter
        (
            "en",
            "It is the workers' fight. The CC's call was heard. 'Enough!' they said.",
            ["It is the workers' fight.", "The CC's call was heard.", "'Enough!' they said."],
        ),
        # enumerations: counted from elsewhere with ")" (three items), "1." before a lowercase word
        (
            "en",
            "Points x) wages y) hours z) safety were raised.",
            ["Points x) wages", "y) hours", "z) safety were raised."],
        ),
        (
            "en",
            "Under 1. above the fee is 0 and under 2. above no fee is paid.",
            ["Under 1. above the fee is 0 and under 2. above no fee is paid."],
        ),
        # German ordinals before a capitalised noun
        (
            "de",
            "Die Demonstration fand am 3. Oktober statt. Sie war groß.",
            ["Die Demonstration fand am 3. Oktober statt.", "Sie war groß."],
        ),
        (
            "de",
            "Die Funde stammen aus dem 2. Jahrhundert nach Christus.",
            ["Die Funde stammen aus dem 2. Jahrhundert nach Christus."],
        ),
    ],
)
def test_refined_cuts(language: str, text: str, expected: list[str]) -> None:
    assert sentences(text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a blank line (even one holding spaces) always ends a sentence
        ("en", "Get some rest \n \nThe next point follows", ["Get some rest", "The next point follows"]),
        # a rule line stands alone
        (
            "en",
            "Signed by the CC\n________\nAthens, 14/12/2015",
            ["Signed by the CC", "________", "Athens, 14/12/2015"],
        ),
        # the lines of a short list, lowercase or not
        ("en", "wages\nworking hours\nsafety at work\n", ["wages", "working hours", "safety at work"]),
        # a short line above a paragraph: the next word would have fitted, so the break is meant
        (
            "en",
            "Statement of the Press Office\nThe KKE condemns the arrest of the trade unionists in the port of Piraeus"
            " and demands their release.",
            [
                "Statement of the Press Office",
                "The KKE condemns the arrest of the trade unionists in the port of Piraeus and demands their release.",
            ],
        ),
        # hard-wrapped prose: the next word would not have fitted, the line goes on
        (
            "en",
            "The delegation of the party handed over a letter to\nMinister Papadakis at the embassy.",
            ["The delegation of the party handed over a letter to\nMinister Papadakis at the embassy."],
        ),
        # a name in capitals across a line break, and German nouns, are no line ends
        (
            "es",
            "Presentamos a la ingeniera LAURA MILENA LEÓN PÉREZ GARCÍA \nSANDOVAL, egresada del programa en el año 2012.",
            [
                "Presentamos a la ingeniera LAURA MILENA LEÓN PÉREZ GARCÍA \nSANDOVAL, egresada del programa en el año 2012."
            ],
        ),
        (
            "de",
            "Andere \nFischsorten weisen einen erhöhten Quecksilbergehalt auf und sollten selten gegessen werden.",
            [
                "Andere \nFischsorten weisen einen erhöhten Quecksilbergehalt auf und sollten selten gegessen werden."
            ],
        ),
        # letters set one under the other are no lines
        ("en", "S\nT\nR\nI\nK\nE", ["S\nT\nR\nI\nK\nE"]),
    ],
)
def test_line_breaks_a_writer_made_on_purpose(language: str, text: str, expected: list[str]) -> None:
    assert sentences(text, language) == expected


_PIECES = [*"aZbI .!?\n\t12)(“”‘’„'\"-—…_x", "U.S.", "etc.", "Ms.", " b) ", "the ", "How ", "ii. "]


@given(
    st.lists(st.sampled_from(_PIECES), max_size=40).map("".join),
    st.sampled_from(["en", "de", "el", "fr", "da"]),
)
def test_refined_cuts_keep_every_character_in_order(text: str, language: str) -> None:
    """Whatever the rules add or take back, the spans stay ordered, disjoint, trimmed, and
    together hold every non-space character of the text."""
    spans = split_sentences(text, language)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        assert not text[previous_end:start].strip()
        previous_end = end
    assert not text[previous_end:].strip()


@given(st.lists(st.sampled_from(["“", "”", "a. ", "b,", " ", "\n", "‘x’ ", "!"]), max_size=30).map("".join))
def test_english_quotations_found_in_one_scan_are_the_ones_walking_the_marks_finds(text: str) -> None:
    from transflow.segment import _Quotation

    walked = _Quotation.__new__(_Quotation)
    walked.spans, walked.embedded = [], []
    walked._walk(text)
    walked._single(text)
    scanned = _Quotation(text)
    assert (sorted(scanned.spans), sorted(scanned.embedded)) == (
        sorted(walked.spans),
        sorted(walked.embedded),
    )


def test_a_long_text_the_segmenter_cuts_into_chunks_keeps_every_boundary() -> None:
    # sentencex splits a long text into chunks and its sentence strings lose the paragraph
    # break between two chunks: the offsets must come from its boundary records then
    paragraphs = [f"Paragraph {number} has words in it. It ends here." for number in range(400)]
    text = "\n\n".join(paragraphs)
    spans = split_sentences(text, "en")
    assert [text[start:end] for start, end in spans] == [
        sentence for paragraph in paragraphs for sentence in (paragraph[:-14], paragraph[-13:])
    ]


def test_the_blank_characters_are_every_one_str_isspace_accepts() -> None:
    import sys

    from transflow.segment import _BLANK

    spaces = "".join(chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace())
    assert spaces + "\ufeff" == _BLANK
