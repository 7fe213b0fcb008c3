"""Counts page: seed 004's layout (生保・損保 / 団体 / 計), period and branch choosers, omissions that open."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from agency_app.domain.periods import HALF, Period
from agency_app.storage.ids import new_uid
from agency_app.storage.masters import MasterData
from agency_app.ui.counts.counts_page import CountsPage
from agency_app.ui.kit.report_view import ReportView

NOW = datetime(2025, 11, 20, 10, 0)
STAMP = "2025-04-01 09:00"


def insert_all(store, table: str, rows: list[dict]) -> list[str]:
    """Rows written in one transaction with the record columns set (audited); returns their uids."""
    full = [dict({"uid": new_uid(), "origin_branch": "HQ", "branch_code": "HQ", "created_at": STAMP,
                  "updated_at": STAMP, "updated_by": None}, **row) for row in rows]
    with store.write() as db:
        for row in full:
            db.conn.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                            list(row.values()))
    return [row["uid"] for row in full]


@pytest.fixture
def counts_db(store, staff):
    """Seed 004's H1 FY2025 figures (one sale and one contact at Yokohama), a sale in H2, two omissions."""
    MasterData(store).save_branch("YOK", "横浜支店")
    with store.write() as db:
        db.conn.execute("INSERT INTO elderly_rules (uid, rules_version, rules, effective_from, origin_branch, "
                        "created_at, updated_at) VALUES ('r1', 1, '{}', '2024-04-01', 'HQ', ?, ?)", (STAMP, STAMP))
    [customer] = insert_all(store, "customers", [{"name": "髙橋 𠮷子"}])
    sale = {"customer_id": customer, "seller_id": staff["sato"], "face_to_face": 1, "rules_version": 1}
    plan = [("life", "relative_present", 12, 0), ("nonlife_auto", "second_agent", 20, 1),
            ("life", "multiple_meetings", 13, 0), ("nonlife_fire", "phone_check", 66, 2),
            ("group", "phone_check", 750, 0), ("group", "written_check", 210, 0)]
    rows = [dict(sale, sale_date="2025-06-10", product_line=line, measure=measure,
                 is_complete=0 if i < open_n else 1, branch_code="YOK" if (measure, i) == ("relative_present", 0)
                 else "HQ")
            for line, measure, n, open_n in plan for i in range(n)]
    rows.append(dict(sale, sale_date="2025-10-10", product_line="life", measure=None, is_complete=0))
    insert_all(store, "elderly_sales", rows)
    contact = {"customer_id": customer, "recorded_on": "2025-07-01"}
    insert_all(store, "relative_contacts",
               [dict(contact, product_line="life", outcome="registered", obtained_by="meeting",
                     branch_code="YOK" if i == 0 else "HQ") for i in range(28)]
               + [dict(contact, product_line="nonlife_auto", outcome="registered", obtained_by="mail")
                  for _ in range(42)]
               + [dict(contact, product_line="life", outcome="declined", obtained_by="meeting",
                       decline_reason="不要")])
    late, reopened = new_uid(), new_uid()
    insert_all(store, "voices", [
        {"uid": late, "received_at": "2025-05-01 10:00", "channel": "phone", "kind": "dissatisfaction",
         "summary": "更新案内が遅れた件🙇", "due_date": "2025-05-08", "status": "done", "response": "済",
         "completed_on": "2025-05-12", "completed_by": staff["sato"]}])
    insert_all(store, "cases", [
        {"uid": reopened, "case_type": "address_change", "title": "住所変更（自社システム未更新）",
         "opened_on": "2025-08-01", "due_date": "2025-08-06", "status": "done", "response": "済",
         "completed_on": "2025-08-05", "completed_by": staff["sato"]}])
    with store.write() as db:
        db.conn.execute("UPDATE cases SET status = 'in_progress', completed_on = NULL, reopen_count = 1, "
                        "updated_at = '2025-08-20 10:00' WHERE uid = ?", (reopened,))
    return store, staff, late, reopened


def make_page(qtbot, ops, staff_uid) -> CountsPage:
    page = CountsPage(ops, staff_uid, clock=lambda: NOW)
    qtbot.addWidget(page)
    page.show()
    return page


def test_opens_on_the_current_half_and_offers_years_back_to_the_first_record(qtbot, ops, counts_db):
    store, staff, _, _ = counts_db
    page = make_page(qtbot, ops, staff["sato"])
    assert page.period() == Period(2025, HALF, 2)
    assert [page.year_combo.itemData(i) for i in range(page.year_combo.count())] == [2025]
    assert page.range_label.text() == "2025/10/01 – 2026/03/31"
    assert [page.branch_combo.itemText(i) for i in range(page.branch_combo.count())] == [
        "All branches", "本部", "横浜支店"]


def test_elderly_table_reproduces_seed_004_in_its_layout(qtbot, ops, counts_db):
    store, staff, _, _ = counts_db
    page = make_page(qtbot, ops, staff["sato"])
    page.set_period(Period(2025, HALF, 1))
    table = page.elderly_table
    assert ReportView.header(table) == ["対応方法", "生保・損保", "団体", "計", "うち完了", "うち未完了"]
    assert CountsPage.texts(table) == {
        "親族同席": ["12", "0", "12", "12", "0"],
        "複数回面談": ["13", "0", "13", "13", "0"],
        "複数募集人": ["20", "0", "20", "19", "1"],
        "電話確認": ["66", "750", "816", "814", "2"],
        "書面確認": ["0", "210", "210", "210", "0"],
        "計": ["111", "960", "1,071", "1,068", "3"],
    }
    assert table.item(0, 1).textAlignment() & Qt.AlignmentFlag.AlignRight
    assert table.item(5, 1).font().bold() and not table.item(0, 1).font().bold()  # the total stands out


def test_relatives_table_reproduces_seed_004(qtbot, ops, counts_db):
    store, staff, _, _ = counts_db
    page = make_page(qtbot, ops, staff["sato"])
    page.set_period(Period(2025, HALF, 1))
    assert CountsPage.texts(page.relatives_table) == {
        "生保": ["28", "0", "28", "1"], "損保": ["0", "42", "42", "0"], "団体": ["0", "0", "0", "0"],
        "計": ["28", "42", "70", "1"]}


def test_period_and_branch_choosers_recount(qtbot, ops, counts_db):
    store, staff, _, _ = counts_db
    page = make_page(qtbot, ops, staff["sato"])
    # The current half: one sale whose measure is not chosen yet shows as its own row.
    assert CountsPage.texts(page.elderly_table)["対応方法未選択"] == ["1", "0", "1", "0", "1"]
    page.set_period(Period(2025, HALF, 1))
    page.set_branch("YOK")
    assert CountsPage.texts(page.elderly_table)["計"] == ["1", "0", "1", "1", "0"]
    assert CountsPage.texts(page.relatives_table)["計"] == ["1", "0", "1", "0"]
    assert page.view.title.text().endswith("横浜支店（YOK）")
    page.set_branch("HQ")
    assert CountsPage.texts(page.elderly_table)["親族同席"][0] == "11"
    assert CountsPage.texts(page.relatives_table)["生保"] == ["27", "0", "27", "1"]
    page.part_combo.setCurrentIndex(page.part_combo.findData("month:6"))
    assert CountsPage.texts(page.elderly_table)["計"][2] == "1,070"
    assert CountsPage.texts(page.relatives_table)["計"] == ["0", "0", "0", "0"]


def test_omissions_are_counted_listed_and_open_with_enter_or_double_click(qtbot, ops, counts_db):
    store, staff, late, reopened = counts_db
    page = make_page(qtbot, ops, staff["sato"])
    page.set_period(Period(2025, HALF, 1))
    assert CountsPage.texts(page.omission_summary) == {
        "期限後の完了・見送り": ["1", "0", "1"], "完了後の再開": ["0", "1", "1"], "対象件数": ["1", "1", "2"]}
    listed = page.omission_list
    assert ReportView.texts(listed) == [
        ["期限後の完了・見送り", "お客様の声", "2025/05/08", "2025/05/12", "完了", "更新案内が遅れた件🙇"],
        ["完了後の再開", "対応案件", "2025/08/06", "2025/08/20", "対応中", "住所変更（自社システム未更新）"]]
    listed.setFocus()
    assert page.show_record(reopened)
    with qtbot.waitSignal(page.open_record) as opened:
        qtbot.keyClick(listed, Qt.Key.Key_Return)
    assert opened.args == ["case", reopened]
    with qtbot.waitSignal(page.open_record) as opened:
        listed.doubleClicked.emit(listed.model().index(0, 3))
    assert opened.args == ["voice", late]


def test_an_empty_period_shows_zeros_not_errors(qtbot, ops, counts_db):
    store, staff, _, _ = counts_db
    page = make_page(qtbot, ops, staff["sato"])
    page.part_combo.setCurrentIndex(page.part_combo.findData("quarter:4"))
    assert CountsPage.texts(page.elderly_table)["計"] == ["0", "0", "0", "0", "0"]
    assert page.omission_list.rowCount() == 0
    assert not page.show_record("no-such-record")


def test_a_long_omission_list_is_cut_with_a_note_the_counts_stay_whole(qtbot, ops, counts_db, monkeypatch):
    from agency_app.ui.counts import counts_page

    monkeypatch.setattr(counts_page, "LIST_LIMIT", 1)
    store, staff, late, reopened = counts_db
    page = make_page(qtbot, ops, staff["sato"])
    page.set_period(Period(2025, HALF, 1))
    assert page.omission_list.rowCount() == 1
    assert not page.list_note.isHidden()
    assert page.list_note.text().startswith("※ 全 2 件のうち、最初の 1 件を表示しています。")
    assert CountsPage.texts(page.omission_summary)["対象件数"] == ["1", "1", "2"]
    page.set_period(Period(2025, HALF, 2))
    assert "最初の" not in page.list_note.text()


def test_stopping_a_count_leaves_the_choosers_on_the_period_whose_figures_are_shown(qtbot, file_ops, voice_db,
                                                                                    monkeypatch):
    """中止 keeps the tables as they were: the period and branch above them must still be the ones counted,
    not the new choice, or last half-year's figures read as the whole year's."""
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    from agency_app.ui.counts import counts_page
    from list_fixtures import settle
    _store, staff, _uids = voice_db
    page = make_page(qtbot, file_ops, staff["sato"])
    settle(qtbot, file_ops)
    assert page.report.period == Period(2025, HALF, 2)
    endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    monkeypatch.setattr(counts_page.R, "counts_report", lambda conn, *_a, **_k: conn.execute(endless).fetchone())
    page.part_combo.setCurrentIndex(page.part_combo.findData("year:0"))  # the whole year: a long count

    def progress() -> QProgressDialog | None:
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, QProgressDialog) and w.isVisible()), None)
    qtbot.waitUntil(lambda: progress() is not None, timeout=5000)
    stop, = progress().findChildren(QPushButton)
    stop.click()
    settle(qtbot, file_ops)
    assert page.report.period == Period(2025, HALF, 2)  # the figures shown are still the second half's…
    assert page.period() == Period(2025, HALF, 2)       # …and so is the period chosen above them
    assert page.part_combo.currentText() == "Second half (Oct–Mar)"
    assert page.range_label.text() == "2025/10/01 – 2026/03/31"
