"""Dates and date-times as people type or say them ('15時', '明日 10時', '+2h', 'R7.4.1', '4/1') → a value or a reason."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from agency_app.domain import errors as E
from agency_app.domain.errors import FieldError

# --- eras -------------------------------------------------------------------------------------------
# Each era: its name, the letter of the short form (R7.4.1), its first and last day. Meiji is taken from 明治6年1月1日, the day Japan adopted the Gregorian
# calendar: earlier Meiji dates are lunar-calendar dates and cannot be converted by arithmetic.


@dataclass(frozen=True)
class Era:
    name: str
    letter: str
    first: date
    last: date | None
    base: int  # the western year is base + the era's year (明治: 1867 + 6 = 1873)


ERAS = (
    Era("明治", "m", date(1873, 1, 1), date(1912, 7, 29), 1867),
    Era("大正", "t", date(1912, 7, 30), date(1926, 12, 24), 1911),
    Era("昭和", "s", date(1926, 12, 25), date(1989, 1, 7), 1925),
    Era("平成", "h", date(1989, 1, 8), date(2019, 4, 30), 1988),
    Era("令和", "r", date(2019, 5, 1), None, 2018),
)
_ERA_BY_KEY = {key: era for era in ERAS for key in (era.name, era.letter)}


def era_of(day: date) -> Era | None:
    for era in reversed(ERAS):
        if day >= era.first:
            return era if era.last is None or day <= era.last else None
    return None


def era_text(day: date) -> str:
    """date(1940, 3, 2) → '昭和15年3月2日' (元年 for the first year); the western date before 1873."""
    era = era_of(day)
    if era is None:
        return f"{day.year}年{day.month}月{day.day}日"
    year = day.year - era.base
    return f"{era.name}{'元' if year == 1 else year}年{day.month}月{day.day}日"


# --- the result -------------------------------------------------------------------------------------

# Codes meaning "not (yet) a date at all": while typing, the field says nothing about them (the text may
# be half-finished); a complete but impossible date (month 13, 2/30, 25時) is said at once.
UNFINISHED = frozenset({E.BAD_DATE, E.BAD_DATETIME, E.TIME_MISSING, E.REQUIRED})


@dataclass(frozen=True)
class Reading:
    """What a typed date meant: `value` (date or datetime), or None with an error `code` and its `params`.

    `rolled_to_tomorrow`: only a time was typed and it had already passed today, so it means tomorrow.
    """

    value: date | datetime | None = None
    code: str = ""
    params: dict = field(default_factory=dict)
    rolled_to_tomorrow: bool = False

    @property
    def ok(self) -> bool:
        return self.value is not None

    @property
    def unfinished(self) -> bool:
        return self.value is None and self.code in UNFINISHED


class _Wrong(Exception):
    """A date that has the shape of one but cannot exist (month 13, 2/30, 平成32年…)."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, params


# --- normalising ------------------------------------------------------------------------------------
# Dashes an IME or a word processor may give instead of '-'; 'ー' is the long-vowel mark typed by mistake.
_DASHES = str.maketrans({"ー": "-", "−": "-", "‐": "-", "–": "-", "—": "-", "―": "-"})
_WORDS = {  # day words → days from today
    "今日": 0, "本日": 0, "きょう": 0, "ほんじつ": 0,
    "明日": 1, "あした": 1, "あす": 1, "翌日": 1,
    "明後日": 2, "あさって": 2,
    "昨日": -1, "きのう": -1, "さくじつ": -1,
    "一昨日": -2, "おととい": -2,
}


# Kana an IME commits when Enter comes before the conversion ('15ji' → '１５じ'), read as their kanji; the
# units only after a number, so no other word changes. (Kana day words such as あした are in _WORDS.)
_KANA_UNITS = (
    (re.compile("ごご"), "午後"), (re.compile("ごぜん"), "午前"),  # first: 「明日 ごご」 is no 日ご
    (re.compile(r"(?<=\d)\s*じかん"), "時間"), (re.compile(r"(?<=\d)\s*しゅうかん"), "週間"),
    (re.compile(r"(?<=\d)\s*じ"), "時"), (re.compile(r"(?<=\d)\s*(?:ふん|ぷん)"), "分"),
    (re.compile(r"(?<=\d)\s*がつ"), "月"), (re.compile(r"(?<=\d)\s*にち"), "日"), (re.compile(r"(?<=\d)\s*ねん"), "年"),
    (re.compile(r"(?<=時)\s*はん"), "半"), (re.compile(r"(時間|週間|分|日)\s*ご"), r"\1後"),
)


def normalise(text: str) -> str:
    """Full-width (IME) to ASCII, ㍼ → 昭和, unconverted kana units to kanji, lower case, one space between words."""
    text = unicodedata.normalize("NFKC", text or "").translate(_DASHES).lower()
    for kana, kanji in _KANA_UNITS:
        text = kana.sub(kanji, text)
    return re.sub(r"\s+", " ", text).strip()


# --- shapes -----------------------------------------------------------------------------------------
_SEP = r"\s*(?:[./-]|年)\s*"
_MSEP = r"\s*(?:[./-]|月)\s*"
_ERA_NAMES = "|".join(sorted(_ERA_BY_KEY, key=len, reverse=True))
_DATE_SHAPES = (
    ("era", re.compile(rf"(?P<era>{_ERA_NAMES})\s*(?P<y>\d{{1,2}}|元){_SEP}(?P<m>\d{{1,2}}){_MSEP}"
                       rf"(?P<d>\d{{1,2}})\s*日?")),
    ("ymd", re.compile(rf"(?P<y>\d{{4}}){_SEP}(?P<m>\d{{1,2}}){_MSEP}(?P<d>\d{{1,2}})\s*日?")),
    ("ymd", re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})")),
    ("md", re.compile(r"(?P<m>\d{1,2})\s*(?:/|月)\s*(?P<d>\d{1,2})\s*日?")),
    ("word", re.compile("(?P<w>" + "|".join(sorted(_WORDS, key=len, reverse=True)) + ")")),
    ("days", re.compile(r"(?P<sign>[+-])\s*(?P<n>\d{1,4})\s*(?P<u>d|w|日|週間?)")),
    ("days", re.compile(r"(?P<n>\d{1,4})\s*(?P<u>日|週間)\s*(?P<dir>後|先|前)")),
)
_TIME_SHAPES = (
    re.compile(r"(?:(?P<ampm>午前|午後|am|pm)\s*)?(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?"),
    re.compile(r"(?:(?P<ampm>午前|午後|am|pm)\s*)?(?P<h>\d{1,2})\s*時\s*(?:(?P<m>\d{1,2})\s*分|(?P<half>半))?"),
    re.compile(r"(?P<h>\d{1,2})(?P<m>\d{2})"),  # 1500, 930: how a time is keyed without the colon
)
_DT_SHIFT = (
    re.compile(r"(?P<sign>[+-])\s*(?P<n>\d{1,4})\s*(?P<u>h|m|min|d|w|時間|分|日|週間?)"),
    re.compile(r"(?P<n>\d{1,4})\s*(?P<u>時間|分|日|週間)\s*(?P<dir>後|先|前)"),
)
_SHIFT_MINUTES = {"m": 1, "min": 1, "分": 1, "h": 60, "時間": 60, "d": 1440, "日": 1440,
                  "w": 10080, "週": 10080, "週間": 10080}


def _day(year: int, month: int, day: int) -> date:
    if not 1 <= month <= 12:
        raise _Wrong(E.BAD_MONTH, month=month)
    try:
        return date(year, month, day)
    except ValueError:
        if not 1 <= year <= 9999:
            raise _Wrong(E.BAD_DATE) from None
        following = date(year + (month == 12), month % 12 + 1, 1) if year < 9999 or month < 12 else None
        last = (following - timedelta(days=1)).day if following else 31
        raise _Wrong(E.BAD_DAY, year=year, month=month, day=day, last=last) from None


def _era_day(key: str, year_text: str, month: int, day: int) -> date:
    era = _ERA_BY_KEY[key]
    year = 1 if year_text == "元" else int(year_text)
    value = _day(era.base + year, month, day) if year >= 1 else None
    if value is None or value < era.first:
        raise _Wrong(E.ERA_BEFORE_START, era=era.name, first=era.first.strftime("%Y/%m/%d"),
                     first_era=era_text(era.first))
    if era.last is not None and value > era.last:
        raise _Wrong(E.ERA_AFTER_END, era=era.name, last=era.last.strftime("%Y/%m/%d"),
                     last_era=era_text(era.last))
    return value


def _nearest(month: int, day: int, today: date) -> date:
    """A month and day without a year: the one nearest today (12/20 typed in January is last December's)."""
    try:
        _day(2000, month, day)  # a leap year: month 13 or 4/31 are wrong whatever today is
    except _Wrong as wrong:
        wrong.params.pop("year", None)  # no year was typed: the message names the month only
        raise
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue  # 2/29 outside a leap year
    if not candidates:
        _day(today.year, month, day)
    # nearest first; of two equally near, the later (a due date is more often ahead)
    return min(candidates, key=lambda d: (abs((d - today).days), -d.toordinal()))


def _match_date(text: str, today: date | None) -> date | None:
    """A whole date → date; None if `text` has no date shape. Raises _Wrong if impossible."""
    for kind, shape in _DATE_SHAPES:
        found = shape.fullmatch(text)
        if not found:
            continue
        g = found.groupdict()
        if kind == "era":
            return _era_day(g["era"], g["y"], int(g["m"]), int(g["d"]))
        if kind == "ymd":
            return _day(int(g["y"]), int(g["m"]), int(g["d"]))
        if today is None:
            return None  # the rest mean something only relative to today
        if kind == "md":
            return _nearest(int(g["m"]), int(g["d"]), today)
        if kind == "word":
            return today + timedelta(days=_WORDS[g["w"]])
        n = int(g["n"]) * (7 if g["u"].startswith(("w", "週")) else 1)
        backwards = g.get("sign") == "-" or g.get("dir") == "前"
        return _shift(today, timedelta(days=-n if backwards else n))
    return None


def _shift(start, delta: timedelta):
    try:
        return start + delta
    except OverflowError:
        raise _Wrong(E.BAD_DATE) from None


def _match_time(text: str) -> time | None:
    for shape in _TIME_SHAPES:
        found = shape.fullmatch(text)
        if not found:
            continue
        g = found.groupdict()
        hour, minute = int(g["h"]), int(g["m"] or 0)
        if g.get("half"):
            minute = 30
        if g.get("ampm") in ("午後", "pm") and hour < 12:
            hour += 12
        elif g.get("ampm") in ("午前", "am") and hour == 12:
            hour = 0
        if hour > 23:
            raise _Wrong(E.BAD_HOUR, hour=hour)
        if minute > 59:
            raise _Wrong(E.BAD_MINUTE, minute=minute)
        second = int(g.get("s") or 0)
        if second > 59:
            raise _Wrong(E.BAD_MINUTE, minute=minute)
        return time(hour, minute, second)
    return None


# --- reading ----------------------------------------------------------------------------------------
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
_DAY_NO_TIME = re.compile(r"\s*の\s*(?=(?:午前|午後|am|pm)?\s*\d)")  # the の of 「明日の10時」, 「4月1日の15時」


def read_date(text: str, today: date | None = None) -> Reading:
    """A typed date → Reading. Without `today` only whole dates are understood (4/1, 明日, +3d need it)."""
    if _ISO_DATE.fullmatch(text or ""):  # the stored form: lists read thousands of them
        try:
            return Reading(date.fromisoformat(text))
        except ValueError:
            pass
    cleaned = normalise(text)
    if not cleaned:
        return Reading(code=E.REQUIRED)
    try:
        found = _match_date(cleaned, today)
    except _Wrong as wrong:
        return Reading(code=wrong.code, params=wrong.params)
    return Reading(found) if found else Reading(code=E.BAD_DATE)


def read_datetime(text: str, now: datetime | None = None, *, roll_forward: bool = True) -> Reading:
    """A typed date-time → Reading (a naive Tokyo datetime, seconds kept only when typed).

    Without `now` only whole date-times are understood. A time alone means today; with `roll_forward`
    (a call-back, which lies ahead) a time already past means tomorrow — the current minute is still today.
    A date without a time is refused (E.TIME_MISSING): guessing 9:00 for a call-back would promise a time
    nobody agreed.
    """
    if _ISO_MOMENT.fullmatch(text or ""):  # the stored form
        try:
            return Reading(datetime.fromisoformat(text))
        except ValueError:
            pass
    cleaned = re.sub(r"(?<=\d)t(?=\d)", " ", normalise(text))  # ISO '2025-04-01T09:30'
    cleaned = _DAY_NO_TIME.sub(" ", cleaned).strip()  # 「明日の10時」 as said on the phone: 明日 10時
    if not cleaned:
        return Reading(code=E.REQUIRED)
    try:
        return _read_datetime(cleaned, now, roll_forward)
    except _Wrong as wrong:
        return Reading(code=wrong.code, params=wrong.params)


def _read_datetime(text: str, now: datetime | None, roll_forward: bool) -> Reading:
    current = now.replace(second=0, microsecond=0) if now is not None else None
    if current is not None:
        for shape in _DT_SHIFT:
            found = shape.fullmatch(text)
            if found:
                g = found.groupdict()
                minutes = int(g["n"]) * _SHIFT_MINUTES[g["u"]]
                backwards = g.get("sign") == "-" or g.get("dir") == "前"
                return Reading(_shift(current, timedelta(minutes=-minutes if backwards else minutes)))
    moment = _match_time(text)
    if moment is not None:
        if current is None:
            return Reading(code=E.BAD_DATETIME)
        value = datetime.combine(current.date(), _working_hours(moment, text, roll_forward))
        # The minute now is still today: '14:30' typed at 14:30:20 ("call back right away") is not tomorrow.
        if roll_forward and value < current:
            return Reading(_shift(value, timedelta(days=1)), rolled_to_tomorrow=True)  # not past 9999/12/31
        return Reading(value)
    # a date, then a time: split at every space or between 日 / a day word and the time
    for cut in _cuts(text):
        head, tail = text[:cut].strip(), text[cut:].strip()
        if not head or not tail:
            continue
        try:
            moment, wrong_time = _match_time(tail), None
        except _Wrong as wrong:
            moment, wrong_time = None, wrong
        if moment is None and wrong_time is None:
            continue
        found = _match_date(head, current.date() if current else None)  # the date's fault is said first
        if found is None:
            continue
        if wrong_time is not None:
            raise wrong_time
        return Reading(datetime.combine(found, _working_hours(moment, tail, roll_forward)))
    found = _match_date(text, current.date() if current else None)
    if found is not None:
        return Reading(code=E.TIME_MISSING, params={"date": found.strftime("%Y/%m/%d")})
    return Reading(code=E.BAD_DATETIME)


# A call-back promised for 「3時」 is at 15:00: nobody on the phone means 3 a.m. A bare hour up to this one
# (no 午前 / 午後, no 24-hour reading above 12) is taken as the afternoon in a call-back field.
AFTERNOON_UNTIL_HOUR = 7


def _working_hours(moment: time, typed: str, ahead: bool) -> time:
    """In a call-back (`ahead`), 1時–7時 typed without 午前/午後 means 13時–19時; anything else as typed."""
    said_half_day = re.search(r"午前|午後|am|pm", typed)
    if ahead and not said_half_day and 1 <= moment.hour <= AFTERNOON_UNTIL_HOUR:
        return moment.replace(hour=moment.hour + 12)
    return moment


def _cuts(text: str):
    """Where a date may end and a time begin: at spaces, and after 日 or a day word without a space."""
    for i, char in enumerate(text):
        if char == " " or (i and text[i - 1] == "日") or text[:i] in _WORDS:
            yield i


def typed_date(name: str, text: str, today: date, problems: list[FieldError]) -> date | None:
    """A typed date field → its date; an impossible one adds its precise reason (month 13, 2/30…) to problems."""
    reading = read_date(text, today)
    if reading.ok:
        return reading.value
    problems.append(FieldError(name, E.BAD_DATE if reading.code == E.REQUIRED else reading.code,
                               reading.params))
    return None


def typed_datetime(name: str, text: str, now: datetime, problems: list[FieldError], *,
                   roll_forward: bool = True) -> datetime | None:
    """A typed date-time field → its moment ('15時' is today or tomorrow, see read_datetime); else a reason."""
    reading = read_datetime(text, now, roll_forward=roll_forward)
    if reading.ok:
        return reading.value
    problems.append(FieldError(name, E.BAD_DATETIME if reading.code == E.REQUIRED else reading.code,
                               reading.params))
    return None


# --- showing ----------------------------------------------------------------------------------------
def canonical_date(day: date) -> str:
    return day.strftime("%Y/%m/%d")


def canonical_datetime(moment: datetime) -> str:
    return moment.strftime("%Y/%m/%d %H:%M")
