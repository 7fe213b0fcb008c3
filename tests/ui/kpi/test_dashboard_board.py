"""The dashboard over the real board (reports/kpi_report) and measures (storage/kpi_measures): typed, counted, drilled."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from agency_app.domain.kpi_definition import KpiInput
from agency_app.ui.kpi.drill_down_dialog import DrillDownDialog
from agency_app.ui.kpi.result_dialog import ResultDialog
from list_fixtures import OFFSCREEN_NOISE, add_voices
from tests.ui.kpi.page_fixtures import shown_dashboard

NOW = datetime(2025, 11, 20, 10, 0)
pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


@pytest.fixture
def kpis(ops, store, staff):
    repo = ops.read.kpis
    voices = add_voices(store, staff["sato"])
    return {
        "hand": repo.create(KpiInput(2025, 2, "事故窓口割合", target="85.0", unit="%"), by=staff["manager"]),
        "voices": repo.create(KpiInput(2025, 5, "お客様の声の件数", target="3", unit="件", places=0,
                                       source="voices"), by=staff["manager"]),
        "voice_uids": voices,
    }


@pytest.fixture
def page(qtbot, ops, staff, kpis):
    return shown_dashboard(qtbot, ops, staff, NOW)


def line_of(page, title):
    return next(row for row in page.row_texts() if row[0] == title)


def test_a_typed_result_replaces_no_data_and_is_judged_once_its_year_has_ended(page, qtbot):
    # 2025-11-20: FY2025 is still running, so the figure is shown and judged only when the year has ended
    assert line_of(page, "事故窓口割合")[3:5] == ["データなし", "集計中"]
    qtbot.keyClick(page.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert isinstance(dialog, ResultDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.value_edit)
    qtbot.keyClicks(dialog.value_edit, "80.6")
    qtbot.keyClick(dialog.value_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: line_of(page, "事故窓口割合")[3] == "80.6%")
    assert line_of(page, "事故窓口割合")[4] == "集計中"


def test_the_voices_behind_a_count_open_from_the_drill_down(page, qtbot, kpis):
    row = next(i for i, line in enumerate(page.lines) if line and line[0].title == "お客様の声の件数")
    page.table.setCurrentCell(row, 0)
    counted = page.lines[row][1].value
    assert counted is not None and counted > 0
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, DrillDownDialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == counted)
    with qtbot.waitSignal(page.open_record) as opened:
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert opened.args[0] == "voice" and opened.args[1] in kpis["voice_uids"]


def test_ctrl_shift_p_saves_the_sheet_as_a_pdf_and_ctrl_p_previews_it(page, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from pdf_text import page_texts
    target = tmp_path / "kpi.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), "")))
    qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert target.read_bytes().startswith(b"%PDF")
    assert "事故窓口割合" in "".join(page_texts(target)).replace(" ", "")
    assert page.note.isVisible() and str(target) in page.note.text()
    qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    page.dialog.close()


def test_the_drill_down_reads_the_day_off_the_dashboards_clock_not_the_real_one(ops, store, staff, qtbot):
    """On the page's day (2025-11-20) Q4 of FY2025 has not begun: its why-list is empty, as its cell is データなし —
    the dialog read the real clock, on which Q4 is over, and listed the voices of February 2026."""
    ops.read.kpis.create(KpiInput(2025, 5, "四半期の声", target="3", unit="件", places=0, period="quarter",
                                  source="voices"), by=staff["manager"])
    add_voices(store, staff["sato"], now=datetime(2026, 2, 10, 10, 0))
    page = shown_dashboard(qtbot, ops, staff, NOW)
    row = next(i for i, line in enumerate(page.lines)
               if line and line[0].title == "四半期の声" and line[1].period.number == 4)
    page.table.setCurrentCell(row, 0)
    assert page.lines[row][1].value is None
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, DrillDownDialog)
    qtbot.waitUntil(lambda: dialog.figures.text() != "Reading the records…")
    assert dialog.table.rowCount() == 0
    assert "No records" in dialog.figures.text()


def test_on_a_branchs_board_a_typed_kpi_says_it_is_the_agencys_figure(page, qtbot, ops, staff, kpis):
    """Choosing a branch showed the agency's typed 80.6% and its judgement as the branch's own, beside the
    branch's computed counts; they are marked 全社 (the branch has no typed figure), the counts are not."""
    from agency_app.domain.periods import Period
    ops.write(page, lambda data: data.kpis.set_hand_value(kpis["hand"], Period(2025), "80.6",
                                                         staff["manager"])).run()
    qtbot.waitUntil(lambda: line_of(page, "事故窓口割合")[3] == "80.6%")
    page.choose(branch="HQ")
    qtbot.waitUntil(lambda: page.board.branch == "HQ")
    assert line_of(page, "事故窓口割合")[3:5] == ["80.6%（全社）", "集計中（全社）"]
    assert "全社" not in "".join(line_of(page, "お客様の声の件数"))
    row = next(i for i, line in enumerate(page.lines) if line and line[0].title == "事故窓口割合")
    page.table.setCurrentCell(row, 0)
    assert "80.6%（全社）" in page.detail_title.text()
    assert "whole agency" in page.table.item(row, 3).toolTip()
    page.choose(branch=None)
    qtbot.waitUntil(lambda: page.board.branch is None)
    assert line_of(page, "事故窓口割合")[3:5] == ["80.6%", "集計中"]
