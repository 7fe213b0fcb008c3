"""A list's column widths: defaults measured with the font, the widths the user dragged remembered per list, and a way back.

One column (the list's most useful free text: a voice's 要旨, a case's 件名) fills the room the others leave;
the others keep their width when the window is resized. Each width the user drags is kept in the settings
under the list's name and column key, and the header's context menu offers 「列幅を元に戻す」.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QTreeView

from agency_app.ui.kit.settings import AppSettings

# fill(viewport width, {key: width of each other shown column}) → the fill column's width
FillRule = Callable[[int, dict[str, int]], int]
MAX_MEASURED_EM = 22  # a measured column never takes more than this many full-width characters by default


def rest_of_row(minimum: int) -> FillRule:
    """The fill column takes what the others leave, never less than `minimum` pixels."""
    def fill(viewport: int, others: dict[str, int]) -> int:
        return max(minimum, viewport - sum(others.values()))
    return fill


class ColumnWidths(QObject):
    """Sizes the columns of `view` (a table, or a tree such as today's work) and remembers what the user drags.

    `keys` name the columns (by default the model's `columns`). `defaults()` gives the width of each
    column but the fill column ({key: px}); a key it leaves out keeps its width. `fill` names the column
    that takes the rest, by `fill_rule`.
    """

    def __init__(self, view: QAbstractItemView, name: str, settings: AppSettings, *,
                 defaults: Callable[[], dict[str, int]], fill: str | None, fill_rule: FillRule | None = None,
                 keys: tuple[str, ...] | None = None):
        super().__init__(view)
        self.view, self.name, self.settings = view, name, settings
        self.header: QHeaderView = view.header() if isinstance(view, QTreeView) else view.horizontalHeader()
        self.keys: tuple[str, ...] = tuple(keys if keys is not None else view.model().columns)
        self._defaults = defaults
        self.fill = fill if fill in self.keys else None
        self._fill_rule = fill_rule or rest_of_row(self.header.minimumSectionSize())
        self._sizing = False  # our own resizes are not the user's
        self.header.setStretchLastSection(False)
        for column, key in enumerate(self.keys):
            # The fill column follows the others; every other one is the user's to drag.
            self.header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed if key == self.fill
                                             else QHeaderView.ResizeMode.Interactive)
        self.reset_action = QAction(self.tr("Reset column widths"), view)
        self.reset_action.triggered.connect(self.reset)
        self.header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.header.customContextMenuRequested.connect(self._menu)
        self.header.sectionResized.connect(self._resized)
        view.viewport().installEventFilter(self)
        self.apply()

    # --- sizing -----------------------------------------------------------------------------
    def apply(self) -> None:
        """The default widths, then the user's own over them, then the fill column."""
        widths = dict(self._defaults())
        widths.update({k: w for k, w in self.settings.column_widths(self.name).items() if k in self.keys})
        self._sizing = True
        try:
            for key, width in widths.items():
                if key != self.fill:
                    self.header.resizeSection(self.keys.index(key), width)
        finally:
            self._sizing = False
        self.fit_fill()

    def reset(self) -> None:
        """Back to the default widths: the user's are forgotten for this list."""
        self.settings.forget_column_widths(self.name)
        self.apply()

    def fit_fill(self) -> None:
        if self.fill is None:
            return
        column = self.keys.index(self.fill)
        others = {key: self.header.sectionSize(c) for c, key in enumerate(self.keys)
                  if key != self.fill and not self.header.isSectionHidden(c)}
        width = self._fill_rule(self.view.viewport().width(), others)
        if width != self.header.sectionSize(column):
            self._sizing = True
            try:
                self.header.resizeSection(column, width)
            finally:
                self._sizing = False

    def _resized(self, column: int, _old: int, new: int) -> None:
        if self._sizing or not 0 <= column < len(self.keys):
            return
        key = self.keys[column]
        if key == self.fill:
            return
        if new > 0 and self.header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive:
            self.settings.set_column_width(self.name, key, new)  # a drag (a hidden column reads 0: not a width)
        self.fit_fill()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit_fill()
        return False

    def _menu(self, pos: QPoint) -> None:
        menu = QMenu(self.header)
        menu.addAction(self.reset_action)
        menu.popup(self.header.viewport().mapToGlobal(pos))


def measured_widths(view: QTableView, fill: str | None) -> dict[str, int]:
    """Each column but `fill` as wide as its header and the texts of the rows read so far (at most one page),
    but no wider than MAX_MEASURED_EM full-width characters."""
    header = view.horizontalHeader()
    cap = view.fontMetrics().horizontalAdvance("あ") * MAX_MEASURED_EM
    widths = {}
    for column, key in enumerate(view.model().columns):
        if key != fill:
            widths[key] = min(cap, max(header.sectionSizeHint(column), view.sizeHintForColumn(column)))
    return widths
