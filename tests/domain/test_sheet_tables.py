"""The KPI results sheet's 年度 and 期間 columns as agencies write them."""

import pytest

from agency_app.domain.periods import HALF, QUARTER, YEAR
from agency_app.domain.sheet_tables import fiscal_year, period_of


@pytest.mark.parametrize("cell, year", [
    ("2025年度", 2025), (2025, 2025), ("令和7年度", 2025), ("R7", 2025), ("令和元年度", 2019),
    ("平成31年度", 2019),       # FY2019 began on 2019-04-01, still 平成: both names are written
    ("H31年度", 2019), ("平成30年度", 2018), ("h28", 2016), ("FY2025", 2025), ("ＦＹ２０２５", 2025),
])
def test_a_fiscal_year_as_agencies_write_it(cell, year):
    assert fiscal_year(cell) == year


@pytest.mark.parametrize("cell", ["平成32年度", "令和", "2025/4/1", "H0", "昭和60年度"])
def test_what_is_no_fiscal_year_is_none(cell):
    assert fiscal_year(cell) is None


@pytest.mark.parametrize("cell, period", [
    ("上期", (HALF, 1)), ("下期（10月～3月）", (HALF, 2)), ("上期(4月〜9月)", (HALF, 1)), ("４月～６月", (QUARTER, 1)),
    ("7月-9月", (QUARTER, 2)), ("10～12月", (QUARTER, 3)), ("1月～3月", (QUARTER, 4)), ("4月～9月", (HALF, 1)),
    ("10月～3月", (HALF, 2)), ("4月～3月", (YEAR, 0)), ("第2Q", (QUARTER, 2)), ("第３四半期（10～12月）", (QUARTER, 3)),
])
def test_a_period_as_agencies_write_it(cell, period):
    assert period_of(cell) == period


@pytest.mark.parametrize("cell", ["5月～7月", "4月～5月", "13月～3月", "上期（10月～3月）"])
def test_months_that_are_no_quarter_or_half_are_no_period(cell):
    assert period_of(cell) is None
