"""Migration 0010: customers listed in 五十音 order (customers.kana_key), cases searched in any width (cases.search_text).

kana_key is the customer's kana folded for ordering (agency_app/domain/kana_order.py: ガ beside カ,
small kana beside large, ー read as its vowel), indexed so the list pages by keyset without sorting.
search_text is a case's title and details in one width: the title and details themselves are now kept as
typed (a full-width 「１－１」 stays), and a search typed in either width matches this copy. Both are
filled here for the rows already stored (with the same functions a save uses), then on every save.
Append-only once landed: never edit this file; add 0011_… instead.
"""

from agency_app.domain.cases import case_search_text
from agency_app.domain.kana_order import kana_order_key

SCHEMA_VERSION = 10
# An older application would save customers and cases without the new keys (a customer out of order,
# a case its search cannot find): the release that brings this migration is the oldest that may write.
MIN_APP_VERSION = "0.4.0"


def migrate(db) -> None:
    """Add and fill the two derived columns, and the index of the customers' order."""
    conn = db.conn
    conn.execute("ALTER TABLE customers ADD COLUMN kana_key TEXT NOT NULL DEFAULT ''")
    conn.executemany("UPDATE customers SET kana_key = ? WHERE rowid = ?",
                     ((kana_order_key(kana, name), rowid)
                      for rowid, kana, name in conn.execute("SELECT rowid, kana, name FROM customers").fetchall()))
    conn.execute("CREATE INDEX customers_kana_order ON customers(kana_key)")
    conn.execute("ALTER TABLE cases ADD COLUMN search_text TEXT NOT NULL DEFAULT ''")
    conn.executemany("UPDATE cases SET search_text = ? WHERE rowid = ?",
                     ((case_search_text(title, body), rowid)
                      for rowid, title, body in conn.execute("SELECT rowid, title, body FROM cases").fetchall()))
    row = conn.execute("SELECT value FROM settings WHERE key = 'min_app_version'").fetchone()
    if row is None or _version(row[0]) < _version(MIN_APP_VERSION):
        conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('min_app_version', ?)",
                     (MIN_APP_VERSION,))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".") if part.isdigit())
