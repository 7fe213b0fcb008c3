"""`agency-app check` tells the age of the newest good backup, and a backup over 3 days old is a problem."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from agency_app.cli import main
from agency_app.storage import backup
from agency_app.storage.database import open_store
from agency_app.storage.masters import initialise


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "agency.db"
    store = open_store(path)
    initialise(store)
    store.close()
    return path


def backed_up(path, days_ago: int) -> datetime:
    when = (datetime.now() - timedelta(days=days_ago)).replace(second=0, microsecond=0)
    store = open_store(path, daily_backup=False)
    backup.make_backup(store.conn, path, "daily", when)
    store.close()
    return when


def test_no_backup_is_said_but_is_not_a_problem(db, capsys):
    assert main(["check", "--db", str(db)]) == 0
    assert "バックアップがありません" in capsys.readouterr().out


def test_the_newest_good_backup_and_its_age_are_printed(db, capsys):
    backed_up(db, 5)
    when = backed_up(db, 1)
    (backup.paths.backups_dir_for(db) / f"agency-{datetime.now():%Y%m%d-%H%M%S}-daily.db").write_bytes(b"")
    assert main(["check", "--db", str(db)]) == 0
    assert f"最新のバックアップ: {when:%Y-%m-%d %H:%M}（1日前）" in capsys.readouterr().out  # not the empty file


def test_a_backup_from_today_says_today(db, capsys):
    when = backed_up(db, 0)
    assert main(["check", "--db", str(db)]) == 0
    assert f"最新のバックアップ: {when:%Y-%m-%d %H:%M}（今日）" in capsys.readouterr().out


def test_a_backup_three_days_old_is_fine_four_is_a_problem(db, capsys):
    backed_up(db, 3)  # Friday's backup read on Monday
    assert main(["check", "--db", str(db)]) == 0
    capsys.readouterr()
    backup.list_backups(db)[0][1].unlink()
    backed_up(db, 4)
    assert main(["check", "--db", str(db)]) == 1
    captured = capsys.readouterr()
    assert "（4日前）" in captured.out and "最新のバックアップが 4 日前のものです" in captured.err
