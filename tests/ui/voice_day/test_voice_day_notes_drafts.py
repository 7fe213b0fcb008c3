"""Meeting notes typed and not yet saved are kept as the person's draft of the meeting until saved: put back when the
meeting is shown again, kept when the window closes on a locked database or the meeting is closed on another PC."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from agency_app.domain import voice_day as D
from agency_app.storage.drafts import DraftStore
from agency_app.storage.voice_days import VoiceDayRepository
from agency_app.ui.voice_day import voice_day_page
from agency_app.ui.voice_day import voice_day_texts as T
from agency_app.ui.voice_day.notes_drafts import notes_key
from form_fixtures import ime_type
from list_fixtures import TODAY
from meeting_keys import CTRL, press

TYPED = "次回までに書類を見直す"


def locked(*_args, **_kwargs):
    raise sqlite3.OperationalError("database is locked")


@pytest.fixture
def drafts(tmp_path):
    return DraftStore(tmp_path / "drafts")


def started(qtbot, page) -> str:
    press(qtbot, page, Qt.Key.Key_W)
    qtbot.waitUntil(lambda: page.loaded.meeting is not None)
    page.side.setCurrentIndex(1)  # 会議の記録
    return page.loaded.meeting["uid"]


def shown(qtbot, page, uid: str) -> None:
    """`uid` shown (a page opens on its team's meeting of the day by itself)."""
    if page.loaded.meeting is None or page.loaded.meeting["uid"] != uid:
        page.open_meeting(uid)
    qtbot.waitUntil(lambda: page.loaded.meeting is not None and page.loaded.meeting["uid"] == uid)
    qtbot.waitUntil(page.ops.is_idle)


def leave_box(qtbot, page) -> None:
    """Tab out of the notes box — and past 破棄 when it is shown — as a person does (leaving it saves)."""
    panel = page.meeting_panel
    panel.notes.setFocus()
    qtbot.keyClick(panel.notes, Qt.Key.Key_Tab)
    if panel.discard_button.hasFocus():
        qtbot.keyClick(panel.discard_button, Qt.Key.Key_Tab)
    assert not panel.notes.hasFocus() and not panel.discard_button.hasFocus()


def test_notes_are_kept_while_typed_and_the_draft_goes_once_saved(qtbot, make_page, team_db, drafts):
    store, staff, _ = team_db
    page = make_page(drafts=drafts)
    uid = started(qtbot, page)
    notes = page.meeting_panel.notes
    notes.setFocus()
    ime_type(notes, TYPED)
    key = notes_key(uid, staff["sato"])
    qtbot.waitUntil(lambda: drafts.keys() == [key])  # kept shortly after typing, before the box is left
    assert drafts.load(key)["notes"] == TYPED
    leave_box(qtbot, page)
    qtbot.waitUntil(lambda: VoiceDayRepository(store).get(uid)["notes"] == TYPED)
    qtbot.waitUntil(lambda: drafts.keys() == [])  # saved: nothing is put back any more
    again = make_page(drafts=drafts)
    shown(qtbot, again, uid)
    assert again.meeting_panel.notes.toPlainText() == TYPED
    assert again.meeting_panel.saved_note.text() == "" and again.meeting_panel.discard_button.isHidden()


def test_notes_not_saved_when_the_window_closes_on_a_locked_database_are_put_back_next_time(
        qtbot, make_page, team_db, drafts, monkeypatch):
    store, staff, _ = team_db
    repo = VoiceDayRepository(store)
    page = make_page(drafts=drafts)
    uid = started(qtbot, page)
    notes = page.meeting_panel.notes
    notes.setFocus()
    ime_type(notes, TYPED)
    with monkeypatch.context() as patch:
        patch.setattr(VoiceDayRepository, "set_notes", locked)
        page.close()  # at once, typing not yet kept by the timer; the main window calls shutdown() the same way
        qtbot.waitUntil(page.ops.is_idle)
    assert not repo.get(uid)["notes"]
    assert drafts.load(notes_key(uid, staff["sato"]))["notes"] == TYPED  # not lost: kept on this PC
    again = make_page(drafts=drafts)  # the next start of the app
    shown(qtbot, again, uid)
    panel = again.meeting_panel
    assert panel.notes.toPlainText() == TYPED and not panel.notes.isReadOnly()
    assert panel.saved_note.text() == T.notes_put_back_text() and not panel.discard_button.isHidden()
    again.side.setCurrentIndex(1)
    leave_box(qtbot, again)  # the database free again: leaving the box saves them
    qtbot.waitUntil(lambda: repo.get(uid)["notes"] == TYPED)
    qtbot.waitUntil(lambda: drafts.keys() == [])
    assert panel.discard_button.isHidden()


def test_notes_typed_while_another_pc_closes_the_meeting_are_said_kept_and_saved_after_reopening(
        qtbot, make_page, team_db, drafts):
    store, staff, _ = team_db
    repo = VoiceDayRepository(store)
    page = make_page(drafts=drafts)
    mine = started(qtbot, page)
    theirs = repo.open_meeting("生保", TODAY, staff["sato"], by=staff["sato"])
    notes = page.meeting_panel.notes
    notes.setFocus()
    ime_type(notes, TYPED)
    repo.close(mine, by=staff["tanaka"])  # on another PC, while typing
    page.refresh()  # the change arrives
    qtbot.waitUntil(lambda: page.loaded.meeting["status"] == D.MEETING_CLOSED)
    assert page.banner.text() == T.notes_closed_elsewhere_text()  # said at the top, and under the box
    assert page.meeting_panel.saved_note.text() == T.notes_closed_elsewhere_note()
    assert notes.isReadOnly() and notes.toPlainText() == TYPED
    leave_box(qtbot, page)
    notes.setFocus()  # copied by keyboard
    qtbot.keyClick(notes, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(notes, Qt.Key.Key_C, CTRL)
    assert QApplication.clipboard().text() == TYPED
    shown(qtbot, page, theirs)  # another meeting: its own (empty) notes
    assert notes.toPlainText() == "" and not repo.get(theirs)["notes"]
    shown(qtbot, page, mine)  # back: the notes are put back, still to copy
    assert notes.toPlainText() == TYPED and notes.isReadOnly()
    assert page.meeting_panel.saved_note.text() == T.notes_put_back_closed_text()
    repo.reopen(mine, by=staff["sato"], note="メモの保存")
    page.refresh()
    qtbot.waitUntil(lambda: page.loaded.meeting["status"] == D.MEETING_OPEN)
    assert not notes.isReadOnly() and notes.toPlainText() == TYPED
    leave_box(qtbot, page)
    qtbot.waitUntil(lambda: repo.get(mine)["notes"] == TYPED)
    qtbot.waitUntil(lambda: drafts.keys() == [])


def test_leaving_the_box_of_a_meeting_closed_unseen_says_so_and_keeps_the_notes(qtbot, make_page, team_db, drafts):
    """The screen still shows the meeting open (the change not arrived yet): the refused save is said, not silent."""
    store, staff, _ = team_db
    repo = VoiceDayRepository(store)
    page = make_page(drafts=drafts)
    mine = started(qtbot, page)
    notes = page.meeting_panel.notes
    notes.setFocus()
    ime_type(notes, TYPED)
    repo.close(mine, by=staff["tanaka"])
    leave_box(qtbot, page)
    qtbot.waitUntil(lambda: page.loaded.meeting["status"] == D.MEETING_CLOSED)
    assert page.banner.text() == T.notes_closed_elsewhere_text()
    assert notes.toPlainText() == TYPED
    # kept by the draft writer, off the UI thread
    qtbot.waitUntil(lambda: (drafts.load(notes_key(mine, staff["sato"])) or {}).get("notes") == TYPED)


def test_notes_put_back_can_be_discarded_from_the_keyboard(qtbot, make_page, team_db, drafts, monkeypatch):
    store, staff, _ = team_db
    repo = VoiceDayRepository(store)
    uid = repo.open_meeting("損保", TODAY, staff["sato"], by=staff["sato"])
    repo.set_notes(uid, "保存済みのメモ", by=staff["sato"])
    key = notes_key(uid, staff["sato"])
    drafts.save(key, {"notes": "保存済みのメモ。書きかけ", "base": "保存済みのメモ", "version": 1})
    page = make_page(drafts=drafts)
    shown(qtbot, page, uid)
    page.side.setCurrentIndex(1)
    panel = page.meeting_panel
    assert panel.notes.toPlainText() == "保存済みのメモ。書きかけ"
    asked = []
    monkeypatch.setattr(voice_day_page, "confirm_discard", lambda parent: asked.append(parent) or True)
    panel.notes.setFocus()
    qtbot.keyClick(panel.notes, Qt.Key.Key_Tab)
    assert panel.discard_button.hasFocus()  # the next stop after the box
    qtbot.keyClick(panel.discard_button, Qt.Key.Key_Space)
    assert asked  # asked before the typing goes
    assert panel.notes.toPlainText() == "保存済みのメモ" and panel.discard_button.isHidden()
    assert drafts.keys() == [] and repo.get(uid)["notes"] == "保存済みのメモ"


def test_a_draft_equal_to_the_stored_notes_is_not_put_back(qtbot, make_page, team_db, drafts):
    """Saved after all (the write ended after the window closed): nothing is offered, the draft goes."""
    store, staff, _ = team_db
    repo = VoiceDayRepository(store)
    uid = repo.open_meeting("損保", TODAY, staff["sato"], by=staff["sato"])
    repo.set_notes(uid, TYPED, by=staff["sato"])
    drafts.save(notes_key(uid, staff["sato"]), {"notes": TYPED, "base": "", "version": 1})
    page = make_page(drafts=drafts)
    shown(qtbot, page, uid)
    assert page.meeting_panel.saved_note.text() == "" and page.meeting_panel.discard_button.isHidden()
    assert drafts.keys() == []


def test_notes_not_saved_at_a_staff_switch_stay_the_previous_persons_draft(qtbot, make_page, team_db, drafts,
                                                                            monkeypatch):
    store, staff, _ = team_db
    repo = VoiceDayRepository(store)
    page = make_page(drafts=drafts)
    uid = started(qtbot, page)
    notes = page.meeting_panel.notes
    notes.setFocus()
    ime_type(notes, TYPED)
    with monkeypatch.context() as patch:
        patch.setattr(VoiceDayRepository, "set_notes", locked)
        page.set_staff(staff["tanaka"])
        qtbot.waitUntil(page.ops.is_idle)
    qtbot.waitUntil(lambda: notes.toPlainText() == "")  # the next person never sees (nor saves) them
    assert not repo.get(uid)["notes"]
    assert drafts.keys() == [notes_key(uid, staff["sato"])]
    leave_box(qtbot, page)
    assert not repo.get(uid)["notes"]
    page.set_staff(staff["sato"])  # back: put back for the person who typed them
    qtbot.waitUntil(lambda: notes.toPlainText() == TYPED)
    leave_box(qtbot, page)
    qtbot.waitUntil(lambda: repo.get(uid)["notes"] == TYPED)


def test_with_the_writes_in_a_worker_thread_closing_on_a_locked_database_keeps_the_notes(qtbot, voice_db, drafts,
                                                                                         monkeypatch):
    """As the app runs: the save is refused on the writer thread after the window has closed; the draft stays."""
    from agency_app.ui.voice_day.voice_day_page import VoiceDayPage
    from list_fixtures import NOW, make_ops
    store, staff, _ = voice_db
    repo = VoiceDayRepository(store)
    uid = repo.open_meeting("損保", TODAY, staff["sato"], by=staff["sato"])
    ops = make_ops(store)
    page = VoiceDayPage(ops, staff["sato"], drafts=drafts, clock=lambda: NOW)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.loaded is not None and page.loaded.meeting is not None)
    assert page.loaded.meeting["uid"] == uid
    page.side.setCurrentIndex(1)
    page.meeting_panel.notes.setFocus()
    ime_type(page.meeting_panel.notes, TYPED)
    monkeypatch.setattr(VoiceDayRepository, "set_notes", locked)
    page.close()
    ops.shutdown()  # as the main window's end: every write asked for has run
    assert not repo.get(uid)["notes"]
    assert drafts.load(notes_key(uid, staff["sato"]))["notes"] == TYPED
