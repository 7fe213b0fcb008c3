"""R13: earlier voices that read alike are found by character bigrams; texts too short to compare suggest nothing."""

from __future__ import annotations

import pytest

from agency_app.domain.similarity import (
    MIN_CHARACTERS, bigrams, comparable_text, most_similar, similarity, too_short,
)


def test_the_same_complaint_typed_differently_reads_as_the_same():
    assert similarity("保険料が高い！", "ほけん料が高い") < 1.0  # ほけん is not 保険: only the shared part counts
    assert similarity("保険料が高い！", "保険料が、高い。") == 1.0  # punctuation and spaces do not count
    assert similarity("ＡＴＭで振込できない", "atmで振込できない") == 1.0  # width and case do not count
    assert similarity("ごみの出し方がわからない", "ゴミの出し方がわからない") == 1.0  # hiragana and katakana fold together


def test_a_recurrence_scores_above_an_unrelated_voice():
    earlier = "満期のご案内が届かなかった。更新の手続きが遅れた。"
    again = "満期の案内が届かず、更新手続きが遅れてしまった"
    unrelated = "事故の対応がとても丁寧でした。ありがとうございました"
    assert similarity(again, earlier) > 0.3
    assert similarity(again, unrelated) < 0.1


@pytest.mark.parametrize("text, short", [
    ("高い", True), ("ありがとう", True), ("保険料が高い", False),  # 2, 5 and 6 characters
    ("！？　、。・", True),  # only punctuation: nothing to compare
    ("ａｂｃ１２３", False),  # full-width letters and digits count as characters
])
def test_texts_too_short_to_compare_suggest_nothing(text, short):
    assert too_short(text) is short
    assert (bigrams(text) == frozenset()) is short
    assert (most_similar(text, [("v1", text)]) == []) is short  # not even itself


def test_the_shortest_comparable_text_has_exactly_min_characters():
    assert len(comparable_text("保険料が高い")) == MIN_CHARACTERS
    assert too_short("保険料が高") and not too_short("保険料が高い")


def test_the_most_similar_come_first_ties_keep_the_given_order_and_the_limit_holds():
    query = "保険料の引き落としができていない"
    candidates = [
        ("newest", "保険料の引き落としができていない"),
        ("same-again", "保険料の引き落としができていない"),
        ("close", "保険料の引き落としができなかった"),
        ("far", "担当者の説明がわかりやすかった"),
        ("short", "保険料"),
    ]
    ranked = most_similar(query, candidates, limit=3)
    assert [key for key, _score in ranked] == ["newest", "same-again", "close"]
    assert ranked[0][1] == 1.0 and 0 < ranked[2][1] < 1.0
    assert [key for key, _ in most_similar(query, candidates, limit=10, minimum=0.5)] == [
        "newest", "same-again", "close"]  # 'far' shares too little; 'short' is never compared
    assert most_similar(query, candidates, limit=0) == []


def test_a_score_equal_to_the_minimum_is_left_out():
    query = "保険料が高いと思う"
    score = similarity(query, "保険料が安いと思う")
    assert [k for k, _ in most_similar(query, [("a", "保険料が安いと思う")], minimum=score)] == []
    assert [k for k, _ in most_similar(query, [("a", "保険料が安いと思う")], minimum=score - 1e-9)] == ["a"]
