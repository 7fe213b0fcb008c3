"""The meeting's voices as a table: kind (苦情 in words), category, summary, status, due (期限超過 in words), decision."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from agency_app.ui.kit import labels
from agency_app.ui.kit.date_fields import display_date
from agency_app.ui.voice_day import voice_day_texts as T

COLUMNS = ("kind", "category", "summary", "status", "due", "decision")
OVERDUE_COLOUR = QColor("#b71c1c")  # with the words 期限超過: never colour alone


class VoiceListModel(QAbstractTableModel):
    """Rows of Review.voices, in the review's order (不満, 要望, then the rest)."""

    columns = COLUMNS

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[dict] = []
        self.improvement_titles: dict[str, str] = {}
        self.in_meeting = False  # a preview decides nothing: its decision column stays empty
        self.query = None  # None until the first answer: an empty list while reading is not "no voices"
        self._headers = {"kind": self.tr("Kind"), "category": self.tr("Category"), "summary": self.tr("Summary"),
                         "status": self.tr("Status"), "due": self.tr("Due"), "decision": self.tr("Decision")}

    def set_rows(self, rows: list[dict], improvement_titles: dict[str, str], *, in_meeting: bool = True) -> None:
        self.beginResetModel()
        self.in_meeting = in_meeting
        self.rows, self.improvement_titles, self.query = list(rows), dict(improvement_titles), True
        self.endResetModel()

    def row_of(self, uid: str | None) -> int | None:
        return next((i for i, row in enumerate(self.rows) if row["uid"] == uid), None)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[COLUMNS[section]]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, key = self.rows[index.row()], COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self.text(row, key)
            return text if role == Qt.ItemDataRole.DisplayRole or len(text) > 20 else None
        if role == Qt.ItemDataRole.ForegroundRole and key == "due" and row["overdue"]:
            return QBrush(OVERDUE_COLOUR)
        if role == Qt.ItemDataRole.FontRole and ((key == "due" and row["overdue"])
                                                 or (key == "kind" and row.get("is_complaint"))):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def text(self, row: dict, key: str) -> str:
        if key == "kind":
            return T.kind_text(row)
        if key == "category":
            return T.category_text(row)
        if key == "summary":
            summary = row.get("summary") or ""
            return f"［{T.carried_over_words()}］{summary}" if row.get("carried_over") else summary
        if key == "status":
            return labels.status_label(row.get("status") or "")
        if key == "due":
            due = display_date(row.get("due_date"))
            return f"{due} {T.overdue_words()}" if row.get("overdue") else due
        return T.decision_text(row, self.improvement_titles) if self.in_meeting else ""
