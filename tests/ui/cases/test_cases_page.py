"""The cases tab: overdue cases first and marked in words, filters, Space ticks a step, 完了 waits for the checklist."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow, QMessageBox, QVBoxLayout, QWidget
from shiboken6 import isValid

from agency_app.domain import cases as C
from agency_app.domain import codes
from agency_app.domain.cases import CaseInput
from agency_app.domain.workflow import StatusChange
from agency_app.storage.case_list import CASE_LIST, CaseFilter
from agency_app.storage.cases import CaseRepository
from agency_app.ui.kit import style
from agency_app.ui.cases.case_form import CaseFormDialog, draft_key
from agency_app.ui.cases.case_status_dialog import CaseStatusDialog
from agency_app.ui.cases.cases_page import COLUMNS, CasesPage, CaseTableModel
from form_fixtures import drafts, shown  # noqa: F401

OPENED = datetime(2025, 11, 20, 10, 0)
LATER = datetime(2025, 11, 27, 9, 0)  # the address change below is overdue by then


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


def add_customer(store, name, kana) -> str:
    from agency_app.domain.customer import CustomerInput
    from agency_app.storage.customers import CustomerRepository
    return CustomerRepository(store).create(CustomerInput(name=name, kana=kana), by=None)


@pytest.fixture
def cases(store, staff):
    repo = CaseRepository(store)
    customer = add_customer(store, "𠮷田 花子", "ヨシダ ハナコ")
    uids = {
        "address": repo.create(CaseInput(case_type=C.ADDRESS_CHANGE, title="転居の住所変更", customer_id=customer,
                                         opened_on="2025-11-20", due_date="2025-11-25",
                                         assignee_id=staff["sato"]), by=staff["sato"], now=OPENED),
        "renewal": repo.create(CaseInput(case_type=C.RENEWAL, title="自動車保険の満期更改", opened_on="2025-11-20",
                                         due_date="2025-12-04", assignee_id=staff["suzuki"]),
                               by=staff["suzuki"], now=OPENED),
        "closed": repo.create(CaseInput(case_type=C.DOCUMENT_REQUEST, title="パンフレット送付", opened_on="2025-11-20",
                                        due_date="2025-11-21", assignee_id=staff["sato"]),
                              by=staff["sato"], now=OPENED),
    }
    repo.change_status(uids["closed"], StatusChange(codes.STATUS_DROPPED, close_reason="重複"),
                       by=staff["sato"], now=OPENED)
    return repo, uids


@pytest.fixture
def page(qtbot, ops, staff, drafts, cases):
    return shown(qtbot, CasesPage(ops, staff["sato"], drafts=drafts, clock=lambda: LATER))


def texts(page, column: str) -> list[str]:
    col = COLUMNS.index(column)
    return [page.model.index(r, col).data() for r in range(page.model.rowCount())]


def test_the_model_passes_qt_model_tester(qtmodeltester, store, staff, cases):
    query = CASE_LIST.query(store.conn, CaseFilter(today=LATER.date()), page_size=2)  # three cases: two pages
    model = CaseTableModel()
    model.set_query(query, query.first_page(), query.count())
    qtmodeltester.check(model)


def test_the_pages_list_stays_a_sound_model_through_filters_and_saves(qtbot, qtmodeltester, page, cases, staff):
    repo, uids = cases
    qtmodeltester.check(page.model)  # watches every reset from here on
    page.status_filter.setCurrentIndex(page.status_filter.findData(""))
    assert len(texts(page, "title")) == 3
    page.show_record(uids["renewal"])
    page.detail.checklist.item(0).setCheckState(Qt.CheckState.Checked)  # the list follows the change signal
    qtbot.waitUntil(lambda: texts(page, "progress")[texts(page, "title").index("自動車保険の満期更改")] == "1/6",
                    timeout=2000)
    assert repo.steps(uids["renewal"])[0]["done_by"] == staff["sato"]


def test_open_cases_are_listed_overdue_first_and_the_overdue_date_says_so_in_words(page, cases):
    _, uids = cases
    assert texts(page, "title") == ["転居の住所変更", "自動車保険の満期更改"]
    due = page.model.index(0, COLUMNS.index("due"))
    assert due.data() == "2025/11/25 Overdue"
    assert due.data(Qt.ItemDataRole.ForegroundRole).color() == style.OVERDUE_FOREGROUND
    assert page.model.index(1, COLUMNS.index("due")).data() == "2025/12/04"
    assert texts(page, "customer") == ["𠮷田 花子", ""]
    assert texts(page, "progress") == ["0/5", "0/6"]
    assert texts(page, "type") == ["Address change", "Renewal"]
    assert page.detail.values["title"].text() == "転居の住所変更"  # the first listed is shown
    assert "Overdue" in page.detail.values["due_date"].text()


def test_filters_narrow_the_list(qtbot, page, cases):
    page.status_filter.setCurrentIndex(page.status_filter.findData("closed"))
    assert texts(page, "title") == ["パンフレット送付"]
    page.status_filter.setCurrentIndex(page.status_filter.findData(""))
    assert len(texts(page, "title")) == 3
    page.mine_only.setChecked(True)
    assert set(texts(page, "title")) == {"転居の住所変更", "パンフレット送付"}
    page.mine_only.setChecked(False)
    page.overdue_only.setChecked(True)
    assert texts(page, "title") == ["転居の住所変更"]
    page.overdue_only.setChecked(False)
    page.type_filter.setCurrentIndex(page.type_filter.findData(C.RENEWAL))
    assert texts(page, "title") == ["自動車保険の満期更改"]
    page.type_filter.setCurrentIndex(0)
    page.search_box.setText("ヨシダ")
    qtbot.waitUntil(lambda: texts(page, "title") == ["転居の住所変更"], timeout=2000)


def test_space_ticks_the_current_step_and_records_who_and_when(qtbot, page, cases, staff):
    repo, uids = cases
    page.detail.show_case(uids["address"])
    checklist = page.detail.checklist
    checklist.setFocus()
    checklist.setCurrentRow(2)
    assert "当社の顧客管理システムの住所を更新" in checklist.currentItem().text()
    qtbot.keyClick(checklist, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: repo.steps(uids["address"])[2]["done_at"] is not None, timeout=2000)
    step = repo.steps(uids["address"])[2]
    assert (step["done_at"], step["done_by"]) == ("2025-11-27 09:00", staff["sato"])
    qtbot.waitUntil(lambda: "佐藤 一郎" in checklist.item(2).text(), timeout=2000)
    assert "2025/11/27 09:00" in checklist.item(2).text()
    assert texts(page, "progress")[0] == "1/5"
    assert repo.get(uids["address"])["status"] == codes.STATUS_IN_PROGRESS
    qtbot.keyClick(checklist, Qt.Key.Key_Space)  # unticking while open is allowed
    qtbot.waitUntil(lambda: repo.steps(uids["address"])[2]["done_at"] is None, timeout=2000)


def test_done_is_refused_while_steps_are_open_and_the_message_names_them(qtbot, page, cases, staff):
    repo, uids = cases
    page.detail.show_case(uids["address"])
    for step in repo.steps(uids["address"])[:-1]:
        repo.set_step(step["uid"], True, by=staff["sato"], now=LATER)
    page.detail.show_case(uids["address"])
    page.detail.buttons["done"].click()
    dialog = page.detail.dialog
    assert isinstance(dialog, CaseStatusDialog)
    assert "お客様へ変更完了を確認（電話）" in dialog.banner.text()  # said before anything is typed
    dialog.inputs["response"].setPlainText("住所変更を完了")
    dialog.save()
    assert dialog.isVisible() and dialog.inputs["response"].toPlainText() == "住所変更を完了"
    assert "お客様へ変更完了を確認（電話）" in dialog.banner.text()
    assert "保険会社へ住所変更の手続き" not in dialog.banner.text()
    assert repo.get(uids["address"])["status"] != codes.STATUS_DONE
    dialog.close()

    last = repo.steps(uids["address"])[-1]
    repo.set_step(last["uid"], True, by=staff["sato"], now=LATER)
    page.detail.show_case(uids["address"])
    page.detail.buttons["done"].click()
    dialog = page.detail.dialog
    dialog.inputs["response"].setPlainText("住所変更を完了しお客様へ確認済み")
    dialog.save()
    assert not dialog.isVisible()
    assert repo.get(uids["address"])["status"] == codes.STATUS_DONE
    assert texts(page, "title") == ["自動車保険の満期更改"]  # no longer open
    # Still shown until another case is chosen, now closed: it can be reopened.
    assert page.detail.values["title"].text() == "転居の住所変更"
    assert page.detail.values["status"].text() == "完了" and page.detail.buttons["reopen"].isVisible()
    assert not (page.detail.checklist.item(0).flags() & Qt.ItemFlag.ItemIsUserCheckable)


def test_reopening_is_counted_and_shown(qtbot, page, cases):
    repo, uids = cases
    page.show_record(uids["closed"])  # hidden by the "Open" filter: the filters are cleared
    assert page.detail.values["title"].text() == "パンフレット送付" and "パンフレット送付" in texts(page, "title")
    page.detail.buttons["reopen"].click()
    dialog = page.detail.dialog
    dialog.inputs["reopen_reason"].setPlainText("お客様から再度依頼")
    dialog.save()
    assert not dialog.isVisible()
    assert repo.get(uids["closed"])["reopen_count"] == 1
    assert "1" in page.detail.values["status"].text()


def test_the_history_tab_shows_case_and_step_changes(qtbot, page, cases, staff):
    repo, uids = cases
    step = repo.steps(uids["address"])[1]
    repo.set_step(step["uid"], True, by=staff["suzuki"], now=LATER)
    page.detail.show_case(uids["address"])
    model = page.detail.history_model
    fields = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert any("保険会社へ住所変更の手続き" in f for f in fields)
    who = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert "鈴木 次郎" in who


def test_enter_on_the_list_edits_the_case(qtbot, page, cases):
    _, uids = cases
    page.view.setFocus()
    page.view.selectRow(0)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    form = page.detail.dialog
    assert isinstance(form, CaseFormDialog) and form.case_uid == uids["address"]
    assert form.windowTitle() == "Edit case" and form.inputs["title"].text() == "転居の住所変更"
    form.close()


def test_ctrl_n_in_the_page_opens_a_new_case_even_though_the_window_uses_it_for_voices(
        qtbot, ops, staff, drafts, cases):
    window = QMainWindow()
    voices = []
    new_voice = QAction("New voice", window)
    new_voice.setShortcut(QKeySequence("Ctrl+N"))
    new_voice.triggered.connect(lambda: voices.append(1))
    window.addAction(new_voice)
    outside = QLineEdit()
    page = CasesPage(ops, staff["sato"], drafts=drafts, clock=lambda: LATER)
    central = QWidget()
    layout = QVBoxLayout(central)
    layout.addWidget(page)
    layout.addWidget(outside)
    window.setCentralWidget(central)
    shown(qtbot, window)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(page.dialog, CaseFormDialog) and page.dialog.case_uid is None and voices == []
    page.dialog.close()
    outside.setFocus()
    qtbot.keyClick(outside, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert voices == [1]


def test_a_new_case_saved_from_the_page_is_listed_and_selected(qtbot, page):
    form = page.new_case()
    form.inputs["case_type"].set_code(C.CLAIM)
    form.inputs["title"].setText("接触事故の連絡")
    form.save()
    assert not form.isVisible()
    assert "接触事故の連絡" in texts(page, "title")
    assert page.view.currentIndex().siblingAtColumn(COLUMNS.index("title")).data() == "接触事故の連絡"
    assert page.detail.values["title"].text() == "接触事故の連絡"


def test_switching_staff_keeps_an_open_form_as_the_first_persons_draft(qtbot, page, staff, drafts):
    form = page.new_case()
    form.inputs["title"].setText("名義変更の相談")
    page.set_staff(staff["suzuki"])
    assert not form.isVisible()
    assert drafts.load(draft_key(staff["sato"]))["form"]["title"] == "名義変更の相談"
    assert drafts.load(draft_key(staff["suzuki"])) is None


def test_links_open_the_customer(qtbot, page, cases):
    repo, uids = cases
    page.detail.show_case(uids["address"])
    with qtbot.waitSignal(page.open_record) as signal:
        page.detail.buttons["customer"].click()
    assert signal.args == ["customer", repo.get(uids["address"])["customer_id"]]


# --- on a database file, as the app runs: writes on the writer thread ----------------------

def closed(window) -> bool:
    """The window is no longer shown (one deleted on close may already be gone once events have run)."""
    return not isValid(window) or not window.isVisible()


@pytest.fixture
def file_page(qtbot, voice_db, file_ops, drafts):
    """The page over a database file with one open case of 佐藤's; its writes land a moment later."""
    store, staff, _voices = voice_db
    uid = CaseRepository(store).create(CaseInput(case_type=C.ADDRESS_CHANGE, title="転居の住所変更",
                                                 opened_on="2025-11-20", due_date="2025-11-25",
                                                 assignee_id=staff["sato"]), by=staff["sato"], now=OPENED)
    page = shown(qtbot, CasesPage(file_ops, staff["sato"], drafts=drafts, clock=lambda: LATER))
    return page, uid


def test_on_a_file_a_ticked_step_and_a_closed_case_show_once_written(qtbot, file_page, voice_db):
    page, uid = file_page
    _store, staff, _voices = voice_db
    checklist = page.detail.checklist
    checklist.setFocus()
    for row in range(checklist.count()):
        checklist.setCurrentRow(row)
        qtbot.keyClick(checklist, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda row=row: "佐藤 一郎" in checklist.item(row).text(), timeout=3000)
    qtbot.waitUntil(lambda: texts(page, "progress") == ["5/5"], timeout=3000)  # the list follows a moment later
    assert page.detail.values["status"].text() == "対応中"
    page.detail.buttons["done"].click()
    dialog = page.detail.dialog
    assert not dialog.banner.isVisible()  # every step is done: nothing to warn of
    dialog.inputs["response"].setPlainText("住所変更を完了しお客様へ確認済み")
    dialog.save()
    qtbot.waitUntil(lambda: page.detail.values["status"].text() == "完了", timeout=3000)
    qtbot.waitUntil(lambda: page.count_label.text() == "0 cases", timeout=3000)
    assert closed(dialog) and texts(page, "title") == []  # no longer open
    # Still shown beside the list until another case is chosen, now closed: it can be reopened.
    assert page.detail.values["title"].text() == "転居の住所変更" and page.detail.values["status"].text() == "完了"
    assert page.detail.buttons["reopen"].isVisible()


def test_on_a_file_a_new_case_is_listed_and_selected_once_written(qtbot, file_page):
    page, _uid = file_page
    form = page.new_case()
    form.inputs["case_type"].set_code(C.CLAIM)
    form.inputs["title"].setText("接触事故の連絡")
    form.save()
    assert not form.isEnabled()  # locked while it is written
    qtbot.waitUntil(lambda: page.detail.values["title"].text() == "接触事故の連絡", timeout=3000)
    assert closed(form) and set(texts(page, "title")) == {"転居の住所変更", "接触事故の連絡"}
    assert page.view.currentIndex().siblingAtColumn(COLUMNS.index("title")).data() == "接触事故の連絡"


def test_on_a_file_start_work_and_the_call_back_show_once_written_and_a_change_elsewhere_is_said(
        qtbot, voice_db, file_ops, drafts):
    store, staff, _voices = voice_db
    repo = CaseRepository(store)
    uid = repo.create(CaseInput(case_type=C.RENEWAL, title="自動車保険の満期更改", opened_on="2025-11-20",
                                due_date="2025-12-04", assignee_id=staff["sato"], callback_at="2025-11-27 15:00",
                                callback_staff_id=staff["sato"]), by=staff["sato"], now=OPENED)
    page = shown(qtbot, CasesPage(file_ops, staff["sato"], drafts=drafts, clock=lambda: LATER))
    detail = page.detail
    assert detail.values["status"].text() == "未対応" and detail.buttons["start"].isVisible()
    detail.buttons["start"].click()
    qtbot.waitUntil(lambda: detail.values["status"].text() == "対応中", timeout=3000)
    qtbot.waitUntil(lambda: texts(page, "status") == ["対応中"], timeout=3000)  # the list a moment later
    assert not detail.buttons["start"].isVisible()

    detail.buttons["callback_made"].click()
    dialog = detail.dialog
    assert not dialog.start_work.isVisible()  # already 対応中: nothing to move
    theirs = repo.as_input(uid)  # 鈴木 changes the case on another PC while the dialog is open
    theirs.body = "お客様から車両入替の連絡あり"
    repo.update(uid, theirs, by=staff["suzuki"], now=LATER)
    qtbot.keyClicks(dialog.note, "OK")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "changed this record" in dialog.banner.text(), timeout=3000)
    assert dialog.isVisible() and dialog.note_text() == "OK"  # nothing typed is lost
    assert not detail.values["callback_done_at"].isVisible()
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)  # checked, and tried again
    qtbot.waitUntil(lambda: detail.values["callback_done_at"].isVisible(), timeout=3000)
    assert detail.values["body"].text() == "お客様から車両入替の連絡あり"  # theirs kept
    assert detail.values["response"].text() == "【折り返し 11/27 09:00 佐藤 一郎】OK"
    assert detail.values["callback_done_at"].text() == "2025/11/27 09:00　佐藤 一郎"
    assert not detail.buttons["callback_made"].isVisible()


def test_a_cases_creation_row_names_its_customer_and_voice_and_a_deleted_step_its_label(qtbot, page, store, staff):
    from agency_app.storage import records
    from form_fixtures import add_voice
    voice = add_voice(store, staff["sato"], summary="車両入替の依頼")
    customer = add_customer(store, "髙橋 一郎", "タカハシ イチロウ")
    repo = CaseRepository(store)
    uid = repo.create(CaseInput(case_type=C.VEHICLE_CHANGE, title="車両入替", customer_id=customer, voice_id=voice,
                                opened_on="2025-11-20", due_date="2025-11-27", assignee_id=staff["suzuki"]),
                      by=staff["sato"], now=OPENED)
    step = repo.steps(uid)[0]
    records.delete_row(store, "case_steps", step["uid"], by=staff["manager"], now=LATER)  # no screen does this
    page.detail.show_case(uid)
    model = page.detail.history_model
    rows = [[model.index(r, c).data() or "" for c in range(5)] for r in range(model.rowCount())]
    created = next(r for r in rows if r[2] == "Created")
    assert created[3] == ""
    made = model.index(rows.index(created), 4).data(Qt.ItemDataRole.ToolTipRole).splitlines()
    assert {"Case type: Vehicle change", "Customer: 髙橋 一郎", "From voice: 車両入替の依頼",
            "Assignee: 鈴木 次郎", "Due date: 2025/11/27", "Status: 未対応"} <= set(made)
    deleted = next(r for r in rows if r[2].endswith("Deleted"))
    assert deleted[2] == f"Step \u201c{step['label']}\u201d: Deleted" and deleted[1] == "山田 花子"
    assert deleted[3] == f"Step: {step['label']}" and deleted[4] == ""


def test_on_a_file_a_case_far_down_a_long_list_is_found_selected_and_shown(qtbot, voice_db, file_ops, drafts):
    store, staff, _voices = voice_db
    repo = CaseRepository(store)
    for i in range(300):  # more than a page of the list (256 rows)
        repo.create(CaseInput(case_type=C.CLAIM, title=f"事故の連絡 {i:03d}", opened_on="2025-11-20",
                              due_date="2025-12-01"), by=staff["sato"], now=OPENED)
    last = repo.create(CaseInput(case_type=C.RENEWAL, title="来年の満期更改", opened_on="2025-11-20",
                                 due_date="2026-10-01"), by=staff["sato"], now=OPENED)  # due last: listed last
    page = shown(qtbot, CasesPage(file_ops, staff["sato"], drafts=drafts, clock=lambda: LATER))
    qtbot.waitUntil(lambda: page.count_label.text() == "301 cases", timeout=3000)
    page.status_filter.setCurrentIndex(page.status_filter.findData("closed"))  # hides it
    qtbot.waitUntil(lambda: page.count_label.text() == "0 cases", timeout=3000)
    page.show_record(last)  # e.g. from a voice's link
    assert page.detail.values["title"].text() == "来年の満期更改"  # shown at once
    qtbot.waitUntil(lambda: page.view.currentIndex().row() == 300, timeout=3000)  # selected once found
    assert page.view.currentIndex().siblingAtColumn(COLUMNS.index("title")).data() == "来年の満期更改"
    assert page.status_filter.currentData() == "" and page.count_label.text() == "301 cases"
    assert page.view.hasFocus() and page.view.selectionModel().isRowSelected(300)


# --- every action on a case has its key, pressed with the keyboard in the list ------------------------------

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def select_case(qtbot, page, uid: str) -> None:
    """The case's row selected (a click), the keyboard in the list."""
    index = page.model.index(page.model.row_of_loaded(uid), COLUMNS.index("title"))
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=page.view.visualRect(index).center())
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.view.setFocus()
    assert page.detail.uid == uid


def test_f2_and_the_status_keys_act_on_the_case_selected_in_the_list(qtbot, page, cases, store):
    repo, uids = cases
    select_case(qtbot, page, uids["address"])
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    assert isinstance(page.detail.dialog, CaseFormDialog) and page.detail.dialog.case_uid == uids["address"]
    page.detail.dialog.close()
    for key, target in ((Qt.Key.Key_D, codes.STATUS_DONE), (Qt.Key.Key_M, codes.STATUS_DROPPED)):
        select_case(qtbot, page, uids["address"])
        qtbot.keyClick(page.view, key, CTRL_SHIFT)
        dialog = page.detail.dialog
        assert isinstance(dialog, CaseStatusDialog) and dialog.target == target and dialog.uid == uids["address"]
        dialog.close()
    select_case(qtbot, page, uids["address"])
    with qtbot.waitSignal(page.open_record) as opened:
        qtbot.keyClick(page.view, Qt.Key.Key_C, CTRL_SHIFT)
    assert opened.args == ["customer", repo.get(uids["address"])["customer_id"]]
    qtbot.keyClick(page.view, Qt.Key.Key_H, CTRL_SHIFT)
    assert page.detail.tabs.currentIndex() == 1  # the History tab
    select_case(qtbot, page, uids["address"])
    qtbot.keyClick(page.view, Qt.Key.Key_S, CTRL_SHIFT)  # 対応開始: at once
    qtbot.waitUntil(lambda: repo.get(uids["address"])["status"] == codes.STATUS_IN_PROGRESS)
    page.status_filter.setCurrentIndex(page.status_filter.findData(""))  # すべて: the closed case is listed
    qtbot.waitUntil(lambda: page.model.row_of_loaded(uids["closed"]) is not None)
    select_case(qtbot, page, uids["closed"])
    qtbot.keyClick(page.view, Qt.Key.Key_O, CTRL_SHIFT)
    dialog = page.detail.dialog
    assert isinstance(dialog, CaseStatusDialog) and dialog.target == codes.STATUS_IN_PROGRESS
    dialog.close()


def test_ctrl_r_and_ctrl_shift_v_act_on_a_case_from_a_voice_with_a_promise(qtbot, ops, staff, drafts, store,
                                                                           monkeypatch):
    from form_fixtures import add_voice
    voice = add_voice(store, staff["sato"])
    uid = CaseRepository(store).create(CaseInput(
        case_type=C.CLAIM, title="事故の連絡", opened_on="2025-11-20", assignee_id=staff["sato"], voice_id=voice,
        due_date="2025-12-01", callback_at="2025-11-27 15:00", callback_staff_id=staff["sato"]), by=staff["sato"], now=OPENED)
    page = shown(qtbot, CasesPage(ops, staff["sato"], drafts=drafts, clock=lambda: LATER))
    select_case(qtbot, page, uid)
    asked = []
    monkeypatch.setattr(page.detail, "mark_callback_made", lambda: asked.append(page.detail.uid))
    qtbot.keyClick(page.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert asked == [uid]
    with qtbot.waitSignal(page.open_record) as opened:
        qtbot.keyClick(page.view, Qt.Key.Key_V, CTRL_SHIFT)
    assert opened.args == ["voice", voice]


def test_tab_goes_from_the_list_through_the_cases_buttons_in_screen_order(qtbot, page, cases):
    _, uids = cases
    select_case(qtbot, page, uids["address"])  # open, with a customer, not started
    chain = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        chain.append(QApplication.focusWidget())
    buttons = page.detail.buttons
    assert chain[:5] == [buttons[name] for name in ("edit", "customer", "start", "done", "drop")]
    assert chain[5] is page.detail.tabs or page.detail.tabs.isAncestorOf(chain[5])


def test_a_search_with_no_match_says_so_and_clears_the_case(qtbot, page, cases):
    page.search_box.setText("該当しない件名ぬぬぬ")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0 and page.search.is_idle())
    assert page.empty_note.isVisible() and page.empty_note.text() == "No cases match."
    assert page.detail.uid is None and not any(a.isEnabled() for a in page.detail.record_actions())
    page.search_box.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    assert not page.empty_note.isVisible()


def test_the_done_dialog_lists_the_open_steps_to_tick_and_saves_them_with_the_completion(qtbot, page, cases, staff):
    """Issue 8, point 6: type 対応内容, tick the open steps with the keyboard, Ctrl+Enter: done, nothing refused."""
    repo, uids = cases
    steps = repo.steps(uids["address"])
    for step in steps[:-2]:
        repo.set_step(step["uid"], True, by=staff["sato"], now=LATER)
    page.detail.show_case(uids["address"])
    page.detail.buttons["done"].click()
    dialog = page.detail.dialog
    open_list = dialog.open_steps
    assert [open_list.item(r).text() for r in range(open_list.count())] == [s["label"] for s in steps[-2:]]
    from form_fixtures import ime_type
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    dialog.inputs["response"].setFocus()
    ime_type(dialog.inputs["response"], "住所変更を完了しお客様へ確認済み")
    from PySide6.QtWidgets import QApplication
    for _ in range(30):  # Tab reaches the list of open steps
        if QApplication.focusWidget() is open_list:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is open_list
    qtbot.keyClick(open_list, Qt.Key.Key_Space)
    qtbot.keyClick(open_list, Qt.Key.Key_Down)
    qtbot.keyClick(open_list, Qt.Key.Key_Space)
    assert len(dialog.ticked_steps()) == 2 and not dialog.banner.isVisible()
    qtbot.keyClick(open_list, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    assert repo.get(uids["address"])["status"] == codes.STATUS_DONE
    assert all(s["done_at"] == "2025-11-27 09:00" and s["done_by"] == staff["sato"] for s in repo.steps(uids["address"]))
    history = repo.history(uids["address"])
    assert {h.step_label for h in history if h.field == "done_at"} >= {s["label"] for s in steps[-2:]}


def test_a_refused_completion_keeps_the_text_and_the_ticks_and_ticks_nothing(qtbot, page, cases, staff):
    repo, uids = cases
    page.detail.show_case(uids["address"])
    page.detail.buttons["done"].click()
    dialog = page.detail.dialog
    dialog.inputs["response"].setPlainText("途中まで")
    dialog.open_steps.item(0).setCheckState(Qt.CheckState.Checked)  # four steps stay open
    dialog.save()
    assert dialog.isVisible() and dialog.inputs["response"].toPlainText() == "途中まで"
    assert dialog.open_steps.item(0).checkState() == Qt.CheckState.Checked
    assert all(s["done_at"] is None for s in repo.steps(uids["address"]))  # saved together, or not at all
    assert repo.get(uids["address"])["status"] != codes.STATUS_DONE
    dialog.close()


def test_full_width_details_are_kept_as_typed_and_found_by_a_half_width_search(qtbot, page, cases):
    """Issue 8, point 13: 「１－１」 typed in 内容 stays 「１－１」; searching 「1-1」 finds it (and the other way round)."""
    repo, _uids = cases
    form = page.new_case()
    form.inputs["case_type"].set_code(C.ADDRESS_CHANGE)
    form.inputs["title"].setText("転居")
    from form_fixtures import ime_type
    form.inputs["body"].setFocus()
    ime_type(form.inputs["body"], "新住所は芝公園１－１")
    form.save()
    uid = page.detail.uid
    assert repo.get(uid)["body"] == "新住所は芝公園１－１"
    page.search_box.setText("1-1")
    qtbot.waitUntil(lambda: texts(page, "title") == ["転居"], timeout=3000)
    page.search_box.setText("１－１")
    qtbot.waitUntil(lambda: texts(page, "title") == ["転居"], timeout=3000)


def test_a_step_reopened_elsewhere_while_the_done_dialog_is_open_can_be_ticked_there(qtbot, page, cases, staff):
    """A colleague unticks a step after the 完了 dialog opened: the refusal must not leave the user to cancel
    (and lose 対応内容) — the step joins the dialog's list, ticked there, and the next Ctrl+Enter completes."""
    repo, uids = cases
    steps = repo.steps(uids["address"])
    for step in steps[:-1]:
        repo.set_step(step["uid"], True, by=staff["sato"], now=LATER)
    page.detail.show_case(uids["address"])
    page.detail.buttons["done"].click()
    dialog = page.detail.dialog
    assert [dialog.open_steps.item(r).text() for r in range(dialog.open_steps.count())] == [steps[-1]["label"]]
    repo.set_step(steps[0]["uid"], False, by=staff["suzuki"], now=LATER)  # elsewhere, meanwhile
    dialog.inputs["response"].setPlainText("住所変更を完了")
    dialog.open_steps.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.save()
    assert dialog.isVisible() and dialog.inputs["response"].toPlainText() == "住所変更を完了"
    listed = [dialog.open_steps.item(r).text() for r in range(dialog.open_steps.count())]
    assert listed == [steps[0]["label"], steps[-1]["label"]]  # in the checklist's order
    assert dialog.ticked_steps() == [steps[-1]["uid"]]  # the user's tick is kept
    assert steps[0]["label"] in dialog.banner.text()  # the refusal says which step
    dialog.open_steps.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    assert repo.get(uids["address"])["status"] == codes.STATUS_DONE


def test_a_second_new_case_brings_the_open_one_forward_rather_than_sharing_its_draft(qtbot, page, staff, drafts):
    # Both new-case forms kept their draft under one key: the second opened with the first one's typing
    # "restored", and a staff switch (or closing the app) kept only the form put aside last.
    first = page.new_case()
    first.inputs["title"].setText("名義変更の相談")
    first.flush_draft()
    again = page.new_case()
    assert again is first
    assert [form for form in page._new_forms if form.isVisible()] == [first]


def test_head_office_chooses_a_branch_and_sees_only_its_cases(qtbot, ops, store, staff, drafts, cases):
    from agency_app.storage.masters import MasterData
    repo, uids = cases
    MasterData(store).save_branch("YOK", "横浜支店")
    with store.write():  # the renewal was made at Yokohama and imported with its office
        store.conn.execute("UPDATE cases SET branch_code = 'YOK' WHERE uid = ?", (uids["renewal"],))
    page = shown(qtbot, CasesPage(ops, staff["sato"], drafts=drafts, clock=lambda: LATER))
    qtbot.waitUntil(lambda: texts(page, "title") == ["転居の住所変更", "自動車保険の満期更改"], timeout=2000)
    assert page.branch.box.isVisible() and page.branch.combo.currentText() == "All branches"
    # Tab from 種別 reaches 拠点; Alt+B (its label's key) too; Down picks the first office.
    page.type_filter.setFocus()
    qtbot.keyClick(page.type_filter, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.branch.combo
    page.search_box.setFocus()
    qtbot.keyClick(page.search_box, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is page.branch.combo
    qtbot.keyClick(page.branch.combo, Qt.Key.Key_Down)  # 本部 (HQ)
    qtbot.waitUntil(lambda: texts(page, "title") == ["転居の住所変更"], timeout=2000)
    qtbot.keyClick(page.branch.combo, Qt.Key.Key_Down)  # 横浜支店
    qtbot.waitUntil(lambda: texts(page, "title") == ["自動車保険の満期更改"], timeout=2000)
    assert page.export_filter().branch_code == "YOK"  # この一覧をExcelに出力 writes the same rows
    page.show_record(uids["address"])  # a link to another office's case clears the branch hiding it
    qtbot.waitUntil(lambda: "転居の住所変更" in texts(page, "title"), timeout=2000)
    assert page.branch.code() is None


def test_a_single_office_agency_has_no_branch_choice(page):
    assert not page.branch.box.isVisible() and page.export_filter().branch_code is None
