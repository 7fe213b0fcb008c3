"""The quarterly insurer report reproduces the published tables (seeds 000, 001, 002) for one insurer or all of them."""

from __future__ import annotations

from decimal import Decimal

from agency_app.domain.periods import YEAR_TO_DATE, Period
from agency_app.reports.insurer_report import ALL_INSURERS, MASK, insurer_report
from agency_app.reports.plain_text import render_text
from agency_app.reports.report import TOTAL
from agency_app.storage.ids import new_uid
from tests.storage.test_counts import insert_many

SEED_002 = {"満期案内・契約手続関連": 115, "変更・解約・保全関連": 103, "保険料収納関連": 12, "保険金関連": 34,
            "個人情報関連": 4, "その他": 81}
STAMP = "2025-04-01 09:00"
INSURER = "東京海上日動"


def insert_voices(store, rows: list[dict]) -> None:
    """Voices written as the application stores them (audited by the triggers), in one transaction."""
    base = {"origin_branch": "HQ", "branch_code": "HQ", "channel": "phone", "kind": "dissatisfaction",
            "summary": "声", "received_at": "2025-05-01 10:00", "created_at": STAMP, "updated_at": STAMP,
            "status": "done", "completed_on": "2025-05-02", "insurer": INSURER}
    with store.write() as db:
        for row in rows:
            full = dict(base, uid=new_uid(), **row)
            db.conn.execute(f"INSERT INTO voices ({', '.join(full)}) VALUES ({', '.join('?' * len(full))})",
                            list(full.values()))


def texts(block, key: str) -> dict:
    return {row[0]: row[1:] for row in block.section(key).texts()}


def test_seed_002_table_with_counts_and_shares_in_both_blocks(store):
    insert_voices(store, [{"kind": "praise"} for _ in range(210)]
                  + [{"category_group": group} for group, n in SEED_002.items() for _ in range(n)])
    report = insurer_report(store.conn, 2025, 1, INSURER)
    quarter, to_date = report.blocks
    assert (quarter.period.start.isoformat(), quarter.period.end.isoformat()) == ("2025-04-01", "2025-06-30")
    for block in report.blocks:
        kinds = texts(block, "voices_by_kind")
        assert (kinds["感謝"], kinds["不満"], kinds["計"]) == (["210", "37.6%"], ["349", "62.4%"], ["559", "100.0%"])
        categories = block.section("dissatisfaction_by_category")
        assert [row[:3] for row in categories.texts()] == [
            ["満期案内・契約手続関連", "115", "33.0%"], ["変更・解約・保全関連", "103", "29.5%"],
            ["保険料収納関連", "12", "3.4%"], ["保険金関連", "34", "9.7%"], ["個人情報関連", "4", "1.1%"],
            ["その他", "81", "23.2%"], ["計", "349", "100.0%"]]
        # R28: rounded from the exact counts, so the column adds up to 99.9, not forced to 100.0.
        assert sum(row.values[1] for row in categories.rows if row.role != TOTAL) == Decimal("99.9")


def test_the_year_to_date_block_runs_from_april_to_the_quarters_end(store):
    insert_voices(store, [{"kind": "praise", "received_at": day} for day in
                          ("2025-03-31 23:59", "2025-04-01 00:00", "2025-09-30 12:00", "2025-12-31 23:59",
                           "2026-01-01 00:00")])
    quarter, to_date = insurer_report(store.conn, 2025, 3, INSURER).blocks
    assert to_date.period == Period(2025, YEAR_TO_DATE, 3)
    assert (to_date.period.start.isoformat(), to_date.period.end.isoformat()) == ("2025-04-01", "2025-12-31")
    assert texts(quarter, "voices_by_kind")["計"][0] == "1"
    assert texts(to_date, "voices_by_kind")["計"][0] == "3"
    assert to_date.period_text() == "2025年度 累計（Q1〜Q3）（2025/04/01〜2025/12/31）"


def test_an_item_under_several_groups_is_counted_under_each_group_as_seed_001(store):
    item = "社員や代理店の言葉遣い・マナーに関するもの"
    insert_voices(store, [{"category_group": "募集業務", "category_item": item} for _ in range(3)]
                  + [{"category_group": "保険金支払い業務", "category_item": item} for _ in range(2)])
    quarter, _ = insurer_report(store.conn, 2025, 1, INSURER).blocks
    items = texts(quarter, "dissatisfaction_by_item")
    assert items[f"募集業務 ／ {item}"][:2] == ["3", "100.0%"]
    assert items[f"保険金支払い業務 ／ {item}"][:2] == ["2", "100.0%"]
    groups = texts(quarter, "dissatisfaction_by_category")
    assert (groups["募集業務"][:2], groups["保険金支払い業務"][:2]) == (["3", "60.0%"], ["2", "40.0%"])


def seed_000_rows(quarter_start: str = "2025-04-01") -> list[dict]:
    """Seed 000's figures moved to Q1 FY2025: 106 carried over (32 完了, 9 見送り, 65 対応中), 172 received (35, 5, 132)."""
    rows = []
    rows += [dict(received_at="2025-02-10 10:00", completed_on=f"2025-{4 + i % 3:02d}-20") for i in range(32)]
    rows += [dict(received_at="2025-03-31 17:00", status="dropped", completed_on="2025-04-01", close_reason="ご意向")
             for _ in range(9)]
    rows += [dict(received_at="2024-11-02 10:00", status="in_progress", completed_on=None) for _ in range(40)]
    rows += [dict(received_at="2024-12-01 10:00", status="new", completed_on=None) for _ in range(5)]
    rows += [dict(received_at="2025-02-01 10:00", completed_on="2025-07-01") for _ in range(20)]  # after Q1
    rows += [dict(received_at="2025-04-01 00:00", completed_on="2025-06-30") for _ in range(35)]
    rows += [dict(received_at="2025-06-30 23:59", status="dropped", completed_on="2025-06-30", close_reason="ご意向")
             for _ in range(5)]
    rows += [dict(received_at="2025-05-07 10:00", status="in_progress", completed_on=None) for _ in range(100)]
    rows += [dict(received_at="2025-06-01 10:00", completed_on="2025-07-01") for _ in range(32)]  # the day after
    rows += [dict(received_at="2024-06-01 10:00", completed_on="2025-03-31") for _ in range(50)]  # closed before
    rows += [dict(received_at="2025-07-01 00:00", status="new", completed_on=None) for _ in range(7)]  # after
    return rows


def test_seed_000_status_by_origin_as_of_the_quarters_last_day(store):
    insert_voices(store, seed_000_rows())
    quarter, to_date = insurer_report(store.conn, 2025, 1, INSURER).blocks
    status = quarter.section("status_by_origin")
    assert status.header() == ["区分", "完了", "構成比", "見送り", "構成比", "対応中", "構成比", "計"]
    assert status.texts() == [
        ["前期からの繰越", "32", "30.2%", "9", "8.5%", "65", "61.3%", "106"],
        ["期間内の受付", "35", "20.3%", "5", "2.9%", "132", "76.7%", "172"],
        ["計", "67", "24.1%", "14", "5.0%", "197", "70.9%", "278"]]
    assert to_date.section("status_by_origin").texts() == status.texts()  # Q1's year to date is Q1


def test_a_voice_closed_the_day_after_the_quarter_counts_as_open_and_as_done_in_the_year_to_date(store):
    insert_voices(store, [dict(received_at="2025-09-10 10:00", completed_on="2025-10-01")])
    quarter, _ = insurer_report(store.conn, 2025, 2, INSURER).blocks
    assert texts(quarter, "status_by_origin")["期間内の受付"] == ["0", "0.0%", "0", "0.0%", "1", "100.0%", "1"]
    next_quarter, to_date = insurer_report(store.conn, 2025, 3, INSURER).blocks
    assert texts(next_quarter, "status_by_origin")["前期からの繰越"][:2] == ["1", "100.0%"]
    assert texts(to_date, "status_by_origin")["期間内の受付"][:2] == ["1", "100.0%"]


def test_one_insurers_report_counts_only_its_voices_the_all_insurers_report_also_those_of_none(store):
    insert_voices(store, [{"kind": "praise"} for _ in range(3)]
                  + [{"kind": "praise", "insurer": "損害保険ジャパン"} for _ in range(2)]
                  + [{"kind": "praise", "insurer": None} for _ in range(4)]
                  + [{"category_group": "保険金関連", "insurer": None, "status": "in_progress", "completed_on": None}])
    mine, _ = insurer_report(store.conn, 2025, 1, INSURER).blocks
    assert texts(mine, "voices_by_kind")["計"][0] == "3"
    assert texts(mine, "status_by_origin")["計"][-1] == "3"
    assert len(mine.section("voice_list").rows) == 3
    everyone = insurer_report(store.conn, 2025, 1)
    block, _ = everyone.blocks
    assert everyone.insurer_text() == ALL_INSURERS and ALL_INSURERS in block.title
    assert texts(block, "voices_by_kind")["計"][0] == "10"
    assert texts(block, "dissatisfaction_by_category")["保険金関連"][0] == "1"
    assert texts(block, "status_by_origin")["計"][4:] == ["1", "10.0%", "10"]
    assert [row.values[2] for row in block.section("voice_list").rows].count("（保険会社なし）") == 5


def test_elderly_sales_and_improvements_follow_the_insurer(store, staff):
    with store.write() as db:
        db.conn.execute("INSERT INTO elderly_rules (uid, rules_version, rules, effective_from, origin_branch, "
                        "created_at, updated_at) VALUES ('r1', 1, '{}', '2024-04-01', 'HQ', ?, ?)", (STAMP, STAMP))
    [customer] = insert_many(store, "customers", [{"name": "髙橋 𠮷子", "birth_date": "1945-05-05"}])
    sale = {"customer_id": customer, "sale_date": "2025-05-01", "product_line": "life", "seller_id": staff["sato"],
            "face_to_face": 1, "measure": "phone_check", "rules_version": 1, "is_complete": 1}
    insert_many(store, "elderly_sales", [dict(sale, insurer=INSURER), dict(sale, insurer=INSURER),
                                         dict(sale, insurer="損害保険ジャパン"), dict(sale, insurer=None)])
    insert_voices(store, [{"summary": "mine"}, {"summary": "theirs", "insurer": "損害保険ジャパン"}])
    voice = dict(store.conn.execute("SELECT summary, uid FROM voices"))
    done = {"title": "改善", "opened_on": "2025-04-10", "status": "done", "completed_on": "2025-06-01"}
    mine, theirs, unlinked = insert_many(store, "improvements", [done, done, done])
    with store.write() as db:  # the link has no branch of its own
        for improvement, summary in ((mine, "mine"), (theirs, "theirs")):
            db.conn.execute("INSERT INTO improvement_voices (uid, improvement_id, voice_id, origin_branch, "
                            "created_at, updated_at) VALUES (?, ?, ?, 'HQ', ?, ?)",
                            (new_uid(), improvement, voice[summary], STAMP, STAMP))
    quarter, _ = insurer_report(store.conn, 2025, 1, INSURER).blocks
    assert texts(quarter, "elderly_sales")["電話確認"][:3] == ["2", "0", "2"]
    assert texts(quarter, "improvements_by_branch")["計"] == ["1", "1", "0"]
    everyone, _ = insurer_report(store.conn, 2025, 1).blocks
    assert texts(everyone, "elderly_sales")["電話確認"][:3] == ["4", "0", "4"]
    assert texts(everyone, "improvements_by_branch")["計"] == ["3", "3", "0"]


def test_customer_names_are_masked_unless_asked_and_the_text_shows_both_blocks(store):
    insert_voices(store, [{"kind": "praise", "customer_name": "山田太郎", "summary": "丁寧な説明"}])
    masked, _ = insurer_report(store.conn, 2025, 1, INSURER).blocks
    assert masked.section("voice_list").texts()[0][:5] == ["2025/05/01", "感謝", "", INSURER, MASK]
    shown, _ = insurer_report(store.conn, 2025, 1, INSURER, with_personal_data=True).blocks
    assert shown.section("voice_list").texts()[0][4] == "山田太郎"
    text = "".join(render_text(block, lists=True) for block in insurer_report(store.conn, 2025, 1, INSURER).blocks)
    assert "山田太郎" not in text and "丁寧な説明" in text
    assert "2025年度 Q1（2025/04/01〜2025/06/30）" in text and "2025年度 累計（Q1〜Q1）" in text
