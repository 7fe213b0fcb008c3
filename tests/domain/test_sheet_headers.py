"""Finding the header row of an agency's sheet and mapping its Japanese headers, variants and the user's override."""

import pytest

from agency_app.domain import sheet_headers as H
from agency_app.domain.sheet_headers import IGNORE, field_of, find_header, map_columns, normalise

TITLE_BLOCK = [
    ["令和7年度 お客様の声 管理表", None, None, None],
    ["担当", "山田", "保険会社", "○○海上"],  # two header words in a title block are not a table
    [None, None, None, None],
    ["No.", "受付日", "種別", "大分類", "小分類", "内容", "対応内容", "対応状況", "完了日", "担当者", "メモ"],
    [1, "R7.4.1", "ご不満", "接客", "電話", "つながらない", "謝罪", "完了", "2025/4/2", "山田", ""],
]


def test_the_header_row_is_found_below_a_title_block():
    header = find_header(TITLE_BLOCK)
    assert header.row == 3
    assert header.columns == {
        H.RECEIVED_AT: 1, H.KIND: 2, H.CATEGORY_GROUP: 3, H.CATEGORY_ITEM: 4, H.SUMMARY: 5,
        H.RESPONSE: 6, H.STATUS: 7, H.CLOSED_AT: 8, H.ASSIGNEE: 9}
    assert header.unknown == [(0, "No."), (10, "メモ")]  # shown to the user to map or leave


def test_a_merged_title_repeated_across_the_columns_is_not_a_header():
    # openpyxl's reader fills a merged range's value into every cell of it.
    rows = [["お客様の声"] * 6, ["受付日", "区分", "カテゴリ", "内容", "状況", "対応者"]]
    assert find_header(rows).row == 1


@pytest.mark.parametrize("written, field", [
    ("受付日時", H.RECEIVED_AT), ("受付年月日", H.RECEIVED_AT), ("受 付 日", H.RECEIVED_AT),
    ("受付日\n(必須)", H.RECEIVED_AT), ("【受付日】", H.RECEIVED_AT), ("受付日（yyyy/mm/dd）", H.RECEIVED_AT),
    ("区分", H.KIND), ("種類", H.KIND), ("分類", H.CATEGORY_GROUP), ("カテゴリー", H.CATEGORY_GROUP),
    ("小分類", H.CATEGORY_ITEM), ("対応者", H.ASSIGNEE), ("担当", H.ASSIGNEE), ("ｽﾃｰﾀｽ", H.STATUS),
    ("対応状況", H.STATUS), ("状況", H.STATUS), ("完了日", H.CLOSED_AT), ("お客様名", H.CUSTOMER_NAME),
    ("商品", H.PRODUCT_LINE), ("保険会社", H.INSURER), ("見送り理由", H.REASON), ("　内容　", H.SUMMARY),
])
def test_common_variants_of_a_header_name_one_field(written, field):
    assert field_of(written) == field


def test_a_header_nobody_knows_names_no_field():
    assert field_of("メモ") is None and field_of("") is None and field_of(None) is None


def test_the_users_mapping_overrides_the_table_and_can_drop_a_column():
    cells = ["受付日", "種別", "お客様の声", "備考", "対応状況"]
    header = map_columns(cells, {"お客様の声": H.BODY, "備考": IGNORE, "ご意見": H.SUMMARY})
    assert header.columns == {H.RECEIVED_AT: 0, H.KIND: 1, H.BODY: 2, H.STATUS: 4}
    assert header.unknown == []


def test_a_second_column_for_a_field_is_reported_and_the_first_kept():
    header = map_columns(["受付日", "受付日時", "内容"])
    assert header.columns == {H.RECEIVED_AT: 0, H.SUMMARY: 2}
    assert header.repeated == [(1, H.RECEIVED_AT)]


def test_no_row_with_enough_headers_means_no_header():
    assert find_header([["売上表"], ["商品", "金額"], [1, 2]]) is None
    assert find_header([]) is None


def test_the_header_is_looked_for_only_near_the_top():
    rows = [[None]] * H.SEARCH_ROWS + [["受付日", "種別", "内容"]]
    assert find_header(rows) is None
    assert find_header(rows[1:]).row == H.SEARCH_ROWS - 1


def test_normalise_folds_width_spaces_and_notes():
    assert normalise("ｳｹﾂｹ 日") == normalise("ウケツケ日")
    assert normalise("受付日※必須") == "受付日"


def test_a_header_of_two_rows_takes_the_second_rows_names_under_a_merged_first():
    rows = [
        ["受付日", "種別", "分類", "分類", "内容"],          # 分類 merged over two columns (the reader repeats it)
        ["受付日", "種別", "大分類", "小分類", "内容"],      # the merged 受付日 / 種別 / 内容 repeated downwards
        ["2025/4/1", "不満", "a", "b", "c"],
    ]
    header = find_header(rows)
    assert header.row == 1
    assert header.columns == {"received_at": 0, "kind": 1, "category_group": 2, "category_item": 3, "summary": 4}
    alone = find_header([rows[0], [None, None, "大分類", "小分類", None], rows[2]])
    assert alone.row == 1 and alone.columns["category_item"] == 3 and alone.columns["received_at"] == 0
    assert alone.header_of("received_at", alone.names) == "受付日"
    assert find_header([rows[0], rows[2]]).row == 0                 # a data row is no second header row
    # a first voice whose only cells are words that are also headers' names (苦情, 対応) is no header row either
    first = find_header([["受付日", "種別", "内容", "対応"], [None, "苦情", None, "対応"], rows[2]])
    assert first.row == 0 and first.columns["kind"] == 1
