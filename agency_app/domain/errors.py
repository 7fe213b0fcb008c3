"""Validation errors a user can fix: which field, and a message code the UI turns into Japanese."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FieldError:
    """One problem with one field. `code` names the rule; `params` fill the message."""

    field: str
    code: str
    params: dict = field(default_factory=dict)


class ValidationFailed(ValueError):
    """Raised when input breaks a rule; nothing has been written when it is raised."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = list(errors)

    def fields(self) -> set[str]:
        return {e.field for e in self.errors}


# Message codes (the UI's ui/messages.py maps each to a translated sentence).
REQUIRED = "required"
TOO_LONG = "too_long"
UNKNOWN_CHOICE = "unknown_choice"
BAD_DATETIME = "bad_datetime"
BAD_DATE = "bad_date"
IN_FUTURE = "in_future"
DUE_BEFORE_RECEIPT = "due_before_receipt"
CALLBACK_BEFORE_RECEIPT = "callback_before_receipt"
CALLBACK_NEEDS_STAFF = "callback_needs_staff"
COMPLETION_BEFORE_RECEIPT = "completion_before_receipt"
TRANSITION_NOT_ALLOWED = "transition_not_allowed"
COMPLAINT_ONLY_FOR_DISSATISFACTION = "complaint_only_for_dissatisfaction"
CHECKLIST_OPEN = "checklist_open"
CALLBACK_NOT_PROMISED = "callback_not_promised"
CALLBACK_ALREADY_DONE = "callback_already_done"
CALLBACK_CHANGED_SINCE = "callback_changed_since"  # an undo of 折り返し済 after the record changed
# A closed record's due date stays as it was when it closed: moving it would hide a late closing
# (follow-up omissions, R23). Reopen first; the reopening is counted.
DUE_DATE_OF_CLOSED = "due_date_of_closed"
# Typed dates (domain/date_input.py): a date that has the shape of one but cannot exist, said precisely.
BAD_MONTH = "bad_month"            # params: month
BAD_DAY = "bad_day"                # params: month, last (days in that month), year when one was typed
BAD_HOUR = "bad_hour"              # params: hour
BAD_MINUTE = "bad_minute"          # params: minute
TIME_MISSING = "time_missing"      # a date typed where a date and time is needed; params: date
ERA_BEFORE_START = "era_before_start"  # params: era, first ('2019/05/01'), first_era ('令和元年5月1日')
ERA_AFTER_END = "era_after_end"        # params: era, last, last_era
