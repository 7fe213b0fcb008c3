"""The version of each change (issue 14): a hybrid logical clock, so edits order across PCs whose clocks disagree.

A version is one integer: the wall clock in milliseconds shifted left 16 bits, plus a counter. The next version is
the later of "now" and one more than the newest version this database holds — its own changes and every change it
received — so a version is always later than anything its writer had seen, even on a PC whose clock is behind
(it then counts up from the newest version it knows). Ties between two nodes are broken by the node id
(domain/merge.py). Versions are given when history rows are sealed (history_chain.seal_since).
"""

from __future__ import annotations

import sqlite3
import time

__all__ = ["COUNTER_BITS", "DRIFT_WARNING_MS", "newest", "next_version", "physical_ms", "wall_version"]

COUNTER_BITS = 16
# A change "from the future" by more than this (its wall clock ahead of ours) means one of the two clocks is off.
DRIFT_WARNING_MS = 5 * 60 * 1000


def wall_version(ms: int | None = None) -> int:
    """The version of this instant with a counter of 0."""
    return (time.time_ns() // 1_000_000 if ms is None else ms) << COUNTER_BITS


def next_version(newest_known: int, now: int | None = None) -> int:
    """The version of a new change: after `newest_known`, and at least the wall clock."""
    return max(wall_version() if now is None else now, newest_known + 1)


def physical_ms(version: int) -> int:
    return version >> COUNTER_BITS


def newest(conn: sqlite3.Connection) -> int:
    """The newest version this database holds (0 for none); uses the index audit_log_hlc."""
    found = conn.execute("SELECT max(hlc) FROM audit_log").fetchone()[0]
    return int(found) if found is not None else 0
