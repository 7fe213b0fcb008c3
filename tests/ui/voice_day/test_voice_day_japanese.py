"""What the voice-day screen says, in Japanese as staff read it: the confirmation, refusals, empty weeks, alike voices."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from agency_app.domain import voice_day as D
from agency_app.domain.voice import VoiceInput
from agency_app.storage.voices import VoiceRepository
from list_fixtures import NOW, make_ops
from meeting_keys import press, select


def test_the_meeting_speaks_japanese_from_preview_to_a_refused_second_close(qtbot, japanese, team_db, make_page):
    store, staff, _ = team_db
    page = make_page()
    other = make_page("tanaka", ops=make_ops(store))
    assert page.first_note.text() == "前回の声の日はありません"
    assert page.state.text().startswith("プレビュー中です")
    assert page.action_of["share"].text() == "共有済にする"
    press(qtbot, page, Qt.Key.Key_W)
    qtbot.waitUntil(lambda: page.loaded.meeting is not None)
    other.open_meeting(page.loaded.meeting["uid"])
    qtbot.waitUntil(lambda: other.loaded.meeting is not None)
    press(qtbot, page, Qt.Key.Key_L)
    assert page.dialog.text() == "未決定の声 4件を共有済にして締めます。"
    page.dialog.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: page.loaded.meeting["status"] == D.MEETING_CLOSED)
    assert page.state.text() == "締め済"
    press(qtbot, other, Qt.Key.Key_L)
    other.dialog.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(other.banner.isVisible)
    assert other.banner.text().startswith("この会議はすでに締められています")
    press(qtbot, other, Qt.Key.Key_U)  # 田中 neither led it nor manages
    qtbot.waitUntil(lambda: other.banner.text().startswith("会議を再開できるのは、この会議のリーダーか管理者です"))


def test_an_empty_week_overdue_voices_and_a_short_text_in_japanese(qtbot, japanese, team_db, make_page):
    store, staff, _ = team_db
    VoiceRepository(store).create(VoiceInput(
        received_at="2025/11/15 10:00", kind="dissatisfaction", summary="遅い", body="",
        assignee_id=staff["sato"], due_date="2025/11/18"), by=staff["sato"], now=NOW)
    page = make_page()
    select(page, "遅い")
    row = page.model.rows[page.view.currentIndex().row()]
    assert page.model.text(row, "due") == "2025/11/18 期限超過"
    qtbot.waitUntil(lambda: page.voice_panel.alike_note.text() == "文章が短いため、似た声は探していません")
    page.team.setCurrentIndex(page.team.findText("生保"))
    page.team.activated.emit(page.team.currentIndex())
    qtbot.waitUntil(lambda: page.loaded.review.team == "生保")
    assert page.empty_note.isVisible() and page.empty_note.text() == "この期間の声はありません"
