"""The elderly-customer sale record form (R16–R19): measures in the rules' order, a live list of what is still needed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QRadioButton,
    QVBoxLayout, QWidget,
)

from agency_app.domain import codes
from agency_app.domain import elderly as X
from agency_app.domain.elderly import default_due_date, missing
from agency_app.domain.elderly_entry import SaleInput, lenient_record, parse_day
from agency_app.domain.errors import FieldError
from agency_app.domain.periods import now_tokyo, to_tokyo
from agency_app.storage.customers import CustomerNotFound
from agency_app.storage.drafts import DraftStore
from agency_app.storage.services import Services
from agency_app.ui.kit import labels
from agency_app.ui.kit.customer_picker import CustomerPicker
from agency_app.ui.elderly.elderly_form_sections import (
    ANSWERS, PHONE_FIELDS, AgeNote, MeasureChoice, PhoneCheckBox, StillNeededPanel,
)
from agency_app.ui.elderly.elderly_texts import answer_label, error_text, field_label, missing_text, sale_kind_label, texted
from agency_app.ui.kit.form_drafts import EntryForm
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.insurer_choice import follow_product_line
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kit.scrolling_form import FieldScroll
from agency_app.ui.kit.widgets import ChoiceCombo, FieldBox
from agency_app.ui.kit.date_fields import DateEdit, draft_text

LINES = ("product_name", "relative_name", "relative_relation", "meeting_dates")
DATES = ("sale_date", "phone_checked_on", "written_confirmed_on", "due_date")
COMBOS = ("product_line", "insurer", "seller_id", "second_agent_id", "phone_checker_id")
TEXTS = ("less_preferred_reason", "customer_comment", "follow_up_note", "notes")
MEASURE_ROWS = ("relative_name", "relative_relation", "meeting_dates", "second_agent_id")


def draft_key(staff_uid: str, sale_uid: str | None = None) -> str:
    return f"elderly-edit-{staff_uid}-{sale_uid}" if sale_uid else f"elderly-new-{staff_uid}"


class ElderlySaleDialog(EntryForm, QDialog):
    """New record (sale_uid None) or edit of one; emits saved(uid). An incomplete record may be saved."""

    saved = Signal(str)

    def __init__(self, ops: Operations, staff_uid: str, sale_uid: str | None = None, *, customer_uid: str | None = None,
                 drafts: DraftStore | None = None, clock=now_tokyo, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.sale_uid, self.drafts, self.clock = ops, staff_uid, sale_uid, drafts, clock
        reading = ops.read  # the save goes through ops.write
        self.repo, self.customers, self.rules_store = reading.elderly_sales, reading.customers, reading.elderly_rules
        self.staff = reading.masters.staff()
        self._names = reading.staff_names()
        self._births: dict[str, date | None] = {}
        self._version: int | None = None
        self._due_auto = sale_uid is None  # the due date follows the sale date until the user types one
        self._offered_without: str | None = None  # the seller the checker list was last built without
        self._loading = True
        self.saved_missing: list[X.Missing] = []
        if sale_uid:
            self.rules_version, self.rules = self.repo.rules_of(sale_uid)
        else:  # read only (the defaults before any version is stored): saving the record makes version 1
            self.rules_version, self.rules = self.rules_store.in_force_on(self._now().date())
        self._init_drafts()
        self._build()
        self._load(customer_uid)
        # The stored record as the screen shows it (after _update) is the baseline, not the raw row.
        self._open(editing=bool(self.sale_uid), restored_text=self.tr("Restored the entry you were typing last time."))

    def _now(self):
        return to_tokyo(self.clock())

    @property
    def key(self) -> str:
        return draft_key(self.staff_uid, self.sale_uid)

    # --- building -----------------------------------------------------------------
    def _build(self) -> None:
        self.setWindowTitle(self.tr("Edit elderly-customer record") if self.sale_uid
                            else self.tr("New elderly-customer record"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.picker = CustomerPicker(self.ops.read, self, clock=self.clock)
        w: dict[str, QWidget] = {"customer_id": self.picker}
        for name in DATES:
            w[name] = DateEdit(self, clock=self.clock)
        for name in COMBOS:
            w[name] = ChoiceCombo(self, free_text=name == "insurer")
        for name in LINES:
            w[name] = QLineEdit(self)
        for name in ANSWERS:
            combo = w[name] = QComboBox(self)
            for code in ("", "yes", "no"):
                combo.addItem(answer_label(code), code)
        for name in TEXTS:
            text = w[name] = QPlainTextEdit(self)
            text.setTabChangesFocus(True)
            text.setFixedHeight(text.fontMetrics().lineSpacing() * 3 + 14)
        w["meeting_dates"].setPlaceholderText(self.tr("e.g. 2025/04/01, 2025/04/08"))
        self.kind_f2f = QRadioButton(sale_kind_label(True), self)
        self.kind_remote = QRadioButton(sale_kind_label(False), self)
        kind = w["face_to_face"] = QWidget(self)
        row = QHBoxLayout(kind)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.kind_f2f)
        row.addWidget(self.kind_remote)
        row.addStretch(1)
        measure = self.measure = w["measure"] = MeasureChoice(self)
        self.measure_buttons, self.measure_layout = measure.buttons, measure.column  # names callers use
        self.remote_note = measure.remote_note
        self.inputs = w
        self.boxes = {name: FieldBox(widget, self) for name, widget in w.items()}

        self.age_info = AgeNote(self)
        self.main = QFormLayout()
        self.phone_box = PhoneCheckBox(self)
        for name in ("customer_id",):
            self._row(self.main, name)
        self.main.addRow("", self.age_info)
        for name in ("sale_date", "product_line", "insurer", "product_name", "seller_id", "face_to_face",
                     "measure", *MEASURE_ROWS, "less_preferred_reason", "written_confirmed_on"):
            self._row(self.main, name)
        self.main.addRow(self.phone_box)
        for name in PHONE_FIELDS:
            self._row(self.phone_box.form, name)
        for name in ("due_date", "notes"):
            self._row(self.main, name)
        column = QVBoxLayout()
        column.addLayout(self.main)
        # The room left under the fields stays under them: stretched rows would centre a fixed-height box
        # (備考) far below its label.
        column.addStretch(1)
        scroll = FieldScroll(column, self)

        self.todo = StillNeededPanel(self)
        body = QHBoxLayout()
        body.addWidget(scroll, 3)
        body.addWidget(self.todo, 1)

        self._init_buttons()
        self.save_note = QLabel(self)
        self.save_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)
        layout.addLayout(self._button_row(self.save_note))  # what saving will mean, beside the buttons

        self.picker.customer_changed.connect(self._changed)
        for name in (*DATES, *LINES):
            w[name].textChanged.connect(self._changed)
        for name in COMBOS:
            w[name].editTextChanged.connect(self._changed)
        for name in ANSWERS:
            w[name].currentIndexChanged.connect(self._changed)
        for name in TEXTS:
            w[name].textChanged.connect(self._changed)
        self.kind_f2f.toggled.connect(self._changed)
        measure.group.buttonToggled.connect(self._changed)
        w["due_date"].textEdited.connect(lambda text: setattr(self, "_due_auto", not text.strip()))
        for widget in (*w.values(), self.picker.edit):
            widget.installEventFilter(self)
        # Wide enough for the fields and the list beside them; on a small screen (1024×768 with a taskbar) as
        # tall as the screen allows: the fields scroll, the buttons under them stay on screen.
        fit_to_screen(self, QSize(920, 700))

    def _row(self, form: QFormLayout, name: str) -> None:
        label = QLabel(field_label(name), self)
        label.setBuddy(self.inputs[name])
        label.setWordWrap(True)
        form.addRow(label, self.boxes[name])

    def _show_row(self, name: str, visible: bool) -> None:
        form = self.phone_box.form if name in PHONE_FIELDS else self.main
        form.setRowVisible(self.boxes[name], visible)

    def _set_tab_order(self, measures: list[QWidget]) -> None:
        """Tab follows the form top to bottom, the measures in the rules' order."""
        w = self.inputs
        chain = [self.picker.edit, w["sale_date"], w["product_line"], w["insurer"], w["product_name"],
                 w["seller_id"], self.kind_f2f, self.kind_remote, *measures,
                 *(w[n] for n in (*MEASURE_ROWS, "less_preferred_reason", "written_confirmed_on", *PHONE_FIELDS,
                                  "due_date", "notes")), self.save_button, self.cancel_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    # --- loading and state ------------------------------------------------------------
    def _load(self, customer_uid: str | None = None) -> None:
        w = self.inputs
        self._offered_without = None
        w["product_line"].set_choices(labels.choices("product_line"), allow_empty=True)
        follow_product_line(w["product_line"], w["insurer"], self.ops.read.masters.insurers())  # 生保 → life
        kana = {s.uid: s.kana for s in self.staff}
        for name in ("seller_id", "second_agent_id", "phone_checker_id"):
            w[name].set_choices([(s.uid, s.name) for s in self.staff], allow_empty=True, search=kana)
        if self.sale_uid:
            entry = self.repo.as_input(self.sale_uid)
            self._version = self.repo.get(self.sale_uid)["version"]
            self.picker.setEnabled(False)  # a record belongs to one customer's sale
        else:
            today = self._now().date()
            entry = SaleInput(customer_id=customer_uid or "", sale_date=today.strftime("%Y/%m/%d"),
                              seller_id=self.staff_uid,
                              due_date=default_due_date(today).strftime("%Y/%m/%d"))
        self._apply(entry.to_dict())

    def _state(self) -> dict:
        w = self.inputs
        state = {name: draft_text(w[name]) for name in (*DATES, *LINES)}
        state.update({name: w[name].code_or_text() for name in COMBOS})
        state.update({name: w[name].currentData() or "" for name in ANSWERS})
        state.update({name: w[name].toPlainText() for name in TEXTS})
        state["customer_id"] = self.picker.customer_uid() or ""
        state["face_to_face"] = not self.kind_remote.isChecked()
        state["measure"] = self.measure.code()
        return state

    def _apply(self, state: dict) -> None:
        w = self.inputs
        if "customer_id" in state and (self.picker.isEnabled() or not self.picker.customer_uid()):
            self.picker.set_customer(state.get("customer_id") or None)
        for name in (*DATES, *LINES):
            if name in state:
                w[name].setText(str(state[name]))
        for name in COMBOS:
            if name in state:
                value = str(state[name])
                if value in self._names:  # a staff member, perhaps no longer active: keep them shown
                    w[name].set_code(value, self._names[value])
                else:
                    w[name].set_value(value)
        for name in ANSWERS:
            if name in state:
                w[name].setCurrentIndex(max(0, w[name].findData(state[name])))
        for name in TEXTS:
            if name in state:
                w[name].setPlainText(str(state[name]))
        if "face_to_face" in state:
            (self.kind_f2f if state["face_to_face"] else self.kind_remote).setChecked(True)
        if "measure" in state:
            self.measure.set_code(state["measure"])

    def entry(self) -> SaleInput:
        state = self._state()
        state["sale_date"] = self.inputs["sale_date"].value()
        return SaleInput.from_dict(state)

    # --- reacting to typing --------------------------------------------------------------
    def _birth(self, customer_uid: str) -> date | None:
        if customer_uid not in self._births:
            try:
                text = self.customers.get(customer_uid)["birth_date"]
            except CustomerNotFound:
                text = None
            self._births[customer_uid] = date.fromisoformat(text) if text else None
        return self._births[customer_uid]

    def _update(self) -> None:
        """Everything that follows from what is typed: age, which fields apply, what is still needed."""
        if self._loading:
            return
        self._loading = True  # changes made here are not the user's typing
        try:
            entry = self.entry()
            line = entry.product_line
            group = codes.product_group(line) == codes.PRODUCT_GROUP_GROUP
            sale = parse_day(entry.sale_date)
            if not self.sale_uid and sale is not None:
                # A new record will take the rules in force on its sale date: show those.
                version, self.rules = self.rules_store.in_force_on(sale)
                self.rules_version = version or self.rules_version
            if self._due_auto and sale is not None:
                self.inputs["due_date"].setText(default_due_date(sale).strftime("%Y/%m/%d"))
            birth = self._birth(entry.customer_id) if entry.customer_id else None
            self.age_info.show_age(entry, birth, sale, self.rules)
            self._show_row("face_to_face", not group)
            # Measures offered in the order of this record's rules; one not offered is unchosen.
            self._set_tab_order(self.measure.arrange(tuple(self.rules.preference), group=group,
                                                     face_to_face=entry.face_to_face))
            self._refuse_seller(entry)
            entry = self.entry()
            record = lenient_record(entry, self.rules)
            still = missing(record, birth, self.rules) if record and line in codes.PRODUCT_LINES else []
            why = X.phone_check_reason(birth, record, self.rules) if record else None
            self._arrange_details(entry, record, group, why)
            self._show_todo(still, entry, birth, record)
        finally:
            self._loading = False

    def _refuse_seller(self, entry: SaleInput) -> None:
        """R19: the seller is not offered as checker or second agent; a clash already there is cleared and said."""
        seller = entry.seller_id
        if seller == self._offered_without:
            return
        self._offered_without = seller
        kana = {s.uid: s.kana for s in self.staff}
        others = [(s.uid, s.name) for s in self.staff if s.uid != seller]
        for name, code in (("phone_checker_id", X.CHECKER_IS_SELLER), ("second_agent_id", X.SECOND_AGENT_IS_SELLER)):
            combo = self.inputs[name]
            clash = bool(seller) and combo.code() == seller
            combo.set_choices(others, allow_empty=True, search=kana)
            if clash:
                combo.set_code("")
                self.boxes[name].set_error(error_text(FieldError(name, code)))

    def _arrange_details(self, entry: SaleInput, record, group: bool, why: str | None) -> None:
        measure = record.measure if record else entry.measure
        for name, wanted in (("relative_name", X.RELATIVE_PRESENT), ("relative_relation", X.RELATIVE_PRESENT),
                             ("meeting_dates", X.MULTIPLE_MEETINGS), ("second_agent_id", X.SECOND_AGENT),
                             ("written_confirmed_on", X.WRITTEN_CHECK)):
            self._show_row(name, measure == wanted)
        preference = tuple(self.rules.preference)
        needs_reason = not group and entry.face_to_face and measure is not None and measure != preference[0]
        self._show_row("less_preferred_reason", needs_reason)
        label = self.main.labelForField(self.boxes["less_preferred_reason"])
        label.setText(self.measure.reason_label(measure, preference[0]))
        typed = any(str(getattr(entry, n)).strip() for n in PHONE_FIELDS)
        self.phone_box.show_reason(why, self.rules.strict_age, typed=typed)
        said_no = "no" in (entry.answer_public_insurance, entry.answer_product_reason)
        self._show_row("follow_up_note", said_no or bool(entry.follow_up_note.strip()))

    def _show_todo(self, still: list, entry: SaleInput, birth: date | None, record) -> None:
        state = X.judgement(record, birth, self.rules, has_customer=bool(entry.customer_id))
        judged = state == X.ELDERLY
        self.todo_items = [missing_text(m) for m in still]
        if state == X.NOT_ELDERLY:
            self.todo.show_not_elderly(X.age_at_sale(birth, record.sale_date),
                                       self.rules.threshold_for(record.product_line))
        elif state == X.NO_BIRTH_DATE:
            self.todo.show_no_birth_date()
        else:
            self.todo.show_items(self.todo_items if judged else None)
        if not judged:
            self.save_note.setText("")
        elif still:
            self.save_note.setText(self.tr("You can save now. Until everything listed is done, the record stays "
                                           "\"Incomplete\" (due {due}).").format(due=entry.due_date))
        else:
            self.save_note.setText(self.tr("Everything needed is recorded: saving marks the record \"Complete\"."))

    # --- saving ------------------------------------------------------------------------
    def _entry(self) -> SaleInput:
        return self.entry()

    def _write(self, data: Services, entry: SaleInput) -> str:
        """The record is written complete or not; only hard mistakes refuse it (shown at their field)."""
        now = self._now()
        if self.sale_uid:
            data.elderly_sales.update(self.sale_uid, entry, by=self.staff_uid, expected_version=self._version,
                                      now=now)
            return self.sale_uid
        return data.elderly_sales.create(entry, by=self.staff_uid, now=now)

    def _after_save(self, uid: str) -> None:
        self.saved_missing = self.repo.missing_for(uid)

    def _error_texts(self, errors):
        return texted(errors)

    def _not_saved_text(self) -> str:
        return self.tr("Nothing was saved. Please correct the marked fields.")

    def _conflict_text(self) -> str:
        return self.tr("Someone else changed this record while you were editing it. Nothing "
                       "was saved yet: their changes are now shown together with yours. "
                       "Please check and save again.")
