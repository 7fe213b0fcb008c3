"""`agency-app import …`: the dry run writes nothing, the import says its counts, unknown values and bad files refused."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest
from openpyxl import Workbook, load_workbook

from agency_app import cli
from agency_app.cli import main
from agency_app.storage import database as D
from agency_app.storage.database import open_store
from agency_app.storage.masters import MasterData, initialise


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "agency.db"
    store = open_store(path, daily_backup=False)
    try:
        initialise(store)
        MasterData(store).save_staff(name="佐藤 一郎", kana="さとう いちろう", team="損保", branch_code="HQ")
    finally:
        store.close()
    return path


def sheet(path, *rows):
    book = Workbook()
    book.active.append(["お客様の声 一覧"])
    book.active.append(["受付日", "種別", "内容", "対応状況", "完了日", "担当"])
    for row in rows:
        book.active.append(list(row))
    book.save(path)
    return path


GOOD = ((datetime(2025, 4, 1), "不満", "電話がつながらない", "完了", "R7.4.2", "佐藤"),
        ("令和7年4月5日", "お褒め", "説明が丁寧", "未対応", None, None))


def state(path):
    """Everything a dry run could have changed: the file's bytes, and any -wal beside it."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes(), wal.read_bytes() if wal.exists() else None


def voices(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM voices").fetchone()[0]
    finally:
        conn.close()


def test_the_dry_run_prints_every_row_and_writes_nothing(db, tmp_path, capsys):
    xlsx = sheet(tmp_path / "声.xlsx", *GOOD, (None, None, None, None, None, None), ("2025/13/1", "要望", "x", "", "", ""))
    before = state(db)
    code = main(["import", "voices", str(xlsx), "--db", str(db), "--dry-run"])
    out = capsys.readouterr()
    assert code == cli.PROBLEMS    # a row cannot be imported: the dry run says it would not all go in
    assert "3行目: 取込 2025-04-01 不満 完了" in out.out and "4行目: 取込 2025-04-05 感謝 未対応" in out.out
    assert "5行目: 空行のため読み飛ばします" in out.out and "6行目: 取り込みません — 受付日「2025/13/1」" in out.out
    assert "取込 2 行" in out.out and "見出しは 2 行目" in out.out
    assert "シートを読んでいます" in out.err      # progress on stderr
    assert state(db) == before and voices(db) == 0


def test_the_import_prints_its_counts_and_a_second_import_adds_nothing(db, tmp_path, capsys):
    xlsx = sheet(tmp_path / "声.xlsx", *GOOD)
    assert main(["import", "voices", str(xlsx), "--db", str(db), "--staff", "佐藤"]) == cli.OK
    assert "お客様の声を 2 件取り込みました" in capsys.readouterr().out
    assert main(["import", "voices", str(xlsx), "--db", str(db)]) == cli.OK
    assert "0 件取り込みました（取り込み済み 2 行" in capsys.readouterr().out
    assert voices(db) == 2


def test_unknown_values_are_listed_and_nothing_is_written_unless_skipped(db, tmp_path, capsys):
    xlsx = sheet(tmp_path / "声.xlsx", *GOOD, ("2025/4/7", "クレーム(重)", "遅い", "", "", ""),
                 ("2025/4/8", "要望", "駐車場", "", "", "田中"))
    assert main(["import", "voices", str(xlsx), "--db", str(db)]) == cli.PROBLEMS
    err = capsys.readouterr().err
    assert "種別「クレーム(重)」は一覧にありません（1 行: 5 行目）" in err
    assert "担当「田中」は一覧にありません（1 行: 6 行目）。その行は担当者なしで取り込みます" in err
    assert "何も取り込みませんでした" in err and voices(db) == 0
    assert main(["import", "voices", str(xlsx), "--db", str(db), "--skip-unknown"]) == cli.OK
    assert "3 件取り込みました" in capsys.readouterr().out and voices(db) == 3


@pytest.mark.parametrize("name, data, says", [
    ("nothere.xlsx", None, "見つかりません"),
    ("old.xls", bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600, "古い Excel 形式"),
    ("list.csv", "受付日,種別\n".encode(), "CSV です"),
    ("broken.xlsx", b"PK\x03\x04 not really a zip", "壊れているか"),
    ("locked.xlsx", bytes.fromhex("d0cf11e0a1b11ae1") + "EncryptionInfo".encode("utf-16-le"), "パスワード"),
])
def test_files_that_cannot_be_read_are_said_in_japanese(db, tmp_path, capsys, name, data, says):
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    assert main(["import", "voices", str(path), "--db", str(db)]) == cli.PROBLEMS
    assert says in capsys.readouterr().err
    assert voices(db) == 0


def test_a_sheet_without_headers_and_an_unknown_staff_name_are_refused(db, tmp_path, capsys):
    book = Workbook()
    book.active.append(["メモ", "だけ"])
    book.save(tmp_path / "memo.xlsx")
    assert main(["import", "voices", str(tmp_path / "memo.xlsx"), "--db", str(db)]) == cli.PROBLEMS
    assert "見出しの行が見つかりません" in capsys.readouterr().err
    xlsx = sheet(tmp_path / "声.xlsx", *GOOD)
    assert main(["import", "voices", str(xlsx), "--db", str(db), "--staff", "山本"]) == cli.PROBLEMS
    assert "担当者「山本」が見つかりません（登録されている担当者: 佐藤 一郎）" in capsys.readouterr().err
    assert voices(db) == 0


def test_a_locked_database_is_said_and_nothing_is_written(db, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(D, "BUSY_TIMEOUT_MS", 50)
    xlsx = sheet(tmp_path / "声.xlsx", *GOOD)
    other = sqlite3.connect(db)
    other.execute("BEGIN EXCLUSIVE")
    try:
        code = main(["import", "voices", str(xlsx), "--db", str(db)])
    finally:
        other.rollback()
        other.close()
    assert code == cli.STORAGE_ERROR
    assert "使用中" in capsys.readouterr().err
    assert voices(db) == 0


def test_surveys_and_kpi_results_go_by_their_own_names(db, tmp_path, capsys):
    book = Workbook()
    book.active.append(["回答日", "アンケート種類", "推奨度", "満足度", "コメント"])
    book.active.append(["2025/4/1", "契約手続", 10, "満足", "よい"])
    book.save(tmp_path / "a.xlsx")
    assert main(["import", "surveys", str(tmp_path / "a.xlsx"), "--db", str(db)]) == cli.OK
    assert "アンケート回答を 1 件取り込みました" in capsys.readouterr().out
    book = Workbook()
    book.active.append(["年度", "KPI名", "期間", "実績"])
    book.active.append(["2025", "ないKPI", "年度", "1"])
    book.save(tmp_path / "k.xlsx")
    assert main(["import", "kpi-results", str(tmp_path / "k.xlsx"), "--db", str(db)]) == cli.PROBLEMS
    assert "KPI名「ないKPI」は一覧にありません" in capsys.readouterr().err


def test_a_template_is_saved_with_the_expected_headers(tmp_path, capsys):
    out = tmp_path / "ひな形.xlsx"
    assert main(["import", "template", "surveys", "--out", str(out)]) == cli.OK
    assert "ひな形を保存しました" in capsys.readouterr().out
    book = load_workbook(out)
    assert [c.value for c in book.worksheets[0][1]] == ["回答日", "アンケート種類", "商品", "推奨度", "満足度", "コメント"]
    assert main(["import", "template", "voices", "--out", str(tmp_path / "no" / "t.xlsx")]) == cli.STORAGE_ERROR
    assert "保存先のフォルダがありません" in capsys.readouterr().err
