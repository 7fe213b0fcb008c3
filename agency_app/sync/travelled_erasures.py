"""An erasure travels (利用停止・消去 across offices, issue 14): each office erases what it holds of the customer too.

The erasing office's history rows arrive already rewritten (marked with the erasure that rewrote them; their frame
still verifies) and its '*erased' row arrives sealed. Each office that receives it then erases, as its own recorded
erasure, whatever of the customer it still holds: the same rows it had received before the erasure, its own edits
the erasing office never saw, and rows of the customer that reach it later from a third office. An office that finds
nothing left writes nothing, so the erasures do not echo between offices for ever.
"""

from __future__ import annotations

import json
import sqlite3

from agency_app.domain.periods import now_tokyo
from agency_app.domain.voice import format_datetime
from agency_app.storage.erasure import ERASED_FIELD, erase_again, records_about

__all__ = ["erase_what_arrived"]

_FALLBACK_REASON = "他の拠点での消去による"


def _erased_customers(conn: sqlite3.Connection, new: set[str]) -> dict[str, tuple[str, str | None]]:
    """customer → (reason, who) of its latest erasure known here (those just received, and earlier ones)."""
    found: dict[str, tuple[str, str | None]] = {}
    rows = conn.execute(
        "SELECT record_uid, new_value, changed_by FROM audit_log WHERE field = ? AND entity = 'customers' AND "
        "(uid IN (SELECT DISTINCT erasure_uid FROM audit_erasures) OR record_uid IN (SELECT value FROM json_each(?))) "
        "ORDER BY id", (ERASED_FIELD, json.dumps(sorted(new))))
    for customer, text, by in rows:
        try:
            reason = json.loads(text or "{}").get("reason") or _FALLBACK_REASON
        except (ValueError, AttributeError):
            reason = _FALLBACK_REASON
        found[customer] = (str(reason), by)
    return found


def erase_what_arrived(conn: sqlite3.Connection, new_erasures: set[str], touched: set[str]) -> int:
    """Inside the merge's transaction, the audit triggers on again: erase here every erased customer that the merge
    brought an erasure of, or brought rows about (`touched`: record uids); returns the erasures written here."""
    written = 0
    for customer, (reason, by) in _erased_customers(conn, new_erasures).items():
        if customer not in new_erasures:
            about = {uid for uids in records_about(conn, customer).values() for uid in uids}
            if customer not in touched and not touched & about:
                continue
        if erase_again(conn, customer, reason, by=by or "", stamp=format_datetime(now_tokyo())):
            written += 1
    return written
