"""`agency-app voice-day` and `agency-app circulation`: the sheets as PDFs from the command line, and their refusals."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest

from agency_app.cli import main
from agency_app.storage.circulations import CirculationRepository
from agency_app.storage.database import open_store
from agency_app.storage.masters import initialise
from pdf_text import page_count, page_texts
from printing_fixtures import TEAM, add_staff, add_voice, meeting_with_decisions


@pytest.fixture
def database(tmp_path):
    """A database file with the 損保 team's voices, an open voice day on 2025-06-10 and June's circulation."""
    path = tmp_path / "agency.db"
    store = open_store(path, daily_backup=False)
    try:
        initialise(store)
        people = add_staff(store)
        meeting_with_decisions(store, people)
        add_voice(store, people["sato"], "2025/6/16 10:00", summary="翌週の声", now=datetime(2025, 6, 17, 9, 0))
        CirculationRepository(store).issue("2025-06", by=people["sato"], now=datetime(2025, 7, 1, 9, 0))
    finally:
        store.close()
    return path


def written(tmp_path, name: str) -> str:
    pdf = tmp_path / name
    assert pdf.is_file() and page_count(pdf) >= 1
    return "".join(page_texts(pdf))


def test_the_recorded_meeting_of_the_team_and_day(database, tmp_path, capsys):
    before = database.read_bytes()
    out = tmp_path / "voice-day.pdf"
    assert main(["voice-day", "--db", str(database), "--team", TEAM, "--date", "2025-06-10", "--pdf", str(out)]) == 0
    assert f"声の日シートを保存しました: {out}" in capsys.readouterr().out
    text = written(tmp_path, "voice-day.pdf")
    assert "未締め" in text and f"チーム:{TEAM}" in text and "会議2025/06/10" in text
    assert "窓口の待ち時間が長い" in text and "繁忙日の一時的な混雑" in text and "住所変更の受付をWebでも" in text
    assert "出席者（2名）" in text
    assert database.read_bytes() == before  # the command only reads


def test_a_day_without_a_meeting_prints_the_preview_since_the_last_voice_day(database, tmp_path, capsys):
    out = tmp_path / "preview.pdf"
    assert main(["voice-day", "--db", str(database), "--team", TEAM, "--date", "2025-06-17", "--pdf", str(out)]) == 0
    text = written(tmp_path, "preview.pdf")
    assert "プレビュー（会議未開始）" in text and "対象2025/06/11〜2025/06/17" in text
    assert "翌週の声" in text.split("未完了の声")[0]


def test_a_team_that_is_not_there_is_refused_with_the_teams_that_are(database, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert main(["voice-day", "--db", str(database), "--team", "火災", "--date", "2025-06-10", "--pdf", str(out)]) == 1
    assert "チーム「火災」はこのデータベースにありません（あるのは 損保、生保）。" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("day", ["2025-13-10", "2025/06/10x", "明日"])
def test_a_date_that_cannot_be_read_is_refused(database, tmp_path, capsys, day):
    assert main(["voice-day", "--db", str(database), "--team", TEAM, "--date", day, "--pdf",
                 str(tmp_path / "x.pdf")]) == 1
    assert f"日付 {day} を読めません。YYYY-MM-DD の形で指定してください" in capsys.readouterr().err


def test_an_unwritable_pdf_path_is_said_in_japanese(database, tmp_path, capsys):
    out = tmp_path / "no-such-folder" / "sheet.pdf"
    assert main(["voice-day", "--db", str(database), "--team", TEAM, "--date", "2025-06-10", "--pdf", str(out)]) == 2
    assert "保存先のフォルダーが見つかりません" in capsys.readouterr().err


def test_a_missing_database_is_said(tmp_path, capsys):
    assert main(["voice-day", "--db", str(tmp_path / "none.db"), "--team", TEAM, "--date", "2025-06-10",
                 "--pdf", str(tmp_path / "x.pdf")]) == 2
    assert capsys.readouterr().err.strip()


def test_an_older_database_is_asked_to_be_opened_in_the_app_first(tmp_path, capsys):
    old = tmp_path / "old.db"
    with sqlite3.connect(old) as conn:
        conn.execute("CREATE TABLE voices (uid TEXT)")
    assert main(["circulation", "--db", str(old), "--month", "2025-06", "--pdf", str(tmp_path / "x.pdf")]) == 1
    assert "古い形式です" in capsys.readouterr().err


def test_the_months_circulation(database, tmp_path, capsys):
    out = tmp_path / "circulation.pdf"
    assert main(["circulation", "--db", str(database), "--month", "2025-06", "--pdf", str(out)]) == 0
    assert f"回覧を保存しました: {out}（1 ページ）" in capsys.readouterr().out
    text = written(tmp_path, "circulation.pdf")
    assert "お客様の声回覧2025年6月" in text and "翌週の声" in text and "窓口の待ち時間が長い" in text
    assert "確認済0名/3名" in text


@pytest.mark.parametrize("month", ["2025-6", "2025-13", "June"])
def test_a_month_that_cannot_be_read_is_refused(database, tmp_path, capsys, month):
    assert main(["circulation", "--db", str(database), "--month", month, "--pdf", str(tmp_path / "x.pdf")]) == 1
    assert f"月 {month} を読めません。YYYY-MM の形で指定してください" in capsys.readouterr().err


def test_a_month_typed_in_full_width_digits_prints_that_months_issued_circulation(database, tmp_path, capsys):
    """A clerk whose IME is on types ２０２５－０６: it is June 2025, issued — not an unissued sheet of a month
    '２０２５-０６' that the circulations table does not hold (it was printed with blank sign-off rows)."""
    out = tmp_path / "circulation.pdf"
    assert main(["circulation", "--db", str(database), "--month", "２０２５－０６", "--pdf", str(out)]) == 0
    text = written(tmp_path, "circulation.pdf")
    assert "お客様の声回覧2025年6月" in text and "確認済0名/3名" in text


# --- --branch: one office's sheet in a file holding several (head office after imports) --------------------------
@pytest.fixture
def offices_database(tmp_path):
    """`database`'s head office records, and 大宮 (OMY)'s own: a 損保 voice and voice day on 2025-06-10, its circulation."""
    from office_fixtures import at_office
    from agency_app.storage.masters import MasterData
    from agency_app.storage.voice_days import VoiceDayRepository
    path = tmp_path / "hq.db"
    store = open_store(path, daily_backup=False)
    try:
        initialise(store)
        people = add_staff(store)
        meeting_with_decisions(store, people)
        CirculationRepository(store).issue("2025-06", by=people["sato"], now=datetime(2025, 7, 1, 9, 0))
        with at_office(store, "OMY", "大宮支店"):
            clerk = MasterData(store).save_staff(name="大宮 一郎", kana="おおみや いちろう", team=TEAM, branch_code="OMY")
            add_voice(store, clerk, "2025/6/9 15:00", summary="大宮の駐車場が満車",
                      body="駐車場がいつも満車で停められない。")  # alike to none of head office's voices
            VoiceDayRepository(store).open_meeting(TEAM, datetime(2025, 6, 10).date(), clerk, by=clerk,
                                                   now=datetime(2025, 6, 10, 17, 0))
            CirculationRepository(store).issue("2025-06", by=clerk, now=datetime(2025, 7, 1, 9, 0))
    finally:
        store.close()
    return path


def test_voice_day_prints_this_files_own_office_by_default_and_a_branch_named_by_branch(offices_database, tmp_path):
    own, omy = tmp_path / "own.pdf", tmp_path / "omy.pdf"
    assert main(["voice-day", "--db", str(offices_database), "--team", TEAM, "--date", "2025-06-10",
                 "--pdf", str(own)]) == 0
    text = written(tmp_path, "own.pdf")
    assert "本部" in text and "窓口の待ち時間が長い" in text and "大宮の駐車場が満車" not in text
    for typed in ("omy", "ＯＭＹ "):  # as `counts` reads a code: any case, any width
        assert main(["voice-day", "--db", str(offices_database), "--team", TEAM, "--date", "2025-06-10",
                     "--branch", typed, "--pdf", str(omy)]) == 0
        text = written(tmp_path, "omy.pdf")
        assert "大宮支店" in text and "大宮の駐車場が満車" in text and "窓口の待ち時間が長い" not in text
        assert "未締め" in text and "会議2025/06/10" in text  # 大宮's own recorded meeting
        omy.unlink()


def test_voice_day_refuses_an_unknown_branch_and_a_team_the_branch_lacks(offices_database, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert main(["voice-day", "--db", str(offices_database), "--team", TEAM, "--date", "2025-06-10",
                 "--branch", "yok", "--pdf", str(out)]) == 1
    assert "拠点コード YOK はこのデータベースにありません（あるのは HQ, OMY）。" in capsys.readouterr().err
    assert main(["voice-day", "--db", str(offices_database), "--team", "生保", "--date", "2025-06-10",
                 "--branch", "OMY", "--pdf", str(out)]) == 1
    assert "チーム「生保」は拠点 OMY にありません（あるのは 損保）。" in capsys.readouterr().err
    assert not out.exists()


def test_circulation_lists_one_offices_voices_and_refuses_an_unknown_branch(offices_database, tmp_path, capsys):
    own, omy = tmp_path / "own.pdf", tmp_path / "omy.pdf"
    assert main(["circulation", "--db", str(offices_database), "--month", "2025-06", "--pdf", str(own)]) == 0
    text = written(tmp_path, "own.pdf")
    assert "窓口の待ち時間が長い" in text and "大宮の駐車場が満車" not in text and "本部" in text
    assert main(["circulation", "--db", str(offices_database), "--month", "2025-06", "--branch", "OMY",
                 "--pdf", str(omy)]) == 0
    text = written(tmp_path, "omy.pdf")
    assert "大宮の駐車場が満車" in text and "窓口の待ち時間が長い" not in text and "大宮支店" in text
    assert "お客様の声（1件）" in text
    capsys.readouterr()
    assert main(["circulation", "--db", str(offices_database), "--month", "2025-06", "--branch", "x",
                 "--pdf", str(tmp_path / "x.pdf")]) == 1
    assert "拠点コード X はこのデータベースにありません（あるのは HQ, OMY）。" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_a_file_of_one_office_prints_its_sheets_without_an_office_name(database, tmp_path):
    assert main(["voice-day", "--db", str(database), "--team", TEAM, "--date", "2025-06-10",
                 "--pdf", str(tmp_path / "v.pdf")]) == 0
    assert main(["circulation", "--db", str(database), "--month", "2025-06", "--pdf", str(tmp_path / "c.pdf")]) == 0
    assert "本部" not in written(tmp_path, "v.pdf") and "本部" not in written(tmp_path, "c.pdf")
