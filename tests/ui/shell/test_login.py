"""The staff picker: type to narrow by name or kana, Enter picks, the last pick is remembered; the first manager can be created."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from agency_app.storage.masters import MasterData
from agency_app.ui.shell.login import StaffPicker, matches, pick_automatically
from agency_app.ui.kit.settings import AppSettings


def visible_names(picker) -> list[str]:
    return [picker.list.item(r).text().split("（")[0] for r in range(picker.list.count())
            if not picker.list.item(r).isHidden()]


def test_typing_kana_or_name_narrows_the_list_and_enter_picks(qtbot, store, staff):
    picker = StaffPicker(MasterData(store))
    qtbot.addWidget(picker)
    assert visible_names(picker) == ["佐藤 一郎", "鈴木 次郎", "山田 花子"]  # by kana
    picker.filter_edit.setText("すずき")
    assert visible_names(picker) == ["鈴木 次郎"]
    picker.filter_edit.setText("山田")
    assert visible_names(picker) == ["山田 花子"]
    qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Return)
    assert picker.result() == QDialog.DialogCode.Accepted
    assert picker.chosen_uid == staff["manager"]


def test_arrow_keys_in_the_filter_box_move_through_the_list(qtbot, store, staff):
    picker = StaffPicker(MasterData(store), remembered=staff["suzuki"])
    qtbot.addWidget(picker)
    assert picker.list.currentItem().text().startswith("鈴木")  # the remembered one is preselected
    qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Down)
    assert picker.list.currentItem().text().startswith("山田")
    qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Up)
    qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Up)
    assert picker.list.currentItem().text().startswith("佐藤")


def test_nothing_matches_means_enter_does_nothing(qtbot, store, staff):
    picker = StaffPicker(MasterData(store))
    qtbot.addWidget(picker)
    picker.filter_edit.setText("該当なし")
    qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Return)
    assert picker.chosen_uid is None and picker.result() != QDialog.DialogCode.Accepted


def test_with_no_staff_the_first_manager_is_created(qtbot, store):
    masters = MasterData(store)
    picker = StaffPicker(masters)
    qtbot.addWidget(picker)
    picker.name_edit.setText("田中 一")
    qtbot.keyClick(picker.name_edit, Qt.Key.Key_Return)  # Enter moves on to the kana
    assert picker.chosen_uid is None
    picker.kana_edit.setText("たなか はじめ")
    qtbot.keyClick(picker.kana_edit, Qt.Key.Key_Return)
    created = masters.staff_member(picker.chosen_uid)
    assert created.name == "田中 一" and created.is_manager


def test_matching_ignores_spaces():
    from agency_app.storage.masters import Staff
    member = Staff("u", "佐藤 一郎", "さとう いちろう", "", "staff", "HQ", True)
    assert matches(member, "さとうい") and matches(member, "佐藤一") and not matches(member, "すずき")


def test_automatic_pick_prefers_the_remembered_then_a_manager_then_creates_one(store, staff):
    masters = MasterData(store)
    assert pick_automatically(masters, staff["sato"]) == staff["sato"]
    assert pick_automatically(masters, "gone") == staff["manager"]


def test_automatic_pick_on_an_empty_database_creates_a_manager(store):
    masters = MasterData(store)
    uid = pick_automatically(masters, None)
    assert masters.staff_member(uid).is_manager


def test_the_last_staff_is_remembered_per_database(app_settings, tmp_path):
    app_settings.set_last_staff_uid(tmp_path / "a.db", "u1")
    app_settings.set_last_staff_uid(tmp_path / "b.db", "u2")
    assert app_settings.last_staff_uid(tmp_path / "a.db") == "u1"
    assert app_settings.last_staff_uid(tmp_path / "b.db") == "u2"
    assert app_settings.last_staff_uid(tmp_path / "c.db") is None
    assert isinstance(app_settings, AppSettings)
