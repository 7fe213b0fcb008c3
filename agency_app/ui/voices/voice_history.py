"""A voice's change history (R11) in the detail panel's History tab, newest first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from agency_app.storage.services import Services
from agency_app.ui.kit.history import HistoryModel, linked_customer_names


class HistoryPanel(QWidget):
    """The history table of one voice; `.show_voice(uid)` loads it, `.clear()` empties it."""

    def __init__(self, reading: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.reading = reading  # the UI thread's reading repositories
        self.model = HistoryModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def show_voice(self, uid: str) -> None:
        names = self.reading.staff_names()
        entries = self.reading.voices.history(uid)
        self.model.customer_names = linked_customer_names(self.reading, entries)
        self.model.branch_names = {b.code: b.name for b in self.reading.masters.branches(include_inactive=True)}
        # Newest first: the latest change is what staff look for.
        self.model.set_entries(list(reversed(entries)), names)

    def clear(self) -> None:
        self.model.set_entries([], {})

    def row_count(self) -> int:
        return self.model.rowCount()
