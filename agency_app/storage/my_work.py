"""MY WORK TODAY: one staff member's call-backs, overdue and due items and incomplete elderly-sale records (R8, R9, R19)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime

from agency_app.domain import labels_ja
from agency_app.domain.periods import to_tokyo
from agency_app.domain.workflow import callback_state

# Reasons, in the order the list shows them: the most urgent first.
MISSED_CALLBACK = "missed_callback"
CALLBACK = "callback"
OVERDUE = "overdue"
DUE_TODAY = "due_today"
INCOMPLETE_RECORD = "incomplete_record"
REASONS = (MISSED_CALLBACK, CALLBACK, OVERDUE, DUE_TODAY, INCOMPLETE_RECORD)

SALE_STATUS = "incomplete"  # an elderly-sale record has no follow-up status; it is open until complete
SALE_TITLE = "高齢者対応記録"

_OPEN = "('new', 'in_progress')"


@dataclass(frozen=True)
class WorkItem:
    """One thing to do today: what record (kind 'voice' | 'case' | 'sale', uid), why, and what to show."""

    kind: str
    uid: str
    title: str
    customer: str
    due_date: str | None
    callback_at: str | None
    reason: str
    status: str


def _today(now: datetime) -> date:
    return to_tokyo(now).date()


def my_work(conn: sqlite3.Connection, staff_uid: str, now: datetime) -> list[WorkItem]:
    """Everything `staff_uid` must see today, each record once under its most urgent reason.

    Order: missed call-backs (oldest first), today's call-backs by time, overdue by due date,
    due today, then incomplete elderly-sale records by due date. "Missed" means promised for an
    earlier day and not made — the same rule as the voice list (workflow.callback_state, R9).
    Incomplete elderly records are all listed, not only due ones: R19 makes each an open follow-up,
    and one without a due date would otherwise never come up.
    """
    today = _today(now)
    day = today.isoformat()
    end_of_day = f"{day} 24:00"  # sorts after every time of the day
    items: list[WorkItem] = []
    for kind, table, title, customer, join in (
            ("voice", "voices", "r.summary",
             "COALESCE(NULLIF(r.customer_name, ''), c.name, '')", "LEFT JOIN customers c ON c.uid = r.customer_id"),
            ("case", "cases", "r.title", "COALESCE(c.name, '')", "LEFT JOIN customers c ON c.uid = r.customer_id")):
        select = (f"SELECT r.uid, {title}, {customer}, r.due_date, r.callback_at, r.status, r.callback_done_at "
                  f"FROM {table} r {join} ")
        # The unary + keeps SQLite off the status indexes: without statistics it would read every open
        # voice (17k at 1M) instead of the few dozen rows of the partial call-back index (32 ms → 0.02 ms).
        promised = conn.execute(
            select + f"WHERE r.callback_staff_id = ? AND r.callback_at IS NOT NULL AND r.callback_at < ? "
            f"AND r.callback_done_at IS NULL AND +r.status IN {_OPEN}", (staff_uid, end_of_day))
        for uid, text, name, due, at, status, done in promised:
            state = callback_state(at, status, today, done)
            if state in ("missed", "today"):
                reason = MISSED_CALLBACK if state == "missed" else CALLBACK
                items.append(WorkItem(kind, uid, text, name, due, at, reason, status))
        assigned = conn.execute(
            # Likewise: the assignee index, not every overdue voice of everyone (27 ms → 4 ms at 1M).
            select + f"WHERE r.assignee_id = ? AND r.status IN {_OPEN} AND +r.due_date IS NOT NULL "
            "AND +r.due_date <= ?", (staff_uid, day))
        for uid, text, name, due, at, status, _done in assigned:
            reason = OVERDUE if due[:10] < day else DUE_TODAY
            items.append(WorkItem(kind, uid, text, name, due, at, reason, status))
    sales = conn.execute(
        "SELECT s.uid, s.product_name, s.product_line, COALESCE(c.name, ''), s.due_date FROM elderly_sales s "
        "LEFT JOIN customers c ON c.uid = s.customer_id "
        "WHERE s.is_complete = 0 AND (s.seller_id = ? OR s.phone_checker_id = ?)", (staff_uid, staff_uid))
    for uid, product, line, name, due in sales:
        product = product or labels_ja.label(labels_ja.PRODUCT_LINE, line)
        title = f"{SALE_TITLE}（{product}）" if product else SALE_TITLE
        items.append(WorkItem("sale", uid, title, name, due, None, INCOMPLETE_RECORD, SALE_STATUS))
    return _ordered(items)


def _ordered(items: list[WorkItem]) -> list[WorkItem]:
    """Most urgent reason first; within a reason by the time that matters; each record once."""
    def key(item: WorkItem) -> tuple:
        moment = item.callback_at if item.reason in (MISSED_CALLBACK, CALLBACK) else item.due_date
        return (REASONS.index(item.reason), moment is None, moment or "", item.kind, item.uid)

    seen: set[tuple[str, str]] = set()
    out = []
    for item in sorted(items, key=key):
        if (item.kind, item.uid) not in seen:
            seen.add((item.kind, item.uid))
            out.append(item)
    return out


def counts_for_badge(conn: sqlite3.Connection, staff_uid: str, now: datetime) -> int:
    """How many items `my_work` lists: the number on the tab."""
    return len(my_work(conn, staff_uid, now))


def counts_by_reason(items: list[WorkItem]) -> dict[str, int]:
    """{reason: n} for the headings, every reason present (0 when empty)."""
    out = dict.fromkeys(REASONS, 0)
    for item in items:
        out[item.reason] += 1
    return out
