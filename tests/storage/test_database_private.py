"""A new database, its -wal and -shm and the folder made for it are the user's alone; an existing file keeps its mode."""

from __future__ import annotations

import os
import sys

import pytest

from agency_app.storage.database import open_store
from agency_app.storage.masters import MasterData, initialise
from tests.file_modes import mode, usual_umask  # noqa: F401 — usual_umask is a fixture

pytestmark = [pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes; on Windows the per-user "
                                "%LOCALAPPDATA% folder's ACL keeps the database the user's own"),
              pytest.mark.usefixtures("usual_umask")]


def side(path, suffix):
    return path.with_name(path.name + suffix)


def test_a_new_database_its_wal_and_shm_and_its_new_folder_are_the_users_alone(tmp_path):
    path = tmp_path / "AgencyVoice" / "agency.db"
    store = open_store(path)
    initialise(store)
    MasterData(store).save_staff(name="佐藤 一郎", kana="さとう いちろう")  # a write: the -wal has content
    try:
        # SQLite makes -wal and -shm with the main file's mode (os_unix.c robust_open): checked, not assumed
        assert {name: mode(p) for name, p in [("db", path), ("wal", side(path, "-wal")),
                                              ("shm", side(path, "-shm"))]} == \
            {"db": 0o600, "wal": 0o600, "shm": 0o600}
        assert mode(path.parent) == 0o700
    finally:
        store.close()


def test_an_existing_database_keeps_its_mode_and_the_folder_its_own(tmp_path):
    """A file on a shared folder may be shared on purpose: tightening it could lock a colleague out."""
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, 0o775)
    path = folder / "agency.db"
    open_store(path).close()
    os.chmod(path, 0o660)
    store = open_store(path, daily_backup=False)
    try:
        assert mode(path) == 0o660 and mode(folder) == 0o775
        assert mode(side(path, "-wal")) == 0o660  # as SQLite does: its side files follow the main file
    finally:
        store.close()


def test_the_restored_copy_of_a_backup_is_the_users_alone(tmp_path):
    """open_errors.copy_backup makes a new database from a backup through copy_retrying."""
    from agency_app.storage.file_moves import copy_retrying
    backup = tmp_path / "backup.db"
    backup.write_bytes(b"SQLite format 3\x00" + b"x" * 4096)
    os.chmod(backup, 0o644)  # a backup made by an older version
    stale = tmp_path / "agency-restored.db.partial"
    stale.write_bytes(b"half a copy a kill left")  # 0644 from the umask
    copy_retrying(backup, tmp_path / "agency-restored.db")
    restored = tmp_path / "agency-restored.db"
    assert restored.read_bytes() == backup.read_bytes() and mode(restored) == 0o600
    copy_retrying(backup, tmp_path / "second.db")
    assert mode(tmp_path / "second.db") == 0o600
