"""The meeting screen as it is read on a 1024×768 PC and a 1366×768 projector: the week of the meeting (今回) and the
earlier voices alike are in view without scrolling."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint

from agency_app.domain.voice import VoiceInput
from agency_app.storage.voices import VoiceRepository
from list_fixtures import NOW
from meeting_keys import select
from test_voice_day_screen import FIRST

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


@pytest.mark.parametrize("width,height", SIZES)
def test_the_earlier_voices_alike_are_in_view_below_the_voice(qtbot, styled, team_db, make_page, width, height):
    store, staff, _ = team_db
    VoiceRepository(store).create(VoiceInput(
        received_at="2025/09/01 10:00", kind="dissatisfaction", customer_name="佐々木 花",
        summary="書類の書き方が分からない", body="更新の書類の書き方が分からない。", assignee_id=staff["sato"],
        due_date="2025/09/05"), by=staff["sato"], now=NOW)
    page = make_page()
    page.resize(width, height)
    select(page, FIRST)
    panel = page.voice_panel
    qtbot.waitUntil(lambda: panel.alike.count() >= 1)
    scroll = page.side.currentWidget()

    def first_row_bottom() -> int:
        row = panel.alike.visualItemRect(panel.alike.item(0))
        return panel.alike.viewport().mapTo(scroll.viewport(), QPoint(0, row.bottom())).y()
    # Waited for as the layout settles (no fixed pause): it fails if the row never comes into view.
    qtbot.waitUntil(lambda: 0 <= first_row_bottom() <= scroll.viewport().height())


@pytest.mark.parametrize("width,height", SIZES)
def test_the_open_items_are_read_whole_without_scrolling_sideways(qtbot, styled, team_db, make_page, width, height):
    from agency_app.domain.improvements import ImprovementInput
    from agency_app.storage.improvements import ImprovementRepository
    store, staff, _ = team_db
    VoiceRepository(store).create(VoiceInput(
        received_at="2025/11/10 10:00", kind="dissatisfaction",
        summary="満期の案内が届かず更新の手続きが遅れてしまい保険が切れるところだった", assignee_id=staff["sato"],
        due_date="2025/11/12"), by=staff["sato"], now=NOW)
    ImprovementRepository(store).create(ImprovementInput(
        title="満期案内の送付時期を二か月前に早めて電話でも確認する", team="損保", owner_id=staff["sato"],
        opened_on="2025-11-01", due_date="2025-11-10"), by=staff["sato"], now=NOW)
    page = make_page()
    page.resize(width, height)
    page.side.setCurrentIndex(2)  # 未完了の項目
    items = page.open_items

    def read_whole(view) -> bool:
        rows = [view.visualItemRect(view.item(row)) for row in range(view.count())]
        return bool(rows) and all(rect.right() <= view.viewport().width() for rect in rows)
    qtbot.waitUntil(lambda: read_whole(items.voices) and read_whole(items.improvements))


@pytest.mark.parametrize("width,height", SIZES)
def test_a_long_reason_decided_leaves_the_summaries_readable(qtbot, styled, team_db, make_page, width, height):
    """改善不要 with a reason of a few sentences: the 決定 column must not take the 要旨 column's room."""
    from PySide6.QtCore import Qt

    from agency_app.domain import voice_day as D
    from agency_app.storage.voice_days import VoiceDayRepository
    from meeting_keys import press
    store, staff, _ = team_db
    page = make_page()
    press(qtbot, page, Qt.Key.Key_W)  # 会議を始める
    qtbot.waitUntil(lambda: page.loaded.meeting is not None)
    voice = next(row for row in page.model.rows if row["summary"] == FIRST)
    VoiceDayRepository(store).decide(
        page.loaded.meeting["uid"], voice["uid"], D.DECISION_NO_IMPROVEMENT, by=staff["sato"],
        reason="書類の枚数は保険会社の様式で決まっており、代理店では減らせない。案内文で記入箇所を示すことで対応済み。")
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rows and any(row.get("reason") for row in page.model.rows))
    page.resize(width, height)
    view, summary = page.view, page.model.columns.index("summary")
    shortest = view.fontMetrics().horizontalAdvance("更新手続きの書類が多い")
    decision = page.model.columns.index("decision")
    qtbot.waitUntil(lambda: view.columnViewportPosition(decision) + view.columnWidth(decision)
                    <= view.viewport().width()  # 決定 in view
                    and view.columnWidth(summary) >= shortest)


@pytest.mark.parametrize("width,height,zoom_steps", [(1024, 610, 0), (1366, 610, 3)])
def test_a_long_category_leaves_the_summaries_readable(qtbot, styled, team_db, make_page, width, height, zoom_steps):
    """分類 such as 満期案内・契約手続関連 on a 1024 px PC, and at a projector's zoom (1366 px): 要旨, what the meeting
    reads, keeps its room."""
    from PySide6.QtCore import Qt

    from meeting_keys import CTRL, press
    store, staff, _ = team_db
    VoiceRepository(store).create(VoiceInput(
        received_at="2025/11/19 10:00", kind="dissatisfaction", category_group="満期案内・契約手続関連",
        summary="満期の案内が届かなかった", assignee_id=staff["sato"], due_date="2025/11/25"), by=staff["sato"], now=NOW)
    page = make_page()
    page.resize(width, height)
    for _ in range(zoom_steps):
        press(qtbot, page, Qt.Key.Key_Plus, CTRL)
    view = page.view
    summary, category = page.model.columns.index("summary"), page.model.columns.index("category")
    shortest = view.fontMetrics().horizontalAdvance("満期の案内が届かなかった")
    qtbot.waitUntil(lambda: view.columnWidth(summary) >= shortest
                    and view.columnWidth(category) < view.fontMetrics().horizontalAdvance("満期案内・契約手続関連"))
