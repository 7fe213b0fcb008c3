"""Migration 0015: the record of exports and imports (issue 12), and an index for one insurer's voices (R27).

The new tables:
- exports: one workbook made — which report (quarterly, kpi, a list), what it covered (fiscal year, quarter,
  insurer, filters, as the Japanese text a reader understands), whether it held personal data (R31), the file's
  name and how many rows it listed. Who and when are the record's stamps. A manager's export with customers'
  names is how R31's "recorded in the history (who, when, what)" is kept: the table is audited, so its
  '*created' row is in the change history with who and when;
- imports: one import run — what it fed (voices, survey answers, KPI results), the file and sheet, how many rows
  it added and skipped;
- imported_rows: the content fingerprint (domain/sheet_rows.py) of each sheet row an import turned into a
  record, unique per target, so that importing the same file again adds nothing. Bookkeeping of the imports
  above, not a record anybody edits: not audited (the records it names are).
The index voices_insurer_received lets one insurer's quarter be read without passing over every voice of it.
Append-only once landed: never edit this file; add 0016_… instead.
"""

from agency_app.storage.audited_tables import install_audit_triggers
from agency_app.storage.migrations import raise_min_app_version

SCHEMA_VERSION = 15
MIN_APP_VERSION = "0.7.0"  # an older application would import the same sheet twice, not knowing imported_rows

_RECORD = """
    origin_branch TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    version INTEGER NOT NULL DEFAULT 1
"""

TABLES = f"""
CREATE TABLE exports (
    rowid INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    branch_code TEXT NOT NULL,
    report TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    with_personal_data INTEGER NOT NULL DEFAULT 0 CHECK (with_personal_data IN (0, 1)),
    file_name TEXT NOT NULL DEFAULT '',
    row_count INTEGER NOT NULL DEFAULT 0,
{_RECORD}
);
CREATE INDEX exports_created ON exports(created_at);

CREATE TABLE imports (
    rowid INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    branch_code TEXT NOT NULL,
    target TEXT NOT NULL CHECK (target IN ('voices', 'survey_answers', 'kpi_results')),
    file_name TEXT NOT NULL DEFAULT '',
    sheet TEXT NOT NULL DEFAULT '',
    rows_added INTEGER NOT NULL DEFAULT 0,
    rows_skipped INTEGER NOT NULL DEFAULT 0,
{_RECORD}
);

CREATE TABLE imported_rows (
    rowid INTEGER PRIMARY KEY,
    target TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    import_id TEXT NOT NULL REFERENCES imports(uid),
    record_uid TEXT NOT NULL
);
CREATE UNIQUE INDEX imported_rows_fingerprint ON imported_rows(target, fingerprint);

CREATE INDEX voices_insurer_received ON voices(insurer, received_at)
"""

NEW_AUDITED = ("exports", "imports")


def migrate(db) -> None:
    """Make the tables, their audit triggers and the index. `db` is a sqlite_utils.Database in the transaction."""
    conn = db.conn
    for statement in TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)
    install_audit_triggers(conn, *NEW_AUDITED)
    raise_min_app_version(conn, MIN_APP_VERSION)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
