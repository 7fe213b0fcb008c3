"""R1 as properties: for every day from 1950 to 2100 and every kind of period, not only the boundaries someone chose.

The examples in test_periods.py pin the known edges (31 March, 1 April, Q4 in the next calendar year); these
check that the rules hold everywhere, against arithmetic written here rather than periods.py's own.
"""

from datetime import date, datetime, time, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from agency_app.domain.periods import (
    HALF, MONTH, QUARTER, YEAR, Period, fiscal_year_of, period_of, to_tokyo,
)

FIRST, LAST = date(1950, 1, 1), date(2100, 12, 31)
days = st.dates(min_value=FIRST, max_value=LAST)
kinds = st.sampled_from([YEAR, HALF, QUARTER, MONTH])
PARTS = {YEAR: (0,), HALF: (1, 2), QUARTER: (1, 2, 3, 4), MONTH: tuple(range(1, 13))}
ONE_DAY = timedelta(days=1)


def fiscal_year(day: date) -> int:
    """R1 in words: a day before 1 April belongs to the fiscal year that began the April before."""
    return day.year if day >= date(day.year, 4, 1) else day.year - 1


@given(days, kinds)
def test_the_period_of_a_day_contains_it(day, kind):
    period = period_of(day, kind)
    assert period.contains(day)
    assert period.start <= day <= period.end
    assert period.kind == kind and period.fiscal_year == fiscal_year(day) == fiscal_year_of(day)


@given(days, st.sampled_from([HALF, QUARTER, MONTH]))
def test_exactly_one_part_of_its_fiscal_year_contains_a_day(day, kind):
    containing = [n for n in PARTS[kind] if Period(fiscal_year(day), kind, n).contains(day)]
    assert len(containing) == 1
    assert Period(fiscal_year(day), kind, containing[0]) == period_of(day, kind)
    # and no part of the fiscal year before or after holds it
    assert not any(Period(fiscal_year(day) + step, kind, n).contains(day) for step in (-1, 1) for n in PARTS[kind])


@given(st.integers(min_value=1950, max_value=2100))
def test_fiscal_year_n_runs_from_1_april_n_to_31_march_n_plus_1(n):
    year = Period(n)
    assert (year.start, year.end) == (date(n, 4, 1), date(n + 1, 3, 31))
    assert year.bounds_text() == (f"{n:04d}-04-01", f"{n + 1:04d}-04-01")
    assert not year.contains(date(n, 3, 31)) and not year.contains(date(n + 1, 4, 1))


@given(st.integers(min_value=1950, max_value=2100), st.sampled_from([HALF, QUARTER, MONTH]))
def test_the_parts_of_a_fiscal_year_tile_it_in_order(n, kind):
    parts = [Period(n, kind, number) for number in PARTS[kind]]
    if kind == MONTH:  # months in fiscal order: April … December, January … March
        parts.sort(key=lambda p: p.start)
        assert [p.number for p in parts] == [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]
    assert parts[0].start == date(n, 4, 1) and parts[-1].end == date(n + 1, 3, 31)
    for before, after in zip(parts, parts[1:]):
        assert before.end + ONE_DAY == after.start
    assert sum((p.end - p.start).days + 1 for p in parts) == (Period(n).end - Period(n).start).days + 1


@given(days, kinds)
def test_consecutive_periods_leave_no_gap_and_no_overlap(day, kind):
    period = period_of(day, kind)
    following = period_of(period.end + ONE_DAY, kind)
    preceding = period_of(period.start - ONE_DAY, kind)
    assert following.start == period.end + ONE_DAY and following != period
    assert preceding.end == period.start - ONE_DAY and preceding != period
    assert not following.contains(period.end) and not preceding.contains(period.start)
    assert period_of(period.start, kind) == period_of(period.end, kind) == period


@given(days, st.integers(min_value=-400, max_value=400), kinds,
       st.times(), st.booleans())
def test_bounds_text_selects_exactly_the_days_contains_accepts(day, offset, kind, moment, with_time):
    """The SQL ranges (column >= start AND column < after) on 'YYYY-MM-DD' and 'YYYY-MM-DD HH:MM' text."""
    other = day + timedelta(days=offset)
    if not FIRST <= other <= LAST:
        other = day
    period = period_of(other, kind)
    start, after = period.bounds_text()
    text = f"{day.isoformat()} {moment:%H:%M}" if with_time else day.isoformat()
    assert (start <= text < after) == period.contains(day)


# Every offset a clock may be set to (UTC−12 … UTC+14), to the minute.
offsets = st.integers(min_value=-12 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m)))


@given(st.datetimes(min_value=datetime(1950, 1, 2), max_value=datetime(2100, 12, 30)), offsets)
def test_to_tokyo_is_utc_plus_nine(wall, zone):
    moment = wall.replace(tzinfo=zone)
    utc = wall - zone.utcoffset(None)
    local = to_tokyo(moment)
    assert local.tzinfo is None
    assert local == utc + timedelta(hours=9)
    assert to_tokyo(local) == local  # naive is already Tokyo time


@given(days)
def test_a_receipt_just_before_tokyo_midnight_and_just_after_fall_on_consecutive_days(day):
    midnight_utc = datetime.combine(day, time(0, 0), tzinfo=timezone(timedelta(hours=9))).astimezone(timezone.utc)
    before, after = to_tokyo(midnight_utc - timedelta(minutes=1)), to_tokyo(midnight_utc)
    assert (before.date(), after.date()) == (day - ONE_DAY, day)
    assert after.time() == time(0, 0)
