"""Closing and reopening (R6–R7): 完了 needs the response, 見送り a reason; reopening is recorded."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from agency_app.domain import codes
from agency_app.domain.workflow import StatusChange
from agency_app.storage.voices import VoiceRepository
from agency_app.ui.voices.voice_history import HistoryPanel
from agency_app.ui.voices.voice_status_dialog import StatusDialog
from form_fixtures import add_voice, ime_type, shown


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


@pytest.fixture
def voice(store, staff):
    return add_voice(store, staff["sato"])


def dialog(qtbot, store, staff, uid, target):
    return shown(qtbot, StatusDialog(store, staff["sato"], uid, target))


def test_done_without_a_response_shows_the_error_at_the_field(qtbot, store, staff, voice):
    d = dialog(qtbot, store, staff, voice, codes.STATUS_DONE)
    qtbot.keyClick(d, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert d.isVisible()
    assert "This field is required." in d.boxes["response"].error.text()
    assert VoiceRepository(store).get(voice)["status"] == codes.STATUS_NEW


def test_done_with_a_response_closes_and_the_voice_is_done(qtbot, store, staff, voice):
    d = dialog(qtbot, store, staff, voice, codes.STATUS_DONE)
    changed = []
    d.changed.connect(changed.append)
    assert d.inputs["completed_by"].code() == staff["sato"]  # defaults to whoever is logged in
    d.inputs["response"].setFocus()
    ime_type(d.inputs["response"], "お客様に電話で説明し、了承を得た")
    qtbot.keyClick(d, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not d.isVisible() and changed == [voice]
    row = VoiceRepository(store).get(voice)
    assert row["status"] == codes.STATUS_DONE
    assert row["response"] == "お客様に電話で説明し、了承を得た"
    assert row["completed_by"] == staff["sato"] and row["completed_on"]


def test_a_bad_completion_date_is_shown_at_the_date(qtbot, store, staff, voice):
    d = dialog(qtbot, store, staff, voice, codes.STATUS_DONE)
    d.inputs["response"].setPlainText("対応済み")
    d.inputs["completed_on"].setText("2025/02/30")
    assert not d.save()
    assert "2025/04/01" in d.boxes["completed_on"].error.text()


def test_dropping_needs_a_reason(qtbot, store, staff, voice):
    d = dialog(qtbot, store, staff, voice, codes.STATUS_DROPPED)
    assert not d.save()
    assert d.boxes["close_reason"].has_error()
    d.inputs["close_reason"].setPlainText("お客様から不要との連絡")
    assert d.save()
    assert VoiceRepository(store).get(voice)["status"] == codes.STATUS_DROPPED


def test_reopening_is_allowed_and_shows_in_the_history(qtbot, store, staff, voice):
    repo = VoiceRepository(store)
    done = dialog(qtbot, store, staff, voice, codes.STATUS_DONE)
    done.inputs["response"].setPlainText("説明した")
    assert done.save()
    again = dialog(qtbot, store, staff, voice, codes.STATUS_IN_PROGRESS)
    assert "reopen_reason" in again.inputs  # an optional note
    assert again.save()
    assert repo.get(voice)["status"] == codes.STATUS_IN_PROGRESS
    assert repo.get(voice)["reopen_count"] == 1
    history = HistoryPanel(store)
    qtbot.addWidget(history)
    history.show_voice(voice)
    shown_rows = [[history.model.index(r, c).data() for c in range(5)] for r in range(history.row_count())]
    assert ["Status", "完了", "対応中"] in [row[2:] for row in shown_rows]


def test_esc_after_typing_asks_first(qtbot, store, staff, voice, monkeypatch):
    asked = []
    monkeypatch.setattr("agency_app.ui.kit.status_dialog.confirm_discard", lambda parent: asked.append(1) or False)
    d = dialog(qtbot, store, staff, voice, codes.STATUS_DROPPED)
    d.inputs["close_reason"].setPlainText("途中")
    qtbot.keyClick(d.inputs["close_reason"], Qt.Key.Key_Escape)
    assert asked and d.isVisible()


def test_a_change_made_elsewhere_meanwhile_is_refused(qtbot, store, staff, voice):
    d = dialog(qtbot, store, staff, voice, codes.STATUS_DROPPED)
    VoiceRepository(store).change_status(voice, StatusChange(codes.STATUS_IN_PROGRESS), by=staff["suzuki"])
    d.inputs["close_reason"].setPlainText("理由")
    assert not d.save()
    assert "Someone else changed" in d.banner.text()
    assert d.save()  # the reason still applies: saving again goes through
    assert VoiceRepository(store).get(voice)["status"] == codes.STATUS_DROPPED
