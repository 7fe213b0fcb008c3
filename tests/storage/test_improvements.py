"""Improvement records (R12): answer voices of any team, close under R7's rules, the report to the insurer, history."""

from datetime import date, datetime

import pytest

from agency_app.domain import errors as E
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.improvements import ImprovementInput
from agency_app.domain.periods import Period
from agency_app.domain.voice import VoiceInput
from agency_app.domain.workflow import StatusChange
from agency_app.storage.improvement_counts import improvement_counts, waiting_voices
from agency_app.storage.improvements import EditConflict, ImprovementRepository
from agency_app.storage.voice_days import VoiceDayRepository
from agency_app.storage.voices import VoiceRepository

NOW = datetime(2025, 6, 10, 17, 0)


def add_voice(store, by, when="2025/6/9 10:00", summary="満期案内が届かなかった"):
    return VoiceRepository(store).create(VoiceInput(received_at=when, channel="phone", kind="dissatisfaction",
                                                    summary=summary), by=by, now=NOW)


def improvement(store, staff, **changes):
    values = dict(title="満期案内を早める", cause="案内が直前に届いた", owner_id=staff["sato"], team="損保",
                  opened_on="2025/6/10", due_date="2025/6/30")
    values.update(changes)
    return ImprovementInput(**values)


@pytest.fixture
def repo(store):
    return ImprovementRepository(store)


def test_an_improvement_answers_voices_and_links_are_in_its_history(store, staff, repo):
    a, b = add_voice(store, staff["sato"]), add_voice(store, staff["suzuki"])
    uid = repo.create(improvement(store, staff), by=staff["sato"], voice_uids=[a, a], now=NOW)
    assert repo.link_voice(uid, b, by=staff["sato"], now=NOW) is True
    assert repo.link_voice(uid, b, by=staff["sato"], now=NOW) is False
    assert [v["uid"] for v in repo.voices(uid)] == [a, b] or {v["uid"] for v in repo.voices(uid)} == {a, b}
    assert repo.unlink_voice(uid, a, by=staff["manager"], now=NOW) is True
    assert [v["uid"] for v in repo.voices(uid)] == [b]
    links = [(e.field, e.old_value, e.new_value) for e in repo.history(uid) if e.field == "voices"]
    assert links == [("voices", None, a), ("voices", None, b), ("voices", a, None)]
    assert [i["uid"] for i in repo.for_voice(b)] == [uid]


def test_linking_a_voice_that_does_not_exist_is_refused(store, staff, repo):
    with pytest.raises(ValidationFailed):
        repo.create(improvement(store, staff), by=staff["sato"], voice_uids=["nope"], now=NOW)
    assert repo.listed() == []


def test_done_needs_the_action_and_counts_in_the_period_it_was_done(store, staff, repo):
    uid = repo.create(improvement(store, staff), by=staff["sato"], now=NOW)
    with pytest.raises(ValidationFailed):
        repo.change_status(uid, StatusChange("done", completed_on="2025/6/10", completed_by=staff["sato"]),
                           by=staff["sato"], now=NOW)
    repo.change_status(uid, StatusChange("done", response="案内を60日前に送る", completed_on="2025/6/10",
                                         completed_by=staff["sato"]), by=staff["sato"], now=NOW)
    row = repo.get(uid)
    assert (row["status"], row["action"], row["completed_on"]) == ("done", "案内を60日前に送る", "2025-06-10")
    q1 = Period(2025, "quarter", 1)
    assert improvement_counts(store.conn, q1).rows == [("HQ", 1, 1, 0)]
    assert improvement_counts(store.conn, Period(2025, "quarter", 2)).rows == [("HQ", 0, 0, 0)]
    assert improvement_counts(store.conn, q1, "B1").rows == []


def test_an_improvement_open_at_the_periods_end_is_counted_open(store, staff, repo):
    repo.create(improvement(store, staff), by=staff["sato"], now=NOW)
    assert improvement_counts(store.conn, Period(2025, "quarter", 1)).rows == [("HQ", 1, 0, 1)]


def test_reopening_is_counted_and_a_closed_improvements_due_date_stays(store, staff, repo):
    uid = repo.create(improvement(store, staff), by=staff["sato"], now=NOW)
    repo.change_status(uid, StatusChange("dropped", close_reason="保険会社の対応待ち"), by=staff["sato"], now=NOW)
    with pytest.raises(ValidationFailed) as moved:
        repo.update(uid, improvement(store, staff, due_date="2025/7/31"), by=staff["sato"], now=NOW)
    assert moved.value.errors[0].code == E.DUE_DATE_OF_CLOSED
    repo.change_status(uid, StatusChange("in_progress", reopen_reason="再検討"), by=staff["sato"], now=NOW)
    assert (repo.get(uid)["reopen_count"], repo.get(uid)["reopen_note"]) == (1, "再検討")


def test_the_report_to_the_insurer_is_recorded_and_can_be_taken_back(store, staff, repo):
    uid = repo.create(improvement(store, staff), by=staff["sato"], now=NOW)
    repo.mark_reported(uid, "2025/6/10", "東京海上日動", by=staff["manager"], now=NOW)
    assert (repo.get(uid)["reported_on"], repo.get(uid)["reported_insurer"]) == ("2025-06-10", "東京海上日動")
    repo.mark_reported(uid, "", by=staff["manager"], now=NOW)
    assert repo.get(uid)["reported_on"] is None
    assert [e.new_value for e in repo.history(uid) if e.field == "reported_on"] == ["2025-06-10", None]


def test_a_stale_edit_is_refused(store, staff, repo):
    uid = repo.create(improvement(store, staff), by=staff["sato"], now=NOW)
    version = repo.get(uid)["version"]
    repo.update(uid, improvement(store, staff, title="改題"), by=staff["sato"], expected_version=version, now=NOW)
    with pytest.raises(EditConflict):
        repo.update(uid, improvement(store, staff, title="別の題"), by=staff["manager"], expected_version=version,
                    now=NOW)


def test_the_list_puts_open_ones_first_by_due_date_and_finds_words(store, staff, repo):
    late = repo.create(improvement(store, staff, title="後の期限", due_date="2025/7/31"), by=staff["sato"], now=NOW)
    soon = repo.create(improvement(store, staff, title="先の期限", due_date="2025/6/20"), by=staff["sato"], now=NOW)
    done = repo.create(improvement(store, staff, title="済んだもの"), by=staff["sato"], now=NOW)
    repo.change_status(done, StatusChange("done", response="対策済", completed_on="2025/6/10",
                                          completed_by=staff["sato"]), by=staff["sato"], now=NOW)
    assert [r["uid"] for r in repo.listed()] == [soon, late, done]
    assert [r["uid"] for r in repo.listed(open_only=True)] == [soon, late]
    assert [r["uid"] for r in repo.listed(text="後の")] == [late]
    assert repo.listed()[0]["owner_name"] == "佐藤 一郎"


def test_voices_waiting_for_a_decision_are_counted_by_team_until_a_closed_voice_day_goes_through_them(store, staff):
    add_voice(store, staff["sato"]), add_voice(store, staff["sato"], when="2025/6/9 11:00"), add_voice(store, staff["suzuki"])
    q1 = Period(2025, "quarter", 1)
    assert waiting_voices(store.conn, q1).rows == [("損保", 2, 2), ("生保", 1, 1)]
    days = VoiceDayRepository(store)
    meeting = days.open_meeting("損保", date(2025, 6, 10), staff["sato"], by=staff["sato"], now=NOW)
    assert waiting_voices(store.conn, q1).waiting == 3  # open: nothing decided yet
    days.close(meeting, by=staff["sato"], now=NOW)
    assert waiting_voices(store.conn, q1).rows == [("損保", 2, 0), ("生保", 1, 1)]


def test_the_opening_day_cannot_be_moved_after_the_day_it_was_reported_to_the_insurer(store, staff, repo):
    """Recording a report before the opening day is refused (REPORTED_BEFORE_OPENED); editing the opening day past
    a recorded report made the same impossible record, and the counts took the improvement as opened later."""
    from agency_app.domain.improvements import REPORTED_BEFORE_OPENED
    uid = repo.create(improvement(store, staff, opened_on="2025/6/2"), by=staff["sato"], now=NOW)
    repo.mark_reported(uid, "2025/6/5", "東京海上日動", by=staff["manager"], now=NOW)
    with pytest.raises(ValidationFailed) as failed:
        repo.update(uid, improvement(store, staff, opened_on="2025/6/9"), by=staff["sato"], now=NOW)
    assert [(e.field, e.code) for e in failed.value.errors] == [("opened_on", REPORTED_BEFORE_OPENED)]
    assert repo.get(uid)["opened_on"] == "2025-06-02"
    repo.update(uid, improvement(store, staff, opened_on="2025/6/5"), by=staff["sato"], now=NOW)  # the same day: fine
    assert repo.get(uid)["opened_on"] == "2025-06-05"


def test_the_history_keeps_the_order_things_happened_in_within_one_minute(store, staff, repo):
    """A voice removed and the improvement then closed, in one minute: read in that order (its own rows and its
    links' rows merged)."""
    voice = add_voice(store, staff["sato"])
    uid = repo.create(improvement(store, staff), by=staff["sato"], voice_uids=[voice], now=NOW)
    repo.unlink_voice(uid, voice, by=staff["sato"], now=NOW)
    repo.change_status(uid, StatusChange("dropped", close_reason="別の改善で対応"), by=staff["sato"], now=NOW)
    repo.link_voice(uid, voice, by=staff["sato"], now=NOW)
    fields = [(entry.field, entry.new_value) for entry in repo.history(uid)
              if entry.field in ("*created", "voices", "status")]
    assert [f for f, _ in fields] == ["*created", "voices", "voices", "status", "voices"]


def test_the_list_of_one_branch_holds_exactly_its_improvements_and_none_holds_every_office(store, staff, repo):
    made = [repo.create(improvement(store, staff, title=f"改善 {i}", due_date=f"2025/7/{i + 1}"), by=staff["sato"],
                        now=NOW) for i in range(6)]
    with store.write():  # made at the Yokohama office, imported by head office with its branch_code
        for uid in made[::2]:
            store.conn.execute("UPDATE improvements SET branch_code = 'YOK' WHERE uid = ?", (uid,))
    assert [r["uid"] for r in repo.listed(branch_code="YOK")] == made[::2]
    assert [r["uid"] for r in repo.listed(branch_code="HQ")] == made[1::2]
    assert [r["uid"] for r in repo.listed()] == made
    assert [r["uid"] for r in repo.listed(branch_code="YOK", text="改善 4")] == [made[4]]
    assert repo.listed(branch_code="OSA") == []
