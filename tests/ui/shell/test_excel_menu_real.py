"""The exports from the window with the real workbook writers (reports/excel): the workbook holds exactly the rows
the tab lists, names masked unless a manager asked, and the history records it."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from agency_app.storage.exports import exports_made
from agency_app.ui.excel_out.export_dialogs import ListExportDialog, QuarterlyExportDialog
from export_fakes import answer_save_dialog, press, when_modal
from list_fixtures import VOICES, make_window, wait_idle


@pytest.fixture
def saves(monkeypatch, tmp_path):
    (tmp_path / "out").mkdir()
    return answer_save_dialog(monkeypatch, tmp_path / "out")


def _job_dialog(window):
    from agency_app.ui.kit.job_dialog import JobDialog
    found = [d for d in window.findChildren(JobDialog) if d.isVisible() or d.state != "new"]
    assert found
    return found[-1]


def _finish(qtbot, window):
    dialog = _job_dialog(window)
    qtbot.waitUntil(lambda: dialog.state in ("saved", "failed"), timeout=20000)
    assert dialog.state == "saved", dialog.message.text()
    wait_idle(qtbot, window)
    return dialog


def _cells(path):
    book = openpyxl.load_workbook(path)
    return [[c for c in row] for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]


def _shown_summaries(window):
    model = window.model
    column = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) in
                  ("Summary", "要旨", "Summary of the voice", "件名"))
    return {model.index(r, column).data() for r in range(model.rowCount())}


def test_the_voice_list_as_filtered_goes_to_the_workbook_masked(qtbot, window, voice_db, saves):
    store, staff, _uids = voice_db
    window.filter_bar.open_check.setFocus()
    press(window.filter_bar.open_check, Qt.Key.Key_Space)  # 未完了のみ
    wait_idle(qtbot, window)
    when_modal(ListExportDialog, lambda dialog: (
        assert_(not dialog.personal.isEnabled()), press(dialog)))
    press(window.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = _finish(qtbot, window)
    cells = _cells(dialog.path)
    text = "\n".join(str(c) for row in cells for c in row if c is not None)
    open_voices = [v for v in VOICES if v[2] in ("new", "in_progress")]
    for voice in VOICES:
        assert (voice[4] in text) is (voice in open_voices), voice[4]
        if voice[3]:
            assert voice[3] not in text, voice[3]  # masked for staff
    (made,) = exports_made(store)
    assert (made["created_by"], made["with_personal_data"], made["row_count"]) == (staff["sato"], 0, len(open_voices))


def assert_(condition):
    assert condition


def test_a_manager_exports_the_list_with_names_after_the_confirmation(qtbot, voice_db, app_settings, tmp_path, saves):
    store, staff, _uids = voice_db
    window = make_window(qtbot, store, staff["manager"], app_settings, tmp_path)
    wait_idle(qtbot, window)

    def choose(dialog):
        when_modal(QMessageBox, lambda box: press(box.button(QMessageBox.StandardButton.Yes), Qt.Key.Key_Space))
        dialog.personal.setFocus()
        press(dialog.personal, Qt.Key.Key_Space)
        press(dialog)
    when_modal(ListExportDialog, choose)
    press(window.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = _finish(qtbot, window)
    text = "\n".join(str(c) for row in _cells(dialog.path) for c in row if c is not None)
    assert "山田 太郎" in text
    (made,) = exports_made(store)
    assert (made["created_by"], made["with_personal_data"]) == (staff["manager"], 1)
    window.search.shutdown()


def test_the_quarterly_report_is_written_and_recorded(qtbot, window, voice_db, saves):
    store, staff, _uids = voice_db
    when_modal(QuarterlyExportDialog, lambda dialog: press(dialog))
    window.export_quarterly_action.trigger()
    dialog = _finish(qtbot, window)
    assert dialog.path.exists() and openpyxl.load_workbook(dialog.path).sheetnames
    (made,) = exports_made(store)
    assert (made["report"], made["created_by"], made["with_personal_data"]) == ("quarterly", staff["sato"], 0)
    assert not [p for p in dialog.path.parent.iterdir() if p != dialog.path]  # no temporary file left


def test_the_kpi_publication_is_written_and_recorded(qtbot, window, voice_db, saves):
    from agency_app.ui.excel_out.export_dialogs import KpiExportDialog
    store, staff, _uids = voice_db
    when_modal(KpiExportDialog, lambda dialog: press(dialog))
    window.export_kpi_action.trigger()
    dialog = _finish(qtbot, window)
    assert openpyxl.load_workbook(dialog.path).sheetnames
    (made,) = exports_made(store)
    assert (made["report"], made["created_by"]) == ("kpi", staff["sato"])


def test_the_voice_list_sorted_by_a_column_comes_out_in_the_order_the_screen_shows(qtbot, window, voice_db, saves):
    header = window.table.horizontalHeader()
    column = window.model.sorts.index("customer_name")
    header.sectionClicked.emit(column)  # what a click on the お客様 header does
    header.setSortIndicator(column, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: (window.model.sort_column, window.model.descending) == ("customer_name", True))
    wait_idle(qtbot, window)
    summary = next(c for c in range(window.model.columnCount()) if window.model.sorts[c] is None
                   and window.model.headerData(c, Qt.Orientation.Horizontal) in ("Summary", "要旨"))
    shown = [window.model.index(r, summary).data() for r in range(window.model.rowCount())]
    when_modal(ListExportDialog, lambda dialog: press(dialog))
    press(window.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = _finish(qtbot, window)
    sheet = openpyxl.load_workbook(dialog.path).worksheets[0]
    heads = [c.value for c in sheet[1]]
    written = [row[heads.index("要旨")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert written == shown and len(set(shown)) > 1
