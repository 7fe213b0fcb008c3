"""The main window with the follow-up tabs: keyboard lands in lists, staff switches, call-backs and cases reach 今日の仕事."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from agency_app.ui.shell import login
from window_steps import click_row


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
    main_list = getattr(page, "view", None) or page.table
    assert QApplication.focusWidget() is main_list


def test_a_case_form_begun_from_a_voice_is_put_aside_when_another_person_takes_the_pc(
        qtbot, window, voice_db, monkeypatch):
    from agency_app.ui.cases.case_form import draft_key
    store, staff, _ = voice_db
    click_row(qtbot, window, 0)
    qtbot.waitUntil(lambda: window.detail.uid is not None)
    voice = window.detail.uid
    form = window.case_from_voice()
    form.inputs["body"].setPlainText("佐藤が入力中の内容")
    switch_to(monkeypatch, window, staff["suzuki"])
    assert not form.isVisible()  # never saved under the next person's name
    kept = window.drafts.load(draft_key(staff["sato"], voice_uid=voice))
    assert kept is not None and kept["form"]["body"] == "佐藤が入力中の内容"



def test_a_second_case_from_the_same_voice_brings_the_open_form_forward(qtbot, window):
    # Two forms on one voice kept their draft under one key: the second opened with the first one's typing,
    # and a staff switch or closing the app kept only one of them.
    click_row(qtbot, window, 0)
    qtbot.waitUntil(lambda: window.detail.uid is not None)
    first = window.case_from_voice()
    first.inputs["body"].setPlainText("佐藤が入力中の内容")
    first.flush_draft()
    again = window.case_from_voice()
    assert again is first

def listed(work, title: str) -> bool:
    return any(row[3] == title for row in work.row_texts())


def test_a_call_back_marked_made_leaves_todays_work_and_its_count(qtbot, window):
    promised = "更新手続きの書類が多い"  # promised by 佐藤 for 14:00 today
    work = window.tabs.go_to("work")
    qtbot.waitUntil(lambda: listed(work, promised))  # today's work is read in a worker
    count = len(work.row_texts())
    assert any(heading.startswith("Today's call-backs") for heading in work.headings())
    assert window.tabs.tabText(1).endswith(f"({count})")
    window.tabs.go_to("voice")
    dialog = window.show_callbacks()
    row = next(r for r in range(dialog.item_count()) if dialog.table.item(r, 2).text() == promised)
    dialog.table.setCurrentCell(row, 0)
    dialog.mark_made.click()
    asked = dialog.dialog  # the small dialog: Enter confirms
    qtbot.waitUntil(asked.note.hasFocus, timeout=3000)
    qtbot.keyClick(asked.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.tabText(1).endswith(f"({count - 1})"))  # seen from the voice tab
    window.tabs.go_to("work")
    qtbot.waitUntil(lambda: not listed(work, promised))
    assert len(work.row_texts()) == count - 1
    assert not any(heading.startswith("Today's call-backs") for heading in work.headings())
    dialog.close()


def test_a_case_made_from_a_voice_shows_in_todays_work_at_once(qtbot, window, voice_db):
    work = window.tabs.go_to("work")
    qtbot.waitUntil(lambda: bool(work.row_texts()))  # today's work is read in a worker
    before = len(work.row_texts())
    window.tabs.go_to("voice")
    click_row(qtbot, window, 0)
    voice = window.detail.uid
    assert voice is not None
    form = window.case_from_voice()
    form.inputs["title"].setText("満期の確認")
    form.inputs["due_date"].setText(window.today().strftime("%Y/%m/%d"))  # due today: on today's list
    saved = []
    form.saved.connect(saved.append)
    form.save_button.click()
    qtbot.waitUntil(lambda: window.tabs.current_key() == "case")  # the new case is shown in its tab
    window.tabs.go_to("work")
    qtbot.waitUntil(lambda: listed(work, "満期の確認"))  # no F5 needed
    assert len(work.row_texts()) == before + 1
    assert window.tabs.tabText(1).endswith(f"({before + 1})")
    assert window.ops.read.cases.get(saved[0])["voice_id"] == voice
