"""Seed 003's KPI tables FY2021–FY2024 as plain data for the demo: titles, principles, targets and published results."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from agency_app.domain.kpi import AT_LEAST
from agency_app.domain.kpi_measures import HAND

# Seed 003 numbers its KPIs 1–6 but names no FSA principle; the principle below is our reading of each item
# (voices and accident handling → 2 最善の利益, information → 5, proposals → 6, staff → 7).
# Its items 6 of FY2022/FY2023 (人事評価制度…) have no numeric target and are left out.
# A KPI with two targets (自動車 / 火新) becomes two KPIs, the subject in the title so titles stay unique in a year.


@dataclass(frozen=True)
class SeedKpi:
    """One KPI as seed 003 publishes it; `target_text` / `result_text` are the seed's own words, verbatim."""

    fiscal_year: int
    number: int            # the seed's item number in that year
    principle: int
    title: str
    description: str
    unit: str
    target: Decimal
    target_text: str
    places: int
    result: Decimal | None = None    # None: the seed publishes no result (FY2024, or the cell is empty)
    result_text: str = ""
    direction: str = AT_LEAST
    source: str = HAND               # the demo computes none of these: seed 003's figures are typed results
    param: str | None = None


D = Decimal
_SURVEY = "お客様からのお褒めの言葉、ご不満の背景や原因の分析を行い、適切に対応するとともに、業務改善・品質向上に活かしてまいります。"
_CONTACT = "ホームページや会社案内も活用し、お客様との日常的な接点強化を図り、変化する環境を踏まえた情報提供を実施いたします。"
_FACE = ("対面募集での募集を基本とし、パンフレットやチラシを活用し、分かり易い説明を心掛けるとともに、"
         "お客様のご意向に沿った最適な商品・サービスをご提案します。")
_ACCIDENT = "事故発生~保険金お支払いまでの対応品質の向上・統一を図り、お客様に寄り添った事故対応を実施いたします。"
_RECORDS = "お客様情報、対応履歴をシステム上へ入力することをルール化し、デジタルツールを活用した顧客情報確認を実施いたします。"

KPIS: tuple[SeedKpi, ...] = (
    # 2024年度 (no results published)
    SeedKpi(2024, 1, 2, "お客様アンケートの収集", _SURVEY, "pt", D("80"), "お客様アンケート点数80点以上", 0),
    SeedKpi(2024, 2, 6, "お客様への最適提案",
            "お客様に十分にご理解いただけるように、保険手続きナビ等を使い、お客様に分かりやすい説明と誠実な情報提供に努めてまいります。",
            "%", D("75"), "対面募集率:75%", 1),
    SeedKpi(2024, 3, 5, "お客様との接点強化・情報提供",
            "モバイルSONPOやホームページ等を活用し、お客様との日常的な接点強化を図り、変化する環境を踏まえた情報提供に努めてまいります。",
            "件", D("200"), "モバイルSONPO登録数200件(新規)", 0),
    SeedKpi(2024, 4, 2, "お客様への早期アプローチ",
            "満期書類が発送されたあと、1週間以内にご連絡をして保険始期までに余裕をもって手続きを行います。"
            "ご契約手続き後、速やかに保険証券をお届けすることでご安心いただけるようにします。",
            "%", D("85"), "早期更改率:85%以上", 1),
    SeedKpi(2024, 5, 7, "業務知識の向上",
            "年間を通じた教育研修計画を策定し、商品研修に留まらず、コンプライアンス研修・品質向上会議を毎月実施いたします。",
            "回", D("12"), "年間勉強会・品質向上会議12回", 0),
    # 「1人1資格以上」: every member of staff holds one, i.e. 100% of staff
    SeedKpi(2024, 6, 7, "保険以外の資格取得の取り組み",
            "お客さまのあらゆるお困り事に対応し、幅広い観点からのアドバイスができるよう、幅広い分野の資格取得を積極的に奨励しています。",
            "%", D("100"), "1人1資格以上の取得", 0),
    # 2023年度
    SeedKpi(2023, 1, 2, "お客様アンケート(契約募集)の収集", _SURVEY, "件", D("200"), "回答数:200件", 0,
            D("208"), "208件"),
    SeedKpi(2023, 2, 6, "お客様との対話を通じた最適提案", _FACE, "%", D("75"), "対面募集率:75%", 2,
            D("60.00"), "60.00%"),
    SeedKpi(2023, 3, 5, "お客様との接点強化・情報提供", _CONTACT, "%", D("80.0"), "設問Q4.⑥『良い』80.0%", 1,
            D("80.2"), "80.2%"),
    SeedKpi(2023, 4, 2, "事故対応に関するお客様満足度向上（自動車）", _ACCIDENT, "pt", D("60.0"),
            "NSP(事故対応) 自動車:60.0pt", 1, D("38.4"), "自動車:38.4pt"),
    SeedKpi(2023, 4, 2, "事故対応に関するお客様満足度向上（火新）", _ACCIDENT, "pt", D("70.0"),
            "火新:70.0pt", 1, D("36.0"), "火新:36.0pt"),
    SeedKpi(2023, 5, 5, "顧客情報・対応履歴の適切管理", _RECORDS, "件", D("84"),
            "モバイル!SOMPOチャットルーム開設 開設数84件", 0),
    # 2022年度
    SeedKpi(2022, 1, 2, "お客様アンケート(契約募集)の収集", _SURVEY, "件", D("200"), "回答数:200件", 0,
            D("196"), "196件"),
    SeedKpi(2022, 2, 6, "お客様との対話を通じた最適提案", _FACE, "%", D("40.0"), "対面募集率:40.0%", 2,
            D("32.30"), "32.30%"),
    SeedKpi(2022, 3, 5, "お客様との接点強化・情報提供", _CONTACT, "%", D("80.0"), "設問Q4.⑥『良い』80.0%", 1,
            D("76.2"), "76.2%"),
    SeedKpi(2022, 4, 2, "事故対応に関するお客様満足度向上（自動車）", _ACCIDENT, "pt", D("60.0"),
            "NSP(事故対応) 自動車:60.0pt", 1, D("40.0"), "自動車:40.0pt"),
    SeedKpi(2022, 4, 2, "事故対応に関するお客様満足度向上（火新）", _ACCIDENT, "pt", D("70.0"),
            "火新:70.0pt", 1),   # the seed publishes no 火新 result for FY2022
    SeedKpi(2022, 5, 5, "顧客情報・対応履歴の適切管理", _RECORDS, "件", D("84"),
            "モバイル!SOMPOチャットルーム開設 開設数84件", 0),
    # 2021年度
    SeedKpi(2021, 1, 2, "お客様アンケート(契約募集)の収集", "お客様のご意見を積極的に収集し、業務品質向上に活かしていきます。",
            "件", D("120"), "回答数:120件", 0, D("91"), "91件"),
    SeedKpi(2021, 2, 6, "お客様アンケート総合満足度(契約募集)の向上",
            "お客様のご意向と実情に沿った適切な商品設計・提案を行い、お客様満足度の向上に務めます。",
            "pt", D("9.0"), "総合満足度:9.0pt", 1, D("8.8"), "8.8pt"),
    SeedKpi(2021, 3, 2, "早期更改の実施",
            "自動車保険の満期2か月前にアプローチを開始し、始期28日前までに更改手続きを完了します。",
            "%", D("80.0"), "早期更改率80.0%", 1, D("82"), "82%"),
    SeedKpi(2021, 4, 5, "お客様アンケート設問Q4.⑥ 情報提供の『良い』回答率の向上",
            "お客さまとのあらゆる接点において期待を超える価値の提供に努めます。",
            "%", D("60.0"), "設問Q4.⑥『良い』60.0%", 1, D("61.1"), "61.1%"),
    SeedKpi(2021, 5, 2, "お客様アンケートNPS(事故対応)の向上（自動車）",
            "事故対応の品質向上・対応品質の統一を図り、お客様アンケートNPS(事故対応)の向上に努めます。",
            "pt", D("60.0"), "NPS(事故対応) 自動車:60.0pt", 1, D("37.5"), "自動車:37.5pt"),
    SeedKpi(2021, 5, 2, "お客様アンケートNPS(事故対応)の向上（火新）",
            "事故対応の品質向上・対応品質の統一を図り、お客様アンケートNPS(事故対応)の向上に努めます。",
            "pt", D("70.0"), "火新:70.0pt", 1, D("69.2"), "火新:69.2pt"),
    SeedKpi(2021, 6, 2, "代理店事故対応窓口割合の向上（自動車）",
            "事故受付・事故対応の窓口となることで、タイムリーなお客様対応、安心をお届けします。",
            "%", D("85.0"), "代理店事故窓口割合 自動車:85.0%", 1, D("80.6"), "自動車:80.6%"),
    SeedKpi(2021, 6, 2, "代理店事故対応窓口割合の向上（火新）",
            "事故受付・事故対応の窓口となることで、タイムリーなお客様対応、安心をお届けします。",
            "%", D("70.0"), "火新種:70.0%", 1, D("72.8"), "火新:72.8%"),
)

FISCAL_YEARS = tuple(sorted({k.fiscal_year for k in KPIS}))


def kpis_of(fiscal_year: int) -> tuple[SeedKpi, ...]:
    """Seed 003's KPIs of one fiscal year, in the seed's order."""
    return tuple(k for k in KPIS if k.fiscal_year == fiscal_year)
