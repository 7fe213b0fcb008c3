"""R16 as properties: 満年齢 and who is elderly, for every date of birth and day, not only the birthdays chosen in examples.

The reference here counts birthdays one by one (age.py subtracts years and compares month and day), with the
rule of 年齢計算ニ関スル法律 as age.py states it: the new age from the birthday itself, and for a 29 February
birth in a common year from 1 March.
"""

import calendar
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from agency_app.domain import codes
from agency_app.domain.age import age_on, birthday_in
from agency_app.domain.elderly import ElderlyRules, SaleRecord, in_strict_band, is_elderly

ONE_DAY = timedelta(days=1)
births = st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31))
# 29 February is one day in 1,461: ask for it often enough that every run meets it.
births_with_leap_days = st.one_of(births, st.sampled_from(
    [date(y, 2, 29) for y in range(1904, 2025, 4)] + [date(1900, 2, 28), date(1900, 3, 1)]))
thresholds = st.integers(min_value=50, max_value=100)
lines = st.sampled_from(codes.PRODUCT_LINES)


def birthday(birth: date, year: int) -> date:
    """The day in `year` from which the person has the new age."""
    if (birth.month, birth.day) == (2, 29) and not calendar.isleap(year):
        return date(year, 3, 1)
    return date(year, birth.month, birth.day)


def reference_age(birth: date, day: date) -> int:
    """Birthdays passed by the end of `day`, counted one by one."""
    return sum(1 for year in range(birth.year + 1, day.year + 1) if birthday(birth, year) <= day)


@given(births_with_leap_days, st.integers(min_value=0, max_value=120 * 366))
def test_age_is_the_number_of_birthdays_reached(birth, days_after):
    day = birth + timedelta(days=days_after)
    assert age_on(birth, day) == reference_age(birth, day)


@given(births_with_leap_days, st.integers(min_value=0, max_value=120 * 366), st.integers(min_value=0, max_value=800))
def test_age_never_decreases(birth, days_after, more):
    day = birth + timedelta(days=days_after)
    assert age_on(birth, day) <= age_on(birth, day + timedelta(days=more))


@given(births_with_leap_days, st.integers(min_value=1, max_value=120))
def test_age_rises_by_exactly_one_on_the_birthday(birth, years):
    year = birth.year + years
    day = birthday_in(birth, year)
    assert day == birthday(birth, year)  # 29 February → 1 March in a common year
    assert age_on(birth, day) == years
    assert age_on(birth, day - ONE_DAY) == years - 1
    assert age_on(birth, day + ONE_DAY) == years


@given(births_with_leap_days, thresholds, lines, st.integers(min_value=-800, max_value=800))
def test_is_elderly_switches_exactly_on_the_threshold_birthday(birth, threshold, line, offset):
    rules = ElderlyRules(thresholds={g: threshold for g in codes.PRODUCT_GROUPS})
    turns = birthday(birth, birth.year + threshold)
    assert not is_elderly(birth, turns - ONE_DAY, line, rules)
    assert is_elderly(birth, turns, line, rules)
    sale = turns + timedelta(days=offset)
    assert is_elderly(birth, sale, line, rules) == (sale >= turns)


@given(births_with_leap_days, st.fixed_dictionaries({g: thresholds for g in codes.PRODUCT_GROUPS}), lines,
       st.integers(min_value=0, max_value=120 * 366))
def test_each_product_line_is_judged_by_its_own_groups_threshold(birth, per_group, line, days_after):
    sale = birth + timedelta(days=days_after)
    rules = ElderlyRules(thresholds=per_group)
    turns = birthday(birth, birth.year + per_group[codes.product_group(line)])
    assert is_elderly(birth, sale, line, rules) == (sale >= turns)


@given(births_with_leap_days, thresholds, st.sampled_from(["life", "nonlife_auto", "nonlife_fire"]))
def test_the_strict_band_starts_exactly_on_its_birthday(birth, strict, line):
    rules = ElderlyRules(strict_age=strict)
    turns = birthday(birth, birth.year + strict)

    def face_to_face_on(day):
        return SaleRecord(sale_date=day, product_line=line, seller_id="s", face_to_face=True)
    assert not in_strict_band(birth, face_to_face_on(turns - ONE_DAY), rules)
    assert in_strict_band(birth, face_to_face_on(turns), rules)


@given(births_with_leap_days, thresholds)
def test_no_one_is_elderly_before_birth_or_without_a_date_of_birth(birth, threshold):
    rules = ElderlyRules(thresholds={g: threshold for g in codes.PRODUCT_GROUPS})
    assert not is_elderly(birth, birth - ONE_DAY, "life", rules)
    assert not is_elderly(None, birth, "life", rules)
