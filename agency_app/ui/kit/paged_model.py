"""A table model over a keyset-paged query of any record list: reads a page when the view asks for one of its rows, holds pages, not the list."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from agency_app.storage.errors import StorageError
from agency_app.ui.kit import style

log = logging.getLogger(__name__)

UID_ROLE = Qt.ItemDataRole.UserRole
PAGES_KEPT = 8  # the first page and the last few read: a screenful spans at most two

_UID = int(UID_ROLE)
_R = Qt.ItemDataRole
_CELL_ROLES = tuple(int(r) for r in (_R.DisplayRole, _R.ToolTipRole, _R.BackgroundRole, _R.ForegroundRole,
                                     _R.FontRole, _R.TextAlignmentRole))
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


class PagedTableModel(QAbstractTableModel):
    """Rows come from `query.page(i)`; rowCount is the query's count once known (the first page until then).

    The model never runs a search itself: a SearchController hands it a query whose first page is
    already read (`set_query`), then the count (`set_count`). `sort` only asks for a new search
    (`sort_requested`). A subclass sets `columns` (column keys), `sorts` (the query's sort name of
    each column, None when it cannot be sorted), fills `_headers` and answers `_cell(record, key, role)`
    for the display, tooltip and look roles (the cases, customers and elderly models); `_look`
    (style.CellLook) gives the shared colours of overdue and closed records. A list that needs speed
    or more roles puts `role → function(record, key, column)` into `_roles` directly.
    """

    sort_requested = Signal(str, bool)  # the query's sort name, descending

    columns: tuple[str, ...] = ()
    sorts: tuple[str | None, ...] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # data() runs for every role of every visible cell. A PySide class finds an inherited Python
        # method ~0.06 µs slower than its own (measured: 0.18 vs 0.12 µs a call), so each list gets its own.
        if "data" not in cls.__dict__:
            cls.data = PagedTableModel.data

    def __init__(self, parent=None):
        super().__init__(parent)
        self._query = None
        self._page_size = 256
        self._rows = 0
        self._pages: dict[int, list] = {}
        self._last_row, self._last_record = None, None
        self._headers: dict[str, str] = {}
        self.sort_column: str | None = None
        self.descending = False
        self._look = style.CellLook()  # _look(role, overdue=, closed=, bold=, centred=): colours, font, alignment
        # Roles answered, each by a function (record, column key, column); any other role is None at once.
        self._roles: dict[int, Callable] = {role: partial(self._role_cell, role) for role in _CELL_ROLES}
        self._roles[_UID] = lambda record, _key, _column: self._query.uid_of(record)
        self._keys: tuple[str, ...] = tuple(self.columns)  # an instance attribute: 3× faster to read than a class one

    # --- what the search controller calls ----------------------------------------------
    def set_query(self, query, first_rows: list, count: int | None = None) -> None:
        """Show a new result: its first page now, the rest as the view scrolls."""
        self.beginResetModel()
        self._query, self._keys = query, tuple(self.columns)
        self._page_size = getattr(query, "page_size", 256) or 256
        self._pages = {0: list(first_rows)}
        self._last_row, self._last_record = None, None
        self._rows = count if count is not None else len(first_rows)
        self.endResetModel()

    def set_count(self, count: int) -> None:
        """The full count arrived (from the worker): grow or shrink to it."""
        if self._query is None or count == self._rows:
            return
        self._last_row, self._last_record = None, None
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
        self._last_row, self._last_record = None, None
        self.endResetModel()

    @property
    def query(self):
        return self._query

    # --- rows and uids -----------------------------------------------------------------
    def row_at(self, row: int):
        """The record at a row number, reading its page when needed; None when unavailable."""
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
            if len(self._pages) >= PAGES_KEPT:
                self._pages.pop(next(k for k in self._pages if k != 0))
            self._pages[number] = page
        return page[offset] if offset < len(page) else None

    def uid_at(self, row: int) -> str | None:
        record = self.row_at(row)
        return self._query.uid_of(record) if record is not None else None

    def row_of_loaded(self, uid: str) -> int | None:
        """Row number of a record on an already read page (no query); the controller's `positioned` finds the others."""
        if self._query is None:
            return None
        uid_of = self._query.uid_of
        for number, page in self._pages.items():
            for offset, record in enumerate(page):
                if uid_of(record) == uid:
                    return number * self._page_size + offset
        return None

    # --- QAbstractTableModel -------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else _NO_FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.columns):
            return self._headers.get(self.columns[section], "")
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # Called for every role of every visible cell: plain int roles and a dict dispatch keep it cheap,
        # and a row's cells are asked for one after another, so the last record is kept at hand.
        handler = self._roles.get(role)
        if handler is None:
            return None
        row, column = index.row(), index.column()
        if row == self._last_row:
            record = self._last_record
        else:
            record = self.row_at(row)
            if record is None:
                return None
            self._last_row, self._last_record = row, record
        return handler(record, self._keys[column], column)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.sorts[column] if 0 <= column < len(self.sorts) else None
        if key is None:
            return
        self.sort_column, self.descending = key, order == Qt.SortOrder.DescendingOrder
        self.sort_requested.emit(key, self.descending)

    # --- what a record kind says ---------------------------------------------------------
    def _cell(self, record, key: str, role: int):
        raise NotImplementedError

    def _role_cell(self, role: int, record, key: str, _column: int):
        return self._cell(record, key, role)
