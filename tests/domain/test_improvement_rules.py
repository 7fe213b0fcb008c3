"""Improvement entries (R12): required fields, the due date after opening, 完了 needs the action, the report to the insurer."""

from datetime import date, datetime

import pytest

from agency_app.domain import errors as E
from agency_app.domain import improvements as I
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.workflow import StatusChange

NOW = datetime(2025, 6, 10, 15, 0)


def entry(**changes) -> I.ImprovementInput:
    values = dict(title="満期案内の送付時期を早める", cause="案内が満期直前に届いた", owner_id="s1",
                  opened_on="2025/6/10", due_date="令和7年6月30日")
    values.update(changes)
    return I.ImprovementInput(**values)


def test_a_full_entry_is_read_with_japanese_dates():
    values = I.validate_improvement(entry(), now=NOW, staff_ids={"s1"})
    assert values["opened_on"] == "2025-06-10" and values["due_date"] == "2025-06-30"
    assert "満期案内" in values["search_text"]


@pytest.mark.parametrize("field", ["title", "owner_id", "opened_on", "due_date"])
def test_title_owner_opening_and_due_date_are_needed(field):
    with pytest.raises(ValidationFailed) as failed:
        I.validate_improvement(entry(**{field: ""}), now=NOW, staff_ids={"s1"})
    assert (field, E.REQUIRED) in {(e.field, e.code) for e in failed.value.errors}


def test_the_due_date_may_be_the_opening_day_but_not_before_it():
    I.validate_improvement(entry(due_date="2025/6/10"), now=NOW, staff_ids={"s1"})
    with pytest.raises(ValidationFailed) as failed:
        I.validate_improvement(entry(due_date="2025/6/9"), now=NOW, staff_ids={"s1"})
    assert failed.value.errors[0].code == I.DUE_BEFORE_OPENED


def test_an_opening_day_ahead_and_an_unknown_owner_are_refused():
    with pytest.raises(ValidationFailed) as ahead:
        I.validate_improvement(entry(opened_on="2025/6/11", due_date="2025/6/30"), now=NOW, staff_ids={"s1"})
    assert ahead.value.errors[0].code == E.IN_FUTURE
    with pytest.raises(ValidationFailed) as unknown:
        I.validate_improvement(entry(owner_id="nobody"), now=NOW, staff_ids={"s1"})
    assert unknown.value.errors[0].code == E.UNKNOWN_CHOICE


def test_done_needs_the_action_taken_and_writes_it_as_the_action():
    with pytest.raises(ValidationFailed) as failed:
        I.improvement_status_change("in_progress", StatusChange("done", completed_on="2025/6/10", completed_by="s1"),
                                    opened_on=date(2025, 6, 1), today=date(2025, 6, 10))
    assert ("response", E.REQUIRED) in {(e.field, e.code) for e in failed.value.errors}
    values = I.improvement_status_change(
        "in_progress", StatusChange("done", response="案内を60日前に前倒し", completed_on="2025/6/10", completed_by="s1"),
        opened_on=date(2025, 6, 1), today=date(2025, 6, 10))
    assert values["action"] == "案内を60日前に前倒し" and "response" not in values
    assert values["completed_on"] == "2025-06-10"


def test_the_report_day_lies_between_opening_and_today_and_an_empty_one_takes_it_back():
    assert I.check_reported("2025/6/10", " 東京海上日動 ", opened_on=date(2025, 6, 1), today=date(2025, 6, 10)) == {
        "reported_on": "2025-06-10", "reported_insurer": "東京海上日動"}
    assert I.check_reported("2025/6/1", "", opened_on=date(2025, 6, 1), today=date(2025, 6, 10))["reported_on"]
    with pytest.raises(ValidationFailed) as before:
        I.check_reported("2025/5/31", "", opened_on=date(2025, 6, 1), today=date(2025, 6, 10))
    assert before.value.errors[0].code == I.REPORTED_BEFORE_OPENED
    with pytest.raises(ValidationFailed) as ahead:
        I.check_reported("2025/6/11", "", opened_on=date(2025, 6, 1), today=date(2025, 6, 10))
    assert ahead.value.errors[0].code == E.IN_FUTURE
    assert I.check_reported("", "x", opened_on=date(2025, 6, 1), today=date(2025, 6, 10)) == {
        "reported_on": None, "reported_insurer": None}
