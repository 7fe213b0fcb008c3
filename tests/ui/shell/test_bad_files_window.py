"""Issue 13's bad files opened by the window (offscreen): the message the user sees, the answer a person gives,
and the file with its -wal and -shm byte-for-byte as it was — the same cases as `check`'s table."""

from __future__ import annotations

import errno
import os
import sqlite3
import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from agency_app.storage import database, private_copy
from agency_app.ui.shell.open_errors import DialogPolicy, open_database
from tests.storage.bad_files import as_root, build, fingerprint, make_sound, sqlite_error

DAMAGED = "壊れているか、データベースではありません"
# case: (what the user is shown (words of the message; "" = no message), the button pressed, what opens:
#        "backup" a copy of the latest backup, "file" the file itself, None nothing)
TABLE = {
    "zero-byte": ("空（0 バイト）", "default", "backup"),
    "zero-byte, no backup": ("", None, "file"),  # a brand-new database, as a freshly made empty file
    "random bytes": (DAMAGED, "default", None),  # no backup beside it: only 終了
    "truncated": (DAMAGED, "default", None),
    "flipped byte": (DAMAGED, "default", None),
    "flipped byte + -wal": (DAMAGED, "default", None),
    "sound + leftover -wal": ("", None, "file"),
    "newer version": ("新しいバージョン", "default", None),
    "locked": ("", None, "file"),  # WAL: another writer does not stop reading; its lock is met at the first save
    "read-only folder": ("開けませんでした", "default", None),
    "read-only file": ("", None, "file"),  # opened; the first save is refused with 読み取り専用
    "full disk (0 bytes)": ("空き容量", "default", None),
    "full disk (a few KB)": ("空き容量", "default", None),
}
UNCHANGED_WHEN_OPENED = {"locked"}
# A normal start reads no more than it needs: a flipped byte in a page it does not read (since the sealed history's
# indexes, the middle page is an index's) opens, and the day's check names the damage at once (test_maintenance).
NORMAL_START = {"flipped byte": ("", None, "file")}


@pytest.fixture(scope="module")
def sound(tmp_path_factory):
    path = tmp_path_factory.mktemp("sound") / "sound.db"
    make_sound(path)
    return path


def answered(ask):
    """Run `ask`; every message box it shows is read and answered with its default button, as Enter would."""
    texts, finished = [], []

    def answer():
        if finished:
            return
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible() and box.property("answered") is None:
            box.setProperty("answered", True)
            texts.append(box.text())
            (box.defaultButton() or box.buttons()[0]).click()
        QTimer.singleShot(10, answer)

    QTimer.singleShot(0, answer)
    try:
        return ask(), texts
    finally:
        finished.append(True)


def inject(case, folder, monkeypatch) -> None:
    """SQLite's answer where these tests cannot make it happen (a real full disk; root writes anywhere)."""
    error = {"full disk (0 bytes)": ("SQLITE_IOERR_SHMSIZE", "disk I/O error"),
             "full disk (a few KB)": ("SQLITE_FULL", "database or disk is full"),
             "read-only folder": ("SQLITE_CANTOPEN", "unable to open database file")}.get(case)
    if error is None or (case == "read-only folder" and not as_root()):
        return
    real = sqlite3.connect

    class Refusing:  # the first statement that needs the -shm (or, full, to write) is refused
        def __init__(self, conn):
            self.conn = conn

        def execute(self, sql, *args):
            if "journal_mode" in sql or "integrity" in sql or "quick_check" in sql:
                raise sqlite_error(*error)
            return self.conn.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self.conn, name)

    class Sqlite:
        def __getattr__(self, name):
            return getattr(sqlite3, name)

        @staticmethod
        def connect(*args, **kwargs):
            return Refusing(real(*args, **kwargs))
    monkeypatch.setattr(database, "sqlite3", Sqlite())


@pytest.mark.parametrize("check", [True, False], ids=["checked at open", "normal start"])
@pytest.mark.parametrize("case", list(TABLE))
def test_a_bad_file_opened_in_the_window_is_explained_and_stays_byte_for_byte(case, check, sound, tmp_path,
                                                                               monkeypatch, qtbot, japanese):
    """`check` as the window passes it: True for a file once found damaged (settings.is_suspect), else False.

    These damaged files are found on a normal start too (opening reads the damaged schema); damage deep in a
    table's pages is not read before use on a normal start: the background check finds it (Maintenance).
    """
    if case.startswith("read-only") and sys.platform == "win32":
        pytest.skip("POSIX file modes; Windows refuses through ACLs the tests do not set")
    words, _button, opens = TABLE[case] if check else NORMAL_START.get(case, TABLE[case])
    path, holder = build(case, tmp_path, sound)
    before = fingerprint(path)
    inject(case, tmp_path, monkeypatch)
    try:
        opened, texts = answered(lambda: open_database(path, DialogPolicy(), daily_backup=False, check=check))
        after = fingerprint(path)
        if opened is not None:
            if case in NORMAL_START and not check:  # what the day's check (Maintenance) runs on the open file
                with pytest.raises(database.DatabaseCorrupt):
                    database.check_integrity(opened.store.conn, path)
            opened.store.close()
    finally:
        if holder is not None:
            holder.stop()
        os.chmod(tmp_path, 0o755)
    if words:
        assert len(texts) == 1 and words in texts[0], texts
        assert "画面に残" not in texts[0]  # nothing was typed yet
    else:
        assert texts == []
    if opens is None:
        assert opened is None
    elif opens == "backup":
        assert opened is not None and opened.restored_from is not None and opened.path != path
    else:
        assert opened is not None and opened.path == path
    if opens != "file" or case in UNCHANGED_WHEN_OPENED:
        # Refused or restored from a backup: not one byte of the file, its -wal or -shm changed, none made.
        # Opened for use (a sound file), it is the application's to write; "locked" and an empty new file
        # are compared too: opening wrote nothing the other process or the new file did not already have.
        if opens != "file" or case in ("locked",):
            # A normal start too: a file with a leftover -wal (not closed cleanly) is checked on a copy first;
            # reads of the file itself that met the damage rebuilt its -shm (issue 13: -shm included).
            assert after == before


def test_a_normal_start_opens_a_file_with_a_leftover_wal_when_the_temp_folder_is_full(sound, tmp_path, monkeypatch,
                                                                                      qtbot, japanese):
    """The copy checked before use on a normal start cannot be made: the file opens as before, no message."""
    path, _ = build("sound + leftover -wal", tmp_path, sound)

    def refuse(source, target):
        raise OSError(errno.ENOSPC, "No space left on device", str(target))
    monkeypatch.setattr(private_copy.shutil, "copyfile", refuse)
    opened, texts = answered(lambda: open_database(path, DialogPolicy(), daily_backup=False, check=False))
    assert texts == [] and opened is not None and opened.path == path
    assert opened.store.setting("left_in_the_wal") == "yes"
    opened.store.close()


def test_a_file_the_background_check_finds_damaged_keeps_its_wal_when_the_user_quits(sound, tmp_path, monkeypatch,
                                                                                     qtbot, app_settings):
    """The day's check reports damage, the user presses 終了 (no backup to offer): the session's close merged the
    -wal (the day's commits) into the damaged file and deleted it — "このファイルには手を加えません" broken."""
    import shutil

    from agency_app import app as app_module
    from agency_app.storage.database import open_store
    from agency_app.ui.shell.open_errors import Opened
    from tests.storage.bad_files import side
    path = tmp_path / "agency.db"
    shutil.copyfile(sound, path)
    store = open_store(path, daily_backup=False)
    store.set_setting("typed_today", "yes")  # a commit that sits in the -wal
    assert side(path, "-wal").stat().st_size > 0

    class DayCheck:  # Maintenance as the window wires it, finding the file damaged
        def __init__(self, window, settings):
            self.window, self.settings = window, settings

        def start(self):
            self.settings.set_suspect(path, True)
            answered(lambda: self.window.database_damaged(str(path)))

        def stop(self):
            pass
    monkeypatch.setattr(app_module, "window_maintenance", DayCheck)
    monkeypatch.setattr(app_module, "MAINTENANCE_DELAY_MS", 0)
    before = {k: v for k, v in fingerprint(path).items() if k != "-shm"}
    code, reopen, _ = app_module._session(QApplication.instance(), Opened(store, path, False), app_settings,
                                          automatic=True, keep=None, smoke_test=False, bench_mode="")
    assert reopen is None
    assert {k: v for k, v in fingerprint(path).items() if k != "-shm"} == before


def test_a_check_copy_the_temp_folder_cannot_hold_is_explained_as_such_in_the_window(sound, tmp_path, monkeypatch,
                                                                                      qtbot, japanese):
    """A file checked at open (once found damaged) is read from a copy in the temp folder. When that folder is full
    the window said "ディスクの空き容量が足りないため保存できません" — nothing was being saved, and freeing space on
    the database's own drive does not help: it names the temp folder and the room the copy needs."""
    import tempfile
    path, _ = build("sound + leftover -wal", tmp_path, sound)
    before = fingerprint(path)

    def refuse(source, target):
        raise OSError(errno.ENOSPC, "No space left on device", str(target))
    monkeypatch.setattr(private_copy.shutil, "copyfile", refuse)
    opened, texts = answered(lambda: open_database(path, DialogPolicy(), daily_backup=False, check=True))
    assert opened is None and len(texts) == 1
    assert tempfile.gettempdir() in texts[0] and "MB" in texts[0] and "保存" not in texts[0], texts[0]
    assert "一時フォルダー" in texts[0] and "手を加えていません" in texts[0], texts[0]
    assert fingerprint(path) == before


def test_a_zero_byte_file_whose_wal_holds_data_is_not_made_into_a_new_database(tmp_path, qtbot, japanese):
    """A zero-byte file with a -wal holding commits (and no backup yet): opened as a new database, SQLite deleted
    the -wal — every commit in it gone. It is refused as damaged instead, the file and its -wal left as they were."""
    import shutil
    work = tmp_path / "work"
    work.mkdir()
    conn = sqlite3.connect(work / "agency.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE kept(x)")
    conn.execute("INSERT INTO kept VALUES ('typed today')")
    path = tmp_path / "agency.db"
    for suffix in ("", "-wal", "-shm"):
        shutil.copyfile(work / f"agency.db{suffix}", tmp_path / f"agency.db{suffix}")
    conn.close()
    path.write_bytes(b"")  # emptied by a failure; the -wal still holds the commits
    before = fingerprint(path)
    opened, texts = answered(lambda: open_database(path, DialogPolicy(), daily_backup=False, check=False))
    assert opened is None and len(texts) == 1 and DAMAGED in texts[0], texts
    assert fingerprint(path) == before
