"""The newest sealed row each database's chain had, kept outside the database: how a cut-off history tail is seen.

Deleting the last rows of a chain leaves a chain that verifies; only the head remembered here (per database file, in
the user's data folder) tells. `check` compares it (storage/history_check.py); the next save records a tail found
missing in the history itself (`note_lost_tail`), so it stays named after the head is rewritten.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from agency_app import paths
from agency_app.domain.periods import now_tokyo
from agency_app.private_files import private_folder
from agency_app.storage.audited_tables import HOME_BRANCH
from agency_app.storage import history_chain

__all__ = ["LOST_TAIL", "cut_off", "note_lost_tail", "remember_head", "remembered_head"]

_HEADS_DIR = "history-heads"

def _heads_file(db_path: Path) -> Path:
    return paths.user_data_dir() / _HEADS_DIR / f"{paths.database_key(db_path)}.json"


def remember_head(db_path: Path | None, head: history_chain.Head | None) -> None:
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


def remembered_head(db_path: Path) -> dict | None:
    try:
        data = json.loads(_heads_file(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: arrays nested too deep
        return None
    if not (isinstance(data, dict) and {"pc", "last_id", "chain"} <= data.keys() and isinstance(data["chain"], str)
            and isinstance(data["pc"], str) and isinstance(data["last_id"], int)
            and not isinstance(data["last_id"], bool) and 0 <= data["last_id"] < 2 ** 63):
        return None  # damaged or edited by hand: no cut-off tail can be seen, nothing else is wrong
    return data


def cut_off(conn: sqlite3.Connection, head: dict) -> bool:
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
    head = remembered_head(db_path)
    try:
        # This database's chain, or this PC's from before node ids (0.8): a tail cut off before the upgrade too.
        owners = (history_chain.chain_owner(conn), history_chain.pc_id())
        if head is None or head["pc"] not in owners or not cut_off(conn, head):
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
