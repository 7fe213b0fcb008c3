"""A form whose draft cannot be written (disk full) is never closed silently: a staff switch stops, closing asks."""

from __future__ import annotations

import errno

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from agency_app.ui.shell import login
from agency_app.ui.voices.voice_form import draft_key

TYPED = "佐藤が途中まで入力した要旨"


def disk_full(monkeypatch, window) -> None:
    def refused(key, data, **_):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(window.drafts, "save", refused)


def picker_answers(monkeypatch, uid) -> list:
    """The staff picker answers `uid` at once; the list tells whether it was shown at all."""
    shown = []

    def chosen(picker):
        shown.append(picker)
        picker.chosen_uid = uid
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(login.StaffPicker, "exec", chosen)
    return shown


def boxes_answered(monkeypatch, answer=None) -> list:
    """Every message box is recorded (its text and parent) and answered: `answer` is the button pressed by its
    text; None presses Esc, as a person leaving it would."""
    asked = []

    def exec_(box):
        asked.append((box.text(), box.parent()))
        if answer is None:
            box.show()
            QTest.keyClick(box, Qt.Key.Key_Escape)
        else:
            next(button for button in box.buttons() if button.text() == answer).click()
        return 0
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked


@pytest.fixture
def typing(qtbot, window):
    """A new voice with its summary typed, left open."""
    form = window.new_voice()
    qtbot.waitExposed(form)
    form.inputs["summary"].setText(TYPED)
    return form


def test_a_staff_switch_stops_when_the_typing_cannot_be_kept(qtbot, window, voice_db, typing, monkeypatch):
    _store, staff, _ = voice_db
    disk_full(monkeypatch, window)
    picker = picker_answers(monkeypatch, staff["manager"])
    asked = boxes_answered(monkeypatch)

    window.switch_staff()

    assert typing.isVisible() and typing.inputs["summary"].text() == TYPED
    assert window.staff_uid == staff["sato"] and picker == []  # not switched: the picker never came
    assert len(asked) == 1
    text, parent = asked[0]
    assert parent is typing  # said on the form, brought forward
    assert "could not be saved as a draft (No space left on device)" in text
    assert "save it (Ctrl+Enter) or cancel it (Esc) first" in text


def test_a_staff_switch_stopped_by_one_form_leaves_every_form_open(qtbot, window, voice_db, typing, monkeypatch):
    """Nothing closes until every draft is kept: the person finds their forms as they left them."""
    _store, staff, _ = voice_db
    other = window.tabs.page("customer")
    other.new_customer()
    customer_form = other.form
    qtbot.waitExposed(customer_form)
    written = window.drafts.save

    def only_the_voice_refused(key, data, **kwargs):
        if key == draft_key(staff["sato"]):
            raise OSError(errno.ENOSPC, "No space left on device")
        written(key, data, **kwargs)
    monkeypatch.setattr(window.drafts, "save", only_the_voice_refused)
    picker_answers(monkeypatch, staff["manager"])
    boxes_answered(monkeypatch)

    window.switch_staff()

    assert typing.isVisible() and customer_form.isVisible() and window.staff_uid == staff["sato"]


def test_once_the_disk_has_room_the_switch_goes_through(qtbot, window, voice_db, typing, monkeypatch):
    _store, staff, _ = voice_db
    with monkeypatch.context() as full:
        disk_full(full, window)
        boxes_answered(full)
        picker_answers(full, staff["manager"])
        window.switch_staff()
    asked = boxes_answered(monkeypatch)
    picker_answers(monkeypatch, staff["manager"])

    window.switch_staff()

    assert asked == [] and not typing.isVisible() and window.staff_uid == staff["manager"]
    assert window.drafts.load(draft_key(staff["sato"]))["form"]["summary"] == TYPED


def test_closing_asks_when_the_typing_cannot_be_kept_and_esc_stays(qtbot, window, typing, monkeypatch):
    disk_full(monkeypatch, window)
    asked = boxes_answered(monkeypatch)  # Esc: the safe answer

    window.close()

    assert window.isVisible() and typing.isVisible() and typing.inputs["summary"].text() == TYPED
    assert len(asked) == 1
    text, parent = asked[0]
    assert parent is typing
    assert text == ("What you typed could not be saved as a draft (No space left on device). "
                    "If you quit now, what you typed will be lost.")


def test_closing_anyway_when_the_typing_cannot_be_kept(qtbot, window, typing, monkeypatch):
    disk_full(monkeypatch, window)
    asked = boxes_answered(monkeypatch, "Quit")

    window.close()

    assert len(asked) == 1 and not window.isVisible()


def test_quitting_is_not_the_default_answer(qtbot, window, typing, monkeypatch):
    disk_full(monkeypatch, window)
    seen = []

    def exec_(box):
        seen.append((box.defaultButton().text(), box.escapeButton().text(), box.icon()))
        return 0
    monkeypatch.setattr(QMessageBox, "exec", exec_)

    window.close()

    assert seen == [("Do not quit", "Do not quit", QMessageBox.Icon.Warning)] and window.isVisible()


def test_with_the_draft_kept_closing_asks_nothing(qtbot, window, voice_db, typing, monkeypatch):
    _store, staff, _ = voice_db
    asked = boxes_answered(monkeypatch)

    window.close()

    assert asked == [] and not window.isVisible()
    assert window.drafts.load(draft_key(staff["sato"]))["form"]["summary"] == TYPED


def test_when_the_session_ends_anyway_nothing_is_asked(qtbot, window, typing, monkeypatch):
    """app.py closes a window still shown after the event loop ended (Windows signing out): nobody could answer."""
    disk_full(monkeypatch, window)
    asked = boxes_answered(monkeypatch)
    window.reminders = False
    window.session_ending = True

    window.close()

    assert asked == [] and not window.isVisible()


def test_the_question_in_japanese(qtbot, window, typing, monkeypatch, japanese):
    disk_full(monkeypatch, window)
    seen = []
    monkeypatch.setattr(QMessageBox, "exec",
                        lambda box: seen.append((box.text(), [b.text() for b in box.buttons()])) or 0)

    window.close()

    assert seen == [("入力中の内容を下書きとして保存できませんでした（No space left on device）。"
                     "このまま終了すると、入力した内容は失われます。", ["終了しない", "終了する"])]


def test_windows_ending_the_session_asks_nothing(qtbot, window, voice_db, typing, monkeypatch):
    """Signing out or shutting down: Qt answers Windows' WM_ENDSESSION with aboutToQuit, then a Quit that closes
    every window at once, inside that message (the event loop has not ended: app.py's session end comes too
    late). Nobody can answer a question then: Windows holds the sign-out on it, or ends the program under it
    (a call-back reminder asked first, before the drafts are written, loses the typing the last moment held)."""
    disk_full(monkeypatch, window)
    asked = boxes_answered(monkeypatch)

    QApplication.instance().aboutToQuit.emit()  # as Qt's Windows plug-in does on WM_ENDSESSION
    window.close()  # the Quit event's closeAllWindows

    assert asked == [] and not window.isVisible()
    assert window.reminders is False  # no end-of-day question either


def test_windows_ending_the_session_keeps_an_open_forms_typing_without_asking(qtbot, window, voice_db, typing,
                                                                            monkeypatch):
    """The Quit that follows closes the windows in no set order: a form reached before the main window was closed
    as by its close box — 'discard what you typed?', and the draft dropped if answered so. It is put aside first."""
    _store, staff, _ = voice_db
    asked = boxes_answered(monkeypatch, "Discard")

    QApplication.instance().aboutToQuit.emit()
    typing.close()  # reached first by the Quit event's closeAllWindows

    assert asked == [] and not typing.isVisible()
    assert window.drafts.load(draft_key(staff["sato"]))["form"]["summary"] == TYPED


@pytest.mark.parametrize("answer", ["Discard", "Back to input"])
def test_quitting_with_a_form_open_keeps_its_typing_and_asks_nothing_more(qtbot, window, voice_db, typing,
                                                                         monkeypatch, answer):
    """The main window closed, Qt quits: its Quit event closes every window still shown — the open form as by its
    close box, which asked 'Discard what you have typed?' after the main window had gone. Discard dropped the
    draft just kept; Back to input stopped the quit, leaving a form with no main window behind it."""
    _store, staff, _ = voice_db
    asked = boxes_answered(monkeypatch, answer)

    window.close()
    QApplication.closeAllWindows()  # what the Quit event posted once the last window closed does first

    assert asked == [] and not typing.isVisible()
    assert window.drafts.load(draft_key(staff["sato"]))["form"]["summary"] == TYPED
