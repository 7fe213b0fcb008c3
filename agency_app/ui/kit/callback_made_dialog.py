"""折り返し済にする: one small dialog for a voice or a case — the promise, an optional note of the call, 対応中にする.

Enter confirms, Shift+Enter starts a new line in the note, Esc cancels. The Enter that commits a Japanese
IME conversion is the IME's, never a confirmation (NoteEdit). The dialog writes through the operations and
closes once written, emitting `made` with what undo needs (domain.workflow.CallbackMade); a refusal keeps the
dialog open with the note as typed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from agency_app.domain import codes
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.periods import now_tokyo
from agency_app.domain.voice import parse_datetime
from agency_app.domain.workflow import CALLBACK_NOTE_MAX
from agency_app.storage.records import EditConflict
from agency_app.storage.services import Services
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kit.input_method import commit_input_method, track_input_method
from agency_app.ui.kit.messages import field_error_text, known_error_text
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.widgets import Banner, FieldBox, confirm_discard

translate = QCoreApplication.translate

# How soon after an IME commit a Return is taken as the key that committed it. Some platforms deliver the
# committing Return to the widget after the commit, others swallow it; a person who reads the converted
# text and then presses Enter to confirm takes far longer than this.
IME_ENTER_GRACE_S = 0.3


def weekday_text(day_index: int) -> str:
    """月…日 for Monday…Sunday (Python's weekday())."""
    names = (translate("CallbackMadeDialog", "Mon"), translate("CallbackMadeDialog", "Tue"),
             translate("CallbackMadeDialog", "Wed"), translate("CallbackMadeDialog", "Thu"),
             translate("CallbackMadeDialog", "Fri"), translate("CallbackMadeDialog", "Sat"),
             translate("CallbackMadeDialog", "Sun"))
    return names[day_index]


def promise_text(callback_at: str | None, who: str) -> str:
    """「12/05(土) 15:00 阿部さんが折り返し」: when, and who promised to call."""
    moment = parse_datetime(callback_at or "")
    when = (f"{moment:%m/%d}({weekday_text(moment.weekday())}) {moment:%H:%M}" if moment is not None
            else (callback_at or ""))
    family = who.split()[0] if who.split() else who  # staff call each other by family name
    if not family:
        return translate("CallbackMadeDialog", "{when} call-back").format(when=when)
    return translate("CallbackMadeDialog", "{when} call-back by {who}").format(when=when, who=family)


class NoteEdit(QPlainTextEdit):
    """A note box where Enter (or Ctrl+Enter) confirms and Shift+Enter starts a new line.

    While an IME composes, and for the Return that commits its conversion, Enter is left to the IME;
    Ctrl+Enter always confirms (the dialog commits the conversion first).
    `clock` (seconds, monotonic) is injectable for tests.
    """

    confirmed = Signal()

    def __init__(self, parent: QWidget | None = None, clock: Callable[[], float] = time.monotonic):
        super().__init__(parent)
        self.clock = clock
        self.setTabChangesFocus(True)  # Tab goes on to the tick box, as everywhere else
        self._composing = False
        self._committed_at: float | None = None

    def inputMethodEvent(self, event) -> None:
        self._composing = bool(event.preeditString())
        if event.commitString():
            self._committed_at = self.clock()
        super().inputMethodEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            committed, self._committed_at = self._committed_at, None
            if modifiers == Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            elif modifiers == Qt.KeyboardModifier.ControlModifier:
                self.confirmed.emit()  # Ctrl+Enter is never the IME's: it saves, the conversion committed first
            elif self._composing or (committed is not None and self.clock() - committed < IME_ENTER_GRACE_S):
                pass  # the IME's Enter: it chose the conversion; the dialog stays
            elif modifiers == Qt.KeyboardModifier.NoModifier:
                self.confirmed.emit()
            event.accept()
            return
        self._committed_at = None  # any other key: the next Return is the person's own
        super().keyPressEvent(event)


class CallbackMadeDialog(QDialog):
    """Confirm that the promised call-back of one voice or case was made; `made(CallbackMade)` once written.

    `table` is "voices" or "cases" (which repository of Services writes). 対応中にする is offered, ticked,
    only while the record is 未対応.
    """

    made = Signal(object)

    def __init__(self, ops: Operations, staff_uid: str, uid: str, table: str, *,
                 clock: Callable = now_tokyo, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.uid, self.table, self.clock = ops, staff_uid, uid, table, clock
        self._saving = False
        self.setWindowTitle(self.tr("Call-back made"))

        self.banner = Banner(self)
        self.promise = QLabel(self)
        self.promise.setObjectName("callbackPromise")
        font = self.promise.font()
        font.setBold(True)
        self.promise.setFont(font)
        self.subject = QLabel(self)
        self.subject.setWordWrap(True)
        self.subject.setTextFormat(Qt.TextFormat.PlainText)  # customer text is never markup
        self.note = NoteEdit(self)
        self.note.setPlaceholderText(self.tr("What was said (optional)"))
        self.note.setMinimumHeight(90)
        self.note.confirmed.connect(self.confirm)
        self.note_box = FieldBox(self.note, self)
        note_label = QLabel(self.tr("&Note of the call (optional)"), self)
        note_label.setBuddy(self.note)
        hint = QLabel(self.tr("Enter confirms, Shift+Enter starts a new line, Esc cancels."), self)
        hint.setStyleSheet("color: #555;")
        self.start_work = QCheckBox(self.tr("Set to &in progress"), self)

        self.confirm_button = QPushButton(self.tr("Mark as made (Enter)"), self)
        self.confirm_button.setDefault(True)  # Enter on the tick box confirms too
        self.confirm_button.clicked.connect(self.confirm)
        self.cancel_button = QPushButton(self.tr("Cancel (Esc)"), self)
        self.cancel_button.setAutoDefault(True)  # Enter on a focused Cancel cancels, as it reads
        self.cancel_button.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.confirm)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.promise)
        layout.addWidget(self.subject)
        layout.addWidget(note_label)
        layout.addWidget(self.note_box, 1)
        layout.addWidget(hint)
        layout.addWidget(self.start_work)
        layout.addLayout(buttons)
        fit_to_screen(self, QSize(460, 300))
        self._read()
        track_input_method(self)
        self.start_work.setChecked(not self.start_work.isHidden())
        self.note.setFocus()

    def _repository(self, services: Services):
        return getattr(services, self.table)

    def _read(self) -> None:
        """Show the record as stored now (also after another PC changed it): promise, subject, version."""
        record = self._repository(self.ops.read).get(self.uid)
        self._version = record["version"]
        who = self.ops.read.staff_names().get(record.get("callback_staff_id") or "", "")
        self.promise.setText(promise_text(record.get("callback_at"), who))
        self.subject.setText(record.get("title") or "　".join(
            part for part in (record.get("customer_name"), record.get("summary")) if part))
        # Offered only for 未対応: a record already in progress or closed keeps its status.
        new = record["status"] == codes.STATUS_NEW
        if not new:
            self.start_work.setChecked(False)
        self.start_work.setVisible(new)

    def note_text(self) -> str:
        return self.note.toPlainText()

    def confirm(self) -> None:
        """Write it through the operations; closes once written, stays (with the note) when refused."""
        if self._saving:
            return
        commit_input_method(self)  # Ctrl+Enter does not move focus: a word still being converted is kept too
        self.banner.clear_message()
        self.note_box.clear_error()
        note, start = self.note_text(), self.start_work.isChecked() and not self.start_work.isHidden()
        if len(note.strip()) > CALLBACK_NOTE_MAX:  # said before asking the writer, under the box
            self.note_box.set_error(self.tr("Too long: {count} characters (max {max}).").format(
                count=len(note.strip()), max=CALLBACK_NOTE_MAX))
            self.note.setFocus()
            return
        uid, by, now, version, table = self.uid, self.staff_uid, self.clock(), self._version, self.table
        self._saving = True

        def write(data: Services):
            return getattr(data, table).mark_callback_done(uid, by=by, now=now, expected_version=version,
                                                           note=note, start_work=start)
        self.ops.write(self, write).always(self._ended).success(self._written).failure(self._refused).run()

    def _ended(self) -> None:
        self._saving = False

    def _written(self, made) -> None:
        self._saving = False
        self.made.emit(made)
        super().accept()

    def _refused(self, error: Exception) -> None:
        self._saving = False
        if isinstance(error, EditConflict):
            # Someone changed the record meanwhile: show it as it is now; Enter again marks it (the note stays).
            self._read()
            self.banner.show_message(self.tr("Someone else changed this record a moment ago. Check the promise "
                                             "above, then press Enter again."))
        elif isinstance(error, ValidationFailed):
            first = error.errors[0]
            if first.field == "callback_note":
                self.note_box.set_error(field_error_text(first))
            else:
                self.banner.show_message(field_error_text(first))
        else:
            self.banner.show_message(known_error_text(error))

    def reject(self) -> None:
        """Esc: a typed note is only thrown away when the person says so."""
        commit_input_method(self)  # a word still being converted counts as typed
        if self.note_text().strip() and not confirm_discard(self):
            return
        super().reject()
