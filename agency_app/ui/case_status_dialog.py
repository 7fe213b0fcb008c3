"""Closing or reopening a follow-up case (R6–R7): 完了 needs response, date, staff and a finished checklist."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog, QFormLayout, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from agency_app.domain import codes
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.periods import now_tokyo
from agency_app.domain.workflow import StatusChange
from agency_app.storage.cases import CaseRepository, EditConflict
from agency_app.storage.database import Store
from agency_app.storage.errors import StorageError
from agency_app.storage.masters import MasterData
from agency_app.ui.case_texts import (
    case_changed_elsewhere_text, case_field_label, open_steps_text, with_case_texts,
)
from agency_app.ui.messages import storage_error_text
from agency_app.ui.widgets import (
    Banner, ChoiceCombo, DateEdit, FieldBox, clear_field_errors, confirm_discard, show_field_errors,
    without_enter_default,
)


class CaseStatusDialog(QDialog):
    """Ask what closing (or reopening) needs, then move the case; emits changed(uid) once written.

    `target` is codes.STATUS_DONE, STATUS_DROPPED or STATUS_IN_PROGRESS (reopen).
    """

    changed = Signal(str)

    def __init__(self, store: Store, staff_uid: str, case_uid: str, target: str, *,
                 clock=now_tokyo, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.staff_uid, self.case_uid, self.target, self.clock = (
            store, staff_uid, case_uid, target, clock)
        self.repo = CaseRepository(store)
        record = self.repo.get(case_uid)
        self._version = record["version"]
        self._reopening = record["status"] in codes.CLOSED_STATUSES
        self.inputs: dict[str, QWidget] = {}
        self.boxes: dict[str, FieldBox] = {}
        self._build(record)
        self._baseline = self._state()

    def _build(self, record: dict) -> None:
        titles = {codes.STATUS_DONE: self.tr("Mark the case as done"),
                  codes.STATUS_DROPPED: self.tr("Close the case without action"),
                  codes.STATUS_IN_PROGRESS: self.tr("Reopen the case")}
        self.setWindowTitle(titles.get(self.target, ""))
        self.banner = Banner(self)
        title = QLabel(self.tr("Case: {title}").format(title=record["title"]), self)
        title.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        if self.target == codes.STATUS_DONE:
            self._add(form, "response", self._text(record.get("response") or ""))
            date = DateEdit(self)
            date.setText(self.clock().date().strftime("%Y/%m/%d"))
            self._add(form, "completed_on", date)
            staff = ChoiceCombo(self)
            people = MasterData(self.store).staff()
            staff.set_choices([(s.uid, s.name) for s in people], allow_empty=True,
                              search={s.uid: s.kana for s in people})
            staff.set_code(self.staff_uid)
            self._add(form, "completed_by", staff)
            # Said before typing, not only after: the checklist must be finished first (R7).
            open_steps = [s["label"] for s in self.repo.steps(self.case_uid) if not s["done_at"]]
            if open_steps:
                self.banner.show_message(open_steps_text(open_steps), "warning")
        elif self.target == codes.STATUS_DROPPED:
            self._add(form, "close_reason", self._text(""))
        elif self._reopening:
            self._add(form, "reopen_reason", self._text(""))
        self.save_button = QPushButton(self.tr("Save (Ctrl+Enter)"), self)
        self.cancel_button = QPushButton(self.tr("Cancel (Esc)"), self)
        without_enter_default(self.save_button, self.cancel_button)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(title)
        layout.addLayout(form, 1)
        layout.addLayout(buttons)
        self.resize(560, 380 if self.target == codes.STATUS_DONE else 260)

    def _text(self, text: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setPlainText(text)
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(90)
        return edit

    def _add(self, form: QFormLayout, name: str, widget: QWidget) -> None:
        self.inputs[name] = widget
        box = self.boxes[name] = FieldBox(widget, self)
        text = case_field_label(name) if name != "reopen_reason" else self.tr("Note (optional)")
        label = QLabel(text, self)
        label.setBuddy(widget)
        form.addRow(label, box)

    def _value(self, name: str) -> str:
        widget = self.inputs.get(name)
        if widget is None:
            return ""
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, ChoiceCombo):
            return widget.code_or_text()
        return widget.value()

    def _state(self) -> dict:
        return {name: self._value(name) for name in self.inputs}

    def save(self) -> bool:
        clear_field_errors(self.boxes, self.banner)
        change = StatusChange(
            new_status=self.target, response=self._value("response"),
            completed_on=self._value("completed_on"),
            completed_by=self._value("completed_by") or (self.staff_uid if self.target != codes.STATUS_DONE else ""),
            close_reason=self._value("close_reason"), reopen_reason=self._value("reopen_reason"))
        now = self.clock()
        try:
            self.repo.change_status(self.case_uid, change, by=self.staff_uid, now=now, today=now.date(),
                                    expected_version=self._version)
        except ValidationFailed as failed:
            show_field_errors(with_case_texts(failed.errors), self.boxes, self.banner)
            return False
        except EditConflict:
            self._version = self.repo.get(self.case_uid)["version"]
            self.banner.show_message(case_changed_elsewhere_text())
            return False
        except StorageError as error:
            self.banner.show_message(storage_error_text(error))
            return False
        self._baseline = self._state()
        self.changed.emit(self.case_uid)
        self.accept()
        return True

    def reject(self) -> None:
        if self._state() != self._baseline and not confirm_discard(self):
            return
        super().reject()
