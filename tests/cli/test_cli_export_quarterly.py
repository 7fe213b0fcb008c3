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
