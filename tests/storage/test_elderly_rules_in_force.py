"""R16/R17: a sale is judged by the rules version in force on its sale date, not by the newest one."""
from datetime import date, datetime
from agency_app.domain.customer import CustomerInput
from agency_app.domain.elderly import ElderlyRules, DEFAULT_RULES
from agency_app.domain.elderly_entry import SaleInput
from agency_app.storage.customers import CustomerRepository
from agency_app.storage.elderly_rules import ElderlyRulesStore
from agency_app.storage.elderly_sales import ElderlySaleRepository

NOW = datetime(2025, 11, 20, 10, 0)

def test_future_rules_do_not_apply_to_todays_sale(store, staff):
    cust = CustomerRepository(store).create(CustomerInput(name="髙橋 花", kana="タカハシ ハナ", birth_date="1953/01/10"),
                                            by=staff["sato"], now=NOW)  # 72 on the sale date
    rules = ElderlyRulesStore(store)
    # Manager prepares next fiscal year's rules today: life threshold 75 from 2026-04-01.
    future = ElderlyRules(thresholds=dict(DEFAULT_RULES.thresholds, life=75), strict_age=80)
    rules.save_new_version(future, by=staff["manager"], effective_from=date(2026, 4, 1), now=NOW)
    # A 72-year-old's life sale today must still be recorded under the rules in force (threshold 70).
    uid = ElderlySaleRepository(store).create(
        SaleInput(customer_id=cust, sale_date="2025/11/18", product_line="life", seller_id=staff["sato"],
                  measure="relative_present", relative_name="髙橋 一", relative_relation="長男"),
        by=staff["sato"], now=NOW)
    assert ElderlySaleRepository(store).get(uid)["rules_version"] == 1

def test_late_entered_sale_takes_rules_in_force_on_its_sale_date(store, staff):
    cust = CustomerRepository(store).create(CustomerInput(name="山﨑 一", kana="ヤマザキ ハジメ", birth_date="1950/01/10"),
                                            by=staff["sato"], now=NOW)
    rules = ElderlyRulesStore(store)
    # Mid-year change (seed 004): from 2025-10-01 the order is second_agent first.
    changed = ElderlyRules(preference=("second_agent", "relative_present", "multiple_meetings"))
    rules.save_new_version(changed, by=staff["manager"], effective_from=date(2025, 10, 1), now=NOW)
    # A September sale entered late must be judged by the rules in force in September (version 1).
    uid = ElderlySaleRepository(store).create(
        SaleInput(customer_id=cust, sale_date="2025/09/20", product_line="life", seller_id=staff["sato"],
                  measure="relative_present", relative_name="山﨑 二", relative_relation="長男"),
        by=staff["sato"], now=NOW)
    repo = ElderlySaleRepository(store)
    assert repo.get(uid)["rules_version"] == 1
    assert repo.missing_for(uid) == []


def test_a_change_dated_before_the_defaults_were_first_stored_still_applies_from_its_date(store, staff):
    rules = ElderlyRulesStore(store)
    changed = ElderlyRules(preference=("multiple_meetings", "relative_present", "second_agent"))
    # The first save stores version 1 (the defaults) today, 2025-11-20; the change counts from 1 October.
    rules.save_new_version(changed, by=staff["manager"], effective_from=date(2025, 10, 1), now=NOW)
    assert rules.in_force_on(date(2025, 11, 18)) == (2, changed)
    assert rules.in_force_on(date(2025, 9, 30))[0] == 1
