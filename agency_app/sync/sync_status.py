"""The 同期状況 view's figures (issue 14, point 5): per branch, the last bundle received, and who has gone quiet."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

__all__ = ["QUIET_DAYS", "BranchSync", "branch_sync", "last_sent"]

QUIET_DAYS = 7  # a branch that has sent nothing for longer is pointed out


@dataclass(frozen=True)
class BranchSync:
    code: str
    name: str
    last_received_at: str | None  # when this database imported its last bundle
    last_made_at: str | None  # when that bundle was made at the branch
    last_records: int  # records the last bundle brought (created, changed or deleted here)
    last_changes: int  # changes it brought that were new here
    bundles: int  # bundles received in all
    quiet: bool  # nothing made for more than QUIET_DAYS days (or never)
    is_self: bool  # this database's own branch


def branch_sync(conn: sqlite3.Connection, now: datetime) -> list[BranchSync]:
    """One row per active branch, head office first then by code; the newest of a branch's PCs counts."""
    home = conn.execute("SELECT value FROM settings WHERE key = 'home_branch'").fetchone()
    home = home[0] if home else "HQ"
    latest: dict[str, tuple] = {}
    for branch, made, received, records, changes, bundles in conn.execute(
            "SELECT branch, last_made_at, last_received_at, last_records, last_changes, bundles FROM sync_peers "
            "ORDER BY last_made_at"):  # the PC that made the newest bundle last: its figures are the branch's
        total = latest[branch][4] + bundles if branch in latest else bundles
        latest[branch] = (made, received, records, changes, total)
    limit = (now - timedelta(days=QUIET_DAYS)).isoformat(sep=" ")
    rows = []
    for code, name, head in conn.execute("SELECT code, name, is_head_office FROM branches WHERE active = 1 "
                                         "ORDER BY is_head_office DESC, code"):
        made, received, records, changes, bundles = latest.get(code, (None, None, 0, 0, 0))
        is_self = code == home
        rows.append(BranchSync(code, name, received, made, records, changes, bundles,
                               quiet=not is_self and (made is None or made < limit), is_self=is_self))
    return rows


def last_sent(conn: sqlite3.Connection) -> tuple[str, str] | None:
    """(when, file name) of this database's last bundle, or None."""
    row = conn.execute("SELECT done_at, file_name FROM sync_bundles WHERE direction = 'out' "
                       "ORDER BY done_at DESC, rowid DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else None
