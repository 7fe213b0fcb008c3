"""The voice list's columns at the screens staff use: 要旨 wide enough to read, today's columns on screen at 1024 px,
the widths the user dragged kept for the next start, and a way back to the defaults."""

from __future__ import annotations

import pytest
from list_fixtures import make_window


from agency_app.ui.voices.voice_table_model import column_of
from agency_app.ui.voices.voice_table_view import SUMMARY_CHARS, detail_width

TASKBAR = 40  # a Windows taskbar at 100 %


@pytest.fixture(autouse=True)
def in_japanese(japanese):
    """As staff see it: the Japanese texts decide the widths (the window's before its columns')."""


def shown_at(qtbot, window, width: int, height: int = 768 - TASKBAR):
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width)
    return window


def chars(table, px: int) -> float:
    return px / table.fontMetrics().horizontalAdvance("あ")


def on_screen(table, key: str) -> bool:
    header = table.horizontalHeader()
    column = column_of(key)
    left = header.sectionViewportPosition(column)
    return not table.isColumnHidden(column) and left >= 0 \
        and left + header.sectionSize(column) <= table.viewport().width()


def test_the_summary_gets_at_least_24_characters_at_1366(qtbot, window):
    shown_at(qtbot, window, 1366)
    width = window.table.horizontalHeader().sectionSize(column_of("summary"))
    assert chars(window.table, width) >= SUMMARY_CHARS == 24
    for key in ("received_at", "customer", "summary", "status", "due", "callback"):
        assert on_screen(window.table, key), key


def test_todays_columns_are_on_screen_at_1024(qtbot, window):
    shown_at(qtbot, window, 1024)
    for key in ("summary", "status", "due", "callback"):
        assert on_screen(window.table, key), key
    assert chars(window.table, window.table.horizontalHeader().sectionSize(column_of("summary"))) >= 8


def test_the_detail_pane_takes_a_share_of_the_window_within_bounds():
    assert detail_width(1024) == 320  # 27 % would be 276: the panel's buttons need 320
    assert detail_width(1366) == 369
    assert detail_width(2560) == 400


def test_a_dragged_width_survives_closing_and_reopening_and_reset_brings_the_default_back(
        qtbot, voice_db, app_settings, tmp_path):
    store, staff, _uids = voice_db
    window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
    header = window.table.horizontalHeader()
    column = column_of("customer")
    default = header.sectionSize(column)
    header.resizeSection(column, default + 57)  # what dragging the header's edge does
    window.close()
    window.search.shutdown()

    again = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
    header = again.table.horizontalHeader()
    assert header.sectionSize(column) == default + 57
    assert again.column_widths.reset_action.text()  # offered in the header's context menu
    again.column_widths.reset_action.trigger()
    assert header.sectionSize(column) == default
    again.close()
    again.search.shutdown()

    third = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
    assert third.table.horizontalHeader().sectionSize(column) == default  # the reset is remembered too
    third.search.shutdown()


def test_the_header_offers_the_reset_in_its_context_menu(qtbot, window, monkeypatch):
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QMenu
    shown = []
    monkeypatch.setattr(QMenu, "popup", lambda menu, _pos, _at=None: shown.append(
        [a.text() for a in menu.actions()]))
    header = window.table.horizontalHeader()
    header.customContextMenuRequested.emit(QPoint(5, 5))
    assert shown == [["列幅を元に戻す"]]
