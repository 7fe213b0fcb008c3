"""The change history's seal: REPLACE cannot push a row out; check names every edited, deleted, reordered or foreign row."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from agency_app.storage import history_chain, history_heads
from agency_app.storage.database import open_store
from agency_app.storage.history_check import BROKEN, EDITED, LOST, TAIL, UNSEALED, verify
from agency_app.storage.masters import MasterData, initialise


@pytest.fixture
def db(tmp_path):
    """A database file with a few dozen sealed history rows (staff made and edited, settings changed)."""
    path = tmp_path / "agency.db"
    store = open_store(path)
    initialise(store)
    masters = MasterData(store)
    for n in range(6):
        masters.save_staff(name=f"担当 {n}", kana=f"たんとう {n}", team="損保", branch_code="HQ")
    store.set_setting("colour", "blue")
    store.set_setting("colour", "green")
    store.close()
    return path


def _tool(path) -> sqlite3.Connection:
    """A SQLite tool's connection: no recursive_triggers, autocommit, none of the app's functions."""
    return sqlite3.connect(path, isolation_level=None)


def _drop_triggers(conn) -> None:
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")\
            .fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')


def _kinds(path) -> list[tuple[str, int]]:
    conn = sqlite3.connect(path)
    try:
        return [(p.kind, p.row_id) for p in verify(conn, path).problems]
    finally:
        conn.close()


def _ids(conn) -> list[int]:
    return [r[0] for r in conn.execute("SELECT id FROM audit_log ORDER BY id")]


def test_every_row_the_app_writes_is_sealed_and_verifies(db):
    conn = sqlite3.connect(db)
    unsealed = conn.execute("SELECT count(*) FROM audit_log WHERE digest IS NULL OR chain IS NULL OR pc IS NULL")
    assert unsealed.fetchone()[0] == 0
    verdict = verify(conn, db)
    assert verdict.rows > 10 and verdict.pcs == 1 and verdict.problems == []


def test_insert_or_replace_from_a_sqlite_tool_cannot_push_a_row_out(db):
    conn = _tool(db)
    row_id, uid = conn.execute("SELECT id, uid FROM audit_log ORDER BY id LIMIT 1").fetchone()
    assert conn.execute("PRAGMA recursive_triggers").fetchone()[0] == 0
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("INSERT OR REPLACE INTO audit_log (id, entity, record_uid, field, changed_at) "
                     "VALUES (?, 'voices', 'x', 'summary', '2025-01-01 10:00')", (row_id,))
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("INSERT OR REPLACE INTO audit_log (uid, entity, record_uid, field, changed_at) "
                     "VALUES (?, 'voices', 'x', 'summary', '2025-01-01 10:00')", (uid,))
    assert conn.execute("SELECT uid FROM audit_log WHERE id = ?", (row_id,)).fetchone()[0] == uid


def test_a_seal_cannot_be_changed_while_the_triggers_stand(db):
    conn = _tool(db)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit_log SET chain = 'x' WHERE id = (SELECT min(id) FROM audit_log)")


def test_an_edited_value_is_named_even_without_the_triggers(db):
    conn = _tool(db)
    _drop_triggers(conn)
    target = _ids(conn)[5]
    conn.execute("UPDATE audit_log SET new_value = '書き換え' WHERE id = ?", (target,))
    assert _kinds(db) == [(EDITED, target)]


def test_an_edited_date_is_named(db):
    conn = _tool(db)
    _drop_triggers(conn)
    target = _ids(conn)[3]
    conn.execute("UPDATE audit_log SET changed_at = '2020-01-01 09:00' WHERE id = ?", (target,))
    assert _kinds(db) == [(EDITED, target)]


def test_a_deleted_middle_row_breaks_the_link_of_the_next(db):
    conn = _tool(db)
    _drop_triggers(conn)
    ids = _ids(conn)
    conn.execute("DELETE FROM audit_log WHERE id = ?", (ids[4],))
    assert _kinds(db) == [(BROKEN, ids[5])]


def test_two_rows_swapping_their_values_are_both_named(db):
    conn = _tool(db)
    _drop_triggers(conn)
    a, b = _ids(conn)[2], _ids(conn)[7]
    value_a, value_b = (conn.execute("SELECT new_value FROM audit_log WHERE id = ?", (i,)).fetchone()[0] for i in (a, b))
    assert value_a != value_b
    conn.execute("UPDATE audit_log SET new_value = ? WHERE id = ?", (value_b, a))
    conn.execute("UPDATE audit_log SET new_value = ? WHERE id = ?", (value_a, b))
    assert _kinds(db) == [(EDITED, a), (EDITED, b)]


def test_two_rows_swapped_whole_seal_and_all_break_the_chain(db):
    conn = _tool(db)
    _drop_triggers(conn)
    a, b = _ids(conn)[2], _ids(conn)[3]
    conn.execute("UPDATE audit_log SET id = -1 WHERE id = ?", (a,))
    conn.execute("UPDATE audit_log SET id = ? WHERE id = ?", (a, b))
    conn.execute("UPDATE audit_log SET id = ? WHERE id = -1", (b,))
    kinds = _kinds(db)
    assert kinds and all(kind == BROKEN for kind, _ in kinds) and kinds[0][1] == a


def test_a_row_a_tool_inserted_is_named_and_the_next_save_does_not_seal_it(db):
    conn = _tool(db)
    conn.execute("INSERT INTO audit_log (entity, record_uid, field, old_value, new_value, changed_at) "
                 "VALUES ('voices', 'v1', 'status', 'new', 'done', '2025-11-01 10:00')")
    foreign = _ids(conn)[-1]
    conn.close()
    store = open_store(db)
    store.set_setting("colour", "red")  # a save after the foreign insert
    store.close()
    assert _kinds(db) == [(UNSEALED, foreign)]


def test_the_last_rows_cut_off_are_seen_through_the_head_this_pc_remembers(db):
    conn = _tool(db)
    _drop_triggers(conn)
    last = _ids(conn)[-1]
    conn.execute("DELETE FROM audit_log WHERE id >= ?", (last - 1,))
    assert _kinds(db) == [(TAIL, last)]


def test_a_cut_off_tail_stays_reported_after_the_next_save(db):
    """The head this PC remembers is rewritten at every save: the save that finds the tail gone writes that into
    the history itself (sealed), so `check` keeps naming it; later saves add no second record."""
    conn = _tool(db)
    _drop_triggers(conn)
    last = _ids(conn)[-1]
    conn.execute("DELETE FROM audit_log WHERE id >= ?", (last - 1,))
    conn.close()
    store = open_store(db)
    store.set_setting("colour", "red")
    store.set_setting("colour", "blue")
    store.close()
    kinds = _kinds(db)
    assert [kind for kind, _ in kinds] == [LOST]
    recorded = _tool(db).execute("SELECT old_value FROM audit_log WHERE id = ?", (kinds[0][1],)).fetchone()[0]
    assert json.loads(recorded)["last_id"] == last


def test_a_sound_file_saved_again_and_again_records_no_lost_tail(db):
    store = open_store(db)
    for colour in ("red", "blue", "green"):
        store.set_setting("colour", colour)
    store.close()
    assert _kinds(db) == []


def test_another_database_made_at_the_same_path_is_not_a_cut_off_tail(db, tmp_path):
    """A demo made again at the same path (or a file replaced by another database): the head remembered for the
    path belongs to the old file; its first row is not this file's, so nothing is reported or recorded."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    store = open_store(db)
    initialise(store)
    store.set_setting("colour", "red")
    store.close()
    assert _kinds(db) == []


def test_a_recorded_erasure_is_accepted_and_an_erasure_changing_more_is_not(db):
    conn = _tool(db)
    rewritten = conn.execute("SELECT id, uid FROM audit_log WHERE entity = 'staff' AND field = '*created' "
                             "ORDER BY id LIMIT 2").fetchall()
    conn.close()
    store = open_store(db)
    with store.write():
        store.conn.execute(
            "INSERT INTO audit_log (uid, entity, record_uid, field, new_value, changed_at, changed_by) "
            "VALUES ('erasure-1', 'customers', 'c1', ?, ?, '2025-11-20 10:00', 'manager')",
            (history_chain.ERASED, history_chain.erasure_row_json("本人の申し出", [u for _, u in rewritten])))
        for row_id, _ in rewritten:
            store.conn.execute("INSERT INTO audit_erasures (audit_id, erasure_uid) VALUES (?, 'erasure-1')",
                               (row_id,))
            store.conn.execute("UPDATE audit_log SET new_value = '削除済み' WHERE id = ?", (row_id,))
    store.close()
    conn = sqlite3.connect(db)
    verdict = verify(conn, db)
    assert verdict.problems == [] and verdict.erased == 2
    # The same erasure may not move a row to another day.
    conn = _tool(db)
    _drop_triggers(conn)
    conn.execute("UPDATE audit_log SET changed_at = '2020-01-01 00:00' WHERE id = ?", (rewritten[0][0],))
    assert _kinds(db) == [(EDITED, rewritten[0][0])]


def test_an_erasure_row_that_does_not_verify_accepts_nothing(db):
    conn = _tool(db)
    _drop_triggers(conn)
    row_id, uid = conn.execute("SELECT id, uid FROM audit_log ORDER BY id LIMIT 1").fetchone()
    # A forged erasure: unsealed, written by a tool.
    conn.execute("INSERT INTO audit_log (uid, entity, record_uid, field, new_value, changed_at) VALUES "
                 "('forged', 'customers', 'c1', '*erased', ?, '2025-11-20 10:00')",
                 (json.dumps({"reason": "x", "history_rows": [uid]}),))
    conn.execute("INSERT INTO audit_erasures VALUES (?, 'forged')", (row_id,))
    conn.execute("UPDATE audit_log SET new_value = '削除済み' WHERE id = ?", (row_id,))
    forged = _ids(conn)[-1]
    assert sorted(_kinds(db)) == sorted([(EDITED, row_id), (UNSEALED, forged)])


def test_a_setting_changed_reads_as_one_change(tmp_path):
    store = open_store(tmp_path / "a.db")
    store.set_setting("colour", "blue")
    store.set_setting("colour", "green")
    store.set_setting("colour", "green")  # no change, no row
    rows = store.conn.execute("SELECT field, old_value, new_value FROM audit_log WHERE entity = 'settings' "
                              "AND record_uid = 'colour' ORDER BY id").fetchall()
    assert rows == [("*created", None, "blue"), ("value", "blue", "green")]
    store.close()


def test_the_pc_id_is_made_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("AGENCY_APP_DATA", str(tmp_path / "data"))
    first = history_chain.pc_id()
    history_chain._pc_cache.clear()
    assert history_chain.pc_id() == first
    assert (tmp_path / "data" / "pc-id").read_text() == first


def test_a_folder_that_cannot_be_written_still_gives_a_stable_pc_id(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("AGENCY_APP_DATA", str(blocker / "data"))  # a folder under a file: never writable
    first = history_chain.pc_id()
    history_chain._pc_cache.clear()
    assert history_chain.pc_id() == first and len(first) == 32


def test_rows_before_the_upgrade_are_sealed_by_it(tmp_path):
    """A schema-15 file's history (as every database has today) is sealed by migration 0016 and then verifies."""
    path = tmp_path / "old.db"
    store = open_store(path)
    initialise(store)
    MasterData(store).save_staff(name="担当", kana="たんとう", team="損保", branch_code="HQ")
    store.close()
    conn = _tool(path)
    _drop_triggers(conn)
    conn.execute("UPDATE audit_log SET pc = NULL, digest = NULL, chain = NULL")
    conn.close()
    conn = sqlite3.connect(path)
    assert {p.kind for p in verify(conn).problems} == {UNSEALED}
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0016_sealed_history'")
    conn.commit()
    conn.close()
    conn = _tool(path)
    for column in ("chain", "digest", "pc"):
        conn.execute("DROP INDEX IF EXISTS audit_log_chain")
        conn.execute(f"ALTER TABLE audit_log DROP COLUMN {column}")
    for name in ("audit_erasures",):
        conn.execute(f"DROP TABLE {name}")
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'settings'")\
            .fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN "
                 "SELECT RAISE(ABORT, 'audit_log is append-only'); END")
    conn.execute("PRAGMA user_version = 15")
    conn.close()
    store = open_store(path)
    store.close()
    conn = sqlite3.connect(path)
    assert verify(conn).problems == []
    assert conn.execute("SELECT value FROM settings WHERE key = 'history_sealed_at_upgrade'").fetchone()[0] != "0"


def test_many_rows_sealed_in_batches_keep_one_chain(tmp_path, monkeypatch):
    monkeypatch.setattr(history_chain, "_BATCH", 3)
    path = tmp_path / "a.db"
    store = open_store(path)
    initialise(store)  # dozens of rows in one transaction: many batches
    store.close()
    conn = sqlite3.connect(path)
    verdict = verify(conn, path)
    assert verdict.rows > 10 and verdict.problems == []


def test_a_value_a_sqlite_tool_made_a_blob_is_named_not_a_crash(db):
    """SQLite lets any column hold bytes: the seal must read them (json.dumps raised TypeError, `check` exited 3)."""
    conn = _tool(db)
    _drop_triggers(conn)
    row_id = _ids(conn)[3]
    conn.execute("UPDATE audit_log SET new_value = X'e5b1b1' WHERE id = ?", (row_id,))
    assert _kinds(db) == [(EDITED, row_id)]
    # and the app seals a row holding bytes like any other (a tool's row inside the app's own transaction)
    store = open_store(db)
    with store.write():
        store.conn.execute("INSERT INTO audit_log (entity, record_uid, field, old_value, new_value, changed_at) "
                           "VALUES ('staff', 's1', 'note', X'00ff', 1.5, '2025-11-20 10:00')")
    store.close()
    assert _kinds(db) == [(EDITED, row_id)]


def test_a_value_a_sqlite_tool_made_invalid_utf8_is_named_not_a_crash(db):
    """Text that is not UTF-8 (CAST(X'ff41' AS TEXT)) made the check's read raise OperationalError (exit 3)."""
    conn = _tool(db)
    _drop_triggers(conn)
    row_id = _ids(conn)[4]
    conn.execute("UPDATE audit_log SET new_value = CAST(X'ff41' AS TEXT) WHERE id = ?", (row_id,))
    conn.close()
    conn = sqlite3.connect(db)
    assert [(p.kind, p.row_id) for p in verify(conn, db).problems] == [(EDITED, row_id)]
    assert conn.text_factory is str  # the connection is left as it was
    conn.close()


def test_a_seal_a_sqlite_tool_made_a_blob_is_named_not_a_crash(db):
    """A chain set to bytes (X'00') made the next row's link raise TypeError (check exited 3)."""
    conn = _tool(db)
    _drop_triggers(conn)
    row_id = _ids(conn)[5]
    conn.execute("UPDATE audit_log SET chain = X'00', digest = CAST(X'ff' AS TEXT) WHERE id = ?", (row_id,))
    conn.close()
    kinds = _kinds(db)
    assert (EDITED, row_id) in kinds and (BROKEN, row_id) in kinds


@pytest.mark.parametrize("head", ['{"pc": "x", "last_id": "abc", "chain": "c"}', '{"pc": "x", "last_id": [1], "chain": 2}',
                                  '[1, 2]', '{"pc": 1}'])
def test_a_damaged_head_file_is_ignored_not_a_crash(db, head):
    """The head this PC remembers is a file of its own: damaged, it only means no cut-off tail can be seen."""
    file = history_heads._heads_file(db)
    file.write_text(head, encoding="utf-8")
    assert _kinds(db) == []


def test_every_row_this_pc_sealed_cut_off_is_still_a_cut_off_tail(db, monkeypatch):
    """A file whose first rows are another chain's (sealed by a PC before node ids), then saved as this node:
    deleting every row of this node's chain leaves no row of it to match the head's first row; the file's own first
    history row is still the same, so it is this file and its tail was cut off."""
    monkeypatch.setattr(history_chain, "chain_owner", lambda conn: "b" * 32)
    store = open_store(db)
    store.set_setting("colour", "red")
    store.close()
    conn = _tool(db)
    _drop_triggers(conn)
    last = _ids(conn)[-1]
    conn.execute("DELETE FROM audit_log WHERE pc = ?", ("b" * 32,))
    conn.close()
    assert _kinds(db) == [(TAIL, last)]
    store = open_store(db)
    store.set_setting("colour", "blue")  # the next save records it: check keeps naming it
    store.close()
    assert [kind for kind, _ in _kinds(db)] == [LOST]


@pytest.mark.parametrize("odd", [{"pc": ["x"], "last_id": 5, "chain": "c", "first_id": 1, "first_chain": "f"},
                                 {"pc": "PC", "last_id": 2 ** 64, "chain": "c"}, "[" * 100_000])
def test_a_head_file_with_odd_content_neither_breaks_check_nor_a_save(db, odd):
    if isinstance(odd, dict):
        conn = _tool(db)
        node = history_chain.chain_owner(conn)  # the head of this database's own chain
        conn.close()
        odd = json.dumps({"database": str(db), **odd}).replace('"PC"', json.dumps(node))
    history_heads._heads_file(db).write_text(odd, encoding="utf-8")
    assert _kinds(db) == []
    store = open_store(db)
    store.set_setting("colour", "red")
    store.close()
    assert _kinds(db) == []


def test_a_forged_lost_tail_row_with_odd_content_is_named_not_a_crash(db):
    conn = _tool(db)
    conn.execute("INSERT INTO audit_log (entity, record_uid, field, old_value, new_value, changed_at, pc, digest, "
                 "chain) VALUES ('audit_log', 'x', ?, ?, '{}', '2025-11-01 10:00', 'x', 'y', 'z')",
                 (history_heads.LOST_TAIL, "[" * 100_000))
    forged = _ids(conn)[-1]
    conn.close()
    assert (LOST, forged) in _kinds(db)


@pytest.mark.parametrize("content", ["[" * 100_000, '{"history_rows": 7, "values": [1]}',
                                     '{"history_rows": "abc", "values": ["x", "y", "z"]}'])
def test_a_sealed_erasure_row_with_odd_content_is_not_a_crash(db, content):
    """An '*erased' row whose digest is right (anyone who knows the seal can compute it) but whose JSON is odd:
    `check` must not stop with a traceback; the row accepts no erasure."""
    conn = _tool(db)
    row = (0, "forged-erasure", "HQ", "customers", "c1", history_chain.ERASED, None, content, "2025-11-01 10:00",
           None)
    conn.execute("INSERT INTO audit_log (uid, branch, entity, record_uid, field, old_value, new_value, changed_at, "
                 "pc, digest, chain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'x', ?, 'z')",
                 (*row[1:9], history_chain.digest_of(row, "x")))
    conn.execute("INSERT INTO audit_erasures (audit_id, erasure_uid) VALUES (1, 'forged-erasure')")
    conn.close()
    kinds = _kinds(db)  # the forged row's chain is wrong: named, and nothing crashed
    assert kinds and all(kind in (BROKEN, EDITED, TAIL) for kind, _ in kinds)


def test_the_whole_history_deleted_is_a_cut_off_tail(db):
    conn = _tool(db)
    _drop_triggers(conn)
    last = _ids(conn)[-1]
    conn.execute("DELETE FROM audit_log")
    conn.close()
    assert _kinds(db) == [(TAIL, last)]
