"""The shared keyset paging: a list spec's defaults, Python ordering the sort values as SQLite does, worker connections."""

from __future__ import annotations

import sqlite3

import pytest

from agency_app.domain.customer import CustomerInput
from agency_app.storage.customer_list import CUSTOMER_LIST, CustomerFilter
from agency_app.storage.customers import CustomerRepository
from agency_app.storage.keyset import KeysetQuery, like_contains, open_read_connection, sqlite_order
from agency_app.storage.voice_query import VOICE_LIST, VoiceFilter, VoiceQuery


def test_python_orders_sort_values_exactly_as_sqlite():
    values = [None, 3, -1, 2.5, "", "a", "B", "ア", "あ", "𠮷", "2025-11-01", "12", None, 0]
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (v)")
    conn.executemany("INSERT INTO t (v) VALUES (?)", [(v,) for v in values])
    expected = conn.execute("SELECT v, rowid FROM t ORDER BY v, rowid").fetchall()
    assert sorted(conn.execute("SELECT v, rowid FROM t").fetchall(), key=sqlite_order) == expected


def test_a_spec_gives_its_own_query_and_each_orders_default_direction(store):
    assert isinstance(VOICE_LIST.query(store.conn, VoiceFilter()), VoiceQuery)
    voices = VOICE_LIST.query(store.conn, VoiceFilter(), sort="kind")
    assert (voices.sort, voices.descending) == ("kind", True)
    customers = CUSTOMER_LIST.query(store.conn, CustomerFilter(""))
    assert type(customers) is KeysetQuery and (customers.sort, customers.descending) == ("kana", False)
    by_name = CUSTOMER_LIST.query(store.conn, CustomerFilter("やまだ"))  # the filter chooses: best matches first
    assert (by_name.sort, by_name.descending) == ("name", False)
    assert CUSTOMER_LIST.query(store.conn, CustomerFilter("090-1"), descending=True).descending
    direct = KeysetQuery(store.conn, CUSTOMER_LIST, CustomerFilter("ヤマ"))  # built directly: the same choice
    assert (direct.sort, direct.descending) == ("name", False)


def test_bad_sort_and_page_size_are_refused(store):
    with pytest.raises(ValueError, match="unknown sort column 'body'"):
        VOICE_LIST.query(store.conn, VoiceFilter(), sort="body")
    with pytest.raises(ValueError, match="page_size must be positive"):
        CUSTOMER_LIST.query(store.conn, CustomerFilter(""), page_size=0)


def test_typed_text_is_what_makes_a_first_page_possibly_slow(store):
    assert CUSTOMER_LIST.query(store.conn, CustomerFilter("やま")).searches_text
    assert not CUSTOMER_LIST.query(store.conn, CustomerFilter(" \u3000")).searches_text
    assert VOICE_LIST.query(store.conn, VoiceFilter(text="満期")).searches_text
    # Only the plain voice list reads its first page on the UI thread: any condition may walk far.
    assert VOICE_LIST.query(store.conn, VoiceFilter()).quick_first_page
    assert not VOICE_LIST.query(store.conn, VoiceFilter(open_only=True)).quick_first_page
    assert not VOICE_LIST.query(store.conn, VoiceFilter(), sort="customer_name").quick_first_page
    assert CUSTOMER_LIST.query(store.conn, CustomerFilter("")).quick_first_page


def test_like_patterns_match_percent_and_underscore_as_typed():
    assert like_contains("100%_a\\b") == "%100\\%\\_a\\\\b%"


def test_count_and_anchors_run_on_a_worker_connection_and_pages_on_the_list_one(file_store, staff):
    repo = CustomerRepository(file_store)
    for i in range(9):
        repo.create(CustomerInput(name=f"山田 {i}", kana="やまだ"), by=staff["sato"])
    worker = open_read_connection(file_store.path)
    try:
        query = CUSTOMER_LIST.query(file_store.conn, CustomerFilter("ヤマダ"), page_size=2)
        assert query.count(conn=worker) == 9
        query.build_anchors(conn=worker)
        assert len(query._anchors) == 5
        assert [r["name"] for r in query.page(4)] == ["山田 8"]  # (kana, name) order: 山田 0 … 山田 8
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            worker.execute("DELETE FROM customers")
    finally:
        worker.close()
