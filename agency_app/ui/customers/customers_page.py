"""The customers tab: search by name, kana or phone; a minimal list; the full record with its linked voices, cases, sales and relative contacts."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLineEdit, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from agency_app.storage.customer_list import CUSTOMER_LIST, CustomerFilter
from agency_app.ui.kit.branch_choice import BranchChoice, active_branches
from agency_app.storage.customers import CustomerNotFound
from agency_app.ui.customers.customer_detail import CustomerDetail
from agency_app.domain.address import town_of
from agency_app.domain.search_limits import SEARCH_TEXT_MAX, text_is_cut
from agency_app.ui.kit.customer_texts import age_of, age_text, phone_tail, product_lines_text
from agency_app.ui.kit.empty_note import EmptyListNote
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.page_list import PageList
from agency_app.ui.kit.paged_model import PagedTableModel
from agency_app.ui.kit.record_actions import offer, record_action
from agency_app.ui.kit.record_views import RecordPage
from agency_app.ui.kit.widgets import Banner

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
ERASE_KEY = "Ctrl+Shift+Del"  # 個人情報を消去…: far from every everyday key (Delete alone removes records elsewhere)


def _form_open_about(customer_uid: str) -> bool:
    """Whether an entry form open anywhere (a voice, a case, an elderly record…) is about the customer: its draft
    would name them, as the erasure's drafts test says (storage/erasure.erase_drafts: the uid in the file)."""
    import json

    from agency_app.ui.kit.form_drafts import open_forms
    for form in open_forms():
        if customer_uid in f"{form.key} {json.dumps(form._state(), ensure_ascii=False, default=str)}":
            return True
    return False


class CustomerTableModel(PagedTableModel):
    """Every customer the search finds (all of them in 五十音 order), a page at a time (storage/customer_list.py),
    showing only what tells customers apart: name, kana, age, the last 4 phone digits, the town, lines held."""

    columns = ("name", "kana", "age", "phone", "town", "products")

    def __init__(self, today: date, parent: QObject | None = None):
        super().__init__(parent)
        self.today = today
        self._headers = {"name": self.tr("Name"), "kana": self.tr("Kana"), "age": self.tr("Age"),
                         "phone": self.tr("Phone"), "town": self.tr("Town"), "products": self.tr("Products")}

    def _cell(self, row: dict, key: str, role: int):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if key == "age":
            age = age_of(row["birth_date"], self.today)
            return age_text(age) if age is not None else ""
        if key == "phone":
            return phone_tail(row["phone_digits"])
        if key == "town":
            return town_of(row["address"])  # the town, not the address: enough to tell namesakes apart
        if key == "products":
            return product_lines_text(row["product_lines"])
        return row[key]  # name, kana


class CustomersPage(RecordPage):
    """The customers page (the contract is RecordPage's)."""

    # The list and the detail show customers and what is linked to them (voices, cases, sales, relatives).
    watched = ("customers", "voices", "cases", "elderly_sales", "relative_contacts", "elderly_rules")

    def __init__(self, ops: Operations, staff_uid: str, **options):  # drafts=, clock=, parent= as RecordPage
        super().__init__(ops, staff_uid, **options)
        self.repo = ops.read.customers
        self.shown_uid: str | None = None  # the customer in the detail (selected, or outside the list)
        self.form = None       # the open CustomerFormDialog
        self.relative = None   # the open RelativeContactDialog

        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.tr("Search by name, kana or phone number (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.branch = BranchChoice(self, active_branches(ops))  # head office: one office's customers, or all
        self.new_button = QPushButton(self.tr("New (Ctrl+N)"), self)
        self.edit_button = QPushButton(self.tr("Edit (Enter)"), self)
        self.history_button = QPushButton(self.tr("Change history…"), self)
        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.branch.box)
        top.addWidget(self.new_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.history_button)

        self.model = CustomerTableModel(self.today(), self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list, arrows move in it
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # fast at any length
        self.table.horizontalHeader().setStretchLastSection(True)
        # Kana is read aloud on the phone: it gets the room; age and the phone's last digits are short.
        for column, width in enumerate((130, 190, 60, 80, 170)):
            self.table.setColumnWidth(column, width)
        self.detail = CustomerDetail(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.banner = Banner(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        for first, second in ((self.search_box, self.branch.combo), (self.branch.combo, self.table),
                              (self.table, self.detail.linked),
                              (self.detail.linked, self.detail.relatives),
                              (self.detail.relatives, self.detail.add_relative_button),
                              (self.detail.add_relative_button, self.new_button),
                              (self.new_button, self.edit_button),
                              (self.edit_button, self.history_button)):
            QWidget.setTabOrder(first, second)

        def action(text: str, slot, shortcut: str) -> QAction:
            act = QAction(text, self)
            act.setShortcut(QKeySequence(shortcut))
            # Only while this page (its tab) is shown and holds the focus: other tabs keep their keys.
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.new_action = action(self.tr("New customer"), self.new_customer, "Ctrl+N")
        self.search_action = action(self.tr("Search"), self.focus_search, "Ctrl+F")
        self.new_button.clicked.connect(self.new_customer)
        # The customer's actions, with their keys wherever the focus is in the page (the list included).
        self.action_of = {
            "edit": record_action(self, "edit", self.tr("Edit customer…"), self.edit_customer, self.edit_button),
            "history": record_action(self, "history", self.tr("Change history…"), self.show_history,
                                     self.history_button),
            "relative": record_action(self, "relative", self.tr("Register relative contact…"), self.add_relative,
                                      self.detail.add_relative_button),
        }
        # 個人情報を消去… (R31): in the 操作 menu for a manager only. For anyone else the key answers with why not
        # (a hidden action's key does nothing): one of the two actions is on at a time, so the key is never ambiguous.
        self.erase_action = QAction(self.tr("Erase personal data…"), self)
        self.erase_action.setObjectName("erase")
        self.erase_refusal = QAction(self)
        for act, slot in ((self.erase_action, self.erase_personal_data), (self.erase_refusal, self._say_managers_only)):
            act.setShortcut(QKeySequence(ERASE_KEY))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(lambda _checked=False, slot=slot: slot())
            self.addAction(act)
        self._apply_role()
        self.detail.open_record.connect(self.open_record)
        self.listing = PageList(ops, CUSTOMER_LIST, self.model, self.table, show=self._show,
                                show_none=lambda: self._show(None), parent=self)
        self.search = self.listing.search
        self.listing.failed.connect(self.banner.show_message)
        self.listing.counted.connect(self._say_count)
        self.empty_note = EmptyListNote(self.table, self.tr("No customers match."))
        # While typing, the customer shown stays selected only when among the best matches (the first page).
        self.search_box.textChanged.connect(lambda _text: self.refresh(locate=False, immediate=False))
        self.search_box.installEventFilter(self)
        self.branch.combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(lambda _index: self.edit_customer())
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.refresh(first_page_here=True)

    def today(self) -> date:
        return self.clock().date()

    # --- page contract ---------------------------------------------------------------
    def refresh(self, *, select_uid: str | None = None, outside: bool = False, focus: bool = False,
                locate: bool = True, immediate: bool = True, first_page_here: bool = False) -> None:
        """Search again with the typed text; the customer shown (or `select_uid`) stays selected while listed.

        `outside`: show that customer even when not listed (retired); `immediate=False` waits for the typing pause.
        """
        self.banner.clear_message()
        self.model.today = self.today()
        self.listing.request(self.export_filter(), select_uid=select_uid or self.shown_uid,
                             outside=outside, focus=focus, locate=locate, immediate=immediate,
                             first_page_here=first_page_here)

    def _say_count(self, count: int) -> None:
        """'12 customers', and that a pasted long text was searched by its start only (domain/search_limits.py)."""
        text = self.tr("{count} customers").format(count=f"{count:,}")
        if text_is_cut(self.search_box.text()):
            text += " " + self.tr("(searched by the first {max} characters)").format(max=SEARCH_TEXT_MAX)
        self.say_count(text)

    def export_filter(self) -> CustomerFilter:
        """The filter the list shows now (この一覧をExcelに出力 writes exactly these rows)."""
        return CustomerFilter(self.search_box.text(), branch_code=self.branch.code())

    def set_staff(self, uid: str) -> None:
        """Another person is now at the PC: an open form is kept as its writer's draft and closed."""
        if self.form is not None and self.form.isVisible():
            self.form.put_aside()
        if self.relative is not None and self.relative.isVisible():
            self.relative.put_aside()  # kept as its writer's draft, never saved under the next person's name
        self.staff_uid = uid
        self._apply_role()

    def is_manager(self) -> bool:
        me = self.ops.read.masters.staff_member(self.staff_uid)
        return bool(me and me.is_manager and me.active)

    def _apply_role(self) -> None:
        """The erase action shows for a manager; for anyone else its key only says that a manager does it."""
        manager = self.is_manager()
        self.erase_action.setVisible(manager)
        self.erase_refusal.setEnabled(not manager)

    def show_record(self, uid: str) -> None:
        """Show one customer, selected in the list of all customers (the search is cleared); a retired one beside it."""
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self.branch.clear()
        self._show(uid)
        self.refresh(select_uid=uid, outside=True, focus=True, first_page_here=True)

    def record_actions(self) -> list[QAction]:
        return [*self.action_of.values(), self.erase_action]  # hidden unless a manager is signed in

    def current_uid(self) -> str | None:
        """The customer shown beside the list, whom Edit, history and relative contacts are about."""
        return self.shown_uid

    # --- actions ---------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def new_customer(self) -> None:
        self._open_form(None)

    def show_history(self):
        """Every change of the selected customer (R11): e.g. who changed the address, and when."""
        uid = self.current_uid()
        if not uid:
            return None
        from agency_app.ui.customers.customer_history import customer_history
        dialog = customer_history(self.ops.read, uid, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def edit_customer(self) -> None:
        uid = self.current_uid()
        if uid:
            self._open_form(uid)

    def _open_form(self, uid: str | None) -> None:
        from agency_app.ui.customers.customer_form import CustomerFormDialog  # opened on demand: the page shows fast
        if self.form is not None and self.form.isVisible():
            if self.form.customer_uid == uid:
                self.form.raise_()
                self.form.activateWindow()
                return
            # Kept as a draft, offered again when that customer is opened. A draft that cannot be written (disk
            # full) keeps the form open and the page's, brought forward with its warning: a second form beside
            # it would be untracked, and opening that customer again would make two forms on one draft.
            if not self.form.put_aside():
                self.form.raise_()
                self.form.activateWindow()
                return
        self.form = CustomerFormDialog(self.ops, self.staff_uid, uid, drafts=self.drafts,
                                       clock=self.clock, parent=self)
        self.form.saved.connect(self._saved)
        self.form.show()

    def add_relative(self) -> None:
        from agency_app.ui.customers.relative_contact_form import RelativeContactDialog
        uid = self.current_uid()
        if not uid:
            return
        if self.relative is not None and self.relative.isVisible():
            if self.relative.customer_uid == uid and self.relative.staff_uid == self.staff_uid:
                self.relative.raise_()
                self.relative.activateWindow()
                return
            if not self.relative.put_aside():  # kept as a draft, offered again when that customer's form is opened
                self.relative.raise_()  # or, not writable, left open and the page's (as the customer form above)
                self.relative.activateWindow()
                return
        self.relative = RelativeContactDialog(self.ops, self.staff_uid, uid, drafts=self.drafts,
                                              clock=self.clock, parent=self)
        self.relative.show()

    def erase_personal_data(self):
        """個人情報を消去…: the dialog for the customer shown (a manager only; never while their form is open)."""
        uid = self.current_uid()
        if not uid:
            return None
        if not self.is_manager():
            self._say_managers_only()
            return None
        if any(form is not None and form.isVisible() and form.customer_uid == uid
               for form in (self.form, self.relative)) or _form_open_about(uid):
            # The open form holds the personal values and would keep them as a draft after the erasure.
            self.banner.show_message(self.tr("This customer's form is open. Save or close it first, then erase."))
            return None
        from agency_app.ui.customers.erase_dialog import EraseCustomerDialog  # opened on demand
        try:
            name = self.repo.get(uid)["name"]
        except CustomerNotFound:
            return None
        dialog = EraseCustomerDialog(self.ops, self.staff_uid, uid, name, drafts=self.drafts, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.erased.connect(self._erased)
        dialog.show()
        return dialog

    def _say_managers_only(self) -> None:
        if self.current_uid():
            self.banner.show_message(self.tr("Only a manager can erase a customer's personal data. Ask a manager, "
                                             "or switch staff (File menu)."))

    def _erased(self, done) -> None:
        self._show(self.shown_uid)
        self.refresh(select_uid=self.shown_uid, outside=True, first_page_here=True)
        text = self.tr("Personal data erased ({records} records, {rows} history rows, {drafts} drafts).").format(
            records=done.records, rows=done.history_rows, drafts=done.drafts_removed)
        if done.drafts_left:
            self.banner.show_message(text + "\n" + self.tr(
                "These draft files could not be removed; check that no other program has them open, then delete "
                "them by hand: {files}").format(files=", ".join(done.drafts_left)), "warning")
            return
        self.banner.show_message(text, "info")

    def _saved(self, uid: str) -> None:
        # Shown and selected where the search lists it; the search typed stays (show_record would clear it).
        self._show(uid)
        self.refresh(select_uid=uid, outside=True, focus=True, first_page_here=True)

    # --- list and detail ---------------------------------------------------------------
    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        uid = self.model.uid_at(current.row()) if current.isValid() else None
        if uid is not None and uid != self.shown_uid:
            self._show(uid)

    def _show(self, uid: str | None) -> None:
        row = None
        if uid is not None:
            try:
                row = self.repo.get(uid)
            except CustomerNotFound:
                row = None
        self.shown_uid = uid if row is not None else None
        for action in (*self.action_of.values(), self.erase_action):
            offer(action, row is not None)
        for button in (self.edit_button, self.history_button):  # the top row: greyed, never hidden
            button.setEnabled(row is not None)
        if row is None:
            self.detail.show_customer(None, {}, self.today())
            return
        self.detail.show_customer(row, self.repo.linked(uid), self.today(),
                                  self.ops.read.elderly_rules.elderly_age())  # R16: the manager's setting

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            if watched is self.table and event.key() in _ENTER and not event.modifiers():
                self.edit_customer()  # Enter on a row opens it for editing, as a double-click
                return True
            if watched is self.search_box and event.key() in (Qt.Key.Key_Down, *_ENTER):
                shown = self.listing.shown_filter()
                if shown is None or shown.text != self.search_box.text():
                    self.refresh(locate=False)  # the list the user goes to is the one for the typed text, now
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)
