"""The KPI sheet (A4 landscape): principles in order with target, result, judgement, 確定 and the earlier years, a
trend chart per KPI, the texts marked when drafted, 未確定 until the period is finalised."""

from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtCore import QRectF

from agency_app.domain.periods import QUARTER, Period
from agency_app.reports.kpi_report import build_board
from agency_app.ui.kit.charts import YearTrend, trend_axis_range
from agency_app.ui.printing import printed_document
from agency_app.ui.printing.kpi_sheet import kpi_document
from agency_app.ui.printing.printed_document import Chart, PrintedDocument
from pdf_text import page_count, page_texts
from tests.reports.kpi_board_data import FakeMeasures, add_finalisation, add_kpi, board_services, set_result

TODAY = date(2026, 4, 20)
pytestmark = pytest.mark.usefixtures("qapp")   # the charts are laid out in a graphics scene


@pytest.fixture
def manager(store, staff):
    return staff["manager"]


def seed_003(store, manager, *, final: bool) -> FakeMeasures:
    conn = store.conn
    for year, value in ((2018, "78.0"), (2019, "79.5"), (2020, "81.0")):
        set_result(conn, add_kpi(conn, year, "早期更改率", "80.0"), Period(year), hand=value)
    renew = add_kpi(conn, 2021, "早期更改率", "80.0", description="満期日の30日前までに更改した契約の割合")
    set_result(conn, renew, Period(2021), hand="82.0", facts="早期更改率は82.0%となりました。",
               evaluation="目標を上回りました。")
    window = add_kpi(conn, 2021, "代理店事故窓口割合（自動車）", "85.0", sort_order=2)
    set_result(conn, window, Period(2021), hand="80.6")
    nps = add_kpi(conn, 2021, "NPS（事故対応）自動車", "60.0", "pt", principle=6, source="nps", param="claim")
    add_kpi(conn, 2021, "研修の受講者数", "20", "名", principle=7, places=0)
    quarters = add_kpi(conn, 2021, "苦情件数", "5", "件", principle=3, direction="<=", places=0, period="quarter",
                       source="voices", param="dissatisfaction")
    if final:
        set_result(conn, nps, Period(2021), frozen="37.5", frozen_at="2022-04-08 10:00:00", frozen_by=manager)
        set_result(conn, quarters, Period(2021, QUARTER, 1), frozen="4", frozen_at="2022-04-08 10:00:00",
                   frozen_by=manager)
        add_finalisation(conn, Period(2021), manager, at="2022-04-08 10:00:00")
    return FakeMeasures({("nps", "claim", Period(2021), None): "38.4",
                         ("voices", "dissatisfaction", Period(2021, QUARTER, 1), None): "4",
                         ("voices", "dissatisfaction", Period(2021, QUARTER, 2), None): "7"})


def shown(needle: str, text: str) -> bool:
    """`needle` in the PDF's text, digits aside: Qt leaves some digit glyphs of a CJK font out of the PDF's text
    map (they print, but copy as nothing), so the figures themselves are checked in the sheet's HTML."""
    def plain(value: str) -> str:
        return re.sub(r"[0-9.]", "", value)
    return plain(needle) in plain(text)


def in_html(needle: str, document) -> bool:
    """`needle` among the sheet's words (its HTML without the tags)."""
    return needle in re.sub(r"<[^>]+>", "", document.html).replace("&gt;", ">")


def sheet(store, measures, tmp_path, **board_args):
    board = build_board(board_services(store), 2021, today=TODAY, compute=measures, **board_args)
    document = kpi_document(board)
    pdf = tmp_path / "kpi.pdf"
    pages = document.write_pdf(pdf)
    assert page_count(pdf) == pages
    texts = page_texts(pdf)
    for number, text in enumerate(texts, start=1):
        assert "顧客本位の業務運営KPI" in text and "全拠点" in text and f"{number}/{pages}ページ" in text
    return document, "".join(texts), pdf


def test_the_principles_in_order_with_figures_judgement_and_earlier_years(store, manager, tmp_path):
    document, text, _pdf = sheet(store, seed_003(store, manager, final=True), tmp_path)
    headings = [text.index(name) for name in ("顧客の最善の利益の追求", "利益相反の適切な管理",
                                              "顧客にふさわしいサービスの提供", "従業員に対する適切な動機づけ")]
    assert headings == sorted(headings)
    # (the PDF's text runs down a table's columns: its rows are checked in the HTML)
    assert shown("早期更改率年度80.0%以上82.0%", text) and in_html("早期更改率年度80.0%以上82.0%達成", document)
    assert shown("2017年度2018年度2019年度2020年度", text) and in_html("—78.0%79.5%81.0%", document)
    assert shown("代理店事故窓口割合（自動車）年度85.0%以上80.6%", text)
    assert in_html("代理店事故窓口割合（自動車）年度85.0%以上80.6%未達", document)
    assert shown("研修の受講者数年度20名以上データなしデータなし", text) or in_html(
        "研修の受講者数年度20名以上データなしデータなし", document)   # never 0 or 達成
    assert in_html("研修の受講者数年度20名以上データなしデータなし", document)
    # the frozen figure with who and when, and the flag of a figure that changed since
    assert shown("37.5pt確定後に変更があります:37.5pt→38.4pt未達2022/04/08山田花子", text)
    assert in_html("37.5pt確定後に変更があります: 37.5pt → 38.4pt未達2022/04/08山田 花子", document)
    assert shown("確定:2021年度2022-04-08山田花子", text) and "未確定" not in text


def test_the_texts_are_printed_and_drafts_marked(store, manager, tmp_path):
    _document, text, _pdf = sheet(store, seed_003(store, manager, final=False), tmp_path)
    assert "【数値・事実】" in text and "【評価】" in text
    assert "満期日の30日前までに更改した契約の割合" in text
    mine = text.index("早期更改率は82.0%となりました。")
    assert "（下書き）" not in text[mine - 20:mine]
    assert shown("（下書き）2021年度の代理店事故窓口割合（自動車）は80.6%（目標85.0%以上）でした。", text)
    assert "未確定" in text   # the year is not finalised yet


def test_one_chart_per_kpi_with_its_years_and_no_data_said_not_drawn_as_zero(store, manager, tmp_path):
    document, text, _pdf = sheet(store, seed_003(store, manager, final=False), tmp_path)
    charts = {chart.data.title: chart.data for chart in document.charts}
    assert len(charts) == 5
    renew = charts["早期更改率<br>年度の推移"]
    assert renew.labels == ("2018年度", "2019年度", "2020年度", "2021年度")
    assert renew.values == (78.0, 79.5, 81.0, 82.0) and renew.target == 80.0
    assert renew.target_text == "目標 80.0%以上"
    trained = charts["研修の受講者数<br>年度の推移"]
    assert trained.values == (None,) and trained.value_texts == ("データ\nなし",)
    quarters = charts["苦情件数<br>2021年度の四半期"]
    assert quarters.labels == ("Q1", "Q2", "Q3", "Q4") and quarters.values == (4.0, 7.0, None, None)
    assert "早期更改率年度の推移" in text   # the charts are drawn as text and vectors


def test_the_sheet_is_a4_landscape(store, manager, tmp_path):
    _document, _text, pdf = sheet(store, seed_003(store, manager, final=False), tmp_path)
    width, height = (float(n) for n in re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]",
                                                 pdf.read_bytes()).groups())
    assert (round(width), round(height)) == (842, 595)   # A4 in points, on its side


def test_one_half_marks_the_interim_figures(store, manager, tmp_path):
    _document, text, _pdf = sheet(store, seed_003(store, manager, final=False), tmp_path, half=1)
    assert shown("2021年度上期", text) and "上期（中間）" in text and "中間:年度のKPIを、その半期の実績で表示しています" in text


@pytest.mark.parametrize(("values", "target", "unit", "expected"), [
    ((82.0, 79.5), 80.0, "%", (0.0, 100.0, 20.0)),      # a share stops at 100%
    ((37.5, -5.0), 60.0, "pt", (-20.0, 80.0, 20.0)),    # a negative NPS goes below 0
    ((None, None), 5.0, "件", (0.0, 6.0, 1.0)),          # no data: the target alone sets the axis
])
def test_the_trend_axis(values, target, unit, expected):
    data = YearTrend("t", tuple(str(i) for i in range(len(values))), values, ("",) * len(values), target, "", unit)
    assert trend_axis_range(data) == expected


def test_a_chart_that_starts_a_page_is_painted_on_that_page_only(monkeypatch, tmp_path):
    """A chart moved to the top of the next page touches the page before it by a rounding's width (so it was laid
    out on the KPI sheet): painted unclipped there too, it ran over that page's footer."""
    painted = []
    monkeypatch.setattr(printed_document, "_paint_chart", lambda painter, rect, chart, font: painted.append(rect))
    trend = YearTrend("t", ("2021年度",), (1.0,), ("1件",), 1.0, "目標", "件")
    chart = Chart(trend, 80.0, 60.0)
    filler = "".join(f"<p>行 {n}</p>" for n in range(50))   # two pages
    document = PrintedDocument("t", "", "", filler, [chart])
    page = document.body_size().height()
    at_top_of_page_2 = QRectF(0, page - 0.02, 80.0 * printed_document.MM, 60.0 * printed_document.MM)
    monkeypatch.setattr(document, "chart_places", lambda doc: [(at_top_of_page_2, chart)])
    assert document.write_pdf(tmp_path / "x.pdf") >= 2
    assert painted == [at_top_of_page_2]


def test_a_long_title_is_printed_whole_over_its_chart(store, manager, tmp_path):
    """A title of a chart's width or more was cut short with '…' and the chart's caption (年度の推移) lost."""
    title = "お客様の声を起点とした業務改善の実施件数（本社・全拠点合計、システム改修を含む）および改善効果の検証"
    add_kpi(store.conn, 2021, title, "28", "件", places=0)
    document, text, _pdf = sheet(store, FakeMeasures({}), tmp_path)
    flat = re.sub(r"\s", "", text)
    assert flat.count(title) == 4 and "..." not in flat   # the table, the chart, the texts and the draft in them
    assert flat.count("年度の推移") == 1


def test_on_a_branchs_sheet_a_hand_kpi_is_marked_as_the_agencys_figure(store, manager):
    """The branch's sheet showed the agency's typed 80.6% and 未達 as the branch's, under the note that its values
    are computed from the branch's records."""
    measures = seed_003(store, manager, final=False)
    document = kpi_document(build_board(board_services(store), 2021, branch="HQ", today=TODAY, compute=measures))
    assert in_html("代理店事故窓口割合（自動車）年度85.0%以上80.6%（全社）未達（全社）", document)
    assert in_html("苦情件数Q1", document) and not in_html("件（全社）", document)   # a computed KPI is the branch's
    assert in_html("手入力の KPI は全社の値です", document)
    assert not in_html("（全社）", kpi_document(build_board(board_services(store), 2021, today=TODAY,
                                                            compute=measures)))
