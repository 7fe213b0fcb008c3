"""Any text typed or pasted into a parser or validator gives a value or a validation message, never an exception."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain import date_input, elderly_entry
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.voice import VoiceInput, validate_voice

NOW = datetime(2025, 11, 20, 10, 0)

# Text as it arrives: digits, date marks and era letters mixed in (the shapes parsers look for), then anything.
_DATEY = st.text(alphabet="0123456789９１/-.年月日時分:RrHhSsTt令和平成昭 ー", max_size=30)
_NEAR_DATES = st.builds("{0.year}/{0.month}/{0.day}{1}".format, st.dates(), st.sampled_from(["", " 10:00", " 25時"]))
ANY_TEXT = st.one_of(_DATEY, st.text(max_size=60), _NEAR_DATES,
                     st.from_regex(r"\d{1,15}[-/.]\d{1,15}[-/.]\d{1,15}", fullmatch=True))


def voice(**changes) -> VoiceInput:
    values = dict(received_at="2025/11/20 09:30", channel="phone", kind=codes.KIND_DISSATISFACTION,
                  summary="更新の案内が届かなかった")
    values.update(changes)
    return VoiceInput(**values)


def validates(entry: VoiceInput, now: datetime = NOW) -> dict[str, str]:
    """The field → code of every problem; {} when the entry was accepted."""
    try:
        validate_voice(entry, now=now)
    except ValidationFailed as failed:
        return {e.field: e.code for e in failed.errors}
    return {}


@pytest.mark.parametrize("now", [NOW, datetime(9999, 12, 31, 23, 0)])
def test_a_receipt_in_the_last_days_of_year_9999_is_refused_not_a_crash(now):
    """The default due date runs past 9999/12/31: the receipt is refused with a message."""
    assert "received_at" in validates(voice(received_at="9999/12/30 10:00"), now)
    assert validates(voice(received_at="9999/12/30 10:00", kind=codes.KIND_PRAISE), now)["received_at"] in (
        E.BAD_DATE, E.IN_FUTURE)


@given(received=ANY_TEXT, due=ANY_TEXT, callback=ANY_TEXT)
def test_any_dates_typed_in_a_voice_give_a_result_or_messages(received, due, callback):
    validates(voice(received_at=received, due_date=due, callback_at=callback))


@given(ANY_TEXT)
def test_any_text_in_an_elderly_date_field_is_a_date_or_none(text):
    assert elderly_entry.parse_day(text) is None or isinstance(elderly_entry.parse_day(text), date)
    days = elderly_entry.parse_days(text)
    assert days is None or all(isinstance(d, date) for d in days)


@pytest.mark.parametrize("typed", ["99999999999-1-1", "R99999999999.1.1", "99999999999年1月1日", "0-1-1"])
def test_huge_or_zero_years_are_not_dates(typed):
    assert elderly_entry.parse_day(typed) is None


def test_a_time_past_on_the_last_day_of_the_calendar_is_not_a_crash():
    """A call-back '0時' typed on 9999/12/31 would roll to a tomorrow that does not exist (the long run found it)."""
    assert date_input.read_datetime("0時", datetime(9999, 12, 31, 23, 59)).code == E.BAD_DATE


@given(ANY_TEXT)
def test_any_text_reads_as_a_date_or_a_reason(text):
    for reading in (date_input.read_date(text), date_input.read_date(text, date(2025, 11, 20)),
                    date_input.read_date(text, date(9999, 12, 31)), date_input.read_date(text, date(1, 1, 1)),
                    date_input.read_datetime(text), date_input.read_datetime(text, NOW),
                    date_input.read_datetime(text, datetime(9999, 12, 31, 23, 59))):
        assert (reading.value is None) == bool(reading.code)  # a value, or the reason there is none
