"""Seed 000's status by origin: voices carried over into a period and received in it, by status on its last day."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import timedelta

from agency_app.domain import codes
from agency_app.domain.periods import Period
from agency_app.domain.status_history import (
    BUCKETS, DONE, DROPPED, OPEN, StatusEvent, bucket, reopened_within, status_at_end_of,
)
from agency_app.storage.counts import day_of_last_status_change_sql
from agency_app.storage.database import read_snapshot

CARRIED_OVER, RECEIVED = "carried_over", "received"
ORIGINS = (CARRIED_OVER, RECEIVED)

_CLOSED = "('done', 'dropped')"
# A 見送り stores its day in completed_on; one saved before that rule (older data) has none and takes the day
# of its last status change, as follow_up_omissions does.
_LEGACY_CLOSED_ON = day_of_last_status_change_sql("voices", "v")


@dataclass(frozen=True)
class StatusByOrigin:
    """{origin: {bucket: n}}: origin carried_over / received, bucket done / dropped / open (R6, seed 000)."""

    cells: dict

    def count(self, origin: str | None = None, status: str | None = None) -> int:
        """A cell, or a total over whichever of origin / status is None."""
        return sum(n for o in ORIGINS if origin in (None, o)
                   for s, n in self.cells.get(o, {}).items() if status in (None, s))


def status_by_origin(conn: sqlite3.Connection, period: Period, branch_code: str | None = None, *,
                     insurer: str | None = None) -> StatusByOrigin:
    """Voices carried over (received before the period, still open on its first day — or closed before it and
    reopened within it: work of the period all the same) and received in it (R1), each as 完了 / 見送り / 対応中
    at the end of the period's last day.

    A voice closed after the period counts as 対応中; one reopened after it counts as it stood on the last
    day; a closing counts from the day written on the record (completed_on). So the same report made
    again a year later gives the same figures. Reopened voices are read from their history (audit log).
    """
    # '+v.branch_code': the branch indexes would read every voice of the branch; the ranges used are narrower.
    branch_sql, branch = (" AND +v.branch_code = ?", [branch_code]) if branch_code else ("", [])
    if insurer is not None:  # one insurer's voices (R27); None: all, with the voices of none
        branch_sql, branch = branch_sql + " AND +v.insurer = ?", [*branch, insurer]
    with read_snapshot(conn):  # its passes add and take out the same voices: they must see the same data
        return StatusByOrigin({CARRIED_OVER: _carried_over(conn, period, branch_sql, branch),
                               RECEIVED: _received(conn, period, branch_sql, branch)})


def _received(conn: sqlite3.Connection, period: Period, branch_sql: str, branch: list) -> dict[str, int]:
    """One pass over voices_period_counts (the index alone, not the rows), every voice as it is now; then the
    few reopened ones are taken out and counted as they stood on the last day."""
    start, after = period.bounds_text()
    end = period.end.isoformat()
    received = dict.fromkeys(BUCKETS, 0)
    kinds = ", ".join(f"'{kind}'" for kind in codes.KINDS)  # the index leads with the kind
    total, done, dropped = conn.execute(
        f"SELECT count(*), sum(v.status = 'done' AND v.completed_on <= ?), "
        f"sum(v.status = 'dropped' AND v.completed_on <= ?) FROM voices v WHERE v.kind IN ({kinds}) "
        f"AND v.received_at >= ? AND v.received_at < ?{branch_sql}", [end, end, start, after, *branch]).fetchone()
    received[DONE], received[DROPPED], received[OPEN] = done or 0, dropped or 0, total - (done or 0) - (dropped or 0)
    for status, closed_on, n in conn.execute(  # 見送り of older data without a day: the day of its status change
            f"SELECT v.status, {_LEGACY_CLOSED_ON}, count(*) FROM voices v WHERE v.completed_on IS NULL "
            f"AND v.received_at >= ? AND v.received_at < ? AND v.status IN {_CLOSED} "
            f"AND v.reopen_count = 0{branch_sql} GROUP BY 1, 2", [start, after, *branch]):
        received[OPEN] -= n
        received[_closed_by(status, closed_on, end)] += n
    reopened = conn.execute(
        f"SELECT v.uid, v.status, v.completed_on, v.updated_at FROM voices v WHERE v.reopen_count > 0 "
        f"AND v.received_at >= ? AND v.received_at < ?{branch_sql}", [start, after, *branch]).fetchall()
    for _uid, status, completed_on, _updated in reopened:  # out again, as the pass above counted them
        received[_closed_by(status, completed_on, end)] -= 1
    for status in _reopened_at_end(conn, reopened, period):
        received[status] += 1
    return received


# The columns of `voices v` that status_at_end reads, for a list of voices beside the status table.
STATUS_AT_END_COLUMNS = (f"v.uid, v.status, v.completed_on, v.updated_at, v.reopen_count, "
                         f"CASE WHEN v.completed_on IS NULL AND v.status IN {_CLOSED} THEN {_LEGACY_CLOSED_ON} END")


def status_at_end(conn: sqlite3.Connection, period: Period, uid: str, status: str, completed_on: str | None,
                  updated_at: str, reopen_count: int, legacy_closed_on: str | None) -> str:
    """One voice received in the period (its STATUS_AT_END_COLUMNS) as the table counts it among 期間内の受付:
    完了 / 見送り / open at the end of the period's last day — by the same rules as the table, not a copy of them."""
    if not reopen_count:
        return _closed_by(status, completed_on or legacy_closed_on, period.end.isoformat())
    return _reopened_at_end(conn, [(uid, status, completed_on, updated_at)], period)[0]


def _closed_by(status: str, closed_on: str | None, end: str) -> str:
    """A voice never reopened at the end of `end`: its closed status if it closed by then, else open (a closing
    counts from the day written on the record; a closed one without a day was closed on an unknown day: open)."""
    return status if status in codes.CLOSED_STATUSES and closed_on and closed_on <= end else OPEN


def _reopened_at_end(conn: sqlite3.Connection, reopened: list[tuple], period: Period) -> list[str]:
    """Reopened voices (uid, status, completed_on, updated_at) at the end of the period's last day, in their
    order: as they are now when nothing changed since the period, else as their history says they stood."""
    after = period.bounds_text()[1]
    changed = [r[:3] for r in reopened if r[3] >= after]
    then = iter(_statuses_on(conn, changed, (period.end.isoformat(),)))
    return [bucket(r[1]) if r[3] < after else bucket(next(then)[0]) for r in reopened]


def _carried_over(conn: sqlite3.Connection, period: Period, branch_sql: str, branch: list) -> dict[str, int]:
    """Received before the period and closed on or after its first day, or not yet. Each part reads an index
    range bounded by the period, not every voice received before it."""
    start, after = period.bounds_text()
    end = period.end.isoformat()
    carried = dict.fromkeys(BUCKETS, 0)
    day_before = (period.start - timedelta(days=1)).isoformat()
    never_reopened = f" AND v.reopen_count = 0{branch_sql}"
    rows = conn.execute(  # open now (no completion day), or a 見送り of older data without one
        f"SELECT v.status, CASE WHEN v.status IN {_CLOSED} THEN {_LEGACY_CLOSED_ON} END, count(*) FROM voices v "
        f"WHERE v.completed_on IS NULL AND v.received_at < ?{never_reopened} GROUP BY 1, 2", [start, *branch])
    for status, closed_on, n in rows:
        if status not in codes.CLOSED_STATUSES:
            carried[OPEN] += n
        elif closed_on and closed_on >= start:
            carried[status if closed_on <= end else OPEN] += n
    rows = conn.execute(  # closed within the period ('+': the completion date is the narrow range)
        f"SELECT CASE WHEN v.status IN {_CLOSED} THEN v.status ELSE '{OPEN}' END, count(*) FROM voices v "
        f"WHERE v.completed_on >= ? AND v.completed_on < ? AND +v.received_at < ?{never_reopened} GROUP BY 1",
        [start, after, start, *branch])
    for key, n in rows:
        carried[key] += n
    days = (period.end - period.start).days + 1
    [(n,)] = conn.execute(  # closed after the period: open for longer than the period lasts (voices_open_days)
        f"SELECT count(*) FROM voices v WHERE julianday(v.completed_on) - julianday(v.received_at) > ? "
        f"AND +v.completed_on >= ? AND +v.received_at < ?{never_reopened}", [days, after, start, *branch])
    carried[OPEN] += n

    # Carried over, reopened at some time: open the day before the period, or reopened within it; counted as
    # they stood on its last day.
    reopened = conn.execute(
        f"SELECT v.uid, v.status, v.completed_on, v.updated_at FROM voices v WHERE v.reopen_count > 0 "
        f"AND v.received_at < ?{branch_sql}", [start, *branch]).fetchall()
    unchanged = [r for r in reopened if r[3] < start]  # as they are now since before the period
    carried[OPEN] += sum(1 for r in unchanged if bucket(r[1]) == OPEN)
    changed = [r[:3] for r in reopened if r[3] >= start]
    for initial, events in _histories(conn, changed):
        if bucket(status_at_end_of(day_before, initial, events)) == OPEN \
                or reopened_within(period.start.isoformat(), end, events, initial):
            carried[bucket(status_at_end_of(end, initial, events))] += 1
    return carried


def _statuses_on(conn: sqlite3.Connection, records: list[tuple], days: tuple[str, ...]) -> list[tuple[str, ...]]:
    """For each (uid, status now, completed_on now): its status at the end of each of `days`, from the audit log."""
    return [tuple(status_at_end_of(day, initial, events) for day in days)
            for initial, events in _histories(conn, records)]


def _histories(conn: sqlite3.Connection, records: list[tuple]) -> list[tuple[str, list[StatusEvent]]]:
    """For each (uid, status now, completed_on now): its first status and its status changes, from the audit log."""
    history: dict[str, list[tuple]] = {}
    uids = [r[0] for r in records]
    for k in range(0, len(uids), 500):
        chunk = uids[k:k + 500]
        for uid, field, old, new, at in conn.execute(
                f"SELECT record_uid, field, old_value, new_value, changed_at FROM audit_log "
                f"WHERE record_uid IN ({', '.join('?' * len(chunk))}) AND entity = 'voices' "
                f"AND field IN ('status', 'completed_on') ORDER BY record_uid, id", chunk):
            history.setdefault(uid, []).append((field, old, new, at))
    return [_events(history.get(uid, []), status, completed_on) for uid, status, completed_on in records]


def _events(rows: list[tuple], status: str, completed_on: str | None) -> tuple[str, list[StatusEvent]]:
    """The status before the first recorded change, and the changes with the day each took effect.

    One save writes its status row, then its completed_on row, with the same time: a closing takes its
    day from that pair. The last closing takes the record's own completed_on (corrected since, or a
    history written in bulk without completion rows).
    """
    initial, changes = None, []  # changes: [changed_at, status, completed_on]
    for field, old, new, at in rows:
        if field == "status":
            initial = old if initial is None else initial
            changes.append([at, new, None])
        elif changes and changes[-1][0] == at and changes[-1][2] is None:
            changes[-1][2] = new
    if changes and changes[-1][1] == status:
        changes[-1][2] = completed_on
    return (initial or status), [StatusEvent.of(at[:10], new, done_on) for at, new, done_on in changes]
