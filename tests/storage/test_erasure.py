"""Erasure on request (利用停止・消去, R31): every personal value of one customer replaced everywhere, counts unchanged,
the history's rewritten rows listed in one recorded erasure, drafts removed."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from agency_app.domain.customer import CustomerInput
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.periods import Period
from agency_app.domain.relatives import RelativeContactInput
from agency_app.domain.voice import VoiceInput
from agency_app.storage import counts, history_check, kpi_measures, search_words, word_index
from agency_app.storage.customers import CustomerNotFound, CustomerRepository
from agency_app.storage.drafts import DraftStore
from agency_app.storage.erasure import ERASED, ERASED_FIELD, NotManager, erase_customer
from agency_app.storage.ids import new_uid
from agency_app.storage.relatives import RelativeContactRepository
from agency_app.storage.voices import VoiceRepository

NOW = datetime(2026, 2, 20, 10, 0)
LATER = datetime(2026, 3, 2, 15, 30)
NAME, KANA, PHONE, ADDRESS, POSTAL = "山田 太郎", "やまだ たろう", "090-1234-5678", "東京都千代田区千代田1-1", "100-0001"
OLD_NAME = "旧姓 太郎"  # the name before a change: the history holds it
RELATIVE, RELATIVE_PHONE = "山田 梅子", "03-9876-5432"
# What must be found nowhere after the erasure (name and phone in every way they were written).
SECRETS = (NAME, "山田太郎", "山田　太郎", KANA, PHONE, "09012345678", ADDRESS, OLD_NAME, RELATIVE, RELATIVE_PHONE,
           "1956-02-29")


def _people(store, staff) -> dict:
    """The customer (renamed once), a relative contact, a linked voice, a case and an elderly sale; another customer."""
    by = staff["sato"]
    repo = CustomerRepository(store)
    uid = repo.create(CustomerInput(name=OLD_NAME, kana=KANA, birth_date="1956/02/29", phone=PHONE,
                                    postal_code=POSTAL, address=ADDRESS, notes=f"{NAME}様は午前中希望",
                                    product_lines=["life"]), by=by, now=NOW)
    repo.update(uid, CustomerInput(name=NAME, kana=KANA, birth_date="1956/02/29", phone=PHONE, postal_code=POSTAL,
                                   address=ADDRESS, notes=f"{NAME}様は午前中希望", product_lines=["life"]),
                by=by, now=NOW)
    other = repo.create(CustomerInput(name="佐々木 花", kana="ささき はな", phone="03-1111-2222"), by=by, now=NOW)
    relative = RelativeContactRepository(store).create(RelativeContactInput(
        customer_id=uid, product_line="life", outcome="registered", relative_name=RELATIVE, relation="長女",
        phone=RELATIVE_PHONE, obtained_by="meeting", recorded_on="2026/02/20"), by=by, now=NOW)
    voices = VoiceRepository(store)
    voice = voices.create(VoiceInput(received_at="2026-02-20 09:00", kind="dissatisfaction", customer_id=uid,
                                     customer_name=NAME, summary=f"山田太郎様より満期案内の件",
                                     body=f"{NAME}様（{PHONE}）から、{ADDRESS}に案内が届かないとのお申し出。",
                                     assignee_id=by), by=by)
    other_voice = voices.create(VoiceInput(received_at="2026-02-20 09:30", kind="request", customer_id=other,
                                           customer_name="佐々木 花", summary="証券の再発行", assignee_id=by), by=by)
    conn = store.conn
    stamp = "2026-02-20 10:00"
    record = (("HQ", stamp, by, stamp, by))
    case = new_uid()
    with store.write():
        conn.execute("INSERT INTO cases (uid, branch_code, case_type, title, body, customer_id, opened_on, due_date,"
                     " origin_branch, created_at, created_by, updated_at, updated_by) VALUES"
                     " (?, 'HQ', 'address_change', ?, ?, ?, '2026-02-20', '2026-03-01', ?, ?, ?, ?, ?)",
                     (case, f"住所変更（{NAME} 様）", f"新住所の確認 {PHONE}（{OLD_NAME}名義）", uid, *record))
        conn.execute("INSERT OR IGNORE INTO elderly_rules (uid, rules_version, rules, effective_from, origin_branch,"
                     " created_at, created_by, updated_at, updated_by) VALUES (?, 1, '{}', '2020-01-01', ?, ?, ?, ?, ?)",
                     (new_uid(), *record))
        sale = new_uid()
        conn.execute("INSERT INTO elderly_sales (uid, branch_code, customer_id, sale_date, product_line, seller_id,"
                     " face_to_face, measure, relative_name, relative_relation, customer_comment, rules_version,"
                     " origin_branch, created_at, created_by, updated_at, updated_by) VALUES (?, 'HQ', ?, '2026-02-15',"
                     " 'life', ?, 1, 'relative_present', ?, '長女', ?, 1, ?, ?, ?, ?, ?)",
                     (sale, uid, by, RELATIVE, f"{RELATIVE}さん同席で説明済み", *record))
    return {"customer": uid, "other": other, "relative": relative, "voice": voice, "other_voice": other_voice,
            "case": case, "sale": sale}


def _text_hits(conn, secrets=SECRETS) -> list[tuple[str, str, str]]:
    """(table, column, secret) for every text value of every table that holds one of the secrets."""
    hits = []
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        for _cid, column, *_ in conn.execute(f"PRAGMA table_info('{table}')").fetchall():
            for (value,) in conn.execute(f'SELECT "{column}" FROM "{table}"'):
                if isinstance(value, bytes):
                    value = value.decode("utf-8", errors="ignore")
                if isinstance(value, str):
                    hits += [(table, column, s) for s in secrets if s in value]
    return hits


def _figures(conn) -> dict:
    """Every count and KPI figure the erased records take part in."""
    year = Period(2025)
    figures = {"elderly": counts.elderly_sales_counts(conn, year).cells,
               "relatives": dict(counts.relative_contact_counts(conn, year).cells),
               "customers": conn.execute("SELECT count(*), sum(active) FROM customers").fetchone()}
    for code in ("voices", "elderly_sales", "relative_contacts_registered", "relative_contacts_declined",
                 "face_to_face_share", "followup_omissions"):
        figures[code] = kpi_measures.compute(conn, code, None, year, today=NOW.date())
    return figures


def _audit(conn) -> dict[int, tuple]:
    return {row[0]: row[1:] for row in conn.execute("SELECT * FROM audit_log ORDER BY id")}


@pytest.fixture
def people(store, staff):
    return _people(store, staff)


def test_every_personal_value_is_gone_from_every_table_and_counts_stay(store, staff, people):
    assert _text_hits(store.conn)  # the scan finds them before
    before = _figures(store.conn)
    done = erase_customer(store, people["customer"], "ご本人から電話で利用停止・消去の依頼（2026/3/2）",
                          by=staff["manager"], now=LATER)
    assert _text_hits(store.conn) == []
    assert _figures(store.conn) == before
    customer = CustomerRepository(store).get(people["customer"])
    assert (customer["name"], customer["kana"], customer["phone"], customer["address"], customer["birth_date"],
            customer["postal_code"], customer["phone_digits"]) == (ERASED, ERASED, ERASED, ERASED, None, ERASED, "")
    assert customer["product_lines"] and customer["active"] == 1  # still counted as it was
    assert done.records == 5 and done.history_rows > 0


def test_other_customers_and_their_voices_are_left_alone(store, staff, people):
    before = store.conn.execute("SELECT * FROM voices WHERE uid = ?", (people["other_voice"],)).fetchone()
    other = CustomerRepository(store).get(people["other"])
    erase_customer(store, people["customer"], "依頼", by=staff["manager"], now=LATER)
    assert store.conn.execute("SELECT * FROM voices WHERE uid = ?", (people["other_voice"],)).fetchone() == before
    assert CustomerRepository(store).get(people["other"]) == other


def test_the_voice_keeps_its_text_with_the_name_phone_and_address_marked(store, staff, people):
    erase_customer(store, people["customer"], "依頼", by=staff["manager"], now=LATER)
    voice = VoiceRepository(store).get(people["voice"])
    assert voice["customer_name"] == ERASED
    assert voice["summary"] == f"{ERASED}様より満期案内の件"
    assert voice["body"] == f"{ERASED}様（{ERASED}）から、{ERASED}に案内が届かないとのお申し出。"


def test_searching_the_old_name_finds_nothing_and_the_text_is_still_found(store, staff, people):
    def found(term: str) -> list[str]:
        query = search_words.term_query(term)
        rows = store.conn.execute("SELECT v.uid FROM voices_words w JOIN voices v ON v.rowid = w.rowid "
                                  "WHERE voices_words MATCH ?", (query,)).fetchall()
        trigram = store.conn.execute("SELECT v.uid FROM voices_fts f JOIN voices v ON v.rowid = f.rowid "
                                     "WHERE voices_fts MATCH ?", (f'"{term}"',)).fetchall()
        return sorted({r[0] for r in rows + trigram})

    assert found("山田") == [people["voice"]]
    erase_customer(store, people["customer"], "依頼", by=staff["manager"], now=LATER)
    assert word_index.pending_count(store.conn) == 0  # indexed again in the erasure's own transaction
    assert found("山田") == [] and found("太郎") == []
    assert found("満期案内") == [people["voice"]]


def test_the_history_records_the_erasure_and_lists_exactly_the_rows_it_rewrote(store, staff, people):
    before = _audit(store.conn)
    done = erase_customer(store, people["customer"], "ご本人の依頼", by=staff["manager"], now=LATER)
    after = _audit(store.conn)
    (erased_id, erased), = [(i, row) for i, row in after.items() if row[4] == ERASED_FIELD]
    uid, branch, entity, record_uid, _field, old, new, changed_at, changed_by = erased[:9]
    assert (uid, branch, entity, record_uid, old, changed_at, changed_by) == (
        done.erasure_uid, "HQ", "customers", people["customer"], None, "2026-03-02 15:30", staff["manager"])
    said = json.loads(new)
    assert said["reason"] == "ご本人の依頼"
    listed = set(said["history_rows"])
    erasures = dict(store.conn.execute("SELECT audit_id, erasure_uid FROM audit_erasures").fetchall())
    assert set(erasures.values()) == {done.erasure_uid}
    assert {after[i][0] for i in erasures} == listed and len(listed) == done.history_rows
    for row_id, row in before.items():  # every earlier row: the same except the values of the listed ones
        now_row = after[row_id]
        assert now_row[:5] == row[:5] and now_row[7:] == row[7:]
        if row_id not in erasures:
            assert now_row[5:7] == row[5:7]
        else:
            assert now_row[5:7] != row[5:7]
    # Rows written during the erasure (the record updates) that held personal values are listed too.
    new_rows = [i for i in after if i not in before and i != erased_id]
    assert any(i in erasures for i in new_rows)
    assert all(after[i][0] in listed for i in erasures)


def test_the_sealed_history_accepts_the_erasure_and_still_sees_tampering(store, staff, people):
    """The seal (history_chain) takes every rewritten row as a recorded erasure, not as tampering; a value
    changed by hand afterwards in a row the erasure did not list is still reported."""
    before = history_check.verify(store.conn)
    assert not before.problems and before.erased == 0
    last_before = store.conn.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    done = erase_customer(store, people["customer"], "ご本人の依頼", by=staff["manager"], now=LATER)
    after = history_check.verify(store.conn)
    assert not after.problems, history_check.problem_lines(after)
    listed = {row[0] for row in store.conn.execute("SELECT audit_id FROM audit_erasures")}
    # Rows sealed before the erasure and rewritten by it are accepted as erased; the rows the erasure's own
    # transaction wrote are sealed at its commit with their erased values already.
    assert after.erased == len([i for i in listed if i <= last_before]) > 0
    other = store.conn.execute("SELECT id FROM audit_log WHERE id NOT IN (SELECT audit_id FROM audit_erasures) "
                               "AND new_value IS NOT NULL ORDER BY id LIMIT 1").fetchone()[0]
    assert other not in listed
    store.conn.execute("DROP TRIGGER audit_log_no_update")  # as a SQLite tool would
    store.conn.execute("UPDATE audit_log SET new_value = '改ざん' WHERE id = ?", (other,))
    tampered = history_check.verify(store.conn)
    assert [(p.kind, p.row_id) for p in tampered.problems][:1] == [(history_check.EDITED, other)]


def test_created_rows_stay_valid_json_with_the_personal_values_marked(store, staff, people):
    erase_customer(store, people["customer"], "依頼", by=staff["manager"], now=LATER)
    (created,) = store.conn.execute("SELECT new_value FROM audit_log WHERE entity = 'customers' AND record_uid = ? "
                                    "AND field = '*created'", (people["customer"],)).fetchone()
    values = json.loads(created)
    assert values["name"] == ERASED and values["birth_date"] == ERASED and values["product_lines"] == "life"


def test_the_customer_stays_and_can_be_given_new_data_when_they_come_back(store, staff, people):
    erase_customer(store, people["customer"], "依頼", by=staff["manager"], now=LATER)
    repo = CustomerRepository(store)
    assert [c["uid"] for c in repo.search("削除済み")] == [people["customer"]]
    row = repo.get(people["customer"])
    repo.update(people["customer"], CustomerInput(name="山田 次郎", kana="やまだ じろう", product_lines=["life"]),
                by=staff["sato"], expected_version=row["version"], now=LATER)
    assert repo.get(people["customer"])["name"] == "山田 次郎"


def test_only_an_active_manager_may_erase_and_a_reason_is_required(store, staff, people):
    audit = _audit(store.conn)
    with pytest.raises(NotManager):
        erase_customer(store, people["customer"], "依頼", by=staff["sato"], now=LATER)
    with pytest.raises(ValidationFailed) as refused:
        erase_customer(store, people["customer"], "  ", by=staff["manager"], now=LATER)
    assert refused.value.errors[0].field == "reason"
    with pytest.raises(CustomerNotFound):
        erase_customer(store, "no-such-customer", "依頼", by=staff["manager"], now=LATER)
    assert _audit(store.conn) == audit and _text_hits(store.conn)


def test_a_failure_midway_keeps_everything_as_it_was(store, staff, people, monkeypatch):
    from agency_app.storage import erasure
    audit = _audit(store.conn)
    monkeypatch.setattr(erasure, "_history_rewrites", lambda *a: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        erase_customer(store, people["customer"], "依頼", by=staff["manager"], now=LATER)
    assert _audit(store.conn) == audit
    assert CustomerRepository(store).get(people["customer"])["name"] == NAME


def test_drafts_naming_the_customer_are_removed_and_others_kept(store, staff, people, tmp_path):
    drafts = DraftStore(tmp_path / "drafts")
    drafts.save(f"edit-{people['customer']}", {"name": NAME, "phone": PHONE})
    drafts.save(f"edit-{people['voice']}", {"customer_id": people["customer"], "summary": "満期"})
    drafts.save("new-abc", {"customer_name": "山田太郎", "body": "至急"})
    drafts.save("new-relative", {"phone": "09012345678"})
    drafts.save("new-other", {"customer_name": "佐々木 花"})
    (drafts.folder / "new-x.corrupt-20260301-100000").write_text(f'{{"name": "{NAME}"', encoding="utf-8")
    done = erase_customer(store, people["customer"], "依頼", by=staff["manager"], drafts=drafts, now=LATER)
    assert sorted(p.name for p in drafts.folder.iterdir()) == ["new-other.json"]
    assert done.drafts_removed == 5 and done.drafts_left == ()


def test_the_word_indexes_keep_no_fragment_of_the_old_texts(store, staff, people):
    """FTS5 marks a changed row's old words as deleted in a new segment and keeps the old segment (with the
    old terms, prefix-compressed) until a merge: the shadow tables must not hold them after the erasure."""
    def index_bytes(table: str) -> bytes:
        return b"".join(r[0] or b"" for r in store.conn.execute(f"SELECT block FROM {table}_data"))

    assert "太郎".encode() in index_bytes("voices_fts") and "マダ".encode() in index_bytes("voices_words")
    erase_customer(store, people["customer"], "依頼", by=staff["manager"], now=LATER)
    assert "太郎".encode() not in index_bytes("voices_fts")  # trigrams of 山田太郎
    assert "マダ".encode() not in index_bytes("voices_words")  # the reading ヤマダ (its prefix ヤ shared)


def test_a_voice_days_decision_about_the_customers_voice_loses_the_name(store, staff, people):
    """The reason typed at the voice day for the customer's voice (「山田太郎様の件は…」) is text about them."""
    from datetime import date

    from agency_app.storage.voice_days import VoiceDayRepository
    days = VoiceDayRepository(store)
    day = days.open_meeting("損保", date(2026, 2, 27), staff["sato"], by=staff["sato"], now=NOW)
    days.decide(day, people["voice"], "no_improvement", reason=f"{NAME}様（{PHONE}）の個別事情のため", by=staff["sato"],
                now=NOW)
    erase_customer(store, people["customer"], "依頼", by=staff["manager"], now=LATER)
    assert _text_hits(store.conn) == []
    (reason,) = store.conn.execute("SELECT reason FROM voice_decisions WHERE voice_id = ?",
                                   (people["voice"],)).fetchone()
    assert reason == f"{ERASED}様（{ERASED}）の個別事情のため"


def test_the_wal_file_holds_no_personal_value_once_the_erasure_returns(file_store, tmp_path):
    """The -wal keeps every page written before (with the old values) until the last connection closes; a kill,
    a power cut or a sync tool copying the folder meanwhile would keep them: the erasure empties it."""
    from agency_app.storage.masters import MasterData
    masters = MasterData(file_store)
    staff = {"sato": masters.save_staff(name="佐藤 一郎", kana="さとう いちろう", team="損保", branch_code="HQ"),
             "manager": masters.save_staff(name="山田 花子", kana="やまだ はなこ", team="品質管理", role="manager",
                                           branch_code="HQ")}
    people = _people(file_store, staff)
    wal = tmp_path / "agency.db-wal"
    assert any(s.encode() in wal.read_bytes() for s in SECRETS)
    erase_customer(file_store, people["customer"], "依頼", by=staff["manager"], now=LATER)
    left = wal.read_bytes() if wal.exists() else b""
    assert [s for s in SECRETS if s.encode() in left] == []
    assert [s for s in SECRETS if s.encode() in (tmp_path / "agency.db").read_bytes()] == []
    assert CustomerRepository(file_store).get(people["customer"])["name"] == ERASED


def test_an_export_record_naming_the_customer_loses_the_name(store, staff, people):
    """A manager's list export with personal data records its filter (検索語: 山田 太郎) and the file's name as
    typed: both are the customer's name. Another export's record is left as it was."""
    from pathlib import PurePath

    from agency_app.storage import exports
    mine = exports.record_export(store, report=exports.LIST_VOICES, description=f"お客様の声（検索語: {NAME}）",
                                 with_personal_data=True, file_path=PurePath(f"/tmp/{KANA}_{PHONE}.xlsx"),
                                 row_count=1, by=staff["manager"], now=NOW)
    other = exports.record_export(store, report=exports.LIST_VOICES, description="お客様の声（検索語: 佐々木 花）",
                                  with_personal_data=True, file_path=PurePath("/tmp/声一覧.xlsx"), row_count=1,
                                  by=staff["manager"], now=NOW)
    erase_customer(store, people["customer"], "依頼", by=staff["manager"], now=LATER)
    assert _text_hits(store.conn) == []
    rows = {r["uid"]: r for r in exports.exports_made(store)}
    assert (rows[mine]["description"], rows[mine]["file_name"]) == (f"お客様の声（検索語: {ERASED}）",
                                                                    f"{ERASED}_{ERASED}.xlsx")
    assert (rows[other]["description"], rows[other]["file_name"], rows[other]["version"]) == (
        "お客様の声（検索語: 佐々木 花）", "声一覧.xlsx", 1)


def test_an_improvement_answering_the_customers_voice_loses_the_name(store, staff, people):
    """An improvement made from the customer's voice (R12) often says whose complaint started it."""
    from agency_app.domain.improvements import ImprovementInput
    from agency_app.storage.improvements import ImprovementRepository
    uid = ImprovementRepository(store).create(ImprovementInput(
        title=f"満期案内の未着（{NAME}様）", cause=f"{ADDRESS}の番地が旧表記", action=f"{PHONE}へ再送を連絡",
        team="損保", owner_id=staff["sato"], opened_on="2026/02/20", due_date="2026/03/31"), by=staff["sato"],
        voice_uids=[people["voice"]], now=NOW)
    erase_customer(store, people["customer"], "依頼", by=staff["manager"], now=LATER)
    assert _text_hits(store.conn) == []
    row = store.conn.execute("SELECT title, cause, action, search_text FROM improvements WHERE uid = ?",
                             (uid,)).fetchone()
    assert row[:3] == (f"満期案内の未着（{ERASED}様）", f"{ERASED}の番地が旧表記", f"{ERASED}へ再送を連絡")
    assert "山田" not in row[3] and "満期案内" in row[3]


def test_kpi_texts_and_voice_day_notes_naming_the_customer_lose_the_name(store, staff, people):
    """Texts not tied to the customer's records but typed about them: a KPI result's facts and evaluation
    (「山田 太郎様の苦情を機に…」) and a voice day's notes. Their figures stay."""
    from datetime import date

    from agency_app.domain.kpi_definition import KpiInput
    from agency_app.storage.kpis import KpiRepository
    from agency_app.storage.voice_days import VoiceDayRepository
    kpis = KpiRepository(store)
    kpi = kpis.create(KpiInput(fiscal_year=2025, principle=2, title="早期更改率", target="80", unit="%",
                               period="year"), staff["manager"], NOW)
    kpis.set_texts(kpi, Period(2025), f"{NAME}様の苦情を機に案内を見直した", f"{PHONE}の方へ再案内済み",
                   staff["manager"], NOW)
    days = VoiceDayRepository(store)
    day = days.open_meeting("損保", date(2026, 2, 27), staff["sato"], by=staff["sato"], now=NOW)
    days.set_notes(day, f"{RELATIVE}さん（長女）からも連絡あり", by=staff["sato"], now=NOW)
    before = _figures(store.conn)
    erase_customer(store, people["customer"], "依頼", by=staff["manager"], now=LATER)
    assert _text_hits(store.conn) == []
    result = kpis.results(2025)[(kpi, "year", 0)]
    assert (result["facts"], result["evaluation"]) == (f"{ERASED}様の苦情を機に案内を見直した", f"{ERASED}の方へ再案内済み")
    assert days.get(day)["notes"] == f"{ERASED}さん（長女）からも連絡あり"
    assert _figures(store.conn) == before


def test_a_customer_known_by_family_name_only_does_not_damage_others_texts(store, staff, tmp_path):
    """A customer registered as 「田中」 (the family name only, as often on the phone): 「田中町」 in another
    customer's draft and in a voice day's notes about someone else is not their name — kept as typed."""
    from datetime import date

    from agency_app.storage.voice_days import VoiceDayRepository
    repo = CustomerRepository(store)
    tanaka = repo.create(CustomerInput(name="田中", kana="たなか", phone="090-2222-3333", product_lines=["life"]),
                         by=staff["sato"], now=NOW)
    days = VoiceDayRepository(store)
    day = days.open_meeting("損保", date(2026, 2, 27), staff["sato"], by=staff["sato"], now=NOW)
    days.set_notes(day, "田中町の佐々木様の件は次回", by=staff["sato"], now=NOW)
    drafts = DraftStore(tmp_path / "drafts")
    drafts.save("new-other", {"customer_name": "佐々木 花", "body": "田中町三丁目に転居"})
    drafts.save(f"edit-{tanaka}", {"name": "田中"})
    erase_customer(store, tanaka, "依頼", by=staff["manager"], drafts=drafts, now=LATER)
    assert days.get(day)["notes"] == "田中町の佐々木様の件は次回"
    assert sorted(p.name for p in drafts.folder.iterdir()) == ["new-other.json"]
    assert repo.get(tanaka)["name"] == ERASED


def test_the_kana_is_found_in_the_other_script_too(store, staff, people):
    """The kana is kept as typed (やまだ たろう); a note typed in katakana (ヤマダ タロウ様) is the same name."""
    voices = VoiceRepository(store)
    row = voices.get(people["voice"])
    with store.write() as db:
        db.conn.execute("UPDATE voices SET response = ? WHERE uid = ?", ("ヤマダ タロウ様へ折り返し済み", row["uid"]))
    erase_customer(store, people["customer"], "依頼", by=staff["manager"], now=LATER)
    assert voices.get(people["voice"])["response"] == f"{ERASED}様へ折り返し済み"


def test_a_row_the_erasure_rewrote_cannot_be_rewritten_again_unseen(store, staff, people):
    """After an erasure, a SQLite tool (triggers standing: they let a listed row's values change) must not be able
    to put any value it likes in a rewritten row and have `check` take it for the erasure."""
    done = erase_customer(store, people["customer"], "ご本人の依頼", by=staff["manager"], now=LATER)
    assert done.history_rows > 0
    last_before = store.conn.execute("SELECT min(audit_id) FROM audit_erasures").fetchone()[0]
    store.conn.execute("UPDATE audit_log SET old_value = '1000', new_value = '9999999' WHERE id = ?", (last_before,))
    tampered = history_check.verify(store.conn)
    assert [(p.kind, p.row_id) for p in tampered.problems] == [(history_check.EDITED, last_before)]


def test_a_second_customer_named_in_the_same_text_can_be_erased_too(store, staff, people):
    """A list exported with both customers' names in its description: erasing one and then the other rewrites the
    same history row twice; the second erasure must succeed and `check` accept both."""
    by, stamp = staff["sato"], "2026-02-21 10:00"
    with store.write():
        store.conn.execute("INSERT INTO exports (uid, branch_code, report, description, with_personal_data, "
                           "origin_branch, created_at, created_by, updated_at, updated_by) VALUES "
                           "(?, 'HQ', 'customers', ?, 1, 'HQ', ?, ?, ?, ?)",
                           (new_uid(), f"{NAME}様と佐々木 花様の一覧", stamp, by, stamp, by))
    erase_customer(store, people["customer"], "ご本人の依頼", by=staff["manager"], now=LATER)
    row_id, first = store.conn.execute(
        "SELECT id, new_value FROM audit_log WHERE entity = 'exports' AND field = '*created'").fetchone()
    assert "佐々木 花" in first and NAME not in first
    erase_customer(store, people["other"], "ご本人の依頼", by=staff["manager"], now=LATER)
    assert _text_hits(store.conn, ("佐々木 花", NAME)) == []
    verdict = history_check.verify(store.conn)
    assert verdict.problems == [], history_check.problem_lines(verdict)
    # A SQLite tool putting back what the first erasure left (the second customer's name) is named.
    store.conn.execute("UPDATE audit_log SET new_value = ? WHERE id = ?", (first, row_id))
    tampered = history_check.verify(store.conn)
    assert [(p.kind, p.row_id) for p in tampered.problems] == [(history_check.EDITED, row_id)]
