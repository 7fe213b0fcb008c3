"""A KPI's definition as typed: the target read as staff type it, and each bad input refused at its field."""

from decimal import Decimal

import pytest

from agency_app.domain import errors as E
from agency_app.domain import kpi, kpi_definition as D, kpi_measures as M
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.kpi_definition import KpiInput, parse_number, validate_kpi
from agency_app.domain.kpi_periods import finalisable_periods, period_key, period_from_key, result_periods, within
from agency_app.domain.periods import Period

SURVEYS = ("contract", "claim")


def entry(**changes) -> KpiInput:
    values = dict(fiscal_year=2025, principle=2, title="早期更改率", target="80.0%", unit="%")
    values.update(changes)
    return KpiInput(**values)


def codes(error: ValidationFailed) -> dict[str, str]:
    return {e.field: e.code for e in error.errors}


@pytest.mark.parametrize("typed, unit, value", [
    ("80", "%", Decimal("80")), ("８０．５", "%", Decimal("80.5")), ("80.0%", "%", Decimal("80.0")),
    ("1,234件", "件", Decimal("1234")), ("12 回", "回", Decimal("12")), ("-12.5", "pt", Decimal("-12.5")),
    ("abc", "%", None), ("", "%", None), ("%", "%", None), ("1e999999", "", None), ("999999999999", "件", Decimal("999999999999")),
])
def test_a_number_is_read_as_staff_type_it(typed, unit, value):
    assert parse_number(typed, unit) == value


def test_a_good_kpi_gives_the_columns_to_store_with_the_exact_target():
    values = validate_kpi(entry(target="８２．０５", title="  早期更改率 "), SURVEYS)
    assert values["target"] == "82.05" and values["title"] == "早期更改率"
    assert values["source"] == M.HAND and values["source_param"] is None and values["period"] == "year"


def test_a_target_without_a_unit_is_refused_at_the_unit():
    with pytest.raises(ValidationFailed) as failed:
        validate_kpi(entry(unit=""), SURVEYS)
    assert codes(failed.value) == {"unit": kpi.NEEDS_UNIT}


@pytest.mark.parametrize("target, ok", [("100", True), ("100.0%", True), ("100.01", False), ("0", True),
                                         ("-0.1", False)])
def test_a_percent_target_is_within_0_and_100(target, ok):
    if ok:
        validate_kpi(entry(target=target), SURVEYS)
        return
    with pytest.raises(ValidationFailed) as failed:
        validate_kpi(entry(target=target), SURVEYS)
    assert codes(failed.value) == {"target": kpi.PERCENT_OVER_100}


def test_a_missing_or_wordy_target_and_a_negative_count_are_refused():
    for typed, code in (("", E.REQUIRED), ("八十", D.BAD_TARGET)):
        with pytest.raises(ValidationFailed) as failed:
            validate_kpi(entry(target=typed), SURVEYS)
        assert codes(failed.value) == {"target": code}
    with pytest.raises(ValidationFailed) as failed:
        validate_kpi(entry(target="-1", unit="件"), SURVEYS)
    assert codes(failed.value) == {"target": D.NEGATIVE_TARGET}
    assert validate_kpi(entry(target="-20", unit="pt"), SURVEYS)["target"] == "-20"  # an NPS may aim below zero


def test_a_computed_source_must_have_the_measures_unit_and_a_known_parameter():
    with pytest.raises(ValidationFailed) as failed:
        validate_kpi(entry(source="nps", source_param="claim", unit="%", target="60"), SURVEYS)
    assert codes(failed.value) == {"unit": M.UNIT_MISMATCH}
    with pytest.raises(ValidationFailed) as failed:
        validate_kpi(entry(source="nps", source_param="gone", unit="pt", target="60"), SURVEYS)
    assert codes(failed.value) == {"param": M.BAD_PARAM}
    with pytest.raises(ValidationFailed) as failed:
        validate_kpi(entry(source="nps", source_param="", unit="pt", target="60"), SURVEYS)
    assert codes(failed.value) == {"param": M.PARAM_REQUIRED}
    values = validate_kpi(entry(source="nps", source_param="claim", unit="pt", target="60"), SURVEYS)
    assert values["source_param"] == "claim"


def test_every_problem_is_reported_at_once_one_per_field():
    with pytest.raises(ValidationFailed) as failed:
        validate_kpi(entry(principle=8, title="", target="x", unit="", period="month", places=4,
                           fiscal_year=1999), SURVEYS)
    assert codes(failed.value) == {"principle": kpi.BAD_PRINCIPLE, "title": E.REQUIRED, "target": D.BAD_TARGET,
                                   "unit": kpi.NEEDS_UNIT, "period": E.UNKNOWN_CHOICE, "places": kpi.BAD_PLACES,
                                   "fiscal_year": D.BAD_YEAR}


def test_a_kpis_periods_and_their_keys():
    assert result_periods(2025, "half2") == (Period(2025, "half", 2),)
    assert [p.number for p in result_periods(2025, "quarter")] == [1, 2, 3, 4]
    assert result_periods(2025, "year") == (Period(2025),)
    with pytest.raises(ValueError):
        result_periods(2025, "month")
    for period in finalisable_periods(2025):
        assert period_from_key(2025, *period_key(period)) == period
    assert len(finalisable_periods(2025)) == 7


def test_a_quarter_lies_within_its_half_and_year_only():
    q2, q3 = Period(2025, "quarter", 2), Period(2025, "quarter", 3)
    first_half, year = Period(2025, "half", 1), Period(2025)
    assert within(q2, first_half) and within(q2, year) and within(first_half, year) and within(year, year)
    assert not within(q3, first_half) and not within(year, first_half) and not within(q2, Period(2024))


@pytest.mark.parametrize("typed, unit", [("5%", "件"), ("５％", "回"), ("12件", "%"), ("60%", "pt"), ("3名", "回")])
def test_a_number_typed_with_another_unit_than_the_kpis_is_not_read_as_a_number(typed, unit):
    # A voices KPI (its measure fills in 件) with the target typed '5%' was saved as 5件; a result '12件' typed
    # for a % KPI was stored as 12%.
    assert parse_number(typed, unit) is None
    with pytest.raises(ValidationFailed) as failed:
        validate_kpi(entry(target=typed, unit=unit, source="hand"), SURVEYS)
    assert codes(failed.value) == {"target": D.BAD_TARGET}


def test_a_number_typed_with_a_unit_before_the_unit_is_chosen_asks_for_the_unit():
    assert parse_number("80%", "") == Decimal("80")
    with pytest.raises(ValidationFailed) as failed:
        validate_kpi(entry(target="80%", unit=""), SURVEYS)
    assert codes(failed.value) == {"unit": kpi.NEEDS_UNIT}
