"""Opening the database file safely, and the errors a user can act on (damaged, too new, locked, full, read-only)."""

import sqlite3
import threading
import time
from datetime import datetime

import pytest
from sqlite_utils import Database

from agency_app.domain.voice import BODY_MAX, VoiceInput
from agency_app.storage import database
from agency_app.storage.database import Store, connect, locked_for_writing, open_store
from agency_app.storage.errors import (
    CannotOpen, DatabaseCorrupt, DatabaseLocked, DatabaseTooNew, DiskFull, ReadOnly,
)
from agency_app.storage.masters import MasterData, initialise
from agency_app.storage.voices import VoiceRepository

NOW = datetime(2025, 11, 20, 10, 0)


def pragmas(conn: sqlite3.Connection) -> dict:
    return {name: conn.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")}


def sidecars(path):
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


def test_every_connection_gets_wal_full_sync_foreign_keys_and_busy_timeout(file_store):
    expected = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1,
                "busy_timeout": database.BUSY_TIMEOUT_MS}
    assert pragmas(file_store.conn) == expected
    second = connect(file_store.path)
    assert pragmas(second) == expected
    second.close()
    reader = connect(file_store.path, read_only=True)
    assert pragmas(reader) == expected  # already WAL from the file; FULL and keys per connection
    reader.close()


def test_a_file_that_is_not_a_database_is_refused_and_left_unchanged(tmp_path):
    path = tmp_path / "agency.db"
    garbage = bytes(range(256)) * 40
    path.write_bytes(garbage)
    with pytest.raises(DatabaseCorrupt) as caught:
        open_store(path)
    assert caught.value.path == path
    assert str(path) in caught.value.message_ja
    assert path.read_bytes() == garbage
    assert sidecars(path) == []  # no -wal, no -shm, no backups folder


def test_a_database_from_a_newer_version_is_refused_naming_the_version_and_left_unchanged(tmp_path):
    path = tmp_path / "agency.db"
    newer = sqlite3.connect(path)
    newer.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)")
    newer.execute("INSERT INTO settings VALUES ('min_app_version', '9.1.0')")
    newer.execute("PRAGMA user_version = 99")
    newer.commit()
    newer.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNew) as caught:
        open_store(path)
    assert caught.value.schema_version == 99
    assert caught.value.required_app_version == "9.1.0"
    assert "9.1.0" in caught.value.message_ja
    assert path.read_bytes() == before  # not even switched to WAL
    assert sidecars(path) == []


def test_our_own_database_bumped_by_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "agency.db"
    store = open_store(path)
    store.set_setting("min_app_version", "2.0.0")
    store.conn.execute("PRAGMA user_version = 42")
    store.close()
    with pytest.raises(DatabaseTooNew) as caught:
        open_store(path)
    assert caught.value.required_app_version == "2.0.0"


def test_a_database_of_another_program_is_not_written_into(tmp_path):
    path = tmp_path / "other.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    other.commit()
    other.close()
    before = path.read_bytes()
    with pytest.raises(CannotOpen):
        open_store(path)
    assert path.read_bytes() == before


def test_opening_a_missing_file_without_create_is_refused(tmp_path):
    with pytest.raises(CannotOpen):
        open_store(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


def test_a_folder_that_cannot_exist_is_refused(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(CannotOpen):
        open_store(blocker / "agency.db")


def test_a_write_waits_for_another_writer_then_fails_with_database_locked(tmp_path, monkeypatch):
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "agency.db"
    store = open_store(path)
    other = connect(path)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO settings VALUES ('held', 'by other')")
    assert locked_for_writing(store)
    started = time.monotonic()
    with pytest.raises(DatabaseLocked) as caught:
        store.set_setting("mine", "x")
    assert time.monotonic() - started >= 0.15  # it waited for the busy timeout first
    assert caught.value.message_ja
    other.execute("ROLLBACK")
    assert not locked_for_writing(store)
    store.set_setting("mine", "x")  # works once the other writer is gone
    assert store.setting("mine") == "x"
    other.close()
    store.close()


def test_a_write_succeeds_when_the_other_writer_finishes_within_the_timeout(tmp_path, monkeypatch):
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 3_000)
    path = tmp_path / "agency.db"
    store = open_store(path)
    other = connect(path)
    other.execute("BEGIN IMMEDIATE")
    releaser = threading.Timer(0.2, lambda: other.execute("COMMIT"))
    releaser.start()
    store.set_setting("mine", "x")
    releaser.join()
    assert store.setting("mine") == "x"
    other.close()
    store.close()


def test_disk_full_is_reported_and_leaves_nothing_half_saved(tmp_path):
    store = open_store(tmp_path / "agency.db")
    initialise(store)
    sato = MasterData(store).save_staff(name="佐藤 一郎", branch_code="HQ")
    voices = VoiceRepository(store)
    counts = lambda: [store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: E731
                      for t in ("voices", "audit_log", "voices_fts")]
    before = counts()
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")  # the "disk" has no room left
    big = VoiceInput(received_at="2025/11/20 09:00", summary="長文の声", body="あ" * BODY_MAX)
    with pytest.raises(DiskFull) as caught:
        voices.create(big, by=sato, now=NOW)
    assert "ディスク" in caught.value.message_ja
    assert counts() == before
    assert not store.conn.in_transaction
    store.conn.execute("PRAGMA max_page_count = 1073741823")  # room again: the same save works
    voices.create(big, by=sato, now=NOW)
    assert counts()[0] == before[0] + 1
    store.close()


def test_writing_a_read_only_database_reports_read_only_and_changes_nothing(file_store):
    before = file_store.conn.execute("SELECT count(*) FROM settings").fetchone()[0]
    reader = Store(Database(connect(file_store.path, read_only=True)), file_store.path)
    assert reader.setting("home_branch") == "HQ"  # reading still works
    with pytest.raises(ReadOnly) as caught:
        reader.set_setting("x", "y")
    assert "読み取り専用" in caught.value.message_ja
    assert not reader.conn.in_transaction
    assert file_store.conn.execute("SELECT count(*) FROM settings").fetchone()[0] == before
    reader.close()


def test_an_error_inside_a_write_keeps_nothing_of_it(store):
    with pytest.raises(ValueError):
        with store.write() as db:
            db.conn.execute("INSERT INTO settings VALUES ('half', 'done')")
            raise ValueError("stop")
    assert store.setting("half") is None
    assert not store.conn.in_transaction


def test_nested_writes_commit_together_or_not_at_all(store):
    with pytest.raises(RuntimeError):
        with store.write():
            store.set_setting("outer", "1")
            store.set_setting("inner", "2")  # joins the outer transaction
            raise RuntimeError("stop")
    assert (store.setting("outer"), store.setting("inner")) == (None, None)
    with store.write():
        store.set_setting("outer", "1")
        store.set_setting("inner", "2")
    assert (store.setting("outer"), store.setting("inner")) == ("1", "2")


def test_a_programming_error_in_sql_is_not_disguised_as_a_user_error(store):
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        with store.write() as db:
            db.conn.execute("INSERT INTO no_such_table VALUES (1)")
