"""The voice list's table model: holds one keyset-paged VoiceQuery and builds each cell when the view asks (R8/R9 marks)."""

from __future__ import annotations

import logging
import sqlite3
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont

from agency_app.domain import codes
from agency_app.domain.workflow import callback_state
from agency_app.storage.errors import StorageError
from agency_app.ui.kit import labels, style

log = logging.getLogger(__name__)

UID_ROLE = Qt.ItemDataRole.UserRole
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 1

# (key, sort column of VoiceQuery or None when the column cannot be sorted)
COLUMNS = (
    ("received_at", "received_at"), ("branch", "branch_code"), ("kind", "kind"),
    ("category", None), ("customer", "customer_name"), ("summary", None), ("status", "status"),
    ("assignee", None), ("due", "due_date"), ("callback", None),
)
COLUMN_KEYS = tuple(key for key, _ in COLUMNS)
_INDEX = {key: i for i, key in enumerate(COLUMN_KEYS)}
_CENTRED = {_INDEX["received_at"], _INDEX["due"], _INDEX["callback"]}
_ALIGN_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_R = Qt.ItemDataRole
_DISPLAY, _TOOLTIP, _FONT, _ALIGNMENT = (int(_R.DisplayRole), int(_R.ToolTipRole), int(_R.FontRole),
                                         int(_R.TextAlignmentRole))
_BACKGROUND, _FOREGROUND = int(_R.BackgroundRole), int(_R.ForegroundRole)
_UID, _OVERDUE = int(UID_ROLE), int(OVERDUE_ROLE)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


def column_of(key: str) -> int:
    return _INDEX[key]


def sort_key_of(column: int) -> str | None:
    return COLUMNS[column][1] if 0 <= column < len(COLUMNS) else None


def column_of_sort(sort: str) -> int:
    return next((i for i, (_, s) in enumerate(COLUMNS) if s == sort), 0)


def _slash(stored: str | None) -> str:
    return (stored or "").replace("-", "/")


class VoiceTableModel(QAbstractTableModel):
    """Rows come from `query.page(i)`; rowCount is the query's count once known (the first page until then).

    The model never runs a search itself: the search controller hands it a query whose first
    page is already read, then the count. `sort` only asks for a new search (`sort_requested`).
    """

    sort_requested = Signal(str, bool)  # VoiceQuery sort column, descending

    def __init__(self, *, branch_names: dict[str, str] | None = None, today: date | None = None,
                 parent=None):
        super().__init__(parent)
        self.branch_names = dict(branch_names or {})
        self.today = today or date.today()
        self._query = None
        self._page_size = 256
        self._rows = 0
        self._pages: dict[int, list] = {}  # the last few pages, so each cell is a dict lookup
        self._last_row, self._last_voice = None, None
        self.sort_column, self.descending = "received_at", True
        self._bold = QFont()
        self._bold.setBold(True)
        self._brushes = {
            "overdue_bg": QBrush(style.OVERDUE_BACKGROUND), "overdue_fg": QBrush(style.OVERDUE_FOREGROUND),
            "today_bg": QBrush(style.TODAY_BACKGROUND), "today_fg": QBrush(style.TODAY_FOREGROUND),
            "closed_fg": QBrush(style.CLOSED_FOREGROUND),
        }
        self._handlers = {
            _DISPLAY: self._display, _UID: lambda v, _k, _c: v.uid,
            _OVERDUE: lambda v, _k, _c: bool(v.overdue), _TOOLTIP: lambda v, k, _c: self._tooltip(v, k),
            _BACKGROUND: self._background, _FOREGROUND: self._foreground, _FONT: self._font,
            _ALIGNMENT: self._alignment,
        }
        self._headers = {
            "received_at": self.tr("Received"), "branch": self.tr("Branch"), "kind": self.tr("Kind"),
            "category": self.tr("Category"), "customer": self.tr("Customer"),
            "summary": self.tr("Summary"), "status": self.tr("Status"), "assignee": self.tr("Assignee"),
            "due": self.tr("Due"), "callback": self.tr("Call-back"),
        }

    # --- what the search controller calls ----------------------------------------------
    def set_query(self, query, first_rows: list, count: int | None = None) -> None:
        """Show a new result: its first page now, the rest as the view scrolls."""
        self.beginResetModel()
        self._query = query
        self._page_size = getattr(query, "page_size", 256) or 256
        self._pages = {0: list(first_rows)}
        self._last_row, self._last_voice = None, None
        self._rows = count if count is not None else len(first_rows)
        self.endResetModel()

    def set_count(self, count: int) -> None:
        """The full count arrived (from the worker): grow or shrink to it."""
        if self._query is None or count == self._rows:
            return
        self._last_row, self._last_voice = None, None
        if count > self._rows:
            self.beginInsertRows(QModelIndex(), self._rows, count - 1)
            self._rows = count
            self.endInsertRows()
        else:
            self.beginRemoveRows(QModelIndex(), count, self._rows - 1)
            self._rows = count
            self.endRemoveRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._query, self._pages, self._rows = None, {}, 0
        self._last_row, self._last_voice = None, None
        self.endResetModel()

    @property
    def query(self):
        return self._query

    def set_today(self, today: date) -> None:
        if today != self.today:
            self.today = today
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(self._rows - 1, len(COLUMNS) - 1))

    # --- row access -------------------------------------------------------------------
    def row_at(self, row: int):
        """The VoiceRow at a row number, reading its page when needed; None when unavailable."""
        if not 0 <= row < self._rows or self._query is None:
            return None
        number, offset = divmod(row, self._page_size)
        page = self._pages.get(number)
        if page is None:
            try:
                page = list(self._query.page(number))
            except (sqlite3.Error, StorageError) as error:
                # An interrupted or superseded query: show blanks until the new result arrives.
                log.debug("page %s not read: %s", number, error)
                return None
            if len(self._pages) >= 8:
                self._pages.pop(next(k for k in self._pages if k != 0))
            self._pages[number] = page
        return page[offset] if offset < len(page) else None

    def uid_at(self, row: int) -> str | None:
        voice = self.row_at(row)
        return voice.uid if voice is not None else None

    def row_of_loaded(self, uid: str) -> int | None:
        """Row number of a voice on an already read page (no query)."""
        for number, page in self._pages.items():
            for offset, voice in enumerate(page):
                if voice.uid == uid:
                    return number * self._page_size + offset
        return None

    # --- QAbstractTableModel -------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index):
        return _FLAGS if index.isValid() else _NO_FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            key = COLUMN_KEYS[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[key]
            if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section][1] is not None:
                return self.tr("Click to sort")
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # Called for every role of every visible cell: plain int roles and a dict dispatch keep it cheap.
        handler = self._handlers.get(role)
        if handler is None:
            return None
        row, column = index.row(), index.column()
        if row == self._last_row:  # a row's cells are asked for one after another
            voice = self._last_voice
        else:
            voice = self.row_at(row)
            if voice is None:
                return None
            self._last_row, self._last_voice = row, voice
        return handler(voice, COLUMN_KEYS[column], column)

    def _display(self, voice, key: str, _column: int):
        return self._text(voice, key)

    def _background(self, voice, key: str, _column: int):
        if key == "due" and voice.overdue:
            return self._brushes["overdue_bg"]
        if key == "callback":
            state = self._callback_state(voice)
            if state:
                return self._brushes["today_bg" if state == "today" else "overdue_bg"]
        return None

    def _foreground(self, voice, key: str, _column: int):
        if key == "due" and voice.overdue:
            return self._brushes["overdue_fg"]
        if key == "callback":
            state = self._callback_state(voice)
            if state:
                return self._brushes["today_fg" if state == "today" else "overdue_fg"]
        if voice.status in codes.CLOSED_STATUSES:
            return self._brushes["closed_fg"]
        return None

    def _font(self, voice, key: str, _column: int):
        if (key == "due" and voice.overdue) or (key == "callback" and self._callback_state(voice)):
            return self._bold
        return None

    def _alignment(self, _voice, _key: str, column: int):
        return _ALIGN_CENTER if column in _CENTRED else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = sort_key_of(column)
        if key is None:
            return
        self.sort_column, self.descending = key, order == Qt.SortOrder.DescendingOrder
        self.sort_requested.emit(key, self.descending)

    # --- cell texts -----------------------------------------------------------------------
    def _callback_state(self, voice) -> str:
        """'today' or 'missed' for an open promise that needs attention, else '' (the rule is R9's, in domain)."""
        state = callback_state(voice.callback_at, voice.status, self.today,
                               "made" if voice.callback_done else None)
        return state if state in ("today", "missed") else ""

    def _text(self, voice, key: str) -> str:
        if key == "received_at":
            return _slash(voice.received_at)[:16]
        if key == "branch":
            return self.branch_names.get(voice.branch_code, voice.branch_code or "")
        if key == "kind":  # a dissatisfaction judged a complaint (R2) shows as 苦情: short, and what counts
            return labels.complaint_label() if voice.is_complaint else labels.kind_label(voice.kind)
        if key == "category":
            return voice.category_item or voice.category_group or ""
        if key == "customer":
            return voice.customer_name or ""
        if key == "summary":
            return voice.summary or ""
        if key == "status":
            return labels.status_label(voice.status)
        if key == "assignee":
            return voice.assignee_name or ""
        if key == "due":
            due = _slash(voice.due_date)[:10]
            return self.tr("{date} Overdue").format(date=due) if voice.overdue else due
        if key == "callback":  # a promise is days away, so month/day and time are enough here
            state = self._callback_state(voice)
            if state == "today":
                return self.tr("Today {time}").format(time=voice.callback_at[11:16])
            text = _slash(voice.callback_at)[5:16]
            if voice.callback_done:
                return self.tr("Made {time}").format(time=text)
            return self.tr("{time} missed").format(time=text) if state == "missed" else text
        return ""

    def _tooltip(self, voice, key: str) -> str | None:
        if key == "kind" and voice.is_complaint:
            return f"{labels.kind_label(voice.kind)}（{labels.complaint_label()}）"
        if key == "summary":
            return voice.summary or None
        if key == "category":
            parts = [p for p in (voice.category_group, voice.category_item) if p]
            return " ／ ".join(parts) or None
        if key == "due" and voice.overdue:
            return self.tr("Past the due date and not yet closed")
        if key == "callback" and voice.callback_at:
            when = _slash(voice.callback_at)[:16]
            if voice.callback_done:
                return self.tr("The promised call-back has been made") + f"\n{when}"
            state = self._callback_state(voice)
            if state == "today":
                return self.tr("A call-back is promised for today") + f"\n{when}"
            if state == "missed":
                return self.tr("A promised call-back is past and the voice is still open") + f"\n{when}"
            return when
        return None
