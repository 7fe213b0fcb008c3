"""Backups: a consistent copy while others write, the 7 daily / 4 weekly / 12 monthly rotation, one a day on open."""

import os
import sqlite3
import stat
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from agency_app import paths
from agency_app.storage import backup
from agency_app.storage.backup import backup_to, backups_to_keep, list_backups, make_backup, prune_backups
from agency_app.storage.database import connect, open_store
from agency_app.storage.masters import initialise
from tests.storage.full_disk import DiskFillsUp


def every_day(first: datetime, last: datetime, hour: int = 9) -> list[datetime]:
    day, out = first.replace(hour=hour), []
    while day <= last:
        out.append(day)
        day += timedelta(days=1)
    return out


def test_backup_is_a_consistent_self_contained_copy_while_a_wal_writer_is_active(file_store, tmp_path):
    writer = connect(file_store.path)
    writer.execute("PRAGMA wal_autocheckpoint = 0")  # committed rows stay in the -wal file only
    with file_store.write():
        file_store.conn.executemany("INSERT INTO settings VALUES (?, ?)",
                                    [(f"committed-{i}", "x" * 500) for i in range(200)])
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO settings VALUES ('uncommitted', 'not yet')")
    copy_path = backup_to(file_store.conn, tmp_path / "copies" / "copy.db")
    writer.execute("ROLLBACK")
    writer.close()
    assert sorted(p.name for p in copy_path.parent.iterdir()) == ["copy.db"]  # no -wal, no .partial
    copy = sqlite3.connect(copy_path)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert copy.execute("SELECT count(*) FROM settings WHERE key LIKE 'committed-%'").fetchone()[0] == 200
    assert copy.execute("SELECT count(*) FROM settings WHERE key = 'uncommitted'").fetchone()[0] == 0
    assert copy.execute("SELECT count(*) FROM categories").fetchone()[0] == 31
    copy.close()


def test_a_backup_copy_opens_as_a_working_database(file_store, tmp_path):
    copy = open_store(backup_to(file_store.conn, tmp_path / "restore" / "agency.db"))
    assert copy.home_branch == "HQ"
    copy.close()


def test_a_leftover_partial_copy_is_replaced(file_store, tmp_path):
    target = tmp_path / "copies" / "copy.db"
    target.parent.mkdir()
    (target.parent / "copy.db.partial").write_bytes(b"half a copy from a crash")
    backup_to(file_store.conn, target)
    assert sorted(p.name for p in target.parent.iterdir()) == ["copy.db"]
    assert sqlite3.connect(target).execute("PRAGMA quick_check").fetchone()[0] == "ok"


def test_rotation_keeps_7_daily_4_weekly_and_12_monthly():
    now = datetime(2025, 11, 20, 9, 0)  # a Thursday
    stamps = every_day(datetime(2024, 9, 1), now)
    kept = {s.date().isoformat() for s in backups_to_keep(stamps)}
    daily = {f"2025-11-{d}" for d in range(14, 21)}
    weekly = {"2025-11-20", "2025-11-16", "2025-11-09", "2025-11-02"}  # the Sundays ending ISO weeks
    monthly = {"2025-11-20", "2025-10-31", "2025-09-30", "2025-08-31", "2025-07-31", "2025-06-30",
               "2025-05-31", "2025-04-30", "2025-03-31", "2025-02-28", "2025-01-31", "2024-12-31"}
    assert kept == daily | weekly | monthly
    assert len(kept) == 20


def test_rotation_keeps_the_newest_backup_of_each_day():
    stamps = [d + timedelta(hours=h) for d in every_day(datetime(2025, 11, 1), datetime(2025, 11, 20), 0)
              for h in (9, 12, 18)]
    daily = sorted(s for s in backups_to_keep(stamps) if s.day >= 14)
    assert daily == [datetime(2025, 11, d, 18) for d in range(14, 21)]


def test_rotation_keeps_everything_when_there_are_few_backups():
    stamps = [datetime(2025, 1, 5, 9), datetime(2025, 6, 1, 9), datetime(2025, 11, 20, 9)]
    assert backups_to_keep(stamps) == set(stamps)
    assert backups_to_keep([]) == set()


def test_prune_deletes_the_backup_files_the_rotation_drops(file_store):
    stamps = every_day(datetime(2025, 9, 25), datetime(2025, 11, 20))
    for stamp in stamps:
        make_backup(file_store.conn, file_store.path, "daily", now=stamp)
    folder = paths.backups_dir_for(file_store.path)
    (folder / "readme.txt").write_text("not a backup")
    assert len(list_backups(file_store.path)) == len(stamps)

    removed = prune_backups(file_store.path)

    left = [when for when, _ in list_backups(file_store.path)]
    assert set(left) == backups_to_keep(stamps)
    assert len(removed) == len(stamps) - len(left)
    assert not any(p.exists() for p in removed)
    assert (folder / "readme.txt").exists()
    assert datetime(2025, 9, 30, 9) in left and datetime(2025, 10, 31, 9) in left  # month ends
    assert datetime(2025, 10, 15, 9) not in left


def test_backup_file_names_carry_the_database_name_time_and_reason(file_store):
    file = make_backup(file_store.conn, file_store.path, "manual", now=datetime(2025, 4, 1, 9, 5, 7))
    assert file.name == "agency-20250401-090507-manual.db"
    assert file.parent == paths.backups_dir_for(file_store.path)
    assert list_backups(file_store.path)[0] == (datetime(2025, 4, 1, 9, 5, 7), file)


def test_a_daily_backup_is_taken_once_a_day_when_the_database_is_opened(tmp_path):
    path = tmp_path / "agency.db"
    first = open_store(path, now=datetime(2025, 11, 20, 8, 0))
    initialise(first)
    first.close()
    assert list_backups(path) == []  # a brand-new file has nothing to save

    for hour in (9, 13, 17):
        open_store(path, now=datetime(2025, 11, 20, hour, 0)).close()
    assert [when for when, _ in list_backups(path)] == [datetime(2025, 11, 20, 9, 0)]

    open_store(path, now=datetime(2025, 11, 21, 8, 30)).close()
    assert [when for when, _ in list_backups(path)] == [datetime(2025, 11, 21, 8, 30),
                                                        datetime(2025, 11, 20, 9, 0)]
    assert all(file.name.endswith("-daily.db") for _, file in list_backups(path))


def test_opening_prunes_old_backups(tmp_path):
    path = tmp_path / "agency.db"
    open_store(path).close()
    for day in range(1, 15):
        open_store(path, now=datetime(2025, 11, day, 9, 0)).close()
    assert len(list_backups(path)) == len(backup.backups_to_keep(
        [datetime(2025, 11, d, 9) for d in range(1, 15)]))
    assert len(list_backups(path)) < 14


def test_a_backup_folder_that_cannot_be_read_has_no_backups_instead_of_an_error(tmp_path, monkeypatch):
    """E.g. the backups sit on a network drive that is gone (Windows raises, not False, for some of those)."""
    folder = paths.backups_dir_for(tmp_path / "agency.db")
    real_is_dir = type(folder).is_dir

    def is_dir(self):
        if self == folder:
            raise PermissionError(13, "Access is denied")
        return real_is_dir(self)
    monkeypatch.setattr(type(folder), "is_dir", is_dir)
    assert list_backups(tmp_path / "agency.db") == []


def test_a_backup_the_disk_fills_up_during_leaves_no_partial_file_taking_the_space(file_store, tmp_path,
                                                                                    monkeypatch):
    with file_store.write():
        file_store.conn.executemany("INSERT INTO settings VALUES (?, ?)", [(f"k{i}", "x" * 500) for i in range(200)])
    monkeypatch.setattr(backup, "sqlite3", DiskFillsUp())
    target = tmp_path / "copies" / "copy.db"
    try:
        backup_to(file_store.conn, target)
    except sqlite3.OperationalError as error:
        assert "full" in str(error)
    else:
        raise AssertionError("the full disk was not noticed")
    assert list(target.parent.iterdir()) == []  # the half-written copy is gone: its space is free again


def test_the_backups_of_a_database_named_with_brackets_are_found(tmp_path):
    """'[本社]顧客.db': the name is not a glob pattern — else no backup is ever found (one taken at every start,
    none pruned, none offered when the file is damaged)."""
    path = tmp_path / "[本社]顧客.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    taken = make_backup(conn, path, "daily", datetime(2025, 4, 1, 9, 30))
    conn.close()
    assert list_backups(path) == [(datetime(2025, 4, 1, 9, 30), taken)]


# --- issue 13 point 7: half copies cleaned up, owner-only files, the folder synced, only complete files offered --
KILL_MID_BACKUP = """
import os, sqlite3, sys
from pathlib import Path
from agency_app.storage import backup

class DiesMidBackup(sqlite3.Connection):
    def backup(self, dest, **_kw):  # one page, then the process is gone, as under kill -9 or a power cut
        super().backup(dest, pages=1, progress=lambda *_a: os._exit(9))

path = Path(sys.argv[1])
backup.make_backup(sqlite3.connect(path, factory=DiesMidBackup), path, "daily")
"""


def killed_backup_leaves_a_partial(path) -> Path:
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-c", KILL_MID_BACKUP, str(path)], cwd=str(Path(__file__).parents[2]),
                          capture_output=True, timeout=60)
    assert done.returncode == 9, done.stderr
    partials = list(paths.backups_dir_for(path).glob("*.db.partial"))
    assert len(partials) == 1 and list_backups(path) == []
    return partials[0]


def test_a_backup_killed_midway_leaves_a_partial_file_the_next_backup_removes(file_store):
    with file_store.write():
        file_store.conn.executemany("INSERT INTO settings VALUES (?, ?)", [(f"k{i}", "x" * 900) for i in range(50)])
    partial = killed_backup_leaves_a_partial(file_store.path)
    an_hour_ago = time.time() - 3600
    for left in partial.parent.iterdir():  # the copy and SQLite's journal of it, both left an hour ago
        os.utime(left, (an_hour_ago, an_hour_ago))

    taken = make_backup(file_store.conn, file_store.path, "daily", datetime.now() + timedelta(days=1))  # the next day

    assert sorted(paths.backups_dir_for(file_store.path).iterdir()) == [taken]


def test_pruning_removes_a_stale_partial_file_but_not_one_being_written(file_store):
    folder = paths.backups_dir_for(file_store.path)
    make_backup(file_store.conn, file_store.path, "daily", datetime(2025, 11, 20, 9))
    dead, running = folder / "agency-20251121-090000-daily.db.partial", folder / "agency-20251122-090000-manual.db.partial"
    other_database = folder / "other-20251121-090000-daily.db.partial"
    for file in (dead, running, other_database):
        file.write_bytes(b"half")
    old = time.time() - backup.STALE_PARTIAL_SECONDS - 1
    for file in (dead, other_database):
        os.utime(file, (old, old))

    removed = prune_backups(file_store.path)

    assert removed == [dead] and running.exists() and other_database.exists()
    os.utime(running, (old + 2, old + 2))  # just under the limit: still somebody's backup in progress
    assert backup.remove_stale_partials(file_store.path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes; on Windows the per-user folder's ACL protects")
def test_backups_and_their_folder_are_readable_by_their_owner_only(file_store):
    old_umask = os.umask(0o022)
    try:
        taken = make_backup(file_store.conn, file_store.path, "manual")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(taken.stat().st_mode) == 0o600
    assert stat.S_IMODE(taken.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(taken.parent.parent.stat().st_mode) == 0o700  # the 'backups' folder made with it


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_the_half_copy_is_owner_only_while_it_is_written(file_store, monkeypatch):
    seen = []
    real_replace = backup.replace_retrying

    def replace(partial, target):
        seen.append(stat.S_IMODE(partial.stat().st_mode))
        real_replace(partial, target)
    monkeypatch.setattr(backup, "replace_retrying", replace)
    old_umask = os.umask(0o022)
    try:
        make_backup(file_store.conn, file_store.path, "manual")
    finally:
        os.umask(old_umask)
    assert seen == [0o600]


def test_the_folder_is_synced_after_the_finished_backup_is_renamed_into_it(file_store, monkeypatch):
    events = []
    real_replace, real_fsync, real_open = backup.replace_retrying, os.fsync, os.open
    opened = {}

    def replace(partial, target):
        real_replace(partial, target)
        events.append(("renamed", target.name))

    def os_open(path, flags, *args):
        descriptor = real_open(path, flags, *args)
        opened[descriptor] = Path(path)
        return descriptor

    def fsync(descriptor):
        events.append(("synced", opened.get(descriptor)))
        return real_fsync(descriptor)
    monkeypatch.setattr(backup, "replace_retrying", replace)
    monkeypatch.setattr(backup.os, "open", os_open)
    monkeypatch.setattr(backup.os, "fsync", fsync)

    taken = make_backup(file_store.conn, file_store.path, "manual")

    if sys.platform == "win32":
        assert ("synced", taken.parent) not in events  # Windows cannot open a folder: skipped on purpose
    else:
        assert events[-2:] == [("renamed", taken.name), ("synced", taken.parent)]


def test_an_empty_or_cut_short_backup_is_never_the_latest_good_one(file_store):
    older = make_backup(file_store.conn, file_store.path, "daily", datetime(2025, 11, 19, 9))
    good = make_backup(file_store.conn, file_store.path, "daily", datetime(2025, 11, 20, 9))
    folder = good.parent
    (folder / "agency-20251121-090000-daily.db").write_bytes(b"")  # zero bytes: a sync tool gave up
    (folder / "agency-20251122-090000-daily.db").write_bytes(good.read_bytes()[:len(good.read_bytes()) // 2])
    (folder / "agency-20251123-090000-daily.db").write_bytes(b"not a database at all" * 300)

    assert backup.latest_backup(file_store.path) == (datetime(2025, 11, 20, 9), good)
    assert [file for _, file in list_backups(file_store.path)] == [good, older]
    assert not backup.has_backup_on(file_store.path, datetime(2025, 11, 22).date())
    assert backup.is_complete(good) and not backup.is_complete(folder / "agency-20251121-090000-daily.db")


@pytest.mark.skipif(sys.platform == "win32", reason="the folder is not synced on Windows")
@pytest.mark.parametrize("refused", ["open", "fsync"])
def test_a_folder_that_refuses_to_be_synced_still_keeps_the_finished_backup(file_store, monkeypatch, refused):
    """Some network file systems refuse fsync on a folder: the backup is in place, it is not reported failed."""
    import errno

    def refuse(*_args, **_kwargs):
        raise OSError(errno.EINVAL, "Invalid argument")
    real_open = os.open
    if refused == "open":
        monkeypatch.setattr(backup.os, "open", lambda path, flags, *a: refuse() if Path(path).is_dir()
                            else real_open(path, flags, *a))
    else:
        monkeypatch.setattr(backup.os, "fsync", refuse)
    taken = make_backup(file_store.conn, file_store.path, "manual")
    assert backup.latest_backup(file_store.path)[1] == taken and taken.exists()


def test_open_store_unchecked_never_takes_the_daily_backup_of_a_damaged_file(tmp_path):
    """open_store(daily_backup=True, check=False): the daily backup is taken only of a file that passed the check."""
    from agency_app.storage.errors import DatabaseCorrupt
    path = tmp_path / "agency.db"
    store = open_store(path, daily_backup=False)
    initialise(store)
    store.close()
    conn = sqlite3.connect(path)
    root, = conn.execute("SELECT rootpage FROM sqlite_master WHERE type = 'index' AND rootpage > 1 "
                         "ORDER BY rootpage DESC LIMIT 1").fetchone()
    size, = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with open(path, "r+b") as file:
        file.seek((root - 1) * size)
        file.write(b"\x00" * 16)
    with pytest.raises(DatabaseCorrupt):
        open_store(path, daily_backup=True, check=False)
    assert backup.list_backups(path) == []
