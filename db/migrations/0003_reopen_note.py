"""Migration 0003: keep the note staff write when they reopen a closed voice (R7: reopening is recorded), audited.

Append-only once landed: never edit this file; add 0004_… instead.
"""

SCHEMA_VERSION = 3
MIN_APP_VERSION = "0.1.0"

_AUDIT_ROW = (
    "    INSERT INTO audit_log(branch, entity, record_uid, field, old_value, new_value, changed_at,"
    " changed_by)\n"
    "    SELECT (SELECT value FROM settings WHERE key = 'home_branch'), 'voices', new.uid, 'reopen_note',"
    " old.reopen_note, new.reopen_note, new.updated_at, new.updated_by\n"
    "    WHERE old.reopen_note IS NOT new.reopen_note;\n"
)


def migrate(db) -> None:
    """Add voices.reopen_note and record its changes in the audit log like every other column."""
    conn = db.conn
    conn.execute("ALTER TABLE voices ADD COLUMN reopen_note TEXT")
    # The update trigger lists its columns; extend the one the database has (whatever earlier
    # migrations made) by one more audited column instead of restating it here.
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                       "AND name = 'voices_audit_update'").fetchone()[0]
    head, end = sql.rstrip().rsplit("END", 1)
    conn.execute("DROP TRIGGER voices_audit_update")
    conn.execute(head + _AUDIT_ROW + "END" + end)
    conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('min_app_version', ?)",
                 (MIN_APP_VERSION,))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
