"""Voices by kind (seed 004) and 不満 by the category they were recorded with (seeds 001, 002; R3)."""

from __future__ import annotations

from agency_app.domain.periods import HALF, Period
from agency_app.storage.ids import new_uid
from agency_app.storage.masters import MasterData
from agency_app.storage.voice_counts import CategoryCount, dissatisfaction_by_category, voices_by_kind

H1 = Period(2025, HALF, 1)
STAMP = "2025-04-01 09:00"


def insert_voices(store, rows: list[dict]) -> None:
    base = {"origin_branch": "HQ", "branch_code": "HQ", "channel": "phone", "kind": "dissatisfaction",
            "summary": "声", "received_at": "2025-06-01 10:00", "created_at": STAMP, "updated_at": STAMP}
    with store.write() as db:
        for row in rows:
            full = dict(base, uid=new_uid(), **row)
            db.conn.execute(f"INSERT INTO voices ({', '.join(full)}) VALUES ({', '.join('?' * len(full))})",
                            list(full.values()))


def test_seed_004_voices_by_kind_with_complaints_by_receipt_date(store):
    plan = [("praise", 720, 0), ("dissatisfaction", 97, 29), ("request", 16, 0), ("other", 8, 0)]
    insert_voices(store, [{"kind": kind, "is_complaint": int(i < complaints),
                           "received_at": f"2025-{4 + i % 6:02d}-{1 + i % 28:02d} 10:00"}
                          for kind, n, complaints in plan for i in range(n)])
    insert_voices(store, [{"kind": "praise", "received_at": "2025-03-31 23:59"},
                          {"kind": "dissatisfaction", "is_complaint": 1, "received_at": "2025-10-01 00:00"}])
    found = voices_by_kind(store.conn, H1)
    assert found.by_kind == {"praise": 720, "dissatisfaction": 97, "request": 16, "other": 8}
    assert (found.total, found.complaints) == (841, 29)
    assert voices_by_kind(store.conn, Period(2026)).total == 0


def test_seed_002_complaints_by_category_in_the_taxonomy_order(store):
    counts = {"満期案内・契約手続関連": 115, "変更・解約・保全関連": 103, "保険料収納関連": 12, "保険金関連": 34,
              "個人情報関連": 4, "その他": 81}
    insert_voices(store, [{"category_group": group} for group, n in reversed(counts.items()) for _ in range(n)])
    insert_voices(store, [{"kind": "praise", "category_group": "保険金関連"} for _ in range(210)])  # お褒め
    found = dissatisfaction_by_category(store.conn, H1)
    assert [(r.group, r.item, r.count) for r in found.rows] == [(g, None, n) for g, n in counts.items()]
    assert found.total == 349 and not found.two_level


def test_categories_are_the_ones_recorded_even_after_the_taxonomy_changed(store):
    """A group renamed or removed later keeps its old voices under the old name, after the current ones;
    every current category is listed, with 0 when no voice was recorded under it."""
    insert_voices(store, [{"category_group": "旧・手続関連"}, {"category_group": "保険金関連", "is_complaint": 1},
                          {"category_group": ""}, {"category_group": None}, {"category_group": "保険金関連"}])
    found = dissatisfaction_by_category(store.conn, H1)
    assert found.rows == (
        CategoryCount("満期案内・契約手続関連", None, 0, 0), CategoryCount("変更・解約・保全関連", None, 0, 0),
        CategoryCount("保険料収納関連", None, 0, 0), CategoryCount("保険金関連", None, 2, 1),
        CategoryCount("個人情報関連", None, 0, 0), CategoryCount("その他", None, 0, 0),
        CategoryCount("旧・手続関連", None, 1, 0), CategoryCount(None, None, 2, 0))


def test_a_category_taken_out_of_use_is_listed_only_when_recorded(store):
    with store.write() as db:
        db.conn.execute("UPDATE categories SET active = 0 WHERE preset = 'agency' AND group_name = '個人情報関連'")
    assert "個人情報関連" not in [r.group for r in dissatisfaction_by_category(store.conn, H1).rows]
    insert_voices(store, [{"category_group": "個人情報関連"}])
    assert [r.group for r in dissatisfaction_by_category(store.conn, H1).rows][4] == "個人情報関連"


def test_insurer_preset_counts_items_within_their_group_in_its_order(store):
    store.set_setting("category_preset", "insurer")
    rows = [("保険金支払い業務", "保険金のお支払い金額に関するもの", 3), ("募集業務", "ご契約の引受制限に関するもの", 2),
            ("募集業務", "ご契約の更新手続きの連絡不十分・遅延に関するもの", 1), ("募集業務", "", 1)]
    insert_voices(store, [{"category_group": g, "category_item": i} for g, i, n in rows for _ in range(n)])
    found = dissatisfaction_by_category(store.conn, H1)
    assert found.two_level
    assert len(found.rows) == 25 + 1  # the preset's 25 items, and 募集業務 recorded without an item
    recorded = [(r.group, r.item, r.count) for r in found.rows if r.count]
    assert recorded == [
        ("募集業務", "ご契約の更新手続きの連絡不十分・遅延に関するもの", 1), ("募集業務", "ご契約の引受制限に関するもの", 2),
        ("募集業務", None, 1), ("保険金支払い業務", "保険金のお支払い金額に関するもの", 3)]
    assert [r.item for r in found.rows[:2]] == ["ご契約の更新手続きの連絡不十分・遅延に関するもの",
                                                 "ご契約の勧誘方法やご契約手続きに関するもの"]
    assert [(r.group, r.count) for r in found.by_group()] == [
        ("募集業務", 4), ("契約管理業務", 0), ("保険金支払い業務", 3), ("顧客情報", 0), ("その他", 0)]


def test_kind_and_category_follow_the_branch_that_received_the_voice(store):
    MasterData(store).save_branch("YOK", "横浜支店")
    insert_voices(store, [{"branch_code": "YOK", "category_group": "その他"}, {"category_group": "その他"},
                          {"branch_code": "YOK", "kind": "praise"}])
    assert voices_by_kind(store.conn, H1, "YOK").by_kind == {"praise": 1, "dissatisfaction": 1, "request": 0,
                                                             "other": 0}
    assert dissatisfaction_by_category(store.conn, H1, "HQ").total == 1
