"""The weekly voice day (声の日, DOMAIN R14): the range a meeting covers, its weeks, the voices' order, decisions, closing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain.errors import FieldError, ValidationFailed

# What a meeting decided about one voice.
DECISION_SHARED = "shared"                  # 共有済
DECISION_IMPROVEMENT = "improvement"        # 改善へ（an improvement answers it）
DECISION_NO_IMPROVEMENT = "no_improvement"  # 改善不要 (with the reason)
DECISIONS = (DECISION_SHARED, DECISION_IMPROVEMENT, DECISION_NO_IMPROVEMENT)

MEETING_OPEN = "open"
MEETING_CLOSED = "closed"

WEEKS_SHOWN = 9          # the meeting's week and the 8 before it (R14: against earlier weeks)
FIRST_RANGE_DAYS = 7     # a team's first voice day covers the week up to it
LONGEST_RANGE_DAYS = 366  # a range typed as a year by mistake (2052 for 2025) is refused, not counted
REASON_MAX = 500
NOTES_MAX = 4000

# Message codes (the UI turns them into Japanese).
RANGE_REVERSED = "voice_day_range_reversed"      # the range ends before it starts
RANGE_AFTER_MEETING = "voice_day_range_after"    # the range ends after the meeting's day
RANGE_TOO_LONG = "voice_day_range_too_long"      # params: days
ALREADY_CLOSED = "voice_day_already_closed"      # closing a meeting that is closed (another PC did)
NOT_CLOSED = "voice_day_not_closed"              # reopening a meeting that is open
MEETING_CLOSED_EDIT = "voice_day_closed"         # deciding or editing in a closed meeting
NEEDS_IMPROVEMENT = "voice_day_needs_improvement"  # 'improvement' without naming one
UNKNOWN_DECISION = "voice_day_unknown_decision"
NO_TEAM = "voice_day_no_team"

# The order the meeting reads its voices in: dissatisfaction and requests first (seed 004 reviews those).
KIND_ORDER = (codes.KIND_DISSATISFACTION, codes.KIND_REQUEST, codes.KIND_PRAISE, codes.KIND_OTHER)


def default_range(last_held_on: date | None, held_on: date) -> tuple[date, date]:
    """R14: a meeting covers the voices since the team's last voice day (the day after it) up to its own day;
    a team's first covers the week up to it. A last voice day on or after this one (a meeting entered late)
    gives the first-meeting week too, never an empty or reversed range. A team back after more than a year
    gets the year up to the day (the longest range check_range takes; what it left undecided before that comes
    to the meeting carried over)."""
    if last_held_on is None or last_held_on >= held_on:
        return held_on - timedelta(days=FIRST_RANGE_DAYS - 1), held_on
    return max(last_held_on + timedelta(days=1), held_on - timedelta(days=LONGEST_RANGE_DAYS - 1)), held_on


def check_range(range_from: date, range_to: date, held_on: date) -> None:
    """A chosen range must run forwards, end by the meeting's day and be at most a year long."""
    problems = []
    if range_to < range_from:
        problems.append(FieldError("range_from", RANGE_REVERSED))
    elif (range_to - range_from).days + 1 > LONGEST_RANGE_DAYS:
        problems.append(FieldError("range_from", RANGE_TOO_LONG, {"days": LONGEST_RANGE_DAYS}))
    if range_to > held_on:
        problems.append(FieldError("range_to", RANGE_AFTER_MEETING))
    if problems:
        raise ValidationFailed(problems)


@dataclass(frozen=True)
class Week:
    """Seven days ending on `last`; `label` is how a chart names it (its first day, 05/26)."""

    first: date
    last: date

    @property
    def label(self) -> str:
        return self.first.strftime("%m/%d")


def weeks_before(range_to: date, count: int = WEEKS_SHOWN) -> list[Week]:
    """The `count` seven-day weeks ending on `range_to`, oldest first: the last is the meeting's own week."""
    return [Week(range_to - timedelta(days=7 * back + 6), range_to - timedelta(days=7 * back))
            for back in range(count - 1, -1, -1)]


def week_index(weeks: list[Week], day: date) -> int | None:
    """Which of `weeks` holds `day` (None: outside them)."""
    for index, week in enumerate(weeks):
        if week.first <= day <= week.last:
            return index
    return None


def review_order_key(voice: dict) -> tuple:
    """Sort key of a voice in the meeting: 不満, then 要望, then the rest; newest first within a kind."""
    kind = voice.get("kind")
    rank = KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)
    return (rank, _reversed_text(voice.get("received_at") or ""), voice.get("uid") or "")


def _reversed_text(text: str) -> tuple[int, ...]:
    return tuple(-ord(char) for char in text)


def check_decision(decision: str, *, reason: str, improvement_id: str | None) -> dict:
    """The columns one decision writes; 改善不要 needs the reason, 改善 needs the improvement (R14)."""
    reason = reason.strip()
    problems = []
    if decision not in DECISIONS:
        raise ValidationFailed([FieldError("decision", UNKNOWN_DECISION)])
    if decision == DECISION_NO_IMPROVEMENT and not reason:
        problems.append(FieldError("reason", E.REQUIRED))
    if len(reason) > REASON_MAX:
        problems.append(FieldError("reason", E.TOO_LONG, {"max": REASON_MAX}))
    if decision == DECISION_IMPROVEMENT and not improvement_id:
        problems.append(FieldError("improvement_id", NEEDS_IMPROVEMENT))
    if problems:
        raise ValidationFailed(problems)
    return {"decision": decision, "reason": reason,
            "improvement_id": improvement_id if decision == DECISION_IMPROVEMENT else None}


def check_open(status: str) -> None:
    """Decisions, attendees and notes change only while the meeting is open; a closed one is reopened first."""
    if status != MEETING_OPEN:
        raise ValidationFailed([FieldError("status", MEETING_CLOSED_EDIT)])


def check_close(status: str) -> None:
    """A meeting closes once: a second close (two leaders, or another PC) is said, not silently repeated."""
    if status == MEETING_CLOSED:
        raise ValidationFailed([FieldError("status", ALREADY_CLOSED)])


def may_reopen(status: str, *, by: str, leader_id: str | None, by_is_manager: bool) -> bool:
    """A closed meeting may be reopened by its leader or a manager (the reopening is in the history)."""
    if status != MEETING_CLOSED:
        raise ValidationFailed([FieldError("status", NOT_CLOSED)])
    return by == leader_id or by_is_manager


@dataclass
class WeekCounts:
    """One week's voices by kind and by category group, for the meeting's charts and table."""

    week: Week
    by_kind: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())
