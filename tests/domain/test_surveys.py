"""Survey answers (R25) and their NPS / satisfaction (R24) with seed 000's scales."""

from datetime import date
from decimal import Decimal

import pytest

from agency_app.domain import errors as E
from agency_app.domain import surveys as S
from agency_app.domain.errors import ValidationFailed

TODAY = date(2025, 10, 15)
TYPES = {t.code: t for t in S.DEFAULT_TYPES}


def answer(**kw) -> S.SurveyAnswerInput:
    base = {"answered_on": "2025/10/01", "survey_type": "claim", "product_line": "nonlife_auto"}
    return S.SurveyAnswerInput(**{**base, **kw})


def codes_of(entry) -> set[tuple[str, str]]:
    with pytest.raises(ValidationFailed) as failed:
        S.validate_survey_answer(entry, S.DEFAULT_TYPES, TODAY)
    return {(e.field, e.code) for e in failed.value.errors}


def test_seed_000_scales_are_the_defaults():
    scales = {t.name: (t.top_k, t.scale_n) for t in S.DEFAULT_TYPES}
    assert scales["コンタクトセンター"] == (3, 5)   # 満足・やや満足・普通
    assert scales["満期前"] == (2, 5)             # そう思う・ややそう思う
    assert scales["事故対応"] == (3, 6)           # とても満足・満足・まあ満足
    for t in S.DEFAULT_TYPES:
        S.check_survey_type(t)
    assert TYPES["claim"].label(3) == "まあ満足"


def test_a_full_answer_becomes_its_columns():
    out = S.validate_survey_answer(answer(answered_on="R7.10.1", recommendation="9", satisfaction_grade="2",
                                          comment=" 丁寧でした "), TYPES, TODAY)
    assert out == {"answered_on": "2025-10-01", "survey_type": "claim", "product_line": "nonlife_auto",
                   "recommendation": 9, "satisfaction_grade": 2, "comment": "丁寧でした"}


def test_full_width_digits_and_a_trailing_ten_are_read():
    out = S.validate_survey_answer(answer(recommendation="１０", satisfaction_grade="６"), TYPES, TODAY)
    assert (out["recommendation"], out["satisfaction_grade"]) == (10, 6)
    assert S.validate_survey_answer(answer(recommendation="０点"), TYPES, TODAY)["recommendation"] == 0


def test_a_grade_may_be_typed_as_its_label():
    assert S.validate_survey_answer(answer(satisfaction_grade="まあ満足"), TYPES, TODAY)["satisfaction_grade"] == 3


@pytest.mark.parametrize("typed", ["11", "-1", "１１"])
def test_a_score_outside_0_to_10_is_refused(typed):
    assert codes_of(answer(recommendation=typed)) == {("recommendation", S.BAD_SCORE)}


def test_a_score_that_is_no_whole_number_is_refused():
    assert codes_of(answer(recommendation="7.5")) == {("recommendation", S.SCORE_NOT_A_NUMBER)}


def test_a_score_for_a_survey_that_does_not_ask_it_is_refused():
    assert codes_of(answer(survey_type="contact", recommendation="9")) == {("recommendation", S.SCORE_NOT_ASKED)}


@pytest.mark.parametrize("survey, bad, good", [("claim", "7", "6"), ("renewal", "6", "5"), ("contact", "0", "1")])
def test_a_grade_outside_the_types_scale_is_refused(survey, bad, good):
    assert codes_of(answer(survey_type=survey, satisfaction_grade=bad)) == {("satisfaction_grade", S.BAD_GRADE)}
    S.validate_survey_answer(answer(survey_type=survey, satisfaction_grade=good), TYPES, TODAY)


def test_a_type_without_its_scale_cannot_take_answers_or_be_saved():
    broken = S.SurveyType("shop", "来店", 0, 0)
    with pytest.raises(ValidationFailed) as failed:
        S.check_survey_type(broken)
    assert failed.value.errors[0].code == S.TYPE_WITHOUT_SCALE
    with pytest.raises(ValidationFailed) as failed:
        S.validate_survey_answer(answer(survey_type="shop", comment="x"), [*S.DEFAULT_TYPES, broken], TODAY)
    assert {(e.field, e.code) for e in failed.value.errors} == {("survey_type", S.TYPE_WITHOUT_SCALE)}


@pytest.mark.parametrize("n, k, labels, code", [(5, 5, (), S.BAD_SCALE), (5, 0, (), S.BAD_SCALE),
                                                (5, 3, ("満足", "不満"), S.LABELS_MISMATCH)])
def test_a_scale_must_hold_together(n, k, labels, code):
    assert [e.code for e in S.survey_type_problems(S.SurveyType("x", "x", n, k, labels))] == [code]


def test_a_date_ahead_is_refused_today_is_not():
    assert codes_of(answer(answered_on="2025/10/16", comment="x")) == {("answered_on", S.ANSWERED_IN_FUTURE)}
    S.validate_survey_answer(answer(answered_on="2025/10/15", comment="x"), TYPES, TODAY)


def test_an_impossible_date_says_why():
    assert codes_of(answer(answered_on="2025/2/30", comment="x")) == {("answered_on", E.BAD_DAY)}
    assert codes_of(answer(answered_on="", comment="x")) == {("answered_on", E.REQUIRED)}


def test_an_answer_with_nothing_in_it_is_refused():
    assert codes_of(answer()) == {("answer", S.EMPTY_ANSWER)}
    assert S.validate_survey_answer(answer(comment="電話がつながりにくい"), TYPES, TODAY)["recommendation"] is None


def test_unknown_type_and_product_are_said():
    assert codes_of(answer(survey_type="nope", product_line="boat", comment="x")) == {
        ("survey_type", E.UNKNOWN_CHOICE), ("product_line", E.UNKNOWN_CHOICE)}
    assert S.validate_survey_answer(answer(product_line="", comment="x"), TYPES, TODAY)["product_line"] == ""


def test_a_long_comment_is_refused_at_2001_characters():
    S.validate_survey_answer(answer(comment="あ" * 2000), TYPES, TODAY)
    assert codes_of(answer(comment="あ" * 2001)) == {("comment", E.TOO_LONG)}


def rows(survey, scores=(), grades=(), comments=0):
    out = [{"survey_type": survey, "recommendation": s, "satisfaction_grade": None} for s in scores]
    out += [{"survey_type": survey, "recommendation": None, "satisfaction_grade": g} for g in grades]
    out += [{"survey_type": survey, "recommendation": None, "satisfaction_grade": None}] * comments
    return out


def test_results_seed_003_nps_37_5():
    # seed 003 FY2021: NPS(事故対応) 自動車 37.5 — e.g. 8 answers: 4 promoters, 1 detractor → 50 − 12.5
    answers = rows("claim", scores=[10, 9, 9, 10, 8, 7, 7, 3])
    assert S.survey_results(answers, TYPES["claim"]) == S.SurveyResult(8, Decimal("37.5"), None)


def test_results_top_k_by_type_and_other_types_left_out():
    answers = rows("claim", grades=[1, 2, 3, 4]) + rows("renewal", grades=[1, 2, 3, 3], comments=1)
    assert S.survey_results(answers, TYPES["claim"]).satisfaction == Decimal("75.0")   # top 3 of 6
    renewal = S.survey_results(answers, TYPES["renewal"])                                # top 2 of 5
    assert renewal == S.SurveyResult(5, None, Decimal("50.0"))


def test_results_without_answers_are_no_data_never_zero():
    assert S.survey_results([], TYPES["claim"]) == S.SurveyResult(0, None, None)
    assert S.survey_results(rows("contact", grades=[1]), TYPES["contact"]).nps is None   # not asked


def test_seed_000_contact_centre_958_percent():
    # 95.8%: 1000 answers, 958 in 満足・やや満足・普通
    answers = rows("contact", grades=[1] * 500 + [2] * 300 + [3] * 158 + [4] * 30 + [5] * 12)
    assert S.survey_results(answers, TYPES["contact"]).satisfaction == Decimal("95.8")


def test_a_label_with_full_width_brackets_or_spaces_is_read_as_printed():
    """Japanese labels carry full-width brackets and spaces ('普通（どちらでもない）', 'まあ　満足'); typed exactly as
    the sheet and the hint beside the field show them, they are that grade — not 'enter the grade's number'."""
    web = S.SurveyType("web", "ウェブ", 3, 1, ("満足（とても）", "まあ　満足", "不満"))
    for typed, grade in (("満足（とても）", 1), ("まあ　満足", 2), ("満足(とても)", 1)):
        out = S.validate_survey_answer(answer(survey_type="web", satisfaction_grade=typed), {"web": web}, TODAY)
        assert out["satisfaction_grade"] == grade, typed
