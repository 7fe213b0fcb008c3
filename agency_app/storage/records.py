"""What every record repository shares: read one row, insert one, write an edit under its version, read its history."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from agency_app.domain.voice import format_datetime
from agency_app.storage.audited_tables import CREATED, DELETED, snapshot
from agency_app.storage.database import Store

__all__ = ["EditConflict", "HistoryEntry", "NotAllowed", "RecordNotFound", "delete_row", "dicts", "get_row",
           "history", "insert_row", "new_record", "update_row", "write_changes"]

# Table and column names go into the SQL text; they come from code, and this refuses anything else.
_NAME = re.compile(r"[a-z_][a-z0-9_]*")


class EditConflict(RuntimeError):
    """The record changed since it was opened (another PC or window); the user must reload."""


class RecordNotFound(LookupError):
    """The record asked for is not in the database (deleted on another PC, or merged away)."""


class NotAllowed(PermissionError):
    """The signed-in staff member may not do this (e.g. only a manager edits the rules)."""


@dataclass
class HistoryEntry:
    changed_at: str
    changed_by: str | None
    changed_by_name: str | None
    field: str
    old_value: str | None
    new_value: str | None

    @property
    def values(self) -> dict[str, str]:
        """A '*created' row's values as made, a '*deleted' row's as they were (column → text); {} otherwise.

        '*created' rows written before schema 7 hold no values: {} too."""
        if self.field == CREATED:
            return snapshot(self.new_value)
        return snapshot(self.old_value) if self.field == DELETED else {}


def _names(names: Iterable[str]) -> list[str]:
    names = list(names)
    for name in names:
        if not _NAME.fullmatch(name):
            raise ValueError(f"not a table or column name: {name!r}")
    return names


def dicts(cursor: sqlite3.Cursor) -> list[dict]:
    """The cursor's rows, each as a dict by column name."""
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


def get_row(conn: sqlite3.Connection, table: str, uid: str, not_found: type[Exception]) -> dict:
    """The row of `table` with this uid as a dict; raises `not_found(uid)` when there is none."""
    (table,) = _names([table])
    cursor = conn.execute(f"SELECT * FROM {table} WHERE uid = ?", (uid,))
    row = cursor.fetchone()
    if row is None:
        raise not_found(uid)
    return dict(zip([c[0] for c in cursor.description], row))


def new_record(store: Store, by: str, now: datetime) -> dict:
    """The columns every new record starts with: the office it was made at, who made it and when."""
    stamp = format_datetime(now)
    return dict(origin_branch=store.home_branch, created_at=stamp, created_by=by, updated_at=stamp, updated_by=by)


def insert_row(conn: sqlite3.Connection, table: str, row: dict) -> None:
    """Insert `row` (column → value) into `table`."""
    table, *columns = _names([table, *row])
    conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                 tuple(row.values()))


def update_row(conn: sqlite3.Connection, table: str, uid: str, changes: dict) -> None:
    """Write `changes` (column → value) to one row and count up its version."""
    table, *columns = _names([table, *changes])
    sets = ", ".join(f"{k} = ?" for k in columns)
    conn.execute(f"UPDATE {table} SET {sets}, version = version + 1 WHERE uid = ?", (*changes.values(), uid))


def delete_row(store: Store, table: str, uid: str, *, by: str, now: datetime) -> None:
    """Delete one record in one transaction. Its trigger keeps a '*deleted' row with every audited value (R11);
    the row is stamped with who and when first, because that stamp is what the trigger records as who and when."""
    (table,) = _names([table])
    with store.write() as db:
        db.conn.execute(f"UPDATE {table} SET updated_at = ?, updated_by = ? WHERE uid = ?",
                        (format_datetime(now), by, uid))
        db.conn.execute(f"DELETE FROM {table} WHERE uid = ?", (uid,))


def write_changes(store: Store, table: str, current: dict, values: dict, *, by: str, now: datetime,
                  expected_version: int | None, check_unchanged: bool = False,
                  then: Callable[[sqlite3.Connection], object] | None = None) -> None:
    """Write the `values` that differ from the `current` row, stamped with who and when, in one transaction.

    Raises EditConflict when the stored version is not `expected_version` (None: not checked). With nothing
    changed nothing is written, and the version is checked only with `check_unchanged` (saving an unchanged
    stale form must not look fine). `then(conn)` runs after the update in the same transaction.
    """
    (table,), uid = _names([table]), current["uid"]
    changed = {k: v for k, v in values.items() if current.get(k) != v}
    if not changed and not check_unchanged:
        return
    with store.write() as db:
        version = db.conn.execute(f"SELECT version FROM {table} WHERE uid = ?", (uid,)).fetchone()[0]
        if expected_version is not None and version != expected_version:
            raise EditConflict(uid)
        if not changed:
            return
        update_row(db.conn, table, uid, dict(changed, updated_at=format_datetime(now), updated_by=by))
        if then is not None:  # in the same transaction: all of it is written, or none
            then(db.conn)


def history(conn: sqlite3.Connection, entity: str, uid: str) -> list[HistoryEntry]:
    """Every recorded change of one record of `entity` (its table), oldest first, with who made it (R11)."""
    return [entry for _id, entry in numbered_history(conn, entity, uid)]


def numbered_history(conn: sqlite3.Connection, entity: str, uid: str) -> list[tuple[int, HistoryEntry]]:
    """history() with each row's audit id: merged with the rows of related records, (changed_at, id) keeps the
    order things happened in within one minute (changed_at is stamped to the minute)."""
    rows = conn.execute(
        """SELECT a.id, a.changed_at, a.changed_by, s.name, a.field, a.old_value, a.new_value
           FROM audit_log a LEFT JOIN staff s ON s.uid = a.changed_by
           WHERE a.entity = ? AND a.record_uid = ? AND a.field NOT IN ('*baseline', '*continues') ORDER BY a.id""",
        (entity, uid))  # a baseline restates values for other offices (migration 0017): no change of anybody's
    return [(row[0], HistoryEntry(*row[1:])) for row in rows]


def merged_history(*numbered: list[tuple[int, HistoryEntry]]) -> list[HistoryEntry]:
    """Numbered history rows of several records as one history, oldest first (see numbered_history)."""
    rows = [row for part in numbered for row in part]
    return [entry for _id, entry in sorted(rows, key=lambda row: (row[1].changed_at, row[0]))]


def open_callbacks(conn: sqlite3.Connection, table: str, day, staff_uid: str | None = None) -> list[dict]:
    """Open voices or cases with a call-back promised on or before `day` (R9) and not yet made, earliest first."""
    _names([table])
    sql = (f"SELECT * FROM {table} WHERE callback_at IS NOT NULL AND callback_at < ? "
           "AND callback_done_at IS NULL AND status IN ('new', 'in_progress')")
    params: list = [f"{day.isoformat()} 24:00"]  # sorts after every time of that day
    if staff_uid:
        sql += " AND callback_staff_id = ?"
        params.append(staff_uid)
    return dicts(conn.execute(sql + " ORDER BY callback_at", params))
