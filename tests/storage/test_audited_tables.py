"""The table registry of the history (R11): every record table and column accounted for, triggers made from it."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

import pytest

from agency_app.domain.customer import CustomerInput
from agency_app.domain.voice import VoiceInput
from agency_app.storage import audited_tables as A
from agency_app.storage import records
from agency_app.storage.customers import CustomerRepository
from agency_app.storage.voices import VoiceRepository

T1 = datetime(2025, 11, 20, 10, 0)
T2 = datetime(2025, 11, 21, 9, 30)


def tables_with(conn, column: str) -> set[str]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t for t in names if column in A.table_columns(conn, t)}


def audit_rows(store, uid: str) -> list[tuple]:
    return store.conn.execute("SELECT field, old_value, new_value, changed_at, changed_by, branch FROM audit_log "
                              "WHERE record_uid = ? ORDER BY id", (uid,)).fetchall()


def add_customer(store, by: str) -> str:
    return CustomerRepository(store).create(
        CustomerInput(name="山田 太郎", kana="やまだ たろう", birth_date="1950/04/01", phone="090-1234-5678"),
        by=by, now=T1)


def add_voice(store, by: str) -> str:
    return VoiceRepository(store).create(
        VoiceInput(received_at="2025-11-20 09:00", kind="dissatisfaction", summary="満期案内が届かない",
                   body="更新のご案内が届いていないとのお電話。", assignee_id=by), by=by, now=T1)


# --- the registry covers the schema ----------------------------------------------------------------------
def test_every_table_holding_records_is_in_the_registry(store):
    conn = store.conn
    records_tables = tables_with(conn, "uid") & tables_with(conn, "version")
    assert records_tables <= set(A.REGISTRY)
    # Master data (staff, branches …) has no version column but is audited too; the log itself is not.
    assert tables_with(conn, "uid") - {"audit_log"} == set(A.REGISTRY)


def test_every_column_of_an_audited_table_is_either_audited_or_listed_as_not_audited(store):
    for name, table in A.REGISTRY.items():
        columns = A.table_columns(store.conn, name)
        assert set(columns) == table.known(), name
        assert not set(table.audited) & set(table.not_audited), name
        assert table.key not in table.audited and table.key not in table.not_audited, name
        assert all(reason.strip() for reason in table.not_audited.values()), name


def test_a_migrated_database_has_exactly_the_triggers_the_registry_makes(store):
    """A registry change without a migration that calls install_audit_triggers again fails here."""
    for table in A.REGISTRY:
        made = A.trigger_sql(table, A.audited_columns(store.conn, table))
        found = [store.conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                    (f"{table}_audit_{kind}",)).fetchone()[0]
                 for kind in ("insert", "update", "delete")]
        assert found == made, table


# --- what the triggers write ------------------------------------------------------------------------------
def test_creating_a_record_keeps_its_values_in_one_row(store, staff):
    uid = add_customer(store, staff["sato"])
    [(field, old, new, when, who, branch)] = audit_rows(store, uid)
    assert (field, old, when, who, branch) == ("*created", None, "2025-11-20 10:00", staff["sato"], "HQ")
    assert json.loads(new) == {"branch_code": "HQ", "name": "山田 太郎", "kana": "やまだ たろう",
                               "birth_date": "1950-04-01", "phone": "090-1234-5678", "postal_code": "",
                               "address": "", "product_lines": "", "notes": "", "active": 1}
    [entry] = CustomerRepository(store).history(uid)
    assert entry.values["name"] == "山田 太郎" and entry.values["active"] == "1"  # text, as other rows hold
    assert "search_key" not in entry.values and "version" not in entry.values  # derived, bookkeeping


def test_a_created_row_leaves_out_what_is_empty_only_when_null(store, staff):
    uid = add_voice(store, staff["sato"])
    values = VoiceRepository(store).history(uid)[0].values
    assert values["response"] == ""  # an empty text is a value
    assert "completed_on" not in values and "callback_at" not in values  # NULL: nothing to keep
    assert values["status"] == "new" and values["received_by"] == staff["sato"]


def test_an_edit_writes_one_row_per_changed_audited_column_and_none_for_derived_ones(store, staff):
    repo = CustomerRepository(store)
    uid = add_customer(store, staff["sato"])
    entry = repo.as_input(uid)
    entry.name, entry.phone = "山田 太一", "03-1234-5678"
    repo.update(uid, entry, by=staff["suzuki"], now=T2)
    assert audit_rows(store, uid)[1:] == [
        ("name", "山田 太郎", "山田 太一", "2025-11-21 09:30", staff["suzuki"], "HQ"),
        ("phone", "090-1234-5678", "03-1234-5678", "2025-11-21 09:30", staff["suzuki"], "HQ")]
    before = audit_rows(store, uid)
    with store.write() as db:  # search_key, phone_digits and version change; no audited value does
        db.conn.execute("UPDATE customers SET search_key = 'x', phone_digits = '0', version = version + 1 "
                        "WHERE uid = ?", (uid,))
    assert audit_rows(store, uid) == before


def test_deleting_a_record_by_any_path_keeps_the_values_it_had(store, staff):
    uid = add_voice(store, staff["sato"])
    with store.write() as db:
        db.conn.execute("DELETE FROM voices WHERE uid = ?", (uid,))
    field, old, new, when, who, branch = audit_rows(store, uid)[-1]
    assert (field, new, when, who, branch) == ("*deleted", None, "2025-11-20 10:00", staff["sato"], "HQ")
    assert json.loads(old)["summary"] == "満期案内が届かない"
    assert json.loads(old) == json.loads(audit_rows(store, uid)[0][2])  # as it was made: never edited


def test_delete_row_records_who_deleted_it_and_when(store, staff):
    uid = add_customer(store, staff["sato"])
    records.delete_row(store, "customers", uid, by=staff["manager"], now=T2)
    assert store.conn.execute("SELECT count(*) FROM customers WHERE uid = ?", (uid,)).fetchone()[0] == 0
    field, old, _, when, who, _ = audit_rows(store, uid)[-1]
    assert (field, when, who) == ("*deleted", "2025-11-21 09:30", staff["manager"])
    assert json.loads(old)["phone"] == "090-1234-5678"
    assert [e.field for e in CustomerRepository(store).history(uid)] == ["*created", "*deleted"]


def test_insert_or_replace_keeps_the_replaced_rows_values_and_search_forgets_its_text(store, staff):
    uid = add_voice(store, staff["sato"])
    row = records.get_row(store.conn, "voices", uid, LookupError)
    with store.write() as db:
        db.conn.execute("INSERT OR REPLACE INTO voices (rowid, uid, origin_branch, branch_code, received_at, "
                        "channel, kind, summary, created_at, updated_at, updated_by) VALUES (?, ?, 'HQ', 'HQ', "
                        "'2025-11-21 09:00', 'phone', 'praise', '丁寧な説明に感謝', ?, '2025-11-21 09:30', ?)",
                        (row["rowid"], uid, row["created_at"], staff["suzuki"]))
    fields = [r[0] for r in audit_rows(store, uid)]
    assert fields == ["*created", "*deleted", "*created"]
    assert json.loads(audit_rows(store, uid)[1][1])["summary"] == "満期案内が届かない"
    found = store.conn.execute("SELECT rowid FROM voices_fts WHERE voices_fts MATCH '\"満期案内\"'").fetchall()
    assert found == []  # the replaced text left the full-text index with its row


def test_the_history_stays_append_only_with_the_new_triggers(store, staff):
    uid = add_voice(store, staff["sato"])
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.conn.execute("UPDATE audit_log SET new_value = NULL WHERE record_uid = ?", (uid,))
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.conn.execute("DELETE FROM audit_log WHERE record_uid = ?", (uid,))


# --- migrations that come later --------------------------------------------------------------------------
def test_a_later_migration_that_adds_a_column_gets_it_audited_by_calling_the_helper_again(store, staff,
                                                                                        monkeypatch):
    voices = A.REGISTRY["voices"]
    monkeypatch.setitem(A.REGISTRY, "voices", A.AuditedTable(
        "voices", voices.key, voices.audited + ("improvement_uid",), voices.not_audited))
    # Replaying 0007 on a new file before the column exists: the column is left out, nothing fails.
    assert A.install_audit_triggers(store.conn, "voices") == ["voices"]
    assert "improvement_uid" not in A.audited_columns(store.conn, "voices")
    store.conn.execute("ALTER TABLE voices ADD COLUMN improvement_uid TEXT")  # the later migration …
    A.install_audit_triggers(store.conn, "voices")                            # … and its one call
    uid = add_voice(store, staff["sato"])
    repo = VoiceRepository(store)
    with store.write() as db:
        records.update_row(db.conn, "voices", uid, {"improvement_uid": "imp-1", "updated_at": "2025-11-21 09:30"})
    history = repo.history(uid)
    assert "improvement_uid" not in history[0].values  # NULL when made
    assert (history[-1].field, history[-1].old_value, history[-1].new_value) == ("improvement_uid", None, "imp-1")


def test_a_column_the_registry_does_not_know_stops_the_migration_with_its_name(store):
    store.conn.execute("ALTER TABLE cases ADD COLUMN mystery TEXT")
    with pytest.raises(A.UnregisteredColumn, match=r"cases: column\(s\) mystery neither audited"):
        A.install_audit_triggers(store.conn, "cases")


def test_a_migration_naming_a_table_not_made_yet_is_refused(store, monkeypatch):
    monkeypatch.setitem(A.REGISTRY, "kpi_targets", A.AuditedTable("kpi_targets", "uid", ("target",)))
    assert "kpi_targets" not in A.install_audit_triggers(store.conn)  # all tables: a later one is skipped
    with pytest.raises(KeyError, match="no table kpi_targets to audit"):
        A.install_audit_triggers(store.conn, "kpi_targets")  # named: its migration forgot to create it


def test_a_table_with_more_columns_than_one_json_object_takes_keeps_them_all(store, monkeypatch):
    columns = tuple(f"c{k:02d}" for k in range(2 * A._JSON_CHUNK + 3))
    store.conn.execute(f"CREATE TABLE wide (uid TEXT PRIMARY KEY, {', '.join(c + ' TEXT' for c in columns)}, "
                       "updated_at TEXT, updated_by TEXT)")
    monkeypatch.setitem(A.REGISTRY, "wide", A.AuditedTable("wide", "uid", columns,
                                                           {"updated_at": "stamp", "updated_by": "stamp"}))
    A.install_audit_triggers(store.conn, "wide")
    store.conn.execute(f"INSERT INTO wide (uid, updated_at, {', '.join(columns)}) "
                       f"VALUES ('w1', '2025-11-20 10:00', {', '.join('?' * len(columns))})",
                       [f"v{k}" for k in range(len(columns))])
    made = store.conn.execute("SELECT new_value FROM audit_log WHERE record_uid = 'w1'").fetchone()[0]
    assert json.loads(made) == {c: f"v{k}" for k, c in enumerate(columns)}


def test_a_value_list_reads_back_as_text_and_tolerates_rows_without_values():
    assert A.snapshot('{"a": 1, "b": "x", "c": null}') == {"a": "1", "b": "x"}
    assert A.snapshot(None) == {} and A.snapshot("not json") == {} and A.snapshot("[1]") == {}
