"""The 資格 page driven by the keyboard: add, edit and remove a staff member's qualifications; who holds one today."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from agency_app.domain import trainings as T
from agency_app.storage.services import Services
from agency_app.ui.kpi.qualifications_page import QualificationsPage
from form_fixtures import ime_type
from tests.ui.kpi.page_fixtures import answer_box

NOW = datetime(2025, 10, 15, 10, 0)


@pytest.fixture
def page(qtbot, ops, staff):
    widget = QualificationsPage(ops, staff["manager"], clock=lambda: NOW)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def choose(page, name):
    for i in range(page.people.count()):
        if page.people.item(i).text().startswith(name):
            page.people.setCurrentRow(i)
            return
    raise AssertionError(name)


def open_dialog(qtbot, page, widget, key=Qt.Key.Key_N, modifier=Qt.KeyboardModifier.ControlModifier):
    widget.setFocus()
    qtbot.keyClick(widget, key, modifier)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    page.dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.dialog)
    return page.dialog


def save(qtbot):
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_a_qualification_added_counts_the_holder_today(qtbot, page, staff, store):
    assert "0 of 3 staff" in page.summary.text()
    choose(page, "鈴木")
    dialog = open_dialog(qtbot, page, page.people)
    assert dialog.staff.code() == staff["suzuki"]          # the person chosen on the left
    assert QApplication.focusWidget() is dialog.name
    ime_type(dialog.name, "損害保険大学課程")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "2024/4/1")
    save(qtbot)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert [page.table.item(0, c).text() for c in range(4)] == ["損害保険大学課程", "2024/04/01", "—", "Valid"]
    assert "1 of 3 staff" in page.summary.text()
    assert page.people.currentItem().text() == "鈴木 次郎 (1)"


def test_a_lapse_before_obtaining_is_refused_at_the_field_and_the_typing_stays(qtbot, page, staff, store):
    choose(page, "佐藤")
    dialog = open_dialog(qtbot, page, page.people)
    ime_type(dialog.name, "生保専門課程")
    dialog.obtained.setFocus()
    qtbot.keyClicks(dialog.obtained, "2025/5/1")
    dialog.expires.setFocus()
    qtbot.keyClicks(dialog.expires, "2025/4/1")
    save(qtbot)
    qtbot.waitUntil(lambda: dialog.boxes["expires_on"].has_error())
    assert "lapses before" in dialog.boxes["expires_on"].error.text()
    assert dialog.isVisible() and dialog.name.text() == "生保専門課程"
    assert Services(store).trainings.qualifications() == []


def test_enter_edits_a_lapsed_one_back_to_valid_and_delete_removes_it_after_confirming(qtbot, page, staff, store):
    repo = Services(store).trainings
    repo.add_qualification(T.QualificationInput(staff["sato"], "損保大学課程", "2020/4/1", "2025/3/31"),
                           staff["manager"], NOW)
    page.refresh()
    choose(page, "佐藤")
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert page.table.item(0, 3).text() == "Not valid" and "0 of 3 staff" in page.summary.text()
    dialog = open_dialog(qtbot, page, page.table, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    dialog.expires.setFocus()
    dialog.expires.selectAll()
    qtbot.keyClicks(dialog.expires, "2030/3/31")
    save(qtbot)
    qtbot.waitUntil(lambda: page.table.item(0, 3).text() == "Valid")
    assert "1 of 3 staff" in page.summary.text()

    page.table.setFocus()
    QTimer.singleShot(0, lambda: answer_box("Keep"))
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.table.rowCount() == 1
    QTimer.singleShot(0, lambda: answer_box("Remove"))
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.table.rowCount() == 0)
    assert repo.qualifications() == []


def test_history_of_a_qualification(qtbot, page, staff, store):
    repo = Services(store).trainings
    uid = repo.add_qualification(T.QualificationInput(staff["sato"], "損保大学課程", "2020/4/1", ""),
                                 staff["manager"], NOW)
    repo.update_qualification(uid, T.QualificationInput(staff["sato"], "損保大学課程", "2020/4/1", "2026/3/31"),
                              staff["manager"], now=NOW)
    page.refresh()
    choose(page, "佐藤")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: getattr(page, "history_dialog", None) is not None and page.history_dialog.isVisible())
    assert page.history_dialog.row_count() == 2


def test_the_kpi_tab_opens_both_pages_in_order(qtbot, ops, staff):
    from agency_app.ui.kpi.kpi_page import INNER_PAGES, KpiPage
    keys = [spec.key for spec in INNER_PAGES]
    assert keys.index("trainings") + 1 == keys.index("qualifications")
    tab = KpiPage(ops, staff["sato"], clock=lambda: NOW)
    qtbot.addWidget(tab)
    assert type(tab.go_to("qualifications")).__name__ == "QualificationsPage"
    assert type(tab.go_to("trainings")).__name__ == "TrainingsPage"
    assert {"training", "qualification"} <= KpiPage.kinds()


def test_opening_a_record_on_pages_just_built_over_a_file_selects_it_once_loaded(qtbot, file_store):
    """As the window does (threads, a first query still running): the record asked for is selected when it is in."""
    from agency_app.storage.masters import MasterData
    from agency_app.ui.kpi.kpi_page import KpiPage
    from list_fixtures import make_ops, settle
    sato = MasterData(file_store).save_staff(name="佐藤 一郎", kana="さとう いちろう", branch_code="HQ")
    repo = Services(file_store).trainings
    qualification = repo.add_qualification(T.QualificationInput(sato, "損保大学課程", "2020/4/1", ""), sato, NOW)
    meeting = repo.create(T.TrainingInput("2023/6/3", T.KIND_STUDY, "昔の勉強会", [sato]), sato, NOW)
    ops = make_ops(file_store)
    tab = KpiPage(ops, sato, clock=lambda: NOW)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.show_record(qualification, "qualification")
    assert tab.show_record(meeting, "training")
    settle(qtbot, ops)
    page = tab.pages["qualifications"]
    qtbot.waitUntil(lambda: page.current_uid() == qualification)
    trainings = tab.pages["trainings"]
    qtbot.waitUntil(lambda: trainings.current_uid() == meeting)
    assert trainings.year.currentData() == 2023
    assert not tab.show_record("no-such-uid", "qualification")


def test_a_qualification_added_for_someone_who_has_left_names_them_not_their_id(qtbot, page, staff, store):
    from agency_app.storage.masters import MasterData
    repo = Services(store).trainings
    retired = MasterData(store).save_staff(name="高橋 三郎", kana="たかはし さぶろう", team="損保", branch_code="HQ")
    repo.add_qualification(T.QualificationInput(retired, "損害保険募集人", "2020/4/1"), staff["manager"], NOW)
    MasterData(store).save_staff(uid=retired, name="高橋 三郎", kana="たかはし さぶろう", team="損保",
                                 branch_code="HQ", active=False)
    page.refresh()
    qtbot.waitUntil(lambda: any(page.people.item(i).text().startswith("高橋") for i in range(page.people.count())))
    choose(page, "高橋")
    dialog = open_dialog(qtbot, page, page.people)
    assert dialog.staff.code() == retired
    assert dialog.staff.currentText() == "高橋 三郎"
