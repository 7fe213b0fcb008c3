"""One voice read-only, with the status moves it allows (DOMAIN R6–R8) and its history."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFormLayout, QPushButton, QScrollArea, QTabWidget, QWidget

from agency_app.domain import codes
from agency_app.domain.errors import FieldError
from agency_app.domain.periods import now_tokyo
from agency_app.domain.similarity import too_short
from agency_app.domain.workflow import TRANSITIONS, StatusChange
from agency_app.storage.drafts import DraftStore
from agency_app.storage.services import Services
from agency_app.storage.similar_voices import alike_earlier, voice_text
from agency_app.storage.voices import VoiceNotFound
from agency_app.ui.kit import labels
from agency_app.ui.voices.voice_history import HistoryPanel
from agency_app.ui.kit.messages import changed_elsewhere_text, field_error_text, field_label
from agency_app.ui.kit.callback_undo import callback_flow
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.record_views import RecordDetailPanel
from agency_app.ui.voices.voice_status_dialog import StatusDialog
from agency_app.ui.voices.voice_form import VoiceFormDialog
from agency_app.ui.kit.date_fields import display_date, display_datetime
from agency_app.ui.voices.similar_hint import LIST_KEY, Alike, SimilarHint

# Shown top to bottom; closing fields appear only once the voice has them.
SHOWN = ("status", "received_at", "channel", "kind", "category_group", "product_line", "insurer",
         "customer_name", "summary", "body", "assignee_id", "due_date", "callback_at",
         "callback_done_at", "response", "completed_on", "completed_by", "close_reason", "received_by")
ONLY_WHEN_SET = {"response", "completed_on", "completed_by", "close_reason", "callback_at",
                 "callback_done_at"}
ALIKE_SHOWN = 5  # earlier voices that look alike (R13): enough to see a recurrence, few enough to read


class VoiceDetailPanel(RecordDetailPanel):
    """`.show_voice(uid)` / `.clear()`; shows the voice anew whenever a write touches it (the change signal).

    open_record("customer", uid) shows the linked customer record.
    """

    case_requested = Signal(str)    # open a follow-up case (R10) from this voice
    shown, only_when_set, not_found = SHOWN, ONLY_WHEN_SET, VoiceNotFound
    table = "voices"
    watched = ("voices",)

    def __init__(self, ops: Operations, staff_uid: str, parent: QWidget | None = None,
                 drafts: DraftStore | None = None):
        super().__init__(ops, staff_uid, drafts, parent)

        form = self._field_form(Qt.TextInteractionFlag.TextSelectableByMouse
                                | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # R13: earlier voices of the same customer or reading alike, right under what the customer said.
        self.alike = SimilarHint(self)
        self.alike.chosen.connect(lambda uid: self.open_record.emit("voice", uid))
        self._alike_asked = 0  # each look asks anew; an older answer is dropped
        form.insertRow(SHOWN.index("body") + 1, self.alike)
        content = QWidget(self)
        content.setLayout(form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)

        self.history = HistoryPanel(ops.read, self)
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
            "callback_made": QPushButton(self.tr("Mark call-back as made…"), self),
            "customer": QPushButton(self.tr("Customer record"), self),
            # A voice made from a survey answer's comment: the answer, on the KPI tab's アンケート page.
            "survey_answer": QPushButton(self.tr("From a survey answer"), self),
            "case": QPushButton(self.tr("Open a case…"), self),
        }
        links = {"customer": lambda: self.record and self.open_record.emit("customer", self.record["customer_id"]),
                 "case": lambda: self.uid and self.case_requested.emit(self.uid),
                 "survey_answer": lambda: self.survey_answer and self.open_record.emit("survey_answer",
                                                                                       self.survey_answer)}
        self.survey_answer: str | None = None  # the answer this voice was made from, if any
        self._lay_out((("edit", "callback_made", "customer", "survey_answer"), (("start", "reopen"), "done", "drop", "case")), links)
        # Like the record's other actions: its key works from the list too, and the 操作 menu lists it.
        alike = self.action_of["alike"] = QAction(self.tr("Similar earlier voices"), self)
        alike.setObjectName("alike")
        alike.setShortcut(QKeySequence(LIST_KEY))
        alike.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        alike.triggered.connect(lambda _checked=False: self.open_alike())
        self.addAction(alike)
        alike.setEnabled(False)

    def _repository(self, services: Services):
        return services.voices

    def _field_label(self, name: str) -> str:
        # The stamp sits under the promise, so a short "made" reads better than the history's "made at".
        return self.tr("Call-back made") if name == "callback_done_at" else field_label(name)

    # --- showing ----------------------------------------------------------------
    def _clear_more(self) -> None:
        self.history.clear()
        self._alike_asked += 1
        self.alike.clear()
        if "alike" in self.action_of:
            self.action_of["alike"].setEnabled(False)

    def _today(self) -> date:
        return now_tokyo().date()

    def _overdue_text(self, due: str) -> str:
        return self.tr("{date}  — Overdue").format(date=due)

    def _show(self, uid: str) -> None:
        self.show_voice(uid)

    def show_voice(self, uid: str) -> None:
        if self._load(uid) is None:
            return
        record = self.record
        allowed = TRANSITIONS.get(record["status"], set())
        closed = record["status"] in codes.CLOSED_STATUSES
        # Only the moves that make sense now are shown (a hidden one keeps its slot: nothing moves); their keys
        # and menu entries are greyed.
        promise_open = bool(record["callback_at"]) and not record["callback_done_at"] and not closed
        offered = {"edit": True, "start": record["status"] == codes.STATUS_NEW,
                   "done": not closed and codes.STATUS_DONE in allowed,
                   "drop": not closed and codes.STATUS_DROPPED in allowed,
                   "reopen": closed and codes.STATUS_IN_PROGRESS in allowed,
                   # Offered only while a promise is open; once made, the stamp shows instead.
                   "callback_made": promise_open, "customer": bool(record.get("customer_id")), "case": True,
                   "survey_answer": self._find_survey_answer(uid),
                   "history": True}
        for name, on in offered.items():
            self._offer(name, on)
        self.update_undo()
        self.history.show_voice(uid)
        self._look_for_alike()

    def _find_survey_answer(self, uid: str) -> bool:
        """Whether the voice was made from a survey answer's comment (one indexed lookup); remembers the answer."""
        answer = self.ops.read.surveys.answer_of_voice(uid)
        self.survey_answer = answer["uid"] if answer else None
        return answer is not None

    def _look_for_alike(self) -> None:
        """Earlier voices alike, off the UI thread: the panel shows the voice at once, the line a moment later."""
        voice = dict(self.record)
        self._alike_asked += 1
        asked = self._alike_asked
        op = self.ops.query(self, lambda data: alike_earlier(data.conn, voice, limit=ALIKE_SHOWN + 1),
                            key=("alike-earlier", id(self)))
        # A line that could not be read says nothing: the voice itself is shown.
        op.success(lambda found: self._alike_found(asked, voice, found)).failure(lambda _error: None)
        try:
            op.run()
        except RuntimeError:
            pass  # the database was closed under the panel (the program is ending): nothing to ask

    def _alike_found(self, asked: int, voice: dict, found: list) -> None:
        if asked != self._alike_asked or voice["uid"] != self.uid:
            return  # another voice (or this one anew) is being looked at
        short = too_short(voice_text(voice.get("summary") or "", voice.get("body") or ""))
        if short and not found:
            self.alike.show_too_short()
        else:
            self.alike.show_alike([Alike(v.uid, v.received_at, v.summary, v.reasons) for v in found[:ALIKE_SHOWN]],
                                  more=len(found) > ALIKE_SHOWN, too_short=short)  # one more asked: "5件以上"
        self.action_of["alike"].setEnabled(bool(found))

    def open_alike(self) -> None:
        """The list of earlier voices alike, the focus in it (Enter shows one)."""
        self.tabs.setCurrentIndex(0)
        self.alike.open_list()

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
            return self._stamp_text(value, names.get(record.get("callback_staff_id") or "", ""))
        if name == "callback_done_at":
            return self._stamp_text(value, names.get(record.get("callback_done_by") or "", ""))
        return value or ""

    # --- acting -----------------------------------------------------------------
    def _editor(self, uid: str) -> VoiceFormDialog:
        form = VoiceFormDialog(self.ops, self.staff_uid, uid, drafts=self.drafts, parent=self)
        # A similar voice picked in the form is shown behind it, as from the new voice form.
        form.voice_chosen.connect(lambda chosen: self.open_record.emit("voice", chosen))
        return form

    def _status_dialog(self, target: str) -> StatusDialog:
        return StatusDialog(self.ops, self.staff_uid, self.uid, target, parent=self)

    def _changed_elsewhere_text(self) -> str:
        return changed_elsewhere_text()

    def _error_text(self, error: FieldError) -> str:
        return field_error_text(error)

    def start_work(self) -> None:
        """未対応 → 対応中 needs nothing more, so it happens at once (no dialog)."""
        uid, by, version = self.uid, self.staff_uid, self.record["version"]
        self._quick(lambda data: data.voices.change_status(
            uid, StatusChange(codes.STATUS_IN_PROGRESS), by=by, expected_version=version))

    def mark_callback_made(self) -> None:
        """R9: the promised call-back was made. A small dialog asks for a note of the call and whether work starts
        (未対応 → 対応中); once written, the panel offers to undo it for a short while (ui/kit/callback_undo.py)."""
        if self.shown_anew():  # as stored now: made on another PC meanwhile, the flow says so (no dialog)
            self.dialog = callback_flow(self).mark("voices", self.uid, self.record) or self.dialog

    def undo_callback_made(self) -> None:
        """元に戻す (Ctrl+Z): take back the call-back marked last, while its notice is shown; else say why not."""
        callback_flow(self).undo()
