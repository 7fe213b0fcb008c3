"""The elderly-customer records tab (R16–R19): the list with 未完了/完了 in words, one record with what is still missing."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from agency_app.domain.periods import to_tokyo
from agency_app.storage.elderly_list import ELDERLY_LIST, ElderlyFilter
from agency_app.storage.elderly_sales import SaleNotFound
from agency_app.ui.kit import labels
from agency_app.ui.kit.branch_choice import BranchChoice, active_branches
from agency_app.ui.elderly.elderly_form import ElderlySaleDialog, draft_key
from agency_app.ui.kit.form_drafts import bring_forward_form
from agency_app.ui.elderly.elderly_texts import (
    answer_label, field_label, measure_label, missing_text, overdue_label, sale_kind_label, state_label,
)
from agency_app.ui.kit.empty_note import EmptyListNote
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.page_list import PageList
from agency_app.ui.kit.paged_model import PagedTableModel
from agency_app.ui.kit.record_actions import offer, record_action
from agency_app.ui.kit.record_views import RecordPage, list_beside_detail, record_table
from agency_app.ui.kit.widgets import Banner
from agency_app.ui.kit.date_fields import display_date

COLUMNS = ("customer", "sale_date", "product", "age", "measure", "state", "due")


def is_overdue(row: dict, today: date) -> bool:
    return not row["is_complete"] and bool(row["due_date"]) and row["due_date"] < today.isoformat()


class ElderlySalesModel(PagedTableModel):
    """Rows of the elderly-sale records list (storage/elderly_list.py), a page at a time; state and 超過 are words,
    colour only repeats them."""

    columns = COLUMNS

    def __init__(self, parent=None):
        super().__init__(parent)
        self.today = date.today()
        self._headers = {"customer": self.tr("Customer"), "sale_date": self.tr("Application date"),
                         "product": self.tr("Product"), "age": self.tr("Age at sale"),
                         "measure": self.tr("Measure"), "state": self.tr("State"), "due": self.tr("Due")}

    def _cell(self, row: dict, key: str, role: int):
        late = key == "due" and is_overdue(row, self.today)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key, late)
        return self._look(role, overdue=late, closed=bool(row["is_complete"]),
                          bold=late or (key == "state" and not row["is_complete"]),
                          centred=key in ("age", "state", "due"))

    def _text(self, row: dict, key: str, late: bool) -> str:
        if key == "customer":
            return row["customer_name"]
        if key == "sale_date":
            return display_date(row["sale_date"])
        if key == "product":
            return labels.product_line_label(row["product_line"])
        if key == "age":
            return "" if row["age"] is None else str(row["age"])
        if key == "measure":
            return measure_label(row["measure"]) if row["measure"] else self.tr("Not chosen")
        if key == "state":
            return state_label(bool(row["is_complete"]))
        if row["is_complete"]:
            return ""  # a complete record is due nothing
        due = display_date(row["due_date"])
        return f"{due} {overdue_label()}" if late else due


class ElderlyPage(RecordPage):
    """The elderly-sales page (the contract is RecordPage's)."""

    # The list names customers and staff; a rules change may make a record complete or not.
    watched = ("elderly_sales", "customers", "staff", "elderly_rules")

    def __init__(self, ops: Operations, staff_uid: str, **options):  # drafts=, clock=, parent= as RecordPage
        super().__init__(ops, staff_uid, **options)
        self.repo = ops.read.elderly_sales
        self.dialog = None  # the dialog last opened (tests look at it)
        self._forms: list[ElderlySaleDialog] = []
        self.uid: str | None = None

        self.open_only = QCheckBox(self.tr("Incomplete only"), self)
        self.branch = BranchChoice(self, active_branches(ops))  # head office: one office's records, or all
        self.new_button = QPushButton(self.tr("New record (Ctrl+N)"), self)
        self.edit_button = QPushButton(self.tr("Edit (Enter)"), self)
        self.rules_button = QPushButton(self.tr("Rules…"), self)
        self.customer_button = QPushButton(self.tr("Open customer"), self)
        self.history_button = QPushButton(self.tr("Change history…"), self)
        bar = QHBoxLayout()
        bar.addWidget(self.open_only)
        bar.addWidget(self.branch.box)
        bar.addStretch(1)
        for button in (self.new_button, self.rules_button):
            bar.addWidget(button)
        self.banner = Banner(self)
        self.notice = Banner(self)
        self.model = ElderlySalesModel(self)
        self.view = record_table(self, self.model, stretch="customer")
        self.count_label = QLabel(self)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.todo_title = QLabel(self.tr("Still needed"), self)
        self.todo = QLabel(self)
        self.todo.setWordWrap(True)
        right = QWidget(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(right)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.detail)
        right_layout.addWidget(self.todo_title)
        right_layout.addWidget(self.todo)
        right_layout.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.edit_button)
        actions.addWidget(self.customer_button)
        actions.addWidget(self.history_button)
        actions.addStretch(1)
        right_layout.addLayout(actions)
        splitter = list_beside_detail(self, self.view, self.count_label, scroll)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)

        self.listing = PageList(ops, ELDERLY_LIST, self.model, self.view, show=self._show,
                                show_none=lambda: self._show(None), parent=self)
        self.search = self.listing.search
        self.listing.counted.connect(self._counted)
        self.listing.failed.connect(self.banner.show_message)
        self.open_only.toggled.connect(lambda _on: self.refresh())
        self.branch.combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.new_button.clicked.connect(lambda: self.new_record())
        self.rules_button.clicked.connect(self.edit_rules)
        # The record's actions, with their keys wherever the focus is in the page (the list included).
        self.action_of = {
            "edit": record_action(self, "edit", self.tr("Edit record…"), self.edit, self.edit_button),
            "customer": record_action(self, "customer", self.tr("Open customer"), self._open_customer,
                                      self.customer_button),
            "history": record_action(self, "history", self.tr("Change history…"), self.show_history,
                                     self.history_button),
        }
        self.empty_note = EmptyListNote(self.view, self.tr("No records match."))
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.view.doubleClicked.connect(lambda _i: self.edit())
        self.view.installEventFilter(self)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_record, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        order = [self.open_only, self.branch.combo, self.new_button, self.rules_button, self.view, self.edit_button,
                 self.customer_button]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)
        self.refresh(first_page_here=True)

    # --- the page contract ------------------------------------------------------------
    def refresh(self, *, select_uid: str | None = None, outside: bool = False, focus: bool = False,
                first_page_here: bool = False) -> None:
        """Search the list again, keeping the selected record (or `select_uid`) when it is listed.

        `outside`: show that record even when the filter hides it.
        """
        self.banner.clear_message()
        self.model.today = to_tokyo(self.clock()).date()  # for 超過: read as the rows are shown
        self.listing.request(self.export_filter(), select_uid=select_uid or self.uid,
                             outside=outside, focus=focus, first_page_here=first_page_here)

    def export_filter(self) -> ElderlyFilter:
        """The filter the list shows now (この一覧をExcelに出力 writes exactly these rows)."""
        return ElderlyFilter(open_only=self.open_only.isChecked(), branch_code=self.branch.code())

    def _counted(self, count: int) -> None:
        incomplete = ELDERLY_LIST.query(self.ops.read.conn, ElderlyFilter(  # one index count
            open_only=True, branch_code=self.branch.code())).count()
        self.count_label.setText(self.tr("{count} records, {open} incomplete").format(count=f"{count:,}", open=f"{incomplete:,}"))
        self.say_count(self.count_label.text())

    def record_actions(self):
        return list(self.action_of.values())

    def set_staff(self, uid: str) -> None:
        """Another person logged in: open forms become the previous person's drafts."""
        for form in list(self._forms):
            form.put_aside()
        self.staff_uid = uid
        self.refresh()

    def show_record(self, uid: str) -> None:
        """Select a record, clearing 未完了のみ when it hides the record (a complete one)."""
        if self.open_only.isChecked() and self.model.row_of_loaded(uid) is None:
            try:
                complete = bool(self.repo.get(uid)["is_complete"])
            except SaleNotFound:
                complete = False
            if complete:
                self.open_only.blockSignals(True)
                self.open_only.setChecked(False)
                self.open_only.blockSignals(False)
        if self.branch.code() and self.model.row_of_loaded(uid) is None:
            try:
                other_office = self.repo.get(uid)["branch_code"] != self.branch.code()
            except SaleNotFound:
                other_office = False
            if other_office:
                self.branch.clear()
        self._show(uid)
        self.refresh(select_uid=uid, outside=True, focus=True, first_page_here=True)

    # --- acting ---------------------------------------------------------------------
    def new_record(self, *, customer_uid: str | None = None) -> ElderlySaleDialog:
        open_one = bring_forward_form(self.drafts, draft_key(self.staff_uid))
        if open_one is not None:  # two forms on one draft would fight over it
            return open_one
        return self._open(ElderlySaleDialog(self.ops, self.staff_uid, customer_uid=customer_uid,
                                            drafts=self.drafts, clock=self.clock, parent=self))

    def edit(self) -> ElderlySaleDialog | None:
        if not self.uid:
            return None
        for form in self._forms:  # two forms on one record would share (and fight over) one draft
            if form.sale_uid == self.uid and form.isVisible():
                form.raise_()
                form.activateWindow()
                return form
        return self._open(ElderlySaleDialog(self.ops, self.staff_uid, self.uid, drafts=self.drafts,
                                            clock=self.clock, parent=self))

    def show_history(self):
        """Every change of the selected record (R11): each measure, check and answer as it was entered."""
        if not self.uid:
            return None
        from agency_app.ui.elderly.sale_history import sale_history
        dialog = sale_history(self.ops.read, self.uid, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def edit_rules(self) -> None:
        from agency_app.ui.elderly.elderly_rules_dialog import ElderlyRulesDialog
        dialog = ElderlyRulesDialog(self.ops, self.staff_uid, clock=self.clock, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def _open(self, form: ElderlySaleDialog) -> ElderlySaleDialog:
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(lambda uid, form=form: self._saved(uid, form))
        self._forms.append(form)
        form.destroyed.connect(lambda *_: self._forms.remove(form) if form in self._forms else None)
        self.dialog = form
        form.show()
        return form

    def _saved(self, uid: str, form: ElderlySaleDialog) -> None:
        if form.saved_missing:
            self.notice.show_message(self.tr("Saved. The record stays \"Incomplete\" until {count} more items "
                                             "are done.").format(count=len(form.saved_missing)), "warning")
        else:
            self.notice.show_message(self.tr("Saved. The record is complete."), "info")
        # Shown and selected where listed; 未完了のみ stays as the user set it (show_record would untick it).
        self._show(uid)
        self.refresh(select_uid=uid, outside=True, focus=True, first_page_here=True)

    def _open_customer(self) -> None:
        if self.uid:
            self.open_record.emit("customer", self.repo.get(self.uid)["customer_id"])

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        uid = self.model.uid_at(current.row()) if current.isValid() else None
        if uid is not None and uid != self.uid:
            self._show(uid)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.view and event.type() == event.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.edit()
            return True
        return super().eventFilter(watched, event)

    # --- one record ------------------------------------------------------------------
    def _show(self, uid: str | None) -> None:
        self.uid = uid
        row = None
        if uid:
            try:
                row = self.repo.listed(uid)
            except SaleNotFound:
                row = None
        for action in self.action_of.values():
            offer(action, row is not None)
        for button in (self.edit_button, self.customer_button, self.history_button):  # greyed, never hidden
            button.setEnabled(row is not None)
        if row is None:
            self.uid = None
            self.detail.setText(self.tr("No record selected."))
            self.todo_title.hide()
            self.todo.clear()
            return
        self.detail.setText("\n".join(f"{label}: {value}" for label, value in self._lines(row) if value != ""))
        still = self.repo.missing_for(uid)
        self.todo_title.setVisible(bool(still))
        self.todo.setText("\n".join(f"・{missing_text(m)}" for m in still) if still
                          else self.tr("Everything needed is recorded."))

    def _lines(self, row: dict) -> list[tuple[str, str]]:
        names = self.ops.read.staff_names()
        age = "" if row["age"] is None else self.tr("{age} on the application date").format(age=row["age"])
        lines = [(field_label("customer_id"), row["customer_name"]), (self.tr("Age"), age),
                 (field_label("sale_date"), display_date(row["sale_date"])),
                 (field_label("product_line"), labels.product_line_label(row["product_line"])),
                 (field_label("insurer"), row["insurer"] or ""), (field_label("product_name"), row["product_name"]),
                 (field_label("seller_id"), row["seller_name"] or ""),
                 (field_label("face_to_face"), sale_kind_label(bool(row["face_to_face"]))),
                 (field_label("measure"), measure_label(row["measure"]) if row["measure"] else self.tr("Not chosen")),
                 (field_label("relative_name"), row["relative_name"]),
                 (field_label("relative_relation"), row["relative_relation"]),
                 (field_label("meeting_dates"), "、".join(display_date(d) for d in row["meeting_dates"].split(",") if d)),
                 (field_label("second_agent_id"), names.get(row["second_agent_id"], "")),
                 (field_label("less_preferred_reason"), row["less_preferred_reason"]),
                 (field_label("phone_checker_id"), row["phone_checker_name"] or ""),
                 (field_label("phone_checked_on"), display_date(row["phone_checked_on"])),
                 (field_label("answer_public_insurance"), answer_label(row["answer_public_insurance"])),
                 (field_label("answer_product_reason"), answer_label(row["answer_product_reason"])),
                 (field_label("customer_comment"), row["customer_comment"]),
                 (field_label("follow_up_note"), row["follow_up_note"]),
                 (field_label("written_confirmed_on"), display_date(row["written_confirmed_on"])),
                 (self.tr("State"), state_label(bool(row["is_complete"]))),
                 (field_label("completed_on"), display_date(row["completed_on"])),
                 (field_label("due_date"), "" if row["is_complete"] else display_date(row["due_date"])),
                 (field_label("rules_version"), self.tr("Version {version}").format(version=row["rules_version"])),
                 (field_label("notes"), row["notes"])]
        return lines
