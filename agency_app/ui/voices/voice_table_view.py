"""How the voice list looks and behaves: fixed row height (fast at a million rows), column widths from the font, keyboard use."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from agency_app.ui.voices.voice_table_model import COLUMN_KEYS, column_of, column_of_sort, sort_key_of

# Sample texts that size each column in the current font (Japanese labels as they will show).
_SAMPLES = {
    "received_at": "2025/04/01 09:30", "branch": "横浜支店", "kind": "その他",
    "category": "満期案内・契約", "customer": "山田 久美子", "summary": "",
    "status": "見送り", "assignee": "佐々木 美咲", "due": "2025/04/01 超過", "callback": "04/01 14:00 未連絡",
}
_SUMMARY_MIN = "満期案内の連絡が遅かった"


def configure_table(table: QTableView, header_state: QByteArray | None = None) -> None:
    """Set up a QTableView showing a VoiceTableModel."""
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
    header.setStretchLastSection(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    metrics = table.fontMetrics()
    for key in COLUMN_KEYS:
        sample = _SAMPLES[key] or _SUMMARY_MIN
        header.resizeSection(column_of(key), metrics.horizontalAdvance(sample) + 14)
    header.setSectionResizeMode(column_of("summary"), QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(metrics.horizontalAdvance("0000") + 8)
    if header_state is not None:
        header.restoreState(header_state)
        header.setSectionResizeMode(column_of("summary"), QHeaderView.ResizeMode.Stretch)
    # Header clicks sort through the model's keyset query (VoiceTableModel.sort), never a proxy.
    table.setSortingEnabled(True)
    header.sortIndicatorChanged.connect(lambda section, _order: _keep_indicator(table, section))


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
