"""Keys as a person presses them on the voice-day page (imported by its tests)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def press(qtbot, page, key, modifiers=CTRL_SHIFT) -> None:
    """A key where the keyboard is on the page (the list when nothing there has it)."""
    if QApplication.activeWindow() is not page.window():  # another page (another PC) was used last
        page.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window())
    focus = QApplication.focusWidget()
    target = focus if focus is not None and page.isAncestorOf(focus) else page.view
    if target is page.view:
        page.view.setFocus()
    qtbot.keyClick(target, key, modifiers)


def decisions(store, meeting_uid: str) -> dict[str, tuple]:
    """{voice summary: (decision, reason)} recorded for the meeting."""
    rows = store.conn.execute(
        "SELECT v.summary, x.decision, x.reason FROM voice_decisions x JOIN voices v ON v.uid = x.voice_id "
        "WHERE x.voice_day_id = ?", (meeting_uid,)).fetchall()
    return {summary: (decision, reason) for summary, decision, reason in rows}


def select(page, summary: str) -> None:
    row = next(i for i, r in enumerate(page.model.rows) if r["summary"] == summary)
    page.view.setCurrentIndex(page.model.index(row, 0))
    page.view.setFocus()
