"""Cases tab search finds the customer as the customers tab does: hiragana or katakana, any width, with or without the space."""
from datetime import date, datetime
from agency_app.domain.cases import CaseInput
from agency_app.domain.customer import CustomerInput
from agency_app.storage.case_list import CASE_LIST, CaseFilter
from agency_app.storage.cases import CaseRepository
from agency_app.storage.customers import CustomerRepository

NOW = datetime(2025, 11, 20, 10, 0)

def test_case_found_by_hiragana_kana_and_spaceless_name(store, staff):
    customers = CustomerRepository(store)
    cust = customers.create(CustomerInput(name="髙橋 𠮷子", kana="タカハシ ヨシコ"), by=staff["sato"], now=NOW)
    assert [r["uid"] for r in customers.search("たかはし")] == [cust]      # the customer search finds her
    repo = CaseRepository(store)
    uid = repo.create(CaseInput(case_type="address_change", title="転居", customer_id=cust, opened_on="2025/11/20",
                                due_date="2025/11/25", assignee_id=staff["sato"]), by=staff["sato"], now=NOW)
    for text in ("たかはし", "髙橋𠮷子", "ﾀｶﾊｼ ﾖｼｺ"):
        rows = CASE_LIST.query(store.conn, CaseFilter(text=text, today=date(2025, 11, 20))).first_page()
        assert [r["uid"] for r in rows] == [uid], text
