"""A date of birth as elderly customers say it: 昭和 first (S15.3.2, 昭和15年3月2日), saved as the western date."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from agency_app.storage.customers import CustomerRepository
from agency_app.ui.customers.customer_form import CustomerFormDialog
from customer_fixtures import clock  # noqa: F401
from form_fixtures import drafts, focused, ime_type, shown  # noqa: F401


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


@pytest.fixture
def form(qtbot, ops, staff, drafts):
    return shown(qtbot, CustomerFormDialog(ops, staff["sato"], drafts=drafts, clock=clock))


@pytest.mark.parametrize("typed, keyed", [("S15.3.2", True), ("昭和15年3月2日", False), ("ｓ１５．３．２", False)])
def test_a_showa_date_of_birth_is_understood_shown_with_the_age_and_saved(qtbot, form, store, typed, keyed):
    w = form.inputs
    ime_type(w["name"], "山田 花子")
    w["birth_date"].setFocus()
    if keyed:
        qtbot.keyClicks(w["birth_date"], typed)
    else:
        ime_type(w["birth_date"], typed)
    assert w["birth_date"].hint.text() == "→ 1940/03/02(Sat)"
    assert form.age_label.text().startswith("85")  # on 2026/02/28
    qtbot.keyClick(w["birth_date"], Qt.Key.Key_Tab)
    assert w["birth_date"].text() == "1940/03/02"
    form.save()
    assert form.saved_uid and not form.isVisible()
    assert CustomerRepository(store).get(form.saved_uid)["birth_date"] == "1940-03-02"


def test_a_showa_date_that_does_not_exist_says_when_showa_ended(qtbot, form, store):
    w = form.inputs
    ime_type(w["name"], "山田 花子")
    w["birth_date"].setFocus()
    ime_type(w["birth_date"], "昭和64年1月8日")
    form.save()
    assert form.isVisible() and form.saved_uid is None
    assert "昭和 ended on 昭和64年1月7日 (1989/01/07)." in form.boxes["birth_date"].error.text()
    assert focused() is w["birth_date"]


def test_the_date_of_birth_placeholder_is_an_example_in_both_notations(form):
    assert form.inputs["birth_date"].placeholderText() == "e.g. S31.2.29 / 1956/2/29"


@pytest.mark.parametrize("typed", ["S15.3.2", "S64.1.8"])
def test_what_the_date_of_birth_was_understood_as_can_be_read_beside_it(qtbot, form, typed):
    """The hint had no width at all beside the age (the field's box took only its own size): 「→ 1940/03/02」 —
    or why S64.1.8 is impossible (昭和 ended on 1/7) — was set but never seen while typing."""
    field = form.inputs["birth_date"]
    field.setFocus()
    qtbot.keyClicks(field, typed)
    hint = field.hint
    assert hint.text() and hint.isVisible()
    assert hint.contentsRect().width() >= min(hint.fontMetrics().horizontalAdvance(hint.text()),
                                              hint.fontMetrics().horizontalAdvance("→ 1940/03/02(Sat)"))
