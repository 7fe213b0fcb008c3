"""Alt+letter in every form and dialog, in Japanese: no two visible widgets of a window share a letter (Qt would
then cycle between them instead of acting), and a label's letter lands in its field."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QTabWidget, QWidget

from agency_app.domain import codes
from form_fixtures import add_voice, drafts, shown  # noqa: F401

NOW = datetime(2025, 11, 20, 10, 0)
LETTER = re.compile(r"(?<!&)&([^&\s])")


@pytest.fixture(autouse=True)
def in_japanese(japanese):
    """Mnemonics are judged in Japanese, as staff see them."""


def letter(text: str) -> str | None:
    found = LETTER.search(text.replace("&&", ""))
    return found.group(1).upper() if found else None


def alt_letters(window: QWidget) -> dict[str, list[str]]:
    """Each Alt letter of the window's visible widgets, with who has it."""
    taken: dict[str, list[str]] = {}

    def add(text, who):
        key = letter(text or "")
        if key:
            taken.setdefault(key, []).append(f"{who}:{text}")
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window):
            continue
        if isinstance(w, QAbstractButton):
            add(w.text(), type(w).__name__)
        elif isinstance(w, QLabel) and w.buddy() is not None:
            add(w.text(), "QLabel")
        elif isinstance(w, QGroupBox):
            add(w.title(), "QGroupBox")
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                add(w.tabText(i), "tab")
    return taken


def clashes(window: QWidget) -> dict[str, list[str]]:
    return {k: v for k, v in alt_letters(window).items() if len(v) > 1}


def forms():
    from agency_app.ui.cases.case_form import CaseFormDialog
    from agency_app.ui.customers.customer_form import CustomerFormDialog
    from agency_app.ui.elderly.elderly_form import ElderlySaleDialog
    from agency_app.ui.voices.voice_form import VoiceFormDialog
    return {
        "voice": lambda ops, uid, drafts: VoiceFormDialog(ops, uid, drafts=drafts),
        "case": lambda ops, uid, drafts: CaseFormDialog(ops, uid, drafts=drafts, clock=lambda: NOW),
        "customer": lambda ops, uid, drafts: CustomerFormDialog(ops, uid, drafts=drafts, clock=lambda: NOW),
        "elderly": lambda ops, uid, drafts: ElderlySaleDialog(ops, uid, drafts=drafts, clock=lambda: NOW),
    }


@pytest.mark.parametrize("kind", ["voice", "case", "customer", "elderly"])
def test_no_two_widgets_of_a_form_share_an_alt_letter(qtbot, ops, staff, drafts, kind):
    form = shown(qtbot, forms()[kind](ops, staff["sato"], drafts))
    print(kind, alt_letters(form))
    assert clashes(form) == {}


def dialogs():
    from agency_app.domain import cases as C
    from agency_app.domain.cases import CaseInput
    from agency_app.storage.cases import CaseRepository
    from agency_app.ui.cases.case_status_dialog import CaseStatusDialog
    from agency_app.ui.customers.relative_contact_form import RelativeContactDialog
    from agency_app.ui.kit.callback_made_dialog import CallbackMadeDialog
    from agency_app.ui.voices.voice_status_dialog import StatusDialog
    from customer_fixtures import add_customer

    def voice(store, by):
        return add_voice(store, by, callback_at="2025-11-20 15:00", callback_staff_id=by)

    def case(store, by):
        return CaseRepository(store).create(CaseInput(case_type=C.ADDRESS_CHANGE, title="転居の住所変更",
                                                      opened_on="2025-11-20", due_date="2025-11-25",
                                                      assignee_id=by), by=by, now=NOW)
    return {
        "callback": lambda ops, store, by: CallbackMadeDialog(ops, by, voice(store, by), "voices", clock=lambda: NOW),
        "voice done": lambda ops, store, by: StatusDialog(ops, by, voice(store, by), codes.STATUS_DONE),
        "voice drop": lambda ops, store, by: StatusDialog(ops, by, voice(store, by), codes.STATUS_DROPPED),
        "case done": lambda ops, store, by: CaseStatusDialog(ops, by, case(store, by), codes.STATUS_DONE,
                                                            clock=lambda: NOW),
        "relative": lambda ops, store, by: RelativeContactDialog(ops, by, add_customer(store, by),
                                                                 clock=lambda: NOW),
    }


@pytest.mark.parametrize("kind", ["callback", "voice done", "voice drop", "case done", "relative"])
def test_no_two_widgets_of_a_dialog_share_an_alt_letter(qtbot, ops, store, staff, kind):
    dialog = shown(qtbot, dialogs()[kind](ops, store, staff["sato"]))
    print(kind, alt_letters(dialog))
    assert clashes(dialog) == {}
    for label in dialog.findChildren(QLabel):
        key = letter(label.text())
        if key and label.buddy() is not None and label.isVisibleTo(dialog):
            qtbot.keyClick(dialog, key, Qt.KeyboardModifier.AltModifier)
            target = label.buddy().focusProxy() or label.buddy()
            assert QApplication.focusWidget() is target, (kind, label.text())


@pytest.mark.parametrize("kind", ["voice", "case", "customer", "elderly"])
def test_a_labels_alt_letter_lands_in_its_field(qtbot, ops, staff, drafts, kind):
    form = shown(qtbot, forms()[kind](ops, staff["sato"], drafts))
    for label in form.findChildren(QLabel):
        key = letter(label.text())
        if key and label.buddy() is not None and label.isVisibleTo(form):
            qtbot.keyClick(QApplication.focusWidget() or form, key, Qt.KeyboardModifier.AltModifier)
            target = label.buddy().focusProxy() or label.buddy()
            assert QApplication.focusWidget() in (target, getattr(target, "lineEdit", lambda: None)()), \
                (kind, label.text(), QApplication.focusWidget())


def test_no_two_widgets_of_a_tab_of_the_main_window_share_an_alt_letter(qtbot, window):
    menus = {letter(a.text()) for a in window.menuBar().actions()}
    for index in range(window.tabs.count()):
        window.tab_actions[index].trigger()
        taken = alt_letters(window)
        print(window.tabs.current_key(), taken, menus)
        assert clashes(window) == {}
        assert not set(taken) & menus, window.tabs.current_key()
