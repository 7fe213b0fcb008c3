"""The meeting's own dialogs: who attended (several, the team first), a note on reopening, moving a voice to another team."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QVBoxLayout, QWidget,
)

from agency_app.ui.kit.input_method import commit_input_method, track_input_method
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.widgets import Banner
from agency_app.ui.voice_day import voice_day_texts as T

UID_ROLE = Qt.ItemDataRole.UserRole


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK and キャンセル for one of the meeting's dialogs; Ctrl+Enter is OK from anywhere in it, as in every form
    (Enter in its text box starts a new line), the word still being converted committed first."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)

    def confirm() -> None:
        commit_input_method(dialog)
        dialog.accept()
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(keys), dialog, confirm)
    track_input_method(dialog)  # its text boxes are made before its buttons
    return buttons


class RecordsOnOk:
    """For a QDialog with a `banner`, given `ops` and `record(services, value)`: OK records the value and the dialog
    closes only once it is recorded. A refusal (the database locked, the meeting closed elsewhere) is said in its
    banner with everything typed or ticked kept; OK again while recording does nothing. Without them OK closes."""

    ops: Operations | None = None
    record: Callable | None = None
    after_refusal: Callable | None = None  # told of a refusal too (the page shows a meeting changed elsewhere)
    _writing = False

    def _record_and_accept(self, value) -> None:
        if self.ops is None or self.record is None:
            QDialog.accept(self)
            return
        if self._writing:  # OK again (Enter twice) while it is being recorded
            return
        self.banner.clear_message()
        self._writing = True
        record = self.record
        self.ops.write(self, lambda services: record(services, value)).always(self._written) \
            .success(lambda _result: QDialog.accept(self)).failure(self._refused).run()

    def _written(self) -> None:
        self._writing = False

    def _refused(self, error: Exception) -> None:
        self.banner.show_message(T.error_text(error))
        if self.after_refusal is not None:
            self.after_refusal(error)


class AttendeesDialog(RecordsOnOk, QDialog):
    """A checkable list of the active staff, the team's members first; Space ticks the one under the keyboard."""

    def __init__(self, staff: list, team: str, chosen: set[str], parent: QWidget | None = None, *,
                 ops: Operations | None = None, record: Callable | None = None):
        super().__init__(parent)
        self.ops, self.record = ops, record
        self.setWindowTitle(self.tr("Attendees"))
        self.banner = Banner(self)
        label = QLabel(self.tr("Who attended (Space ticks)"), self)
        self.list = QListWidget(self)
        label.setBuddy(self.list)
        ordered = sorted(staff, key=lambda s: (s.team != team, s.kana, s.name))
        for member in ordered:
            item = QListWidgetItem(f"{member.name}　（{member.team}）" if member.team else member.name)
            item.setData(UID_ROLE, member.uid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if member.uid in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addWidget(ok_cancel(self))
        self.resize(380, 440)

    def accept(self) -> None:
        self._record_and_accept(self.checked())

    def checked(self) -> list[str]:
        return [self.list.item(i).data(UID_ROLE) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def set_checked(self, uids) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(UID_ROLE) in uids else Qt.CheckState.Unchecked)


class ReopenDialog(RecordsOnOk, QDialog):
    """会議を再開: a note on why (kept in the history).

    With `ops` and `record(services, note)`, OK records the reopening and the dialog closes only once it is
    recorded: a refusal (the database locked…) is said in its banner with the note still there."""

    def __init__(self, parent: QWidget | None = None, *, ops: Operations | None = None,
                 record: Callable | None = None):
        super().__init__(parent)
        self.ops, self.record = ops, record
        self.setWindowTitle(self.tr("Reopen the meeting"))
        self.banner = Banner(self)
        label = QLabel(self.tr("Why is it reopened? (kept in the history)"), self)
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        label.setBuddy(self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(label)
        layout.addWidget(self.note, 1)
        layout.addWidget(ok_cancel(self))
        self.resize(420, 220)

    def text(self) -> str:
        return self.note.toPlainText().strip()

    def accept(self) -> None:
        self._record_and_accept(self.text())


class MoveTeamDialog(QDialog):
    """別のチームへ移す: the voice goes to that team's voice day."""

    def __init__(self, summary: str, teams: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Move to another team"))
        heading = QLabel(summary, self)
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        label = QLabel(self.tr("Team"), self)
        self.team = QComboBox(self)
        self.team.addItems(teams)
        label.setBuddy(self.team)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(label)
        layout.addWidget(self.team)
        layout.addWidget(ok_cancel(self))

    def chosen(self) -> str:
        return self.team.currentText()
