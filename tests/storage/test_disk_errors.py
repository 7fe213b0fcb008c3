"""Disk errors SQLite reports (SQLITE_IOERR_*, SQLITE_FULL) become the messages a user can act on, never a traceback:
the codes by table, and a real refused write (a file size limit, as a full disk refuses) for save and backup."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from agency_app.storage.database import check_integrity, connect, open_store
from agency_app.storage.errors import (
    DatabaseCorrupt, DatabaseLocked, DiskFull, DiskIOError, ReadOnly, translate_sqlite_error,
)
from tests.storage.bad_files import make_sound, side, sqlite_error

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name, kind, writing", [
    ("SQLITE_IOERR_SHMSIZE", DiskIOError, True),   # what opening says with 0 bytes free
    ("SQLITE_IOERR_WRITE", DiskIOError, True),
    ("SQLITE_IOERR_SHORT_READ", DiskIOError, False),
    ("SQLITE_FULL", DiskFull, None),
    ("SQLITE_READONLY", ReadOnly, None),
])
def test_every_disk_error_code_becomes_a_storage_error(name, kind, writing):
    known = translate_sqlite_error(sqlite_error(name, "disk I/O error"))
    assert type(known) is kind
    if writing is not None:
        assert known.writing is writing
        assert ("空き容量が足りない可能性" in known.message_ja) is writing
        assert "管理者" in known.message_ja and "ネットワークドライブ" in known.message_ja


def test_an_io_error_without_a_code_is_known_by_its_text():
    assert isinstance(translate_sqlite_error(sqlite3.OperationalError("disk I/O error")), DiskIOError)


def test_a_disk_error_during_the_integrity_check_is_not_called_damage(tmp_path):
    class Failing:
        def execute(self, _sql):
            raise sqlite_error("SQLITE_IOERR_SHORT_READ", "disk I/O error")
    with pytest.raises(DiskIOError):
        check_integrity(Failing(), tmp_path / "x.db")
    class Locked:
        def execute(self, _sql):
            raise sqlite_error("SQLITE_IOERR_SHMSIZE", "disk I/O error")
    with pytest.raises(DiskIOError) as raised:
        check_integrity(Locked(), tmp_path / "x.db")
    assert not isinstance(raised.value, DatabaseCorrupt)


def test_an_io_error_at_open_is_a_storage_error(tmp_path, monkeypatch):
    from agency_app.storage import database
    path = tmp_path / "agency.db"
    make_sound(path)

    def refused(*_args, **_kwargs):
        raise sqlite_error("SQLITE_IOERR_SHMSIZE", "disk I/O error")
    real = sqlite3.connect

    class FailingSqlite:
        def __getattr__(self, name):
            return getattr(sqlite3, name)

        @staticmethod
        def connect(*args, **kwargs):
            conn = real(*args, **kwargs)
            return FailingConnection(conn)

    class FailingConnection:
        def __init__(self, conn):
            self.conn = conn

        def execute(self, sql, *args):
            if "journal_mode" in sql:
                refused()
            return self.conn.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self.conn, name)
    monkeypatch.setattr(database, "sqlite3", FailingSqlite())
    with pytest.raises(DiskIOError):
        open_store(path, daily_backup=False)


def limited(script: str, limit: int) -> subprocess.CompletedProcess:
    """Run `script` with every file it writes limited to `limit` bytes: writes past it fail as on a full disk."""
    prelude = ("import resource, signal, sys\n"
               "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"  # EFBIG from write(), not a killed process
               f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", prelude + script], capture_output=True, text=True,
                          env=env, timeout=120, cwd=ROOT)


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX; Windows has no file size limit to set")
def test_a_save_the_disk_refuses_is_a_disk_error_not_a_traceback(tmp_path):
    path = tmp_path / "agency.db"
    make_sound(path)
    size = path.stat().st_size
    script = ("from agency_app.storage.database import open_store\n"
              "from agency_app.storage.errors import StorageError\n"
              f"store = open_store({str(path)!r}, daily_backup=False)\n"
              "try:\n"
              "    with store.write() as db:\n"
              "        db.conn.execute(\"INSERT INTO settings(key, value) VALUES ('big', ?)\", ('x' * 2_000_000,))\n"
              "except StorageError as error:\n"
              "    print(type(error).__name__, getattr(error, 'writing', ''), error.message_ja)\n")
    done = limited(script, size + 64 * 1024)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stdout.startswith(("DiskIOError True", "DiskFull")), done.stdout
    assert "空き容量" in done.stdout
    with sqlite3.connect(path) as conn:  # nothing of the refused save was kept, the file is sound
        assert conn.execute("SELECT count(*) FROM settings WHERE key = 'big'").fetchone() == (0,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX; Windows has no file size limit to set")
def test_a_backup_the_disk_refuses_exits_2_in_japanese_and_leaves_no_partial_file(tmp_path):
    """The private copy fits under the limit (db, -wal each), the backup (all pages in one file) does not."""
    path = tmp_path / "agency.db"
    make_sound(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("INSERT INTO settings(key, value) VALUES ('big', ?)", ("x" * 1_000_000,))
    limit = max(path.stat().st_size, side(path, "-wal").stat().st_size) + 4096
    script = ("import sys\nfrom agency_app.cli import main\n"
              f"sys.exit(main(['backup', '--db', {str(path)!r}]))\n")
    try:
        done = limited(script, limit)
    finally:
        conn.close()
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr and "空き容量" in done.stderr, done.stderr
    assert not list(tmp_path.rglob("*.partial"))


def test_a_store_found_damaged_while_in_use_closes_without_merging_its_wal(tmp_path):
    """For the background check: once damage is found, closing must not fold the -wal into the damaged file."""
    from tests.storage.bad_files import fingerprint
    path = tmp_path / "agency.db"
    make_sound(path)
    store = open_store(path, daily_backup=False)
    store.set_setting("written_in_use", "yes")  # a commit that sits in the -wal
    before = {k: v for k, v in fingerprint(path).items() if k != "-shm"}
    store.close(keep_file=True)
    assert {k: v for k, v in fingerprint(path).items() if k != "-shm"} == before
    assert side(path, "-wal").stat().st_size > 0
    store = open_store(path, daily_backup=False)  # the commit is still there to read
    assert store.setting("written_in_use") == "yes"
    store.close()
    assert not side(path, "-wal").exists()  # an ordinary close merges as always


def test_a_private_copy_the_temp_folder_cannot_hold_names_the_space_the_whole_copy_needs(tmp_path, monkeypatch):
    """A 3 MB file copied, its 1 MB -wal refused: the message asked for 1 MB, but the next try copies all 4 MB."""
    import errno

    from agency_app.storage import private_copy as module
    from agency_app.storage.errors import DiskFull
    path = tmp_path / "agency.db"
    path.write_bytes(b"\0" * 3_000_000)
    path.with_name("agency.db-wal").write_bytes(b"\0" * 1_000_000)

    real_copyfile = module.shutil.copyfile

    def copyfile(source, target):
        if str(source).endswith("-wal"):
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        return real_copyfile(source, target)
    monkeypatch.setattr(module.shutil, "copyfile", copyfile)
    with pytest.raises(DiskFull) as raised:
        with module.private_copy(path):
            pass
    assert "約 4 MB 必要です" in raised.value.message_ja, raised.value.message_ja
