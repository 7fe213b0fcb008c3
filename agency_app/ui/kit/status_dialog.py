"""Closing or reopening a record (DOMAIN R6–R7): 完了 needs response, date and staff; 見送り needs a reason.

RecordStatusDialog asks and writes for any record kind; voices/voice_status_dialog.py has the voice's,
cases/case_status_dialog.py the follow-up case's.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import (
    QDialog, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget,
)

from agency_app.domain import codes
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.periods import now_tokyo
from agency_app.domain.workflow import StatusChange
from agency_app.storage.records import EditConflict
from agency_app.storage.services import Services
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kit.scrolling_form import FieldScroll
from agency_app.ui.kit.input_method import commit_input_method, track_input_method
from agency_app.ui.kit.messages import changed_elsewhere_text, field_label, known_error_text
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.date_fields import DateEdit
from agency_app.ui.kit.widgets import (
    Banner, ChoiceCombo, FieldBox, clear_field_errors, confirm_discard, show_field_errors, save_cancel_row,
)

translate = QCoreApplication.translate


class RecordStatusDialog(QDialog):
    """Ask what closing (or reopening) needs, then move the record through the operations; closes once written.

    `target` is codes.STATUS_DONE, STATUS_DROPPED or STATUS_IN_PROGRESS (reopen / start). A record kind
    says its words and how its repository writes the move by overriding the hooks below.
    """

    done_height = 360  # the dialog's height when it asks for the response, date and staff

    def __init__(self, ops: Operations, staff_uid: str, uid: str, target: str, *, clock=None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.uid, self.target = ops, staff_uid, uid, target
        self.clock = clock if clock is not None else now_tokyo
        self._saving = False
        record = self._repository(ops.read).get(uid)
        self._version = record["version"]
        self._reopening = record["status"] in codes.CLOSED_STATUSES
        self.inputs: dict[str, QWidget] = {}
        self.boxes: dict[str, FieldBox] = {}
        self._build(record)
        track_input_method(self)
        self._baseline = self._state()

    # --- what a record kind says and does -----------------------------------------
    def _repository(self, services: Services):
        """The repository of this record kind in `services` (reading or writing)."""
        raise NotImplementedError

    def _title(self) -> str:
        raise NotImplementedError

    def _heading(self, record: dict) -> str:
        raise NotImplementedError

    def _field_label(self, name: str) -> str:
        return field_label(name)

    def _before_done(self) -> None:
        """Called once the 完了 fields are in place (a case warns of its open checklist here)."""

    def _write(self, data: Services, change: StatusChange) -> None:
        """On the writer thread, with the writing Services: move the record (no widgets here)."""
        self._repository(data).change_status(self.uid, change, by=self.staff_uid, expected_version=self._version)

    def _errors(self, errors: list[FieldError]) -> list[FieldError]:
        return errors

    def _changed_elsewhere_text(self) -> str:
        return changed_elsewhere_text()

    # --- the dialog -------------------------------------------------------------------
    def _build(self, record: dict) -> None:
        self.setWindowTitle(self._title())
        self.banner = Banner(self)
        heading = QLabel(self._heading(record), self)
        heading.setWordWrap(True)
        form = self.layout_form = QFormLayout()  # a record kind may add rows in _before_done
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        if self.target == codes.STATUS_DONE:
            self._add(form, "response", self._text(record.get("response") or ""))
            date = DateEdit(self, clock=self.clock)
            date.setText(self.clock().date().strftime("%Y/%m/%d"))
            self._add(form, "completed_on", date)
            staff = ChoiceCombo(self)
            people = self.ops.read.masters.staff()
            staff.set_choices([(s.uid, s.name) for s in people], allow_empty=True,
                              search={s.uid: s.kana for s in people})
            staff.set_code(self.staff_uid)
            self._add(form, "completed_by", staff)
            self._before_done()
        elif self.target == codes.STATUS_DROPPED:
            self._add(form, "close_reason", self._text(""))
        elif self._reopening:
            self._add(form, "reopen_reason", self._text(""))
        self.save_button, self.cancel_button, buttons = save_cancel_row(
            self, self.save, save_text=translate("RecordStatusDialog", "Save (Ctrl+Enter)"),
            cancel_text=translate("RecordStatusDialog", "Cancel (Esc)"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(heading)
        layout.addWidget(FieldScroll(form, self), 1)  # on a small screen the fields scroll, not the buttons
        layout.addLayout(buttons)
        fit_to_screen(self, QSize(560, self.done_height if self.target == codes.STATUS_DONE else 260))

    def _text(self, text: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setPlainText(text)
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(90)
        return edit

    def _add(self, form: QFormLayout, name: str, widget: QWidget) -> None:
        self.inputs[name] = widget
        box = self.boxes[name] = FieldBox(widget, self)
        text = self._field_label(name) if name != "reopen_reason" \
            else translate("RecordStatusDialog", "Note (optional)")
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

    def save(self) -> None:
        """Write the move through the operations; refused or conflicting, the dialog stays with what was typed."""
        if self._saving:
            return
        commit_input_method(self)  # Ctrl+Enter does not move focus: a word still being converted is saved too
        clear_field_errors(self.boxes, self.banner)
        change = StatusChange(
            new_status=self.target, response=self._value("response"),
            completed_on=self._value("completed_on"),
            completed_by=self._value("completed_by") or (self.staff_uid if self.target != codes.STATUS_DONE else ""),
            close_reason=self._value("close_reason"), reopen_reason=self._value("reopen_reason"))
        self._saving = True
        # However the write ends — a program error too, which calls neither callback — Save works again.
        self.ops.write(self, lambda data: self._write(data, change)).always(self._write_ended) \
            .success(lambda _: self._written()).failure(self._not_written).run()

    def _write_ended(self) -> None:
        self._saving = False

    def _written(self) -> None:
        self._saving = False
        self._baseline = self._state()
        self.accept()

    def _not_written(self, error: Exception) -> None:
        self._saving = False
        if isinstance(error, ValidationFailed):
            show_field_errors(self._errors(error.errors), self.boxes, self.banner)
        elif isinstance(error, EditConflict):
            # What this dialog asks for does not depend on the other change: the next save may go on.
            self._version = self._repository(self.ops.read).get(self.uid)["version"]
            self.banner.show_message(self._changed_elsewhere_text())
        else:
            self.banner.show_message(known_error_text(error))

    def reject(self) -> None:
        commit_input_method(self)  # a word still being converted counts as typed
        if self._state() != self._baseline and not confirm_discard(self):
            return
        super().reject()

