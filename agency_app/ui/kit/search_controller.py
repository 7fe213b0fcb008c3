"""Searches that never block the window, for any keyset-paged list: first page, count and page anchors in a worker thread with its own connection; the next keystroke cancels."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from agency_app.storage.errors import StorageError
from agency_app.storage.keyset import PAGE_SIZE, KeysetQuery, ListSpec, open_read_connection

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150


@dataclass(frozen=True)
class ListRequest:
    """One search of a list: which list (`spec`), its filter, order, and a record to find the row of."""

    spec: ListSpec
    flt: object
    sort: str | None = None          # None: the filter's or the list's own order
    descending: bool | None = None   # None: that order's own direction
    select_uid: str | None = None    # a record to find the row of (just saved, or the selection to keep)
    locate: bool = True              # look for select_uid beyond the first page (False: the first page or nothing)
    page_size: int = PAGE_SIZE

    def query(self, conn: sqlite3.Connection) -> KeysetQuery:
        return self.spec.query(conn, self.flt, sort=self.sort, descending=self.descending, page_size=self.page_size)


class _Job:
    def __init__(self, generation: int, request: ListRequest):
        self.generation, self.request = generation, request
        self.conn: sqlite3.Connection | None = None
        self.thread: threading.Thread | None = None
        self.query: KeysetQuery | None = None
        self.positioned = False
        self.lock = threading.Lock()

    def interrupt(self) -> None:
        with self.lock:
            if self.conn is not None:
                try:
                    self.conn.interrupt()
                except sqlite3.Error:
                    pass


class SearchController(QObject):
    """Runs list searches (`ListRequest`) for one list view; results of a superseded search are dropped.

    A worker thread reads the first page on its own connection, hands the query over to
    `ui_conn` (page reads while scrolling happen on the UI thread, a page at a time), then
    counts and builds the page anchors on its own connection. Signals, in order:
    `first_page(query, rows)` → `counted(count)` → `anchored()`, and `positioned(uid, row)`
    when the request named a record (row -1: not in this list). With `db_path` None (an
    in-memory database) everything runs synchronously on `ui_conn`.
    """

    first_page = Signal(object, list)
    counted = Signal(int)
    anchored = Signal()
    positioned = Signal(str, int)
    failed = Signal(object)
    busy = Signal(bool)

    _result = Signal(int, str, object)  # generation, what, payload — from the worker thread

    def __init__(self, db_path: Path | None, ui_conn: sqlite3.Connection, parent=None,
                 debounce_ms: int = DEBOUNCE_MS):
        super().__init__(parent)
        self.db_path = db_path
        self.ui_conn = ui_conn
        self.generation = 0
        self._jobs: dict[int, _Job] = {}
        self._pending: ListRequest | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._start_pending)
        self._result.connect(self._deliver)

    @property
    def synchronous(self) -> bool:
        return self.db_path is None

    def set_debounce(self, ms: int) -> None:
        self._timer.setInterval(ms)

    # --- requests ----------------------------------------------------------------------
    def request(self, request: ListRequest, *, immediate: bool = False, first_page_here: bool = False) -> None:
        """Search for `request`. Typing restarts a short wait, so only the last text runs.

        `first_page_here` reads the first page on the UI thread before counting in the worker:
        for searches known to be fast (no typed text: one index walk), e.g. at start and after saving.
        """
        self._pending = request
        self.generation += 1  # whatever runs now is stale: its results and errors are dropped
        self._interrupt_all()
        if immediate or first_page_here or self._timer.interval() == 0:
            self._timer.stop()
            self._start_pending(first_page_here=first_page_here)
        else:
            self._timer.start()

    def is_idle(self) -> bool:
        return self._pending is None and not self._jobs

    def shutdown(self, timeout: float = 2.0) -> None:
        """Window closing: drop what is pending, interrupt workers and wait briefly for them."""
        self._timer.stop()
        self._pending = None
        self.generation += 1
        self._interrupt_all()
        for job in list(self._jobs.values()):
            _join(job, timeout)
        self._jobs.clear()

    def _interrupt_all(self) -> None:
        for job in self._jobs.values():
            if job.thread is not None:  # never interrupt the UI's own connection
                job.interrupt()

    def _start_pending(self, first_page_here: bool = False) -> None:
        request, self._pending = self._pending, None
        if request is None:
            return
        self.generation += 1
        job = _Job(self.generation, request)
        self._jobs[job.generation] = job
        self.busy.emit(True)
        if self.synchronous:
            self._work(job)
            return
        if first_page_here:
            try:
                query = request.query(self.ui_conn)
                if not query.searches_text:  # typed text may scan: that first page is the worker's
                    job.query = query
                    self._deliver(job.generation, "first", (query, query.first_page()))
            except (sqlite3.Error, StorageError):
                job.query = None  # let the worker try, and report
        _start_worker(job, self._work)

    # --- the worker side ----------------------------------------------------------------
    def _work(self, job: _Job) -> None:
        gen, request = job.generation, job.request
        own = not self.synchronous
        conn = None
        try:
            conn = open_read_connection(self.db_path) if own else self.ui_conn
            with job.lock:
                job.conn = conn
            if self._stale(gen):
                return
            query = job.query
            if query is None:
                query = request.query(conn)
                rows = query.first_page()
                query.conn = self.ui_conn  # from now on the UI thread reads pages on its own connection
                self._emit(gen, "first", (query, rows))
            if self._stale(gen):
                return
            self._emit(gen, "count", query.count(conn=conn))
            if self._stale(gen):
                return
            query.build_anchors(cancelled=lambda: self._stale(gen), conn=conn)
            if not self._stale(gen):
                self._emit(gen, "anchors", None)
        except (sqlite3.Error, StorageError) as error:
            if not self._stale(gen):
                log.warning("search failed: %s", error)
                self._emit(gen, "error", error)
        finally:
            with job.lock:
                job.conn = None
            if own and conn is not None:
                conn.close()
            self._emit(gen, "done", None)

    def _stale(self, generation: int) -> bool:
        return generation != self.generation

    def _emit(self, generation: int, what: str, payload) -> None:
        if self.synchronous:
            self._deliver(generation, what, payload)
        else:
            self._result.emit(generation, what, payload)

    # --- back on the UI thread -------------------------------------------------------------
    def _deliver(self, generation: int, what: str, payload) -> None:
        job = self._jobs.get(generation)
        if what == "done":
            self._jobs.pop(generation, None)
            if generation == self.generation:
                self.busy.emit(False)
            return
        if generation != self.generation or job is None:
            return  # a superseded search: drop its results
        if what == "first":
            job.query, rows = payload
            self.first_page.emit(job.query, list(rows))
            uid = job.request.select_uid
            if uid:
                row = next((i for i, r in enumerate(rows) if job.query.uid_of(r) == uid), None)
                if row is not None:
                    self._positioned(job, row)
                elif len(rows) < job.query.page_size or not job.request.locate:
                    self._positioned(job, -1)  # not in the list, or not worth scrolling away for
        elif what == "count":
            self.counted.emit(int(payload))
        elif what == "anchors":
            self.anchored.emit()
            if job.request.select_uid and not job.positioned:
                self._locate(job)
        elif what == "error":
            self.failed.emit(payload)

    def _locate(self, job: _Job) -> None:
        """With anchors built, a record's row is one index lookup and one page away (UI thread)."""
        try:
            position = job.query.position_of(job.request.select_uid)
        except (sqlite3.Error, StorageError) as error:
            log.warning("position of %s not found: %s", job.request.select_uid, error)
            position = None
        self._positioned(job, -1 if position is None else position)

    def _positioned(self, job: _Job, row: int) -> None:
        job.positioned = True
        self.positioned.emit(job.request.select_uid, row)


# --- where the work runs: one small place, so an operations module can host it later ----------

def _start_worker(job: _Job, work: Callable[[_Job], None]) -> None:
    """Run `work(job)` in a new daemon thread (it reports back through a queued signal)."""
    job.thread = threading.Thread(target=work, args=(job,), name=f"search-{job.generation}", daemon=True)
    job.thread.start()


def _join(job: _Job, timeout: float) -> None:
    if job.thread is not None:
        job.thread.join(timeout)
