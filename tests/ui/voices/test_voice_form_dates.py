"""The voice form's date fields as used on the phone: '15時' for the call-back, the receipt, drafts, bad dates."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from agency_app.ui.voices.voice_form import VoiceFormDialog, draft_key
from form_fixtures import drafts, focused, ime_type, shown  # noqa: F401
from list_fixtures import OFFSCREEN_NOISE

SAVED_BY_KEYBOARD = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, r"Keyboard event not accepted by receiving widget")
NOW = datetime(2025, 11, 20, 14, 30)  # a Thursday afternoon


def clock() -> datetime:
    return NOW


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


@pytest.fixture
def form(qtbot, ops, staff, drafts):
    return shown(qtbot, VoiceFormDialog(ops, staff["sato"], drafts=drafts, clock=clock))


def voice_row(store, uid: str) -> dict:
    return dict(zip(("callback_at", "callback_staff_id", "received_at", "due_date"), store.conn.execute(
        "SELECT callback_at, callback_staff_id, received_at, due_date FROM voices WHERE uid = ?", (uid,)).fetchone()))


@SAVED_BY_KEYBOARD
def test_a_call_back_at_15_o_clock_takes_four_keys_and_is_saved_for_today(qtbot, form, store, staff):
    w = form.inputs
    saved = []
    form.saved.connect(saved.append)
    w["summary"].setFocus()
    ime_type(w["summary"], "満期の件で折り返し")
    w["callback_at"].setFocus()
    qtbot.keyClicks(w["callback_at"], "15")
    ime_type(w["callback_at"], "時")
    assert w["callback_at"].hint.text() == "→ Today 11/20(Thu) 15:00"
    qtbot.keyClick(w["callback_at"], Qt.Key.Key_Tab)
    assert w["callback_at"].text() == "2025/11/20 15:00"
    assert w["callback_staff_id"].code() == staff["sato"]
    qtbot.keyPress(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(saved) == 1
    assert voice_row(store, saved[0])["callback_at"] == "2025-11-20 15:00"


@SAVED_BY_KEYBOARD
def test_a_call_back_time_already_past_is_tomorrow_and_saved_so_without_leaving_the_field(qtbot, form, store):
    w = form.inputs
    saved = []
    form.saved.connect(saved.append)
    w["summary"].setText("朝一番に電話")
    w["callback_at"].setFocus()
    qtbot.keyClicks(w["callback_at"], "930")
    assert w["callback_at"].hint.text() == "→ Tomorrow 11/21(Fri) 09:30"
    qtbot.keyPress(w["callback_at"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(saved) == 1
    assert voice_row(store, saved[0])["callback_at"] == "2025-11-21 09:30"


@SAVED_BY_KEYBOARD
def test_the_receipt_time_typed_as_a_bare_time_is_this_morning_not_tomorrow(qtbot, form, store):
    w = form.inputs
    saved = []
    form.saved.connect(saved.append)
    w["summary"].setText("午前の電話を後から記録")
    w["received_at"].setFocus()
    w["received_at"].selectAll()
    qtbot.keyClicks(w["received_at"], "9:15")
    assert w["received_at"].hint.text() == "→ Today 11/20(Thu) 09:15"
    qtbot.keyPress(w["received_at"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert voice_row(store, saved[0])["received_at"] == "2025-11-20 09:15"


def test_the_impossible_date_says_the_month_is_wrong_at_the_field(qtbot, form, store):
    w = form.inputs
    w["summary"].setText("要旨")
    w["due_date"].setFocus()
    w["due_date"].selectAll()
    qtbot.keyClicks(w["due_date"], "2025/13/45")
    assert w["due_date"].hint.text() == "The month must be 1 to 12 (typed: 13)."  # said while typing
    form.save()
    assert form.isVisible() and form.saved_uid is None
    assert "The month must be 1 to 12 (typed: 13)." in form.boxes["due_date"].error.text()
    assert w["due_date"].hint.text() == ""  # said once, under the field
    assert w["due_date"].text() == "2025/13/45"


def test_a_draft_restored_another_day_keeps_the_day_the_call_back_meant(qtbot, ops, staff, drafts):
    first = shown(qtbot, VoiceFormDialog(ops, staff["sato"], drafts=drafts, clock=clock))
    first.inputs["summary"].setText("落ちる前に入力")
    first.inputs["callback_at"].setFocus()
    qtbot.keyClicks(first.inputs["callback_at"], "1000")  # 10:00 has passed: tomorrow, 21 November
    qtbot.waitUntil(lambda: (drafts.load(draft_key(staff["sato"])) or {}).get("form", {}).get("callback_at")
                    == "2025/11/21 10:00", timeout=2000)
    first.hide()
    first.deleteLater()  # a crash while the cursor is still in the field

    later = datetime(2025, 11, 25, 8, 0)
    second = shown(qtbot, VoiceFormDialog(ops, staff["sato"], drafts=drafts, clock=lambda: later))
    assert second.inputs["callback_at"].text() == "2025/11/21 10:00"
