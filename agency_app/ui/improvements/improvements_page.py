"""The 改善 tab (R12): the improvements, open ones first by due date (overdue said in words), and one in detail."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from agency_app.domain import codes
from agency_app.domain.workflow import is_overdue
from agency_app.storage.changes import Changes
from agency_app.ui.improvements.improvement_detail import ImprovementDetailPanel
from agency_app.ui.improvements.improvement_form import ImprovementFormDialog, draft_key
from agency_app.ui.kit import labels
from agency_app.ui.kit.branch_choice import BranchChoice, active_branches
from agency_app.ui.kit.date_fields import display_date
from agency_app.ui.kit.dict_rows_model import DictRowsModel
from agency_app.ui.kit.empty_note import EmptyListNote
from agency_app.ui.kit.flow_layout import FlowLayout, together
from agency_app.ui.kit.form_drafts import bring_forward_form
from agency_app.ui.kit.messages import known_error_text
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.record_views import NewAndEditKeys, RecordPage, list_beside_detail, record_table
from agency_app.ui.kit.style import CellLook
from agency_app.ui.kit.widgets import Banner

COLUMNS = ("title", "status", "owner", "due", "voices", "reported")
SEARCH_DELAY_MS = 250
UID_ROLE = Qt.ItemDataRole.UserRole


class ImprovementTableModel(DictRowsModel):
    """The rows ImprovementRepository.listed() gives (an agency makes tens a year: all are loaded at once)."""

    columns = COLUMNS

    def __init__(self, parent=None):
        super().__init__(parent)
        self.today = None
        self._look = CellLook()
        self.headers = {"title": self.tr("Title"), "status": self.tr("Status"), "owner": self.tr("Owner"),
                        "due": self.tr("Due"), "voices": self.tr("Voices"), "reported": self.tr("Reported")}

    def set_rows(self, rows: list[dict], today) -> None:
        self.today = today
        self.reset_rows(rows)

    def overdue(self, row: dict) -> bool:
        return is_overdue(row["status"], row["due_date"], self.today)

    def text(self, row: dict, key: str) -> str:
        if key == "title":
            return row["title"]
        if key == "status":
            return labels.status_label(row["status"])
        if key == "owner":
            return row["owner_name"] or ""
        if key == "due":
            due = display_date(row["due_date"])
            return self.tr("{date} Overdue").format(date=due) if self.overdue(row) else due
        if key == "voices":
            return str(row["voice_count"])
        return display_date(row["reported_on"]) if row["reported_on"] else ""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        found = self.cell(index)
        if found is None:
            return None
        row, key = found
        late = key == "due" and self.overdue(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, key)
        if role == UID_ROLE:
            return row["uid"]
        if role == Qt.ItemDataRole.ToolTipRole:
            if late:
                return self.tr("Past the due date and not yet done")
            if key == "reported" and row["reported_on"]:
                return row["reported_insurer"] or None
            return row["title"] if key == "title" else None
        return self._look(role, overdue=late, closed=row["status"] in codes.CLOSED_STATUSES, bold=late,
                          centred=key in ("due", "voices", "reported"))


class ImprovementsPage(NewAndEditKeys, RecordPage):
    """The improvements page (the contract is RecordPage's): filters, the list, one improvement in detail."""

    watched = ("improvements", "improvement_voices", "staff")

    def __init__(self, ops: Operations, staff_uid: str, **options):  # drafts=, clock=, parent= as RecordPage
        super().__init__(ops, staff_uid, **options)
        self.dialog = None  # the form last opened (tests look at it)
        self._new_forms: list[ImprovementFormDialog] = []

        self.status_filter = QComboBox(self)
        self.status_filter.addItem(self.tr("All"), "")
        for code in codes.STATUSES:
            self.status_filter.addItem(labels.status_label(code), code)
        self.branch = BranchChoice(self, active_branches(ops))  # head office: one office's improvements, or all
        self.open_only = QCheckBox(self.tr("Open only"), self)
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.tr("Search title, cause or action"))
        self.search_box.setClearButtonEnabled(True)
        self.new_button = QPushButton(self.tr("New improvement (Ctrl+N)"), self)
        self.count_label = QLabel(self)
        filters = FlowLayout()
        label = QLabel(self.tr("Status"), self)
        label.setBuddy(self.status_filter)
        filters.addWidget(together(self, label, self.status_filter))
        filters.addWidget(self.branch.box)
        filters.addWidget(self.open_only)
        search = together(self, self.search_box, self.new_button)
        search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        search.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 30))
        filters.addWidget(search)

        self.banner = Banner(self)
        self.model = ImprovementTableModel(self)
        self.view = record_table(self, self.model, "title")
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.detail = ImprovementDetailPanel(ops, staff_uid, drafts=self.drafts, clock=self.clock, parent=self)
        splitter = list_beside_detail(self, self.view, self.count_label, self.detail)
        splitter.setSizes([680, 520])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

        self.empty_note = EmptyListNote(self.view, self.tr("No improvements match."))
        self.detail.attach_actions(self)  # the improvement's keys work with the keyboard in the list
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(lambda _t: self._search_timer.start())
        self.status_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.open_only.toggled.connect(lambda _on: self.refresh())
        self.branch.combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.new_button.clicked.connect(self.new_improvement)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.view.doubleClicked.connect(lambda _i: self.detail.edit())
        self.view.installEventFilter(self)
        self.detail.open_record.connect(self.open_record)
        order = [self.status_filter, self.branch.combo, self.open_only, self.search_box, self.new_button, self.view]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)
        self.detail.tab_after(self.view)
        self.refresh()

    # --- the page contract ------------------------------------------------------
    def refresh(self, *, select_uid: str | None = None, focus: bool = False) -> None:
        """Read the list with the filters (in a worker), keeping the improvement shown (or `select_uid`) selected."""
        self._search_timer.stop()
        self.banner.clear_message()
        status, open_only, text = self.status_filter.currentData() or None, self.open_only.isChecked(), \
            self.search_box.text()
        branch = self.branch.code()
        keep = select_uid or self.detail.uid
        today = self.clock().date()
        self.ops.query(self, lambda data: data.improvements.listed(status=status, open_only=open_only, text=text,
                                                                  branch_code=branch),
                       key=("improvements", id(self))) \
            .success(lambda rows: self._show_rows(rows, today, keep, focus)) \
            .failure(lambda error: self.banner.show_message(known_error_text(error))).run()

    def _show_rows(self, rows: list[dict], today, keep: str | None, focus: bool) -> None:
        self.model.set_rows(rows, today)
        text = self.tr("{count} improvements").format(count=len(rows))
        self.count_label.setText(text)
        self.say_count(text)
        row = self.model.row_of(keep)
        if row is not None:
            self._select(row, focus=focus)
        elif keep:
            self.detail.show_improvement(keep)  # filtered out (just closed): shown until another is chosen
        elif rows:
            self._select(0, focus=focus)
        else:
            self.detail.clear()

    def _select(self, row: int, *, focus: bool = False) -> None:
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.detail.show_improvement(self.model.uid_at(row))
        if focus:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def record_actions(self):
        return self.detail.record_actions()

    def focus_search(self) -> None:
        """Ctrl+F: the keyboard in the search box, its text selected to type over."""
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def changes_arrived(self, changes: Changes) -> None:
        self.refresh()

    def set_staff(self, uid: str) -> None:
        """Another person logged in: open forms become the previous person's drafts."""
        for form in list(self._new_forms):
            form.put_aside()
        self.detail.put_aside_editors()
        self.staff_uid = uid
        self.detail.set_staff(uid)
        self.refresh()

    def show_record(self, uid: str) -> None:
        """Select an improvement, clearing the filters when they hide it."""
        if self.model.row_of(uid) is None:
            for widget, clear in ((self.status_filter, lambda: self.status_filter.setCurrentIndex(0)),
                                  (self.open_only, lambda: self.open_only.setChecked(False)),
                                  (self.search_box, self.search_box.clear)):
                widget.blockSignals(True)
                clear()
                widget.blockSignals(False)
            self.branch.clear()
        self.refresh(select_uid=uid, focus=True)

    # --- acting -----------------------------------------------------------------
    def new_improvement(self, *, voice_uids: tuple[str, ...] = ()) -> ImprovementFormDialog:
        open_one = bring_forward_form(self.drafts, draft_key(self.staff_uid))
        if open_one is not None:  # two forms on one draft would fight over it
            return open_one
        form = ImprovementFormDialog(self.ops, self.staff_uid, voice_uids=voice_uids, drafts=self.drafts,
                                     clock=self.clock, parent=self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(lambda uid: self.refresh(select_uid=uid, focus=True))
        self._new_forms.append(form)
        form.destroyed.connect(lambda *_: self._new_forms.remove(form) if form in self._new_forms else None)
        self.dialog = form
        form.show()
        return form

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        uid = self.model.uid_at(current.row()) if current.isValid() else None
        if uid is not None and uid != self.detail.uid:
            self.detail.show_improvement(uid)

    def new_from_keys(self) -> None:
        self.new_improvement()
