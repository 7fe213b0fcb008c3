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
remembers outside the database (`remember_head`, compared by `check`).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from agency_app import paths
from agency_app.domain.periods import now_tokyo
from agency_app.private_files import private_folder
from agency_app.storage import hybrid_clock
from agency_app.storage.audited_tables import HOME_BRANCH

__all__ = ["ERASED", "Problem", "Verdict", "check_lines", "digest_of", "erasure_row_json", "genesis", "insert_sealed", "link",
           "mark", "pc_id", "remember_head", "seal_since", "verify"]

ERASED = "*erased"  # audit_log.field of the row recording an erasure (point 10)
_ROW = "id, uid, branch, entity, record_uid, field, old_value, new_value, changed_at, changed_by"
_PC_FILE = "pc-id"
_HEADS_DIR = "history-heads"
_BATCH = 20_000
_pc_cache: dict[str, str] = {}


# --- the seal -----------------------------------------------------------------
class _NotUtf8(bytes):
    """A TEXT value that is not UTF-8 (only a SQLite tool writes one), as `verify` reads it instead of failing."""


def _text(data: bytes):
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


def _half(parts: list) -> str:
    text = json.dumps(parts, ensure_ascii=False, separators=(",", ":"), default=_blob)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


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


def _version_column(conn: sqlite3.Connection) -> str:
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
    select = (f"SELECT {_ROW} FROM audit_log WHERE id > ? AND digest IS NULL AND chain IS NULL AND pc IS NULL "
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


# --- the head remembered outside the database (truncation) ----------------------------
def _heads_file(db_path: Path) -> Path:
    return paths.user_data_dir() / _HEADS_DIR / f"{paths.database_key(db_path)}.json"


def remember_head(db_path: Path | None, head: Head | None) -> None:
    """After a commit that sealed rows: keep this PC's newest row (id, chain) for this database file.

    Best effort: a folder that cannot be written only means `check` cannot see a cut-off tail on this PC.
    """
    if head is None or db_path is None:
        return
    try:
        file = _heads_file(db_path)
        private_folder(file.parent)
        file.write_text(json.dumps({"database": str(db_path), "pc": head.pc, "last_id": head.last_id,
                                    "chain": head.chain, "first_id": head.first_id,
                                    "first_chain": head.first_chain, "origin_id": head.origin_id,
                                    "origin_chain": head.origin_chain}), encoding="utf-8")
    except OSError:
        pass


def _remembered_head(db_path: Path) -> dict | None:
    try:
        data = json.loads(_heads_file(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: arrays nested too deep
        return None
    if not (isinstance(data, dict) and {"pc", "last_id", "chain"} <= data.keys() and isinstance(data["chain"], str)
            and isinstance(data["pc"], str) and isinstance(data["last_id"], int)
            and not isinstance(data["last_id"], bool) and 0 <= data["last_id"] < 2 ** 63):
        return None  # damaged or edited by hand: no cut-off tail can be seen, nothing else is wrong
    return data


def _cut_off(conn: sqlite3.Connection, head: dict) -> bool:
    """True when the row this PC last sealed in this file is gone or changed: its tail was cut off.

    Only for the same file: a head whose first row (id and chain) is not this file's first row of the pc was
    kept for another database once at the same path (a demo made again, a file replaced by another one), unless
    the file's own first history row is still the one remembered (every row of this pc cut off, or an older copy
    of the file from before this PC first saved in it) or there is no history left at all.
    """
    first_id, first_chain = head.get("first_id"), head.get("first_chain")
    if isinstance(first_id, int) and isinstance(first_chain, str) and first_chain:
        first = conn.execute("SELECT id, chain FROM audit_log WHERE pc = ? ORDER BY id LIMIT 1",
                             (head["pc"],)).fetchone()
        if first is None or tuple(first) != (first_id, first_chain):
            origin_id, origin_chain = head.get("origin_id"), head.get("origin_chain")
            origin = conn.execute("SELECT id, chain FROM audit_log ORDER BY id LIMIT 1").fetchone()
            if origin is not None and not (isinstance(origin_chain, str) and origin_chain
                                           and tuple(origin) == (origin_id, origin_chain)):
                return False  # no history at all is not another database: every file the app makes has some
    found = conn.execute("SELECT chain FROM audit_log WHERE id = ?", (head["last_id"],)).fetchone()
    return found is None or found[0] != head["chain"]


LOST_TAIL = "*lost_tail"  # audit_log.field of the row that records a cut-off tail found at a save


def note_lost_tail(conn: sqlite3.Connection, db_path: Path | None) -> None:
    """Inside a write transaction, before sealing: if the rows this PC last sealed in this file are gone (deleted
    with a SQLite tool, or the file replaced by an older copy of itself), say so in the history itself.

    The head kept outside the file is rewritten at this save's commit; without this row the next `check` could
    no longer see that rows were missing. The row is sealed with this transaction's others, so it stays.
    """
    if db_path is None:
        return
    head = _remembered_head(db_path)
    try:
        if head is None or head["pc"] != chain_owner(conn) or not _cut_off(conn, head):
            return
        newest = conn.execute("SELECT COALESCE(max(id), 0) FROM audit_log WHERE pc = ?", (head["pc"],)).fetchone()[0]
        conn.execute(
            "INSERT INTO audit_log(branch, entity, record_uid, field, old_value, new_value, changed_at, changed_by) "
            f"VALUES ({HOME_BRANCH}, 'audit_log', ?, ?, ?, ?, ?, NULL)",
            (head["pc"], LOST_TAIL, json.dumps({"last_id": head["last_id"], "chain": head["chain"]}),
             json.dumps({"newest_id": newest}), now_tokyo().strftime("%Y-%m-%d %H:%M")))
    except sqlite3.OperationalError as error:
        if "no such" in str(error):
            return  # before migration 0016
        raise


# --- verifying ----------------------------------------------------------------
EDITED, BROKEN, UNSEALED, TAIL, LOST = "edited", "broken", "unsealed", "tail", "lost"


@dataclass(frozen=True)
class Problem:
    kind: str  # EDITED, BROKEN, UNSEALED, TAIL, LOST
    row_id: int
    entity: str = ""
    record_uid: str = ""
    changed_at: str = ""


@dataclass
class Verdict:
    rows: int = 0
    pcs: int = 0
    erased: int = 0  # rows rewritten by a recorded erasure, accepted
    problems: list[Problem] = field(default_factory=list)


def _erasures(conn: sqlite3.Connection) -> dict[int, str]:
    try:
        return dict(conn.execute("SELECT audit_id, erasure_uid FROM audit_erasures"))
    except sqlite3.OperationalError:
        return {}


def _erased_values(conn: sqlite3.Connection) -> dict[str, str | None]:
    """history uid → the values half the latest erasure naming it left in it (None: an erasure that did not record
    them), from every '*erased' row that is sealed and verifies itself. A row two erasures rewrote (a text naming
    two customers) is listed in audit_erasures once, under the first; the second names it in its own row, and
    only its values are accepted (the first one's still hold the second customer's name)."""
    accepted: dict[str, str | None] = {}
    for row in conn.execute(f"SELECT {_ROW}, pc, digest, {_version_column(conn)} FROM audit_log WHERE field = ? ORDER BY id",
                            (ERASED,)).fetchall():
        if not row[10] or digest_of(row[:10], row[10], row[12]) != row[11]:
            continue
        try:  # sealed, so written by the app or by someone who knows the seal: any content, never a crash
            record = json.loads(row[7] or "")
            named = record.get("history_rows") or []
            values = record.get("values")
        except (ValueError, AttributeError, RecursionError):
            continue
        if not isinstance(named, list):
            continue
        if isinstance(values, list) and len(values) == len(named):
            pairs = zip(named, values)
        elif values is None:
            pairs = ((u, None) for u in named)
        else:
            continue
        for uid, value in pairs:
            if isinstance(uid, str):
                accepted[uid] = value
    return accepted


def verify(conn: sqlite3.Connection, db_path: Path | None = None) -> Verdict:
    """Walk every pc's rows in id order, recomputing digests and links; name each edited, unsealed or out-of-chain
    row, and (given the file's path) a tail cut off after the head this PC remembered."""
    factory = conn.text_factory
    conn.text_factory = _text  # a text a tool wrote that is not UTF-8 is an edited row, not a failed read
    try:
        return _verify(conn, db_path)
    finally:
        conn.text_factory = factory


def _verify(conn: sqlite3.Connection, db_path: Path | None) -> Verdict:
    verdict = Verdict()
    erasures = _erasures(conn)
    accepted = _erased_values(conn) if erasures else {}
    chains: dict[str, str] = {}
    counts: dict[str, int] = {}
    ids_of_chain: dict[str, int] = {}
    for row in conn.execute(f"SELECT {_ROW}, pc, digest, chain, {_version_column(conn)} FROM audit_log ORDER BY id"):
        verdict.rows += 1
        base, pc, digest, chain, hlc = row[:10], row[10], row[11], row[12], row[13]
        where = (row[0], row[3] or "", row[4] or "", row[8] or "")
        if not pc or not digest or not chain:
            verdict.problems.append(Problem(UNSEALED, *where))
            continue
        # A seal a SQLite tool made bytes (or not UTF-8): a text no digest or chain can equal, never a failure.
        pc, digest, chain = (v if isinstance(v, str) else repr(v)
                             for v in (pc, digest, chain))
        counts[pc] = counts.get(pc, 0) + 1
        expected = digest_of(base, pc, hlc)
        if expected != digest:
            if (row[0] in erasures and row[1] in accepted and expected[:32] == digest[:32] and row[5] != ERASED
                    and accepted[row[1]] in (None, expected[32:])):
                verdict.erased += 1
            else:
                verdict.problems.append(Problem(EDITED, *where))
        previous = chains.get(pc, genesis(pc))
        if link(previous, digest) != chain:
            verdict.problems.append(Problem(BROKEN, *where))
        chains[pc] = chain  # follow the stored chain: one break is named once
        ids_of_chain[pc] = row[0]
        if row[5] == LOST_TAIL:  # a save found rows this PC had sealed gone: they stay missing
            try:
                lost = json.loads(row[6] or "{}").get("last_id", "?")
            except (ValueError, AttributeError, RecursionError):
                lost = "?"
            verdict.problems.append(Problem(LOST, row[0], str(lost), row[3] or "", row[8] or ""))
    verdict.pcs = len(counts)
    if db_path is not None:
        head = _remembered_head(db_path)
        if head is not None and _cut_off(conn, head):
            verdict.problems.append(Problem(TAIL, int(head["last_id"])))
    return verdict


_LIMIT = 20  # rows named per kind; the rest are counted


def _named(problem: Problem) -> str:
    return f"{problem.entity} {problem.record_uid}、{problem.changed_at} の変更"


_TEXT = {
    EDITED: "変更履歴の行 {id} が書き換えられています（{named}）。",
    BROKEN: "変更履歴の行 {id} の前で、行が削除されたか順番が入れ替えられています（{named}）。",
    UNSEALED: "変更履歴の行 {id} はこのアプリが書いたものではありません（封印がありません。{named}）。",
    TAIL: ("この PC が最後に記録した変更履歴（行 {id}）が見つかりません。末尾の行が削除されたおそれがあります"
           "（古いバックアップで上書きしたときも同じです。次に保存すると、そのことを変更履歴に記録します）。"),
    LOST: ("変更履歴の行 {entity} までが、{changed_at} の保存の前に見つかりませんでした（行 {id} に記録）。"
           "末尾の行が削除されたか、ファイルが古いバックアップで上書きされています。"),
}


def problem_lines(verdict: Verdict) -> list[str]:
    lines = []
    for kind in (EDITED, BROKEN, UNSEALED, TAIL, LOST):
        found = [p for p in verdict.problems if p.kind == kind]
        lines += [_TEXT[kind].format(id=p.row_id, named=_named(p), entity=p.entity, changed_at=p.changed_at)
                  for p in found[:_LIMIT]]
        if len(found) > _LIMIT:
            lines.append(f"ほかにも同じ種類の問題が {len(found) - _LIMIT:,} 行あります。")
    return lines


SEALED_SCHEMA = 16  # migration 0016 added the seal columns


def _sealed_schema(conn: sqlite3.Connection) -> bool:
    """True when the file had the seal: its schema version, or the migration recorded as applied."""
    if conn.execute("PRAGMA user_version").fetchone()[0] >= SEALED_SCHEMA:
        return True
    try:
        return conn.execute("SELECT 1 FROM _sqlite_migrations WHERE name LIKE '0016%'").fetchone() is not None
    except sqlite3.OperationalError:
        return False


def check_lines(conn: sqlite3.Connection, path: Path, report: list[str], problems: list[str]) -> None:
    """`agency-app check`: verify the history's seal and add what it found to the report and the problems."""
    columns = {r[1] for r in conn.execute("PRAGMA table_info(audit_log)")}
    if not columns:  # every schema has it: dropped (DROP TABLE, which no trigger stops)
        problems.append("変更履歴の表がありません。SQLite のツールなどで削除されたおそれがあります。")
        return
    if not {"pc", "digest", "chain"} <= columns:
        if _sealed_schema(conn):  # the seal was there: taken away by a SQLite tool, with it every later edit unseen
            problems.append("変更履歴の封印の列がありません。SQLite のツールなどで削除されたおそれがあります"
                            "（変更履歴の書き換えを確かめられません）。")
        else:
            report.append("変更履歴の封印: まだありません（アプリで開くと更新され、封印されます）")
        return
    verdict = verify(conn, path)
    erased = f"、消去の記録どおり書き換えられた行 {verdict.erased:,}" if verdict.erased else ""
    # One chain per office database (per PC before 0.9.0): merged histories name each office that sealed rows.
    report.append(f"変更履歴の封印: {verdict.rows:,} 行を確認（記録元 {verdict.pcs} か所{erased}）")
    problems.extend(problem_lines(verdict))
