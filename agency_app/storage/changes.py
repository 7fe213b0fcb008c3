"""What a write changed, read back from the change history (R11): the audit rows it added name each record touched."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

@dataclass(frozen=True)
class Changes:
    """The records one or more writes touched, as (table, uid) pairs; empty when nothing was written."""

    records: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    @classmethod
    def of(cls, table: str, *uids: str) -> "Changes":
        return cls(frozenset((table, uid) for uid in uids))

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(table for table, _ in self.records)

    def touches(self, *tables: str) -> bool:
        """True when any record of these tables changed."""
        return any(table in self.tables for table in tables)

    def uids(self, table: str) -> frozenset[str]:
        return frozenset(uid for t, uid in self.records if t == table)

    def __bool__(self) -> bool:
        return bool(self.records)

    def __or__(self, other: "Changes") -> "Changes":
        return Changes(self.records | other.records)


def history_mark(conn: sqlite3.Connection) -> int:
    """The newest change-history row now (one index lookup); pass it to changes_since after writing."""
    return conn.execute("SELECT COALESCE(max(id), 0) FROM audit_log").fetchone()[0]


def changes_since(conn: sqlite3.Connection, mark: int) -> Changes:
    """Every record whose history grew after `mark`: exactly what was written, by this connection or another."""
    rows = conn.execute("SELECT DISTINCT entity, record_uid FROM audit_log WHERE id > ?", (mark,))
    return Changes(frozenset((entity, uid) for entity, uid in rows))
