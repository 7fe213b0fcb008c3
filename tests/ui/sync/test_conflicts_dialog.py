"""競合…: the open pairs as staff read them; a manager's 確認 keeps the later value, 元に戻す… (after a question)
writes the other again; a pair that can no longer be reversed is said calmly; anyone else only reads."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from agency_app.sync import conflicts
from agency_app.ui.sync.conflicts_dialog import ConflictsDialog
from export_fakes import press, when_modal
from list_fixtures import make_ops, settle
from sync_screen_data import NOW, T3, make_conflict


def open_dialog(qtbot, ops, staff_uid) -> ConflictsDialog:
    dialog = ConflictsDialog(ops, staff_uid, clock=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # Alt+letter reaches the buttons of the active window
    return dialog


def test_the_open_pair_shows_the_voice_the_field_and_both_changes(qtbot, offices, hq_ops):
    hq, yok, _ = offices
    make_conflict(hq, yok)
    dialog = open_dialog(qtbot, hq_ops, hq.manager)
    assert dialog.row_texts() == [[
        "Voice 2026/11/02 満期案内の不達（本部）", "Summary",
        "満期案内の不達（本部）", "本部 / 本部 花子\n2026/11/02 11:00",
        "満期の案内が来ない（支店）", "YOK支店 / 横浜 一郎\n2026/11/02 10:00"]]
    assert dialog.count.text() == "Open: 1"
    assert "Not kept: 満期の案内が来ない（支店）" in dialog.detail.text()
    assert dialog.confirm_button.isEnabled() and dialog.reverse_button.isEnabled() and not dialog.note.isVisible()


def test_confirm_by_key_keeps_the_later_value_and_the_pair_leaves_the_open_list(qtbot, offices, hq_ops):
    hq, yok, _ = offices
    uid = make_conflict(hq, yok)
    dialog = open_dialog(qtbot, hq_ops, hq.manager)
    said = []
    dialog.resolved.connect(lambda: said.append(True))
    press(dialog.table, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # Alt+letter clicks a moment later
    qtbot.waitUntil(lambda: bool(said))
    settle(qtbot, hq_ops)
    assert said and dialog.row_texts() == [] and dialog.count.text() == "Open: 0"
    assert dialog.message.text() == "Confirmed: Summary of Voice 2026/11/02 満期案内の不達（本部） keeps 「満期案内の不達（本部）」."
    assert hq.voice_row(uid)["summary"] == "満期案内の不達（本部）"
    press(dialog.table, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # すべて: the done pair, with who and when
    qtbot.waitUntil(dialog.every.isChecked)
    assert dialog.row_texts()[0][-1] == "Confirmed\n本部 花子 2026/11/03 09:00"
    assert not dialog.confirm_button.isEnabled()


def test_reverse_after_the_question_writes_the_value_that_lost(qtbot, offices, hq_ops):
    hq, yok, _ = offices
    uid = make_conflict(hq, yok)
    dialog = open_dialog(qtbot, hq_ops, hq.manager)
    asked = []

    def answer(box):
        asked.append(box.text())
        press(box, Qt.Key.Key_Return)  # 元に戻す is the default button
    when_modal(QMessageBox, answer)
    press(dialog.table, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.message.isVisible)
    settle(qtbot, hq_ops)
    assert asked and "「満期の案内が来ない（支店）」" in asked[0]
    assert hq.voice_row(uid)["summary"] == "満期の案内が来ない（支店）"
    assert dialog.row_texts() == [] and conflicts.open_count(hq.store.conn) == 0
    assert dialog.message.text().startswith("Reversed: Summary of Voice")


def test_reverse_answered_no_changes_nothing(qtbot, offices, hq_ops):
    hq, yok, _ = offices
    uid = make_conflict(hq, yok)
    dialog = open_dialog(qtbot, hq_ops, hq.manager)
    asked = []

    def answer(box):
        asked.append(box.text())
        press(box, Qt.Key.Key_Escape)
    when_modal(QMessageBox, answer)
    press(dialog.table, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(asked) and QApplication.activeModalWidget() is None)
    settle(qtbot, hq_ops)
    assert hq.voice_row(uid)["summary"] == "満期案内の不達（本部）" and len(dialog.row_texts()) == 1


def test_a_pair_whose_field_changed_again_cannot_be_reversed_and_is_said_calmly(qtbot, offices, hq_ops):
    hq, yok, _ = offices
    uid = make_conflict(hq, yok)
    dialog = open_dialog(qtbot, hq_ops, hq.manager)
    hq.edit(uid, hq.manager, T3.replace(hour=12), summary="満期案内の不達（再分類）")
    when_modal(QMessageBox, lambda box: press(box, Qt.Key.Key_Return))
    press(dialog.table, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.message.isVisible)
    settle(qtbot, hq_ops)
    assert dialog.message.text() == ("この項目はその後も変更されています。記録の画面で内容を確かめて、直接直してください。")
    assert hq.voice_row(uid)["summary"] == "満期案内の不達（再分類）" and len(dialog.row_texts()) == 1


def test_staff_who_are_not_managers_read_the_list_and_are_told_a_manager_resolves(qtbot, offices, hq_ops):
    hq, yok, _ = offices
    uid = make_conflict(hq, yok)
    dialog = open_dialog(qtbot, hq_ops, hq.clerk)
    assert len(dialog.row_texts()) == 1
    assert not dialog.confirm_button.isEnabled() and not dialog.reverse_button.isEnabled()
    assert dialog.note.isVisible() and dialog.note.text().startswith("Only a manager at head office confirms")
    dialog.confirm()  # even called directly (the greyed button takes no Alt+C): refused
    settle(qtbot, hq_ops)
    assert conflicts.open_count(hq.store.conn) == 1 and hq.voice_row(uid)["summary"] == "満期案内の不達（本部）"


def test_no_conflicts_says_what_the_list_is_for(qtbot, offices, hq_ops):
    hq, _, _ = offices
    dialog = open_dialog(qtbot, hq_ops, hq.manager)
    assert dialog.row_texts() == [] and dialog.detail.text().startswith("No conflicts waiting.")
    assert not dialog.confirm_button.isEnabled()


def test_a_branch_manager_reads_the_list_head_office_decides(qtbot, offices, tmp_path):
    """A pair is decided where every office's changes meet: a branch's decision would not travel, and could
    overturn head office's."""
    hq, yok, _ = offices
    make_conflict(hq, yok)
    yok.take(hq.send())  # the branch finds the same pair
    from agency_app.storage.masters import MasterData
    chief = MasterData(yok.store).save_staff(name="横浜 支店長", role="manager", branch_code="YOK")
    ops = make_ops(yok.store)
    dialog = open_dialog(qtbot, ops, chief)
    assert len(dialog.row_texts()) == 1
    assert not dialog.confirm_button.isEnabled() and not dialog.reverse_button.isEnabled()
    assert dialog.note.isVisible()
