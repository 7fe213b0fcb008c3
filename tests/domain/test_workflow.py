"""Follow-up status rules R6–R9: allowed moves, what closing needs, reopening, overdue, call-backs."""

from datetime import date, datetime
from itertools import product

import pytest

from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.workflow import (
    StatusChange, callbacks_due_today, check_status_change, is_end_of_day, is_overdue,
)

NEW, WORKING, DONE, DROPPED = (codes.STATUS_NEW, codes.STATUS_IN_PROGRESS, codes.STATUS_DONE,
                               codes.STATUS_DROPPED)
RECEIVED = date(2025, 11, 18)
TODAY = date(2025, 11, 20)

# Written out by hand so a change to the rules shows up here.
ALLOWED = {
    (NEW, WORKING), (NEW, DONE), (NEW, DROPPED),
    (WORKING, NEW), (WORKING, DONE), (WORKING, DROPPED),
    (DONE, WORKING),      # reopen
    (DROPPED, WORKING),   # reopen
}


def complete_change(target: str) -> StatusChange:
    return StatusChange(target, response="電話で説明し了承を得た", completed_on="2025/11/19",
                        completed_by="sato", close_reason="お客様の意向により対応不要")


def move(current: str, change: StatusChange, **kwargs) -> dict:
    return check_status_change(current, change, received_on=RECEIVED, today=TODAY, **kwargs)


def failed_fields(current: str, change: StatusChange, **kwargs) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as caught:
        move(current, change, **kwargs)
    return {e.field: e.code for e in caught.value.errors}


@pytest.mark.parametrize("current, target", sorted(product(codes.STATUSES, repeat=2)))
def test_every_status_move_is_allowed_or_forbidden_as_listed(current, target):
    if (current, target) in ALLOWED:
        assert move(current, complete_change(target))["status"] == target
    else:
        assert failed_fields(current, complete_change(target)) == {"status": E.TRANSITION_NOT_ALLOWED}


def test_done_requires_response_completion_date_and_staff():
    assert failed_fields(WORKING, StatusChange(DONE)) == {
        "response": E.REQUIRED, "completed_on": E.REQUIRED, "completed_by": E.REQUIRED}
    assert failed_fields(WORKING, StatusChange(DONE, response="  ", completed_on="2025/11/19",
                                               completed_by="sato")) == {"response": E.REQUIRED}


def test_done_stores_response_date_and_staff():
    values = move(WORKING, complete_change(DONE))
    assert values["response"] == "電話で説明し了承を得た"
    assert values["completed_on"] == "2025-11-19"
    assert values["completed_by"] == "sato"
    assert values["close_reason"] is None


@pytest.mark.parametrize("typed, code", [
    ("2025/11/17", E.COMPLETION_BEFORE_RECEIPT),
    ("2025/11/21", E.IN_FUTURE),
    ("そのうち", E.BAD_DATE),
    ("2025/11/31", E.BAD_DAY),
])
def test_completion_date_must_lie_between_receipt_and_today(typed, code):
    change = StatusChange(DONE, response="対応済", completed_on=typed, completed_by="sato")
    assert failed_fields(WORKING, change) == {"completed_on": code}


def test_done_is_refused_while_a_checklist_step_is_open():
    assert failed_fields(WORKING, complete_change(DONE), open_checklist_steps=2) == {
        "status": E.CHECKLIST_OPEN}


def test_dropped_requires_a_reason_and_is_dated_today():
    assert failed_fields(NEW, StatusChange(DROPPED)) == {"close_reason": E.REQUIRED}
    values = move(NEW, StatusChange(DROPPED, close_reason="重複登録"))
    assert values["close_reason"] == "重複登録"
    assert values["completed_on"] == TODAY.isoformat()


@pytest.mark.parametrize("closed", [DONE, DROPPED])
def test_reopening_clears_completion_and_is_marked_for_counting(closed):
    values = move(closed, StatusChange(WORKING, reopen_reason="お客様から再度連絡"))
    assert values["status"] == WORKING
    assert values["reopened"] is True
    assert values["completed_on"] is None and values["completed_by"] is None
    assert values["close_reason"] is None


def test_moving_between_open_statuses_is_not_a_reopen():
    assert "reopened" not in move(NEW, StatusChange(WORKING))
    assert "reopened" not in move(WORKING, StatusChange(NEW))


@pytest.mark.parametrize("status, due, overdue", [
    (NEW, "2025-11-19", True),
    (WORKING, "2025-11-19", True),
    (WORKING, "2025-11-20", False),   # due today is not late yet
    (WORKING, "2025-11-21", False),
    (DONE, "2025-11-01", False),      # closed items are never overdue
    (DROPPED, "2025-11-01", False),
    (NEW, None, False),
])
def test_open_items_past_their_due_date_are_overdue(status, due, overdue):
    assert is_overdue(status, due, TODAY) is overdue


@pytest.mark.parametrize("callback_at, status, shown", [
    ("2025-11-20 09:00", NEW, True),
    ("2025-11-20 17:30", WORKING, True),
    ("2025-11-19 15:00", WORKING, True),    # a missed promise keeps showing
    ("2025-11-21 09:00", NEW, False),
    ("2025-11-20 09:00", DONE, False),
    ("2025-11-20 09:00", DROPPED, False),
    (None, NEW, False),
])
def test_todays_call_backs_include_missed_ones_of_open_voices(callback_at, status, shown):
    assert callbacks_due_today(callback_at, status, TODAY) is shown


def test_a_call_back_already_made_is_no_longer_due():
    assert callbacks_due_today("2025-11-20 09:00", NEW, TODAY, callback_done_at="2025-11-20 09:05") is False
    assert callbacks_due_today("2025-11-19 15:00", WORKING, TODAY, callback_done_at=None) is True


def test_end_of_day_reminder_starts_at_four_pm():
    assert not is_end_of_day(datetime(2025, 11, 20, 15, 59))
    assert is_end_of_day(datetime(2025, 11, 20, 16, 0))
    assert is_end_of_day(datetime(2025, 11, 20, 17, 0), end_hour=17)


@pytest.mark.parametrize("callback_at, status, made, state", [
    (None, NEW, None, ""),
    ("2025-11-20 14:00", NEW, None, "today"),
    ("2025-11-19 16:00", WORKING, None, "missed"),
    ("2025-11-21 09:00", NEW, None, "later"),
    ("2025-11-19 16:00", WORKING, "2025-11-19 16:10", "made"),
    ("2025-11-19 16:00", codes.STATUS_DONE, None, ""),
])
def test_a_promise_is_today_missed_later_or_made_by_its_day(callback_at, status, made, state):
    """R9's one rule for the list, the panel and the reminders."""
    from agency_app.domain.workflow import callback_state
    assert callback_state(callback_at, status, TODAY, made) == state


def test_an_edit_of_a_closed_record_keeps_its_due_date_and_a_new_promise_is_open_again():
    import pytest
    from agency_app.domain import errors as E
    from agency_app.domain.errors import ValidationFailed
    from agency_app.domain.workflow import edited_values
    closed = {"status": "done", "due_date": "2025-06-05", "callback_at": "2025-06-03 10:00"}
    with pytest.raises(ValidationFailed) as caught:
        edited_values(closed, {"due_date": "2025-06-30", "callback_at": "2025-06-03 10:00"})
    assert [e.code for e in caught.value.errors] == [E.DUE_DATE_OF_CLOSED]
    open_one = dict(closed, status="in_progress")
    moved = edited_values(open_one, {"due_date": "2025-06-30", "callback_at": "2025-06-04 10:00"})
    assert (moved["callback_done_at"], moved["callback_done_by"]) == (None, None)


def test_a_call_back_is_made_once_by_a_staff_member_and_a_reopening_is_counted():
    import pytest
    from datetime import datetime
    from agency_app.domain import errors as E
    from agency_app.domain.errors import ValidationFailed
    from agency_app.domain.workflow import callback_made, status_values
    promised = {"callback_at": "2025-06-03 10:00", "callback_done_at": None, "reopen_count": 1}
    assert callback_made(promised, "s1", datetime(2025, 6, 3, 10, 5), {"s1"}) == {
        "callback_done_at": "2025-06-03 10:05", "callback_done_by": "s1"}
    for row, by, code in ((dict(promised, callback_at=None), "s1", E.CALLBACK_NOT_PROMISED),
                          (dict(promised, callback_done_at="2025-06-03 10:05"), "s1", E.CALLBACK_ALREADY_DONE),
                          (promised, "stranger", E.UNKNOWN_CHOICE)):
        with pytest.raises(ValidationFailed) as caught:
            callback_made(row, by, datetime(2025, 6, 3, 11, 0), {"s1"})
        assert caught.value.errors[0].code == code
    assert status_values(promised, {"status": "in_progress", "reopened": True}, {"s1"}) == {
        "status": "in_progress", "reopen_count": 2}


def test_a_call_back_s_note_goes_under_the_response_and_the_tick_moves_only_a_new_record():
    from agency_app.domain.workflow import callback_made
    now = datetime(2025, 12, 5, 15, 10)
    row = {"callback_at": "2025-12-05 15:00", "callback_done_at": None, "status": NEW, "response": "一次対応済み"}
    values = callback_made(row, "s1", now, {"s1"}, note="\n 書類を再送すると伝えた。\n届き次第連絡。 \n", by_name="阿部 優",
                           start_work=True)
    assert values == {"callback_done_at": "2025-12-05 15:10", "callback_done_by": "s1", "status": WORKING,
                      "response": "一次対応済み\n【折り返し 12/05 15:10 阿部 優】書類を再送すると伝えた。\n届き次第連絡。"}
    for status in (WORKING, DONE, DROPPED):
        assert "status" not in callback_made(dict(row, status=status), "s1", now, {"s1"}, start_work=True)
    assert "response" not in callback_made(row, "s1", now, {"s1"}, note=" \n　")  # a blank note adds nothing
    with pytest.raises(ValidationFailed) as caught:
        callback_made(row, "s1", now, {"s1"}, note="x" * 1001)
    assert (caught.value.errors[0].field, caught.value.errors[0].code) == ("callback_note", E.TOO_LONG)


def test_taking_a_call_back_back_restores_what_was_written_over():
    from agency_app.domain.workflow import callback_made, callback_unmade, made_record
    row = {"uid": "v1", "callback_at": "2025-12-05 15:00", "callback_done_at": None, "callback_done_by": None,
           "status": NEW, "response": ""}
    values = callback_made(row, "s1", datetime(2025, 12, 5, 15, 10), {"s1"}, note="話した", start_work=True)
    made = made_record(row, values, 4)
    assert (made.uid, made.version, made.done_at) == ("v1", 4, "2025-12-05 15:10")
    after = dict(row, **values)
    assert callback_unmade(after, made) == {"callback_done_at": None, "callback_done_by": None, "status": NEW,
                                            "response": ""}
    with pytest.raises(ValidationFailed) as caught:  # made again since (another call-back): not this one
        callback_unmade(dict(after, callback_done_at="2025-12-05 16:00"), made)
    assert caught.value.errors[0].code == E.CALLBACK_CHANGED_SINCE
