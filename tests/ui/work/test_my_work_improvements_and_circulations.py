"""Today's work lists the signed-in member's improvements overdue or due today and each circulation they have not
read; Enter opens the improvement (its tab) or the circulation (the 回覧 dialog); the tab's badge follows."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from agency_app.domain.improvements import ImprovementInput
from agency_app.storage.circulations import CirculationRepository
from agency_app.storage.improvements import ImprovementRepository
from agency_app.ui.work.my_work_page import MyWorkPage

NOW = datetime(2025, 7, 10, 11, 0)


@pytest.fixture
def day(store, staff):
    sato = staff["sato"]
    repo = ImprovementRepository(store)
    u = dict(
        late=repo.create(ImprovementInput(title="満期案内の宛先確認", owner_id=sato, opened_on="2025-06-02",
                                          due_date="2025-07-01"), by=sato, now=datetime(2025, 6, 2, 9, 0)),
        today=repo.create(ImprovementInput(title="受付票の見直し", owner_id=sato, opened_on="2025-06-02",
                                           due_date="2025-07-10"), by=sato, now=datetime(2025, 6, 2, 9, 0)),
        june=CirculationRepository(store).issue("2025-06", by=staff["manager"], now=datetime(2025, 7, 1, 9, 0)),
    )
    return store, staff, u


def make_page(qtbot, ops, staff_uid) -> MyWorkPage:
    page = MyWorkPage(ops, staff_uid, clock=lambda: NOW)
    qtbot.addWidget(page)
    page.show()
    return page


def test_improvements_and_an_unread_circulation_are_listed_with_their_words(qtbot, ops, day):
    _store, staff, _u = day
    page = make_page(qtbot, ops, staff["sato"])
    assert page.headings() == ["Overdue (1)", "Due today (1)", "Circulations not yet read (1)"]
    assert page.row_texts() == [
        ["Improvement", "2025/07/01 (overdue)", "—", "満期案内の宛先確認"],
        ["Improvement", "Today", "—", "受付票の見直し"],
        ["Circulation", "Issued 2025/07/01", "—", "You have not read the circulation of month 6"]]
    assert page.badge_count() == 3


def test_the_japanese_words_of_an_unread_circulation(qtbot, ops, day, japanese):
    _store, staff, _u = day
    page = make_page(qtbot, ops, staff["sato"])
    assert page.row_texts()[2] == ["回覧", "2025/07/01 発行", "—", "6月の回覧を読んでいません"]
    assert page.headings()[2] == "未読の回覧（1 件）"


def test_enter_opens_the_improvement_and_the_circulation(qtbot, ops, day):
    _store, staff, u = day
    page = make_page(qtbot, ops, staff["sato"])
    page.tree.setFocus()
    assert page.show_record(u["late"])
    with qtbot.waitSignal(page.open_record) as opened:
        qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert opened.args == ["improvement", u["late"]]
    assert page.show_record(u["june"])
    with qtbot.waitSignal(page.open_record) as opened:
        qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert opened.args == ["circulation", u["june"]]


def test_the_list_follows_reading_the_circulation_and_closing_the_improvement(qtbot, ops, day):
    store, staff, u = day
    page = make_page(qtbot, ops, staff["sato"])
    counts = []
    page.count_changed.connect(counts.append)
    ops.write(None, lambda data: data.circulations.confirm_read(u["june"], staff["sato"], now=NOW)).run()
    qtbot.waitUntil(lambda: page.badge_count() == 2, timeout=2000)
    from agency_app.domain.workflow import StatusChange
    ops.write(None, lambda data: data.improvements.change_status(
        u["late"], StatusChange("done", response="二人で確認する", completed_on="2025-07-09",
                                completed_by=staff["sato"]), by=staff["sato"], now=NOW)).run()
    qtbot.waitUntil(lambda: page.badge_count() == 1, timeout=2000)
    assert counts[-1] == 1
    assert page.headings() == ["Due today (1)"]
