"""A write refused by the database (locked by another PC, disk full…): said in Japanese, and nothing typed is lost."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from agency_app.domain import voice_day as D
from agency_app.storage.errors import DatabaseLocked
from agency_app.storage.voice_days import VoiceDayRepository
from agency_app.ui.kit.messages import known_error_text
from form_fixtures import ime_type
from meeting_keys import decisions, press, select

REQUEST = "土曜日も窓口を開けてほしい"


def started(qtbot, page):
    press(qtbot, page, Qt.Key.Key_W)
    qtbot.waitUntil(lambda: page.loaded.meeting is not None)
    return page.loaded.meeting["uid"]


def locked(*_args, **_kwargs):
    raise sqlite3.OperationalError("database is locked")


def test_a_refused_no_improvement_keeps_the_reason_typed(qtbot, make_page, team_db, monkeypatch):
    store, _staff, _ = team_db
    page = make_page()
    uid = started(qtbot, page)
    select(page, REQUEST)
    with monkeypatch.context() as patch:
        patch.setattr(VoiceDayRepository, "decide", locked)
        press(qtbot, page, Qt.Key.Key_N)
        dialog = page.dialog
        qtbot.waitUntil(dialog.isVisible)
        ime_type(dialog.reason, "窓口は平日のみの方針")
        dialog.accept()
        qtbot.waitUntil(lambda: page.dialog.banner.text() == known_error_text(DatabaseLocked("")))
        assert REQUEST not in decisions(store, uid)
        assert page.dialog.isVisible() and page.dialog.text() == "窓口は平日のみの方針"  # nothing typed is lost
    page.dialog.accept()  # the database is free again: OK once more records it
    qtbot.waitUntil(lambda: REQUEST in decisions(store, uid))
    assert decisions(store, uid)[REQUEST] == ("no_improvement", "窓口は平日のみの方針")
    assert not page.dialog.isVisible()


def test_a_refused_reopening_keeps_the_note_typed(qtbot, make_page, team_db, monkeypatch):
    store, _staff, _ = team_db
    page = make_page()
    uid = started(qtbot, page)
    press(qtbot, page, Qt.Key.Key_L)
    page.dialog.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: page.loaded.meeting["status"] == D.MEETING_CLOSED)
    with monkeypatch.context() as patch:
        patch.setattr(VoiceDayRepository, "reopen", locked)
        press(qtbot, page, Qt.Key.Key_U)
        dialog = page.dialog
        qtbot.waitUntil(dialog.isVisible)
        ime_type(dialog.note, "決定の訂正")
        dialog.accept()
        qtbot.waitUntil(lambda: page.dialog.banner.text() == known_error_text(DatabaseLocked("")))
        assert VoiceDayRepository(store).get(uid)["status"] == D.MEETING_CLOSED
        assert page.dialog.isVisible() and page.dialog.text() == "決定の訂正"  # nothing typed is lost
    page.dialog.accept()
    qtbot.waitUntil(lambda: VoiceDayRepository(store).get(uid)["status"] == D.MEETING_OPEN)
    assert VoiceDayRepository(store).get(uid)["reopen_note"] == "決定の訂正"


def test_notes_that_could_not_be_saved_never_go_to_the_next_meeting_shown(qtbot, make_page, team_db, monkeypatch):
    """Notes typed, the database locked, then another team chosen: the page stays on the meeting they belong to
    (said at the top) — they were shown, and later saved, as the other team's notes."""
    store, staff, _ = team_db
    from list_fixtures import TODAY
    repo = VoiceDayRepository(store)
    page = make_page()
    mine = started(qtbot, page)
    theirs = repo.open_meeting("生保", TODAY, staff["sato"], by=staff["sato"])
    page.side.setCurrentIndex(1)  # 会議の記録
    notes = page.meeting_panel.notes
    notes.setFocus()
    ime_type(notes, "満期案内の件を共有")
    with monkeypatch.context() as patch:
        patch.setattr(VoiceDayRepository, "set_notes", locked)
        page.team.setCurrentIndex(page.team.findText("生保"))
        page.team.activated.emit(page.team.currentIndex())
        qtbot.waitUntil(page.ops.is_idle)
        assert page.loaded.meeting["uid"] == mine and page.team.currentText() == "損保"
        assert page.banner.text().startswith(known_error_text(DatabaseLocked("")))
        assert notes.toPlainText() == "満期案内の件を共有"  # nothing typed is lost
    notes.setFocus()
    page.view.setFocus()  # the database free again: leaving the box saves them where they belong
    qtbot.waitUntil(lambda: repo.get(mine)["notes"] == "満期案内の件を共有")
    assert not repo.get(theirs)["notes"]
    page.team.setCurrentIndex(page.team.findText("生保"))  # now the other team's meeting opens, with its notes
    page.team.activated.emit(page.team.currentIndex())
    qtbot.waitUntil(lambda: page.loaded.meeting["uid"] == theirs)
    assert notes.toPlainText() == ""
    assert not repo.get(theirs)["notes"] and repo.get(mine)["notes"] == "満期案内の件を共有"


def test_closing_while_another_leader_saved_the_notes_keeps_the_notes_typed(qtbot, make_page, team_db):
    """Notes typed here, another leader saves theirs, then 会議を締める: the meeting is not closed over notes that
    could not be saved (a closed meeting's notes can no longer be saved); once they are, it closes."""
    store, staff, _ = team_db
    repo = VoiceDayRepository(store)
    page = make_page()
    mine = started(qtbot, page)
    page.side.setCurrentIndex(1)  # 会議の記録
    notes = page.meeting_panel.notes
    notes.setFocus()
    ime_type(notes, "次回までに書類を見直す")
    repo.set_notes(mine, "別のリーダーのメモ", by=staff["tanaka"])  # saved meanwhile on another PC
    press(qtbot, page, Qt.Key.Key_L)
    if isinstance(page.dialog, QMessageBox) and page.dialog.isVisible():
        page.dialog.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(page.ops.is_idle)
    assert repo.get(mine)["status"] == D.MEETING_OPEN  # not closed over the notes typed
    assert notes.toPlainText() == "次回までに書類を見直す" and not notes.isReadOnly()
    assert page.banner.isVisible()
    notes.setFocus()
    page.view.setFocus()  # leaving the box saves the text typed here
    qtbot.waitUntil(lambda: repo.get(mine)["notes"] == "次回までに書類を見直す")
    press(qtbot, page, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: isinstance(page.dialog, QMessageBox) and page.dialog.isVisible())
    page.dialog.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: repo.get(mine)["status"] == D.MEETING_CLOSED)
    assert repo.get(mine)["notes"] == "次回までに書類を見直す"


def test_ok_pressed_twice_on_a_new_improvement_makes_one(qtbot, voice_db):
    """On a database file the write takes a moment: Enter pressed again meanwhile must not make a second
    improvement (nor link the voice twice)."""
    from PySide6.QtWidgets import QApplication

    from list_fixtures import NOW, make_ops, settle
    from agency_app.ui.voice_day.voice_day_page import VoiceDayPage
    store, staff, _ = voice_db
    ops = make_ops(store)
    page = VoiceDayPage(ops, staff["sato"], clock=lambda: NOW)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    qtbot.waitUntil(lambda: page.loaded is not None)
    started(qtbot, page)
    select(page, "更新手続きの書類が多い")
    press(qtbot, page, Qt.Key.Key_I)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible)
    ime_type(dialog.title, "更新書類を1枚にまとめる")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)  # again, before the first has been recorded
    settle(qtbot, ops)
    assert store.conn.execute("SELECT COUNT(*) FROM improvements").fetchone()[0] == 1


def test_refused_attendees_keep_the_ticks(qtbot, make_page, team_db, monkeypatch):
    store, staff, _ = team_db
    page = make_page()
    uid = started(qtbot, page)
    with monkeypatch.context() as patch:
        patch.setattr(VoiceDayRepository, "set_attendees", locked)
        press(qtbot, page, Qt.Key.Key_A)
        dialog = page.dialog
        qtbot.waitUntil(dialog.isVisible)
        dialog.set_checked({staff["sato"], staff["tanaka"]})
        dialog.accept()
        qtbot.waitUntil(page.ops.is_idle)
        assert page.dialog.isVisible() and set(page.dialog.checked()) == {staff["sato"], staff["tanaka"]}
        assert page.dialog.banner.text() == known_error_text(DatabaseLocked(""))
    page.dialog.accept()
    qtbot.waitUntil(lambda: len(VoiceDayRepository(store).attendees(uid)) == 2)
    assert not page.dialog.isVisible()


def test_a_new_improvement_refused_for_its_meeting_is_not_made_at_all(qtbot, make_page, team_db):
    """The meeting closed on another PC while 改善に結びつける is open: OK is refused (said in the dialog) and
    makes no improvement — pressing OK again does not leave one orphan improvement per press."""
    store, staff, _ = team_db
    page = make_page()
    uid = started(qtbot, page)
    select(page, "更新手続きの書類が多い")
    press(qtbot, page, Qt.Key.Key_I)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible)
    ime_type(dialog.title, "更新書類を1枚にまとめる")
    VoiceDayRepository(store).close(uid, by=staff["tanaka"])  # another leader closes it meanwhile
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.banner.isVisible())
    dialog.accept()  # and OK once more
    qtbot.waitUntil(page.ops.is_idle)
    assert dialog.isVisible() and dialog.title.text() == "更新書類を1枚にまとめる"
    assert store.conn.execute("SELECT COUNT(*) FROM improvements").fetchone()[0] == 0
