"""Checklist templates (R10): defaults until a manager saves steps; staff cannot; every change kept in history."""

from datetime import datetime

import pytest

from agency_app.domain import cases as C
from agency_app.domain.errors import ValidationFailed
from agency_app.storage.checklist_templates import ChecklistTemplates, TemplatePermissionDenied

T1 = datetime(2025, 11, 20, 10, 0)


@pytest.fixture
def templates(store):
    return ChecklistTemplates(store)


def audit_rows(store) -> int:
    return store.conn.execute("SELECT count(*) FROM audit_log WHERE entity = 'checklist_templates'").fetchone()[0]


def test_every_type_starts_with_its_default_steps(templates):
    assert templates.steps_for(C.ADDRESS_CHANGE) == list(C.DEFAULT_CHECKLISTS[C.ADDRESS_CHANGE])
    assert list(templates.all()) == list(C.CASE_TYPES)
    assert not templates.is_customised(C.CLAIM)
    with pytest.raises(KeyError):
        templates.steps_for("house_move")


def test_a_manager_saves_steps_and_the_change_is_recorded_with_the_default_as_before(templates, staff):
    steps = ["転居先の確認", "保険会社へ住所変更の手続き", "当社の顧客管理システムの住所を更新", "𠮷田様へ完了の電話 📞"]
    assert templates.save(C.ADDRESS_CHANGE, steps, by=staff["manager"], now=T1) == steps
    assert templates.steps_for(C.ADDRESS_CHANGE) == steps
    assert templates.all()[C.ADDRESS_CHANGE] == steps
    assert templates.all()[C.CLAIM] == list(C.DEFAULT_CHECKLISTS[C.CLAIM])
    [(when, who, before, after)] = templates.history(C.ADDRESS_CHANGE)
    assert (when, who) == ("2025-11-20 10:00", "山田 花子")
    assert before == list(C.DEFAULT_CHECKLISTS[C.ADDRESS_CHANGE]) and after == steps


def test_staff_who_are_not_managers_cannot_save_and_nothing_changes(templates, staff, store):
    with pytest.raises(TemplatePermissionDenied) as caught:
        templates.save(C.ADDRESS_CHANGE, ["確認だけ"], by=staff["sato"])
    assert isinstance(caught.value, PermissionError) and caught.value.code == C.MANAGER_ONLY
    assert templates.steps_for(C.ADDRESS_CHANGE) == list(C.DEFAULT_CHECKLISTS[C.ADDRESS_CHANGE])
    assert audit_rows(store) == 0


def test_bad_steps_are_refused_and_the_stored_ones_kept(templates, staff, store):
    templates.save(C.CLAIM, ["受付", "送付"], by=staff["manager"], now=T1)
    before = audit_rows(store)
    with pytest.raises(ValidationFailed):
        templates.save(C.CLAIM, ["受付", "受付"], by=staff["manager"])
    assert templates.steps_for(C.CLAIM) == ["受付", "送付"]
    assert audit_rows(store) == before


def test_saving_the_same_steps_again_writes_nothing(templates, staff, store):
    templates.save(C.CLAIM, ["受付", "送付"], by=staff["manager"], now=T1)
    before = audit_rows(store)
    templates.save(C.CLAIM, [" 受付", "送付 "], by=staff["manager"])
    assert audit_rows(store) == before


def test_a_template_removed_outside_the_form_reads_in_its_history_as_its_steps_then_none(templates, staff, store):
    steps = ["満期日を確認する", "更改案内を送る"]
    templates.save(C.RENEWAL, steps, by=staff["manager"], now=T1)
    with store.write() as db:  # no screen deletes a template; the history must still say what was lost
        db.conn.execute("DELETE FROM checklist_templates WHERE case_type = ?", (C.RENEWAL,))
    assert templates.history(C.RENEWAL)[-1][2:] == (steps, None)
    assert templates.steps_for(C.RENEWAL) == list(C.DEFAULT_CHECKLISTS[C.RENEWAL])
