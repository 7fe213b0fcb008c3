"""Composition root of the window application: QApplication, font, translations, open the database, pick the staff, main window."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from agency_app import paths
from agency_app.storage.drafts import DraftStore, carry_drafts, drafts_for_database
from agency_app.storage.services import Services
from agency_app.ui.kit.draft_writer import draft_writer
from agency_app.ui.kit.operations import Operations
from agency_app.ui.shell.error_handling import install_error_handling
from agency_app.ui.shell.index_progress import IndexProgress
from agency_app.ui.shell.login import StaffPicker, pick_automatically
from agency_app.ui.shell.main_window import MainWindow
from agency_app.ui.shell.maintenance import window_maintenance
from agency_app.ui.shell.open_errors import DialogPolicy, Opened, open_database
from agency_app.ui.shell.single_instance import InstanceGuard, bring_forward, claim
from agency_app.ui.kit.settings import AppSettings
from agency_app.ui.kit.style import apply_style

APP_NAME = "AgencyVoice"
SMOKE_QUIT_MS = 500
MAINTENANCE_DELAY_MS = 1500  # after the first page and the count, not competing with them


def make_application() -> QApplication:
    """The one QApplication, named for QStandardPaths/QSettings, with a Japanese font, translations and the app icon."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    # Every window and dialog inherits it: the taskbar and Alt+Tab show the same icon as the exe in Explorer.
    app.setWindowIcon(QIcon(str(paths.app_icon_path())))
    apply_style(app)
    from agency_app.ui.kit.i18n import install_translators
    install_translators(app)
    app.setApplicationDisplayName(QApplication.translate("App", "Customer voices"))
    return app


def choose_staff(opened: Opened, services: Services, settings: AppSettings, automatic: bool,
                 keep: str | None = None) -> str | None:
    """Who works in this session: the picker; automatically for smoke tests and benchmarks;
    `keep` (the same person continuing in a restored copy) without asking again. Runs before any
    operation does, so the picker may use the writing connection (it adds the first manager of a new file)."""
    masters = services.masters
    remembered = settings.last_staff_uid(opened.path)
    if keep and any(s.uid == keep for s in masters.staff()):
        uid = keep
    elif automatic:
        uid = pick_automatically(masters, remembered)
    else:
        picker = StaffPicker(masters, remembered)
        if picker.exec() != QDialog.DialogCode.Accepted or not picker.chosen_uid:
            return None
        uid = picker.chosen_uid
    settings.set_last_staff_uid(opened.path, uid)
    return uid


def build_every_page(window) -> None:
    """Smoke test: build every tab's page. In a bundle a left-out module fails only when its tab opens;
    here it fails the smoke test (exit code 3) instead."""
    from agency_app.ui.shell.page_tabs import PAGES
    try:
        for spec in PAGES:
            window.tabs.page(spec.key)
    except Exception:  # noqa: BLE001 — any failure is the finding; its traceback goes to the log
        traceback.print_exc()
        QApplication.instance().exit(3)


def run_gui(db_path: Path | None, *, smoke_test: bool = False) -> int:
    """Start the window application; returns the process exit code."""
    smoke_test = smoke_test or os.environ.get("AGENCY_APP_SMOKE_TEST") == "1"
    bench_mode = os.environ.get("AGENCY_APP_BENCH", "")
    automatic = smoke_test or bool(bench_mode)
    app = make_application()
    install_error_handling(app)  # from here on a program error reaches the log file and a dialog
    settings = AppSettings()
    override = settings.database_override
    if override is not None and not override.exists():
        settings.database_override = override = None  # the restored copy was moved away: back to normal
    path = Path(db_path) if db_path else (override or paths.default_db_path())
    staff_uid = None
    # One copy per database (a second double-click while the bundle starts slowly): the lock is taken before
    # anything else, so a second start brings this window forward instead of opening the file twice.
    # Smoke tests and benchmarks take none: they test a start of their own, and must neither stop a person's
    # copy nor pass by handing over to it.
    guard = None if automatic else InstanceGuard(parent=app)
    if guard is not None:
        guard.activation_requested.connect(lambda: bring_forward())
    try:
        while True:
            if guard is not None and not claim(guard, path):
                return 0
            # The integrity check and the daily backup read the whole file: on a big database they
            # run after the window is shown (Maintenance), so opening stays fast.
            # A file the background check once found damaged is checked in full before use.
            indexing = IndexProgress()  # a dialog only if opening builds the search index (after migration 0009)
            opened = open_database(path, DialogPolicy(), daily_backup=False, check=settings.is_suspect(path),
                                   progress=indexing)
            indexing.close()
            if opened is None:
                return 1
            if opened.path != path and db_path is None:
                settings.database_override = opened.path  # continue in the restored copy next time too
                settings.sync()  # on disk before the damaged file's lock goes: a second start reads this first
            if guard is not None and not claim(guard, opened.path):  # a restored copy: the lock follows the file
                opened.store.close()
                return 0
            if opened.path == path:
                settings.set_suspect(path, False)
            else:
                carry_drafts(path, opened.path)  # typing against the damaged file continues in its copy
            code, reopen, staff_uid = _session(app, opened, settings, automatic=automatic, keep=staff_uid,
                                               smoke_test=smoke_test, bench_mode=bench_mode)
            if reopen is None:
                return code
            carry_drafts(opened.path, reopen)
            if db_path is None:
                settings.database_override = reopen
                settings.sync()  # as above: written before the claim below lets the damaged file go
            path = reopen
    finally:
        if guard is not None:
            guard.release()


def session_drafts(opened: Opened, services: Services) -> DraftStore:
    """The drafts of the database just opened, never another database's (even a copy with the same staff),
    in a folder only this user can read (issue 13 point 9)."""
    staff = [member.uid for member in services.masters.staff(include_inactive=True)]
    return drafts_for_database(opened.path, staff)


def _session(app: QApplication, opened: Opened, settings: AppSettings, *, automatic: bool,
             keep: str | None, smoke_test: bool, bench_mode: str) -> tuple[int, Path | None, str | None]:
    """One database from staff pick to window closed: (exit code, a file to continue with, the staff)."""
    services = Services(opened.store)  # every repository, built once: the one way in
    staff_uid = choose_staff(opened, services, settings, automatic=automatic, keep=keep)
    if staff_uid is None:
        opened.store.close()
        return 0, None, None
    drafts = session_drafts(opened, services)
    ops = Operations(services)
    window = MainWindow(ops, staff_uid, settings=settings, drafts=drafts, reminders=not automatic)
    maintenance = window_maintenance(window, settings)
    window.show()
    if bench_mode:
        from agency_app.ui.shell import bench
        bench.install(app, window, bench_mode)
    else:
        if not smoke_test:
            QTimer.singleShot(0, window.start_of_day)
        QTimer.singleShot(MAINTENANCE_DELAY_MS, maintenance.start)
    if smoke_test:
        QTimer.singleShot(0, lambda: build_every_page(window))
        QTimer.singleShot(SMOKE_QUIT_MS, window.close)
    code = app.exec()
    if window.isVisible():
        window.reminders = False
        window.session_ending = True
        window.close()
    maintenance.stop()
    draft_writer().drain()  # a draft handed over just before the window closed is on disk before the exit
    reopen, staff_uid = window.reopen_path, window.staff_uid
    window.deleteLater()
    ops.shutdown()  # a write still running completes first; the reading connections close
    # Found damaged while in use (the day's check): the file and its -wal stay as they were, the -wal not merged.
    opened.store.close(keep_file=settings.is_suspect(opened.path))
    return code, reopen, staff_uid
