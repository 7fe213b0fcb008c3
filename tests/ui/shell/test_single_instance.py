"""One copy per database: a second start on the same file brings the first window forward; another file opens beside it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox

from agency_app.ui.shell import single_instance
from agency_app.ui.shell.single_instance import (
    InstanceGuard, ask_first_copy, bring_forward, claim, database_key,
)


@pytest.fixture
def locks(tmp_path):
    return tmp_path / "locks"


@pytest.fixture
def guards(locks):
    made: list[InstanceGuard] = []

    def make() -> InstanceGuard:
        guard = InstanceGuard(locks)
        made.append(guard)
        return guard
    yield make
    for guard in made:
        guard.release()


@pytest.fixture
def no_message_box(monkeypatch):
    """The calm 'already open' message, recorded instead of shown (a modal box would wait for a click)."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: shown.append(text))
    return shown


def test_a_second_start_on_the_same_database_asks_the_first_and_its_window_comes_forward(
        qtbot, tmp_path, guards, no_message_box):
    db = tmp_path / "agency.db"
    first, second = guards(), guards()
    assert first.acquire(db)
    window = QMainWindow()
    qtbot.addWidget(window)
    window.showMinimized()
    first.activation_requested.connect(lambda: bring_forward(window))

    with qtbot.waitSignal(first.activation_requested, timeout=3000):
        assert not claim(second, db)

    qtbot.waitUntil(lambda: not window.isMinimized() and window.isActiveWindow())
    assert no_message_box == []  # the first copy answered: nothing to read, its window is just there
    assert second.path is None  # the second copy holds nothing


def test_another_database_opens_beside_the_first(tmp_path, guards):
    first, second = guards(), guards()
    assert first.acquire(tmp_path / "agency.db")
    assert second.acquire(tmp_path / "agency-restored-20251119-0900.db")


def test_the_lock_is_given_back_on_release_and_when_the_session_moves_to_another_file(tmp_path, guards):
    first, second = guards(), guards()
    damaged, restored = tmp_path / "agency.db", tmp_path / "agency-restored.db"
    assert first.acquire(damaged)
    assert not second.acquire(damaged)

    assert first.acquire(restored)  # the session continues in the restored copy
    assert not second.acquire(restored)
    assert second.acquire(damaged)  # the file left behind is free again

    first.release()
    assert guards().acquire(restored)


def test_taking_the_path_already_held_again_keeps_it(tmp_path, guards):
    guard = guards()
    assert guard.acquire(tmp_path / "agency.db")
    assert guard.acquire(tmp_path / "agency.db")
    assert not guards().acquire(tmp_path / "agency.db")


def test_a_lock_left_by_a_copy_that_crashed_is_taken_over(tmp_path, locks, guards):
    db = tmp_path / "agency.db"
    locks.mkdir()
    lock_file = locks / f"{database_key(db)}.lock"
    crash = ("import os, sys\nfrom PySide6.QtCore import QLockFile\n"
             f"lock = QLockFile({str(lock_file)!r})\nassert lock.tryLock(0)\nos._exit(0)\n")  # no unlock
    subprocess.run([sys.executable, "-c", crash], check=True, timeout=60)
    assert lock_file.exists()  # left behind, naming a process that is gone

    assert guards().acquire(db)


def test_the_same_file_spelled_differently_has_the_same_key(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    monkeypatch.chdir(tmp_path)
    absolute = tmp_path / "a" / "agency.db"
    assert database_key(Path("a/agency.db")) == database_key(absolute)
    assert database_key(tmp_path / "a" / ".." / "a" / "agency.db") == database_key(absolute)
    assert database_key(str(absolute)) == database_key(absolute)
    assert database_key(tmp_path / "a" / "other.db") != database_key(absolute)
    if os.path.normcase("A") == "a":  # Windows: one file whatever the case
        assert database_key(str(absolute).upper()) == database_key(absolute)


def test_a_first_copy_that_does_not_answer_gets_the_calm_message_and_no_second_window(
        tmp_path, locks, guards, no_message_box, japanese):
    db = tmp_path / "agency.db"
    first = guards()
    assert first.acquire(db)
    first._server.close()  # still starting: the lock taken, the server not yet listening

    assert not claim(guards(), db, timeout_ms=500)

    assert no_message_box == ["このデータベースは既に別のウィンドウで開かれています。\nタスクバーをご確認ください。"]


def test_nothing_answers_for_a_database_nobody_holds(tmp_path, locks):
    assert not ask_first_copy(tmp_path / "agency.db", locks, timeout_ms=500)


def test_an_open_dialog_comes_forward_rather_than_the_window_behind_it(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    picker = QDialog(window)
    picker.setModal(True)
    picker.show()
    qtbot.waitUntil(lambda: single_instance.QApplication.activeModalWidget() is picker)

    assert bring_forward(window) is picker
    qtbot.waitUntil(picker.isActiveWindow)


def test_starting_the_app_again_on_an_open_database_brings_the_first_forward_and_opens_nothing(qtbot, tmp_path):
    """The real start (run_gui) in a second process, while this test is the first copy holding the database."""
    db = tmp_path / "agency.db"
    first = InstanceGuard()  # the app's own lock folder: AGENCY_APP_DATA of this test, passed on below
    assert first.acquire(db)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path))
    env.pop("AGENCY_APP_SMOKE_TEST", None)
    env.pop("AGENCY_APP_BENCH", None)
    code = ("import sys; from pathlib import Path; from agency_app.app import run_gui; "
            f"sys.exit(run_gui(Path(r'{db}')))")
    root = Path(__file__).resolve().parents[3]
    second = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=root,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        with qtbot.waitSignal(first.activation_requested, timeout=30000):
            qtbot.waitUntil(lambda: second.poll() is not None, timeout=30000)  # the event loop answers meanwhile
        _, err = second.communicate(timeout=30)
    finally:
        first.release()
        if second.poll() is None:  # it opened a window of its own: the failure this test is about
            second.kill()
            second.communicate()
    assert second.returncode == 0, err[-3000:]
    assert not db.exists()  # the second copy opened nothing: no database, no drafts, no backup
    assert not (Path(os.environ["AGENCY_APP_DATA"]) / "drafts").exists()


def test_the_restored_copy_is_in_the_settings_on_disk_before_the_damaged_file_is_let_go(qtbot, monkeypatch):
    """A second start reads the settings, then takes the lock. When the first copy lets the damaged file go for its
    restored copy, what another process reads must already send it to that copy: else the second start takes the
    free lock on the damaged file and opens it (or makes a restored copy of its own) beside the first."""
    from datetime import datetime

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from agency_app import app as app_module, paths
    from agency_app.storage import backup
    from agency_app.storage.database import open_store
    from agency_app.storage.masters import MasterData, initialise
    from agency_app.ui.shell.open_errors import DialogPolicy

    damaged = paths.default_db_path()
    store = open_store(damaged)
    initialise(store)
    MasterData(store).save_staff(name="佐藤 一郎", kana="さとう いちろう")
    backup.make_backup(store.conn, damaged, "daily", datetime(2025, 11, 19, 9, 0))
    store.close()
    for extra in (damaged.with_name(damaged.name + "-wal"), damaged.with_name(damaged.name + "-shm")):
        extra.unlink(missing_ok=True)
    damaged.write_bytes(b"this is not a database any more " * 512)

    monkeypatch.setattr(app_module, "make_application", QApplication.instance)  # no translators left behind
    monkeypatch.setattr(app_module, "install_error_handling", lambda app: None)
    monkeypatch.setattr(DialogPolicy, "corrupt", lambda self, error, latest: True)  # "Open a copy of the backup"
    sessions = []

    def session(app, opened, settings, **kwargs):
        sessions.append(opened.path)
        opened.store.close()
        return 0, None, None
    monkeypatch.setattr(app_module, "_session", session)
    settings_file = Path(QSettings().fileName())
    on_disk_when_let_go = []
    release = InstanceGuard.release

    def let_go(self):
        if self.path == damaged:  # what a second start reading the settings now would find
            on_disk_when_let_go.append(settings_file.read_text(encoding="utf-8") if settings_file.exists() else "")
        release(self)
    monkeypatch.setattr(InstanceGuard, "release", let_go)

    assert app_module.run_gui(None) == 0
    assert len(sessions) == 1 and sessions[0].name.startswith("agency-restored-")
    assert len(on_disk_when_let_go) == 1
    assert sessions[0].name in on_disk_when_let_go[0]
