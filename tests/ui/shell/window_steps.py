"""What a person does in the main window and what they read there (imported by the shell tests)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from agency_app.ui.voices.voice_table_model import column_of


def click_row(qtbot, window, row: int) -> None:
    """Select a row of the voice list as a person does: a click on it."""
    index = window.model.index(row, column_of("summary"))
    window.table.scrollTo(index)
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.table.visualRect(index).center())


def shows_count(window, count: int) -> bool:
    """Whether the filter bar (and the status bar) say the count, e.g. '1,234 voices'."""
    text = f"{count:,} voices"
    return window.filter_bar.count_label.text() == text and window.count_label.text() == text


def summaries(window) -> list[str]:
    """The summary column of the list, top to bottom."""
    model = window.model
    return [model.data(model.index(r, column_of("summary"))) for r in range(model.rowCount())]
