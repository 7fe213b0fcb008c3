"""The elderly-sale form's dates take the same forms as every date field: eras, '4/1', full width."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from agency_app.domain.customer import CustomerInput
from agency_app.storage.customers import CustomerRepository
from agency_app.storage.elderly_sales import ElderlySaleRepository
from agency_app.ui.elderly.elderly_form import ElderlySaleDialog
from form_fixtures import drafts, focused, ime_type, shown  # noqa: F401

NOW = datetime(2025, 11, 20, 10, 0)


def clock():
    return NOW


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


@pytest.fixture
def customer(store, staff):
    # The date of birth typed as it is said, through the same rules as the customer form.
    return CustomerRepository(store).create(
        CustomerInput(name="山﨑 一", kana="ヤマザキ ハジメ", birth_date="S15.3.2"), by=staff["sato"], now=NOW)


def test_the_customer_s_showa_birth_date_was_stored_as_the_western_date(store, customer):
    assert CustomerRepository(store).get(customer)["birth_date"] == "1940-03-02"


@pytest.mark.parametrize("typed, stored", [("R7.11.1", "2025-11-01"), ("11/1", "2025-11-01"),
                                           ("令和７年１１月１日", "2025-11-01")])
def test_a_sale_date_in_any_accepted_form_is_saved(qtbot, store, ops, staff, customer, typed, stored):
    form = shown(qtbot, ElderlySaleDialog(ops, staff["sato"], clock=clock, customer_uid=customer))
    form.inputs["product_line"].set_code("life")
    sale = form.inputs["sale_date"]
    sale.setFocus()
    sale.selectAll()
    ime_type(sale, typed)
    assert sale.hint.text() == "→ 2025/11/01(Sat)"
    qtbot.keyClick(sale, Qt.Key.Key_Tab)
    assert sale.text() == "2025/11/01"
    form.save()
    assert form.saved_uid is not None
    assert ElderlySaleRepository(store).get(form.saved_uid)["sale_date"] == stored


def test_an_impossible_sale_date_says_why_at_its_field(qtbot, store, ops, staff, customer):
    form = shown(qtbot, ElderlySaleDialog(ops, staff["sato"], clock=clock, customer_uid=customer))
    form.inputs["product_line"].set_code("life")
    form.inputs["sale_date"].setText("2025/11/31")
    form.save()
    assert form.saved_uid is None and form.isVisible()
    assert "11/2025 has only 30 days." in form.boxes["sale_date"].error.text()
