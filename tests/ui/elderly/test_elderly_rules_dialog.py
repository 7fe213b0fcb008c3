"""The rules dialog: a manager saves a new version (order moved by keyboard); others only read; old records keep theirs."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from agency_app.domain import elderly as X
from agency_app.domain.elderly import DEFAULT_RULES
from agency_app.storage.elderly_rules import ElderlyRulesStore
from agency_app.ui.elderly.elderly_rules_dialog import ElderlyRulesDialog
from agency_app.ui.elderly.elderly_texts import error_text
from form_fixtures import shown

NOW = datetime(2025, 11, 20, 10, 0)


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


def open_dialog(qtbot, ops, who) -> ElderlyRulesDialog:
    return shown(qtbot, ElderlyRulesDialog(ops, who, clock=lambda: NOW))


def test_manager_moves_the_order_by_keyboard_and_saves_a_new_version(qtbot, store, ops, staff):
    dialog = open_dialog(qtbot, ops, staff["manager"])
    saved = []
    dialog.saved.connect(saved.append)
    assert dialog.preference() == DEFAULT_RULES.preference
    dialog.order.setFocus()
    dialog.order.setCurrentRow(2)  # 複数募集人
    qtbot.keyClick(dialog.order, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert dialog.preference() == (X.RELATIVE_PRESENT, X.SECOND_AGENT, X.MULTIPLE_MEETINGS)
    dialog.inputs["threshold_nonlife"].setValue(75)
    dialog.inputs["effective_from"].setText("2025/10/01")
    qtbot.keyClick(dialog.order, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert saved == [2] and not dialog.isVisible()
    version, rules = ElderlyRulesStore(store).current()
    assert version == 2 and rules.preference == (X.RELATIVE_PRESENT, X.SECOND_AGENT, X.MULTIPLE_MEETINGS)
    assert rules.thresholds["nonlife"] == 75
    assert ElderlyRulesStore(store).versions()[0].effective_from == date(2025, 10, 1)
    assert ElderlyRulesStore(store).get(1) == DEFAULT_RULES  # earlier records keep version 1


def test_staff_who_is_not_a_manager_only_reads(qtbot, store, ops, staff):
    dialog = open_dialog(qtbot, ops, staff["sato"])
    assert not dialog.save_button.isVisibleTo(dialog) and dialog.read_only_note.isVisibleTo(dialog)
    assert not dialog.inputs["threshold_life"].isEnabled()
    dialog.order.setCurrentRow(2)
    dialog.move(-1)
    assert dialog.preference() == DEFAULT_RULES.preference
    qtbot.keyClick(dialog.order, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter: nothing
    assert dialog.isVisible() and not dialog.banner.isVisible()
    assert ElderlyRulesStore(store).current()[0] == 1


def test_strict_band_below_the_threshold_is_refused_at_its_field(qtbot, store, ops, staff):
    dialog = open_dialog(qtbot, ops, staff["manager"])
    dialog.inputs["threshold_life"].setValue(85)
    dialog.save()
    assert dialog.isVisible() and "Nothing was saved" in dialog.banner.text()
    assert dialog.boxes["strict_age"].error.text().endswith(
        error_text(X.FieldError("strict_age", X.STRICT_BELOW_THRESHOLD, {"threshold": 85})))
    dialog.strict_on.setChecked(False)  # switching the band off is allowed
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    assert not dialog.isVisible()
    assert ElderlyRulesStore(store).current()[1].strict_age is None


def test_the_dialog_says_past_records_keep_their_rules_and_lists_versions(qtbot, store, ops, staff):
    ElderlyRulesStore(store).save_new_version(DEFAULT_RULES, by=staff["manager"], effective_from=date(2025, 4, 1))
    dialog = open_dialog(qtbot, ops, staff["sato"])
    assert "Version 2" in dialog.history.text() and "山田 花子" in dialog.history.text()
    assert "Version 1" in dialog.history.text()


def test_a_bad_effective_date_is_refused(qtbot, store, ops, staff):
    dialog = open_dialog(qtbot, ops, staff["manager"])
    dialog.inputs["effective_from"].setText("2025/02/30")
    dialog.save()
    assert dialog.isVisible() and dialog.boxes["effective_from"].has_error()
    assert "2/2025 has only 28 days." in dialog.boxes["effective_from"].error.text()
    assert ElderlyRulesStore(store).current()[0] == 1


def test_on_a_new_database_file_the_defaults_are_shown_and_a_save_adds_version_2(qtbot, voice_db, file_ops):
    """As the app runs (the dialog reads beside the writer): no version is stored yet, the defaults are shown."""
    store, staff, _voices = voice_db
    dialog = shown(qtbot, ElderlyRulesDialog(file_ops, staff["manager"], clock=lambda: NOW))
    assert dialog.preference() == DEFAULT_RULES.preference
    assert "Version 1 (from 2025/11/20, by initial settings)" in dialog.history.text()
    dialog.inputs["threshold_life"].setValue(75)
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.save()
    assert saved.args == [2] and not dialog.isVisible()
    assert ElderlyRulesStore(store).get(1) == DEFAULT_RULES  # the defaults stay on record for older sales
    assert ElderlyRulesStore(store).current()[1].thresholds["life"] == 75
