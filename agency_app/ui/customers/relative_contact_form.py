"""The form recording a relative's contact for a customer (R20): registered with name, relation, phone — or declined, and why.

What is typed is kept as a draft of its writer for that customer, like every entry form (see form_drafts).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QDialog, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QRadioButton,
    QVBoxLayout, QWidget,
)

from agency_app.domain.customer import parse_product_lines
from agency_app.domain.periods import now_tokyo
from agency_app.domain.relatives import (
    OBTAINED_MAIL, OBTAINED_MEETING, OUTCOME_DECLINED, OUTCOME_REGISTERED, RelativeContactInput,
)
from agency_app.storage.drafts import DraftStore
from agency_app.storage.services import Services
from agency_app.ui.kit import labels
from agency_app.ui.kit.customer_texts import (
    customer_field_label, customer_label, obtained_by_label, outcome_label, with_texts,
)
from agency_app.ui.kit.form_drafts import EntryForm
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kit.scrolling_form import FieldScroll
from agency_app.ui.kit.widgets import ChoiceCombo, FieldBox
from agency_app.ui.kit.date_fields import DateEdit

REGISTERED_FIELDS = ("relative_name", "relation", "phone")
TEXT_FIELDS = ("relative_name", "relation", "phone", "recorded_on")


def draft_key(staff_uid: str, customer_uid: str) -> str:
    return f"relative-new-{staff_uid}-{customer_uid}"


class Choice(QWidget):
    """Two or more radio buttons side by side; none chosen at first when the choice must be conscious."""

    def __init__(self, options: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for code, text in options:
            button = QRadioButton(text, self)
            self.group.addButton(button)
            self.buttons[code] = button
            layout.addWidget(button)
        layout.addStretch(1)
        self.setFocusProxy(next(iter(self.buttons.values())))

    def code(self) -> str:
        return next((code for code, b in self.buttons.items() if b.isChecked()), "")

    def set_code(self, code: str) -> None:
        if code in self.buttons:
            self.buttons[code].setChecked(True)
            self.setFocusProxy(self.buttons[code])


class RelativeContactDialog(EntryForm, QDialog):
    """Record one relative contact (or a refusal) for `customer_uid`; emits saved(uid).

    With `drafts`, what is typed is kept 0.5 s after each change (and on leaving a field) as this staff
    member's draft for this customer, offered back when they open the form for the customer again.
    """

    saved = Signal(str)

    def __init__(self, ops: Operations, staff_uid: str, customer_uid: str, *, drafts: DraftStore | None = None,
                 clock=now_tokyo, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.customer_uid, self.clock = ops, staff_uid, customer_uid, clock
        self.drafts = drafts
        self._version = None      # always a new contact: nothing stored can change under the draft
        self._due_auto = False    # (kept in its drafts as before; this form has no due date)
        self._loading = True
        self._init_drafts()
        self._build()
        self._load()
        self._open(editing=False, restored_text=self.tr("Restored the entry you were typing last time."))

    @property
    def key(self) -> str:
        return draft_key(self.staff_uid, self.customer_uid)

    def _build(self) -> None:
        self.setWindowTitle(self.tr("Relative contact"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.customer = QLabel(self)
        self.customer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        w = self.inputs = {
            "outcome": Choice([(code, outcome_label(code)) for code in (OUTCOME_REGISTERED, OUTCOME_DECLINED)],
                              self),
            "relative_name": QLineEdit(self),
            "relation": QLineEdit(self),
            "phone": QLineEdit(self),
            "decline_reason": QPlainTextEdit(self),
            "obtained_by": Choice([(code, obtained_by_label(code)) for code in (OBTAINED_MEETING, OBTAINED_MAIL)],
                                  self),
            "product_line": ChoiceCombo(self),
            "recorded_on": DateEdit(self, clock=self.clock),
        }
        w["relation"].setPlaceholderText(self.tr("e.g. spouse, eldest son"))
        w["phone"].setPlaceholderText("090-1234-5678")
        w["decline_reason"].setTabChangesFocus(True)
        w["decline_reason"].setPlaceholderText(self.tr("What the customer said"))
        w["decline_reason"].setFixedHeight(QLineEdit().sizeHint().height() * 3)
        w["product_line"].set_choices(labels.choices("product_line"), allow_empty=True)
        self.boxes = {name: FieldBox(widget, self) for name, widget in w.items()}

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        grid.addWidget(QLabel(customer_field_label("customer_id"), self), 0, 0, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.customer, 0, 1)
        line_height = QLineEdit().sizeHint().height() + 4
        for row, name in enumerate(w, start=1):
            text = QLabel(customer_field_label(name), self)
            text.setBuddy(w[name])
            text.setFixedHeight(line_height)
            text.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(text, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self.boxes[name], row, 1, Qt.AlignmentFlag.AlignTop)
        grid.setRowStretch(len(w) + 1, 1)  # spare height goes below the fields, not between them

        self._init_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(FieldScroll(grid, self), 1)  # on a small screen the fields scroll, not the buttons
        layout.addLayout(self._button_row())
        order = [*w["outcome"].buttons.values(), w["relative_name"], w["relation"], w["phone"],
                 w["decline_reason"], *w["obtained_by"].buttons.values(), w["product_line"],
                 w["recorded_on"], self.save_button, self.cancel_button]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)
        for button in w["outcome"].buttons.values():
            button.toggled.connect(self._outcome_changed)
        for name in TEXT_FIELDS:
            w[name].textChanged.connect(self._changed)
        w["decline_reason"].textChanged.connect(self._changed)
        w["product_line"].editTextChanged.connect(self._changed)
        for name in ("outcome", "obtained_by"):
            w[name].group.buttonToggled.connect(self._changed)
        for widget in (*w.values(), *w["outcome"].buttons.values(), *w["obtained_by"].buttons.values()):
            widget.installEventFilter(self)  # leaving a field keeps the draft at once
        fit_to_screen(self, QSize(560, 420))

    def _load(self) -> None:
        row = self.ops.read.customers.get(self.customer_uid)
        self.customer.setText(customer_label(row, self.clock().date()))
        lines = parse_product_lines(row["product_lines"])
        if len(lines) == 1:  # the customer holds one line: it is the one this contact is for
            self.inputs["product_line"].set_code(lines[0])
        self.inputs["outcome"].set_code(OUTCOME_REGISTERED)
        self.inputs["recorded_on"].set_stored(self.clock().date().isoformat())
        self._outcome_changed()

    def _outcome_changed(self) -> None:
        """Only the fields of the chosen outcome can be typed in (the other's are not saved)."""
        registered = self.inputs["outcome"].code() == OUTCOME_REGISTERED
        for name in REGISTERED_FIELDS:
            self.inputs[name].setEnabled(registered)
        self.inputs["decline_reason"].setEnabled(not registered)

    def _state(self) -> dict:
        w = self.inputs
        return {"outcome": w["outcome"].code(), "relative_name": w["relative_name"].text(),
                "relation": w["relation"].text(), "phone": w["phone"].text(),
                "decline_reason": w["decline_reason"].toPlainText(), "obtained_by": w["obtained_by"].code(),
                "product_line": w["product_line"].code_or_text(), "recorded_on": w["recorded_on"].value()}

    def _apply(self, state: dict) -> None:
        """Put a kept state back; a key the draft lacks keeps what is shown."""
        w = self.inputs
        for name in ("outcome", "obtained_by"):
            if state.get(name):
                w[name].set_code(str(state[name]))
        for name in TEXT_FIELDS:
            if name in state:
                w[name].setText(str(state[name]))
        if "decline_reason" in state:
            w["decline_reason"].setPlainText(str(state["decline_reason"]))
        if "product_line" in state:
            w["product_line"].set_value(str(state["product_line"]))
        self._outcome_changed()

    # --- saving -----------------------------------------------------------------
    def _entry(self) -> RelativeContactInput:
        return RelativeContactInput(customer_id=self.customer_uid, **self._state())

    def _write(self, data: Services, entry: RelativeContactInput) -> str:
        return data.relatives.create(entry, by=self.staff_uid, now=self.clock())  # never an edit: no conflict

    def _error_texts(self, errors):
        return with_texts(errors)

    def _not_saved_text(self) -> str:
        return self.tr("Nothing was saved. Please correct the marked fields.")
