"""The counts report reproduces the published figures: seed 002's and 001's category shares, seed 000's status table."""

from __future__ import annotations

from decimal import Decimal

from agency_app.domain.counting import share
from agency_app.domain.periods import HALF, Period
from agency_app.reports.counts_report import category_sections, counts_report, status_section
from agency_app.reports.report import TOTAL
from agency_app.storage.ids import new_uid
from agency_app.storage.status_by_origin import StatusByOrigin
from agency_app.storage.voice_counts import CategoryCount, CategoryCounts

FY2019 = Period(2019)
SEED_002 = {"満期案内・契約手続関連": 115, "変更・解約・保全関連": 103, "保険料収納関連": 12, "保険金関連": 34,
            "個人情報関連": 4, "その他": 81}


def insert_voices(store, rows: list[dict]) -> None:
    stamp = "2019-04-01 09:00"
    base = {"origin_branch": "HQ", "branch_code": "HQ", "channel": "phone", "summary": "声",
            "received_at": "2019-07-01 10:00", "created_at": stamp, "updated_at": stamp, "status": "done",
            "completed_on": "2019-07-02"}
    with store.write() as db:
        for row in rows:
            full = dict(base, uid=new_uid(), **row)
            db.conn.execute(f"INSERT INTO voices ({', '.join(full)}) VALUES ({', '.join('?' * len(full))})",
                            list(full.values()))


def test_seed_002_fy2019_kinds_and_complaint_categories_with_shares(store):
    insert_voices(store, [{"kind": "praise"} for _ in range(210)]
                  + [{"kind": "dissatisfaction", "category_group": group} for group, n in SEED_002.items()
                     for _ in range(n)])
    report = counts_report(store.conn, FY2019)
    kinds = {row[0]: row[1:] for row in report.section("voices_by_kind").texts()}
    assert (kinds["感謝"], kinds["不満"], kinds["計"]) == (["210", "37.6%"], ["349", "62.4%"], ["559", "100.0%"])
    categories = report.section("dissatisfaction_by_category")
    assert [row[:3] for row in categories.texts()] == [
        ["満期案内・契約手続関連", "115", "33.0%"], ["変更・解約・保全関連", "103", "29.5%"],
        ["保険料収納関連", "12", "3.4%"], ["保険金関連", "34", "9.7%"], ["個人情報関連", "4", "1.1%"],
        ["その他", "81", "23.2%"], ["計", "349", "100.0%"]]
    # R28: the shares are rounded from the counts, so the column adds up to 99.9, not forced to 100.0.
    assert sum(row.values[1] for row in categories.rows if row.role != TOTAL) == Decimal("99.9")


def test_seed_001_fy2024_group_shares_of_37598_dissatisfied_voices():
    groups = {"募集業務": 6_690, "契約管理業務": 12_100, "保険金支払い業務": 15_018, "顧客情報": 215, "その他": 3_575}
    counts = CategoryCounts(tuple(CategoryCount(g, "item", n, 0) for g, n in groups.items()))
    by_group, by_item = category_sections(counts)
    assert [row[:3] for row in by_group.texts()] == [
        ["募集業務", "6,690", "17.8%"], ["契約管理業務", "12,100", "32.2%"], ["保険金支払い業務", "15,018", "39.9%"],
        ["顧客情報", "215", "0.6%"], ["その他", "3,575", "9.5%"], ["計", "37,598", "100.0%"]]
    assert by_item.texts()[0][:3] == ["募集業務 ／ item", "6,690", "100.0%"]  # the share within its group


def test_two_level_items_take_their_share_of_their_group():
    counts = CategoryCounts((CategoryCount("募集業務", "更新", 3, 1), CategoryCount("募集業務", None, 1, 0),
                             CategoryCount("その他", "その他", 4, 2)))
    by_group, by_item = category_sections(counts)
    assert by_group.texts() == [["募集業務", "4", "50.0%", "1"], ["その他", "4", "50.0%", "2"],
                                ["計", "8", "100.0%", "3"]]
    assert by_item.texts() == [["募集業務 ／ 更新", "3", "75.0%", "1"], ["募集業務 ／ （小分類なし）", "1", "25.0%", "0"],
                               ["その他 ／ その他", "4", "100.0%", "2"], ["計", "8", "―", "3"]]


def test_one_level_categories_make_one_table_and_a_voice_without_category_its_own_row():
    counts = CategoryCounts((CategoryCount("保険金関連", None, 2, 0), CategoryCount(None, None, 1, 1)))
    [section] = category_sections(counts)
    assert section.texts() == [["保険金関連", "2", "66.7%", "0"], ["未分類", "1", "33.3%", "1"],
                               ["計", "3", "100.0%", "1"]]


def test_seed_000_status_table_shares_of_each_row():
    counts = StatusByOrigin({"carried_over": {"done": 32, "dropped": 9, "open": 65},
                             "received": {"done": 35, "dropped": 5, "open": 132}})
    section = status_section(counts, Period(2022, HALF, 1))
    assert section.header() == ["区分", "完了", "構成比", "見送り", "構成比", "対応中", "構成比", "計"]
    assert section.texts() == [
        ["前期からの繰越", "32", "30.2%", "9", "8.5%", "65", "61.3%", "106"],
        ["期間内の受付", "35", "20.3%", "5", "2.9%", "132", "76.7%", "172"],
        ["計", "67", "24.1%", "14", "5.0%", "197", "70.9%", "278"]]
    # Seed 000 prints whole percents: the same counts rounded half-up to no decimals give its figures.
    assert [share(n, 106, 0) for n in (32, 9, 65)] == [30, 8, 61]
    assert [share(n, 172, 0) for n in (35, 5, 132)] == [20, 3, 77]
    assert [share(n, 278, 0) for n in (67, 14, 197)] == [24, 5, 71]
    assert "2022/09/30" in section.notes[0]


def test_an_empty_period_reads_zeros_and_dashes_not_errors(store):
    report = counts_report(store.conn, FY2019)
    assert report.section("voices_by_kind").texts()[-1] == ["計", "0", "―"]
    assert report.section("status_by_origin").texts()[-1] == ["計", "0", "―", "0", "―", "0", "―", "0"]
    assert report.section("omission_list").rows == ()
    assert (report.period_text(), report.branch_text()) == ("2019年度（2019/04/01〜2020/03/31）", "全拠点")
