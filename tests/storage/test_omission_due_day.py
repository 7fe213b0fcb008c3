"""R23 follow-up omissions at their boundary: closing ON the due date is on time, the day after is late.

Each record goes through the repositories as staff would move it (create, tick, 完了 / 見送り, reopen), so the
figure checked is the one the counts tab and the report show.
"""

from datetime import date, datetime

import pytest

from agency_app.domain import codes
from agency_app.domain.cases import DOCUMENT_REQUEST, CaseInput
from agency_app.domain.periods import Period
from agency_app.domain.voice import VoiceInput
from agency_app.domain.workflow import StatusChange
from agency_app.storage.cases import CaseRepository
from agency_app.storage.counts import CLOSED_LATE, REOPENED, follow_up_omissions
from agency_app.storage.voices import VoiceRepository

RECEIVED = datetime(2025, 6, 2, 10, 0)
DUE = date(2025, 6, 5)
FY2025 = Period(2025)


def at(day: date, hour: int = 15) -> datetime:
    return datetime(day.year, day.month, day.day, hour)


class Voices:
    kind = "voice"

    def __init__(self, store, staff):
        self.repo, self.by = VoiceRepository(store), staff

    def open(self) -> str:
        return self.repo.create(VoiceInput(received_at="2025/06/02 10:00", summary="保険証券が届かない",
                                           due_date=DUE.isoformat()), by=self.by, now=RECEIVED)

    def move(self, uid: str, change: StatusChange, day: date) -> None:
        self.repo.change_status(uid, change, by=self.by, now=at(day))


class Cases(Voices):
    kind = "case"

    def __init__(self, store, staff):
        self.repo, self.by = CaseRepository(store), staff

    def open(self) -> str:
        uid = self.repo.create(CaseInput(case_type=DOCUMENT_REQUEST, title="パンフレット送付",
                                         opened_on="2025/06/02", due_date=DUE.isoformat()), by=self.by, now=RECEIVED)
        for step in self.repo.steps(uid):
            self.repo.set_step(step["uid"], True, by=self.by, now=RECEIVED)
        return uid


@pytest.fixture(params=[Voices, Cases], ids=["voice", "case"])
def records(request, store, staff):
    return request.param(store, staff["sato"])


def done(by: str, day: date) -> StatusChange:
    return StatusChange(codes.STATUS_DONE, response="対応済み", completed_on=day.isoformat(), completed_by=by)


def dropped() -> StatusChange:
    return StatusChange(codes.STATUS_DROPPED, close_reason="お客様のご意向で不要")


def reopen() -> StatusChange:
    return StatusChange(codes.STATUS_IN_PROGRESS, reopen_reason="お客様から再度のご連絡")


def omissions(store):
    return follow_up_omissions(store.conn, FY2025)


def test_done_on_the_due_date_is_on_time_the_day_after_is_late(store, records):
    on_time, late = records.open(), records.open()
    records.move(on_time, done(records.by, DUE), DUE)
    records.move(late, done(records.by, date(2025, 6, 6)), date(2025, 6, 6))
    found = omissions(store)
    assert [(r.kind, r.uid, r.reason, r.due_date, r.closed_on) for r in found.records] == [
        (records.kind, late, CLOSED_LATE, "2025-06-05", "2025-06-06")]


def test_dropped_on_the_due_date_is_on_time_the_day_after_is_late(store, records):
    on_time, late = records.open(), records.open()
    records.move(on_time, dropped(), DUE)   # 見送り is dated the day staff close it
    records.move(late, dropped(), date(2025, 6, 6))
    found = omissions(store)
    assert [(r.uid, r.reason, r.closed_on, r.status) for r in found.records] == [
        (late, CLOSED_LATE, "2025-06-06", codes.STATUS_DROPPED)]


def test_done_on_the_due_date_after_a_reopen_from_dropped_is_no_omission(store, records):
    """A record that has been reopened is looked at closely; its closing on the due date is still on time."""
    uid = records.open()
    records.move(uid, dropped(), date(2025, 6, 3))
    records.move(uid, reopen(), date(2025, 6, 4))  # a change of mind, not a mistake
    records.move(uid, done(records.by, DUE), DUE)
    assert omissions(store).count() == 0
    records.move(uid, reopen(), DUE)                # now it left 完了: that is an omission
    records.move(uid, done(records.by, DUE), DUE)
    assert [(r.reason, r.closed_on) for r in omissions(store).records] == [(REOPENED, "2025-06-05")]


def test_a_record_reopened_twice_from_done_counts_once_from_its_first_reopen(store, records):
    uid = records.open()
    records.move(uid, done(records.by, date(2025, 6, 3)), date(2025, 6, 3))
    records.move(uid, reopen(), date(2025, 6, 4))
    records.move(uid, done(records.by, date(2025, 6, 4)), date(2025, 6, 4))
    records.move(uid, reopen(), DUE)
    found = omissions(store)
    assert [(r.uid, r.reason, r.closed_on, r.status) for r in found.records] == [
        (uid, REOPENED, "2025-06-04", codes.STATUS_IN_PROGRESS)]
    assert found.records_affected == 1


def test_a_reopen_from_dropped_is_no_omission(store, records):
    uid = records.open()
    records.move(uid, dropped(), date(2025, 6, 3))
    records.move(uid, reopen(), date(2025, 6, 4))
    assert omissions(store).records == ()


def test_closed_late_reopened_and_closed_on_the_due_date_counts_only_the_reopen(store, records):
    """Its current state counts: the late 見送り was undone, the 完了 on the due date is on time."""
    uid = records.open()
    records.move(uid, dropped(), date(2025, 6, 9))
    assert [r.reason for r in omissions(store).records] == [CLOSED_LATE]
    records.move(uid, reopen(), date(2025, 6, 10))
    records.move(uid, done(records.by, DUE), date(2025, 6, 10))  # the work was done on the due date
    assert omissions(store).records == ()


def test_a_dropped_record_of_older_data_is_dated_by_its_last_drop_not_its_first(store, records):
    """Older data has 見送り without a closing day: the day of its last status change to 見送り stands in."""
    uid = records.open()
    records.move(uid, dropped(), date(2025, 6, 3))   # on time …
    records.move(uid, reopen(), date(2025, 6, 10))
    records.move(uid, dropped(), date(2025, 6, 20))  # … but the closing that stands is late
    table = "voices" if records.kind == "voice" else "cases"
    with store.write() as db:
        db.conn.execute(f"UPDATE {table} SET completed_on = NULL WHERE uid = ?", (uid,))
    assert [(r.reason, r.closed_on) for r in omissions(store).records] == [(CLOSED_LATE, "2025-06-20")]
