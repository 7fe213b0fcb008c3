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

import operator
import sqlite3
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from agency_app.domain import merge as rules
from agency_app.domain.periods import now_tokyo
from agency_app.storage import history_chain
from agency_app.storage.audited_tables import REGISTRY, SYNC_APPLYING, audited_columns
from agency_app.storage.derived_columns import derived_columns
from agency_app.storage.erasure import ERASED_FIELD
from agency_app.sync.travelled_erasures import erase_what_arrived

__all__ = ["ROW_FIELDS", "MergeResult", "merge_rows"]

# The fields of one history row in a bundle, in this order (sync/change_rows.py writes them).
ROW_FIELDS = ("uid", "branch", "entity", "record_uid", "field", "old_value", "new_value", "changed_at", "changed_by",
              "pc", "digest", "chain", "hlc")
_VALUES = operator.itemgetter(*ROW_FIELDS)  # a row's values in ROW_FIELDS order, as _INSERT binds them
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
    tombstoned: dict[str, set[str]] = field(default_factory=dict)  # entity -> records a '*deleted' row came for
    forked: dict[str, str] = field(default_factory=dict)  # node -> branch: its rows contradict the chain held here
    unapplied: list[tuple[str, str]] = field(default_factory=list)  # (table, record uid) a constraint refused
    touched: dict[str, set[str]] = field(default_factory=dict)  # entity -> record uids


class _Chains:
    """The chain this database holds per node, followed as rows are written.

    A row that does not extend it is held back with the rest of its node's rows. Where the bundle says at which place
    of each chain its rows start (`starts`), a row at the very place this database's chain ends that still does not
    link is not a gap but a fork: another history under the same node id (a copy of a database file used on two
    PCs) — it will never link, and the user is told."""

    def __init__(self, conn: sqlite3.Connection, starts: dict | None, own_node: str = ""):
        self.conn = conn
        self.own_node = own_node
        self.starts = starts if isinstance(starts, dict) else {}
        self.heads: dict[str, str] = {}
        self.held: dict[str, int] = {}  # node -> rows of its chain this database holds (so far)
        self.met: dict[str, int] = {}  # node -> rows of it met in this bundle
        self.blocked: set[str] = set()
        self.forked: dict[str, str] = {}  # node -> its branch

    def meet(self, row: dict) -> None:
        self.met[row["pc"]] = self.met.get(row["pc"], 0) + 1

    def extends(self, row: dict) -> bool:
        node = row["pc"]
        if node in self.blocked:
            return False
        if node == self.own_node:  # a row of this database's own chain that it does not hold: never from elsewhere
            self.blocked.add(node)
            self.forked[node] = str(row["branch"] or "")
            return False
        if node not in self.heads:
            found = self.conn.execute("SELECT chain FROM audit_log WHERE pc = ? ORDER BY id DESC LIMIT 1",
                                      (node,)).fetchone()
            self.heads[node] = found[0] if found else history_chain.genesis(node)
            self.held[node] = self.conn.execute("SELECT count(*) FROM audit_log WHERE pc = ?", (node,)).fetchone()[0]
        base = (0, row["uid"], row["branch"], row["entity"], row["record_uid"], row["field"], row["old_value"],
                row["new_value"], row["changed_at"], row["changed_by"])
        digest = history_chain.digest_of(base, node, row["hlc"])
        if row.get("erased_by"):  # values rewritten by a recorded erasure: the frame half must still match
            digest = digest[:32] + str(row["digest"] or "")[32:]
        if digest != row["digest"] or history_chain.link(self.heads[node], digest) != row["chain"]:
            self.blocked.add(node)
            start = self.starts.get(node)
            if isinstance(start, int) and start + self.met[node] == self.held[node] + 1:
                self.forked[node] = str(row["branch"] or "")
            return False
        self.heads[node] = row["chain"]
        self.held[node] += 1
        return True


def merge_rows(conn: sqlite3.Connection, rows: Iterable[dict], *, starts: dict | None = None, own_node: str = "",
               cancelled: Callable[[], bool] | None = None) -> MergeResult:
    """Write `rows` (dicts of ROW_FIELDS, each node's rows in chain order, starting after `starts[node]` rows of its
    chain when the bundle says so) and merge the records they touch.

    In batches of _BATCH (speed, issue 14: a branch's 100,000 new voices are 620,000 rows): one query finds which
    rows of a batch are here already and one executemany writes the rest; the records are then read _BATCH at a
    time (their changes in one query, their rows in another) instead of two queries and two PRAGMAs per record.
    Records a tombstone arrived for are deleted first: a pair row deleted and made again (an attendee unticked and
    ticked) would otherwise meet its own unique rule."""
    result = MergeResult()
    chains = _Chains(conn, starts, own_node)
    conn.execute(f"INSERT INTO {SYNC_APPLYING} (since) VALUES (?)", (now_tokyo().isoformat(sep=" "),))
    batch: list[dict] = []
    for row in rows:
        result.changes += 1
        if cancelled is not None and result.changes % 2000 == 0 and cancelled():
            raise MergeCancelled()
        batch.append(row)
        if len(batch) == _BATCH:
            _write_rows(conn, batch, chains, result)
            batch = []
    _write_rows(conn, batch, chains, result)
    for entity, records in result.tombstoned.items():
        key = REGISTRY[entity].key
        for record_uid in records:
            result.records += conn.execute(f"DELETE FROM {entity} WHERE {key} = ?", (record_uid,)).rowcount
    for entity, records in result.touched.items():
        uids = sorted(records)
        for start in range(0, len(uids), _BATCH):
            if cancelled is not None and cancelled():
                raise MergeCancelled()
            changed, pairs = _merge_records(conn, entity, uids[start:start + _BATCH], result)
            result.records += changed
            result.conflicts += pairs
    result.forked = dict(chains.forked)
    conn.execute(f"DELETE FROM {SYNC_APPLYING}")
    # After the triggers are on again: an erasure repeated here is this office's own recorded change.
    touched = {uid for uids in result.touched.values() for uid in uids}
    if result.erasures or touched:
        result.erased_here = erase_what_arrived(conn, result.erasures, touched)
    return result


# What a shipped category or an insurer is, whatever its id: files made before 0.9 gave them random ids, so each
# office has its own record of each; another office's is not added again beside it.
_NATURAL_KEYS = {"categories": ("preset", "group_name", "item_name"), "insurers": ("name",), "survey_types": ("code",)}
_BATCH = 500  # rows, or records, per query: well under SQLite's limit of bound values (999 before 3.32)
_LARGEST_VERSION = 2 ** 62  # a version past this is no clock's (and would overflow the next one: 2**63 - 1)


def _checked(row: dict) -> dict:
    """Refuse (ValueError: the bundle is refused whole) a row whose fields are not what this application writes."""
    version = row["hlc"]
    if version is not None and (type(version) is not int or not 0 < version < _LARGEST_VERSION):
        raise ValueError("a version out of range")
    for name in ROW_FIELDS:
        value = row[name]
        if value is not None and not isinstance(value, (str, int)) or isinstance(value, bool):
            raise ValueError(f"{name}: not a value of a history row")
    if not isinstance(row["pc"], str) or not isinstance(row["uid"], str):
        raise ValueError("a row without its node or uid")
    return row


def _write_rows(conn: sqlite3.Connection, batch: list[dict], chains: _Chains, result: MergeResult) -> None:
    """Write the rows of `batch` not here yet that extend their node's chain, in order; count the others."""
    if not batch:
        return
    uids = [_checked(row)["uid"] for row in batch]
    here = {uid for (uid,) in conn.execute(
        f"SELECT uid FROM audit_log WHERE uid IN ({', '.join('?' * len(uids))})", uids)}
    new, erased = [], []
    for row in batch:
        chains.meet(row)
        if row["uid"] in here:
            result.known += 1
            continue
        if not chains.extends(row):
            result.held_back += 1
            result.held_back_nodes.add(row["pc"])
            continue
        here.add(row["uid"])  # the same row twice in one bundle: the second is known, as when written one by one
        new.append(_VALUES(row))
        if row.get("erased_by"):
            erased.append((row["erased_by"], row["uid"]))
        if row["field"] == ERASED_FIELD and row["entity"] == "customers":
            result.erasures.add(row["record_uid"])
        result.new_changes += 1
        result.newest_version = max(result.newest_version, row["hlc"] or 0)
        if row["entity"] in REGISTRY:
            result.touched.setdefault(row["entity"], set()).add(row["record_uid"])
            if row["field"] == rules.DELETED:
                result.tombstoned.setdefault(row["entity"], set()).add(row["record_uid"])
    conn.executemany(_INSERT, new)
    # Rows a recorded erasure rewrote at their office: listed here too, so `check` accepts their values.
    conn.executemany("INSERT INTO audit_erasures (audit_id, erasure_uid) SELECT id, ? FROM audit_log WHERE uid = ?",
                     erased)


class MergeCancelled(Exception):
    """中止 was pressed: the transaction is rolled back."""


_CHANGE_SQL = ("SELECT uid, entity, record_uid, field, old_value, new_value, changed_at, changed_by, branch, pc, hlc, id, "
               "EXISTS (SELECT 1 FROM audit_erasures WHERE audit_id = audit_log.id) "
               "FROM audit_log WHERE record_uid = ? AND entity = ? AND pc IS NOT NULL")


# Change's fields in order: uid, entity, record_uid, field, old, new, changed_at, changed_by, branch, node, version, seq.
_CHANGE_SQL_BATCH = ("SELECT uid, entity, record_uid, field, old_value, new_value, changed_at, changed_by, branch, pc, "
                     "hlc, id, EXISTS (SELECT 1 FROM audit_erasures WHERE audit_id = audit_log.id) "
                     "FROM audit_log WHERE entity = ? AND pc IS NOT NULL AND record_uid IN")


def changes_of(conn: sqlite3.Connection, entity: str, record_uid: str) -> list[rules.Change]:
    """Every sealed change of one record, as the merge rules take them."""
    return [rules.Change(uid=r[0], entity=r[1], record_uid=r[2], field=r[3], old=r[4], new=r[5], changed_at=r[6],
                         changed_by=r[7], branch=r[8], node=r[9], version=r[10], seq=r[11], erased=bool(r[12]))
            for r in conn.execute(_CHANGE_SQL, (record_uid, entity))]


def _merge_records(conn: sqlite3.Connection, table: str, uids: list[str], result: MergeResult) -> tuple[int, int]:
    """Make a batch of records what their changes say; returns (records whose row changed, new conflict pairs)."""
    spec = REGISTRY[table]
    columns = audited_columns(conn, table)
    have = {r[1]: bool(r[3]) for r in conn.execute(f"PRAGMA table_info({table})")}  # column -> NOT NULL
    marks = ", ".join("?" * len(uids))
    changes: dict[str, list[rules.Change]] = {uid: [] for uid in uids}
    for r in conn.execute(f"{_CHANGE_SQL_BATCH} ({marks})", (table, *uids)):
        changes.setdefault(r[2], []).append(rules.Change(*r[:12], erased=bool(r[12])))  # in Change's field order
    cursor = conn.execute(f"SELECT * FROM {table} WHERE {spec.key} IN ({marks})", uids)
    names = [d[0] for d in cursor.description]
    key = names.index(spec.key)
    rows = {str(found[key]): dict(zip(names, found)) for found in cursor}
    changed = pairs = 0
    for record_uid in uids:
        record_changes = changes.get(record_uid, [])
        one_node = len({c.node for c in record_changes}) <= 1
        state = rules.record_state(record_changes, columns)  # each '*created' value object parsed once
        if not one_node:  # changes of one node never make a concurrent pair (rules.concurrent_pairs skips them)
            pairs += _note_conflicts(conn, table, record_uid, rules.concurrent_pairs(record_changes, columns))
        try:
            changed += _write_record(conn, table, record_uid, state, rows.get(record_uid), have)
        except sqlite3.IntegrityError:
            # A rule of this file refuses the merged record (another record already has its unique name, say an
            # insurer both offices added under different ids): only that statement is undone; its history stays.
            result.unapplied.append((table, record_uid))
    return changed, pairs


def _write_record(conn: sqlite3.Connection, table: str, record_uid: str, state: rules.RecordState,
                  current: dict | None, have: dict[str, bool]) -> int:
    """Make the row of one record what `state` says (`current`: its row now, or None); 1 if the row changed."""
    spec = REGISTRY[table]
    if state.deleted is not None:
        if current is None:
            return 0
        conn.execute(f"DELETE FROM {table} WHERE {spec.key} = ?", (record_uid,))
        return 1
    if current is None and state.created is None:
        return 0  # its '*created' row has not come yet (a later bundle brings it); the history keeps the rest
    values = dict(current or {})
    values.update(state.values)
    values.update({k: v for k, v in derived_columns(table, values).items() if k in have})
    last = state.last or state.created
    if current is None:
        natural = _NATURAL_KEYS.get(table)
        if natural and all(state.values.get(c) is not None for c in natural) and conn.execute(
                f"SELECT 1 FROM {table} WHERE {' AND '.join(f'{c} = ?' for c in natural)}",
                [state.values[c] for c in natural]).fetchone():
            return 0  # the same shipped category or insurer under another id (a file older than shipped ids)
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
        # A column the '*created' row leaves out held nothing (NULL) — or did not exist yet when it was written:
        # then the table's default, which a NOT NULL column added later has (voices.team '').
        values.update({c: None for c in REGISTRY[table].audited if c in have and c not in values and not have[c]})
        present = [c for c in values if c in have]
        conn.execute(f"INSERT INTO {table} ({', '.join(present)}) VALUES ({', '.join('?' * len(present))})",
                     [values[c] for c in present])
        return 1
    # The stamps are compared too: changes that leave every value as it was (an edit and its undo, or the value this
    # office already wrote) still make the latest change the record's 更新日時 / 更新者, as at the office that made it.
    values.update({k: v for k, v in (("updated_at", last.changed_at), ("updated_by", last.changed_by)) if k in have})
    changed = [c for c in values if c in have and c not in ("rowid", "version")
               and rules.as_text(values[c]) != rules.as_text(current.get(c))]
    if not changed:
        return 0
    bump = ", version = version + 1" if "version" in have else ""
    conn.execute(f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in changed)}{bump} WHERE {spec.key} = ?",
                 [values[c] for c in changed] + [record_uid])
    return 1


def _note_conflicts(conn: sqlite3.Connection, table: str, record_uid: str, pairs) -> int:
    """List the record's concurrent pairs; an open pair a change that came later shows not to be one is taken off,
    so the list is the same whatever order the bundles came in."""
    found = now_tokyo().isoformat(sep=" ")
    current = [(kept.uid, lost.uid) for _column, kept, lost in pairs]
    stale = [(cid,) for cid, kept, lost in conn.execute(
        "SELECT id, kept_change, lost_change FROM sync_conflicts WHERE entity = ? AND record_uid = ? AND status = 'open'",
        (table, record_uid)) if (kept, lost) not in current]
    conn.executemany("DELETE FROM sync_conflicts WHERE id = ?", stale)
    before = conn.total_changes
    for column, kept, lost in pairs:
        conn.execute("INSERT OR IGNORE INTO sync_conflicts (entity, record_uid, field, kept_change, lost_change, "
                     "found_at) VALUES (?, ?, ?, ?, ?, ?)", (table, record_uid, column, kept.uid, lost.uid, found))
    return conn.total_changes - before
