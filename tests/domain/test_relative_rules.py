"""Relative-contact rules (R20): a registered contact needs name, relation and phone; a refusal its reason."""

from __future__ import annotations

from datetime import date

import pytest

from agency_app.domain import errors as E
from agency_app.domain.customer import BAD_PHONE
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.relatives import (
    REASON_MAX, RECORDED_IN_FUTURE, SHORT_TEXT_MAX, RelativeContactInput, validate_relative_contact,
)

TODAY = date(2026, 2, 28)


def entry(**fields) -> RelativeContactInput:
    values = dict(customer_id="c1", product_line="life", outcome="registered", relative_name="山田 一郎",
                  relation="長男", phone="０９０－１１１１－２２２２", obtained_by="meeting", recorded_on="2026/02/28")
    values.update(fields)
    return RelativeContactInput(**values)


def codes_of(e: RelativeContactInput) -> dict:
    with pytest.raises(ValidationFailed) as failed:
        validate_relative_contact(e, today=TODAY)
    return {x.field: x.code for x in failed.value.errors}


def test_a_registered_contact():
    values = validate_relative_contact(entry(decline_reason="残っていた理由"), today=TODAY)
    assert values["phone"] == "090-1111-2222"
    assert values["recorded_on"] == "2026-02-28"
    assert values["decline_reason"] == ""  # the other outcome's field is not kept


def test_registered_needs_name_relation_and_a_valid_phone():
    assert codes_of(entry(relative_name="", relation=" ", phone="")) == {
        "relative_name": E.REQUIRED, "relation": E.REQUIRED, "phone": E.REQUIRED}
    assert codes_of(entry(phone="090-1111")) == {"phone": BAD_PHONE}


def test_a_refusal_needs_its_reason_and_keeps_no_contact():
    assert codes_of(entry(outcome="declined", decline_reason="")) == {"decline_reason": E.REQUIRED}
    values = validate_relative_contact(entry(outcome="declined", decline_reason="身寄りがないため",
                                             phone="bad"), today=TODAY)
    assert (values["relative_name"], values["phone"], values["decline_reason"]) == ("", "", "身寄りがないため")


def test_how_it_was_obtained_and_the_product_line_are_required():
    assert codes_of(entry(obtained_by="", product_line="")) == {
        "obtained_by": E.REQUIRED, "product_line": E.REQUIRED}
    assert codes_of(entry(obtained_by="phone", product_line="pet")) == {
        "obtained_by": E.UNKNOWN_CHOICE, "product_line": E.UNKNOWN_CHOICE}


@pytest.mark.parametrize("line", ["life", "nonlife_auto", "group"])
def test_any_product_line(line):
    assert validate_relative_contact(entry(product_line=line, obtained_by="mail"), today=TODAY)


@pytest.mark.parametrize("typed, code", [("", E.REQUIRED), ("2026/02/30", E.BAD_DAY), ("いつか", E.BAD_DATE),
                                         ("2026/03/01", RECORDED_IN_FUTURE)])
def test_recorded_on_is_a_real_day_not_in_the_future(typed, code):
    assert codes_of(entry(recorded_on=typed)) == {"recorded_on": code}


def test_rare_kanji_in_the_relative_name_stay():
    values = validate_relative_contact(entry(relative_name="𠮷田 髙﨑", relation="長女😀"), today=TODAY)
    assert (values["relative_name"], values["relation"]) == ("𠮷田 髙﨑", "長女😀")


def test_names_and_reasons_up_to_their_limits_are_kept_one_character_more_is_refused():
    values = validate_relative_contact(entry(relative_name="山" * SHORT_TEXT_MAX, relation="長" * SHORT_TEXT_MAX),
                                       today=TODAY)
    assert (len(values["relative_name"]), len(values["relation"])) == (100, 100)
    declined = validate_relative_contact(entry(outcome="declined", decline_reason="理" * REASON_MAX), today=TODAY)
    assert len(declined["decline_reason"]) == 2_000
    with pytest.raises(ValidationFailed) as failed:
        validate_relative_contact(entry(relative_name="山" * 101, relation="長" * 101), today=TODAY)
    assert [(e.field, e.code, e.params) for e in failed.value.errors] == [
        ("relative_name", E.TOO_LONG, {"max": 100}), ("relation", E.TOO_LONG, {"max": 100})]
    assert codes_of(entry(outcome="declined", decline_reason="理" * 2_001)) == {"decline_reason": E.TOO_LONG}
