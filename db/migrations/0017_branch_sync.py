"""Migration 0017: branch offices exchange their changes (issue 14, R30) — node id, clock, merge bookkeeping.

- settings node_id: this database's own id (a uuid made here, or by `init` for a new file). The history rows
  written from now on are sealed in the chain of this node (audit_log.pc holds it), so rows merged from several
  offices — or from two databases on one PC — keep one verifiable chain each. Copy a database to another PC and it
  stays the same node: a second PC at an office starts from `init` and a bundle, not from a copy.
- settings agency_id: which agency the file belongs to. A branch takes head office's at its first bundle from it;
  bundles of another agency are refused.
- audit_log.hlc: each change's version, a hybrid logical clock (milliseconds << 16 | counter, storage/hybrid_clock.py)
  given when the row is sealed; with the node id it orders changes made on PCs whose clocks disagree. It is part of
  the row's digest (history_chain.frame_of), so it cannot be edited unseen. Rows older than this migration have none
  and sort before every later change.
- audit_log_no_update: as in 0016, and the version may be given only when the row is sealed, never changed after.
- sync_applying: while a bundle is merged, the audit triggers are quiet (the rows it brings are written as they
  came, sealed by their own office); every audited table's triggers are made again with that condition.
- what other offices need and this file's history cannot give: for every record whose history has no '*created' row
  with values (made before 0007, or seeded by a migration), a '*baseline' row with its values now; for every voice whose team 0011
  set without history, its team in such a row; and, per chain sealed per PC before, a '*continues' row naming its last row
  (deleting the rows saved just before the upgrade stays visible to `check`).
- sync_peers, sync_bundles, sync_conflicts: whom this node has heard from and what they hold, each bundle sent or
  received, and the pairs of changes made on two machines that had not seen each other (the 競合 view).
Append-only once landed: never edit this file once it is on main; add 0018_… instead.
"""

import json
import uuid

from agency_app.storage.audited_tables import (
    AUDIT_COLUMNS, HOME_BRANCH, REGISTRY, audited_columns, created_row_sql, install_audit_triggers,
)
from agency_app.storage.masters import shipped_uid
from agency_app.storage.migrations import SET_SETTING, raise_min_app_version

SCHEMA_VERSION = 17
MIN_APP_VERSION = "0.9.0"  # an older application would write history rows without their version

_APPEND_ONLY = "SELECT RAISE(ABORT, 'audit_log is append-only');"

STATEMENTS = [
    "ALTER TABLE audit_log ADD COLUMN hlc INTEGER",
    "CREATE INDEX audit_log_hlc ON audit_log(hlc)",
    "DROP TRIGGER audit_log_no_update",
    f"""CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        WHEN NOT (
            NEW.id IS OLD.id AND NEW.uid IS OLD.uid AND NEW.branch IS OLD.branch AND NEW.entity IS OLD.entity
            AND NEW.record_uid IS OLD.record_uid AND NEW.field IS OLD.field
            AND NEW.changed_at IS OLD.changed_at AND NEW.changed_by IS OLD.changed_by
            AND (
                (OLD.pc IS NULL AND OLD.digest IS NULL AND OLD.chain IS NULL AND OLD.hlc IS NULL
                 AND NEW.old_value IS OLD.old_value AND NEW.new_value IS OLD.new_value)
                OR
                (EXISTS (SELECT 1 FROM audit_erasures WHERE audit_id = OLD.id)
                 AND NEW.pc IS OLD.pc AND NEW.digest IS OLD.digest AND NEW.chain IS OLD.chain
                 AND NEW.hlc IS OLD.hlc)
            )
        )
        BEGIN {_APPEND_ONLY} END""",
    "CREATE TABLE sync_applying (since TEXT)",
    """CREATE TABLE sync_peers (
        node TEXT PRIMARY KEY,
        branch TEXT NOT NULL,
        holds TEXT NOT NULL DEFAULT '{}',
        last_bundle TEXT,
        last_made_at TEXT,
        last_received_at TEXT,
        last_records INTEGER NOT NULL DEFAULT 0,
        last_changes INTEGER NOT NULL DEFAULT 0,
        bundles INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE sync_bundles (
        bundle TEXT PRIMARY KEY,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        node TEXT NOT NULL,
        branch TEXT NOT NULL,
        made_at TEXT NOT NULL,
        done_at TEXT NOT NULL,
        file_name TEXT NOT NULL,
        changes INTEGER NOT NULL DEFAULT 0,
        new_changes INTEGER NOT NULL DEFAULT 0,
        records INTEGER NOT NULL DEFAULT 0,
        held_back INTEGER NOT NULL DEFAULT 0,
        holds TEXT NOT NULL DEFAULT '{}'
    )""",
    """CREATE TABLE sync_conflicts (
        id INTEGER PRIMARY KEY,
        entity TEXT NOT NULL,
        record_uid TEXT NOT NULL,
        field TEXT NOT NULL,
        kept_change TEXT NOT NULL,
        lost_change TEXT NOT NULL,
        found_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'reversed')),
        resolved_at TEXT,
        resolved_by TEXT,
        UNIQUE (kept_change, lost_change)
    )""",
    "CREATE INDEX sync_conflicts_open ON sync_conflicts(status, found_at)",
]


def migrate(db) -> None:
    """Add the version column, the merge tables, node and agency ids; quiet the audit triggers during a merge."""
    conn = db.conn
    for statement in STATEMENTS:
        conn.execute(statement)
    raise_min_app_version(conn, MIN_APP_VERSION)
    for key in ("node_id", "agency_id"):
        if conn.execute("SELECT 1 FROM settings WHERE key = ?", (key,)).fetchone() is None:
            conn.execute(SET_SETTING, (key, uuid.uuid4().hex))
    install_audit_triggers(conn)
    _continue_the_old_chains(conn)
    _survey_types_by_code(conn)
    _baseline(conn)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _continue_the_old_chains(conn) -> None:
    """Each chain sealed per PC before ends here; its last row is named in the node's chain (history_check.CONTINUES),
    so deleting the rows saved just before the upgrade is still seen."""
    for pc, last_id in conn.execute("SELECT pc, max(id) FROM audit_log WHERE pc IS NOT NULL GROUP BY pc").fetchall():
        chain = conn.execute("SELECT chain FROM audit_log WHERE id = ?", (last_id,)).fetchone()[0]
        conn.execute(
            "INSERT INTO audit_log (branch, entity, record_uid, field, old_value, new_value, changed_at, changed_by) "
            "SELECT (SELECT value FROM settings WHERE key = 'home_branch'), 'audit_log', ?, '*continues', NULL, ?, "
            "strftime('%Y-%m-%d %H:%M', 'now', '+9 hours'), NULL",
            (pc, json.dumps({"pc": pc, "last_id": last_id, "chain": chain})))


def _survey_types_by_code(conn) -> None:
    """A survey type's id made from its code (unique, and what answers name it by): 0013 seeded each file's own random
    ids, so head office's change of a type could never reach a branch. Nothing refers to the id; the key is no
    recorded value, so the change writes no history (its baseline follows, under the new id)."""
    for uid, code in conn.execute("SELECT uid, code FROM survey_types").fetchall():
        conn.execute("UPDATE survey_types SET uid = ? WHERE uid = ?", (shipped_uid("survey_type", code), uid))


def _baseline(conn) -> None:
    """What another office needs to make a record that this file's history alone cannot give: a '*created' row with
    the record's values now, for each record whose history has none with values (made before 0007 wrote them, or
    seeded by a migration) — as a '*baseline' row (domain/merge.py), which the history views leave out, and the team of each voice 0011 set without history (in a '*baseline' row too)."""
    for table, spec in REGISTRY.items():
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone() is None:
            continue
        columns = audited_columns(conn, table)
        baseline = created_row_sql(table, columns, "t").replace("'*created'", "'*baseline'", 1)
        conn.execute(
            f"INSERT INTO audit_log ({AUDIT_COLUMNS}) SELECT {baseline} FROM {table} t "
            f"WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.record_uid = t.{spec.key} AND a.entity = ? "
            "AND a.field = '*created' AND a.new_value IS NOT NULL)", (table,))
    conn.execute(  # as a '*baseline' too: nobody changed the team then, and the history views say nothing of it
        f"INSERT INTO audit_log ({AUDIT_COLUMNS}) SELECT {HOME_BRANCH}, 'voices', v.uid, '*baseline', NULL, "
        "json_object('team', v.team), v.updated_at, v.updated_by FROM voices v WHERE v.team <> '' AND NOT EXISTS "
        "(SELECT 1 FROM audit_log a WHERE a.record_uid = v.uid AND a.entity = 'voices' AND (a.field = 'team' OR "
        "(a.field IN ('*created', '*baseline') AND json_extract(a.new_value, '$.team') IS NOT NULL)))")
