"""Migration 0008: indexes for the counts report — voices by kind and category, status by origin (seed 000).

The voices carried over into a period are those received before it and closed on or after its
first day (or still open). Without these indexes finding them reads every voice ever received;
with them, the voices closed within the period, the few that stayed open longer than the whole
period, and the reopened ones. The period's own voices are counted from two covering indexes
instead of their rows (at 1M voices a fiscal year's 440k rows took 0.5–0.8 s, the indexes 0.1–0.2 s).
Append-only once landed: never edit this file; add 0009_… instead.
"""

SCHEMA_VERSION = 8
MIN_APP_VERSION = "0.2.0"

STATEMENTS = (
    # Closed within the period (completed_on range), received before it; open ones (no completed_on) by
    # receipt date. Covering: status, reopen count and branch are read from the index, not the rows.
    "CREATE INDEX IF NOT EXISTS voices_completed ON voices(completed_on, received_at, status, reopen_count, "
    "branch_code)",
    # Open across the whole period: received before it, closed after it, so open longer than it lasts.
    # The expression must be written the same way in the query (storage/status_by_origin.py).
    "CREATE INDEX IF NOT EXISTS voices_open_days ON voices(julianday(completed_on) - julianday(received_at))",
    # Reopened voices, whose history says how they stood on a past day (a few per thousand).
    "CREATE INDEX IF NOT EXISTS voices_reopened ON voices(received_at) WHERE reopen_count > 0",
    # A period's voices by kind, 苦情 and status on its last day, read from the index alone.
    "CREATE INDEX IF NOT EXISTS voices_period_counts ON voices(kind, received_at, is_complaint, status, "
    "completed_on, reopen_count, branch_code)",
    # The 不満 of a period by the category they were recorded with (a tenth of the voices).
    "CREATE INDEX IF NOT EXISTS voices_dissatisfaction ON voices(kind, received_at, category_group, "
    "category_item, is_complaint, branch_code) WHERE kind = 'dissatisfaction'",
)


def migrate(db) -> None:
    """Add the indexes. `db` is a sqlite_utils.Database inside the migration's transaction."""
    for statement in STATEMENTS:
        db.conn.execute(statement)
    # Indexes need no newer app: keep a higher minimum an earlier step set (this file may be renumbered).
    row = db.conn.execute("SELECT value FROM settings WHERE key = 'min_app_version'").fetchone()
    if row is None or _version(row[0]) < _version(MIN_APP_VERSION):
        db.conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('min_app_version', ?)",
                        (MIN_APP_VERSION,))
    db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".") if part.isdigit())
