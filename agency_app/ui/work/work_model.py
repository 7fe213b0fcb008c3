"""Today's work as a two-level model: a heading per reason, the records under it; texts made when asked for, so a long list shows at once."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from agency_app.storage import my_work as W
from agency_app.ui.kit.widgets import ERROR_COLOUR
from agency_app.ui.kit.date_fields import display_date, display_datetime

translate = QCoreApplication.translate  # the texts keep the page's translation context (MyWorkPage)

KIND_ROLE = Qt.ItemDataRole.UserRole
UID_ROLE = Qt.ItemDataRole.UserRole + 1
TYPE, WHEN, CUSTOMER, TITLE = range(4)
_HEADING = 0  # internalId of a heading row; a record row carries its heading's number + 1 (ids are unsigned)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def heading_text(reason: str, count: int) -> str:
    label = {
        W.MISSED_CALLBACK: translate("MyWorkPage", "Missed call-backs"),
        W.CALLBACK: translate("MyWorkPage", "Today's call-backs"),
        W.OVERDUE: translate("MyWorkPage", "Overdue"),
        W.DUE_TODAY: translate("MyWorkPage", "Due today"),
        W.INCOMPLETE_RECORD: translate("MyWorkPage", "Incomplete elderly-customer records"),
        W.UNREAD_CIRCULATION: translate("MyWorkPage", "Circulations not yet read"),
    }[reason]
    return translate("MyWorkPage", "{label} ({count})").format(label=label, count=count)


def kind_text(kind: str) -> str:
    return {"voice": translate("MyWorkPage", "Voice"), "case": translate("MyWorkPage", "Case"),
            "improvement": translate("MyWorkPage", "Improvement"), "sale": translate("MyWorkPage", "Elderly"),
            "circulation": translate("MyWorkPage", "Circulation")}.get(kind, kind)


def title_text(item: W.WorkItem) -> str:
    """The subject as shown; a circulation's says whose reading is missing: 「6月の回覧を読んでいません」."""
    if item.kind == "circulation":
        return translate("MyWorkPage", "You have not read the circulation of month {month}").format(
            month=int(item.title[5:7]))
    return item.title


def when_text(item: W.WorkItem, now: datetime) -> tuple[str, bool]:
    """The time or due date as shown, with a text mark (not colour alone); True when it is late."""
    today = now.date().isoformat()
    if item.reason == W.MISSED_CALLBACK:
        return translate("MyWorkPage", "{when} (not made)").format(when=display_datetime(item.callback_at)), True
    if item.reason == W.CALLBACK:
        at = (item.callback_at or "")[11:16]
        if f"{today} {at}" < now.strftime("%Y-%m-%d %H:%M"):
            return translate("MyWorkPage", "{time} (time passed)").format(time=at), True
        return at, False
    if item.reason == W.DUE_TODAY:
        return translate("MyWorkPage", "Today"), False
    if item.reason == W.UNREAD_CIRCULATION:
        return translate("MyWorkPage", "Issued {date}").format(date=display_date(item.due_date)), False
    late = bool(item.due_date) and item.due_date[:10] < today
    shown = display_date(item.due_date) if item.due_date else translate("MyWorkPage", "(no due date)")
    return (translate("MyWorkPage", "{date} (overdue)").format(date=shown) if late else shown), late


class WorkModel(QAbstractItemModel):
    """Headings (one per reason with items, most urgent first) and, under each, its records in order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.groups: list[tuple[str, list[W.WorkItem]]] = []
        self.now = datetime.now()
        self._bold = QFont()
        self._bold.setBold(True)
        self._late = QBrush(QColor(ERROR_COLOUR))

    def set_items(self, items: list[W.WorkItem], now: datetime) -> None:
        by_reason: dict[str, list[W.WorkItem]] = {}
        for item in items:
            by_reason.setdefault(item.reason, []).append(item)
        self.beginResetModel()
        self.groups = [(reason, by_reason[reason]) for reason in W.REASONS if reason in by_reason]
        self.now = now
        self.endResetModel()

    def bold_font(self, base: QFont) -> QFont:
        """The view's font in bold, as headings and late times are shown."""
        bold = QFont(base)
        bold.setBold(True)
        return bold

    def headers(self) -> list[str]:
        return [translate("MyWorkPage", "Type"), translate("MyWorkPage", "Time / due"),
                translate("MyWorkPage", "Customer"), translate("MyWorkPage", "Subject")]

    def record_at(self, index: QModelIndex | QPersistentModelIndex) -> W.WorkItem | None:
        if not index.isValid() or index.internalId() == _HEADING:
            return None
        return self.groups[index.internalId() - 1][1][index.row()]

    def index_of(self, uid: str) -> QModelIndex:
        for g, (_reason, items) in enumerate(self.groups):
            for r, item in enumerate(items):
                if item.uid == uid:
                    return self.createIndex(r, 0, g + 1)
        return QModelIndex()

    # --- the model -------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1 if parent.isValid() else _HEADING)

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # noqa: D401
        if not index.isValid() or index.internalId() == _HEADING:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _HEADING)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == _HEADING and parent.column() == 0:
            return len(self.groups[parent.row()][1])
        return 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 4

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _HEADING:
            return Qt.ItemFlag.ItemIsEnabled  # a heading, not a row to open
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = index.column()
        if index.internalId() == _HEADING:
            reason, items = self.groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole and column == 0:
                return heading_text(reason, len(items))
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            return None
        item = self.groups[index.internalId() - 1][1][index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TYPE:
                return kind_text(item.kind)
            if column == WHEN:
                return when_text(item, self.now)[0]
            return (item.customer or "—") if column == CUSTOMER else title_text(item)
        if role == KIND_ROLE:
            return item.kind
        if role == UID_ROLE:
            return item.uid
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            return title_text(item)
        if column == WHEN:
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _RIGHT
            if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole) and when_text(item, self.now)[1]:
                return self._late if role == Qt.ItemDataRole.ForegroundRole else self._bold
        return None
