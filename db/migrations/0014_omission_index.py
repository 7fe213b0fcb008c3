"""Migration 0014: the voices closed after their due date are found through an index of those voices only (R23).

Follow-up omissions (the 集計 tab and the KPI measure followup_omissions, storage/counts.py) read every voice
received in the period to test its status, due date and closing day: 0.3 s for a fiscal year at a million
voices, most of a 300 ms KPI board. This partial index holds the voices closed (完了 / 見送り) with a due date
and either a closing day after it or none (older 見送り, whose day the audit log gives): a few percent of
them. The unary plus keeps the condition from matching voices_status_due, which the planner would otherwise
prefer; the query must spell the condition exactly so (counts.CLOSED_LATE_CANDIDATE).
Append-only once landed: never edit this file; add 0015_… instead.
"""

from agency_app.storage.migrations import raise_min_app_version

SCHEMA_VERSION = 14
MIN_APP_VERSION = "0.6.0"  # an index needs no newer app than 0013's tables do

STATEMENTS = (
    "CREATE INDEX IF NOT EXISTS voices_closed_late ON voices(received_at, branch_code) "
    "WHERE +status IN ('done', 'dropped') AND +due_date IS NOT NULL "
    "AND (completed_on IS NULL OR completed_on > substr(due_date, 1, 10))",
)


def migrate(db) -> None:
    """Add the index. `db` is a sqlite_utils.Database inside the migration's transaction."""
    for statement in STATEMENTS:
        db.conn.execute(statement)
    raise_min_app_version(db.conn, MIN_APP_VERSION)
    db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
