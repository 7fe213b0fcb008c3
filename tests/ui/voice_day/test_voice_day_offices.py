"""The 拠点 choice on the voice day: head office reads a branch's imported voice day (read only there); a file of one
office never shows it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from agency_app.domain.voice import VoiceInput
from agency_app.storage.masters import MasterData
from agency_app.storage.voice_days import VoiceDayRepository
from agency_app.storage.voices import VoiceRepository
from list_fixtures import NOW, TODAY
from meeting_keys import press, select
from office_fixtures import at_office


@pytest.fixture
def omy(team_db):
    """大宮 (OMY)'s records as head office holds them after an import: a 損保 voice, and its 団体 team's open voice day
    today with a voice of its own."""
    store, _staff, _uids = team_db
    with at_office(store, "OMY", "大宮支店"):
        masters = MasterData(store)
        sonpo = masters.save_staff(name="大宮 一郎", kana="おおみや いちろう", team="損保", branch_code="OMY")
        dantai = masters.save_staff(name="大宮 花子", kana="おおみや はなこ", team="団体", branch_code="OMY")
        voices = VoiceRepository(store)
        for by, summary in ((sonpo, "大宮の損保の声"), (dantai, "大宮の団体の声")):
            voices.create(VoiceInput(received_at=(NOW - timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
                                     kind="dissatisfaction", summary=summary, assignee_id=by), by=by, now=NOW)
        meeting = VoiceDayRepository(store).open_meeting("団体", TODAY, dantai, by=dantai, now=NOW)
    return meeting


def choose(qtbot, page, combo, data=None, text=None) -> None:
    """Pick an entry as a person does (activated), then wait for its review."""
    index = combo.findData(data) if data is not None else combo.findText(text)
    assert index >= 0
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    qtbot.waitUntil(lambda: page.loaded is not None and page.loaded.request.office in ("", page.branch.code())
                    and page.ops.is_idle())


def summaries(page) -> set[str]:
    return {row["summary"] for row in page.model.rows}


def test_one_office_sees_no_branch_choice_and_its_voice_day_as_before(qtbot, make_page):
    page = make_page()
    assert not page.branch.box.isVisibleTo(page)
    assert page.loaded.office == "HQ" and not page.loaded.read_only
    assert not page.other_office_note.isVisibleTo(page) and page.start_button.isVisibleTo(page)
    assert page.action_of["start"].isEnabled()


def test_head_office_chooses_a_branch_and_reads_its_teams_and_meeting_without_changing_it(qtbot, team_db, omy,
                                                                                         make_page):
    store = team_db[0]
    page = make_page()
    combo = page.branch.combo
    assert page.branch.box.isVisibleTo(page)
    assert [combo.itemText(i) for i in range(combo.count())] == ["本部", "大宮支店"]  # no 全拠点: a meeting is one office's
    assert combo.currentData() == "HQ" and page.loaded.office == "HQ"
    assert page.loaded.review.team == "損保" and "大宮の損保の声" not in summaries(page)

    choose(qtbot, page, combo, data="OMY")
    qtbot.waitUntil(lambda: page.loaded.office == "OMY")
    assert [page.team.itemText(i) for i in range(page.team.count())] == ["団体", "損保"]
    assert page.loaded.review.team == "損保" and summaries(page) == {"大宮の損保の声"}  # 佐藤's team, at 大宮
    assert page.other_office_note.isVisibleTo(page) and not page.start_button.isVisibleTo(page)
    assert not page.action_of["start"].isEnabled()

    choose(qtbot, page, page.team, text="団体")
    qtbot.waitUntil(lambda: page.loaded.meeting is not None)
    assert page.loaded.meeting["uid"] == omy and summaries(page) == {"大宮の団体の声"}
    assert page.meetings.findData(omy) > 0  # among 大宮's earlier voice days of 団体
    assert page.other_office_note.text() == page.tr(
        "This office holds its own voice day: here it can be read, not changed.")
    for name in ("share", "improvement", "no_improvement", "attendees", "close", "move_team"):
        assert not page.action_of[name].isEnabled(), name
    assert page.action_of["history"].isEnabled()  # its history can be read
    assert page.meeting_panel.notes.isReadOnly() and not page.meeting_panel.attendees_button.isEnabled()
    select(page, "大宮の団体の声")
    press(qtbot, page, Qt.Key.Key_E)  # 共有済にする: nothing is written
    page.decide("shared")
    assert page.ops.is_idle()
    assert store.conn.execute("SELECT COUNT(*) FROM voice_decisions WHERE voice_day_id = ?", (omy,)).fetchone() == (0,)

    choose(qtbot, page, combo, data="HQ")  # back to head office's own: as it was
    qtbot.waitUntil(lambda: page.loaded.office == "HQ")
    assert not page.other_office_note.isVisibleTo(page) and page.action_of["start"].isEnabled()
    assert "大宮の損保の声" not in summaries(page)


def test_a_link_to_a_branchs_meeting_shows_it_under_that_branch_said_in_japanese(qtbot, japanese, omy, make_page):
    from agency_app.storage.voice_days import OtherOfficeMeeting
    from agency_app.ui.voice_day import voice_day_texts as T
    page = make_page()
    page.show_record(omy)
    qtbot.waitUntil(lambda: page.loaded.meeting is not None and page.loaded.meeting["uid"] == omy)
    assert page.branch.combo.currentData() == "OMY" and page.team.currentText() == "団体"
    assert page.loaded.read_only and page.other_office_note.isVisibleTo(page)
    assert page.branch.label.text() == "拠点(&B)"
    assert page.other_office_note.text() == "この拠点の声の日は、その拠点で行います。ここでは見るだけです。"
    # A write that reaches storage anyway (another window's stale screen) is refused in the same calm words.
    assert T.error_text(OtherOfficeMeeting(omy)) == \
        "これは別の拠点の声の日です。記録はその拠点で行います。ここでは見るだけで、変更はできません。"


def test_a_range_typed_in_a_branchs_meeting_is_not_written_and_shown_back(qtbot, team_db, omy, make_page):
    store = team_db[0]
    stored = store.conn.execute("SELECT range_from, version FROM voice_days WHERE uid = ?", (omy,)).fetchone()
    page = make_page()
    page.show_record(omy)
    qtbot.waitUntil(lambda: page.loaded.meeting is not None and page.loaded.meeting["uid"] == omy)
    page.range_from.set_stored("2025-11-01")
    page.range_from.editingFinished.emit()
    qtbot.waitUntil(lambda: page.banner.isVisible() and page.ops.is_idle())
    from agency_app.ui.voice_day import voice_day_texts as T
    assert page.banner.text() == T.other_office_text()
    qtbot.waitUntil(lambda: page.range_from.reading().ok
                    and page.range_from.reading().value.isoformat() == stored[0])  # the stored range, shown again
    assert store.conn.execute("SELECT range_from, version FROM voice_days WHERE uid = ?", (omy,)).fetchone() == stored
