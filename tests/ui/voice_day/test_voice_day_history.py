"""The meeting's history as a manager reads it (R11): every row in Japanese words — decisions, the improvement a
voice went to, and each voice named by its summary, even one no longer in the meeting's list."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from agency_app.domain.improvements import ImprovementInput
from agency_app.storage.improvements import ImprovementRepository
from agency_app.storage.voice_days import VoiceDayRepository
from agency_app.storage.voices import VoiceRepository
from list_fixtures import NOW, TODAY
from meeting_keys import press

UID = re.compile(r"[0-9a-f]{32}")
CODES = ("decision", "improvement_id", "no_improvement", "shared", "improvement")


def history_rows(qtbot, page) -> list[list[str]]:
    press(qtbot, page, Qt.Key.Key_H)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible)
    model = dialog.model
    return [[model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)
             or model.data(model.index(row, column)) or "" for column in range(5)]
            for row in range(dialog.row_count())]


def test_every_decision_row_names_its_voice_and_improvement_in_japanese(qtbot, make_page, team_db, japanese):
    store, staff, _uids = team_db
    sato = staff["sato"]
    days = VoiceDayRepository(store)
    meeting = days.open_meeting("損保", TODAY, sato, by=sato, now=NOW)
    improvement = ImprovementRepository(store).create(ImprovementInput(
        title="更新書類を1枚にまとめる", owner_id=sato, opened_on="2025/11/20", due_date="2025/12/31"), by=sato, now=NOW)
    voices = {voice["summary"]: voice["uid"] for voice in days.meeting_review(meeting, today=TODAY).voices}
    papers, saturday = voices["更新手続きの書類が多い"], voices["土曜日も窓口を開けてほしい"]
    days.decide(meeting, papers, "shared", by=sato, now=NOW)
    days.decide(meeting, papers, "improvement", improvement_id=improvement, by=sato, now=NOW)  # changed
    days.decide(meeting, voices["説明が丁寧だった"], "improvement", improvement_id=improvement, by=sato, now=NOW)
    days.decide(meeting, saturday, "no_improvement", reason="窓口は平日のみの方針", by=sato, now=NOW)
    VoiceRepository(store).move_team(saturday, "生保", by=sato, now=NOW)  # it leaves this meeting's list

    page = make_page()
    page.open_meeting(meeting)
    qtbot.waitUntil(lambda: page.loaded.meeting is not None)
    rows = history_rows(qtbot, page)
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if UID.search(cell) or any(code in cell for code in CODES)]
    assert not [cell for cell in cells if "HQ" in cell]  # the office by its name (本部), not its code
    assert sum("更新書類を1枚にまとめる" in cell for cell in cells) == 2  # each voice sent to it, with its title
    assert "更新書類を1枚にまとめる" in cells  # the improvement the voice went to, by its title
    assert "窓口は平日のみの方針" in cells  # why no improvement is needed, as decided
    names = [row[2] for row in rows]
    assert not [name for name in names if re.search("[A-Za-z]", name)]  # every field named in Japanese
    assert any("土曜日も窓口を開けてほしい" in name for name in names)  # moved away, still named
    assert all("：" in name for name in names if name.startswith("決定"))  # every decision names its voice


def test_a_voices_own_history_shows_its_move_to_another_team_in_words(qtbot, make_page, team_db, japanese):
    from agency_app.storage.services import Services
    from agency_app.ui.voices.voice_history import HistoryPanel
    from meeting_keys import select
    store, staff, _uids = team_db
    page = make_page()
    select(page, "土曜日も窓口を開けてほしい")
    voice = page.current_voice()["uid"]
    press(qtbot, page, Qt.Key.Key_G)  # 別のチームへ
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.accept()
    qtbot.waitUntil(lambda: VoiceRepository(store).get(voice)["team"] != "損保")
    panel = HistoryPanel(Services(store))
    qtbot.addWidget(panel)
    panel.show_voice(voice)
    model = panel.model
    rows = [[model.data(model.index(r, c), Qt.ItemDataRole.ToolTipRole) or model.data(model.index(r, c)) or ""
             for c in range(5)] for r in range(model.rowCount())]
    assert rows[0][1:] == ["佐藤 一郎", "チーム", "損保", VoiceRepository(store).get(voice)["team"]]
    assert not [cell for row in rows for cell in row if "HQ" in cell or UID.search(cell)]
