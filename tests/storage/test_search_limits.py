"""A pasted 50 KB search or a thousand search terms give a result, never SQLite's error; any text searches."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agency_app.domain.customer import CustomerInput
from agency_app.domain.search_limits import SEARCH_TERMS_MAX, SEARCH_TEXT_MAX, terms_are_cut, text_is_cut
from agency_app.storage.customers import CustomerRepository
from agency_app.storage.voice_query import VoiceFilter, VoiceQuery
from tests.storage.test_voice_query import TODAY, insert

T0 = datetime(2026, 2, 1, 9, 0)


@pytest.fixture
def repo(store, staff):
    r = CustomerRepository(store)
    r.create(CustomerInput(name="山田 太郎", kana="やまだ たろう", phone="090-1234-5678"), by=staff["sato"], now=T0)
    return r


@pytest.mark.parametrize("pasted", ["山" * 50_000, "%_" * 25_000, "9" * 50_000, "山田" + " x" * 25_000])
def test_a_50_kb_customer_search_finds_nothing_instead_of_failing(repo, pasted):
    assert repo.search(pasted) == []
    assert text_is_cut(pasted)


def test_a_long_search_still_finds_by_its_start(repo):
    assert [c["name"] for c in repo.search("山田" + " " * (SEARCH_TEXT_MAX + 10))] == ["山田 太郎"]


def test_a_thousand_distinct_voice_search_terms_give_a_result(store):
    insert(store, summary="満期の案内")
    # one kanji each: every term is also searched by its words, one more AND apiece
    terms = " ".join(chr(0x4E00 + i) for i in range(1000))
    assert VoiceQuery(store.conn, VoiceFilter(text=terms, today=TODAY)).count() == 0
    assert VoiceQuery(store.conn, VoiceFilter(text="満期 " + terms, today=TODAY)).first_page() == []
    assert terms_are_cut(terms)


def test_the_first_terms_still_search(store):
    insert(store, summary="満期の案内")
    terms = " ".join(["満期"] * 5 + ["案内"] * (SEARCH_TERMS_MAX * 2))
    assert VoiceQuery(store.conn, VoiceFilter(text=terms, today=TODAY)).count() == 1
    assert not terms_are_cut(terms)  # repeats are one term each


def test_a_long_word_of_a_pasted_text_is_cut_not_refused(store):
    insert(store, summary="満期の案内")
    assert VoiceQuery(store.conn, VoiceFilter(text="満期の案内" + "あ" * 60_000, today=TODAY)).count() == 0


@settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_any_text_searches_customers_and_voices(repo, store, text):
    assert isinstance(repo.search(text), list)
    assert VoiceQuery(store.conn, VoiceFilter(text=text, today=TODAY)).count() >= 0


@pytest.mark.parametrize("text", ["山" * 50_000, " ".join(chr(0x4E00 + i) for i in range(1000))])
def test_cases_elderly_and_improvements_searches_take_a_paste(store, staff, repo, text):
    from agency_app.domain.cases import CaseInput
    from agency_app.storage.case_list import CASE_LIST, CaseFilter
    from agency_app.storage.cases import CaseRepository
    from agency_app.storage.elderly_list import ELDERLY_LIST, ElderlyFilter
    from agency_app.storage.improvements import ImprovementRepository
    customer = repo.search("山田")[0]["uid"]  # a row to test the pattern against: SQLite checks it then
    CaseRepository(store).create(CaseInput(case_type="address_change", title="転居", customer_id=customer,
                                           opened_on="2025/11/20", due_date="2025/11/25",
                                           assignee_id=staff["sato"]), by=staff["sato"], now=T0)
    assert CASE_LIST.query(store.conn, CaseFilter(text=text, today=TODAY)).first_page() == []
    assert ELDERLY_LIST.query(store.conn, ElderlyFilter(text=text)).first_page() == []
    assert ImprovementRepository(store).listed(text=text) == []
