"""The meeting screen as it is read on a 1024×768 PC and a 1366×768 projector: the week of the meeting (今回) and the
earlier voices alike are in view without scrolling."""

from __future__ import annotations

import pytest

# The page's room inside the main window at 768 px high (menu, toolbar, tabs and status bar take ~150 px).
SIZES = [(1024, 610), (1366, 610)]


@pytest.fixture
def styled(qapp, japanese):
    """The application's font and style sheet, as app.py sets them (the texts' sizes decide what fits)."""
    from agency_app.ui.kit.style import apply_style
    font, sheet = qapp.font(), qapp.styleSheet()
    apply_style(qapp)
    yield
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)


@pytest.mark.parametrize("width,height", SIZES)
def test_the_meetings_week_is_in_view_in_the_table_of_numbers(qtbot, styled, make_page, width, height):
    page = make_page()
    page.resize(width, height)
    table = page.summary.table
    last = table.columnCount() - 1
    qtbot.waitUntil(lambda: table.columnViewportPosition(last) >= 0
                    and table.columnViewportPosition(last) + table.columnWidth(last) <= table.viewport().width())
    # …and the parts' titles (種別, 分類) stay readable beside it, at the left where the rows are named
    heads = [table.verticalHeaderItem(row).text() for row in range(table.rowCount())]
    assert page.summary.tr("Kind") in heads and page.summary.tr("Category") in heads
