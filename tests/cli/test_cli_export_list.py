"""`agency-app export list …`: the screen's rows as Excel, each export recorded, personal data only for a manager, and every refusal in Japanese with no file left."""

from __future__ import annotations

import sqlite3
from datetime import date

import openpyxl
import pytest

from agency_app.cli import main
from agency_app.demo.voices import generate
from agency_app.domain.periods import QUARTER, Period
from agency_app.storage.database import open_store
from agency_app.storage.elderly_list import ELDERLY_LIST, ElderlyFilter
from agency_app.storage.keyset import open_read_connection
from agency_app.storage.masters import MasterData, initialise
from agency_app.storage.voice_filter import VoiceFilter
from agency_app.storage.voice_query import VOICE_LIST

TODAY = date(2025, 11, 20)
# The demo records the workbooks its managers sent: the tests look only at the exports recorded after those.
DEMO_EXPORTS = {"last": 0}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """A demo database file, with a manager and a staff member whose names the tests use (and the demo's own
    record of exports, left out by `exports`)."""
    path = tmp_path_factory.mktemp("db") / "agency.db"
    store = open_store(path, daily_backup=False)
    try:
        initialise(store)
        generate(store, voices=300, seed=4, today=TODAY)
        masters = MasterData(store)
        masters.save_staff(name="品質 管理子", kana="ひんしつ かんりこ", team="品質管理", role="manager",
                           branch_code="HQ")
        masters.save_staff(name="一般 太郎", kana="いっぱん たろう", team="損保", branch_code="HQ")
        DEMO_EXPORTS["last"] = store.conn.execute("SELECT IFNULL(max(rowid), 0) FROM exports").fetchone()[0]
    finally:
        store.close()
    return path


@pytest.fixture
def db(demo_file, tmp_path):
    """A copy per test, so the exports recorded by one test are not seen by another."""
    copy = tmp_path / "agency.db"
    copy.write_bytes(demo_file.read_bytes())
    return copy


def exports(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT report, description, with_personal_data, file_name, row_count, created_by "
                            "FROM exports WHERE rowid > ? ORDER BY rowid", (DEMO_EXPORTS["last"],)).fetchall()
    finally:
        conn.close()


def staff_uid(path, name) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT uid FROM staff WHERE name = ?", (name,)).fetchone()[0]
    finally:
        conn.close()


def test_voices_of_a_quarter_by_status_written_and_recorded(db, tmp_path, capsys):
    out = tmp_path / "声の一覧.xlsx"
    assert main(["export", "list", "voices", "--db", str(db), "--fy", "2025", "--quarter", "１",
                 "--status", "対応中,完了", "--out", str(out)]) == 0
    conn = open_read_connection(db)
    flt = VoiceFilter(period=Period(2025, QUARTER, 1), statuses=("in_progress", "done"))
    query = VOICE_LIST.query(conn, flt)
    expected = query.rows(0, query.count())
    conn.close()
    rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(min_row=2, values_only=True))
    assert [r[6] for r in rows] == [v.summary for v in expected] and expected
    err = capsys.readouterr().err
    assert f"{len(expected):,} 件を保存しました" in err and "お客様の声の一覧を書いています" in err
    assert exports(db) == [("list_voices", "お客様の声の一覧（期間: 2025/04/01〜2025/06/30、状況: 対応中、完了）", 0,
                            "声の一覧.xlsx", len(expected), None)]


def test_elderly_between_two_dates_written_as_japanese_dates_are_read(db, tmp_path):
    out = tmp_path / "e.xlsx"
    assert main(["export", "list", "elderly", "--db", str(db), "--from", "令和7年4月1日", "--to", "2025/9/30",
                 "--incomplete", "--out", str(out)]) == 0
    conn = open_read_connection(db)
    flt = ElderlyFilter(open_only=True, start=date(2025, 4, 1), end=date(2025, 9, 30))
    query = ELDERLY_LIST.query(conn, flt)
    count = query.count()
    conn.close()
    assert openpyxl.load_workbook(out).worksheets[0].max_row == count + 1
    assert exports(db)[0][1] == "高齢者対応記録の一覧（申込日: 2025/04/01〜2025/09/30、未完了のみ）"


def test_cases_and_customers(db, tmp_path):
    assert main(["export", "list", "cases", "--db", str(db), "--status", "未完了", "--type", "満期更改",
                 "--out", str(tmp_path / "c.xlsx")]) == 0
    assert main(["export", "list", "customers", "--db", str(db), "--text", "やま",
                 "--out", str(tmp_path / "cu.xlsx")]) == 0
    recorded = exports(db)
    assert [r[:3] for r in recorded] == [("list_cases", "対応案件の一覧（状況: 未完了、種別: 満期更改）", 0),
                                         ("list_customers", "お客様の一覧（検索語: ＊＊＊）", 0)]
    names = {r[0] for r in openpyxl.load_workbook(tmp_path / "cu.xlsx").worksheets[0].iter_rows(
        min_row=2, values_only=True)}
    assert names == {"＊＊＊"}


def test_a_manager_exports_with_personal_data_and_it_is_recorded(db, tmp_path):
    out = tmp_path / "cu.xlsx"
    assert main(["export", "list", "customers", "--db", str(db), "--with-personal-data",
                 "--staff-name", "品質管理子", "--out", str(out)]) == 0
    names = [r[0] for r in openpyxl.load_workbook(out).worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert "＊＊＊" not in names and names
    assert exports(db) == [("list_customers", "お客様の一覧（条件なし（すべて））", 1, "cu.xlsx", len(names),
                            staff_uid(db, "品質 管理子"))]


@pytest.mark.parametrize("extra, message", [
    (["--with-personal-data"], "管理者の名前を --staff-name で指定してください"),
    (["--with-personal-data", "--staff-name", "一般 太郎"], "個人情報を含めて出力できるのは管理者だけです"),
    (["--with-personal-data", "--staff-name", "だれか"], "担当者「だれか」はこのデータベースにいません"),
])
def test_personal_data_refused_unless_a_manager(db, tmp_path, capsys, extra, message):
    out = tmp_path / "cu.xlsx"
    assert main(["export", "list", "customers", "--db", str(db), "--out", str(out), *extra]) == 1
    assert message in capsys.readouterr().err
    assert not out.exists() and exports(db) == []


@pytest.mark.parametrize("args, message", [
    (["voices", "--status", "済み"], "状況「済み」はありません（使えるのは 未対応、対応中、完了、見送り）"),
    (["voices", "--kind", "クレーム"], "種別「クレーム」はありません"),
    (["voices", "--fy", "25"], "年度 25 を読めません"),
    (["voices", "--quarter", "5", "--fy", "2025"], "--quarter は 1〜4 で指定してください"),
    (["voices", "--month", "4"], "--fy（年度）も指定してください"),
    (["voices", "--staff", "だれか"], "担当者「だれか」はこのデータベースにいません"),
    (["cases", "--status", "未完了,完了"], "状況は 1 つだけ指定してください"),
    (["cases", "--type", "保全"], "種別「保全」はありません"),
    (["elderly", "--from", "2025/13/1"], "--from の日付 2025/13/1 を読めません"),
    (["elderly", "--from", "2025/9/1", "--to", "2025/4/1"], "--to（2025/04/01）が --from（2025/09/01）より前です"),
])
def test_bad_filters_said_in_japanese(db, tmp_path, capsys, args, message):
    out = tmp_path / "x.xlsx"
    assert main(["export", "list", args[0], "--db", str(db), "--out", str(out), *args[1:]]) == 1
    assert message in capsys.readouterr().err
    assert not out.exists() and exports(db) == []


def test_missing_database_and_wrong_file_type(tmp_path, capsys):
    assert main(["export", "list", "voices", "--db", str(tmp_path / "none.db"),
                 "--out", str(tmp_path / "x.xlsx")]) == 1
    assert "データベースが見つかりません" in capsys.readouterr().err
    assert main(["export", "list", "voices", "--db", str(tmp_path / "none.db"),
                 "--out", str(tmp_path / "x.xls")]) == 1
    assert "保存先は .xlsx のファイル名で指定してください" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_output_open_in_excel_said_and_nothing_recorded(db, tmp_path, capsys, monkeypatch):
    from agency_app.reports.excel import workbook_style

    def locked(source, target):
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(workbook_style, "replace_retrying", locked)
    out = tmp_path / "open.xlsx"
    out.write_bytes(b"open in Excel")
    assert main(["export", "list", "customers", "--db", str(db), "--out", str(out)]) == 1
    assert "Excel などで開いている場合は閉じてから" in capsys.readouterr().err
    assert out.read_bytes() == b"open in Excel" and exports(db) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agency.db", "open.xlsx"]


def test_missing_folder_said(db, tmp_path, capsys):
    assert main(["export", "list", "customers", "--db", str(db), "--out", str(tmp_path / "no" / "x.xlsx")]) == 1
    assert "保存先のフォルダがありません" in capsys.readouterr().err
    assert exports(db) == []


def test_an_export_that_cannot_be_recorded_leaves_no_personal_data_behind(db, tmp_path, capsys, monkeypatch):
    # The application holds the write lock (a long save) when the command records the export: a workbook with
    # personal data must not stay on disk with no record of who made it (R31).
    from agency_app.storage import database
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 100)
    out = tmp_path / "cu.xlsx"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code = main(["export", "list", "customers", "--db", str(db), "--with-personal-data",
                     "--staff-name", "品質管理子", "--out", str(out)])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2
    err = capsys.readouterr().err
    assert "保存したファイルを削除しました" in err and "データベースが他のアプリで使用中です" in err
    assert not out.exists() and exports(db) == []
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx") == []


def test_words_listed_with_the_imes_full_width_comma(db, tmp_path):
    # Typed in Japanese input mode the comma is 「，」: the list is read as with 「,」 or 「、」.
    out, wide = tmp_path / "half.xlsx", tmp_path / "wide.xlsx"
    assert main(["export", "list", "voices", "--db", str(db), "--status", "対応中,完了", "--kind", "不満,要望",
                 "--out", str(out)]) == 0
    assert main(["export", "list", "voices", "--db", str(db), "--status", "対応中，完了", "--kind", "不満，要望",
                 "--out", str(wide)]) == 0
    rows = [list(openpyxl.load_workbook(p).worksheets[0].iter_rows(min_row=2, values_only=True)) for p in (out, wide)]
    assert rows[0] and rows[0] == rows[1]


def listed_rows(path) -> int:
    return openpyxl.load_workbook(path).worksheets[0].max_row - 1  # below the header row


@pytest.mark.parametrize("kind, table", [("voices", "voices"), ("cases", "cases"), ("elderly", "elderly_sales"),
                                         ("customers", "customers")])
def test_branch_exports_exactly_that_offices_rows_and_names_it(db, tmp_path, kind, table):
    conn = sqlite3.connect(db)
    try:
        active = " AND active = 1" if table == "customers" else ""
        expected = conn.execute(f"SELECT count(*) FROM {table} WHERE branch_code = 'YOK'{active}").fetchone()[0]
        every = conn.execute(f"SELECT count(*) FROM {table} WHERE 1 = 1{active}").fetchone()[0]
    finally:
        conn.close()
    assert 0 < expected < every
    one, whole = tmp_path / "yok.xlsx", tmp_path / "all.xlsx"
    assert main(["export", "list", kind, "--db", str(db), "--branch", "ｙｏｋ", "--out", str(one)]) == 0  # any width
    assert main(["export", "list", kind, "--db", str(db), "--out", str(whole)]) == 0
    assert (listed_rows(one), listed_rows(whole)) == (expected, every)
    about = dict(openpyxl.load_workbook(one)["出力条件"].iter_rows(min_row=2, values_only=True))
    assert "拠点: 横浜支店" in about["条件"]
    assert "拠点: 横浜支店" in exports(db)[0][1]  # the history says which office's rows left


def test_an_unknown_branch_is_refused_with_the_codes_there_are_and_nothing_written(db, tmp_path, capsys):
    out = tmp_path / "x.xlsx"
    assert main(["export", "list", "cases", "--db", str(db), "--branch", "osa", "--out", str(out)]) == 1
    assert "拠点コード OSA はこのデータベースにありません（あるのは HQ, OMY, YOK）。" in capsys.readouterr().err
    assert not out.exists() and exports(db) == []
