"""A table model over a short list of row dicts loaded at once (tens or hundreds), one column per key."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt


class DictRowsModel(QAbstractTableModel):
    """Rows are dicts with a 'uid'; `columns` names their keys in order and `headers` (set by the subclass, in
    its own translation context) their titles. The subclass says what a cell shows in data()."""

    columns: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[dict] = []
        self.headers: dict[str, str] = {}

    def reset_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_of(self, uid: str | None) -> int | None:
        return next((i for i, row in enumerate(self.rows) if row["uid"] == uid), None)

    def uid_at(self, row: int) -> str | None:
        return self.rows[row]["uid"] if 0 <= row < len(self.rows) else None

    def cell(self, index: QModelIndex | QPersistentModelIndex) -> tuple[dict, str] | None:
        """The row dict and column key of a valid index, else None."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        return self.rows[index.row()], self.columns[index.column()]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.columns):
            return self.headers[self.columns[section]]
        return None
