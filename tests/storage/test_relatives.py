"""Relative contacts (R20): saved for a known customer, corrected with history, listed newest first."""

from __future__ import annotations

from datetime import datetime

import pytest

from agency_app.domain import errors as E
from agency_app.domain.customer import CustomerInput
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.relatives import CUSTOMER_UNKNOWN, RelativeContactInput
from agency_app.storage.customers import CustomerRepository
from agency_app.storage.relatives import EditConflict, RelativeContactRepository

T1 = datetime(2026, 2, 28, 10, 0)
T2 = datetime(2026, 3, 2, 9, 0)


@pytest.fixture
def customer(store, staff):
    return CustomerRepository(store).create(CustomerInput(name="山田 太郎", kana="やまだ たろう",
                                                          branch_code="HQ"), by=staff["sato"], now=T1)


@pytest.fixture
def repo(store):
    return RelativeContactRepository(store)


def entry(customer: str, **fields) -> RelativeContactInput:
    values = dict(customer_id=customer, product_line="nonlife_auto", outcome="registered",
                  relative_name="山田 一郎", relation="長男", phone="090-1111-2222", obtained_by="meeting",
                  recorded_on="2026/02/28")
    values.update(fields)
    return RelativeContactInput(**values)


def test_a_registered_contact_is_saved_with_who_recorded_it(repo, customer, staff):
    uid = repo.create(entry(customer), by=staff["sato"], now=T1)
    row = repo.get(uid)
    assert (row["relative_name"], row["relation"], row["phone"]) == ("山田 一郎", "長男", "090-1111-2222")
    assert (row["recorded_on"], row["recorded_by"], row["branch_code"]) == ("2026-02-28", staff["sato"], "HQ")
    [listed] = repo.for_customer(customer)
    assert listed["recorded_by_name"] == "佐藤 一郎"


def test_an_unknown_customer_or_a_bad_entry_saves_nothing(repo, store, customer, staff):
    with pytest.raises(ValidationFailed) as failed:
        repo.create(entry("no-such-customer"), by=staff["sato"], now=T1)
    assert [(e.field, e.code) for e in failed.value.errors] == [("customer_id", CUSTOMER_UNKNOWN)]
    with pytest.raises(ValidationFailed) as failed:
        repo.create(entry(customer, outcome="declined"), by=staff["sato"], now=T1)
    assert [(e.field, e.code) for e in failed.value.errors] == [("decline_reason", E.REQUIRED)]
    assert store.conn.execute("SELECT count(*) FROM relative_contacts").fetchone()[0] == 0


def test_a_correction_is_audited_and_a_stale_one_refused(repo, customer, staff):
    uid = repo.create(entry(customer), by=staff["sato"], now=T1)
    corrected = repo.as_input(uid)
    corrected.outcome, corrected.decline_reason = "declined", "ご家族と相談のうえ辞退"
    repo.update(uid, corrected, by=staff["suzuki"], expected_version=1, now=T2)
    row = repo.get(uid)
    assert (row["outcome"], row["phone"], row["version"]) == ("declined", "", 2)
    fields = {r[0] for r in repo.store.conn.execute(
        "SELECT field FROM audit_log WHERE entity = 'relative_contacts' AND record_uid = ?", (uid,))}
    assert {"*created", "outcome", "relative_name", "phone", "decline_reason"} <= fields
    with pytest.raises(EditConflict):
        repo.update(uid, entry(customer), by=staff["sato"], expected_version=1, now=T2)


def test_for_customer_lists_newest_first(repo, customer, staff):
    old = repo.create(entry(customer, recorded_on="2025/04/01"), by=staff["sato"], now=T1)
    new = repo.create(entry(customer, outcome="declined", decline_reason="不要", obtained_by="mail"),
                      by=staff["sato"], now=T1)
    assert [r["uid"] for r in repo.for_customer(customer)] == [new, old]
