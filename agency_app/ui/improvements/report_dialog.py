"""保険会社へ報告済にする: the day an improvement was reported to the insurer, and to which; an empty day takes it back."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from agency_app.domain.errors import ValidationFailed
from agency_app.domain.periods import now_tokyo
from agency_app.storage.records import EditConflict
from agency_app.ui.improvements.improvement_texts import (
    improvement_changed_elsewhere_text, improvement_field_label, with_improvement_texts,
)
from agency_app.ui.kit.date_fields import DateEdit
from agency_app.ui.kit.input_method import commit_input_method, track_input_method
from agency_app.ui.kit.messages import known_error_text
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kit.widgets import (
    Banner, ChoiceCombo, FieldBox, clear_field_errors, confirm_discard, show_field_errors, save_cancel_row,
)


class ReportDialog(QDialog):
    """Ask the report's day (today offered, or the day recorded) and insurer; write it; closes once written."""

    def __init__(self, ops: Operations, staff_uid: str, improvement_uid: str, *, clock=now_tokyo,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.uid, self.clock = ops, staff_uid, improvement_uid, clock
        self._saving = False
        record = ops.read.improvements.get(improvement_uid)
        self._version = record["version"]
        self.setWindowTitle(self.tr("Mark as reported to the insurer"))
        self.banner = Banner(self)
        heading = QLabel(self.tr("Improvement: {title}").format(title=record["title"]), self)
        heading.setWordWrap(True)
        note = QLabel(self.tr("Leave the date empty to take back a report recorded by mistake."), self)
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.date_edit = DateEdit(self, clock=clock)
        if record["reported_on"]:
            self.date_edit.set_stored(record["reported_on"])
        else:
            self.date_edit.setText(clock().date().strftime("%Y/%m/%d"))
        self.insurer = ChoiceCombo(self, free_text=True)  # an insurer not in the list is kept as typed
        self.insurer.set_choices([(name, name) for name in ops.read.masters.insurers()], allow_empty=True)
        self.insurer.set_value(record["reported_insurer"] or "")
        self.boxes = {"reported_on": FieldBox(self.date_edit, self),
                      "reported_insurer": FieldBox(self.insurer, self)}
        form = QFormLayout()
        for name, box in self.boxes.items():
            label = QLabel(improvement_field_label(name), self)
            label.setBuddy(box.field)
            form.addRow(label, box)
        self.save_button, self.cancel_button, buttons = save_cancel_row(
            self, self.save, save_text=self.tr("Save (Ctrl+Enter)"), cancel_text=self.tr("Cancel (Esc)"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addLayout(buttons)
        track_input_method(self)
        self._baseline = self._state()
        fit_to_screen(self, QSize(520, 260))

    def _state(self) -> tuple[str, str]:
        return self.date_edit.text(), self.insurer.code_or_text()

    def save(self) -> None:
        if self._saving:
            return
        commit_input_method(self)
        clear_field_errors(self.boxes, self.banner)
        day, insurer = self.date_edit.value(), self.insurer.code_or_text()
        uid, by, now, version = self.uid, self.staff_uid, self.clock(), self._version
        self._saving = True
        self.ops.write(self, lambda data: data.improvements.mark_reported(
            uid, day, insurer, by=by, now=now, expected_version=version)) \
            .always(self._ended).success(lambda _: self._written()).failure(self._not_written).run()

    def _ended(self) -> None:
        self._saving = False

    def _written(self) -> None:
        self._baseline = self._state()
        self.accept()

    def _not_written(self, error: Exception) -> None:
        self._saving = False
        if isinstance(error, ValidationFailed):
            show_field_errors(with_improvement_texts(error.errors), self.boxes, self.banner)
        elif isinstance(error, EditConflict):
            self._version = self.ops.read.improvements.get(self.uid)["version"]
            self.banner.show_message(improvement_changed_elsewhere_text())
        else:
            self.banner.show_message(known_error_text(error))

    def reject(self) -> None:
        if self._saving:
            return  # being written: it closes itself once stored (Esc must not read as "thrown away")
        commit_input_method(self)
        if self._state() != self._baseline and not confirm_discard(self):
            return
        super().reject()
