"""Migration 0005: customers, follow-up cases with checklists (R10), elderly-sale records (R16–R19), relative contacts (R20).

Append-only once landed: never edit this file; add 0006_… instead.
"""

SCHEMA_VERSION = 5
MIN_APP_VERSION = "0.2.0"

_RECORD = """
    origin_branch TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    version INTEGER NOT NULL DEFAULT 1
"""

TABLES = f"""
CREATE TABLE customers (
    rowid INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    branch_code TEXT NOT NULL,
    name TEXT NOT NULL,
    kana TEXT NOT NULL DEFAULT '',
    birth_date TEXT,
    phone TEXT NOT NULL DEFAULT '',
    phone_digits TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    product_lines TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    search_key TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1,
{_RECORD}
);
CREATE INDEX customers_kana ON customers(kana);
CREATE INDEX customers_phone ON customers(phone_digits);
CREATE INDEX customers_birth ON customers(birth_date);

CREATE TABLE checklist_templates (
    case_type TEXT PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    steps TEXT NOT NULL,
{_RECORD}
);

CREATE TABLE cases (
    rowid INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    branch_code TEXT NOT NULL,
    case_type TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    customer_id TEXT REFERENCES customers(uid),
    voice_id TEXT REFERENCES voices(uid),
    product_line TEXT,
    insurer TEXT,
    opened_on TEXT NOT NULL,
    response TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'done', 'dropped')),
    assignee_id TEXT REFERENCES staff(uid),
    due_date TEXT,
    callback_at TEXT,
    callback_staff_id TEXT REFERENCES staff(uid),
    callback_done_at TEXT,
    callback_done_by TEXT REFERENCES staff(uid),
    completed_on TEXT,
    completed_by TEXT REFERENCES staff(uid),
    close_reason TEXT,
    reopen_count INTEGER NOT NULL DEFAULT 0,
    reopen_note TEXT,
{_RECORD}
);
CREATE INDEX cases_status_due ON cases(status, due_date);
CREATE INDEX cases_assignee ON cases(assignee_id, status);
CREATE INDEX cases_customer ON cases(customer_id);
CREATE INDEX cases_callback ON cases(callback_at) WHERE callback_at IS NOT NULL;
CREATE INDEX cases_opened ON cases(opened_on);

CREATE TABLE case_steps (
    uid TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(uid),
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    done_at TEXT,
    done_by TEXT REFERENCES staff(uid),
    note TEXT NOT NULL DEFAULT '',
{_RECORD}
);
CREATE INDEX case_steps_case ON case_steps(case_id, position);

CREATE TABLE elderly_rules (
    uid TEXT PRIMARY KEY,
    rules_version INTEGER NOT NULL UNIQUE,
    rules TEXT NOT NULL,
    effective_from TEXT NOT NULL,
{_RECORD}
);

CREATE TABLE elderly_sales (
    rowid INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    branch_code TEXT NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers(uid),
    sale_date TEXT NOT NULL,
    product_line TEXT NOT NULL,
    insurer TEXT,
    product_name TEXT NOT NULL DEFAULT '',
    seller_id TEXT NOT NULL REFERENCES staff(uid),
    face_to_face INTEGER NOT NULL,
    measure TEXT,
    relative_name TEXT NOT NULL DEFAULT '',
    relative_relation TEXT NOT NULL DEFAULT '',
    meeting_dates TEXT NOT NULL DEFAULT '',
    second_agent_id TEXT REFERENCES staff(uid),
    less_preferred_reason TEXT NOT NULL DEFAULT '',
    phone_checker_id TEXT REFERENCES staff(uid),
    phone_checked_on TEXT,
    answer_public_insurance TEXT CHECK (answer_public_insurance IN ('yes', 'no')),
    answer_product_reason TEXT CHECK (answer_product_reason IN ('yes', 'no')),
    customer_comment TEXT NOT NULL DEFAULT '',
    follow_up_note TEXT NOT NULL DEFAULT '',
    written_confirmed_on TEXT,
    rules_version INTEGER NOT NULL REFERENCES elderly_rules(rules_version),
    is_complete INTEGER NOT NULL DEFAULT 0,
    completed_on TEXT,
    due_date TEXT,
    notes TEXT NOT NULL DEFAULT '',
{_RECORD}
);
CREATE INDEX elderly_sales_date ON elderly_sales(sale_date);
CREATE INDEX elderly_sales_customer ON elderly_sales(customer_id);
CREATE INDEX elderly_sales_open ON elderly_sales(is_complete, due_date);

CREATE TABLE relative_contacts (
    rowid INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    branch_code TEXT NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers(uid),
    product_line TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('registered', 'declined')),
    relative_name TEXT NOT NULL DEFAULT '',
    relation TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    obtained_by TEXT NOT NULL CHECK (obtained_by IN ('meeting', 'mail')),
    decline_reason TEXT NOT NULL DEFAULT '',
    recorded_on TEXT NOT NULL,
    recorded_by TEXT REFERENCES staff(uid),
{_RECORD}
);
CREATE INDEX relative_contacts_customer ON relative_contacts(customer_id);
CREATE INDEX relative_contacts_date ON relative_contacts(recorded_on);
"""

# R11 for the new tables: (table, key column, audited columns).
AUDITED = {
    "customers": ("uid", ["branch_code", "name", "kana", "birth_date", "phone", "postal_code", "address",
                          "product_lines", "notes", "active"]),
    "checklist_templates": ("case_type", ["steps"]),
    "cases": ("uid", ["branch_code", "case_type", "title", "body", "customer_id", "voice_id",
                      "product_line", "insurer", "opened_on", "response", "status", "assignee_id",
                      "due_date", "callback_at", "callback_staff_id", "callback_done_at",
                      "callback_done_by", "completed_on", "completed_by", "close_reason",
                      "reopen_count", "reopen_note"]),
    "case_steps": ("uid", ["label", "done_at", "done_by", "note"]),
    "elderly_rules": ("uid", ["rules", "effective_from"]),
    "elderly_sales": ("uid", ["branch_code", "customer_id", "sale_date", "product_line", "insurer",
                              "product_name", "seller_id", "face_to_face", "measure", "relative_name",
                              "relative_relation", "meeting_dates", "second_agent_id",
                              "less_preferred_reason", "phone_checker_id", "phone_checked_on",
                              "answer_public_insurance", "answer_product_reason", "customer_comment",
                              "follow_up_note", "written_confirmed_on", "rules_version", "is_complete",
                              "completed_on", "due_date", "notes"]),
    "relative_contacts": ("uid", ["customer_id", "product_line", "outcome", "relative_name", "relation",
                                  "phone", "obtained_by", "decline_reason", "recorded_on", "recorded_by"]),
}

_HOME_BRANCH = "(SELECT value FROM settings WHERE key = 'home_branch')"


def _audit_row(table: str, key: str, column: str) -> str:
    return (
        "    INSERT INTO audit_log(branch, entity, record_uid, field, old_value, new_value, changed_at,"
        " changed_by)\n"
        f"    SELECT {_HOME_BRANCH}, '{table}', new.{key}, '{column}', old.{column}, new.{column},"
        f" new.updated_at, new.updated_by\n"
        f"    WHERE old.{column} IS NOT new.{column};\n"
    )


def _audit_triggers(table: str, key: str, columns: list[str]) -> list[str]:
    created = (
        f"CREATE TRIGGER {table}_audit_insert AFTER INSERT ON {table} BEGIN\n"
        "    INSERT INTO audit_log(branch, entity, record_uid, field, old_value, new_value, changed_at,"
        " changed_by)\n"
        f"    VALUES ({_HOME_BRANCH}, '{table}', new.{key}, '*created', NULL, NULL, new.updated_at,"
        " new.updated_by);\nEND"
    )
    updated = (f"CREATE TRIGGER {table}_audit_update AFTER UPDATE ON {table} BEGIN\n"
               + "".join(_audit_row(table, key, c) for c in columns) + "END")
    return [created, updated]


def migrate(db) -> None:
    """Create the tables, audit them, and link voices to a customer record (voices.customer_id)."""
    conn = db.conn
    for statement in TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)
    for table, (key, columns) in AUDITED.items():
        for statement in _audit_triggers(table, key, columns):
            conn.execute(statement)
    # A voice may name a customer record; the free-text name stays for anonymous or unknown callers.
    conn.execute("ALTER TABLE voices ADD COLUMN customer_id TEXT REFERENCES customers(uid)")
    conn.execute("CREATE INDEX voices_customer_record ON voices(customer_id) WHERE customer_id IS NOT NULL")
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                       "AND name = 'voices_audit_update'").fetchone()[0]
    head, end = sql.rstrip().rsplit("END", 1)
    conn.execute("DROP TRIGGER voices_audit_update")
    conn.execute(head + _audit_row("voices", "uid", "customer_id") + "END" + end)
    conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('min_app_version', ?)",
                 (MIN_APP_VERSION,))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
