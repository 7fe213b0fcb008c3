"""The elderly-sale records list, keyset-paged: newest sale first, 未完了のみ, seller, period, customer, with the age at the sale."""

from __future__ import annotations

import random
from datetime import date, datetime

import pytest

from agency_app.domain import elderly as X
from agency_app.domain.customer import CustomerInput
from agency_app.domain.elderly_entry import SaleInput
from agency_app.storage.customers import CustomerRepository
from agency_app.storage.elderly_list import ELDERLY_LIST, ElderlyFilter
from agency_app.storage.elderly_sales import ElderlySaleRepository
from keyset_checks import check_paging, walk_pages

NOW = datetime(2025, 11, 20, 10, 0)
SALE_DATES = ("2025/10/01", "2025/10/15", "2025/11/10", "2025/11/10", "2025/11/19")  # ties


@pytest.fixture
def sales(store, staff):
    """40 records of three customers by two sellers, many on the same sale date, a third of them complete."""
    rnd = random.Random(11)
    customers = CustomerRepository(store)
    people = {key: customers.create(CustomerInput(name=name, kana=kana, birth_date=birth), by=staff["sato"], now=NOW)
              for key, name, kana, birth in (("takahashi", "髙橋 𠮷子", "タカハシ ヨシコ", "1950/05/01"),
                                             ("yamazaki", "山﨑 一", "やまざき はじめ", "1940/05/01"),
                                             ("sato", "佐藤 花", "サトウ ハナ", "1945/11/15"))}
    repo = ElderlySaleRepository(store)
    uids = [repo.create(SaleInput(customer_id=rnd.choice(list(people.values())), sale_date=rnd.choice(SALE_DATES),
                                  product_line="life", seller_id=rnd.choice([staff["sato"], staff["suzuki"]]),
                                  product_name="終身保険"), by=staff["sato"], now=NOW)
            for _ in range(40)]
    with store.write():  # completeness straight in: the elderly rules are tested elsewhere
        for uid in uids[::3]:
            store.conn.execute("UPDATE elderly_sales SET is_complete = 1 WHERE uid = ?", (uid,))
    return {"repo": repo, "uids": uids, "customers": people}


def tab_rows(store, *, open_only=False, seller_id=None, start=None, end=None, customer_id=None) -> list[str]:
    """The elderly tab's rows worked out in Python from every record: its filters, newest sale first, and of
    one day the last entered first."""
    cursor = store.conn.execute("SELECT rowid, uid, is_complete, seller_id, customer_id, sale_date FROM elderly_sales")
    listed = [(sale_date, rowid, uid) for rowid, uid, complete, seller, customer, sale_date in cursor
              if (not open_only or not complete) and seller_id in (None, seller) and customer_id in (None, customer)
              and (start is None or sale_date >= start.isoformat()) and (end is None or sale_date <= end.isoformat())]
    return [uid for _, _, uid in sorted(listed, reverse=True)]


def options_list(staff, sales):
    return [{}, {"open_only": True}, {"seller_id": staff["suzuki"]},
            {"start": date(2025, 10, 15), "end": date(2025, 11, 10)},
            {"customer_id": sales["customers"]["yamazaki"], "open_only": True}]


def test_the_list_has_the_rows_and_order_of_the_elderly_tab(store, staff, sales):
    for options in options_list(staff, sales):
        expected = tab_rows(store, **options)
        assert expected, options
        assert walk_pages(ELDERLY_LIST.query(store.conn, ElderlyFilter(**options), page_size=6)) == expected


@pytest.mark.parametrize("text, customer", [("タカハシ", "takahashi"), ("たかはし", "takahashi"),
                                            ("高橋", "takahashi"), ("ヤマザキ", "yamazaki"), ("ﾔﾏｻﾞｷ", "yamazaki")])
def test_a_customers_name_or_kana_in_any_script_finds_their_records(store, sales, text, customer):
    expected = tab_rows(store, customer_id=sales["customers"][customer])
    assert walk_pages(ELDERLY_LIST.query(store.conn, ElderlyFilter(text=text), page_size=4)) == expected


def test_pages_positions_and_anchors_agree_across_ties_and_page_boundaries(store, staff, sales):
    for options in options_list(staff, sales)[:3]:
        flt = ElderlyFilter(**options)
        expected = walk_pages(ELDERLY_LIST.query(store.conn, flt))
        check_paging(ELDERLY_LIST, store.conn, flt, expected, page_size=4)


def test_a_row_carries_the_customer_seller_and_age_at_the_sale(store, sales):
    rows = ELDERLY_LIST.query(store.conn, ElderlyFilter()).rows(0, 100)
    assert len(rows) == 40
    for row in rows:
        old = sales["repo"].listed(row["uid"])  # as the tab's detail shows the record
        for key in ("customer_name", "customer_kana", "sale_date", "product_line", "measure", "is_complete",
                    "due_date", "seller_name", "age"):
            assert row[key] == old[key], key
    sato = [r for r in rows if r["customer_name"] == "佐藤 花"]  # born 1945-11-15: 80 from 2025-11-15 on
    assert {r["age"] for r in sato} == {79, 80}
    assert all(r["age"] == (80 if r["sale_date"] >= "2025-11-15" else 79) for r in sato)


def test_incomplete_only_reads_the_open_records_in_date_order_from_their_index(store, sales):
    sql = ELDERLY_LIST.query(store.conn, ElderlyFilter(open_only=True))._select("e.rowid", {}, purpose="page")
    plan = [r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql)]
    assert plan == ["SEARCH e USING COVERING INDEX elderly_sales_open_date (is_complete=?)"]


def test_newest_first_with_names_and_age_and_each_filter_on_a_small_list(store, staff):
    customers = CustomerRepository(store)
    old = customers.create(CustomerInput(name="髙橋 𠮷子", kana="タカハシ ヨシコ", birth_date="1950/05/01"),
                           by=staff["sato"], now=NOW)
    very_old = customers.create(CustomerInput(name="山﨑 一", kana="ヤマザキ ハジメ", birth_date="1940/05/01"),
                                by=staff["sato"], now=NOW)
    repo = ElderlySaleRepository(store)
    first = repo.create(SaleInput(customer_id=old, sale_date="2025/11/10", product_line="life", seller_id=staff["sato"],
                                  product_name="終身保険", face_to_face=False), by=staff["sato"], now=NOW)
    second = repo.create(SaleInput(customer_id=very_old, sale_date="2025/11/15", product_line="group",
                                   seller_id=staff["suzuki"], measure=X.WRITTEN_CHECK,
                                   written_confirmed_on="2025/11/18"), by=staff["suzuki"], now=NOW)

    def listed(**options) -> list[str]:
        return [r["uid"] for r in ELDERLY_LIST.query(store.conn, ElderlyFilter(**options)).rows(0, 10)]

    rows = ELDERLY_LIST.query(store.conn, ElderlyFilter()).first_page()
    assert [r["uid"] for r in rows] == [second, first]  # newest sale first
    assert (rows[1]["customer_name"], rows[1]["seller_name"], rows[1]["age"]) == ("髙橋 𠮷子", "佐藤 一郎", 75)
    assert listed(open_only=True) == [first]
    assert listed(seller_id=staff["suzuki"]) == [second]
    assert listed(start=date(2025, 11, 11), end=date(2025, 11, 30)) == [second]
    assert listed(start=date(2025, 11, 10), end=date(2025, 11, 15)) == [second, first]  # both ends are in it
    assert listed(customer_id=old) == [first]


def test_a_branch_lists_exactly_its_own_records_and_none_lists_every_office(store, sales):
    yokohama = set(sales["uids"][1::3])
    with store.write():
        for uid in yokohama:
            store.conn.execute("UPDATE elderly_sales SET branch_code = 'YOK' WHERE uid = ?", (uid,))
    for open_only in (False, True):
        everyone = walk_pages(ELDERLY_LIST.query(store.conn, ElderlyFilter(open_only=open_only)))
        only = walk_pages(ELDERLY_LIST.query(store.conn, ElderlyFilter(open_only=open_only, branch_code="YOK")))
        assert only == [uid for uid in everyone if uid in yokohama] and only
        assert everyone == tab_rows(store, open_only=open_only)
    assert set(walk_pages(ELDERLY_LIST.query(store.conn, ElderlyFilter()))) == set(sales["uids"])
