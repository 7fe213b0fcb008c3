"""The meeting screen: its tab key, zoom remembered, Ctrl+Down from anywhere, an empty week, alike voices, notes,
attendees, moving a voice to another team."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from agency_app.domain.voice import VoiceInput
from agency_app.storage.voice_days import VoiceDayRepository
from agency_app.storage.voices import VoiceRepository
from agency_app.ui.voice_day import voice_day_texts as T
from form_fixtures import ime_type
from list_fixtures import NOW, make_ops
from meeting_keys import CTRL, press, select

FIRST = "更新手続きの書類が多い"


def started(qtbot, page):
    press(qtbot, page, Qt.Key.Key_W)
    qtbot.waitUntil(lambda: page.loaded.meeting is not None)
    return page.loaded.meeting["uid"]


def test_ctrl_7_opens_the_voice_day_tab_with_the_keyboard_in_its_voices(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.table, Qt.Key.Key_7, CTRL)
    assert window.tabs.current_key() == "voice_day"
    page = window.tabs.current_page()
    qtbot.waitUntil(lambda: page.loaded is not None and window.ops.is_idle())
    assert window.tabs.tabText(window.tabs.currentIndex()) == QApplication.translate("PageTabs", "Voice day")
    assert QApplication.focusWidget() is page.view
    assert [r["summary"] for r in page.model.rows][:2] == [FIRST, "土曜日も窓口を開けてほしい"]
    assert window.record_menu.actions() == page.record_actions()  # every action is in 操作 too
    assert not page.action_of["share"].isEnabled()  # …greyed in the preview


def test_the_zoom_grows_the_text_and_is_remembered(qtbot, make_page):
    page = make_page()
    normal = page.view.font().pointSizeF()
    press(qtbot, page, Qt.Key.Key_Plus, CTRL)
    press(qtbot, page, Qt.Key.Key_Equal, CTRL)  # Ctrl+= too: Ctrl++ needs Shift on most keyboards
    assert page.zoom_factor == 1.3 and page.view.font().pointSizeF() > normal * 1.2
    assert page.voice_panel.body.font().pointSizeF() > normal * 1.2
    again = make_page()
    assert again.zoom_factor == 1.3 and again.view.font().pointSizeF() == page.view.font().pointSizeF()
    press(qtbot, again, Qt.Key.Key_0, CTRL)
    assert again.zoom_factor == 1.0 and again.view.font().pointSizeF() == normal
    press(qtbot, again, Qt.Key.Key_Minus, CTRL)
    assert make_page().zoom_factor == 0.9


def test_the_meetings_dialogs_follow_the_zoom(qtbot, make_page):
    """On the projector the dialogs opened in the meeting are read as large as the page."""
    page = make_page()
    normal = page.view.font().pointSizeF()
    started(qtbot, page)
    for _ in range(3):
        press(qtbot, page, Qt.Key.Key_Plus, CTRL)
    assert page.zoom_factor == 1.5
    for key in (Qt.Key.Key_N, Qt.Key.Key_I, Qt.Key.Key_A):
        press(qtbot, page, key)
        dialog = page.dialog
        qtbot.waitUntil(dialog.isVisible)
        assert dialog.font().pointSizeF() > normal * 1.4, dialog
        dialog.reject()


def test_ctrl_down_and_up_move_between_voices_from_anywhere_on_the_page(qtbot, make_page):
    page = make_page()
    started(qtbot, page)
    assert page.view.currentIndex().row() == 0
    press(qtbot, page, Qt.Key.Key_Down, CTRL)
    assert page.view.currentIndex().row() == 1
    page.side.setCurrentIndex(1)  # 会議の記録
    page.meeting_panel.notes.setFocus()
    press(qtbot, page, Qt.Key.Key_Down, CTRL)  # from the notes box
    assert page.view.currentIndex().row() == 2
    assert page.voice_panel.summary.text() == page.model.rows[2]["summary"]
    press(qtbot, page, Qt.Key.Key_Up, CTRL)
    press(qtbot, page, Qt.Key.Key_Up, CTRL)
    press(qtbot, page, Qt.Key.Key_Up, CTRL)  # stays on the first
    assert page.view.currentIndex().row() == 0


def test_a_team_with_an_empty_week_and_no_earlier_voice_day_says_so(qtbot, make_page):
    page = make_page()
    assert page.first_note.isVisible() and page.first_note.text() == page.tr(
        "There is no earlier voice day for this team.")
    page.team.setCurrentIndex(page.team.findText("生保"))
    page.team.activated.emit(page.team.currentIndex())
    qtbot.waitUntil(lambda: page.loaded.review.team == "生保")
    assert page.model.rowCount() == 0 and page.empty_note.isVisible()
    assert page.empty_note.text() == page.tr("There are no voices in this range.")
    assert page.summary.table.columnCount() == 9
    assert all(page.summary.counts_of(kind) == [0] * 9 for kind in ("不満", "要望", "感謝", "その他"))
    assert page.range_from.text() == "2025/11/14" and page.range_to.text() == "2025/11/20"  # the week
    assert page.action_of["start"].isEnabled()


def test_a_staff_member_without_a_team_is_shown_a_team_not_an_empty_box(qtbot, make_page, team_db):
    """A manager or clerk with no team opens the tab: a team is chosen (the first), its voices shown and its
    meeting can be started — not a blank team box over 'no voices' with 会議を始める greyed."""
    from agency_app.storage.masters import MasterData
    store, staff, _ = team_db
    staff["clerk"] = MasterData(store).save_staff(name="無所属 太郎", kana="むしょぞく たろう", team="",
                                                  branch_code="HQ")
    page = make_page("clerk")
    assert page.team.currentIndex() >= 0 and page.team.currentText() == page.loaded.review.team != ""
    assert page.action_of["start"].isEnabled()


def test_the_summary_table_reads_the_week_against_the_eight_before(qtbot, make_page):
    page = make_page()
    assert page.summary.counts_of("不満") == [0, 0, 0, 1, 0, 0, 0, 1, 1]  # 40, 10 and 2 days back
    assert page.summary.counts_of("感謝")[-1] == 2 and page.summary.counts_of("要望")[-1] == 1
    heading = page.summary.table.horizontalHeaderItem(8).text()
    assert heading.startswith("11/14")  # the meeting's week, last and named


def test_the_list_says_overdue_and_complaint_in_words(qtbot, team_db, make_page):
    store, staff, _ = team_db
    VoiceRepository(store).create(VoiceInput(
        received_at="2025/11/15 10:00", kind="dissatisfaction", is_complaint=True, customer_name="森 一",
        summary="担当者の態度が悪い", body="担当者の態度が悪いと強いお叱り。", assignee_id=staff["sato"],
        due_date="2025/11/18"), by=staff["sato"], now=NOW)
    page = make_page()
    row = next(r for r in page.model.rows if r["summary"] == "担当者の態度が悪い")
    assert page.model.text(row, "kind") == "不満（苦情）"
    assert page.model.text(row, "due") == f"2025/11/18 {T.overdue_words()}"


def test_the_voice_shown_lists_earlier_alike_voices_and_enter_opens_one(qtbot, team_db, make_page):
    store, staff, _ = team_db
    earlier = VoiceRepository(store).create(VoiceInput(
        received_at="2025/09/01 10:00", kind="dissatisfaction", customer_name="佐々木 花",
        summary="書類の書き方が分からない", body="更新の書類の書き方が分からない。", assignee_id=staff["sato"],
        due_date="2025/09/05"), by=staff["sato"], now=NOW)
    page = make_page()
    select(page, FIRST)
    panel = page.voice_panel
    qtbot.waitUntil(lambda: panel.alike.count() >= 1)
    item = panel.alike.item(0)
    assert item.data(Qt.ItemDataRole.UserRole) == earlier and T.alike_reasons_text({"customer"}) in item.text()
    opened = []
    page.open_record.connect(lambda kind, uid: opened.append((kind, uid)))
    panel.alike.setFocus()
    qtbot.keyClick(panel.alike, Qt.Key.Key_Return)
    assert opened == [("voice", earlier)]


def test_a_voice_too_short_to_compare_says_so_and_one_without_alike_voices_too(qtbot, team_db, make_page):
    store, staff, _ = team_db
    VoiceRepository(store).create(VoiceInput(
        received_at="2025/11/19 10:00", kind="dissatisfaction", summary="遅い", body="",
        assignee_id=staff["sato"], due_date="2025/11/25"), by=staff["sato"], now=NOW)
    page = make_page()
    select(page, "遅い")
    qtbot.waitUntil(lambda: page.voice_panel.alike_note.text() == page.voice_panel.tr(
        "The text is too short, so no similar voices were looked for."))
    select(page, "土曜日も窓口を開けてほしい")
    qtbot.waitUntil(lambda: page.voice_panel.alike_note.text() == page.voice_panel.tr(
        "No similar voices were found."))
    assert page.voice_panel.alike.count() == 0


def test_an_older_alike_answer_is_dropped_when_another_voice_is_chosen(qtbot, team_db, make_page):
    page = make_page()
    panel = page.voice_panel
    select(page, FIRST)
    voice = panel.voice
    select(page, "土曜日も窓口を開けてほしい")
    from agency_app.storage.similar_voices import AlikeVoice
    panel._show_alike(voice["uid"], [AlikeVoice("x", "2025-01-01 10:00", "古い答え", 1.0, frozenset({"text"}))])
    assert all(panel.alike.item(i).text().find("古い答え") < 0 for i in range(panel.alike.count()))


def test_notes_are_saved_on_leaving_the_box_and_a_stale_save_keeps_the_text(qtbot, team_db, make_page):
    store, staff, _ = team_db
    page = make_page()
    uid = started(qtbot, page)
    page.side.setCurrentIndex(1)  # 会議の記録
    notes = page.meeting_panel.notes
    notes.setFocus()
    ime_type(notes, "満期案内の件を共有")
    page.view.setFocus()  # leaving the box saves
    qtbot.waitUntil(lambda: VoiceDayRepository(store).get(uid)["notes"] == "満期案内の件を共有")
    notes.setFocus()
    ime_type(notes, "。追記")
    VoiceDayRepository(store).set_notes(uid, "別のリーダーのメモ", by=staff["tanaka"])  # saved meanwhile elsewhere
    page.refresh()  # a change arrives while typing (a decision on another PC): the typed text stays
    assert notes.toPlainText() == "満期案内の件を共有。追記"
    page.view.setFocus()
    qtbot.waitUntil(page.banner.isVisible)
    assert notes.toPlainText() == "満期案内の件を共有。追記"  # nothing typed is lost
    assert VoiceDayRepository(store).get(uid)["notes"] == "別のリーダーのメモ"
    assert "別のリーダーのメモ" in page.meeting_panel.saved_note.text()
    notes.setFocus()
    page.view.setFocus()  # leaving again saves the text typed here
    qtbot.waitUntil(lambda: VoiceDayRepository(store).get(uid)["notes"] == "満期案内の件を共有。追記")


def test_attendees_are_picked_in_a_list_with_the_team_first(qtbot, team_db, make_page):
    store, staff, _ = team_db
    page = make_page()
    uid = started(qtbot, page)
    press(qtbot, page, Qt.Key.Key_A)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible)
    firsts = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(2)]
    assert set(firsts) == {staff["sato"], staff["tanaka"]}  # 損保's members first
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Space)
    dialog.list.setCurrentRow(1)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Space)
    dialog.accept()
    qtbot.waitUntil(lambda: len(VoiceDayRepository(store).attendees(uid)) == 2)
    assert "田中 三郎" in page.meeting_panel.attendees.text() and "佐藤 一郎" in page.meeting_panel.attendees.text()


def test_ctrl_shift_g_moves_a_voice_to_another_team(qtbot, team_db, make_page):
    store, _staff, _ = team_db
    page = make_page()
    select(page, FIRST)
    press(qtbot, page, Qt.Key.Key_G)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.team.setCurrentIndex(dialog.team.findText("生保"))
    dialog.accept()
    qtbot.waitUntil(lambda: FIRST not in [r["summary"] for r in page.model.rows])
    assert store.conn.execute("SELECT team FROM voices WHERE summary = ?", (FIRST,)).fetchone()[0] == "生保"
    assert "生保" in page.banner.text()


def test_a_second_pc_sees_the_decision_after_the_change_signal(qtbot, team_db, make_page):
    """The page follows the change signal: a decision made through the same operations shows at once."""
    store, _staff, _ = team_db
    ops = make_ops(store)
    page = make_page(ops=ops)
    uid = started(qtbot, page)
    watcher = make_page(ops=ops)
    watcher.open_meeting(uid)
    qtbot.waitUntil(lambda: watcher.loaded.meeting is not None)
    select(page, FIRST)
    press(qtbot, page, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: watcher.model.rows[0]["decision"] == "shared")


def test_ctrl_p_previews_and_ctrl_shift_p_saves_the_sheet_as_a_pdf(qtbot, make_page, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    page = make_page()
    assert "pdf" in page.action_of and "print_preview" in page.action_of
    target = tmp_path / "声の日.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), "")))
    press(qtbot, page, Qt.Key.Key_P)
    qtbot.waitUntil(target.exists)
    assert target.read_bytes().startswith(b"%PDF") and str(target) in page.banner.text()
    press(qtbot, page, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    page.dialog.close()


def test_notes_typed_are_saved_when_the_window_closes_without_leaving_the_box(qtbot, team_db, make_page):
    store, _staff, _ = team_db
    page = make_page()
    uid = started(qtbot, page)
    page.side.setCurrentIndex(1)  # 会議の記録
    page.meeting_panel.notes.setFocus()
    ime_type(page.meeting_panel.notes, "次回までに書類を見直す")
    page.close()  # the main window calls shutdown() the same way
    qtbot.waitUntil(lambda: VoiceDayRepository(store).get(uid)["notes"] == "次回までに書類を見直す")


def test_a_typed_range_is_read_and_a_date_not_understood_is_said_at_the_top(qtbot, make_page):
    page = make_page()
    assert len(page.model.rows) == 4
    page.range_from.setFocus()
    page.range_from.selectAll()
    qtbot.keyClicks(page.range_from, "2025/11/01")
    page.view.setFocus()  # leaving the field reads the range
    qtbot.waitUntil(lambda: page.loaded.review.range_from.isoformat() == "2025-11-01")
    assert len(page.model.rows) == 5  # one more voice (10 days back; 20 days back is 10/31)
    page.held_on.setFocus()
    page.held_on.selectAll()
    qtbot.keyClicks(page.held_on, "2025/13/45")
    page.view.setFocus()
    assert page.banner.isVisible() and page.banner.text().startswith(page.tr("Meeting day"))
    assert len(page.model.rows) == 5  # what was shown stays


def test_a_range_date_not_understood_in_a_started_meeting_is_said_and_kept(qtbot, make_page, team_db):
    store, _staff, _ = team_db
    page = make_page()
    uid = started(qtbot, page)
    page.range_from.setFocus()
    page.range_from.selectAll()
    qtbot.keyClicks(page.range_from, "2025/13/45")
    page.view.setFocus()  # leaving the field
    qtbot.waitUntil(page.ops.is_idle)
    assert page.banner.isVisible() and page.banner.text().startswith(page.tr("Voices from"))
    assert page.range_from.text() == "2025/13/45"  # what was typed stays, to be corrected
    assert VoiceDayRepository(store).get(uid)["range_from"] == "2025-11-14"
    page.range_from.setFocus()
    page.range_from.selectAll()
    qtbot.keyClicks(page.range_from, "2025/11/10")  # corrected
    page.view.setFocus()
    qtbot.waitUntil(lambda: VoiceDayRepository(store).get(uid)["range_from"] == "2025-11-10")
    assert not page.banner.isVisible()


def test_a_meeting_day_typed_wrongly_then_corrected_shows_the_meeting_again(qtbot, make_page):
    page = make_page()
    uid = started(qtbot, page)
    page.held_on.setFocus()
    page.held_on.selectAll()
    qtbot.keyClicks(page.held_on, "2025/13/45")
    page.view.setFocus()
    assert page.banner.isVisible() and page.banner.text().startswith(page.tr("Meeting day"))
    page.held_on.setFocus()
    page.held_on.selectAll()
    qtbot.keyClicks(page.held_on, "2025/11/20")  # corrected: the day of the meeting shown
    page.view.setFocus()
    qtbot.waitUntil(page.ops.is_idle)
    assert not page.banner.isVisible()
    assert (page.range_from.text(), page.range_to.text()) == ("2025/11/14", "2025/11/20")
    assert page.loaded.meeting["uid"] == uid and page.meeting_uid == uid


def test_open_items_list_the_overdue_first_with_the_count_of_all(qtbot, make_page):
    page = make_page()
    items = page.open_items
    review = page.loaded.review
    assert str(review.open_voice_count) in items.voices_title.text()
    assert items.voices.count() == review.open_voice_count  # all of the few the team has
    first = items.voices.item(0).text()
    assert T.overdue_words() in first


def test_enter_on_an_open_improvement_opens_it_on_the_improvements_tab(qtbot, team_db, make_page):
    from agency_app.domain.improvements import ImprovementInput
    from agency_app.storage.improvements import ImprovementRepository
    store, staff, _ = team_db
    uid = ImprovementRepository(store).create(ImprovementInput(
        title="更新書類を1枚にまとめる", team="損保", owner_id=staff["sato"], opened_on="2025-11-01",
        due_date="2025-11-10"), by=staff["sato"], now=NOW)
    page = make_page()
    page.side.setCurrentIndex(2)  # 未完了
    items = page.open_items.improvements
    assert items.count() == 1
    items.setFocus()
    items.setCurrentRow(0)
    with qtbot.waitSignal(page.open_record, timeout=1000) as opened:
        qtbot.keyClick(items, Qt.Key.Key_Return)
    assert opened.args == ["improvement", uid]


def test_tab_follows_the_screen_from_the_team_to_the_voices(qtbot, make_page):
    page = make_page()
    page.team.setFocus()
    seen = [page.team]
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen[:4] == [page.team, page.held_on, page.range_from, page.range_to]
    assert page.meetings in seen and page.view in seen
    assert seen.index(page.meetings) < seen.index(page.view)


def test_the_sheet_is_saved_even_when_earlier_voices_cannot_be_looked_for(qtbot, make_page, tmp_path, monkeypatch):
    import sqlite3

    from agency_app.storage import similar_voices
    page = make_page()

    def refused(*_args, **_kwargs):
        raise sqlite3.OperationalError("attempt to write a readonly database")
    monkeypatch.setattr(similar_voices, "alike_earlier", refused)
    target = tmp_path / "sheet.pdf"
    page.write_pdf(target)
    qtbot.waitUntil(target.exists)
    assert str(target) in page.banner.text()
