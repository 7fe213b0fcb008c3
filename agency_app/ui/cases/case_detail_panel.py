"""One follow-up case read-only: its fields, its checklist (Space ticks a step), status moves and history (R6–R11)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QLabel, QListWidget, QListWidgetItem, QPushButton, QScrollArea, QTableView,
    QTabWidget, QVBoxLayout, QWidget,
)

from agency_app.domain import codes
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.periods import now_tokyo
from agency_app.domain.workflow import StatusChange
from agency_app.storage.cases import CaseNotFound, CaseRepository
from agency_app.storage.customers import CustomerRepository
from agency_app.storage.database import Store
from agency_app.storage.drafts import DraftStore
from agency_app.storage.errors import StorageError
from agency_app.storage.voices import VoiceNotFound, VoiceRepository
from agency_app.ui.kit import labels
from agency_app.ui.cases.case_form import CaseFormDialog
from agency_app.ui.cases.case_status_dialog import CaseStatusDialog
from agency_app.ui.cases.case_texts import (
    case_changed_elsewhere_text, case_error_text, case_field_label, case_type_label,
)
from agency_app.ui.kit.history import HistoryModel, linked_customer_names
from agency_app.ui.kit.messages import storage_error_text
from agency_app.ui.kit.record_views import RecordDetailPanel
from agency_app.ui.kit.widgets import display_date, display_datetime

translate = QCoreApplication.translate
STEP_ROLE = Qt.ItemDataRole.UserRole
SHOWN = ("status", "case_type", "title", "customer_id", "voice_id", "product_line", "insurer", "opened_on",
         "assignee_id", "due_date", "callback_at", "callback_done_at", "body", "response", "completed_on",
         "completed_by", "close_reason", "reopen_note")
ONLY_WHEN_SET = {"voice_id", "product_line", "insurer", "callback_at", "callback_done_at", "body", "response",
                 "completed_on", "completed_by", "close_reason", "reopen_note"}


class CaseHistoryModel(HistoryModel):
    """The voice history table, taught the case's fields and which step a change was to."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.customer_names: dict[str, str] = {}

    def _text(self, entry, column: int) -> str:
        if column == 2:
            name = case_field_label(entry.field)
            if getattr(entry, "entity", "cases") == "case_steps":
                return translate("CaseHistory", "Step \u201c{step}\u201d: {field}").format(
                    step=entry.step_label or "", field=name)
            return name
        return super()._text(entry, column)

    def value_text(self, field: str, value: str | None) -> str:
        if value in (None, ""):
            return ""
        if field == "case_type":
            return case_type_label(value)
        if field == "customer_id":
            return self.customer_names.get(value, value)
        if field == "done_by":
            return self._names.get(value, value)
        if field == "done_at":
            return display_datetime(value)
        if field == "opened_on":
            return display_date(value)
        return super().value_text(field, value)


class CaseDetailPanel(RecordDetailPanel):
    """`.show_case(uid)` / `.clear()`; emits changed(uid) after any write, open_record(kind, uid) for links."""

    shown, only_when_set, not_found = SHOWN, ONLY_WHEN_SET, CaseNotFound

    def __init__(self, store: Store, staff_uid: str, *, drafts: DraftStore | None = None, clock=now_tokyo,
                 parent: QWidget | None = None):
        super().__init__(store, staff_uid, drafts, parent)
        self.clock = clock
        self.repo = CaseRepository(store)

        form = self._field_form(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.checklist_label = QLabel(self)
        self.checklist = QListWidget(self)
        self.checklist.setAccessibleName(case_field_label("steps"))
        self.checklist.itemChanged.connect(self._step_changed)
        self.checklist_label.setBuddy(self.checklist)
        content = QWidget(self)
        inner = QVBoxLayout(content)
        inner.addLayout(form)
        inner.addWidget(self.checklist_label)
        inner.addWidget(self.checklist, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)

        self.history_model = CaseHistoryModel(self)
        self.history = QTableView(self)
        self.history.setModel(self.history_model)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.verticalHeader().hide()
        self.history.setWordWrap(False)
        header = self.history.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(scroll, self.tr("Details"))
        self.tabs.addTab(self.history, self.tr("History"))

        self.buttons = {
            "edit": QPushButton(self.tr("Edit…"), self),
            "callback_made": QPushButton(self.tr("Mark call-back as made"), self),
            "voice": QPushButton(self.tr("Open the voice"), self),
            "customer": QPushButton(self.tr("Open the customer"), self),
            "start": QPushButton(self.tr("Start work"), self),
            "done": QPushButton(self.tr("Done…"), self),
            "drop": QPushButton(self.tr("Close without action…"), self),
            "reopen": QPushButton(self.tr("Reopen…"), self),
        }
        self.buttons["voice"].clicked.connect(lambda: self._open_link("voice", "voice_id"))
        self.buttons["customer"].clicked.connect(lambda: self._open_link("customer", "customer_id"))
        self._lay_out((("edit", "callback_made", "voice", "customer"), ("start", "done", "drop", "reopen")))

    def _field_label(self, name: str) -> str:
        return self.tr("Call-back made") if name == "callback_done_at" else case_field_label(name)

    # --- showing ----------------------------------------------------------------
    def _clear_more(self) -> None:
        self.checklist.blockSignals(True)
        self.checklist.clear()
        self.checklist.blockSignals(False)
        self.checklist_label.setText(case_field_label("steps"))
        self.history_model.set_entries([], {})

    def _today(self) -> date:
        return self.clock().date()

    def _overdue_text(self, due: str) -> str:
        return self.tr("{date}  — Overdue").format(date=due)

    def _show(self, uid: str) -> None:
        self.show_case(uid)

    def show_case(self, uid: str) -> None:
        loaded = self._load(uid)
        if loaded is None:
            return
        record, names = loaded
        self._show_steps(record)
        status = record["status"]
        closed = status in codes.CLOSED_STATUSES
        promise_open = bool(record["callback_at"]) and not record["callback_done_at"] and not closed
        shown = {"edit": True, "callback_made": promise_open, "voice": bool(record["voice_id"]),
                 "customer": bool(record["customer_id"]), "start": status == codes.STATUS_NEW,
                 "done": not closed, "drop": not closed, "reopen": closed}
        for name, visible in shown.items():
            self.buttons[name].setVisible(visible)
            self.buttons[name].setEnabled(visible)
        # Newest first; the steps' own creation rows repeat the case's and are left out.
        entries = [h for h in self.repo.history(uid) if not (h.entity == "case_steps" and h.field == "*created")]
        self.history_model.customer_names = linked_customer_names(self.store, entries)
        self.history_model.set_entries(list(reversed(entries)), names)

    def _show_steps(self, record: dict) -> None:
        steps = self.repo.steps(record["uid"])
        closed = record["status"] in codes.CLOSED_STATUSES
        done = sum(1 for s in steps if s["done_at"])
        self.checklist_label.setText(self.tr("Checklist ({done}/{total} done) — Space ticks a step").format(
            done=done, total=len(steps)) if not closed else
            self.tr("Checklist ({done}/{total} done)").format(done=done, total=len(steps)))
        self.checklist.blockSignals(True)
        current = self.checklist.currentRow()
        self.checklist.clear()
        for step in steps:
            text = step["label"]
            if step["done_at"]:
                text += "　" + self.tr("(done {when}, {who})").format(
                    when=display_datetime(step["done_at"]), who=step["done_by_name"] or "")
            item = QListWidgetItem(text, self.checklist)
            item.setData(STEP_ROLE, step["uid"])
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if not closed:  # a closed case's checklist is a record; reopen to change it
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            item.setCheckState(Qt.CheckState.Checked if step["done_at"] else Qt.CheckState.Unchecked)
        if 0 <= current < self.checklist.count():
            self.checklist.setCurrentRow(current)
        self.checklist.blockSignals(False)

    def _text(self, name: str, record: dict, names: dict[str, str]) -> str:
        value = record.get(name)
        if name == "status":
            text = labels.status_label(value)
            if record["reopen_count"]:
                text += "　" + self.tr("(reopened {count} times)").format(count=record["reopen_count"])
            return text
        if name == "case_type":
            return case_type_label(value)
        if name == "customer_id":
            return CustomerRepository(self.store).names([value]).get(value, "")
        if name == "voice_id":
            try:
                return VoiceRepository(self.store).get(value)["summary"] if value else ""
            except VoiceNotFound:
                return ""
        if name == "product_line":
            return labels.product_line_label(value)
        if name in ("assignee_id", "completed_by"):
            return names.get(value or "", "")
        if name in ("opened_on", "due_date", "completed_on"):
            return display_date(value)
        if name in ("callback_at", "callback_done_at"):
            who = names.get(record.get("callback_staff_id" if name == "callback_at" else "callback_done_by") or "", "")
            return self._stamp_text(value, who)
        return value or ""

    # --- acting -----------------------------------------------------------------
    def _step_changed(self, item: QListWidgetItem) -> None:
        if not self.uid:
            return
        uid, done = self.uid, item.checkState() == Qt.CheckState.Checked
        message = None
        try:
            self.repo.set_step(item.data(STEP_ROLE), done, by=self.staff_uid, now=self.clock())
        except ValidationFailed as failed:
            message = case_error_text(failed.errors[0])
        except StorageError as error:
            message = storage_error_text(error)
        # The list is rebuilt after this signal returns: the item is still in use by the view now.
        QTimer.singleShot(0, self, lambda: self._after_step(uid, message))

    def _after_step(self, uid: str, message: str | None) -> None:
        if message is None:
            self._after_change(uid)
        elif uid == self.uid:
            self.show_case(uid)
            self.banner.show_message(message)

    def _editor(self, uid: str) -> CaseFormDialog:
        return CaseFormDialog(self.store, self.staff_uid, uid, drafts=self.drafts, clock=self.clock, parent=self)

    def _status_dialog(self, target: str) -> CaseStatusDialog:
        return CaseStatusDialog(self.store, self.staff_uid, self.uid, target, clock=self.clock, parent=self)

    def _changed_elsewhere_text(self) -> str:
        return case_changed_elsewhere_text()

    def _error_text(self, error: FieldError) -> str:
        return case_error_text(error)

    def start_work(self) -> None:
        self._quick(lambda: self.repo.change_status(
            self.uid, StatusChange(codes.STATUS_IN_PROGRESS), by=self.staff_uid, now=self.clock(),
            expected_version=self.record["version"]))

    def mark_callback_made(self) -> None:
        self._quick(lambda: self.repo.mark_callback_done(
            self.uid, by=self.staff_uid, now=self.clock(), expected_version=self.record["version"]))

    def _open_link(self, kind: str, column: str) -> None:
        if self.record and self.record.get(column):
            self.open_record.emit(kind, self.record[column])
