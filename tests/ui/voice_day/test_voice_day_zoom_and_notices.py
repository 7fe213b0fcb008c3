"""What the meeting screen says at the top: the meeting's state grows with the zoom, and starting it is said."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from meeting_keys import CTRL, press


def test_the_meetings_state_grows_with_the_zoom(qtbot, make_page):
    """プレビュー中 / 会議中 / 締め済み is read on the projector as large as the rest of the page."""
    page = make_page()
    normal = page.state.fontInfo().pointSizeF()
    for _ in range(3):
        press(qtbot, page, Qt.Key.Key_Plus, CTRL)
    assert page.zoom_factor == 1.5
    assert page.state.fontInfo().pointSizeF() > normal * 1.4
    assert page.state.fontInfo().bold()


def test_starting_the_meeting_says_so(qtbot, make_page):
    page = make_page()
    press(qtbot, page, Qt.Key.Key_W)
    qtbot.waitUntil(lambda: page.loaded.meeting is not None and page.ops.is_idle())
    said = page.tr("The meeting has started: decisions are recorded now.")
    qtbot.waitUntil(lambda: page.banner.isVisible() and page.banner.text() == said)
    for _ in range(3):  # and it stays once the page has settled (it used to be cleared by showing the meeting)
        QApplication.processEvents()
    assert page.banner.isVisible() and page.banner.text() == said
