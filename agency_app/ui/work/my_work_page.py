"""MY WORK TODAY: the signed-in staff member's call-backs, overdue and due items (improvements too), open elderly
records and unread circulations, grouped by reason."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QStackedWidget, QTreeView, QVBoxLayout,
    QWidget,
)

from agency_app.domain.periods import now_tokyo, to_tokyo
from agency_app.storage import my_work as W
from agency_app.ui.kit.column_widths import ColumnWidths
from agency_app.ui.kit.follow_changes import FollowsChanges
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.settings import AppSettings
from agency_app.ui.kit.widgets import without_enter_default
from agency_app.ui.work.work_model import CUSTOMER, TYPE, WHEN, WorkModel, kind_text, when_text

LIST_NAME = "my_work"  # the key of this list's remembered widths
COLUMN_KEYS = ("type", "when", "customer", "title")  # by column number (work_model TYPE, WHEN, CUSTOMER, TITLE)
# Room around a cell's text (margins of the item view and the header's sort mark), in pixels.
CELL_PADDING = 24


class MyWorkPage(FollowsChanges, QWidget):
    """One list, most urgent first; Enter or double-click opens the record (open_record(kind, uid)).

    The list is read in a worker (at a million voices a busy person's list takes ~50 ms) and follows every
    write to what it shows.
    """

    open_record = Signal(str, str)
    count_changed = Signal(int)  # the number for the tab's badge, after each refresh
    watched = ("voices", "cases", "elderly_sales", "customers", "improvements", "circulations", "circulation_reads")

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

        self.model = WorkModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)  # groups stay open: nothing of today's work is hidden
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(True)
        # Widths are set once a refresh from the texts themselves (_fit_columns): Qt's ResizeToContents asks
        # the model for every cell several times a layout (over 100 ms for 1,300 items at 2.5M voices).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._fitted: dict[str, int] = {}
        # The subject takes the room the others leave; widths the user drags are kept (header menu: reset).
        self.column_widths = ColumnWidths(self.tree, LIST_NAME, AppSettings(), defaults=lambda: self._fitted,
                                          fill="title", keys=COLUMN_KEYS)
        self.tree.doubleClicked.connect(self._open)
        self.tree.installEventFilter(self)

        self.empty = QLabel(self.tr("Nothing is due today. Call-backs, overdue items, open elderly-customer "
                                    "records and circulations to read will appear here."), self)
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
        self.model.set_items(items, now)
        self._fit_columns(items, now)
        for row in range(self.model.rowCount()):  # a heading reads across the whole width
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        self.tree.expandAll()
        self.count_label.setText(self.tr("Today's work: {count} items ({day})").format(
            count=len(self.items), day=now.strftime("%Y/%m/%d")))
        self.stack.setCurrentWidget(self.tree if self.items else self.empty)
        if not (selected and self.show_record(selected[1])):
            self._select_first()
        self.count_changed.emit(len(self.items))

    def _fit_columns(self, items: list[W.WorkItem], now: datetime) -> None:
        """Type, time and customer as wide as their widest text (headers included); the subject takes the rest."""
        plain, bold = self.tree.fontMetrics(), QFontMetrics(self.model.bold_font(self.tree.font()))
        headers = self.model.headers()
        texts = {TYPE: {kind_text(i.kind) for i in items}, CUSTOMER: {i.customer or "—" for i in items}}
        widths = {column: max([plain.horizontalAdvance(s) for s in texts[column]] + [0]) for column in texts}
        widths[WHEN] = max([(bold if late else plain).horizontalAdvance(text)
                            for text, late in (when_text(i, now) for i in items)] + [0])
        widths[TYPE] += self.tree.indentation()  # a record row sits one level under its heading: indented
        header_metrics = self.tree.header().fontMetrics()
        self._fitted = {COLUMN_KEYS[column]: max(width, header_metrics.horizontalAdvance(headers[column])) + CELL_PADDING
                        for column, width in widths.items()}
        self.column_widths.apply()  # a width the user dragged wins over the fitted one

    def set_staff(self, uid: str) -> None:
        self.staff_uid = uid
        self.refresh()

    def show_record(self, uid: str) -> bool:
        """Select the row of record `uid` if it is on today's list."""
        index = self.model.index_of(uid)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            return True
        return False

        # --- reading the list (tests, the window) ------------------------------------------------------
    def badge_count(self) -> int:
        return len(self.items)

    def current_record(self) -> tuple[str, str] | None:
        item = self.model.record_at(self.tree.currentIndex())
        return (item.kind, item.uid) if item is not None else None

    def headings(self) -> list[str]:
        return [self.model.index(g, 0).data() for g in range(self.model.rowCount())]

    def row_texts(self) -> list[list[str]]:
        return [[self.model.index(r, c, heading).data() for c in range(4)]
                for heading in (self.model.index(g, 0) for g in range(self.model.rowCount()))
                for r in range(self.model.rowCount(heading))]

    # --- moving and opening ---------------------------------------------------------------------------
    def _select_first(self) -> None:
        if self.model.rowCount():
            first = self.model.index(0, 0, self.model.index(0, 0))
            if first.isValid():
                self.tree.setCurrentIndex(first)

    def _open(self, index: QModelIndex) -> None:
        item = self.model.record_at(index)
        if item is not None:
            self.open_record.emit(item.kind, item.uid)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open(self.tree.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.tree.setFocus()
