"""One voice read-only, with the status moves it allows (DOMAIN R6–R8) and its history."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QTabWidget, QVBoxLayout, QWidget,
)

from agency_app.domain import codes
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.periods import now_tokyo
from agency_app.domain.workflow import TRANSITIONS, StatusChange, is_overdue
from agency_app.storage.database import Store
from agency_app.storage.drafts import DraftStore
from agency_app.storage.errors import StorageError
from agency_app.storage.masters import MasterData
from agency_app.storage.voices import EditConflict, VoiceNotFound, VoiceRepository
from agency_app.ui import labels
from agency_app.ui.history_panel import HistoryPanel
from agency_app.ui.messages import (
    changed_elsewhere_text, field_error_text, field_label, storage_error_text,
)
from agency_app.ui.status_dialog import StatusDialog
from agency_app.ui.voice_form import VoiceFormDialog
from agency_app.ui.widgets import ERROR_COLOUR, Banner, display_date, display_datetime

# Shown top to bottom; closing fields appear only once the voice has them.
SHOWN = ("status", "received_at", "channel", "kind", "category_group", "product_line", "insurer",
         "customer_name", "summary", "body", "assignee_id", "due_date", "callback_at",
         "callback_done_at", "response", "completed_on", "completed_by", "close_reason", "received_by")
ONLY_WHEN_SET = {"response", "completed_on", "completed_by", "close_reason", "callback_at",
                 "callback_done_at"}


class VoiceDetailPanel(QWidget):
    """`.show_voice(uid)` / `.clear()`; emits changed(uid) after an edit or a status move."""

    changed = Signal(str)
    open_record = Signal(str, str)  # ("customer", uid): show the linked customer record
    case_requested = Signal(str)    # open a follow-up case (R10) from this voice

    def __init__(self, store: Store, staff_uid: str, parent: QWidget | None = None,
                 drafts: DraftStore | None = None):
        super().__init__(parent)
        self.store, self.staff_uid, self.drafts = store, staff_uid, drafts
        self.repo = VoiceRepository(store)
        self.uid: str | None = None
        self.record: dict | None = None
        self.dialog = None  # the edit or status dialog last opened (tests and the main window look at it)
        self._editors: dict[str, VoiceFormDialog] = {}  # open edit forms by voice uid

        self.banner = Banner(self)
        self.values: dict[str, QLabel] = {}
        self.rows: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in SHOWN:
            value = QLabel(self)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
            value.setTextFormat(Qt.TextFormat.PlainText)  # customer text is never markup
            # The stamp sits under the promise, so a short "made" reads better than the history's "made at".
            text = self.tr("Call-back made") if name == "callback_done_at" else field_label(name)
            label = QLabel(text, self)
            self.values[name], self.rows[name] = value, label
            form.addRow(label, value)
        content = QWidget(self)
        content.setLayout(form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)

        self.history = HistoryPanel(store, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(scroll, self.tr("Details"))
        self.tabs.addTab(self.history, self.tr("History"))

        self.buttons = {
            "edit": QPushButton(self.tr("Edit…"), self),
            "start": QPushButton(self.tr("Start work"), self),
            "done": QPushButton(self.tr("Mark as done…"), self),
            "drop": QPushButton(self.tr("Close without action…"), self),
            "reopen": QPushButton(self.tr("Reopen…"), self),
            # Same English as the stamp's label, other Japanese (an action): "button" tells them apart.
            "callback_made": QPushButton(self.tr("Call-back made", "button"), self),
            "customer": QPushButton(self.tr("Customer record"), self),
            "case": QPushButton(self.tr("Open a case…"), self),
        }
        self.buttons["customer"].clicked.connect(
            lambda: self.record and self.open_record.emit("customer", self.record["customer_id"]))
        self.buttons["case"].clicked.connect(lambda: self.uid and self.case_requested.emit(self.uid))
        self.buttons["edit"].clicked.connect(self.edit)
        self.buttons["start"].clicked.connect(self.start_work)
        self.buttons["done"].clicked.connect(lambda: self.change_status(codes.STATUS_DONE))
        self.buttons["drop"].clicked.connect(lambda: self.change_status(codes.STATUS_DROPPED))
        self.buttons["reopen"].clicked.connect(lambda: self.change_status(codes.STATUS_IN_PROGRESS))
        self.buttons["callback_made"].clicked.connect(self.mark_callback_made)
        # Two short rows, not one long one: the panel stays narrow and the list keeps its columns.
        bars = []
        for names in (("edit", "callback_made", "customer", "case"), ("start", "done", "drop", "reopen")):
            bar = QHBoxLayout()
            for name in names:
                bar.addWidget(self.buttons[name])
            bar.addStretch(1)
            bars.append(bar)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        for bar in bars:
            layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self.clear()

    # --- showing ----------------------------------------------------------------
    def put_aside_editors(self) -> None:
        """Close every open edit form of this panel, keeping each one's text as its typist's draft."""
        for dialog in list(self._editors.values()):
            dialog.put_aside()

    def clear(self) -> None:
        self.uid = self.record = None
        for name, value in self.values.items():
            value.clear()
            self.rows[name].setVisible(name not in ONLY_WHEN_SET)
            value.setVisible(name not in ONLY_WHEN_SET)
        for button in self.buttons.values():
            button.setEnabled(False)
        self.history.clear()
        self.banner.clear_message()

    def show_voice(self, uid: str) -> None:
        try:
            record = self.repo.get(uid)
        except VoiceNotFound:
            self.clear()
            return
        self.uid, self.record = uid, record
        self.banner.clear_message()
        names = {s.uid: s.name for s in MasterData(self.store).staff(include_inactive=True)}
        today = now_tokyo().date()
        for name, value in self.values.items():
            text = self._text(name, record, names)
            shown = bool(text) or name not in ONLY_WHEN_SET
            self.rows[name].setVisible(shown)
            value.setVisible(shown)
            value.setText(text)
            value.setStyleSheet("")
        if is_overdue(record["status"], record["due_date"], today):
            due = self.values["due_date"]
            due.setText(self.tr("{date}  — Overdue").format(date=display_date(record["due_date"])))
            due.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold;")
        allowed = TRANSITIONS.get(record["status"], set())
        closed = record["status"] in codes.CLOSED_STATUSES
        self.buttons["edit"].setEnabled(True)
        self.buttons["start"].setEnabled(record["status"] == codes.STATUS_NEW)
        self.buttons["done"].setEnabled(codes.STATUS_DONE in allowed)
        self.buttons["drop"].setEnabled(codes.STATUS_DROPPED in allowed)
        self.buttons["reopen"].setEnabled(closed and codes.STATUS_IN_PROGRESS in allowed)
        # Only the moves that make sense now are shown; hidden buttons never confuse.
        self.buttons["start"].setVisible(record["status"] == codes.STATUS_NEW)
        self.buttons["done"].setVisible(not closed)
        self.buttons["drop"].setVisible(not closed)
        self.buttons["reopen"].setVisible(closed)
        # Offered only while a promise is open; once made, the stamp shows instead.
        promise_open = bool(record["callback_at"]) and not record["callback_done_at"] and not closed
        self.buttons["callback_made"].setEnabled(promise_open)
        self.buttons["callback_made"].setVisible(promise_open)
        linked = bool(record.get("customer_id"))
        self.buttons["customer"].setEnabled(linked)
        self.buttons["customer"].setVisible(linked)
        self.buttons["case"].setEnabled(True)
        self.history.show_voice(uid)

    def _text(self, name: str, record: dict, names: dict[str, str]) -> str:
        value = record.get(name)
        if name == "status":
            return labels.status_label(value)
        if name == "kind":
            text = labels.kind_label(value)
            return f"{text}（{labels.complaint_label()}）" if record.get("is_complaint") else text
        if name == "channel":
            return labels.channel_label(value)
        if name == "product_line":
            return labels.product_line_label(value)
        if name == "category_group":
            return " ／ ".join(part for part in (value, record.get("category_item")) if part)
        if name == "customer_name":
            return value or self.tr("(anonymous)")
        if name in ("assignee_id", "completed_by", "received_by"):
            return names.get(value or "", "")
        if name == "received_at":
            return display_datetime(value)
        if name in ("due_date", "completed_on"):
            return display_date(value)
        if name == "callback_at":
            if not value:
                return ""
            who = names.get(record.get("callback_staff_id") or "", "")
            return f"{display_datetime(value)}　{who}".strip()
        if name == "callback_done_at":
            if not value:
                return ""
            who = names.get(record.get("callback_done_by") or "", "")
            return f"{display_datetime(value)}　{who}".strip()
        return value or ""

    # --- acting -----------------------------------------------------------------
    def edit(self) -> None:
        if not self.uid:
            return
        open_one = self._editors.get(self.uid)
        if open_one is not None:  # two forms on one voice would share (and fight over) one draft
            open_one.raise_()
            open_one.activateWindow()
            return
        dialog = VoiceFormDialog(self.store, self.staff_uid, self.uid, drafts=self.drafts, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._after_change)
        uid = self.uid
        self._editors[uid] = dialog
        dialog.destroyed.connect(lambda *_: self._editors.pop(uid, None))
        self.dialog = dialog
        dialog.show()

    def start_work(self) -> None:
        """未対応 → 対応中 needs nothing more, so it happens at once (no dialog)."""
        if not self.uid or not self.record:
            return
        try:
            self.repo.change_status(self.uid, StatusChange(codes.STATUS_IN_PROGRESS), by=self.staff_uid,
                                    expected_version=self.record["version"])
        except EditConflict:
            self.show_voice(self.uid)  # show what the other person wrote, then say why
            self.banner.show_message(changed_elsewhere_text())
            return
        except StorageError as error:
            self.banner.show_message(storage_error_text(error))
            return
        self._after_change(self.uid)

    def mark_callback_made(self) -> None:
        """R9: the promised call-back was made; record it at once (no dialog), keeping the promise on record."""
        if not self.uid or not self.record:
            return
        try:
            self.repo.mark_callback_done(self.uid, by=self.staff_uid, expected_version=self.record["version"])
        except EditConflict:
            self.show_voice(self.uid)  # show what the other person wrote, then say why
            self.banner.show_message(changed_elsewhere_text())
            return
        except ValidationFailed as failed:
            self.show_voice(self.uid)
            self.banner.show_message(field_error_text(failed.errors[0]))
            return
        except StorageError as error:
            self.banner.show_message(storage_error_text(error))
            return
        self._after_change(self.uid)

    def change_status(self, target: str) -> None:
        if not self.uid:
            return
        dialog = StatusDialog(self.store, self.staff_uid, self.uid, target, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self._after_change)
        self.dialog = dialog
        dialog.open()  # window-modal, returns at once

    def _after_change(self, uid: str) -> None:
        if uid == self.uid:
            self.show_voice(uid)
        self.changed.emit(uid)
