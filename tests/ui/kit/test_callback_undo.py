"""元に戻す after 折り返し済, on a voice and on a case: within the window it restores the record, after it (or once the
record changed) it says why not; the notice never moves the panel's buttons."""

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
from agency_app.ui.kit.callback_undo import UNDO_SECONDS, callback_flow
from agency_app.ui.shell.callbacks_panel import CallbacksDialog
from agency_app.ui.voices.voice_detail import VoiceDetailPanel
from form_fixtures import add_voice, drafts, ime_type, shown  # noqa: F401

NOW = datetime(2025, 11, 20, 12, 0)


class Clock:
    def __init__(self):
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


@pytest.fixture(params=["voice", "case"])
def setup(request, qtbot, ops, store, staff, drafts):
    """(panel, repository, uid): a shown panel of a 未対応 record with a call-back promised, and its clock."""
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


def mark_with_note(qtbot, panel, text: str = "了解いただいた") -> Clock:
    """Ctrl+R's method, a Japanese note typed by IME, then Enter; returns the undo window's clock."""
    clock = callback_flow(panel).monotonic = Clock()
    panel.mark_callback_made()
    dialog = panel.dialog
    qtbot.waitUntil(dialog.note.hasFocus, timeout=2000)
    dialog.note.clock = lambda: 0.0  # the IME's commit long before the Enter below
    ime_type(dialog.note, text)
    dialog.note.clock = lambda: 10.0
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    return clock


def test_within_the_window_undo_restores_the_record_and_the_history_keeps_both(qtbot, setup, staff):
    panel, repo, uid = setup
    clock = mark_with_note(qtbot, panel)
    made = repo.get(uid)
    assert made["callback_done_at"] and made["status"] == codes.STATUS_IN_PROGRESS and "了解" in made["response"]
    notice = panel._callback_flow.notice
    assert notice.isVisible() and notice.text().startswith("Marked the call-back as made (")
    assert ("満期案内が届かない" if "voices" in repo.__class__.__module__ else "転居に伴う住所変更") in notice.text()
    assert notice.button.isVisible() and "Ctrl+Z" in notice.button.text()
    assert panel._callback_flow.timer.isActive() and panel._callback_flow.timer.interval() == UNDO_SECONDS * 1000

    clock.now += UNDO_SECONDS - 0.5
    panel.undo_callback_made()
    row = repo.get(uid)
    assert (row["callback_done_at"], row["callback_done_by"], row["status"], row["response"]) == \
        (None, None, codes.STATUS_NEW, "")
    assert "open again" in notice.text() and not notice.button.isVisible()
    assert panel.values["status"].text() == "未対応"  # the panel shows it at once
    assert panel.buttons["callback_made"].isVisible()  # and the promise can be marked again
    written = [(h.field, h.old_value, h.new_value) for h in repo.history(uid) if h.field == "callback_done_by"]
    assert written == [("callback_done_by", None, staff["sato"]), ("callback_done_by", staff["sato"], None)]

    panel.undo_callback_made()  # nothing more to take back
    assert notice.text() == "There is nothing to undo."


def test_the_notice_s_button_undoes_too(qtbot, setup):
    panel, repo, uid = setup
    mark_with_note(qtbot, panel)
    qtbot.mouseClick(panel._callback_flow.notice.button, Qt.MouseButton.LeftButton)
    assert repo.get(uid)["callback_done_at"] is None


def test_after_the_window_the_undo_is_gone_and_says_so(qtbot, setup):
    panel, repo, uid = setup
    clock = mark_with_note(qtbot, panel)
    flow = panel._callback_flow
    clock.now += UNDO_SECONDS  # the timer has not fired yet (a busy moment): the clock decides
    panel.undo_callback_made()
    assert repo.get(uid)["callback_done_at"]  # still made
    assert "Too late to undo" in flow.notice.text() and not flow.notice.button.isVisible()


def test_when_the_timer_fires_the_notice_goes_and_undo_says_too_late(qtbot, setup):
    panel, repo, uid = setup
    mark_with_note(qtbot, panel)
    flow = panel._callback_flow
    flow.timer.timeout.emit()
    assert not flow.notice.isVisible()
    panel.undo_callback_made()
    assert repo.get(uid)["callback_done_at"] and "Too late" in flow.notice.text()


def test_undo_is_refused_once_the_record_changed(qtbot, setup, staff):
    panel, repo, uid = setup
    mark_with_note(qtbot, panel)
    repo.change_status(uid, StatusChange(codes.STATUS_DROPPED, close_reason="重複"), by=staff["suzuki"], now=NOW)
    panel.undo_callback_made()
    row = repo.get(uid)
    assert row["status"] == codes.STATUS_DROPPED and row["callback_done_at"] and "了解" in row["response"]
    assert "Not undone" in panel._callback_flow.notice.text()


def test_the_notice_moves_no_button_and_no_tab(qtbot, setup):
    """It floats over the bottom edge of the panel, outside the layout: showing and hiding it moves nothing."""
    panel, _repo, _uid = setup
    placed = lambda: ([b.geometry() for b in panel.buttons.values()], panel.tabs.geometry())  # noqa: E731
    mark_with_note(qtbot, panel)
    flow = panel._callback_flow
    assert flow.notice.isVisible() and panel.layout().indexOf(flow.notice) == -1
    with_notice, hint = placed(), panel.sizeHint()
    flow.timer.timeout.emit()
    assert not flow.notice.isVisible()
    QApplication.sendPostedEvents()  # any layout request the hiding posted is handled now
    assert placed() == with_notice and panel.sizeHint() == hint
    geometry = flow.notice.geometry()
    assert geometry.bottom() <= panel.rect().bottom() and geometry.top() > panel.height() // 2
    flow.undo()  # "too late": shown again, where it was
    panel.resize(600, 500)
    qtbot.waitUntil(lambda: flow.notice.geometry().bottom() > 500 - 20 and flow.notice.width() > 560,
                    timeout=2000)


def test_the_call_backs_list_asks_the_same_and_ctrl_z_undoes(qtbot, ops, store, staff):
    uid = add_voice(store, staff["sato"], received_at="2025-11-19 09:00", customer_name="山田 太郎",
                    callback_at="2025-11-20 10:00", callback_staff_id=staff["sato"])
    d = shown(qtbot, CallbacksDialog(ops, staff["sato"], NOW.date(), now=NOW))
    d.mark_made.click()
    dialog = d.dialog
    qtbot.waitUntil(dialog.note.hasFocus, timeout=2000)
    qtbot.keyClicks(dialog.note, "called")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    voices = VoiceRepository(store)
    assert voices.get(uid)["response"] == "【折り返し 11/20 12:00 佐藤 一郎】called"
    assert d.item_count() == 0 and d.callback_flow.notice.isVisible()
    d.activateWindow()
    qtbot.waitUntil(d.isActiveWindow, timeout=2000)
    qtbot.keyClick(d.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert voices.get(uid)["callback_done_at"] is None and voices.get(uid)["response"] == ""
    assert [d.uid_at(r) for r in range(d.item_count())] == [uid]  # listed again
