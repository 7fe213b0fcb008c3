"""The customers tab: search by name, kana or phone; a minimal list; the full record with its linked voices, cases, sales and relative contacts."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLineEdit, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from agency_app.storage.customers import CustomerNotFound
from agency_app.ui.customers.customer_detail import UID_ROLE, CustomerDetail
from agency_app.ui.kit.customer_texts import age_of, age_text, phone_tail, product_lines_text
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.record_views import RecordPage

SEARCH_DELAY_MS = 150
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class CustomerTableModel(QAbstractTableModel):
    """The list shows only what tells customers apart: name, kana, age, the last 4 phone digits, lines held."""

    def __init__(self, today: date, parent: QObject | None = None):
        super().__init__(parent)
        self.today = today
        self.rows: list[dict] = []

    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Kana"), self.tr("Age"), self.tr("Phone"), self.tr("Products")]

    def set_rows(self, rows: list[dict], today: date) -> None:
        self.beginResetModel()
        self.rows, self.today = rows, today
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == UID_ROLE:
            return row["uid"]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 2:
            age = age_of(row["birth_date"], self.today)
            return age_text(age) if age is not None else ""
        if column == 3:
            return phone_tail(row["phone_digits"])
        if column == 4:
            return product_lines_text(row["product_lines"])
        return row["name"] if column == 0 else row["kana"]

    def row_of(self, uid: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r["uid"] == uid), -1)


class CustomersPage(RecordPage):
    """The customers page (the contract is RecordPage's)."""

    # The list and the detail show customers and what is linked to them (voices, cases, sales, relatives).
    watched = ("customers", "voices", "cases", "elderly_sales", "relative_contacts", "elderly_rules")

    def __init__(self, ops: Operations, staff_uid: str, **options):  # drafts=, clock=, parent= as RecordPage
        super().__init__(ops, staff_uid, **options)
        self.repo = ops.read.customers
        self.form = None       # the open CustomerFormDialog
        self.relative = None   # the open RelativeContactDialog

        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.tr("Search by name, kana or phone number (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.new_button = QPushButton(self.tr("New (Ctrl+N)"), self)
        self.edit_button = QPushButton(self.tr("Edit (Enter)"), self)
        self.history_button = QPushButton(self.tr("Change history…"), self)
        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
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
        self.table.horizontalHeader().setStretchLastSection(True)
        # Kana is read aloud on the phone: it gets the room; age and the phone's last digits are short.
        for column, width in enumerate((130, 190, 60, 80)):
            self.table.setColumnWidth(column, width)
        self.detail = CustomerDetail(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        for first, second in ((self.search_box, self.table), (self.table, self.detail.linked),
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
        self.edit_button.clicked.connect(self.edit_customer)
        self.history_button.clicked.connect(self.show_history)
        self.detail.add_relative_button.clicked.connect(self.add_relative)
        self.detail.open_record.connect(self.open_record)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(lambda: self.refresh(keep=True))
        self.search_box.textChanged.connect(lambda _text: self._timer.start())
        self.search_box.installEventFilter(self)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(lambda _index: self.edit_customer())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.refresh()

    def today(self) -> date:
        return self.clock().date()

    # --- page contract ---------------------------------------------------------------
    def refresh(self, *, keep: bool = True) -> None:
        """Search again with the typed text; the selected customer stays selected while listed."""
        self._timer.stop()
        current = self.current_uid() if keep else None
        self.model.set_rows(self.repo.search(self.search_box.text()), self.today())
        row = self.model.row_of(current) if current else -1
        self._select_row(row if row >= 0 else 0)
        self._show_current()

    def set_staff(self, uid: str) -> None:
        """Another person is now at the PC: an open form is kept as its writer's draft and closed."""
        if self.form is not None and self.form.isVisible():
            self.form.put_aside()
        if self.relative is not None and self.relative.isVisible():
            self.relative.put_aside()  # kept as its writer's draft, never saved under the next person's name
        self.staff_uid = uid

    def show_record(self, uid: str) -> None:
        """Select one customer, even one the current search does not list (the search is cleared)."""
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        rows = self.repo.search("")
        if all(r["uid"] != uid for r in rows):
            try:
                rows.insert(0, self.repo.get(uid))
            except CustomerNotFound:
                pass
        self.model.set_rows(rows, self.today())
        self._select_row(max(self.model.row_of(uid), 0))
        self._show_current()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_uid(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(UID_ROLE) if index.isValid() else None

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
            self.form.put_aside()  # kept as a draft, offered again when that customer is opened
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
            self.relative.put_aside()  # kept as a draft, offered again when that customer's form is opened
        self.relative = RelativeContactDialog(self.ops, self.staff_uid, uid, drafts=self.drafts,
                                              clock=self.clock, parent=self)
        self.relative.show()

    def _saved(self, uid: str) -> None:
        self.show_record(uid)

    # --- list and detail ---------------------------------------------------------------
    def _select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.scrollTo(self.model.index(row, 0))

    def _show_current(self) -> None:
        uid = self.current_uid()
        if uid is None:
            self.detail.show_customer(None, {}, self.today())
            return
        try:
            row = self.repo.get(uid)
        except CustomerNotFound:
            row = None
        self.detail.show_customer(row, self.repo.linked(uid) if row else {}, self.today(),
                                  self.ops.read.elderly_rules.elderly_age())  # R16: the manager's setting

    def hideEvent(self, event) -> None:
        if self._timer.isActive():  # typed just before another tab was shown: searched when it comes back
            self._timer.stop()
            self._stale = True  # (FollowsChanges refreshes a stale page when it is shown)
        super().hideEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            if watched is self.table and event.key() in _ENTER and not event.modifiers():
                self.edit_customer()  # Enter on a row opens it for editing, as a double-click
                return True
            if watched is self.search_box and event.key() in (Qt.Key.Key_Down, *_ENTER):
                self.refresh(keep=True)  # the list the user sees is the one for the typed text
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)
