"""The 集計 tab and `agency-app counts` show the same report: every heading, header and cell, for any period and branch."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from agency_app.cli import main
from agency_app.demo.voices import generate
from agency_app.domain.periods import HALF, YEAR, Period
from agency_app.storage.database import open_store
from agency_app.storage.masters import initialise
from agency_app.ui.counts.counts_page import CountsPage
from agency_app.ui.kit.report_view import ReportView
from list_fixtures import make_ops, settle

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("counts") / "demo.db"
    store = open_store(path, daily_backup=False)
    initialise(store)
    generate(store, voices=600, seed=5, today=TODAY)
    store.close()
    return path


def cli_lines(path, period: Period, branch: str | None, capsys) -> list[list[str]]:
    """The command's output, each line as its whitespace-separated words."""
    args = ["counts", "--db", str(path), "--year", str(period.fiscal_year), "--list"]
    args += ["--half", str(period.number)] if period.kind == HALF else []
    args += ["--branch", branch] if branch else []
    capsys.readouterr()
    assert main(args) == 0
    return [line.split() for line in capsys.readouterr().out.splitlines()]


@pytest.mark.parametrize("period, branch", [(Period(2025, HALF, 2), None), (Period(2026, YEAR, 0), "YOK"),
                                            (Period(2025, HALF, 1), "OMY")])
def test_every_table_on_the_tab_is_printed_by_the_command_cell_by_cell(qtbot, demo_file, capsys, period, branch):
    store = open_store(demo_file, daily_backup=False)
    try:
        ops = make_ops(store)  # counted in a worker, as in the app
        page = CountsPage(ops, "nobody", clock=lambda: datetime(2026, 11, 22, 10))
        qtbot.addWidget(page)
        page.set_period(period)
        page.set_branch(branch)
        settle(qtbot, ops)
        printed = cli_lines(demo_file, period, branch, capsys)
        assert page.report.period == period and page.report.branch_code == branch
        shown_sections = [box.heading.text() for box in page.view.boxes.values()]
        assert [words[1] for words in printed if words and words[0] == "■"] == shown_sections
        for key, box in page.view.boxes.items():
            table = page.table(key)
            start = printed.index(["■", box.heading.text()])
            lines = printed[start + 1:start + 2 + table.rowCount()]
            shown = [ReportView.header(table)] + ReportView.texts(table)
            assert [" ".join(cells).split() for cells in shown] == lines, key
            assert table.rowCount() > 0
    finally:
        store.close()


def test_the_voice_tables_are_on_the_tab(qtbot, demo_file):
    store = open_store(demo_file, daily_backup=False)
    try:
        ops = make_ops(store)
        page = CountsPage(ops, "nobody", clock=lambda: datetime(2026, 11, 22, 10))
        qtbot.addWidget(page)
        page.set_period(Period(2025))
        settle(qtbot, ops)
        kinds = CountsPage.texts(page.table("voices_by_kind"))
        assert list(kinds) == ["感謝", "不満", "\u3000うち苦情", "要望", "その他", "計"]
        [(received,)] = store.conn.execute(
            "SELECT count(*) FROM voices WHERE received_at >= '2025-04-01' AND received_at < '2026-04-01'")
        assert kinds["計"][0] == f"{received:,}" and received > 0
        categories = CountsPage.texts(page.table("dissatisfaction_by_category"))
        assert categories["計"][0] == kinds["不満"][0]
        status = CountsPage.texts(page.table("status_by_origin"))
        assert list(status) == ["前期からの繰越", "期間内の受付", "計"]
        assert status["期間内の受付"][-1] == kinds["計"][0]
    finally:
        store.close()


def test_tab_goes_from_the_period_to_the_branch_to_the_omission_list(qtbot, counts_page_demo):
    page = counts_page_demo
    page.year_combo.setFocus()
    order = []
    widget = page.year_combo
    for _ in range(3):
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or not widget.isVisibleTo(page):
            widget = widget.nextInFocusChain()
        order.append(widget)
    assert order == [page.part_combo, page.branch_combo, page.omission_list]


@pytest.fixture
def counts_page_demo(qtbot, demo_file):
    store = open_store(demo_file, daily_backup=False)
    ops = make_ops(store)
    page = CountsPage(ops, "nobody", clock=lambda: datetime(2026, 11, 22, 10))
    qtbot.addWidget(page)
    page.set_period(Period(2025))
    settle(qtbot, ops)
    page.set_period(Period(2025, HALF, 2))  # the tables are built again: the order must hold
    settle(qtbot, ops)
    yield page
    ops.shutdown()
    store.close()
