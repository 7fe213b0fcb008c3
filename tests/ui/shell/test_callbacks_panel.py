"""Today's promised call-backs (R9): sorted by time, missed ones marked, only mine by default, Enter opens."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt

from agency_app.domain.workflow import StatusChange
from agency_app.storage.voices import VoiceRepository
from agency_app.ui.shell.callbacks_panel import CallbacksDialog
from form_fixtures import add_voice, shown

DAY = date(2025, 11, 20)
NOW = datetime(2025, 11, 20, 12, 0)


def confirm(qtbot, d) -> None:
    """The call-back dialog the list opened: Enter, as a person confirms it (no note, 対応中にする as offered)."""
    dialog = d.dialog
    qtbot.waitUntil(dialog.note.hasFocus, timeout=2000)
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)


def promise(store, by, at, staff_uid, summary, customer="山田 太郎"):
    return add_voice(store, by, received_at="2025-11-19 09:00", summary=summary, customer_name=customer,
                     callback_at=at, callback_staff_id=staff_uid)


def test_lists_todays_and_older_open_promises_sorted_and_marks_missed(qtbot, qtmodeltester, ops, store, staff):
    later = promise(store, staff["sato"], "2025-11-20 15:00", staff["sato"], "見積りの件")
    missed = promise(store, staff["sato"], "2025-11-20 10:00", staff["sato"], "満期の件")
    older = promise(store, staff["sato"], "2025-11-19 17:00", staff["sato"], "昨日の約束")
    promise(store, staff["sato"], "2025-11-21 10:00", staff["sato"], "明日の約束")
    promise(store, staff["sato"], "2025-11-20 11:00", staff["suzuki"], "鈴木さんの約束")
    closed = promise(store, staff["sato"], "2025-11-20 09:00", staff["sato"], "済んだ件")
    VoiceRepository(store).change_status(closed, StatusChange("dropped", close_reason="不要"), by=staff["sato"])

    d = shown(qtbot, CallbacksDialog(ops, staff["sato"], DAY, now=NOW))
    assert d.item_count() == 3
    assert [d.uid_at(r) for r in range(3)] == [older, missed, later]
    assert d.table.item(1, 0).text() == "10:00 (missed)"
    assert d.table.item(2, 0).text() == "15:00"
    assert d.table.item(0, 0).text().startswith("2025/11/19 17:00")  # an older day shows its date
    assert d.table.item(2, 3).text() == "佐藤 一郎"

    qtmodeltester.check(d.table.model())

    d.only_mine.setChecked(False)
    assert d.item_count() == 4


def test_enter_and_double_click_open_the_voice(qtbot, ops, store, staff):
    uid = promise(store, staff["sato"], "2025-11-20 15:00", staff["sato"], "見積りの件")
    d = shown(qtbot, CallbacksDialog(ops, staff["sato"], DAY, now=NOW))
    with qtbot.waitSignal(d.open_voice) as blocker:
        qtbot.keyClick(d.table, Qt.Key.Key_Return)
    assert blocker.args == [uid]
    opened = []
    d.open_voice.connect(opened.append)
    rect = d.table.visualRect(d.table.model().index(0, 2))
    # QTest's double click lacks the press before it; a real one has it.
    qtbot.mouseClick(d.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(d.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [uid]


def test_empty_state_says_nothing_is_due(qtbot, ops, store, staff):
    d = shown(qtbot, CallbacksDialog(ops, staff["sato"], DAY, now=NOW))
    assert d.item_count() == 0
    assert d.stack.currentWidget() is d.empty
    assert "No promised call-backs" in d.empty.text()


def test_mark_as_made_removes_the_selected_promise_and_keeps_the_voice_open(qtbot, ops, store, staff):
    first = promise(store, staff["sato"], "2025-11-20 10:00", staff["sato"], "満期の件")
    second = promise(store, staff["sato"], "2025-11-20 15:00", staff["sato"], "見積りの件")
    d = shown(qtbot, CallbacksDialog(ops, staff["sato"], DAY, now=NOW))
    assert d.mark_made.isEnabled()
    d.table.setCurrentCell(1, 0)
    d.mark_made.click()
    assert "15:00" in d.dialog.promise.text() and "佐藤" in d.dialog.promise.text()
    with qtbot.waitSignal(ops.changed) as blocker:
        confirm(qtbot, d)
    assert blocker.args[0].uids("voices") == {second}
    assert [d.uid_at(r) for r in range(d.item_count())] == [first]
    voice = VoiceRepository(store).get(second)
    assert (voice["callback_done_at"], voice["callback_done_by"]) == ("2025-11-20 12:00", staff["sato"])
    assert voice["status"] == "in_progress"  # open, and being worked on

    assert not d.mark_made.isEnabled()  # the marked one is gone: nothing is chosen until the person chooses
    d.table.setCurrentCell(0, 0)
    d.mark_made.click()  # the remaining one
    confirm(qtbot, d)
    assert d.item_count() == 0
    assert d.stack.currentWidget() is d.empty
    assert not d.mark_made.isEnabled()


def test_mark_as_made_on_a_promise_made_elsewhere_says_so_and_refreshes(qtbot, ops, store, staff):
    uid = promise(store, staff["sato"], "2025-11-20 10:00", staff["sato"], "満期の件")
    d = shown(qtbot, CallbacksDialog(ops, staff["sato"], DAY, now=NOW))
    VoiceRepository(store).mark_callback_done(uid, by=staff["suzuki"], now=NOW)  # another PC
    d.mark_made.click()
    assert not d.problem.isHidden() and "already" in d.problem.text()
    assert d.item_count() == 0


def test_a_case_promise_is_listed_with_the_voices_opens_in_the_cases_tab_and_can_be_marked_made(qtbot, ops, store, staff):
    from agency_app.domain.cases import ADDRESS_CHANGE, CaseInput
    from agency_app.storage.cases import CaseRepository
    voice = promise(store, staff["sato"], "2025-11-20 15:00", staff["sato"], "見積りの件")
    cases = CaseRepository(store)
    case = cases.create(CaseInput(case_type=ADDRESS_CHANGE, title="新住所の確認", opened_on="2025-11-19",
                                  assignee_id=staff["sato"], due_date="2025-11-25",
                                  callback_at="2025-11-20 11:00", callback_staff_id=staff["sato"]),
                        by=staff["sato"], now=datetime(2025, 11, 19, 9, 0))
    d = shown(qtbot, CallbacksDialog(ops, staff["sato"], DAY, now=NOW))
    assert [d.uid_at(r) for r in range(2)] == [case, voice]  # one list, by time
    assert d.table.item(0, 2).text() == "[Case] 新住所の確認"
    with qtbot.waitSignal(d.open_record) as opened:
        qtbot.keyClick(d.table, Qt.Key.Key_Return)
    assert opened.args == ["case", case]
    d.table.setCurrentCell(0, 0)
    d.mark_made.click()
    confirm(qtbot, d)
    assert cases.get(case)["callback_done_at"] == "2025-11-20 12:00"
    assert [d.uid_at(r) for r in range(d.item_count())] == [voice]


def test_a_save_elsewhere_keeps_the_chosen_promise_selected_so_mark_as_made_marks_that_one(qtbot, ops, store, staff):
    """The dialog is left open while the voice is worked on in the main window; a save there refreshes the
    list, and the promise chosen must stay the one selected: another customer's call-back is never marked."""
    first = promise(store, staff["sato"], "2025-11-20 10:00", staff["sato"], "満期の件", customer="山田 太郎")
    chosen = promise(store, staff["sato"], "2025-11-20 15:00", staff["sato"], "見積りの件", customer="伊藤 誠")
    d = shown(qtbot, CallbacksDialog(ops, staff["sato"], DAY, now=NOW))
    d.table.setCurrentCell(1, 0)
    edited = add_voice(store, staff["sato"], summary="別の声")
    with qtbot.waitSignal(ops.changed):  # the main window saves a voice meanwhile
        ops.write(None, lambda data: data.voices.change_status(
            edited, StatusChange("in_progress"), by=staff["sato"], expected_version=1)).run()
    assert d.table.item(d.table.currentRow(), 1).text() == "伊藤 誠"
    d.mark_made.click()
    confirm(qtbot, d)
    voices = VoiceRepository(store)
    assert voices.get(chosen)["callback_done_at"] == "2025-11-20 12:00"
    assert voices.get(first)["callback_done_at"] is None


def test_a_double_click_on_mark_as_made_never_marks_the_next_customers_call_back(qtbot, ops, store, staff):
    """The second click of a double click lands after the first promise has left the list: it must not mark
    whichever promise took its place, a call-back nobody made."""
    first = promise(store, staff["sato"], "2025-11-20 10:00", staff["sato"], "満期の件", customer="山田 太郎")
    second = promise(store, staff["sato"], "2025-11-20 15:00", staff["sato"], "見積りの件", customer="伊藤 誠")
    d = shown(qtbot, CallbacksDialog(ops, staff["sato"], DAY, now=NOW))
    d.table.setCurrentCell(0, 0)
    d.mark_made.click()
    d.mark_made.click()
    confirm(qtbot, d)
    voices = VoiceRepository(store)
    assert voices.get(first)["callback_done_at"] == "2025-11-20 12:00"
    assert voices.get(second)["callback_done_at"] is None
    assert [d.uid_at(r) for r in range(d.item_count())] == [second]


def test_ctrl_r_in_the_list_marks_the_chosen_promise_made_as_on_the_tabs(qtbot, ops, store, staff):
    """README: Ctrl+R is 折り返し済にする in today's call-backs too, as on the voices and cases tabs."""
    uid = promise(store, staff["sato"], "2025-11-20 15:00", staff["sato"], "見積りの件")
    d = shown(qtbot, CallbacksDialog(ops, staff["sato"], DAY, now=NOW))
    assert "Ctrl+R" in d.mark_made.text()  # the button names its key, as the other buttons do
    d.table.setCurrentCell(0, 0)
    d.table.setFocus()
    qtbot.keyClick(d.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert d.dialog is not None and d.dialog.isVisible()
    confirm(qtbot, d)
    qtbot.waitUntil(lambda: VoiceRepository(store).get(uid)["callback_done_at"] is not None)


def test_ctrl_r_in_todays_call_backs_marks_the_chosen_one_made_as_the_readme_says(qtbot, ops, store, staff):
    """README, Keyboard: Ctrl+R (折り返し済にする) works in today's call-backs — the list Ctrl+Shift+T opens,
    where the keyboard is (Enter opens the voice); the 折り返し済 button alone needed the mouse or Tabs."""
    promise(store, staff["sato"], "2025-11-20 10:00", staff["sato"], "満期の件")
    second = promise(store, staff["sato"], "2025-11-20 15:00", staff["sato"], "見積りの件")
    d = shown(qtbot, CallbacksDialog(ops, staff["sato"], DAY, now=NOW))
    d.table.setCurrentCell(1, 0)
    qtbot.keyClick(d.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert d.dialog is not None and "15:00" in d.dialog.promise.text()
    with qtbot.waitSignal(ops.changed):
        confirm(qtbot, d)
    assert VoiceRepository(store).get(second)["callback_done_at"] == "2025-11-20 12:00"
    assert "Ctrl+R" in d.mark_made.text() or "Ctrl+R" in d.mark_made.toolTip()
