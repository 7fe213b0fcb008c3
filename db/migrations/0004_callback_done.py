"""Migration 0004: record that a promised call-back was made (R9) without erasing the promise, audited.

Append-only once landed: never edit this file; add 0005_… instead.
"""

SCHEMA_VERSION = 4
MIN_APP_VERSION = "0.1.0"


def _audit_row(column: str) -> str:
    return (
        "    INSERT INTO audit_log(branch, entity, record_uid, field, old_value, new_value, changed_at,"
        " changed_by)\n"
        f"    SELECT (SELECT value FROM settings WHERE key = 'home_branch'), 'voices', new.uid, '{column}',"
        f" old.{column}, new.{column}, new.updated_at, new.updated_by\n"
        f"    WHERE old.{column} IS NOT new.{column};\n"
    )


def migrate(db) -> None:
    """Add voices.callback_done_at / callback_done_by and audit their changes like every other column."""
    conn = db.conn
    conn.execute("ALTER TABLE voices ADD COLUMN callback_done_at TEXT")
    conn.execute("ALTER TABLE voices ADD COLUMN callback_done_by TEXT REFERENCES staff(uid)")
    # The update trigger lists its columns; extend the one the database has (whatever earlier
    # migrations made) instead of restating it here.
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                       "AND name = 'voices_audit_update'").fetchone()[0]
    head, end = sql.rstrip().rsplit("END", 1)
    conn.execute("DROP TRIGGER voices_audit_update")
    conn.execute(head + _audit_row("callback_done_at") + _audit_row("callback_done_by") + "END" + end)
    conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('min_app_version', ?)",
                 (MIN_APP_VERSION,))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
