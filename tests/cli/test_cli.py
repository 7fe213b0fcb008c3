"""The agency-app command line, run in-process: demo, init, backup, check — and their refusals and Japanese errors."""

from __future__ import annotations

import io
import re
import sqlite3
import sys
from datetime import datetime

import pytest

from agency_app import cli
from agency_app.cli import main
from agency_app.domain.voice import VoiceInput
from agency_app.domain.workflow import StatusChange
from agency_app.storage.database import open_store
from agency_app.storage.masters import MasterData, initialise
from agency_app.storage.voices import VoiceRepository

TODAY = ["--today", "2025-11-20"]


@pytest.fixture
def demo_db(tmp_path):
    path = tmp_path / "demo.db"
    assert main(["demo", "--no-offices", "--db", str(path), "--voices", "300", *TODAY]) == 0
    return path


def test_demo_then_check_passes_and_prints_counts(tmp_path, capsys):
    demo_db = tmp_path / "demo.db"
    assert main(["demo", "--no-offices", "--db", str(demo_db), "--voices", "300", *TODAY]) == 0
    out = capsys.readouterr().out
    assert "お客様の声 300 件" in out and "件/秒" in out
    assert "高齢者対応記録" in out and "対応案件" in out
    assert "声の日 30 回（開催中 3 回）" in out and "先月の回覧を読んだ担当者 7 名" in out  # 0.6 of head office's 12 staff
    assert re.search(r"KPI \d+ 件（\d{4}〜\d{4}年度、確定 2 期間） / アンケート回答 [\d,]+ 件", out)
    assert main(["check", "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert "整合性チェック: OK" in out
    assert "お客様の声: 300 件" in out
    assert "担当者: 26 名 / 拠点: 3" in out
    assert "問題は見つかりませんでした" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db"]  # no -wal/-shm left behind


def test_demo_refuses_an_existing_file_unless_forced(demo_db, capsys):
    capsys.readouterr()
    before = demo_db.read_bytes()
    assert main(["demo", "--no-offices", "--db", str(demo_db), "--voices", "50", *TODAY]) == 1
    assert "--force" in capsys.readouterr().err
    assert demo_db.read_bytes() == before
    assert main(["demo", "--no-offices", "--db", str(demo_db), "--voices", "50", "--force", *TODAY]) == 0
    with sqlite3.connect(demo_db) as conn:
        assert conn.execute("SELECT count(*) FROM voices").fetchone()[0] == 50


def test_init_branch_then_check(tmp_path, capsys):
    path = tmp_path / "yokohama.db"
    assert main(["init", "--db", str(path), "--branch", "yok", "--branch-name", "横浜支店"]) == 0
    assert "拠点のデータベースを作成しました" in capsys.readouterr().out
    assert main(["check", "--db", str(path)]) == 0
    assert "お客様の声: 0 件" in capsys.readouterr().out
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT value FROM settings WHERE key = 'home_branch'").fetchone() == ("YOK",)
        assert conn.execute("SELECT code, name, is_head_office FROM branches").fetchall() == [
            ("YOK", "横浜支店", 0)]


def test_init_head_office_by_default_and_refuses_an_existing_database(tmp_path, capsys):
    path = tmp_path / "hq.db"
    assert main(["init", "--db", str(path)]) == 0
    assert "本部のデータベースを作成しました" in capsys.readouterr().out
    assert main(["init", "--db", str(path)]) == 1
    assert "既にあります" in capsys.readouterr().err


def test_backup_makes_a_copy_that_opens(demo_db, tmp_path, capsys):
    capsys.readouterr()
    assert main(["backup", "--db", str(demo_db)]) == 0
    made = capsys.readouterr().out.strip().split(": ", 1)[1]
    target = tmp_path / "copy.db"
    assert main(["backup", "--db", str(demo_db), "--to", str(target)]) == 0
    for copy in (made, target):
        with sqlite3.connect(copy) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("SELECT count(*) FROM voices").fetchone()[0] == 300
    assert "manual" in made
    assert main(["backup", "--db", str(demo_db), "--to", str(target)]) == 1  # never overwrites


def test_check_on_garbage_exits_2_in_japanese_and_leaves_the_file_alone(tmp_path, capsys):
    path = tmp_path / "garbage.db"
    path.write_bytes(b"this is not a database at all, just some bytes " * 200)
    before = path.read_bytes()
    assert main(["check", "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert "壊れているか、データベースではありません" in err
    assert "Traceback" not in err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["garbage.db"]


def test_check_refuses_a_database_from_a_newer_version(demo_db, capsys):
    with sqlite3.connect(demo_db) as conn:
        conn.execute("PRAGMA user_version = 999")
    capsys.readouterr()
    assert main(["check", "--db", str(demo_db)]) != 0
    assert "新しいバージョン" in capsys.readouterr().err


def test_check_of_a_too_new_database_names_its_schema_and_the_version_that_knows_it(demo_db, capsys):
    """Not 'open it with 0.2.0 or later' while a newer version runs: the schema, this app's version, and the
    version that last updated the file (it knows the schema), or else 'a version newer than this one'."""
    from agency_app import __version__
    with sqlite3.connect(demo_db) as conn:
        conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('min_app_version', '0.2.0')")
        conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('last_app_version', '9.0.0')")
        conn.execute("PRAGMA user_version = 999")
    capsys.readouterr()
    assert main(["check", "--db", str(demo_db)]) == 2
    err = capsys.readouterr().err
    assert "0.2.0" not in err
    assert "スキーマ 999" in err and __version__ in err and "バージョン 9.0.0 以降" in err
    with sqlite3.connect(demo_db) as conn:
        conn.execute("UPDATE settings SET value = '0.2.0' WHERE key = 'last_app_version'")
    assert main(["check", "--db", str(demo_db)]) == 2
    err = capsys.readouterr().err
    assert "0.2.0" not in err and f"バージョン {__version__} より新しいアプリ" in err


def test_check_reports_a_missing_file(tmp_path, capsys):
    assert main(["check", "--db", str(tmp_path / "nowhere.db")]) == 2
    assert "開けませんでした" in capsys.readouterr().err
    assert not (tmp_path / "nowhere.db").exists()


def test_check_in_a_read_only_folder_says_it_cannot_check_not_that_it_could_not_save(demo_db, capsys, monkeypatch):
    """A WAL database in a folder that cannot be written: SQLite cannot make its -shm beside it. The tests run as
    root, who may write anywhere, so SQLite's own answer for that folder is given here."""
    def refused(path, **_):
        error = sqlite3.OperationalError("attempt to write a readonly database")
        error.sqlite_errorcode, error.sqlite_errorname = 1544, "SQLITE_READONLY_DIRECTORY"
        raise error
    monkeypatch.setattr(cli, "connect", refused)
    capsys.readouterr()
    assert main(["check", "--db", str(demo_db)]) == 2
    err = capsys.readouterr().err
    assert "保存できませんでした" not in err
    assert "点検できませんでした" in err and "何も書き込みません" in err and str(demo_db) in err
    assert "Traceback" not in err


def test_check_does_not_write_to_a_backup_in_rollback_journal_mode(demo_db, tmp_path):
    target = tmp_path / "plain.db"
    assert main(["backup", "--db", str(demo_db), "--to", str(target)]) == 0
    before = target.read_bytes()
    assert main(["check", "--db", str(target)]) == 0
    assert target.read_bytes() == before


def test_no_command_starts_the_window(monkeypatch, tmp_path):
    import sys
    import types

    seen = []
    fake = types.ModuleType("agency_app.app")
    fake.run_gui = lambda db_path, smoke_test=False: seen.append(db_path) or 0
    monkeypatch.setitem(sys.modules, "agency_app.app", fake)
    assert main(["--db", str(tmp_path / "x.db")]) == 0
    assert seen == [tmp_path / "x.db"]


def test_a_failed_demo_leaves_no_file(tmp_path, monkeypatch, capsys):
    from agency_app import cli
    from agency_app.storage.errors import DiskFull

    def full(*args, **kwargs):
        raise DiskFull("database or disk is full")

    monkeypatch.setattr("agency_app.demo.voices.generate", full)
    path = tmp_path / "demo.db"
    assert main(["demo", "--no-offices", "--db", str(path), "--voices", "10"]) == 2
    assert "ディスクの空き容量" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_counts_prints_the_three_tables_without_writing(demo_db, capsys):
    before = demo_db.stat().st_mtime_ns
    capsys.readouterr()
    assert main(["counts", "--db", str(demo_db), "--year", "2024", "--half", "2"]) == 0
    out = capsys.readouterr().out
    assert "集計期間: 2024年度 下期（2024/10/01〜2025/03/31）" in out
    for heading in ("■ 高齢者対応件数", "■ 親族連絡先登録", "■ 対応漏れ"):
        assert heading in out
    assert demo_db.stat().st_mtime_ns == before
    assert main(["counts", "--db", str(demo_db), "--year", "2025", "--month", "2"]) == 0
    assert "2026年2月（2026/02/01〜2026/02/28）" in capsys.readouterr().out  # February of 2025年度 is in 2026


def test_counts_prints_improvements_by_branch_and_voices_waiting_for_a_voice_day_by_team(demo_db, capsys):
    capsys.readouterr()
    assert main(["counts", "--db", str(demo_db), "--year", "2025", "--half", "2"]) == 0
    out = capsys.readouterr().out
    improvements = out[out.index("■ 改善（拠点別）"):].split("\n\n")[0].splitlines()
    assert improvements[1].split() == ["拠点", "期間中に起票", "期間中に完了", "期末に未完了"]
    assert improvements[2].startswith("本部（HQ）") and improvements[3].startswith("計")
    waiting = out[out.index("■ 声の日で未検討の声（チーム別）"):].split("\n\n")[0].splitlines()
    assert [line.split()[0] for line in waiting[2:6]] == ["団体", "損保", "生保", "計"]
    received, still = (int(n.replace(",", "")) for n in waiting[5].split()[1:3])
    assert 0 < still < received  # the demo's voice days have gone through most of this half's voices
    assert main(["counts", "--db", str(demo_db), "--year", "2025", "--half", "2", "--branch", "YOK"]) == 0
    out = capsys.readouterr().out  # the demo's improvements are head office's: Yokohama's table is its total only
    assert out[out.index("■ 改善（拠点別）"):].split("\n\n")[0].splitlines()[2].split() == ["計", "0", "0", "0"]


def test_counts_on_a_missing_file_says_so_in_japanese(tmp_path, capsys):
    assert main(["counts", "--db", str(tmp_path / "none.db"), "--year", "2025"]) == 1
    assert "データベースが見つかりません" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


def test_a_program_error_in_a_command_is_logged_with_its_traceback(tmp_path, monkeypatch, capsys):
    from agency_app import cli, logs

    def broken(*args, **kwargs):
        raise AttributeError("'NoneType' object has no attribute 'voices'")

    monkeypatch.setattr("agency_app.demo.voices.generate", broken)
    assert main(["demo", "--no-offices", "--db", str(tmp_path / "demo.db"), "--voices", "10"]) == cli.PROGRAM_ERROR
    log = logs.current_log_file().read_text(encoding="utf-8-sig")
    assert "demo: program error" in log and "Traceback" in log and "in broken" in log
    assert "demo: exit code 3" in log
    assert capsys.readouterr().err.count("Traceback") == 1  # on the console once, too


def test_without_a_console_a_command_still_runs_and_logs_what_it_said(tmp_path, monkeypatch):
    """The windowed bundle has no console: sys.stderr and sys.stdout are None there."""
    from agency_app import logs, paths
    monkeypatch.setattr("sys.stderr", None)
    monkeypatch.setattr("sys.stdout", None)

    assert main(["check", "--db", str(tmp_path / "nowhere.db")]) == 2

    log = logs.current_log_file().read_text(encoding="utf-8-sig")
    assert "データベースを開けませんでした" in log and "check: exit code 2" in log
    assert logs.current_log_file().parent == paths.user_data_dir() / "logs"


def test_check_counts_a_voice_due_today_as_open_and_one_due_yesterday_as_overdue(tmp_path, capsys, monkeypatch):
    path = tmp_path / "hq.db"
    assert main(["init", "--db", str(path)]) == 0
    now = datetime(2025, 11, 20, 10, 0)
    store = open_store(path)
    try:
        sato = MasterData(store).save_staff(name="佐藤 一郎", kana="さとう いちろう", team="損保",
                                            branch_code="HQ")
        repo = VoiceRepository(store)
        due_today, due_yesterday, closed = (
            repo.create(VoiceInput(received_at="2025/11/18 09:00", summary="書類の件", due_date=due),
                        by=sato, now=now)
            for due in ("2025/11/20", "2025/11/19", "2025/11/19"))
        repo.change_status(closed, StatusChange("dropped", close_reason="重複登録"), by=sato, now=now)
    finally:
        store.close()
    monkeypatch.setattr(cli, "now_tokyo", lambda: now)
    capsys.readouterr()
    assert main(["check", "--db", str(path)]) == 0
    assert "お客様の声: 3 件（未完了 2 件、うち期限超過 1 件）" in capsys.readouterr().out


def test_counts_of_a_branch_typed_in_lower_case_are_that_branchs_as_init_takes_it(demo_db, capsys):
    """`init --branch yok` makes branch YOK; `counts --branch yok` must not print a report of zeros for 'yok'."""
    capsys.readouterr()
    assert main(["counts", "--db", str(demo_db), "--year", "2025", "--half", "1", "--branch", "YOK"]) == 0
    upper = capsys.readouterr().out
    assert "拠点: 横浜支店（YOK）" in upper
    assert main(["counts", "--db", str(demo_db), "--year", "2025", "--half", "1", "--branch", "yok"]) == 0
    assert capsys.readouterr().out == upper


def test_counts_of_an_unknown_branch_are_refused_not_printed_as_zeros(demo_db, capsys):
    capsys.readouterr()
    assert main(["counts", "--db", str(demo_db), "--year", "2025", "--half", "1", "--branch", "YOKO"]) == 1
    captured = capsys.readouterr()
    assert "■" not in captured.out
    assert "拠点コード YOKO はこのデータベースにありません" in captured.err and "YOK" in captured.err


def cp932_stdout(monkeypatch):
    """stdout as on a Japanese Windows PC when the report is saved to a file (`> 報告.txt`): the ANSI code page."""
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="cp932", newline=""))
    return raw


def test_counts_saved_to_a_file_on_japanese_windows_is_written_not_a_program_error(demo_db, monkeypatch):
    raw = cp932_stdout(monkeypatch)
    # The first half of the demo: nothing carried over into it, so that row's shares have nothing to divide by.
    assert main(["counts", "--db", str(demo_db), "--year", "2024", "--half", "1"]) == 0
    sys.stdout.flush()
    text = raw.getvalue().decode("cp932")
    assert "集計期間: 2024年度 上期（2024/04/01" in text  # 〜 reads back as cp932's ～
    carried = next(line for line in text.splitlines() if line.startswith("前期からの繰越"))
    assert carried.split()[1:] == ["0", carried.split()[2], "0", carried.split()[2], "0", carried.split()[2], "0"]
    assert carried.split()[2] not in ("0", "0.0%")  # a mark for "nothing to divide by", not a number


def test_a_listed_title_the_code_page_lacks_does_not_stop_the_report(tmp_path, monkeypatch):
    path = tmp_path / "agency.db"
    store = open_store(path)
    initialise(store)
    by = MasterData(store).save_staff(name="佐藤 一郎", kana="さとう いちろう", team="損保", branch_code="HQ")
    repo = VoiceRepository(store)
    uid = repo.create(VoiceInput(received_at="2025-06-02 10:00", summary="𠮷田様の住所変更漏れ", due_date="2025-06-05"),
                      by=by, now=datetime(2025, 6, 2, 10))
    repo.change_status(uid, StatusChange("done", response="変更済み", completed_on="2025-06-10", completed_by=by),
                       by=by, now=datetime(2025, 6, 10, 10))  # closed after its due date: an omission (R23)
    store.close()
    raw = cp932_stdout(monkeypatch)
    assert main(["counts", "--db", str(path), "--year", "2025", "--half", "1", "--list"]) == 0
    sys.stdout.flush()
    listed = [line for line in raw.getvalue().decode("cp932").splitlines() if "様の住所変更漏れ" in line]
    assert len(listed) == 1 and "2025/06/05" in listed[0]


def test_check_reports_voices_the_search_index_does_not_hold_yet(demo_db, capsys):
    """A stop while the word index was being built is said, not left for searches to miss silently."""
    with sqlite3.connect(demo_db) as conn:
        conn.execute("INSERT INTO voices_words_pending SELECT rowid FROM voices LIMIT 3")
    capsys.readouterr()
    assert main(["check", "--db", str(demo_db)]) == 1
    assert "検索用の索引がまだない声が 3 件" in capsys.readouterr().err
    open_store(demo_db).close()  # opening builds it
    assert main(["check", "--db", str(demo_db)]) == 0


def test_counts_of_a_database_older_than_the_voice_days_asks_for_it_to_be_opened_in_the_app_first(tmp_path, capsys):
    """A file of schema 10 (a copy made before this release, or a PC not yet updated): the report's improvement and
    voice-day sections read tables it lacks — the command ended in a traceback ('no such table: improvements')."""
    from sqlite_utils import Database

    from agency_app.storage import migrations
    from agency_app.storage.database import Store, apply_migrations, connect
    path = tmp_path / "old.db"
    store = Store(Database(connect(path)), path)
    apply_migrations(store, [s for s in migrations.load_scripts() if s.number <= 10])
    initialise(store)
    store.close()
    before = path.read_bytes()
    assert main(["counts", "--db", str(path), "--year", "2025"]) == 1
    err = capsys.readouterr().err
    assert "古い形式です" in err and "Traceback" not in err
    assert path.read_bytes() == before
