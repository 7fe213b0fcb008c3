"""Counts by branch: a visit's elderly-sale record and its relative contact count for the same office (the one that recorded them)."""
from datetime import datetime
from agency_app.domain.customer import CustomerInput
from agency_app.domain.elderly_entry import SaleInput
from agency_app.domain.periods import Period
from agency_app.domain.relatives import RelativeContactInput
from agency_app.storage.counts import elderly_sales_counts, relative_contact_counts
from agency_app.storage.customers import CustomerRepository
from agency_app.storage.elderly_sales import ElderlySaleRepository
from agency_app.storage.masters import MasterData
from agency_app.storage.relatives import RelativeContactRepository

NOW = datetime(2025, 11, 20, 10, 0)

def test_one_visit_counts_for_one_branch(store, staff):
    MasterData(store).save_branch("YOK", "横浜支店")
    cust = CustomerRepository(store).create(CustomerInput(name="髙橋 花", kana="タカハシ ハナ", birth_date="1950/05/01",
                                                          branch_code="YOK"), by=staff["sato"], now=NOW)
    # One visit, entered on the head-office PC: the sale with a relative present, and the relative's contact.
    ElderlySaleRepository(store).create(SaleInput(customer_id=cust, sale_date="2025/11/10", product_line="life",
        seller_id=staff["sato"], measure="relative_present", relative_name="髙橋 一郎", relative_relation="長男"),
        by=staff["sato"], now=NOW)
    RelativeContactRepository(store).create(RelativeContactInput(customer_id=cust, product_line="life",
        relative_name="髙橋 一郎", relation="長男", phone="090-1111-2222", obtained_by="meeting",
        recorded_on="2025/11/10"), by=staff["sato"], now=NOW)
    h2 = Period(2025, "half", 2)
    relatives_yok = relative_contact_counts(store.conn, h2, "YOK").registered
    sales_yok = elderly_sales_counts(store.conn, h2, "YOK").grand_total().total
    assert relatives_yok == sales_yok, f"横浜: relative contacts {relatives_yok}, elderly sales {sales_yok}"
