"""`agency-app export quarterly --text`: both blocks for one insurer or all, names masked, and its refusals."""

from __future__ import annotations

import pytest

from agency_app.cli import main
from agency_app.storage.database import open_store
from agency_app.storage.masters import initialise
from tests.reports.test_insurer_report import insert_voices


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "agency.db"
    store = open_store(path, daily_backup=False)
    try:
        initialise(store)
        insert_voices(store, [{"kind": "praise", "customer_name": "山田太郎", "summary": "説明が丁寧"},
                              {"kind": "praise", "insurer": "損害保険ジャパン", "summary": "他社の声"},
                              {"kind": "praise", "insurer": None, "summary": "保険会社なしの声",
                               "received_at": "2025-08-01 10:00"}])
    finally:
        store.close()
    return path


def test_one_insurers_quarter_and_year_to_date_as_text(database, capsys):
    before = database.read_bytes()
    assert main(["export", "quarterly", "--db", str(database), "--fy", "２０２５", "--quarter", "2",
                 "--insurer", "東京海上日動", "--text"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("お客様の声　保険会社へのご報告（東京海上日動）\n集計期間: 2025年度 Q2（2025/07/01〜2025/09/30）")
    assert "集計期間: 2025年度 累計（Q1〜Q2）（2025/04/01〜2025/09/30）" in out
    assert "説明が丁寧" in out and "山田太郎" not in out and "＊＊＊" in out   # only in the year to date
    assert "他社の声" not in out and "保険会社なしの声" not in out
    assert database.read_bytes() == before   # the command only reads


def test_all_insurers_include_the_voices_of_none(database, capsys):
    assert main(["export", "quarterly", "--db", str(database), "--fy", "2025", "--quarter", "2", "--text"]) == 0
    out = capsys.readouterr().out
    assert "（全保険会社）" in out and "保険会社なしの声" in out and "他社の声" in out


@pytest.mark.parametrize(("args", "message"), [
    (["--fy", "2025", "--quarter", "5", "--text"], "--quarter は 1〜4 で指定してください"),
    (["--fy", "令和7", "--quarter", "1", "--text"], "年度 令和7 を読めません"),
    (["--fy", "2025", "--quarter", "1"], "出力のしかたを指定してください: --out FILE.xlsx（Excel ファイルに保存）または --text"),
    (["--fy", "2025", "--quarter", "1", "--insurer", "架空生命", "--text"],
     "保険会社「架空生命」はこのデータベースにありません（あるのは 東京海上日動、"),
])
def test_bad_arguments_are_refused_in_japanese(database, capsys, args, message):
    assert main(["export", "quarterly", "--db", str(database), *args]) == 1
    assert message in capsys.readouterr().err


def test_the_help_names_the_excel_file_and_who_may_include_names(capsys):
    with pytest.raises(SystemExit):
        main(["export", "quarterly", "--help"])
    out = capsys.readouterr().out
    assert "準備中" not in out
    assert "--out FILE.xlsx で Excel ファイルに保存し" in out and "--with-personal-data" in out


@pytest.fixture
def two_offices(tmp_path):
    """Head office's database holding Yokohama's and Osaka's records."""
    from agency_app.storage.masters import MasterData
    from tests.reports.test_insurer_report_by_branch import BRANCH_NAMES, office_records, rules
    path = tmp_path / "honbu.db"
    store = open_store(path, daily_backup=False)
    try:
        initialise(store)
        for code, name in BRANCH_NAMES.items():
            MasterData(store).save_branch(code, name)
        rules(store)
        office_records(store, "YOK", 5)
        office_records(store, "OSA", 3)
    finally:
        store.close()
    return path


def test_one_branchs_report_as_text_names_it_and_counts_only_its_voices(two_offices, capsys):
    assert main(["export", "quarterly", "--db", str(two_offices), "--fy", "2025", "--quarter", "1",
                 "--branch", "osa", "--text"]) == 0
    out = capsys.readouterr().out
    assert "拠点: 大阪支店（OSA）" in out.splitlines()[1]
    assert "OSA 花子様より" not in out and "YOK" not in out  # names masked; Yokohama's voices not listed
    assert main(["export", "quarterly", "--db", str(two_offices), "--fy", "2025", "--quarter", "1", "--text"]) == 0
    assert capsys.readouterr().out.splitlines()[1].endswith("\u3000全拠点")  # consolidated: every office


def test_one_branchs_workbook_is_named_recorded_and_holds_only_its_voices(two_offices, tmp_path, capsys):
    import openpyxl
    from agency_app.reports.excel.quarterly_workbook import DETAIL_SHEETS, SUMMARY
    out = tmp_path / "横浜.xlsx"
    assert main(["export", "quarterly", "--db", str(two_offices), "--fy", "2025", "--quarter", "1",
                 "--branch", "YOK", "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert ("拠点", "横浜支店（YOK）") in [row[:2] for row in book[SUMMARY].iter_rows(values_only=True)]
    assert "横浜支店（YOK）" in book[SUMMARY].oddHeader.left.text
    import sqlite3
    conn = sqlite3.connect(two_offices)
    try:
        expected = conn.execute("SELECT count(*) FROM voices WHERE branch_code = 'YOK' AND received_at >= "
                                "'2025-04-01' AND received_at < '2025-07-01'").fetchone()[0]
        (description,) = conn.execute("SELECT description FROM exports").fetchone()
    finally:
        conn.close()
    assert book[DETAIL_SHEETS[0]].max_row - 1 == expected > 0
    assert "拠点 YOK" in description


def test_an_unknown_branch_is_refused_with_the_codes_there_are(two_offices, tmp_path, capsys):
    out = tmp_path / "x.xlsx"
    for args in (["--text"], ["--out", str(out)]):
        assert main(["export", "quarterly", "--db", str(two_offices), "--fy", "2025", "--quarter", "1",
                     "--branch", "kob", *args]) == 1
        assert "拠点コード KOB はこのデータベースにありません（あるのは HQ, OSA, YOK）。" in capsys.readouterr().err
    assert not out.exists()
