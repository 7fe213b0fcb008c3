"""A customer's date of birth and their elderly-sale records (R16): a correction re-judges them, and cannot contradict them."""

from datetime import datetime

import pytest

from agency_app.domain import customer as C
from agency_app.domain.customer import CustomerInput
from agency_app.domain.elderly_entry import SaleInput
from agency_app.domain.errors import ValidationFailed
from agency_app.storage.customers import CustomerRepository
from agency_app.storage.elderly_sales import ElderlySaleRepository

NOW = datetime(2026, 6, 1, 10, 0)


@pytest.fixture
def sale(store, staff):
    customers, sales = CustomerRepository(store), ElderlySaleRepository(store)
    uid = customers.create(CustomerInput(name="山田 花子", kana="やまだ はなこ", birth_date="1950/04/01",
                                         phone="090-1234-5678"), by=staff["sato"], now=NOW)
    # Face to face, second agent present but no reason why a relative could not come: incomplete.
    sale_uid = sales.create(SaleInput(customer_id=uid, sale_date="2026/05/20", product_line="life",
                                      seller_id=staff["sato"], face_to_face=True, measure="second_agent",
                                      second_agent_id=staff["suzuki"]), by=staff["sato"], now=NOW)
    return customers, sales, uid, sale_uid


def test_a_corrected_birth_date_that_puts_the_customer_in_the_strict_band_reopens_a_complete_record(
        store, staff):
    customers, sales = CustomerRepository(store), ElderlySaleRepository(store)
    uid = customers.create(CustomerInput(name="髙橋 一", kana="たかはし はじめ", birth_date="1950/04/01"),
                           by=staff["sato"], now=NOW)
    done = sales.create(SaleInput(customer_id=uid, sale_date="2026/05/20", product_line="life",
                                  seller_id=staff["sato"], face_to_face=True, measure="relative_present",
                                  relative_name="髙橋 次郎", relative_relation="長男"), by=staff["sato"], now=NOW)
    assert sales.get(done)["is_complete"] == 1  # 76: a relative present is enough
    corrected = customers.as_input(uid)
    corrected.birth_date = "1944/04/01"  # 82 at the sale: the stricter band also needs a phone check
    customers.update(uid, corrected, by=staff["manager"], now=NOW)
    row = sales.get(done)
    assert (row["is_complete"], row["completed_on"]) == (0, None)
    history = [(h.field, h.new_value, h.changed_by) for h in sales.history(done) if h.field == "is_complete"]
    assert history == [("is_complete", "0", staff["manager"])]


def test_a_birth_date_that_would_make_a_recorded_sale_not_elderly_is_refused(sale, staff):
    customers, sales, uid, sale_uid = sale
    corrected = customers.as_input(uid)
    corrected.birth_date = "1960/04/01"  # 66 at the sale: the open record would silently become complete
    with pytest.raises(ValidationFailed) as caught:
        customers.update(uid, corrected, by=staff["manager"], now=NOW)
    assert [(e.field, e.code) for e in caught.value.errors] == [("birth_date", C.BIRTH_MAKES_SALE_NOT_ELDERLY)]
    assert sales.get(sale_uid)["is_complete"] == 0


def test_a_birth_date_after_a_recorded_sale_or_none_at_all_is_refused_and_nothing_changes(sale, staff, store):
    customers, sales, uid, sale_uid = sale
    before = store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    for typed, code in (("2026/05/21", C.BIRTH_AFTER_SALE), ("", C.BIRTH_NEEDED_BY_SALES)):
        changed = customers.as_input(uid)
        changed.birth_date = typed
        with pytest.raises(ValidationFailed) as caught:
            customers.update(uid, changed, by=staff["sato"], now=NOW)
        assert [(e.field, e.code) for e in caught.value.errors] == [("birth_date", code)]
    assert customers.get(uid)["birth_date"] == "1950-04-01"
    assert store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before


def test_a_birth_date_between_two_recorded_sales_is_refused_naming_the_earlier_sale(sale, staff):
    customers, sales, uid, _first = sale  # sold on 2026-05-20
    sales.create(SaleInput(customer_id=uid, sale_date="2026/05/28", product_line="nonlife_fire",
                           seller_id=staff["sato"], face_to_face=False), by=staff["sato"], now=NOW)
    changed = customers.as_input(uid)
    changed.birth_date = "2026/05/25"
    with pytest.raises(ValidationFailed) as caught:
        customers.update(uid, changed, by=staff["sato"], now=NOW)
    assert [(e.field, e.code, e.params) for e in caught.value.errors] == [
        ("birth_date", C.BIRTH_AFTER_SALE, {"sale_date": "2026-05-20"})]
