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
from list_fixtures import settle


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


@pytest.fixture
def voice(store, staff):
    return add_voice(store, staff["sato"])


def dialog(qtbot, ops, staff, uid, target):
    return shown(qtbot, StatusDialog(ops, staff["sato"], uid, target))


def test_done_without_a_response_shows_the_error_at_the_field(qtbot, ops, store, staff, voice):
    d = dialog(qtbot, ops, staff, voice, codes.STATUS_DONE)
    qtbot.keyClick(d, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert d.isVisible()
    assert "This field is required." in d.boxes["response"].error.text()
    assert VoiceRepository(store).get(voice)["status"] == codes.STATUS_NEW


def test_done_with_a_response_closes_and_the_voice_is_done(qtbot, ops, store, staff, voice):
    d = dialog(qtbot, ops, staff, voice, codes.STATUS_DONE)
    changed = []
    ops.changed.connect(changed.append)
    assert d.inputs["completed_by"].code() == staff["sato"]  # defaults to whoever is logged in
    d.inputs["response"].setFocus()
    ime_type(d.inputs["response"], "お客様に電話で説明し、了承を得た")
    qtbot.keyClick(d, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not d.isVisible() and [c.uids("voices") for c in changed] == [{voice}]
    row = VoiceRepository(store).get(voice)
    assert row["status"] == codes.STATUS_DONE
    assert row["response"] == "お客様に電話で説明し、了承を得た"
    assert row["completed_by"] == staff["sato"] and row["completed_on"]


def test_a_bad_completion_date_is_shown_at_the_date(qtbot, ops, store, staff, voice):
    d = dialog(qtbot, ops, staff, voice, codes.STATUS_DONE)
    d.inputs["response"].setPlainText("対応済み")
    d.inputs["completed_on"].setText("2025/02/30")
    d.save()
    assert d.isVisible()
    assert "2/2025 has only 28 days" in d.boxes["completed_on"].error.text()
    assert VoiceRepository(store).get(voice)["status"] == codes.STATUS_NEW


def test_dropping_needs_a_reason(qtbot, ops, store, staff, voice):
    d = dialog(qtbot, ops, staff, voice, codes.STATUS_DROPPED)
    d.save()
    assert d.isVisible()
    assert d.boxes["close_reason"].has_error()
    assert VoiceRepository(store).get(voice)["status"] == codes.STATUS_NEW
    d.inputs["close_reason"].setPlainText("お客様から不要との連絡")
    d.save()
    assert not d.isVisible()
    assert VoiceRepository(store).get(voice)["status"] == codes.STATUS_DROPPED


def test_reopening_is_allowed_and_shows_in_the_history(qtbot, ops, store, staff, voice):
    repo = VoiceRepository(store)
    done = dialog(qtbot, ops, staff, voice, codes.STATUS_DONE)
    done.inputs["response"].setPlainText("説明した")
    done.save()
    assert not done.isVisible()
    again = dialog(qtbot, ops, staff, voice, codes.STATUS_IN_PROGRESS)
    assert "reopen_reason" in again.inputs  # an optional note
    again.save()
    assert not again.isVisible()
    assert repo.get(voice)["status"] == codes.STATUS_IN_PROGRESS
    assert repo.get(voice)["reopen_count"] == 1
    history = HistoryPanel(ops.read)
    qtbot.addWidget(history)
    history.show_voice(voice)
    shown_rows = [[history.model.index(r, c).data() for c in range(5)] for r in range(history.row_count())]
    assert ["Status", "完了", "対応中"] in [row[2:] for row in shown_rows]


def test_esc_after_typing_asks_first(qtbot, ops, store, staff, voice, monkeypatch):
    asked = []
    monkeypatch.setattr("agency_app.ui.kit.status_dialog.confirm_discard", lambda parent: asked.append(1) or False)
    d = dialog(qtbot, ops, staff, voice, codes.STATUS_DROPPED)
    d.inputs["close_reason"].setPlainText("途中")
    qtbot.keyClick(d.inputs["close_reason"], Qt.Key.Key_Escape)
    assert asked and d.isVisible()


def test_a_change_made_elsewhere_meanwhile_is_refused(qtbot, ops, store, staff, voice):
    d = dialog(qtbot, ops, staff, voice, codes.STATUS_DROPPED)
    VoiceRepository(store).change_status(voice, StatusChange(codes.STATUS_IN_PROGRESS), by=staff["suzuki"])
    d.inputs["close_reason"].setPlainText("理由")
    d.save()
    assert d.isVisible()
    assert "Someone else changed" in d.banner.text()
    assert VoiceRepository(store).get(voice)["status"] == codes.STATUS_IN_PROGRESS
    d.save()  # the reason still applies: saving again goes through
    assert not d.isVisible()
    assert VoiceRepository(store).get(voice)["status"] == codes.STATUS_DROPPED


def test_on_a_file_the_dialog_closes_once_the_move_is_written(qtbot, voice_db, file_ops):
    _store, staff, uids = voice_db
    voice = uids[0]  # 満期案内の連絡が遅い: new
    d = shown(qtbot, StatusDialog(file_ops, staff["sato"], voice, codes.STATUS_DONE))
    changed = []
    file_ops.changed.connect(changed.append)
    d.inputs["response"].setPlainText("お客様に電話で説明した")
    d.save()
    d.save()  # a second Ctrl+Enter while the write runs writes nothing more
    qtbot.waitUntil(lambda: not d.isVisible())
    settle(qtbot, file_ops)
    assert [c.uids("voices") for c in changed] == [{voice}]
    row = file_ops.read.voices.get(voice)
    assert (row["status"], row["response"]) == (codes.STATUS_DONE, "お客様に電話で説明した")


def test_on_a_file_after_a_program_error_the_move_can_be_saved_again(qtbot, voice_db, file_ops):
    """The error dialog says nothing typed was lost; Save must then work again, not do nothing for good
    (leaving only Esc, which discards the typed response)."""
    _store, staff, uids = voice_db
    voice = uids[0]  # 満期案内の連絡が遅い: new
    d = shown(qtbot, StatusDialog(file_ops, staff["sato"], voice, codes.STATUS_DONE))
    d.inputs["response"].setPlainText("お客様に電話で説明した")
    write, failures = d._write, [KeyError("a bug in the first try")]

    def first_fails(data, change):
        if failures:
            raise failures.pop()
        return write(data, change)
    d._write = first_fails
    with qtbot.captureExceptions() as raised:
        d.save()
        settle(qtbot, file_ops)
    assert [type(e[1]) for e in raised] == [KeyError]
    d.save()
    qtbot.waitUntil(lambda: not d.isVisible())
    assert file_ops.read.voices.get(voice)["status"] == codes.STATUS_DONE
