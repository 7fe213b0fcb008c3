"""Importing KPI results (R21–R22): hand KPIs only, through the KPI screen's own saves, finalised periods refused."""

from datetime import date, datetime

import pytest
from openpyxl import Workbook

from agency_app.domain.errors import ValidationFailed
from agency_app.domain.kpi_definition import KpiInput
from agency_app.domain.periods import Period
from agency_app.reports.excel import sheet_import as SI
from agency_app.storage.kpis import KpiRepository

NOW = datetime(2025, 4, 2, 9, 0)


@pytest.fixture
def kpis(store, staff):
    repo = KpiRepository(store)
    renewal = repo.create(KpiInput(fiscal_year=2025, principle=2, title="早期更改率", target="80", unit="%",
                                   period="half1"), staff["manager"], NOW)
    study = repo.create(KpiInput(fiscal_year=2025, principle=7, title="勉強会の実施", unit="回", target="12",
                                 period="year", source="meetings_held", source_param="study", places=0),
                        staff["manager"], NOW)
    quarterly = repo.create(KpiInput(fiscal_year=2024, principle=5, title="説明書面の交付率", target="95", unit="%",
                                     period="quarter"), staff["manager"], NOW)
    return repo, {"renewal": renewal, "study": study, "quarterly": quarterly}


@pytest.fixture
def sheet(tmp_path):
    book = Workbook()
    s = book.active
    s.append(["KPI 実績表"])
    s.append(["年度", "KPI名", "期間", "実績", "【数値・事実】", "【評価】"])          # row 2
    s.append(["2025年度", "早期更改率", "上期", "85.5%", "更改 200 件中 171 件", "目標を達成"])  # 3
    s.append([2025, "勉強会の実施", "年度", "10", None, None])                        # 4 computed
    s.append(["R6", "説明書面の交付率", "第2四半期", "96", "", ""])                    # 5
    s.append(["2025", "早期更改率", "下期", "80", None, None])                        # 6 no such period
    s.append(["2025", "顧客満足度", "年度", "90", None, None])                        # 7 unknown KPI
    s.append(["2025", "早期更改率", "上期", "120", None, None])                       # 8 over 100 %
    path = tmp_path / "kpi.xlsx"
    book.save(path)
    return path


def plan(store, path, **choices):
    return SI.plan_import(store.conn, SI.TARGET_KPI_RESULTS, path, SI.ImportChoices(**choices))


def test_hand_results_are_imported_and_computed_ones_refused_with_why(store, staff, kpis, sheet):
    repo, uid = kpis
    result = plan(store, sheet)
    rows = {r.number: r for r in result.rows}
    assert {n: r.action for n, r in rows.items()} == {3: SI.ADD, 4: SI.REJECT, 5: SI.ADD, 6: SI.REJECT,
                                                       7: SI.REJECT, 8: SI.REJECT}
    assert "記録から計算するKPI" in rows[4].problems[0]
    assert "下期" in rows[6].problems[0]
    assert "顧客満足度" in rows[7].problems[0]
    assert "0〜100%" in rows[8].problems[0]
    assert [(u.field, u.value) for u in result.unknown_values] == [("title", "顧客満足度")]
    done = SI.apply_import(store, result, by=staff["manager"])
    assert done.added == 2
    stored = repo.results(2025)[(uid["renewal"], "half", 1)]
    assert (stored["hand_value"], stored["facts"], stored["evaluation"]) == ("85.5", "更改 200 件中 171 件", "目標を達成")
    assert repo.results(2024)[(uid["quarterly"], "quarter", 2)]["hand_value"] == "96"
    assert plan(store, sheet).count(SI.ALREADY) == 2


def test_a_finalised_period_is_refused_as_the_screen_refuses_it(store, staff, kpis, sheet):
    repo, uid = kpis
    repo.finalise(Period(2025, "half", 1), {}, staff["manager"], date(2025, 10, 5), now=datetime(2025, 10, 5, 9))
    row = {r.number: r for r in plan(store, sheet).rows}[3]
    assert row.action == SI.REJECT and "確定済み" in row.problems[0]


def test_a_period_finalised_after_the_dry_run_rolls_the_whole_import_back(store, staff, kpis, sheet):
    repo, uid = kpis
    result = plan(store, sheet)
    repo.finalise(Period(2025, "half", 1), {}, staff["manager"], date(2025, 10, 5), now=datetime(2025, 10, 5, 9))
    with pytest.raises(ValidationFailed):
        SI.apply_import(store, result, by=staff["manager"])
    assert store.conn.execute("SELECT count(*) FROM imported_rows").fetchone()[0] == 0
    assert (uid["quarterly"], "quarter", 2) not in repo.results(2024)


def test_a_second_row_for_the_same_kpi_and_period_is_refused_not_silently_overwriting_the_first(
        store, staff, kpis, tmp_path):
    repo, uids = kpis
    book = Workbook()
    book.active.append(["年度", "KPI名", "期間", "実績", "【数値・事実】", "【評価】"])
    book.active.append(["2025年度", "早期更改率", "上期", "85.5%", "更改 171 件", "達成"])
    book.active.append(["2025", "早期更改率", "上期", "90", "更改 180 件", "達成"])
    path = tmp_path / "k.xlsx"
    book.save(path)
    result = plan(store, path)
    assert [row.action for row in result.rows] == [SI.ADD, SI.REJECT]
    assert any("2行目" in p for p in result.rows[1].problems)
    added = SI.apply_import(store, result, by=staff["manager"]).added
    assert added == result.count(SI.ADD)
    facts = [r[0] for r in store.conn.execute("SELECT facts FROM kpi_results WHERE period_kind = 'half'")]
    assert facts == ["更改 171 件"]


def test_a_result_in_a_percent_formatted_cell_is_the_percent_excel_shows(store, staff, kpis, tmp_path):
    book = Workbook()
    book.active.append(["年度", "KPI名", "期間", "実績", "【数値・事実】", "【評価】"])
    book.active.append(["2025年度", "早期更改率", "上期", 0.855, None, None])     # typed 85.5% in Excel
    book.active["D2"].number_format = "0.0%"
    path = tmp_path / "k.xlsx"
    book.save(path)
    row = plan(store, path).rows[0]
    assert row.action == SI.ADD and row.values["value"] == "85.5"
    assert "85.5" in row.line
