"""The elderly-customer records tab: state and 超過 in words, filter 未完了のみ, detail says what is missing, keyboard."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from agency_app.domain import elderly as X
from agency_app.domain.customer import CustomerInput
from agency_app.domain.elderly import Missing
from agency_app.domain.elderly_entry import SaleInput
from agency_app.storage.customers import CustomerRepository
from agency_app.storage.elderly_list import ELDERLY_LIST, ElderlyFilter
from agency_app.storage.elderly_sales import ElderlySaleRepository
from agency_app.ui.elderly.elderly_form import ElderlySaleDialog
from agency_app.ui.elderly.elderly_page import COLUMNS, ElderlyPage, ElderlySalesModel
from agency_app.ui.elderly.elderly_texts import missing_text, overdue_label, state_label
from form_fixtures import drafts, shown  # noqa: F401

NOW = datetime(2025, 11, 20, 10, 0)


def clock():
    return NOW


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


@pytest.fixture
def sales(store, staff):
    customers = CustomerRepository(store)
    old = customers.create(CustomerInput(name="髙橋 𠮷子", kana="タカハシ ヨシコ", birth_date="1950/05/01",
                                         phone="090-1234-5678", address="東京都千代田区"), by=staff["sato"], now=NOW)
    older = customers.create(CustomerInput(name="山﨑 一", kana="ヤマザキ ハジメ", birth_date="1940/05/01"),
                             by=staff["sato"], now=NOW)
    repo = ElderlySaleRepository(store)
    late = repo.create(SaleInput(customer_id=old, sale_date="2025/10/01", product_line="life",
                                 seller_id=staff["sato"], measure=X.SECOND_AGENT, second_agent_id=staff["suzuki"]),
                       by=staff["sato"], now=NOW)
    done = repo.create(SaleInput(customer_id=older, sale_date="2025/11/15", product_line="group",
                                 seller_id=staff["suzuki"], measure=X.WRITTEN_CHECK,
                                 written_confirmed_on="2025/11/18"), by=staff["suzuki"], now=NOW)
    return {"late": late, "done": done, "old": old}


@pytest.fixture
def page(qtbot, ops, staff, sales, drafts):
    return shown(qtbot, ElderlyPage(ops, staff["sato"], drafts=drafts, clock=clock))


def cell(page, uid: str, column: str) -> str:
    return page.model.index(page.model.row_of_loaded(uid), COLUMNS.index(column)).data()


def open_forms() -> list[ElderlySaleDialog]:
    """The record forms the person sees open."""
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, ElderlySaleDialog) and w.isVisible()]


def test_the_model_passes_qt_model_tester(qtmodeltester, store, staff, sales):
    query = ELDERLY_LIST.query(store.conn, ElderlyFilter(), page_size=1)  # two records: two pages
    model = ElderlySalesModel()
    model.today = NOW.date()
    model.set_query(query, query.first_page(), query.count())
    qtmodeltester.check(model)


def test_the_pages_list_stays_a_sound_model_through_the_filter_and_saves(qtbot, qtmodeltester, page, sales):
    qtmodeltester.check(page.model)  # watches every reset from here on
    page.open_only.setChecked(True)
    assert page.count_label.text() == "1 records, 1 incomplete"
    page.open_only.setChecked(False)
    form = page.new_record(customer_uid=sales["old"])
    form.inputs["product_line"].set_code("life")
    form.save()
    assert page.count_label.text() == "3 records, 2 incomplete"


def test_list_shows_state_age_and_overdue_in_words(page, sales):
    assert cell(page, sales["late"], "state") == state_label(False)
    assert cell(page, sales["done"], "state") == state_label(True)
    assert cell(page, sales["late"], "age") == "75" and cell(page, sales["done"], "age") == "85"
    assert cell(page, sales["late"], "due") == f"2025/10/15 {overdue_label()}"
    assert cell(page, sales["done"], "due") == ""
    assert cell(page, sales["late"], "customer") == "髙橋 𠮷子"
    assert cell(page, sales["late"], "sale_date") == "2025/10/01"
    for row in range(page.model.rowCount()):  # personal data stays out of the list
        texts = [page.model.index(row, c).data() for c in range(len(COLUMNS))]
        assert not any("090" in (t or "") or "千代田" in (t or "") for t in texts)


def test_incomplete_only_filter(qtbot, page, sales):
    page.open_only.setChecked(True)
    assert page.model.rowCount() == 1 and cell(page, sales["late"], "customer") == "髙橋 𠮷子"
    assert page.count_label.text() == "1 records, 1 incomplete"
    page.show_record(sales["done"])  # a record the filter hides is still shown when asked for
    assert not page.open_only.isChecked() and "山﨑 一" in page.detail.text()
    assert page.view.currentIndex().siblingAtColumn(COLUMNS.index("customer")).data() == "山﨑 一"


def test_detail_says_what_is_still_missing_in_plain_words(page, sales):
    page.show_record(sales["late"])
    expected = missing_text(Missing(X.REASON_MISSING, "less_preferred_reason",
                                    {"preferred": X.RELATIVE_PRESENT, "chosen": X.SECOND_AGENT}))
    assert expected in page.todo.text() and page.todo_title.isVisibleTo(page)
    assert "鈴木 次郎" in page.detail.text()
    page.show_record(sales["done"])
    assert not page.todo_title.isVisibleTo(page)


def test_enter_edits_ctrl_n_opens_a_new_record(qtbot, page, sales):
    page.show_record(sales["late"])
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert isinstance(page.dialog, ElderlySaleDialog) and page.dialog.sale_uid == sales["late"]
    page.dialog.put_aside()
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(page.dialog, ElderlySaleDialog) and page.dialog.sale_uid is None
    page.dialog.put_aside()


def test_completing_from_the_page_updates_the_list_and_says_so(qtbot, page, sales):
    page.show_record(sales["late"])
    assert cell(page, sales["late"], "state") == state_label(False)
    form = page.edit()
    form.inputs["less_preferred_reason"].setPlainText("ご親族が遠方で、面談も一度しかできなかったため")
    form.save()
    assert not form.isVisible()
    assert cell(page, sales["late"], "state") == state_label(True)
    assert page.count_label.text() == "2 records, 0 incomplete"
    assert page.notice.isVisibleTo(page) and "The record is complete" in page.notice.text()
    assert "髙橋 𠮷子" in page.detail.text() and not page.todo_title.isVisibleTo(page)  # still the one shown


def test_an_incomplete_save_is_announced_as_staying_incomplete(qtbot, page, sales):
    form = page.new_record(customer_uid=sales["old"])
    form.inputs["product_line"].set_code("life")
    form.save()
    assert not form.isVisible()
    assert cell(page, form.saved_uid, "due") == "2025/12/04"  # not yet overdue: no 超過
    assert cell(page, form.saved_uid, "state") == state_label(False)
    assert "Incomplete" in page.notice.text()


def test_open_customer_asks_for_the_customer_tab(page, sales):
    asked = []
    page.open_record.connect(lambda kind, uid: asked.append((kind, uid)))
    page.show_record(sales["late"])
    page.customer_button.click()
    assert asked == [("customer", sales["old"])]


def test_switching_staff_keeps_an_open_form_as_the_first_persons_draft(qtbot, page, staff, drafts, sales):
    form = page.new_record(customer_uid=sales["old"])
    form.inputs["product_name"].setText("医療保険")
    page.set_staff(staff["suzuki"])
    assert not form.isVisible()
    assert drafts.load(f"elderly-new-{staff['sato']}")["form"]["product_name"] == "医療保険"
    assert page.staff_uid == staff["suzuki"]


def test_enter_twice_on_one_record_brings_back_its_open_form_instead_of_a_second(qtbot, page, sales, drafts):
    page.show_record(sales["late"])
    first = page.edit()
    first.inputs["notes"].setPlainText("電話で確認した内容（入力中）")
    first.flush_draft()
    assert page.edit() is first  # one form per record: two would share, and fight over, one draft
    assert open_forms() == [first]
    assert drafts.load(first.key) is not None
    first.put_aside()


def test_on_a_file_a_saved_record_is_listed_and_announced_once_written(qtbot, voice_db, file_ops, drafts):
    """As the app runs: the form's save is written on the writer thread, the page follows a moment later."""
    store, staff, _voices = voice_db
    old = CustomerRepository(store).create(CustomerInput(name="髙橋 𠮷子", kana="タカハシ ヨシコ",
                                                         birth_date="1950/05/01"), by=staff["sato"], now=NOW)
    page = shown(qtbot, ElderlyPage(file_ops, staff["sato"], drafts=drafts, clock=clock))
    qtbot.waitUntil(lambda: page.count_label.text() == "0 records, 0 incomplete", timeout=3000)
    form = page.new_record(customer_uid=old)
    form.inputs["product_line"].set_code("life")
    with qtbot.waitSignal(form.saved, timeout=3000) as saved:
        form.save()
        assert not form.isEnabled()  # locked while it is written
    uid = saved.args[0]
    assert open_forms() == [] and "Incomplete" in page.notice.text()
    qtbot.waitUntil(lambda: page.count_label.text() == "1 records, 1 incomplete", timeout=3000)  # counted a moment later
    assert cell(page, uid, "customer") == "髙橋 𠮷子" and "髙橋 𠮷子" in page.detail.text()

    form = page.edit()
    form.measure_buttons[X.RELATIVE_PRESENT].setChecked(True)
    form.inputs["relative_name"].setText("髙橋 一郎")
    form.inputs["relative_relation"].setText("長男")
    form.save()
    qtbot.waitUntil(lambda: page.count_label.text() == "1 records, 0 incomplete", timeout=3000)
    assert cell(page, uid, "state") == state_label(True)
    qtbot.waitUntil(lambda: "The record is complete" in page.notice.text(), timeout=3000)
    assert open_forms() == [] and not page.todo_title.isVisibleTo(page)


# --- the record's actions have keys, pressed with the keyboard in the list --------------------------------

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_f2_ctrl_shift_c_and_ctrl_shift_h_act_on_the_record_in_the_list(qtbot, page, sales):
    page.view.selectRow(page.model.row_of_loaded(sales["late"]))
    page.view.setFocus()
    assert page.uid == sales["late"]
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    assert open_forms() and open_forms()[0].sale_uid == sales["late"]
    open_forms()[0].close()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.view.setFocus()
    with qtbot.waitSignal(page.open_record) as opened:
        qtbot.keyClick(page.view, Qt.Key.Key_C, CTRL_SHIFT)
    assert opened.args == ["customer", sales["old"]]
    before = set(QApplication.topLevelWidgets())
    qtbot.keyClick(page.view, Qt.Key.Key_H, CTRL_SHIFT)
    history = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w not in before]
    assert len(history) == 1  # the record's change history
    history[0].close()
    assert [a.shortcut().toString() for a in page.record_actions()] == ["F2", "Ctrl+Shift+C", "Ctrl+Shift+H"]


def test_saving_a_complete_record_keeps_incomplete_only_as_set(qtbot, page, sales, staff):
    page.open_only.setChecked(True)
    assert page.count_label.text() == "1 records, 1 incomplete"
    form = page._open(ElderlySaleDialog(page.ops, staff["sato"], sales["done"], drafts=None, clock=clock,
                                        parent=page))
    form.save()
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=3000)
    assert page.open_only.isChecked() and page.model.rowCount() == 1
    assert "山﨑 一" in page.detail.text()  # the saved record is shown beside the list


def test_a_second_new_record_brings_the_open_one_forward_rather_than_sharing_its_draft(qtbot, page, sales):
    # Both forms kept their draft under one key ('elderly-new-<staff>'): the second opened with the first
    # one's typing, and a staff switch or closing the app kept only one of them.
    first = page.new_record(customer_uid=sales["old"])
    first.inputs["notes"].setPlainText("ご家族同席")
    first.flush_draft()
    again = page.new_record()
    assert again is first
    assert [form for form in page._forms if form.isVisible()] == [first]


def listed(page) -> list[str]:
    return [page.model.uid_at(row) for row in range(page.model.rowCount())]


def test_head_office_chooses_a_branch_and_sees_only_its_records(qtbot, ops, store, staff, sales, drafts):
    from agency_app.storage.masters import MasterData
    MasterData(store).save_branch("YOK", "横浜支店")
    with store.write():  # the group sale was recorded at Yokohama and imported with its office
        store.conn.execute("UPDATE elderly_sales SET branch_code = 'YOK' WHERE uid = ?", (sales["done"],))
    page = shown(qtbot, ElderlyPage(ops, staff["sato"], drafts=drafts, clock=clock))
    qtbot.waitUntil(lambda: listed(page) == [sales["done"], sales["late"]], timeout=2000)
    assert page.branch.box.isVisible()
    page.open_only.setFocus()
    qtbot.keyClick(page.open_only, Qt.Key.Key_Tab)  # 未完了のみ, then 拠点
    assert QApplication.focusWidget() is page.branch.combo
    qtbot.keyClick(page.branch.combo, Qt.Key.Key_Down)  # 本部
    qtbot.waitUntil(lambda: listed(page) == [sales["late"]], timeout=2000)
    qtbot.keyClick(page.branch.combo, Qt.Key.Key_Down)  # 横浜支店
    qtbot.waitUntil(lambda: listed(page) == [sales["done"]], timeout=2000)
    assert page.count_label.text() == "1 records, 0 incomplete"  # the office's own incomplete ones
    page.show_record(sales["late"])  # a link to head office's record clears the branch hiding it
    qtbot.waitUntil(lambda: listed(page) == [sales["done"], sales["late"]], timeout=2000)
    assert page.branch.code() is None


def test_a_single_office_agency_has_no_branch_choice(page):
    assert not page.branch.box.isVisible() and page.export_filter().branch_code is None
