"""Counts for the counts page and the reports (R23): elderly sales by measure, relative contacts, follow-up omissions."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from agency_app.domain import codes
from agency_app.domain.counting import CountTable, Tally
from agency_app.domain.periods import Period

# Measures as rows, in the default order of preference (R17) then the checks (R18); NO_MEASURE = not chosen yet.
MEASURE_ROWS = ("relative_present", "multiple_meetings", "second_agent", "phone_check", "written_check")
NO_MEASURE = "none"
ELDERLY_ROWS = MEASURE_ROWS + (NO_MEASURE,)
GROUPS = codes.PRODUCT_GROUPS  # life, nonlife, group
OUTCOMES = ("registered", "declined")
OBTAINED_BY = ("meeting", "mail")

CLOSED_LATE = "closed_late"   # 完了/見送り after the due date
REOPENED = "reopened"         # reopened after 完了
OMISSION_REASONS = (CLOSED_LATE, REOPENED)


def _where(column: str, period: Period, branch_code: str | None, prefix: str = "") -> tuple[str, list]:
    """A half-open ISO range on `column` (a date, or a date-time compared by its date) and the branch."""
    start, after = period.bounds_text()
    sql = f"{prefix}{column} >= ? AND {prefix}{column} < ?"
    params: list = [start, after]
    if branch_code:
        sql += f" AND {prefix}branch_code = ?"
        params.append(branch_code)
    return sql, params


def _group_case(column: str) -> str:
    """SQL for codes.product_group(column): 'nonlife_*' → 'nonlife'."""
    return (f"CASE WHEN {column} LIKE 'nonlife%' THEN 'nonlife' "
            f"WHEN {column} IN ('life', 'group') THEN {column} END")


def day_of_last_status_change_sql(table: str, alias: str) -> str:
    """SQL for the day a record of `table` (as `alias`) last took its current status, from the audit log: the
    closing day of a 見送り saved before 見送り stored its day in completed_on (older data)."""
    return (f"(SELECT substr(max(a.changed_at), 1, 10) FROM audit_log a WHERE a.record_uid = {alias}.uid "
            f"AND a.entity = '{table}' AND a.field = 'status' AND a.new_value = {alias}.status)")


def first_day(conn: sqlite3.Connection) -> date | None:
    """The day of the oldest record anything here counts (one index lookup per table), None when empty."""
    firsts = [conn.execute(sql).fetchone()[0] for sql in (
        "SELECT min(received_at) FROM voices", "SELECT min(opened_on) FROM cases",
        "SELECT min(sale_date) FROM elderly_sales", "SELECT min(recorded_on) FROM relative_contacts")]
    days = [date.fromisoformat(d[:10]) for d in firsts if d]
    return min(days) if days else None


def branch_name(conn: sqlite3.Connection, code: str) -> str | None:
    """The name of a branch by its code, as the heading of its counts (None when unknown)."""
    row = conn.execute("SELECT name FROM branches WHERE code = ?", (code,)).fetchone()
    return row[0] if row else None


def elderly_sales_counts(conn: sqlite3.Connection, period: Period, branch_code: str | None = None, *,
                         insurer: str | None = None) -> CountTable:
    """Elderly sales whose sale date is in the period: measure (or 'none' yet) × product group → total, complete.

    Seed 004 H1 FY2025 reads: life + nonlife 111 (親族同席 12, 複数募集人 20, 複数回面談 13, 電話確認 66),
    group 960 (電話確認 750, 書面確認 210). A record with a product line outside the three groups is not counted.
    """
    where, params = _where("sale_date", period, branch_code)
    if insurer is not None:  # one insurer's sales (R27); None: all, with those of none
        where, params = where + " AND insurer = ?", params + [insurer]
    rows = conn.execute(
        f"SELECT COALESCE(measure, '{NO_MEASURE}'), {_group_case('product_line')} AS grp, count(*), "
        f"sum(is_complete = 1) FROM elderly_sales WHERE {where} GROUP BY 1, 2", params)
    cells: dict[tuple[str, str], Tally] = {}
    for measure, group, n, complete in rows:
        if group is None:
            continue
        row = measure if measure in ELDERLY_ROWS else NO_MEASURE
        cells[(row, group)] = cells.get((row, group), Tally()) + Tally(n, complete or 0)
    return CountTable(ELDERLY_ROWS, GROUPS, cells)


@dataclass(frozen=True)
class RelativeCounts:
    """Relative contacts (R20) recorded in the period: {(outcome, group, obtained_by): n}."""

    cells: dict

    def count(self, outcome: str, group: str | None = None, obtained_by: str | None = None) -> int:
        """A cell, or a total over whichever of group / obtained_by is None."""
        return sum(n for (o, g, b), n in self.cells.items()
                   if o == outcome and group in (None, g) and obtained_by in (None, b))

    @property
    def registered(self) -> int:
        return self.count("registered")

    @property
    def declined(self) -> int:
        return self.count("declined")


def relative_contact_counts(conn: sqlite3.Connection, period: Period,
                            branch_code: str | None = None) -> RelativeCounts:
    """Registered / declined × product group × 面談 / 郵送, by recorded_on (seed 004: 70 = 生保 28 面談 + 損保 42 郵送)."""
    where, params = _where("recorded_on", period, branch_code)
    rows = conn.execute(
        f"SELECT outcome, {_group_case('product_line')}, obtained_by, count(*) FROM relative_contacts "
        f"WHERE {where} GROUP BY 1, 2, 3", params)
    return RelativeCounts({(o, g, b): n for o, g, b, n in rows if g is not None})


@dataclass(frozen=True)
class Omission:
    """One follow-up omission staff can open: which record, its due date, when it was closed, why it counts."""

    kind: str            # 'voice' | 'case'
    uid: str
    title: str
    due_date: str | None
    closed_on: str | None  # for a reopen: the day it was reopened
    reason: str          # CLOSED_LATE | REOPENED
    status: str          # the record's status now


@dataclass(frozen=True)
class Omissions:
    """R23 follow-up omissions of the records received (voices) or opened (cases) in the period."""

    records: tuple[Omission, ...]

    def count(self, reason: str | None = None, kind: str | None = None) -> int:
        return sum(1 for r in self.records if reason in (None, r.reason) and kind in (None, r.kind))

    @property
    def records_affected(self) -> int:
        """Distinct records: one closed late and later reopened is one omission case with two reasons."""
        return len({(r.kind, r.uid) for r in self.records})


# Closed (完了 / 見送り) with a due date, and a closing day after it or none yet (the audit log then says): a
# superset of "closed late", spelled exactly as migration 0014's partial index voices_closed_late so that the
# planner reads that index (the unary plus keeps voices_status_due out of the running).
CLOSED_LATE_CANDIDATE = ("+r.status IN ('done', 'dropped') AND +r.due_date IS NOT NULL "
                         "AND (r.completed_on IS NULL OR r.completed_on > substr(r.due_date, 1, 10))")

# For each table: (kind, the period's date column, the title column).
_SOURCES = (("voice", "voices", "received_at", "summary"), ("case", "cases", "opened_on", "title"))


def follow_up_omissions(conn: sqlite3.Connection, period: Period, branch_code: str | None = None) -> Omissions:
    """Closed after the due date, and reopened after 完了 (R23), of the period's voices (by 受付日, R1) and cases.

    Closed late: the record is closed now (完了 or 見送り) and its closing day is after its due date. The
    closing day is completed_on; a 見送り without one (older data) takes the day of its last status change
    in the audit log. Its current state counts: a record closed late, reopened and closed on time again is
    not closed late. Reopened: the audit log shows its status leaving 完了 (a reopen from 見送り is a change
    of mind, not a mistake, and does not count); each record once, with the day of its first reopen.
    Both repositories count every reopening in reopen_count, so only those records' history is read.
    """
    records: list[Omission] = []
    start, after = period.bounds_text()
    for kind, table, date_column, title in _SOURCES:
        # '+branch_code': the branch is tested on the index entry, not through an index of its own.
        where = f"r.{date_column} >= ? AND r.{date_column} < ?" + (" AND +r.branch_code = ?" if branch_code else "")
        params = [start, after] + ([branch_code] if branch_code else [])
        closed_on = f"COALESCE(r.completed_on, {day_of_last_status_change_sql(table, 'r')})"
        select = (f"SELECT r.uid, r.{title}, r.due_date, r.status, r.reopen_count, "
                  f"CASE WHEN +r.status IN ('done', 'dropped') AND r.due_date IS NOT NULL THEN {closed_on} END "
                  f"FROM {table} r WHERE {where} AND ")
        # The reopened ones and the closed-late candidates, each through a partial index of those voices only
        # (voices_reopened, voices_closed_late): reading every voice of the period took 0.3 s a year at 1M.
        rows = conn.execute(f"{select}r.reopen_count > 0 UNION {select}{CLOSED_LATE_CANDIDATE} "
                            f"AND {closed_on} > substr(r.due_date, 1, 10)", params + params).fetchall()
        for uid, text, due, status, _reopens, closed in rows:
            if closed and due and closed > due[:10]:
                records.append(Omission(kind, uid, text, due, closed, CLOSED_LATE, status))
        candidates = {uid: (text, due, status) for uid, text, due, status, reopens, _ in rows if reopens}
        for uid, day in _reopened_after_done(conn, table, list(candidates)):
            text, due, status = candidates[uid]
            records.append(Omission(kind, uid, text, due, day, REOPENED, status))
    order = {CLOSED_LATE: 0, REOPENED: 1}
    records.sort(key=lambda r: (order[r.reason], r.due_date or "", r.kind, r.uid))
    return Omissions(tuple(records))


def _reopened_after_done(conn: sqlite3.Connection, table: str, uids: list[str]) -> list[tuple[str, str]]:
    """(uid, first day it left 完了) of those records whose history shows it, by the audit index on record_uid."""
    out = []
    for k in range(0, len(uids), 500):
        chunk = uids[k:k + 500]
        out += conn.execute(
            f"SELECT record_uid, substr(min(changed_at), 1, 10) FROM audit_log WHERE record_uid IN "
            f"({', '.join('?' * len(chunk))}) AND entity = ? AND field = 'status' AND old_value = 'done' "
            f"AND new_value <> 'done' GROUP BY record_uid", [*chunk, table]).fetchall()
    return out
