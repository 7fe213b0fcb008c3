"""Properties (hypothesis) of survey entry and role-play counting: any 0–10 score in either width is read as
itself, survey results agree with the KPI maths, and pass counts stay ordered however attempts fall."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from agency_app.domain import kpi
from agency_app.domain import surveys as S
from agency_app.domain import trainings as T

TODAY = date(2025, 10, 15)
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@given(st.integers(min_value=0, max_value=10), st.booleans())
def test_every_score_0_to_10_is_read_as_itself_in_either_width(score, full):
    typed = str(score).translate(FULL_WIDTH) if full else str(score)
    entry = S.SurveyAnswerInput("2025/10/01", "claim", "", typed)
    assert S.validate_survey_answer(entry, S.DEFAULT_TYPES, TODAY)["recommendation"] == score


@given(st.sampled_from(S.DEFAULT_TYPES), st.data())
def test_survey_results_agree_with_the_kpi_maths(survey, data):
    grades = data.draw(st.lists(st.integers(min_value=1, max_value=survey.scale_n), max_size=50))
    scores = data.draw(st.lists(st.integers(min_value=0, max_value=10), max_size=50))
    answers = [{"survey_type": survey.code, "recommendation": None, "satisfaction_grade": g} for g in grades]
    answers += [{"survey_type": survey.code, "recommendation": s, "satisfaction_grade": None} for s in scores]
    result = S.survey_results(answers, survey)
    assert result.count == len(grades) + len(scores)
    assert result.satisfaction == kpi.top_k_share(grades, survey.top_k, survey.scale_n)
    assert result.nps == (kpi.nps(scores) if survey.asks_recommendation else None)


attempts = st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.integers(min_value=1, max_value=3),
                              st.sampled_from(T.OUTCOMES)), max_size=20)


@given(attempts)
def test_pass_counts_stay_ordered(tries):
    results = [{"staff_id": s, "attempt": n, "outcome": o} for s, n, o in tries]
    f = T.roleplay_figures([{"kind": T.KIND_ROLEPLAY, "participants": ("a", "b", "c", "d")}], results)
    assert 0 <= f.passed_first <= f.passed <= f.took_part <= f.invited
    assert f.passed_first + f.retested >= f.took_part   # everyone's first try is a pass or a re-test
    assert (f.pass_rate is None) == (f.took_part == 0)
