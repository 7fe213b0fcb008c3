"""Which history rows a bundle carries, and what each node holds: counted per chain (the node that sealed the rows).

Every node holds, of each chain, a beginning of it (rows are only ever merged in chain order), so "what a node
holds" is one number per chain: how many of its rows. A bundle carries, per chain, the rows after what every office
this node has heard from holds (the least of them): a bundle that never arrived is carried again by the next one,
and rows that came round by another office are skipped on arrival. With no office heard from yet — or, at head
office, while an active branch has never sent anything — everything.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import timedelta

from agency_app.domain.periods import now_tokyo
from agency_app.sync.merge import ROW_FIELDS
from agency_app.sync.node import this_node

__all__ = ["holdings", "known_by_peers", "rows_after", "since_date", "row_line", "row_from_line"]

# Each row with the erasure that rewrote its values, if one did (merge.py then checks its frame only).
LINE_FIELDS = (*ROW_FIELDS, "erased_by")
_SELECT = (f"SELECT {', '.join(ROW_FIELDS)}, "
           "(SELECT erasure_uid FROM audit_erasures WHERE audit_id = audit_log.id) FROM audit_log")


def holdings(conn: sqlite3.Connection) -> dict[str, int]:
    """node → how many rows of its chain this database holds (sealed rows only)."""
    return {pc: count for pc, count in conn.execute(
        "SELECT pc, count(*) FROM audit_log WHERE pc IS NOT NULL AND digest IS NOT NULL GROUP BY pc")}


# A PC not heard from for this long (retired, or a node that took a new id) is not waited for: bundles stop carrying
# what it lacked. If it comes back, its next bundle says what it holds and the next ones carry the rest.
PEER_FORGOTTEN_DAYS = 60


def _silent_branches(conn: sqlite3.Connection) -> bool:
    """Head office only: an active branch it has never heard from (a new one may hold nothing at all)."""
    node = this_node(conn)
    if not node.is_head_office:
        return False  # a branch hears from head office only: what head office holds is what to skip
    return conn.execute("SELECT 1 FROM branches b WHERE b.active = 1 AND b.code <> ? AND NOT EXISTS "
                        "(SELECT 1 FROM sync_peers p WHERE p.branch = b.code)", (node.branch,)).fetchone() is not None


def known_by_peers(conn: sqlite3.Connection) -> dict[str, int] | None:
    """Per chain, the least any office heard from holds (from the last bundle each sent); None (everything) when
    none yet, or at head office while an active branch has never sent anything.

    A new PC of a branch that already sends is known only once it has sent its first bundle (its "joined" reply):
    until then head office's bundles carry what the branch's other PCs lack, not all it lacks."""
    if _silent_branches(conn):
        return None
    peers = []
    since = (now_tokyo() - timedelta(days=PEER_FORGOTTEN_DAYS)).isoformat(sep=" ")
    for (text,) in conn.execute("SELECT holds FROM sync_peers WHERE last_received_at >= ?", (since,)):
        try:
            held = json.loads(text or "{}")
        except ValueError:
            held = {}
        peers.append(held if isinstance(held, dict) else {})
    if not peers:
        return None
    chains = set().union(*peers)
    return {pc: min(int(p.get(pc, 0) or 0) for p in peers) for pc in chains}


def since_date(conn: sqlite3.Connection, day: str) -> dict[str, int]:
    """Per chain, how many rows come before its first change on or after `day` (YYYY-MM-DD): a bundle "since"."""
    skip = {}
    for pc, total in holdings(conn).items():
        first = conn.execute("SELECT min(id) FROM audit_log WHERE pc = ? AND changed_at >= ?", (pc, day)).fetchone()[0]
        skip[pc] = total if first is None else conn.execute(
            "SELECT count(*) FROM audit_log WHERE pc = ? AND id < ?", (pc, first)).fetchone()[0]
    return skip


def rows_after(conn: sqlite3.Connection, skip: dict[str, int] | None) -> Iterator[tuple]:
    """Every sealed row after `skip[chain]` rows of its chain, chain by chain, each in chain order."""
    for pc, total in sorted(holdings(conn).items()):
        start = (skip or {}).get(pc, 0)
        if start >= total:
            continue
        yield from conn.execute(f"{_SELECT} WHERE pc = ? AND digest IS NOT NULL ORDER BY id LIMIT -1 OFFSET ?",
                                (pc, start))


def count_after(conn: sqlite3.Connection, skip: dict[str, int] | None) -> int:
    return sum(max(0, total - (skip or {}).get(pc, 0)) for pc, total in holdings(conn).items())


# json.dumps with these options, made once (json.dumps makes a new encoder at every call: 600,000 in a big bundle).
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def row_line(row: tuple) -> bytes:
    """One row as a line of the bundle: a JSON array in LINE_FIELDS order."""
    return _ENCODE(row).encode("utf-8") + b"\n"


def row_from_line(line: bytes | str) -> dict:
    values = json.loads(line)
    if not isinstance(values, list) or len(values) != len(LINE_FIELDS):
        raise ValueError("not a history row")
    return dict(zip(LINE_FIELDS, values))
