"""Sections of the elderly-customer record form: age note, measure choice, phone-check box, what is still needed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QFormLayout, QGroupBox, QLabel, QRadioButton, QVBoxLayout, QWidget

from agency_app.domain import codes
from agency_app.domain import elderly as X
from agency_app.domain.elderly import ElderlyRules, age_at_sale
from agency_app.domain.elderly_entry import SaleInput
from agency_app.domain.errors import FieldError
from agency_app.ui.elderly.elderly_texts import error_text, measure_label

ANSWERS = ("answer_public_insurance", "answer_product_reason")
PHONE_FIELDS = ("phone_checker_id", "phone_checked_on", *ANSWERS, "customer_comment", "follow_up_note")


class AgeNote(QLabel):
    """The customer's age on the application date and what it asks of the record (R16, the strict band)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)

    def show_age(self, entry: SaleInput, birth: date | None, sale: date | None, rules: ElderlyRules) -> None:
        if not entry.customer_id:
            text = self.tr("Choose the customer to see their age on the application date.")
        elif birth is None:
            text = error_text(FieldError("customer_id", X.NO_BIRTH_DATE))
        elif sale is None or sale < birth:
            text = self.tr("Enter the application date to judge the customer's age.")
        else:
            age, threshold = age_at_sale(birth, sale), rules.threshold_for(entry.product_line)
            if age < threshold:
                text = error_text(FieldError("customer_id", X.NOT_ELDERLY, {"age": age, "threshold": threshold}))
            else:
                text = self.tr("{age} on the application date: an elderly-customer record is needed "
                               "(from {threshold}).").format(age=age, threshold=threshold)
                strict = rules.strict_age
                if strict is not None and age >= strict and codes.product_group(entry.product_line) != "group":
                    text += "\n" + self.tr("{strict} or older: a face-to-face sale also needs a phone check "
                                           "by another staff member.").format(strict=strict)
        self.setText(text)


class MeasureChoice(QWidget):
    """The measure taken, one radio button each, offered in the order of the record's rules."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for code in X.MEASURES:
            button = self.buttons[code] = QRadioButton(measure_label(code), self)
            self.group.addButton(button)
            self.column.addWidget(button)
        self.remote_note = QLabel(self.tr("Not face to face: a phone check by another staff member is needed."), self)
        self.remote_note.setWordWrap(True)
        self.column.addWidget(self.remote_note)

    def code(self) -> str:
        """The chosen measure, '' when none is."""
        return next((c for c, b in self.buttons.items() if b.isChecked()), "")

    def set_code(self, code: str) -> None:
        """Choose `code`; '' (or a code without a button) leaves none chosen."""
        self.group.setExclusive(False)
        for measure, button in self.buttons.items():
            button.setChecked(measure == code)
        self.group.setExclusive(True)

    def arrange(self, preference: tuple[str, ...], *, group: bool, face_to_face: bool) -> list[QRadioButton]:
        """Offer what this sale may use (face to face: in `preference` order); unchoose the rest; the buttons shown."""
        if group:
            offered = X.GROUP_MEASURES
        elif face_to_face:
            offered = (*preference, X.PHONE_CHECK)
        else:
            offered = ()
        chosen = self.code()
        for code in X.MEASURES:
            self.column.removeWidget(self.buttons[code])
        for position, code in enumerate(offered):
            self.column.insertWidget(position, self.buttons[code])
        for code, button in self.buttons.items():
            button.setVisible(code in offered)
        if chosen and chosen not in offered:
            self.set_code("")
        self.remote_note.setVisible(not group and not face_to_face)
        return [self.buttons[c] for c in offered]

    def reason_label(self, measure: str | None, preferred: str) -> str:
        """The label of the reason field: why no measure was possible, or why the preferred one was not taken."""
        if measure == X.PHONE_CHECK:
            return self.tr("Why none was possible")
        return self.tr("Why not {measure}").format(measure=measure_label(preferred))


class PhoneCheckBox(QGroupBox):
    """The phone check by another staff member: its fields (PHONE_FIELDS), titled with why it is needed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = QFormLayout(self)

    def show_reason(self, why: str | None, strict_age: int | None, *, typed: bool) -> None:
        """Shown when needed (`why`, one of PHONE_WHY_*) or when something is already typed in it."""
        self.setVisible(why is not None or typed)
        titles = {X.PHONE_WHY_STRICT: self.tr("Phone check (needed: {age} or older)").format(age=strict_age),
                  X.PHONE_WHY_NON_FACE_TO_FACE: self.tr("Phone check (needed: not face to face)"),
                  X.PHONE_WHY_NO_MEASURE: self.tr("Phone check (needed: no face-to-face measure possible)"),
                  X.PHONE_WHY_GROUP: self.tr("Phone check")}
        self.setTitle(titles.get(why, self.tr("Phone check (not required)")))


class StillNeededPanel(QGroupBox):
    """The live list of what the record still lacks, or what to fill in before it can be judged."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Still needed"))
        self.items = QLabel(self)
        self.items.setWordWrap(True)
        self.items.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.items.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self).addWidget(self.items, 1)
        self.setMinimumWidth(260)

    def show_not_elderly(self, age: int, threshold: int) -> None:
        """Under the threshold: the rules ask for nothing (saving says so at the customer field)."""
        self.items.setText(self.tr("The customer is {age} on the application date: under the rules (from "
                                   "{threshold}) not an elderly customer, so nothing more is needed and no record "
                                   "is kept.").format(
            age=age, threshold=threshold))

    def show_no_birth_date(self) -> None:
        self.items.setText(self.tr("The customer's date of birth is not recorded, so the age on the application "
                                   "date cannot be judged. Add it in the customer's record."))

    def show_items(self, items: list[str] | None) -> None:
        """`items` as a list; None = the record cannot be judged yet (no customer, application date or product)."""
        if items is None:
            self.items.setText(self.tr("Choose the customer, application date and product first."))
        elif items:
            self.items.setText("\n".join(f"・{text}" for text in items))
        else:
            self.items.setText(self.tr("Nothing more is needed."))
