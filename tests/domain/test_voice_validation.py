"""Rules a voice entry must meet before it is saved (R2, R4, R8, R9), as staff would type it."""

from datetime import date, datetime

import pytest

from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.voice import (
    BODY_MAX, SHORT_TEXT_MAX, SUMMARY_MAX, VoiceInput, default_due_date, validate_voice,
)

NOW = datetime(2025, 11, 20, 10, 0)
STAFF = {"sato", "suzuki"}


def entry(**changes) -> VoiceInput:
    values = dict(received_at="2025/11/20 09:30", channel="phone", kind=codes.KIND_DISSATISFACTION,
                  summary="更新の案内が届かなかった", body="満期の案内が来ないまま期限が過ぎた。",
                  customer_name="田中 太郎")
    values.update(changes)
    return VoiceInput(**values)


def errors_of(voice: VoiceInput) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as caught:
        validate_voice(voice, now=NOW, staff_ids=STAFF)
    return {e.field: e.code for e in caught.value.errors}


def test_valid_entry_is_normalised_for_storage():
    out = validate_voice(entry(summary="  要旨  ", insurer=" ", assignee_id="sato"), now=NOW, staff_ids=STAFF)
    assert out["received_at"] == "2025-11-20 09:30"
    assert out["summary"] == "要旨"
    assert out["insurer"] is None
    assert out["assignee_id"] == "sato"
    assert out["is_complaint"] == 0
    assert out["callback_at"] is None


@pytest.mark.parametrize("typed", [
    "2025/11/20 09:30", "2025-11-20 09:30", "2025-11-20T09:30", "2025/11/20 9:30",
    "2025-11-20 09:30:00", "２０２５／１１／２０　０９：３０",  # full-width, as typed with the IME on
])
def test_slash_dash_and_full_width_date_times_are_accepted(typed):
    assert validate_voice(entry(received_at=typed), now=NOW)["received_at"] == "2025-11-20 09:30"


def test_summary_is_required():
    assert errors_of(entry(summary="")) == {"summary": E.REQUIRED}
    assert errors_of(entry(summary="   \u3000 ")) == {"summary": E.REQUIRED}  # blanks, incl. full-width


def test_receipt_time_is_required():
    assert errors_of(entry(received_at=" ")) == {"received_at": E.REQUIRED}


@pytest.mark.parametrize("typed, code", [
    ("2025/13/01 09:00", E.BAD_MONTH), ("明日", E.TIME_MISSING), ("2025/02/29 10:00", E.BAD_DAY),
    ("2025/11/20", E.TIME_MISSING), ("25時", E.BAD_HOUR), ("そのうち", E.BAD_DATETIME),
])
def test_text_that_is_no_valid_date_time_is_refused_with_its_reason(typed, code):
    assert errors_of(entry(received_at=typed)) == {"received_at": code}


def test_receipt_in_the_future_is_refused_beyond_a_few_minutes_of_clock_drift():
    assert errors_of(entry(received_at="2025/11/20 11:00")) == {"received_at": E.IN_FUTURE}
    assert validate_voice(entry(received_at="2025/11/20 10:05"), now=NOW)["received_at"] == "2025-11-20 10:05"


def test_ten_minutes_ahead_is_clock_drift_eleven_minutes_is_the_future():
    """Another PC's clock may run a little ahead: up to ten minutes past now (10:00) is still accepted."""
    assert validate_voice(entry(received_at="2025/11/20 10:10"), now=NOW)["received_at"] == "2025-11-20 10:10"
    assert errors_of(entry(received_at="2025/11/20 10:11")) == {"received_at": E.IN_FUTURE}


def test_due_date_before_receipt_is_refused():
    assert errors_of(entry(due_date="2025/11/19")) == {"due_date": E.DUE_BEFORE_RECEIPT}
    assert validate_voice(entry(due_date="2025/11/20"), now=NOW)["due_date"] == "2025-11-20"


def test_unreadable_due_date_is_refused():
    assert errors_of(entry(due_date="来週")) == {"due_date": E.BAD_DATE}


def test_empty_due_date_defaults_to_three_days_for_dissatisfaction_and_seven_for_others():
    assert validate_voice(entry(), now=NOW)["due_date"] == "2025-11-23"
    assert validate_voice(entry(kind=codes.KIND_PRAISE), now=NOW)["due_date"] == "2025-11-27"
    assert validate_voice(entry(kind=codes.KIND_REQUEST, due_date="2025-12-01"), now=NOW)["due_date"] == "2025-12-01"
    assert default_due_date(date(2026, 3, 30), codes.KIND_DISSATISFACTION) == date(2026, 4, 2)


def test_promised_call_back_needs_a_staff_member():
    assert errors_of(entry(callback_at="2025/11/20 15:00")) == {"callback_staff_id": E.CALLBACK_NEEDS_STAFF}
    out = validate_voice(entry(callback_at="2025/11/20 15:00", callback_staff_id="suzuki"),
                         now=NOW, staff_ids=STAFF)
    assert (out["callback_at"], out["callback_staff_id"]) == ("2025-11-20 15:00", "suzuki")


def test_call_back_before_receipt_or_unreadable_is_refused():
    assert errors_of(entry(callback_at="2025/11/20 09:00", callback_staff_id="sato")) == {
        "callback_at": E.CALLBACK_BEFORE_RECEIPT}
    assert errors_of(entry(callback_at="夕方", callback_staff_id="sato")) == {"callback_at": E.BAD_DATETIME}


def test_call_back_promised_for_the_minute_of_receipt_is_accepted_a_minute_earlier_is_not():
    at_receipt = validate_voice(entry(callback_at="2025/11/20 09:30", callback_staff_id="sato"), now=NOW)
    assert at_receipt["callback_at"] == "2025-11-20 09:30"
    assert errors_of(entry(callback_at="2025/11/20 09:29", callback_staff_id="sato")) == {
        "callback_at": E.CALLBACK_BEFORE_RECEIPT}


def test_unknown_staff_cannot_be_assigned():
    assert errors_of(entry(assignee_id="nobody")) == {"assignee_id": E.UNKNOWN_CHOICE}


def test_complaint_flag_only_for_dissatisfaction():
    assert validate_voice(entry(is_complaint=True), now=NOW)["is_complaint"] == 1
    for kind in (codes.KIND_PRAISE, codes.KIND_REQUEST, codes.KIND_OTHER):
        assert errors_of(entry(kind=kind, is_complaint=True)) == {
            "is_complaint": E.COMPLAINT_ONLY_FOR_DISSATISFACTION}


def test_unknown_kind_channel_or_product_line_is_refused():
    assert errors_of(entry(kind="angry", channel="fax", product_line="pet")) == {
        "kind": E.UNKNOWN_CHOICE, "channel": E.UNKNOWN_CHOICE, "product_line": E.UNKNOWN_CHOICE}


def test_over_long_text_is_refused_and_the_limit_is_told():
    at_limit = validate_voice(entry(summary="あ" * SUMMARY_MAX, body="い" * BODY_MAX,
                                    customer_name="う" * SHORT_TEXT_MAX, insurer="え" * SHORT_TEXT_MAX,
                                    category_group="お" * SHORT_TEXT_MAX), now=NOW)
    assert [len(at_limit[f]) for f in ("summary", "body", "customer_name", "insurer", "category_group")] == [
        SUMMARY_MAX, BODY_MAX, SHORT_TEXT_MAX, SHORT_TEXT_MAX, SHORT_TEXT_MAX]
    with pytest.raises(ValidationFailed) as caught:
        validate_voice(entry(summary="あ" * (SUMMARY_MAX + 1), body="い" * (BODY_MAX + 1),
                             customer_name="う" * (SHORT_TEXT_MAX + 1)), now=NOW)
    found = {e.field: (e.code, e.params) for e in caught.value.errors}
    assert found == {"summary": (E.TOO_LONG, {"max": SUMMARY_MAX}),
                     "body": (E.TOO_LONG, {"max": BODY_MAX}),
                     "customer_name": (E.TOO_LONG, {"max": SHORT_TEXT_MAX})}


def test_all_problems_are_reported_at_once():
    failed = errors_of(entry(received_at="明日", summary="", is_complaint=True, kind=codes.KIND_PRAISE))
    assert set(failed) == {"received_at", "summary", "is_complaint"}


def test_a_saved_draft_from_another_version_still_loads():
    restored = VoiceInput.from_dict({"summary": "要旨", "unknown_new_field": 1})
    assert restored.summary == "要旨"
    assert VoiceInput().is_blank()
    assert not restored.is_blank()
    assert VoiceInput.from_dict(entry().to_dict()) == entry()
