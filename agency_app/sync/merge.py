"""Merge history rows from other offices into this database: the rows as they came, then each record they touch.

Called inside one write transaction (sync/bundle_import.py): a failure anywhere leaves the database as it was.
- A row already here (its uid) is skipped: the same bundle twice, or rows that came round by another office.
- Rows are taken per node in that node's chain order; a row must extend the chain this database holds for its node
  (digest and link recomputed). A row that does not — an earlier bundle of that node is missing here — is held back
  with every later row of that node in this bundle; the sender's next bundle brings them again with the gap.
- The rows are written sealed as their node sealed them, with the audit triggers quiet (sync_applying), so the
  history holds each change once, with its own office's seal, and `agency-app check` verifies every node's chain.
- Each record a row touched is then made again from all its changes (domain/merge.py): created, updated field by
  field, or deleted by its tombstone; derived search columns follow. Rows about anything else (settings, the history
  itself) are history only: settings belong to each installation.
- Pairs of concurrent changes of one field are listed in sync_conflicts (the 競合 view).
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from agency_app.domain import merge as rules
from agency_app.domain.cases import case_search_text
from agency_app.domain.customer import normalise_phone, search_key
from agency_app.domain.improvements import improvement_search_text
from agency_app.domain.kana_order import kana_order_key
from agency_app.domain.periods import now_tokyo
from agency_app.storage import history_chain
from agency_app.storage.audited_tables import REGISTRY, SYNC_APPLYING, audited_columns, table_columns
from agency_app.storage.erasure import ERASED_FIELD
from agency_app.sync.travelled_erasures import erase_what_arrived

__all__ = ["ROW_FIELDS", "MergeResult", "merge_rows"]

# The fields of one history row in a bundle, in this order (sync/change_rows.py writes them).
ROW_FIELDS = ("uid", "branch", "entity", "record_uid", "field", "old_value", "new_value", "changed_at", "changed_by",
              "pc", "digest", "chain", "hlc")
_INSERT = f"INSERT INTO audit_log ({', '.join(ROW_FIELDS)}) VALUES ({', '.join('?' * len(ROW_FIELDS))})"


@dataclass
class MergeResult:
    changes: int = 0  # rows the bundle carried
    new_changes: int = 0  # rows written here
    known: int = 0  # rows already here
    held_back: int = 0  # rows waiting for an earlier bundle of their node
    records: int = 0  # records created, changed or deleted here
    conflicts: int = 0  # new concurrent pairs listed
    newest_version: int = 0  # the latest version the rows carried (clock check)
    held_back_nodes: set[str] = field(default_factory=set)
    erasures: set[str] = field(default_factory=set)  # customers whose erasure arrived
    erased_here: int = 0  # erasures this office repeated on what it held
    touched: dict[str, set[str]] = field(default_factory=dict)  # entity -> record uids


def derived_columns(table: str, values: dict) -> dict:
    """The search columns a table keeps beside the recorded ones, made from the merged values as a save makes them."""
    if table == "customers":
        name, kana, phone = values.get("name") or "", values.get("kana") or "", values.get("phone") or ""
        normalised = normalise_phone(phone) if phone else None
        digits = normalised[1] if normalised else "".join(c for c in phone if c.isdigit())
        return {"phone_digits": digits, "search_key": search_key(name, kana), "kana_key": kana_order_key(kana, name)}
    if table == "cases":
        return {"search_text": case_search_text(values.get("title") or "", values.get("body") or "")}
    if table == "improvements":
        return {"search_text": improvement_search_text(values.get("title") or "", values.get("cause") or "",
                                                       values.get("action") or "")}
    return {}


class _Chains:
    """The chain this database holds per node, followed as rows are written."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.heads: dict[str, str] = {}
        self.blocked: set[str] = set()

    def extends(self, row: dict) -> bool:
        node = row["pc"]
        if node in self.blocked:
            return False
        if node not in self.heads:
            found = self.conn.execute("SELECT chain FROM audit_log WHERE pc = ? ORDER BY id DESC LIMIT 1",
                                      (node,)).fetchone()
            self.heads[node] = found[0] if found else history_chain.genesis(node)
        base = (0, row["uid"], row["branch"], row["entity"], row["record_uid"], row["field"], row["old_value"],
                row["new_value"], row["changed_at"], row["changed_by"])
        digest = history_chain.digest_of(base, node, row["hlc"])
        if row.get("erased_by"):  # values rewritten by a recorded erasure: the frame half must still match
            digest = digest[:32] + str(row["digest"] or "")[32:]
        if digest != row["digest"] or history_chain.link(self.heads[node], digest) != row["chain"]:
            self.blocked.add(node)
            return False
        self.heads[node] = row["chain"]
        return True


def merge_rows(conn: sqlite3.Connection, rows: Iterable[dict], *,
               cancelled: Callable[[], bool] | None = None) -> MergeResult:
    """Write `rows` (dicts of ROW_FIELDS, each node's rows in chain order) and merge the records they touch."""
    result = MergeResult()
    chains = _Chains(conn)
    conn.execute(f"INSERT INTO {SYNC_APPLYING} (since) VALUES (?)", (now_tokyo().isoformat(sep=" "),))
    exists = conn.cursor()
    for row in rows:
        result.changes += 1
        if cancelled is not None and result.changes % 2000 == 0 and cancelled():
            raise MergeCancelled()
        if exists.execute("SELECT 1 FROM audit_log WHERE uid = ?", (row["uid"],)).fetchone():
            result.known += 1
            continue
        if not chains.extends(row):
            result.held_back += 1
            result.held_back_nodes.add(row["pc"])
            continue
        cursor = conn.execute(_INSERT, tuple(row[name] for name in ROW_FIELDS))
        if row.get("erased_by"):
            conn.execute("INSERT INTO audit_erasures (audit_id, erasure_uid) VALUES (?, ?)",
                         (cursor.lastrowid, row["erased_by"]))
        if row["field"] == ERASED_FIELD and row["entity"] == "customers":
            result.erasures.add(row["record_uid"])
        result.new_changes += 1
        result.newest_version = max(result.newest_version, row["hlc"] or 0)
        if row["entity"] in REGISTRY:
            result.touched.setdefault(row["entity"], set()).add(row["record_uid"])
    for entity, records in result.touched.items():
        for record_uid in records:
            if cancelled is not None and cancelled():
                raise MergeCancelled()
            changed, pairs = _merge_record(conn, entity, record_uid)
            result.records += changed
            result.conflicts += pairs
    conn.execute(f"DELETE FROM {SYNC_APPLYING}")
    # After the triggers are on again: an erasure repeated here is this office's own recorded change.
    touched = {uid for uids in result.touched.values() for uid in uids}
    if result.erasures or touched:
        result.erased_here = erase_what_arrived(conn, result.erasures, touched)
    return result


class MergeCancelled(Exception):
    """中止 was pressed: the transaction is rolled back."""


_CHANGE_SQL = ("SELECT uid, entity, record_uid, field, old_value, new_value, changed_at, changed_by, branch, pc, hlc, id, "
               "EXISTS (SELECT 1 FROM audit_erasures WHERE audit_id = audit_log.id) "
               "FROM audit_log WHERE record_uid = ? AND entity = ? AND pc IS NOT NULL")


def changes_of(conn: sqlite3.Connection, entity: str, record_uid: str) -> list[rules.Change]:
    """Every sealed change of one record, as the merge rules take them."""
    return [rules.Change(uid=r[0], entity=r[1], record_uid=r[2], field=r[3], old=r[4], new=r[5], changed_at=r[6],
                         changed_by=r[7], branch=r[8], node=r[9], version=r[10], seq=r[11], erased=bool(r[12]))
            for r in conn.execute(_CHANGE_SQL, (record_uid, entity))]


def _merge_record(conn: sqlite3.Connection, table: str, record_uid: str) -> tuple[int, int]:
    """Make one record what its changes say; returns (1 if the row changed else 0, new conflict pairs)."""
    spec = REGISTRY[table]
    columns = audited_columns(conn, table)
    changes = changes_of(conn, table, record_uid)
    state = rules.record_state(changes, columns)
    pairs = _note_conflicts(conn, table, record_uid, rules.concurrent_pairs(changes, columns))
    cursor = conn.execute(f"SELECT * FROM {table} WHERE {spec.key} = ?", (record_uid,))
    names = [d[0] for d in cursor.description]
    found = cursor.fetchone()
    current = dict(zip(names, found)) if found else None
    if state.deleted is not None:
        if current is None:
            return 0, pairs
        conn.execute(f"DELETE FROM {table} WHERE {spec.key} = ?", (record_uid,))
        return 1, pairs
    if current is None and state.created is None:
        return 0, pairs  # its '*created' row has not come yet (a later bundle brings it); the history keeps the rest
    have = set(table_columns(conn, table))
    values = dict(current or {})
    values.update(state.values)
    values.update({k: v for k, v in derived_columns(table, values).items() if k in have})
    last = state.last or state.created
    if current is None:
        created = state.created
        stamps = {"origin_branch": created.branch or "", "created_at": created.changed_at,
                  "created_by": created.changed_by, "updated_at": last.changed_at, "updated_by": last.changed_by,
                  "version": 1}
        values.update({k: v for k, v in stamps.items() if k in have})
        values[spec.key] = record_uid
        if "uid" in have and spec.key != "uid":  # a record known by its code keeps no uid in the history: the same everywhere
            values["uid"] = uuid.uuid5(uuid.NAMESPACE_URL, f"agency-app:{table}:{record_uid}").hex
        if "rowid" in values:
            values.pop("rowid")
        present = [c for c in values if c in have]
        conn.execute(f"INSERT INTO {table} ({', '.join(present)}) VALUES ({', '.join('?' * len(present))})",
                     [values[c] for c in present])
        return 1, pairs
    # The stamps are compared too: changes that leave every value as it was (an edit and its undo, or the value this
    # office already wrote) still make the latest change the record's 更新日時 / 更新者, as at the office that made it.
    values.update({k: v for k, v in (("updated_at", last.changed_at), ("updated_by", last.changed_by)) if k in have})
    changed = [c for c in values if c in have and c not in ("rowid", "version")
               and rules.as_text(values[c]) != rules.as_text(current.get(c))]
    if not changed:
        return 0, pairs
    bump = ", version = version + 1" if "version" in have else ""
    conn.execute(f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in changed)}{bump} WHERE {spec.key} = ?",
                 [values[c] for c in changed] + [record_uid])
    return 1, pairs


def _note_conflicts(conn: sqlite3.Connection, table: str, record_uid: str, pairs) -> int:
    found = now_tokyo().isoformat(sep=" ")
    before = conn.total_changes
    for column, kept, lost in pairs:
        conn.execute("INSERT OR IGNORE INTO sync_conflicts (entity, record_uid, field, kept_change, lost_change, "
                     "found_at) VALUES (?, ?, ?, ?, ?, ?)", (table, record_uid, column, kept.uid, lost.uid, found))
    return conn.total_changes - before
