"""Every form's validator, and the small parsers behind them, given any text in every text field: the values to
store or a ValidationFailed with messages, never another exception."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agency_app.domain import cases, customer, elderly, elderly_entry, improvements, kpi_definition, relatives
from agency_app.domain import sheet_values, surveys, trainings
from agency_app.domain.errors import ValidationFailed
from tests.domain.test_parsers_properties import ANY_TEXT

NOW = datetime(2025, 11, 20, 10, 0)
TODAY = NOW.date()
STAFF = {"sato", "suzuki"}


def filled(cls):
    """The form `cls` with any text in every text field and any answer in every check box."""
    strategies = {f.name: ANY_TEXT for f in dataclasses.fields(cls) if f.type == "str"}
    strategies.update({f.name: st.booleans() for f in dataclasses.fields(cls) if f.type == "bool"})
    return st.builds(cls, **strategies)


def accepted_or_refused(check, *args, **kwargs) -> None:
    try:
        check(*args, **kwargs)
    except ValidationFailed as failed:
        assert failed.errors  # every refusal says why


FORMS = {
    "case": (cases.CaseInput, lambda e: cases.validate_case(e, now=NOW, staff_ids=STAFF)),
    "customer": (customer.CustomerInput, lambda e: customer.validate_customer(e, today=TODAY)),
    "elderly_sale": (elderly_entry.SaleInput, lambda e: elderly_entry.validate_sale(
        e, birth=date(1940, 1, 1), rules=elderly.DEFAULT_RULES, today=TODAY, staff_ids=STAFF)),
    "improvement": (improvements.ImprovementInput, lambda e: improvements.validate_improvement(
        e, now=NOW, staff_ids=STAFF)),
    "kpi": (kpi_definition.KpiInput, lambda e: kpi_definition.validate_kpi(e, {"nps"})),
    "relative": (relatives.RelativeContactInput, lambda e: relatives.validate_relative_contact(e, today=TODAY)),
    "survey": (surveys.SurveyAnswerInput, lambda e: surveys.validate_survey_answer(e, surveys.DEFAULT_TYPES,
                                                                                   TODAY)),
    "training": (trainings.TrainingInput, lambda e: trainings.validate_training(e, TODAY, STAFF)),
    "qualification": (trainings.QualificationInput, lambda e: trainings.validate_qualification(e, TODAY, STAFF)),
    "roleplay_result": (trainings.RolePlayResultInput, lambda e: trainings.validate_roleplay_result(
        e, {"kind": trainings.KIND_ROLEPLAY, "participants": ("sato",)}, 60)),
}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_any_text_in_a_form_is_stored_or_refused_with_messages(form):
    cls, check = FORMS[form]

    @given(filled(cls))
    def run(entry):
        accepted_or_refused(check, entry)

    run()


@given(text=ANY_TEXT, opened=st.dates())
def test_a_reported_date_is_checked_whatever_was_typed(text, opened):
    accepted_or_refused(improvements.check_reported, text, "", opened_on=opened, today=TODAY)


@given(text=st.one_of(ANY_TEXT, st.text()), unit=st.sampled_from(["", "%", "回", "件"]))
def test_any_text_is_a_number_or_none(text, unit):
    assert kpi_definition.parse_number(text, unit) is None or kpi_definition.parse_number(text, unit).is_finite()


@given(text=ANY_TEXT)
def test_phone_postal_code_and_birth_date_readers_take_any_text(text):
    customer.normalise_phone(text)
    customer.phone_search_digits(text)
    customer.normalise_postal_code(text)
    customer.birth_date_problem(text, today=TODAY)
    customer.parse_product_lines(text)


CELLS = st.one_of(ANY_TEXT, st.text(), st.integers(), st.floats(), st.booleans(), st.none(), st.dates(),
                  st.datetimes())


@given(cell=CELLS, date1904=st.booleans())
def test_any_spreadsheet_cell_reads_as_a_value_or_a_reason(cell, date1904):
    sheet_values.text_of(cell)
    sheet_values.is_blank(cell)
    sheet_values.sheet_date(cell, date1904)
    sheet_values.sheet_kind(cell)
    sheet_values.sheet_status(cell)
    sheet_values.sheet_flag(cell)
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        sheet_values.serial_date(cell, date1904)
