"""MY WORK TODAY: the signed-in staff member's call-backs, overdue and due items and open elderly records, grouped by reason."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QStackedWidget, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

from agency_app.domain.periods import now_tokyo, to_tokyo
from agency_app.storage import my_work as W
from agency_app.ui.kit.follow_changes import FollowsChanges
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.widgets import ERROR_COLOUR, display_date, display_datetime, without_enter_default

KIND_ROLE = Qt.ItemDataRole.UserRole
UID_ROLE = Qt.ItemDataRole.UserRole + 1
TYPE, WHEN, CUSTOMER, TITLE = range(4)


class MyWorkPage(FollowsChanges, QWidget):
    """One list, most urgent first; Enter or double-click opens the record (open_record(kind, uid)).

    The list is read in a worker (at a million voices a busy person's list takes ~50 ms) and follows every
    write to what it shows.
    """

    open_record = Signal(str, str)
    count_changed = Signal(int)  # the number for the tab's badge, after each refresh
    watched = ("voices", "cases", "elderly_sales", "customers")

    def __init__(self, ops: Operations, staff_uid: str, *, drafts=None, clock=now_tokyo,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.clock = ops, staff_uid, clock
        self.items: list[W.WorkItem] = []

        self.count_label = QLabel(self)
        self.count_label.setObjectName("workCount")
        self.refresh_button = QPushButton(self.tr("Refresh (F5)"), self)
        without_enter_default(self.refresh_button)
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.count_label, 1)
        top.addWidget(self.refresh_button)

        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("Type"), self.tr("Time / due"), self.tr("Customer"),
                                   self.tr("Subject")])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)  # groups stay open: nothing of today's work is hidden
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(True)
        for column in (TYPE, WHEN, CUSTOMER):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemDoubleClicked.connect(lambda item, _column: self._open(item))
        self.tree.installEventFilter(self)

        self.empty = QLabel(self.tr("Nothing is due today. Call-backs, overdue items and open elderly-customer "
                                    "records will appear here."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)
        hint = QLabel(self.tr("Enter or double-click opens the record."), self)
        hint.setStyleSheet("color: #555;")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(hint)
        refresh = QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        refresh.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # the voice list has its own F5
        self.follow_changes(ops)
        self.refresh()

    # --- the page contract ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload from the database (in a worker), keeping the selected record selected when it is still listed."""
        now, staff = to_tokyo(self.clock()), self.staff_uid
        self.ops.query(self, lambda data: W.my_work(data.conn, staff, now), key=("my-work", id(self))) \
            .success(lambda items: self._show_items(items, now)).run()

    def _show_items(self, items: list[W.WorkItem], now: datetime) -> None:
        selected = self.current_record()
        self.items = items
        self._fill(now)
        self.count_label.setText(self.tr("Today's work: {count} items ({day})").format(
            count=len(self.items), day=now.strftime("%Y/%m/%d")))
        self.stack.setCurrentWidget(self.tree if self.items else self.empty)
        if not (selected and self.show_record(selected[1])):
            self._select_first()
        self.count_changed.emit(len(self.items))

    def set_staff(self, uid: str) -> None:
        self.staff_uid = uid
        self.refresh()

    def show_record(self, uid: str) -> bool:
        """Select the row of record `uid` if it is on today's list."""
        for item in self._rows():
            if item.data(0, UID_ROLE) == uid:
                self.tree.setCurrentItem(item)
                return True
        return False

    # --- reading the list (tests, the window) ------------------------------------------------------
    def badge_count(self) -> int:
        return len(self.items)

    def current_record(self) -> tuple[str, str] | None:
        item = self.tree.currentItem()
        if item is None or item.data(0, UID_ROLE) is None:
            return None
        return item.data(0, KIND_ROLE), item.data(0, UID_ROLE)

    def headings(self) -> list[str]:
        return [self.tree.topLevelItem(i).text(0) for i in range(self.tree.topLevelItemCount())]

    def row_texts(self) -> list[list[str]]:
        return [[item.text(c) for c in range(4)] for item in self._rows()]

    # --- building the list -------------------------------------------------------------------------
    def _heading(self, reason: str, count: int) -> str:
        label = {
            W.MISSED_CALLBACK: self.tr("Missed call-backs"),
            W.CALLBACK: self.tr("Today's call-backs"),
            W.OVERDUE: self.tr("Overdue"),
            W.DUE_TODAY: self.tr("Due today"),
            W.INCOMPLETE_RECORD: self.tr("Incomplete elderly-customer records"),
        }[reason]
        return self.tr("{label} ({count})").format(label=label, count=count)

    def _kind_label(self, kind: str) -> str:
        return {"voice": self.tr("Voice"), "case": self.tr("Case"), "sale": self.tr("Elderly")}.get(kind, kind)

    def _when(self, item: W.WorkItem, now: datetime) -> tuple[str, bool]:
        """The time or due date as shown, with a text mark (not colour alone); True when it is late."""
        today = now.date().isoformat()
        if item.reason == W.MISSED_CALLBACK:
            return self.tr("{when} (not made)").format(when=display_datetime(item.callback_at)), True
        if item.reason == W.CALLBACK:
            at = (item.callback_at or "")[11:16]
            if f"{today} {at}" < now.strftime("%Y-%m-%d %H:%M"):
                return self.tr("{time} (time passed)").format(time=at), True
            return at, False
        if item.reason == W.DUE_TODAY:
            return self.tr("Today"), False
        late = bool(item.due_date) and item.due_date[:10] < today
        shown = display_date(item.due_date) if item.due_date else self.tr("(no due date)")
        return (self.tr("{date} (overdue)").format(date=shown) if late else shown), late

    def _fill(self, now: datetime) -> None:
        self.tree.clear()
        counts = W.counts_by_reason(self.items)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        groups: dict[str, QTreeWidgetItem] = {}
        for reason in W.REASONS:
            if counts[reason]:
                group = QTreeWidgetItem(self.tree, [self._heading(reason, counts[reason])])
                group.setFirstColumnSpanned(True)
                group.setFont(0, bold)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading, not a row to open
                groups[reason] = group
        for work in self.items:
            when, late = self._when(work, now)
            row = QTreeWidgetItem(groups[work.reason], [
                self._kind_label(work.kind), when, work.customer or "—", work.title])
            row.setData(0, KIND_ROLE, work.kind)
            row.setData(0, UID_ROLE, work.uid)
            row.setToolTip(TITLE, work.title)
            for column in (WHEN,):
                row.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if late:
                row.setForeground(WHEN, QBrush(QColor(ERROR_COLOUR)))
                row.setFont(WHEN, bold)
        self.tree.expandAll()

    def _rows(self) -> list[QTreeWidgetItem]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            out += [group.child(k) for k in range(group.childCount())]
        return out

    def _select_first(self) -> None:
        rows = self._rows()
        if rows:
            self.tree.setCurrentItem(rows[0])

    def _open(self, item: QTreeWidgetItem | None) -> None:
        if item is not None and item.data(0, UID_ROLE):
            self.open_record.emit(item.data(0, KIND_ROLE), item.data(0, UID_ROLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open(self.tree.currentItem())
                return True
        return super().eventFilter(watched, event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.tree.setFocus()
