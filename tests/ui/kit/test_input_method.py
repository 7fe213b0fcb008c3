"""A word still being converted by the Japanese IME is kept by every save, draft, close and staff switch."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from agency_app.domain import codes
from agency_app.storage.voices import VoiceRepository
from agency_app.ui.kit import form_drafts
from agency_app.ui.voices.voice_detail import VoiceDetailPanel
from agency_app.ui.voices.voice_form import VoiceFormDialog
from agency_app.ui.voices.voice_status_dialog import StatusDialog
from form_fixtures import add_voice, drafts, shown  # noqa: F401
from list_fixtures import OFFSCREEN_NOISE

# Ctrl+Enter locks the form at the key press; the key releases then go to a disabled field (see test_voice_form).
SAVED_BY_KEYBOARD = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, r"Keyboard event not accepted by receiving widget")


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)  # "Discard?" answered with its safe default


def converting(widget, text: str) -> None:
    """The IME shows `text` underlined, not yet converted: a preedit only, no commit (no Enter in the IME)."""
    widget.setFocus()
    QApplication.sendEvent(widget, QInputMethodEvent(text, []))


@pytest.fixture
def form(qtbot, ops, staff, drafts):
    return shown(qtbot, VoiceFormDialog(ops, staff["sato"], drafts=drafts))


@SAVED_BY_KEYBOARD
def test_ctrl_enter_saves_the_word_still_being_converted(qtbot, form, store):
    summary = form.inputs["summary"]
    summary.setText("期日までに")
    converting(summary, "ふりこみ")
    qtbot.keyClick(summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert form.saved_uid and not form.isVisible()
    assert store.conn.execute("SELECT summary FROM voices").fetchone()[0] == "期日までにふりこみ"


def test_closing_the_app_keeps_the_word_being_converted_in_the_draft(qtbot, form, drafts):
    converting(form.inputs["summary"], "ふりこみ")
    form_drafts.flush_open_drafts()  # what the main window does as it closes
    assert drafts.load(form.key)["form"]["summary"] == "ふりこみ"


def test_a_staff_switch_keeps_the_word_being_converted_in_the_draft(qtbot, form, drafts):
    converting(form.inputs["body"], "ふりこみ")
    form.put_aside()  # what a staff switch does with each open form
    assert not form.isVisible()
    assert drafts.load(form.key)["form"]["body"] == "ふりこみ"


def test_typing_keeps_its_draft_without_cutting_the_conversion_short(qtbot, form, drafts):
    summary = form.inputs["summary"]
    summary.setFocus()
    summary.setText("期日")
    converting(summary, "ふりこみ")
    assert form._draft_timer.isActive()
    qtbot.waitUntil(lambda: drafts.load(form.key) is not None, timeout=2000)  # the timer's draft
    assert summary.text() == "期日"  # the IME still converts: nothing was committed under the person's fingers
    assert drafts.load(form.key)["form"]["summary"] == "期日"


def test_esc_with_only_a_word_being_converted_asks_first(qtbot, form, monkeypatch):
    asked = []
    monkeypatch.setattr(form_drafts, "confirm_discard", lambda parent: asked.append(parent) or False)
    converting(form.inputs["summary"], "ふりこみ")
    form.reject()
    assert asked and form.isVisible() and form.inputs["summary"].text() == "ふりこみ"


def test_the_status_dialog_saves_the_word_being_converted(qtbot, ops, store, staff):
    uid = add_voice(store, staff["sato"])
    dialog = shown(qtbot, StatusDialog(ops, staff["sato"], uid, codes.STATUS_DONE))
    converting(dialog.inputs["response"], "ふりこみ")
    qtbot.keyClick(dialog.inputs["response"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert VoiceRepository(store).get(uid)["response"] == "ふりこみ"


def test_the_call_back_note_keeps_the_word_being_converted(qtbot, ops, store, staff, drafts):
    uid = add_voice(store, staff["sato"], callback_at="2025-12-05 15:00", callback_staff_id=staff["suzuki"])
    panel = shown(qtbot, VoiceDetailPanel(ops, staff["sato"], drafts=drafts))
    panel.show_voice(uid)
    panel.mark_callback_made()
    dialog = panel.dialog
    converting(dialog.note, "ふりこみ")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert VoiceRepository(store).get(uid)["response"].endswith("】ふりこみ")


def test_closing_the_main_window_keeps_the_word_being_converted_in_the_draft(qtbot, window, monkeypatch):
    monkeypatch.setattr(window, "_confirm_end_of_day", lambda: True)
    form = window.new_voice()
    qtbot.waitUntil(form.isVisible)
    converting(form.inputs["summary"], "ふりこみ")
    window.close()
    assert window.drafts.load(form.key)["form"]["summary"] == "ふりこみ"
    form.close()
