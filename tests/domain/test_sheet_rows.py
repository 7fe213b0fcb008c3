"""Rows of an agency's sheet: blank and total rows skipped, data rows → voices with problems, notes and fingerprints."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agency_app.domain import codes
from agency_app.domain import sheet_headers as H
from agency_app.domain import sheet_rows as R
from agency_app.domain.sheet_rows import Settings, classify, read_rows

SHEET = [
    ["お客様の声 管理表（令和7年度）", None, None, None, None, None, None, None, None],
    [None] * 9,
    ["No", "受付日", "種別", "分類", "内容", "対応内容", "状況", "完了日", "担当"],
    [1, "R7.4.1", "ご不満", "接客", "電話がつながらない", "折り返し謝罪", "完了", "2025/4/3", "山田"],
    [2, 45750, "お褒め", "接客", "説明が丁寧", None, "対応済", None, None],
    [3, None, None, None, None, None, None, None, None],  # a pre-numbered unused row
    [None] * 9,
    ["合計", None, None, None, None, None, None, None, None],
    [4, "令和7年4月5日", "苦情", "保険金", "支払いが遅い", None, "見送り", "2025/4/6", "佐藤"],
    [5, "4/6", "謎", "x", "y", None, "たぶん", None, None],
    [6, "２０２５／４／７", "要望", "手続", "Web で変更したい", None, None, None, "鈴木"],
    [7, "2025/4/9", "要望", "手続", "", None, "対応中", "2025/4/8", None],
]


def rows(sheet=SHEET, settings=Settings()):
    return read_rows(sheet, H.find_header(sheet), settings)


def test_blank_unused_and_total_rows_are_skipped_and_data_rows_read():
    found = rows()
    assert [r.number for r in found] == [4, 5, 6, 7, 8, 9, 10, 11, 12]  # Excel's row numbers
    assert [r.kind for r in found] == ["data", "data", "blank", "blank", "total", "data", "data", "data", "data"]
    assert [r.importable for r in found] == [True, True, False, False, False, True, False, True, False]


def test_a_data_row_becomes_a_voice_dict():
    voice = rows()[0].voice
    assert voice["received_at"] == "2025-04-01" and voice["kind"] == codes.KIND_DISSATISFACTION
    assert voice["category_group"] == "接客" and voice["summary"] == "電話がつながらない"
    assert voice["status"] == codes.STATUS_DONE and voice["closed_at"] == "2025-04-03"
    assert voice["response"] == "折り返し謝罪" and voice["closer"] == "山田"
    assert rows()[0].notes == [] and rows()[0].line().startswith("4行目: 取込 2025-04-01 不満 完了")


def test_a_closed_row_lacking_what_r7_asks_is_imported_with_a_note_not_refused():
    praise = rows()[1]
    assert praise.importable and praise.voice["received_at"] == date(2025, 4, 3).isoformat()
    assert [n.code for n in praise.notes] == [R.LACKS_RESPONSE, R.LACKS_CLOSED_AT, R.LACKS_CLOSER]
    dropped = rows()[5]
    assert dropped.importable and dropped.voice["is_complaint"] and dropped.voice["status"] == codes.STATUS_DROPPED
    assert [n.code for n in dropped.notes] == [R.LACKS_REASON]
    assert "見送りの理由が記録されていません" in dropped.line()


def test_a_blank_status_is_read_one_stated_way():
    request = rows()[7]
    assert request.voice["status"] == codes.STATUS_NEW and request.notes[0].code == R.STATUS_BLANK
    sheet = [SHEET[2], [1, "2025/4/1", "要望", "x", "y", "z", None, "2025/4/2", "山田"]]
    assert rows(sheet)[0].voice["status"] == codes.STATUS_DONE
    assert rows(sheet)[0].notes[0].code == R.STATUS_FROM_CLOSED_AT


def test_a_rejected_row_says_every_reason_naming_the_users_column():
    wrong = rows()[6]
    assert not wrong.importable
    assert [p.code for p in wrong.problems] == ["bad_date", "unknown_kind", "unknown_status"]
    assert wrong.line() == ("10行目: 取り込みません — 受付日「4/6」は日付として読めません（年月日を書いてください）、"
                            "種別「謎」はどの種別か分かりません（対応表で指定してください）、"
                            "状況「たぶん」はどの対応状況か分かりません（対応表で指定してください）")
    empty = rows()[8]
    assert [p.code for p in empty.problems] == [R.CLOSED_BEFORE_RECEIVED, R.NO_CONTENT]


def test_the_mapping_tables_and_a_default_kind_rescue_a_row():
    fixed = rows(settings=Settings(kind_mapping={"謎": "complaint"}, status_mapping={"たぶん": codes.STATUS_IN_PROGRESS}))
    assert [p.code for p in fixed[6].problems] == ["bad_date"]
    no_kind = [["受付日", "内容", "状況"], ["2025/4/1", "遅い", "対応中"]]
    assert [p.code for p in rows(no_kind)[0].problems] == [R.NO_KIND]
    assert rows(no_kind, Settings(default_kind=codes.KIND_DISSATISFACTION))[0].importable


@pytest.mark.parametrize("cell, kind", [
    ("合計", R.ROW_TOTAL), ("小計", R.ROW_TOTAL), ("計", R.ROW_TOTAL), ("総計：", R.ROW_TOTAL), ("4月計", R.ROW_TOTAL),
    ("上期合計", R.ROW_TOTAL), ("総合計", R.ROW_TOTAL), ("【合計】", R.ROW_TOTAL), ("（小計）", R.ROW_TOTAL),
    ("年間合計", R.ROW_TOTAL), ("4月分合計", R.ROW_TOTAL), ("件数合計", R.ROW_TOTAL), ("合計 15件", R.ROW_TOTAL),
    ("令和7年度合計", R.ROW_TOTAL), ("2025年度計", R.ROW_TOTAL), ("4～6月計", R.ROW_TOTAL), ("■合計", R.ROW_TOTAL),
    ("Grand Total", R.ROW_TOTAL), ("保険料合計", R.ROW_DATA), ("計良", R.ROW_DATA), ("合計額が違う", R.ROW_DATA),
    ("会計", R.ROW_DATA), ("計画", R.ROW_DATA), ("合計保険料の誤り", R.ROW_DATA),
    (None, R.ROW_BLANK), ("　", R.ROW_BLANK),
])
def test_total_rows_are_told_by_a_total_word_alone_in_a_cell(cell, kind):
    assert classify([None, cell, None]) == kind


def test_a_long_summary_keeps_every_character_in_the_body():
    text = "あ" * 250
    row = rows([SHEET[2], [1, "2025/4/1", "要望", "x", text, None, "対応中", None, None]])[0]
    assert len(row.voice["summary"]) == 200 and row.voice["body"] == text
    assert row.notes[0].code == R.SUMMARY_CUT


def test_the_same_sheet_read_twice_gives_the_same_fingerprints_and_identical_rows_differ():
    twice = [SHEET[2], SHEET[3], SHEET[3], SHEET[4]]
    first = [r.fingerprint for r in rows(twice)]
    assert first == [r.fingerprint for r in rows(twice)]
    assert len(set(first)) == 3 and first[1] == first[0] + "#2"
    # The print is the content, not the place: a row moved or a status changed later keeps it.
    moved = [SHEET[2], SHEET[4], SHEET[3]]
    assert rows(moved)[1].fingerprint == first[0]
    closed_later = [SHEET[2], SHEET[3][:6] + ["対応中", None, "山田"]]
    assert rows(closed_later)[0].fingerprint == first[0]


def test_rejected_rows_have_no_fingerprint():
    assert rows()[6].fingerprint == ""


HEADER_NAMES = st.sampled_from(["受付日", "種別", "分類", "小分類", "内容", "対応内容", "状況", "完了日", "担当",
                                "お客様名", "商品", "保険会社", "見送り理由", "苦情", "メモ", "No", None])
CELLS = st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["合計", "R7.4.1", "令和元年5月1日", "完了",
                                                                     "見送り", "苦情", "お褒め", "○", "2025/4/1"]),
                  st.integers(-10**9, 10**9), st.floats(), st.dates(), st.datetimes(), st.booleans())


@given(st.lists(HEADER_NAMES, min_size=3, max_size=10),
       st.lists(st.lists(CELLS, max_size=12), max_size=8))
def test_no_sheet_crashes_the_reader_and_every_rejected_row_says_why(names, body):
    sheet = [names, *body]
    header = H.map_columns(names)
    for row in read_rows(sheet, header):
        assert row.kind in (R.ROW_DATA, R.ROW_BLANK, R.ROW_TOTAL)
        line = row.line()
        assert line.startswith(f"{row.number}行目: ")
        if row.kind == R.ROW_DATA and not row.importable:
            assert row.problems and all(p.message != p.code for p in row.problems)
        if row.importable:
            assert row.voice["received_at"] and row.voice["summary"] and row.fingerprint
            assert row.voice["kind"] in codes.KINDS and row.voice["status"] in codes.STATUSES
        for note in row.notes:
            assert note.message != note.code


def part_by_part_fingerprint(voice: dict) -> str:
    """The fingerprint as defined: each part NFKC, its whitespace runs one space, trimmed; joined by \\x1f."""
    import hashlib
    import re
    import unicodedata
    parts = [voice["received_at"], voice["kind"], str(voice["is_complaint"]), voice["category_group"],
             voice["category_item"], voice["summary"], voice["body"], voice["customer_name"], voice["insurer"]]
    text = "\x1f".join(re.sub(r"\s+", " ", unicodedata.normalize("NFKC", p)).strip() for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


# Texts with what NFKC and the whitespace rule change: full-width ASCII and space, half-width kana with their
# voicing marks, combining marks, line ends, the separator itself.
fingerprint_texts = st.text(alphabet=st.sampled_from(list(
    " \t\n\r\u3000\u00a0\u2028\x1f\x1eaA0（）Ａａ０～！ｶﾞｱ\uff9eか\u3099e\u0301①㈱受付")), max_size=10) | st.text(max_size=6)
FIELDS = ["received_at", "kind", "category_group", "category_item", "summary", "body", "customer_name", "insurer"]


@given(st.lists(fingerprint_texts, min_size=8, max_size=8), st.booleans())
def test_the_fingerprint_is_the_part_by_part_one_however_it_is_computed(texts, complaint):
    # A re-sorted sheet imported again must match every row it imported before: the fast way must not drift.
    voice = dict(zip(FIELDS, texts), is_complaint=complaint)
    assert R._fingerprint(voice) == part_by_part_fingerprint(voice)


def test_equal_cells_of_other_types_are_each_read_as_what_they_are():
    # The readings of a sheet are remembered per cell value: True, 1 and 1.0 are equal in Python, not in a sheet.
    sheet = SHEET[2:3] + [[n, cell, "要望", "手続", "x", None, "対応中", None, None]
                          for n, cell in enumerate([1, True, 1.0, 45750, 45750.0, "45750"])]
    codes_ = [[p.code for p in r.problems] for r in rows(sheet)]
    assert codes_ == [["bad_serial"], ["bad_date"], ["bad_serial"], [], [], []]
    assert {r.voice["received_at"] for r in rows(sheet)[3:]} == {"2025-04-03"}
