"""The KPI dashboard: choosers, headings by principle, データなし, the 確定 flag, why-is-it-97, results and texts by keyboard."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import namedtuple
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication

from agency_app.domain.kpi import ACHIEVED, AT_LEAST, MISSED, KpiTarget
from agency_app.domain.kpi_definition import KpiInput
from agency_app.domain.periods import HALF, QUARTER, Period
from agency_app.reports import kpi_report
from agency_app.reports.kpi_report import KpiBoard, KpiRow, ResultCell, TrendPoint
from agency_app.ui.kpi import drill_down_dialog
from agency_app.ui.kpi.dashboard_page import DashboardPage
from agency_app.ui.kpi.drill_down_dialog import DrillDownDialog
from agency_app.ui.kpi.result_dialog import ResultDialog
from list_fixtures import settle
from tests.ui.kpi.page_fixtures import shown_dashboard

ROOT = Path(__file__).resolve().parents[3]
NOW = datetime(2025, 11, 20, 10, 0)
FLAG = "確定後に変更があります: 97.0% → 98.0%"
Value = namedtuple("Value", "value numerator denominator")
Drill = namedtuple("Drill", "kind uid day label detail")


def cell(period, value, achievement, *, frozen=False, flag=None, hand=False, facts="事実の下書き",
         evaluation="評価の下書き", drafts=True, interim=False):
    return ResultCell(period=period, value=value, current=value, frozen=frozen,
                      frozen_at="2025-10-05T09:00:00" if frozen else None, frozen_by="山田 花子" if frozen else None,
                      flag=flag, achievement=achievement, facts=facts, evaluation=evaluation, facts_is_draft=drafts,
                      evaluation_is_draft=drafts, hand=hand, interim=interim,
                      draft_facts="事実の下書き", draft_evaluation="評価の下書き")   # as the board drafted them


def kpi_row(uid, principle, title, cells, *, source="voices", target=Decimal("80.0"), unit="%", trend=()):
    return KpiRow(uid=uid, principle=principle, title=title, description="", source=source, source_param=None,
                  target=KpiTarget(target, unit, AT_LEAST, 1), period="year", source_label="お客様の声の件数",
                  cells=tuple(cells), trend=tuple(trend))


def board(hand_uid="hand-1", fiscal_year=2025, half=None):
    year = Period(fiscal_year)
    rows = (
        kpi_row("renew", 2, "早期更改率", [cell(year, Decimal("98.0"), ACHIEVED, frozen=True, flag=FLAG)],
                trend=[TrendPoint(2023, Decimal("79.5"), MISSED), TrendPoint(2024, None, None)]),
        kpi_row(hand_uid, 2, "事故窓口割合", [cell(year, None, None, hand=True)], source="hand"),
        kpi_row("nps", 6, "NPS", [cell(Period(fiscal_year, QUARTER, 1), Decimal("37.5"), MISSED),
                                  cell(Period(fiscal_year, QUARTER, 2), Decimal("61.0"), ACHIEVED)],
                target=Decimal("60.0"), unit="pt"),
    )
    return KpiBoard(fiscal_year=fiscal_year, half=half, branch=None, rows=rows, finalisations=(), made_at=NOW)


@pytest.fixture
def built(monkeypatch):
    """build_board replaced by the hand-made board; every call's arguments kept."""
    calls = []

    def fake(services, fiscal_year, *, half=None, branch=None, today):
        calls.append((fiscal_year, half, branch, today))
        return board(fiscal_year=fiscal_year, half=half, hand_uid=fake.hand_uid)
    fake.hand_uid = "hand-1"
    monkeypatch.setattr(kpi_report, "build_board", fake, raising=False)
    return fake, calls


@pytest.fixture
def page(qtbot, ops, staff, built):
    return shown_dashboard(qtbot, ops, staff, NOW)


def test_the_board_is_grouped_by_principle_with_the_judgement_in_words_and_no_data_never_shown_as_zero(page):
    rows = page.row_texts()
    assert rows[0][0].startswith("Principle 2: 顧客の最善の利益の追求")
    assert rows[1][:5] == ["早期更改率", "Year", "80.0%以上", "98.0%", "達成"]
    assert rows[2][:5] == ["事故窓口割合", "Year", "80.0%以上", "データなし", "データなし"]
    assert rows[3][0].startswith("Principle 6:")
    assert [r[:5] for r in rows[4:]] == [["NPS", "Q1", "60.0pt以上", "37.5pt", "未達"],
                                          ["", "Q2", "60.0pt以上", "61.0pt", "達成"]]
    assert rows[1][6] == "FY2023 79.5% ・ FY2024 データなし"
    assert not any("0.0%" == r[3] for r in rows)


def test_the_change_flag_and_the_finalised_mark_are_in_plain_sight(page):
    final = page.row_texts()[1][5]
    assert final == f"Final 2025/10/05 山田 花子\n{FLAG}"
    assert page.flag_label.isVisible() and page.flag_label.text() == FLAG


def test_the_arrow_keys_pass_over_the_principle_headings(page, qtbot):
    assert page.table.currentRow() == 1  # the first KPI, not its heading
    for _ in range(2):
        qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.table.currentRow() == 4  # row 3 is principle 6's heading
    assert "NPS" in page.detail_title.text()


def test_the_choosers_build_the_board_for_the_half_and_branch_chosen(page, built, qtbot):
    _fake, calls = built
    assert calls[-1] == (2025, None, None, date(2025, 11, 20))
    page.half_combo.setFocus()
    qtbot.keyClick(page.half_combo, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: calls[-1][1] == 1)
    assert page.board.half == 1


def test_a_write_to_the_kpi_results_rebuilds_the_board(page, built, ops, staff):
    _fake, calls = built
    before = len(calls)
    uid = ops.read.kpis.create(KpiInput(2025, 2, "紹介件数", target="10", unit="件", places=0), by=staff["manager"])
    built[0].hand_uid = uid
    ops.write(page, lambda data: data.kpis.set_hand_value(uid, Period(2025), "12", staff["manager"])).run()
    assert len(calls) > before


def test_enter_on_a_computed_result_lists_the_records_and_enter_on_one_opens_it(page, qtbot, monkeypatch):
    asked = []

    def fake(services, row, cell, branch, today):
        asked.append((row.uid, cell.period, branch))
        return Value(Decimal("98.0"), 2, 3), [Drill("voice", "v-1", "2025-05-01", "声 1", "不満"),
                                               Drill("voice", "v-2", "2025-06-01", "声 2", "要望")]
    monkeypatch.setattr(drill_down_dialog, "drill_rows", fake)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, DrillDownDialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2)
    assert asked == [("renew", Period(2025), None)]
    assert dialog.figures.text() == "2 of 3 records are counted in the figure."
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    with qtbot.waitSignal(page.open_record) as opened:
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert opened.args == ["voice", "v-2"]


def test_a_period_without_records_says_so_in_the_drill_down(page, qtbot, monkeypatch):
    monkeypatch.setattr(drill_down_dialog, "drill_rows", lambda *args: (Value(None, 0, 0), []))
    for _ in range(2):
        qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    qtbot.waitUntil(lambda: "No records" in page.dialog.figures.text())
    assert "データなし" in page.dialog.figures.text()
    assert not page.dialog.open_button.isEnabled()


def test_a_finalised_result_refuses_editing_with_the_reason(page, qtbot):
    qtbot.keyClick(page.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert page.dialog is None
    assert page.note.isVisible()
    assert "finalised (Final 2025/10/05 山田 花子)" in page.note.text()


@pytest.fixture
def hand_kpi(ops, staff, built):
    uid = ops.read.kpis.create(KpiInput(2025, 2, "事故窓口割合", target="80.0", unit="%"), by=staff["manager"])
    built[0].hand_uid = uid
    return uid


def open_result_dialog(page, qtbot) -> ResultDialog:
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert isinstance(dialog, ResultDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # its keys answer once it is the active window
    return dialog


def committed(widget, text: str) -> None:
    """Japanese typed as the IME hands it over: a converted, committed string."""
    from PySide6.QtGui import QInputMethodEvent
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def stored(ops, uid):
    return ops.read.conn.execute("SELECT hand_value, facts, evaluation FROM kpi_results WHERE kpi_id = ?",
                                 (uid,)).fetchone()


def test_a_hand_result_and_its_texts_are_typed_and_saved_with_ctrl_enter(hand_kpi, page, qtbot, ops):
    page.refresh()
    dialog = open_result_dialog(page, qtbot)
    assert dialog.facts_edit.toPlainText() == "事実の下書き"   # prefilled with the draft
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.value_edit)
    qtbot.keyClicks(dialog.value_edit, "82.5")
    dialog.evaluation_edit.setFocus()
    dialog.evaluation_edit.selectAll()
    committed(dialog.evaluation_edit, "目標を達成しました。")
    qtbot.keyClick(dialog.evaluation_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == dialog.DialogCode.Accepted
    # The facts were left as the draft: stored empty, so the draft keeps following the figures.
    assert tuple(stored(ops, hand_kpi)) == ("82.5", "", "目標を達成しました。")


def test_enter_in_the_texts_is_a_new_line_never_a_save(hand_kpi, page, qtbot, ops):
    dialog = open_result_dialog(page, qtbot)
    dialog.facts_edit.setFocus()
    qtbot.keyClick(dialog.facts_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and stored(ops, hand_kpi) is None


def test_a_value_that_is_not_a_number_is_refused_in_the_dialog_and_nothing_typed_is_lost(hand_kpi, page, qtbot, ops):
    dialog = open_result_dialog(page, qtbot)
    committed(dialog.value_edit, "たくさん")
    qtbot.keyClick(dialog.value_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and dialog.error.isVisible() and dialog.error.text()
    assert dialog.value_edit.text() == "たくさん" and stored(ops, hand_kpi) is None


def test_back_to_the_drafts_replaces_edited_texts_with_the_drafts(hand_kpi, page, qtbot):
    dialog = open_result_dialog(page, qtbot)
    dialog.facts_edit.setPlainText("書き換えた事実")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.facts_edit.toPlainText() == "事実の下書き")  # a mnemonic clicks after a blink
    assert dialog.evaluation_edit.toPlainText() == "評価の下書き"


def test_the_selected_kpi_shows_its_years_as_a_chart_with_the_target(page, qtbot):
    chart = page.chart
    assert chart is not None and chart.isVisible()
    assert chart.data.labels == ("FY2023", "FY2024", "FY2025")
    assert chart.data.value_texts == ("79.5%", "データ\nなし", "98.0%")   # never a 0 bar read as a result
    assert chart.data.target == 80.0 and chart.data.target_text == "Target 80.0%以上"


def test_the_kpi_tab_opens_on_the_dashboard(qtbot, ops, staff, built):
    from agency_app.ui.kpi.kpi_page import INNER_PAGES, KpiPage
    assert INNER_PAGES[0].key == "dashboard"
    tab = KpiPage(ops, staff["manager"], clock=lambda: NOW)
    qtbot.addWidget(tab)
    assert isinstance(tab.current_page(), DashboardPage)


@pytest.fixture
def windows_font(qapp):
    """Text as tall as Windows' Japanese UI font draws it at 125 % (as tests/ui/kit/test_screen_fit.py)."""
    from PySide6.QtGui import QFont
    before = QApplication.font()
    font = QFont(before)
    font.setPointSizeF(before.pointSizeF() * 1.4)
    QApplication.setFont(font)
    yield
    QApplication.setFont(before)


def test_the_dashboard_fits_1024_by_768_in_japanese(qtbot, ops, staff, built, japanese, windows_font):
    widget = DashboardPage(ops, staff["manager"], clock=lambda: NOW)
    qtbot.addWidget(widget)
    # The window's frame, menu, tab bars and status bar leave the page about 1000 × 560 on such a screen.
    assert widget.minimumSizeHint().width() <= 1000
    assert widget.minimumSizeHint().height() <= 560
    widget.resize(QSize(1000, 560))
    widget.show()
    qtbot.waitUntil(lambda: widget.board is not None)
    for button in widget.buttons.values():
        assert widget.rect().contains(button.geometry())


CHILD = """
import sys
import agency_app.ui.kpi.kpi_page, agency_app.ui.kpi.dashboard_page
print("RESULT", "PySide6.QtCharts" in sys.modules)
"""


def test_the_dashboard_module_does_not_load_qt_charts(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120,
                            cwd=ROOT)
    assert "RESULT False" in result.stdout, result.stderr[-2000:]


def test_tab_goes_from_the_choosers_to_the_board(page, qtbot):
    page.branch_combo.setFocus()
    qtbot.waitUntil(lambda: page.branch_combo.hasFocus())
    qtbot.keyClick(page.branch_combo, Qt.Key.Key_Tab)
    assert page.table.hasFocus()


def test_each_alt_letter_of_the_page_and_its_result_dialog_is_its_own_in_japanese(qtbot, ops, staff, built, japanese):
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel
    letter = re.compile(r"\(&(\w)\)")

    def letters(window):
        found = [letter.search(w.text()) for w in window.findChildren(QAbstractButton) + [
            label for label in window.findChildren(QLabel) if label.buddy() is not None]]
        return [m.group(1).upper() for m in found if m]
    widget = DashboardPage(ops, staff["manager"], clock=lambda: NOW)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.board is not None)
    taken = letters(widget)
    assert len(taken) == 7 and len(set(taken)) == len(taken)
    assert not set(taken) & set("FVOM")   # the window's menus: ファイル(F) 表示(V) 操作(O) 管理(M)
    widget.table.setCurrentCell(2, 0)
    dialog = ResultDialog(ops, staff["manager"], *widget.current_line(), parent=widget)
    taken = letters(dialog)
    assert len(taken) == 4 and len(set(taken)) == len(taken)


def test_a_refusal_stays_in_view_when_the_board_is_rebuilt(page, qtbot):
    qtbot.keyClick(page.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    said = page.note.text()
    page.refresh()   # a save elsewhere rebuilds the board
    assert page.note.isVisible() and page.note.text() == said


def test_a_year_without_kpis_says_so_and_the_note_goes_once_it_has_some(qtbot, ops, staff, monkeypatch):
    boards = {2025: board(), 2024: KpiBoard(2024, None, None, (), (), NOW)}
    monkeypatch.setattr(kpi_report, "build_board", lambda services, fy, **kw: boards[fy], raising=False)
    widget = DashboardPage(ops, staff["manager"], clock=lambda: NOW)
    qtbot.addWidget(widget)
    widget.show()
    widget.choose(2024)
    assert widget.note.isVisible() and widget.note.text() == "FY2024 has no KPIs yet: define them on the KPIs tab."
    assert not widget.action_of["result"].isEnabled() and not widget.buttons["pdf"].isEnabled()
    widget.choose(2025)
    assert not widget.note.isVisible()



def test_a_newer_choice_replaces_a_board_still_being_built(qtbot, file_ops, voice_db, monkeypatch):
    import threading
    release = threading.Event()
    asked = []

    def slow(services, fiscal_year, *, half=None, branch=None, today):
        asked.append(half)
        if half is None:
            release.wait(10)   # the whole year is still being counted when 上期 is chosen
        return board(half=half)
    monkeypatch.setattr(kpi_report, "build_board", slow, raising=False)
    widget = DashboardPage(file_ops, voice_db[1]["manager"], clock=lambda: NOW)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: asked == [None])
    widget.choose(half=1)
    qtbot.waitUntil(lambda: widget.board is not None and widget.board.half == 1)
    release.set()
    settle(qtbot, file_ops)   # the replaced build ends: its board is never shown over the newer one
    assert widget.board.half == 1 and asked == [None, 1]


def test_an_interim_figure_of_a_year_kpi_is_not_edited_over_the_half(qtbot, ops, staff, monkeypatch):
    half = board()
    row = half.rows[1]
    interim = row.cells[0].__class__(**{**row.cells[0].__dict__, "period": Period(2025, HALF, 1), "interim": True})
    rows = (half.rows[0], row.__class__(**{**row.__dict__, "cells": (interim,)}))
    monkeypatch.setattr(kpi_report, "build_board", lambda *args, **kw: KpiBoard(2025, 1, None, rows, (), NOW),
                        raising=False)
    widget = DashboardPage(ops, staff["manager"], clock=lambda: NOW)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(widget.isActiveWindow)   # the page's keys answer in the active window
    widget.table.setCurrentCell(2, 0)
    assert widget.row_texts()[2][1] == "First half (interim)"
    qtbot.keyClick(widget.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert widget.dialog is None and "interim figure over the half" in widget.note.text()


def test_the_nps_drill_down_counts_the_answers_it_lists_not_promoters_minus_detractors(ops, store, qtbot):
    # 3 promoters, 2 passives, 3 detractors: NPS 0.0 — the 6 answers that move it are listed, of 8 with a score
    with store.write() as db:
        for n, score in enumerate((10, 9, 9, 8, 7, 6, 0, 3)):
            db.conn.execute("INSERT INTO survey_answers (uid, branch_code, answered_on, survey_type, recommendation, "
                            "origin_branch, created_at, updated_at) VALUES (?, 'HQ', '2025-06-01', 'claim', ?, 'HQ', "
                            "'2025-06-01 09:00', '2025-06-01 09:00')", (f"a-{n}", score))
    row = replace(kpi_row("nps", 6, "NPS 事故対応", [cell(Period(2025), Decimal("0.0"), MISSED)],
                          target=Decimal("60.0"), unit="pt"), source="nps", source_param="claim")
    dialog = DrillDownDialog(ops, row, row.cells[0], None, clock=lambda: datetime(2026, 5, 1, 10, 0))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 6)
    assert dialog.figures.text() == "6 of 8 records are counted in the figure."


def test_ctrl_page_down_and_up_move_between_the_inner_tabs_even_from_the_board(qtbot, ops, staff, built):
    """The board (a list) takes PgDown whatever the modifiers: Qt's own Ctrl+PgDown never reached the tab bar."""
    from agency_app.ui.kpi.kpi_page import KpiPage
    tab = KpiPage(ops, staff["manager"], clock=lambda: NOW)
    qtbot.addWidget(tab)
    tab.show()
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab)
    dashboard = tab.pages["dashboard"]
    qtbot.waitUntil(lambda: dashboard.board is not None)
    dashboard.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dashboard.table)
    qtbot.keyClick(dashboard.table, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert tab.inner.currentWidget() is tab.pages["kpis"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert tab.inner.currentWidget() is tab.pages["qualifications"]   # round the start to the last


def test_the_kpi_tab_puts_the_keyboard_in_the_dashboard_board(qtbot, ops, staff, built):
    """Ctrl+9 then ↓ and Enter: the keys reach the board (they went to the tab's frame, and nothing moved)."""
    from PySide6.QtWidgets import QLabel
    from agency_app.ui.shell.page_tabs import PageTabs
    tabs = PageTabs(QLabel("voices"), ops, staff_uid=staff["manager"], clock=lambda: NOW)
    qtbot.addWidget(tabs)
    tabs.show()
    qtbot.waitExposed(tabs)
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.key_at(i) == "kpi"))
    dashboard = tabs.pages["kpi"].pages["dashboard"]
    qtbot.waitUntil(lambda: dashboard.board is not None)
    assert tabs.focusWidget() is dashboard.table   # the window's focus child: where its keys go


def test_a_quarterly_kpis_earlier_years_stand_beside_the_quarter_they_are_of(qtbot, ops, staff, monkeypatch):
    """The trend of a quarterly KPI is of its last quarter (reports.kpi_report._trend, as the A4 sheet prints it):
    beside Q1 '2025年度 52件' read as last year's Q1."""
    quarters = [cell(Period(2025, QUARTER, n), Decimal(n), MISSED) for n in (1, 2, 3, 4)]
    rows = (kpi_row("q", 2, "苦情件数", quarters, target=Decimal("47"), unit="件",
                    trend=[TrendPoint(2024, Decimal("52"), MISSED)]),)
    monkeypatch.setattr(kpi_report, "build_board", lambda services, fy, **kw: KpiBoard(fy, None, None, rows, (), NOW),
                        raising=False)
    widget = DashboardPage(ops, staff["manager"], clock=lambda: NOW)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.board is not None)
    texts = widget.row_texts()
    assert [r[1] for r in texts[1:]] == ["Q1", "Q2", "Q3", "Q4"]
    assert [r[6] for r in texts[1:]] == ["", "", "", "FY2024 52.0件"]


def test_back_to_the_drafts_gives_the_draft_the_board_prints_for_a_half_kpi(ops, staff):
    """A 上期 KPI with edited texts: 下書きに戻す offered a draft without 前年度同期, saving it stored '' and the sheet
    then printed the board's own draft — with a comparison the manager never saw."""
    from agency_app.ui.kpi.result_dialog import drafts_of
    by, first_half = staff["manager"], Period(2025, HALF, 1)
    uids = {year: ops.read.kpis.create(KpiInput(year, 2, "窓口割合", target="80.0", unit="%", period="half1"), by=by)
            for year in (2024, 2025)}
    ops.read.kpis.set_hand_value(uids[2024], Period(2024, HALF, 1), "70", by)
    ops.read.kpis.set_hand_value(uids[2025], first_half, "82.5", by)

    def board_cell():
        board = kpi_report.build_board(ops.read, 2025, today=date(2025, 11, 20))
        row = next(r for r in board.rows if r.uid == uids[2025])
        return row, row.cells[0]
    ops.read.kpis.set_texts(uids[2025], first_half, "手で書いた事実", "手で書いた評価", by)
    edited = drafts_of(*board_cell())
    ops.read.kpis.set_texts(uids[2025], first_half, "", "", by)
    _row, drafted = board_cell()
    assert drafted.facts_is_draft and "70.0%" in drafted.facts
    assert edited == (drafted.facts, drafted.evaluation)


def test_a_year_given_kpis_elsewhere_appears_in_the_year_chooser(page, ops, staff, qtbot):
    """KPIs copied into next year on the KPI settings tab: its year was missing here until the app restarted."""
    assert page.year_combo.findData(2026) < 0
    ops.write(page, lambda data: data.kpis.create(KpiInput(2026, 2, "紹介件数", target="10", unit="件", places=0),
                                                  by=staff["manager"])).run()
    qtbot.waitUntil(lambda: page.year_combo.findData(2026) >= 0)
    assert page.year_combo.currentData() == 2025   # the year shown stays


def test_results_and_comments_are_not_entered_on_one_branchs_board(qtbot, ops, staff, monkeypatch):
    """The texts and a hand value are the agency's: typed over a branch's board, the drafts offered were the
    branch's figures ('5件でした'), saved as the agency's and printed beside the agency's 19件."""
    rows = board().rows
    monkeypatch.setattr(kpi_report, "build_board", lambda *args, **kw: KpiBoard(2025, None, "TKY", rows, (), NOW),
                        raising=False)
    widget = DashboardPage(ops, staff["manager"], clock=lambda: NOW)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.table.setCurrentCell(2, 0)   # the hand KPI
    qtbot.keyClick(widget.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert widget.dialog is None and "all branches" in widget.note.text()


def test_four_earlier_years_leave_the_kpi_titles_readable_at_1024(qtbot, ops, staff, monkeypatch, japanese):
    """Seed 003 publishes four earlier years: on one line they took the width, the titles squeezed to nothing."""
    trend = [TrendPoint(year, Decimal("79.5"), MISSED) for year in (2021, 2022, 2023, 2024)]
    rows = tuple(r.__class__(**{**r.__dict__, "trend": tuple(trend)}) for r in board().rows)
    monkeypatch.setattr(kpi_report, "build_board", lambda *args, **kw: KpiBoard(2025, None, None, rows, (), NOW),
                        raising=False)
    widget = DashboardPage(ops, staff["manager"], clock=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(QSize(1000, 560))
    widget.show()
    qtbot.waitUntil(lambda: widget.board is not None)
    header = widget.table.horizontalHeader()
    assert header.sectionSize(0) >= widget.table.fontMetrics().horizontalAdvance("代理店事故窓口割合（自動車）")
    assert not widget.table.horizontalScrollBar().isVisible()
