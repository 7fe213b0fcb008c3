"""Status on a past day (seed 000's status by origin) as a property: generated histories of one voice around a period.

A voice is received somewhere around a period (weeks before it, in it, just after) and moved through
VoiceRepository on later days: 対応中 and back, 完了 dated today or back to any day since its receipt (so
closings saved after a boundary can fall before it), 見送り, reopenings. A small model replays the moves:

- a move takes effect on its day; a closing on the day written on it (completed_on);
- the status at the end of a day is set by the last move, in the order made, in effect by then;
- received in the period → 受付; received before it and open at the end of the day before it, or reopened
  (taken out of 完了 / 見送り) within it → 繰越; otherwise not in the table;
- its bucket (完了 / 見送り / 対応中) is its status at the end of the period's last day.

status_at_end_of / reopened_within (domain/status_history.py) are checked against the same model on the
history as the voice's audit log tells it, and status_by_origin() (storage/status_by_origin.py), with its
index-only paths, against the model's one cell. A second property takes the voices closed once and never
reopened (most of them) with receipt and closing on the period's edges, where its date arithmetic shows.

Neither reaches the path for 見送り of older data without a completion day (the repositories always write
one); test_status_by_origin.py covers it by example.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from hypothesis import event, given, settings
from hypothesis import strategies as st

from agency_app.domain import codes
from agency_app.domain.periods import HALF, MONTH, QUARTER, Period
from agency_app.domain.status_history import OPEN, bucket, reopened_within, status_at_end_of
from agency_app.domain.voice import VoiceInput
from agency_app.domain.workflow import StatusChange
from agency_app.storage.status_by_origin import CARRIED_OVER, ORIGINS, RECEIVED, _histories, status_by_origin
from agency_app.storage.voices import VoiceRepository
from store_copies import fresh_store

NEW, IN_PROGRESS, DONE, DROPPED = codes.STATUSES
ONE_DAY = timedelta(days=1)

periods = st.one_of(st.just(Period(2022, HALF, 1)),
                    st.builds(Period, st.just(2022), st.just(QUARTER), st.integers(1, 4)),
                    st.builds(Period, st.just(2022), st.just(MONTH), st.integers(1, 12)))


@dataclass(frozen=True)
class Move:
    made: date        # the day it was saved
    status: str       # the status it set
    on: date          # the day it takes effect: completed_on for a closing, else the day made
    reopening: bool   # it took the voice out of 完了 or 見送り


def status_on(day: date, moves: list[Move]) -> str:
    status = NEW
    for move in moves:
        if move.on <= day:
            status = move.status
    return status


def origin(received: date, period: Period, moves: list[Move]) -> str | None:
    if period.contains(received):
        return RECEIVED
    if received < period.start and (
            bucket(status_on(period.start - ONE_DAY, moves)) == OPEN
            or any(m.reopening and period.contains(m.made) for m in moves)):
        return CARRIED_OVER
    return None


@st.composite
def histories(draw):
    """(period, receipt time, [(moment, StatusChange, Move)]): a valid history of one voice.

    Receipt and moves fall anywhere from two months before the period to two months after it, and often
    within a few days of its first or last day, where a slip of one day shows.
    """
    period = draw(periods)
    first, last = period.start, period.end

    def near(day: date) -> st.SearchStrategy[date]:
        return st.integers(-1, 1).map(lambda k: day + timedelta(days=k))
    before_first = st.integers(1, 3).map(lambda k: first - timedelta(days=k))
    days = st.one_of(near(first), near(last), st.dates(first - timedelta(days=60), last + timedelta(days=60)))
    received = datetime.combine(draw(st.one_of(before_first, days)), datetime.min.time()) + timedelta(
        minutes=draw(st.integers(0, 1439)))
    # moves on the days around the boundaries, often several on one day (対応中, then 完了 dated back)
    made = sorted(d for d in draw(st.lists(days, max_size=8)) if d >= received.date())
    now, status, steps = received, NEW, []
    for day in made:
        now = max(now, datetime.combine(day, datetime.min.time())) + timedelta(minutes=draw(st.integers(0, 120)))
        today = now.date()
        if status in (NEW, IN_PROGRESS):
            toggle = NEW if status == IN_PROGRESS else IN_PROGRESS
            to = draw(st.sampled_from([DONE, DONE, DROPPED, DROPPED, toggle, toggle]))
        else:
            to = IN_PROGRESS
        if to == DONE:
            # dated back to just before the period, or a few days (saved on Monday for Friday), or to just
            # after the period, or to any day since the receipt
            on = draw(st.one_of(before_first, st.integers(0, 5).map(lambda k: today - timedelta(days=k)),
                                near(last + ONE_DAY), st.dates(received.date(), today)))
            on = min(max(on, received.date()), today)
            change = StatusChange(DONE, response="対応済", completed_on=on.isoformat(), completed_by="?")
        elif to == DROPPED:
            on, change = today, StatusChange(DROPPED, close_reason="ご意向")
        else:
            on, change = today, StatusChange(to, reopen_reason="再度のお申し出" if status in (DONE, DROPPED) else "")
        steps.append((now, change, Move(today, to, on, status in (DONE, DROPPED))))
        status = to
    return period, received, steps


# Twice the profile's examples (300 in the usual run): each is a copied database and a few writes.
@settings(deadline=None, max_examples=settings.default.max_examples * 2)
@given(histories())
def test_the_bucket_on_the_last_day_is_the_models(history):
    period, received, steps = history
    store, (by, _) = fresh_store()
    try:
        repo = VoiceRepository(store)
        uid = repo.create(VoiceInput(received_at=f"{received:%Y/%m/%d %H:%M}", summary="VOG"), by=by, now=received)
        for moment, change, _move in steps:
            repo.change_status(uid, replace(change, completed_by=by if change.completed_by else ""), by=by, now=moment)
        moves = [move for _, _, move in steps]

        # the domain's reading of the audit log agrees with the model, day by day
        row = repo.get(uid)
        [(initial, events)] = _histories(store.conn, [(uid, row["status"], row["completed_on"])])
        assert initial == NEW
        days = {period.start - ONE_DAY, period.start, period.end, period.end + ONE_DAY, received.date(),
                *(m.made for m in moves), *(m.on for m in moves)}
        for day in sorted(days):
            assert status_at_end_of(day.isoformat(), initial, events) == status_on(day, moves), day
        assert reopened_within(period.start.isoformat(), period.end.isoformat(), events) == any(
            m.reopening and period.contains(m.made) for m in moves)

        # the table: exactly the model's one cell, or nothing
        found = status_by_origin(store.conn, period)
        where = origin(received.date(), period, moves)
        expected = {(where, bucket(status_on(period.end, moves)))} if where else set()
        cells = {(o, s) for o in ORIGINS for s, n in found.cells[o].items() if n}
        event(f"{where or 'not counted'} {next(iter(expected))[1] if expected else ''}".strip())
        assert cells == expected
        assert found.count() == len(expected)
    finally:
        store.close()


def boundary_days(period: Period) -> st.SearchStrategy[date]:
    """A day on or next to one of the period's edges, or anywhere from a month before it to a month after."""
    edges = (period.start - ONE_DAY, period.start, period.end, period.end + ONE_DAY)
    return st.one_of(st.sampled_from(edges), st.dates(period.start - timedelta(days=31), period.end + timedelta(days=31)))


@given(periods, st.data())
def test_a_voice_closed_once_is_counted_by_its_receipt_and_closing_days_alone(period, data):
    """Seed 000's definitions without a replay: received within → 受付; received before and closed on or after
    the first day, or not yet → 繰越; 完了 / 見送り when closed by the last day, else 対応中. Most voices live
    this way; status_by_origin counts them from completed_on through its index-only paths."""
    received = datetime.combine(data.draw(boundary_days(period), label="received"), datetime.min.time()) + \
        timedelta(minutes=data.draw(st.sampled_from([0, 600, 1439]), label="minute"))
    status = data.draw(st.sampled_from([DONE, DROPPED, IN_PROGRESS]), label="status")
    closed = data.draw(boundary_days(period).filter(lambda d: d >= received.date()), label="closed on")
    saved = closed if status != DONE else data.draw(st.sampled_from([closed, closed + ONE_DAY, closed + 5 * ONE_DAY]),
                                                    label="saved on")
    store, (by, _) = fresh_store()
    try:
        repo = VoiceRepository(store)
        uid = repo.create(VoiceInput(received_at=f"{received:%Y/%m/%d %H:%M}", summary="VOG"), by=by, now=received)
        change = {DONE: StatusChange(DONE, response="対応済", completed_on=closed.isoformat(), completed_by=by),
                  DROPPED: StatusChange(DROPPED, close_reason="ご意向"), IN_PROGRESS: StatusChange(IN_PROGRESS)}[status]
        repo.change_status(uid, change, by=by, now=max(received, datetime.combine(saved, datetime.min.time())))
        day = received.date()
        is_closed = status != IN_PROGRESS
        where = RECEIVED if period.contains(day) else (
            CARRIED_OVER if day < period.start and (not is_closed or closed >= period.start) else None)
        expected = {(where, status if is_closed and closed <= period.end else OPEN)} if where else set()
        found = status_by_origin(store.conn, period)
        assert {(o, s) for o in ORIGINS for s, n in found.cells[o].items() if n} == expected
    finally:
        store.close()
