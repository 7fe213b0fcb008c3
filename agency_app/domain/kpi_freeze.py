"""Finalising (確定) a KPI period (issue 11 point 7): when it may be done, the flag on a changed figure, unfreezing with a reason."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from agency_app.domain import errors as E
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.kpi import rounded
from agency_app.domain.kpi_texts import NO_DATA_JA, format_value
from agency_app.domain.periods import Period

REASON_MAX = 500

# Message codes (the UI turns them into Japanese).
PERIOD_NOT_ENDED = "kpi_period_not_ended"   # params: end ('2025-09-30'), first ('2025-10-01', the first day allowed)
ALREADY_FINAL = "kpi_period_already_final"
NOT_FINAL = "kpi_period_not_final"          # unfreezing a period that is not finalised
UNFREEZE_NEEDS_REASON = "kpi_unfreeze_needs_reason"
INSIDE_FINAL = "kpi_period_inside_final"   # params: outer ('2025年度'), the finalised period holding it

FLAG_PREFIX = "確定後に変更があります"


def may_finalise(period: Period, today: date) -> bool:
    """A period may be finalised from the day after its last day (its records may still come in on that day)."""
    return today > period.end


def check_finalise(period: Period, today: date, by: str, *, already_final: bool = False) -> None:
    """Refuse finalising a period that has not ended, one already finalised, or without who finalises it."""
    problems = []
    if already_final:
        problems.append(FieldError("period", ALREADY_FINAL))
    elif not may_finalise(period, today):
        first = date.fromordinal(period.end.toordinal() + 1)
        problems.append(FieldError("period", PERIOD_NOT_ENDED,
                                   {"end": period.end.isoformat(), "first": first.isoformat()}))
    if not by.strip():
        problems.append(FieldError("by", E.REQUIRED))
    if problems:
        raise ValidationFailed(problems)


def change_flag(frozen: Decimal | int | None, current: Decimal | int | None, places: int,
                unit: str = "") -> str | None:
    """The flag shown against a frozen figure when recomputing gives another one at the shown precision:
    「確定後に変更があります: 97 → 98」; None when both read the same (97.04 vs 97.0 at one place)."""
    before = None if frozen is None else rounded(frozen, places)
    after = None if current is None else rounded(current, places)
    if before == after:
        return None
    shown_before = NO_DATA_JA if before is None else format_value(before, unit, places)
    shown_after = NO_DATA_JA if after is None else format_value(after, unit, places)
    return f"{FLAG_PREFIX}: {shown_before} → {shown_after}"


def check_unfreeze(reason: str, *, is_final: bool = True) -> str:
    """Unfreezing needs a reason (it goes into the history); returns the reason trimmed."""
    if not is_final:
        raise ValidationFailed([FieldError("period", NOT_FINAL)])
    reason = reason.strip()
    if not reason:
        raise ValidationFailed([FieldError("reason", UNFREEZE_NEEDS_REASON)])
    if len(reason) > REASON_MAX:
        raise ValidationFailed([FieldError("reason", E.TOO_LONG, {"max": REASON_MAX})])
    return reason
