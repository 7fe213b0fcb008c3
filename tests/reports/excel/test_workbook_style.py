"""The export workbook: 游ゴシック in cells and theme, A4 landscape with header and page numbers, list sheet features, atomic save."""

import os
import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from agency_app.reports.excel.workbook_style import (
    COUNT, DATE, SHARE, Column, ExcelBook, PageHeader, WorkbookSaveError,
)

COLUMNS = [Column("受付日", 12, DATE), Column("内容", 40), Column("件数", 8, COUNT), Column("構成比", 8, SHARE)]
HEADER = PageHeader("東京海上日動 様 ご報告 & 集計", "2025年度 第1四半期", "作成日 2026/12/05")


def saved(tmp_path: Path, rows=((date(2025, 4, 1), "=1+1 説明不足", 1234, 0.4567),)) -> Path:
    book = ExcelBook()
    sheet = book.list_sheet("苦情一覧", COLUMNS, HEADER)
    for row in rows:
        sheet.append(row)
    path = tmp_path / "報告.xlsx"
    book.save(path)
    return path


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def test_every_font_is_yu_gothic_and_the_theme_names_it_for_japanese(tmp_path):
    path = saved(tmp_path)
    styles = part(path, "xl/styles.xml")
    fonts = styles[styles.index("<fonts"):styles.index("</fonts>")]
    assert fonts.count("<name ") == fonts.count('<name val="游ゴシック"/>') >= 1
    assert "Calibri" not in styles
    assert "<scheme" not in fonts  # a theme scheme would make Excel use the theme's Latin font instead
    theme = part(path, "xl/theme/theme1.xml")
    assert '<a:ea typeface=""/>' not in theme
    assert theme.count('<a:ea typeface="游ゴシック"/>') == 2  # major and minor fonts
    assert theme.count('<a:font script="Jpan" typeface="游ゴシック"/>') == 2
    sheet = openpyxl.load_workbook(path).active
    assert {sheet.cell(r, c).font.name for r in (1, 2) for c in range(1, 5)} == {"游ゴシック"}


def test_print_setup_a4_landscape_fit_to_width_header_row_on_every_page_and_page_numbers(tmp_path):
    sheet = openpyxl.load_workbook(saved(tmp_path)).active
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.oddHeader.left.text == "東京海上日動 様 ご報告 && 集計"  # '&' doubled: shown as typed
    assert sheet.oddHeader.center.text == "2025年度 第1四半期"
    assert sheet.oddHeader.right.text == "作成日 2026/12/05"
    assert sheet.oddFooter.center.text == "&P / &N"


def test_list_sheet_frozen_header_filter_widths_and_number_formats(tmp_path):
    rows = [(date(2025, 4, i), f"声{i}", i * 1000, i / 7) for i in range(1, 11)]
    sheet = openpyxl.load_workbook(saved(tmp_path, rows)).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:D11"
    assert [c.value for c in sheet[1]] == ["受付日", "内容", "件数", "構成比"]
    assert sheet[1][0].font.b
    assert sheet.column_dimensions["B"].width == 40
    date_cell, text_cell, count_cell, share_cell = sheet[3]
    assert date_cell.value == datetime(2025, 4, 2) and date_cell.number_format == "yyyy/mm/dd"
    assert text_cell.value == "声2" and text_cell.data_type == "s"
    assert text_cell.alignment.wrap_text and text_cell.alignment.vertical == "top"  # long texts are never hidden
    assert not date_cell.alignment.wrap_text and date_cell.alignment.vertical == "top"
    assert count_cell.value == 2000 and count_cell.number_format == "#,##0"
    assert share_cell.value == pytest.approx(2 / 7) and share_cell.number_format == "0.0%"


def test_typed_text_in_a_list_is_never_a_formula_and_none_is_an_empty_cell(tmp_path):
    sheet = openpyxl.load_workbook(saved(tmp_path, [(None, "=HYPERLINK(\"x\")", None, None)])).active
    assert [c.value for c in sheet[2]] == [None, "'=HYPERLINK(\"x\")", None, None]
    assert sheet[2][1].data_type == "s"


def test_a_row_of_the_wrong_length_is_refused():
    book = ExcelBook()
    sheet = book.list_sheet("一覧", COLUMNS, HEADER)
    with pytest.raises(ValueError):
        sheet.append(["a", "b"])
    book.discard()


def test_save_replaces_the_old_file_whole_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "報告.xlsx"
    path.write_bytes(b"old")
    book = ExcelBook()
    book.list_sheet("一覧", COLUMNS, HEADER).append((date(2025, 4, 1), "a", 1, 0.5))
    book.save(path)
    assert openpyxl.load_workbook(path).active["B2"].value == "a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["報告.xlsx"]


def test_a_locked_target_keeps_the_old_file_and_says_so_in_japanese(tmp_path, monkeypatch):
    path = tmp_path / "報告.xlsx"
    path.write_bytes(b"old")

    def locked(source, target):  # what Windows raises while Excel has the file open
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    book = ExcelBook()
    book.list_sheet("一覧", COLUMNS, HEADER).append((None, "a", 1, 0.5))
    with pytest.raises(WorkbookSaveError) as raised:
        book.save(path)
    assert "Excel などで開いている場合は閉じて" in raised.value.message_ja
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["報告.xlsx"]


def test_a_missing_folder_says_so_in_japanese(tmp_path):
    book = ExcelBook()
    book.list_sheet("一覧", COLUMNS, HEADER)
    with pytest.raises(WorkbookSaveError) as raised:
        book.save(tmp_path / "ない" / "報告.xlsx")
    assert raised.value.message_ja.startswith("保存先のフォルダがありません")


def test_cells_read_back_exactly_as_given_whatever_the_characters(tmp_path):
    text = "A&B <タグ> \"引用\" 'a'\r\n二行目\tタブ  空白 😀"
    rows = [(datetime(2025, 4, 1, 9, 30), text, 10**12, 0.125), (date(1900, 1, 1), "", 0, 0)]
    sheet = openpyxl.load_workbook(saved(tmp_path, rows)).active
    assert [c.value for c in sheet[2]] == [datetime(2025, 4, 1, 9, 30), text, 10**12, 0.125]
    assert [c.value for c in sheet[3]] == [datetime(1900, 1, 1), None, 0, 0]


def test_a_value_a_column_cannot_hold_is_refused_with_its_column_kind():
    book = ExcelBook()
    sheet = book.list_sheet("一覧", COLUMNS, HEADER)
    with pytest.raises(ValueError, match="count"):
        sheet.append((None, "a", True, None))
        book.save(Path(tempfile.mkdtemp()) / "x.xlsx")
    book.discard()


def test_a_row_is_as_tall_as_its_longest_wrapped_text_so_nothing_is_hidden(tmp_path):
    # Column 内容 is 40 wide: 39 half-width places a line, so 60 Japanese characters take 4 lines.
    rows = [(None, "短い", 1, 0.1), (None, "あ" * 60, 1, 0.1), (None, "一行目\n二行目\n三行目", 1, 0.1),
            (None, "長" * 100_000, 1, 0.1)]
    sheet = openpyxl.load_workbook(saved(tmp_path, rows)).active
    assert sheet.row_dimensions[2].height is None  # one line: the default height
    assert sheet.row_dimensions[3].height == 4 * 18.75
    assert sheet.row_dimensions[4].height == 3 * 18.75
    assert sheet.row_dimensions[5].height == 409  # Excel's largest row
