"""A record's keys on a panel that still shows what another PC has since changed: the key acts on the record as it is
now (never a dialog that can only be refused after typing), and an undo is the marker's own."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from agency_app.domain import cases as C
from agency_app.domain import codes
from agency_app.domain.cases import CaseInput
from agency_app.domain.workflow import StatusChange
from agency_app.storage.cases import CaseRepository
from agency_app.storage.voices import VoiceRepository
from agency_app.ui.cases.case_detail_panel import CaseDetailPanel
from agency_app.ui.kit.callback_made_dialog import CallbackMadeDialog
from agency_app.ui.kit.callback_undo import callback_flow
from agency_app.ui.kit.status_dialog import RecordStatusDialog
from agency_app.ui.voices.voice_detail import VoiceDetailPanel
from form_fixtures import add_voice, drafts, ime_type, shown  # noqa: F401

NOW = datetime(2025, 11, 20, 12, 0)
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


@pytest.fixture(params=["voice", "case"])
def setup(request, qtbot, ops, store, staff, drafts):
    """(panel, repository, uid): a shown panel of a 未対応 record with a call-back promised."""
    if request.param == "voice":
        repo = VoiceRepository(store)
        uid = add_voice(store, staff["sato"], callback_at="2025-11-20 15:00", callback_staff_id=staff["sato"])
        panel = shown(qtbot, VoiceDetailPanel(ops, staff["sato"], drafts=drafts))
        panel.show_voice(uid)
    else:
        repo = CaseRepository(store)
        uid = repo.create(CaseInput(case_type=C.ADDRESS_CHANGE, title="転居に伴う住所変更", opened_on="2025/11/20",
                                    due_date="2025/11/25", callback_at="2025/11/20 15:00",
                                    callback_staff_id=staff["sato"]), by=staff["sato"], now=NOW)
        panel = shown(qtbot, CaseDetailPanel(ops, staff["sato"], drafts=drafts, clock=lambda: NOW))
        panel.show_case(uid)
    panel.resize(520, 640)
    return panel, repo, uid


def open_dialogs(kind) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_ctrl_shift_d_on_a_record_another_pc_closed_opens_no_dialog_but_shows_it_as_it_is(qtbot, setup, staff):
    panel, repo, uid = setup
    # Another PC closes it (no change signal reaches this one); this panel still offers 完了にする.
    repo.change_status(uid, StatusChange(codes.STATUS_DROPPED, close_reason="重複"), by=staff["suzuki"], now=NOW)
    assert panel.action_of["done"].isEnabled()
    qtbot.keyClick(panel, Qt.Key.Key_D, CTRL_SHIFT)
    assert not open_dialogs(RecordStatusDialog)  # nothing to type that could only be refused
    assert not panel.action_of["done"].isEnabled() and panel.action_of["reopen"].isEnabled()  # shown as it is now
    assert panel.banner.isVisible() and panel.banner.text()


def test_ctrl_r_on_a_call_back_another_pc_already_marked_opens_no_dialog_and_says_why(qtbot, setup, staff):
    panel, repo, uid = setup
    repo.mark_callback_done(uid, by=staff["suzuki"], now=NOW)  # on another PC
    assert panel.action_of["callback_made"].isEnabled()
    qtbot.keyClick(panel, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert not open_dialogs(CallbackMadeDialog)  # the clerk types no note that can only be refused
    assert not panel.action_of["callback_made"].isEnabled()
    assert panel.values["callback_done_at"].text()  # the stamp of the other PC's call is shown
    assert "already" in callback_flow(panel).notice.text()


def test_a_staff_switch_ends_the_previous_persons_undo(qtbot, setup, staff):
    panel, repo, uid = setup
    panel.mark_callback_made()
    dialog = panel.dialog
    qtbot.waitUntil(dialog.note.hasFocus, timeout=2000)
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert repo.get(uid)["callback_done_by"] == staff["sato"] and panel.action_of["undo_callback"].isEnabled()
    panel.set_staff(staff["suzuki"])  # 鈴木 sits down at the PC within the undo window
    assert not panel.action_of["undo_callback"].isEnabled()
    panel.undo_callback_made()
    assert repo.get(uid)["callback_done_by"] == staff["sato"]  # 佐藤's call stays made; 鈴木 undid nothing
