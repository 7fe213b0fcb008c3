"""Migration 0001: the first schema — branches, staff, taxonomy, insurers, voices, full-text index, append-only audit log.

Append-only once landed: never edit this file; add 0002_… instead.
"""

SCHEMA_VERSION = 1
MIN_APP_VERSION = "0.1.0"

TABLES = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT
);
CREATE TABLE branches (
    code TEXT PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    is_head_office INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    origin_branch TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT
);
CREATE TABLE staff (
    uid TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kana TEXT NOT NULL DEFAULT '',
    team TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT 'staff' CHECK (role IN ('staff', 'manager')),
    branch_code TEXT REFERENCES branches(code),
    active INTEGER NOT NULL DEFAULT 1,
    origin_branch TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT
);
CREATE TABLE categories (
    uid TEXT PRIMARY KEY,
    preset TEXT NOT NULL,
    group_name TEXT NOT NULL,
    item_name TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    origin_branch TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT
);
CREATE TABLE insurers (
    uid TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    sort_order INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    origin_branch TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT
);
CREATE TABLE voices (
    rowid INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    origin_branch TEXT NOT NULL,
    branch_code TEXT NOT NULL,
    received_at TEXT NOT NULL,
    received_by TEXT REFERENCES staff(uid),
    channel TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('praise', 'dissatisfaction', 'request', 'other')),
    is_complaint INTEGER NOT NULL DEFAULT 0,
    category_group TEXT,
    category_item TEXT,
    product_line TEXT,
    insurer TEXT,
    customer_name TEXT,
    summary TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    response TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'done', 'dropped')),
    assignee_id TEXT REFERENCES staff(uid),
    due_date TEXT,
    callback_at TEXT,
    callback_staff_id TEXT REFERENCES staff(uid),
    completed_on TEXT,
    completed_by TEXT REFERENCES staff(uid),
    close_reason TEXT,
    reopen_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    created_by TEXT,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX voices_received ON voices(received_at);
CREATE INDEX voices_status_due ON voices(status, due_date);
CREATE INDEX voices_callback ON voices(callback_at) WHERE callback_at IS NOT NULL;
CREATE INDEX voices_assignee ON voices(assignee_id, status);
CREATE INDEX voices_branch_received ON voices(branch_code, received_at);
CREATE INDEX voices_kind_received ON voices(kind, received_at);
CREATE INDEX voices_due ON voices(due_date);

CREATE VIRTUAL TABLE voices_fts USING fts5(
    customer_name, summary, body, response,
    content='voices', content_rowid='rowid', tokenize='trigram'
);
CREATE TRIGGER voices_fts_insert AFTER INSERT ON voices BEGIN
    INSERT INTO voices_fts(rowid, customer_name, summary, body, response)
    VALUES (new.rowid, new.customer_name, new.summary, new.body, new.response);
END;
CREATE TRIGGER voices_fts_delete AFTER DELETE ON voices BEGIN
    INSERT INTO voices_fts(voices_fts, rowid, customer_name, summary, body, response)
    VALUES ('delete', old.rowid, old.customer_name, old.summary, old.body, old.response);
END;
CREATE TRIGGER voices_fts_update AFTER UPDATE OF customer_name, summary, body, response ON voices BEGIN
    INSERT INTO voices_fts(voices_fts, rowid, customer_name, summary, body, response)
    VALUES ('delete', old.rowid, old.customer_name, old.summary, old.body, old.response);
    INSERT INTO voices_fts(rowid, customer_name, summary, body, response)
    VALUES (new.rowid, new.customer_name, new.summary, new.body, new.response);
END;

-- R11: every change is kept; the database itself refuses to edit or delete history.
-- Each row has its own global id and the branch where the change was made (R30: head office merges
-- histories from branches; a row sent twice is recognised by its uid).
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    branch TEXT,
    entity TEXT NOT NULL,
    record_uid TEXT NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    changed_at TEXT NOT NULL,
    changed_by TEXT
);
CREATE INDEX audit_log_record ON audit_log(record_uid, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
"""

# Audited tables: (table, key column, columns whose changes are recorded).
AUDITED = {
    "voices": ("uid", [
        "branch_code", "received_at", "received_by", "channel", "kind", "is_complaint",
        "category_group", "category_item", "product_line", "insurer", "customer_name",
        "summary", "body", "response", "status", "assignee_id", "due_date", "callback_at",
        "callback_staff_id", "completed_on", "completed_by", "close_reason", "reopen_count",
    ]),
    "staff": ("uid", ["name", "kana", "team", "role", "branch_code", "active"]),
    "branches": ("code", ["name", "is_head_office", "active"]),
    "categories": ("uid", ["preset", "group_name", "item_name", "sort_order", "active"]),
    "insurers": ("uid", ["name", "sort_order", "active"]),
}


# The branch this database belongs to, read when the change is written.
_HOME_BRANCH = "(SELECT value FROM settings WHERE key = 'home_branch')"


def audit_triggers(table: str, key: str, columns: list[str]) -> str:
    """SQL for one table's audit triggers: one row on insert, one row per changed column on update."""
    created = (
        f"CREATE TRIGGER {table}_audit_insert AFTER INSERT ON {table} BEGIN\n"
        f"    INSERT INTO audit_log(branch, entity, record_uid, field, old_value, new_value, changed_at, changed_by)\n"
        f"    VALUES ({_HOME_BRANCH}, '{table}', new.{key}, '*created', NULL, NULL, new.updated_at, new.updated_by);\n"
        f"END;\n"
    )
    changes = "\n".join(
        f"    INSERT INTO audit_log(branch, entity, record_uid, field, old_value, new_value, changed_at, changed_by)\n"
        f"    SELECT {_HOME_BRANCH}, '{table}', new.{key}, '{col}', old.{col}, new.{col}, new.updated_at, new.updated_by\n"
        f"    WHERE old.{col} IS NOT new.{col};"
        for col in columns
    )
    updated = (
        f"CREATE TRIGGER {table}_audit_update AFTER UPDATE ON {table} BEGIN\n{changes}\nEND;\n"
    )
    return created + updated


def migrate(db) -> None:
    """Create the first schema. `db` is a sqlite_utils.Database inside the migration's transaction."""
    conn = db.conn
    for statement in _split(TABLES):
        conn.execute(statement)
    for table, (key, columns) in AUDITED.items():
        for statement in _split(audit_triggers(table, key, columns)):
            conn.execute(statement)
    conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('min_app_version', ?)",
                 (MIN_APP_VERSION,))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _split(script: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies (which contain ';') whole."""
    statements, current = [], []
    for line in script.splitlines():
        if not line.strip() or line.strip().startswith("--"):
            continue
        current.append(line)
        text = "\n".join(current)
        in_trigger = text.lstrip().upper().startswith("CREATE TRIGGER")
        if (in_trigger and line.strip() == "END;") or (not in_trigger and line.rstrip().endswith(";")):
            statements.append(text)
            current = []
    return statements
