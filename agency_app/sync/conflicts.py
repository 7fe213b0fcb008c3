"""The 競合 view's data (issue 14, point 3): pairs of changes two offices made to one field without seeing each other.

The later version was kept when they merged; a person confirms that (確認) or reverses it (元に戻す): the value that
lost is written again as a new change of this office, which then travels like any other and wins everywhere.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from agency_app.domain import merge as rules
from agency_app.domain.voice import format_datetime
from agency_app.storage.audited_tables import REGISTRY, table_columns
from agency_app.storage.database import Store
from agency_app.storage.derived_columns import derived_columns

__all__ = ["Conflict", "ConflictGone", "conflicts", "confirm", "open_count", "reverse"]


class ConflictGone(Exception):
    """The pair cannot be reversed as it stands (message in Japanese)."""


@dataclass(frozen=True)
class Conflict:
    id: int
    entity: str
    record_uid: str
    field: str
    kept_value: str | None
    kept_at: str
    kept_by: str | None
    kept_branch: str | None
    lost_value: str | None
    lost_at: str
    lost_by: str | None
    lost_branch: str | None
    found_at: str
    status: str  # open, confirmed, reversed
    resolved_at: str | None
    resolved_by: str | None


_SELECT = """SELECT c.id, c.entity, c.record_uid, c.field,
    k.field, k.new_value, k.changed_at, k.changed_by, k.branch,
    l.field, l.new_value, l.changed_at, l.changed_by, l.branch,
    c.found_at, c.status, c.resolved_at, c.resolved_by
    FROM sync_conflicts c JOIN audit_log k ON k.uid = c.kept_change JOIN audit_log l ON l.uid = c.lost_change"""


def _value(field_name: str, column: str, new_value):
    change = rules.Change("", "", "", field_name, None, new_value, "", None, None, "", None)
    return rules.as_text(rules.value_set_by(change, column))


def _conflict(r) -> Conflict:
    return Conflict(r[0], r[1], r[2], r[3], _value(r[4], r[3], r[5]), r[6], r[7], r[8], _value(r[9], r[3], r[10]),
                    r[11], r[12], r[13], r[14], r[15], r[16], r[17])


def conflicts(conn: sqlite3.Connection, *, only_open: bool = True) -> list[Conflict]:
    where = " WHERE c.status = 'open'" if only_open else ""
    return [_conflict(r) for r in conn.execute(f"{_SELECT}{where} ORDER BY c.found_at DESC, c.id DESC")]


def open_count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM sync_conflicts WHERE status = 'open'").fetchone()[0]


def _get(conn: sqlite3.Connection, conflict_id: int) -> Conflict:
    row = conn.execute(f"{_SELECT} WHERE c.id = ?", (conflict_id,)).fetchone()
    if row is None:
        raise ConflictGone("この競合は見つかりません。一覧を開き直してください。")
    return _conflict(row)


def confirm(store: Store, conflict_id: int, *, by: str, now: datetime) -> None:
    """Keep the later value: the pair leaves the open list."""
    with store.write():
        _get(store.conn, conflict_id)
        store.conn.execute("UPDATE sync_conflicts SET status = 'confirmed', resolved_at = ?, resolved_by = ? "
                           "WHERE id = ? AND status = 'open'", (now.isoformat(sep=" "), by, conflict_id))


def reverse(store: Store, conflict_id: int, *, by: str, now: datetime) -> None:
    """Write the value that lost as a new change by `by`; refused when the field has changed again since."""
    conn = store.conn
    with store.write():
        pair = _get(conn, conflict_id)
        if pair.status != "open":
            raise ConflictGone("この競合はすでに処理されています。")
        spec = REGISTRY.get(pair.entity)
        if spec is None:
            raise ConflictGone("この記録の種類は元に戻せません。")
        cursor = conn.execute(f"SELECT * FROM {pair.entity} WHERE {spec.key} = ?", (pair.record_uid,))
        found = cursor.fetchone()
        if found is None:
            raise ConflictGone("この記録は削除されています。元に戻せません。")
        current = dict(zip([d[0] for d in cursor.description], found))
        if rules.as_text(current.get(pair.field)) != pair.kept_value:
            raise ConflictGone("この項目はその後も変更されています。記録の画面で内容を確かめて、直接直してください。")
        have = set(table_columns(conn, pair.entity))
        values = {pair.field: pair.lost_value}
        derived = {k: v for k, v in derived_columns(pair.entity, {**current, **values}).items() if k in have}
        values.update(derived)
        stamp = format_datetime(now)
        values.update({k: v for k, v in (("updated_at", stamp), ("updated_by", by)) if k in have})
        bump = ", version = version + 1" if "version" in have else ""
        conn.execute(f"UPDATE {pair.entity} SET {', '.join(f'{c} = ?' for c in values)}{bump} WHERE {spec.key} = ?",
                     [*values.values(), pair.record_uid])
        conn.execute("UPDATE sync_conflicts SET status = 'reversed', resolved_at = ?, resolved_by = ? WHERE id = ?",
                     (now.isoformat(sep=" "), by, conflict_id))
