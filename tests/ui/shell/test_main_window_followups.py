"""The main window with the follow-up tabs: keyboard lands in lists, staff switches, call-backs and cases reach 今日の仕事."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from agency_app.storage.cases import CaseRepository
from agency_app.ui.shell import login


def switch_to(monkeypatch, window, uid):
    def chosen(picker):
        picker.chosen_uid = uid
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(login.StaffPicker, "exec", chosen)
    window.switch_staff()


@pytest.mark.parametrize("tab", [2, 3, 4])
def test_switching_tabs_puts_the_keyboard_in_the_main_list_never_in_a_detail_checklist(qtbot, window, tab):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.tab_actions[tab].trigger()
    page = window.tabs.current_page()
    main_list = getattr(page, "view", None) or getattr(page, "table")
    assert QApplication.focusWidget() is main_list


def test_a_case_form_begun_from_a_voice_is_put_aside_when_another_person_takes_the_pc(
        qtbot, window, voice_db, monkeypatch):
    from agency_app.ui.cases.case_form import draft_key
    store, staff, _ = voice_db
    window._select_row(0)
    qtbot.waitUntil(lambda: window.detail.uid is not None)
    voice = window.detail.uid
    form = window.case_from_voice()
    form.inputs["body"].setPlainText("佐藤が入力中の内容")
    switch_to(monkeypatch, window, staff["suzuki"])
    assert not form.isVisible()  # never saved under the next person's name
    kept = window.drafts.load(draft_key(staff["sato"], voice_uid=voice))
    assert kept is not None and kept["form"]["body"] == "佐藤が入力中の内容"


def test_a_call_back_marked_made_leaves_todays_work_and_its_count(qtbot, window):
    work = window.tabs.go_to("work")
    promised = [item for item in work.items if item.reason == "callback"]
    assert promised
    before = window.tabs.tabText(1)
    window.tabs.go_to("voice")
    dialog = window.show_callbacks()
    row = next(r for r in range(dialog.item_count()) if dialog.uid_at(r) == promised[0].uid)
    dialog.table.setCurrentCell(row, 0)
    dialog.mark_selected_made()
    window.tabs.go_to("work")
    assert promised[0].uid not in [item.uid for item in work.items if item.reason == "callback"]
    assert window.tabs.tabText(1) != before
    dialog.close()


def test_a_case_made_from_a_voice_shows_in_todays_work_at_once(qtbot, window, voice_db):
    store, staff, _ = voice_db
    work = window.tabs.go_to("work")
    before = len(work.items)
    window.tabs.go_to("voice")
    window._select_row(0)
    qtbot.waitUntil(lambda: window.detail.uid is not None)
    form = window.case_from_voice()
    form.inputs["title"].setText("満期の確認")
    form.inputs["due_date"].setText(window.today().strftime("%Y/%m/%d"))  # due today: on today's list
    assert form.save()
    window.tabs.go_to("work")
    assert len(work.items) == before + 1
    assert CaseRepository(store).get(form.saved_uid)["voice_id"] is not None
