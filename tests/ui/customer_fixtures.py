"""Fixtures for the customer tests (imported explicitly): a fixed clock and a few saved customers."""

from __future__ import annotations

from datetime import datetime

import pytest

from agency_app.domain.customer import CustomerInput
from agency_app.storage.customers import CustomerRepository

NOW = datetime(2026, 2, 28, 10, 0)  # the day before 1 March: a 29 February birthday has not come yet


def clock() -> datetime:
    return NOW


def add_customer(store, by: str, **fields) -> str:
    values = dict(name="山田 太郎", kana="やまだ たろう", birth_date="1956/02/29", phone="090-1234-5678")
    values.update(fields)
    return CustomerRepository(store).create(CustomerInput(**values), by=by, now=NOW)


@pytest.fixture
def customers(voice_db):
    """(store, staff, {key: uid}): 山田 (69 today, 70 tomorrow), 山本 (80), 𠮷田 (no birth date)."""
    store, staff, _voices = voice_db
    by = staff["sato"]
    uids = {
        "yamada": add_customer(store, by, postal_code="100-0001", address="東京都千代田区千代田1-1",
                               product_lines=["life", "nonlife_auto"]),
        "yamamoto": add_customer(store, by, name="山本 花子", kana="ヤマモト ハナコ", birth_date="1945-06-01",
                                 phone="03-1111-2222"),
        "yoshida": add_customer(store, by, name="𠮷田 髙﨑", kana="よしだ たかさき", birth_date="",
                                phone="0120-123-456", notes="😀" + "長" * 4_999),
    }
    return store, staff, uids
