"""The meeting's record beside its voices: the leader, who attended, and the notes (saved on leaving the field,
kept as a draft until then)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)


class NotesEdit(QPlainTextEdit):
    """The notes box: says when the keyboard leaves it, so what was typed is saved then."""

    left = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class LeavingButton(QPushButton):
    """破棄 beside the notes: says when the keyboard leaves it (the notes box left for good is saved then)."""

    left = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class MeetingPanel(QWidget):
    """Leader (a staff choice), attendees (named; the dialog picks them), notes. `edited` means typed, not loaded."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.leader = QComboBox(self)
        self.leader.setAccessibleName(self.tr("Leader"))
        self.attendees = QLabel(self)
        self.attendees.setWordWrap(True)
        self.attendees.setTextFormat(Qt.TextFormat.PlainText)
        self.attendees_button = QPushButton(self.tr("Attendees… (Ctrl+Shift+A)"), self)
        self.notes = NotesEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setPlaceholderText(self.tr("What was talked about (saved when you leave the box)"))
        self.saved_note = QLabel(self)
        self.saved_note.setWordWrap(True)
        self.saved_note.setObjectName("notesState")
        # Shown while the box holds notes not saved yet that were put back (or kept when the meeting closed
        # elsewhere): the way back to the stored notes. Tab from the box reaches it.
        self.discard_button = LeavingButton(self.tr("Discard these notes"), self)
        self.discard_button.hide()
        form = QFormLayout()
        leader_label = QLabel(self.tr("Leader"), self)
        leader_label.setBuddy(self.leader)
        form.addRow(leader_label, self.leader)
        row = QHBoxLayout()
        row.addWidget(self.attendees, 1)
        row.addWidget(self.attendees_button)
        form.addRow(QLabel(self.tr("Attendees"), self), row)
        notes_label = QLabel(self.tr("Notes"), self)
        notes_label.setBuddy(self.notes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(form)
        layout.addWidget(notes_label)
        layout.addWidget(self.notes, 1)
        state = QHBoxLayout()
        state.addWidget(self.saved_note, 1)
        state.addWidget(self.discard_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(state)
        QWidget.setTabOrder(self.leader, self.attendees_button)
        QWidget.setTabOrder(self.attendees_button, self.notes)
        QWidget.setTabOrder(self.notes, self.discard_button)

    def set_staff(self, staff: list[tuple[str, str]], leader_id: str | None) -> None:
        self.leader.blockSignals(True)
        self.leader.clear()
        for uid, name in staff:
            self.leader.addItem(name, uid)
        index = self.leader.findData(leader_id)
        self.leader.setCurrentIndex(index)
        self.leader.blockSignals(False)

    def set_attendees(self, names: list[str]) -> None:
        self.attendees.setText("、".join(names) if names else self.tr("Not recorded yet"))

    def set_notes_editable(self, editable: bool) -> None:
        """A closed meeting's notes are read only, yet selectable by keyboard too: notes kept there can be copied."""
        self.notes.setReadOnly(not editable)
        if not editable:
            self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                               | Qt.TextInteractionFlag.TextSelectableByKeyboard)
