"""Delete takes a decision back from the list, but in the notes box it deletes a character as anywhere else."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from form_fixtures import ime_type
from meeting_keys import decisions, press, select


def test_delete_in_the_notes_box_edits_the_notes_and_keeps_the_decision(qtbot, team_db, make_page):
    store, _staff, _ = team_db
    page = make_page()
    press(qtbot, page, Qt.Key.Key_W)
    qtbot.waitUntil(lambda: page.loaded.meeting is not None)
    uid = page.loaded.meeting["uid"]
    select(page, "更新手続きの書類が多い")
    press(qtbot, page, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: "更新手続きの書類が多い" in decisions(store, uid))
    page.side.setCurrentIndex(1)
    notes = page.meeting_panel.notes
    notes.setFocus()
    ime_type(notes, "共有した")
    notes.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(notes, Qt.Key.Key_Delete)
    assert notes.toPlainText() == "有した"
    assert "更新手続きの書類が多い" in decisions(store, uid)
