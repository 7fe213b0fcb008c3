"""同期状況…: per branch the last file received from it, when that was made, what it brought, and who has gone quiet."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from agency_app.sync import conflicts, sync_status
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kit.widgets import ERROR_COLOUR
from agency_app.ui.sync.sync_texts import when_text


class SyncStatusDialog(QDialog):
    """Read-only; Esc or 閉じる closes it. 競合… (Alt+C) opens the conflicts when some wait."""

    def __init__(self, ops: Operations, *, clock=datetime.now, open_conflicts=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.clock = ops, clock
        self.setWindowTitle(self.tr("Sync status"))
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([
            self.tr("Office"), self.tr("Last received"), self.tr("Made at"), self.tr("Records"),
            self.tr("Files received"), self.tr("Note")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.sent = QLabel()
        self.sent.setObjectName("lastSent")
        self.sent.setWordWrap(True)
        self.sent.setTextFormat(Qt.TextFormat.PlainText)
        self.waiting = QLabel()
        self.waiting.setObjectName("openConflicts")
        self.conflicts_button = QPushButton(self.tr("&Conflicts…"))
        self.conflicts_button.setVisible(open_conflicts is not None)
        if open_conflicts is not None:
            self.conflicts_button.clicked.connect(open_conflicts)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.waiting)
        buttons.addWidget(self.conflicts_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.sent)
        layout.addLayout(buttons)
        fit_to_screen(self, QSize(860, 420))
        self.reload()

    def reload(self) -> None:
        conn = self.ops.read.conn
        rows = sync_status.branch_sync(conn, self.clock())
        self.table.setRowCount(len(rows))
        for row, branch in enumerate(rows):
            if branch.is_self:
                received, made, note = "—", "—", self.tr("This PC's office")
            else:
                received = when_text(branch.last_received_at) if branch.last_received_at else self.tr("Never")
                made = when_text(branch.last_made_at) if branch.last_made_at else "—"
                note = ""
            if branch.quiet:
                note = self.tr("Nothing received for over a week") if branch.last_made_at else \
                    self.tr("Nothing received yet (over a week)")
            cells = (f"{branch.name}（{branch.code}）", received, made,
                     "—" if branch.is_self else str(branch.last_records),
                     "—" if branch.is_self else str(branch.bundles), note)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if branch.quiet and column in (0, 5):
                    item.setForeground(QColor(ERROR_COLOUR))
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        sent = sync_status.last_sent(conn)
        self.sent.setText(self.tr("Last file sent from this PC: {when}  {name}").format(
            when=when_text(sent[0]), name=sent[1]) if sent else self.tr("No file has been sent from this PC yet."))
        count = conflicts.open_count(conn)
        self.waiting.setText(self.tr("Conflicts waiting: {count}").format(count=count))
        self.waiting.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold;" if count else "")
        self.conflicts_button.setEnabled(count > 0)

    def row_texts(self) -> list[list[str]]:
        return [[self.table.item(r, c).text() for c in range(self.table.columnCount())]
                for r in range(self.table.rowCount())]
