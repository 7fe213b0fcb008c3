"""Age from a date of birth (R16): 満年齢 as Japanese law counts it, never typed by staff.

Under 年齢計算ニ関スル法律 and 民法 143, a person becomes a year older at the end of the
day before their birthday, so on the birthday itself they have the new age. Someone born
on 29 February has no birthday in a common year; the year ends with the last day of
February, so they are the new age from 1 March.
"""

from __future__ import annotations

from datetime import date

MAX_AGE = 120  # a date of birth further back than this is a typing mistake


def age_on(birth: date, day: date) -> int:
    """Completed years on `day` (0 before the first birthday); `day` must not precede `birth`."""
    if day < birth:
        raise ValueError("day before date of birth")
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    return years


def birthday_in(birth: date, year: int) -> date:
    """The day in `year` on which the person has the new age (1 March for a 29 February birth in a common year)."""
    try:
        return birth.replace(year=year)
    except ValueError:  # 29 February in a common year
        return date(year, 3, 1)
