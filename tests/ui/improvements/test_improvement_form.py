"""The improvement form: defaults, Ctrl+Enter, bad input refused beside the field with the typing kept, drafts,
Esc asking, IME text committed, conflicts, a new improvement answering voices."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from agency_app.domain.improvements import ImprovementInput
from agency_app.storage.improvements import ImprovementRepository
from agency_app.ui.kit import form_drafts
from agency_app.ui.improvements.improvement_form import ImprovementFormDialog, draft_key
from form_fixtures import add_voice, drafts, ime_type, shown  # noqa: F401

NOW = datetime(2025, 7, 10, 10, 0)


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


def open_form(qtbot, ops, staff, drafts, **kwargs) -> ImprovementFormDialog:
    return shown(qtbot, ImprovementFormDialog(ops, staff["sato"], drafts=drafts, clock=lambda: NOW, **kwargs))


def count(store) -> int:
    return store.conn.execute("SELECT COUNT(*) FROM improvements").fetchone()[0]


def saved(form) -> bool:
    return form.saved_uid is not None and not form.isVisible()


def test_a_new_improvement_typed_with_the_ime_is_saved_by_ctrl_enter(qtbot, store, ops, staff, drafts):
    form = open_form(qtbot, ops, staff, drafts)
    assert form.inputs["owner_id"].code() == staff["sato"] and form.inputs["team"].code() == "損保"
    assert (form.inputs["opened_on"].text(), form.inputs["due_date"].text()) == ("2025/07/10", "2025/08/09")
    form.inputs["title"].setFocus()
    ime_type(form.inputs["title"], "満期案内の宛先確認（髙橋さん発案）")
    form.inputs["cause"].setFocus()
    ime_type(form.inputs["cause"], "宛先の確認が一人だけ")
    form.inputs["action"].setFocus()
    # A word still being converted when Ctrl+Enter is pressed is saved too.
    QApplication.sendEvent(form.inputs["action"], QInputMethodEvent("二人で確認する", []))
    with qtbot.waitSignal(form.saved) as done:
        qtbot.keyPress(form.inputs["action"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    record = ImprovementRepository(store).get(done.args[0])
    assert (record["title"], record["cause"], record["action"], record["owner_id"], record["team"],
            record["opened_on"], record["due_date"], record["status"]) == \
        ("満期案内の宛先確認（髙橋さん発案）", "宛先の確認が一人だけ", "二人で確認する", staff["sato"], "損保",
         "2025-07-10", "2025-08-09", "new")


@pytest.mark.parametrize("field, text, message", [
    ("due_date", "2025/07/01", "The due date is before the opening date."),
    ("title", "", "This field is required."),
    ("opened_on", "2025/07/11", "The date is in the future."),
    ("owner_id", "", "This field is required."),
])
def test_bad_input_saves_nothing_says_why_beside_the_field_and_keeps_the_typing(qtbot, store, ops, staff, drafts,
                                                                                  field, text, message):
    form = open_form(qtbot, ops, staff, drafts)
    form.inputs["title"].setText("折り返しの期限を決める")
    form.inputs["cause"].setPlainText("期限がない")
    widget = form.inputs[field]
    widget.setEditText(text) if hasattr(widget, "setEditText") else widget.setText(text)
    form.save()
    assert count(store) == 0
    assert form.boxes[field].has_error() and message in form.boxes[field].error.text()
    assert form.isVisible() and form.isEnabled()
    assert form.inputs["cause"].toPlainText() == "期限がない"
    assert (widget.currentText() if hasattr(widget, "currentText") else widget.text()) == text


def test_the_japanese_message_for_a_due_date_before_the_opening(qtbot, store, ops, staff, drafts, japanese):
    form = open_form(qtbot, ops, staff, drafts)
    form.inputs["title"].setText("折り返しの期限を決める")
    form.inputs["due_date"].setText("2025/07/01")
    form.save()
    assert "期限が起票日より前になっています" in form.boxes["due_date"].error.text()
    assert "保存していません" in form.banner.text()


def test_what_was_typed_comes_back_as_a_draft_and_goes_once_saved(qtbot, store, ops, staff, drafts):
    form = open_form(qtbot, ops, staff, drafts)
    form.inputs["title"].setText("受付票に折り返し欄を作る")
    form.inputs["due_date"].setText("2025/09/30")
    form.put_aside()
    assert drafts.load(draft_key(staff["sato"])) is not None
    again = open_form(qtbot, ops, staff, drafts)
    assert again.inputs["title"].text() == "受付票に折り返し欄を作る"
    assert again.inputs["due_date"].text() == "2025/09/30"
    assert again.banner.isVisible()
    again.save()
    assert saved(again)
    assert drafts.load(draft_key(staff["sato"])) is None


def test_esc_asks_before_typed_text_is_thrown_away(qtbot, store, ops, staff, drafts, monkeypatch):
    asked = []
    monkeypatch.setattr(form_drafts, "confirm_discard", lambda parent: asked.append(parent) or False)
    form = open_form(qtbot, ops, staff, drafts)
    form.inputs["title"].setText("窓口の案内表示")
    qtbot.keyClick(form.inputs["title"], Qt.Key.Key_Escape)
    assert asked and form.isVisible()
    monkeypatch.setattr(form_drafts, "confirm_discard", lambda parent: True)
    qtbot.keyClick(form.inputs["title"], Qt.Key.Key_Escape)
    assert not form.isVisible() and count(store) == 0


def test_an_edit_conflict_saves_nothing_and_shows_both_changes(qtbot, store, ops, staff, drafts):
    repo = ImprovementRepository(store)
    uid = repo.create(ImprovementInput(title="案内状の見直し", owner_id=staff["sato"], opened_on="2025-07-01",
                                       due_date="2025-07-31"), by=staff["sato"], now=NOW)
    form = open_form(qtbot, ops, staff, drafts, improvement_uid=uid)
    assert form.inputs["title"].text() == "案内状の見直し"
    form.inputs["title"].setText("案内状の文面の見直し")
    theirs = repo.as_input(uid)
    theirs.cause = "文面が古い"
    repo.update(uid, theirs, by=staff["suzuki"], now=NOW)
    form.save()
    assert form.isVisible() and "changed this improvement" in form.banner.text()
    assert form.inputs["cause"].toPlainText() == "文面が古い"
    assert form.inputs["title"].text() == "案内状の文面の見直し"
    form.save()
    assert saved(form)
    assert (repo.get(uid)["title"], repo.get(uid)["cause"]) == ("案内状の文面の見直し", "文面が古い")


def test_a_new_improvement_answering_voices_names_them_and_links_them(qtbot, store, ops, staff, drafts):
    voices = [add_voice(store, staff["sato"], summary="満期案内が届かない", received_at="2025-07-01 09:00"),
              add_voice(store, staff["suzuki"], summary="案内が遅い", received_at="2025-07-02 09:00")]
    form = open_form(qtbot, ops, staff, drafts, voice_uids=tuple(voices))
    assert form.voice_label.isVisible() and "満期案内が届かない / 案内が遅い" in form.voice_label.text()
    form.inputs["title"].setText("案内の発送日を早める")
    form.save()
    assert saved(form)
    assert [v["uid"] for v in ImprovementRepository(store).voices(form.saved_uid)] == voices


def test_an_opening_date_moved_after_the_done_date_is_said_in_the_improvements_words(qtbot, store, ops, staff,
                                                                                       drafts):
    """A done improvement edited: its 起票日 moved after its 完了日 is refused beside 起票日 with a sentence about
    the improvement (it has no 受付日), not the voices' "completion date is before the receipt date"."""
    from agency_app.domain.workflow import StatusChange
    repo = ImprovementRepository(store)
    uid = repo.create(ImprovementInput(title="案内状の見直し", owner_id=staff["sato"], opened_on="2025-07-01",
                                       due_date="2025-07-31"), by=staff["sato"], now=NOW)
    repo.change_status(uid, StatusChange("done", response="文面を改めた", completed_on="2025-07-05",
                                         completed_by=staff["sato"]), by=staff["sato"], now=NOW)
    form = open_form(qtbot, ops, staff, drafts, improvement_uid=uid)
    form.inputs["opened_on"].setText("2025/07/08")
    form.save()
    assert form.isVisible() and repo.get(uid)["opened_on"] == "2025-07-01"
    text = form.boxes["opened_on"].error.text()
    assert "receipt" not in text and "done date" in text
