"""A branch's quarterly figures are the same in its own report and in head office's consolidated report filtered to it (issue 14)."""

from __future__ import annotations

import pytest

from agency_app.reports.insurer_report import ALL_BRANCHES, insurer_report
from agency_app.reports.plain_text import render_text
from agency_app.storage.database import open_store
from agency_app.storage.masters import MasterData, initialise
from tests.storage.test_counts import insert_many, update

INSURER = "東京海上日動"
OTHER = "損保ジャパン"
STAMP = "2025-04-01 09:00"
BRANCH_NAMES = {"YOK": "横浜支店", "OSA": "大阪支店"}


def office_records(store, code: str, size: int) -> None:
    """One office's records, with fixed uids (the same rows whichever database holds them): voices of both insurers
    and of none, some carried over from March, closed and reopened within the quarter; improvements linked to them;
    elderly sales and relative contacts. `size` makes each office's figures its own."""
    row = {"branch_code": code, "origin_branch": code}
    insert_many(store, "staff", [dict(row, uid=f"{code}-staff", name=f"{code} 担当", kana="たんとう", team="損保",
                                      role="staff", active=1)])
    insert_many(store, "customers", [dict(row, uid=f"{code}-cust", name=f"{code} 花子", kana="ハナコ",
                                          birth_date="1944-05-05")])
    kinds = ("praise", "dissatisfaction", "request", "other")
    groups = ("満期案内・契約手続関連", "保険金関連", None)
    voices = []
    for i in range(size * 4):
        carried = i % 7 == 0
        voices.append(dict(
            row, uid=f"{code}-v{i}", channel="phone", kind=kinds[i % 4], summary=f"{code} 花子様より {i}",
            customer_name=f"{code} 花子", is_complaint=int(i % 8 == 1), category_group=groups[i % 3] if i % 4 == 1 else None,
            insurer=(INSURER, OTHER, None)[i % 3],
            received_at=("2025-03-2" if carried else "2025-05-1") + f"{i % 9} 10:00",
            created_at=STAMP, updated_at=STAMP, status=("new", "in_progress", "done", "dropped")[i % 4],
            completed_on="2025-06-20" if i % 4 == 2 else None))
    insert_many(store, "voices", voices)
    update(store, "voices", f"{code}-v2", "2025-06-25 10:00", status="in_progress", completed_on=None)  # reopened
    update(store, "voices", f"{code}-v5", "2025-07-02 10:00", status="done", completed_on="2025-07-02")  # after Q1
    improvements = [dict(row, uid=f"{code}-i{i}", team="損保", title=f"改善 {i}", opened_on=f"2025-0{4 + i % 3}-10",
                         status="done" if i % 2 else "new", completed_on="2025-06-28" if i % 2 else None,
                         owner_id=f"{code}-staff") for i in range(size)]
    insert_many(store, "improvements", improvements)
    with store.write() as db:  # a link has no office of its own
        db.conn.executemany("INSERT INTO improvement_voices (uid, improvement_id, voice_id, origin_branch, created_at, "
                            "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                            [(f"{code}-iv{i}", f"{code}-i{i}", f"{code}-v{i * 3}", code, STAMP, STAMP)
                             for i in range(size)])
    insert_many(store, "elderly_sales", [dict(
        row, uid=f"{code}-e{i}", customer_id=f"{code}-cust", sale_date=f"2025-0{4 + i % 3}-1{i % 9}",
        product_line=("life", "nonlife_auto")[i % 2], seller_id=f"{code}-staff", face_to_face=1,
        measure=("relative_present", "phone_check", None)[i % 3], rules_version=1, is_complete=i % 2,
        insurer=(INSURER, OTHER)[i % 2]) for i in range(size * 2)])
    insert_many(store, "relative_contacts", [dict(
        row, uid=f"{code}-r{i}", customer_id=f"{code}-cust", product_line="life",
        outcome="registered" if i % 3 else "declined", obtained_by=("meeting", "mail")[i % 2],
        relative_name=f"{code} 一郎" if i % 3 else "", recorded_on=f"2025-0{4 + i % 3}-15") for i in range(size)])


def rules(store) -> None:
    with store.write() as db:
        db.conn.execute("INSERT INTO elderly_rules (uid, rules_version, rules, effective_from, origin_branch, "
                        "created_at, updated_at) VALUES ('r1', 1, '{}', '2024-04-01', 'HQ', ?, ?)", (STAMP, STAMP))


@pytest.fixture
def head_office():
    """Head office's database after importing both offices: Yokohama's records and Osaka's."""
    store = open_store(":memory:")
    initialise(store)
    for code, name in BRANCH_NAMES.items():
        MasterData(store).save_branch(code, name)
    rules(store)
    office_records(store, "YOK", 5)
    office_records(store, "OSA", 3)
    yield store
    store.close()


@pytest.fixture
def yokohama():
    """Yokohama's own database: its records only."""
    store = open_store(":memory:")
    initialise(store, branch_code="YOK", branch_name="横浜支店", is_head_office=False)
    rules(store)
    office_records(store, "YOK", 5)
    yield store
    store.close()


@pytest.mark.parametrize("insurer", [None, INSURER, OTHER])
@pytest.mark.parametrize("quarter", [1, 2])
def test_head_offices_report_filtered_to_a_branch_is_the_branchs_own_report(head_office, yokohama, insurer, quarter):
    filtered = insurer_report(head_office.conn, 2025, quarter, insurer, branch_code="YOK")
    own = insurer_report(yokohama.conn, 2025, quarter, insurer)
    for mine, theirs in zip(filtered.blocks, own.blocks):
        assert mine.sections == theirs.sections  # every figure, note and listed voice, block by block
    assert filtered.branch == own.branch == "横浜支店（YOK）"
    assert own.blocks[1].section("voice_list").rows  # not two empty reports (the year to date has voices)
    named = insurer_report(yokohama.conn, 2025, quarter, insurer, branch_code="YOK")  # the branch's own, by code
    assert [block.sections for block in named.blocks] == [block.sections for block in own.blocks]


def test_the_consolidated_report_counts_every_office_and_differs_from_one_branchs(head_office):
    def total(report, key="voices_by_kind"):
        return report.blocks[0].section(key).rows[-1].values[0]

    every = insurer_report(head_office.conn, 2025, 1)
    yok, osa = (insurer_report(head_office.conn, 2025, 1, branch_code=code) for code in ("YOK", "OSA"))
    assert every.branch == ALL_BRANCHES
    assert 0 < total(osa) < total(yok) < total(every) == total(yok) + total(osa)
    assert len(every.blocks[0].section("voice_list").rows) == \
        len(yok.blocks[0].section("voice_list").rows) + len(osa.blocks[0].section("voice_list").rows)
    assert {row.record.uid[:3] for row in osa.blocks[0].section("voice_list").rows} == {"OSA"}


def test_the_text_names_the_branch_chosen(head_office):
    text = render_text(insurer_report(head_office.conn, 2025, 1, branch_code="OSA").blocks[0])
    assert "拠点: 大阪支店（OSA）" in text.splitlines()[1]
