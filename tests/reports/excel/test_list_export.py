"""Any list as Excel: the screen's rows in the screen's order, personal data masked unless asked, typed text never a formula, 中止 leaves nothing."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from agency_app.demo.voices import generate
from agency_app.domain.periods import QUARTER, Period
from agency_app.domain.progress import JobControl, Stopped
from agency_app.reports.excel import list_export
from agency_app.reports.excel.list_export import describe, write_list_workbook
from agency_app.storage.case_list import CASE_LIST, CaseFilter
from agency_app.storage.customer_list import CUSTOMER_LIST, CustomerFilter
from agency_app.storage.database import open_store
from agency_app.storage.elderly_list import ELDERLY_LIST, ElderlyFilter
from agency_app.storage.masters import initialise
from agency_app.storage.voice_filter import VoiceFilter
from agency_app.storage.voice_query import VOICE_LIST

TODAY = date(2025, 11, 20)


@pytest.fixture(scope="module")
def demo():
    """A demo agency (voices, cases, elderly records, customers and relatives), read only by these tests."""
    store = open_store(":memory:")
    initialise(store)
    generate(store, voices=400, seed=5, today=TODAY)
    yield store
    store.close()


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of 7 rows, so a list of a few dozen rows is read across many pages, as a long list is."""
    monkeypatch.setattr(list_export, "PAGE_SIZE", 7)


def sheet_rows(path, sheet=0) -> list[tuple]:
    book = openpyxl.load_workbook(path)
    return [tuple(cell.value for cell in row) for row in book.worksheets[sheet].iter_rows(min_row=2)]


def screen_rows(conn, spec, flt) -> list:
    query = spec.query(conn, flt)
    return query.rows(0, query.count())


def day(stored):
    return None if not stored else date.fromisoformat(stored[:10])


def as_date(value):
    return value.date() if value is not None else None


def test_voices_are_the_screens_rows_in_its_order(demo, tmp_path, small_pages):
    flt = VoiceFilter(period=Period(2025, QUARTER, 1), statuses=("done", "in_progress"), today=TODAY)
    expected = screen_rows(demo.conn, VOICE_LIST, flt)
    assert 30 < len(expected) < 400   # the filter narrows the list, and several pages of 7 are read
    path = tmp_path / "voices.xlsx"
    assert write_list_workbook(demo.conn, path, "voices", flt) == len(expected)
    rows = sheet_rows(path)
    assert len(rows) == len(expected)
    assert [(as_date(r[0]), r[6], r[9]) for r in rows] == [
        (day(v.received_at), v.summary, {"done": "完了", "in_progress": "対応中"}[v.status]) for v in expected]
    # The voice's own texts beside what the screen shows: its content and response, staff by name.
    body, response, assignee = demo.conn.execute(
        "SELECT v.body, v.response, s.name FROM voices v LEFT JOIN staff s ON s.uid = v.assignee_id WHERE v.uid = ?",
        (expected[0].uid,)).fetchone()
    assert (rows[0][7], rows[0][8] or "", rows[0][10]) == (body, response, assignee)


def test_the_order_the_user_sorted_by(demo, tmp_path, small_pages):
    flt = VoiceFilter(period=Period(2025, QUARTER, 1), today=TODAY)
    query = VOICE_LIST.query(demo.conn, flt, sort="status", descending=False)
    expected = query.rows(0, query.count())
    path = tmp_path / "by-status.xlsx"
    write_list_workbook(demo.conn, path, "voices", flt, sort="status", descending=False)
    rows = sheet_rows(path)
    assert [r[6] for r in rows] == [v.summary for v in expected]
    assert rows[0][9] == "完了" and rows[-1][9] != "完了"   # status codes ascending: done first


def test_a_text_search_exports_what_the_search_finds(demo, tmp_path, small_pages):
    flt = VoiceFilter(text="保険料", today=TODAY)
    expected = screen_rows(demo.conn, VOICE_LIST, flt)
    assert expected
    path = tmp_path / "found.xlsx"
    write_list_workbook(demo.conn, path, "voices", flt)
    assert [r[6] for r in sheet_rows(path)] == [v.summary for v in expected]


def test_cases_elderly_and_customers_are_the_screens_rows(demo, tmp_path, small_pages):
    cases = screen_rows(demo.conn, CASE_LIST, CaseFilter(status="open", today=TODAY))
    write_list_workbook(demo.conn, tmp_path / "cases.xlsx", "cases", CaseFilter(status="open", today=TODAY),
                        with_personal_data=True)
    assert [(r[2], r[3]) for r in sheet_rows(tmp_path / "cases.xlsx")] == [
        (c["title"], c["customer_name"]) for c in cases]

    elderly = screen_rows(demo.conn, ELDERLY_LIST, ElderlyFilter(open_only=True))
    assert elderly
    write_list_workbook(demo.conn, tmp_path / "elderly.xlsx", "elderly", ElderlyFilter(open_only=True))
    assert [(as_date(r[0]), r[4], r[10]) for r in sheet_rows(tmp_path / "elderly.xlsx")] == [
        (day(e["sale_date"]), e["age"], "未完了") for e in elderly]

    customers = screen_rows(demo.conn, CUSTOMER_LIST, CustomerFilter(text="やま"))
    assert 7 < len(customers)
    write_list_workbook(demo.conn, tmp_path / "customers.xlsx", "customers", CustomerFilter(text="やま"),
                        with_personal_data=True)
    assert [r[0] for r in sheet_rows(tmp_path / "customers.xlsx")] == [c["name"] for c in customers]


def all_texts(path) -> str:
    book = openpyxl.load_workbook(path)
    return "\n".join(str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
                     if cell.value is not None)


def test_personal_data_masked_by_default_and_written_when_asked(demo, tmp_path):
    masked, shown = tmp_path / "masked.xlsx", tmp_path / "shown.xlsx"
    write_list_workbook(demo.conn, masked, "customers", CustomerFilter())
    write_list_workbook(demo.conn, shown, "customers", CustomerFilter(), with_personal_data=True)
    masked_text, shown_text = all_texts(masked), all_texts(shown)
    name, kana, phone, address, birth = demo.conn.execute(
        "SELECT name, kana, phone, address, birth_date FROM customers WHERE phone != '' AND address != '' "
        "AND birth_date IS NOT NULL LIMIT 1").fetchone()
    relative, relative_phone = demo.conn.execute(
        "SELECT relative_name, phone FROM relative_contacts WHERE relative_name != '' AND phone != '' "
        "LIMIT 1").fetchone()
    for value in (name, kana, phone, address, relative, relative_phone, birth.replace("-", "/")):
        assert value not in masked_text
        assert value in shown_text
    first = sheet_rows(masked)[0]
    assert first[:3] == ("＊＊＊", "＊＊＊", "＊＊＊")
    assert "伏せています" in masked_text and "含みます" in shown_text


def test_elderly_and_voice_names_masked_by_default(demo, tmp_path):
    write_list_workbook(demo.conn, tmp_path / "e.xlsx", "elderly", ElderlyFilter())
    rows = sheet_rows(tmp_path / "e.xlsx")
    assert {r[1] for r in rows} == {"＊＊＊"}
    # The demo's staff and customers share a name generator: a seller named like a customer is not a leak.
    staff = {n for (n,) in demo.conn.execute("SELECT name FROM staff")}
    names = {n for (n,) in demo.conn.execute("SELECT name FROM customers")} - staff
    text = "\n".join(str(v) for r in rows for i, v in enumerate(r) if i != 12 and v is not None)
    assert not any(n in text for n in names)
    write_list_workbook(demo.conn, tmp_path / "v.xlsx", "voices", VoiceFilter(today=TODAY))
    named = {n for (n,) in demo.conn.execute("SELECT customer_name FROM voices WHERE customer_name != ''")} - staff
    voices = sheet_rows(tmp_path / "v.xlsx")
    text = "\n".join(str(v) for r in voices for i, v in enumerate(r) if i != 10 and v is not None)
    assert named and not any(n in text for n in named)


def test_a_case_titled_with_its_customers_name_is_masked_too(tmp_path):
    store = open_store(":memory:")
    initialise(store)
    generate(store, voices=50, seed=2, today=TODAY)
    uid, name = store.conn.execute("SELECT c.uid, cu.name FROM cases c JOIN customers cu ON cu.uid = c.customer_id "
                                   "LIMIT 1").fetchone()
    with store.write() as db:
        db.conn.execute("UPDATE cases SET title = ?, body = ? WHERE uid = ?",
                        (f"住所変更（{name} 様）", f"{name.replace(' ', '')}様より電話", uid))
    write_list_workbook(store.conn, tmp_path / "c.xlsx", "cases", CaseFilter())
    text = all_texts(tmp_path / "c.xlsx")
    assert "住所変更（＊＊＊ 様）" in text and "＊＊＊様より電話" in text and name not in text
    store.close()


def test_typed_text_is_written_as_text_never_a_formula(tmp_path):
    store = open_store(":memory:")
    initialise(store)
    generate(store, voices=20, seed=2, today=TODAY)
    with store.write() as db:
        uid = db.conn.execute("SELECT uid FROM customers ORDER BY kana_key LIMIT 1").fetchone()[0]
        db.conn.execute("UPDATE customers SET notes = ? WHERE uid = ?", ('=HYPERLINK("http://x","y")', uid))
    path = tmp_path / "customers.xlsx"
    write_list_workbook(store.conn, path, "customers", CustomerFilter())
    cell = openpyxl.load_workbook(path).worksheets[0]["K2"]
    assert (cell.value, cell.data_type) == ('\'=HYPERLINK("http://x","y")', "s")
    store.close()


def test_stopped_leaves_no_file_and_the_old_one_as_it_was(demo, tmp_path, small_pages):
    path = tmp_path / "voices.xlsx"
    path.write_bytes(b"the old file")
    steps = []

    def should_stop():
        return len(steps) >= 3   # 中止 pressed while the rows are written

    control = JobControl(progress=lambda done, total, what: steps.append(done), should_stop=should_stop)
    with pytest.raises(Stopped):
        write_list_workbook(demo.conn, path, "voices", VoiceFilter(today=TODAY), control=control)
    assert steps[-1] > 0   # it had begun writing rows
    assert path.read_bytes() == b"the old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["voices.xlsx"]
    (tmp_path / "voices.xlsx").unlink()
    with pytest.raises(Stopped):
        write_list_workbook(demo.conn, path, "customers", CustomerFilter(),
                            control=JobControl(should_stop=lambda: True))
    assert list(tmp_path.iterdir()) == []


def test_progress_reaches_the_total(demo, tmp_path, small_pages):
    seen = []
    control = JobControl(progress=lambda done, total, what: seen.append((done, total)))
    rows = write_list_workbook(demo.conn, tmp_path / "e.xlsx", "elderly", ElderlyFilter(), control=control)
    assert seen[-1] == (rows, rows) and len(seen) > rows // 7   # a step per page of rows


def test_the_filter_in_words_in_the_header_and_the_about_sheet(demo, tmp_path):
    staff = dict(demo.conn.execute("SELECT uid, name FROM staff"))
    someone = next(iter(staff))
    flt = VoiceFilter(period=Period(2025, QUARTER, 1), statuses=("in_progress",), kinds=("dissatisfaction",),
                      staff_uid=someone, overdue_only=True, text="振込")
    words = describe("voices", flt, staff)
    assert words == (f"期間: 2025/04/01〜2025/06/30、種別: 不満、状況: 対応中、期限超過のみ、"
                     f"担当・受付: {staff[someone]}、検索語: 振込")
    assert describe("customers", CustomerFilter()) == "条件なし（すべて）"
    assert describe("customers", CustomerFilter(text="山田"), with_personal_data=False) == "検索語: ＊＊＊"
    assert describe("cases", CaseFilter(status="open", case_type="renewal")) == "状況: 未完了、種別: 満期更改"
    assert describe("elderly", ElderlyFilter(open_only=True, start=date(2025, 4, 1), end=date(2025, 9, 30))) == \
        "申込日: 2025/04/01〜2025/09/30、未完了のみ"
    path = tmp_path / "v.xlsx"
    write_list_workbook(demo.conn, path, "voices", VoiceFilter(statuses=("in_progress",), today=TODAY))
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    assert sheet.oddHeader.left.text == "お客様の声の一覧" and sheet.oddHeader.center.text == "状況: 対応中"
    assert sheet.oddHeader.right.text.startswith("作成 ")
    assert (sheet.freeze_panes, sheet.auto_filter.ref[:2], sheet.page_setup.orientation) == ("A2", "A1", "landscape")
    about = dict(sheet_rows(path, 1))
    assert about["条件"] == "状況: 対応中" and about["一覧"] == "お客様の声の一覧"
    assert about["件数"] == f"{len(sheet_rows(path)):,} 件"


def test_a_filter_of_another_list_is_refused(demo, tmp_path):
    with pytest.raises(TypeError):
        write_list_workbook(demo.conn, tmp_path / "x.xlsx", "cases", VoiceFilter())
    assert not (tmp_path / "x.xlsx").exists()


# --- found in review ----------------------------------------------------------------------------------

def test_a_voice_search_for_a_customers_name_is_masked_in_the_header_and_about_sheet(demo, tmp_path):
    # The voice list's search box finds voices by the customer's name too: the name typed there is personal data.
    name = demo.conn.execute("SELECT customer_name FROM voices WHERE customer_name != '' LIMIT 1").fetchone()[0]
    flt = VoiceFilter(text=name, today=TODAY)
    assert screen_rows(demo.conn, VOICE_LIST, flt)
    path = tmp_path / "found.xlsx"
    write_list_workbook(demo.conn, path, "voices", flt)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert name not in all_texts(path) and name not in sheet.oddHeader.center.text
    assert dict(sheet_rows(path, 1))["条件"] == "検索語: ＊＊＊"
    write_list_workbook(demo.conn, path, "voices", flt, with_personal_data=True)
    assert dict(sheet_rows(path, 1))["条件"] == f"検索語: {name}"


def test_a_name_typed_with_the_other_width_of_space_is_masked_too(tmp_path):
    # A Japanese IME types the full-width space: 「山田　太郎」 in a title is the customer 「山田 太郎」.
    store = open_store(":memory:")
    initialise(store)
    generate(store, voices=50, seed=2, today=TODAY)
    uid, name = store.conn.execute("SELECT c.uid, cu.name FROM cases c JOIN customers cu ON cu.uid = c.customer_id "
                                   "WHERE cu.name LIKE '% %' LIMIT 1").fetchone()
    wide = name.replace(" ", "\u3000")
    with store.write() as db:
        db.conn.execute("UPDATE cases SET title = ?, body = ? WHERE uid = ?",
                        (f"事故（{wide} 様）", f"{wide}様より電話", uid))
    write_list_workbook(store.conn, tmp_path / "c.xlsx", "cases", CaseFilter())
    text = all_texts(tmp_path / "c.xlsx")
    assert wide not in text and "事故（＊＊＊ 様）" in text and "＊＊＊様より電話" in text
    store.close()


def test_the_customers_name_in_the_other_typed_texts_is_masked_too(tmp_path):
    # What the row masks in its name column must not stand in its notes, comments or reasons beside it.
    store = open_store(":memory:")
    initialise(store)
    generate(store, voices=50, seed=2, today=TODAY)
    conn = store.conn
    sale, sale_name = conn.execute("SELECT e.uid, cu.name FROM elderly_sales e JOIN customers cu "
                                   "ON cu.uid = e.customer_id LIMIT 1").fetchone()
    customer, customer_name = conn.execute("SELECT uid, name FROM customers WHERE active = 1 LIMIT 1").fetchone()
    voice, voice_name = conn.execute("SELECT uid, customer_name FROM voices WHERE customer_name != '' "
                                     "AND status = 'dropped' LIMIT 1").fetchone()
    case, case_name = conn.execute("SELECT c.uid, cu.name FROM cases c JOIN customers cu ON cu.uid = c.customer_id "
                                   "WHERE c.status = 'dropped' LIMIT 1").fetchone()
    with store.write() as db:
        db.conn.execute("UPDATE elderly_sales SET notes = ?, customer_comment = ? WHERE uid = ?",
                        (f"{sale_name}様の長女が同席", f"{sale_name}です。よく分かりました", sale))
        db.conn.execute("UPDATE customers SET notes = ? WHERE uid = ?", (f"{customer_name}様は午前中希望", customer))
        db.conn.execute("UPDATE voices SET close_reason = ? WHERE uid = ?", (f"{voice_name}様より取り下げ", voice))
        db.conn.execute("UPDATE cases SET close_reason = ? WHERE uid = ?", (f"{case_name}様より取り下げ", case))
    for kind, flt, name in (("elderly", ElderlyFilter(), sale_name), ("customers", CustomerFilter(), customer_name),
                            ("voices", VoiceFilter(today=TODAY), voice_name), ("cases", CaseFilter(), case_name)):
        path = tmp_path / f"{kind}.xlsx"
        write_list_workbook(conn, path, kind, flt)
        text = all_texts(path)
        assert name not in text and "＊＊＊様" in text, kind
    store.close()


def test_a_record_changed_while_the_list_is_written_is_written_once(tmp_path, small_pages):
    # Another window closes a case while a long list is being written: the workbook is the list as it stood
    # when the export began, each case once, as many rows as it says.
    path = tmp_path / "agency.db"
    store = open_store(path, daily_backup=False)
    initialise(store)
    generate(store, voices=50, seed=2, today=TODAY)
    from agency_app.storage.keyset import open_read_connection
    reader = open_read_connection(path)
    flt = CaseFilter(today=TODAY)
    expected = screen_rows(reader, CASE_LIST, flt)
    first_open = next(c for c in expected if c["status"] in ("new", "in_progress"))
    closed_by_someone = []

    def someone_else_closes_a_case(done, total, what):
        if done and not closed_by_someone:   # the first page is written: the case is in it
            with store.write() as db:
                db.conn.execute("UPDATE cases SET status = 'done', completed_on = '2025-11-20' WHERE uid = ?",
                                (first_open["uid"],))
            closed_by_someone.append(first_open["uid"])

    out = tmp_path / "cases.xlsx"
    rows = write_list_workbook(reader, out, "cases", flt, with_personal_data=True,
                               control=JobControl(progress=someone_else_closes_a_case))
    written = sheet_rows(out)
    assert closed_by_someone
    assert rows == len(written) == len(expected)
    assert [(r[2], r[3]) for r in written] == [(c["title"], c["customer_name"]) for c in expected]
    reader.close()
    store.close()


def test_a_customers_phone_and_relatives_in_the_notes_are_masked_too(tmp_path):
    # 備考 is where a clerk writes 「日中は携帯 090 5590 7904 へ」 or 「長女 吉田 裕子 様（090-2064-3744）が窓口」:
    # the phone and the relative are masked in their columns, so in the notes too.
    store = open_store(":memory:")
    initialise(store)
    generate(store, voices=50, seed=2, today=TODAY)
    uid, phone, relative, relative_phone = store.conn.execute(
        "SELECT cu.uid, cu.phone, r.relative_name, r.phone FROM customers cu JOIN relative_contacts r "
        "ON r.customer_id = cu.uid WHERE cu.active = 1 AND cu.phone LIKE '0%-%-%' AND r.phone != '' "
        "AND r.relative_name != '' LIMIT 1").fetchone()
    spaced = phone.replace("-", " ")
    with store.write() as db:
        db.conn.execute("UPDATE customers SET notes = ? WHERE uid = ?",
                        (f"日中は携帯 {spaced} へ。長女 {relative} 様（{relative_phone}）が窓口", uid))
    path = tmp_path / "customers.xlsx"
    write_list_workbook(store.conn, path, "customers", CustomerFilter())
    text = all_texts(path)
    assert "日中は携帯 ＊＊＊ へ。長女 ＊＊＊ 様（＊＊＊）が窓口" in text
    for value in (spaced, relative, relative_phone):
        assert value not in text
    write_list_workbook(store.conn, path, "customers", CustomerFilter(), with_personal_data=True)
    assert f"日中は携帯 {spaced} へ" in all_texts(path)
    store.close()


def test_a_branch_filter_is_said_by_the_branchs_name(demo, tmp_path):
    # The filter bar's branch is its code (YOK): the reader of the workbook knows 横浜支店.
    path = tmp_path / "branch.xlsx"
    write_list_workbook(demo.conn, path, "voices", VoiceFilter(branch_code="YOK", today=TODAY))
    assert openpyxl.load_workbook(path).worksheets[0].oddHeader.center.text == "拠点: 横浜支店"
    assert dict(sheet_rows(path, 1))["条件"] == "拠点: 横浜支店"


def test_the_customers_phone_in_a_cases_or_elderly_records_texts_is_masked_too(tmp_path):
    store = open_store(":memory:")
    initialise(store)
    generate(store, voices=50, seed=2, today=TODAY)
    case, case_phone = store.conn.execute(
        "SELECT c.uid, cu.phone FROM cases c JOIN customers cu ON cu.uid = c.customer_id "
        "WHERE cu.phone LIKE '0%-%-%' LIMIT 1").fetchone()
    sale, sale_phone = store.conn.execute(
        "SELECT e.uid, cu.phone FROM elderly_sales e JOIN customers cu ON cu.uid = e.customer_id "
        "WHERE cu.phone LIKE '0%-%-%' LIMIT 1").fetchone()
    with store.write() as db:
        db.conn.execute("UPDATE cases SET body = ? WHERE uid = ?", (f"折り返し先 {case_phone}（携帯）", case))
        db.conn.execute("UPDATE elderly_sales SET notes = ? WHERE uid = ?",
                        (f"確認の電話は {sale_phone.replace('-', '')} へ", sale))
    for kind, flt, phone, shown in (("cases", CaseFilter(), case_phone, "折り返し先 ＊＊＊（携帯）"),
                                    ("elderly", ElderlyFilter(), sale_phone, "確認の電話は ＊＊＊ へ")):
        path = tmp_path / f"{kind}.xlsx"
        write_list_workbook(store.conn, path, kind, flt)
        text = all_texts(path)
        assert phone not in text and phone.replace("-", "") not in text and shown in text, kind
    store.close()
