"""One follow-up case read-only: its fields, its checklist (Space ticks a step), status moves and history (R6–R11)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QLabel, QListWidget, QListWidgetItem, QPushButton, QScrollArea, QTabWidget, QVBoxLayout, QWidget,
)

from agency_app.domain import codes
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.periods import now_tokyo
from agency_app.domain.workflow import StatusChange
from agency_app.storage.cases import CaseNotFound
from agency_app.storage.changes import Changes
from agency_app.storage.drafts import DraftStore
from agency_app.storage.services import Services
from agency_app.storage.voices import VoiceNotFound
from agency_app.ui.kit import labels
from agency_app.ui.cases.case_form import CaseFormDialog
from agency_app.ui.cases.case_status_dialog import CaseStatusDialog
from agency_app.ui.cases.case_texts import (
    case_changed_elsewhere_text, case_error_text, case_field_label, case_type_label,
)
from agency_app.ui.kit.history import HistoryModel, history_table, linked_customer_names
from agency_app.ui.kit.messages import known_error_text
from agency_app.ui.kit.callback_undo import callback_flow
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.record_views import RecordDetailPanel
from agency_app.ui.kit.date_fields import display_date, display_datetime

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
        self.voice_summaries: dict[str, str] = {}  # the voice a case came from, by its summary

    def _text(self, entry, column: int) -> str:
        text = super()._text(entry, column)
        if column == 2 and getattr(entry, "entity", "cases") == "case_steps":
            return translate("CaseHistory", "Step \u201c{step}\u201d: {field}").format(
                step=entry.step_label or "", field=text)
        return text

    def field_name(self, field: str) -> str:
        return case_field_label(field)

    def values_text(self, values: dict[str, str]) -> str:
        # A step's case is the one shown, its place the checklist's order: neither needs saying.
        return super().values_text({k: v for k, v in values.items() if k not in ("case_id", "position")})

    def value_text(self, field: str, value: str | None) -> str:
        if value in (None, ""):
            return ""
        if field == "case_type":
            return case_type_label(value)
        if field == "customer_id":
            return self.customer_names.get(value, value)
        if field == "voice_id":
            return self.voice_summaries.get(value, value)
        if field == "done_by":
            return self._names.get(value, value)
        if field == "done_at":
            return display_datetime(value)
        if field == "opened_on":
            return display_date(value)
        return super().value_text(field, value)


class CaseDetailPanel(RecordDetailPanel):
    """`.show_case(uid)` / `.clear()`; shows the case anew after any write to it or its steps; open_record(kind, uid)."""

    shown, only_when_set, not_found = SHOWN, ONLY_WHEN_SET, CaseNotFound
    table = "cases"
    watched = ("cases", "case_steps")
    _step_uids: frozenset[str] = frozenset()

    def __init__(self, ops: Operations, staff_uid: str, *, drafts: DraftStore | None = None, clock=now_tokyo,
                 parent: QWidget | None = None):
        super().__init__(ops, staff_uid, drafts, parent)
        self.clock = clock

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
        self.history = history_table(self, self.history_model)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(scroll, self.tr("Details"))
        self.tabs.addTab(self.history, self.tr("History"))

        self.buttons = {
            "edit": QPushButton(self.tr("Edit…"), self),
            "callback_made": QPushButton(self.tr("Mark call-back as made…"), self),
            "voice": QPushButton(self.tr("Open the voice"), self),
            "customer": QPushButton(self.tr("Open the customer"), self),
            "start": QPushButton(self.tr("Start work"), self),
            "done": QPushButton(self.tr("Done…"), self),
            "drop": QPushButton(self.tr("Close without action…"), self),
            "reopen": QPushButton(self.tr("Reopen…"), self),
        }
        links = {"voice": lambda: self._open_link("voice", "voice_id"),
                 "customer": lambda: self._open_link("customer", "customer_id")}
        self._lay_out((("edit", "callback_made", "voice", "customer"), (("start", "reopen"), "done", "drop")), links)

    def _repository(self, services: Services):
        return services.cases

    def concerns(self, changes: Changes) -> bool:
        """The case shown, or one of its steps (ticked here or on another screen)."""
        if not self.uid:
            return False
        return self.uid in changes.uids("cases") or bool(changes.uids("case_steps") & self._step_uids)

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
                 "done": not closed, "drop": not closed, "reopen": closed, "history": True}
        for name, offered in shown.items():
            self._offer(name, offered)  # a hidden button keeps its slot: the others never move
        self.update_undo()
        # Newest first; the steps' own creation rows repeat the case's and are left out.
        entries = [h for h in self.reader.history(uid) if not (h.entity == "case_steps" and h.field == "*created")]
        self.history_model.customer_names = linked_customer_names(self.ops.read, entries)
        self.history_model.voice_summaries = self._voice_summaries(entries)
        self.history_model.set_entries(list(reversed(entries)), names)

    def _voice_summaries(self, entries) -> dict[str, str]:
        wanted = {v for e in entries for v in ((e.old_value, e.new_value) if e.field == "voice_id"
                                               else (e.values.get("voice_id"),)) if v}
        found = {}
        for uid in wanted:
            try:
                found[uid] = self.ops.read.voices.get(uid)["summary"]
            except VoiceNotFound:
                pass
        return found

    def _show_steps(self, record: dict) -> None:
        steps = self.reader.steps(record["uid"])
        self._step_uids = frozenset(s["uid"] for s in steps)
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
            return self.ops.read.customers.names([value]).get(value, "")
        if name == "voice_id":
            try:
                return self.ops.read.voices.get(value)["summary"] if value else ""
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
        """Space or a click ticked a step: written through the operations; the change signal shows it anew."""
        if not self.uid:
            return
        uid, step, done = self.uid, item.data(STEP_ROLE), item.checkState() == Qt.CheckState.Checked
        by, now = self.staff_uid, self.clock()

        def refused(error: Exception) -> None:
            if uid == self.uid:
                self.show_case(uid)  # the tick goes back to what is stored
                self.banner.show_message(case_error_text(error.errors[0]) if isinstance(error, ValidationFailed)
                                         else known_error_text(error))
        # Written once this signal has returned: the list is rebuilt after the write, and the item is in use now.
        QTimer.singleShot(0, self, lambda: self.ops.write(
            self, lambda data: data.cases.set_step(step, done, by=by, now=now)).failure(refused).run())

    def _editor(self, uid: str) -> CaseFormDialog:
        return CaseFormDialog(self.ops, self.staff_uid, uid, drafts=self.drafts, clock=self.clock, parent=self)

    def _status_dialog(self, target: str) -> CaseStatusDialog:
        return CaseStatusDialog(self.ops, self.staff_uid, self.uid, target, clock=self.clock, parent=self)

    def _changed_elsewhere_text(self) -> str:
        return case_changed_elsewhere_text()

    def _error_text(self, error: FieldError) -> str:
        return case_error_text(error)

    def start_work(self) -> None:
        uid, by, now, version = self.uid, self.staff_uid, self.clock(), self.record and self.record["version"]
        self._quick(lambda data: data.cases.change_status(
            uid, StatusChange(codes.STATUS_IN_PROGRESS), by=by, now=now, expected_version=version))

    def mark_callback_made(self) -> None:
        """R9: the promised call-back was made. A small dialog asks for a note of the call and whether work starts
        (未対応 → 対応中); once written, the panel offers to undo it for a short while (ui/kit/callback_undo.py)."""
        if self.shown_anew():  # as stored now: made on another PC meanwhile, the flow says so (no dialog)
            self.dialog = callback_flow(self).mark("cases", self.uid, self.record) or self.dialog

    def undo_callback_made(self) -> None:
        """元に戻す (Ctrl+Z): take back the call-back marked last, while its notice is shown; else say why not."""
        callback_flow(self).undo()

    def _open_link(self, kind: str, column: str) -> None:
        if self.record and self.record.get(column):
            self.open_record.emit(kind, self.record[column])
