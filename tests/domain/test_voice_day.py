"""The voice day's rules (R14): the range since the last voice day, the nine weeks, the order voices are read in, decisions."""

from datetime import date

import pytest

from agency_app.domain import errors as E
from agency_app.domain import voice_day as D
from agency_app.domain.errors import ValidationFailed


def test_range_runs_from_the_day_after_the_last_voice_day_to_this_one():
    assert D.default_range(date(2025, 6, 3), date(2025, 6, 10)) == (date(2025, 6, 4), date(2025, 6, 10))


def test_a_teams_first_voice_day_covers_the_week_up_to_it():
    assert D.default_range(None, date(2025, 6, 10)) == (date(2025, 6, 4), date(2025, 6, 10))


def test_a_last_voice_day_on_the_same_day_or_later_never_gives_an_empty_range():
    assert D.default_range(date(2025, 6, 10), date(2025, 6, 10)) == (date(2025, 6, 4), date(2025, 6, 10))
    assert D.default_range(date(2025, 6, 17), date(2025, 6, 10)) == (date(2025, 6, 4), date(2025, 6, 10))
    # the day before: a one-day range
    assert D.default_range(date(2025, 6, 9), date(2025, 6, 10)) == (date(2025, 6, 10), date(2025, 6, 10))


def test_a_chosen_range_must_run_forwards_end_by_the_meeting_and_be_at_most_a_year():
    D.check_range(date(2025, 6, 10), date(2025, 6, 10), date(2025, 6, 10))
    with pytest.raises(ValidationFailed) as reversed_range:
        D.check_range(date(2025, 6, 11), date(2025, 6, 10), date(2025, 6, 10))
    assert reversed_range.value.errors[0].code == D.RANGE_REVERSED
    with pytest.raises(ValidationFailed) as after:
        D.check_range(date(2025, 6, 1), date(2025, 6, 11), date(2025, 6, 10))
    assert after.value.errors[0].code == D.RANGE_AFTER_MEETING
    D.check_range(date(2024, 6, 11), date(2025, 6, 10), date(2025, 6, 10))  # 365 days
    D.check_range(date(2024, 6, 10), date(2025, 6, 10), date(2025, 6, 10))  # 366 days
    with pytest.raises(ValidationFailed) as long_range:
        D.check_range(date(2024, 6, 9), date(2025, 6, 10), date(2025, 6, 10))
    assert long_range.value.errors[0].code == D.RANGE_TOO_LONG


def test_nine_weeks_end_on_the_meetings_day_oldest_first():
    weeks = D.weeks_before(date(2025, 6, 10))
    assert len(weeks) == 9
    assert (weeks[-1].first, weeks[-1].last) == (date(2025, 6, 4), date(2025, 6, 10))
    assert (weeks[0].first, weeks[0].last) == (date(2025, 4, 9), date(2025, 4, 15))
    assert weeks[-1].label == "06/04"
    assert D.week_index(weeks, date(2025, 6, 4)) == 8
    assert D.week_index(weeks, date(2025, 6, 3)) == 7
    assert D.week_index(weeks, date(2025, 4, 9)) == 0
    assert D.week_index(weeks, date(2025, 4, 8)) is None
    assert D.week_index(weeks, date(2025, 6, 11)) is None


def test_voices_are_read_dissatisfaction_then_requests_then_the_rest_newest_first():
    voices = [dict(uid="a", kind="praise", received_at="2025-06-10 10:00"),
              dict(uid="b", kind="request", received_at="2025-06-05 10:00"),
              dict(uid="c", kind="dissatisfaction", received_at="2025-06-04 10:00"),
              dict(uid="d", kind="dissatisfaction", received_at="2025-06-09 10:00"),
              dict(uid="e", kind="other", received_at="2025-06-10 11:00")]
    assert [v["uid"] for v in sorted(voices, key=D.review_order_key)] == ["d", "c", "b", "a", "e"]


def test_no_improvement_needs_the_reason_and_improvement_needs_one():
    with pytest.raises(ValidationFailed) as no_reason:
        D.check_decision(D.DECISION_NO_IMPROVEMENT, reason="  ", improvement_id=None)
    assert (no_reason.value.errors[0].field, no_reason.value.errors[0].code) == ("reason", E.REQUIRED)
    with pytest.raises(ValidationFailed) as no_improvement:
        D.check_decision(D.DECISION_IMPROVEMENT, reason="", improvement_id=None)
    assert no_improvement.value.errors[0].code == D.NEEDS_IMPROVEMENT
    assert D.check_decision(D.DECISION_SHARED, reason="", improvement_id="x")["improvement_id"] is None
    assert D.check_decision(D.DECISION_NO_IMPROVEMENT, reason=" 個別の事情 ", improvement_id=None)["reason"] == "個別の事情"
    D.check_decision(D.DECISION_NO_IMPROVEMENT, reason="理" * D.REASON_MAX, improvement_id=None)
    with pytest.raises(ValidationFailed):
        D.check_decision(D.DECISION_NO_IMPROVEMENT, reason="理" * (D.REASON_MAX + 1), improvement_id=None)
    with pytest.raises(ValidationFailed):
        D.check_decision("maybe", reason="", improvement_id=None)


def test_a_closed_meeting_closes_once_and_only_its_leader_or_a_manager_reopens_it():
    with pytest.raises(ValidationFailed) as twice:
        D.check_close(D.MEETING_CLOSED)
    assert twice.value.errors[0].code == D.ALREADY_CLOSED
    D.check_close(D.MEETING_OPEN)
    assert D.may_reopen(D.MEETING_CLOSED, by="leader", leader_id="leader", by_is_manager=False)
    assert D.may_reopen(D.MEETING_CLOSED, by="boss", leader_id="leader", by_is_manager=True)
    assert not D.may_reopen(D.MEETING_CLOSED, by="other", leader_id="leader", by_is_manager=False)
    with pytest.raises(ValidationFailed) as open_one:
        D.may_reopen(D.MEETING_OPEN, by="leader", leader_id="leader", by_is_manager=False)
    assert open_one.value.errors[0].code == D.NOT_CLOSED
