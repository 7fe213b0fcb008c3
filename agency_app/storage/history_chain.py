"""The change history's seal (R11, issue 13): each row's digest chained per PC, sealed at commit, checked by `check`.

Seal of one audit_log row (columns pc, digest, chain; migration 0016):

- pc: the PC that wrote it, a uuid made once per PC and kept in the user's data folder (`pc_id`).
- digest: two halves of 32 hex digits, both the first half of a sha256 of UTF-8 JSON (compact, no ASCII
  escaping, so the encoding is unambiguous: every value keeps its type and its exact characters; a BLOB is {"blob": hex}):
    frame  = sha256(JSON [uid, branch, entity, record_uid, field, changed_at, changed_by, pc])
    values = sha256(JSON [old_value, new_value])
  Two halves so that a recorded erasure (利用停止・消去, point 10), which may only rewrite old/new values,
  is told apart from an edit of who, when or which record: the frame must still match.
- chain: sha256(previous chain of the same pc + this digest), hex; the first row of a pc follows GENESIS(pc).
  Chains are per originating PC, so histories merged from branches keep and verify their own chains.

The application seals only the rows its own write transaction added (Store.write: a mark taken at BEGIN, sealed
just before COMMIT), so a row a SQLite tool inserted earlier stays unsealed and `check` names it. The seal is
tamper-evident, not tamper-proof: there is no secret key (it would sit on the same PC), so someone who knows
this file can recompute a whole chain; deleting the last rows of a chain is seen only through the head this PC
remembers outside the database (storage/history_heads.py, compared by `check`: storage/history_check.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import uuid
from dataclasses import dataclass

from agency_app import paths
from agency_app.private_files import private_folder
from agency_app.storage import hybrid_clock

__all__ = ["ERASED", "Head", "chain_owner", "digest_of", "erasure_row_json", "genesis", "insert_sealed", "link", "mark",
           "pc_id", "seal_since", "values_of"]

ERASED = "*erased"  # audit_log.field of the row recording an erasure (point 10)
ROW_SELECT = "id, uid, branch, entity, record_uid, field, old_value, new_value, changed_at, changed_by"
_PC_FILE = "pc-id"
_BATCH = 20_000
_pc_cache: dict[str, str] = {}


# --- the seal -----------------------------------------------------------------
class _NotUtf8(bytes):
    """A TEXT value that is not UTF-8 (only a SQLite tool writes one), as `verify` reads it instead of failing."""


def text_or_raw(data: bytes):
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _NotUtf8(data)


def _blob(value):
    """A BLOB (any column may hold one, written by a SQLite tool) or a text that is not UTF-8, as JSON no text,
    number or NULL can equal."""
    if isinstance(value, _NotUtf8):
        return {"not-utf-8": value.hex()}
    if isinstance(value, bytes):
        return {"blob": value.hex()}
    raise TypeError(f"not a SQLite value: {type(value).__name__}")


# json.dumps with these options, made once: json.dumps makes a new encoder at every call (two per row sealed or
# checked: a bundle of 100,000 voices is 620,000 rows). The same text, byte for byte.
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_blob).encode


def _half(parts: list) -> str:
    return hashlib.sha256(_ENCODE(parts).encode("utf-8")).hexdigest()[:32]


def frame_of(uid, branch, entity, record_uid, field_, changed_at, changed_by, pc, hlc=None) -> str:
    """The frame half; a row's version (hlc, schema 17 on) is part of it, rows older than versions keep theirs."""
    parts = [uid, branch, entity, record_uid, field_, changed_at, changed_by, pc]
    return _half(parts if hlc is None else parts + [hlc])


def values_of(old_value, new_value) -> str:
    return _half([old_value, new_value])


def digest_of(row: tuple, pc: str, hlc=None) -> str:
    """The digest of an audit row given as (id, uid, branch, entity, record_uid, field, old, new, at, by)."""
    _, uid, branch, entity, record_uid, field_, old, new, at, by = row
    return frame_of(uid, branch, entity, record_uid, field_, at, by, pc, hlc) + values_of(old, new)


def genesis(pc: str) -> str:
    return hashlib.sha256(f"agency-app history genesis {pc}".encode("utf-8")).hexdigest()


def link(previous_chain: str, digest: str) -> str:
    return hashlib.sha256((previous_chain + digest).encode("ascii", "replace")).hexdigest()


def erasure_row_json(reason: str, history_uids, values=None) -> str:
    """The new_value of the '*erased' history row an erasure writes: why, the uids of the rows it rewrote and, in
    the same order, the values half of each one's digest as the erasure left it (`values_of(old, new)`): `check`
    accepts a listed row only with exactly those values, so a listed row cannot be rewritten again afterwards."""
    record = {"reason": reason, "history_rows": list(history_uids)}
    if values is not None:
        record["values"] = list(values)
    return json.dumps(record, ensure_ascii=False)


# --- this PC ------------------------------------------------------------------
def pc_id() -> str:
    """This PC's id: a uuid made once and kept in the user's data folder.

    When that folder cannot be written (or read), a name-based uuid of the machine's network address and the
    user name: stable from one run to the next without any file, so the PC keeps one chain.
    """
    folder = paths.user_data_dir()
    key = str(folder)
    if key in _pc_cache:
        return _pc_cache[key]
    file = folder / _PC_FILE
    try:
        value = file.read_text(encoding="ascii").strip() if file.exists() else ""
        if len(value) != 32 or any(c not in "0123456789abcdef" for c in value):
            value = uuid.uuid4().hex
            private_folder(folder)
            file.write_text(value, encoding="ascii")
    except (OSError, UnicodeError):
        user = os.environ.get("USERNAME") or os.environ.get("USER") or ""
        value = uuid.uuid5(uuid.NAMESPACE_OID, f"agency-app {uuid.getnode():012x} {user}").hex
    _pc_cache[key] = value
    return value


def chain_owner(conn: sqlite3.Connection) -> str:
    """Whose chain this database's new rows join: its node id (schema 17 on), else this PC's id (older files).

    Per database and not per PC: two databases on one PC (a head office and a branch, the demo's three) merged into
    one file would otherwise interleave one chain."""
    try:
        found = conn.execute("SELECT value FROM settings WHERE key = 'node_id'").fetchone()
    except sqlite3.OperationalError:
        found = None  # a new file, before its first migration
    return found[0] if found and found[0] else pc_id()


def _has_versions(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("SELECT hlc FROM audit_log LIMIT 0")
        return True
    except sqlite3.OperationalError:
        return False  # before migration 0017


def version_column(conn: sqlite3.Connection) -> str:
    """What to select as a row's version: the column, or NULL in a file older than versions."""
    return "hlc" if _has_versions(conn) else "NULL"


# --- sealing at commit ----------------------------------------------------------
def mark(conn: sqlite3.Connection) -> int:
    """The newest history row before this transaction writes: only rows after it are sealed at its commit."""
    try:
        return conn.execute("SELECT COALESCE(max(id), 0) FROM audit_log").fetchone()[0]
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return 0  # a new file, before its first migration
        raise


@dataclass(frozen=True)
class Head:
    """The newest sealed row of a pc: what `remember_head` keeps outside the database."""

    pc: str
    last_id: int
    chain: str
    first_id: int = 0  # this pc's first row in this file: tells this file from another one at the same path
    first_chain: str = ""
    origin_id: int = 0  # the file's first history row (any pc): this file even when none of this pc's rows is left
    origin_chain: str = ""


def seal_since(conn: sqlite3.Connection, after_id: int) -> Head | None:
    """Seal every unsealed history row after `after_id` with this PC's chain; inside the writing transaction.

    Returns the new head, or None when there was nothing to seal (or the file is older than the seal columns).
    """
    select = (f"SELECT {ROW_SELECT} FROM audit_log WHERE id > ? AND digest IS NULL AND chain IS NULL AND pc IS NULL "
              f"ORDER BY id LIMIT {_BATCH}")
    try:
        rows = conn.execute(select, (after_id,)).fetchall()
    except sqlite3.OperationalError as error:
        if "no such" in str(error):
            return None  # before migration 0016
        raise
    if not rows:
        return None
    pc = chain_owner(conn)
    versioned = _has_versions(conn)
    version = hybrid_clock.newest(conn) if versioned else 0
    found = conn.execute("SELECT chain FROM audit_log WHERE pc = ? ORDER BY id DESC LIMIT 1", (pc,)).fetchone()
    chain = found[0] if found and found[0] else genesis(pc)
    while rows:  # in batches: an upgrade seals every row there is (1.2M at 1M voices), never all in memory
        seals = []
        for row in rows:
            if versioned:
                version = hybrid_clock.next_version(version)
            digest = digest_of(row, pc, version if versioned else None)
            chain = link(chain, digest)
            seals.append((pc, digest, chain, version, row[0]) if versioned else (pc, digest, chain, row[0]))
        conn.executemany("UPDATE audit_log SET pc = ?, digest = ?, chain = ?, hlc = ? WHERE id = ?" if versioned
                         else "UPDATE audit_log SET pc = ?, digest = ?, chain = ? WHERE id = ?", seals)
        last = rows[-1][0]
        rows = conn.execute(select, (last,)).fetchall() if len(rows) == _BATCH else []
    first = conn.execute("SELECT id, chain FROM audit_log WHERE pc = ? ORDER BY id LIMIT 1", (pc,)).fetchone()
    origin = conn.execute("SELECT id, chain FROM audit_log ORDER BY id LIMIT 1").fetchone()
    return Head(pc, last, chain, first[0], first[1], origin[0], origin[1] or "")


def insert_sealed(conn: sqlite3.Connection, after_id: int, select_sql: str, params=()) -> int:
    """Bulk-insert history rows sealed as they go in (the demo's millions: sealing them afterwards row by row
    took ten times as long). `select_sql` yields uid, branch, entity, record_uid, field, old_value, new_value,
    changed_at, changed_by, each row with its own uid. Rows this transaction wrote before (after `after_id`)
    are sealed first, so the chain follows the ids. Returns the number of rows inserted."""
    seal_since(conn, after_id)
    pc = chain_owner(conn)
    found = conn.execute("SELECT chain FROM audit_log WHERE pc = ? ORDER BY id DESC LIMIT 1", (pc,)).fetchone()
    state = [found[0] if found and found[0] else genesis(pc), hybrid_clock.newest(conn)]

    def next_version() -> int:  # called once per row, in the order the rows get their ids
        state[1] = hybrid_clock.next_version(state[1])
        return state[1]

    def next_link(digest: str) -> str:
        state[0] = link(state[0], digest)
        return state[0]

    conn.create_function("history_version", 0, next_version)
    conn.create_function("history_digest", 10, lambda uid, branch, entity, record_uid, field_, old, new, at, by, hlc:
                         frame_of(uid, branch, entity, record_uid, field_, at, by, pc, hlc) + values_of(old, new),
                         deterministic=True)
    conn.create_function("history_link", 1, next_link)
    columns = "uid, branch, entity, record_uid, field, old_value, new_value, changed_at, changed_by"
    # MATERIALIZED three times: each row's values, version and digest are computed once, in order.
    before = conn.total_changes
    conn.execute(f"""WITH r({columns}) AS MATERIALIZED ({select_sql}),
        v AS MATERIALIZED (SELECT r.*, history_version() AS hlc FROM r),
        s AS MATERIALIZED (SELECT v.*, history_digest({columns}, hlc) AS d FROM v)
        INSERT INTO audit_log ({columns}, pc, digest, chain, hlc)
        SELECT {columns}, '{pc}', d, history_link(d), hlc FROM s""",
                 params)
    return conn.total_changes - before
