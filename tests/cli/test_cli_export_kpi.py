"""`agency-app export kpi`: the publication workbook saved and recorded, progress on stderr, and its refusals."""

from __future__ import annotations

import os
import sqlite3

import pytest
from openpyxl import load_workbook

from agency_app.cli import main
from agency_app.domain.periods import Period
from agency_app.storage.database import open_store
from agency_app.storage.masters import initialise
from tests.reports.kpi_board_data import add_kpi, set_result


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "agency.db"
    store = open_store(path, daily_backup=False)
    try:
        initialise(store)
        for year, value in ((2023, "91"), (2025, "120")):
            kpi = add_kpi(store.conn, year, "お客様アンケートの回答数", "100", "件", principle=1, places=0)
            set_result(store.conn, kpi, Period(year), hand=value, facts=f"{year}年度は{value}件でした。")
        add_kpi(store.conn, 2025, "勉強会の開催回数", "12", "回", principle=7, places=0)
    finally:
        store.close()
    return path


def _exports(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT report, description, with_personal_data, file_name, row_count FROM exports"
                            ).fetchall()
    finally:
        conn.close()


def test_the_workbook_is_saved_recorded_and_progress_said_on_stderr(database, tmp_path, capsys):
    out = tmp_path / "公表.xlsx"
    assert main(["export", "kpi", "--db", str(database), "--fy", "２０２５", "--out", str(out)]) == 0
    said = capsys.readouterr()
    assert "2023年度の KPI を集計しています…" in said.err and "ファイルを保存しています…" in said.err
    assert said.err.count("KPI の表を書いています…") == 1   # a line per step, not per row
    assert f"保存しました: {out}" in said.out
    ws = load_workbook(out).active
    assert [ws.cell(5, column).value for column in (4, 6, 8)] == ["2023年度", "2024年度（設定なし）", "2025年度"]
    assert any(c.value == "2025年度は120件でした。" for c in ws["B"])
    assert _exports(database) == [("kpi", "KPI 2023〜2025年度", 0, "公表.xlsx", 2)]


def test_years_and_branch(database, tmp_path):
    out = tmp_path / "kpi.xlsx"
    assert main(["export", "kpi", "--db", str(database), "--fy", "2025", "--years", "1", "--branch", "hq",
                 "--out", str(out)]) == 0
    ws = load_workbook(out).active
    assert ws["A2"].value == "拠点 HQ 本部"
    assert ws.cell(5, 4).value == "2025年度" and ws.cell(5, 6).value is None
    assert _exports(database)[0][1] == "KPI 2025〜2025年度 拠点 HQ"


@pytest.mark.parametrize("arguments, message", [
    (["--fy", "R7"], "年度 R7 を読めません。西暦 4 桁で指定してください（例 --fy 2025）。"),
    (["--fy", "2025", "--years", "0"], "--years は 1〜10 の数で指定してください（指定された値: 0）。"),
    (["--fy", "2020"], "2018〜2020年度の KPI はこのデータベースにありません（KPI があるのは 2023年度、2025年度）。"),
    (["--fy", "2025", "--branch", "YOK"], "拠点コード YOK はこのデータベースにありません（あるのは HQ）。"),
])
def test_bad_input_is_refused_in_japanese_and_nothing_is_written(database, tmp_path, capsys, arguments, message):
    out = tmp_path / "kpi.xlsx"
    assert main(["export", "kpi", "--db", str(database), *arguments, "--out", str(out)]) == 1
    assert message in capsys.readouterr().err
    assert not out.exists() and _exports(database) == []


def test_a_missing_database_and_a_csv_target_are_refused(tmp_path, database, capsys):
    assert main(["export", "kpi", "--db", str(tmp_path / "none.db"), "--fy", "2025",
                 "--out", str(tmp_path / "kpi.xlsx")]) == 1
    assert "データベースが見つかりません" in capsys.readouterr().err
    assert main(["export", "kpi", "--db", str(database), "--fy", "2025", "--out", str(tmp_path / "kpi.csv")]) == 1
    assert "保存先は .xlsx のファイル名で指定してください" in capsys.readouterr().err


def test_a_locked_target_keeps_the_old_file_says_so_and_records_nothing(database, tmp_path, capsys, monkeypatch):
    out = tmp_path / "kpi.xlsx"
    out.write_bytes(b"old")

    def locked(source, target):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(os, "replace", locked)
    assert main(["export", "kpi", "--db", str(database), "--fy", "2025", "--out", str(out)]) == 2
    assert "Excel などで開いている場合は閉じてから" in capsys.readouterr().err
    assert out.read_bytes() == b"old" and _exports(database) == []
