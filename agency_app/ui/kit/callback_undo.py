"""After 折り返し済: a calm notice with 元に戻す (Ctrl+Z) for a short while, and the undo itself.

CallbackMadeFlow is what a voice or case panel (and the call-backs list) uses: mark(table, uid) opens the
dialog (callback_made_dialog.py); once written, the notice offers the undo for UNDO_SECONDS. The notice
floats over the bottom edge of the screen part it belongs to, outside every layout, so showing and hiding
it never moves a button or the splitter.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget
from shiboken6 import isValid

from agency_app.domain import errors as E
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.periods import now_tokyo
from agency_app.domain.workflow import CallbackMade
from agency_app.storage.records import EditConflict
from agency_app.ui.kit.callback_made_dialog import CallbackMadeDialog
from agency_app.ui.kit.messages import field_error_text, known_error_text
from agency_app.ui.kit.operations import Operations

# Long enough to read the notice and notice a wrong row (a second or two, then the hand to Ctrl+Z), short
# enough that Ctrl+Z still means "the call-back I just marked" and not something done minutes ago, when
# the person has moved on (and the version check would mostly refuse anyway).
UNDO_SECONDS = 10
MESSAGE_SECONDS = 5  # a message without a button (undone, refused, too late) stays this long


class UndoNotice(QFrame):
    """A one-line strip over the bottom of `anchor` (a widget inside `parent`): a message, and an undo button."""

    def __init__(self, parent: QWidget, anchor: QWidget | None = None):
        super().__init__(parent)
        self.anchor = anchor or parent
        self.setObjectName("undoNotice")
        self.setStyleSheet("#undoNotice { background: #e8f1fb; border: 1px solid #a9c6e6; border-radius: 3px; }"
                           " QLabel { color: #123a63; }")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton(self.tr("Undo (Ctrl+Z)"), self)
        self.button.setAutoDefault(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.anchor.installEventFilter(self)
        self.hide()

    def say(self, text: str, *, undo: bool) -> None:
        self.label.setText(text)
        self.button.setVisible(undo)
        self.show()
        self._place()
        self.raise_()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def _place(self) -> None:
        height = self.sizeHint().height()
        corner = self.anchor.mapTo(self.parentWidget(), self.anchor.rect().bottomLeft()) \
            if self.anchor is not self.parentWidget() else self.anchor.rect().bottomLeft()
        self.setGeometry(corner.x() + 4, corner.y() - height - 3, max(self.anchor.width() - 8, 0), height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.anchor and event.type() in (QEvent.Type.Resize, QEvent.Type.Move) and self.isVisible():
            self._place()
        return super().eventFilter(watched, event)


class CallbackMadeFlow(QObject):
    """Marks call-backs made on `host` and takes the last one back within UNDO_SECONDS.

    `undo_offered` says when an undo becomes possible or stops being so (the Ctrl+Z action follows it).

    `staff()` is who acts now; `clock` the business time written; `monotonic` (seconds) decides the undo
    window, so a timer that fires late never lets an old undo through. Tests inject both and fire `timer`.
    """

    undo_offered = Signal(bool)

    def __init__(self, host: QWidget, ops: Operations, staff: Callable[[], str], *, anchor: QWidget | None = None,
                 clock: Callable = now_tokyo, monotonic: Callable[[], float] = time.monotonic):
        super().__init__(host)
        self.host, self.ops, self.staff, self.clock, self.monotonic = host, ops, staff, clock, monotonic
        self.notice = UndoNotice(host, anchor)
        self.notice.button.clicked.connect(self.undo)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._expire)
        self._made: tuple[str, CallbackMade] | None = None
        self._deadline = 0.0
        self._late = False  # an undo was offered and its time ran out
        self._undoing = False
        self._dialog: CallbackMadeDialog | None = None

    def can_undo(self) -> bool:
        return self._made is not None and self.monotonic() < self._deadline

    def mark(self, table: str, uid: str, record: dict | None = None) -> CallbackMadeDialog | None:
        """Open the dialog for record `uid` of `table` ("voices" / "cases"); None (and why, in the notice)
        when `record` — as the screen shows it — has no open promise."""
        if self._dialog is not None and isValid(self._dialog) and self._dialog.isVisible():
            self._dialog.activateWindow()  # Ctrl+R twice, or a double click: one dialog, the first one
            return self._dialog
        if record is not None and (not record.get("callback_at") or record.get("callback_done_at")):
            code = E.CALLBACK_ALREADY_DONE if record.get("callback_at") else E.CALLBACK_NOT_PROMISED
            self._say(field_error_text(FieldError("callback_at", code)))
            return None
        dialog = CallbackMadeDialog(self.ops, self.staff(), uid, table, clock=self.clock, parent=self.host)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # The notice names the record: the list may show another one by the time it is read.
        subject = _short(dialog.subject.text())
        dialog.made.connect(lambda made: self._offer(table, made, subject))
        dialog.open()  # window-modal, returns at once
        self._dialog = dialog
        return dialog

    def _offer(self, table: str, made: CallbackMade, subject: str) -> None:
        self._made, self._late = (table, made), False
        self._deadline = self.monotonic() + UNDO_SECONDS
        self.notice.say(self.tr("Marked the call-back as made ({subject}).").format(subject=subject) if subject
                        else self.tr("Marked the call-back as made."), undo=True)
        self.timer.start(UNDO_SECONDS * 1000)
        self.undo_offered.emit(True)

    def forget(self) -> None:
        """Another person is at the PC: the last call-back made is not theirs to undo; its notice goes."""
        self.timer.stop()
        if self._made is not None:
            self._made = None
            self.undo_offered.emit(False)
        self._late = False
        self.notice.hide()

    def _expire(self) -> None:
        """The undo window has passed (or a message has been read): the notice goes, the undo with it."""
        if self._made is not None:
            self._made, self._late = None, True
            self.undo_offered.emit(False)
        self.notice.hide()

    def _say(self, text: str) -> None:
        self.notice.say(text, undo=False)
        self.timer.start(MESSAGE_SECONDS * 1000)

    def undo(self) -> None:
        """Take back the call-back marked last, if still within the window and nothing changed since."""
        if self._undoing:
            return
        if self._made is not None and not self.can_undo():
            self._expire()  # the timer may not have fired yet (a busy moment): the clock decides
        if self._made is None:
            self._say(self.tr("Too late to undo: a call-back can be undone for {seconds} seconds after it is "
                              "marked. Its history shows what was written.").format(seconds=UNDO_SECONDS)
                      if self._late else self.tr("There is nothing to undo."))
            return
        (table, made), self._made = self._made, None
        self.undo_offered.emit(False)
        by, now = self.staff(), self.clock()
        self._undoing = True
        self.timer.stop()

        def ended() -> None:
            self._undoing = False

        def refused(error: Exception) -> None:
            if isinstance(error, (EditConflict, ValidationFailed)):
                self._say(self.tr("Not undone: the record was changed after the call-back was marked made. "
                                  "Check it and change it by hand if needed."))
            else:  # gone meanwhile, disk full…
                self._say(known_error_text(error))
        self.ops.write(self.host, lambda data: getattr(data, table).undo_callback_made(made, by=by, now=now)) \
            .always(ended).success(lambda _: self._say(self.tr("Undone: the call-back is open again."))) \
            .failure(refused).run()


def _short(text: str, limit: int = 16) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def callback_flow(panel: QWidget, *, anchor: QWidget | None = None) -> CallbackMadeFlow:
    """The panel's flow, made on first use (a panel's `ops`, `staff_uid` and, if it has one, `clock`)."""
    flow = getattr(panel, "_callback_flow", None)
    if flow is None:
        flow = CallbackMadeFlow(panel, panel.ops, lambda: panel.staff_uid, anchor=anchor,
                                clock=getattr(panel, "clock", now_tokyo))
        panel._callback_flow = flow
        if hasattr(panel, "update_undo"):  # the panel's Ctrl+Z is offered while an undo is possible
            flow.undo_offered.connect(lambda _offered: panel.update_undo())
    return flow
