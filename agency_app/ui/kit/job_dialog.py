"""A long job that writes a file (an Excel export): its progress with 中止, then 保存しました with the folder, or the
reason it failed with another file name to try — while the window stays usable.

    JobDialog(ops, window, title, path, job=lambda data, path, control: write(data.conn, path, control=control),
              record=lambda data, path, rows: record_export(data.store, ...), choose_path=ask).start()

The job runs as a query (ops.query): on a reader thread with that thread's own read-only connection, so the window
never waits for it. It gets a JobControl whose progress reaches the bar and whose should_stop is the 中止 button.
After the file is saved, `record` runs as a write (the history of what left the office, R31); a record that cannot
be written takes the file back, so no export exists that the history does not know of.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget,
)

from agency_app.domain.progress import JobControl, Stopped
from agency_app.ui.kit.messages import known_error_text
from agency_app.ui.kit.operations import KNOWN_ERRORS, Operations
from agency_app.ui.kit.widgets import ERROR_COLOUR

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

PROGRESS_EVERY_S = 0.05  # a job may report every row: the bar needs at most twenty updates a second


class _Progress(QObject):
    """Carries progress from the worker thread to the dialog (a signal emitted there arrives queued here)."""

    said = Signal(int, int, str)


class _Failed:
    """What the job said went wrong, carried back as its result (an Op raises unknown errors as bugs)."""

    def __init__(self, text: str):
        self.text = text


def failure_text(error: BaseException) -> str | None:
    """The Japanese reason for an error the user can act on (a file open in Excel, a locked or full disk), or
    None for a bug. WorkbookSaveError comes from reports/ and is known by its `message_ja`."""
    message = getattr(error, "message_ja", None)
    if isinstance(message, str) and message:
        return message
    if isinstance(error, KNOWN_ERRORS):
        return known_error_text(error)
    if isinstance(error, OSError):  # the folder went away, no right to write there…
        return translate("JobDialog", "The file could not be written: {reason}").format(
            reason=error.strerror or str(error))
    return None


def open_folder(folder: Path) -> bool:
    """Show the folder in Explorer (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class StopsWhileRunning:
    """For a dialog that runs a job (its `state` is "running" meanwhile, `stop()` asks it to stop): Esc or the close
    box asks the job to stop instead of closing on it; the dialog closes as usual before and after."""

    def reject(self) -> None:
        if self.state == "running":
            self.stop()
            return
        super().reject()

    def closeEvent(self, event) -> None:
        if self.state == "running":
            self.stop()
            event.ignore()
            return
        super().closeEvent(event)


class JobDialog(StopsWhileRunning, QDialog):
    """One job: running (bar, 中止 = Esc), then saved (フォルダを開く, 閉じる) or failed (別の名前で保存…, 閉じる)."""

    saved = Signal(object)   # Path: the file is written and recorded
    stopped = Signal()       # 中止: no file left behind

    def __init__(self, ops: Operations, parent: QWidget | None, title: str, path: Path, *,
                 job: Callable[[object, Path, JobControl], int],
                 record: Callable[[object, Path, int], object] | None = None,
                 choose_path: Callable[[Path], Path | None] | None = None):
        super().__init__(parent)
        self.ops, self.path, self.job, self.record, self.choose_path = ops, Path(path), job, record, choose_path
        self.state = "new"  # running → saved | failed | stopped
        self.rows: int | None = None
        self._stop = threading.Event()
        self._op = None
        self._existed = False
        self._relay = _Progress(self)
        self._relay.said.connect(self._show_progress)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)

        self.what = QLabel(translate("JobDialog", "Preparing…"))
        self.what.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # moving until the job says how much there is
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.buttons = QDialogButtonBox()
        self.stop_button = QPushButton(translate("JobDialog", "Stop"))
        self.open_button = QPushButton(translate("JobDialog", "Open the &folder"))
        self.other_button = QPushButton(translate("JobDialog", "Save under &another name…"))
        self.close_button = QPushButton(translate("JobDialog", "Close"))
        for button, role in ((self.stop_button, QDialogButtonBox.ButtonRole.RejectRole),
                             (self.open_button, QDialogButtonBox.ButtonRole.ActionRole),
                             (self.other_button, QDialogButtonBox.ButtonRole.ActionRole),
                             (self.close_button, QDialogButtonBox.ButtonRole.RejectRole)):
            self.buttons.addButton(button, role)
            # Enter presses the focused button once the job has ended; while it runs only Esc (中止) acts.
            button.setAutoDefault(button is not self.stop_button)
        self.stop_button.clicked.connect(self.stop)
        self.open_button.clicked.connect(self.open_folder)
        self.other_button.clicked.connect(self.save_elsewhere)
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.what)
        layout.addWidget(self.bar)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._show_buttons()

    # --- running ----------------------------------------------------------------------------
    def start(self) -> "JobDialog":
        """Show the dialog (window-modal: the window behind keeps painting) and start the job."""
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.show()
        self._run()
        return self

    def _run(self) -> None:
        self.state = "running"
        self._stop.clear()
        self._existed = self.path.exists()
        self.message.hide()
        self.what.setText(translate("JobDialog", "Preparing…"))
        self.bar.show()
        self.bar.setRange(0, 0)
        self._show_buttons()
        path, stop, relay = self.path, self._stop, self._relay
        last = [0.0]

        def progress(done: int, total: int, what: str) -> None:
            now = time.monotonic()
            if now - last[0] >= PROGRESS_EVERY_S or (total and done >= total):
                last[0] = now
                relay.said.emit(done, total, what)

        control = JobControl(progress=progress, should_stop=stop.is_set)

        def work(data):
            try:
                return self.job(data, path, control)
            except Stopped:
                return Stopped()
            except Exception as error:  # noqa: BLE001 — the reason goes to the user; a bug is raised on
                text = failure_text(error)
                if text is None:
                    raise
                log.info("export failed: %r", error)
                return _Failed(text)

        self._op = self.ops.query(self, work).success(self._job_done).failure(self._job_failed)
        self._op.always(self._job_ended).run()

    def _show_progress(self, done: int, total: int, what: str) -> None:
        if self.state != "running":
            return
        if what:
            self.what.setText(what)
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def _job_ended(self) -> None:
        """Any end (also one the op dropped: 中止 interrupting a query)."""
        self._op = None
        if self.state == "running" and self._stop.is_set():
            self._stopped()

    def _job_done(self, result) -> None:
        if self.state != "running":
            return
        if isinstance(result, Stopped) or self._stop.is_set():
            self._stopped()
        elif isinstance(result, _Failed):
            self._failed(result.text)
        elif self.record is None:
            self._saved(result)
        else:
            self.what.setText(translate("JobDialog", "Recording the export…"))
            path = self.path
            self.ops.write(self, lambda data: self.record(data, path, result)) \
                .success(lambda _uid: self._saved(result)).failure(self._record_failed).run()

    def _job_failed(self, error: Exception) -> None:
        if self.state == "running":
            self._failed(failure_text(error) or str(error))

    def _record_failed(self, error: Exception) -> None:
        """The file is there but the history does not know it: it is taken back (R31), and the user told why."""
        self._remove_new_file()
        self._failed(translate("JobDialog", "The file was not kept because the export could not be recorded: "
                                            "{reason}").format(reason=failure_text(error) or str(error)))

    def _remove_new_file(self) -> None:
        if not self._existed:
            try:
                self.path.unlink(missing_ok=True)
            except OSError as error:
                log.warning("could not remove %s: %s", self.path, error)

    # --- the ends -------------------------------------------------------------------------
    def _saved(self, rows) -> None:
        self.state = "saved"
        self.rows = rows
        self.bar.hide()
        self.what.setText(translate("JobDialog", "Saved."))
        self.message.setStyleSheet("")
        self.message.setText(translate("JobDialog", "File: {name}\nFolder: {folder}").format(
            name=self.path.name, folder=self.path.parent))
        self.message.show()
        self._show_buttons()
        self.adjustSize()  # a wrapped message grows the dialog, never cut off
        self.close_button.setFocus()
        self.saved.emit(self.path)

    def _failed(self, text: str) -> None:
        self.state = "failed"
        self.bar.hide()
        self.what.setText(translate("JobDialog", "Not saved."))
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.message.setText(text)
        self.message.show()
        self._show_buttons()
        self.adjustSize()
        (self.other_button if self.choose_path is not None else self.close_button).setFocus()

    def _stopped(self) -> None:
        """中止: whatever the job left (it should leave nothing) is removed, unless the file was there before."""
        self._remove_new_file()
        self.state = "stopped"
        self.stopped.emit()
        self.reject()

    def _show_buttons(self) -> None:
        running = self.state in ("new", "running")
        self.stop_button.setVisible(running)
        self.open_button.setVisible(self.state == "saved")
        self.other_button.setVisible(self.state == "failed" and self.choose_path is not None)
        self.close_button.setVisible(not running)

    # --- the buttons ------------------------------------------------------------------------
    def stop(self) -> None:
        """中止 (also Esc and the close box): the job stops at its next step; a query under way is interrupted."""
        if self.state != "running":
            return
        self.stop_button.setEnabled(False)
        self.what.setText(translate("JobDialog", "Stopping…"))
        self._stop.set()
        if self._op is not None:
            self._op.cancel()

    def open_folder(self) -> None:
        open_folder(self.path.parent)

    def save_elsewhere(self) -> None:
        """After a failure: the same export under another name (the choices made stay as they were)."""
        if self.choose_path is None:
            return
        chosen = self.choose_path(self.path)
        if chosen is None:
            return
        self.path = Path(chosen)
        self.stop_button.setEnabled(True)
        self._run()

