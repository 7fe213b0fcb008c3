"""Drafts written off the UI thread: one worker, the newest state per draft only, a discard never overtaken.

Writing a draft means a temp file, fsync and a rename; on a new file a virus scanner can make that take
hundreds of milliseconds, so the forms hand the state to this writer and typing goes on. Per draft (store and
key) only the newest state waits to be written: states typed while a write runs replace each other. The
synchronous calls (write_now, discard, settle) first take what is waiting for that draft, under the same lock
the worker writes under, so an older state can never land after them — a discarded draft does not come back.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

from PySide6.QtCore import QObject, Qt, Signal

log = logging.getLogger(__name__)

Done = Callable[[OSError | None], object]  # told on the UI thread: None = written, or the OSError


class _Relay(QObject):
    """Carries a write's outcome from the worker thread to the UI thread (a queued signal)."""

    finished = Signal(object, object)  # done callback, OSError or None


class DraftWriter(QObject):
    """The one background writer of the forms' drafts (see draft_writer() for the application's)."""

    def __init__(self) -> None:
        super().__init__()
        self._waiting: dict[tuple[int, str], tuple[object, str, dict | None, Done | None]] = {}
        self._lock = threading.Lock()      # guards _waiting
        self._writing = threading.Lock()   # held while a draft file is written or removed
        self._pool: ThreadPoolExecutor | None = None
        self._relay = _Relay()
        self._relay.finished.connect(self._tell, Qt.ConnectionType.QueuedConnection)

    # --- from the UI thread ------------------------------------------------------------------
    def write_later(self, store, key: str, data: dict | None, done: Done | None = None) -> None:
        """Write `data` as the draft (None: remove it) on the worker; `done` is told on the UI thread."""
        slot = (id(store), key)
        with self._lock:
            queued = slot in self._waiting
            self._waiting[slot] = (store, key, data, done)  # a newer state replaces one not yet written
        if not queued:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(1, thread_name_prefix="agency-drafts")
            self._pool.submit(self._write_waiting, slot)

    def write_now(self, store, key: str, data: dict | None) -> None:
        """Write (None: remove) the draft before returning, replacing any state still waiting; raises OSError."""
        with self._writing:
            self._take(store, key)
            _apply(store, key, data)

    def discard(self, store, key: str) -> None:
        """The record is saved or the typing discarded: the draft goes, and nothing waiting brings it back.
        Callable from any thread (a save drops its draft on the database writer thread)."""
        with self._writing:
            self._take(store, key)
            store.discard(key)

    def settle(self, store, key: str) -> None:
        """What is waiting for this draft is written now (before it is read back); a failure was told already."""
        with self._writing:
            waiting = self._take(store, key)
            if waiting is not None:
                self._run(*waiting)

    def drain(self) -> None:
        """Every state handed over is written when this returns (the application is about to exit)."""
        if self._pool is not None:
            self._pool.submit(lambda: None).result()

    # --- on the worker -----------------------------------------------------------------------
    def _write_waiting(self, slot: tuple[int, str]) -> None:
        with self._writing:
            with self._lock:
                waiting = self._waiting.pop(slot, None)
            if waiting is not None:  # None: a synchronous call took it meanwhile
                self._run(*waiting)

    def _run(self, store, key: str, data: dict | None, done: Done | None) -> None:
        try:
            _apply(store, key, data)
            error = None
        except OSError as failed:
            error = failed
        except Exception:  # noqa: BLE001 — a bug must not stop the worker: the log has it, typing goes on
            log.exception("draft %s not written", key)
            return
        if done is not None:
            self._relay.finished.emit(done, error)

    def _take(self, store, key: str):
        with self._lock:
            return self._waiting.pop((id(store), key), None)

    def _tell(self, done: Done, error: OSError | None) -> None:
        done(error)


def _apply(store, key: str, data: dict | None) -> None:
    if data is None:
        store.discard(key)
    else:
        store.save(key, data)


_writer: DraftWriter | None = None


def draft_writer() -> DraftWriter:
    """The application's draft writer, made on first use (on the UI thread)."""
    global _writer
    if _writer is None:
        _writer = DraftWriter()
    return _writer
