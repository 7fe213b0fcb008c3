"""Fresh in-memory databases in a millisecond, for property tests that need hundreds of them.

open_store(':memory:') migrates a new database each time (~50 ms); a property test with a few hundred cases
would spend its time there. `fresh_store()` copies one migrated, initialised database (head office HQ, the
presets, two staff) with SQLite's backup API into a new connection that has the application's pragmas.
"""

from __future__ import annotations

from functools import cache

from sqlite_utils import Database

from agency_app.storage.database import Store, connect, open_store
from agency_app.storage.masters import MasterData, initialise

STAFF_NAMES = ("佐藤 一郎", "鈴木 次郎")


@cache
def _template() -> tuple[Store, tuple[str, ...]]:
    store = open_store(":memory:")
    initialise(store)
    masters = MasterData(store)
    return store, tuple(masters.save_staff(name=name, branch_code="HQ") for name in STAFF_NAMES)


def fresh_store() -> tuple[Store, tuple[str, ...]]:
    """A new Store of its own (close it when done) and the uids of its two staff members."""
    template, staff = _template()
    conn = connect(":memory:", wal=False)
    template.conn.backup(conn)
    return Store(Database(conn, execute_plugins=False), None), staff
