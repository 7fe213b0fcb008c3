"""Reading an agency's .xlsx: merged cells filled, formulas' cached values, and a Japanese reason for each bad file."""

import re
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from agency_app.domain import codes
from agency_app.domain.sheet_headers import find_header
from agency_app.domain.sheet_rows import read_rows as voice_rows
from agency_app.reports.excel import read_sheet as S
from agency_app.reports.excel.read_sheet import SheetFileError, read_rows, sheet_names


def with_cached_values(path: Path, values: dict[str, str]) -> None:
    """Give formulas the results Excel would have saved with them (openpyxl writes formulas without one)."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, value in values.items():
        xml, count = re.subn(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)<v\s*/?>(</v>)?', rf"\1\2<v>{value}</v>", xml)
        assert count == 1, ref
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


@pytest.fixture
def messy(tmp_path) -> Path:
    """A sheet as agencies keep it: merged title, a note row, blank rows, a day merged over two voices,
    date cells, serials, 和暦 text, a date by formula, a total row by formula, a second sheet."""
    book = Workbook()
    sheet = book.active
    sheet.title = "R7年度"
    sheet.append(["お客様の声 管理表"])
    sheet.merge_cells("A1:G1")
    sheet.append(["担当", "山田", "保険会社", "○○海上"])
    sheet.append([])
    sheet.append(["受付日\n(必須)", "種 別", "分類", "内容", "対応状況", "完了日", "対応者"])   # row 4
    sheet.append([datetime(2025, 4, 1), "ご不満", "接客", "電話がつながらない", "完了", 45750, "山田"])
    sheet.append([None, "お褒め", None, "説明が丁寧", "対応済", None, None])                  # row 6
    sheet.merge_cells("A5:A6")
    sheet.merge_cells("C5:C6")
    sheet.append([])
    sheet.append(["令和7年4月10日", "苦情", "保険金", "支払いが遅い", "見送り", "R7.4.11", "佐藤"])  # row 8
    sheet.append(["=DATE(2025,4,12)", "要望", "手続", "Web で住所変更したい", "対応中", None, None])  # row 9
    sheet.append(["合計", "=COUNTA(B5:B9)"])                                                  # row 10
    book.create_sheet("集計")
    path = tmp_path / "声の管理表.xlsx"
    book.save(path)
    with_cached_values(path, {"A9": "45759", "B10": "4"})
    return path


def test_a_messy_sheet_reads_into_voices(messy):
    rows = list(read_rows(messy))
    assert rows[0][:7] == ("お客様の声 管理表",) * 7  # the merged title in each of its cells
    header = find_header(rows)
    assert header.row == 3
    found = voice_rows(rows, header)
    importable = [r for r in found if r.importable]
    assert [(r.number, r.voice["received_at"], r.voice["kind"], r.voice["status"]) for r in importable] == [
        (5, "2025-04-01", codes.KIND_DISSATISFACTION, codes.STATUS_DONE),
        (6, "2025-04-01", codes.KIND_PRAISE, codes.STATUS_DONE),      # the merged day reaches the second voice
        (8, "2025-04-10", codes.KIND_DISSATISFACTION, codes.STATUS_DROPPED),
        (9, "2025-04-12", codes.KIND_REQUEST, codes.STATUS_IN_PROGRESS),  # the formula's cached value
    ]
    assert importable[0].voice["closed_at"] == "2025-04-03"
    assert importable[1].voice["category_group"] == "接客"
    assert [r.kind for r in found if not r.importable] == ["blank", "total"]


def test_the_sheets_are_listed_and_one_is_read_by_name(messy):
    assert sheet_names(messy) == ["R7年度", "集計"]
    assert list(read_rows(messy, "集計")) == []
    with pytest.raises(SheetFileError) as raised:
        list(read_rows(messy, "R6年度"))
    assert raised.value.code == S.NO_SHEET and "R7年度、集計" in raised.value.message


def test_a_formula_without_a_saved_value_reads_as_blank(tmp_path):
    book = Workbook()
    book.active.append(["=1+1", 3])
    book.save(tmp_path / "f.xlsx")
    assert list(read_rows(tmp_path / "f.xlsx")) == [(None, 3)]


def bad_file(tmp_path, name: str, data: bytes) -> SheetFileError:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(SheetFileError) as raised:
        list(read_rows(path))
    return raised.value


OLE = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)


@pytest.mark.parametrize("name, data, code, words", [
    ("old.xls", OLE + b"Workbook".decode().encode("utf-16-le"), S.OLD_XLS, ".xls"),
    ("renamed.xlsx", OLE + b"Workbook".decode().encode("utf-16-le"), S.OLD_XLS, ".xls"),
    ("locked.xlsx", OLE + "EncryptionInfo".encode("utf-16-le") + bytes(100), S.ENCRYPTED, "パスワード"),
    ("list.csv", "受付日,種別\n2025/4/1,不満\n".encode("cp932"), S.CSV, "CSV"),
    ("text.xlsx", b"hello", S.CORRUPT, "壊れている"),
    ("empty.xlsx", b"", S.CORRUPT, "壊れている"),
    ("cut.xlsx", b"PK\x03\x04" + bytes(40), S.CORRUPT, "壊れている"),
])
def test_a_file_that_is_no_readable_xlsx_is_said_in_japanese(tmp_path, name, data, code, words):
    error = bad_file(tmp_path, name, data)
    assert error.code == code and words in error.message and name in error.message


def test_a_zip_that_is_no_workbook_is_corrupt(tmp_path):
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    with pytest.raises(SheetFileError) as raised:
        sheet_names(path)
    assert raised.value.code == S.CORRUPT


def test_a_workbook_cut_short_is_corrupt(messy):
    data = messy.read_bytes()
    messy.write_bytes(data[: len(data) // 2])
    with pytest.raises(SheetFileError) as raised:
        list(read_rows(messy))
    assert raised.value.code == S.CORRUPT


def test_a_missing_file_or_a_folder_is_said(tmp_path):
    for path in (tmp_path / "ない.xlsx", tmp_path):
        with pytest.raises(SheetFileError) as raised:
            list(read_rows(path))
        assert raised.value.code == S.MISSING and "見つかりません" in raised.value.message


def test_a_file_excel_holds_open_is_said_to_be_in_use(messy, monkeypatch):
    def refuse(self, *args, **kwargs):  # what Windows answers while Excel has the file open
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(SheetFileError) as raised:
        list(read_rows(messy))
    assert raised.value.code == S.LOCKED and "Excel など" in raised.value.message


def test_the_workbook_is_closed_when_reading_stops_early(messy, monkeypatch):
    closed = []
    real_open = S._open

    def tracking(path):
        book = real_open(path)
        original = book.close
        book.close = lambda: (closed.append(True), original())
        return book

    monkeypatch.setattr(S, "_open", tracking)
    rows = read_rows(messy)
    next(rows)
    rows.close()  # the user cancelled: on Windows an unclosed file stays locked
    assert closed == [True]


def test_a_merge_split_across_read_chunks_is_still_found(messy, monkeypatch):
    monkeypatch.setattr(S, "_CHUNK", 7)  # every tag is cut in two somewhere
    book = S._open(messy)
    try:
        found = S.merged_ranges(book, book["R7年度"])
    finally:
        book.close()
    assert sorted(found) == [(1, 1, 7, 1), (1, 5, 1, 6), (3, 5, 3, 6)]
