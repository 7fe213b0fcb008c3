"""The entry form of one improvement (改善, R12): title, cause, action, team, owner, opening and due dates."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from agency_app.domain.errors import FieldError
from agency_app.domain.improvements import ImprovementInput
from agency_app.domain.periods import now_tokyo
from agency_app.storage.drafts import DraftStore
from agency_app.storage.services import Services
from agency_app.storage.voices import VoiceNotFound
from agency_app.ui.improvements.improvement_texts import (
    improvement_conflict_text, improvement_field_label, with_improvement_texts,
)
from agency_app.ui.kit.date_fields import DateEdit, draft_text
from agency_app.ui.kit.field_grid import FieldGrid
from agency_app.ui.kit.form_drafts import EntryForm
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kit.scrolling_form import FieldScroll
from agency_app.ui.kit.widgets import ChoiceCombo, FieldBox

COMBOS = ("team", "owner_id")
LINES = ("title", "opened_on", "due_date")
TEXTS = ("cause", "action")
ORDER = ("title", "cause", "action", "team", "owner_id", "opened_on", "due_date")
# Alt+letter jumps to a field (as in the voice and case forms).
FIELD_KEYS = {"title": "K", "cause": "G", "action": "T", "team": "M", "owner_id": "A", "opened_on": "O",
              "due_date": "D"}
DEFAULT_DAYS = 30  # a new improvement is due a month after it is opened unless another date is typed


def draft_key(staff_uid: str, improvement_uid: str | None = None) -> str:
    """Drafts belong to their typist, one per improvement edited and one for a new one."""
    if improvement_uid:
        return f"improvement-edit-{staff_uid}-{improvement_uid}"
    return f"improvement-new-{staff_uid}"


class ImprovementFormDialog(EntryForm, QDialog):
    """New improvement (uid None; optionally answering `voice_uids`) or edit of one; emits saved(uid)."""

    saved = Signal(str)

    def __init__(self, ops: Operations, staff_uid: str, improvement_uid: str | None = None, *,
                 voice_uids: tuple[str, ...] = (), drafts: DraftStore | None = None, clock=now_tokyo,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.improvement_uid = ops, staff_uid, improvement_uid
        self.drafts, self.clock = drafts, clock
        self.voice_uids = tuple(voice_uids)
        self._version: int | None = None
        self._loading = True
        self._init_drafts()
        self._build()
        self._load()
        self._open(editing=bool(improvement_uid),
                   restored_text=self.tr("Restored the entry you were typing last time."))

    @property
    def key(self) -> str:
        return draft_key(self.staff_uid, self.improvement_uid)

    # --- building ---------------------------------------------------------------
    def _build(self) -> None:
        self.setWindowTitle(self.tr("Edit improvement") if self.improvement_uid else self.tr("New improvement"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        w = self.inputs = {
            "title": QLineEdit(self), "cause": QPlainTextEdit(self), "action": QPlainTextEdit(self),
            "team": ChoiceCombo(self, free_text=True), "owner_id": ChoiceCombo(self),
            "opened_on": DateEdit(self, clock=self.clock), "due_date": DateEdit(self, clock=self.clock),
        }
        w["title"].setPlaceholderText(self.tr("Required: what is to change, in one line"))
        w["cause"].setPlaceholderText(self.tr("Why it happened (Tab moves to the next field)"))
        w["action"].setPlaceholderText(self.tr("What is done so it does not happen again"))
        lines = self.fontMetrics().lineSpacing()
        for name in TEXTS:
            w[name].setTabChangesFocus(True)
            # Two text boxes share the height: each at most a few lines high (it scrolls beyond), so the
            # dates under them stay on a 768-pixel screen without scrolling the form.
            w[name].setMinimumHeight(lines * 3 + 12)
            w[name].setMaximumHeight(lines * 6 + 12)
        self.boxes = {name: FieldBox(w[name], self) for name in ORDER}
        grid = FieldGrid(self, self.boxes, improvement_field_label, tall=(), keys=FIELD_KEYS)  # boxes of set height
        grid.pair(0, "title")
        grid.pair(1, "cause")
        grid.pair(2, "action")
        grid.pair(3, "team", "owner_id")
        grid.pair(4, "opened_on", "due_date")
        grid.setRowStretch(5, 1)  # spare height under the fields, not between them

        self.voice_label = QLabel(self)
        self.voice_label.setWordWrap(True)
        self.voice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.voice_label.setVisible(bool(self.voice_uids))
        self._init_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.voice_label)
        layout.addWidget(FieldScroll(grid, self), 1)  # on a small screen the fields scroll, not the buttons
        layout.addLayout(self._button_row())

        order = [w[name] for name in ORDER] + [self.save_button, self.cancel_button]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)
        for name in LINES:
            w[name].textChanged.connect(self._changed)
        for name in COMBOS:
            w[name].editTextChanged.connect(self._changed)
        for name in TEXTS:
            w[name].textChanged.connect(self._changed)
        for name in ORDER:
            w[name].installEventFilter(self)
        fit_to_screen(self, QSize(760, 540))

    def _fill_choices(self) -> None:
        w = self.inputs
        w["team"].set_choices([(t, t) for t in self.ops.read.voice_days.teams()], allow_empty=True)
        staff = self.ops.read.masters.staff()
        w["owner_id"].set_choices([(s.uid, s.name) for s in staff], allow_empty=True,
                                  search={s.uid: s.kana for s in staff})

    # --- loading and state ------------------------------------------------------
    def _load(self) -> None:
        self._fill_choices()
        repo = self.ops.read.improvements
        if self.improvement_uid:
            entry = repo.as_input(self.improvement_uid)
            self._version = repo.get(self.improvement_uid)["version"]
        else:
            today = self.clock().date()
            me = self.ops.read.masters.staff_member(self.staff_uid)
            entry = ImprovementInput(owner_id=self.staff_uid, team=me.team if me else "",
                                     opened_on=today.isoformat(),
                                     due_date=(today + timedelta(days=DEFAULT_DAYS)).isoformat())
        self._put(entry)
        if self.voice_uids:
            summaries = [v["summary"] for v in self._voices()]
            self.voice_label.setText(self.tr("Answers the voices: {summaries}").format(
                summaries=" / ".join(summaries)))

    def _voices(self) -> list[dict]:
        found = []
        for uid in self.voice_uids:
            try:
                found.append(self.ops.read.voices.get(uid))
            except VoiceNotFound:  # a voice gone meanwhile is left out of the note only
                pass
        return found

    def _put(self, entry: ImprovementInput) -> None:
        w = self.inputs
        names = self.ops.read.staff_names()
        w["title"].setText(entry.title)
        w["cause"].setPlainText(entry.cause)
        w["action"].setPlainText(entry.action)
        w["team"].set_code(entry.team)
        w["owner_id"].set_code(entry.owner_id, names.get(entry.owner_id))
        for name in ("opened_on", "due_date"):
            w[name].set_stored(getattr(entry, name))

    def _state(self) -> dict:
        w = self.inputs
        state = {name: w[name].code_or_text() for name in COMBOS}
        state.update({name: draft_text(w[name]) for name in ("opened_on", "due_date")})
        state["title"] = w["title"].text()
        state.update({name: w[name].toPlainText() for name in TEXTS})
        return state

    def _apply(self, state: dict) -> None:
        w = self.inputs
        for name in LINES:
            if name in state:
                w[name].setText(str(state[name]))
        for name in TEXTS:
            if name in state:
                w[name].setPlainText(str(state[name]))
        for name in COMBOS:
            if name in state:
                w[name].set_value(str(state[name]))

    # --- saving -----------------------------------------------------------------
    def _entry(self) -> ImprovementInput:
        w = self.inputs
        return ImprovementInput(
            title=w["title"].text(), cause=w["cause"].toPlainText(), action=w["action"].toPlainText(),
            team=w["team"].code_or_text(), owner_id=w["owner_id"].code_or_text(),
            opened_on=w["opened_on"].value(), due_date=w["due_date"].value())

    def _write(self, data: Services, entry: ImprovementInput) -> str:
        now = self.clock()
        if self.improvement_uid:
            data.improvements.update(self.improvement_uid, entry, by=self.staff_uid,
                                     expected_version=self._version, now=now)
            return self.improvement_uid
        return data.improvements.create(entry, by=self.staff_uid, voice_uids=self.voice_uids, now=now)

    def _error_texts(self, errors: list[FieldError]) -> list[FieldError]:
        return with_improvement_texts(errors)

    def _not_saved_text(self) -> str:
        return self.tr("Nothing was saved. Please correct the marked fields.")

    def _conflict_text(self) -> str:
        return improvement_conflict_text()

