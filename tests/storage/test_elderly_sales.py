"""Elderly-sale records in the database: saved incomplete or complete, judged by their own rules version, audited."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from agency_app.domain import elderly as X
from agency_app.domain.customer import CustomerInput
from agency_app.domain.elderly import ElderlyRules
from agency_app.domain.elderly_entry import SaleInput
from agency_app.domain.errors import ValidationFailed
from agency_app.storage.customers import CustomerRepository
from agency_app.storage.elderly_rules import ElderlyRulesStore
from agency_app.storage.elderly_sales import EditConflict, ElderlySaleRepository

NOW = datetime(2025, 11, 20, 10, 0)
LATER = datetime(2025, 11, 25, 9, 0)


@pytest.fixture
def customers(store, staff):
    repo = CustomerRepository(store)
    return {
        "old": repo.create(CustomerInput(name="髙橋 𠮷子", kana="タカハシ ヨシコ", birth_date="1950/05/01"),
                           by=staff["sato"], now=NOW),
        "very_old": repo.create(CustomerInput(name="山﨑 一", kana="ヤマザキ ハジメ", birth_date="1940/05/01"),
                                by=staff["sato"], now=NOW),
        "young": repo.create(CustomerInput(name="若井 健", kana="ワカイ ケン", birth_date="1970/01/01"),
                             by=staff["sato"], now=NOW),
        "no_birth": repo.create(CustomerInput(name="生年 不明", kana="セイネン フメイ"), by=staff["sato"], now=NOW),
    }


def entry(customer: str, seller: str, **fields) -> SaleInput:
    base = dict(customer_id=customer, sale_date="2025/11/10", product_line="life", seller_id=seller,
                product_name="終身保険 😊")
    base.update(fields)
    return SaleInput(**base)


def count(store) -> int:
    return store.conn.execute("SELECT COUNT(*) FROM elderly_sales").fetchone()[0]


def test_incomplete_record_is_saved_as_an_open_follow_up_with_a_due_date(store, staff, customers):
    repo = ElderlySaleRepository(store)
    uid = repo.create(entry(customers["old"], staff["sato"], measure=X.SECOND_AGENT,
                            second_agent_id=staff["suzuki"]), by=staff["sato"], now=NOW)
    row = repo.get(uid)
    assert (row["is_complete"], row["completed_on"], row["due_date"]) == (0, None, "2025-11-24")
    assert row["rules_version"] == 1 and row["product_name"] == "終身保険 😊"
    assert [m.code for m in repo.missing_for(uid)] == [X.REASON_MISSING]
    assert [r["uid"] for r in repo.open_for(staff["sato"])] == [uid]
    assert repo.open_for(staff["suzuki"]) == []  # a second agent is not asked to finish it


def test_completing_a_record_stamps_the_day_and_keeps_it(store, staff, customers):
    repo = ElderlySaleRepository(store)
    uid = repo.create(entry(customers["old"], staff["sato"], face_to_face=False, phone_checker_id=staff["suzuki"]),
                      by=staff["sato"], now=NOW)
    assert [r["uid"] for r in repo.open_for(staff["suzuki"])] == [uid]  # the named checker has it to do
    done = entry(customers["old"], staff["sato"], face_to_face=False, phone_checker_id=staff["suzuki"],
                 phone_checked_on="2025/11/21", answer_public_insurance="yes", answer_product_reason="yes",
                 customer_comment="丁寧に説明してもらえました")
    repo.update(uid, done, by=staff["suzuki"], now=datetime(2025, 11, 21, 15, 0))
    row = repo.get(uid)
    assert (row["is_complete"], row["completed_on"]) == (1, "2025-11-21")
    repo.update(uid, SaleInput(**{**done.to_dict(), "notes": "追記"}), by=staff["sato"], now=LATER)
    assert repo.get(uid)["completed_on"] == "2025-11-21"
    assert repo.missing_for(uid) == [] and repo.open_for(staff["suzuki"]) == []
    fields = {h.field for h in repo.history(uid)}
    assert {"*created", "is_complete", "completed_on", "phone_checked_on", "notes"} <= fields


def test_seller_as_checker_is_never_saved(store, staff, customers):
    repo = ElderlySaleRepository(store)
    with pytest.raises(ValidationFailed) as caught:
        repo.create(entry(customers["old"], staff["sato"], face_to_face=False, phone_checker_id=staff["sato"]),
                    by=staff["sato"], now=NOW)
    assert caught.value.fields() == {"phone_checker_id"}
    uid = repo.create(entry(customers["old"], staff["sato"], face_to_face=False), by=staff["sato"], now=NOW)
    with pytest.raises(ValidationFailed):
        repo.update(uid, entry(customers["old"], staff["sato"], face_to_face=False,
                               phone_checker_id=staff["sato"]), by=staff["sato"], now=NOW)
    assert count(store) == 1 and repo.get(uid)["phone_checker_id"] is None


def test_customer_not_elderly_or_without_birth_date_is_refused(store, staff, customers):
    repo = ElderlySaleRepository(store)
    for key, code in (("young", X.NOT_ELDERLY), ("no_birth", X.NO_BIRTH_DATE)):
        with pytest.raises(ValidationFailed) as caught:
            repo.create(entry(customers[key], staff["sato"]), by=staff["sato"], now=NOW)
        assert [(e.field, e.code) for e in caught.value.errors] == [("customer_id", code)]
    with pytest.raises(ValidationFailed) as caught:
        repo.create(entry("no-such-customer", staff["sato"]), by=staff["sato"], now=NOW)
    assert caught.value.fields() == {"customer_id"}
    assert count(store) == 0


def test_old_record_keeps_the_order_it_was_made_under(store, staff, customers):
    """The order changes after a record was made: the old record is judged by its own version."""
    repo = ElderlySaleRepository(store)
    made = entry(customers["old"], staff["sato"], measure=X.MULTIPLE_MEETINGS,
                 meeting_dates="2025/11/01、2025/11/08")
    old = repo.create(made, by=staff["sato"], now=NOW)
    assert [m.code for m in repo.missing_for(old)] == [X.REASON_MISSING]  # v1: 親族同席 first
    ElderlyRulesStore(store).save_new_version(
        ElderlyRules(preference=(X.MULTIPLE_MEETINGS, X.RELATIVE_PRESENT, X.SECOND_AGENT)),
        by=staff["manager"], effective_from=date(2025, 11, 21), now=LATER)
    # A sale on or after the day the new order took effect is judged by it.
    new = repo.create(SaleInput(**{**made.to_dict(), "sale_date": "2025/11/22",
                                   "meeting_dates": "2025/11/15、2025/11/22"}), by=staff["sato"], now=LATER)
    assert (repo.get(new)["rules_version"], repo.get(new)["is_complete"]) == (2, 1)
    # One sold before that day but entered only now keeps the order in force on its sale date.
    late = repo.create(made, by=staff["sato"], now=LATER)
    assert (repo.get(late)["rules_version"], repo.get(late)["is_complete"]) == (1, 0)
    repo.update(old, SaleInput(**{**made.to_dict(), "notes": "編集"}), by=staff["sato"], now=LATER)
    assert repo.get(old)["rules_version"] == 1
    assert repo.get(old)["is_complete"] == 0
    assert [m.code for m in repo.missing_for(old)] == [X.REASON_MISSING]


def test_strict_band_record_needs_the_phone_check_too(store, staff, customers):
    repo = ElderlySaleRepository(store)
    uid = repo.create(entry(customers["very_old"], staff["sato"], measure=X.RELATIVE_PRESENT,
                            relative_name="山﨑 花", relative_relation="長女"), by=staff["sato"], now=NOW)
    found = repo.missing_for(uid)
    assert found[0].code == X.PHONE_CHECK_MISSING and found[0].params["why"] == X.PHONE_WHY_STRICT


def test_edit_conflict_and_customer_cannot_change(store, staff, customers):
    repo = ElderlySaleRepository(store)
    uid = repo.create(entry(customers["old"], staff["sato"], face_to_face=False), by=staff["sato"], now=NOW)
    version = repo.get(uid)["version"]
    repo.update(uid, entry(customers["old"], staff["sato"], face_to_face=False, notes="先に保存"),
                by=staff["suzuki"], now=LATER)
    with pytest.raises(EditConflict):
        repo.update(uid, entry(customers["old"], staff["sato"], face_to_face=False, notes="後から"),
                    by=staff["sato"], expected_version=version, now=LATER)
    with pytest.raises(ValidationFailed) as caught:
        repo.update(uid, entry(customers["very_old"], staff["sato"], face_to_face=False), by=staff["sato"])
    assert caught.value.fields() == {"customer_id"}
    assert repo.get(uid)["notes"] == "先に保存"


def test_list_filters_and_joins_names_and_age(store, staff, customers):
    repo = ElderlySaleRepository(store)
    first = repo.create(entry(customers["old"], staff["sato"], face_to_face=False), by=staff["sato"], now=NOW)
    second = repo.create(entry(customers["very_old"], staff["suzuki"], sale_date="2025/11/15",
                               product_line="group", measure=X.WRITTEN_CHECK, written_confirmed_on="2025/11/18"),
                         by=staff["suzuki"], now=NOW)
    rows = repo.list_sales()
    assert [r["uid"] for r in rows] == [second, first]  # newest sale first
    assert (rows[1]["customer_name"], rows[1]["seller_name"], rows[1]["age"]) == ("髙橋 𠮷子", "佐藤 一郎", 75)
    assert [r["uid"] for r in repo.list_sales(open_only=True)] == [first]
    assert [r["uid"] for r in repo.list_sales(seller_id=staff["suzuki"])] == [second]
    assert [r["uid"] for r in repo.list_sales(start=date(2025, 11, 11), end=date(2025, 11, 30))] == [second]
    both_ends = repo.list_sales(start=date(2025, 11, 10), end=date(2025, 11, 15))  # the days of the two sales
    assert [r["uid"] for r in both_ends] == [second, first]
    assert [r["uid"] for r in repo.list_sales(customer_id=customers["old"])] == [first]


def test_as_input_round_trips_for_the_form(store, staff, customers):
    repo = ElderlySaleRepository(store)
    typed = entry(customers["old"], staff["sato"], measure=X.MULTIPLE_MEETINGS,
                  meeting_dates="2025/11/08 2025/11/01", less_preferred_reason="遠方のため")
    uid = repo.create(typed, by=staff["sato"], now=NOW)
    back = repo.as_input(uid)
    assert back.meeting_dates == "2025/11/01、2025/11/08" and back.sale_date == "2025/11/10"
    before = repo.get(uid)["version"]
    repo.update(uid, back, by=staff["sato"], now=LATER)
    assert repo.get(uid)["version"] == before  # nothing changed, nothing written
