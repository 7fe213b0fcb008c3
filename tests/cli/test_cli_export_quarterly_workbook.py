"""`agency-app export quarterly --out FILE.xlsx`: the workbook saved with progress on stderr and recorded (R31); names
only for a manager; a locked target said in Japanese with the old file kept; exit 0 only on success."""

from __future__ import annotations

import os

import openpyxl
import pytest

from agency_app.cli import main
from agency_app.reports.excel.quarterly_workbook import DETAIL_SHEETS, SUMMARY
from agency_app.storage.database import open_store
from agency_app.storage.masters import MasterData, initialise
from tests.reports.test_insurer_report import insert_voices


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "agency.db"
    store = open_store(path, daily_backup=False)
    try:
        initialise(store)
        masters = MasterData(store)
        masters.save_staff(name="佐藤 一郎", kana="さとう いちろう", team="損保", branch_code="HQ")
        masters.save_staff(name="山田 花子", kana="やまだ はなこ", team="品質管理", role="manager", branch_code="HQ")
        insert_voices(store, [{"kind": "praise", "customer_name": "山田太郎", "summary": "説明が丁寧"},
                              {"kind": "praise", "insurer": "損害保険ジャパン", "summary": "他社の声"}])
    finally:
        store.close()
    return path


def exports(path) -> list[tuple]:
    store = open_store(path, daily_backup=False)
    try:
        return store.conn.execute(
            "SELECT e.report, e.description, e.with_personal_data, e.file_name, e.row_count, s.name FROM exports e "
            "LEFT JOIN staff s ON s.uid = e.created_by ORDER BY e.rowid").fetchall()
    finally:
        store.close()


def export(database, out, *extra) -> int:
    return main(["export", "quarterly", "--db", str(database), "--fy", "2025", "--quarter", "1", "--out", str(out),
                 *extra])


def names(out) -> list:
    return [row[4] for row in openpyxl.load_workbook(out)[DETAIL_SHEETS[0]].iter_rows(min_row=2, values_only=True)]


def test_the_workbook_is_saved_with_progress_and_the_export_recorded(database, tmp_path, capsys):
    out = tmp_path / "報告 Q1.xlsx"
    assert export(database, out, "--insurer", "東京海上日動") == 0
    err = capsys.readouterr().err
    assert "2025年度 第1四半期の報告（東京海上日動）を作成します" in err
    assert "集計しています" in err and "声の一覧（四半期）を書いています" in err
    assert f"保存しました: {out}（四半期の声 1 件）" in err
    assert openpyxl.load_workbook(out).sheetnames == [SUMMARY, *DETAIL_SHEETS]
    assert names(out) == ["＊＊＊"]
    assert exports(database) == [("quarterly", "2025年度 第1四半期（2025/04/01〜2025/06/30） 東京海上日動", 0,
                                  "報告 Q1.xlsx", 1, None)]
    assert export(database, out, "--staff", "佐藤一郎") == 0  # all insurers, by a staff member, masked
    assert names(out) == ["＊＊＊", None]
    assert exports(database)[-1][2:] == (0, "報告 Q1.xlsx", 2, "佐藤 一郎")


def test_names_only_for_a_manager_and_that_export_is_recorded(database, tmp_path, capsys):
    out = tmp_path / "報告.xlsx"
    assert export(database, out, "--with-personal-data") == 1
    assert "--staff で管理者の氏名または担当者コードを指定してください" in capsys.readouterr().err
    assert export(database, out, "--with-personal-data", "--staff", "佐藤 一郎") == 1
    assert "（佐藤 一郎 さんは管理者ではありません）" in capsys.readouterr().err
    assert export(database, out, "--with-personal-data", "--staff", "田中") == 1
    assert "担当者「田中」が見つかりません" in capsys.readouterr().err
    assert not out.exists() and exports(database) == []
    assert export(database, out, "--with-personal-data", "--staff", "山田　花子") == 0
    assert set(names(out)) == {"山田太郎", None}
    assert exports(database) == [("quarterly", "2025年度 第1四半期（2025/04/01〜2025/06/30） 全保険会社", 1,
                                  "報告.xlsx", 2, "山田 花子")]


def test_a_locked_target_is_said_in_japanese_and_the_old_file_stays(database, tmp_path, capsys, monkeypatch):
    out = tmp_path / "報告.xlsx"
    out.write_bytes(b"old")

    def locked(source, target):  # what Windows raises while Excel has the file open
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    assert export(database, out) == 1
    assert "ファイルに書き込めません。Excel などで開いている場合は閉じてから" in capsys.readouterr().err
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx") == ["報告.xlsx"]
    monkeypatch.undo()
    assert exports(database) == []


@pytest.mark.parametrize(("extra", "message"), [
    (["--text"], "--out と --text は同時に指定できません"),
])
def test_out_and_text_together_are_refused(database, tmp_path, capsys, extra, message):
    assert export(database, tmp_path / "a.xlsx", *extra) == 1
    assert message in capsys.readouterr().err


def test_a_file_name_that_is_not_xlsx_is_refused(database, tmp_path, capsys):
    assert export(database, tmp_path / "報告.xls") == 1
    assert "保存先は .xlsx のファイル名で指定してください（指定された名前: 報告.xls）" in capsys.readouterr().err
    assert not (tmp_path / "報告.xls").exists()


def test_an_insurer_named_in_full_width_letters_is_found_as_listed(tmp_path, capsys):
    # Insurer names are kept as typed, and Japanese names are often typed in full-width letters (ＡＩＧ損保).
    path = tmp_path / "agency.db"
    store = open_store(path, daily_backup=False)
    try:
        initialise(store)
        MasterData(store).save_insurer("ＡＩＧ損保")
        insert_voices(store, [{"kind": "praise", "insurer": "ＡＩＧ損保"}, {"kind": "praise"}])
    finally:
        store.close()
    for typed in ("ＡＩＧ損保", "AIG損保"):
        out = tmp_path / f"{typed}.xlsx"
        assert export(path, out, "--insurer", typed) == 0, capsys.readouterr().err
        rows = list(openpyxl.load_workbook(out)[DETAIL_SHEETS[0]].iter_rows(min_row=2, values_only=True))
        assert [row[3] for row in rows] == ["ＡＩＧ損保"]
    assert main(["export", "quarterly", "--db", str(path), "--fy", "2025", "--quarter", "1", "--text",
                 "--insurer", "ＡＩＧ損保"]) == 0
    assert "ＡＩＧ損保" in capsys.readouterr().out
