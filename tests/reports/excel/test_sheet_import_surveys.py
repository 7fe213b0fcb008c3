"""Importing survey answers (R25) from a sheet: read as the entry form reads them, an unknown survey type mapped."""

from datetime import datetime

import pytest
from openpyxl import Workbook

from agency_app.reports.excel import sheet_import as SI
from agency_app.storage import records


@pytest.fixture
def answers(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["2025年度 アンケート回答"])
    sheet.merge_cells("A1:F1")
    sheet.append(["回答日", "アンケート種類", "商品", "推奨度（0〜10）", "満足度", "コメント"])   # row 2
    sheet.append(["R7.4.1", "契約手続", "自動車", "９", "満足", "説明が分かりやすかった"])          # 3
    sheet.append([datetime(2025, 4, 2), "事故対応", "火災", 11, 7, None])                            # 4
    sheet.append([None, None, None, None, None, None])                                               # 5
    sheet.append(["2025/4/3", "店頭アンケート", None, 8, None, "待ち時間が長い"])                    # 6
    sheet.append(["2025/4/4", "満期前", None, None, None, None])                                     # 7
    sheet.append(["合計", None, None, None, None, None])                                             # 8
    path = tmp_path / "answers.xlsx"
    book.save(path)
    return path


def plan(store, path, **choices):
    return SI.plan_import(store.conn, SI.TARGET_SURVEYS, path, SI.ImportChoices(**choices))


def test_answers_are_checked_by_the_answers_own_rules(store, staff, answers):
    result = plan(store, answers)
    assert result.header_row == 2
    rows = {r.number: r for r in result.rows}
    assert {n: r.action for n, r in rows.items()} == {3: SI.ADD, 4: SI.REJECT, 5: SI.SKIP, 6: SI.REJECT,
                                                       7: SI.REJECT, 8: SI.SKIP}
    assert rows[3].values["recommendation"] == 9 and rows[3].values["satisfaction_grade"] == 1
    assert set(rows[4].problems) == {"推奨度 11 は 0〜10 の範囲外です", "満足度 7 は 1〜6 の範囲外です"}
    assert "店頭アンケート" in rows[6].problems[0]
    assert rows[7].problems == ("推奨度・満足度・コメントのどれもありません",)
    [unknown] = result.unknown_values
    assert (unknown.field, unknown.value, unknown.rows) == ("survey_type", "店頭アンケート", 1)
    assert ("contract", "契約手続") in unknown.choices


def test_a_mapped_survey_type_imports_and_a_second_import_adds_nothing(store, staff, answers):
    result = plan(store, answers, value_mapping={"survey_type": {"店頭アンケート": "contract"}})
    assert {r.number: r.action for r in result.rows}[6] == SI.ADD
    done = SI.apply_import(store, result, by=staff["sato"])
    assert (done.added, done.rejected) == (2, 2)
    stored = records.dicts(store.conn.execute("SELECT * FROM survey_answers ORDER BY answered_on"))
    assert [(a["answered_on"], a["survey_type"], a["product_line"], a["comment"]) for a in stored] == [
        ("2025-04-01", "contract", "nonlife_auto", "説明が分かりやすかった"),
        ("2025-04-03", "contract", "", "待ち時間が長い")]
    assert stored[0]["created_by"] == staff["sato"]
    again = plan(store, answers, value_mapping={"survey_type": {"店頭アンケート": "contract"}})
    assert again.count(SI.ALREADY) == 2 and SI.apply_import(store, again, by=None).added == 0
    assert store.conn.execute("SELECT count(*) FROM survey_answers").fetchone()[0] == 2


def test_a_survey_sheet_without_its_headers_says_which_it_looks_for(store, tmp_path):
    book = Workbook()
    book.active.append(["受付日", "種別", "内容"])
    path = tmp_path / "voices.xlsx"
    book.save(path)
    result = plan(store, path)
    assert result.header_row is None and "アンケート種類" in result.message


def test_a_1904_workbooks_serial_answer_date_is_counted_from_1904(store, staff, tmp_path):
    from openpyxl import Workbook
    from openpyxl.utils.datetime import CALENDAR_MAC_1904
    book = Workbook()
    book.epoch = CALENDAR_MAC_1904
    book.active.append(["回答日", "アンケート種類", "商品", "推奨度", "満足度", "コメント"])
    book.active.append([44286, "契約手続", "自動車", 9, "満足", "よかった"])   # 2025-04-01 in 1904 serials
    path = tmp_path / "mac.xlsx"
    book.save(path)
    row = SI.plan_import(store.conn, SI.TARGET_SURVEYS, path).rows[0]
    assert row.action == SI.ADD and row.values["answered_on"] == "2025-04-01"
