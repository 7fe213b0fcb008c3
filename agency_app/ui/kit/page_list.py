"""A record page's list: one keyset-paged search per refresh (SearchController), the record shown kept selected, or shown beside a list that no longer holds it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from agency_app.storage.errors import StorageError, translate_sqlite_error
from agency_app.storage.keyset import ListSpec
from agency_app.ui.kit.column_widths import ColumnWidths, measured_widths
from agency_app.ui.kit.messages import storage_error_text
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.paged_model import PagedTableModel
from agency_app.ui.kit.search_controller import ListRequest, SearchController
from agency_app.ui.kit.settings import AppSettings


class PageList(QObject):
    """The list of one record page (cases, customers, elderly records) over its ListSpec, as the voice list runs.

    `search` (a SearchController, a child of the page) reads the first page — on the UI thread when
    asked and fast, else in a worker — then counts and finds rows in a worker; the page's model shows
    pages as the view scrolls. After each search the record asked for (`select_uid`) is selected
    where the list holds it and shown anew by `show(uid)` (a save elsewhere may have changed it); a
    record asked for `outside` the list (a case just closed and filtered out, a retired customer) is
    still shown; with nothing to keep, the first row is selected, or `show_none()` empties the
    page's detail. The page says `counted(n)` and
    `failed(error)` its own way, and calls shutdown() when it goes away.
    """

    counted = Signal(int)
    failed = Signal(str)  # what went wrong, in words for the page's banner

    def __init__(self, ops: Operations, spec: ListSpec, model: PagedTableModel, view: QTableView, *,
                 show: Callable[[str], None], show_none: Callable[[], None], parent: QWidget,
                 debounce_ms: int | None = None):
        super().__init__(parent)
        self.spec, self.model, self.view = spec, model, view
        self._show, self._show_none = show, show_none
        # Pages are read on the UI thread's reading connection; searches run on worker connections.
        self.search = SearchController(ops, parent=parent)
        if debounce_ms is not None:
            self.search.set_debounce(debounce_ms)
        self._select_after: str | None = None  # a record to select when the search finds its row
        self._outside: str | None = None       # …and to show even when the list does not hold it
        self._focus = False                    # …and to put the keyboard on (the page was asked to show it)
        self.search.first_page.connect(self._first_page)
        self.search.counted.connect(self._counted)
        self.search.positioned.connect(self._positioned)
        self.search.failed.connect(self._failed)
        # Column widths: measured from the first rows found (once, so the columns never jump while staff
        # search), the user's dragged widths kept under the list's name; the page's stretch column fills.
        fill = fill_column(view)
        self.widths = ColumnWidths(view, spec.name, AppSettings(), fill=fill,
                                   defaults=lambda: measured_widths(view, fill))
        self._measured = False

    # --- asking ---------------------------------------------------------------------------
    def request(self, flt, *, select_uid: str | None = None, outside: bool = False, focus: bool = False,
                locate: bool = True, immediate: bool = True, first_page_here: bool = False) -> None:
        """Search the list for `flt`: at once, or after the typing pause (`immediate=False`).

        `locate=False` keeps `select_uid` only when it is on the first page (the list never jumps
        away from the top while staff type).
        """
        self._select_after = select_uid
        self._outside = select_uid if outside else None
        self._focus = focus and bool(select_uid)
        self.search.request(ListRequest(self.spec, flt, select_uid=select_uid, locate=locate),
                            immediate=immediate, first_page_here=first_page_here)

    def shown_filter(self):
        """The filter of the rows the list shows now (None before the first search)."""
        query = self.model.query
        return query.filter if query is not None else None

    def shutdown(self) -> None:
        """The page goes away: pending searches are dropped, running ones interrupted."""
        self.search.shutdown()

    # --- selecting ------------------------------------------------------------------------
    def _select(self, row: int, *, focus: bool = False) -> None:
        """Select a row and show its record as it is now (the page's current-row handler then has nothing to do)."""
        uid = self.model.uid_at(row)
        if uid is not None:
            self._show(uid)
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        if focus:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _select_first(self) -> None:
        if self.model.rowCount():
            self._select(0)
        else:
            self._show_none()

    # --- what the search says -----------------------------------------------------------------
    def _first_page(self, query, rows: list) -> None:
        self.model.set_query(query, rows)
        if not self._measured and self.model.rowCount():
            self._measured = True
            self.widths.apply()
        if self._select_after is None:
            self._select_first()

    def _counted(self, count: int) -> None:
        self.model.set_count(count)
        self.counted.emit(count)

    def _positioned(self, uid: str, row: int) -> None:
        if uid != self._select_after:
            return
        outside, focus = self._outside, self._focus
        self._select_after, self._outside, self._focus = None, None, False
        if 0 <= row < self.model.rowCount():
            self._select(row, focus=focus)
        elif outside == uid:
            self._show(uid)  # not in the list (filtered out, retired): shown until another is chosen
        else:
            self._select_first()

    def _failed(self, error: Exception) -> None:
        self._select_after, self._outside, self._focus = None, None, False
        self.failed.emit(list_error_text(error))


def fill_column(view: QTableView) -> str | None:
    """The column the page made to take the room (a Stretch section, else the last one when it stretches)."""
    header, columns = view.horizontalHeader(), view.model().columns
    for column, key in enumerate(columns):
        if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch:
            return key
    return columns[-1] if header.stretchLastSection() and columns else None


def list_error_text(error: Exception) -> str:
    """Why a list could not be read: a problem the user can act on in words, else the database's own message."""
    if isinstance(error, sqlite3.Error):
        error = translate_sqlite_error(error)
    return storage_error_text(error, typed=False) if isinstance(error, StorageError) else str(error)
