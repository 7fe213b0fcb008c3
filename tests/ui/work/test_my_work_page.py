"""MY WORK TODAY page: grouped headings in order, text marks for late items, Enter/double-click opens, refresh."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from agency_app.storage.ids import new_uid
from agency_app.ui.work.my_work_page import MyWorkPage
from list_fixtures import settle

NOW = datetime(2025, 11, 20, 11, 0)
STAMP = "2025-11-01 09:00"


def insert(store, table: str, **values) -> str:
    values.setdefault("uid", new_uid())
    values.update(origin_branch="HQ", created_at=STAMP, updated_at=STAMP, updated_by=None)
    with store.write() as db:
        db.conn.execute(f"INSERT INTO {table} ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                        list(values.values()))
    return values["uid"]


def voice(store, summary: str, **values) -> str:
    return insert(store, "voices", branch_code="HQ", received_at="2025-11-01 09:00", channel="phone",
                  kind="request", summary=summary, **values)


@pytest.fixture
def page_db(store, staff):
    sato = staff["sato"]
    customer = insert(store, "customers", branch_code="HQ", name="山﨑 𠮷子", birth_date="1940-02-29")
    with store.write() as db:
        db.conn.execute("INSERT INTO elderly_rules (uid, rules_version, rules, effective_from, origin_branch, "
                        "created_at, updated_at) VALUES ('r1', 1, '{}', '2024-04-01', 'HQ', ?, ?)", (STAMP, STAMP))
    long_title = "自動車保険の更新について🚗" + "とても長い件名" * 40
    u = dict(
        missed=voice(store, "満期案内の件", customer_name="髙橋 一郎", callback_at="2025-11-19 15:00",
                     callback_staff_id=sato),
        passed=voice(store, "入金確認", callback_at="2025-11-20 09:30", callback_staff_id=sato),
        later=voice(store, long_title, callback_at="2025-11-20 16:00", callback_staff_id=sato),
        overdue=insert(store, "cases", branch_code="HQ", case_type="address_change", title="住所変更",
                       opened_on="2025-11-01", customer_id=customer, assignee_id=sato, due_date="2025-11-18"),
        due=voice(store, "領収書の再発行", assignee_id=sato, due_date="2025-11-20"),
        sale=insert(store, "elderly_sales", branch_code="HQ", customer_id=customer, sale_date="2025-11-10",
                    product_line="life", product_name="医療保険", seller_id=sato, face_to_face=1, rules_version=1,
                    due_date="2025-11-24"),
    )
    return store, staff, u, long_title


def make_page(qtbot, ops, staff_uid, now=NOW) -> MyWorkPage:
    page = MyWorkPage(ops, staff_uid, clock=lambda: now)
    qtbot.addWidget(page)
    page.show()
    return page


def test_headings_in_order_with_counts_and_the_total_on_top(qtbot, ops, page_db, qtmodeltester):
    store, staff, _, _ = page_db
    page = make_page(qtbot, ops, staff["sato"])
    qtmodeltester.check(page.model)
    assert page.headings() == ["Missed call-backs (1)", "Today's call-backs (2)", "Overdue (1)", "Due today (1)",
                               "Incomplete elderly-customer records (1)"]
    assert page.count_label.text() == "Today's work: 6 items (2025/11/20)"
    assert page.badge_count() == 6
    assert page.stack.currentWidget() is page.tree


def test_rows_show_type_time_customer_subject_with_text_marks(qtbot, ops, page_db):
    store, staff, _, long_title = page_db
    page = make_page(qtbot, ops, staff["sato"])
    rows = page.row_texts()
    assert rows[0] == ["Voice", "2025/11/19 15:00 (not made)", "髙橋 一郎", "満期案内の件"]
    assert rows[1] == ["Voice", "09:30 (time passed)", "—", "入金確認"]
    assert rows[2] == ["Voice", "16:00", "—", long_title]  # long text and emoji intact
    assert rows[3] == ["Case", "2025/11/18 (overdue)", "山﨑 𠮷子", "住所変更"]
    assert rows[4][:2] == ["Voice", "Today"]
    assert rows[5] == ["Elderly", "2025/11/24", "山﨑 𠮷子", "高齢者対応記録（医療保険）"]


def test_enter_and_double_click_open_the_record(qtbot, ops, page_db):
    store, staff, u, _ = page_db
    page = make_page(qtbot, ops, staff["sato"])
    assert page.current_record() == ("voice", u["missed"])  # the most urgent is selected
    assert page.show_record(u["overdue"])
    with qtbot.waitSignal(page.open_record) as opened:
        qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert opened.args == ["case", u["overdue"]]
    page.show_record(u["sale"])
    with qtbot.waitSignal(page.open_record) as opened:
        page.tree.doubleClicked.emit(page.tree.currentIndex())
    assert opened.args == ["sale", u["sale"]]
    # A heading opens nothing.
    page.tree.setCurrentIndex(page.model.index(0, 0))
    with qtbot.assertNotEmitted(page.open_record):
        qtbot.keyClick(page.tree, Qt.Key.Key_Return)


def test_refresh_drops_a_promise_once_made_and_keeps_the_selection(qtbot, ops, page_db):
    store, staff, u, _ = page_db
    page = make_page(qtbot, ops, staff["sato"])
    page.show_record(u["due"])
    with store.write() as db:
        db.conn.execute("UPDATE voices SET callback_done_at = '2025-11-20 10:50', callback_done_by = ?, "
                        "updated_at = '2025-11-20 10:50', updated_by = ? WHERE uid = ?",
                        (staff["sato"], staff["sato"], u["missed"]))
    with qtbot.waitSignal(page.count_changed) as counted:
        page.refresh()
    assert counted.args == [5]
    assert page.headings()[0] == "Today's call-backs (2)"
    assert page.current_record() == ("voice", u["due"])


def test_another_staff_member_sees_their_own_empty_day(qtbot, ops, page_db):
    store, staff, _, _ = page_db
    page = make_page(qtbot, ops, staff["sato"])
    page.set_staff(staff["suzuki"])
    assert page.badge_count() == 0 and page.headings() == []
    assert page.stack.currentWidget() is page.empty
    assert page.count_label.text().startswith("Today's work: 0 items")


def test_the_next_day_yesterdays_promise_is_missed(qtbot, ops, page_db):
    store, staff, u, _ = page_db
    page = make_page(qtbot, ops, staff["sato"], now=datetime(2025, 11, 21, 8, 30))
    assert page.headings()[0] == "Missed call-backs (3)"
    assert page.headings()[1] == "Overdue (2)"


def test_f5_reloads_while_the_list_has_focus(qtbot, ops, page_db):
    store, staff, u, _ = page_db
    page = make_page(qtbot, ops, staff["sato"])
    voice(store, "新しく期限超過", assignee_id=staff["sato"], due_date="2025-11-19")
    page.tree.setFocus()
    qtbot.waitUntil(page.tree.hasFocus)
    with qtbot.waitSignal(page.count_changed) as counted:
        qtbot.keyClick(page.tree, Qt.Key.Key_F5)
    assert counted.args == [7]


def test_on_a_file_the_list_is_read_in_a_worker_and_follows_a_write_made_anywhere(qtbot, voice_db, file_ops):
    store, staff, uids = voice_db
    promised = "更新手続きの書類が多い"  # promised by 佐藤 for 14:00 today (list_fixtures.VOICES)
    page = make_page(qtbot, file_ops, staff["sato"])
    qtbot.waitUntil(lambda: any(row[3] == promised for row in page.row_texts()))
    count = len(page.row_texts())
    assert page.count_label.text() == f"Today's work: {count} items (2025/11/20)"

    # Made from the call-backs dialog or a voice's panel: the shown list follows without F5.
    file_ops.write(None, lambda data: data.voices.mark_callback_done(uids[1], by=staff["sato"], now=NOW)).run()
    qtbot.waitUntil(lambda: not any(row[3] == promised for row in page.row_texts()))
    assert page.count_label.text() == f"Today's work: {count - 1} items (2025/11/20)"

    # Hidden (another tab is shown), it catches up when shown again.
    page.hide()
    file_ops.write(None, lambda data: voice(data.store, "窓口で受けた依頼", assignee_id=staff["sato"],
                                            due_date="2025-11-20")).run()
    settle(qtbot, file_ops)
    assert not any(row[3] == "窓口で受けた依頼" for row in page.row_texts())
    page.show()
    qtbot.waitUntil(lambda: any(row[3] == "窓口で受けた依頼" for row in page.row_texts()))
    assert page.count_label.text() == f"Today's work: {count} items (2025/11/20)"



@pytest.fixture(params=["en", "ja_JP"])
def language(request, qapp):
    """The page in English (the source texts) and in Japanese, as the agencies see it."""
    from PySide6.QtWidgets import QApplication
    from agency_app.ui.kit import i18n
    translators = i18n.install_translators(qapp, request.param) if request.param != "en" else []
    yield request.param
    for translator in translators:
        QApplication.removeTranslator(translator)


def test_type_time_and_customer_columns_are_wide_enough_for_their_texts(qtbot, ops, page_db, language):
    """Columns sized from the texts must leave room for what Qt draws besides them: a record row sits one
    level under its heading, so its first cell is indented by the tree; no text may be cut off ('高齢…')."""
    from agency_app.ui.work.work_model import CUSTOMER, TYPE, WHEN
    store, staff, _, _ = page_db
    page = make_page(qtbot, ops, staff["sato"])
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    header = page.tree.header()
    for column in (TYPE, WHEN, CUSTOMER):
        # What Qt itself measures for the column's rows (the tree's indentation included): narrower is elided.
        assert header.sectionSize(column) >= page.tree.sizeHintForColumn(column), (language, column)


def test_a_dragged_width_is_kept_for_the_next_start_and_the_subject_fills_the_rest(qtbot, ops, page_db):
    from agency_app.ui.work.work_model import CUSTOMER, TITLE
    store, staff, _, _ = page_db
    page = make_page(qtbot, ops, staff["sato"])
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    page.resize(1000, 500)
    header = page.tree.header()
    fitted = header.sectionSize(CUSTOMER)
    header.resizeSection(CUSTOMER, fitted + 50)  # a drag
    qtbot.waitUntil(lambda: sum(header.sectionSize(c) for c in range(4)) == page.tree.viewport().width())
    page.close()

    again = make_page(qtbot, ops, staff["sato"])
    qtbot.waitUntil(lambda: again.model.rowCount() > 0)
    assert again.tree.header().sectionSize(CUSTOMER) == fitted + 50
    again.column_widths.reset_action.trigger()
    assert again.tree.header().sectionSize(CUSTOMER) == fitted
    assert again.tree.header().sectionSize(TITLE) > 0
