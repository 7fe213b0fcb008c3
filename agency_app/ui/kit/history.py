"""Change history tables (DOMAIN R11): who changed what, when, from which value to which — read-only, for any record."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget,
)

from agency_app.storage.audited_tables import CREATED, DELETED
from agency_app.storage.services import Services
from agency_app.storage.records import HistoryEntry
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kit import labels
from agency_app.ui.kit.messages import field_label
from agency_app.ui.kit.date_fields import display_date, display_datetime

SHOWN_CHARS = 60  # longer values are cut in the cell; the tooltip holds the whole text
STAFF_FIELDS = {"assignee_id", "callback_staff_id", "callback_done_by", "completed_by", "received_by",
                "frozen_by", "finalised_by"}
DATETIME_FIELDS = {"received_at", "callback_at", "callback_done_at", "frozen_at", "finalised_at"}
DATE_FIELDS = {"due_date", "completed_on"}
CODE_FIELDS = {"status": labels.status_label, "kind": labels.kind_label,
               "channel": labels.channel_label, "product_line": labels.product_line_label}


translate = QCoreApplication.translate  # lupdate finds translate("Context", "literal")

# Rows about the whole record: its values as made (After) or as they were when deleted (Before).
WHOLE_RECORD = {CREATED: lambda: translate("HistoryPanel", "Created"),
                DELETED: lambda: translate("HistoryPanel", "Deleted")}


class HistoryModel(QAbstractTableModel):
    """Rows of HistoryEntry; values shown as staff read them (labels, names, slashed dates)."""

    COLUMNS = (lambda: translate("HistoryPanel", "When"),
               lambda: translate("HistoryPanel", "Changed by"),
               lambda: translate("HistoryPanel", "Field"),
               lambda: translate("HistoryPanel", "Before"),
               lambda: translate("HistoryPanel", "After"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[HistoryEntry] = []
        self._names: dict[str, str] = {}
        self.customer_names: dict[str, str] = {}  # a linked customer record is shown by name, not by id
        self.branch_names: dict[str, str] = {}  # an office by its name (本部), not its code (HQ)

    def set_entries(self, entries: list[HistoryEntry], staff_names: dict[str, str]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self._names = dict(staff_names)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]()
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        entry = self._rows[index.row()]
        full = self._text(entry, index.column())
        if entry.field in WHOLE_RECORD and index.column() in (3, 4):
            # One value a line in the tooltip; in the cell one after another.
            shown = self._short(" / ".join(line for line in full.splitlines() if line.strip()))
        else:
            shown = self._short(full)
        if role == Qt.ItemDataRole.ToolTipRole:
            return full if full != shown else None
        return shown

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    @staticmethod
    def _short(text: str) -> str:
        one_line = " ⏎ ".join(part for part in text.splitlines() if part.strip()) if "\n" in text else text
        return one_line if len(one_line) <= SHOWN_CHARS else one_line[:SHOWN_CHARS - 1] + "…"

    def _text(self, entry: HistoryEntry, column: int) -> str:
        if column == 0:
            return display_datetime(entry.changed_at)
        if column == 1:
            return entry.changed_by_name or self._names.get(entry.changed_by or "", entry.changed_by or "")
        if column == 2:
            return WHOLE_RECORD[entry.field]() if entry.field in WHOLE_RECORD else self.field_name(entry.field)
        if entry.field in WHOLE_RECORD:
            return self.values_text(entry.values) if column == (4 if entry.field == CREATED else 3) else ""
        return self.value_text(entry.field, entry.old_value if column == 3 else entry.new_value)

    def field_name(self, field: str) -> str:
        """A field's name as staff read it; a model of another kind of record names its own fields."""
        return field_label(field)

    def values_text(self, values: dict[str, str]) -> str:
        """A whole record's values, one 'Field: value' a line, shown as the other rows show them; empty ones left out."""
        lines = ((self.field_name(field), self.value_text(field, value)) for field, value in values.items())
        return "\n".join(f"{name}: {text}" for name, text in lines if text)

    def value_text(self, field: str, value: str | None) -> str:
        if value is None or value == "":
            return ""
        if field in STAFF_FIELDS:
            return self._names.get(value, value)
        if field == "customer_id":
            return self.customer_names.get(value, value)
        if field == "branch_code":
            return self.branch_names.get(value, value)
        if field in CODE_FIELDS:
            return CODE_FIELDS[field](value)
        if field in DATETIME_FIELDS:
            return display_datetime(value)
        if field in DATE_FIELDS:
            return display_date(value)
        if field in ("is_complaint", "active", "is_head_office"):
            return translate("HistoryPanel", "Yes") if str(value) not in ("0", "") else translate("HistoryPanel", "No")
        return str(value)


def linked_customer_names(services: Services, entries: list[HistoryEntry]) -> dict[str, str]:
    """Names of the customers a history links to or from (a creation's values too), so the table shows names, not ids."""
    return services.customers.names(
        [v for e in entries if e.field == "customer_id" for v in (e.old_value, e.new_value)]
        + [e.values.get("customer_id") for e in entries])


class RecordHistoryModel(HistoryModel):
    """The voice history table with another record's field names and value texts."""

    def __init__(self, label: Callable[[str], str], values: dict[str, Callable[[str], str]], parent=None):
        super().__init__(parent)
        self.label, self.values = label, values

    def field_name(self, field: str) -> str:
        return self.label(field)

    def value_text(self, field: str, value: str | None) -> str:
        if value not in (None, "") and field in self.values:
            return self.values[field](value)
        return super().value_text(field, value)


class HistoryDialog(QDialog):
    """Read-only; newest change first. Esc or 閉じる closes it."""

    def __init__(self, title: str, heading: str, model: RecordHistoryModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.model = model
        model.setParent(self)
        self.view = QTableView(self)
        self.view.setModel(model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        label = QLabel(heading, self)
        label.setTextFormat(Qt.TextFormat.PlainText)  # a customer's name is never markup
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(820, 420))

    def row_count(self) -> int:
        return self.model.rowCount()



def history_table(parent: QWidget, model: HistoryModel) -> QTableView:
    """A record's history as a tab of its detail panel: read-only rows; when, who and the field fit their texts,
    the old and new values share the rest."""
    view = QTableView(parent)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    header = view.horizontalHeader()
    for column in (0, 1, 2):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    for column in (3, 4):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return view
