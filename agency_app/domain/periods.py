"""Fiscal periods (DOMAIN R1): 年度 from 1 April, 上期/下期, 四半期, months; a record belongs to its receipt date in Tokyo time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

# Japan has no daylight saving time, so a fixed offset is exact and needs no tz database
# (Windows Pythons often lack one).
TOKYO = timezone(timedelta(hours=9), "Asia/Tokyo")

YEAR, HALF, QUARTER, MONTH = "year", "half", "quarter", "month"
# The fiscal year to the end of a quarter (number 1–4): the year-to-date block of the quarterly insurer report (R27).
YEAR_TO_DATE = "year_to_date"


def now_tokyo() -> datetime:
    """The current wall-clock time in Tokyo, without tzinfo (how the database stores times)."""
    return datetime.now(TOKYO).replace(tzinfo=None, microsecond=0)


def to_tokyo(moment: datetime) -> datetime:
    """A timezone-aware moment as naive Tokyo local time; naive input is taken as already local."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(TOKYO).replace(tzinfo=None)


def fiscal_year_of(day: date) -> int:
    """年度 of a date: 2026-03-31 is 2025年度, 2026-04-01 is 2026年度."""
    return day.year if day.month >= 4 else day.year - 1


@dataclass(frozen=True)
class Period:
    """A fiscal period: the whole year, a half (1=上期, 2=下期), a quarter (1–4) or a calendar month."""

    fiscal_year: int
    kind: str = YEAR
    number: int = 0  # half 1–2, quarter 1–4, month 1–12; 0 for a year

    def __post_init__(self) -> None:
        limits = {YEAR: (0, 0), HALF: (1, 2), QUARTER: (1, 4), MONTH: (1, 12), YEAR_TO_DATE: (1, 4)}
        if self.kind not in limits:
            raise ValueError(f"unknown period kind: {self.kind!r}")
        low, high = limits[self.kind]
        if not low <= self.number <= high:
            raise ValueError(f"{self.kind} number out of range: {self.number}")

    @property
    def start(self) -> date:
        """First day of the period."""
        return _month_start(self.fiscal_year, self._first_fiscal_month())

    @property
    def end(self) -> date:
        """Last day of the period (inclusive)."""
        months = {YEAR: 12, HALF: 6, QUARTER: 3, MONTH: 1, YEAR_TO_DATE: 3 * self.number}[self.kind]
        first = self._first_fiscal_month()
        return _month_start(self.fiscal_year, first + months) - timedelta(days=1)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def bounds_text(self) -> tuple[str, str]:
        """Half-open [start, next start) as 'YYYY-MM-DD' strings, for range queries on ISO dates."""
        return self.start.isoformat(), (self.end + timedelta(days=1)).isoformat()

    def label_ja(self) -> str:
        """Japanese label, e.g. '2025年度', '2025年度 上期', '2025年度 Q4', '2026年1月'."""
        if self.kind == YEAR:
            return f"{self.fiscal_year}年度"
        if self.kind == HALF:
            return f"{self.fiscal_year}年度 {'上期' if self.number == 1 else '下期'}"
        if self.kind == QUARTER:
            return f"{self.fiscal_year}年度 Q{self.number}"
        if self.kind == YEAR_TO_DATE:
            return f"{self.fiscal_year}年度 累計（Q1〜Q{self.number}）"
        return f"{self.start.year}年{self.start.month}月"

    def _first_fiscal_month(self) -> int:
        """Index of the first month counted from April of the fiscal year (0 = April)."""
        if self.kind in (YEAR, YEAR_TO_DATE):
            return 0
        if self.kind == HALF:
            return (self.number - 1) * 6
        if self.kind == QUARTER:
            return (self.number - 1) * 3
        return (self.number - 4) % 12  # calendar month → months since April


def _month_start(fiscal_year: int, months_after_april: int) -> date:
    total = 3 + months_after_april  # zero-based month index counted from January of fiscal_year
    return date(fiscal_year + total // 12, total % 12 + 1, 1)


def period_of(day: date, kind: str) -> Period:
    """The period of the given kind that contains the day."""
    fy = fiscal_year_of(day)
    since_april = (day.month - 4) % 12
    if kind == YEAR:
        return Period(fy)
    if kind == HALF:
        return Period(fy, HALF, since_april // 6 + 1)
    if kind == QUARTER:
        return Period(fy, QUARTER, since_april // 3 + 1)
    if kind == MONTH:
        return Period(fy, MONTH, day.month)
    raise ValueError(f"unknown period kind: {kind!r}")
