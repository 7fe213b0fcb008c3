"""The one way the screens change or ask for data: work off the UI thread, progress after half a second, known
errors said in Japanese where the user is looking, and one application-wide signal for what changed.

    ops.write(self, lambda data: data.voices.create(entry, by=uid)).success(self._saved).run()
    ops.query(self, lambda data: counts(data.conn, period)).success(self._fill).with_progress().run()

A write runs on the one writer thread, on the writing connection; a query on a reader thread with that thread's
own read-only connection, so a long count never holds up a save (WAL). After a write, `changed` announces which
records it touched — read back from the change history it wrote (storage/changes.py) — before the write's
own success callback runs; every page refreshes from that signal. `read` is the UI thread's own reading
connection for short reads (one record, its history, a few names). An in-memory database has no second
connection: everything then runs at once on the caller's thread (tests, and `synchronous=True`).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Callable, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from agency_app.domain.errors import ValidationFailed
from agency_app.storage.changes import Changes, changes_since, history_mark
from agency_app.storage.errors import StorageError, translate_sqlite_error
from agency_app.storage.records import EditConflict, NotAllowed, RecordNotFound
from agency_app.storage.services import Services
from agency_app.ui.kit.messages import known_error_text

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

PROGRESS_AFTER_MS = 500  # quicker work shows nothing: a flashing dialog is worse than a short wait
# Three readers: the day's integrity check may hold one for many seconds on a big file, and the lists'
# anchors one for a second or two; counts and today's work still get an answer at once.
READER_THREADS = 3

T = TypeVar("T")


class Cancelled(Exception):
    """The user stopped the work (中止), or a newer request of the same kind replaced it."""


# Errors a user can act on; anything else is a bug and goes to sys.excepthook (log file and dialog).
KNOWN_ERRORS = (ValidationFailed, EditConflict, StorageError, RecordNotFound, NotAllowed)


class Op(Generic[T]):
    """One piece of work: build it with ops.write() or ops.query(), add callbacks, then run()."""

    def __init__(self, ops: "Operations", parent: QWidget | None, work: Callable[[Services], T], *,
                 writes: bool, key: object = None):
        self.ops, self.parent, self.work, self.writes, self.key = ops, parent, work, writes, key
        self._on_success: Callable[[T], object] | None = None
        self._on_failure: Callable[[Exception], object] | None = None
        self._on_end: Callable[[], object] | None = None
        self._progress: str | None = None
        self._cancellable = False
        self.cancelled = False
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._dialog: QProgressDialog | None = None

    def success(self, callback: Callable[[T], object]) -> "Op[T]":
        """Called on the UI thread with the work's result (after `changed`), unless the parent widget is gone."""
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[Exception], object]) -> "Op[T]":
        """Called with a known error (refused, changed elsewhere, disk full…) instead of the standard message."""
        self._on_failure = callback
        return self

    def always(self, callback: Callable[[], object]) -> "Op[T]":
        """Called on the UI thread when the work has ended in any way — done, refused, stopped or replaced —
        before the other callbacks (e.g. to count what is still running)."""
        self._on_end = callback
        return self

    def with_progress(self, text: str | None = None, *, cancellable: bool = False) -> "Op[T]":
        """Show a progress dialog if the work takes longer than half a second; 中止 stops a query safely."""
        self._progress = text or translate("Operations", "Working…")
        self._cancellable = cancellable and not self.writes  # a write is never left half-way by a click
        return self

    def run(self) -> "Op[T]":
        self.ops._start(self)
        return self

    def cancel(self) -> None:
        """Stop a query: its connection is interrupted and its result dropped (a write always completes)."""
        if self.writes:
            return
        self.cancelled = True
        with self._lock:
            if self._conn is not None:
                self._conn.interrupt()


class _Relay(QObject):
    """Carries a finished op from a worker thread to the UI thread (a queued signal)."""

    finished = Signal(object, object, object, object)  # op, result, error, changes


class Operations(QObject):
    """Runs the screens' work and announces what changed. One per open database, made in app.py."""

    changed = Signal(object)  # Changes: after every write that touched records
    busy = Signal(bool)       # True while any work runs (tests and benchmarks wait for False)

    def __init__(self, services: Services, parent: QObject | None = None, *, synchronous: bool | None = None):
        super().__init__(parent)
        self.services = services
        self.synchronous = services.path is None if synchronous is None else synchronous
        self.read = services if self.synchronous else services.reading()
        self._running: list[Op] = []
        self._keyed: dict[object, Op] = {}
        self._relay = _Relay()
        self._relay.finished.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._writer: ThreadPoolExecutor | None = None
        self._readers: ThreadPoolExecutor | None = None
        self._local = threading.local()
        self._reader_services: list[Services] = []
        self._lock = threading.Lock()
        self._closed = False

    # --- building work -----------------------------------------------------------------------
    def write(self, parent: QWidget | None, work: Callable[[Services], T]) -> Op[T]:
        """Work that writes, run on the writer thread; `changed` follows it with what it touched."""
        return Op(self, parent, work, writes=True)

    def query(self, parent: QWidget | None, work: Callable[[Services], T], *, key: object = None) -> Op[T]:
        """Work that only reads, on a reader thread. A newer query with the same `key` replaces a running one."""
        return Op(self, parent, work, writes=False, key=key)

    def is_idle(self) -> bool:
        return not self._running

    # --- running -----------------------------------------------------------------------------
    def _start(self, op: Op) -> None:
        if self._closed:
            raise RuntimeError("the database is closed")
        if op.key is not None:
            earlier = self._keyed.get(op.key)
            if earlier is not None:
                earlier.cancel()
            self._keyed[op.key] = op
        self._running.append(op)
        if len(self._running) == 1:
            self.busy.emit(True)
        if op._progress is not None:
            QTimer.singleShot(PROGRESS_AFTER_MS, self, lambda: self._show_progress(op))
        if self.synchronous:
            self._finish(op, *self._execute(op, self.services))
            return
        pool = self._writer_pool() if op.writes else self._reader_pool()
        pool.submit(self._in_worker, op)

    def _writer_pool(self) -> ThreadPoolExecutor:
        if self._writer is None:  # one thread: writes are serial, and the writing connection is its alone
            self._writer = ThreadPoolExecutor(1, thread_name_prefix="agency-write")
        return self._writer

    def _reader_pool(self) -> ThreadPoolExecutor:
        if self._readers is None:
            self._readers = ThreadPoolExecutor(READER_THREADS, thread_name_prefix="agency-read")
        return self._readers

    def _in_worker(self, op: Op) -> None:
        try:
            services = self.services if op.writes else self._thread_reader()
            outcome = self._execute(op, services)
            if not op.writes:
                _release_cache(services.conn)
        except BaseException as error:  # noqa: BLE001 — even opening the connection failed: report it
            outcome = (None, _known(error), Changes())
        self._relay.finished.emit(op, *outcome)

    def _thread_reader(self) -> Services:
        """This reader thread's own Services over its own read-only connection (made on first use)."""
        reader = getattr(self._local, "services", None)
        if reader is None:
            reader = self._local.services = self.services.reading()
            with self._lock:
                self._reader_services.append(reader)
        return reader

    @staticmethod
    def _execute(op: Op, services: Services) -> tuple[object, BaseException | None, Changes]:
        """Run the work (in whichever thread); never raises: (result, error, changes)."""
        if op.cancelled:
            return None, Cancelled(), Changes()
        conn = services.conn
        with op._lock:
            op._conn = conn
        result, error, mark = None, None, None
        try:
            mark = history_mark(conn) if op.writes else None
            result = op.work(services)
        except BaseException as exc:  # noqa: BLE001 — handed to the UI thread, which decides
            error = Cancelled() if op.cancelled else _known(exc)
        finally:
            with op._lock:
                op._conn = None
        changes = Changes()
        if mark is not None:
            try:  # even a failed write may have committed an earlier step: say what is on disk
                changes = changes_since(conn, mark)
            except sqlite3.Error as exc:
                log.warning("could not read back what a write changed: %s", exc)
        return result, error, changes

    def _finish(self, op: Op, result, error: BaseException | None, changes: Changes) -> None:
        """Back on the UI thread: progress away, `changed` first, then the op's own callbacks."""
        if op in self._running:
            self._running.remove(op)
        if op.key is not None and self._keyed.get(op.key) is op:
            del self._keyed[op.key]
        if op._dialog is not None:
            if isValid(op._dialog):  # it went with its window when that closed (e.g. a form put aside)
                op._dialog.blockSignals(True)  # QProgressDialog's close emits `canceled`: the work is done, not 中止
                op._dialog.close()
                op._dialog.deleteLater()
            op._dialog = None
        if not self._running:
            self.busy.emit(False)
        if op._on_end is not None:
            op._on_end()
        if changes:
            self.changed.emit(changes)
        alive = op.parent is None or isValid(op.parent)
        if error is None:
            if op._on_success is not None and alive and not op.cancelled:
                op._on_success(result)
            return
        if isinstance(error, Cancelled):
            return
        if isinstance(error, KNOWN_ERRORS):
            if not alive:  # the form was closed meanwhile (e.g. a staff switch): say it where the user is now,
                # in a box of its own — in another form's banner it would read as that form's failure
                log.warning("known error after its window closed: %r", error)
                from PySide6.QtWidgets import QMessageBox
                QMessageBox.warning(QApplication.activeWindow(), QApplication.applicationDisplayName(),
                                    known_error_text(error))
            elif op._on_failure is not None:
                op._on_failure(error)
            else:
                show_error(op.parent, error)
            return
        raise error  # a bug: sys.excepthook writes it to the log and tells the user calmly

    def _show_progress(self, op: Op) -> None:
        from PySide6.QtWidgets import QProgressDialog  # only a slow piece of work needs it (Qt makes it lazily)
        if op not in self._running or op._dialog is not None:
            return
        window = op.parent.window() if op.parent is not None and isValid(op.parent) else None
        dialog = QProgressDialog(op._progress, translate("Operations", "Stop") if op._cancellable else "",
                                 0, 0, window)
        dialog.setWindowTitle(QApplication.applicationDisplayName() or op._progress)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not op._cancellable:
            dialog.setCancelButton(None)
        else:
            dialog.canceled.connect(op.cancel)
        op._dialog = dialog
        dialog.show()

    # --- closing -----------------------------------------------------------------------------
    def shutdown(self) -> None:
        """The window closed: running queries are stopped, every write asked for completes, connections close."""
        self._closed = True
        for op in list(self._running):
            op.cancel()
        if self._readers is not None:  # queued reads are of no use any more
            self._readers.shutdown(wait=True, cancel_futures=True)
        if self._writer is not None:  # every write already asked for is written, queued ones included
            self._writer.shutdown(wait=True, cancel_futures=False)
        with self._lock:
            readers, self._reader_services = self._reader_services, []
        for reader in readers:
            reader.close()
        if self.read is not self.services:
            self.read.close()


def _release_cache(conn: sqlite3.Connection) -> None:
    """A reader's page cache is for one piece of work; idle readers hand the memory back to the allocator, so
    three of them never hold their caches between searches."""
    try:
        conn.execute("PRAGMA shrink_memory")
    except sqlite3.Error:
        pass


def _known(error: BaseException) -> BaseException:
    """A raw SQLite error the user can act on (locked, disk full…) becomes its StorageError."""
    if isinstance(error, sqlite3.Error):
        translated = translate_sqlite_error(error)
        if translated is not error:
            translated.__cause__ = error
            return translated
    return error


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """A known error in Japanese where the user is looking: the window's banner if it has one, else a box."""
    from PySide6.QtWidgets import QMessageBox  # most errors go to a banner
    text = known_error_text(error)
    target = parent
    while target is not None and isValid(target):
        banner = getattr(target, "banner", None)
        if banner is not None and hasattr(banner, "show_message"):
            banner.show_message(text)
            return
        target = target.parentWidget()
    QMessageBox.warning(parent.window() if parent is not None and isValid(parent) else None,
                        QApplication.applicationDisplayName(), text)
