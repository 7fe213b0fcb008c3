"""Once a day, after the window is shown: the integrity check, then the daily backup — a query of the operations, so the start stays fast."""

from __future__ import annotations

import errno
import logging
import sqlite3
import threading
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject, Signal

from agency_app.storage import backup
from agency_app.storage.database import check_integrity
from agency_app.storage.errors import (
    CannotOpen, DatabaseCorrupt, DiskFull, ReadOnly, translate_sqlite_error,
)
from agency_app.storage.services import Services
from agency_app.ui.kit.operations import Op, Operations

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


class Maintenance(QObject):
    """If today has no backup yet: PRAGMA quick_check, and when the file is sound, the backup and pruning.

    On a big database both take seconds (a 1 GB file: ~20 s of checking), so they run on a reader thread of
    the operations, on its own read-only connection. A damaged file is never backed up (it would push good
    backups out of the rotation); `damaged` tells the window instead. `stop()` interrupts the check; a backup
    in progress is let finish (the operations wait for it when they shut down).
    """

    damaged = Signal(str)
    finished = Signal(str)  # path of the backup taken, or "" when none was needed or possible
    backup_failed = Signal(str)  # why today's backup could not be made, for the status bar

    def __init__(self, ops: Operations, parent: QObject | None = None):
        super().__init__(parent)
        self.ops = ops
        self.path = ops.services.path
        self._op: Op | None = None
        self._running = False
        self._checking = threading.Event()

    def start(self, now: datetime | None = None) -> None:
        if self.path is None or self._op is not None:
            return
        if backup.has_backup_on(self.path, (now or datetime.now()).date()):
            return
        self._running = True
        self._op = self.ops.query(None, lambda data: self._check_and_back_up(data, now)) \
            .always(self._ended).success(self._done).failure(self._failed).run()

    def is_running(self) -> bool:
        return self._running

    def stop(self) -> None:
        """Quitting: a running check stops at once; a running backup completes."""
        if self._op is not None and self._checking.is_set():
            self._op.cancel()

    def _check_and_back_up(self, data: Services, now: datetime | None) -> str:
        self._checking.set()
        try:
            check_integrity(data.conn, self.path)
        finally:
            self._checking.clear()
        try:
            taken = str(backup.make_backup(data.conn, self.path, "daily", now))
            backup.prune_backups(self.path)
        except OSError as error:  # the backup folder is full or read-only: the work goes on, tomorrow again
            log.warning("daily backup not taken: %s", error)
            return error
        except sqlite3.Error as error:  # SQLite writing the copy: the disk filled up, the folder refused it
            known = translate_sqlite_error(error, self.path)
            if isinstance(known, DatabaseCorrupt):  # the database itself, read for the copy: `damaged`, named
                raise known from error
            log.warning("daily backup not taken: %s", error)
            return _as_os_error(error)
        return taken

    def _ended(self) -> None:  # done, failed, stopped or a program error alike
        self._running = False

    def _done(self, taken: str | OSError) -> None:
        if isinstance(taken, OSError):
            self.backup_failed.emit(backup_failed_text(taken))
            taken = ""
        self.finished.emit(taken)

    def _failed(self, error: Exception) -> None:
        if isinstance(error, DatabaseCorrupt):
            log.error("integrity check failed: %s", error)
            self.damaged.emit(str(error.path))
            return
        log.warning("daily check or backup did not complete: %s", error)  # disk full, locked…: tomorrow again
        self.finished.emit("")


def backup_failed_text(error: OSError) -> str:
    """Told calmly in the status bar: the day's work is not affected."""
    from agency_app.ui.shell.open_errors import file_error_reason
    return translate("Maintenance", "Today's backup could not be made: {reason} Your work is not affected; "
                                    "the backup is tried again at the next start.").format(
        reason=file_error_reason(error))


def _as_os_error(error: sqlite3.Error) -> OSError:
    """SQLite's words for a file problem while writing the copy, as the OSError they amount to."""
    known = translate_sqlite_error(error)
    if isinstance(known, DiskFull):
        return OSError(errno.ENOSPC, str(error))
    if isinstance(known, (ReadOnly, CannotOpen)):
        return OSError(errno.EACCES, str(error))
    return OSError(str(error))
