"""Every record list's columns: measured from the rows found, the width the user drags kept per list, a way back."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QHeaderView

from agency_app.domain import cases as C
from agency_app.domain.cases import CaseInput
from agency_app.storage.cases import CaseRepository
from agency_app.ui.cases.cases_page import COLUMNS, CasesPage
from agency_app.ui.kit.column_widths import rest_of_row
from form_fixtures import drafts, shown  # noqa: F401

OPENED = datetime(2025, 11, 20, 10, 0)
LONG_TITLE = "自動車保険の満期更改と家族の契約の見直し（長い件名）"


def add_case(store, staff) -> str:
    return CaseRepository(store).create(
        CaseInput(case_type=C.RENEWAL, title=LONG_TITLE, opened_on="2025-11-20", due_date="2025-12-04",
                  assignee_id=staff["sato"]), by=staff["sato"], now=OPENED)


def cases_page(qtbot, ops, staff, drafts):
    page = shown(qtbot, CasesPage(ops, staff["sato"], drafts=drafts, clock=lambda: OPENED))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    return page


def test_the_title_fills_the_room_the_others_leave_and_the_others_can_be_dragged(qtbot, ops, store, staff,
                                                                                 drafts):
    add_case(store, staff)
    page = cases_page(qtbot, ops, staff, drafts)
    header, view = page.view.horizontalHeader(), page.view
    page.resize(1200, 600)
    qtbot.waitUntil(lambda: sum(header.sectionSize(c) for c in range(len(COLUMNS))) == view.viewport().width())
    for column, key in enumerate(COLUMNS):
        expected = QHeaderView.ResizeMode.Fixed if key == "title" else QHeaderView.ResizeMode.Interactive
        assert header.sectionResizeMode(column) == expected, key
    # a short column is as wide as its text
    due = COLUMNS.index("due")
    assert header.sectionSize(due) >= view.sizeHintForColumn(due)


def test_a_dragged_width_is_kept_for_the_next_page_and_reset_forgets_it(qtbot, ops, store, staff, drafts):
    add_case(store, staff)
    page = cases_page(qtbot, ops, staff, drafts)
    header = page.view.horizontalHeader()
    column = COLUMNS.index("customer")
    default = header.sectionSize(column)
    header.resizeSection(column, default + 41)  # a drag
    page.close()

    again = cases_page(qtbot, ops, staff, drafts)
    header = again.view.horizontalHeader()
    assert header.sectionSize(column) == default + 41
    again.listing.widths.reset_action.trigger()
    assert header.sectionSize(column) == default
    again.close()


def test_the_fill_column_never_goes_below_its_minimum():
    fill = rest_of_row(60)
    assert fill(500, {"a": 100, "b": 150}) == 250
    assert fill(200, {"a": 100, "b": 150}) == 60
