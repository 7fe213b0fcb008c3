"""One send/receive in one dialog: the passphrase (asked again in place when wrong), the progress with 中止, the result.

The job (sync_jobs) runs as a write (ops.write): on the writer thread, on the app's one writing connection, so the
window keeps painting and no second writer is opened. 中止 makes `cancelled()` true; the import under way is rolled
back (one transaction) and the dialog says that nothing of that file was imported. The passphrase is kept in memory
for the window's session once it has worked (PassphraseKeeper), never on disk.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QScrollArea, QStackedWidget,
    QVBoxLayout, QWidget,
)

from agency_app.sync import passphrase as passphrase_rules
from agency_app.ui.kit.job_dialog import StopsWhileRunning, open_folder
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.widgets import ERROR_COLOUR
from agency_app.ui.sync.sync_jobs import Outcome
from agency_app.ui.sync.sync_texts import summary_lines

PROGRESS_EVERY_S = 0.05


class PassphraseKeeper:
    """The agency's passphrase for this window's session, in memory only (a staff switch forgets it)."""

    def __init__(self):
        self.value: str | None = None

    def forget(self) -> None:
        self.value = None


class _Relay(QObject):
    said = Signal(int, int, str)


class SyncDialog(StopsWhileRunning, QDialog):
    """ask → running → done (or back to ask with the reason under the field). Esc: キャンセル, 中止 or 閉じる."""

    finished_job = Signal(object)  # the Outcome, once the dialog shows it

    def __init__(self, ops: Operations, parent: QWidget | None, *, title: str, intro: str, job, keeper:
                 PassphraseKeeper, confirm: bool, retry_job: Callable[[Outcome], object] | None = None,
                 cancelled: Callable[[], bool] | None = None):
        super().__init__(parent)
        self.ops, self.job, self.keeper, self.confirm, self.retry_job = ops, job, keeper, confirm, retry_job
        self.state = "ask"
        self.outcome: Outcome | None = None
        self._kept: Outcome | None = None  # what earlier attempts imported, before a wrong passphrase
        self._stop = threading.Event()
        self._cancelled = cancelled or self._stop.is_set
        self._relay = _Relay(self)
        self._relay.said.connect(self._show_progress)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._ask_page(intro))
        self.pages.addWidget(self._run_page())
        self.pages.addWidget(self._done_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    # --- the pages ------------------------------------------------------------------------
    def _ask_page(self, intro: str) -> QWidget:
        page = QWidget()
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setMinimumWidth(280)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("passphraseError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.hide()
        form = QFormLayout()
        label = QLabel(self.tr("&Passphrase:"))
        label.setBuddy(self.passphrase)
        form.addRow(label, self.passphrase)
        if self.confirm:
            again_label = QLabel(self.tr("&Again:"))
            again_label.setBuddy(self.again)
            form.addRow(again_label, self.again)
        else:
            self.again.hide()
        form.addRow("", self.error)
        self.note = QLabel(self.tr("The passphrase is the agency's, told by head office. It is kept only while this "
                                   "window is open, never saved."))
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: palette(mid);")
        self.go_button = QPushButton(self.tr("&Start"))
        self.go_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.go_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(page)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addLayout(_buttons(self.go_button, self.cancel_button))
        return page

    def _run_page(self) -> QWidget:
        page = QWidget()
        self.what = QLabel(self.tr("Preparing…"))
        self.what.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setAutoDefault(False)
        self.stop_button.clicked.connect(self.stop)
        layout = QVBoxLayout(page)
        layout.addWidget(self.what)
        layout.addWidget(self.bar)
        layout.addStretch(1)
        layout.addLayout(_buttons(self.stop_button))
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold;")
        self.heading.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("syncSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.summary)
        self.open_button = QPushButton(self.tr("Open the &folder"))
        self.open_button.clicked.connect(self.open_folder)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(page)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addLayout(_buttons(self.open_button, self.close_button))
        return page

    # --- asking -------------------------------------------------------------------------------
    def begin(self) -> "SyncDialog":
        """Show the dialog (window-modal); with a passphrase kept from earlier in the session, start at once."""
        self.setWindowModality(Qt.WindowModality.WindowModal)
        kept = self.keeper.value
        if kept is not None and not (self.confirm and passphrase_rules.problem(kept)):
            self.show()
            self._run(kept)
        else:
            self.show()
            self._show_ask("")  # the keyboard in the field once it is on the screen
        return self

    def _show_ask(self, problem: str) -> None:
        self.state = "ask"
        self.pages.setCurrentIndex(0)
        self.error.setText(problem)
        self.error.setVisible(bool(problem))
        self.again.clear()
        self.passphrase.setFocus()
        self.passphrase.selectAll()
        self.adjustSize()

    def start(self) -> None:
        """開始: an export's passphrase must be strong and typed twice alike; an import's only not empty."""
        text = self.passphrase.text()
        if self.confirm:
            problem = passphrase_rules.problem(text)
            if problem is None and self.again.text() != text:
                problem = self.tr("The two entries differ. Type the passphrase again in both fields.")
        else:
            problem = None if text else self.tr("Enter the passphrase.")
        if problem:
            self._show_ask(problem)
            return
        self._run(text)

    # --- running ------------------------------------------------------------------------------
    def _run(self, passphrase: str) -> None:
        self.state = "running"
        self._stop.clear()
        self.stop_button.setEnabled(True)
        self.what.setText(self.tr("Preparing…"))
        self.bar.setRange(0, 0)
        self.pages.setCurrentIndex(1)
        self.stop_button.setFocus()
        relay, cancelled, job, last = self._relay, self._cancelled, self.job, [0.0]

        def say(done: int, total: int, text: str) -> None:
            now = time.monotonic()
            if not text and now - last[0] < PROGRESS_EVERY_S and not (total and done >= total):
                return
            last[0] = now
            relay.said.emit(done, total, text)

        self.ops.write(self, lambda data: job(data, passphrase, cancelled, say)) \
            .success(lambda outcome: self._ended(outcome, passphrase)).failure(self._failed).run()

    def _show_progress(self, done: int, total: int, text: str) -> None:
        if self.state != "running":
            return
        if text:
            self.what.setText(self.tr("Working: {what}").format(what=text))
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)

    def stop(self) -> None:
        """中止 (Esc, the close box): the job stops at its next step, and what it was importing is rolled back."""
        if self.state != "running":
            return
        self.stop_button.setEnabled(False)
        self.what.setText(self.tr("Stopping…"))
        self._stop.set()

    def _ended(self, outcome: Outcome, passphrase: str) -> None:
        if self._kept is not None:  # files imported before the passphrase was asked again
            outcome.imported[:0] = self._kept.imported
            outcome.skipped[:0] = self._kept.skipped
            self._kept = None
        if outcome.wrong:
            self.keeper.forget()
            if self.retry_job is not None and outcome.remaining:
                self._kept = outcome
                self.job = self.retry_job(outcome)
            self._show_ask(outcome.wrong)
            return
        if not outcome.failed and not outcome.stopped and (outcome.exported or outcome.imported):
            self.keeper.value = passphrase  # it worked: not asked again in this session
        self._show_done(outcome)

    def _failed(self, error: Exception) -> None:
        """A known storage error (disk full, the file locked by another program): said here, nothing kept."""
        from agency_app.ui.kit.messages import known_error_text
        outcome = Outcome("failed", failed=known_error_text(error))
        self._show_done(outcome)

    def _show_done(self, outcome: Outcome) -> None:
        self.state = "done"
        self.outcome = outcome
        if outcome.stopped:
            self.heading.setText(self.tr("Stopped. Nothing of {name} was imported or written.").format(
                name=outcome.stopped_at))
            lines = summary_lines(outcome) if outcome.imported else []
            if outcome.imported:
                lines.insert(0, self.tr("The files imported before it stay imported:"))
        elif outcome.failed:
            self.heading.setText(self.tr("Not done."))
            lines = [outcome.failed, self.tr("Nothing was written.")] if outcome.kind == "export" else [outcome.failed]
        else:
            self.heading.setText({"export": self.tr("The file to send is written."),
                                  "import": self.tr("Import finished."),
                                  "folder": self.tr("Send and receive finished.")}.get(outcome.kind, ""))
            lines = summary_lines(outcome)
        self.heading.setStyleSheet(f"font-weight: bold; color: {ERROR_COLOUR};" if outcome.failed
                                   else "font-weight: bold;")
        self.summary.setText("\n".join(lines))
        self.open_button.setVisible(outcome.exported is not None)
        self.pages.setCurrentIndex(2)
        self.close_button.setFocus()
        # The whole summary shown without scrolling when the screen has the room (a list of skipped files with
        # their reasons is long): the dialog grows to it, up to 60% of the screen's height.
        area = self.screen().availableGeometry() if self.screen() else None
        width = min(680, area.width() - 40) if area else 680
        self.setMinimumWidth(max(self.minimumWidth(), width))
        needed = self.summary.heightForWidth(width - 90) + 24  # margins and a scroll bar's width
        self.scroll.setMinimumHeight(min(needed, int((area.height() if area else 768) * 0.6) - 120))
        self.adjustSize()
        self.finished_job.emit(outcome)

    def open_folder(self) -> None:
        if self.outcome is not None and self.outcome.exported is not None:
            open_folder(Path(self.outcome.exported.path).parent)



def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row
