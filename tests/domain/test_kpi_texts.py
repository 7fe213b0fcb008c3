"""The drafted 【数値・事実】 and 【評価】 of a KPI result (R22): figures at the KPI's precision, units as reports place them."""

from decimal import Decimal as D

import pytest

from agency_app.domain import kpi as K
from agency_app.domain import kpi_texts as T
from agency_app.domain.periods import HALF, MONTH, QUARTER, Period

H1 = Period(2025, HALF, 1)
PERCENT = K.KpiTarget(D("80.0"), "%", K.AT_LEAST, 1)


def test_facts_read_like_the_issue_example():
    facts = T.draft_facts("早期更改率", H1, PERCENT, D("82"), D("79.5"))
    assert facts == "2025年度上期の早期更改率は82.0%（目標80.0%以上）でした。前年度同期は79.5%。"
    assert T.draft_facts("早期更改率", Period(2021), PERCENT, D("82")) == "2021年度の早期更改率は82.0%（目標80.0%以上）でした。"


@pytest.mark.parametrize("value,unit,places,shown", [
    (D("82"), "%", 1, "82.0%"), (12, "件", 0, "12件"), (3, "回", 0, "3回"), (D("37.5"), "pt", 1, "37.5pt"),
    (26, "名", 0, "26名"), (841, "件", 0, "841件"), (1234, "件", 0, "1,234件"), (D("82.05"), "%", 1, "82.1%"),
    (D("-12.5"), "pt", 1, "-12.5pt"), (D("60"), "%", 2, "60.00%"),
])
def test_values_show_at_the_kpi_precision_with_the_unit_after_the_number(value, unit, places, shown):
    assert T.format_value(value, unit, places) == shown


def test_periods_and_targets_read_as_in_a_sentence():
    assert [T.period_text(p) for p in (Period(2025), H1, Period(2025, HALF, 2), Period(2025, QUARTER, 4),
                                       Period(2025, MONTH, 1))] == [
        "2025年度", "2025年度上期", "2025年度下期", "2025年度第4四半期", "2026年1月"]
    assert T.target_text(K.KpiTarget(D(60), "pt")) == "60.0pt以上"
    assert T.target_text(K.KpiTarget(D(0), "件", K.AT_MOST, 0)) == "0件"
    assert T.target_text(K.KpiTarget(D(5), "件", K.AT_MOST, 0)) == "5件以下"


def test_evaluation_achieved_missed_and_no_data():
    # seed 003 FY2021: 早期更改率 82.0% ≥ 80.0% 達成; 代理店事故窓口割合 自動車 80.6% against 85.0% 未達
    assert T.draft_evaluation(Period(2021), PERCENT, D("82")) == "目標を達成しました。"
    missed = T.draft_evaluation(Period(2021), K.KpiTarget(D("85.0"), "%"), D("80.6"))
    assert missed == "目標に4.4ポイント届かず、未達となりました。"
    nps = T.draft_evaluation(Period(2021), K.KpiTarget(D("60.0"), "pt"), D("37.5"))
    assert nps == "目標に22.5pt届かず、未達となりました。"
    omissions = T.draft_evaluation(H1, K.KpiTarget(D(0), "件", K.AT_MOST, 0), 3)
    assert omissions == "目標を3件上回り、未達となりました。"
    none = T.draft_evaluation(H1, PERCENT, None, D("79.5"))
    assert "データがない" in none and "達成" in none and "達成しました" not in none and "0" not in none
    assert "データなし" in T.draft_facts("早期更改率", H1, PERCENT, None)


def test_exactly_at_the_target_at_the_shown_precision_is_achieved():
    assert T.draft_evaluation(H1, PERCENT, D("79.95")) == "目標を達成しました。"
    assert T.draft_evaluation(H1, PERCENT, D("79.94")) == "目標に0.1ポイント届かず、未達となりました。"


def test_the_trend_against_the_previous_year_says_better_or_worse_by_direction():
    up = T.draft_evaluation(H1, PERCENT, D("82"), D("79.5"))
    assert up == "目標を達成しました。前年度同期（79.5%）から2.5ポイント上昇し、改善しています。"
    down = T.draft_evaluation(Period(2022), K.KpiTarget(D(200), "件", K.AT_LEAST, 0), 196, 208)
    assert down.endswith("前年度（208件）から12件減少し、後退しています。")
    # fewer omissions is better on a ≤ KPI
    fewer = T.draft_evaluation(H1, K.KpiTarget(D(0), "件", K.AT_MOST, 0), 1, 3)
    assert fewer.endswith("前年度同期（3件）から2件減少し、改善しています。")
    same = T.draft_evaluation(H1, PERCENT, D("82.04"), D("82.0"))
    assert same.endswith("前年度同期と同じ水準です。")


def test_draft_texts_gives_both():
    texts = T.draft_texts("NPS(事故対応) 自動車", Period(2021), K.KpiTarget(D("60.0"), "pt"), D("37.5"))
    assert texts.facts.startswith("2021年度のNPS(事故対応) 自動車は37.5pt（目標60.0pt以上）")
    assert "未達" in texts.evaluation


def test_a_negative_figure_that_rounds_to_zero_reads_0_not_minus_0():
    # NPS −0.4 (1 detractor more than promoters among 250 answers) at 0 places; −0.04 at one place
    assert T.format_value(D(-1) * 100 / 250, "pt", 0) == "0pt"
    assert T.format_value(D("-0.04"), "pt", 1) == "0.0pt"
    facts = T.draft_texts("NPS", Period(2025), K.KpiTarget(D(0), "pt", K.AT_LEAST, 1), D("-0.04")).facts
    assert "-0.0" not in facts and "0.0pt（目標0.0pt以上）" in facts
