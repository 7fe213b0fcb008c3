"""The cases list, keyset-paged: the cases tab's filters and order (overdue first, open before closed, by due date)."""

from __future__ import annotations

import random
from datetime import date, datetime

import pytest

from agency_app.domain import cases as C
from agency_app.domain import codes
from agency_app.domain.cases import CaseInput
from agency_app.domain.customer import CustomerInput
from agency_app.domain.text import fold_for_search, normalise_width
from agency_app.domain.workflow import is_overdue
from agency_app.storage.case_list import CASE_LIST, CaseFilter
from agency_app.storage.cases import CaseRepository
from agency_app.storage.customers import CustomerRepository
from keyset_checks import check_paging, walk_pages

NOW = datetime(2025, 11, 20, 10, 0)
TODAY = date(2025, 11, 27)
DUES = ("2025/11/10", "2025/11/26", "2025/11/27", "2025/11/28", "2025/12/15")  # ties, both sides of TODAY
TYPES = (C.ADDRESS_CHANGE, C.CLAIM, C.RENEWAL)
TITLES = ("住所変更の手続き", "事故の連絡", "満期のご案内", "100%補償の確認")


@pytest.fixture
def cases(store, staff):
    """60 cases of three types, two assignees and three customers, in every status, many sharing a due date."""
    rnd = random.Random(5)
    customers = CustomerRepository(store)
    people = [customers.create(CustomerInput(name=name, kana=kana), by=staff["sato"], now=NOW)
              for name, kana in (("𠮷田 花子", "ヨシダ ハナコ"), ("山田 太郎", "やまだ たろう"), ("佐藤 一", "サトウ ハジメ"))]
    repo = CaseRepository(store)
    uids = []
    for i in range(60):
        uid = repo.create(CaseInput(case_type=rnd.choice(TYPES), title=f"{rnd.choice(TITLES)} {i}",
                                    opened_on="2025/10/01", due_date=rnd.choice(DUES),
                                    customer_id=rnd.choice([*people, ""]),
                                    assignee_id=rnd.choice([staff["sato"], staff["suzuki"], ""])),
                          by=staff["sato"], now=NOW)
        uids.append(uid)
    with store.write():  # statuses straight in: the workflow's rules are tested elsewhere
        for uid in uids:
            store.conn.execute("UPDATE cases SET status = ? WHERE uid = ?",
                               (rnd.choice(("new", "in_progress", "done", "dropped")), uid))
    return {"repo": repo, "uids": uids, "customers": people}


def tab_rows(store, *, status=None, case_type=None, assignee_id=None, overdue_only=False, customer_id=None,
             text="") -> list[str]:
    """The cases tab's rows worked out in Python from every case: its filters, then open before closed, the
    earliest due date first (so the overdue come first), ties in the order the cases were entered."""
    needle = normalise_width(text).strip()

    def kept(case: dict) -> bool:
        is_open = case["status"] in codes.OPEN_STATUSES
        found = (needle in case["title"] or needle in (case["body"] or "") or needle in (case["name"] or "")
                 or fold_for_search(needle) in (case["search_key"] or ""))
        return ((status != "open" or is_open) and (status != "closed" or not is_open)
                and (status not in codes.STATUSES or case["status"] == status)
                and (not overdue_only or is_overdue(case["status"], case["due_date"], TODAY))
                and all(not wanted or case[column] == wanted for column, wanted in
                        (("case_type", case_type), ("assignee_id", assignee_id), ("customer_id", customer_id)))
                and (not needle or found))

    cursor = store.conn.execute("SELECT c.rowid, c.*, cu.name, cu.search_key FROM cases c "
                                "LEFT JOIN customers cu ON cu.uid = c.customer_id")
    names = [d[0] for d in cursor.description]
    cases = [dict(zip(names, row)) for row in cursor]
    listed = sorted((c for c in cases if kept(c)),
                    key=lambda c: (c["status"] not in codes.OPEN_STATUSES, c["due_date"] or "", c["rowid"]))
    return [c["uid"] for c in listed]


FILTERS = [
    {}, {"status": "open"}, {"status": "closed"}, {"status": "in_progress"}, {"overdue_only": True},
    {"case_type": C.CLAIM}, {"status": "open", "case_type": C.ADDRESS_CHANGE}, {"text": "事故"},
    {"text": "ヨシダ"}, {"text": "よしだ"}, {"text": "100%"}, {"text": "%"},
]


@pytest.mark.parametrize("options", FILTERS)
def test_the_list_has_the_rows_and_order_of_the_cases_tab(store, cases, options):
    expected = tab_rows(store, **options)
    assert expected, options
    flt = CaseFilter(**options, today=TODAY)
    assert walk_pages(CASE_LIST.query(store.conn, flt, page_size=7)) == expected


def test_assignee_and_customer_filters(store, staff, cases):
    for options in ({"assignee_id": staff["sato"]}, {"customer_id": cases["customers"][0]}):
        expected = tab_rows(store, **options)
        assert 0 < len(expected) < 60
        assert walk_pages(CASE_LIST.query(store.conn, CaseFilter(**options, today=TODAY), page_size=5)) == expected


def test_overdue_cases_come_first_then_open_then_closed(store, cases):
    rows = CASE_LIST.query(store.conn, CaseFilter(today=TODAY)).first_page()
    kinds = ["overdue" if r["overdue"] else "open" if r["status"] in ("new", "in_progress") else "closed"
             for r in rows]
    assert kinds == sorted(kinds, key=["overdue", "open", "closed"].index)
    assert kinds.count("overdue") > 3 and kinds.count("closed") > 3


@pytest.mark.parametrize("options", [{}, {"status": "open"}, {"status": "closed"}, {"text": "の"}])
def test_pages_positions_and_anchors_agree_across_ties_and_page_boundaries(store, cases, options):
    flt = CaseFilter(**options, today=TODAY)
    expected = walk_pages(CASE_LIST.query(store.conn, flt))
    assert len(expected) > 10
    check_paging(CASE_LIST, store.conn, flt, expected, page_size=4)


def test_newest_opened_first_is_another_order(store, staff, cases):
    repo = cases["repo"]
    late = repo.create(CaseInput(case_type=C.CLAIM, title="後から", opened_on="2025/11/25", due_date="2025/12/01"),
                       by=staff["sato"], now=datetime(2025, 11, 25, 9, 0))
    query = CASE_LIST.query(store.conn, CaseFilter(today=TODAY), sort="opened", page_size=9)
    uids = walk_pages(query)
    assert uids[0] == late and len(uids) == 61
    check_paging(CASE_LIST, store.conn, CaseFilter(today=TODAY), uids, page_size=9, sort="opened")


def test_a_row_carries_names_progress_and_overdue_as_the_tab_shows_them(store, staff, cases):
    repo = cases["repo"]
    with store.write():  # a few ticked steps, so progress is not always 0 of n
        for uid in cases["uids"][:12]:
            store.conn.execute("UPDATE case_steps SET done_at = '2025-11-21 10:00' WHERE uid = ?",
                               (repo.steps(uid)[0]["uid"],))
    staff_names = {uid: name for name, uid in (("佐藤 一郎", staff["sato"]), ("鈴木 次郎", staff["suzuki"]))}
    rows = CASE_LIST.query(store.conn, CaseFilter(today=TODAY), page_size=16).rows(0, 100)
    assert len(rows) == 60
    for row in rows:
        case, steps = repo.get(row["uid"]), repo.steps(row["uid"])
        for key in ("case_type", "title", "status", "due_date"):
            assert row[key] == case[key], key
        customer = store.conn.execute("SELECT name FROM customers WHERE uid = ?", (case["customer_id"],)).fetchone()
        assert row["customer_name"] == (customer[0] if customer else None)
        assert row["assignee_name"] == staff_names.get(case["assignee_id"])
        assert (row["open_steps"], row["total_steps"]) == (sum(1 for s in steps if s["done_at"] is None), len(steps))
        assert row["overdue"] is is_overdue(row["status"], row["due_date"], TODAY)
    assert any(0 < r["open_steps"] < r["total_steps"] for r in rows)


def test_overdue_first_with_names_and_progress_and_each_filter_on_a_small_list(store, staff):
    repo = CaseRepository(store)
    customer = CustomerRepository(store).create(CustomerInput(name="𠮷田 花子", kana="ヨシダ ハナコ"),
                                                by=staff["sato"], now=NOW)
    soon = repo.create(CaseInput(case_type=C.CLAIM, title="まだ先", opened_on="2025/11/20", due_date="2025/12/01",
                                 assignee_id=staff["suzuki"]), by=staff["sato"], now=NOW)
    late = repo.create(CaseInput(case_type=C.ADDRESS_CHANGE, title="期限切れ", opened_on="2025/11/20",
                                 due_date="2025/11/21", customer_id=customer, assignee_id=staff["sato"]),
                       by=staff["sato"], now=NOW)
    for step in repo.steps(late)[1:]:
        repo.set_step(step["uid"], True, by=staff["sato"], now=NOW)

    def listed(**options) -> list[str]:
        return [r["uid"] for r in CASE_LIST.query(store.conn, CaseFilter(**options, today=TODAY)).rows(0, 10)]

    rows = CASE_LIST.query(store.conn, CaseFilter(status="open", today=TODAY)).first_page()
    assert [r["uid"] for r in rows] == [late, soon]  # overdue first, though entered later
    assert (rows[0]["overdue"], rows[0]["customer_name"], rows[0]["assignee_name"]) == (True, "𠮷田 花子", "佐藤 一郎")
    assert (rows[0]["open_steps"], rows[0]["total_steps"]) == (1, 5)
    assert rows[1]["overdue"] is False
    assert listed(overdue_only=True) == [late]
    assert listed(case_type=C.CLAIM) == [soon]
    assert listed(assignee_id=staff["sato"]) == [late]
    assert listed(text="ヨシダ") == [late] and listed(text="先") == [soon] and listed(text="100%") == []
    assert listed(status="closed") == []


def test_pages_seek_in_the_order_index(store, cases):
    statements: list[str] = []
    query = CASE_LIST.query(store.conn, CaseFilter(status="open", today=TODAY), page_size=3)
    store.conn.set_trace_callback(statements.append)
    try:
        query.page(0), query.page(1)  # the second page seeks after the first page's last row
    finally:
        store.conn.set_trace_callback(None)
    for sql in statements:
        plan = [r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql)]
        keys = plan[:plan.index("SCAN p")]  # finding the page's cases, before their rows are read
        assert all("USING INDEX cases_list_order" in line for line in keys if line.startswith(("SEARCH c", "SCAN c")))
        assert keys[-1] != "USE TEMP B-TREE FOR ORDER BY", plan  # the index gives the order: no sort of the rest
    assert len(statements) == 2 and "UNION ALL" in statements[1]


# --- free text kept as typed, searched in any width (issue 8, point 13) -------------------------

def test_full_width_free_text_is_kept_and_found_by_either_width(store, staff):
    repo = CaseRepository(store)
    wide = repo.create(CaseInput(case_type=C.ADDRESS_CHANGE, title="転居（新住所 芝公園１－１）",
                                 body="新住所は芝公園１－１、ＡＢＣマンション", opened_on="2025-11-20", due_date="2025-11-27"),
                       by=staff["sato"], now=datetime(2025, 11, 20, 10, 0))
    narrow = repo.create(CaseInput(case_type=C.CLAIM, title="事故 2-3", body="ABC 1-1 付近", due_date="2025-11-27",
                                   opened_on="2025-11-20"), by=staff["sato"], now=datetime(2025, 11, 20, 10, 0))
    row = repo.get(wide)
    assert (row["title"], row["body"]) == ("転居（新住所 芝公園１－１）", "新住所は芝公園１－１、ＡＢＣマンション")

    def found(text: str) -> set[str]:
        return set(walk_pages(CASE_LIST.query(store.conn, CaseFilter(text=text, today=date(2025, 11, 20)))))

    assert found("1-1") == {wide, narrow} == found("１－１")
    assert found("abc") == {wide, narrow} == found("ＡＢＣ")
    assert found("２－３") == {narrow}
    entry = repo.as_input(wide)
    entry.body = "訂正：芝公園２－３"
    repo.update(wide, entry, by=staff["sato"], now=datetime(2025, 11, 21, 10, 0))
    assert repo.get(wide)["body"] == "訂正：芝公園２－３" and found("2-3") == {wide, narrow}


def test_a_block_number_typed_with_the_ime_long_vowel_mark_is_found_as_1_1(store, staff):
    """A Japanese IME in hiragana mode turns the '-' key into 'ー': 「芝公園１ー１」 is how 1-1 is often typed.
    Kept as typed; the search finds it by 1-1 or １－１, and a search typed 「１ー１」 finds a 1-1."""
    repo = CaseRepository(store)
    ime = repo.create(CaseInput(case_type=C.ADDRESS_CHANGE, title="転居", body="新住所は芝公園１ー１",
                                opened_on="2025-11-20", due_date="2025-11-27"), by=staff["sato"], now=NOW)
    plain = repo.create(CaseInput(case_type=C.CLAIM, title="事故 2-3", body="ABC 1-1 付近", due_date="2025-11-27",
                                  opened_on="2025-11-20"), by=staff["sato"], now=NOW)
    assert repo.get(ime)["body"] == "新住所は芝公園１ー１"

    def found(text: str) -> set[str]:
        return set(walk_pages(CASE_LIST.query(store.conn, CaseFilter(text=text, today=date(2025, 11, 20)))))

    assert found("1-1") == {ime, plain} == found("１－１") == found("１ー１") == found("1−1")
    assert found("コーナー") == set()  # a real long vowel mark is left alone


def move_to_branch(store, table: str, uids, code: str) -> None:
    """Records made by another office (head office imports them with their branch_code)."""
    with store.write():
        for uid in uids:
            store.conn.execute(f"UPDATE {table} SET branch_code = ? WHERE uid = ?", (code, uid))


def test_a_branch_lists_exactly_its_own_cases_in_the_tabs_order_and_none_lists_every_office(store, cases):
    yokohama = set(cases["uids"][::4])
    move_to_branch(store, "cases", yokohama, "YOK")
    for status in ("", "open", "closed"):
        everyone = walk_pages(CASE_LIST.query(store.conn, CaseFilter(status=status or None, today=TODAY)))
        only = walk_pages(CASE_LIST.query(store.conn, CaseFilter(status=status or None, today=TODAY,
                                                                 branch_code="YOK")))
        head = walk_pages(CASE_LIST.query(store.conn, CaseFilter(status=status or None, today=TODAY,
                                                                 branch_code="HQ")))
        assert only == [uid for uid in everyone if uid in yokohama]  # the same order, only that office's
        assert head == [uid for uid in everyone if uid not in yokohama]
    assert set(walk_pages(CASE_LIST.query(store.conn, CaseFilter(today=TODAY)))) == set(cases["uids"])
    assert CASE_LIST.query(store.conn, CaseFilter(today=TODAY, branch_code="OSA")).count() == 0
