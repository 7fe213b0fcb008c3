"""Program errors (bugs) from any thread: the traceback into the log, open forms' drafts kept, one calm dialog on the UI thread."""

from __future__ import annotations

import logging
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType

import PySide6
from PySide6.QtCore import QObject, Qt, Signal, qVersion
from PySide6.QtWidgets import QApplication

from agency_app import logs
from agency_app.ui.kit.form_drafts import flush_open_drafts
from agency_app.ui.shell.qt_messages import QtMessages

log = logging.getLogger(__name__)

# After its dialog is closed, the same error (same type, same place) is only logged for a while: an error
# that repeats by itself (a timer, a repaint) must not bring the dialog straight back over the window.
QUIET_AFTER_CLOSE_S = 60.0


@dataclass(frozen=True)
class ProgramError:
    """An uncaught exception as text: one line for staff, the details for support, and its place (repeats share it)."""

    summary: str
    details: str
    place: tuple
    ends_program: bool = False


def describe(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
             thread: str) -> ProgramError:
    text = "".join(traceback.format_exception(exc_type, exc, tb)).rstrip()
    facts = "\n".join(f"{name}: {value}" for name, value in logs.run_facts().items())
    details = (f"{datetime.now():%Y-%m-%d %H:%M:%S} program error in thread {thread}\n{facts}\n"
               f"log: {logs.current_log_file() or logs.log_folder()}\n\n{text}")
    summary = traceback.format_exception_only(exc_type, exc)[-1].strip()
    place = (exc_type.__qualname__, tuple((f.filename, f.lineno) for f in traceback.extract_tb(tb)))
    return ProgramError(summary, details, place, _reached_the_top(tb))


def _reached_the_top(tb: TracebackType | None) -> bool:
    """True when the error rose through the main script's own frame: the process ends after it. An error in a
    slot or a thread stops at the slot or the thread (its traceback starts there) and the app runs on."""
    while tb is not None:
        frame = tb.tb_frame
        if frame.f_code.co_name == "<module>" and frame.f_globals.get("__name__") == "__main__":
            return True
        tb = tb.tb_next
    return False


class ErrorHandling(QObject):
    """sys.excepthook and threading.excepthook while installed, and Qt's messages to the log; uninstall() puts
    back what was there. The dialog opens on the UI thread after the failing slot has returned, one at a time:
    errors while it is open are counted in it."""

    arrived = Signal(object)  # a ProgramError, from any thread

    def __init__(self, app: QApplication, clock=time.monotonic):
        super().__init__(app)
        self.clock = clock
        self.repeats = logs.Repeats()
        self.dialog = None  # the CrashDialog shown, if any
        self._places: list[tuple] = []  # the errors in the open dialog
        self._closed_at: dict[tuple, float] = {}
        self.arrived.connect(self.show_error, Qt.ConnectionType.QueuedConnection)
        self._previous = sys.excepthook, threading.excepthook
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook
        self.qt_messages = QtMessages()

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous
        self.qt_messages.uninstall()
        if self.dialog is not None:
            self.dialog.close()

    # --- any thread ---------------------------------------------------------------------
    def excepthook(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C in a developer's terminal: no dialog
            self._previous[0](exc_type, exc, tb)
            return
        self.catch(exc_type, exc, tb, threading.current_thread().name)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if issubclass(args.exc_type, SystemExit):  # as Python's own hook: a thread may end itself so
            return
        thread = args.thread.name if args.thread is not None else "?"
        self.catch(args.exc_type, args.exc_value, args.exc_traceback, thread)

    def catch(self, exc_type, exc, tb, thread: str) -> None:
        """Log the error (in full the first time at its place) and have the UI thread show it."""
        try:
            error = describe(exc_type, exc, tb, thread)
            count = self.repeats.count(error.place)
            if count == 1:
                log.error("program error in thread %s", thread, exc_info=(exc_type, exc, tb))
            elif logs.Repeats.worth_a_line(count):
                log.error("the same program error again (%d times so far): %s", count, error.summary)
            if error.ends_program and threading.current_thread() is threading.main_thread():
                self.show_error(error)  # no event loop will run again to deliver a queued call
            else:
                self.arrived.emit(error)  # queued: the slot that failed returns first
        except Exception:  # noqa: BLE001 — the hook must not fail; at least the console (when there is one)
            if sys.stderr is not None:
                traceback.print_exception(exc_type, exc, tb)

    # --- the UI thread -----------------------------------------------------------------
    def show_error(self, error: ProgramError) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.add(error.details)  # nobody could type since it opened: the drafts are kept already
            self._places.append(error.place)
            return
        closed = self._closed_at.get(error.place)
        if closed is not None and self.clock() - closed < QUIET_AFTER_CLOSE_S:
            return
        flush_open_drafts()  # before the dialog says so
        from agency_app.ui.shell.crash_dialog import CrashDialog  # made when first needed: starts stay fast
        self.dialog = CrashDialog(error.summary, error.details, log_file=logs.current_log_file(),
                                  log_folder=logs.log_folder(), ends_program=error.ends_program)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.finished.connect(self._closed)
        self._places = [error.place]
        if error.ends_program:
            self.dialog.exec()
            return
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def _closed(self) -> None:
        now = self.clock()
        for place in self._places:
            self._closed_at[place] = now
        self._places, self.dialog = [], None


def install_error_handling(app: QApplication) -> ErrorHandling:
    """Once at start, before anything can fail: the log file (if not yet started), Qt's versions and messages
    into it, and every uncaught exception — in a slot, a QThread or a threading.Thread — logged and shown."""
    logs.start()
    logs.note("qt", f"PySide6 {PySide6.__version__}, Qt {qVersion()}, platform {app.platformName()}")
    return ErrorHandling(app)
