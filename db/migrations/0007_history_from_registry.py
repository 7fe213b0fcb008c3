"""Migration 0007: every audit trigger made from the table registry — a creation keeps its values, a deletion is recorded.

The triggers come from agency_app/storage/audited_tables.py (its docstring says why a migration calls it
instead of holding SQL). Rows already in audit_log stay as they are: history is never rewritten, so the
'*created' rows written before this migration keep no values.
Append-only once landed: never edit this file; add 0008_… instead.
"""

from agency_app.storage.audited_tables import install_audit_triggers

SCHEMA_VERSION = 7
# Tables and columns are as schema 6 left them, but an application of 0.2.0 refuses this file anyway
# (it does not know this migration) and would show a creation's values as raw JSON: the release that
# brings this migration is the oldest that can open it.
MIN_APP_VERSION = "0.3.0"


def migrate(db) -> None:
    """Replace the triggers of every audited table by the generated ones (insert, update, delete)."""
    conn = db.conn
    install_audit_triggers(conn)
    # A deleted checklist step is no longer under its case; the case's history finds it by the case its
    # '*deleted' row names (CaseRepository.history), through this index of those rows only.
    conn.execute("CREATE INDEX audit_log_deleted_steps ON audit_log(json_extract(old_value, '$.case_id')) "
                 "WHERE entity = 'case_steps' AND field = '*deleted'")
    conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('min_app_version', ?)",
                 (MIN_APP_VERSION,))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
