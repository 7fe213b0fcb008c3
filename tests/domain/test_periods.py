"""R1: fiscal year from 1 April, halves, quarters, months; a record belongs to its Tokyo receipt date."""

from datetime import date, datetime, timedelta, timezone

import pytest

from agency_app.domain.periods import (
    HALF, MONTH, QUARTER, YEAR, Period, fiscal_year_of, now_tokyo, period_of, to_tokyo,
)


def test_march_31_is_last_day_of_previous_fiscal_year_q4_and_second_half():
    day = date(2026, 3, 31)
    assert fiscal_year_of(day) == 2025
    assert period_of(day, YEAR) == Period(2025)
    assert period_of(day, HALF) == Period(2025, HALF, 2)
    assert period_of(day, QUARTER) == Period(2025, QUARTER, 4)
    assert period_of(day, HALF).label_ja() == "2025年度 下期"
    assert period_of(day, QUARTER).label_ja() == "2025年度 Q4"


def test_april_1_starts_new_fiscal_year_q1_and_first_half():
    day = date(2026, 4, 1)
    assert fiscal_year_of(day) == 2026
    assert period_of(day, HALF) == Period(2026, HALF, 1)
    assert period_of(day, QUARTER) == Period(2026, QUARTER, 1)
    assert period_of(day, YEAR).label_ja() == "2026年度"
    assert period_of(day, HALF).label_ja() == "2026年度 上期"
    assert period_of(day, QUARTER).label_ja() == "2026年度 Q1"


def test_fiscal_year_runs_from_april_1_to_march_31_of_next_calendar_year():
    year = Period(2025)
    assert (year.start, year.end) == (date(2025, 4, 1), date(2026, 3, 31))
    assert year.bounds_text() == ("2025-04-01", "2026-04-01")


@pytest.mark.parametrize("number, start, end", [
    (1, date(2025, 4, 1), date(2025, 9, 30)),   # 上期 April–September
    (2, date(2025, 10, 1), date(2026, 3, 31)),  # 下期 October–March
])
def test_halves(number, start, end):
    half = Period(2025, HALF, number)
    assert (half.start, half.end) == (start, end)


@pytest.mark.parametrize("number, start, end", [
    (1, date(2025, 4, 1), date(2025, 6, 30)),
    (2, date(2025, 7, 1), date(2025, 9, 30)),
    (3, date(2025, 10, 1), date(2025, 12, 31)),
    (4, date(2026, 1, 1), date(2026, 3, 31)),   # Q4 of 2025年度 lies in calendar 2026
])
def test_quarters(number, start, end):
    quarter = Period(2025, QUARTER, number)
    assert (quarter.start, quarter.end) == (start, end)


def test_every_day_of_a_fiscal_year_falls_in_exactly_one_quarter_half_and_month():
    day = date(2027, 4, 1)  # 2027年度 contains 29 February 2028
    while day <= date(2028, 3, 31):
        for kind, count in ((HALF, 2), (QUARTER, 4)):
            holders = [n for n in range(1, count + 1) if Period(2027, kind, n).contains(day)]
            assert holders == [period_of(day, kind).number], (day, kind)
        assert [m for m in range(1, 13) if Period(2027, MONTH, m).contains(day)] == [day.month]
        day += timedelta(days=1)


def test_month_periods_belong_to_the_fiscal_year_and_show_the_calendar_month():
    january = period_of(date(2026, 1, 15), MONTH)
    assert january == Period(2025, MONTH, 1)
    assert (january.start, january.end) == (date(2026, 1, 1), date(2026, 1, 31))
    assert january.label_ja() == "2026年1月"
    april = period_of(date(2025, 4, 30), MONTH)
    assert (april.start, april.end, april.label_ja()) == (date(2025, 4, 1), date(2025, 4, 30), "2025年4月")
    assert Period(2027, MONTH, 2).end == date(2028, 2, 29)
    assert Period(2025, MONTH, 3).bounds_text() == ("2026-03-01", "2026-04-01")


@pytest.mark.parametrize("kind, number", [
    (QUARTER, 0), (QUARTER, 5), (HALF, 0), (HALF, 3), (MONTH, 0), (MONTH, 13), (YEAR, 1),
])
def test_impossible_periods_are_refused(kind, number):
    with pytest.raises(ValueError, match=f"{kind} number out of range: {number}"):
        Period(2025, kind, number)


def test_unknown_period_kinds_are_refused():
    with pytest.raises(ValueError, match="unknown period kind: 'week'"):
        Period(2025, "week", 1)
    with pytest.raises(ValueError, match="unknown period kind: 'week'"):
        period_of(date(2025, 4, 1), "week")


def test_receipt_just_after_midnight_in_tokyo_counts_for_the_new_fiscal_year():
    # 15:30 UTC on 31 March is 00:30 on 1 April in Tokyo.
    moment = datetime(2026, 3, 31, 15, 30, tzinfo=timezone.utc)
    local = to_tokyo(moment)
    assert local == datetime(2026, 4, 1, 0, 30)
    assert fiscal_year_of(local.date()) == 2026
    assert to_tokyo(datetime(2026, 3, 31, 23, 0)) == datetime(2026, 3, 31, 23, 0)  # naive = local already


def test_now_tokyo_is_naive_local_time_nine_hours_ahead_of_utc():
    now = now_tokyo()
    utc = datetime.now(timezone.utc).replace(tzinfo=None)
    assert now.tzinfo is None
    assert abs((now - utc) - timedelta(hours=9)) < timedelta(seconds=5)
