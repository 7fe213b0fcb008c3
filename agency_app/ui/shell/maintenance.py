"""At least once a day, after the window is shown: the integrity check, then the daily backup — a query of the operations, so the start stays fast."""

from __future__ import annotations

import errno
import logging
import sqlite3
import threading
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from agency_app.storage import backup
from agency_app.storage.database import check_integrity
from agency_app.storage.errors import (
    CannotOpen, DatabaseCorrupt, DiskFull, ReadOnly, translate_sqlite_error,
)
from agency_app.storage.services import Services
from agency_app.ui.kit.operations import Op, Operations
from agency_app.ui.kit.settings import AppSettings

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

OVERDUE_AFTER = timedelta(days=1)  # issue 13: told in the window when the last good backup is older than this
RECHECK_MS = 60 * 60 * 1000  # a window left open overnight: the next day's check and backup within the hour


@dataclass
class _Outcome:
    """What the reader thread did: the check passed on `checked_on`; `taken` or `failure` for the backup."""
    checked_on: date
    taken: str = ""
    failure: OSError | None = None


class Maintenance(QObject):
    """PRAGMA quick_check at least once a day per database, and when the file is sound the day's backup and pruning.

    The check runs whether or not today's backup exists (a file damaged after the backup was taken must not
    open silently), and always before a backup: a damaged file is never backed up (it would push good backups
    out of the rotation); `damaged` tells the window instead. The day of the last passed check is remembered
    per database in the settings.

    On a big database both take seconds (a 1 GB file: ~20 s of checking), so they run on a reader thread of
    the operations, on its own read-only connection. `stop()` interrupts the check; a backup in progress is
    let finish (the operations wait for it when they shut down).
    """

    damaged = Signal(str)
    finished = Signal(str)  # path of the backup taken, or "" when none was needed or possible
    backup_failed = Signal(str)  # why today's backup could not be made, for the status bar
    backup_notice = Signal(str)  # the last good backup is over a day old (why, what to do); "" = all is well

    def __init__(self, ops: Operations, parent: QObject | None = None, settings: AppSettings | None = None,
                 clock=datetime.now):
        super().__init__(parent)
        self.ops = ops
        self.path = ops.services.path
        self.settings = settings if settings is not None else AppSettings()
        self.clock = clock
        self._op: Op | None = None
        self._running = False
        self._checking = threading.Event()
        self._timer = QTimer(self)
        self._timer.setInterval(RECHECK_MS)
        self._timer.timeout.connect(self.start)

    def start(self, now: datetime | None = None) -> None:
        if self.path is None or self._op is not None:
            return
        self._timer.start()
        now = now or self.clock()
        day = now.date()
        back_up = not backup.has_backup_on(self.path, day)
        if not back_up and self.settings.integrity_passed_on(self.path) == day:
            self._tell_backup_age(now, None)  # checked and backed up today (perhaps by `agency-app backup`)
            return
        self._running = True
        self._op = self.ops.query(None, lambda data: self._check_and_back_up(data, now, back_up)) \
            .always(self._ended).success(lambda outcome: self._done(outcome, now)) \
            .failure(lambda error: self._failed(error, now)).run()

    def is_running(self) -> bool:
        return self._running

    def stop(self) -> None:
        """Quitting: a running check stops at once; a running backup completes; no further day is started."""
        self._timer.stop()
        if self._op is not None and self._checking.is_set():
            self._op.cancel()

    def _check_and_back_up(self, data: Services, now: datetime, back_up: bool) -> _Outcome:
        self._checking.set()
        try:
            check_integrity(data.conn, self.path)
        finally:
            self._checking.clear()
        outcome = _Outcome(now.date())
        if not back_up:
            return outcome
        try:
            outcome.taken = str(backup.make_backup(data.conn, self.path, "daily", now))
            backup.prune_backups(self.path)
        except OSError as error:  # the backup folder is full or read-only: the work goes on, tomorrow again
            log.warning("daily backup not taken: %s", error)
            outcome.failure = error
        except sqlite3.Error as error:  # SQLite writing the copy: the disk filled up, the folder refused it
            known = translate_sqlite_error(error, self.path)
            if isinstance(known, DatabaseCorrupt):  # the database itself, read for the copy: `damaged`, named
                raise known from error
            log.warning("daily backup not taken: %s", error)
            outcome.failure = _as_os_error(error)
        return outcome

    def _ended(self) -> None:  # done, failed, stopped or a program error alike
        self._running = False
        self._op = None

    def _done(self, outcome: _Outcome, now: datetime) -> None:
        self.settings.set_integrity_passed_on(self.path, outcome.checked_on)
        if outcome.failure is not None:
            self.backup_failed.emit(backup_failed_text(outcome.failure))
        self._tell_backup_age(now, outcome.failure)
        self.finished.emit(outcome.taken)

    def _failed(self, error: Exception, now: datetime) -> None:
        if isinstance(error, DatabaseCorrupt):
            log.error("integrity check failed: %s", error)
            self.damaged.emit(str(error.path))
            return
        log.warning("daily check or backup did not complete: %s", error)  # disk full, locked…: tomorrow again
        self._tell_backup_age(now, None)
        self.finished.emit("")

    def _tell_backup_age(self, now: datetime, failure: OSError | None) -> None:
        latest = backup.latest_backup(self.path)
        overdue = latest is None or now - latest[0] > OVERDUE_AFTER
        self.backup_notice.emit(backup_overdue_text(latest, now, failure) if overdue else "")


def backup_failed_text(error: OSError) -> str:
    """Told calmly in the status bar: the day's work is not affected."""
    from agency_app.ui.shell.open_errors import file_error_reason
    return translate("Maintenance", "Today's backup could not be made: {reason} Your work is not affected; "
                                    "the backup is tried again at the next start.").format(
        reason=file_error_reason(error))


def backup_overdue_text(latest: tuple[datetime, Path] | None, now: datetime, failure: OSError | None) -> str:
    """The notice that stays in the status bar: how old the last good backup is, and why none is newer."""
    from agency_app.ui.shell.open_errors import file_error_reason
    if latest is None:
        text = translate("Maintenance", "There is no backup of this database yet.")
    else:
        text = translate("Maintenance", "The last backup is from {when} ({days} days ago).").format(
            when=latest[0].strftime("%Y-%m-%d %H:%M"), days=max(1, (now.date() - latest[0].date()).days))
    if failure is not None:
        text += " " + translate("Maintenance", "The latest attempt failed: {reason}").format(
            reason=file_error_reason(failure))
    return text + " " + translate("Maintenance", "Please tell your manager.")


def _as_os_error(error: sqlite3.Error) -> OSError:
    """SQLite's words for a file problem while writing the copy, as the OSError they amount to."""
    known = translate_sqlite_error(error)
    if isinstance(known, DiskFull):
        return OSError(errno.ENOSPC, str(error))
    if isinstance(known, (ReadOnly, CannotOpen)):
        return OSError(errno.EACCES, str(error))
    return OSError(str(error))


def window_maintenance(window, settings: AppSettings) -> Maintenance:
    """The window's daily maintenance, wired as the app runs it: damage → the dialog (and a full check at the
    next start), a failed backup → a calm minute in the status bar, an old last backup → a notice that stays."""
    maintenance = Maintenance(window.ops, parent=window, settings=settings)
    maintenance.damaged.connect(lambda damaged: settings.set_suspect(damaged, True))
    maintenance.damaged.connect(window.database_damaged)
    maintenance.backup_failed.connect(window.backup_failed)
    maintenance.backup_notice.connect(window.show_backup_notice)
    return maintenance
