"""Two leaders on two PCs over one meeting (each its own operations: no change signal between them): a decision
the other screen had not seen is never replaced or taken back unseen — said in Japanese, the reason typed kept."""

from __future__ import annotations

from PySide6.QtCore import Qt

from agency_app.ui.kit.messages import record_changed_elsewhere_text
from form_fixtures import ime_type
from list_fixtures import make_ops
from meeting_keys import decisions, press, select

FIRST, REQUEST = "更新手続きの書類が多い", "土曜日も窓口を開けてほしい"


def two_pcs(qtbot, make_page, store):
    mine = make_page("sato", ops=make_ops(store))
    press(qtbot, mine, Qt.Key.Key_W)
    qtbot.waitUntil(lambda: mine.loaded.meeting is not None)
    uid = mine.loaded.meeting["uid"]
    theirs = make_page("tanaka", ops=make_ops(store))
    theirs.open_meeting(uid)
    qtbot.waitUntil(lambda: theirs.loaded.meeting is not None)
    return mine, theirs, uid


def test_a_key_decision_over_one_made_on_the_other_pc_is_refused_until_seen(qtbot, make_page, team_db, japanese):
    store, _staff, _ = team_db
    mine, theirs, uid = two_pcs(qtbot, make_page, store)
    select(mine, REQUEST)
    press(qtbot, mine, Qt.Key.Key_N)  # 改善不要 here, with its reason
    ime_type(mine.dialog.reason, "窓口は平日のみの方針")
    mine.dialog.accept()
    qtbot.waitUntil(lambda: decisions(store, uid).get(REQUEST) == ("no_improvement", "窓口は平日のみの方針"))
    select(theirs, REQUEST)  # their screen still shows it undecided
    press(qtbot, theirs, Qt.Key.Key_E)  # 共有済 there
    qtbot.waitUntil(lambda: theirs.banner.text() == record_changed_elsewhere_text())
    assert not theirs.banner.text().isascii()  # said in Japanese
    assert decisions(store, uid)[REQUEST] == ("no_improvement", "窓口は平日のみの方針")  # not replaced unseen
    qtbot.waitUntil(lambda: next(r for r in theirs.model.rows if r["summary"] == REQUEST)["decision"]
                    == "no_improvement")
    select(theirs, REQUEST)
    press(qtbot, theirs, Qt.Key.Key_E)  # now seen: their decision is recorded
    qtbot.waitUntil(lambda: decisions(store, uid)[REQUEST] == ("shared", ""))


def test_a_reason_typed_over_a_decision_made_on_the_other_pc_is_kept_and_recorded_once_seen(
        qtbot, make_page, team_db, japanese):
    store, _staff, _ = team_db
    mine, theirs, uid = two_pcs(qtbot, make_page, store)
    select(theirs, REQUEST)
    press(qtbot, theirs, Qt.Key.Key_N)  # they start typing why no improvement is needed …
    dialog = theirs.dialog
    qtbot.waitUntil(dialog.isVisible)
    ime_type(dialog.reason, "窓口は平日のみの方針")
    select(mine, REQUEST)  # … while here it is shared
    press(qtbot, mine, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: decisions(store, uid).get(REQUEST) == ("shared", ""))
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.banner.text() == record_changed_elsewhere_text())
    assert decisions(store, uid)[REQUEST] == ("shared", "")  # not replaced unseen
    assert dialog.isVisible() and dialog.text() == "窓口は平日のみの方針"  # nothing typed is lost
    qtbot.waitUntil(lambda: next(r for r in theirs.model.rows if r["summary"] == REQUEST)["decision"] == "shared")
    dialog.accept()  # told and shown: OK again records theirs
    qtbot.waitUntil(lambda: decisions(store, uid)[REQUEST] == ("no_improvement", "窓口は平日のみの方針"))


def test_attendees_ticked_over_a_meeting_closed_on_the_other_pc_are_kept_and_the_page_shows_it_closed(
        qtbot, make_page, team_db, japanese):
    from PySide6.QtWidgets import QMessageBox

    from agency_app.domain import voice_day as D
    from agency_app.ui.voice_day import voice_day_texts as T
    from agency_app.domain.errors import FieldError, ValidationFailed
    store, staff, _ = team_db
    mine, theirs, uid = two_pcs(qtbot, make_page, store)
    press(qtbot, theirs, Qt.Key.Key_A)  # they tick who attended …
    dialog = theirs.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.set_checked({staff["sato"], staff["tanaka"]})
    press(qtbot, mine, Qt.Key.Key_L)  # … while here the meeting is closed
    mine.dialog.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: mine.loaded.meeting["status"] == D.MEETING_CLOSED)
    dialog.accept()
    closed = T.error_text(ValidationFailed([FieldError("status", D.MEETING_CLOSED_EDIT)]))
    qtbot.waitUntil(lambda: dialog.banner.text() == closed)
    assert dialog.isVisible()  # the ticks stay
    qtbot.waitUntil(lambda: theirs.loaded.meeting["status"] == D.MEETING_CLOSED)  # their page shows it closed


def test_a_voice_moved_to_the_same_team_on_the_other_pc_meanwhile_leaves_the_list_here_too(
        qtbot, make_page, team_db):
    """Moving finds it moved already: nothing is written (so no change signal), and the list shows it gone."""
    from agency_app.storage.voices import VoiceRepository
    store, staff, _ = team_db
    mine, theirs, uid = two_pcs(qtbot, make_page, store)
    select(theirs, REQUEST)
    voice = theirs.current_voice()["uid"]
    press(qtbot, theirs, Qt.Key.Key_G)  # 別のチームへ …
    dialog = theirs.dialog
    qtbot.waitUntil(dialog.isVisible)
    VoiceRepository(store).move_team(voice, dialog.chosen(), by=staff["sato"])  # … done on the other PC too
    dialog.accept()
    qtbot.waitUntil(lambda: REQUEST not in [row["summary"] for row in theirs.model.rows])


def test_an_attendee_ticked_on_both_pcs_is_shown_here_once_recorded_there(qtbot, make_page, team_db):
    """Ticking who the other PC recorded already writes nothing (so no change signal): the page shows them."""
    from agency_app.storage.voice_days import VoiceDayRepository
    store, staff, _ = team_db
    mine, theirs, uid = two_pcs(qtbot, make_page, store)
    VoiceDayRepository(store).set_attendees(uid, [staff["tanaka"]], by=staff["sato"], shown=[])  # the other PC
    press(qtbot, theirs, Qt.Key.Key_A)
    dialog = theirs.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.set_checked({staff["tanaka"]})
    dialog.accept()
    qtbot.waitUntil(lambda: [row["uid"] for row in theirs.loaded.review.attendees] == [staff["tanaka"]])
