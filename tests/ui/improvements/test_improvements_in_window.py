"""The 改善 tab in the main window: its tab key, its actions in the 操作 menu, and today's work opening one."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from agency_app.domain.improvements import ImprovementInput
from agency_app.ui.improvements.improvements_page import ImprovementsPage


def test_its_tab_key_puts_the_keyboard_in_the_list_and_the_menu_holds_its_actions(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    index = next(i for i in range(window.tabs.count()) if window.tabs.key_at(i) == "improvement")
    assert window.tabs.tabText(index) == "Improvements"
    assert window.tab_actions[index].shortcut().toString() == f"Ctrl+{index + 1}"
    window.tab_actions[index].trigger()
    page = window.tabs.current_page()
    assert isinstance(page, ImprovementsPage) and QApplication.focusWidget() is page.view
    entries = [a.text() for a in window.record_menu.actions()]
    assert "Mark as reported to the insurer…" in entries and "Add a voice this improvement answers…" in entries


def test_an_overdue_improvement_in_todays_work_opens_on_the_improvements_tab(qtbot, window, voice_db):
    store, staff, voices = voice_db
    uid = window.ops.services.improvements.create(
        ImprovementInput(title="折り返し漏れを防ぐ", owner_id=staff["sato"], opened_on="2025-11-01",
                         due_date="2025-11-10"), by=staff["sato"], voice_uids=[voices[0]],
        now=datetime(2025, 11, 1, 9, 0))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page = window.tabs.go_to("work")
    page.refresh()
    qtbot.waitUntil(lambda: page.show_record(uid), timeout=2000)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.current_key() == "improvement", timeout=2000)
    improvements = window.tabs.current_page()
    qtbot.waitUntil(lambda: improvements.detail.uid == uid, timeout=2000)
    assert "Overdue" in improvements.detail.values["due_date"].text()
    # Ctrl+Shift+V: the voice it answers, on the voice tab.
    improvements.view.setFocus()
    qtbot.keyClick(improvements.view, Qt.Key.Key_V,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.tabs.current_key() == "voice" and window.detail.uid == voices[0], timeout=2000)
