"""Migration 0012: the history of an improvement and of a voice day reads its rows through indexes.

An improvement's history names the voices linked to it and unlinked since; a voice day's names the attendees and
decisions added and taken back. A link, attendee or decision taken back is no longer in its table: it is found by
the improvement or meeting its '*deleted' audit row names — through these indexes of those rows only (as
0007's audit_log_deleted_steps does for a case's checklist steps), instead of reading the whole audit log (a
million rows and more on a big database: 0.4–1.5 s each time the 改善 tab's selection moved).
Append-only once landed: never edit this file; add 0013_… instead.
"""

from agency_app.storage.migrations import raise_min_app_version

SCHEMA_VERSION = 12
MIN_APP_VERSION = "0.5.0"  # indexes need no newer app than 0011's tables do

STATEMENTS = (
    "CREATE INDEX IF NOT EXISTS audit_log_deleted_improvement_voices "
    "ON audit_log(json_extract(old_value, '$.improvement_id')) "
    "WHERE entity = 'improvement_voices' AND field = '*deleted'",
    "CREATE INDEX IF NOT EXISTS audit_log_deleted_attendees "
    "ON audit_log(json_extract(old_value, '$.voice_day_id')) "
    "WHERE entity = 'voice_day_attendees' AND field = '*deleted'",
    "CREATE INDEX IF NOT EXISTS audit_log_deleted_decisions "
    "ON audit_log(json_extract(old_value, '$.voice_day_id')) "
    "WHERE entity = 'voice_decisions' AND field = '*deleted'",
)


def migrate(db) -> None:
    """Add the indexes. `db` is a sqlite_utils.Database inside the migration's transaction."""
    for statement in STATEMENTS:
        db.conn.execute(statement)
    raise_min_app_version(db.conn, MIN_APP_VERSION)
    db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
