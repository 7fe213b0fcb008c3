"""Voice-day fixtures: a team (損保) with a week of voices, a second leader in it, the page shown on its own."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from agency_app.storage.masters import MasterData
from list_fixtures import NOW, add_voices, make_ops


@pytest.fixture
def team_db(store, staff):
    """`store` with 損保's voices (VOICES, received by 佐藤) and a second member of 損保, 田中."""
    staff = dict(staff)
    staff["tanaka"] = MasterData(store).save_staff(name="田中 三郎", kana="たなか さぶろう", team="損保",
                                                   branch_code="HQ")
    uids = add_voices(store, staff["sato"])
    return store, staff, uids


@pytest.fixture
def make_page(qtbot, team_db):
    """make_page(staff_name, ops=None, drafts=None) → a VoiceDayPage shown on its own, its first review read."""
    store, staff, _uids = team_db

    def make(who: str = "sato", ops=None, drafts=None):
        from agency_app.ui.voice_day.voice_day_page import VoiceDayPage
        page = VoiceDayPage(ops or make_ops(store), staff[who], drafts=drafts, clock=lambda: NOW)
        qtbot.addWidget(page)
        page.resize(1366, 700)
        page.show()
        qtbot.waitExposed(page)
        page.activateWindow()  # keys reach the page's shortcuts only in the active window
        qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
        qtbot.waitUntil(lambda: page.loaded is not None)
        return page
    return make
