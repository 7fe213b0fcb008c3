"""A KPI's result periods by its period code (年度, 上期, 下期, 四半期)."""

from __future__ import annotations

from datetime import date

import pytest

from agency_app.domain.kpi_periods import KPI_PERIODS, result_periods
from agency_app.domain.periods import HALF, QUARTER, Period


def test_year_half_and_quarter_codes_give_their_periods():
    assert result_periods(2025, "year") == (Period(2025),)
    assert result_periods(2025, "half1") == (Period(2025, HALF, 1),)
    assert result_periods(2025, "half2") == (Period(2025, HALF, 2),)
    assert result_periods(2025, "quarter") == tuple(Period(2025, QUARTER, n) for n in (1, 2, 3, 4))


def test_the_periods_cover_their_span_in_time_order():
    quarters = result_periods(2025, "quarter")
    assert quarters[0].start == date(2025, 4, 1) and quarters[-1].end == date(2026, 3, 31)
    assert all(a.end.toordinal() + 1 == b.start.toordinal() for a, b in zip(quarters, quarters[1:]))
    assert result_periods(2025, "half2")[0].start == date(2025, 10, 1)


def test_every_schema_code_is_known_and_another_is_refused():
    assert set(KPI_PERIODS) == {"year", "half1", "half2", "quarter"}
    with pytest.raises(ValueError):
        result_periods(2025, "month")
