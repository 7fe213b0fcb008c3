"""The bigram similarity as properties: a score between 0 and 1, symmetric, 1 for a text and itself, and blind to
how the text was typed (width, spaces, punctuation, hiragana or katakana)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from agency_app.domain.similarity import bigrams, comparable_text, jaccard, similarity, too_short
from agency_app.domain.text import normalise_width

# Kana, common kanji, ASCII letters and digits, with punctuation and spaces mixed in.
japanese = st.text(alphabet=st.sampled_from(
    list("あいうえおかきくけこさしすせそアイウエオカキクケコ保険料高安満期更新手続案内事故説明") +
    list("abcXYZ0123１２３ＡＢ") + list("、。！？　 ・「」")), max_size=40)


@given(japanese, japanese)
def test_a_score_is_between_0_and_1_and_the_same_both_ways(a, b):
    score = similarity(a, b)
    assert 0.0 <= score <= 1.0
    assert score == similarity(b, a)


@given(japanese)
def test_a_comparable_text_is_fully_like_itself_and_a_short_one_like_nothing(text):
    assert similarity(text, text) == (0.0 if too_short(text) else 1.0)


@given(japanese)
def test_how_it_was_typed_does_not_change_the_score(text):
    typed_otherwise = normalise_width(text).replace("、", "").replace("　", " ") + "。"
    assert comparable_text(typed_otherwise) == comparable_text(text)
    assert bigrams(typed_otherwise) == bigrams(text)


@given(st.frozensets(st.text(min_size=2, max_size=2), max_size=20),
       st.frozensets(st.text(min_size=2, max_size=2), max_size=20))
def test_jaccard_is_the_shared_part_of_the_whole(a, b):
    expected = len(a & b) / len(a | b) if a and b else 0.0
    assert jaccard(a, b) == expected
