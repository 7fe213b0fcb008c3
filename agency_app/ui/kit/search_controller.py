"""Searches that never block the window, for any keyset-paged list: first page, count and page anchors as queries of the operations (reader threads, their own connections); the next keystroke replaces them."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from agency_app.storage.errors import StorageError
from agency_app.storage.keyset import PAGE_SIZE, KeysetQuery, ListSpec
from agency_app.storage.services import Services
from agency_app.ui.kit.operations import Operations

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
    """One search in flight: its request, the query once its first page is read, whether its record was placed."""

    def __init__(self, generation: int, request: ListRequest):
        self.generation, self.request = generation, request
        self.query: KeysetQuery | None = None
        self.positioned = False


class SearchController(QObject):
    """Runs list searches (`ListRequest`) for one list view; results of a superseded search are dropped.

    Three queries of the operations, one after the other, each on a reader thread and its own read-only
    connection: the first page (then the query is handed over to the UI thread's reading connection, which
    reads further pages a page at a time while scrolling), the count, and the page anchors. Signals, in
    order: `first_page(query, rows)` → `counted(count)` → `anchored()`, and `positioned(uid, row)` when the
    request named a record (row -1: not in this list). A newer request replaces the running query (its
    connection is interrupted). With an in-memory database everything runs at once on the UI's connection.
    """

    first_page = Signal(object, list)
    counted = Signal(int)
    anchored = Signal()
    positioned = Signal(str, int)
    failed = Signal(object)
    busy = Signal(bool)

    def __init__(self, ops: Operations, parent=None, debounce_ms: int = DEBOUNCE_MS):
        super().__init__(parent)
        self.ops = ops
        self.ui_conn = ops.read.conn
        self.generation = 0
        self._running = 0  # queries of this controller not yet ended
        self._op = None    # the latest of them
        self._closed = False
        self._pending: ListRequest | None = None
        self._key = ("list", id(self))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._start_pending)

    @property
    def synchronous(self) -> bool:
        return self.ops.synchronous

    def set_debounce(self, ms: int) -> None:
        self._timer.setInterval(ms)

    # --- requests ----------------------------------------------------------------------
    def request(self, request: ListRequest, *, immediate: bool = False, first_page_here: bool = False) -> None:
        """Search for `request`. Typing restarts a short wait, so only the last text runs.

        `first_page_here` reads the first page on the UI thread before counting in a worker:
        for searches known to be fast (no typed text: one index walk), e.g. at start and after saving.
        """
        self._pending = request
        self.generation += 1  # whatever runs now is stale: its results and errors are dropped
        if immediate or first_page_here or self._timer.interval() == 0:
            self._timer.stop()
            self._start_pending(first_page_here=first_page_here)
        else:
            self._timer.start()

    def is_idle(self) -> bool:
        """Nothing pending and nothing running for this list (after shutdown: nothing more will be delivered)."""
        return self._pending is None and (self._running == 0 or self._closed)

    def shutdown(self) -> None:
        """The list goes away: what is pending is dropped, a running query stopped (its connection interrupted)
        and whatever it still delivers is ignored."""
        self._closed = True
        self._timer.stop()
        self._pending = None
        self.generation += 1
        if self._op is not None:
            self._op.cancel()

    def _start_pending(self, first_page_here: bool = False) -> None:
        request, self._pending = self._pending, None
        if request is None or self._closed:
            return
        self.generation += 1
        job = _Job(self.generation, request)
        self.busy.emit(True)
        if first_page_here and not self.synchronous:
            try:
                query = request.query(self.ui_conn)
                if query.quick_first_page:  # otherwise it may walk far: that first page is the worker's
                    self._first(job, query, query.first_page())
                    return
            except (sqlite3.Error, StorageError):
                pass  # let the worker try, and report
        self._stage(job.generation, lambda data: self._read_first_page(request, data),
                    lambda found: self._first(job, *found))

    # --- the stages -----------------------------------------------------------------------
    def _stage(self, generation: int, work: Callable[[Services], object], then: Callable[[object], None]) -> None:
        """One query of this search; its result goes to `then` unless a newer search came meanwhile."""
        self._running += 1
        self._op = self.ops.query(None, work, key=self._key) \
            .always(self._stage_ended) \
            .success(lambda result: then(result) if generation == self.generation else None) \
            .failure(lambda error: self._failed(generation, error)).run()

    def _stage_ended(self) -> None:
        self._running -= 1
        if self.is_idle():
            self.busy.emit(False)

    def _read_first_page(self, request: ListRequest, data: Services) -> tuple[KeysetQuery, list]:
        query = request.query(data.conn)
        rows = query.first_page()
        query.conn = self.ui_conn  # from now on the UI thread reads pages on its own connection
        return query, rows

    def _first(self, job: _Job, query: KeysetQuery, rows: list) -> None:
        job.query = query
        self.first_page.emit(query, list(rows))
        uid = job.request.select_uid
        if uid:
            row = next((i for i, r in enumerate(rows) if query.uid_of(r) == uid), None)
            if row is not None:
                self._positioned(job, row)
            elif len(rows) < query.page_size or not job.request.locate:
                self._positioned(job, -1)  # not in the list, or not worth scrolling away for
        if job.generation != self.generation:
            return  # a slot of first_page asked for a new search
        self._stage(job.generation, lambda data: query.count(conn=data.conn), lambda count: self._counted(job, count))

    def _counted(self, job: _Job, count: int) -> None:
        self.counted.emit(int(count))
        if job.generation != self.generation:
            return
        generation, query = job.generation, job.query
        self._stage(generation, lambda data: query.build_anchors(
            cancelled=lambda: generation != self.generation, conn=data.conn), lambda _none: self._anchored(job))

    def _anchored(self, job: _Job) -> None:
        self.anchored.emit()
        if job.request.select_uid and not job.positioned and job.generation == self.generation:
            self._locate(job)

    def _failed(self, generation: int, error: Exception) -> None:
        if generation == self.generation:
            log.warning("search failed: %s", error)
            self.failed.emit(error)

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
