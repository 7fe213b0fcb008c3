"""The cases tab keeps its filters as the user set them: after a new case is saved, an edit, a status change, a refresh."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QMessageBox

from agency_app.domain import cases as C
from agency_app.domain.cases import CaseInput
from agency_app.storage.cases import CaseRepository
from agency_app.ui.cases.cases_page import CasesPage
from form_fixtures import drafts, shown  # noqa: F401

OPENED = datetime(2025, 11, 20, 10, 0)
LATER = datetime(2025, 11, 27, 9, 0)


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


@pytest.fixture
def file_page(qtbot, voice_db, file_ops, drafts):
    store, staff, _voices = voice_db
    repo = CaseRepository(store)
    for n in range(3):
        repo.create(CaseInput(case_type=C.RENEWAL, title=f"満期更改{n}", opened_on="2025-11-20",
                              due_date="2025-12-04", assignee_id=staff["sato"]), by=staff["sato"], now=OPENED)
    page = shown(qtbot, CasesPage(file_ops, staff["sato"], drafts=drafts, clock=lambda: LATER))
    qtbot.waitUntil(lambda: page.count_label.text() == "3 cases", timeout=3000)
    return page, repo, staff


def filters(page):
    return (page.status_filter.currentData(), page.type_filter.currentData(), page.mine_only.isChecked(),
            page.overdue_only.isChecked(), page.search_box.text())


def test_a_new_case_saved_keeps_the_filters(qtbot, file_page):
    page, _repo, _staff = file_page
    page.mine_only.setChecked(True)
    before = filters(page)
    form = page.new_case()
    form.inputs["case_type"].set_code(C.CLAIM)
    form.inputs["title"].setText("接触事故の連絡")
    form.save()
    qtbot.waitUntil(lambda: page.detail.values["title"].text() == "接触事故の連絡", timeout=3000)
    qtbot.waitUntil(lambda: page.count_label.text() == "4 cases", timeout=3000)
    assert filters(page) == before


def test_a_new_case_the_filters_hide_is_shown_beside_the_list_and_the_filters_stay(qtbot, file_page):
    page, _repo, _staff = file_page
    page.type_filter.setCurrentIndex(page.type_filter.findData(C.RENEWAL))
    page.overdue_only.setChecked(False)
    before = filters(page)
    form = page.new_case()
    form.inputs["case_type"].set_code(C.CLAIM)  # not a renewal: the type filter hides it
    form.inputs["title"].setText("接触事故の連絡")
    form.save()
    qtbot.waitUntil(lambda: page.detail.values["title"].text() == "接触事故の連絡", timeout=3000)
    qtbot.waitUntil(lambda: page.banner.isVisible(), timeout=3000)
    assert filters(page) == before and page.count_label.text() == "3 cases"
    assert "接触事故の連絡" not in [page.model.index(r, 1).data() for r in range(page.model.rowCount())]
    assert "filters" in page.banner.text()


def test_an_edit_a_status_change_and_a_refresh_keep_the_filters(qtbot, file_page):
    page, repo, staff = file_page
    page.status_filter.setCurrentIndex(page.status_filter.findData("open"))
    page.mine_only.setChecked(True)
    page.search_box.setText("満期")
    qtbot.waitUntil(lambda: page.count_label.text() == "3 cases", timeout=3000)
    before = filters(page)
    page.view.setFocus()
    page.view.selectRow(0)
    uid = page.detail.uid
    page.detail.edit()
    form = page.detail.dialog
    form.inputs["title"].setText("満期更改（見積済）")
    form.save()
    qtbot.waitUntil(lambda: repo.get(uid)["title"] == "満期更改（見積済）", timeout=3000)
    qtbot.waitUntil(lambda: page.detail.values["title"].text() == "満期更改（見積済）", timeout=3000)
    assert filters(page) == before
    from agency_app.domain import codes
    from agency_app.domain.workflow import StatusChange
    repo.change_status(uid, StatusChange(codes.STATUS_DROPPED, close_reason="重複"), by=staff["sato"], now=LATER)
    page.refresh()  # F5
    qtbot.waitUntil(lambda: page.count_label.text() == "2 cases", timeout=3000)
    assert filters(page) == before


def test_a_case_made_from_a_voice_keeps_the_cases_tabs_filters(qtbot, voice_db, app_settings, tmp_path):
    """案件作成 (Ctrl+Shift+K) on the voice tab saves a case the cases tab's filters hide: it is shown beside the
    list there, and the filters the user set stay (they were all cleared: 15 rows became 539)."""
    from list_fixtures import make_window, settle
    store, staff, uids = voice_db
    window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
    page = window.tabs.go_to("case")
    page.type_filter.setCurrentIndex(page.type_filter.findData(C.RENEWAL))
    page.mine_only.setChecked(True)
    before = filters(page)
    window.tabs.go_to("voice")
    window.detail.show_voice(uids[0])
    form = window.case_from_voice()
    form.inputs["case_type"].set_code(C.CLAIM)  # not a renewal: the type filter hides it
    form.inputs["title"].setText("接触事故の連絡")
    form.save()
    settle(qtbot, window.ops)
    qtbot.waitUntil(lambda: window.tabs.current_key() == "case" and page.detail.values["title"].text() == "接触事故の連絡",
                    timeout=3000)
    settle(qtbot, window.ops)
    assert filters(page) == before
    window.search.shutdown()
