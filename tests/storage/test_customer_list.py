"""The customers list, keyset-paged: every match of a search page by page (not the first 50), best matches first."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from agency_app.domain.customer import CustomerInput
from agency_app.storage.customer_list import CUSTOMER_LIST, CustomerFilter
from agency_app.storage.customers import CustomerRepository
from keyset_checks import check_paging, walk_pages

T0 = datetime(2026, 2, 1, 9, 0)
SURNAMES = [("山田", "やまだ"), ("小山田", "おやまだ"), ("山本", "ヤマモト"), ("佐藤", "サトウ"), ("高山", "たかやま")]
GIVEN = [("太郎", "たろう"), ("花子", "はなこ"), ("一", "はじめ")]


@pytest.fixture
def repo(store):
    return CustomerRepository(store)


@pytest.fixture
def many(repo, staff):
    """150 customers: many share a name and kana (ties), many share their update time (ties), 10 retired."""
    rnd = random.Random(3)
    uids = []
    for i in range(150):
        (family, family_kana), (given, given_kana) = rnd.choice(SURNAMES), rnd.choice(GIVEN)
        phone = f"090-{rnd.choice(('1234', '5678', '1212')):s}-{i:04d}"
        uids.append(repo.create(CustomerInput(name=f"{family} {given}", kana=f"{family_kana} {given_kana}",
                                              phone=phone), by=staff["sato"], now=T0 + timedelta(minutes=i // 7)))
    for uid in uids[::15]:
        repo.set_active(uid, False, by=staff["sato"], now=T0 + timedelta(days=1))
    return uids


def uids_of(conn, text: str, page_size: int = 256) -> list[str]:
    return walk_pages(CUSTOMER_LIST.query(conn, CustomerFilter(text), page_size=page_size))


def test_a_search_with_more_than_50_matches_returns_every_one_page_by_page(store, repo, many):
    expected = {r[0] for r in store.conn.execute(
        "SELECT uid FROM customers WHERE active = 1 AND (kana LIKE 'やまだ%' OR kana LIKE 'おやまだ%')")}
    assert len(expected) > 50 and len(repo.search("ヤマダ")) == 50  # the old search stops at 50
    query = CUSTOMER_LIST.query(store.conn, CustomerFilter("ヤマダ"), page_size=20)
    pages = [[r["uid"] for r in query.page(i)] for i in range(len(expected) // 20 + 1)]
    assert [len(p) for p in pages] == [20] * (len(expected) // 20) + [len(expected) % 20]
    assert {u for p in pages for u in p} == expected and len(sum(pages, [])) == len(expected)
    assert query.count() == len(expected)


@pytest.mark.parametrize("text", ["ヤマダ", "やまだ", "ﾔﾏﾀﾞ", "山", "たろう", "やまだ　はなこ", "1234", "090-12", "00"])
def test_matches_come_in_the_order_of_the_customer_search_best_first(store, repo, many, text):
    def key(row):  # what the user sees ordered: a start of name or kana first, then kana, then name
        return row["kana"], row["name"]

    old = repo.search(text, limit=10_000)
    paged = CUSTOMER_LIST.query(store.conn, CustomerFilter(text), page_size=9).rows(0, 10_000)
    assert [r["uid"] for r in paged] and sorted(r["uid"] for r in paged) == sorted(r["uid"] for r in old)
    assert [key(r) for r in paged] == [key(r) for r in old]  # ties (equal kana and name) may differ in order


def test_a_name_starting_with_the_text_comes_before_one_containing_it(store, repo, staff):
    inside = repo.create(CustomerInput(name="小山田 一", kana="おやまだ はじめ"), by=staff["sato"], now=T0)
    starts = repo.create(CustomerInput(name="山田 太郎", kana="やまだ たろう"), by=staff["sato"], now=T0)
    later = repo.create(CustomerInput(name="佐藤 山田", kana="さとう やまだ"), by=staff["sato"], now=T0)
    # おやまだ sorts before やまだ by kana, but a start of the name or kana comes first; a given name is
    # inside the folded key (サトウヤマダ), so it ranks with the other inner matches, by kana.
    assert uids_of(store.conn, "やまだ") == [starts, inside, later]


@pytest.mark.parametrize("text", ["やまだ", "1234", "", "ハナコ"])
def test_pages_positions_and_anchors_agree_across_ties_and_page_boundaries(store, many, text):
    expected = uids_of(store.conn, text)
    assert len(expected) > 14
    check_paging(CUSTOMER_LIST, store.conn, CustomerFilter(text), expected, page_size=7)


def test_empty_text_lists_every_active_customer_in_kana_order(store, repo, many, staff):
    from agency_app.domain.kana_order import kana_order_key
    listed = CUSTOMER_LIST.query(store.conn, CustomerFilter(""), page_size=7).rows(0, 10_000)
    keys = [kana_order_key(r["kana"], r["name"]) for r in listed]
    assert len(listed) == 140 and keys == sorted(keys)
    assert [r["kana"].split()[0] for r in listed][:1] == ["おやまだ"]  # オ before サ, タ, ヤ
    retired = many[0]
    assert retired not in [r["uid"] for r in listed]
    first = repo.create(CustomerInput(name="青木 一", kana="あおき はじめ"), by=staff["sato"], now=T0)
    assert uids_of(store.conn, "")[0] == first


def test_the_list_follows_the_gojuon_with_voiced_and_small_kana_beside_their_plain_kana(store, repo, staff):
    kanas = ["ワタナベ", "カトウ", "イトウ", "ガクト", "アベ", "キムラ", "ギブソン", "ハットリ", "ハツダ", "パク",
             "ハンダ", "バンドウ", "ヨーコ", "ヨウコ", "うえだ", "ｴﾝﾄﾞｳ"]  # half-width kana is stored full-width
    for kana in kanas:
        repo.create(CustomerInput(name=f"客 {kana}", kana=kana), by=staff["sato"], now=T0)
    repo.create(CustomerInput(name="読み未登録"), by=staff["sato"], now=T0)
    listed = [r["kana"] or r["name"] for r in CUSTOMER_LIST.query(store.conn, CustomerFilter(""), page_size=4).rows(0, 100)]
    assert listed == ["アベ", "イトウ", "うえだ", "エンドウ", "ガクト", "カトウ", "ギブソン", "キムラ", "パク", "ハツダ", "ハットリ",
                      "ハンダ", "バンドウ", "ヨウコ", "ヨーコ", "ワタナベ", "読み未登録"]


def test_the_kana_order_is_read_from_its_index(store):
    plan = " ".join(r[3] for r in store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT uid FROM customers cu WHERE cu.active = 1 ORDER BY cu.kana_key, cu.rowid LIMIT 50"))
    assert "customers_kana_order" in plan and "TEMP B-TREE" not in plan


def test_percent_underscore_and_spaces_only(store, many):
    assert uids_of(store.conn, "%") == [] and uids_of(store.conn, "_") == []
    assert len(uids_of(store.conn, "  \u3000")) == 140  # nothing typed: every active customer


def test_a_row_holds_what_the_list_shows(store, repo, staff):
    uid = repo.create(CustomerInput(name="山田 太郎", kana="やまだ たろう", birth_date="1950/04/01",
                                    phone="090-1234-5678", address="横浜市", product_lines=["life"]),
                      by=staff["sato"], now=T0)
    row = CUSTOMER_LIST.query(store.conn, CustomerFilter("5678")).first_page()[0]
    assert (row["uid"], row["name"], row["kana"], row["birth_date"], row["phone_digits"], row["product_lines"]) \
        == (uid, "山田 太郎", "やまだ たろう", "1950-04-01", "09012345678", "life")
    assert row["address"] == "横浜市"  # its town tells namesakes apart (the list shows the town only)


def test_unknown_sort_is_refused(store):
    with pytest.raises(ValueError, match="unknown sort column 'birth'"):
        CUSTOMER_LIST.query(store.conn, CustomerFilter(""), sort="birth")


@pytest.mark.parametrize("text", ["", "やまだ", "1234"])
def test_a_branch_lists_exactly_its_own_customers_and_none_lists_every_office(store, many, text):
    yokohama = set(many[::4])
    with store.write():
        for uid in yokohama:
            store.conn.execute("UPDATE customers SET branch_code = 'YOK' WHERE uid = ?", (uid,))
    everyone = walk_pages(CUSTOMER_LIST.query(store.conn, CustomerFilter(text)))
    only = walk_pages(CUSTOMER_LIST.query(store.conn, CustomerFilter(text, branch_code="YOK")))
    head = walk_pages(CUSTOMER_LIST.query(store.conn, CustomerFilter(text, branch_code="HQ")))
    assert only == [uid for uid in everyone if uid in yokohama] and only
    assert head == [uid for uid in everyone if uid not in yokohama]
    assert everyone == uids_of(store.conn, text)
