"""The workbook every Excel export writes through: write-only (fast, little memory), 游ゴシック throughout, printed A4 landscape with a header, and saved atomically."""

from __future__ import annotations

import math
import os
import re
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.xml.functions import fromstring
from openpyxl.writer.theme import theme_xml

from agency_app.reports.excel.safe_cells import cell_text
from agency_app.storage.file_moves import replace_retrying, unlink_retrying

FONT_NAME = "游ゴシック"
FONT_SIZE = 11
# scheme=None: with scheme "minor" Excel would take the theme's (Latin) font instead of the one named here.
# charset 128 (SHIFTJIS) and family 3 are what Excel itself writes for 游ゴシック.
BODY_FONT = Font(name=FONT_NAME, sz=FONT_SIZE, family=3, charset=128, scheme=None)
HEADER_FONT = Font(name=FONT_NAME, sz=FONT_SIZE, family=3, charset=128, scheme=None, b=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")

TEXT, DATE, COUNT, SHARE, NUMBER = "text", "date", "count", "share", "number"
# What XML text cannot hold as it is; a CR is written as a reference or the parser would turn CR LF into LF.
_XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
LINE_HEIGHT = 18.75  # points: one line of 11-point 游ゴシック, as Excel sets it
MAX_ROW_HEIGHT = 409  # Excel's largest row height
FORMATS = {DATE: "yyyy/mm/dd", COUNT: "#,##0", SHARE: "0.0%", NUMBER: "#,##0.0"}


@dataclass(frozen=True)
class Column:
    """One column of a list sheet: its header, its width in characters, and what its cells hold."""

    header: str
    width: float = 12
    kind: str = TEXT  # TEXT (through cell_text), DATE, COUNT ('#,##0'), SHARE ('0.0%'), NUMBER


@dataclass(frozen=True)
class PageHeader:
    """What the printed page's header says: the title (left), the period (centre) and the date made (right),
    each given by the caller as the reader should see it."""

    title: str
    period: str = ""
    made: str = ""


class WorkbookSaveError(Exception):
    """The finished workbook could not be written where the user asked; `message_ja` says why and what to do."""

    def __init__(self, path: Path, message_ja: str):
        super().__init__(f"{path}: {message_ja}")
        self.path = path
        self.message_ja = message_ja


def _japanese_theme() -> str:
    """openpyxl's default theme with the East Asian fonts filled in: its empty <a:ea typeface=""/> makes Excel
    show Japanese in whatever font the PC defaults to."""
    theme = theme_xml.replace('<a:ea typeface=""/>', f'<a:ea typeface="{FONT_NAME}"/>')
    # The script-specific Japanese entry Excel prefers over <a:ea> on a Japanese PC.
    return re.sub(r'<a:font script="Jpan" typeface="[^"]*"/>', f'<a:font script="Jpan" typeface="{FONT_NAME}"/>',
                  theme)


def _lines(text: str, room: int) -> int:
    """About how many lines `text` takes wrapped in a column `room` half-width characters wide: a Japanese
    character takes two (estimated from its UTF-8 length, which is cheap: one call for the whole text)."""
    width = (len(text.encode("utf-8", "surrogatepass")) + len(text)) // 2
    if width <= room and "\n" not in text:
        return 1
    return sum(-(-max(1, (len(part.encode("utf-8", "surrogatepass")) + len(part)) // 2) // room)
               for part in text.split("\n"))


def _header_text(text: str) -> str:
    """A caller's text for a header/footer section: '&' starts a code there, so it is doubled."""
    return ILLEGAL_CHARACTERS_RE.sub("", text).replace("&", "&&")


def styled(cell, *, font=None, fill=None, number_format=None, alignment=None):
    """`cell` (a sheet's or a write-only one) with the styles given; those left None keep the book's defaults."""
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if number_format is not None:
        cell.number_format = number_format
    if alignment is not None:
        cell.alignment = alignment
    return cell


def print_setup(ws, header: PageHeader) -> None:
    """A4 landscape fitted to the page width (as many pages down as needed), the header's three parts at the top
    of every page and page numbers at the foot, all in 游ゴシック."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddHeader.left.text = _header_text(header.title)
    ws.oddHeader.center.text = _header_text(header.period)
    ws.oddHeader.right.text = _header_text(header.made)
    ws.oddFooter.center.text = "&P / &N"
    for part in (ws.oddHeader.left, ws.oddHeader.center, ws.oddHeader.right, ws.oddFooter.center):
        part.font = FONT_NAME


class ListSheet:
    """A sheet of rows under one header row: frozen header, auto-filter, widths, number formats, printed A4
    landscape fitted to the page width with the header row on every page and page numbers in the footer."""

    def __init__(self, book: "ExcelBook", title: str, columns: Sequence[Column], header: PageHeader):
        self.book = book
        self.columns = tuple(columns)
        self.rows = 0
        ws = self.sheet = book.workbook.create_sheet(title=cell_text(title)[:31] or "Sheet")
        # Everything before the first row is written with the sheet's start (write-only): views, widths.
        for index, column in enumerate(self.columns, 1):
            ws.column_dimensions[get_column_letter(index)].width = column.width
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"
        print_setup(ws, header)
        ws.print_options.gridLines = True
        ws.append([self._header_cell(column.header) for column in self.columns])
        # The rows after the header go through _write_row, not openpyxl's cell objects (about half the time
        # of an export went there): the sheet's writer is told to take the values as they are.
        # Texts wrap inside their column, so nothing is hidden on screen or cut off on paper; every cell sits at
        # the top of its row, beside a neighbour that wraps.
        self._style_ids = []
        for column in self.columns:
            proto = WriteOnlyCell(ws)
            proto.alignment = Alignment(vertical="top", wrap_text=column.kind == TEXT)
            if column.kind in FORMATS:
                proto.number_format = FORMATS[column.kind]
            self._style_ids.append(proto.style_id)
        self._kinds = tuple(column.kind for column in self.columns)
        self._letters = tuple(get_column_letter(index) for index in range(1, len(self.columns) + 1))
        self._epoch = book.workbook.epoch
        self._rooms = tuple(max(1, int(column.width) - 1) for column in self.columns)
        ws._values_to_row = lambda values, row_index: values
        ws._writer.write_row = self._write_row

    def _header_cell(self, text: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, value=cell_text(text))
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        return cell

    def append(self, values: Sequence[object]) -> None:
        """One row, a value per column: text columns go through cell_text (never a formula), dates and numbers
        get their column's format; None leaves the cell empty."""
        if len(values) != len(self.columns):
            raise ValueError(f"{len(values)} values for {len(self.columns)} columns")
        self.sheet.append(values)
        self.rows += 1

    def _write_row(self, xf, values: Sequence[object], row_index: int) -> None:
        """One <row> as the XML openpyxl would write for these cells (inline strings, serial dates, style ids),
        built as text and parsed in one call."""
        parts = [""]
        lines = 1
        for value, kind, style_id, letter, room in zip(values, self._kinds, self._style_ids, self._letters,
                                                      self._rooms):
            if value is None or value == "":
                continue  # an empty cell, as openpyxl reads back an empty text
            ref = f"{letter}{row_index}"
            if kind == TEXT or isinstance(value, str):
                text = cell_text(value)
                lines = max(lines, _lines(text, room))
                text = text.translate(_XML_TEXT)
                parts.append(f'<c r="{ref}" s="{style_id}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>')
            elif isinstance(value, (date, datetime)):
                if isinstance(value, datetime) and value.tzinfo is not None:
                    value = value.replace(tzinfo=None)  # Excel has no time zones; the app's times are Tokyo's
                parts.append(f'<c r="{ref}" s="{style_id}"><v>{to_excel(value, self._epoch)}</v></c>')
            elif isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) and math.isfinite(value):
                parts.append(f'<c r="{ref}" s="{style_id}"><v>{value}</v></c>')
            else:
                raise ValueError(f"{value!r} cannot be written in a {kind} column")
        # The row's height for its longest wrapped text, written out: LibreOffice (and Excel for a file it did
        # not write) would otherwise show one line of each text and hide the rest, on screen and on paper.
        if lines == 1:
            parts[0] = f'<row r="{row_index}">'
        else:
            parts[0] = f'<row r="{row_index}" ht="{min(lines * LINE_HEIGHT, MAX_ROW_HEIGHT)}" customHeight="1">'
        parts.append("</row>")
        xf.write(fromstring("".join(parts)))

    def extend(self, rows: Iterable[Sequence[object]]) -> None:
        for values in rows:
            self.append(values)

    def _finish(self) -> None:
        last = get_column_letter(max(len(self.columns), 1))
        self.sheet.auto_filter.ref = f"A1:{last}{self.rows + 1}"


class ExcelBook:
    """A write-only workbook in 游ゴシック (cells, the Normal style and the theme's Japanese font); sheets are
    added with list_sheet and the whole written once with save. `write_only=False` gives a normal workbook for a
    short laid-out sheet (merged titles, row heights set afterwards: the KPI publication), same fonts and save."""

    def __init__(self, write_only: bool = True):
        wb = self.workbook = Workbook(write_only=write_only)
        # Style 0, which every unstyled cell uses, is font 0: made 游ゴシック here rather than per cell.
        wb._fonts = IndexedList([BODY_FONT])
        wb._named_styles["Normal"].font = BODY_FONT
        wb.loaded_theme = _japanese_theme()
        self._sheets: list[ListSheet] = []

    def list_sheet(self, title: str, columns: Sequence[Column], header: PageHeader) -> ListSheet:
        sheet = ListSheet(self, title, columns, header)
        self._sheets.append(sheet)
        return sheet

    def plain_sheet(self, title: str, header: PageHeader, widths: Sequence[float]):
        """A write-only sheet the caller fills row by row with its own cells (a summary of tables and charts),
        printed as the list sheets are; the column widths are set before the first row, as write-only needs."""
        ws = self.workbook.create_sheet(title=cell_text(title)[:31] or "Sheet")
        for index, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(index)].width = width
        print_setup(ws, header)
        return ws

    def discard(self) -> None:
        """Give the workbook up unsaved (an export stopped with 中止, or one that failed): its sheets' temporary
        files are removed now rather than left to the garbage collector (which warns)."""
        for sheet in self.workbook.worksheets:
            if not hasattr(sheet, "closed"):
                continue  # a normal workbook's sheet: in memory only, nothing to remove
            if not sheet.closed:
                sheet.close()
            if sheet._writer is not None and Path(sheet._writer.out).exists():
                sheet._writer.cleanup()

    def save(self, path: Path) -> None:
        """Write the workbook to `path` through a temporary file beside it, so `path` is either the old file or
        the complete new one. A target open in Excel or a folder that cannot be written raises
        WorkbookSaveError with a Japanese message."""
        path = Path(path)
        for sheet in self._sheets:
            sheet._finish()
        if not path.parent.is_dir():
            self.discard()
            raise WorkbookSaveError(path, f"保存先のフォルダがありません: {path.parent}")
        try:
            handle, temp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".xlsx.partial", dir=path.parent)
        except OSError as error:
            self.discard()
            raise WorkbookSaveError(path, f"保存先のフォルダに書き込めません: {path.parent}（{error.strerror}）")
        os.close(handle)
        temp = Path(temp_name)
        try:
            self.workbook.save(temp)
            replace_retrying(temp, path)
        except PermissionError:
            unlink_retrying(temp)
            raise WorkbookSaveError(path, f"ファイルに書き込めません。Excel などで開いている場合は閉じてから、"
                                          f"もう一度お試しください: {path.name}")
        except OSError as error:
            unlink_retrying(temp)
            raise WorkbookSaveError(path, f"ファイルを保存できませんでした: {path.name}（{error.strerror}）")
        except BaseException:
            unlink_retrying(temp)
            raise
