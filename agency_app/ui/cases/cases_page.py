"""The follow-up cases tab (R10): filters, the list (overdue first, marked in words), one case with its checklist."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from agency_app.storage.case_list import CASE_LIST, CaseFilter
from agency_app.storage.changes import Changes
from agency_app.ui.kit import labels
from agency_app.ui.cases.case_detail_panel import CaseDetailPanel
from agency_app.ui.cases.case_form import CaseFormDialog, draft_key
from agency_app.ui.cases.case_texts import case_type_choices, case_type_label
from agency_app.ui.kit.branch_choice import BranchChoice, active_branches
from agency_app.ui.kit.empty_note import EmptyListNote
from agency_app.ui.kit.flow_layout import FlowLayout, together
from agency_app.ui.kit.form_drafts import bring_forward_form
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.page_list import PageList
from agency_app.ui.kit.paged_model import PagedTableModel
from agency_app.ui.kit.record_views import NewAndEditKeys, RecordPage, list_beside_detail, record_table
from agency_app.ui.kit.widgets import Banner
from agency_app.ui.kit.date_fields import display_date

COLUMNS = ("type", "title", "customer", "assignee", "due", "progress", "status")
SEARCH_DELAY_MS = 250


class CaseTableModel(PagedTableModel):
    """Rows of the cases list (storage/case_list.py), a page at a time; an overdue due date reads 「… 超過」 in red
    (words, not colour alone)."""

    columns = COLUMNS

    def __init__(self, parent=None):
        super().__init__(parent)
        self._headers = {"type": self.tr("Type"), "title": self.tr("Title"), "customer": self.tr("Customer"),
                         "assignee": self.tr("Assignee"), "due": self.tr("Due"),
                         "progress": self.tr("Progress"), "status": self.tr("Status")}

    def _cell(self, row: dict, key: str, role: int):
        overdue_cell = key == "due" and row["overdue"]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            if overdue_cell:
                return self.tr("Past the due date and not yet closed")
            return row["title"] if key == "title" else None
        return self._look(role, overdue=overdue_cell, closed=row["status"] in ("done", "dropped"),
                          bold=overdue_cell, centred=key in ("due", "progress"))

    def _text(self, row: dict, key: str) -> str:
        if key == "type":
            return case_type_label(row["case_type"])
        if key == "title":
            return row["title"]
        if key == "customer":
            return row["customer_name"] or ""
        if key == "assignee":
            return row["assignee_name"] or ""
        if key == "due":
            due = display_date(row["due_date"])
            return self.tr("{date} Overdue").format(date=due) if row["overdue"] else due
        if key == "progress":
            total = row["total_steps"]
            return f"{total - row['open_steps']}/{total}" if total else ""
        return labels.status_label(row["status"])


class CasesPage(NewAndEditKeys, RecordPage):
    """The follow-up cases page (the contract is RecordPage's)."""

    # A customer's name or a staff member's is on the list; a step ticked changes its progress.
    watched = ("cases", "case_steps", "customers", "staff")

    def __init__(self, ops: Operations, staff_uid: str, **options):  # drafts=, clock=, parent= as RecordPage
        super().__init__(ops, staff_uid, **options)
        self.repo = ops.read.cases
        self.dialog = None  # the form last opened (tests look at it)
        self._new_forms: list[CaseFormDialog] = []

        self.status_filter = QComboBox(self)
        for code, text in (("open", self.tr("Open")), ("closed", self.tr("Done / closed")),
                           ("", self.tr("All"))):
            self.status_filter.addItem(text, code)
        self.type_filter = QComboBox(self)
        self.type_filter.addItem(self.tr("All types"), "")
        for code, text in case_type_choices():
            self.type_filter.addItem(text, code)
        self.branch = BranchChoice(self, active_branches(ops))  # head office: one office's cases, or all
        self.mine_only = QCheckBox(self.tr("Only mine"), self)
        self.overdue_only = QCheckBox(self.tr("Overdue only"), self)
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.tr("Search title, details or customer"))
        self.search_box.setClearButtonEnabled(True)
        self.new_button = QPushButton(self.tr("New case (Ctrl+N)"), self)
        self.templates_button = QPushButton(self.tr("Checklist templates…"), self)
        self.count_label = QLabel(self)
        # The row wraps on a narrow screen (1024 px, or 1366 px at 125 %) rather than widening the window;
        # a label stays with its combo, the search box with its buttons and takes the room left.
        filters = FlowLayout()
        for text, widget in ((self.tr("Status"), self.status_filter), (self.tr("Type"), self.type_filter)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            filters.addWidget(together(self, label, widget))
        filters.addWidget(self.branch.box)
        for widget in (self.mine_only, self.overdue_only):
            filters.addWidget(widget)
        search = together(self, self.search_box, self.new_button, self.templates_button)
        search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        search.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 30))
        filters.addWidget(search)
        order = [self.status_filter, self.type_filter, self.branch.combo, self.mine_only, self.overdue_only, self.search_box,
                 self.new_button, self.templates_button]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

        self.banner = Banner(self)
        self.model = CaseTableModel(self)
        self.view = record_table(self, self.model, stretch="title")
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().setMinimumSectionSize(48)
        self.detail = CaseDetailPanel(ops, staff_uid, drafts=self.drafts, clock=self.clock, parent=self)
        splitter = list_beside_detail(self, self.view, self.count_label, self.detail)
        splitter.setSizes([720, 480])  # the list's titles need the room more than the detail
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

        self.listing = PageList(ops, CASE_LIST, self.model, self.view, show=self.detail.show_case,
                                show_none=self.detail.clear, parent=self, debounce_ms=SEARCH_DELAY_MS)
        self.search = self.listing.search
        self.listing.counted.connect(self._counted)
        self.empty_note = EmptyListNote(self.view, self.tr("No cases match."))
        self.detail.attach_actions(self)  # the case's keys work with the keyboard in the list
        self.listing.failed.connect(self.banner.show_message)
        self.search_box.textChanged.connect(lambda _t: self.refresh(immediate=False))
        for changed in (self.status_filter.currentIndexChanged, self.type_filter.currentIndexChanged,
                        self.branch.combo.currentIndexChanged, self.mine_only.toggled, self.overdue_only.toggled):
            changed.connect(lambda _value: self.refresh())
        self.new_button.clicked.connect(self.new_case)
        self.templates_button.clicked.connect(self.edit_templates)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.view.doubleClicked.connect(lambda _i: self.detail.edit())
        self.view.installEventFilter(self)
        self.detail.open_record.connect(self.open_record)
        order = [self.status_filter, self.type_filter, self.branch.combo, self.mine_only, self.overdue_only, self.search_box,
                 self.new_button, self.templates_button, self.view]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)
        self.detail.tab_after(self.view)  # from the list into the case's buttons, as they are laid out
        self.refresh(first_page_here=True)

    # --- the page contract ------------------------------------------------------
    def refresh(self, *, select_uid: str | None = None, outside: bool = False, focus: bool = False,
                immediate: bool = True, first_page_here: bool = False) -> None:
        """Search the list with the filters, keeping the selected case (or `select_uid`) when it is listed.

        `outside`: show that case even when the filters hide it; `immediate=False` waits for the typing pause.
        """
        self.banner.clear_message()
        self.listing.request(self._filter(), select_uid=select_uid or self.detail.uid, outside=outside,
                             focus=focus, immediate=immediate, first_page_here=first_page_here)

    def _counted(self, count: int) -> None:
        text = self.tr("{count} cases").format(count=f"{count:,}")
        self.count_label.setText(text)
        self.say_count(text)

    def record_actions(self):
        return self.detail.record_actions()

    def focus_search(self) -> None:
        """Ctrl+F: the keyboard in the search box, its text selected to type over."""
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def changes_arrived(self, changes: Changes) -> None:
        keep = self.detail.uid
        # A case just closed and so filtered out stays shown until another is chosen.
        self.refresh(outside=bool(keep) and keep in changes.uids("cases"))

    def export_filter(self) -> CaseFilter:
        """The filter the list shows now (この一覧をExcelに出力 writes exactly these rows)."""
        return self._filter()

    def _filter(self) -> CaseFilter:
        return CaseFilter(status=self.status_filter.currentData() or None,
                          case_type=self.type_filter.currentData() or None,
                          assignee_id=self.staff_uid if self.mine_only.isChecked() else None,
                          overdue_only=self.overdue_only.isChecked(), text=self.search_box.text(),
                          today=self.clock().date(), branch_code=self.branch.code())

    def set_staff(self, uid: str) -> None:
        """Another person logged in: open forms become the previous person's drafts."""
        for form in list(self._new_forms):
            form.put_aside()
        self.detail.put_aside_editors()
        self.staff_uid = uid
        self.detail.set_staff(uid)
        self.refresh()

    def show_record(self, uid: str) -> None:
        """Select a case, clearing the filters when they hide it."""
        if self.model.row_of_loaded(uid) is None \
                and CASE_LIST.query(self.ops.read.conn, self._filter()).position_of(uid) is None:
            for combo, value in ((self.status_filter, ""), (self.type_filter, "")):
                combo.blockSignals(True)
                combo.setCurrentIndex(combo.findData(value))
                combo.blockSignals(False)
            self.branch.clear()
            for box in (self.mine_only, self.overdue_only, self.search_box):
                box.blockSignals(True)
                box.setChecked(False) if isinstance(box, QCheckBox) else box.clear()
                box.blockSignals(False)
        self.detail.show_case(uid)
        self.refresh(select_uid=uid, outside=True, focus=True, first_page_here=True)

    # --- acting -----------------------------------------------------------------
    def new_case(self, *, customer_uid: str | None = None, voice_uid: str | None = None) -> CaseFormDialog:
        open_one = bring_forward_form(self.drafts, draft_key(self.staff_uid, voice_uid=voice_uid))
        if open_one is not None:  # two forms on one draft would fight over it
            return open_one
        form = CaseFormDialog(self.ops, self.staff_uid, customer_uid=customer_uid, voice_uid=voice_uid,
                              drafts=self.drafts, clock=self.clock, parent=self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(self.show_saved)
        self._new_forms.append(form)
        form.destroyed.connect(lambda *_: self._new_forms.remove(form) if form in self._new_forms else None)
        self.dialog = form
        form.show()
        return form

    def edit_templates(self) -> None:
        from agency_app.ui.cases.checklist_template_dialog import ChecklistTemplateDialog
        dialog = ChecklistTemplateDialog(self.ops, self.staff_uid, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def show_saved(self, uid: str) -> None:
        """A new case saved (from this page, or from a voice) is shown, selected where listed; the filters stay as
        the user set them (show_record, for links, clears those that hide the case)."""
        self.detail.show_case(uid)
        self.refresh(select_uid=uid, outside=True, focus=True, first_page_here=True)
        if CASE_LIST.query(self.ops.read.conn, self._filter()).position_of(uid) is None:
            self.banner.show_message(
                self.tr("Saved. The case is shown on the right; the filters set now do not list it."), "info")

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        uid = self.model.uid_at(current.row()) if current.isValid() else None
        if uid is not None and uid != self.detail.uid:
            self.detail.show_case(uid)

    def new_from_keys(self) -> None:
        self.new_case()
