"""The entry form for one customer: name, kana, date of birth with the age beside it, contact, lines held, notes."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget,
)

from agency_app.domain.age import age_on
from agency_app.domain.customer import CustomerInput, birth_date_problem
from agency_app.domain.periods import now_tokyo
from agency_app.domain.voice import parse_date
from agency_app.storage.services import Services
from agency_app.storage.drafts import DraftStore
from agency_app.ui.kit import labels
from agency_app.ui.kit.customer_texts import (
    age_text, customer_field_label, elderly_text, with_texts,
)
from agency_app.ui.kit.form_drafts import EntryForm
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.scrolling_form import FieldScroll
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kit.widgets import FieldBox
from agency_app.ui.kit.date_fields import DateEdit, draft_text

LINES = ("name", "kana", "phone", "postal_code", "address")


def draft_key(staff_uid: str, customer_uid: str | None = None) -> str:
    """Drafts belong to the person who typed them: another staff member never sees or saves them."""
    return f"customer-edit-{staff_uid}-{customer_uid}" if customer_uid else f"customer-new-{staff_uid}"


class ProductLineChecks(QWidget):
    """One check box per product line (生保, 損保（自動車）…, 団体); Tab enters at the first."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.boxes = {code: QCheckBox(label, self) for code, label in labels.choices("product_line")}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for i, box in enumerate(self.boxes.values()):
            layout.addWidget(box, i // 3, i % 3)
        self.setFocusProxy(next(iter(self.boxes.values())))

    def codes(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def set_codes(self, chosen) -> None:
        for code, box in self.boxes.items():
            box.setChecked(code in chosen)


class CustomerFormDialog(EntryForm, QDialog):
    """New customer (customer_uid None) or edit of one; emits saved(uid). Non-modal friendly: call show()."""

    saved = Signal(str)

    def __init__(self, ops: Operations, staff_uid: str, customer_uid: str | None = None, *,
                 drafts: DraftStore | None = None, clock=now_tokyo, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.customer_uid = ops, staff_uid, customer_uid
        self.drafts, self.clock = drafts, clock
        self.repo = ops.read.customers  # reading; the save goes through ops.write
        self._version: int | None = None
        self._loading = True
        self._init_drafts()
        self._build()
        self._load()
        self._open(editing=bool(self.customer_uid),
                   restored_text=self.tr("Restored the entry you were typing last time."))

    @staticmethod
    def has_draft(drafts: DraftStore | None, staff_uid: str, customer_uid: str | None = None) -> bool:
        return drafts is not None and drafts.load(draft_key(staff_uid, customer_uid)) is not None

    @property
    def key(self) -> str:
        return draft_key(self.staff_uid, self.customer_uid)

    # --- building ---------------------------------------------------------------
    def _build(self) -> None:
        self.setWindowTitle(self.tr("Edit customer") if self.customer_uid else self.tr("New customer"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        w = self.inputs = {
            "name": QLineEdit(self),
            "kana": QLineEdit(self),
            "birth_date": DateEdit(self, clock=self.clock),
            "phone": QLineEdit(self),
            "postal_code": QLineEdit(self),
            "address": QLineEdit(self),
            "product_lines": ProductLineChecks(self),
            "notes": QPlainTextEdit(self),
        }
        w["name"].setPlaceholderText(self.tr("Required, e.g. 山田 太郎"))
        w["kana"].setPlaceholderText(self.tr("In kana, e.g. ヤマダ タロウ"))
        w["birth_date"].setPlaceholderText(self.tr("e.g. S31.2.29 / 1956/2/29"))
        w["phone"].setPlaceholderText("090-1234-5678")
        w["postal_code"].setPlaceholderText("123-4567")
        w["postal_code"].setMaximumWidth(w["postal_code"].fontMetrics().horizontalAdvance("123-4567__") + 24)
        w["notes"].setTabChangesFocus(True)  # Tab must leave the text, as in every other field
        w["notes"].setMinimumHeight(100)
        self.age_label = QLabel(self)
        self.age_label.setObjectName("ageLabel")
        self.boxes = {name: FieldBox(widget, self) for name, widget in w.items()}

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        line_height = QLineEdit().sizeHint().height() + 4
        for row, name in enumerate(w):
            text = QLabel(customer_field_label(name), self)
            text.setBuddy(w[name])
            text.setFixedHeight(line_height)
            text.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(text, row, 0, Qt.AlignmentFlag.AlignTop)
            if name == "birth_date":
                birth_row = QHBoxLayout()
                # The date field is narrow; its error sentence must not wrap after every few characters.
                self.boxes[name].error.setMinimumWidth(self.fontMetrics().horizontalAdvance("あ" * 26))
                # What S15.3.2 was read as (or why it cannot be) is seen beside the field, before the age.
                hint = w[name].hint
                margins = hint.contentsMargins()
                hint.setMinimumWidth(hint.fontMetrics().horizontalAdvance("→ 1940/03/02(Sat)")
                                     + margins.left() + margins.right())
                birth_row.addWidget(self.boxes[name])
                birth_row.addWidget(self.age_label, 1, Qt.AlignmentFlag.AlignTop)
                self.age_label.setFixedHeight(line_height)
                grid.addLayout(birth_row, row, 1, Qt.AlignmentFlag.AlignTop)
            else:
                top = Qt.AlignmentFlag(0) if name == "notes" else Qt.AlignmentFlag.AlignTop
                grid.addWidget(self.boxes[name], row, 1, top)
        grid.setRowStretch(len(w) - 1, 1)

        self._init_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(FieldScroll(grid, self), 1)  # on a small screen the fields scroll, not the buttons
        layout.addLayout(self._button_row())

        order = [w["name"], w["kana"], w["birth_date"], w["phone"], w["postal_code"], w["address"],
                 *w["product_lines"].boxes.values(), w["notes"], self.save_button, self.cancel_button]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

        for name in LINES + ("birth_date",):
            w[name].textChanged.connect(self._changed)
            w[name].installEventFilter(self)
        w["notes"].textChanged.connect(self._changed)
        w["notes"].installEventFilter(self)
        for box in w["product_lines"].boxes.values():
            box.toggled.connect(self._changed)
        w["birth_date"].textChanged.connect(self._show_age)
        fit_to_screen(self, QSize(640, 560))  # smaller on a small screen: the buttons stay on it

    # --- loading and state ------------------------------------------------------
    def _load(self) -> None:
        entry = CustomerInput()
        if self.customer_uid:
            entry = self.repo.as_input(self.customer_uid)
            self._version = self.repo.get(self.customer_uid)["version"]
        self._apply(entry.to_dict())
        self.inputs["birth_date"].set_stored(entry.birth_date)

    def _state(self) -> dict:
        """Everything on screen, as typed (drafts keep it; comparing two states tells if anything changed)."""
        w = self.inputs
        state = {name: draft_text(w[name]) for name in LINES + ("birth_date",)}
        state["notes"] = w["notes"].toPlainText()
        state["product_lines"] = w["product_lines"].codes()
        return state

    def _apply(self, state: dict) -> None:
        """Put a saved state back; a key the draft lacks keeps what is shown."""
        w = self.inputs
        for name in LINES + ("birth_date",):
            if name in state:
                w[name].setText(str(state[name]))
        if "notes" in state:
            w["notes"].setPlainText(str(state["notes"]))
        if isinstance(state.get("product_lines"), list):
            w["product_lines"].set_codes(state["product_lines"])

    # --- reacting to typing -----------------------------------------------------
    def _show_age(self) -> None:
        """The age as of today beside the date of birth, so a wrong year is seen while typing."""
        typed = self.inputs["birth_date"].value()
        today = self.clock().date()
        if not typed or birth_date_problem(typed, today=today):
            self.age_label.clear()
            return
        age = age_on(parse_date(typed), today)
        text = age_text(age)
        if age >= self.ops.read.elderly_rules.elderly_age():  # R16: the manager's setting
            text += f"（{elderly_text()}）"
        self.age_label.setText(text)

    # --- saving -----------------------------------------------------------------
    def _entry(self) -> CustomerInput:
        w = self.inputs
        return CustomerInput(
            name=w["name"].text(), kana=w["kana"].text(), birth_date=w["birth_date"].value(),
            phone=w["phone"].text(), postal_code=w["postal_code"].text(), address=w["address"].text(),
            product_lines=w["product_lines"].codes(), notes=w["notes"].toPlainText())

    def _write(self, data: Services, entry: CustomerInput) -> str:
        now = self.clock()
        if self.customer_uid:
            data.customers.update(self.customer_uid, entry, by=self.staff_uid, expected_version=self._version,
                                  now=now)
            return self.customer_uid
        return data.customers.create(entry, by=self.staff_uid, now=now)

    def _error_texts(self, errors):
        return with_texts(errors)

    def _not_saved_text(self) -> str:
        return self.tr("Nothing was saved. Please correct the marked fields.")

    def _conflict_text(self) -> str:
        return self.tr(
            "Someone else changed this customer while you were editing it. Nothing was saved yet: "
            "their changes are now shown together with yours. Please check and save again.")
