"""A KPI's result periods (issue 11): 年度 / 上期 / 下期 / 四半期 as Periods, and a Period as the (kind, number) its rows are keyed by."""

from __future__ import annotations

from agency_app.domain.periods import HALF, QUARTER, Period

# kpis.period: one result for the year, one for a half, or four quarterly ones.
KPI_YEAR, KPI_HALF1, KPI_HALF2, KPI_QUARTER = "year", "half1", "half2", "quarter"
KPI_PERIODS = (KPI_YEAR, KPI_HALF1, KPI_HALF2, KPI_QUARTER)
KPI_PERIOD_LABELS_JA = {KPI_YEAR: "年度", KPI_HALF1: "上期", KPI_HALF2: "下期", KPI_QUARTER: "四半期"}


def result_periods(fiscal_year: int, period: str) -> tuple[Period, ...]:
    """The Periods a KPI of `period` ('year', 'half1', 'half2', 'quarter') has a result for."""
    if period == KPI_YEAR:
        return (Period(fiscal_year),)
    if period == KPI_HALF1:
        return (Period(fiscal_year, HALF, 1),)
    if period == KPI_HALF2:
        return (Period(fiscal_year, HALF, 2),)
    if period == KPI_QUARTER:
        return tuple(Period(fiscal_year, QUARTER, n) for n in range(1, 5))
    raise ValueError(f"unknown KPI period: {period!r}")


def period_key(period: Period) -> tuple[str, int]:
    """(period_kind, period_number) as kpi_results and kpi_finalisations store a Period."""
    return period.kind, period.number


def period_from_key(fiscal_year: int, kind: str, number: int) -> Period:
    """The Period a stored (period_kind, period_number) of a fiscal year names."""
    return Period(fiscal_year, kind, number or 0)


def finalisable_periods(fiscal_year: int) -> tuple[Period, ...]:
    """What a manager may finalise (確定) in a year: the year, 上期, 下期, Q1–Q4 — in that order."""
    return (Period(fiscal_year), Period(fiscal_year, HALF, 1), Period(fiscal_year, HALF, 2),
            *(Period(fiscal_year, QUARTER, n) for n in range(1, 5)))


def within(inner: Period, outer: Period) -> bool:
    """Whether `inner` lies wholly inside `outer` (Q1 within 上期 and the year; the year within itself only)."""
    return outer.start <= inner.start and inner.end <= outer.end

