"""Opening the database at start: damaged, too new, locked, unreadable, new — decided by plain functions; and a smoke start."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from agency_app.demo.voices import generate
from agency_app.storage import backup
from agency_app.storage.database import open_store
from agency_app.storage.errors import CannotOpen, DatabaseLocked, DiskFull
from agency_app.storage.masters import MasterData, initialise
from agency_app.ui.shell.maintenance import Maintenance
from list_fixtures import make_ops
from tests.storage.full_disk import DiskFillsUp
from agency_app.ui.shell.open_errors import (
    copy_failed_text, corrupt_text, file_error_reason, open_database, restored_copy_path, too_new_text,
)

ROOT = Path(__file__).resolve().parents[3]  # the checkout whose code the subprocess must run


class RecordingPolicy:
    """An OpenPolicy that answers from a script and records what it was asked."""

    def __init__(self, *, use_backup=True, retry=False, copy_again=0):
        self.use_backup, self.retry, self.copy_again = use_backup, retry, copy_again
        self.asked: list[tuple] = []

    def corrupt(self, error, latest_backup):
        self.asked.append(("corrupt", latest_backup))
        return self.use_backup

    def too_new(self, error):
        self.asked.append(("too_new", error))

    def locked(self, error):
        self.asked.append(("locked", error))
        answer, self.retry = self.retry, False  # retry once
        return answer

    def failed(self, error):
        self.asked.append(("failed", error))

    def copy_failed(self, error, backup_file):
        self.asked.append(("copy_failed", error, backup_file))
        answer, self.copy_again = self.copy_again > 0, max(0, self.copy_again - 1)
        return answer


def make_db(path: Path) -> None:
    store = open_store(path)
    initialise(store)
    MasterData(store).save_staff(name="佐藤 一郎", kana="さとう いちろう")
    store.close()


def damage(path: Path) -> None:
    for extra in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        extra.unlink(missing_ok=True)
    path.write_bytes(b"this is not a database any more " * 512)


def test_a_damaged_file_offers_the_latest_backup_as_a_copy_and_stays_untouched(tmp_path):
    path = tmp_path / "agency.db"
    make_db(path)
    store = open_store(path, daily_backup=False)
    older = backup.make_backup(store.conn, path, "daily", datetime(2025, 11, 18, 9, 0))
    latest = backup.make_backup(store.conn, path, "daily", datetime(2025, 11, 19, 9, 0))
    store.close()
    damage(path)
    before = path.read_bytes()
    policy = RecordingPolicy(use_backup=True)

    opened = open_database(path, policy)

    assert policy.asked == [("corrupt", latest)]
    assert opened is not None and opened.restored_from == latest and older.exists()
    assert opened.path.parent == path.parent and opened.path.name.startswith("agency-restored-")
    assert path.read_bytes() == before  # the damaged file is byte-identical
    assert [s.name for s in MasterData(opened.store).staff()] == ["佐藤 一郎"]
    assert "2025/11/19 09:00" in corrupt_text(DatabaseCorruptFor(path), latest)
    opened.store.close()


def DatabaseCorruptFor(path):  # noqa: N802 - reads like the error it builds
    from agency_app.storage.errors import DatabaseCorrupt
    return DatabaseCorrupt(path, "test")


def copy_refused(monkeypatch, times: int, error: OSError) -> None:
    """Copying a backup fails `times` times with `error` (disk full, a network drive gone…), then works."""
    import shutil
    from agency_app.storage import file_moves
    real, left = shutil.copyfile, [times]

    def copyfile(source, target):
        if left[0] > 0:
            left[0] -= 1
            Path(target).write_bytes(b"half a copy")  # a real failure may leave part of the file
            raise error
        return real(source, target)
    monkeypatch.setattr(file_moves.shutil, "copyfile", copyfile)


def damaged_with_backup(tmp_path) -> tuple[Path, Path]:
    path = tmp_path / "agency.db"
    make_db(path)
    store = open_store(path, daily_backup=False)
    latest = backup.make_backup(store.conn, path, "daily", datetime(2025, 11, 19, 9, 0))
    store.close()
    damage(path)
    return path, latest


def test_a_backup_that_cannot_be_copied_is_explained_and_nothing_changes(tmp_path, monkeypatch):
    path, latest = damaged_with_backup(tmp_path)
    before, backup_bytes = path.read_bytes(), latest.read_bytes()
    copy_refused(monkeypatch, 9, OSError(errno.ENOSPC, "No space left on device"))
    policy = RecordingPolicy(use_backup=True)

    assert open_database(path, policy) is None  # no unhandled error: the user was told, and chose to close

    assert [kind for kind, *_ in policy.asked] == ["corrupt", "copy_failed"]
    assert policy.asked[1][2] == latest
    assert path.read_bytes() == before and latest.read_bytes() == backup_bytes
    assert sorted(f.name for f in tmp_path.iterdir() if f.is_file()) == ["agency.db"]  # no half copy left
    text = copy_failed_text(policy.asked[1][1], latest)
    assert "not enough free disk space" in text and "Nothing was changed" in text and str(latest) in text


def test_the_copy_of_a_backup_can_be_tried_again(tmp_path, monkeypatch):
    path, latest = damaged_with_backup(tmp_path)
    copy_refused(monkeypatch, 1, PermissionError(errno.EACCES, "Permission denied"))
    policy = RecordingPolicy(use_backup=True, copy_again=1)

    opened = open_database(path, policy)

    assert [kind for kind, *_ in policy.asked] == ["corrupt", "copy_failed"]
    assert opened is not None and opened.restored_from == latest
    assert [s.name for s in MasterData(opened.store).staff()] == ["佐藤 一郎"]
    opened.store.close()


def windows_error(winerror: int) -> OSError:
    error = OSError(0, "Windows error")
    error.winerror = winerror  # as Windows sets it; errno stays unmapped for some codes
    return error


def test_why_a_copy_failed_is_said_in_words_a_user_can_act_on():
    assert "disk space" in file_error_reason(OSError(errno.ENOSPC, "No space left on device"))
    assert "disk space" in file_error_reason(windows_error(112))
    for refused in (PermissionError(errno.EACCES, "denied"), OSError(errno.EPERM, "not permitted"),
                    windows_error(5), windows_error(32), windows_error(33)):
        assert "virus scanner" in file_error_reason(refused)
    assert "network drive" in file_error_reason(FileNotFoundError(errno.ENOENT, "No such file"))
    assert "Input/output error" in file_error_reason(OSError(errno.EIO, "Input/output error"))


def test_a_file_error_while_opening_is_explained_not_raised(tmp_path):
    """E.g. the backup taken before an update cannot be written (disk full): the user is told, nothing opens."""
    def opener(path, **_):
        raise OSError(errno.ENOSPC, "No space left on device")
    policy = RecordingPolicy()

    assert open_database(tmp_path / "agency.db", policy, opener=opener) is None

    assert [kind for kind, _ in policy.asked] == ["failed"]
    assert isinstance(policy.asked[0][1], DiskFull)  # said as a full disk, not "cannot open"

    def refused(path, **_):
        raise PermissionError(errno.EACCES, "Permission denied")
    policy = RecordingPolicy()
    assert open_database(tmp_path / "agency.db", policy, opener=refused) is None
    assert isinstance(policy.asked[0][1], CannotOpen) and policy.asked[0][1].path == tmp_path / "agency.db"


def test_a_damaged_file_without_backup_is_explained_and_nothing_opens(tmp_path):
    path = tmp_path / "agency.db"
    make_db(path)
    damage(path)
    policy = RecordingPolicy(use_backup=True)
    assert open_database(path, policy) is None
    assert policy.asked == [("corrupt", None)]
    assert "No backup" in corrupt_text(DatabaseCorruptFor(path), None)


def test_choosing_quit_on_a_damaged_file_opens_nothing(tmp_path):
    path = tmp_path / "agency.db"
    make_db(path)
    store = open_store(path)
    backup.make_backup(store.conn, path, "daily")
    store.close()
    damage(path)
    assert open_database(path, RecordingPolicy(use_backup=False)) is None
    assert not list(tmp_path.glob("agency-restored-*"))


def test_a_database_from_a_newer_version_is_refused_naming_the_version(tmp_path):
    path = tmp_path / "agency.db"
    make_db(path)
    store = open_store(path)
    store.conn.execute("PRAGMA user_version = 99")
    store.set_setting("min_app_version", "9.9.0")
    store.close()
    policy = RecordingPolicy()
    assert open_database(path, policy) is None
    kind, error = policy.asked[0]
    assert kind == "too_new"
    assert "9.9.0" in too_new_text(error)


def test_a_locked_database_can_be_retried(tmp_path):
    path = tmp_path / "agency.db"
    make_db(path)
    calls = []

    def busy_once(p, **kwargs):
        calls.append(p)
        if len(calls) == 1:
            raise DatabaseLocked("database is locked")
        return open_store(p, **kwargs)

    policy = RecordingPolicy(retry=True)
    opened = open_database(path, policy, opener=busy_once)
    assert opened is not None and len(calls) == 2 and policy.asked[0][0] == "locked"
    opened.store.close()
    assert open_database(path, RecordingPolicy(retry=False), opener=busy_once_always) is None


def busy_once_always(p, **kwargs):
    raise DatabaseLocked("database is locked")


def test_a_folder_that_cannot_be_used_is_explained(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    policy = RecordingPolicy()
    assert open_database(blocker / "agency.db", policy) is None
    assert policy.asked[0][0] == "failed" and isinstance(policy.asked[0][1], CannotOpen)


def test_a_new_file_is_created_and_initialised(tmp_path):
    opened = open_database(tmp_path / "new" / "agency.db", RecordingPolicy())
    assert opened.is_new
    assert [b.code for b in MasterData(opened.store).branches()] == ["HQ"]
    opened.store.close()


def test_restored_copies_never_overwrite_each_other(tmp_path):
    damaged = tmp_path / "agency.db"
    when = datetime(2025, 11, 20, 9, 30)
    first = restored_copy_path(damaged, when)
    first.write_text("taken")
    second = restored_copy_path(damaged, when)
    assert first.name == "agency-restored-20251120-093000.db" and second != first


def test_maintenance_backs_up_a_sound_file_once_a_day(qtbot, tmp_path):
    path = tmp_path / "agency.db"
    make_db(path)
    store = open_store(path, daily_backup=False)
    ops = make_ops(store)
    maintenance = Maintenance(ops)
    with qtbot.waitSignal(maintenance.finished, timeout=10_000) as taken:
        maintenance.start()
    assert Path(taken.args[0]).exists() and not maintenance.is_running()
    maintenance.stop()
    again = Maintenance(ops)
    again.start()
    assert not again.is_running() and ops.is_idle()  # today's backup exists: nothing to do
    ops.shutdown()
    store.close()


def test_a_daily_backup_that_cannot_be_made_is_told_calmly_and_work_goes_on(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "agency.db"
    make_db(path)
    store = open_store(path, daily_backup=False)
    ops = make_ops(store)

    def disk_full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(backup, "make_backup", disk_full)
    maintenance = Maintenance(ops)
    told = []
    maintenance.backup_failed.connect(told.append)
    with qtbot.waitSignal(maintenance.finished, timeout=10_000) as taken:
        maintenance.start()
    assert taken.args == [""] and not maintenance.is_running()
    assert len(told) == 1 and "disk space" in told[0] and "not affected" in told[0]
    ops.shutdown()
    store.close()


def test_a_daily_backup_the_disk_fills_up_during_is_told_too(qtbot, tmp_path, monkeypatch):
    """A full disk while SQLite writes the copy is a sqlite3 error, not an OSError: it is told all the same."""
    path = tmp_path / "agency.db"
    make_db(path)
    store = open_store(path, daily_backup=False)
    ops = make_ops(store)
    monkeypatch.setattr(backup, "sqlite3", DiskFillsUp())
    maintenance = Maintenance(ops)
    told = []
    maintenance.backup_failed.connect(told.append)
    with qtbot.waitSignal(maintenance.finished, timeout=10_000) as taken:
        maintenance.start()
    assert taken.args == [""] and not maintenance.is_running()
    assert len(told) == 1 and "disk space" in told[0] and "not affected" in told[0]
    assert backup.list_backups(path) == []
    ops.shutdown()
    store.close()


def test_damage_met_while_copying_for_the_backup_names_the_damaged_file(qtbot, tmp_path, monkeypatch):
    """The quick check passed, the copy then read a malformed page: `damaged` names the file, not '?'."""
    import sqlite3
    path = tmp_path / "agency.db"
    make_db(path)
    store = open_store(path, daily_backup=False)
    ops = make_ops(store)

    def malformed(*_args, **_kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")
    monkeypatch.setattr(backup, "make_backup", malformed)
    maintenance = Maintenance(ops)
    told = []
    maintenance.backup_failed.connect(told.append)
    with qtbot.waitSignal(maintenance.damaged, timeout=10_000) as found:
        maintenance.start()
    assert found.args == [str(path)] and told == []
    ops.shutdown()
    store.close()


def test_maintenance_reports_a_damaged_file_and_does_not_back_it_up(qtbot, tmp_path):
    path = tmp_path / "agency.db"
    make_db(path)
    store = open_store(path, daily_backup=False)
    ops = make_ops(store)  # the window is open when the day's check finds the damage
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = path.stat().st_size
    with open(path, "r+b") as file:  # scramble pages after the first: the header still reads
        file.seek(4096 * 2)
        file.write(b"\xff" * (size - 4096 * 2))
    maintenance = Maintenance(ops)
    with qtbot.waitSignal(maintenance.damaged, timeout=10_000) as found:
        maintenance.start()
    assert found.args == [str(path)]
    maintenance.stop()
    assert backup.list_backups(path) == []
    ops.shutdown()
    store.close()


def test_the_smoke_start_opens_a_fresh_database_and_exits_with_0(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", AGENCY_APP_DATA=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path))
    code = ("import sys; from pathlib import Path; from agency_app.app import run_gui; "
            f"sys.exit(run_gui(Path(r'{tmp_path / 'fresh.db'}'), smoke_test=True))")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                            timeout=120, cwd=ROOT)
    assert result.returncode == 0, (result.returncode, result.stdout[-1000:], result.stderr[-3000:])
    store = open_store(tmp_path / "fresh.db")
    assert [s.is_manager for s in MasterData(store).staff()] == [True]  # created for the smoke run
    store.close()
    log = next((tmp_path / "data" / "logs").glob("agency-*.log")).read_text(encoding="utf-8-sig")
    assert "AgencyVoice" in log and "Qt 6." in log  # what ran, for whoever reads the log later
    assert f"database: {tmp_path / 'fresh.db'} (new)" in log
    # What the child remembered (the smoke run's staff) is in the test's INI file, not the user's settings
    # (on Windows: the registry): every process a test starts inherits AGENCY_APP_SETTINGS_DIR.
    assert list((tmp_path / "settings").rglob("*.ini"))


def test_the_benchmark_start_prints_when_the_first_page_shows(tmp_path):
    """benchmarks/run.py's contract (benchmarks/README.md): AGENCY_APP_BENCH=1 prints one BENCH line and exits."""
    store = open_store(tmp_path / "bench.db")
    initialise(store)
    generate(store, voices=30, seed=1)  # the line comes once the list paints a row
    store.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", AGENCY_APP_DATA=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path), AGENCY_APP_BENCH="1",
               AGENCY_APP_BENCH_T0=str(time.time()))
    code = ("import sys; from pathlib import Path; from agency_app.app import run_gui; "
            f"sys.exit(run_gui(Path(r'{tmp_path / 'bench.db'}')))")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                            timeout=120, cwd=Path(__file__).resolve().parents[2])
    lines = [line for line in result.stdout.splitlines() if line.startswith("BENCH ")]
    assert result.returncode == 0 and len(lines) == 1, (result.stdout[-1000:], result.stderr[-3000:])
    assert json.loads(lines[0][len("BENCH "):])["shown_s"] > 0


def test_the_smoke_start_fails_when_a_page_cannot_be_built(qtbot, monkeypatch, voice_db, app_settings, tmp_path):
    from agency_app import app as app_module
    from agency_app.ui.shell import page_tabs
    from list_fixtures import make_window
    store, staff, _ = voice_db
    window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
    exits = []

    class App:  # stands in for the running application: records the exit code instead of quitting
        @staticmethod
        def instance():
            return App

        @staticmethod
        def exit(code):
            exits.append(code)
    monkeypatch.setattr(app_module, "QApplication", App)

    def missing_module():
        raise ImportError("No module named 'agency_app.ui.cases.cases_page'")  # as a bundle missing it would
    monkeypatch.setattr(page_tabs, "PAGES", (page_tabs.PageSpec("case", missing_module),))
    app_module.build_every_page(window)
    assert exits == [3]
    window.search.shutdown()


def answered_box_text(qtbot, ask) -> str:
    """Run `ask` (it shows a message box), press Enter on the box as a person would; the box's text."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    seen = []

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        seen.append(box.text())
        box.defaultButton().click() if box.defaultButton() else box.buttons()[0].click()

    QTimer.singleShot(0, answer)
    ask()
    return seen[0]


def test_an_error_at_open_does_not_speak_of_typed_input_before_anything_was_typed(qtbot, tmp_path, japanese):
    """At open no form holds input: 入力内容は画面に残っています would not be true; what to do is said instead."""
    from agency_app.storage.errors import DiskFull, ReadOnly
    from agency_app.ui.shell.open_errors import DialogPolicy
    for error, words in ((ReadOnly("attempt to write a readonly database"), ("read-only", "読み取り専用")),
                         (DiskFull("database or disk is full"), ("disk space", "空き"))):
        def opener(path, _error=error, **_):
            raise _error
        text = answered_box_text(qtbot, lambda: open_database(tmp_path / "agency.db", DialogPolicy(), opener=opener))
        assert "画面に残" not in text and "still here" not in text
        assert any(word in text for word in words)


def too_new_db(path: Path, *, min_app: str, last_app: str) -> None:
    """A file a newer version updated to schema 99; the settings it records are given."""
    make_db(path)
    store = open_store(path)
    store.set_setting("min_app_version", min_app)
    store.set_setting("last_app_version", last_app)
    store.conn.execute("PRAGMA user_version = 99")
    store.close()


def test_a_too_new_database_names_its_schema_and_the_version_that_knows_it_never_the_running_one(qtbot, tmp_path):
    """The file asks for 0.2.0 (an old migration's floor) while a newer app runs: the dialog names schema 99 and
    the version that last updated the file, or else asks for a version newer than this one."""
    from agency_app import __version__
    from agency_app.ui.shell.open_errors import DialogPolicy
    path = tmp_path / "agency.db"
    too_new_db(path, min_app="0.2.0", last_app="9.0.0")
    text = answered_box_text(qtbot, lambda: open_database(path, DialogPolicy()))
    assert "0.2.0" not in text
    assert "schema is version 99" in text and f"({__version__})" in text and "version 9.0.0 or later" in text

    other = tmp_path / "other.db"
    too_new_db(other, min_app="0.2.0", last_app="0.2.0")
    text = answered_box_text(qtbot, lambda: open_database(other, DialogPolicy()))
    assert "0.2.0" not in text and f"a version newer than {__version__}" in text
