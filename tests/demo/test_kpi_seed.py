"""Seed 003's KPI tables as demo data: the figures copied exactly, every KPI a valid definition, judged as published."""

from decimal import Decimal as D

import pytest

from agency_app.demo import kpi_seed as S
from agency_app.domain import kpi as K


# Lines of seed 003, verbatim (the seed itself lives outside the repository).
SEED_LINES = (
    "目標 | 早期更改率80.0% | 結果(2021年度) | 82% |",
    "目標 | 代理店事故窓口割合 自動車:85.0% 火新種:70.0% | 結果(2021年度) | 自動車:80.6% 火新:72.8% |",
    "目標 | NPS(事故対応) 自動車:60.0pt 火新:70.0pt | 結果(2021年度) | 自動車:37.5pt 火新:69.2pt |",
    "目標 | 回答数:200件 | 結果(2023年度) | 208件 |",
    "目標 | 対面募集率:40.0% | 結果(2022年度) | 32.30% |",
    "目標 | 早期更改率:85%以上 | 結果(2024年度) |",
)


def find(fy, title):
    (kpi,) = [k for k in S.kpis_of(fy) if k.title == title]
    return kpi


@pytest.mark.parametrize("fy,title,target,result,line", [
    (2021, "早期更改の実施", D("80.0"), D("82"), 0),
    (2021, "代理店事故対応窓口割合の向上（自動車）", D("85.0"), D("80.6"), 1),
    (2021, "代理店事故対応窓口割合の向上（火新）", D("70.0"), D("72.8"), 1),
    (2021, "お客様アンケートNPS(事故対応)の向上（自動車）", D("60.0"), D("37.5"), 2),
    (2023, "お客様アンケート(契約募集)の収集", D("200"), D("208"), 3),
    (2022, "お客様との対話を通じた最適提案", D("40.0"), D("32.30"), 4),
    (2024, "お客様への早期アプローチ", D("85"), None, 5),
])
def test_a_few_figures_match_the_seed(fy, title, target, result, line):
    kpi = find(fy, title)
    assert (kpi.target, kpi.result) == (target, result)
    assert kpi.target_text in SEED_LINES[line] and kpi.result_text in SEED_LINES[line]


def test_four_fiscal_years_of_valid_kpis_with_unique_titles():
    assert S.FISCAL_YEARS == (2021, 2022, 2023, 2024)
    for fy in S.FISCAL_YEARS:
        titles = [k.title for k in S.kpis_of(fy)]
        assert len(titles) == len(set(titles))
    for kpi in S.KPIS:
        K.check_definition(principle=kpi.principle, title=kpi.title,
                           target=K.KpiTarget(kpi.target, kpi.unit, kpi.direction, kpi.places))
    assert all(k.result is None for k in S.kpis_of(2024))


def test_the_published_results_are_judged_as_the_issue_says():
    judged = {k.title: K.achievement(k.result, k.target, k.direction, k.places) for k in S.kpis_of(2021)}
    assert judged["早期更改の実施"] == K.ACHIEVED
    assert judged["代理店事故対応窓口割合の向上（自動車）"] == K.MISSED
    assert judged["お客様アンケートNPS(事故対応)の向上（自動車）"] == K.MISSED
    assert K.achievement(find(2022, "事故対応に関するお客様満足度向上（火新）").result, 70, K.AT_LEAST, 1) is None
