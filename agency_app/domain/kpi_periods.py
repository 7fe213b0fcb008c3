"""A KPI's result periods: 年度 one result, 上期 / 下期 one each, 四半期 four (Q1–Q4) — the design's period codes."""

from __future__ import annotations

from agency_app.domain.periods import HALF, QUARTER, Period

YEAR_CODE, HALF1_CODE, HALF2_CODE, QUARTER_CODE = "year", "half1", "half2", "quarter"
PERIOD_CODES = (YEAR_CODE, HALF1_CODE, HALF2_CODE, QUARTER_CODE)   # kpis.period's CHECK, in this order


def result_periods(fiscal_year: int, period_code: str) -> tuple[Period, ...]:
    """The periods a KPI of this fiscal year and period code has a result for, in time order; ValueError for
    a code outside PERIOD_CODES (a stored code the schema's CHECK allows is always one of them)."""
    if period_code == YEAR_CODE:
        return (Period(fiscal_year),)
    if period_code == HALF1_CODE:
        return (Period(fiscal_year, HALF, 1),)
    if period_code == HALF2_CODE:
        return (Period(fiscal_year, HALF, 2),)
    if period_code == QUARTER_CODE:
        return tuple(Period(fiscal_year, QUARTER, n) for n in range(1, 5))
    raise ValueError(f"unknown KPI period: {period_code!r}")
