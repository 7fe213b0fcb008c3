"""Counts (R23): seed 004's H1 FY2025 elderly and relative-contact figures reproduced exactly; follow-up omissions."""

from __future__ import annotations

import pytest

from agency_app.domain.counting import Tally
from agency_app.domain.periods import HALF, MONTH, QUARTER, Period
from agency_app.storage.counts import (
    CLOSED_LATE, REOPENED, elderly_sales_counts, follow_up_omissions, relative_contact_counts,
)
from agency_app.storage.ids import new_uid
from agency_app.storage.masters import MasterData

H1 = Period(2025, HALF, 1)
H2 = Period(2025, HALF, 2)
STAMP = "2025-04-01 09:00"


def insert_many(store, table: str, rows: list[dict]) -> list[str]:
    """Rows written in one transaction, with the record columns set as the application sets them."""
    full = [dict({"uid": new_uid(), "origin_branch": "HQ", "branch_code": "HQ", "created_at": STAMP,
                  "updated_at": STAMP, "updated_by": None}, **row) for row in rows]
    with store.write() as db:
        for row in full:
            db.conn.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                            list(row.values()))
    return [r["uid"] for r in full]


def update(store, table: str, uid: str, at: str, **values) -> None:
    """A later change, stamped `at`, so the audit triggers record it as the application would."""
    sets = ", ".join(f"{k} = ?" for k in values)
    with store.write() as db:
        db.conn.execute(f"UPDATE {table} SET {sets}, updated_at = ?, updated_by = NULL WHERE uid = ?",
                        [*values.values(), at, uid])


@pytest.fixture
def seed_004(store, staff):
    """Seed 004's H1 FY2025 (2025-04-01..09-30), agency-wide (one of each kind made at the Yokohama branch):
    111 life/non-life elderly sales by measure, 960 group, 70 relative contacts (生保 28 by meeting, 損保 42 by
    mail) and one refusal — plus records just outside the half that must not be counted."""
    MasterData(store).save_branch("YOK", "横浜支店")
    with store.write() as db:
        db.conn.execute("INSERT INTO elderly_rules (uid, rules_version, rules, effective_from, origin_branch, "
                        "created_at, updated_at) VALUES ('r1', 1, '{}', '2024-04-01', 'HQ', ?, ?)", (STAMP, STAMP))
    [customer] = insert_many(store, "customers", [{"name": "髙橋 𠮷子", "birth_date": "1945-05-05"}])
    seller = staff["sato"]
    plan = [  # (product line, measure, how many, how many of them incomplete)
        ("life", "relative_present", 7, 0), ("nonlife_auto", "relative_present", 5, 1),
        ("life", "second_agent", 12, 0), ("nonlife_fire", "second_agent", 8, 0),
        ("life", "multiple_meetings", 13, 2),
        ("life", "phone_check", 30, 0), ("nonlife_accident", "phone_check", 36, 3),
        ("group", "phone_check", 750, 5), ("group", "written_check", 210, 0),
    ]
    rows = []
    for k, (line, measure, n, open_n) in enumerate(plan):
        for i in range(n):
            day = f"2025-{4 + (i + k) % 6:02d}-{1 + i % 28:02d}"  # spread over April–September
            rows.append({"customer_id": customer, "sale_date": day, "product_line": line, "seller_id": seller,
                         "face_to_face": 1, "measure": measure, "rules_version": 1,
                         "is_complete": 0 if i < open_n else 1, "branch_code": "YOK" if k == i == 0 else "HQ"})
    rows.append({"customer_id": customer, "sale_date": "2025-09-30", "product_line": "life", "seller_id": seller,
                 "face_to_face": 1, "measure": None, "rules_version": 1, "is_complete": 0})  # not chosen yet
    outside = [("2025-03-31", "HQ"), ("2025-10-01", "HQ")]
    rows += [{"customer_id": customer, "sale_date": day, "product_line": "life", "seller_id": seller,
              "face_to_face": 1, "measure": "relative_present", "rules_version": 1, "is_complete": 1,
              "branch_code": branch} for day, branch in outside]
    insert_many(store, "elderly_sales", rows)

    contacts = ([("life", "registered", "meeting")] * 28 + [("nonlife_auto", "registered", "mail")] * 30
                + [("nonlife_fire", "registered", "mail")] * 12 + [("life", "declined", "meeting")])
    relatives = [{"customer_id": customer, "product_line": line, "outcome": outcome, "obtained_by": how,
                  "recorded_on": f"2025-{4 + i % 6:02d}-15", "branch_code": "YOK" if i == 0 else "HQ",
                  "relative_name": "髙橋 一郎" if outcome == "registered"
                  else "", "decline_reason": "ご家族に知らせたくないとのこと" if outcome == "declined" else ""}
                 for i, (line, outcome, how) in enumerate(contacts)]
    relatives += [{"customer_id": customer, "product_line": "life", "outcome": "registered", "obtained_by": "mail",
                   "recorded_on": day, "branch_code": branch} for day, branch in outside]
    insert_many(store, "relative_contacts", relatives)
    return store


def test_elderly_counts_reproduce_seed_004_h1_fy2025(seed_004):
    table = elderly_sales_counts(seed_004.conn, H1)
    life_nonlife = table.merged({"ln": ("life", "nonlife"), "group": ("group",)})
    assert {r: life_nonlife.cell(r, "ln").total for r in life_nonlife.rows} == {
        "relative_present": 12, "multiple_meetings": 13, "second_agent": 20, "phone_check": 66,
        "written_check": 0, "none": 1}
    assert {r: life_nonlife.cell(r, "group").total for r in life_nonlife.rows} == {
        "relative_present": 0, "multiple_meetings": 0, "second_agent": 0, "phone_check": 750,
        "written_check": 210, "none": 0}
    measured = [r for r in table.rows if r != "none"]
    assert sum(table.row_total(r, ("life", "nonlife")).total for r in measured) == 111
    assert table.column_total("group").total == 960
    assert table.cell("phone_check", "life") == Tally(30, 30)
    assert table.cell("phone_check", "nonlife") == Tally(36, 33)
    assert table.row_total("phone_check").incomplete == 8
    assert table.cell("none", "life") == Tally(1, 0)  # a record without a measure yet is an open follow-up
    assert table.grand_total() == Tally(1072, 1060)


def test_relative_contacts_reproduce_seed_004(seed_004):
    counts = relative_contact_counts(seed_004.conn, H1)
    assert counts.registered == 70
    assert counts.count("registered", "life", "meeting") == 28
    assert counts.count("registered", "nonlife", "mail") == 42
    assert counts.count("registered", "life", "mail") == 0
    assert counts.count("registered", "group") == 0
    assert counts.declined == 1 == counts.count("declined", "life", "meeting")


def test_period_and_branch_filters(seed_004):
    conn = seed_004.conn
    fy2025 = Period(2025)
    assert elderly_sales_counts(conn, fy2025).grand_total().total == 1072 + 1  # + October
    assert elderly_sales_counts(conn, fy2025, "HQ").grand_total().total == 1072 + 1 - 1  # without Yokohama's
    assert elderly_sales_counts(conn, fy2025, "YOK").grand_total() == Tally(1, 1)
    assert elderly_sales_counts(conn, H1, "YOK").cell("relative_present", "life") == Tally(1, 1)
    assert elderly_sales_counts(conn, H2).grand_total().total == 1
    assert elderly_sales_counts(conn, Period(2024)).grand_total().total == 1  # 2025-03-31 is FY2024
    assert elderly_sales_counts(conn, H1, "HQ").grand_total().total == 1071
    assert elderly_sales_counts(conn, Period(2025, MONTH, 9)).cell("none", "life").total == 1
    assert relative_contact_counts(conn, H1, "YOK").registered == 1
    assert relative_contact_counts(conn, H1, "HQ").registered == 69
    assert relative_contact_counts(conn, H1, "HQ").count("registered", "nonlife", "mail") == 42
    assert relative_contact_counts(conn, Period(2025, QUARTER, 3)).registered == 1  # 2025-10-01
    assert relative_contact_counts(conn, Period(2024)).registered == 1  # 2025-03-31
    assert relative_contact_counts(conn, Period(2026)).cells == {}


@pytest.fixture
def omissions(store, staff):
    """Voices and cases of H1 FY2025 closed late, on time, reopened after 完了 or after 見送り."""
    sato = staff["sato"]
    voice = {"origin_branch": "HQ", "channel": "phone", "kind": "dissatisfaction", "received_by": sato}

    def voices(*rows):
        return insert_many(store, "voices", [dict(voice, **r) for r in rows])

    late, on_time, dropped_late, reopened, reopen_dropped, other_period, yok_late = voices(
        {"received_at": "2025-05-01 10:00", "summary": "更新案内の遅れ（期限後に完了）", "due_date": "2025-05-08",
         "status": "done", "response": "対応済", "completed_on": "2025-05-12", "completed_by": sato},
        {"received_at": "2025-05-02 10:00", "summary": "期限内に完了", "due_date": "2025-05-09",
         "status": "done", "response": "対応済", "completed_on": "2025-05-09", "completed_by": sato},
        {"received_at": "2025-06-01 10:00", "summary": "見送り（日付なし）🙏", "due_date": "2025-06-05",
         "status": "new"},
        {"received_at": "2025-07-01 10:00", "summary": "済にしたが未対応だった", "due_date": "2025-07-10",
         "status": "done", "response": "済", "completed_on": "2025-07-03", "completed_by": sato},
        {"received_at": "2025-07-02 10:00", "summary": "見送りから再開", "due_date": "2025-07-10",
         "status": "dropped", "close_reason": "不要", "completed_on": "2025-07-03"},
        {"received_at": "2025-10-01 10:00", "summary": "下期の遅延", "due_date": "2025-10-02",
         "status": "done", "response": "済", "completed_on": "2025-10-20", "completed_by": sato},
        {"received_at": "2025-05-01 10:00", "summary": "横浜の遅延", "due_date": "2025-05-02", "branch_code": "YOK",
         "status": "done", "response": "済", "completed_on": "2025-05-20", "completed_by": sato},
    )
    update(store, "voices", dropped_late, "2025-06-20 15:00", status="dropped", close_reason="お客様のご都合")
    update(store, "voices", reopened, "2025-07-15 09:30", status="in_progress", completed_on=None,
           completed_by=None, reopen_count=1)
    update(store, "voices", reopen_dropped, "2025-07-15 09:30", status="in_progress", completed_on=None,
           reopen_count=1)
    case = {"case_type": "address_change", "opened_on": "2025-08-01", "due_date": "2025-08-06"}
    case_late, case_reopened = insert_many(store, "cases", [
        dict(case, title="住所変更（自社システム未更新）", status="done", response="済", completed_on="2025-08-20",
             completed_by=sato),
        dict(case, title="住所変更（再開）", status="done", response="済", completed_on="2025-08-05",
             completed_by=sato)])
    update(store, "cases", case_reopened, "2025-09-01 11:00", status="in_progress", completed_on=None, reopen_count=1)
    update(store, "cases", case_reopened, "2025-09-02 11:00", status="done", completed_on="2025-09-02")
    update(store, "cases", case_reopened, "2025-09-03 11:00", status="in_progress", completed_on=None, reopen_count=2)
    return store, dict(late=late, on_time=on_time, dropped_late=dropped_late, reopened=reopened,
                       reopen_dropped=reopen_dropped, other_period=other_period, yok_late=yok_late,
                       case_late=case_late, case_reopened=case_reopened)


def test_omissions_closed_late_and_reopened_after_done(omissions):
    store, u = omissions
    found = follow_up_omissions(store.conn, H1, "HQ")
    by_reason = {(r.reason, r.uid) for r in found.records}
    assert by_reason == {(CLOSED_LATE, u["late"]), (CLOSED_LATE, u["dropped_late"]), (CLOSED_LATE, u["case_late"]),
                         (REOPENED, u["reopened"]), (REOPENED, u["case_reopened"])}
    assert found.count(CLOSED_LATE) == 3 and found.count(REOPENED) == 2
    assert found.count(kind="case") == 2 and found.records_affected == 5
    late = next(r for r in found.records if r.uid == u["late"])
    assert (late.kind, late.title, late.due_date, late.closed_on, late.status) == (
        "voice", "更新案内の遅れ（期限後に完了）", "2025-05-08", "2025-05-12", "done")
    dropped = next(r for r in found.records if r.uid == u["dropped_late"])
    assert (dropped.closed_on, dropped.title) == ("2025-06-20", "見送り（日付なし）🙏")  # from the audit log
    twice = next(r for r in found.records if r.uid == u["case_reopened"])
    assert (twice.kind, twice.closed_on, twice.status) == ("case", "2025-09-01", "in_progress")  # once, first day


def test_on_time_and_reopen_from_dropped_are_not_omissions(omissions):
    store, u = omissions
    uids = {r.uid for r in follow_up_omissions(store.conn, Period(2025)).records}
    assert u["on_time"] not in uids
    assert u["reopen_dropped"] not in uids


def test_omissions_follow_period_and_branch(omissions):
    store, u = omissions
    assert {r.uid for r in follow_up_omissions(store.conn, H2).records} == {u["other_period"]}
    assert {r.uid for r in follow_up_omissions(store.conn, H1, "YOK").records} == {u["yok_late"]}
    assert follow_up_omissions(store.conn, H1).count(CLOSED_LATE) == 4  # all branches
    assert follow_up_omissions(store.conn, Period(2025, MONTH, 8)).count(kind="case") == 2
    assert follow_up_omissions(store.conn, Period(2024)).records == ()
