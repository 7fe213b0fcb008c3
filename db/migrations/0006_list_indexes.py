"""Migration 0006: indexes that serve the keyset-paged lists of cases, customers and elderly sales (order and seek).

Append-only once landed: never edit this file; add 0007_… instead.
"""

SCHEMA_VERSION = 6
MIN_APP_VERSION = "0.2.0"

STATEMENTS = (
    # The cases list's order as one expression — closed after open, then by due date, so open cases
    # past their due date come first — must read exactly as storage/case_list.py's ORDER_SQL.
    "CREATE INDEX IF NOT EXISTS cases_list_order "
    "ON cases(((status IN ('done', 'dropped')) || IFNULL(due_date, '')))",
    # Customers with nothing typed: the most recently updated first.
    "CREATE INDEX IF NOT EXISTS customers_updated ON customers(updated_at)",
    # Elderly sales, newest first, with 未完了のみ: the few open records without reading the others.
    "CREATE INDEX IF NOT EXISTS elderly_sales_open_date ON elderly_sales(is_complete, sale_date)",
)


def migrate(db) -> None:
    """Add the list indexes. `db` is a sqlite_utils.Database inside the migration's transaction."""
    for statement in STATEMENTS:
        db.conn.execute(statement)
    db.conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('min_app_version', ?)",
                    (MIN_APP_VERSION,))
    db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
