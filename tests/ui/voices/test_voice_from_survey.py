"""A voice made from a survey answer's comment says so in its detail panel and opens that answer (both ways linked)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from agency_app.domain.surveys import SurveyAnswerInput
from agency_app.storage.surveys import SurveyRepository
from agency_app.ui.kpi.kpi_page import KpiPage
from agency_app.ui.shell.page_tabs import KPI_KINDS
from agency_app.ui.voices.voice_detail import VoiceDetailPanel
from form_fixtures import add_voice, drafts, shown  # noqa: F401

NOW = datetime(2025, 11, 20, 10, 0)
SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def answer_and_voice(store, staff):
    repo = SurveyRepository(store)
    uid = repo.create(SurveyAnswerInput("2025-11-04", "claim", "", "2", "5", "連絡が遅い"), by=staff["sato"], now=NOW)
    return uid, repo.make_voice(uid, by=staff["sato"], now=NOW)


def test_the_voice_offers_its_answer_and_opens_it(qtbot, ops, staff, drafts, store, answer_and_voice):
    answer, voice = answer_and_voice
    panel = shown(qtbot, VoiceDetailPanel(ops, staff["sato"], drafts=drafts))
    panel.show_voice(add_voice(store, staff["sato"]))
    assert panel.buttons["survey_answer"].isHidden()   # an ordinary voice: no link, no gap
    assert not panel.action_of["survey_answer"].isEnabled()
    panel.show_voice(voice)
    assert not panel.buttons["survey_answer"].isHidden()
    assert panel.buttons["survey_answer"].text() == "From a survey answer"
    with qtbot.waitSignal(panel.open_record) as opened:
        qtbot.keyClick(panel, Qt.Key.Key_Q, SHIFT_CTRL)
    assert opened.args == ["survey_answer", answer]


def test_the_kpi_tab_shows_the_answer_asked_for(qtbot, ops, staff, drafts, store, answer_and_voice):
    answer, voice = answer_and_voice
    tab = shown(qtbot, KpiPage(ops, staff["sato"], drafts=drafts, clock=lambda: NOW))
    assert "survey_answer" in KpiPage.kinds()
    assert set(KPI_KINDS) == KpiPage.kinds()   # the window routes these kinds to the KPI tab without importing it
    assert tab.show_record(answer, "survey_answer")
    page = tab.current_page()
    assert page is tab.pages["surveys"] and page._selected_uid() == answer
    with qtbot.waitSignal(tab.open_record) as opened:   # and back: the answer's voice, on the voice tab
        qtbot.keyClick(page.view, Qt.Key.Key_V, SHIFT_CTRL)
    assert opened.args == ["voice", voice]
