"""The quarterly report to an insurer (R27, R28) as a workbook: a summary sheet of the report's tables with charts, and the voices of each block."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.text import RichText
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor
from openpyxl.drawing.text import CharacterProperties, Font as DrawingFont, Paragraph, ParagraphProperties
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.pagebreak import Break

from agency_app.domain.counting import NO_SHARE
from agency_app.domain.periods import now_tokyo
from agency_app.domain.progress import UNATTENDED, JobControl
from agency_app.reports import report as R
from agency_app.reports.excel.safe_cells import cell_text
from agency_app.reports.excel.workbook_style import (
    COUNT, DATE, FONT_NAME, FORMATS, HEADER_FILL, LINE_HEIGHT, SHARE, Column, ExcelBook, PageHeader, _lines, styled,
)
from agency_app.reports.insurer_report import STATUS_NOTE, TITLE, InsurerReport, insurer_report
from agency_app.storage.database import read_snapshot

SUMMARY = "集計"
DETAIL_SHEETS = ("声の一覧（四半期）", "声の一覧（年度累計）")
BLOCK_NAMES = ("四半期", "年度累計")
# The summary's columns: the row labels, then up to seven figures (the status table is the widest).
WIDTHS = (40,) + (11,) * 7
NOTE_ROOM = sum(WIDTHS) - 2
TITLE_FONT = Font(name=FONT_NAME, sz=14, b=True, family=3, charset=128, scheme=None)
BOLD = Font(name=FONT_NAME, sz=11, b=True, family=3, charset=128, scheme=None)
BLOCK_FONT = Font(name=FONT_NAME, sz=12, b=True, family=3, charset=128, scheme=None, color="1F4E79")
NOTE_FONT = Font(name=FONT_NAME, sz=9, family=3, charset=128, scheme=None, color="595959")
DETAIL_COLUMNS = (Column("受付日", 11, DATE), Column("種別", 12), Column("分類", 30), Column("保険会社", 16),
                  Column("お客様名", 12), Column("内容", 50), Column("対応内容", 50), Column("期末の状況", 10),
                  Column("現在の状況", 10),
                  Column("完了日", 11, DATE))
STEP = 1000  # rows between progress reports (and chances to stop)
# The quarter's charts: (section key, title). Each is as wide as the tables and as tall as a number of rows.
CHARTS = (("voices_by_kind", "種別（四半期）"), ("dissatisfaction_by_category", "不満の分類（四半期）"))
CHART_MIN_ROWS = 9
PAGE_ROWS = 22  # rows of LINE_HEIGHT a printed page (A4 landscape, below the heading) holds, with room to spare


def quarter_text(fiscal_year: int, quarter: int, period) -> str:
    """'2025年度 第1四半期（2025/04/01〜2025/06/30）'."""
    return f"{fiscal_year}年度 第{quarter}四半期（{period.start:%Y/%m/%d}〜{period.end:%Y/%m/%d}）"


def to_date_text(fiscal_year: int, quarter: int, period) -> str:
    """'2025年度 累計（第1〜第2四半期）（2025/04/01〜2025/09/30）'."""
    span = "第1四半期" if quarter == 1 else f"第1〜第{quarter}四半期"
    return f"{fiscal_year}年度 累計（{span}）（{period.start:%Y/%m/%d}〜{period.end:%Y/%m/%d}）"


def write_quarterly_workbook(conn: sqlite3.Connection, path: Path, fiscal_year: int, quarter: int,
                             insurer: str | None = None, *, with_personal_data: bool = False,
                             control: JobControl = UNATTENDED, made: date | None = None,
                             branch_code: str | None = None) -> int:
    """Write the workbook to `path` (atomically: the old file stays until the new one is complete) and return how
    many voices the quarter's list holds. `branch_code`: one office's records (None: every office, consolidated),
    the office named in the heading and on the summary. Stopped (中止) or any failure leaves no file; a target that cannot be
    written raises WorkbookSaveError with a Japanese message."""
    made = made or now_tokyo().date()
    book = ExcelBook()
    try:
        # One read transaction for the figures and the lists: a save committed meanwhile is in both or neither.
        with read_snapshot(conn):
            control.step(0, 0, "集計しています")
            report = insurer_report(conn, fiscal_year, quarter, insurer, with_personal_data=with_personal_data,
                                    list_voices=False, branch_code=branch_code)
            texts = (quarter_text(fiscal_year, quarter, report.blocks[0].period),
                     to_date_text(fiscal_year, quarter, report.blocks[1].period))
            header = PageHeader(heading(report), texts[0], f"作成日 {made:%Y/%m/%d}")
            _summary(book, report, header, texts, made)
            listed = [_detail(book, conn, report, index, PageHeader(header.title, text, header.made), control)
                      for index, text in enumerate(texts)]
        control.step(0, 0, "ファイルを保存しています")
        book.save(path)
    except BaseException:
        book.discard()
        raise
    return listed[0]


def heading(report: InsurerReport) -> str:
    """The printed heading: the insurer, and the office when one was chosen (「…（全保険会社・横浜支店（YOK））」)."""
    insurer = report.insurer_text()
    return f"{TITLE}（{insurer}・{report.branch}）" if report.branch_code else f"{TITLE}（{insurer}）"


class _Summary:
    """The summary sheet written row by row (write-only): remembers where each table's figures landed, for charts."""

    def __init__(self, ws):
        self.ws = ws
        self.row = 0
        self.merged = MultiCellRange()
        ws.merged_cells = self.merged  # the write-only sheet keeps none of its own; its writer reads this
        self.places: dict[tuple[int, str], list[int]] = {}  # (block, section key) → its body rows (not 計, not うち)

    def cell(self, value, font=None, fill=None, number_format=None, alignment=None) -> WriteOnlyCell:
        return styled(WriteOnlyCell(self.ws, value=value), font=font, fill=fill, number_format=number_format,
                      alignment=alignment)

    def append(self, cells: list, height: float | None = None) -> None:
        self.row += 1
        if height is not None:  # before the row: a write-only sheet writes it out at once
            self.ws.row_dimensions[self.row].height = height
        self.ws.append(cells)

    def wide(self, text: str, font=None) -> None:
        """A text across the whole table width, wrapped, the row as tall as its lines (notes, headings)."""
        text = cell_text(text)
        self.append([self.cell(text, font=font, alignment=Alignment(wrap_text=True, vertical="top"))],
                    height=_lines(text, NOTE_ROOM) * LINE_HEIGHT * (0.85 if font is NOTE_FONT else 1))
        self.merged.add(f"A{self.row}:{get_column_letter(len(WIDTHS))}{self.row}")

    def blank(self) -> None:
        self.append([])

    def section(self, block: int, section: R.Section) -> None:
        self.append([self.cell(cell_text(section.title), font=BOLD)])
        centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
        header = [cell_text(text) for text in section.header()]
        # Bold headers are a little wider than the estimate: a column's room less two characters.
        lines = max(_lines(text, max(1, int(width) - 2)) for text, width in zip(header, WIDTHS))
        self.append([self.cell(text, font=BOLD, fill=HEADER_FILL, alignment=centred) for text in header],
                    height=lines * LINE_HEIGHT if lines > 1 else None)
        for row in section.rows:
            font = BOLD if row.role == R.TOTAL else None
            label = cell_text(R.row_label(row))
            cells = [self.cell(label, font=font, alignment=Alignment(wrap_text=True, vertical="top"))]
            cells += [self._figure(column, value, font) for column, value in zip(section.columns, row.values)]
            lines = _lines(label, WIDTHS[0] - 1)
            self.append(cells, height=lines * LINE_HEIGHT if lines > 1 else None)
            if row.role == R.BODY:
                self.places.setdefault((block, section.key), []).append(self.row)
        for note in section.notes:
            self.wide(note, NOTE_FONT)
        self.blank()

    def _figure(self, column: R.Column, value, font) -> WriteOnlyCell:
        """A count as an integer (#,##0), a share as the report's rounded percent over 100 shown 0.0% (so the cell
        shows exactly the report table's figure), '―' where there is nothing to divide by."""
        top = Alignment(vertical="top")  # beside a label wrapped over two lines, level with its first
        if column.kind == R.SHARE:
            if value is None:
                return self.cell(NO_SHARE, font=font, alignment=Alignment(horizontal="right", vertical="top"))
            return self.cell(float(Decimal(value) / 100), font=font, number_format=FORMATS[SHARE], alignment=top)
        if column.kind == R.COUNT:
            return self.cell(value, font=font, number_format=FORMATS[COUNT], alignment=top)
        if column.kind == R.DATE:
            return self.cell(_day(value), font=font, number_format=FORMATS[DATE], alignment=top)
        return self.cell(None if value is None else cell_text(str(value)), font=font, alignment=top)


def _summary(book: ExcelBook, report: InsurerReport, header: PageHeader, texts: tuple[str, str], made: date) -> None:
    ws = book.plain_sheet(SUMMARY, header, WIDTHS)
    sheet = _Summary(ws)
    sheet.append([sheet.cell(cell_text(TITLE), font=TITLE_FONT)], height=24)
    for label, value in (("保険会社", report.insurer_text()), ("拠点", report.branch), ("対象期間", texts[0]),
                         ("年度累計", texts[1]),
                         ("作成日", f"{made:%Y/%m/%d}")):
        sheet.append([sheet.cell(label, font=BOLD), sheet.cell(cell_text(value))])
    privacy = ("お客様名を含みます（取り扱いにご注意ください）。" if report.with_personal_data
               else "お客様名は伏せています。")
    sheet.append([sheet.cell("個人情報", font=BOLD), sheet.cell(privacy)])
    sheet.wide(STATUS_NOTE, NOTE_FONT)  # the lists' two status columns, where the insurer opens the workbook
    sheet.blank()
    for index, (block, name, text) in enumerate(zip(report.blocks, BLOCK_NAMES, texts)):
        if index:  # the year to date starts a printed page of its own
            ws.row_breaks.append(Break(id=sheet.row))
        sheet.wide(f"■ {name}　{text}", BLOCK_FONT)
        sheet.blank()
        for section in block.sections:
            # Printed at full size: the voices' counts on one page, how they went and the improvements on the
            # next, the elderly customers and the relatives on a third (a table is not cut across two pages).
            if section.key in ("status_by_origin", "elderly_sales"):
                ws.row_breaks.append(Break(id=sheet.row))
                sheet.wide(f"■ {name}　{text}（続き）", BLOCK_FONT)
                sheet.blank()
            if not section.listing:
                sheet.section(index, section)
        if index == 0:
            _charts(sheet, f"■ {name}　{text}（続き）")
    ws.print_title_rows = None


def _charts(sheet: _Summary, heading: str) -> None:
    """Bar charts of the quarter's kinds and dissatisfaction categories on a printed page of their own below the
    quarter's tables, each exactly as wide as the tables (anchored to their columns): a chart beside the tables
    made the sheet, fitted to the page width, print at about half size. The rows under a chart stay empty and are
    of a fixed height, so the chart covers no cell and prints whole."""
    charts = [(key, title, sheet.places[(0, key)]) for key, title in CHARTS if (0, key) in sheet.places]
    if not charts:
        return
    ws = sheet.ws
    ws.row_breaks.append(Break(id=sheet.row))
    sheet.wide(heading, BLOCK_FONT)
    sheet.blank()
    used = 0
    for key, title, place in charts:
        # A bar per row of the table, room for the title and the axis: many categories get a taller chart.
        rows = min(PAGE_ROWS, max(CHART_MIN_ROWS, len(place) + 4))
        if used and used + rows > PAGE_ROWS:  # it would be cut at the page's foot: the next page
            ws.row_breaks.append(Break(id=sheet.row))
            used = 0
        first = sheet.row  # 0-based index of the chart's first row
        for _ in range(rows):
            sheet.append([], height=LINE_HEIGHT)
        sheet.blank()
        used += rows + 1
        chart = BarChart()
        chart.type = "bar"  # horizontal bars: long Japanese category names stay readable
        chart.title = title
        chart.legend = None
        chart.y_axis.numFmt = "#,##0"
        chart.y_axis.majorGridlines = None
        chart.x_axis.scaling.orientation = "maxMin"  # the table's order, top to bottom
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.add_data(Reference(ws, min_col=2, min_row=place[0], max_row=place[-1]), titles_from_data=False)
        for series in chart.series:  # the labels are text: a string reference (openpyxl's default is numbers)
            # Only the body rows: the kinds' 「うち苦情」 is a part of 不満, not a kind of its own.
            series.val.numRef.f = _rows_reference(ws, 2, place)
            series.cat = AxDataSource(strRef=StrRef(f=_rows_reference(ws, 1, place)))
        chart.anchor = TwoCellAnchor(_from=AnchorMarker(col=0, row=first),
                                     to=AnchorMarker(col=len(WIDTHS), row=first + rows))
        ws.add_chart(yu_gothic_chart(chart))


def _rows_reference(ws, column: int, rows: list[int]) -> str:
    """The cells of `column` in `rows` as a chart reference: one range, or a union of ranges in parentheses."""
    runs: list[list[int]] = []
    for row in rows:
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    parts = [str(Reference(ws, min_col=column, min_row=run[0], max_row=run[-1])) for run in runs]
    return parts[0] if len(parts) == 1 else f"({','.join(parts)})"


def _yu_gothic_text(size: int = 1000, bold: bool = False) -> RichText:
    """Chart text properties naming 游ゴシック for Latin and East Asian text (Excel's default is Calibri/MS P)."""
    font = CharacterProperties(latin=DrawingFont(typeface=FONT_NAME), ea=DrawingFont(typeface=FONT_NAME),
                               sz=size, b=bold)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=font), r=[], endParaRPr=font)])


def yu_gothic_chart(chart: BarChart) -> BarChart:
    """The chart with every text (title, axes, labels) in 游ゴシック: openpyxl writes no text properties for the
    chart space, so they are added to its XML as it is written; the axes and the title get their own as well."""
    for axis in (chart.x_axis, chart.y_axis):
        axis.txPr = _yu_gothic_text()
    title = _yu_gothic_text(1200, True).p[0].pPr.defRPr
    for paragraph in chart.title.tx.rich.p if chart.title is not None else ():
        paragraph.pPr = ParagraphProperties(defRPr=title)
        for run in paragraph.r or ():
            run.rPr = title
    write = chart._write

    def write_with_text():
        tree = write()
        # The chart space's children come in a fixed order: txPr follows the chart and its shape properties.
        names = [child.tag.rsplit("}", 1)[-1] for child in tree]
        after = max(i for i, name in enumerate(names) if name in ("chart", "spPr"))
        tree.insert(after + 1, _yu_gothic_text().to_tree(tagname="txPr"))
        return tree

    chart._write = write_with_text  # an instance's own: a subclass would lose the chart's serialised fields
    return chart


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10].replace("/", "-")) if text else None


def _detail(book: ExcelBook, conn: sqlite3.Connection, report: InsurerReport, block: int, header: PageHeader, control: JobControl) -> int:
    """One block's voices, one row each (received date first), through the list sheet (frozen header, filter),
    read one at a time from the report; returns how many were listed."""
    title = DETAIL_SHEETS[block]
    sheet = book.list_sheet(title, DETAIL_COLUMNS, header)
    # The kinds table's total counts the same voices (received in the period, of the insurer): only for progress.
    total = next(row.values[0] for row in report.blocks[block].section("voices_by_kind").rows if row.role == R.TOTAL)
    what = f"{title}を書いています"
    control.step(0, total, what)
    done = 0
    for done, row in enumerate(report.voice_rows(conn, block), 1):
        *values, done_on = row.values
        sheet.append((_day(row.label), *values, _day(done_on)))
        if done % STEP == 0:
            control.step(done, total, what)
    control.step(done, total, what)
    return done
