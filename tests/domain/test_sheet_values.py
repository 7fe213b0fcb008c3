"""Cells as agencies write them: dates in every form, Excel serials, kinds and statuses by name — unknown ones said."""

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agency_app.domain import codes
from agency_app.domain import sheet_values as V
from agency_app.domain.sheet_values import sheet_date, sheet_flag, sheet_kind, sheet_status, text_of

APRIL_1 = date(2025, 4, 1)


@pytest.mark.parametrize("cell", [
    "2025/4/1", "2025-04-01", "2025.4.1", "2025年4月1日", "令和7年4月1日", "R7.4.1", "r7/4/1", "Ｒ７．４．１",
    "２０２５／４／１", "2025/4/1 10:30", "2025-04-01T09:30:00", " 2025/04/01 ", "20250401",
    datetime(2025, 4, 1, 9, 30), APRIL_1, 45748, 45748.0, 45748.75, "45748", 20250401,
])
def test_every_way_an_agency_writes_april_first_2025(cell):
    assert sheet_date(cell) == V.Value(APRIL_1)


def test_the_first_year_of_an_era_is_read():
    assert sheet_date("令和元年5月1日").value == date(2019, 5, 1)
    assert sheet_date("平成元年1月8日").value == date(1989, 1, 8)


def test_a_date_written_in_an_era_after_its_end_is_the_day_it_names():
    # Forms printed 平成 stayed in use after 2019-05-01 (as 昭和64年 did in 1989): the day is not in doubt.
    assert sheet_date("平成31年5月1日").value == date(2019, 5, 1)
    assert sheet_date("H31.5.1").value == date(2019, 5, 1)
    assert sheet_date("Ｈ３１／６／３").value == date(2019, 6, 3)
    assert sheet_date("S64.1.8").value == date(1989, 1, 8)
    assert sheet_date("H31/4/30").value == date(2019, 4, 30) and sheet_date("R1/5/1").value == date(2019, 5, 1)
    assert sheet_date("H31.2.29").code == V.BAD_DATE     # no such day, in any era


@pytest.mark.parametrize("cell", [
    "2025/4/1(火)", "2025/4/1 (火)", "令和7年4月1日（火）", "R7.4.1（火曜日）", "2025年4月1日(火) 10:00",
    "2025/4/1 午前10:30", "2025/4/1 午後3時", "2025/4/1 PM 3:00",
])
def test_a_date_with_its_weekday_or_a_morning_afternoon_time_is_the_day(cell):
    assert sheet_date(cell) == V.Value(APRIL_1)


def test_serials_count_from_excels_epoch_around_its_leap_year_bug():
    assert sheet_date(61).value == date(1900, 3, 1)
    assert sheet_date(V.SERIAL_LAST).value == date(9999, 12, 31)


@pytest.mark.parametrize("cell, code", [
    ("4/1", V.BAD_DATE),  # no year: the importer does not guess one from today
    ("R1.4.30", V.BAD_DATE), ("2025/2/30", V.BAD_DATE), ("不明", V.BAD_DATE), (True, V.BAD_DATE),
    (12, V.BAD_SERIAL), (V.SERIAL_FIRST - 1, V.BAD_SERIAL), (V.SERIAL_LAST + 1, V.BAD_SERIAL), (-3.5, V.BAD_SERIAL), (20251301, V.BAD_DATE),
])
def test_what_is_no_date_is_said_with_the_value_as_written(cell, code):
    found = sheet_date(cell)
    assert found.value is None and found.code == code
    assert found.params["value"] == text_of(cell)


def test_a_blank_cell_is_no_date_and_no_problem():
    for cell in (None, "", "   ", "　"):
        assert sheet_date(cell) == V.BLANK and sheet_date(cell).ok


@pytest.mark.parametrize("cell, expected", [
    ("お褒め", (codes.KIND_PRAISE, False)), ("感謝", (codes.KIND_PRAISE, False)),
    ("お褒め・感謝", (codes.KIND_PRAISE, False)), ("ご不満", (codes.KIND_DISSATISFACTION, False)),
    ("不満", (codes.KIND_DISSATISFACTION, False)), ("苦情", (codes.KIND_DISSATISFACTION, True)),
    ("要望", (codes.KIND_REQUEST, False)), ("ご要望", (codes.KIND_REQUEST, False)), (" その他 ", (codes.KIND_OTHER, False)),
])
def test_kinds_by_their_japanese_names(cell, expected):
    assert sheet_kind(cell).value == expected


def test_an_unknown_kind_is_said_and_a_mapping_table_names_it():
    assert sheet_kind("激怒").code == V.UNKNOWN_KIND and sheet_kind("激怒").params == {"value": "激怒"}
    assert sheet_kind("激怒", {"激怒": "complaint"}).value == (codes.KIND_DISSATISFACTION, True)
    assert sheet_kind("ありがとう", {"ありがとう": codes.KIND_PRAISE}).value == (codes.KIND_PRAISE, False)


@pytest.mark.parametrize("cell, status", [
    ("完了", codes.STATUS_DONE), ("対応済", codes.STATUS_DONE), ("対応済み", codes.STATUS_DONE), ("済", codes.STATUS_DONE),
    ("対応中", codes.STATUS_IN_PROGRESS), ("継続", codes.STATUS_IN_PROGRESS), ("未対応", codes.STATUS_NEW),
    ("見送り", codes.STATUS_DROPPED), ("対応不要", codes.STATUS_DROPPED),
])
def test_statuses_by_their_japanese_names(cell, status):
    assert sheet_status(cell).value == status


def test_an_unknown_status_is_said_never_guessed():
    assert sheet_status("たぶん終わり").code == V.UNKNOWN_STATUS
    assert sheet_status("たぶん終わり", {"たぶん終わり": codes.STATUS_DONE}).value == codes.STATUS_DONE
    assert sheet_status(None) == V.BLANK


def test_a_complaint_flag_reads_marks_as_yes_and_anything_else_as_no():
    assert all(sheet_flag(mark) for mark in ("○", "〇", "はい", "1", 1, "該当"))
    assert not any(sheet_flag(mark) for mark in (None, "", "×", "いいえ", 0, "-"))


def test_text_of_keeps_whole_numbers_whole():
    assert text_of(12.0) == "12" and text_of(12.5) == "12.5" and text_of(None) == ""


CELLS = st.one_of(st.none(), st.text(max_size=30), st.integers(-10**12, 10**12), st.booleans(),
                  st.floats(allow_nan=True, allow_infinity=True), st.dates(), st.datetimes())


@given(CELLS)
def test_no_cell_crashes_a_reader_and_each_answer_is_a_value_or_a_reason(cell):
    for read in (sheet_date, sheet_kind, sheet_status):
        found = read(cell)
        assert (found.value is not None) != bool(found.code) or found == V.BLANK
    sheet_flag(cell)


@pytest.mark.parametrize("cell, expected", [
    ("不満（苦情）", (codes.KIND_DISSATISFACTION, True)),    # as the application's own voice list export writes it
    ("不満(苦情)", (codes.KIND_DISSATISFACTION, True)), ("ご不満（苦情）", (codes.KIND_DISSATISFACTION, True)),
    ("苦情・不満", (codes.KIND_DISSATISFACTION, True)), ("お褒め（感謝）", (codes.KIND_PRAISE, False)),
    ("ご要望・ご意見", (codes.KIND_REQUEST, False)),
])
def test_a_kind_written_with_its_second_name_in_brackets_or_after_a_dot_is_read(cell, expected):
    assert sheet_kind(cell).value == expected


@pytest.mark.parametrize("cell", ["感謝・不満", "要望(苦情)", "不満（謎）"])
def test_two_kinds_that_disagree_are_unknown_never_guessed(cell):
    assert sheet_kind(cell).code == V.UNKNOWN_KIND


@pytest.mark.parametrize("cell", ["完了済", "完了済み", "対応終了"])
def test_more_ways_of_writing_done(cell):
    assert sheet_status(cell).value == codes.STATUS_DONE
