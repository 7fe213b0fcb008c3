"""The entry form of one follow-up case (R10): type with its checklist shown, customer picked, due date from the type."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget,
)

from agency_app.domain import errors as E
from agency_app.domain.cases import CaseInput, default_due_date, validate_case
from agency_app.domain.errors import FieldError
from agency_app.domain.periods import now_tokyo
from agency_app.domain.voice import parse_date
from agency_app.storage.drafts import DraftStore
from agency_app.storage.services import Services
from agency_app.storage.voices import VoiceNotFound
from agency_app.ui.kit import labels
from agency_app.ui.cases.case_checklist_preview import ChecklistPreview
from agency_app.ui.cases.case_texts import case_conflict_text, case_field_label, case_type_choices, with_case_texts
from agency_app.ui.kit.customer_picker import CustomerPicker
from agency_app.ui.kit.form_drafts import EntryForm
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.insurer_choice import follow_product_line
from agency_app.ui.kit.scrolling_form import FieldScroll
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kit.field_grid import FieldGrid
from agency_app.ui.kit.widgets import ChoiceCombo, FieldBox
from agency_app.ui.kit.date_fields import DateEdit, DateTimeEdit, draft_text

COMBOS = ("case_type", "product_line", "insurer", "assignee_id", "callback_staff_id")
LINES = ("title", "opened_on", "due_date", "callback_at")
ORDER = ("case_type", "opened_on", "title", "customer_id", "product_line", "insurer", "body",
         "assignee_id", "due_date", "callback_at", "callback_staff_id")
# Alt+letter jumps to a field, as in the voice form (a case is often begun from a call, Ctrl+Shift+K): the
# voice form's letters for the fields both have, T(ype), O(pened) and K(enmei, 件名) for the case's own.
FIELD_KEYS = {"case_type": "T", "opened_on": "O", "title": "K", "customer_id": "C", "product_line": "S",
              "insurer": "I", "body": "N", "assignee_id": "A", "due_date": "D", "callback_at": "R",
              "callback_staff_id": "W"}


def draft_key(staff_uid: str, case_uid: str | None = None, voice_uid: str | None = None) -> str:
    """Drafts belong to their typist; a new case begun from a voice has its own, so two never mix."""
    if case_uid:
        return f"case-edit-{staff_uid}-{case_uid}"
    return f"case-new-{staff_uid}-{voice_uid}" if voice_uid else f"case-new-{staff_uid}"


class CaseFormDialog(EntryForm, QDialog):
    """New case (case_uid None; optionally for a customer or from a voice) or edit of one; emits saved(uid)."""

    saved = Signal(str)

    def __init__(self, ops: Operations, staff_uid: str, case_uid: str | None = None, *,
                 customer_uid: str | None = None, voice_uid: str | None = None,
                 drafts: DraftStore | None = None, clock=now_tokyo, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.case_uid, self.drafts, self.clock = ops, staff_uid, case_uid, drafts, clock
        reading = ops.read  # the save goes through ops.write
        self.repo, self.templates, self.masters, self.voices = reading.cases, reading.templates, reading.masters, \
            reading.voices
        self._customer_uid, self._voice_uid = customer_uid, voice_uid
        self._version: int | None = None
        self._due_auto = case_uid is None  # the due date follows type and opening date until typed
        self._loading = True
        self._init_drafts()
        self._build()
        self._load()
        self._open(editing=bool(self.case_uid), restored_text=self.tr("Restored the entry you were typing last time."))

    @property
    def key(self) -> str:
        return draft_key(self.staff_uid, self.case_uid, None if self.case_uid else self._voice_uid)

    # --- building ---------------------------------------------------------------
    def _build(self) -> None:
        self.setWindowTitle(self.tr("Edit case") if self.case_uid else self.tr("New case"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        w = self.inputs = {
            "case_type": ChoiceCombo(self), "opened_on": DateEdit(self, clock=self.clock), "title": QLineEdit(self),
            "customer_id": CustomerPicker(self.ops.read, self, clock=self.clock),
            "product_line": ChoiceCombo(self), "insurer": ChoiceCombo(self, free_text=True),
            "body": QPlainTextEdit(self), "assignee_id": ChoiceCombo(self), "due_date": DateEdit(self, clock=self.clock),
            "callback_at": DateTimeEdit(self, clock=self.clock), "callback_staff_id": ChoiceCombo(self),
        }
        w["title"].setPlaceholderText(self.tr("Required: what is to be done, in one line"))
        w["body"].setPlaceholderText(self.tr("Details (Tab moves to the next field)"))
        w["body"].setTabChangesFocus(True)
        w["body"].setMinimumHeight(90)
        # the date columns are narrow beside the checklist: what a date was read as goes under it
        self.boxes = {name: FieldBox(w[name], self, hint_below=True) for name in ORDER}

        grid = FieldGrid(self, self.boxes, case_field_label, keys=FIELD_KEYS)
        grid.pair(0, "case_type", "opened_on")
        grid.pair(1, "title")
        grid.pair(2, "customer_id")
        grid.pair(3, "product_line", "insurer")
        grid.pair(4, "body")
        grid.pair(5, "assignee_id", "due_date")
        grid.pair(6, "callback_at", "callback_staff_id")

        self.voice_label = QLabel(self)
        self.voice_label.setWordWrap(True)
        self.voice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.voice_label.hide()
        self.preview = ChecklistPreview(self.repo, self.templates, self)
        self.checklist = self.preview.steps

        self._init_buttons()
        body = QHBoxLayout()
        body.addLayout(grid, 1)
        body.addWidget(self.preview)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.voice_label)
        layout.addWidget(FieldScroll(body, self), 1)  # on a small screen the fields scroll, not the buttons
        layout.addLayout(self._button_row())

        order = [w[name] for name in ORDER] + [self.save_button, self.cancel_button]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)
        for name in LINES:
            w[name].textChanged.connect(self._changed)
        for name in COMBOS:
            w[name].editTextChanged.connect(self._changed)
        w["body"].textChanged.connect(self._changed)
        w["customer_id"].customer_changed.connect(self._changed)
        w["customer_id"].edit.textChanged.connect(self._changed)
        w["case_type"].currentIndexChanged.connect(self._type_changed)
        w["case_type"].editTextChanged.connect(self._type_changed)
        w["opened_on"].textChanged.connect(self._follow_due)
        w["due_date"].textEdited.connect(self._due_typed)
        w["callback_at"].textChanged.connect(self._callback_typed)
        for name in ORDER:
            target = w[name].edit if name == "customer_id" else w[name]
            target.installEventFilter(self)
        fit_to_screen(self, QSize(900, 560))  # smaller on a small screen: the buttons stay on it

    def _fill_choices(self) -> None:
        w = self.inputs
        w["case_type"].set_choices(case_type_choices())
        w["product_line"].set_choices(labels.choices("product_line"), allow_empty=True)
        follow_product_line(w["product_line"], w["insurer"], self.masters.insurers())  # 生保 → life insurers
        staff = self.masters.staff()
        choices = [(s.uid, s.name) for s in staff]
        kana = {s.uid: s.kana for s in staff}
        for name in ("assignee_id", "callback_staff_id"):
            w[name].set_choices(choices, allow_empty=True, search=kana)

    # --- loading and state ------------------------------------------------------
    def _load(self) -> None:
        self._fill_choices()
        if self.case_uid:
            entry = self.repo.as_input(self.case_uid)
            self._version = self.repo.get(self.case_uid)["version"]
            self._voice_uid = entry.voice_id or None
        else:
            today = self.clock().date()
            entry = CaseInput(opened_on=today.isoformat(), assignee_id=self.staff_uid,
                              customer_id=self._customer_uid or "")
            entry.due_date = default_due_date(today, entry.case_type).isoformat()
            if self._voice_uid:
                self._prefill_from_voice(entry)
        self._put(entry)
        self.inputs["case_type"].setEnabled(self.case_uid is None)  # the checklist was copied from it
        self._show_voice()
        self._show_checklist()

    def _prefill_from_voice(self, entry: CaseInput) -> None:
        """A case opened from a voice starts with its customer, summary, product and insurer."""
        try:
            voice = self.voices.get(self._voice_uid)
        except VoiceNotFound:
            self._voice_uid = None
            return
        entry.voice_id = voice["uid"]
        entry.customer_id = voice.get("customer_id") or entry.customer_id
        entry.title = voice["summary"] or ""
        entry.product_line = voice["product_line"] or ""
        entry.insurer = voice["insurer"] or ""

    def _put(self, entry: CaseInput) -> None:
        w = self.inputs
        names = {s.uid: s.name for s in self.masters.staff(include_inactive=True)}
        w["case_type"].set_code(entry.case_type)
        for name in ("opened_on", "due_date", "callback_at"):
            w[name].set_stored(getattr(entry, name))
        for name in ("product_line", "insurer"):
            w[name].set_code(getattr(entry, name))
        for name in ("assignee_id", "callback_staff_id"):
            uid = getattr(entry, name)
            w[name].set_code(uid, names.get(uid))
        w["title"].setText(entry.title)
        w["body"].setPlainText(entry.body)
        w["customer_id"].set_customer(entry.customer_id or None)

    def _show_voice(self) -> None:
        summary = ""
        if self._voice_uid:
            try:
                summary = self.voices.get(self._voice_uid)["summary"]
            except VoiceNotFound:
                summary = ""
        self.voice_label.setText(self.tr("From the voice: {summary}").format(summary=summary))
        self.voice_label.setVisible(bool(self._voice_uid))

    def _show_checklist(self) -> None:
        self.preview.show_for(self.case_uid, self.inputs["case_type"].code())

    def _state(self) -> dict:
        w = self.inputs
        state = {name: w[name].code_or_text() for name in COMBOS}
        state.update({name: draft_text(w[name]) for name in LINES})
        state["body"] = w["body"].toPlainText()
        state["customer_id"] = w["customer_id"].customer_uid() or ""
        state["customer_text"] = w["customer_id"].text()
        state["voice_id"] = self._voice_uid or ""
        return state

    def _apply(self, state: dict) -> None:
        w = self.inputs
        if "case_type" in state and self.case_uid is None:
            w["case_type"].set_value(str(state["case_type"]))
        for name in LINES:
            if name in state:
                w[name].setText(str(state[name]))
        if "body" in state:
            w["body"].setPlainText(str(state["body"]))
        for name in ("product_line", "insurer", "assignee_id", "callback_staff_id"):
            if name in state:
                w[name].set_value(str(state[name]))
        if "customer_id" in state:
            w["customer_id"].set_customer(str(state["customer_id"]) or None)
            if not state["customer_id"] and state.get("customer_text"):
                w["customer_id"].edit.setText(str(state["customer_text"]))  # typed, not yet picked
        self._show_checklist()

    # --- reacting to typing -----------------------------------------------------
    def _type_changed(self, *_args) -> None:
        self._show_checklist()
        self._follow_due()

    def _follow_due(self, *_args) -> None:
        if not self._due_auto:
            return
        opened = parse_date(self.inputs["opened_on"].value())
        code = self.inputs["case_type"].code()
        if opened is not None and code:
            self.inputs["due_date"].setText(default_due_date(opened, code).strftime("%Y/%m/%d"))

    def _due_typed(self, text: str) -> None:
        self._due_auto = not text.strip()

    def _callback_typed(self, text: str) -> None:
        staff = self.inputs["callback_staff_id"]
        if text.strip() and not staff.currentText().strip() and not self._loading:
            staff.set_code(self.staff_uid)

    # --- saving -----------------------------------------------------------------
    def _entry(self) -> tuple[CaseInput, list[FieldError]]:
        w = self.inputs
        problems = []
        picker = w["customer_id"]
        if picker.customer_uid() is None and picker.text().strip():
            problems.append(FieldError("customer_id", E.UNKNOWN_CHOICE))  # typed but not picked
        entry = CaseInput(
            case_type=w["case_type"].code_or_text(), title=w["title"].text(), body=w["body"].toPlainText(),
            customer_id=picker.customer_uid() or "", voice_id=self._voice_uid or "",
            product_line=w["product_line"].code_or_text(), insurer=w["insurer"].code_or_text(),
            opened_on=w["opened_on"].value(), assignee_id=w["assignee_id"].code_or_text(),
            due_date=w["due_date"].value(), callback_at=w["callback_at"].value(),
            callback_staff_id=w["callback_staff_id"].code_or_text())
        return entry, problems

    def _write(self, data: Services, typed: tuple[CaseInput, list[FieldError]]) -> str:
        entry, problems = typed
        now = self.clock()
        if problems:
            self._refuse(problems, lambda: validate_case(entry, now=now))
        if self.case_uid:
            data.cases.update(self.case_uid, entry, by=self.staff_uid, expected_version=self._version, now=now)
            return self.case_uid
        return data.cases.create(entry, by=self.staff_uid, now=now)

    def _error_texts(self, errors):
        return with_case_texts(errors)

    def _not_saved_text(self) -> str:
        return self.tr("Nothing was saved. Please correct the marked fields.")

    def _conflict_text(self) -> str:
        return case_conflict_text()
