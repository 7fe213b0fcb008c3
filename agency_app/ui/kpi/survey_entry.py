"""The survey answer entry row, always at hand: a clerk types a stack of sheets one after another (Ctrl+Enter each)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)
from shiboken6 import isValid

from agency_app.domain.date_input import Reading, read_date
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.periods import now_tokyo
from agency_app.domain.surveys import SurveyAnswerInput, SurveyType
from agency_app.ui.kit import labels
from agency_app.ui.kit.date_fields import DateEdit, draft_text
from agency_app.ui.kit.draft_writer import draft_writer
from agency_app.ui.kit.input_method import commit_input_method, track_input_method
from agency_app.ui.kit.widgets import Banner, ChoiceCombo, FieldBox, clear_field_errors, show_field_errors, \
    without_enter_default
from agency_app.ui.kpi import survey_texts

DRAFT_DELAY_MS = 500
FIELDS = ("answered_on", "survey_type", "product_line", "recommendation", "satisfaction_grade", "comment")
STICKY = ("answered_on", "survey_type", "product_line")  # the same for a whole stack of sheets
SHEET = ("recommendation", "satisfaction_grade", "comment")  # what each sheet says


# A day typed without its year ('4/1') is a sheet already answered: read it within the year up to today, not as
# the nearest such day (which in November makes '4/1' next April, as a due date would want).
PAST_WINDOW = timedelta(days=183)


class AnswerDateEdit(DateEdit):
    """The answer's date: '4/1', 'R7.4.1', '2025/4/1'; a day without its year is the last one up to today."""

    def reading(self) -> Reading:
        reading = super().reading()
        today = self.clock().date()
        if reading.ok and reading.value > today:
            earlier = read_date(self.text(), today - PAST_WINDOW)
            if earlier.ok and earlier.value <= today:
                return earlier
        return reading


def draft_key(staff_uid: str) -> str:
    """One entry draft per typist (the sheet being typed when the program stopped)."""
    return f"survey-entry-{staff_uid}"


class SurveyEntry(QGroupBox):
    """Date, survey, product, score, grade, comment; Ctrl+Enter saves and clears the sheet's own fields (the date,
    survey and product stay for the next sheet), the keyboard back in the score. A refused save keeps everything
    with the reason under its field. Enter in the list above loads an answer here to edit; Esc leaves that edit
    and puts back the sheet that was being typed. What is typed is kept as a draft shortly after typing."""

    saved = Signal(str)       # the answer's uid, new or edited

    def __init__(self, ops, staff_uid: str, *, drafts=None, clock=now_tokyo, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.drafts, self.clock = ops, staff_uid, drafts, clock
        self.editing: tuple[str, int] | None = None   # (uid, version) of the answer loaded to edit
        self._stashed: dict | None = None              # the new sheet typed before an edit began
        self._loaded: dict | None = None               # the edited answer as loaded (what counts as a change)
        self._types: dict[str, SurveyType] = {}
        self._saving = False
        self._loading = False
        self.saved_count = 0
        self.setTitle(self.tr("Enter an answer"))

        self.date = AnswerDateEdit(self, clock=lambda: self.clock())
        self.survey = ChoiceCombo(self)
        self.product = ChoiceCombo(self)
        self.product.set_choices(labels.choices("product_line"), allow_empty=True)
        # 'コンタクトセンター', '損保（自動車）' in full: the boxes were 8 characters wide (cut) or took the whole row.
        for combo in (self.survey, self.product):
            combo.setMinimumContentsLength(11)
        self.score = QLineEdit(self)
        self.score.setMaxLength(6)
        self.score.setPlaceholderText("0–10")
        self.grade = QLineEdit(self)
        self.grade.setMaxLength(20)
        self.scale = QLabel(self)   # the survey's grades as printed on the sheet
        self.scale.setWordWrap(True)
        self.comment = QPlainTextEdit(self)
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 12)  # longer comments scroll
        self.widgets = {"answered_on": self.date, "survey_type": self.survey, "product_line": self.product,
                        "recommendation": self.score, "satisfaction_grade": self.grade, "comment": self.comment}
        self.boxes = {name: FieldBox(widget, self) for name, widget in self.widgets.items()}
        self.banner = Banner(self)
        self.mode = QLabel(self)      # 編集中 / the last sheet saved
        self.save_button = QPushButton(self.tr("&Save (Ctrl+Enter)"), self)
        self.cancel_button = QPushButton(self.tr("Leave the edit (Esc)"), self)
        without_enter_default(self.save_button, self.cancel_button)
        self.cancel_button.hide()
        self.draft_note = QLabel(self)
        self.draft_note.hide()

        grid = QGridLayout()
        captions = {"answered_on": self.tr("&Date"), "survey_type": self.tr("Survey k&ind"),
                    "product_line": self.tr("&Product"), "recommendation": self.tr("S&core (0–10)"),
                    "satisfaction_grade": self.tr("&Grade"), "comment": self.tr("Comme&nt")}
        places = {"answered_on": (0, 0), "survey_type": (0, 2), "product_line": (0, 4),
                  "recommendation": (1, 0), "satisfaction_grade": (1, 2)}
        for name, (row, column) in places.items():
            caption = QLabel(captions[name], self)
            caption.setBuddy(self.widgets[name])
            grid.addWidget(caption, row, column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self.boxes[name], row, column + 1)
        grid.addWidget(self.scale, 1, 4, 1, 2)
        caption = QLabel(captions["comment"], self)
        caption.setBuddy(self.comment)
        grid.addWidget(caption, 2, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.boxes["comment"], 2, 1, 1, 3)
        # Save sits beside the comment, its last field, with what happened under it: one row less, so the
        # tab fits a small laptop screen with the list still in view.
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        side = QVBoxLayout()
        side.addLayout(buttons)
        side.addWidget(self.mode)
        side.addWidget(self.draft_note)
        side.addStretch(1)
        grid.addLayout(side, 2, 4, 1, 2)
        grid.setColumnStretch(6, 1)   # the room left over goes to the right of the fields, not into one box
        self.mode.setWordWrap(True)
        self.draft_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 4)
        layout.addWidget(self.banner)
        layout.addLayout(grid)
        order = [self.date, self.survey, self.product, self.score, self.grade, self.comment, self.save_button,
                 self.cancel_button]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self, self.save)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        leave = QShortcut(QKeySequence("Esc"), self, self.leave_edit)
        leave.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.leave_edit)

        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.keep_draft)
        for widget in (self.date, self.score, self.grade):
            widget.textChanged.connect(self._changed)
        for combo in (self.survey, self.product):
            combo.editTextChanged.connect(self._changed)
        self.survey.currentIndexChanged.connect(lambda _i: self._show_scale())
        self.survey.editTextChanged.connect(lambda _t: self._show_scale())
        self.comment.textChanged.connect(self._changed)
        for widget in self.widgets.values():
            widget.installEventFilter(self)
        track_input_method(self)
        self.load_types()
        self.restore_draft()

    # --- survey types ----------------------------------------------------------------
    def load_types(self) -> None:
        """The active surveys in the combo (kept as chosen); the current one's grades beside the grade field."""
        rows = self.ops.read.surveys.type_rows()
        self._types = {row["code"]: self.ops.read.surveys._type_of_row(row) for row in rows}
        self._loading = True
        self.survey.set_choices([(row["code"], row["name"]) for row in rows if row["active"]])
        self._loading = False
        self._show_scale()

    def survey_type(self) -> SurveyType | None:
        return self._types.get(self.survey.code() or "")

    def _show_scale(self) -> None:
        survey_type = self.survey_type()
        self.scale.setText(survey_texts.scale_hint(survey_type))
        asked = survey_type is None or survey_type.asks_recommendation
        self.score.setPlaceholderText("0–10" if asked else self.tr("not asked"))

    # --- what is typed ------------------------------------------------------------------
    def state(self) -> dict:
        return {"answered_on": draft_text(self.date), "survey_type": self.survey.code_or_text(),
                "product_line": self.product.code_or_text(), "recommendation": self.score.text(),
                "satisfaction_grade": self.grade.text(), "comment": self.comment.toPlainText()}

    def apply(self, state: dict) -> None:
        self._loading = True
        try:
            self.date.setText(state.get("answered_on", ""))
            self.survey.set_value(state.get("survey_type", ""))
            self.product.set_value(state.get("product_line", ""))
            self.score.setText(state.get("recommendation", ""))
            self.grade.setText(state.get("satisfaction_grade", ""))
            self.comment.setPlainText(state.get("comment", ""))
        finally:
            self._loading = False
        self._show_scale()

    def entry(self) -> SurveyAnswerInput:
        return SurveyAnswerInput.from_dict(self.state())

    def sheet_typed(self) -> bool:
        """Whether any of the sheet's own fields holds typing (the sticky ones alone are no draft)."""
        state = self.state()
        return any(state[name].strip() for name in SHEET)

    # --- drafts -----------------------------------------------------------------------------
    def _changed(self, *_args) -> None:
        if self._loading:
            return
        if self.editing is None:
            self._draft_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self._draft_timer.isActive():
            self.keep_draft()  # a field was left: keep what was typed now
        return super().eventFilter(watched, event)

    def _draft_data(self) -> dict | None:
        state = self._stashed if self.editing is not None else self.state()
        if state is None or not any(state[name].strip() for name in SHEET):
            return None
        return {"form": state}

    def keep_draft(self, *, now: bool = False) -> bool:
        """Hand the new sheet being typed to the draft writer (`now`: written before returning). An answer loaded
        to edit has no draft of its own: leaving the edit or a refused save keeps its text on screen."""
        self._draft_timer.stop()
        if now:
            commit_input_method(self)  # a word still being converted is part of the sheet
        if self.drafts is None:
            return True
        data = self._draft_data()
        key = draft_key(self.staff_uid)
        try:
            if now:
                draft_writer().write_now(self.drafts, key, data)
            else:
                draft_writer().write_later(self.drafts, key, data,
                                           lambda error, me=self: isValid(me) and me._draft_kept(error))
        except OSError as error:
            self._draft_kept(error)
            return data is None
        return True

    def _draft_kept(self, error: OSError | None) -> None:
        if error is None:
            self.draft_note.hide()
            return
        self.draft_note.setText(self.tr("Draft not kept ({reason}): save soon.").format(
            reason=error.strerror or str(error)))
        self.draft_note.show()

    def restore_draft(self) -> bool:
        """Put back the sheet this person was typing when the program last stopped; True if there was one."""
        if self.drafts is None:
            return False
        try:
            draft_writer().settle(self.drafts, draft_key(self.staff_uid))
            data = self.drafts.load(draft_key(self.staff_uid))
        except OSError:
            data = None
        if not data or not isinstance(data.get("form"), dict):
            return False
        self.apply({k: str(v) for k, v in data["form"].items() if k in FIELDS})
        self.mode.setText(self.tr("The sheet you were typing is back."))
        return True

    def set_staff(self, uid: str) -> None:
        """Another person at the PC: this one's sheet is kept as their draft, the next one's comes back."""
        self.keep_draft(now=True)
        if self.editing is not None:
            self.leave_edit()
        self.staff_uid = uid
        self.apply({})
        self.restore_draft()

    # --- editing a stored answer --------------------------------------------------------------
    def edit(self, uid: str) -> bool:
        """Load a stored answer to edit (the new sheet typed so far is put aside and comes back after). Not while
        a save is on its way: the sheet being saved would be put aside and come back to be typed twice. Not over
        an edit with changes either: it stays, the banner says how to end it, and the keyboard goes back to it."""
        if self._saving:
            return True
        if self.edit_changed():
            self.banner.show_message(self.tr(
                "The answer of {date} is still being edited: save it (Ctrl+Enter) or leave it (Esc) first."
            ).format(date=self._loaded["answered_on"]), "warning")
            self.score.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        try:
            row = self.ops.read.surveys.get(uid)
            entry = self.ops.read.surveys.as_input(uid)
        except LookupError:
            return False
        if self.editing is None:
            self.keep_draft(now=True)
            self._stashed = self.state()
        self.editing = (uid, row["version"])
        clear_field_errors(self.boxes, self.banner)
        self.apply(entry.to_dict() | {"answered_on": row["answered_on"].replace("-", "/")})
        self.survey.set_code(row["survey_type"], self._types[row["survey_type"]].name
                             if row["survey_type"] in self._types else None)
        self._loaded = self.state()
        self.setTitle(self.tr("Edit an answer"))
        self.mode.setText(self.tr("Editing the answer of {date}. Esc leaves the edit.").format(
            date=row["answered_on"].replace("-", "/")))
        self.cancel_button.show()
        self.score.setFocus(Qt.FocusReason.OtherFocusReason)
        self.score.selectAll()
        return True

    def edit_changed(self) -> bool:
        """Whether an answer is loaded to edit and something in it was changed (not saved yet)."""
        return self.editing is not None and self.state() != self._loaded

    def leave_edit(self) -> None:
        """Esc: the edit is left unsaved and the sheet typed before it comes back (not while it is being saved)."""
        if self.editing is None or self._saving:
            return
        self.editing = None
        clear_field_errors(self.boxes, self.banner)
        self.apply(self._stashed or {})
        self._stashed = None
        self.setTitle(self.tr("Enter an answer"))
        self.mode.clear()
        self.cancel_button.hide()
        self.focus_first()

    def focus_first(self) -> None:
        """The keyboard where the next sheet starts: the score (or the grade when the survey does not ask it)."""
        survey_type = self.survey_type()
        field = self.grade if survey_type is not None and not survey_type.asks_recommendation else self.score
        if not self.date.text().strip():
            field = self.date
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(field, QLineEdit):
            field.selectAll()

    def start_new(self) -> None:
        """Ctrl+N: a new answer, the keyboard in the date to type over. An edit with nothing changed is left; one
        with changes stays, and the banner says how to end it (as Enter on another answer does): never lost."""
        if self.edit_changed():
            self.banner.show_message(self.tr(
                "The answer of {date} is still being edited: save it (Ctrl+Enter) or leave it (Esc) first."
            ).format(date=self._loaded["answered_on"]), "warning")
            self.score.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.leave_edit()
        self.date.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.date.selectAll()

    # --- saving ----------------------------------------------------------------------------------
    def save(self) -> None:
        """Ctrl+Enter: write the answer (in the writer thread); refused, every problem is said at its field."""
        if self._saving:
            return
        commit_input_method(self)  # Ctrl+Enter does not end the IME's conversion: the word is saved too
        entry, by, now, editing = self.entry(), self.staff_uid, self.clock(), self.editing
        if editing is None:
            self.keep_draft(now=True)  # the sheet is on disk until it is stored
            work = lambda data: data.surveys.create(entry, by=by, now=now)  # noqa: E731
        else:
            uid, version = editing
            def work(data):
                data.surveys.update(uid, entry, by=by, expected_version=version, now=now)
                return uid
        self._saving = True
        clear_field_errors(self.boxes, self.banner)
        self.ops.write(self, work).always(self._unlock).success(self._saved).failure(self._refused).run()

    def _unlock(self) -> None:
        self._saving = False

    def _saved(self, uid: str) -> None:
        was_edit = self.editing is not None
        self.saved_count += 0 if was_edit else 1
        saved = self.state()
        if was_edit:
            self.editing = None
            self.apply(self._stashed or {name: saved[name] for name in STICKY})
            self._stashed = None
            self.setTitle(self.tr("Enter an answer"))
            self.cancel_button.hide()
            self.mode.setText(self.tr("The answer is saved."))
        else:
            self.apply({name: saved[name] for name in STICKY})
            self.mode.setText(self.tr("Saved: {date} {survey} — {count} this time.").format(
                date=saved["answered_on"], survey=self.survey.currentText(), count=self.saved_count))
            self.keep_draft()  # the sheet is stored: its draft goes
        self.focus_first()
        self.saved.emit(uid)

    def _refused(self, error: Exception) -> None:
        """Nothing typed is touched: the reasons go under their fields (the first one focused)."""
        if isinstance(error, ValidationFailed):
            problems = [type(e)(e.field, e.code, dict(e.params or {}, text=survey_texts.error_text(e)))
                        for e in error.errors]
            show_field_errors(problems, self.boxes, self.banner)
            loose = [p for p in problems if p.field not in self.boxes]
            if loose:
                self.banner.show_message("\n".join(p.params["text"] for p in loose))
            return
        self.banner.show_message(survey_texts.message(error))

    def field_error(self, name: str) -> str:
        """The message shown under a field ('' when none; tests and the screen reader look at it)."""
        box = self.boxes[name]
        return box.error.text().removeprefix("⚠ ") if box.has_error() else ""
