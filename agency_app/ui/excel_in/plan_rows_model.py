"""The dry run's rows as a table model (行, 結果, 内容, 問題・注記): a 100,000-row plan shows at once, filtered by index."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from agency_app.reports.excel.sheet_import import ADD, ALREADY, REJECT, SKIP, PlannedRow

translate = QCoreApplication.translate

NUMBER, ACTION, LINE, REMARKS = range(4)
_REJECT_BRUSH = QBrush(QColor("#fdecea"))
_NOTE_BRUSH = QBrush(QColor("#fff6e0"))


def action_label(action: str) -> str:
    return {
        ADD: translate("PlanRowsModel", "Import"),
        ALREADY: translate("PlanRowsModel", "Already imported"),
        SKIP: translate("PlanRowsModel", "Skip"),
        REJECT: translate("PlanRowsModel", "Cannot import"),
    }.get(action, action)


def has_remarks(row: PlannedRow) -> bool:
    """A row the user should look at: it cannot be imported, or it is imported with a note of what it lacked."""
    return row.action == REJECT or bool(row.problems) or bool(row.notes)


def content(row: PlannedRow) -> str:
    """The row's line without what the columns beside it already show (the command line prints the line whole):
    its 「12行目: 」 (行), an imported row's 「取込 」 (結果) and its 「 注: …」 (問題・注記)."""
    if row.action == REJECT and row.values.get("summary"):
        # What the row says (its reasons are in 問題・注記 beside it), so the clerk knows which row it is.
        when = str(row.values.get("received_at") or "")[:10]
        return f"{when} 「{row.values['summary']}」".strip()
    line = row.line
    head = f"{row.number}行目: "
    if line.startswith(head):
        line = line[len(head):]
    if row.action == ADD:
        line = line.removeprefix("取込 ")
        notes = " 注: " + "、".join(row.notes)
        if row.notes and line.endswith(notes):
            line = line[:-len(notes)]
    return line


class PlanRowsModel(QAbstractTableModel):
    """Rows of one ImportPlan; `only_remarks` keeps those with problems or notes (a list of indexes, no copies)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: tuple[PlannedRow, ...] = ()
        self.shown: list[int] = []
        self.only_remarks = False

    def set_rows(self, rows: tuple[PlannedRow, ...]) -> None:
        self.beginResetModel()
        self.rows = tuple(rows)
        self._pick()
        self.endResetModel()

    def set_only_remarks(self, only: bool) -> None:
        self.beginResetModel()
        self.only_remarks = only
        self._pick()
        self.endResetModel()

    def _pick(self) -> None:
        if self.only_remarks:
            self.shown = [i for i, row in enumerate(self.rows) if has_remarks(row)]
        else:
            self.shown = list(range(len(self.rows)))

    def row_at(self, row: int) -> PlannedRow | None:
        return self.rows[self.shown[row]] if 0 <= row < len(self.shown) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            NUMBER: translate("PlanRowsModel", "Row"),
            ACTION: translate("PlanRowsModel", "Result"),
            LINE: translate("PlanRowsModel", "Content"),
            REMARKS: translate("PlanRowsModel", "Problems and notes"),
        }.get(section)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == NUMBER:
                return row.number if role == Qt.ItemDataRole.DisplayRole else None
            if column == ACTION:
                return action_label(row.action)
            if column == LINE:
                return content(row)
            if column == REMARKS:
                return "／".join(row.problems + row.notes)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.action == REJECT:
                return _REJECT_BRUSH
            if row.notes:
                return _NOTE_BRUSH
        return None
