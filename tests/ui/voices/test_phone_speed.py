"""Issue 8's yardstick: one 不満 voice with a call-back for this afternoon, logged by keyboard while on the phone.

The keys are counted as a person presses them; Japanese text arrives through the IME (typing, not navigation).
"""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from agency_app.domain import codes
from agency_app.domain.customer import CustomerInput
from agency_app.storage.customers import CustomerRepository
from agency_app.storage.voices import VoiceRepository
from agency_app.ui.voices.voice_form import FIELD_KEYS, VoiceFormDialog
from form_fixtures import POPUP_NOISE, drafts, focused, ime_type, shown  # noqa: F401

NOW = datetime(2026, 12, 5, 11, 0)  # a Saturday morning at the counter
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    """A real question box would wait forever (teardown closes a typed-in form when a test fails)."""
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


@POPUP_NOISE
def test_a_dissatisfaction_with_a_call_back_this_afternoon_takes_ten_keys_besides_the_words(qtbot, ops, store, staff,
                                                                                              drafts):
    customer = CustomerRepository(store).create(
        CustomerInput(name="高橋 誠", kana="たかはし まこと", birth_date="1996/04/02", phone="090-1111-9005"),
        by=staff["sato"])
    form = shown(qtbot, VoiceFormDialog(ops, staff["sato"], drafts=drafts, clock=lambda: NOW))
    keys = 1  # Ctrl+N opened the form (tests/ui/shell count it on the main window)
    saved = []
    form.saved.connect(saved.append)

    def press(key, modifier=Qt.KeyboardModifier.NoModifier, widget=None):
        nonlocal keys
        keys += 1
        qtbot.keyClick(widget or focused(), key, modifier)

    ime_type(focused(), "たかはし まこと")                      # the caller's name: the cursor starts in お客様
    form.inputs["customer_name"].search_now()
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Return, widget=form.inputs["customer_name"].completer.popup())
    assert focused() is form.inputs["summary"]                  # picking moved on
    ime_type(focused(), "振込がまだ確認できない")
    press(Qt.Key.Key_Tab)
    ime_type(focused(), "引き落としの件で再度お電話。")
    press(Qt.Key.Key_R, ALT)                                    # 折り返し(R)
    for digit in (Qt.Key.Key_1, Qt.Key.Key_5, Qt.Key.Key_0, Qt.Key.Key_0):
        press(digit)                                            # 1500: today at 15:00
    assert "12/05" in form.inputs["callback_at"].hint.text() and "15:00" in form.inputs["callback_at"].hint.text()
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(saved))
    row = VoiceRepository(store).get(saved[0])
    assert (row["kind"], row["customer_id"], row["callback_at"], row["callback_staff_id"]) == (
        codes.KIND_DISSATISFACTION, customer, "2026-12-05 15:00", staff["sato"])
    assert keys == 10  # Ctrl+N, Down, Enter, Tab, Alt+R, 1 5 0 0, Ctrl+Enter (a newcomer counted 23 + 16)


def test_every_labelled_field_of_the_voice_form_has_its_own_alt_letter(qtbot, ops, staff, drafts):
    form = shown(qtbot, VoiceFormDialog(ops, staff["sato"], drafts=drafts, clock=lambda: NOW))
    letters = [letter.upper() for letter in FIELD_KEYS.values()]
    assert len(letters) == len(set(letters))
    texts = [label.text() for label in form.findChildren(QLabel) if "(&" in label.text()]
    assert len(texts) == len(FIELD_KEYS)
    for name, letter in FIELD_KEYS.items():
        form.inputs["summary"].setFocus()
        qtbot.keyClick(focused(), getattr(Qt.Key, f"Key_{letter}"), ALT)
        field = form.inputs[name]
        target = field.focusProxy() or field
        if field.isVisible():
            assert QApplication.focusWidget() in (target, getattr(field, "lineEdit", lambda: None)()), name
