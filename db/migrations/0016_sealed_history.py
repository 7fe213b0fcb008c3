"""Migration 0016: a history nobody can overwrite, sealed row by row (issue 13, R11).

- audit_log gets three seal columns: `pc` (the PC that wrote the row), `digest` (sha256 of the row's own
  content) and `chain` (sha256 of the previous chain of the same PC and this digest). The application seals
  each new row inside the transaction that wrote it (storage/history_chain.py); `agency-app check` recomputes
  every PC's chain and names any edited, deleted or reordered row, even after someone dropped the triggers.
- audit_log_no_replace: INSERT OR REPLACE skips delete triggers on a connection without recursive_triggers
  (any SQLite tool), so it could push a history row out; any insert naming an id or uid already there is refused.
- audit_log_no_update now allows exactly two updates: sealing a new row once (only the seal columns, from
  NULL), and a recorded erasure (利用停止・消去, point 10): only old_value/new_value of a row listed in
  audit_erasures, the seal unchanged, so the check accepts it as an erasure and not as tampering.
- audit_erasures: which history rows an erasure rewrote, and the uid of the '*erased' history row that
  records it (who, when, why). Append-only like the history itself.
- settings are history too: one row per change (entity 'settings', the key as record_uid, field 'value'),
  '*created' / '*deleted' for a key made or removed; stamped with the time in Tokyo, nobody as the writer
  (settings carry no stamp). The application changes a setting with an upsert (migrations.SET_SETTING), so a
  change reads as one row and not as a deletion and a creation.
- Every row already there is sealed here, "sealed at upgrade on this PC": from now on `check` covers it too
  (what was done to it before the upgrade cannot be seen any more). The settings key
  history_sealed_at_upgrade keeps the newest id sealed so.
Append-only once landed: never edit this file once it is on main; add 0017_… instead.
"""

from agency_app.storage import history_chain
from agency_app.storage.migrations import SET_SETTING, raise_min_app_version

SCHEMA_VERSION = 16
MIN_APP_VERSION = "0.8.0"  # an older application would write history rows without their seal

_APPEND_ONLY = "SELECT RAISE(ABORT, '{table} is append-only');"

# The columns first, then the rows already there are sealed (with no update trigger and no index on the seal
# yet), then the rest.
COLUMNS = [
    "ALTER TABLE audit_log ADD COLUMN pc TEXT",
    "ALTER TABLE audit_log ADD COLUMN digest TEXT",
    "ALTER TABLE audit_log ADD COLUMN chain TEXT",
    "DROP TRIGGER audit_log_no_update",
]
STATEMENTS = [
    "CREATE INDEX audit_log_chain ON audit_log(pc, id)",
    """CREATE TABLE audit_erasures (
        audit_id INTEGER PRIMARY KEY REFERENCES audit_log(id),
        erasure_uid TEXT NOT NULL
    )""",
    "CREATE INDEX audit_erasures_erasure ON audit_erasures(erasure_uid)",
    f"""CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
        WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
          OR EXISTS (SELECT 1 FROM audit_log WHERE uid = NEW.uid)
        BEGIN {_APPEND_ONLY.format(table='audit_log')} END""",
    f"""CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        WHEN NOT (
            NEW.id IS OLD.id AND NEW.uid IS OLD.uid AND NEW.branch IS OLD.branch AND NEW.entity IS OLD.entity
            AND NEW.record_uid IS OLD.record_uid AND NEW.field IS OLD.field
            AND NEW.changed_at IS OLD.changed_at AND NEW.changed_by IS OLD.changed_by
            AND (
                (OLD.pc IS NULL AND OLD.digest IS NULL AND OLD.chain IS NULL
                 AND NEW.old_value IS OLD.old_value AND NEW.new_value IS OLD.new_value)
                OR
                (EXISTS (SELECT 1 FROM audit_erasures WHERE audit_id = OLD.id)
                 AND NEW.pc IS OLD.pc AND NEW.digest IS OLD.digest AND NEW.chain IS OLD.chain)
            )
        )
        BEGIN {_APPEND_ONLY.format(table='audit_log')} END""",
    f"""CREATE TRIGGER audit_erasures_no_replace BEFORE INSERT ON audit_erasures
        WHEN EXISTS (SELECT 1 FROM audit_erasures WHERE audit_id = NEW.audit_id)
        BEGIN {_APPEND_ONLY.format(table='audit_erasures')} END""",
    f"""CREATE TRIGGER audit_erasures_no_update BEFORE UPDATE ON audit_erasures
        BEGIN {_APPEND_ONLY.format(table='audit_erasures')} END""",
    f"""CREATE TRIGGER audit_erasures_no_delete BEFORE DELETE ON audit_erasures
        BEGIN {_APPEND_ONLY.format(table='audit_erasures')} END""",
]

_SETTING_ROW = ("INSERT INTO audit_log (branch, entity, record_uid, field, old_value, new_value, changed_at, changed_by) "
                "SELECT (SELECT value FROM settings WHERE key = 'home_branch'), 'settings', {key}, {field}, {old}, {new}, "
                "strftime('%Y-%m-%d %H:%M', 'now', '+9 hours'), NULL")
SETTINGS_TRIGGERS = [
    f"""CREATE TRIGGER settings_audit_insert AFTER INSERT ON settings BEGIN
        {_SETTING_ROW.format(key='new.key', field="'*created'", old='NULL', new='new.value')}; END""",
    f"""CREATE TRIGGER settings_audit_update AFTER UPDATE ON settings WHEN old.value IS NOT new.value
        OR old.key IS NOT new.key BEGIN
        {_SETTING_ROW.format(key='new.key', field="'value'", old='old.value', new='new.value')}; END""",
    f"""CREATE TRIGGER settings_audit_delete AFTER DELETE ON settings BEGIN
        {_SETTING_ROW.format(key='old.key', field="'*deleted'", old='old.value', new='NULL')}; END""",
]


def migrate(db) -> None:
    """Add the seal columns, the erasure table and the triggers. `db` is a sqlite_utils.Database in the transaction."""
    conn = db.conn
    for statement in COLUMNS:
        conn.execute(statement)
    raise_min_app_version(conn, MIN_APP_VERSION)  # before the settings' own history starts
    # Sealed at upgrade on this PC. Each row grows by its seal: with SQLite's small default cache the pages of a
    # large history would be read and written many times over.
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute("PRAGMA cache_size = -262144")  # 256 MiB, for this step only
    try:
        head = history_chain.seal_since(conn, 0)
    finally:
        conn.execute(f"PRAGMA cache_size = {cache}")
    for statement in STATEMENTS + SETTINGS_TRIGGERS:
        conn.execute(statement)
    conn.execute(SET_SETTING, ("history_sealed_at_upgrade", str(head.last_id if head else 0)))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
