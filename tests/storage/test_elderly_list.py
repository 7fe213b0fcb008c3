"""The elderly-sale records list, keyset-paged: newest sale first, 未完了のみ, seller, period, customer, with the age at the sale."""

from __future__ import annotations

import random
from datetime import date, datetime

import pytest

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


def options_list(staff, sales):
    return [{}, {"open_only": True}, {"seller_id": staff["suzuki"]},
            {"start": date(2025, 10, 15), "end": date(2025, 11, 10)},
            {"customer_id": sales["customers"]["yamazaki"], "open_only": True}]


def test_the_list_has_the_rows_and_order_of_the_elderly_tab(store, staff, sales):
    for options in options_list(staff, sales):
        expected = [r["uid"] for r in sales["repo"].list_sales(**options)]
        assert expected, options
        assert walk_pages(ELDERLY_LIST.query(store.conn, ElderlyFilter(**options), page_size=6)) == expected


@pytest.mark.parametrize("text, customer", [("タカハシ", "takahashi"), ("たかはし", "takahashi"),
                                            ("高橋", "takahashi"), ("ヤマザキ", "yamazaki"), ("ﾔﾏｻﾞｷ", "yamazaki")])
def test_a_customers_name_or_kana_in_any_script_finds_their_records(store, sales, text, customer):
    expected = [r["uid"] for r in sales["repo"].list_sales(customer_id=sales["customers"][customer])]
    assert walk_pages(ELDERLY_LIST.query(store.conn, ElderlyFilter(text=text), page_size=4)) == expected


def test_pages_positions_and_anchors_agree_across_ties_and_page_boundaries(store, staff, sales):
    for options in options_list(staff, sales)[:3]:
        flt = ElderlyFilter(**options)
        expected = walk_pages(ELDERLY_LIST.query(store.conn, flt))
        check_paging(ELDERLY_LIST, store.conn, flt, expected, page_size=4)


def test_a_row_carries_the_customer_seller_and_age_at_the_sale(store, sales):
    listed = {r["uid"]: r for r in sales["repo"].list_sales()}
    rows = ELDERLY_LIST.query(store.conn, ElderlyFilter()).rows(0, 100)
    assert len(rows) == 40
    for row in rows:
        old = listed[row["uid"]]
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
