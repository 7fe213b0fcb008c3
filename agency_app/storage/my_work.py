"""MY WORK TODAY: one staff member's call-backs, overdue and due items (voices, cases, improvements), incomplete
elderly-sale records and unread circulations (R8, R9, R12, R19)."""

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
UNREAD_CIRCULATION = "unread_circulation"
REASONS = (MISSED_CALLBACK, CALLBACK, OVERDUE, DUE_TODAY, INCOMPLETE_RECORD, UNREAD_CIRCULATION)

SALE_STATUS = "incomplete"  # an elderly-sale record has no follow-up status; it is open until complete
SALE_TITLE = "高齢者対応記録"
CIRCULATION_STATUS = "unread"  # a circulation has no follow-up status; it is open until read

_OPEN = "('new', 'in_progress')"


@dataclass(frozen=True)
class WorkItem:
    """One thing to do today: what record (kind 'voice' | 'case' | 'improvement' | 'sale' | 'circulation', uid),
    why, and what to show. A circulation's title is its month ('2025-06') and its due date the day it was issued."""

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
    due today (voices, cases and the improvements the person owns), then incomplete elderly-sale records by
    due date, then the circulations they have not confirmed reading, oldest first. "Missed" means promised for an
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
    items += _improvements(conn, staff_uid, day)
    items += _unread_circulations(conn, staff_uid)
    return _ordered(items)


def _improvements(conn: sqlite3.Connection, staff_uid: str, day: str) -> list[WorkItem]:
    """The open improvements the person owns that are overdue or due today (as cases are, R8)."""
    rows = conn.execute(
        f"SELECT uid, title, due_date, status FROM improvements WHERE owner_id = ? AND status IN {_OPEN} "
        "AND due_date IS NOT NULL AND due_date <= ?", (staff_uid, day))
    return [WorkItem("improvement", uid, title, "", due, None, OVERDUE if due[:10] < day else DUE_TODAY, status)
            for uid, title, due, status in rows]


def _unread_circulations(conn: sqlite3.Connection, staff_uid: str) -> list[WorkItem]:
    """The circulations the person has not confirmed reading, oldest first — the same people the 回覧 dialog lists
    as not read (storage/circulations.py: every active member), so the two never disagree."""
    rows = conn.execute(
        """SELECT c.uid, c.month, c.issued_on FROM circulations c
           WHERE NOT EXISTS (SELECT 1 FROM circulation_reads r WHERE r.circulation_id = c.uid AND r.staff_id = ?)
           ORDER BY c.month""", (staff_uid,))
    return [WorkItem("circulation", uid, month, "", issued, None, UNREAD_CIRCULATION, CIRCULATION_STATUS)
            for uid, month, issued in rows]


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
