"""A report (reports/report.py) on screen: each section a heading, a table of the same cells as the text, its notes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from agency_app.reports.report import COUNT, SHARE, TOTAL, Report, Section

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
KIND_ROLE = Qt.ItemDataRole.UserRole
UID_ROLE = Qt.ItemDataRole.UserRole + 1
NOTE_STYLE = "color: #555;"

LIST_SIZE_FROM_ROWS = 100  # rows a record list's columns are sized from


class _SectionBox(QWidget):
    """One section: heading, table, notes; a listing's rows open their record."""

    def __init__(self, section: Section, parent: QWidget):
        super().__init__(parent)
        self.key, self.listing = section.key, section.listing
        self.heading = QLabel(section.title, self)
        self.heading.setObjectName("sectionHeading")
        bold = QFont(self.heading.font())
        bold.setBold(True)
        self.heading.setFont(bold)
        self.table = QTableWidget(0, 0, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)  # compact rows
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if self.listing:
            self.table.horizontalHeader().setStretchLastSection(True)
        else:
            self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # figures only: Tab goes past them
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet(NOTE_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 10)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 0, Qt.AlignmentFlag.AlignLeft if not self.listing else Qt.AlignmentFlag(0))
        layout.addWidget(self.notes)

    def fill(self, section: Section, hint: str) -> None:
        self.heading.setText(section.title)
        table = self.table
        table.clear()
        header, texts = section.header(), section.texts()
        table.setColumnCount(len(header))
        table.setRowCount(len(texts))
        table.setHorizontalHeaderLabels(header)
        bold = QFont(table.font())
        bold.setBold(True)
        aligns = [LEFT] + [RIGHT if c.kind in (COUNT, SHARE) else LEFT for c in section.columns]
        for r, (row, cells) in enumerate(zip(section.rows, texts)):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(aligns[c])
                if row.role == TOTAL:
                    item.setFont(bold)
                table.setItem(r, c, item)
            if row.record is not None:
                table.item(r, 0).setData(KIND_ROLE, row.record.kind)
                table.item(r, 0).setData(UID_ROLE, row.record.uid)
                table.item(r, len(cells) - 1).setToolTip(cells[-1])
        if self.listing:
            # Sized once from its first rows: a list of 500 records kept "to contents" is measured over every
            # cell at each layout (tens of ms on the UI thread at 2.5M voices).
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            header.setResizeContentsPrecision(LIST_SIZE_FROM_ROWS)
            table.resizeColumnsToContents()
            header.setStretchLastSection(True)
        else:  # figures: as wide as their columns, not a band of empty cells across the page
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.resizeColumnsToContents()
            table.setFixedWidth(sum(table.columnWidth(c) for c in range(len(header))) + 2 * table.frameWidth())
        header_height = table.horizontalHeader().sizeHint().height()
        height = header_height + 2 * table.frameWidth() + sum(table.rowHeight(r) for r in range(len(texts)))
        table.setFixedHeight(max(height, header_height * 3) if self.listing else height)
        notes = [f"※ {note}" for note in section.notes] + ([hint] if self.listing and section.rows else [])
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        if self.listing and section.rows:
            table.setCurrentCell(0, 0)


class ReportView(QWidget):
    """Shows a Report; emits open_record(kind, uid) for Enter or a double-click on a row that names a record."""

    open_record = Signal(str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.report: Report | None = None
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.boxes: dict[str, _SectionBox] = {}
        self.column = QVBoxLayout(self)
        self.column.addWidget(self.title)
        self.column.addStretch(1)

    def set_report(self, report: Report) -> None:
        """Show `report`; tables of sections that stay are refilled in place (selection, focus and tab order kept)."""
        self.report = report
        self.title.setText(f"{report.title}　{report.period_text()}　{report.branch_text()}")
        keys = [s.key for s in report.sections]
        if list(self.boxes) != keys:
            for box in self.boxes.values():
                box.setParent(None)
                box.deleteLater()
            self.boxes = {}
            for k, section in enumerate(report.sections):
                box = self.boxes[section.key] = _SectionBox(section, self)
                self.column.insertWidget(1 + k, box)
                if box.listing:
                    box.table.doubleClicked.connect(lambda index, t=box.table: self._open(t, index.row()))
                    box.table.installEventFilter(self)
        hint = self.tr("Enter or double-click opens the record.")
        for section in report.sections:
            self.boxes[section.key].fill(section, hint)

    def table(self, key: str) -> QTableWidget:
        return self.boxes[key].table

    def notes(self, key: str) -> QLabel:
        return self.boxes[key].notes

    def select_record(self, uid: str) -> bool:
        """Select the listed row that stands for record `uid`."""
        for box in self.boxes.values():
            for r in range(box.table.rowCount()) if box.listing else ():
                if box.table.item(r, 0).data(UID_ROLE) == uid:
                    box.table.selectRow(r)
                    return True
        return False

    def _open(self, table: QTableWidget, row: int) -> None:
        item = table.item(row, 0)
        if item is not None and item.data(UID_ROLE):
            self.open_record.emit(item.data(KIND_ROLE), item.data(UID_ROLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QTableWidget) and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and watched.currentRow() >= 0:
                self._open(watched, watched.currentRow())
                return True
        return super().eventFilter(watched, event)

    @staticmethod
    def texts(table: QTableWidget) -> list[list[str]]:
        """Every cell as shown, row by row (the header excluded)."""
        return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]

    @staticmethod
    def header(table: QTableWidget) -> list[str]:
        return [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
