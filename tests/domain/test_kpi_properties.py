"""Properties of the KPI maths (hypothesis): NPS stays in −100…100, a promoter never lowers it, a result at its
target is 達成, and a ≤ KPI inverts the comparison."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from agency_app.domain import kpi as K

scores = st.lists(st.integers(min_value=0, max_value=10), min_size=1, max_size=300)
values = st.decimals(min_value=-1000, max_value=1000, places=3, allow_nan=False, allow_infinity=False)


@given(scores)
def test_nps_stays_between_minus_100_and_100(answers):
    assert Decimal(-100) <= K.nps(answers) <= Decimal(100)


@given(scores, st.integers(min_value=9, max_value=10))
def test_adding_a_promoter_never_lowers_nps(answers, promoter):
    assert K.nps([*answers, promoter]) >= K.nps(answers)


@given(scores, st.integers(min_value=0, max_value=6))
def test_adding_a_detractor_never_raises_nps(answers, detractor):
    assert K.nps([*answers, detractor]) <= K.nps(answers)


@given(values, st.integers(min_value=0, max_value=3), st.sampled_from(K.DIRECTIONS))
def test_a_result_exactly_at_its_target_is_achieved(target, places, direction):
    assert K.achievement(target, target, direction, places) == K.ACHIEVED


@given(values, values, st.integers(min_value=0, max_value=3))
def test_an_at_most_kpi_inverts_the_comparison_except_at_the_target(result, target, places):
    at_least = K.achievement(result, target, K.AT_LEAST, places)
    at_most = K.achievement(result, target, K.AT_MOST, places)
    if K.rounded(result, places) == K.rounded(target, places):
        assert at_least == at_most == K.ACHIEVED
    else:
        assert {at_least, at_most} == {K.ACHIEVED, K.MISSED}


@given(st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=200), st.integers(min_value=1, max_value=4))
def test_satisfaction_grows_with_k_and_stays_a_percentage(grades, k):
    share = K.top_k_share(grades, k, 5)
    assert Decimal(0) <= share <= Decimal(100)
    if k < 4:
        assert K.top_k_share(grades, k + 1, 5) >= share
