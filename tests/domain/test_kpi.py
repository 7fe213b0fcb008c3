"""KPI maths against the seeds' published figures (R21–R24, R28): NPS, top-k satisfaction, rounding, achievement."""

from decimal import Decimal

import pytest

from agency_app.domain import kpi as K
from agency_app.domain.errors import ValidationFailed


@pytest.mark.parametrize("result,target,direction,places,expected", [
    # seed 003 FY2021 (自動車保険): 早期更改率 82.0% against ≥ 80.0% → 達成
    ("82.0", "80.0", K.AT_LEAST, 1, K.ACHIEVED),
    # 代理店事故窓口割合 自動車 80.6% against 85.0% → 未達; 火新 72.8% against 70.0% → 達成
    ("80.6", "85.0", K.AT_LEAST, 1, K.MISSED),
    ("72.8", "70.0", K.AT_LEAST, 1, K.ACHIEVED),
    # NPS(事故対応) 自動車 37.5pt against 60.0pt → 未達; 火新 69.2pt against 70.0pt → 未達
    ("37.5", "60.0", K.AT_LEAST, 1, K.MISSED),
    ("69.2", "70.0", K.AT_LEAST, 1, K.MISSED),
    # seed 004 kind of target: follow-up omissions at most 0 件
    (0, 0, K.AT_MOST, 0, K.ACHIEVED),
    (3, 0, K.AT_MOST, 0, K.MISSED),
])
def test_achievement_of_the_seeds_published_results(result, target, direction, places, expected):
    assert K.achievement(Decimal(result), Decimal(target), direction, places) == expected


def test_a_result_is_judged_at_the_shown_precision_rounded_half_up():
    # 79.95 shows as 80.0: at one place it reaches ≥ 80.0; at two places (79.95) it does not
    assert K.achievement(Decimal("79.95"), 80, K.AT_LEAST, 1) == K.ACHIEVED
    assert K.achievement(Decimal("79.95"), 80, K.AT_LEAST, 2) == K.MISSED
    assert K.achievement(Decimal("79.94"), 80, K.AT_LEAST, 1) == K.MISSED
    assert K.rounded(Decimal("82.05"), 1) == Decimal("82.1") and K.rounded(Decimal("82.25"), 1) == Decimal("82.3")


def test_no_data_is_neither_achieved_nor_zero():
    assert K.achievement(None, 80, K.AT_LEAST, 1) is None
    assert K.nps([]) is None and K.top_k_share([], 3, 5) is None


def test_nps_as_seed_000_defines_it():
    # 10-9 promoters, 8-7 passives, 6-0 detractors: 5 promoters, 2 passives, 3 detractors of 10 → 50 - 30 = 20.0
    assert K.nps([10, 9, 9, 10, 9, 8, 7, 6, 0, 3]) == Decimal("20.0")
    assert K.nps([6, 6, 6]) == Decimal("-100.0") and K.nps([9]) == Decimal("100.0") and K.nps([7, 8]) == 0
    # one decimal from the exact value: 1 promoter of 3 → 33.333… → 33.3; 2 of 3 → 66.7
    assert K.nps([10, 7, 8]) == Decimal("33.3") and K.nps([10, 9, 8]) == Decimal("66.7")


@pytest.mark.parametrize("bad", [-1, 11, 5.5, "9", None])
def test_a_score_outside_zero_to_ten_is_refused(bad):
    with pytest.raises(ValidationFailed) as failed:
        K.nps([9, bad])
    assert failed.value.errors[0].code == K.BAD_SCORE


def test_satisfaction_is_the_share_of_the_top_k_of_n_grades():
    # seed 000: 「満足」「やや満足」「普通」 = top 3 of 5; 「とても満足」「満足」「まあ満足」 = top 3 of 6
    assert K.top_k_share([1, 2, 3, 4, 5], 3, 5) == Decimal("60.0")
    assert K.top_k_share([1, 1, 2, 6], 3, 6) == Decimal("75.0")
    assert K.top_k_share([1, 2, 3], 2, 5) == Decimal("66.7")
    with pytest.raises(ValidationFailed) as grade:
        K.top_k_share([1, 6], 3, 5)
    assert grade.value.errors[0].code == K.BAD_GRADE
    for k, n in ((0, 5), (5, 5), (1, 1)):
        with pytest.raises(ValidationFailed) as scale:
            K.top_k_share([1], k, n)
        assert scale.value.errors[0].code == K.BAD_SCALE


def target(**changes):
    values = dict(value=Decimal("80.0"), unit="%", direction=K.AT_LEAST, places=1)
    values.update(changes)
    return K.KpiTarget(**values)


def test_a_definition_needs_a_unit_a_principle_and_a_sane_percentage():
    K.check_definition(principle=6, title="早期更改率", target=target())
    K.check_definition(principle=6, title="早期更改率", target=target(value=Decimal(100)))
    for principle, title, aim, code in (
            (6, "早期更改率", target(unit=""), K.NEEDS_UNIT),
            (6, "早期更改率", target(value=Decimal("100.1")), K.PERCENT_OVER_100),
            (6, "早期更改率", target(value=Decimal("-1")), K.PERCENT_OVER_100),
            (8, "早期更改率", target(), K.BAD_PRINCIPLE),
            (6, "早期更改率", target(places=4), K.BAD_PLACES),
            (6, " ", target(), "required")):
        with pytest.raises(ValidationFailed) as failed:
            K.check_definition(principle=principle, title=title, target=aim)
        assert code in {e.code for e in failed.value.errors}
    K.check_definition(principle=7, title="研修の実施", target=target(value=Decimal(120), unit="回"))
