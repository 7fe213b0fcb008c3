"""The detail panel: the voice read-only, overdue said in words, only the allowed status moves offered."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from agency_app.domain import codes
from agency_app.domain.workflow import StatusChange
from agency_app.storage.voices import VoiceRepository
from agency_app.ui.kit.callback_made_dialog import CallbackMadeDialog
from agency_app.ui.voices.voice_status_dialog import StatusDialog
from agency_app.ui.voices.voice_detail import VoiceDetailPanel
from agency_app.ui.voices.voice_form import VoiceFormDialog
from form_fixtures import add_voice, drafts, shown  # noqa: F401


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


@pytest.fixture
def panel(qtbot, ops, staff, drafts):
    return shown(qtbot, VoiceDetailPanel(ops, staff["sato"], drafts=drafts))


def visible_buttons(panel) -> set[str]:
    return {name for name, button in panel.buttons.items() if not button.isHidden() and button.isEnabled()}


def test_shows_the_voice_with_labels_names_and_slashed_dates(qtbot, panel, store, staff):
    uid = add_voice(store, staff["sato"], channel="counter", kind="dissatisfaction", is_complaint=True,
                    customer_name="", body="本文😀", callback_at="2025-11-21 10:00",
                    callback_staff_id=staff["suzuki"])
    panel.show_voice(uid)
    v = panel.values
    assert v["received_at"].text() == "2025/11/20 09:00"
    assert v["channel"].text() == "来店"
    assert v["kind"].text() == "不満（苦情）"
    assert v["customer_name"].text() == "(anonymous)"
    assert v["assignee_id"].text() == "佐藤 一郎"
    assert v["callback_at"].text().startswith("2025/11/21 10:00") and "鈴木 次郎" in v["callback_at"].text()
    assert v["body"].text() == "本文😀"
    assert panel.history.row_count() >= 1


def test_overdue_is_said_in_words_not_colour_alone(qtbot, panel, store, staff):
    uid = add_voice(store, staff["sato"], due_date="2025-11-21")
    panel.show_voice(uid)
    assert "Overdue" in panel.values["due_date"].text()


def test_buttons_follow_the_allowed_moves(qtbot, panel, ops, store, staff):
    uid = add_voice(store, staff["sato"])
    panel.show_voice(uid)
    assert visible_buttons(panel) == {"edit", "case", "start", "done", "drop"}
    changed = []
    ops.changed.connect(changed.append)
    panel.buttons["start"].click()
    assert VoiceRepository(store).get(uid)["status"] == codes.STATUS_IN_PROGRESS
    assert [c.uids("voices") for c in changed] == [{uid}]  # every screen hears which voice changed
    assert panel.values["status"].text() == "対応中"
    assert visible_buttons(panel) == {"edit", "case", "done", "drop"}


def test_done_goes_through_the_status_dialog_and_then_reopen_is_offered(qtbot, panel, store, staff):
    uid = add_voice(store, staff["sato"])
    panel.show_voice(uid)
    panel.buttons["done"].click()
    dialog = panel.dialog
    assert isinstance(dialog, StatusDialog) and dialog.target == codes.STATUS_DONE
    dialog.inputs["response"].setPlainText("説明して了承いただいた")
    dialog.save()
    assert not dialog.isVisible()
    assert panel.values["status"].text() == "完了"
    assert panel.values["response"].text() == "説明して了承いただいた"
    assert visible_buttons(panel) == {"edit", "case", "reopen"}


def test_edit_opens_the_form_and_a_save_refreshes_the_panel(qtbot, panel, ops, store, staff):
    uid = add_voice(store, staff["sato"])
    panel.show_voice(uid)
    panel.buttons["edit"].click()
    form = panel.dialog
    assert isinstance(form, VoiceFormDialog) and form.voice_uid == uid
    form.inputs["summary"].setText("要旨を直した")
    with qtbot.waitSignal(ops.changed):
        form.save()
    assert form.saved_uid == uid and not form.isVisible()
    assert panel.values["summary"].text() == "要旨を直した"


def test_edit_twice_brings_back_the_open_form_instead_of_a_second_one(qtbot, panel, store, staff):
    uid = add_voice(store, staff["sato"])
    panel.show_voice(uid)
    panel.buttons["edit"].click()
    first = panel.dialog
    panel.buttons["edit"].click()
    assert panel.dialog is first
    first.reject()  # nothing typed: closes at once, and is deleted
    qtbot.waitUntil(lambda: uid not in panel._editors, timeout=2000)
    panel.buttons["edit"].click()
    assert panel.dialog is not first


def test_clear_empties_and_disables(qtbot, panel, store, staff):
    panel.show_voice(add_voice(store, staff["sato"]))
    panel.clear()
    assert panel.values["summary"].text() == "" and not panel.buttons["edit"].isEnabled()


def test_call_back_made_button_asks_in_a_dialog_then_stamps_the_voice_and_hides(qtbot, panel, ops, store, staff):
    uid = add_voice(store, staff["sato"], callback_at="2025-11-20 15:00", callback_staff_id=staff["sato"])
    panel.show_voice(uid)
    assert "callback_made" in visible_buttons(panel)
    assert panel.values["callback_done_at"].isHidden()
    changed = []
    ops.changed.connect(changed.append)
    panel.buttons["callback_made"].click()
    assert VoiceRepository(store).get(uid)["callback_done_at"] is None  # asked first
    dialog = panel.dialog
    assert isinstance(dialog, CallbackMadeDialog)
    qtbot.waitUntil(dialog.note.hasFocus, timeout=2000)
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)

    voice = VoiceRepository(store).get(uid)
    assert voice["callback_done_by"] == staff["sato"] and voice["callback_done_at"]
    assert voice["status"] == codes.STATUS_IN_PROGRESS  # 対応中にする was ticked: open, and being worked on
    assert [c.uids("voices") for c in changed] == [{uid}]
    assert "callback_made" not in visible_buttons(panel)
    assert panel.buttons["callback_made"].isHidden()
    assert not panel.values["callback_done_at"].isHidden()
    assert "佐藤 一郎" in panel.values["callback_done_at"].text()
    assert panel.rows["callback_done_at"].text() == "Call-back made"
    model = panel.history.model
    rows = {model.index(r, 2).data(): model.index(r, 4).data() for r in range(model.rowCount())}
    assert rows["Call-back made by"] == "佐藤 一郎"  # the history names the person, not an id
    assert rows["Call-back made at"].startswith("20") and "/" in rows["Call-back made at"]


def test_call_back_made_is_not_offered_without_an_open_promise(qtbot, panel, store, staff):
    uid = add_voice(store, staff["sato"])
    panel.show_voice(uid)
    assert "callback_made" not in visible_buttons(panel)
    closed = add_voice(store, staff["sato"], callback_at="2025-11-20 15:00", callback_staff_id=staff["sato"])
    VoiceRepository(store).change_status(closed, StatusChange(codes.STATUS_DROPPED, close_reason="不要"),
                                         by=staff["sato"])
    panel.show_voice(closed)
    assert "callback_made" not in visible_buttons(panel)


def test_a_voice_linked_to_a_customer_offers_to_open_the_customer_record(qtbot, panel, store, staff):
    with store.write() as db:
        db.conn.execute("INSERT INTO customers(uid, branch_code, name, origin_branch, created_at, updated_at)"
                        " VALUES ('c-9', 'HQ', '山田 太郎', 'HQ', '2025-11-01 09:00', '2025-11-01 09:00')")
    unlinked = add_voice(store, staff["sato"])
    panel.show_voice(unlinked)
    assert "customer" not in visible_buttons(panel)
    linked = add_voice(store, staff["sato"])
    with store.write() as db:
        db.conn.execute("UPDATE voices SET customer_id = 'c-9' WHERE uid = ?", (linked,))
    panel.show_voice(linked)
    assert "customer" in visible_buttons(panel)
    with qtbot.waitSignal(panel.open_record) as opened:
        panel.buttons["customer"].click()
    assert opened.args == ["customer", "c-9"]
    with qtbot.waitSignal(panel.case_requested) as requested:
        panel.buttons["case"].click()
    assert requested.args == [linked]


def test_on_a_file_a_move_is_written_in_the_background_and_the_panel_follows(qtbot, voice_db, file_ops, drafts):
    _store, staff, uids = voice_db
    voice = uids[0]  # 満期案内の連絡が遅い: new
    panel = shown(qtbot, VoiceDetailPanel(file_ops, staff["sato"], drafts=drafts))
    panel.show_voice(voice)
    panel.buttons["start"].click()
    qtbot.waitUntil(lambda: panel.values["status"].text() == "対応中")
    assert visible_buttons(panel) == {"edit", "case", "done", "drop"}
    assert file_ops.read.voices.get(voice)["status"] == codes.STATUS_IN_PROGRESS
    model = panel.history.model
    assert [model.index(0, c).data() for c in (2, 3, 4)] == ["Status", "未対応", "対応中"]  # newest first


def test_on_a_file_a_double_click_on_start_work_starts_it_once_without_a_false_alarm(qtbot, voice_db, file_ops,
                                                                                     drafts):
    """Staff often double-click: the second click lands while the first is being written. It must not be
    written again against the old version and reported as changed by someone else."""
    _store, staff, uids = voice_db
    voice = uids[0]  # 満期案内の連絡が遅い: new
    panel = shown(qtbot, VoiceDetailPanel(file_ops, staff["sato"], drafts=drafts))
    panel.show_voice(voice)
    announced = []
    file_ops.changed.connect(announced.append)
    panel.buttons["start"].click()
    panel.buttons["start"].click()  # before the first write has come back
    qtbot.waitUntil(lambda: panel.values["status"].text() == "対応中")
    qtbot.waitUntil(file_ops.is_idle)
    assert not panel.banner.isVisible(), panel.banner.text()
    assert len(announced) == 1
