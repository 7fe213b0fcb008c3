"""ファイル › Excelに出力 and Excelから取り込み: each entry reaches its export or import; この一覧をExcelに出力 (Ctrl+E)
writes exactly the tab's list as filtered, and every export is recorded with who made it."""

from __future__ import annotations

import sys
import types

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from agency_app.storage.exports import exports_made
from agency_app.ui.excel_out.export_dialogs import KpiExportDialog, ListExportDialog, QuarterlyExportDialog
from export_fakes import answer_save_dialog, install_fake_writers, press, when_modal
from list_fixtures import TODAY, make_window, wait_idle



@pytest.fixture
def writers(monkeypatch):
    return install_fake_writers(monkeypatch)


@pytest.fixture
def saves(monkeypatch, tmp_path):
    (tmp_path / "out").mkdir()
    return answer_save_dialog(monkeypatch, tmp_path / "out")


def _finish(qtbot, window, dialog):
    qtbot.waitUntil(lambda: dialog.state == "saved")
    wait_idle(qtbot, window)
    return dialog


def _show(window, key):
    window.tabs.go_to(key)
    assert window.tabs.current_key() == key


def test_the_file_menu_holds_the_exports_and_imports(window):
    file_menu = window.menuBar().actions()[0].menu()
    submenus = [a.menu() for a in file_menu.actions() if a.menu() is not None]
    assert [m.title() for m in submenus] == ["E&xport to Excel", "&Import from Excel"]
    assert [a.text() for a in submenus[0].actions()] == [
        "&Quarterly report to insurers…", "&KPI publication…", "&Export this list to Excel…"]
    assert [a.text() for a in submenus[1].actions() if not a.isSeparator()] == [
        "&Voices…", "&Survey answers…", "&KPI results…", "Save an import &template…"]


def test_this_list_is_greyed_and_gives_up_ctrl_e_on_tabs_without_a_list(window):
    for key, has_list in (("voice", True), ("case", True), ("customer", True), ("sale", True), ("counts", False),
                          ("kpi", False), ("work", False), ("voice", True)):
        _show(window, key)
        assert window.export_list_action.isEnabled() is has_list, key
        assert (window.export_list_action.shortcut().toString() == "Ctrl+E") is has_list, key


def test_ctrl_e_exports_the_voice_list_as_filtered_and_records_it_with_the_staff(qtbot, window, voice_db, writers,
                                                                                   saves, tmp_path):
    store, staff, _uids = voice_db
    window.filter_bar.open_check.setFocus()
    press(window.filter_bar.open_check, Qt.Key.Key_Space)  # 未完了のみ
    wait_idle(qtbot, window)
    shown = window.filter_bar.current_filter(TODAY)
    assert shown.open_only
    when_modal(ListExportDialog, lambda dialog: press(dialog))  # Enter: 出力…
    press(window.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = _finish(qtbot, window, _job_dialog(window))
    assert writers == [("write_list_workbook", ("voices", shown),
                        {"with_personal_data": False, "control": writers[0][2]["control"],
                         "sort": "received_at", "descending": True})]  # the list's order as shown: newest first
    assert dialog.path.parent == tmp_path / "out" and dialog.path.name == f"Voice list_{TODAY:%Y-%m-%d}.xlsx"
    made = exports_made(store)
    assert [(e["report"], e["created_by"], e["with_personal_data"], e["file_name"], e["row_count"]) for e in made] == \
        [("list_voices", staff["sato"], 0, dialog.path.name, 7)]
    # The history says which rows left the office: the list and its filter in words.
    assert "未完了" in made[0]["description"], made[0]["description"]


def _job_dialog(window):
    from agency_app.ui.kit.job_dialog import JobDialog
    found = [d for d in window.findChildren(JobDialog) if d.isVisible() or d.state != "new"]
    assert found
    return found[-1]


def test_the_cases_list_is_exported_with_the_filter_its_page_shows(qtbot, window, writers, saves):
    _show(window, "case")
    page = window.tabs.current_page()
    page.overdue_only.setFocus()
    press(page.overdue_only, Qt.Key.Key_Space)
    wait_idle(qtbot, window)
    when_modal(ListExportDialog, lambda dialog: press(dialog))
    press(page.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    _finish(qtbot, window, _job_dialog(window))
    (name, (kind, list_filter), _kw), = writers
    assert (name, kind) == ("write_list_workbook", "cases")
    assert list_filter == page.export_filter() and list_filter.overdue_only


@pytest.mark.parametrize("key,kind", [("customer", "customers"), ("sale", "elderly")])
def test_customers_and_elderly_lists_are_exported_with_their_filters(qtbot, window, writers, saves, key, kind):
    _show(window, key)
    page = window.tabs.current_page()
    when_modal(ListExportDialog, lambda dialog: press(dialog))
    window.export_list_action.trigger()
    _finish(qtbot, window, _job_dialog(window))
    (_name, (got_kind, list_filter), _kw), = writers
    assert got_kind == kind and list_filter == page.export_filter()


def test_a_manager_exports_the_quarterly_report_with_personal_data_recorded(qtbot, voice_db, app_settings, tmp_path,
                                                                             writers, saves):
    store, staff, _uids = voice_db
    window = make_window(qtbot, store, staff["manager"], app_settings, tmp_path)

    def choose(dialog):
        assert (dialog.year.value(), dialog.quarter.currentData()) == (2025, 2)  # 2025-11-20: Q2 has ended
        when_modal(QMessageBox, lambda box: (box.button(QMessageBox.StandardButton.Yes).setFocus(),
                                             press(box.button(QMessageBox.StandardButton.Yes), Qt.Key.Key_Space)))
        dialog.personal.setFocus()
        press(dialog.personal, Qt.Key.Key_Space)
        assert dialog.personal.isChecked()
        press(dialog)
    when_modal(QuarterlyExportDialog, choose)
    window.export_quarterly_action.trigger()
    dialog = _finish(qtbot, window, _job_dialog(window))
    (name, args, kwargs), = writers
    assert (name, args, kwargs["with_personal_data"]) == ("write_quarterly_workbook", (2025, 2, None), True)
    assert dialog.path.name == "Voices report_FY2025 Q2_all insurers_with personal data.xlsx"
    (made,) = exports_made(store)
    assert (made["report"], made["created_by"], made["with_personal_data"]) == ("quarterly", staff["manager"], 1)
    window.search.shutdown()


def test_staff_export_the_quarterly_report_masked(qtbot, window, voice_db, writers, saves):
    store, staff, _uids = voice_db

    def choose(dialog):
        assert not dialog.personal.isEnabled()
        press(dialog)
    when_modal(QuarterlyExportDialog, choose)
    window.export_quarterly_action.trigger()
    _finish(qtbot, window, _job_dialog(window))
    assert writers[0][2]["with_personal_data"] is False
    (made,) = exports_made(store)
    assert (made["created_by"], made["with_personal_data"]) == (staff["sato"], 0)


def test_the_kpi_publication_is_exported_for_the_years_chosen(qtbot, window, voice_db, writers, saves):
    store, staff, _uids = voice_db

    def choose(dialog):
        dialog.years.setFocus()
        press(dialog.years, Qt.Key.Key_Down)
        press(dialog.years)  # Enter in a field exports
    when_modal(KpiExportDialog, choose)
    window.export_kpi_action.trigger()
    _finish(qtbot, window, _job_dialog(window))
    (name, args, _kw), = writers
    assert (name, args) == ("write_kpi_workbook", (2024, 2))
    assert [(e["report"], e["created_by"]) for e in exports_made(store)] == [("kpi", staff["sato"])]


def test_cancel_in_the_choices_or_the_file_dialog_exports_nothing(qtbot, window, voice_db, writers, monkeypatch):
    from PySide6.QtWidgets import QFileDialog
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: ("", "")))
    when_modal(KpiExportDialog, lambda dialog: press(dialog, Qt.Key.Key_Escape))
    window.export_kpi_action.trigger()
    when_modal(KpiExportDialog, lambda dialog: press(dialog))
    window.export_kpi_action.trigger()
    assert writers == [] and exports_made(voice_db[0]) == []


def test_the_import_entries_open_the_import_dialog_for_their_target(window, monkeypatch):
    opened = []
    module = types.ModuleType("agency_app.ui.excel_in.import_dialog")
    module.open_import_dialog = lambda win, ops, target: opened.append((win, ops, target))
    module.save_template_dialog = lambda win, target=None: opened.append((win, "template", target))
    monkeypatch.setitem(sys.modules, "agency_app.ui.excel_in", types.ModuleType("agency_app.ui.excel_in"))
    monkeypatch.setattr(sys.modules["agency_app.ui.excel_in"], "import_dialog", module, raising=False)
    monkeypatch.setitem(sys.modules, module.__name__, module)
    for act in window.import_actions.values():
        act.trigger()
    window.template_action.trigger()
    assert opened == [(window, window.ops, "voices"), (window, window.ops, "survey_answers"),
                      (window, window.ops, "kpi_results"), (window, "template", None)]


def test_the_quarterly_report_and_kpi_publication_of_one_branch_reach_their_writers_named(qtbot, window, voice_db,
                                                                                         writers, saves):
    store, staff, _uids = voice_db  # head office HQ and the Yokohama office YK

    def yokohama(dialog):
        dialog.branch.setFocus()
        press(dialog.branch, Qt.Key.Key_End)
        press(dialog)
    when_modal(QuarterlyExportDialog, yokohama)
    window.export_quarterly_action.trigger()
    quarterly = _finish(qtbot, window, _job_dialog(window))
    when_modal(KpiExportDialog, yokohama)
    window.export_kpi_action.trigger()
    kpi = _finish(qtbot, window, _job_dialog(window))
    (q_name, _args, q_kwargs), (k_name, _k_args, k_kwargs) = writers
    assert (q_name, q_kwargs["branch_code"]) == ("write_quarterly_workbook", "YK")
    assert (k_name, k_kwargs["branch"]) == ("write_kpi_workbook", "YK")
    assert quarterly.path.name == "Voices report_FY2025 Q2_all insurers_横浜支店.xlsx"
    assert kpi.path.name == "KPI publication_FY2022-2024_横浜支店.xlsx"
    assert [made["description"].endswith("横浜支店") for made in exports_made(store)] == [True, True]
