"""Opening a file of the last released schema (5) full of records and history: migrations 0006–0008 lose and change nothing, then the new triggers work."""

from __future__ import annotations

import json
from contextlib import contextmanager
from datetime import date, datetime

from sqlite_utils import Database

from agency_app.domain import elderly as X
from agency_app.domain.cases import CaseInput
from agency_app.domain.customer import CustomerInput
from agency_app.domain.elderly_entry import SaleInput
from agency_app.domain.relatives import RelativeContactInput
from agency_app.domain.voice import VoiceInput
from agency_app.domain.workflow import StatusChange
from agency_app.storage import migrations, records
from agency_app.storage.audited_tables import REGISTRY
from agency_app.storage.cases import CaseRepository
from agency_app.storage.checklist_templates import ChecklistTemplates
from agency_app.storage.customers import CustomerRepository
from agency_app.storage.database import Store, apply_migrations, connect, open_store
from agency_app.storage.elderly_rules import ElderlyRulesStore
from agency_app.storage.elderly_sales import ElderlySaleRepository
from agency_app.storage.masters import MasterData, initialise
from agency_app.storage.relatives import RelativeContactRepository
from agency_app.storage.voices import VoiceRepository

T1 = datetime(2025, 11, 10, 10, 0)
T2 = datetime(2025, 11, 12, 15, 30)
T3 = datetime(2025, 11, 20, 9, 0)
T4 = datetime(2025, 11, 20, 11, 0)


def fill_schema_5(path) -> dict:
    """A file made by migrations 0001–0005 only (the last released schema), holding records of every kind,
    each edited, closed or reopened."""
    store = Store(Database(connect(path)), path)
    apply_migrations(store, [s for s in migrations.load_scripts() if s.number < 6])
    with _as_schema_5_wrote(store.conn):
        made = _fill(store)
    store.close()
    return made


@contextmanager
def _as_schema_5_wrote(conn):
    """Today's repositories write as the release of schema 5 did: columns added later are left out."""
    insert_row, update_row = records.insert_row, records.update_row

    def known(table: str, values: dict) -> dict:
        columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        return {k: v for k, v in values.items() if k in columns}

    records.insert_row = lambda c, table, row: insert_row(c, table, known(table, row))
    records.update_row = lambda c, table, uid, changes: update_row(c, table, uid, known(table, changes))
    try:
        yield
    finally:
        records.insert_row, records.update_row = insert_row, update_row


def _fill(store) -> dict:
    assert migrations.schema_version(store.db) == 5
    initialise(store)
    masters = MasterData(store)
    sato = masters.save_staff(name="佐藤 一郎", kana="さとう いちろう", team="損保", branch_code="HQ", now=T1)
    boss = masters.save_staff(name="山田 花子", kana="やまだ はなこ", role="manager", branch_code="HQ", now=T1)
    masters.save_staff(uid=sato, name="佐藤 一郎", kana="さとう いちろう", team="生保", branch_code="HQ", by=boss, now=T2)
    masters.save_branch("YOK", "横浜支店", by=boss, now=T1)
    masters.save_branch("YOK", "横浜支社", by=boss, now=T2)
    masters.save_insurer("架空生命", by=boss, now=T1)

    customers = CustomerRepository(store)
    customer = customers.create(CustomerInput(name="髙橋 𠮷子", kana="たかはし よしこ", birth_date="1948/05/01",
                                              phone="090-1234-5678", address="東京都千代田区千代田1-1"),
                                by=sato, now=T1)
    moved = customers.as_input(customer)
    moved.address = "東京都港区芝公園4-2-8"
    customers.update(customer, moved, by=boss, now=T2)

    voices = VoiceRepository(store)
    voice = voices.create(VoiceInput(received_at="2025-11-10 09:30", kind="dissatisfaction", summary="満期案内が届かない",
                                     assignee_id=sato, callback_at="2025-11-11 10:00", callback_staff_id=sato),
                          by=sato, now=T1)
    voices.mark_callback_done(voice, by=sato, now=T2)
    voices.change_status(voice, StatusChange("done", response="再送した", completed_on="2025-11-12", completed_by=sato),
                         by=sato, now=T2)
    voices.change_status(voice, StatusChange("in_progress", reopen_reason="届いていないと再度お電話"), by=boss, now=T3)

    cases = CaseRepository(store)
    case = cases.create(CaseInput(case_type="address_change", title="住所変更", customer_id=customer, voice_id=voice,
                                  opened_on="2025-11-10", assignee_id=sato, due_date="2025-11-17"), by=sato, now=T1)
    for step in cases.steps(case):
        cases.set_step(step["uid"], True, by=sato, now=T2)
    cases.change_status(case, StatusChange("done", response="変更済み", completed_on="2025-11-12", completed_by=sato),
                        by=sato, now=T2)
    ChecklistTemplates(store).save("renewal", ["満期日を確認する", "更改案内を送る"], by=boss, now=T1)
    ElderlyRulesStore(store).save_new_version(X.DEFAULT_RULES, by=boss, effective_from=date(2025, 10, 1), now=T1)
    sales = ElderlySaleRepository(store)
    sale = sales.create(SaleInput(customer_id=customer, sale_date="2025/11/10", product_line="life", seller_id=sato,
                                  face_to_face=False, phone_checker_id=boss), by=sato, now=T1)
    checked = sales.as_input(sale)
    checked.phone_checked_on, checked.answer_public_insurance, checked.answer_product_reason = "2025/11/12", "yes", "yes"
    sales.update(sale, checked, by=boss, now=T2)
    relatives = RelativeContactRepository(store)
    contact = relatives.create(RelativeContactInput(customer_id=customer, product_line="life", relative_name="髙橋 一郎",
                                                    relation="長男", phone="090-1111-2222", obtained_by="meeting",
                                                    recorded_on="2025/11/10"), by=sato, now=T1)
    fixed = relatives.as_input(contact)
    fixed.relation = "次男"
    relatives.update(contact, fixed, by=sato, now=T2)
    return dict(sato=sato, boss=boss, customer=customer, voice=voice, case=case, sale=sale, contact=contact)


def columns_of(conn) -> dict[str, list[str]]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {t: [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')] for t in names}


def everything(conn, like: dict[str, list[str]] | None = None) -> dict[str, list]:
    """Every table's rows (sorted), the schema's objects aside; with `like`, only the columns `like` names
    (the columns a later migration adds are checked on their own)."""
    columns = columns_of(conn)
    if like:
        columns.update({t: cols for t, cols in like.items() if t in columns})
    return {t: sorted(conn.execute(f'SELECT {", ".join(cols)} FROM "{t}"').fetchall(), key=repr)
            for t, cols in columns.items()}


def test_migrating_schema_5_keeps_every_row_and_the_whole_history(tmp_path):
    path = tmp_path / "agency.db"
    made = fill_schema_5(path)
    before_conn = connect(path)
    before = everything(before_conn)
    before_columns = columns_of(before_conn)
    before_conn.close()
    # The tables of 0011 (voice days, improvements, circulation) came after schema 5: their own tests.
    later = {"voice_days", "voice_day_attendees", "voice_decisions", "improvements", "improvement_voices",
             "circulations", "circulation_reads",
             # … and those of 0013 (KPIs, surveys, trainings); 0013 writes the default survey types.
             "kpis", "kpi_results", "kpi_finalisations", "survey_types", "survey_answers", "trainings",
             "training_participants", "roleplay_results", "qualifications",
             # … and 0015's record of exports and imports.
             "exports", "imports", "imported_rows",
             # … and 0017's merge bookkeeping.
             "sync_applying", "sync_peers", "sync_bundles", "sync_conflicts",
             # … and 0016's record of erased history rows.
             "audit_erasures"}
    empty = [t for t in (*REGISTRY, "audit_log") if t not in later and not before[t]]
    assert empty == []
    assert {r[5] for r in before["audit_log"]} >= {"*created", "status", "address", "done_at", "relation", "name"}

    store = open_store(path, now=T3)
    after = everything(store.conn, like=before_columns)
    assert migrations.schema_version(store.db) == migrations.latest_schema_version() == 17
    deletes = {r[0] for r in store.conn.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' "
                                                "AND name LIKE '%\\_audit\\_delete' ESCAPE '\\'")}
    assert deletes == set(REGISTRY) | {"settings"}  # 0016: settings are history too
    word_index = {t for t in after if t.startswith("voices_words")}  # 0009's new word index (its own tests)
    assert set(after) - word_index - later == set(before)
    for table in before:
        if table not in ("settings", "_sqlite_migrations", "audit_log"):
            assert after[table] == before[table], table
    # History is never rewritten: every row as it was. New rows: settings the upgrade changed (0016, 0017); 0017's
    # baseline of what other offices need (a '*created' row with values for records made before 0007 wrote them,
    # the voices' team 0011 set without history) and the '*continues' row ending this PC's chain.
    added = [r for r in after["audit_log"] if r not in before["audit_log"]]
    assert set(before["audit_log"]) <= set(after["audit_log"])
    assert {r[5] for r in added if r[3] != "settings"} <= {"*baseline", "team", "*continues"}
    baseline = {r[4] for r in added if r[5] == "*baseline"}
    assert baseline  # records of schema 5 get their values into the history at last
    changed = dict(set(after["settings"]) - set(before["settings"]))
    assert changed.pop("history_sealed_at_upgrade").isdigit()
    assert len(changed.pop("node_id")) == len(changed.pop("agency_id")) == 32  # 0017
    assert changed.pop("node_seat").count(":") == 1  # where the node lives: this PC and this file (node_seat.py)
    assert changed == {"min_app_version": "0.9.0"}
    assert {r[2] for r in after["_sqlite_migrations"] if r not in before["_sqlite_migrations"]} >= \
        {"0006_list_indexes", "0007_history_from_registry", "0008_report_indexes", "0009_voice_words",
         "0010_kana_order_and_case_search", "0011_voice_days_improvements",
         "0013_kpis_surveys_trainings", "0015_exports_imports"}
    # 0011 gives every stored voice the team of the staff member who received it, writing no history for it.
    assert store.conn.execute("SELECT COUNT(*) FROM voices v JOIN staff s ON s.uid = v.received_by "
                              "WHERE v.team <> s.team").fetchone()[0] == 0
    assert store.conn.execute("SELECT COUNT(*) FROM voices WHERE team <> ''").fetchone()[0] > 0
    # 0010's derived keys are filled for the rows already there.
    assert store.conn.execute("SELECT kana_key FROM customers").fetchone()[0].startswith("タカハシヨシコ")
    assert store.conn.execute("SELECT search_text FROM cases").fetchone()[0] == "住所変更\n"
    old_created = [r for r in after["audit_log"] if r[5] == "*created" and r[3] != "settings"]
    assert old_created and all(r[7] is None for r in old_created)  # made before 0007: no values, left so

    # The new triggers at work on the migrated file: a creation keeps its values …
    voices = VoiceRepository(store)
    uid = voices.create(VoiceInput(received_at="2025-11-20 08:50", kind="praise", summary="丁寧な説明に感謝"),
                        by=made["sato"], now=T3)
    assert voices.history(uid)[0].values["summary"] == "丁寧な説明に感謝"
    # … an old record's history goes on as before …
    voices.change_status(made["voice"], StatusChange("done", response="再々送した", completed_on="2025-11-20",
                                                     completed_by=made["sato"]), by=made["sato"], now=T4)
    closed = [h for h in voices.history(made["voice"]) if h.changed_at == "2025-11-20 11:00"]
    assert {h.field: h.new_value for h in closed} == {
        "response": "再々送した", "status": "done", "completed_on": "2025-11-20", "completed_by": made["sato"]}
    assert voices.history(made["voice"])[0].values == {}  # its creation, recorded before 0007
    # … and a deletion keeps what was deleted.
    records.delete_row(store, "relative_contacts", made["contact"], by=made["boss"], now=T3)
    last = store.conn.execute("SELECT field, old_value, changed_by FROM audit_log WHERE record_uid = ? "
                              "ORDER BY id DESC LIMIT 1", (made["contact"],)).fetchone()
    assert (last[0], json.loads(last[1])["relation"], last[2]) == ("*deleted", "次男", made["boss"])
    store.close()
