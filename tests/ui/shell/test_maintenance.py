"""The daily maintenance as the window meets it: the integrity check at least once a day whatever the backups,
damage → the dialog at once, and a notice that stays when the last good backup is more than a day old."""

from __future__ import annotations

import errno
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from agency_app.storage import backup
from agency_app.storage.database import open_store
from agency_app.ui.shell.maintenance import Maintenance, window_maintenance
from list_fixtures import make_ops, make_window

TODAY = datetime.now().replace(microsecond=0)


def damage_an_index(path: Path) -> None:
    """A page of the KPI index overwritten (a failing disk): the file still opens, the check finds it."""
    conn = sqlite3.connect(path)
    root, = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'kpis_year_title'").fetchone()
    size, = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with open(path, "r+b") as file:
        file.seek((root - 1) * size)
        file.write(b"\x00" * 16)


def reopened_damaged(voice_db) -> object:
    """The database closed, damaged, and opened again as the app opens it: no check at open (Maintenance's job)."""
    store = voice_db[0]
    store.close()
    damage_an_index(store.path)
    return open_store(store.path, daily_backup=False, check=False)


def answer_quit(answered: list) -> None:
    """Press 終了 (Quit) on the damage dialog once it shows, as a person would."""
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        QTimer.singleShot(10, lambda: answer_quit(answered))
        return
    answered.append(box.text())
    next(b for b in box.buttons() if b.text() == "Quit").click()


def test_a_file_damaged_after_todays_backup_still_gets_the_damage_dialog(qtbot, voice_db, app_settings, tmp_path):
    store, staff, _ = voice_db
    taken = backup.make_backup(store.conn, store.path, "daily")  # this morning, while the file was sound
    damaged = reopened_damaged(voice_db)
    window = make_window(qtbot, damaged, staff["sato"], app_settings, tmp_path)
    answered = []
    QTimer.singleShot(0, lambda: answer_quit(answered))

    window_maintenance(window, app_settings).start()

    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert answered and "damaged" in answered[0]
    assert app_settings.is_suspect(damaged.path)  # checked in full at the next start
    assert app_settings.integrity_passed_on(damaged.path) is None
    assert [file for _, file in backup.list_backups(damaged.path)] == [taken]  # the damaged file is not copied
    window.search.shutdown()
    damaged.close()


def test_a_damaged_file_is_never_backed_up(qtbot, voice_db, app_settings, tmp_path):
    _store, staff, _ = voice_db
    damaged = reopened_damaged(voice_db)
    window = make_window(qtbot, damaged, staff["sato"], app_settings, tmp_path)
    answered = []
    QTimer.singleShot(0, lambda: answer_quit(answered))

    window_maintenance(window, app_settings).start()

    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert answered and backup.list_backups(damaged.path) == []
    window.search.shutdown()
    damaged.close()


def test_the_check_runs_once_a_day_and_is_remembered_per_database(qtbot, voice_db, app_settings):
    store = voice_db[0]
    ops = make_ops(store)
    first = Maintenance(ops, settings=app_settings)
    with qtbot.waitSignal(first.finished, timeout=10_000):
        first.start(TODAY)
    assert app_settings.integrity_passed_on(store.path) == TODAY.date()
    assert backup.has_backup_on(store.path, TODAY.date())
    first.stop()

    again = Maintenance(ops, settings=app_settings)
    again.start(TODAY + timedelta(hours=2))
    assert not again.is_running() and ops.is_idle()  # checked and backed up today: nothing to do
    again.stop()

    forgotten = Maintenance(ops, settings=app_settings)
    app_settings.set_integrity_passed_on(store.path, (TODAY - timedelta(days=1)).date())  # yesterday's check only
    with qtbot.waitSignal(forgotten.finished, timeout=10_000) as done:
        forgotten.start(TODAY + timedelta(hours=3))
    assert done.args == [""]  # checked again, no second backup on the same day
    assert app_settings.integrity_passed_on(store.path) == TODAY.date()
    assert len(backup.list_backups(store.path)) == 1
    forgotten.stop()


def test_a_window_left_open_overnight_checks_and_backs_up_the_next_day(qtbot, voice_db, app_settings):
    store = voice_db[0]
    days = [TODAY]
    maintenance = Maintenance(make_ops(store), settings=app_settings, clock=lambda: days[-1])
    with qtbot.waitSignal(maintenance.finished, timeout=10_000):
        maintenance.start()
    days.append(TODAY + timedelta(days=1))
    with qtbot.waitSignal(maintenance.finished, timeout=10_000):
        maintenance._timer.timeout.emit()  # the hourly look, as the timer gives it
    assert [when.date() for when, _ in backup.list_backups(store.path)] == [days[1].date(), TODAY.date()]
    maintenance.stop()


# --- the notice when the last good backup is more than a day old ----------------------------------------------
def disk_full(monkeypatch) -> None:
    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(backup, "make_backup", full)


def notice(window) -> QLabel | None:
    label = window.findChild(QLabel, "backup_notice")
    return label if label is not None and label.isVisible() else None


def run_maintenance(qtbot, window, app_settings, now: datetime) -> None:
    maintenance = window_maintenance(window, app_settings)
    with qtbot.waitSignal(maintenance.finished, timeout=10_000):
        maintenance.start(now)
    maintenance.stop()


def test_a_failed_backup_with_the_last_good_one_days_old_is_told_and_stays(qtbot, voice_db, app_settings,
                                                                           tmp_path, monkeypatch):
    store, staff, _ = voice_db
    backup.make_backup(store.conn, store.path, "daily", TODAY - timedelta(days=3))
    window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
    disk_full(monkeypatch)

    run_maintenance(qtbot, window, app_settings, TODAY)

    label = notice(window)
    assert label is not None
    stamp = (TODAY - timedelta(days=3)).strftime("%Y-%m-%d %H:%M")
    assert f"The last backup is from {stamp} (3 days ago)." in label.text()
    assert "not enough free disk space" in label.text()
    window.statusBar().showMessage("Search failed: something else", 10)  # a passing message does not hide it
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "")
    assert notice(window) is label
    window.search.shutdown()


def test_the_notice_and_a_passing_message_are_never_drawn_over_each_other(qtbot, voice_db, app_settings, tmp_path):
    """The failed backup's passing message, then the notice: the notice was added to the status bar only then,
    which showed the staff and file labels again under the passing message — two texts on top of each other."""
    store, staff, _ = voice_db
    window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
    window.show()
    qtbot.waitExposed(window)
    assert window.staff_label.isVisible()

    window.backup_failed("Today's backup could not be made.")
    window.show_backup_notice("There is no backup of this database yet.")
    QApplication.processEvents()  # the status bar lays itself out again: that is when the labels came back

    assert notice(window) is not None and window.statusBar().currentMessage()
    assert not window.staff_label.isVisible() and not window.path_label.isVisible()
    window.statusBar().clearMessage()  # when the passing message ends, the labels come back
    assert window.staff_label.isVisible() and notice(window) is not None
    window.search.shutdown()


def test_no_backup_at_all_is_told_with_the_reason(qtbot, voice_db, app_settings, tmp_path, monkeypatch):
    store, staff, _ = voice_db
    window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
    disk_full(monkeypatch)

    run_maintenance(qtbot, window, app_settings, TODAY)

    label = notice(window)
    assert label is not None and "There is no backup of this database yet." in label.text()
    assert "not enough free disk space" in label.text()
    window.search.shutdown()


def test_a_failed_backup_with_a_good_one_under_a_day_old_only_passes_by(qtbot, voice_db, app_settings,
                                                                         tmp_path, monkeypatch):
    store, staff, _ = voice_db
    backup.make_backup(store.conn, store.path, "daily", TODAY - timedelta(days=1))  # exactly a day: still fine
    window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
    disk_full(monkeypatch)

    run_maintenance(qtbot, window, app_settings, TODAY)

    assert notice(window) is None
    assert "could not be made" in window.statusBar().currentMessage()  # the calm minute in the status bar
    run_maintenance(qtbot, window, app_settings, TODAY + timedelta(minutes=1))  # a minute later: over a day
    assert notice(window) is not None
    window.search.shutdown()


def test_the_notice_goes_once_a_backup_is_made(qtbot, voice_db, app_settings, tmp_path, monkeypatch):
    store, staff, _ = voice_db
    window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
    with monkeypatch.context() as patched:
        disk_full(patched)
        run_maintenance(qtbot, window, app_settings, TODAY)
    assert notice(window) is not None

    run_maintenance(qtbot, window, app_settings, TODAY + timedelta(hours=1))  # the disk has room again

    assert notice(window) is None and backup.has_backup_on(store.path, TODAY.date())
    window.search.shutdown()


def test_the_notice_goes_when_a_backup_was_made_meanwhile_by_other_means(qtbot, voice_db, app_settings,
                                                                          tmp_path, monkeypatch):
    """Told to tell the manager, the clerk does; the manager runs `agency-app backup`. The hourly maintenance
    finds today's backup and today's check done: the notice must go all the same, not stay until tomorrow."""
    store, staff, _ = voice_db
    window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
    with monkeypatch.context() as patched:
        disk_full(patched)
        run_maintenance(qtbot, window, app_settings, TODAY)
    assert notice(window) is not None
    backup.make_backup(store.conn, store.path, "manual", TODAY + timedelta(minutes=30))  # agency-app backup

    maintenance = window_maintenance(window, app_settings)
    maintenance.start(TODAY + timedelta(hours=1))  # the hourly timer
    qtbot.waitUntil(lambda: not maintenance.is_running(), timeout=10_000)
    maintenance.stop()

    assert notice(window) is None
    window.search.shutdown()
