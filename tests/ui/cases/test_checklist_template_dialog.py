"""The template editor: a manager adds, renames, moves and removes steps; other staff only read."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from agency_app.domain import cases as C
from agency_app.storage.checklist_templates import ChecklistTemplates
from agency_app.storage.masters import MasterData
from agency_app.ui.cases import checklist_template_dialog as module
from agency_app.ui.cases.checklist_template_dialog import ChecklistTemplateDialog
from form_fixtures import shown


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


def open_dialog(qtbot, ops, uid, **kwargs) -> ChecklistTemplateDialog:
    return shown(qtbot, ChecklistTemplateDialog(ops, uid, **kwargs))


def test_a_manager_edits_and_saves_a_template(qtbot, store, ops, staff):
    dialog = open_dialog(qtbot, ops, staff["manager"], case_type=C.ADDRESS_CHANGE)
    assert dialog.current_steps() == list(C.DEFAULT_CHECKLISTS[C.ADDRESS_CHANGE])
    dialog.steps.setCurrentRow(0)
    dialog.add_step()
    new_item = dialog.steps.item(1)
    dialog.steps.closePersistentEditor(new_item)
    new_item.setText("転居届の写しを受領（𠮷田様は郵送）")
    dialog.move_step(-1)
    assert dialog.current_steps()[0] == "転居届の写しを受領（𠮷田様は郵送）"
    dialog.steps.setCurrentRow(4)  # 同じお客様の他の契約の住所も確認
    dialog.remove_step()
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.steps, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "Saved" in dialog.banner.text()
    stored = ChecklistTemplates(store).steps_for(C.ADDRESS_CHANGE)
    assert stored[0] == "転居届の写しを受領（𠮷田様は郵送）"
    assert "同じお客様の他の契約の住所も確認" not in stored and "当社の顧客管理システムの住所を更新" in stored
    assert not dialog.is_dirty()


def test_bad_steps_are_refused_with_the_step_selected(qtbot, store, ops, staff):
    dialog = open_dialog(qtbot, ops, staff["manager"], case_type=C.CLAIM)
    dialog.steps.item(3).setText(dialog.steps.item(0).text())
    dialog.save()
    assert dialog.steps.currentRow() == 3
    assert "4" in dialog.banner.text()
    assert ChecklistTemplates(store).steps_for(C.CLAIM) == list(C.DEFAULT_CHECKLISTS[C.CLAIM])


def test_back_to_default_restores_the_shipped_steps(qtbot, store, ops, staff):
    ChecklistTemplates(store).save(C.CLAIM, ["受付"], by=staff["manager"])
    dialog = open_dialog(qtbot, ops, staff["manager"], case_type=C.CLAIM)
    dialog.use_default()
    dialog.save()
    assert "Saved" in dialog.banner.text() and not dialog.is_dirty()
    assert dialog.current_steps() == list(C.DEFAULT_CHECKLISTS[C.CLAIM])
    assert ChecklistTemplates(store).steps_for(C.CLAIM) == list(C.DEFAULT_CHECKLISTS[C.CLAIM])


def test_staff_who_are_not_managers_only_read(qtbot, store, ops, staff):
    dialog = open_dialog(qtbot, ops, staff["sato"])
    assert not dialog.can_edit
    assert not dialog.save_button.isVisible() and not dialog.buttons["add"].isEnabled()
    assert not (dialog.steps.item(0).flags() & Qt.ItemFlag.ItemIsEditable)
    dialog.add_step()
    dialog.remove_step()
    assert dialog.current_steps() == list(C.DEFAULT_CHECKLISTS[C.RENEWAL])
    qtbot.keyClick(dialog.steps, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter: nothing
    assert not dialog.banner.isVisible()
    assert not ChecklistTemplates(store).is_customised(C.RENEWAL)


def test_a_manager_demoted_meanwhile_is_told_and_nothing_is_saved(qtbot, store, ops, staff):
    dialog = open_dialog(qtbot, ops, staff["manager"], case_type=C.CLAIM)
    MasterData(store).save_staff(uid=staff["manager"], name="山田 花子", role="staff")
    dialog.remove_step()
    dialog.save()
    assert dialog.banner.isVisible() and "manager" in dialog.banner.text()
    assert dialog.is_dirty()  # what was done stays on screen
    assert not ChecklistTemplates(store).is_customised(C.CLAIM)


def test_switching_type_with_unsaved_changes_asks_first(qtbot, store, ops, staff, monkeypatch):
    answers = [False]
    monkeypatch.setattr(module, "confirm_discard", lambda parent: answers.pop(0))
    dialog = open_dialog(qtbot, ops, staff["manager"], case_type=C.CLAIM)
    dialog.remove_step()
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(C.RENEWAL))
    assert dialog.type_combo.currentData() == C.CLAIM and dialog.is_dirty()  # kept: the user said no
    answers.append(True)
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(C.RENEWAL))
    assert dialog.current_steps() == list(C.DEFAULT_CHECKLISTS[C.RENEWAL])
