"""`agency-app kpi`: the board as text grouped by principle, one half, the A4 sheet as a PDF, and its refusals."""

from __future__ import annotations

import pytest

from agency_app.cli import main
from agency_app.domain.periods import HALF, Period
from agency_app.storage.database import open_store
from agency_app.storage.masters import MasterData, initialise
from pdf_text import page_count, page_texts
from tests.reports.kpi_board_data import add_finalisation, add_kpi, set_result


@pytest.fixture
def database(tmp_path):
    """Seed 003's FY2021 KPIs typed by hand, FY2021 finalised (one figure retyped since), FY2020 for the trend."""
    path = tmp_path / "agency.db"
    store = open_store(path, daily_backup=False)
    try:
        initialise(store)
        manager = MasterData(store).save_staff(name="山田 花子", kana="やまだ はなこ", team="品質管理",
                                               role="manager", branch_code="HQ")
        conn = store.conn
        renew = add_kpi(conn, 2021, "早期更改率", "80.0", sort_order=1)
        window = add_kpi(conn, 2021, "代理店事故窓口割合（自動車）", "85.0", sort_order=2)
        add_kpi(conn, 2021, "研修の受講者数", "20", "名", principle=7, places=0)
        half = add_kpi(conn, 2021, "上期の満足度", "90.0", principle=5, period="half1")
        set_result(conn, renew, Period(2021), hand="82.0")
        set_result(conn, window, Period(2021), hand="80.7", frozen="80.6", frozen_at="2022-04-08 10:00:00",
                   frozen_by=manager)
        set_result(conn, half, Period(2021, HALF, 1), hand="91.5")
        add_finalisation(conn, Period(2021), manager, at="2022-04-08 10:00:00")
        before = add_kpi(conn, 2020, "早期更改率", "80.0")
        set_result(conn, before, Period(2020), hand="79.5")
    finally:
        store.close()
    return path


def test_the_board_is_printed_grouped_by_principle(database, capsys):
    before = database.read_bytes()
    assert main(["kpi", "--db", str(database), "--fy", "2021"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("顧客本位の業務運営 KPI　2021年度　全拠点")
    assert out.index("■ 原則2 顧客の最善の利益の追求") < out.index("■ 原則5") < out.index("■ 原則7")
    renew = next(line for line in out.splitlines() if line.startswith("早期更改率"))
    assert renew.split()[1:5] == ["年度", "80.0%以上", "82.0%", "達成"]
    assert renew.split()[-1] == "79.5%"   # 2020年度, the last of the earlier years side by side
    window = next(line for line in out.splitlines() if line.startswith("代理店事故窓口割合"))
    assert "80.6%  未達  確定 2022-04-08 山田 花子" in window
    assert "※ 代理店事故窓口割合（自動車）（年度）: 確定後に変更があります: 80.6% → 80.7%" in out
    trained = next(line for line in out.splitlines() if line.startswith("研修の受講者数"))
    assert "データなし  データなし" in trained
    assert "確定: 2021年度 2022-04-08 山田 花子" in out
    assert database.read_bytes() == before   # the command only reads


def test_one_half(database, capsys):
    assert main(["kpi", "--db", str(database), "--fy", "2021", "--half", "１"]) == 0   # typed with the IME on
    out = capsys.readouterr().out
    assert "2021年度上期" in out and "上期（中間）" in out and "91.5%" in out
    # a typed year result has no half figure: shown as データなし, never 達成
    renew = next(line for line in out.splitlines() if line.startswith("早期更改率"))
    assert renew.split()[1:5] == ["上期（中間）", "80.0%以上", "データなし", "データなし"]


@pytest.mark.parametrize("half", ["3", "0", "上"])
def test_a_half_outside_1_2_is_refused(database, capsys, half):
    assert main(["kpi", "--db", str(database), "--fy", "2021", "--half", half]) == 1
    assert f"--half は 1（上期）か 2（下期）で指定してください（指定された値: {half}）。" in capsys.readouterr().err


def test_a_year_without_kpis_names_the_years_that_have_them(database, capsys):
    assert main(["kpi", "--db", str(database), "--fy", "2025"]) == 1
    assert "2025年度の KPI はこのデータベースにありません（KPI があるのは 2020年度、2021年度）。" in \
        capsys.readouterr().err


@pytest.mark.parametrize("year", ["令和3", "21", "2021年"])
def test_a_year_that_cannot_be_read_is_refused(database, capsys, year):
    assert main(["kpi", "--db", str(database), "--fy", year]) == 1
    assert f"年度 {year} を読めません。西暦 4 桁で指定してください（例 --fy 2025）。" in capsys.readouterr().err


def test_an_unknown_file_is_said(tmp_path, capsys):
    missing = tmp_path / "nothing.db"
    assert main(["kpi", "--db", str(missing), "--fy", "2021"]) == 1
    assert f"データベースが見つかりません: {missing}" in capsys.readouterr().err
    assert not missing.exists()


def test_an_unknown_branch_is_refused(database, capsys):
    assert main(["kpi", "--db", str(database), "--fy", "2021", "--branch", "osk"]) == 1
    assert "拠点コード OSK はこのデータベースにありません（あるのは HQ）。" in capsys.readouterr().err


def test_a_branch_board(database, capsys):
    assert main(["kpi", "--db", str(database), "--fy", "2021", "--branch", "hq"]) == 0
    out = capsys.readouterr().out
    assert "拠点 HQ 本部" in out and "確定後に変更があります" not in out
    # the typed KPIs are the agency's (全社), not the branch's; the note says so
    renew = next(line for line in out.splitlines() if line.startswith("早期更改率"))
    assert renew.split()[3:5] == ["82.0%（全社）", "達成（全社）"]
    assert "手入力の KPI は全社の値です" in out


def test_the_sheet_is_saved_as_a_pdf(database, tmp_path, capsys):
    out = tmp_path / "kpi.pdf"
    assert main(["kpi", "--db", str(database), "--fy", "2021", "--pdf", str(out)]) == 0
    assert f"KPI シートを保存しました: {out}" in capsys.readouterr().out
    assert page_count(out) >= 1
    text = "".join(page_texts(out))
    assert "顧客本位の業務運営KPI" in text and "早期更改率" in text and "代理店事故窓口割合（自動車）" in text
    assert "確定後に変更があります:80.6%→80.7%" in text and "【数値・事実】" in text


def test_an_unwritable_pdf_path_is_said_in_japanese(database, tmp_path, capsys):
    out = tmp_path / "no-such-folder" / "kpi.pdf"
    assert main(["kpi", "--db", str(database), "--fy", "2021", "--pdf", str(out)]) == 2
    assert "保存先のフォルダーが見つかりません" in capsys.readouterr().err
