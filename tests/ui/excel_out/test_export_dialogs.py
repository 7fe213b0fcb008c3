"""The export dialogs' defaults and file names, and the personal-data box: greyed for staff, asked for a manager."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from agency_app.ui.excel_out import file_names
from agency_app.ui.excel_out.export_dialogs import (
    KpiExportDialog, ListExportDialog, QuarterlyExportDialog, last_ended_quarter,
)
from export_fakes import press, when_modal

TODAY = date(2025, 11, 20)


@pytest.mark.parametrize("today,expected", [
    (date(2025, 4, 1), (2024, 4)), (date(2025, 6, 30), (2024, 4)), (date(2025, 7, 1), (2025, 1)),
    (date(2025, 11, 20), (2025, 2)), (date(2026, 1, 1), (2025, 3)), (date(2026, 3, 31), (2025, 3)),
])
def test_the_quarter_offered_is_the_last_that_has_ended(today, expected):
    assert last_ended_quarter(today) == expected


@pytest.mark.parametrize("name,safe", [
    ("お客様の声報告_2025年度第1四半期_A/B損保", "お客様の声報告_2025年度第1四半期_A_B損保"),
    ('a:b*c?d"e<f>g|h\\i', "a_b_c_d_e_f_g_h_i"), ("報告. ", "報告"), ("CON", "_CON"), ("", "_"),
])
def test_a_file_name_holds_nothing_windows_refuses(name, safe):
    assert file_names.safe_file_name(name) == safe


def test_the_quarterly_dialog_offers_the_last_ended_quarter_for_all_insurers_and_names_the_file(qtbot, japanese):
    dialog = QuarterlyExportDialog(["東京海上日動", "損保ジャパン"], TODAY, manager=False)
    qtbot.addWidget(dialog)
    assert (dialog.year.value(), dialog.quarter.currentText()) == (2025, "第2四半期（7〜9月）")
    assert [dialog.insurer.itemText(i) for i in range(dialog.insurer.count())] == \
        ["全保険会社", "東京海上日動", "損保ジャパン"]
    choice = dialog.choice()
    assert (choice.fiscal_year, choice.quarter, choice.insurer, choice.with_personal_data) == (2025, 2, None, False)
    assert file_names.default_path(choice.file_stem()).name == "お客様の声報告_2025年度第2四半期_全保険会社.xlsx"
    assert file_names.default_path(choice.file_stem()).parent == file_names.documents_folder()
    # The keyboard: Tab from 年度 to 四半期, Up to the first, Tab to 保険会社, Down to the first insurer.
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.year.setFocus()
    press(dialog.year, Qt.Key.Key_Down)
    press(dialog.year, Qt.Key.Key_Tab)
    press(dialog.quarter, Qt.Key.Key_Up)
    press(dialog.quarter, Qt.Key.Key_Tab)
    press(dialog.insurer, Qt.Key.Key_Down)
    choice = dialog.choice()
    assert (choice.fiscal_year, choice.quarter, choice.insurer) == (2024, 1, "東京海上日動")
    assert file_names.default_path(choice.file_stem()).name == "お客様の声報告_2024年度第1四半期_東京海上日動.xlsx"


def test_the_kpi_dialog_offers_the_last_ended_year_and_three_years(qtbot, japanese):
    dialog = KpiExportDialog(TODAY)
    qtbot.addWidget(dialog)
    assert (dialog.year.value(), dialog.years.value()) == (2024, 3)
    assert (dialog.years.minimum(), dialog.years.maximum()) == (1, 5)
    assert dialog.choice().file_stem() == "KPI公表資料_2022-2024年度"
    dialog.show()
    dialog.years.setFocus()
    for _ in range(4):
        press(dialog.years, Qt.Key.Key_Up)
    assert dialog.choice().years == 5


def test_staff_cannot_tick_personal_data(qtbot):
    dialog = ListExportDialog("お客様の声", "", manager=False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.personal.setFocus()
    press(dialog.personal, Qt.Key.Key_Space)
    assert not dialog.personal.isEnabled() and not dialog.personal.isChecked()
    assert "管理者" in dialog.personal.toolTip() or "manager" in dialog.personal.toolTip()


@pytest.mark.parametrize("answer,ticked", [(QMessageBox.StandardButton.No, False),
                                           (QMessageBox.StandardButton.Yes, True)])
def test_a_manager_ticks_personal_data_only_after_the_confirmation(qtbot, answer, ticked):
    dialog = QuarterlyExportDialog([], TODAY, manager=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    asked = []

    def reply(box):
        asked.append(box.text())
        box.button(answer).setFocus()
        press(box.button(answer), Qt.Key.Key_Space)
    when_modal(QMessageBox, reply)
    dialog.personal.setFocus()
    press(dialog.personal, Qt.Key.Key_Space)
    assert asked and "recorded" in asked[0]
    assert dialog.personal.isChecked() is ticked and dialog.choice().with_personal_data is ticked


def test_enter_on_the_confirmation_keeps_the_names_masked(qtbot):
    dialog = ListExportDialog("お客様", "", manager=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    when_modal(QMessageBox, lambda box: press(box))
    dialog.personal.setFocus()
    press(dialog.personal, Qt.Key.Key_Space)
    assert not dialog.personal.isChecked()


def _tab_walk(qtbot, dialog, steps):
    from PySide6.QtWidgets import QApplication
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    seen = []
    for _ in range(steps):
        widget = QApplication.focusWidget()
        seen.append(widget)
        press(widget, Qt.Key.Key_Tab)
    return seen


@pytest.mark.parametrize("manager", [False, True])
def test_tab_goes_through_the_choices_then_export_then_cancel_as_on_screen(qtbot, manager):
    """出力… stands left of キャンセル: Tab from the last choice reaches 出力 first (it reached キャンセル, and Enter
    there still exported — the default button — while the focus showed キャンセル)."""
    dialog = QuarterlyExportDialog(["A損保"], TODAY, manager)
    qtbot.addWidget(dialog)
    cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    fields = [dialog.year, dialog.quarter, dialog.insurer] + ([dialog.personal] if manager else [])
    assert _tab_walk(qtbot, dialog, len(fields) + 3) == fields + [dialog.ok_button, cancel, dialog.year]
    assert dialog.ok_button.x() < cancel.x()


def test_the_kpi_and_list_dialogs_tab_to_export_before_cancel(qtbot):
    kpi = KpiExportDialog(TODAY)
    qtbot.addWidget(kpi)
    cancel = kpi.buttons.button(kpi.buttons.StandardButton.Cancel)
    assert _tab_walk(qtbot, kpi, 5) == [kpi.year, kpi.years, kpi.ok_button, cancel, kpi.year]
    listed = ListExportDialog("お客様の声", "3 件", manager=True)
    qtbot.addWidget(listed)
    cancel = listed.buttons.button(listed.buttons.StandardButton.Cancel)
    assert _tab_walk(qtbot, listed, 4) == [listed.ok_button, cancel, listed.personal, listed.ok_button]


def test_enter_on_cancel_cancels_and_enter_in_a_field_still_exports(qtbot):
    """Windows presses the focused button on Enter: a clerk who tabs to キャンセル and presses Enter must not get an
    export (it did: every button was made not to take Enter, so the dialog's default, 出力…, answered)."""
    for back, outcome in ((0, "rejected"), (2, "accepted")):
        dialog = QuarterlyExportDialog(["A損保"], TODAY, False)
        qtbot.addWidget(dialog)
        from PySide6.QtWidgets import QApplication
        _tab_walk(qtbot, dialog, 4)  # year, quarter, insurer, 出力… — and on to キャンセル
        assert QApplication.focusWidget() is dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
        for _ in range(back):  # Shift+Tab back to 保険会社: Enter there exports
            press(QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        with qtbot.waitSignal(getattr(dialog, outcome), timeout=1000):
            press(QApplication.focusWidget(), Qt.Key.Key_Return)


BRANCHES = [("HQ", "本部"), ("YOK", "横浜支店")]


def test_the_quarterly_dialog_offers_all_branches_first_and_names_the_branch_chosen(qtbot, japanese):
    dialog = QuarterlyExportDialog(["東京海上日動"], TODAY, manager=False, branches=BRANCHES)
    qtbot.addWidget(dialog)
    assert [dialog.branch.itemText(i) for i in range(dialog.branch.count())] == ["全拠点", "本部", "横浜支店"]
    consolidated = dialog.choice()
    assert (consolidated.branch_code, consolidated.branch_name) == (None, None)
    assert consolidated.file_stem() == "お客様の声報告_2025年度第2四半期_全保険会社"
    # The keyboard: Tab from 保険会社 reaches 拠点 (its label says 拠点(&B)); End picks the last office.
    assert dialog.form.labelForField(dialog.branch).text() == "拠点(&B)"
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.insurer.setFocus()
    press(dialog.insurer, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.branch
    press(dialog.branch, Qt.Key.Key_End)
    choice = dialog.choice()
    assert (choice.branch_code, choice.branch_name) == ("YOK", "横浜支店")
    assert file_names.default_path(choice.file_stem()).name == "お客様の声報告_2025年度第2四半期_全保険会社_横浜支店.xlsx"
    assert choice.description().endswith("、拠点 横浜支店")


def test_the_kpi_dialog_names_the_branch_chosen(qtbot, japanese):
    dialog = KpiExportDialog(TODAY, branches=BRANCHES)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.years.setFocus()
    press(dialog.years, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.branch
    press(dialog.branch, Qt.Key.Key_Down)
    assert dialog.choice().branch_code == "HQ"
    assert dialog.choice().file_stem() == "KPI公表資料_2022-2024年度_本部"


@pytest.mark.parametrize("branches", [[], [("HQ", "本部")]])
def test_a_single_office_is_not_asked_for_a_branch(qtbot, branches):
    for dialog in (QuarterlyExportDialog(["A損保"], TODAY, False, branches=branches),
                   KpiExportDialog(TODAY, branches=branches)):
        qtbot.addWidget(dialog)
        dialog.show()
        assert not dialog.branch.isVisible() and dialog.form.labelForField(dialog.branch) is None
        assert dialog.choice().branch_code is None
