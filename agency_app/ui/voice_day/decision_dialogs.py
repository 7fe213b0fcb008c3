"""The decisions that need more than a key: 改善不要 with its reason, and linking an improvement (picked, or made here)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QFormLayout, QGroupBox, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPlainTextEdit, QVBoxLayout, QWidget,
)

from agency_app.domain.improvements import ImprovementInput
from agency_app.ui.kit.date_fields import DateEdit, display_date
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.widgets import Banner, ChoiceCombo, FieldBox, clear_field_errors, show_field_errors
from agency_app.ui.voice_day import voice_day_texts as T
from agency_app.ui.voice_day.meeting_dialogs import RecordsOnOk, ok_cancel

UID_ROLE = Qt.ItemDataRole.UserRole
NEW_IMPROVEMENT_DUE_DAYS = 30  # a first due date the leader can change; an improvement always has one (R8)


class ReasonDialog(RecordsOnOk, QDialog):
    """改善不要: why, required — said beside the field when left empty; the typed text is never dropped.

    With `ops` and `record(services, reason)`, OK records it and the dialog closes only once it is recorded: a
    refusal (the database locked, the meeting closed elsewhere) is said in its banner with the reason still there."""

    def __init__(self, summary: str, parent: QWidget | None = None, *, reason: str = "",
                 ops: Operations | None = None, record: Callable | None = None):
        super().__init__(parent)
        self.ops, self.record = ops, record
        self.setWindowTitle(self.tr("No improvement needed"))
        heading = QLabel(summary, self)
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setPlainText(reason)
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason_box = FieldBox(self.reason, self)
        label = QLabel(self.tr("Reason (required)"), self)
        label.setBuddy(self.reason)
        self.banner = Banner(self)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.banner)
        layout.addWidget(label)
        layout.addWidget(self.reason_box, 1)
        layout.addWidget(buttons)
        self.resize(460, 260)

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def accept(self) -> None:
        if not self.text():
            self.reason_box.set_error(T.reason_required_text())
            self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._record_and_accept(self.text())


class ImprovementDialog(QDialog):
    """改善に結びつける: pick one of the open improvements, or make a new one here (title, owner, due date, cause).

    The dialog writes itself (`link(services, improvement_uid_or_None, entry)`): a refused new improvement
    shows each reason at its field and keeps everything typed."""

    def __init__(self, ops: Operations, staff_uid: str, summary: str, improvements: list[dict],
                 staff: list[tuple[str, str]], link: Callable, *, today: date, team: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.link, self.today, self.team = ops, staff_uid, link, today, team
        self._writing = False  # OK again (Enter twice) while recording makes no second improvement
        self.after_refusal: Callable | None = None  # told of a refusal too (the page shows a meeting changed elsewhere)
        self.setWindowTitle(self.tr("Link to an improvement"))
        heading = QLabel(summary, self)
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        self.banner = Banner(self)
        self.existing = QGroupBox(self.tr("An open improvement"), self)
        self.existing.setCheckable(True)
        self.picker = QListWidget(self.existing)
        self.picker.setAccessibleName(self.existing.title())
        for row in improvements:
            due = display_date(row.get("due_date"))
            item = QListWidgetItem(f"{row['title']}　（{row.get('owner_name') or ''}　{due}）")
            item.setData(UID_ROLE, row["uid"])
            self.picker.addItem(item)
        if improvements:
            self.picker.setCurrentRow(0)
        QVBoxLayout(self.existing).addWidget(self.picker)
        self.new = QGroupBox(self.tr("A new improvement"), self)
        self.new.setCheckable(True)
        self.title = QLineEdit(self.new)
        self.owner = ChoiceCombo(self.new)
        self.owner.set_choices(staff)
        self.owner.set_code(staff_uid)
        self.due = DateEdit(self.new, clock=lambda: ops_clock(today))
        self.due.set_stored((today + timedelta(days=NEW_IMPROVEMENT_DUE_DAYS)).isoformat())
        self.cause = QPlainTextEdit(self.new)
        self.cause.setTabChangesFocus(True)
        self.boxes = {"title": FieldBox(self.title, self.new), "owner_id": FieldBox(self.owner, self.new),
                      "due_date": FieldBox(self.due, self.new), "cause": FieldBox(self.cause, self.new)}
        form = QFormLayout(self.new)
        for name, text in (("title", self.tr("Title")), ("owner_id", self.tr("Owner")),
                           ("due_date", self.tr("Due date")), ("cause", self.tr("Cause"))):
            label = QLabel(text, self.new)
            label.setBuddy(self.boxes[name].field)
            form.addRow(label, self.boxes[name])
        self.existing.toggled.connect(lambda on: self.new.setChecked(not on))
        self.new.toggled.connect(lambda on: self.existing.setChecked(not on))
        self.existing.setChecked(bool(improvements))
        self.new.setChecked(not improvements)
        self.existing.setEnabled(bool(improvements))
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.banner)
        layout.addWidget(self.existing, 1)
        layout.addWidget(self.new, 1)
        layout.addWidget(buttons)
        self.resize(560, 560)
        (self.picker if improvements else self.title).setFocus(Qt.FocusReason.OtherFocusReason)

    def entry(self) -> ImprovementInput:
        return ImprovementInput(title=self.title.text(), cause=self.cause.toPlainText(), team=self.team,
                                owner_id=self.owner.code() or "", opened_on=self.today.isoformat(),
                                due_date=self.due.value())

    def chosen(self) -> str | None:
        item = self.picker.currentItem()
        return item.data(UID_ROLE) if self.existing.isChecked() and item is not None else None

    def accept(self) -> None:
        if self._writing:
            return
        clear_field_errors(self.boxes, self.banner)
        chosen = self.chosen()
        if self.existing.isChecked() and chosen is None:
            self.banner.show_message(self.tr("Choose an improvement, or make a new one."))
            return
        entry = None if chosen else self.entry()
        self._writing = True
        self.ops.write(self, lambda services: self.link(services, chosen, entry)).always(self._written) \
            .success(lambda _result: QDialog.accept(self)).failure(self._refused).run()

    def _written(self) -> None:
        self._writing = False

    def _refused(self, error: Exception) -> None:
        problems = getattr(error, "errors", None)
        if problems and any(problem.field in self.boxes for problem in problems):
            show_field_errors(problems, self.boxes, self.banner)
            return
        self.banner.show_message(T.error_text(error))
        if self.after_refusal is not None:
            self.after_refusal(error)


def ops_clock(today: date):
    """The date field reads 'today' as the meeting's day (tests and a meeting entered late agree)."""
    from datetime import datetime
    return datetime.combine(today, datetime.min.time()).replace(hour=12)
