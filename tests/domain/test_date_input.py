"""Dates as people type or say them: every accepted form, era boundaries, the roll to tomorrow, precise reasons."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agency_app.domain import errors as E
from agency_app.domain.date_input import ERAS, era_text, read_date, read_datetime
from agency_app.domain.voice import parse_date, parse_datetime

NOW = datetime(2026, 12, 5, 14, 30, 20)  # a Saturday afternoon, Tokyo
TODAY = NOW.date()


def moment(text: str, now: datetime = NOW, **options):
    return read_datetime(text, now, **options).value


def day(text: str, today: date = TODAY):
    return read_date(text, today).value


# --- date-times ------------------------------------------------------------------------------------
@pytest.mark.parametrize("typed, expected", [
    ("2025/04/01 09:30", datetime(2025, 4, 1, 9, 30)),
    ("2025-04-01 9:30", datetime(2025, 4, 1, 9, 30)),
    ("2025-04-01T09:30", datetime(2025, 4, 1, 9, 30)),
    ("2025/04/01 09:30:15", datetime(2025, 4, 1, 9, 30, 15)),
    ("２０２５／０４／０１　０９：３０", datetime(2025, 4, 1, 9, 30)),
    ("2025年4月1日 9時", datetime(2025, 4, 1, 9, 0)),
    ("2025年4月1日9時30分", datetime(2025, 4, 1, 9, 30)),
    ("R7.4.1 10:00", datetime(2025, 4, 1, 10, 0)),
    ("令和7年4月1日 15時", datetime(2025, 4, 1, 15, 0)),
    ("2025/04/01 1500", datetime(2025, 4, 1, 15, 0)),
    ("15:00", datetime(2026, 12, 5, 15, 0)),
    ("15時", datetime(2026, 12, 5, 15, 0)),
    ("１５時", datetime(2026, 12, 5, 15, 0)),
    ("15時30分", datetime(2026, 12, 5, 15, 30)),
    ("15時半", datetime(2026, 12, 5, 15, 30)),
    ("1500", datetime(2026, 12, 5, 15, 0)),
    ("午後3時", datetime(2026, 12, 5, 15, 0)),
    ("pm3:00", datetime(2026, 12, 5, 15, 0)),
    ("明日 10時", datetime(2026, 12, 6, 10, 0)),
    ("明日10時", datetime(2026, 12, 6, 10, 0)),
    ("あした 10:00", datetime(2026, 12, 6, 10, 0)),
    ("明後日 9:30", datetime(2026, 12, 7, 9, 30)),
    ("今日 16時", datetime(2026, 12, 5, 16, 0)),
    ("本日16:00", datetime(2026, 12, 5, 16, 0)),
    ("昨日 9時", datetime(2026, 12, 4, 9, 0)),
    ("12/8 10:00", datetime(2026, 12, 8, 10, 0)),
    ("12月8日 10時", datetime(2026, 12, 8, 10, 0)),
    ("+2h", datetime(2026, 12, 5, 16, 30)),
    ("＋２ｈ", datetime(2026, 12, 5, 16, 30)),
    ("+30m", datetime(2026, 12, 5, 15, 0)),
    ("+30min", datetime(2026, 12, 5, 15, 0)),
    ("+1d", datetime(2026, 12, 6, 14, 30)),
    ("2時間後", datetime(2026, 12, 5, 16, 30)),
    ("２時間後", datetime(2026, 12, 5, 16, 30)),
    ("30分後", datetime(2026, 12, 5, 15, 0)),
    ("1日後", datetime(2026, 12, 6, 14, 30)),
])
def test_a_date_time_is_understood_as_it_is_said(typed, expected):
    assert moment(typed) == expected


@pytest.mark.parametrize("typed", ["930", "9:30", "9時半", "14:29", "午前10時"])
def test_a_time_already_past_means_tomorrow_and_says_so(typed):
    reading = read_datetime(typed, NOW)
    assert reading.value.date() == date(2026, 12, 6)
    assert reading.rolled_to_tomorrow


def test_the_current_minute_is_still_today_and_the_next_minute_too():
    for typed, expected in (("14:30", datetime(2026, 12, 5, 14, 30)), ("14:31", datetime(2026, 12, 5, 14, 31))):
        reading = read_datetime(typed, NOW)  # NOW is 14:30:20
        assert (reading.value, reading.rolled_to_tomorrow) == (expected, False)
    assert read_datetime("14:29", NOW).value == datetime(2026, 12, 6, 14, 29)


def test_an_explicit_day_never_rolls():
    reading = read_datetime("今日 9時", NOW)
    assert (reading.value, reading.rolled_to_tomorrow) == (datetime(2026, 12, 5, 9, 0), False)


def test_a_receipt_time_stays_today_even_when_past():
    reading = read_datetime("9時", NOW, roll_forward=False)
    assert (reading.value, reading.rolled_to_tomorrow) == (datetime(2026, 12, 5, 9, 0), False)


def test_late_evening_rolls_over_the_month_and_year_end():
    assert moment("9時", datetime(2026, 12, 31, 22, 0)) == datetime(2027, 1, 1, 9, 0)
    assert moment("+3h", datetime(2026, 12, 31, 22, 0)) == datetime(2027, 1, 1, 1, 0)


@pytest.mark.parametrize("typed, code, params", [
    ("2025/13/45 10:00", E.BAD_MONTH, {"month": 13}),
    ("2025/13/45 99:99", E.BAD_MONTH, {"month": 13}),  # the date's fault first
    ("2025/02/30 10:00", E.BAD_DAY, {"year": 2025, "month": 2, "day": 30, "last": 28}),
    ("25時", E.BAD_HOUR, {"hour": 25}),
    ("24:00", E.BAD_HOUR, {"hour": 24}),
    ("2500", E.BAD_HOUR, {"hour": 25}),
    ("15:75", E.BAD_MINUTE, {"minute": 75}),
    ("明日 25時", E.BAD_HOUR, {"hour": 25}),
    ("明日", E.TIME_MISSING, {"date": "2026/12/06"}),
    ("2025/04/01", E.TIME_MISSING, {"date": "2025/04/01"}),
    ("R7.4.1", E.TIME_MISSING, {"date": "2025/04/01"}),
    ("平成31年5月1日 10時", E.ERA_AFTER_END,
     {"era": "平成", "last": "2019/04/30", "last_era": "平成31年4月30日"}),
    ("15", E.BAD_DATETIME, {}),      # an hour or a day? the 時 is needed
    ("9:5", E.BAD_DATETIME, {}),     # probably 9:50 half typed: minutes take two digits
    ("そのうち", E.BAD_DATETIME, {}),
    ("", E.REQUIRED, {}),
])
def test_a_date_time_that_cannot_be_says_why(typed, code, params):
    reading = read_datetime(typed, NOW)
    assert (reading.value, reading.code, reading.params) == (None, code, params)


def test_unfinished_entries_are_told_apart_from_impossible_ones():
    # While typing, the field keeps quiet about the first kind and says the second at once.
    assert all(read_datetime(t, NOW).unfinished for t in ("1", "15", "2025/1", "明日", "+", "R7.4"))
    assert not any(read_datetime(t, NOW).unfinished for t in ("25時", "2025/13/45 10:00", "2025/2/30 9:00"))


# --- dates -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("typed, expected", [
    ("2025/04/01", date(2025, 4, 1)),
    ("2025/4/1", date(2025, 4, 1)),
    ("2025-04-01", date(2025, 4, 1)),
    ("2025.4.1", date(2025, 4, 1)),
    ("2025年4月1日", date(2025, 4, 1)),
    ("２０２５年４月１日", date(2025, 4, 1)),
    ("2025ー04ー01", date(2025, 4, 1)),  # the IME's long-vowel mark for a dash
    ("20250401", date(2025, 4, 1)),
    ("明日", date(2026, 12, 6)),
    ("今日", date(2026, 12, 5)),
    ("昨日", date(2026, 12, 4)),
    ("明後日", date(2026, 12, 7)),
    ("+3d", date(2026, 12, 8)),
    ("＋３ｄ", date(2026, 12, 8)),
    ("3日後", date(2026, 12, 8)),
    ("+1w", date(2026, 12, 12)),
    ("1週間後", date(2026, 12, 12)),
    ("2日前", date(2026, 12, 3)),
    ("12/20", date(2026, 12, 20)),
    ("12月20日", date(2026, 12, 20)),
    ("1/10", date(2027, 1, 10)),    # in December, January is next month's
    ("4/1", date(2027, 4, 1)),      # nearer ahead (4 months) than behind (8)
    ("7/1", date(2026, 7, 1)),      # nearer behind (5 months) than ahead (7)
    # eras
    ("令和7年4月1日", date(2025, 4, 1)),
    ("R7.4.1", date(2025, 4, 1)),
    ("r7.4.1", date(2025, 4, 1)),
    ("R7/4/1", date(2025, 4, 1)),
    ("R7-4-1", date(2025, 4, 1)),
    ("ｒ７．４．１", date(2025, 4, 1)),
    ("Ｒ７．４．１", date(2025, 4, 1)),
    ("令和７年４月１日", date(2025, 4, 1)),
    ("令和元年5月1日", date(2019, 5, 1)),
    ("令和1年5月1日", date(2019, 5, 1)),
    ("平成31年4月30日", date(2019, 4, 30)),
    ("H31.4.30", date(2019, 4, 30)),
    ("平成元年1月8日", date(1989, 1, 8)),
    ("昭和64年1月7日", date(1989, 1, 7)),
    ("昭和15年3月2日", date(1940, 3, 2)),
    ("S15.3.2", date(1940, 3, 2)),
    ("s15.3.2", date(1940, 3, 2)),
    ("㍼15.3.2", date(1940, 3, 2)),
    ("昭和元年12月25日", date(1926, 12, 25)),
    ("大正15年12月24日", date(1926, 12, 24)),
    ("T10.1.1", date(1921, 1, 1)),
    ("大正元年7月30日", date(1912, 7, 30)),
    ("明治45年7月29日", date(1912, 7, 29)),
])
def test_a_date_is_understood_as_it_is_written(typed, expected):
    assert day(typed) == expected


def test_a_year_less_date_is_the_nearest_one():
    assert day("12/20", date(2027, 1, 10)) == date(2026, 12, 20)   # in January, December is last month's
    assert day("2/29", date(2028, 1, 10)) == date(2028, 2, 29)


@pytest.mark.parametrize("typed, code, params", [
    ("2025/13/45", E.BAD_MONTH, {"month": 13}),
    ("2025/0/10", E.BAD_MONTH, {"month": 0}),
    ("2025/2/30", E.BAD_DAY, {"year": 2025, "month": 2, "day": 30, "last": 28}),
    ("2024/2/30", E.BAD_DAY, {"year": 2024, "month": 2, "day": 30, "last": 29}),
    ("2025/4/31", E.BAD_DAY, {"year": 2025, "month": 4, "day": 31, "last": 30}),
    ("2025/1/0", E.BAD_DAY, {"year": 2025, "month": 1, "day": 0, "last": 31}),
    ("2/30", E.BAD_DAY, {"month": 2, "day": 30, "last": 29}),  # no year typed: no year said
    ("2/29", E.BAD_DAY, {"year": 2026, "month": 2, "day": 29, "last": 28}),  # no leap year near
    ("13/1", E.BAD_MONTH, {"month": 13}),
    ("平成31年5月1日", E.ERA_AFTER_END, {"era": "平成", "last": "2019/04/30", "last_era": "平成31年4月30日"}),
    ("H31.5.1", E.ERA_AFTER_END, {"era": "平成", "last": "2019/04/30", "last_era": "平成31年4月30日"}),
    ("令和元年4月30日", E.ERA_BEFORE_START, {"era": "令和", "first": "2019/05/01", "first_era": "令和元年5月1日"}),
    ("R1.4.30", E.ERA_BEFORE_START, {"era": "令和", "first": "2019/05/01", "first_era": "令和元年5月1日"}),
    ("昭和64年1月8日", E.ERA_AFTER_END, {"era": "昭和", "last": "1989/01/07", "last_era": "昭和64年1月7日"}),
    ("平成元年1月7日", E.ERA_BEFORE_START, {"era": "平成", "first": "1989/01/08", "first_era": "平成元年1月8日"}),
    ("昭和元年12月24日", E.ERA_BEFORE_START, {"era": "昭和", "first": "1926/12/25", "first_era": "昭和元年12月25日"}),
    ("T15.12.25", E.ERA_AFTER_END, {"era": "大正", "last": "1926/12/24", "last_era": "大正15年12月24日"}),
    ("令和0年5月1日", E.ERA_BEFORE_START, {"era": "令和", "first": "2019/05/01", "first_era": "令和元年5月1日"}),
    ("昭和70年1月1日", E.ERA_AFTER_END, {"era": "昭和", "last": "1989/01/07", "last_era": "昭和64年1月7日"}),
    ("令和7年2月29日", E.BAD_DAY, {"year": 2025, "month": 2, "day": 29, "last": 28}),
    ("昭和31年", E.BAD_DATE, {}),
    ("明日 10時", E.BAD_DATE, {}),     # a time in a date field
    ("+2h", E.BAD_DATE, {}),
    ("25/4/1", E.BAD_DATE, {}),        # two-digit western years are not guessed
    ("", E.REQUIRED, {}),
])
def test_a_date_that_cannot_be_says_why(typed, code, params):
    reading = read_date(typed, TODAY)
    assert (reading.value, reading.code, reading.params) == (None, code, params)


def test_without_a_clock_only_whole_dates_are_understood():
    """Stored values and the CLI: parse_date / parse_datetime have no 'today' to place '4/1' or '15時'."""
    assert parse_date("2025-04-01") == date(2025, 4, 1)
    assert parse_date("R7.4.1") == date(2025, 4, 1)
    assert parse_date("2025-02-30") is None
    assert parse_datetime("2025-04-01 09:30") == datetime(2025, 4, 1, 9, 30)
    assert parse_datetime("令和7年4月1日 9時") == datetime(2025, 4, 1, 9, 0)
    assert all(parse_date(t) is None for t in ("4/1", "明日", "+3d"))
    assert all(parse_datetime(t) is None for t in ("15時", "+2h", "明日 10時"))


# --- properties ------------------------------------------------------------------------------------
def era_forms(d: date) -> list[str]:
    """Every notation of one date in its era: 令和7年4月1日, 令和７年４月１日, R7.4.1, r7/4/1, R7-4-1, 元年."""
    era = next(e for e in ERAS if e.first <= d and (e.last is None or d <= e.last))
    year = d.year - era.base
    wide = str.maketrans("0123456789.", "０１２３４５６７８９．")
    forms = [era_text(d), f"{era.name}{year}年{d.month}月{d.day}日",
             f"{era.letter.upper()}{year}.{d.month}.{d.day}", f"{era.letter}{year}/{d.month}/{d.day}",
             f"{era.letter.upper()}{year:02d}-{d.month:02d}-{d.day:02d}",
             f"{era.letter.upper()}{year}.{d.month}.{d.day}".translate(wide), era_text(d).translate(wide)]
    return forms


@given(st.dates(min_value=date(1873, 1, 1), max_value=date(2099, 12, 31)))
def test_any_date_written_in_its_era_reads_back_as_itself(d):
    for form in era_forms(d):
        assert read_date(form).value == d, form


@given(st.dates(min_value=date(1873, 1, 1), max_value=date(2099, 12, 31)))
def test_a_date_written_in_the_wrong_era_is_refused_with_the_era_named(d):
    """The same month and day under the era before or after its own never silently becomes another date."""
    own = next(i for i, e in enumerate(ERAS) if e.first <= d and (e.last is None or d <= e.last))
    for other in (ERAS[i] for i in (own - 1, own + 1) if 0 <= i < len(ERAS)):
        year = d.year - other.base
        if not 1 <= year <= 99:
            continue
        reading = read_date(f"{other.name}{year}年{d.month}月{d.day}日")
        if reading.ok:  # e.g. 昭和64年1月7日 typed for a day that is also in 昭和
            assert reading.value == d
        else:
            assert reading.code in (E.ERA_BEFORE_START, E.ERA_AFTER_END, E.BAD_DAY)
            if reading.code != E.BAD_DAY:
                assert reading.params["era"] == other.name


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 12, 31)),
       st.integers(min_value=0, max_value=23), st.integers(min_value=0, max_value=59))
def test_a_bare_time_is_never_in_the_past_and_within_a_day(now, hour, minute):
    reading = read_datetime(f"{hour}:{minute:02d}", now)
    start = now.replace(second=0, microsecond=0)
    assert start <= reading.value < start + timedelta(days=1)
    assert reading.rolled_to_tomorrow == (reading.value.date() != now.date())
    afternoon = 1 <= hour <= 7  # a call-back at 「3:00」 is 15:00 (see below)
    assert (reading.value.hour, reading.value.minute) == (hour + 12 if afternoon else hour, minute)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_any_date_in_the_canonical_and_kanji_forms_reads_back(d):
    for form in (d.strftime("%Y/%m/%d"), f"{d.year}/{d.month}/{d.day}", d.isoformat(),
                 f"{d.year}年{d.month}月{d.day}日", d.strftime("%Y%m%d")):
        assert read_date(form).value == d, form


@pytest.mark.parametrize("typed, expected", [
    ("明日の10時", datetime(2026, 12, 6, 10, 0)),
    ("あしたの10時", datetime(2026, 12, 6, 10, 0)),
    ("明日の午後3時", datetime(2026, 12, 6, 15, 0)),
    ("今日の16時", datetime(2026, 12, 5, 16, 0)),
    ("12月8日の10時", datetime(2026, 12, 8, 10, 0)),
    ("12/8の15:00", datetime(2026, 12, 8, 15, 0)),
])
def test_a_day_and_a_time_joined_by_no_as_said_on_the_phone(typed, expected):
    """「明日の10時」 is how a call-back is said (and typed) on the phone: the の between day and time is read."""
    assert moment(typed) == expected


# --- committed by the IME without converting (Enter straight after typing '15ji') -------------------
@pytest.mark.parametrize("typed, expected", [
    ("１５じ", datetime(2026, 12, 5, 15, 0)),
    ("15じはん", datetime(2026, 12, 5, 15, 30)),
    ("１５じ３０ふん", datetime(2026, 12, 5, 15, 30)),
    ("ごご3じ", datetime(2026, 12, 5, 15, 0)),
    ("ごぜん9じ", datetime(2026, 12, 6, 9, 0)),  # passed today: tomorrow, as 午前9時
    ("あした１０じ", datetime(2026, 12, 6, 10, 0)),
    ("あしたの10じ", datetime(2026, 12, 6, 10, 0)),
    ("2じかんご", datetime(2026, 12, 5, 16, 30)),
    ("30ぷんご", datetime(2026, 12, 5, 15, 0)),
    ("3にちご 10じ", datetime(2026, 12, 8, 10, 0)),
    ("4がつ1にち 9じ", datetime(2027, 4, 1, 9, 0)),
])
def test_hiragana_left_unconverted_reads_as_its_kanji(typed, expected):
    """Kana day words (あした) were read but kana units were not: '１５じ' said nothing understood."""
    assert moment(typed).replace(second=0) == expected


# --- a bare early hour in a call-back is the afternoon ----------------------------------------------------

@pytest.mark.parametrize("typed, expected", [
    ("3時", datetime(2026, 12, 5, 15, 0)),          # 「3時に折り返します」 at 10:00: this afternoon
    ("3:30", datetime(2026, 12, 5, 15, 30)),
    ("7時", datetime(2026, 12, 5, 19, 0)),          # the last hour read as the afternoon
    ("8時", datetime(2026, 12, 6, 8, 0)),           # 8時 is a morning hour: past at 10:00, so tomorrow
    ("午前3時", datetime(2026, 12, 6, 3, 0)),        # said so: the night, tomorrow
    ("午後3時", datetime(2026, 12, 5, 15, 0)),
    ("明日 3時", datetime(2026, 12, 6, 15, 0)),
    ("明日の午前7時", datetime(2026, 12, 6, 7, 0)),
    ("15時", datetime(2026, 12, 5, 15, 0)),
    ("0時", datetime(2026, 12, 6, 0, 0)),           # midnight is typed on purpose
])
def test_a_bare_early_hour_in_a_call_back_is_the_afternoon(typed, expected):
    assert read_datetime(typed, datetime(2026, 12, 5, 10, 0)).value == expected


def test_a_receipt_time_is_read_as_typed():
    """Only a promise lies ahead: a voice received at 3 a.m. (a night line) is 03:00."""
    assert read_datetime("3時", datetime(2026, 12, 5, 10, 0), roll_forward=False).value == datetime(2026, 12, 5, 3, 0)
