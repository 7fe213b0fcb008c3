"""Elderly-sale rules (R16–R19): who is elderly on the sale date, which measure a sale needs, what is still missing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from agency_app.domain import elderly as X
from agency_app.domain.elderly import (
    DEFAULT_RULES, ElderlyRules, SaleRecord, hard_errors, is_elderly, missing, validate_rules,
)
from agency_app.domain.elderly_entry import SaleInput, validate_sale
from agency_app.domain.errors import ValidationFailed

TODAY = date(2025, 11, 20)
SALE = date(2025, 11, 10)
BIRTH_75 = date(1950, 5, 1)   # 75 on the sale date
BIRTH_85 = date(1940, 5, 1)   # 85: strict band
SELLER, CHECKER, OTHER = "s-seller", "s-checker", "s-other"
STAFF = {SELLER, CHECKER, OTHER}


def codes_of(items) -> set[str]:
    return {m.code for m in items}


def sale(**fields) -> SaleRecord:
    base = dict(sale_date=SALE, product_line="life", seller_id=SELLER, face_to_face=True)
    base.update(fields)
    return SaleRecord(**base)


def phone_done(**extra) -> dict:
    base = dict(phone_checker_id=CHECKER, phone_checked_on=date(2025, 11, 12),
                answer_public_insurance="yes", answer_product_reason="yes")
    base.update(extra)
    return base


# --- who is elderly (R16) ---------------------------------------------------------------------------

def test_threshold_is_reached_on_the_birthday_itself():
    birth = date(1955, 11, 10)
    assert is_elderly(birth, date(2025, 11, 10), "life", DEFAULT_RULES)
    assert not is_elderly(birth, date(2025, 11, 9), "life", DEFAULT_RULES)


def test_29_february_birth_turns_70_on_1_march_in_a_common_year():
    birth = date(1956, 2, 29)
    assert not is_elderly(birth, date(2026, 2, 28), "nonlife_fire", DEFAULT_RULES)
    assert is_elderly(birth, date(2026, 3, 1), "nonlife_fire", DEFAULT_RULES)


def test_sale_date_decides_not_the_first_meeting():
    """69 at the first meeting, 70 on the sale date: elderly, and the meeting before the birthday still counts."""
    birth = date(1955, 11, 5)
    record = sale(measure=X.MULTIPLE_MEETINGS, meeting_dates=[date(2025, 11, 1), date(2025, 11, 8)],
                  less_preferred_reason="ご親族が遠方のため")
    assert is_elderly(birth, SALE, "life", DEFAULT_RULES)
    assert hard_errors(record, birth, DEFAULT_RULES, today=TODAY) == []
    assert missing(record, birth, DEFAULT_RULES) == []


def test_threshold_per_product_group():
    rules = ElderlyRules(thresholds={"life": 70, "nonlife": 75, "group": 65})
    birth = date(1953, 1, 1)  # 72
    assert is_elderly(birth, SALE, "life", rules)
    assert not is_elderly(birth, SALE, "nonlife_auto", rules)
    assert is_elderly(date(1960, 1, 1), SALE, "group", rules)  # 65


def test_customer_not_elderly_is_refused_with_the_age():
    errors = hard_errors(sale(), date(1960, 1, 1), DEFAULT_RULES, today=TODAY)
    assert [(e.field, e.code, e.params) for e in errors] == [
        ("customer_id", X.NOT_ELDERLY, {"age": 65, "threshold": 70})]


def test_customer_without_birth_date_or_sale_before_birth_is_refused():
    assert codes_of(hard_errors(sale(), None, DEFAULT_RULES, today=TODAY)) == {X.NO_BIRTH_DATE}
    errors = hard_errors(sale(sale_date=date(1949, 1, 1)), BIRTH_75, DEFAULT_RULES, today=TODAY)
    assert [(e.field, e.code) for e in errors] == [("sale_date", X.SALE_BEFORE_BIRTH)]


def test_sale_in_the_future_is_refused():
    errors = hard_errors(sale(sale_date=date(2025, 11, 21)), BIRTH_75, DEFAULT_RULES, today=TODAY)
    assert ("sale_date", "in_future") in [(e.field, e.code) for e in errors]


def test_a_sale_dated_today_is_accepted_tomorrow_is_not():
    record = sale(measure=X.RELATIVE_PRESENT, relative_name="田中", relative_relation="長男")
    assert hard_errors(replace(record, sale_date=TODAY), BIRTH_75, DEFAULT_RULES, today=TODAY) == []
    tomorrow = replace(record, sale_date=date(2025, 11, 21))
    assert [(e.field, e.code) for e in hard_errors(tomorrow, BIRTH_75, DEFAULT_RULES, today=TODAY)] == [
        ("sale_date", "in_future")]


# --- face-to-face measures (R17) --------------------------------------------------------------------

def test_face_to_face_without_a_measure_is_incomplete():
    assert [(m.code, m.field) for m in missing(sale(), BIRTH_75, DEFAULT_RULES)] == [
        (X.MEASURE_MISSING, "measure")]


def test_relative_present_needs_name_and_relation_and_no_reason():
    record = sale(measure=X.RELATIVE_PRESENT)
    assert codes_of(missing(record, BIRTH_75, DEFAULT_RULES)) == {
        X.RELATIVE_NAME_MISSING, X.RELATIVE_RELATION_MISSING}
    record = sale(measure=X.RELATIVE_PRESENT, relative_name="髙橋 𠮷子", relative_relation="長女")
    assert missing(record, BIRTH_75, DEFAULT_RULES) == []


def test_multiple_meetings_needs_two_distinct_dates():
    record = sale(measure=X.MULTIPLE_MEETINGS, less_preferred_reason="同居のご親族がいないため",
                  meeting_dates=[date(2025, 11, 1), date(2025, 11, 1)])
    found = missing(record, BIRTH_75, DEFAULT_RULES)
    assert [(m.code, m.params) for m in found] == [(X.MEETINGS_TOO_FEW, {"count": 1})]
    record.meeting_dates = [date(2025, 11, 1), SALE]  # a meeting on the sale date counts
    assert missing(record, BIRTH_75, DEFAULT_RULES) == []


def test_meeting_after_the_sale_or_before_birth_is_refused():
    after = sale(measure=X.MULTIPLE_MEETINGS, meeting_dates=[date(2025, 11, 1), date(2025, 11, 11)])
    assert codes_of(hard_errors(after, BIRTH_75, DEFAULT_RULES, today=TODAY)) == {X.MEETING_AFTER_SALE}
    before = sale(measure=X.MULTIPLE_MEETINGS, meeting_dates=[date(1949, 1, 1), date(2025, 11, 1)])
    assert codes_of(hard_errors(before, BIRTH_75, DEFAULT_RULES, today=TODAY)) == {X.MEETING_BEFORE_BIRTH}


def test_a_meeting_on_the_sale_date_is_accepted_the_day_after_is_not():
    on_the_day = sale(measure=X.MULTIPLE_MEETINGS, meeting_dates=[date(2025, 11, 1), SALE],
                      less_preferred_reason="ご親族が遠方のため")
    assert hard_errors(on_the_day, BIRTH_75, DEFAULT_RULES, today=TODAY) == []
    day_after = replace(on_the_day, meeting_dates=[date(2025, 11, 1), date(2025, 11, 11)])
    assert codes_of(hard_errors(day_after, BIRTH_75, DEFAULT_RULES, today=TODAY)) == {X.MEETING_AFTER_SALE}


def test_less_preferred_measure_needs_a_reason():
    record = sale(measure=X.SECOND_AGENT, second_agent_id=OTHER)
    found = missing(record, BIRTH_75, DEFAULT_RULES)
    assert [(m.code, m.field, m.params) for m in found] == [
        (X.REASON_MISSING, "less_preferred_reason", {"preferred": X.RELATIVE_PRESENT, "chosen": X.SECOND_AGENT})]
    record.less_preferred_reason = "ご親族が遠方で、再訪問のご都合もつかないため"
    assert missing(record, BIRTH_75, DEFAULT_RULES) == []


def test_second_agent_must_be_named_and_not_the_seller():
    record = sale(measure=X.SECOND_AGENT, less_preferred_reason="理由")
    assert codes_of(missing(record, BIRTH_75, DEFAULT_RULES)) == {X.SECOND_AGENT_MISSING}
    record.second_agent_id = SELLER
    errors = hard_errors(record, BIRTH_75, DEFAULT_RULES, today=TODAY)
    assert [(e.field, e.code) for e in errors] == [("second_agent_id", X.SECOND_AGENT_IS_SELLER)]


def test_order_of_preference_is_data():
    """Seed 004 first ranked 複数募集人 second: under that order, 複数回面談 needs a reason and 親族同席 none."""
    rules = ElderlyRules(preference=(X.SECOND_AGENT, X.RELATIVE_PRESENT, X.MULTIPLE_MEETINGS))
    record = sale(measure=X.SECOND_AGENT, second_agent_id=OTHER)
    assert missing(record, BIRTH_75, rules) == []
    assert codes_of(missing(record, BIRTH_75, DEFAULT_RULES)) == {X.REASON_MISSING}
    relative = sale(measure=X.RELATIVE_PRESENT, relative_name="田中", relative_relation="長男")
    assert [m.params["preferred"] for m in missing(relative, BIRTH_75, rules)] == [X.SECOND_AGENT]


def test_none_possible_means_phone_check_with_a_reason():
    record = sale(measure=X.PHONE_CHECK)
    found = missing(record, BIRTH_75, DEFAULT_RULES)
    assert codes_of(found) == {X.NO_MEASURE_REASON_MISSING, X.PHONE_CHECK_MISSING, X.PHONE_DATE_MISSING,
                               X.ANSWER_MISSING}
    why = next(m for m in found if m.code == X.PHONE_CHECK_MISSING).params["why"]
    assert why == X.PHONE_WHY_NO_MEASURE
    done = sale(measure=X.PHONE_CHECK, less_preferred_reason="ご親族がおらず、来店も一度きりのため", **phone_done())
    assert missing(done, BIRTH_75, DEFAULT_RULES) == []


def test_phone_check_in_place_of_a_measure_asks_why_none_of_r17s_three_in_their_default_order_was_possible():
    """R17's default order: 親族同席, 複数回面談, 複数募集人 — as staff read it when asked for a reason."""
    [reason] = missing(sale(measure=X.PHONE_CHECK, **phone_done()), BIRTH_75, DEFAULT_RULES)
    assert (reason.code, reason.params) == (
        X.NO_MEASURE_REASON_MISSING, {"preference": (X.RELATIVE_PRESENT, X.MULTIPLE_MEETINGS, X.SECOND_AGENT)})


# --- phone check (R18, R19) -------------------------------------------------------------------------

def test_non_face_to_face_without_phone_check_is_incomplete_and_needs_no_reason():
    record = sale(face_to_face=False, measure=X.PHONE_CHECK)
    found = missing(record, BIRTH_75, DEFAULT_RULES)
    assert [m.field for m in found] == ["phone_checker_id", "phone_checked_on", "answer_public_insurance",
                                        "answer_product_reason"]
    assert found[0].params["why"] == X.PHONE_WHY_NON_FACE_TO_FACE
    assert missing(replace(record, **phone_done()), BIRTH_75, DEFAULT_RULES) == []


def test_seller_as_checker_is_refused_at_the_checker_field():
    record = sale(face_to_face=False, measure=X.PHONE_CHECK, **phone_done(phone_checker_id=SELLER))
    errors = hard_errors(record, BIRTH_75, DEFAULT_RULES, today=TODAY)
    assert [(e.field, e.code) for e in errors] == [("phone_checker_id", X.CHECKER_IS_SELLER)]


def test_answer_no_needs_a_follow_up_note_comment_stays_optional():
    record = sale(face_to_face=False, measure=X.PHONE_CHECK, **phone_done(answer_product_reason="no"))
    assert [(m.code, m.field) for m in missing(record, BIRTH_75, DEFAULT_RULES)] == [
        (X.FOLLOW_UP_MISSING, "follow_up_note")]
    record.follow_up_note = "後日、担当者が改めてご提案理由をご説明しました。"
    assert missing(record, BIRTH_75, DEFAULT_RULES) == []


def test_check_date_not_in_the_future_nor_long_before_the_sale():
    future = sale(face_to_face=False, measure=X.PHONE_CHECK, **phone_done(phone_checked_on=date(2025, 11, 21)))
    assert [(e.field, e.code) for e in hard_errors(future, BIRTH_75, DEFAULT_RULES, today=TODAY)] == [
        ("phone_checked_on", "in_future")]
    early = replace(future, phone_checked_on=date(2025, 9, 10))  # 61 days before
    assert codes_of(hard_errors(early, BIRTH_75, DEFAULT_RULES, today=TODAY)) == {X.DATE_TOO_EARLY}
    assert hard_errors(replace(future, phone_checked_on=date(2025, 9, 11)), BIRTH_75, DEFAULT_RULES,
                       today=TODAY) == []
    assert hard_errors(replace(future, phone_checked_on=TODAY), BIRTH_75, DEFAULT_RULES, today=TODAY) == []


def test_a_written_confirmation_dated_today_is_accepted_tomorrow_is_not():
    written = sale(product_line="group", face_to_face=False, measure=X.WRITTEN_CHECK, written_confirmed_on=TODAY)
    assert hard_errors(written, BIRTH_75, DEFAULT_RULES, today=TODAY) == []
    tomorrow = replace(written, written_confirmed_on=date(2025, 11, 21))
    assert [(e.field, e.code) for e in hard_errors(tomorrow, BIRTH_75, DEFAULT_RULES, today=TODAY)] == [
        ("written_confirmed_on", "in_future")]


def test_strict_band_needs_a_phone_check_even_with_a_measure():
    record = sale(measure=X.RELATIVE_PRESENT, relative_name="佐々木 﨑子", relative_relation="長女")
    found = missing(record, BIRTH_85, DEFAULT_RULES)
    assert found[0] == X.Missing(X.PHONE_CHECK_MISSING, "phone_checker_id",
                                 {"why": X.PHONE_WHY_STRICT, "strict_age": 80})
    assert missing(replace(record, **phone_done()), BIRTH_85, DEFAULT_RULES) == []
    assert missing(record, BIRTH_85, ElderlyRules(strict_age=None)) == []  # the band switched off


def test_strict_band_starts_on_the_80th_birthday():
    record = sale(measure=X.RELATIVE_PRESENT, relative_name="田中", relative_relation="長男")
    assert missing(record, date(1945, 11, 11), DEFAULT_RULES) == []  # 79 on the sale date
    assert missing(record, date(1945, 11, 10), DEFAULT_RULES) != []  # 80 that day


# --- group insurance ---------------------------------------------------------------------------------

def test_group_uses_phone_or_written_check_and_no_face_to_face_rules():
    record = sale(product_line="group", face_to_face=False)
    assert codes_of(missing(record, BIRTH_85, DEFAULT_RULES)) == {X.GROUP_MEASURE_MISSING}
    written = replace(record, measure=X.WRITTEN_CHECK)
    assert codes_of(missing(written, BIRTH_85, DEFAULT_RULES)) == {X.WRITTEN_DATE_MISSING}
    assert missing(replace(written, written_confirmed_on=date(2025, 11, 15)), BIRTH_85, DEFAULT_RULES) == []
    phoned = replace(record, measure=X.PHONE_CHECK, **phone_done())
    assert missing(phoned, BIRTH_85, DEFAULT_RULES) == []  # no reason, no strict band for group


def test_measure_not_allowed_for_the_kind_of_sale():
    wrong = [sale(product_line="group", measure=X.RELATIVE_PRESENT),
             sale(measure=X.WRITTEN_CHECK), sale(face_to_face=False, measure=X.SECOND_AGENT)]
    for record in wrong:
        assert codes_of(hard_errors(record, BIRTH_75, DEFAULT_RULES, today=TODAY)) == {X.MEASURE_NOT_ALLOWED}
    assert codes_of(hard_errors(sale(measure="bogus"), BIRTH_75, DEFAULT_RULES, today=TODAY)) == {"unknown_choice"}


# --- rules versions -------------------------------------------------------------------------------------

def test_rules_survive_json_and_are_checked():
    rules = ElderlyRules(thresholds={"life": 75, "nonlife": 70, "group": 65}, strict_age=None,
                         preference=(X.MULTIPLE_MEETINGS, X.RELATIVE_PRESENT, X.SECOND_AGENT))
    assert ElderlyRules.from_json(rules.to_json()) == rules
    validate_rules(rules)
    with pytest.raises(ValidationFailed) as caught:
        validate_rules(ElderlyRules(thresholds={"life": 49, "nonlife": 101, "group": 70}, strict_age=60,
                                    preference=(X.RELATIVE_PRESENT, X.RELATIVE_PRESENT, X.SECOND_AGENT)))
    assert caught.value.fields() == {"threshold_life", "threshold_nonlife", "strict_age", "preference"}
    with pytest.raises(ValidationFailed) as caught:
        validate_rules(ElderlyRules(thresholds={"life": 75, "nonlife": 70, "group": 70}, strict_age=72))
    assert [(e.field, e.code, e.params) for e in caught.value.errors] == [
        ("strict_age", X.STRICT_BELOW_THRESHOLD, {"threshold": 75})]


@pytest.mark.parametrize("age", [50, 100])
def test_thresholds_and_the_strict_band_may_be_set_anywhere_from_50_to_100(age):
    validate_rules(ElderlyRules(thresholds={"life": age, "nonlife": age, "group": age}, strict_age=age))


@pytest.mark.parametrize("age", [49, 101])
def test_a_threshold_or_strict_band_outside_50_to_100_is_refused_and_the_range_is_told(age):
    with pytest.raises(ValidationFailed) as caught:
        validate_rules(ElderlyRules(thresholds={"life": 70, "nonlife": 70, "group": age}, strict_age=age))
    assert [(e.field, e.code, e.params) for e in caught.value.errors] == [
        ("threshold_group", X.THRESHOLD_OUT_OF_RANGE, {"min": 50, "max": 100}),
        ("strict_age", X.THRESHOLD_OUT_OF_RANGE, {"min": 50, "max": 100})]


def test_the_strict_band_may_start_at_the_highest_face_to_face_threshold_not_below():
    validate_rules(ElderlyRules(thresholds={"life": 75, "nonlife": 70, "group": 90}, strict_age=75))
    with pytest.raises(ValidationFailed) as caught:
        validate_rules(ElderlyRules(thresholds={"life": 70, "nonlife": 75, "group": 70}, strict_age=74))
    assert [(e.field, e.code, e.params) for e in caught.value.errors] == [
        ("strict_age", X.STRICT_BELOW_THRESHOLD, {"threshold": 75})]


# --- as typed ------------------------------------------------------------------------------------------

def typed(**fields) -> SaleInput:
    base = dict(customer_id="c1", sale_date="2025/11/10", product_line="life", seller_id=SELLER)
    base.update(fields)
    return SaleInput(**base)


def test_validate_sale_stores_normalised_values_and_reports_what_is_missing():
    values, still = validate_sale(
        typed(sale_date="２０２５年１１月１０日", measure=X.MULTIPLE_MEETINGS,
              meeting_dates="2025/11/01、２０２５／１１／０８ 2025/11/01", relative_name="hidden",
              less_preferred_reason="ＡＢＣ 理由 😊"),
        birth=BIRTH_75, rules=DEFAULT_RULES, today=TODAY, staff_ids=STAFF)
    assert still == []
    assert values["sale_date"] == "2025-11-10"
    assert values["meeting_dates"] == "2025-11-01,2025-11-08"
    assert values["relative_name"] == ""  # details of a measure not chosen are not kept
    assert values["less_preferred_reason"] == "ABC 理由 😊"
    assert values["due_date"] == "2025-11-24" and values["is_complete"] == 1


def test_validate_sale_refuses_hard_errors_at_their_fields():
    with pytest.raises(ValidationFailed) as caught:
        validate_sale(typed(sale_date="2025/13/01", meeting_dates="昨日", seller_id="nobody"),
                      birth=BIRTH_75, rules=DEFAULT_RULES, today=TODAY, staff_ids=STAFF)
    assert caught.value.fields() == {"sale_date", "meeting_dates", "seller_id"}
    with pytest.raises(ValidationFailed) as caught:
        validate_sale(typed(face_to_face=False, phone_checker_id=SELLER, due_date="2025/11/01"),
                      birth=BIRTH_75, rules=DEFAULT_RULES, today=TODAY, staff_ids=STAFF)
    assert caught.value.fields() == {"phone_checker_id", "due_date"}


def test_a_due_date_on_the_sale_day_is_accepted_the_day_before_is_not():
    values, _ = validate_sale(typed(due_date="2025/11/10"), birth=BIRTH_75, rules=DEFAULT_RULES, today=TODAY)
    assert values["due_date"] == "2025-11-10"
    with pytest.raises(ValidationFailed) as caught:
        validate_sale(typed(due_date="2025/11/09"), birth=BIRTH_75, rules=DEFAULT_RULES, today=TODAY)
    assert [(e.field, e.code) for e in caught.value.errors] == [("due_date", X.DUE_BEFORE_SALE)]


def test_under_another_order_the_first_measure_needs_no_reason_and_the_default_first_keeps_its_reason():
    """Seed 004's mid-year change: with 複数募集人 first, 親族同席 is a less preferred measure and its reason stays."""
    rules = ElderlyRules(preference=(X.SECOND_AGENT, X.RELATIVE_PRESENT, X.MULTIPLE_MEETINGS))
    reason = "二人目の募集人の都合がつかないため"
    values, still = validate_sale(typed(measure=X.RELATIVE_PRESENT, relative_name="田中 花子",
                                        relative_relation="長女", less_preferred_reason=reason),
                                  birth=BIRTH_75, rules=rules, today=TODAY, staff_ids=STAFF)
    assert (values["less_preferred_reason"], values["is_complete"], still) == (reason, 1, [])
    values, still = validate_sale(typed(measure=X.SECOND_AGENT, second_agent_id=OTHER, less_preferred_reason="不要"),
                                  birth=BIRTH_75, rules=rules, today=TODAY, staff_ids=STAFF)
    assert (values["less_preferred_reason"], values["is_complete"]) == ("", 1)


def test_non_face_to_face_entry_takes_phone_check_and_incomplete_is_allowed():
    values, still = validate_sale(typed(face_to_face=False, less_preferred_reason="消える"),
                                  birth=BIRTH_75, rules=DEFAULT_RULES, today=TODAY, staff_ids=STAFF)
    assert values["measure"] == X.PHONE_CHECK and values["less_preferred_reason"] == ""
    assert values["is_complete"] == 0 and X.PHONE_CHECK_MISSING in codes_of(still)


def test_long_text_is_refused_but_long_reason_up_to_the_limit_is_kept():
    reason = "𠮷" * X.TEXT_MAX
    values, _ = validate_sale(typed(measure=X.SECOND_AGENT, second_agent_id=OTHER, less_preferred_reason=reason),
                              birth=BIRTH_75, rules=DEFAULT_RULES, today=TODAY, staff_ids=STAFF)
    assert values["less_preferred_reason"] == reason
    with pytest.raises(ValidationFailed) as caught:
        validate_sale(typed(measure=X.SECOND_AGENT, less_preferred_reason=reason + "x"),
                      birth=BIRTH_75, rules=DEFAULT_RULES, today=TODAY, staff_ids=STAFF)
    assert caught.value.fields() == {"less_preferred_reason"}


def test_completion_day_is_kept_until_the_record_falls_back():
    assert X.completion([], was_complete=False, completed_on=None, today=TODAY) == (1, "2025-11-20")
    assert X.completion([], was_complete=True, completed_on="2025-11-01", today=TODAY) == (1, "2025-11-01")
    gap = [X.Missing(X.PHONE_DATE_MISSING, "phone_checked_on")]
    assert X.completion(gap, was_complete=True, completed_on="2025-11-01", today=TODAY) == (0, None)


def test_group_entry_is_stored_as_not_face_to_face_and_keeps_only_its_measure_details():
    values, still = validate_sale(typed(product_line="group", face_to_face=True, measure=X.WRITTEN_CHECK,
                                        written_confirmed_on="2025/11/12", relative_name="消える"),
                                  birth=BIRTH_75, rules=DEFAULT_RULES, today=TODAY, staff_ids=STAFF)
    assert (values["face_to_face"], values["written_confirmed_on"], values["relative_name"]) == (0, "2025-11-12", "")
    assert still == []


# --- whether the rules apply at all (the form's 「まだ必要なこと」 says which) ------------------------------------
def test_the_rules_cannot_be_judged_until_customer_date_and_product_are_given():
    assert X.judgement(None, BIRTH_75, DEFAULT_RULES, has_customer=True) == X.NOT_YET
    assert X.judgement(sale(), BIRTH_75, DEFAULT_RULES, has_customer=False) == X.NOT_YET
    assert X.judgement(sale(product_line=""), BIRTH_75, DEFAULT_RULES, has_customer=True) == X.NOT_YET


def test_a_customer_without_a_date_of_birth_cannot_be_judged():
    assert X.judgement(sale(), None, DEFAULT_RULES, has_customer=True) == X.NO_BIRTH_DATE


def test_a_49_year_old_is_not_elderly_and_needs_nothing():
    birth = date(1976, 5, 1)  # 49 on the sale date
    assert X.judgement(sale(), birth, DEFAULT_RULES, has_customer=True) == X.NOT_ELDERLY
    assert X.judgement(sale(), BIRTH_75, DEFAULT_RULES, has_customer=True) == X.ELDERLY
