"""Once a day, after the window is shown: the integrity check, then the daily backup — in a worker thread so the start stays fast."""

from __future__ import annotations

import logging
import sqlite3
import threading
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from agency_app.storage import backup
from agency_app.storage.database import Store, check_integrity, connect
from agency_app.storage.errors import DatabaseCorrupt, StorageError

log = logging.getLogger(__name__)

BACKUP_WAIT_S = 15.0  # at quit, how long a running backup may still take before the process ends


class Maintenance(QObject):
    """If today has no backup yet: PRAGMA quick_check, and when the file is sound, the backup and pruning.

    On a big database both take seconds (a 1 GB file: ~20 s of checking), so they run in a worker.
    A damaged file is never backed up (it would push good backups out of the rotation); `damaged`
    tells the window instead. `stop()` interrupts the check; a backup in progress is let finish.
    """

    damaged = Signal(str)
    finished = Signal(str)  # path of the backup taken, or "" when none was needed or possible

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self.path = store.path
        self._thread: threading.Thread | None = None
        self._conn: sqlite3.Connection | None = None
        self._checking = False
        self._lock = threading.Lock()

    def start(self, now: datetime | None = None) -> None:
        if self.path is None or self._thread is not None:
            return
        day = (now or datetime.now()).date()
        if backup.has_backup_on(self.path, day):
            return
        self._thread = threading.Thread(target=self._run, args=(now,), name="maintenance", daemon=True)
        self._thread.start()

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self) -> None:
        """Quitting: stop a running check at once, give a running backup a little time to complete."""
        if self._thread is None:
            return
        with self._lock:
            if self._checking and self._conn is not None:
                self._conn.interrupt()
        self._thread.join(BACKUP_WAIT_S)

    def _run(self, now: datetime | None) -> None:
        taken = ""
        try:
            conn = connect(self.path)
            with self._lock:
                self._conn, self._checking = conn, True
            try:
                check_integrity(conn, self.path)
                with self._lock:
                    self._checking = False
                taken = str(backup.make_backup(conn, self.path, "daily", now))
                backup.prune_backups(self.path)
            finally:
                with self._lock:
                    self._conn = None
                conn.close()
        except DatabaseCorrupt as error:
            if "interrupt" in str(error.detail).lower():
                return  # stopped at quit: nothing was learnt about the file
            log.error("integrity check failed: %s", error)
            self._emit(self.damaged, str(error.path))
            return
        except (StorageError, sqlite3.Error, OSError) as error:
            log.warning("daily check or backup did not complete: %s", error)
        self._emit(self.finished, taken)

    @staticmethod
    def _emit(signal, value: str) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            pass  # the window is already gone (the process is ending)
