"""Customer records: save, find by kana in any script or by phone, edit with history and conflicts, linked records."""

from __future__ import annotations

from datetime import datetime

import pytest

from agency_app.domain.customer import BIRTH_IN_FUTURE, CustomerInput
from agency_app.domain.errors import ValidationFailed
from agency_app.storage.customers import CustomerNotFound, CustomerRepository, EditConflict
from agency_app.storage.ids import new_uid

T1 = datetime(2026, 2, 28, 10, 0)
T2 = datetime(2026, 3, 1, 9, 0)


@pytest.fixture
def repo(store):
    return CustomerRepository(store)


def add(repo, by, **fields) -> str:
    values = dict(name="山田 太郎", kana="やまだ たろう", birth_date="1956/02/29", phone="090-1234-5678")
    values.update(fields)
    return repo.create(CustomerInput(**values), by=by, now=T1)


def count(store, table: str) -> int:
    return store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_new_customer_is_stored_with_its_search_key_and_phone_digits(repo, staff):
    uid = add(repo, staff["sato"], product_lines=["group", "life"])
    row = repo.get(uid)
    assert (row["name"], row["kana"], row["birth_date"]) == ("山田 太郎", "やまだ たろう", "1956-02-29")
    assert (row["phone"], row["phone_digits"]) == ("090-1234-5678", "09012345678")
    assert row["search_key"] == "山田太郎 ヤマダタロウ"
    assert row["product_lines"] == "life,group"
    assert (row["branch_code"], row["updated_by"], row["version"]) == ("HQ", staff["sato"], 1)
    assert [h.field for h in repo.history(uid)] == ["*created"]
    assert repo.as_input(uid).product_lines == ["life", "group"]


def test_an_invalid_customer_leaves_no_row_and_no_history(repo, store, staff):
    before = (count(store, "customers"), count(store, "audit_log"))
    with pytest.raises(ValidationFailed) as failed:
        add(repo, staff["sato"], birth_date="2026/03/01")
    assert [(e.field, e.code) for e in failed.value.errors] == [("birth_date", BIRTH_IN_FUTURE)]
    assert (count(store, "customers"), count(store, "audit_log")) == before


def test_rare_kanji_emoji_and_5000_characters_of_notes_come_back_intact(repo, staff):
    notes = "😀" + "𠮷" * 4_999
    uid = add(repo, staff["sato"], name="𠮷田 髙﨑", notes=notes)
    row = repo.get(uid)
    assert row["name"] == "𠮷田 髙﨑" and row["notes"] == notes
    assert [r["uid"] for r in repo.search("𠮷田")] == [uid]


@pytest.mark.parametrize("typed", ["ヤマダ", "やまだ", "ﾔﾏﾀﾞ", "山田 太郎", "山田太郎", "やまだ　たろう", "たろう"])
def test_kana_in_any_script_and_names_with_or_without_space_find_the_customer(repo, staff, typed):
    uid = add(repo, staff["sato"])
    add(repo, staff["sato"], name="佐々木 花", kana="ささき はな", phone="03-1111-2222")
    assert [r["uid"] for r in repo.search(typed)] == [uid]


def test_a_katakana_kana_is_found_by_hiragana(repo, staff):
    uid = add(repo, staff["sato"], name="山本 花子", kana="ヤマモト ハナコ")
    assert [r["uid"] for r in repo.search("やまもと")] == [uid]


@pytest.mark.parametrize("typed", ["5678", "090-1234", "０９０１２３４５６７８", "+81 90 1234"])
def test_phone_digits_find_the_customer(repo, staff, typed):
    uid = add(repo, staff["sato"])
    add(repo, staff["sato"], name="佐々木 花", kana="ささき はな", phone="03-1111-2222")
    assert [r["uid"] for r in repo.search(typed)] == [uid]


def test_a_name_starting_with_the_text_comes_first(repo, staff):
    inside = add(repo, staff["sato"], name="小山田 一", kana="おやまだ はじめ")
    starts = add(repo, staff["sato"], name="山田 太郎")
    assert [r["uid"] for r in repo.search("やまだ")] == [starts, inside]


def test_percent_and_underscore_match_only_themselves(repo, staff):
    add(repo, staff["sato"])
    assert repo.search("%") == [] and repo.search("_") == []


def test_empty_text_lists_customers_in_kana_order_and_retired_ones_are_not_found(repo, staff):
    first = add(repo, staff["sato"], name="佐々木 花", kana="ささき はな")
    second = add(repo, staff["sato"])  # やまだ
    assert [r["uid"] for r in repo.search("")] == [first, second]
    assert [r["uid"] for r in repo.search("", limit=1)] == [first]
    repo.set_active(first, False, by=staff["sato"])
    assert [r["uid"] for r in repo.search("")] == [second]
    assert repo.search("ささき") == []


def test_an_edit_writes_only_changed_fields_and_keeps_search_key_and_digits_in_step(repo, staff):
    uid = add(repo, staff["sato"])
    entry = repo.as_input(uid)
    entry.kana = "ﾔﾏﾀﾞ ﾀﾛｰ"
    entry.phone = "03-9876-5432"
    repo.update(uid, entry, by=staff["suzuki"], expected_version=1, now=T2)
    row = repo.get(uid)
    assert (row["kana"], row["search_key"], row["phone_digits"]) == (
        "ヤマダ タロー", "山田太郎 ヤマダタロー", "0398765432")
    assert row["version"] == 2
    changes = {h.field: (h.old_value, h.new_value, h.changed_by_name, h.changed_at) for h in repo.history(uid)[1:]}
    assert changes == {"kana": ("やまだ たろう", "ヤマダ タロー", "鈴木 次郎", "2026-03-01 09:00"),
                       "phone": ("090-1234-5678", "03-9876-5432", "鈴木 次郎", "2026-03-01 09:00")}
    assert [r["uid"] for r in repo.search("9876")] == [uid]
    assert repo.search("5678") == []


def test_saving_over_someone_elses_edit_is_refused(repo, staff):
    uid = add(repo, staff["sato"])
    mine, theirs = repo.as_input(uid), repo.as_input(uid)
    theirs.address = "横浜市"
    repo.update(uid, theirs, by=staff["suzuki"], expected_version=1, now=T2)
    mine.notes = "私の変更"
    with pytest.raises(EditConflict):
        repo.update(uid, mine, by=staff["sato"], expected_version=1, now=T2)
    assert repo.get(uid)["notes"] == "" and repo.get(uid)["address"] == "横浜市"


def test_an_unknown_customer(repo):
    with pytest.raises(CustomerNotFound):
        repo.get("nope")


def _link(store, customer: str, by: str) -> dict:
    """A voice, two cases and an elderly sale pointing at the customer, written as their repositories would."""
    conn = store.conn
    stamp = "2026-02-01 10:00"
    record = dict(origin_branch="HQ", created_at=stamp, created_by=by, updated_at=stamp, updated_by=by)
    voice = new_uid()
    conn.execute("INSERT INTO voices (uid, branch_code, received_at, received_by, channel, kind, summary, "
                 "status, due_date, customer_id, origin_branch, created_at, created_by, updated_at, updated_by)"
                 " VALUES (?, 'HQ', '2026-02-01 09:00', ?, 'phone', 'request', '住所変更', 'new', '2026-02-08', ?,"
                 " 'HQ', ?, ?, ?, ?)", (voice, by, customer, stamp, by, stamp, by))
    cases = []
    for opened, title in (("2026-01-10", "古い案件"), ("2026-02-10", "新しい案件")):
        uid = new_uid()
        cases.append(uid)
        conn.execute("INSERT INTO cases (uid, branch_code, case_type, title, customer_id, opened_on, due_date,"
                     " origin_branch, created_at, created_by, updated_at, updated_by) VALUES"
                     " (?, 'HQ', 'address_change', ?, ?, ?, '2026-03-01', ?, ?, ?, ?, ?)",
                     (uid, title, customer, opened, *record.values()))
    conn.execute("INSERT OR IGNORE INTO elderly_rules (uid, rules_version, rules, effective_from, origin_branch,"
                 " created_at, created_by, updated_at, updated_by) VALUES (?, 1, '{}', '2020-01-01', ?, ?, ?, ?, ?)",
                 (new_uid(), *record.values()))
    sale = new_uid()
    conn.execute("INSERT INTO elderly_sales (uid, branch_code, customer_id, sale_date, product_line, seller_id,"
                 " face_to_face, measure, rules_version, origin_branch, created_at, created_by, updated_at,"
                 " updated_by) VALUES (?, 'HQ', ?, '2026-02-15', 'life', ?, 1, 'relative_present', 1,"
                 " ?, ?, ?, ?, ?)", (sale, customer, by, *record.values()))
    return {"voice": voice, "cases": cases, "sale": sale}


def test_linked_lists_voices_cases_sales_and_relative_contacts_newest_first(repo, store, staff):
    from agency_app.domain.relatives import RelativeContactInput
    from agency_app.storage.relatives import RelativeContactRepository

    uid = add(repo, staff["sato"])
    other = add(repo, staff["sato"], name="佐々木 花", kana="ささき はな")
    made = _link(store, uid, staff["sato"])
    _link(store, other, staff["sato"])
    contact = RelativeContactRepository(store).create(RelativeContactInput(
        customer_id=uid, product_line="life", outcome="declined", decline_reason="不要とのこと",
        obtained_by="mail", recorded_on="2026/02/20"), by=staff["sato"], now=T1)
    linked = repo.linked(uid)
    assert [(v["uid"], v["summary"], v["status"]) for v in linked["voices"]] == [(made["voice"], "住所変更", "new")]
    assert [c["uid"] for c in linked["cases"]] == made["cases"][::-1]
    assert set(linked["cases"][0]) == {"uid", "case_type", "title", "status", "due_date"}
    assert [(s["uid"], s["measure"], s["is_complete"]) for s in linked["sales"]] == [
        (made["sale"], "relative_present", 0)]
    assert [r["uid"] for r in linked["relatives"]] == [contact]


def test_typing_the_everyday_kanji_finds_a_name_written_with_its_variant(repo, staff):
    uid = add(repo, staff["sato"], name="髙橋 𠮷子", kana="たかはし よしこ")
    assert [r["uid"] for r in repo.search("高橋吉子")] == [uid]
    assert repo.get(uid)["name"] == "髙橋 𠮷子"  # stored and shown as typed


def test_names_of_several_customers_at_once_skip_unknown_and_empty_ids(repo, staff):
    uid = add(repo, staff["sato"], name="𠮷田 花子", kana="よしだ はなこ")
    assert repo.names([uid, None, "", "no-such-customer", uid]) == {uid: "𠮷田 花子"}
    assert repo.names([]) == {}


def test_notes_are_free_text_kept_as_typed_and_the_address_is_folded(repo, staff):
    uid = add(repo, staff["sato"], notes="駐車場は１－１側", address="東京都港区芝公園４－２－８")
    row = repo.get(uid)
    assert row["notes"] == "駐車場は１－１側"
    assert row["address"] == "東京都港区芝公園4-2-8"
