"""A record's follow-up status on a past day, from its recorded status changes (R11): counts as of a period's end."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from agency_app.domain import codes

# Seed 000 reports three buckets: 完了, 見送り and the rest (未対応 and 対応中 alike) as 対応中.
DONE, DROPPED, OPEN = codes.STATUS_DONE, codes.STATUS_DROPPED, "open"
BUCKETS = (DONE, DROPPED, OPEN)


def bucket(status: str) -> str:
    """完了 / 見送り / open (未対応 and 対応中)."""
    return status if status in codes.CLOSED_STATUSES else OPEN


@dataclass(frozen=True)
class StatusEvent:
    """One recorded status change: the day it took effect and the status it set.

    A closing takes effect on the day written on the record (completed_on: staff may close on
    Monday a case they finished on Friday); any other change on the day it was made.
    """

    on: str       # 'YYYY-MM-DD'
    status: str

    @staticmethod
    def of(changed_on: str, status: str, completed_on: str | None = None) -> "StatusEvent":
        closing = status in codes.CLOSED_STATUSES and completed_on
        return StatusEvent((completed_on if closing else changed_on)[:10], status)


def status_at_end_of(day: str, initial: str, events: Iterable[StatusEvent]) -> str:
    """The status at the end of `day` ('YYYY-MM-DD'): the last change, in the order made, in effect by then.

    `initial` is the status before the first change. A change that takes effect after `day` is not
    seen, so a record closed or reopened later is counted as it was: the figures of a period do not
    move when the same report is made again a year later.
    """
    status = initial
    for event in events:
        if event.on <= day:
            status = event.status
    return status


def reopened_within(first: str, last: str, events: Iterable[StatusEvent], initial: str = codes.STATUS_NEW) -> bool:
    """True when a reopening (R7) took effect within [first, last]: a change that took the record out of 完了 or
    見送り, in the order the changes were made (`initial` is the status before the first). A move between 未対応
    and 対応中 is none, even when a closing saved after it is dated before it."""
    before = initial
    for event in events:
        if first <= event.on <= last and bucket(event.status) == OPEN and bucket(before) != OPEN:
            return True
        before = event.status
    return False
