"""Every action on a voice has its key, pressed with the keyboard in the list; Tab follows the screen; no match says so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from agency_app.domain import codes
from agency_app.storage.voices import VoiceRepository
from agency_app.ui.cases.case_form import CaseFormDialog
from agency_app.ui.kit.callback_made_dialog import CallbackMadeDialog
from agency_app.ui.voices.voice_form import VoiceFormDialog
from agency_app.ui.voices.voice_status_dialog import StatusDialog
from customer_fixtures import add_customer
from form_fixtures import add_voice, ime_type
from list_fixtures import make_window, settle, wait_idle
from agency_app.ui.voices.voice_table_model import column_of

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def select(qtbot, window, uid: str) -> None:
    """Click the voice's row, then work with the keyboard in the list, as staff do."""
    index = window.model.index(window.model.row_of_loaded(uid), column_of("summary"))
    window.table.scrollTo(index)
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=window.table.visualRect(index).center())
    window.table.setFocus()
    assert window.detail.uid == uid


def back_to_list(qtbot, window) -> None:
    """A dialog closed: the window is active again with the keyboard in the list (offscreen, said explicitly)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.table.setFocus()


def visible(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_f2_and_the_status_keys_act_on_the_voice_selected_in_the_list(qtbot, window, voice_db):
    store, _staff, uids = voice_db
    new = uids[3]  # 説明が丁寧だった, 未対応
    select(qtbot, window, new)
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    assert isinstance(window.detail.dialog, VoiceFormDialog) and window.detail.dialog.voice_uid == new
    window.detail.dialog.close()
    back_to_list(qtbot, window)
    for key, target in ((Qt.Key.Key_D, codes.STATUS_DONE), (Qt.Key.Key_M, codes.STATUS_DROPPED)):
        back_to_list(qtbot, window)
        qtbot.keyClick(window.table, key, CTRL_SHIFT)
        dialog = window.detail.dialog
        assert isinstance(dialog, StatusDialog) and dialog.target == target and dialog.uid == new
        dialog.close()
    back_to_list(qtbot, window)
    qtbot.keyClick(window.table, Qt.Key.Key_S, CTRL_SHIFT)  # 対応開始: at once, no dialog
    qtbot.waitUntil(lambda: VoiceRepository(store).get(new)["status"] == codes.STATUS_IN_PROGRESS)
    qtbot.waitUntil(lambda: not window.detail.action_of["start"].isEnabled())  # shown anew: started
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_H, CTRL_SHIFT)
    assert window.detail.tabs.currentIndex() == window.detail.tabs.count() - 1  # the History tab
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_K, CTRL_SHIFT)
    forms = visible(CaseFormDialog)
    assert len(forms) == 1
    forms[0].close()


def test_ctrl_shift_o_reopens_a_closed_voice(qtbot, window, voice_db):
    _store, _staff, uids = voice_db
    select(qtbot, window, uids[2])  # 事故対応が親切だった, 完了
    qtbot.keyClick(window.table, Qt.Key.Key_O, CTRL_SHIFT)
    dialog = window.detail.dialog
    assert isinstance(dialog, StatusDialog) and dialog.target == codes.STATUS_IN_PROGRESS and dialog.uid == uids[2]
    dialog.close()
    back_to_list(qtbot, window)
    qtbot.keyClick(window.table, Qt.Key.Key_D, CTRL_SHIFT)  # a closed voice cannot be closed again
    assert window.detail.dialog is dialog


def test_ctrl_r_marks_the_call_back_made_and_ctrl_z_in_the_list_takes_it_back(qtbot, window, voice_db):
    store, _staff, uids = voice_db
    select(qtbot, window, uids[1])  # 更新手続きの書類が多い: a call-back promised for today
    undo = window.detail.action_of["undo_callback"]
    assert undo.shortcut().toString() == "Ctrl+Z"
    assert not undo.isEnabled()  # nothing to take back yet
    qtbot.keyClick(window.table, Qt.Key.Key_R, CTRL)
    dialog = visible(CallbackMadeDialog)[0]
    qtbot.keyClicks(dialog.note, "shorui saisou")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)  # Enter confirms
    qtbot.waitUntil(lambda: VoiceRepository(store).get(uids[1])["callback_done_at"] is not None)
    qtbot.waitUntil(undo.isEnabled)  # the menu's 元に戻す is offered while the undo is possible
    back_to_list(qtbot, window)
    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: VoiceRepository(store).get(uids[1])["callback_done_at"] is None)
    assert not undo.isEnabled()
    asked = []
    window.detail.mark_callback_made = lambda: asked.append(window.detail.uid)
    select(qtbot, window, uids[3])  # no promise: Ctrl+R does nothing
    qtbot.keyClick(window.table, Qt.Key.Key_R, CTRL)
    assert asked == []


def test_ctrl_shift_c_opens_the_linked_customer(qtbot, voice_db, app_settings, tmp_path):
    store, staff, _ = voice_db
    customer = add_customer(store, staff["sato"])
    uid = add_voice(store, staff["sato"], customer_id=customer, customer_name="山田 太郎",
                    received_at="2025-11-20 09:30")
    window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
    select(qtbot, window, uid)
    qtbot.keyClick(window.table, Qt.Key.Key_C, CTRL_SHIFT)
    assert window.tabs.current_key() == "customer"
    qtbot.waitUntil(lambda: window.tabs.current_page().current_uid() == customer)
    window.search.shutdown()


def tab_chain(qtbot, start, steps: int) -> list:
    """Press Tab `steps` times from `start`; the widgets the keyboard went to, in order."""
    start.setFocus()
    chain = []
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        chain.append(QApplication.focusWidget())
    return chain


@pytest.mark.parametrize("row, expected", [
    (3, ["edit", "start", "done", "drop", "case"]),           # 未対応, no customer, no promise
    (1, ["edit", "callback_made", "done", "drop", "case"]),   # 対応中 with a call-back promised
])
def test_tab_goes_from_the_list_through_the_voices_buttons_in_screen_order(qtbot, window, voice_db, row, expected):
    _store, _staff, uids = voice_db
    select(qtbot, window, uids[row])
    buttons = window.detail.buttons
    chain = tab_chain(qtbot, window.table, len(expected) + 1)
    assert chain[:-1] == [buttons[name] for name in expected]
    tabs = window.detail.tabs
    assert chain[-1] is tabs or tabs.isAncestorOf(chain[-1])  # then the details below the buttons


def test_the_buttons_keep_their_places_when_the_moves_offered_change(qtbot, window, voice_db):
    _store, _staff, uids = voice_db
    select(qtbot, window, uids[3])  # 未対応: start, done, drop shown
    places = {name: button.geometry() for name, button in window.detail.buttons.items()}
    sizes = window.splitter.sizes()
    select(qtbot, window, uids[2])  # 完了: only reopen in the second row
    assert window.detail.buttons["reopen"].isVisible() and not window.detail.buttons["done"].isVisible()
    assert {name: button.geometry() for name, button in window.detail.buttons.items()} == places
    assert window.splitter.sizes() == sizes


def test_a_search_with_no_match_says_so_and_clears_the_voice(qtbot, window):
    assert window.detail.uid is not None
    window.filter_bar.focus_search()
    ime_type(window.filter_bar.search_edit, "該当なしの語句ぬぬぬ")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0 and window.search.is_idle())
    wait_idle(qtbot, window)
    assert window.empty_note.isVisible() and window.empty_note.text() == "No voices match."
    assert window.detail.uid is None and window.detail.values["summary"].text() == ""
    assert not any(action.isEnabled() for action in window.detail.record_actions())
    assert not any(button.isEnabled() for button in window.detail.buttons.values())
    window.filter_bar.search_edit.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 8)
    assert not window.empty_note.isVisible()


def test_ctrl_z_still_undoes_when_the_call_back_made_took_the_last_voice_out_of_the_list(qtbot, voice_db,
                                                                                         app_settings, tmp_path):
    """Working through 未対応: Ctrl+R, Enter (対応中にする ticked) moves the voice out of the list; when it was the last
    one the list is empty and the panel cleared — the notice still offers 元に戻す (Ctrl+Z), and Ctrl+Z must do it."""
    store, staff, _ = voice_db
    uid = add_voice(store, staff["sato"], summary="書類の再送を希望", callback_at="2025-11-20 15:00",
                    callback_staff_id=staff["sato"])
    window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
    bar = window.filter_bar
    bar.status_combo.setCurrentIndex(bar.status_combo.findData(codes.STATUS_NEW))
    bar.search_edit.setText("書類の再送")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    select(qtbot, window, uid)
    qtbot.keyClick(window.table, Qt.Key.Key_R, CTRL)
    dialog = visible(CallbackMadeDialog)[0]
    assert dialog.start_work.isChecked()
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: VoiceRepository(store).get(uid)["status"] == codes.STATUS_IN_PROGRESS)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    notice = window.detail._callback_flow.notice
    assert notice.isVisible() and notice.button.isVisible()  # 元に戻す (Ctrl+Z) is offered…
    back_to_list(qtbot, window)
    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL)  # …and Ctrl+Z in the (now empty) list does it
    qtbot.waitUntil(lambda: VoiceRepository(store).get(uid)["callback_done_at"] is None, timeout=2000)
    assert VoiceRepository(store).get(uid)["status"] == codes.STATUS_NEW
    settle(qtbot, window.ops)
    wait_idle(qtbot, window)
    window.search.shutdown()


def test_the_record_keys_stay_out_of_text_fields_and_forms(qtbot, window, voice_db):
    """Ctrl+Z in a text is that text's undo, never the call-back's; Ctrl+R and F2 inside a form do nothing there."""
    store, _staff, uids = voice_db
    select(qtbot, window, uids[1])
    qtbot.keyClick(window.table, Qt.Key.Key_R, CTRL)
    qtbot.keyClick(visible(CallbackMadeDialog)[0].note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: VoiceRepository(store).get(uids[1])["callback_done_at"] is not None)
    undo = window.detail.action_of["undo_callback"]
    qtbot.waitUntil(undo.isEnabled)
    back_to_list(qtbot, window)
    search = window.filter_bar.search_edit
    search.setFocus()
    qtbot.keyClicks(search, "abc")
    qtbot.keyClick(search, Qt.Key.Key_Z, CTRL)
    assert search.text() == "" and undo.isEnabled()  # the search box's own undo
    search.clear()
    back_to_list(qtbot, window)
    select(qtbot, window, uids[1])
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    form = window.detail.dialog
    assert isinstance(form, VoiceFormDialog)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    summary = form.inputs["summary"]
    summary.setFocus()
    before = summary.text()
    qtbot.keyClicks(summary, "xyz")
    qtbot.keyClick(summary, Qt.Key.Key_Z, CTRL)
    assert summary.text() == before and undo.isEnabled()
    assert VoiceRepository(store).get(uids[1])["callback_done_at"] is not None
    status = VoiceRepository(store).get(uids[1])["status"]
    for key, modifiers in ((Qt.Key.Key_R, CTRL), (Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier),
                           (Qt.Key.Key_S, CTRL_SHIFT), (Qt.Key.Key_D, CTRL_SHIFT)):
        qtbot.keyClick(summary, key, modifiers)
        assert window.detail.dialog is form and visible(CallbackMadeDialog) == [] and visible(StatusDialog) == []
    assert VoiceRepository(store).get(uids[1])["status"] == status
    form.close()
