"""折り返し済にする in its small dialog, by keyboard: a note (Shift+Enter for a new line, Japanese by IME), 対応中にする,
Enter confirms, Esc cancels; the IME's Enter never confirms."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from agency_app.domain import codes
from agency_app.domain.workflow import StatusChange
from agency_app.storage.voices import VoiceRepository
from agency_app.ui.kit.callback_made_dialog import IME_ENTER_GRACE_S, CallbackMadeDialog, promise_text
from agency_app.ui.voices.voice_detail import VoiceDetailPanel
from form_fixtures import add_voice, drafts, ime_type, shown  # noqa: F401


class Clock:
    """Seconds that move only when the test says so."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)  # "Discard?" answered with its safe default


@pytest.fixture
def panel(qtbot, ops, staff, drafts):
    return shown(qtbot, VoiceDetailPanel(ops, staff["sato"], drafts=drafts))


@pytest.fixture
def promised(store, staff):
    return add_voice(store, staff["sato"], customer_name="高橋 誠", callback_at="2025-12-05 15:00",
                     callback_staff_id=staff["suzuki"])


def open_dialog(qtbot, panel, uid) -> CallbackMadeDialog:
    panel.show_voice(uid)
    panel.mark_callback_made()
    dialog = panel.dialog
    assert isinstance(dialog, CallbackMadeDialog) and dialog.isVisible()
    qtbot.waitUntil(dialog.note.hasFocus, timeout=2000)  # the note has the keyboard at once
    return dialog


def test_the_promise_reads_like_a_person_says_it():
    assert promise_text("2026-12-05 15:00", "阿部 優") == "12/05(Sat) 15:00 call-back by 阿部"
    assert promise_text("2025-12-07 09:30", "") == "12/07(Sun) 09:30 call-back"


def test_a_typed_note_with_a_second_line_is_saved_and_the_voice_moves_to_in_progress(qtbot, panel, store, staff,
                                                                                     promised):
    dialog = open_dialog(qtbot, panel, promised)
    assert dialog.promise.text() == "12/05(Fri) 15:00 call-back by 鈴木"
    assert "高橋 誠" in dialog.subject.text() and "満期案内が届かない" in dialog.subject.text()
    assert dialog.start_work.isVisible() and dialog.start_work.isChecked()  # 未対応: ticked
    qtbot.keyClicks(dialog.note, "Sent the form again.")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # a new line, not Enter
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.note, "Arrives Monday.")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)

    assert not dialog.isVisible()
    voice = VoiceRepository(store).get(promised)
    assert voice["callback_done_by"] == staff["sato"] and voice["callback_done_at"]
    assert voice["status"] == codes.STATUS_IN_PROGRESS
    assert voice["response"].endswith("佐藤 一郎】Sent the form again.\nArrives Monday.")
    # What the team leader reads: the note in the detail pane, 対応中, and the history.
    assert panel.values["status"].text() == "対応中"
    assert "Sent the form again.\nArrives Monday." in panel.values["response"].text()
    model = panel.history.model
    fields = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert {"Call-back made at", "Status"} <= set(fields) and any("Response" in f or "対応" in f for f in fields)


def test_the_enter_that_commits_an_ime_conversion_does_not_confirm(qtbot, panel, store, promised):
    dialog = open_dialog(qtbot, panel, promised)
    clock = dialog.note.clock = Clock()
    QApplication.sendEvent(dialog.note, QInputMethodEvent("ふりこみ", []))  # composing
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)  # a platform that hands the composing Enter on
    assert dialog.isVisible()
    commit = QInputMethodEvent("", [])
    commit.setCommitString("振込")
    QApplication.sendEvent(dialog.note, commit)
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)  # the Enter that chose 振込, delivered after the commit
    assert dialog.isVisible() and dialog.note_text() == "振込"
    assert VoiceRepository(store).get(promised)["callback_done_at"] is None

    clock.now += IME_ENTER_GRACE_S + 1  # the person reads what was converted, then confirms
    ime_type(dialog.note, "の件")
    clock.now += 2
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert VoiceRepository(store).get(promised)["response"].endswith("】振込の件")


def test_a_second_enter_right_after_the_ime_s_is_the_person_s(qtbot, panel, store, promised):
    """Only the one Return that follows a commit is the IME's: pressing Enter again confirms, however fast."""
    dialog = open_dialog(qtbot, panel, promised)
    dialog.note.clock = Clock()
    ime_type(dialog.note, "了解")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert dialog.isVisible()
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert not dialog.isVisible() and VoiceRepository(store).get(promised)["callback_done_at"]


def test_ctrl_enter_confirms_and_unticking_keeps_the_status(qtbot, panel, store, promised):
    dialog = open_dialog(qtbot, panel, promised)
    qtbot.keyClick(dialog.note, Qt.Key.Key_Tab)
    assert dialog.start_work.hasFocus()  # Tab leaves the note for the tick box
    qtbot.keyClick(dialog.start_work, Qt.Key.Key_Space)
    assert not dialog.start_work.isChecked()
    qtbot.keyClick(dialog.start_work, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    voice = VoiceRepository(store).get(promised)
    assert voice["callback_done_at"] and voice["status"] == codes.STATUS_NEW and not voice["response"]


def test_enter_on_the_tick_box_confirms_too(qtbot, panel, store, promised):
    dialog = open_dialog(qtbot, panel, promised)
    qtbot.keyClick(dialog.note, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.start_work, Qt.Key.Key_Return)
    assert not dialog.isVisible() and VoiceRepository(store).get(promised)["callback_done_at"]


def test_in_progress_offers_no_tick_box(qtbot, panel, store, staff, promised):
    VoiceRepository(store).change_status(promised, StatusChange(codes.STATUS_IN_PROGRESS), by=staff["sato"])
    dialog = open_dialog(qtbot, panel, promised)
    assert not dialog.start_work.isVisible() and not dialog.start_work.isChecked()


def test_esc_cancels_but_never_throws_a_typed_note_away_unasked(qtbot, panel, store, promised):
    dialog = open_dialog(qtbot, panel, promised)
    qtbot.keyClicks(dialog.note, "half a note")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Escape)  # "Discard?" — the safe answer: back to the note
    assert dialog.isVisible() and dialog.note_text() == "half a note"
    dialog.note.clear()
    qtbot.keyClick(dialog.note, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert VoiceRepository(store).get(promised)["callback_done_at"] is None


def test_a_too_long_note_is_said_under_the_box_and_kept(qtbot, panel, store, promised):
    dialog = open_dialog(qtbot, panel, promised)
    dialog.note.setPlainText("あ" * 1001)
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert dialog.isVisible() and len(dialog.note_text()) == 1001
    assert "1001" in dialog.note_box.error.text() and "1000" in dialog.note_box.error.text()
    assert VoiceRepository(store).get(promised)["callback_done_at"] is None


def test_a_voice_without_an_open_promise_gets_no_dialog_but_a_reason(qtbot, panel, store, staff):
    uid = add_voice(store, staff["sato"])
    panel.show_voice(uid)
    panel.mark_callback_made()
    assert panel.dialog is None
    assert "No call-back is promised" in panel._callback_flow.notice.text()


def test_the_dialog_writes_the_time_of_its_clock(qtbot, ops, store, staff, promised):
    moment = datetime(2025, 12, 5, 15, 7)
    dialog = CallbackMadeDialog(ops, staff["sato"], promised, "voices", clock=lambda: moment)
    shown(qtbot, dialog)
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert VoiceRepository(store).get(promised)["callback_done_at"] == "2025-12-05 15:07"


def test_asking_twice_brings_back_the_open_dialog(qtbot, panel, promised):
    first = open_dialog(qtbot, panel, promised)
    qtbot.keyClicks(first.note, "typed")
    panel.mark_callback_made()
    assert panel.dialog is first and first.note_text() == "typed"


def test_enter_on_a_focused_cancel_cancels(qtbot, panel, store, promised):
    dialog = open_dialog(qtbot, panel, promised)
    qtbot.keyClick(dialog.note, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.start_work, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.confirm_button, Qt.Key.Key_Tab)
    assert dialog.cancel_button.hasFocus()
    qtbot.keyClick(dialog.cancel_button, Qt.Key.Key_Return)
    assert not dialog.isVisible() and VoiceRepository(store).get(promised)["callback_done_at"] is None
