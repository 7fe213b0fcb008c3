"""The monthly circulation (回覧): one per month and office, its voices of the month, who has read it and who has not."""

from datetime import datetime

import pytest

from agency_app.domain.errors import ValidationFailed
from agency_app.domain.voice import VoiceInput
from agency_app.storage.circulations import BAD_MONTH, MONTH_AHEAD, CirculationRepository, month_bounds
from agency_app.storage.masters import MasterData
from agency_app.storage.voices import VoiceRepository

NOW = datetime(2025, 7, 2, 9, 0)


def add_voice(store, by, when):
    return VoiceRepository(store).create(VoiceInput(received_at=when, channel="phone", kind="request",
                                                    summary="書類の送付先を変えたい"), by=by, now=NOW)


def test_month_bounds_and_a_month_that_cannot_be():
    assert [d.isoformat() for d in month_bounds("2025-12")] == ["2025-12-01", "2026-01-01"]
    for bad in ("2025-13", "2025-00", "2025-6", "令和7年6月"):
        with pytest.raises(ValidationFailed) as failed:
            month_bounds(bad)
        assert failed.value.errors[0].code == BAD_MONTH


def test_the_sheet_has_every_voice_of_the_month_of_every_team_in_order(store, staff):
    first = add_voice(store, staff["sato"], "2025/6/1 00:00")
    last = add_voice(store, staff["suzuki"], "2025/6/30 23:59")
    add_voice(store, staff["sato"], "2025/7/1 00:00")
    add_voice(store, staff["sato"], "2025/5/31 23:59")
    assert [v["uid"] for v in CirculationRepository(store).voices("2025-06")] == [first, last]


def test_issued_once_per_month_and_not_ahead(store, staff):
    repo = CirculationRepository(store)
    uid = repo.issue("2025-06", by=staff["manager"], now=NOW)
    assert repo.issue("2025-06", by=staff["sato"], now=NOW) == uid
    repo.issue("2025-07", by=staff["manager"], now=NOW)  # the current month may be issued
    with pytest.raises(ValidationFailed) as ahead:
        repo.issue("2025-08", by=staff["manager"], now=NOW)
    assert ahead.value.errors[0].code == MONTH_AHEAD


def test_readers_list_who_has_not_read_first_and_a_second_confirmation_keeps_the_first(store, staff):
    repo = CirculationRepository(store)
    uid = repo.issue("2025-06", by=staff["manager"], now=NOW)
    assert repo.confirm_read(uid, staff["sato"], now=NOW) is True
    assert repo.confirm_read(uid, staff["sato"], now=datetime(2025, 7, 3, 9, 0)) is False
    readers = repo.readers(uid)
    assert [r.read_at for r in readers][-1] == "2025-07-02 09:00"
    assert {r.staff_uid for r in readers if r.read_at is None} == {staff["suzuki"], staff["manager"]}
    assert [c["uid"] for c in repo.unread_for(staff["suzuki"])] == [uid]
    assert repo.unread_for(staff["sato"]) == []


def test_a_retired_member_who_read_it_stays_listed_and_one_who_did_not_is_not_chased(store, staff):
    repo = CirculationRepository(store)
    uid = repo.issue("2025-06", by=staff["manager"], now=NOW)
    repo.confirm_read(uid, staff["sato"], now=NOW)
    masters = MasterData(store)
    for key in ("sato", "suzuki"):
        member = next(s for s in masters.staff() if s.uid == staff[key])
        masters.save_staff(uid=member.uid, name=member.name, kana=member.kana, team=member.team,
                           branch_code=member.branch_code, active=False)
    assert {r.staff_uid for r in repo.readers(uid)} == {staff["sato"], staff["manager"]}


def test_a_month_in_full_width_digits_is_not_a_second_circulation_of_that_month(store, staff):
    """'２０２５-０６' passed the month check (\\d matches any digit) and was stored as typed: a second June."""
    repo = CirculationRepository(store)
    uid = repo.issue("2025-06", by=staff["manager"], now=NOW)
    with pytest.raises(ValidationFailed) as failed:
        repo.issue("２０２５-０６", by=staff["manager"], now=NOW)
    assert failed.value.errors[0].code == BAD_MONTH
    assert [c["uid"] for c in repo.recent()] == [uid]


def test_each_office_circulates_its_own_voices_and_its_staff_are_asked_only_for_theirs(store, staff):
    """Head office after importing 大宮 (OMY): each office's sheet, circulation and today's-work reminder are its own."""
    from office_fixtures import at_office
    repo = CirculationRepository(store)
    ours = add_voice(store, staff["sato"], "2025/6/3 10:00")
    hq_june = repo.issue("2025-06", by=staff["manager"], now=NOW)
    with at_office(store, "OMY", "大宮支店"):
        clerk = MasterData(store).save_staff(name="大宮 一郎", kana="おおみや いちろう", team="損保", branch_code="OMY")
        theirs = [add_voice(store, clerk, "2025/6/2 10:00"), add_voice(store, clerk, "2025/6/30 18:00")]
        omy_june = repo.issue("2025-06", by=clerk, now=NOW)
        omy_may = repo.issue("2025-05", by=clerk, now=NOW)

    assert [v["uid"] for v in repo.voices("2025-06")] == [ours]  # this file's own office by default
    assert [v["uid"] for v in repo.voices("2025-06", "OMY")] == theirs
    assert repo.voices("2025-06", "YOK") == []  # an office with nothing that month
    assert repo.for_month("2025-06")["uid"] == hq_june and repo.for_month("2025-06", "OMY")["uid"] == omy_june
    assert repo.for_month("2025-05") is None
    assert [c["uid"] for c in repo.recent()] == [hq_june]
    assert [c["uid"] for c in repo.recent(office="OMY")] == [omy_june, omy_may]
    # A branch's circulation imported here is not head office staff's to read, nor head office's the branch's.
    assert [c["uid"] for c in repo.unread_for(staff["sato"])] == [hq_june]
    assert [c["uid"] for c in repo.unread_for(clerk)] == [omy_may, omy_june]
    assert {r.staff_uid for r in repo.readers(hq_june)} == set(staff.values())
    assert [r.staff_uid for r in repo.readers(omy_june)] == [clerk]
    repo.confirm_read(hq_june, clerk, now=NOW)  # one who read another office's all the same stays listed there
    assert clerk in {r.staff_uid for r in repo.readers(hq_june) if r.read_at}
