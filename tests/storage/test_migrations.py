"""Schema migrations: empty file → latest, first schema → latest, backup first, all-or-nothing, append-only audit."""

import shutil
import sqlite3
from datetime import datetime

import pytest
from sqlite_utils import Database

from agency_app import paths
from agency_app.storage import backup, migrations
from agency_app.storage.database import Store, apply_migrations, connect, open_store
from agency_app.storage.errors import MigrationFailed
from agency_app.storage.voices import VoiceRepository

NOW = datetime(2025, 11, 20, 10, 0)

WORKING_0002 = '''
SCHEMA_VERSION = 2
def migrate(db):
    db.conn.execute("CREATE TABLE improvements (uid TEXT PRIMARY KEY, cause TEXT)")
    db.conn.execute("ALTER TABLE voices ADD COLUMN improvement_uid TEXT")
    db.conn.execute("PRAGMA user_version = 2")
'''
BROKEN_0002 = '''
SCHEMA_VERSION = 2
def migrate(db):
    db.conn.execute("CREATE TABLE improvements (uid TEXT PRIMARY KEY)")
    db.conn.execute("UPDATE voices SET summary = 'rewritten'")
    db.conn.execute("PRAGMA user_version = 2")
    raise RuntimeError("step 2 went wrong")
'''
BROKEN_SQL_0002 = '''
SCHEMA_VERSION = 2
def migrate(db):
    db.conn.execute("CREATE TABLE improvements (uid TEXT PRIMARY KEY)")
    db.conn.execute("ALTER TABLE voices ADD COLUMN summary TEXT")  # already there: sqlite3 error
'''


def scripts_folder(tmp_path, second: str | None, name="0002_improvements.py"):
    """A migrations folder holding the real 0001 and, optionally, a made-up 0002."""
    folder = tmp_path / "migrations"
    folder.mkdir()
    shutil.copy(paths.migrations_dir() / "0001_initial.py", folder)
    if second is not None:
        (folder / name).write_text(second, encoding="utf-8")
    return folder


def table_names(conn) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def database_at_first_schema(path) -> str:
    """A file as the first release wrote it (script 0001 only) holding one voice; returns its uid."""
    first = migrations.load_scripts()[:1]
    store = Store(Database(connect(path)), path)
    apply_migrations(store, first)
    with store.write() as db:
        db.conn.execute("INSERT INTO settings VALUES ('home_branch', 'HQ')")
        db.conn.execute(
            "INSERT INTO branches (code, uid, name, is_head_office, origin_branch, created_at, updated_at) "
            "VALUES ('HQ', 'b1', '本部', 1, 'HQ', '2025-04-01 09:00', '2025-04-01 09:00')")
        db.conn.execute(
            "INSERT INTO staff (uid, name, origin_branch, created_at, updated_at) "
            "VALUES ('s1', '佐藤 一郎', 'HQ', '2025-04-01 09:00', '2025-04-01 09:00')")
        db.conn.execute(
            "INSERT INTO voices (uid, origin_branch, branch_code, received_at, received_by, channel, kind, "
            "summary, created_at, updated_at, updated_by) VALUES ('v1', 'HQ', 'HQ', '2025-05-01 10:00', 's1', "
            "'phone', 'praise', '丁寧な説明に感謝', '2025-05-01 10:00', '2025-05-01 10:00', 's1')")
    store.close()
    return "v1"


def test_an_empty_file_is_migrated_to_the_latest_schema(tmp_path):
    store = open_store(tmp_path / "agency.db")
    scripts = migrations.load_scripts()
    assert migrations.schema_version(store.db) == migrations.latest_schema_version(scripts)
    assert migrations.pending(store.db) == []
    assert {"voices", "staff", "audit_log", "settings"} <= table_names(store.conn)
    assert store.setting("min_app_version")
    assert store.setting("last_app_version")
    assert backup.list_backups(store.path) == []  # nothing worth backing up yet
    store.close()


def test_a_database_at_the_first_schema_is_migrated_to_latest_and_keeps_its_records(tmp_path):
    path = tmp_path / "agency.db"
    uid = database_at_first_schema(path)
    store = open_store(path, now=NOW)
    assert migrations.schema_version(store.db) == migrations.latest_schema_version()
    assert migrations.pending(store.db) == []
    voice = VoiceRepository(store).get(uid)
    assert voice["summary"] == "丁寧な説明に感謝"
    assert [h.field for h in VoiceRepository(store).history(uid)] == ["*created"]
    store.close()


def test_after_migrating_from_the_first_schema_every_change_is_still_audited(tmp_path):
    """0003 rebuilds the voices audit trigger: old columns and the new reopen note must both be kept."""
    from agency_app.domain.workflow import StatusChange

    path = tmp_path / "agency.db"
    uid = database_at_first_schema(path)
    store = open_store(path, now=NOW)
    repo = VoiceRepository(store)
    repo.change_status(uid, StatusChange("done", response="お礼を伝えた", completed_on="2025-05-02",
                                         completed_by="s1"), by="s1", now=NOW)
    repo.change_status(uid, StatusChange("in_progress", reopen_reason="追加のご要望"), by="s1", now=NOW)
    fields = [h.field for h in repo.history(uid)]
    assert {"status", "response", "completed_on", "reopen_count", "reopen_note"} <= set(fields)
    store.close()


def test_after_migrating_from_the_first_schema_a_call_back_made_is_audited(tmp_path):
    """0004 rebuilds the trigger 0003 made: the reopen note and the call-back stamp are both audited."""
    from agency_app.domain.workflow import StatusChange

    path = tmp_path / "agency.db"
    uid = database_at_first_schema(path)
    with sqlite3.connect(path) as conn:  # a promise written by the first release
        conn.execute("UPDATE voices SET callback_at = '2025-05-02 10:00', callback_staff_id = 's1' "
                     "WHERE uid = ?", (uid,))
    store = open_store(path, now=NOW)
    repo = VoiceRepository(store)
    repo.mark_callback_done(uid, by="s1", now=NOW)
    repo.change_status(uid, StatusChange("in_progress"), by="s1", now=NOW)
    made = {h.field: h for h in repo.history(uid)}
    assert made["callback_done_at"].new_value == "2025-11-20 10:00"
    assert made["callback_done_by"].new_value == "s1"
    assert made["status"].new_value == "in_progress"  # the columns audited before are still audited
    branches = {r[0] for r in store.conn.execute(
        "SELECT branch FROM audit_log WHERE field LIKE 'callback_done%'")}
    assert branches == {"HQ"}
    store.close()


def test_a_backup_is_taken_before_an_existing_database_is_migrated(tmp_path, monkeypatch):
    path = tmp_path / "agency.db"
    database_at_first_schema(path)
    folder = scripts_folder(tmp_path, WORKING_0002)
    monkeypatch.setattr(paths, "migrations_dir", lambda: folder)
    store = open_store(path, now=NOW)
    assert migrations.schema_version(store.db) == 2
    assert "improvements" in table_names(store.conn)
    store.close()
    [(when, file)] = backup.list_backups(path)
    assert when == NOW and file.name.endswith("-before-migration.db")
    copy = sqlite3.connect(file)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 1  # the state before migrating
    assert "improvements" not in table_names(copy)
    assert copy.execute("SELECT summary FROM voices").fetchall() == [("丁寧な説明に感謝",)]
    copy.close()


@pytest.mark.parametrize("second", [BROKEN_0002, BROKEN_SQL_0002], ids=["raises", "bad-sql"])
def test_a_failing_migration_leaves_the_database_as_it_was_and_says_so(tmp_path, monkeypatch, second):
    path = tmp_path / "agency.db"
    database_at_first_schema(path)
    folder = scripts_folder(tmp_path, second)
    monkeypatch.setattr(paths, "migrations_dir", lambda: folder)
    with pytest.raises(MigrationFailed) as caught:
        open_store(path, now=NOW)
    assert caught.value.pending == ["0002_improvements"]
    assert caught.value.backup_path is not None and caught.value.backup_path.exists()
    assert str(caught.value.backup_path) in caught.value.message_ja
    monkeypatch.undo()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "improvements" not in table_names(conn)
    assert conn.execute("SELECT summary FROM voices").fetchall() == [("丁寧な説明に感謝",)]
    assert [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")] == ["0001_initial"]
    conn.close()
    open_store(path).close()  # still opens with the released scripts


def test_a_failing_migration_of_a_new_file_leaves_no_half_built_schema(tmp_path, monkeypatch):
    folder = scripts_folder(tmp_path, BROKEN_0002)
    monkeypatch.setattr(paths, "migrations_dir", lambda: folder)
    path = tmp_path / "agency.db"
    with pytest.raises(MigrationFailed):
        open_store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    assert table_names(conn) == set()
    conn.close()


def test_migration_numbers_with_a_gap_are_rejected(tmp_path):
    folder = scripts_folder(tmp_path, WORKING_0002, name="0003_improvements.py")
    with pytest.raises(RuntimeError, match="without gaps"):
        migrations.load_scripts(folder)


def test_two_migrations_with_the_same_number_are_rejected(tmp_path):
    folder = scripts_folder(tmp_path, WORKING_0002)
    (folder / "0002_other.py").write_text(WORKING_0002, encoding="utf-8")
    with pytest.raises(RuntimeError):
        migrations.load_scripts(folder)


def test_a_misnamed_migration_is_rejected_not_silently_skipped(tmp_path):
    folder = scripts_folder(tmp_path, WORKING_0002, name="0002-improvements.py")
    with pytest.raises(RuntimeError, match="0002-improvements.py"):
        migrations.load_scripts(folder)


def test_the_released_scripts_are_numbered_and_versioned_in_order():
    scripts = migrations.load_scripts()
    assert [s.number for s in scripts] == list(range(1, len(scripts) + 1))
    assert scripts[0].name == "0001_initial"
    versions = [s.schema_version for s in scripts]
    assert versions == sorted(set(versions))


def test_the_audit_log_refuses_update_and_delete(store, staff):
    rows = store.conn.execute("SELECT * FROM audit_log ORDER BY id").fetchall()
    assert rows
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.conn.execute("UPDATE audit_log SET changed_by = 'someone else'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.conn.execute("DELETE FROM audit_log")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        with store.write() as db:
            db.conn.execute("DELETE FROM audit_log WHERE id = 1")
    assert store.conn.execute("SELECT * FROM audit_log ORDER BY id").fetchall() == rows


@pytest.mark.parametrize("min_app, last_app, expected", [
    ("0.2.0", "9.0.0", "9.0.0"),     # the floor is older than this app: the version that updated the file
    ("9.1.0", "9.3.0", "9.1.0"),     # the floor a migration raised names the oldest that knows the schema
    ("0.2.0", "0.7.0", ""),          # nothing newer than 0.7.0 is named: which one knows it is not known
    ("0.7.0", None, ""),
    (None, None, ""),
    ("0.10.0", None, "0.10.0"),      # compared as numbers
])
def test_the_version_named_for_a_too_new_file_is_never_the_running_one_or_older(min_app, last_app, expected):
    assert migrations.version_that_knows(min_app, last_app, "0.7.0") == expected


def test_a_damaged_file_opened_unchecked_is_not_backed_up_before_migrating(tmp_path, monkeypatch):
    """The window opens without the check (the daily maintenance does it later): a damaged file met by a new
    version must still not be backed up, or that damaged copy becomes the "latest backup" offered to restore it."""
    from agency_app.storage.errors import DatabaseCorrupt
    path = tmp_path / "agency.db"
    database_at_first_schema(path)
    conn = sqlite3.connect(path)
    root, = conn.execute("SELECT rootpage FROM sqlite_master WHERE type = 'index' AND rootpage > 1 "
                         "ORDER BY rootpage DESC LIMIT 1").fetchone()
    size, = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with open(path, "r+b") as file:  # an index page overwritten: the file opens, the check finds it
        file.seek((root - 1) * size)
        file.write(b"\x00" * 16)
    folder = scripts_folder(tmp_path, WORKING_0002)
    monkeypatch.setattr(paths, "migrations_dir", lambda: folder)
    with pytest.raises(DatabaseCorrupt):
        open_store(path, daily_backup=False, check=False, now=NOW)
    assert backup.list_backups(path) == []
