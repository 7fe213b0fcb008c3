"""The KPI publication workbook (R29, seed 003): by principle, each KPI's target and several fiscal years' results side by side, with each year's 【数値・事実】 and 【評価】 — all taken from the KPI board."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from sqlite_utils import Database

from agency_app.domain.kpi import PRINCIPLES, RUNNING, KpiTarget, rounded
from agency_app.domain.kpi_definition import title_key
from agency_app.domain.kpi_texts import DIRECTION_JA, NO_DATA_JA, target_text
from agency_app.domain.periods import now_tokyo
from agency_app.domain.progress import UNATTENDED, JobControl
from agency_app.reports.excel.safe_cells import cell_text
from agency_app.reports.excel.workbook_style import (
    FONT_NAME, HEADER_FILL, HEADER_FONT, LINE_HEIGHT, MAX_ROW_HEIGHT, ExcelBook, _header_text, _lines, styled,
)
from agency_app.reports.kpi_report import (
    KpiBoard, KpiRow, ResultCell, build_board, cell_achievement_text, cell_period_text,
)

TITLE_JA = "お客様本位の業務運営に関する取組状況（KPI）"
NOT_SET_JA = "設定なし"        # a year (or a KPI) with no KPI set: never a zero
UNFINAL_JA = "未確定"          # a figure not yet finalised (確定): a reader must not take it for the published one
DRAFT_JA = "下書き"            # a text the application drafted, not yet written by the manager
FACTS_JA, EVALUATION_JA = "【数値・事実】", "【評価】"
SHEET_TITLE = "KPI"

# Column widths (characters): KPI, target, unit, then each year's result and judgement. At three years the
# sheet is 122 characters wide, which A4 landscape prints at about full size.
KPI_WIDTH, TARGET_WIDTH, UNIT_WIDTH, RESULT_WIDTH, JUDGE_WIDTH = 30, 12, 5, 11, 14
HEADER_ROW = 5                 # the two header rows (5: years, 6: 実績 / 判定), repeated on every printed page
TITLE_FONT = Font(name=FONT_NAME, sz=14, family=3, charset=128, scheme=None, b=True)
SMALL_FONT = Font(name=FONT_NAME, sz=9, family=3, charset=128, scheme=None)
TOP = Alignment(vertical="top", wrap_text=True)
TOP_RIGHT = Alignment(horizontal="right", vertical="top", wrap_text=True)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


MAX_LINES = int(MAX_ROW_HEIGHT // LINE_HEIGHT)   # the most wrapped lines a row (at most 409 points) shows
GOES_ON_JA = "（続き）"


def text_pieces(text: str, room: int, max_lines: int = MAX_LINES) -> list[str]:
    """`text` in pieces that each fit a row of at most `max_lines` lines `room` half-width characters wide, cut
    after a line break or a 。 where one is in the piece's second half: a text taller than Excel's tallest row
    (a 2,000-character 【評価】, a 1,000-character description) goes on in the rows below, never cut off.
    Joined, the pieces are the text."""
    pieces = []
    while _lines(text, room) > max_lines:
        fits, too_long = 1, len(text)   # the longest start that fits lies between
        while too_long - fits > 1:
            middle = (fits + too_long) // 2
            if _lines(text[:middle], room) <= max_lines:
                fits = middle
            else:
                too_long = middle
        cut = max(text.rfind("\n", 0, fits), text.rfind("。", 0, fits)) + 1
        if cut <= fits // 2:
            cut = fits
        pieces.append(text[:cut])
        text = text[cut:]
    pieces.append(text)
    return pieces


def number_format(places: int) -> str:
    """The KPI's precision as Excel shows it: '#,##0', '#,##0.0', '#,##0.00'."""
    return "#,##0" + ("." + "0" * places if places > 0 else "")


def target_format(target: KpiTarget) -> str:
    """The target's number format: its precision, then 以上 / 以下 where the board's target says it ('5件以下' is
    shown 5以下 beside 件; an at-most zero reads '0件', as the board writes it)."""
    said = target_text(target)
    direction = next((word for word in DIRECTION_JA.values() if said.endswith(word)), "")
    return number_format(target.places) + (f'"{direction}"' if direction else "")


@dataclass
class Line:
    """One row of the publication: a KPI (one of its periods for a half or quarter KPI) across the years."""

    principle: int
    row: KpiRow                                    # the KPI of the latest year that has it
    cell: ResultCell
    by_year: dict[int, tuple[KpiRow, ResultCell]] = field(default_factory=dict)


def _line_key(row: KpiRow, cell: ResultCell) -> tuple:
    """The same KPI in another year: as the board's trend matches it (title, widths folded, and unit), and the
    same period of the year."""
    return title_key(row.title), row.target.unit, row.period, cell.period.kind, cell.period.number


def publication_lines(boards: dict[int, KpiBoard]) -> list[Line]:
    """The rows of the publication, grouped by principle (1…7), in the latest year's board order, a KPI only
    earlier years had after those of the latest."""
    lines: dict[tuple, Line] = {}
    for year in sorted(boards, reverse=True):
        for row in boards[year].rows:
            for cell in row.cells:
                key = _line_key(row, cell)
                if key not in lines:
                    lines[key] = Line(row.principle, row, cell)
                lines[key].by_year.setdefault(year, (row, cell))
    ordered = list(lines.values())
    ordered.sort(key=lambda line: line.principle)   # stable: board order within a principle
    return ordered


def judgement_text(cell: ResultCell) -> str:
    """達成 / 未達 / 集計中 / データなし as the board says, and 未確定 beside a figure that is not finalised."""
    text = cell_achievement_text(cell)
    if not cell.frozen and cell.achievement != RUNNING:
        text += f"（{UNFINAL_JA}）"
    if cell.flag:
        text += f"\n※{cell.flag}"
    return text


def _agency_name(conn: sqlite3.Connection) -> str | None:
    """The agency's name when the database keeps one (settings 'agency_name'); None otherwise."""
    try:
        found = conn.execute("SELECT value FROM settings WHERE key = 'agency_name'").fetchone()
    except sqlite3.Error:
        return None
    return (found[0] or "").strip() or None if found else None


def _services(conn: sqlite3.Connection):
    from agency_app.storage.database import Store
    from agency_app.storage.services import Services
    return Services(Store(Database(conn, execute_plugins=False), None))


def write_kpi_workbook(conn: sqlite3.Connection, path: Path, fiscal_year: int, years: int = 3, *,
                       branch: str | None = None, control: JobControl = UNATTENDED,
                       today: date | None = None) -> int:
    """Write the publication of the `years` fiscal years ending at `fiscal_year` to `path`; return the number of
    KPI rows written. Reads only. Stopped (中止) or a failure leaves no file (the old one, if any, stays)."""
    if years < 1:
        raise ValueError(f"years must be at least 1, not {years}")
    today = today or now_tokyo().date()
    covered = list(range(fiscal_year - years + 1, fiscal_year + 1))
    services = _services(conn)
    boards: dict[int, KpiBoard] = {}
    for index, year in enumerate(covered):
        control.step(index, len(covered) + 1, f"{year}年度の KPI を集計しています")
        boards[year] = build_board(services, year, branch=branch, today=today)
    lines = publication_lines(boards)
    book = ExcelBook(write_only=False)
    try:
        sheet = _Sheet(book, covered, boards, _agency_name(conn), today)
        current = None
        for index, line in enumerate(lines):
            control.step(len(covered), len(covered) + 1, "KPI の表を書いています")
            if line.principle != current:
                current = line.principle
                sheet.principle(current)
            sheet.kpi(line)
        if not lines:
            sheet.note("この期間の KPI はありません。")
        sheet.finish()
        control.step(len(covered) + 1, len(covered) + 1, "ファイルを保存しています")
    except BaseException:
        book.discard()
        raise
    book.save(path)
    return len(lines)


class _Sheet:
    """The one laid-out sheet: title block, two header rows, then principle headings, KPI rows and text rows."""

    def __init__(self, book: ExcelBook, covered: list[int], boards: dict[int, KpiBoard], agency: str | None,
                 today: date):
        self.covered, self.boards = covered, boards
        ws = self.ws = book.workbook.active
        ws.title = SHEET_TITLE
        self.last = 3 + 2 * len(covered)
        self.last_letter = get_column_letter(self.last)
        widths = [KPI_WIDTH, TARGET_WIDTH, UNIT_WIDTH] + [RESULT_WIDTH, JUDGE_WIDTH] * len(covered)
        self.widths = widths
        for index, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(index)].width = width
        board = boards[covered[-1]]
        where = None
        if board.branch is not None:
            where = f"拠点 {board.branch}" + (f" {board.branch_name}" if board.branch_name else "")
        span = f"{covered[0]}年度〜{covered[-1]}年度" if len(covered) > 1 else f"{covered[0]}年度"
        self.row = 1
        self._merged(TITLE_JA, font=TITLE_FONT, height=LINE_HEIGHT * 1.4)
        for text in (agency, where):
            if text:
                self._merged(text)
        self._merged(f"対象: {span}　作成日: {today:%Y/%m/%d}")
        empty = [year for year in covered if not boards[year].rows]
        if empty:
            self._merged("KPI の設定がない年度: " + "、".join(f"{year}年度" for year in empty) + f"（{NOT_SET_JA}）")
        self.row = max(self.row + 1, HEADER_ROW)
        self._headers()
        self._print_setup(TITLE_JA + (f"　{agency}" if agency else ""), span + (f"　{where}" if where else ""),
                          f"作成日 {today:%Y/%m/%d}")

    # --- layout pieces -------------------------------------------------------------------------------------
    def _set(self, column: int, value, *, font=None, alignment=TOP, fill=None, number_format=None):
        cell = self.ws.cell(row=self.row, column=column, value=cell_text(value) if isinstance(value, str) else value)
        return styled(cell, font=font, fill=fill, number_format=number_format, alignment=alignment)

    def _merged(self, text: str, *, first: int = 1, font=None, fill=None, height: float | None = None,
                alignment=TOP) -> None:
        """A text over columns first…last of the current row, the row as high as its wrapped lines."""
        self._set(first, text, font=font, fill=fill, alignment=alignment)
        if fill is not None:
            for column in range(first + 1, self.last + 1):
                self.ws.cell(row=self.row, column=column).fill = fill
        if first < self.last:
            self.ws.merge_cells(start_row=self.row, start_column=first, end_row=self.row, end_column=self.last)
        room = sum(self.widths[first - 1:]) - 1
        self._height(_lines(cell_text(text) or "", room), height)
        self.row += 1

    def _height(self, lines: int, at_least: float | None = None) -> None:
        # Written out: LibreOffice (and Excel for a file it did not write) would show one line of a wrapped text.
        height = max(lines * LINE_HEIGHT, at_least or 0)
        if lines > 1 or at_least:
            self.ws.row_dimensions[self.row].height = min(height, MAX_ROW_HEIGHT)

    def _headers(self) -> None:
        top, sub = self.row, self.row + 1
        for column, text in ((1, "原則・KPI"), (2, "目標"), (3, "単位")):
            self.ws.cell(row=top, column=column, value=text)
            self.ws.merge_cells(start_row=top, start_column=column, end_row=sub, end_column=column)
        for index, year in enumerate(self.covered):
            column = 4 + 2 * index
            label = f"{year}年度" + ("" if self.boards[year].rows else f"（{NOT_SET_JA}）")
            self.ws.cell(row=top, column=column, value=label)
            self.ws.merge_cells(start_row=top, start_column=column, end_row=top, end_column=column + 1)
            self.ws.cell(row=sub, column=column, value="実績")
            self.ws.cell(row=sub, column=column + 1, value="判定")
        for row in (top, sub):
            for column in range(1, self.last + 1):
                cell = self.ws.cell(row=row, column=column)
                cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, CENTRE
        self.ws.print_title_rows = f"{top}:{sub}"
        self.ws.freeze_panes = f"A{sub + 1}"
        self.row = sub + 1

    def _print_setup(self, title: str, period: str, made: str) -> None:
        ws = self.ws
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = "9"  # A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages down as the KPIs need
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.oddHeader.left.text = _header_text(title)
        ws.oddHeader.center.text = _header_text(period)
        ws.oddHeader.right.text = _header_text(made)
        ws.oddFooter.center.text = "&P / &N"
        for part in (ws.oddHeader.left, ws.oddHeader.center, ws.oddHeader.right, ws.oddFooter.center):
            part.font = FONT_NAME

    # --- content -------------------------------------------------------------------------------------------
    def principle(self, number: int) -> None:
        self._merged(f"原則{number}　{PRINCIPLES.get(number, '')}", font=HEADER_FONT, fill=HEADER_FILL)

    def note(self, text: str) -> None:
        self._merged(text)

    def kpi(self, line: Line) -> None:
        """The KPI's row of figures, then for each year that has it a 【数値・事実】 and a 【評価】 row."""
        row, cell, target = line.row, line.cell, line.row.target
        title = row.title if row.period == "year" else f"{row.title}（{cell_period_text(cell)}）"
        shown_title = title + (f"\n{row.description.strip()}" if row.description.strip() else "")
        title_pieces = text_pieces(cell_text(shown_title), KPI_WIDTH - 1)
        lines = _lines(title_pieces[0], KPI_WIDTH - 1)
        self._set(1, title_pieces[0])
        self._set(2, rounded(target.value, target.places), number_format=target_format(target),
                  alignment=TOP_RIGHT)
        self._set(3, target.unit, alignment=Alignment(horizontal="center", vertical="top"))
        for index, year in enumerate(self.covered):
            column = 4 + 2 * index
            found = line.by_year.get(year)
            if found is None:
                self._set(column, NOT_SET_JA, alignment=TOP_RIGHT)
                continue
            year_row, year_cell = found
            if year_cell.value is None:
                self._set(column, NO_DATA_JA, alignment=TOP_RIGHT)
            else:
                self._set(column, rounded(year_cell.value, year_row.target.places),
                          number_format=number_format(year_row.target.places), alignment=TOP_RIGHT)
            judged = judgement_text(year_cell)
            if year_row.target != target:   # that year aimed at another figure: said where its result is
                judged += f"\n目標 {target_text(year_row.target)}"
            self._set(column + 1, judged)
            lines = max(lines, _lines(cell_text(judged), JUDGE_WIDTH - 1))
        self._height(lines)
        self.row += 1
        for piece in title_pieces[1:]:   # a description taller than the row goes on below the figures
            self._set(1, piece)
            self._height(_lines(piece, KPI_WIDTH - 1))
            self.row += 1
        for year in reversed(self.covered):   # the publication's year first, as the figures are read
            found = line.by_year.get(year)
            if found is None:
                continue
            year_cell = found[1]
            self._text_row(year, FACTS_JA, year_cell.facts, year_cell.facts_is_draft)
            self._text_row(year, EVALUATION_JA, year_cell.evaluation, year_cell.evaluation_is_draft)

    def _text_row(self, year: int, heading: str, text: str, draft: bool) -> None:
        label = f"{year}年度 {heading}" + (f"\n（{DRAFT_JA}）" if draft else "")
        room = sum(self.widths[1:]) - 1
        for index, piece in enumerate(text_pieces(cell_text(text) or "", room)):
            self._set(1, label if index == 0 else GOES_ON_JA, font=SMALL_FONT, alignment=TOP_RIGHT)
            self._set(2, piece)
            self.ws.merge_cells(start_row=self.row, start_column=2, end_row=self.row, end_column=self.last)
            self._height(max(2 if draft and index == 0 else 1, _lines(piece, room)))
            self.row += 1

    def finish(self) -> None:
        self.ws.print_area = f"A1:{self.last_letter}{max(self.row - 1, 1)}"
