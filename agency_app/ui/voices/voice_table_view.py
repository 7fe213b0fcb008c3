"""How the voice list looks and behaves: fixed row height (fast at a million rows), column widths from the font, keyboard use."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QTableView

from agency_app.domain import codes
from agency_app.ui.kit import labels
from agency_app.ui.kit.column_widths import ColumnWidths
from agency_app.ui.kit.settings import AppSettings
from agency_app.ui.voices.voice_table_model import COLUMN_KEYS, SECONDARY, column_of, column_of_sort, sort_key_of

LIST_NAME = "voices"  # the key of this list's remembered widths
CELL_PADDING = 14     # room around a cell's text (the item's margins), in pixels
SUMMARY_CHARS = 24    # 要旨 gets at least this many full-width characters when the primary columns leave room
SUMMARY_MIN_CHARS = 8  # …and never fewer
# Sample texts that size the short columns in the current font (as they show; the longest of each kind).
_SAMPLES = {
    "received_at": ["2025/04/01 09:30"], "branch": ["横浜支店"], "category": ["満期案内・契約"],
    "customer": ["山田 久美子"], "assignee": ["佐々木 美咲"],
}
# The detail pane beside the list: this share of the window, within these bounds (px). At 1024 px the
# list keeps ~690 px, enough for 要旨 with 状況, 期限 and 折り返し beside it.
DETAIL_SHARE, DETAIL_MIN, DETAIL_MAX = 0.27, 320, 400


def detail_width(window_width: int) -> int:
    """The detail pane's default width in a window this wide."""
    return max(DETAIL_MIN, min(DETAIL_MAX, round(window_width * DETAIL_SHARE)))


class DefaultSplit(QObject):
    """Splits the list and the detail by detail_width() of the splitter's width as it is resized, until the user
    drags the handle (from then on the detail keeps the width the user gave it)."""

    def __init__(self, splitter: QSplitter):
        super().__init__(splitter)
        self.splitter = splitter
        splitter.splitterMoved.connect(self._moved)
        splitter.installEventFilter(self)
        self.apply()

    def apply(self) -> None:
        width = self.splitter.width()
        detail = detail_width(width)
        self.splitter.setSizes([width - detail - self.splitter.handleWidth(), detail])

    def _moved(self, *_args) -> None:
        self.splitter.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.apply()  # the splitter's geometry is already the new one: its own layout then keeps these sizes
        return False


def configure_table(table: QTableView, settings: AppSettings | None = None) -> ColumnWidths:
    """Set up a QTableView showing a VoiceTableModel; its column widths are remembered in `settings`."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab leaves the list; arrows move inside it
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    vertical = table.verticalHeader()
    vertical.hide()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionsClickable(True)
    header.setSortIndicatorShown(True)
    header.setSortIndicator(column_of("received_at"), Qt.SortOrder.DescendingOrder)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setMinimumSectionSize(table.fontMetrics().horizontalAdvance("0000") + 8)
    em = table.fontMetrics().horizontalAdvance("あ")
    widths = ColumnWidths(table, LIST_NAME, settings or AppSettings(), defaults=lambda: default_widths(table),
                          fill="summary", fill_rule=summary_rule(SUMMARY_CHARS * em, SUMMARY_MIN_CHARS * em))
    # Header clicks sort through the model's keyset query (VoiceTableModel.sort), never a proxy.
    table.setSortingEnabled(True)
    header.sortIndicatorChanged.connect(lambda section, _order: _keep_indicator(table, section))
    return widths


def summary_rule(wanted: int, minimum: int):
    """要旨 takes what all other columns leave; when that is less than `wanted`, what the primary columns leave
    (up to `wanted`; category, assignee and branch are then scrolled to), never less than `minimum`."""
    def fill(viewport: int, others: dict[str, int]) -> int:
        rest_all = viewport - sum(others.values())
        rest_primary = viewport - sum(w for key, w in others.items() if key not in SECONDARY)
        return max(minimum, min(wanted, rest_primary), rest_all)
    return fill


def default_widths(table: QTableView) -> dict[str, int]:
    """Each short column as wide as its widest text (bold where the list shows it bold) or its header."""
    model, header = table.model(), table.horizontalHeader()
    plain = table.fontMetrics()
    bold_font = QFont(table.font())
    bold_font.setBold(True)
    bold = QFontMetrics(bold_font)
    texts = dict(_SAMPLES)
    texts["kind"] = [labels.kind_label(k) for k in codes.KINDS] + [labels.complaint_label()]
    texts["status"] = [labels.status_label(s) for s in codes.STATUSES]
    texts.update(model.widest_texts())
    emphasised = {"due", "callback"}  # an overdue date or a promise due is shown in bold
    widths = {}
    for key in COLUMN_KEYS:
        if key == "summary":
            continue
        metrics = bold if key in emphasised else plain
        text = max(metrics.horizontalAdvance(t) for t in texts[key]) + CELL_PADDING
        widths[key] = max(text, header.sectionSizeHint(column_of(key)))
    return widths


def _keep_indicator(table: QTableView, section: int) -> None:
    """A column that cannot be sorted puts the arrow back on the column the list is sorted by."""
    if sort_key_of(section) is not None:
        return
    model = table.model()
    header = table.horizontalHeader()
    header.blockSignals(True)
    header.setSortIndicator(column_of_sort(model.sort_column),
                            Qt.SortOrder.DescendingOrder if model.descending else Qt.SortOrder.AscendingOrder)
    header.blockSignals(False)
    header.viewport().update()
