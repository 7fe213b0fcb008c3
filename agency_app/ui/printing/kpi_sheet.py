"""The KPI sheet (A4): each principle's KPIs with target, result, 達成/未達, 確定, the earlier years and their chart, and the two texts."""

from __future__ import annotations

# Written in Japanese here, not through Qt's translations, as the voice-day sheet: the command line prints it
# without a translator, and the words are those of the published KPI report (seed 003's layout).

import html
import unicodedata

from agency_app.domain.kpi import ACHIEVED, MISSED, PRINCIPLES, RUNNING
from agency_app.domain.kpi_texts import ACHIEVEMENT_JA, RUNNING_JA, period_text, target_text
from agency_app.domain.periods import HALF, Period
from agency_app.reports.kpi_report import (
    BRANCH_NOTE, TREND_YEARS, KpiBoard, KpiRow, ResultCell, agency_marked, board_title, cell_period_text,
    cell_value_text, finalisation_lines, value_text,
)
from agency_app.ui.kit.charts import YearTrend
from agency_app.ui.printing import sheet_html as H
from agency_app.ui.printing.printed_document import Chart, PrintedDocument, chart_marker

TITLE = "顧客本位の業務運営 KPI"
NOT_FINAL = "未確定"
DRAFT = "（下書き）"   # a text the application drafted and nobody has edited yet
CHART_WIDTH_MM, CHART_HEIGHT_MM = 84.0, 60.0   # three to a line of the landscape page (267 mm)
CHARTS_PER_LINE = 3
CHART_TITLE_WIDTH = 36   # half-width places on a line of a chart's title (a full-width character takes two)
CHART_TITLE_LINES = 3    # the title's lines at most, above its caption (the table above has the title whole)
CHART_GAP = "　　"
OK_STYLE = "color: #1d6b3a; font-weight: bold;"   # 達成: a word in colour, never the colour alone
NO_DATA_STYLE = "color: #555555;"


def kpi_document(board: KpiBoard) -> PrintedDocument:
    """The sheet of `board` (reports.kpi_report.build_board)."""
    charts: list[Chart] = []
    parts = [_summary_line(board)]
    for principle in sorted({row.principle for row in board.rows}):
        rows = [row for row in board.rows if row.principle == principle]
        parts.append(H.heading(f"原則{principle}　{PRINCIPLES.get(principle, '')}"))
        parts.append(_principle_table(board, rows))
        parts.append(_charts_rows(board, rows, charts))
        parts.append(_texts_table(rows))
    if not board.rows:
        parts.append(H.note("この期間の KPI はありません。"))
    notes = []
    if any(cell.interim for row in board.rows for cell in row.cells):
        notes.append("中間: 年度の KPI を、その半期の実績で表示しています（年度の結果ではありません）。")
    if board.branch is not None:
        notes.append(BRANCH_NOTE)
    notes.append("達成・未達は、実績を KPI の表示桁数に四捨五入して目標と比べています。データなしは判定していません。")
    parts.append(H.note("<br>".join(f"※ {H.text(n)}" for n in notes)))
    where = board_title(board).split("　")[-1]
    return PrintedDocument(title=TITLE, team=where, period=_period_line(board), html="".join(parts),
                           charts=charts, stamp="" if _is_final(board) else NOT_FINAL, landscape=True)


def _board_period(board: KpiBoard) -> Period:
    return Period(board.fiscal_year) if board.half is None else Period(board.fiscal_year, HALF, board.half)


def _is_final(board: KpiBoard) -> bool:
    """Whether the period the sheet is about is finalised (確定) — the year, or the half shown."""
    shown = _board_period(board)
    return any(f.get("status") == "final" and (f["period_kind"], f["period_number"]) == (shown.kind, shown.number)
               for f in board.finalisations)


def _period_line(board: KpiBoard) -> str:
    return f"{period_text(_board_period(board))}　作成 {H.day(board.made_at.date())}"


def _summary_line(board: KpiBoard) -> str:
    cells = [cell for row in board.rows for cell in row.cells]
    achieved = sum(cell.achievement == ACHIEVED for cell in cells)
    missed = sum(cell.achievement == MISSED for cell in cells)
    no_data = sum(cell.achievement is None for cell in cells)
    running = sum(cell.achievement == RUNNING for cell in cells)
    facts = [f"KPI {len(board.rows)} 件", f"達成 {achieved}", f"未達 {missed}", f"データなし {no_data}"]
    if running:
        facts.append(f"{RUNNING_JA} {running}")
    flags = sum(cell.flag is not None for cell in cells)
    line = "　/　".join(facts)
    if flags:
        line += f'　/　<span style="{H.ALERT}">確定後に変更あり {flags}</span>'
    finals = finalisation_lines(board)
    if finals:
        line += "<br>" + "　".join(H.text(text) for text in finals)
    return f'<p style="margin-bottom: 4px;">{line}</p>'


def _judgement(cell: ResultCell) -> str:
    word = H.text(agency_marked(ACHIEVEMENT_JA[cell.achievement], cell))
    if cell.achievement == ACHIEVED:
        return f'<span style="{OK_STYLE}">{word}</span>'
    if cell.achievement == MISSED:
        return f'<span style="{H.ALERT}">{word}</span>'
    return f'<span style="{NO_DATA_STYLE}">{word}</span>'


def _result(cell: ResultCell, row: KpiRow) -> str:
    text = f"<b>{H.text(cell_value_text(cell, row.target))}</b>"
    if cell.flag:
        text += f'<br><span style="{H.ALERT}">{H.text(cell.flag)}</span>'
    return text


def _confirmed(cell: ResultCell) -> str:
    """'2025/07/05<br>山田 花子' for a frozen result."""
    if not cell.frozen:
        return ""
    return "<br>".join(H.text(part) for part in (H.day(cell.frozen_at), cell.frozen_by) if part)


def _principle_table(board: KpiBoard, rows: list[KpiRow]) -> str:
    """Target, result, judgement, 確定 and the earlier years side by side, a line per result."""
    years = list(range(board.fiscal_year - TREND_YEARS, board.fiscal_year))
    headers = [("KPI", 24), ("期間", 7), ("目標", 10), ("実績", 15), ("判定", 7), ("確定", 9)]
    headers += [(f"{year}年度", 7) for year in years]
    lines = []
    for row in rows:
        before = {point.fiscal_year: point for point in row.trend}
        for index, cell in enumerate(row.cells):
            last = index == len(row.cells) - 1   # the earlier years are of the last period shown (see _trend)
            earlier = [("" if not last else H.text(value_text(before[y].value, row.target)) if y in before else "—")
                       for y in years]
            lines.append([H.text(row.title) if index == 0 else "", H.text(cell_period_text(cell)),
                          H.text(target_text(row.target)), _result(cell, row), _judgement(cell), _confirmed(cell)]
                         + earlier)
    return H.table(headers, lines)


def _charts_rows(board: KpiBoard, rows: list[KpiRow], charts: list[Chart]) -> str:
    """The KPIs' charts, CHARTS_PER_LINE to a line (not in a table: a chart is placed by its paragraph)."""
    html = []
    for first in range(0, len(rows), CHARTS_PER_LINE):
        markers = []
        for row in rows[first:first + CHARTS_PER_LINE]:
            charts.append(Chart(_trend_chart(board, row), CHART_WIDTH_MM, CHART_HEIGHT_MM))
            markers.append(chart_marker(len(charts) - 1))
        html.append(f'<p style="margin-top: 4px; margin-bottom: 4px;">{CHART_GAP.join(markers)}</p>')
    return "".join(html)


def _texts_table(rows: list[KpiRow]) -> str:
    """【数値・事実】 and 【評価】 of each result, as the manager wrote them or as drafted (marked)."""
    headers = [("KPI", 20), ("【数値・事実】", 42), ("【評価】", 38)]
    lines = []
    for row in rows:
        for index, cell in enumerate(row.cells):
            name = H.text(row.title) if index == 0 else ""
            if len(row.cells) > 1 or cell.interim:
                name += f"{'<br>' if name else ''}［{H.text(cell_period_text(cell))}］"
            if index == 0 and row.description:
                name += f'<br><span style="{H.MUTED} font-size: 8pt;">{H.lines(row.description)}</span>'
            lines.append([name, _draft_mark(cell.facts_is_draft) + H.lines(cell.facts),
                          _draft_mark(cell.evaluation_is_draft) + H.lines(cell.evaluation)])
    return H.table(headers, lines)


def _draft_mark(is_draft: bool) -> str:
    return f'<span style="{H.MUTED}">{DRAFT}</span><br>' if is_draft else ""


def _title_lines(title: str) -> list[str]:
    """The title on lines that fit a chart's width (CHART_TITLE_LINES at most, the last ending in … if cut)."""
    lines, line, used = [], "", 0
    for char in title:
        width = 2 if unicodedata.east_asian_width(char) in ("F", "W", "A") else 1
        if used + width > CHART_TITLE_WIDTH:
            lines.append(line)
            line, used = "", 0
        line, used = line + char, used + width
    lines.append(line)
    if len(lines) > CHART_TITLE_LINES:
        lines = lines[:CHART_TITLE_LINES]
        lines[-1] = lines[-1][:-1] + "…"
    return [html.escape(text) for text in lines]


def _trend_chart(board: KpiBoard, row: KpiRow) -> YearTrend:
    """The earlier years and this one over the same period; a quarterly KPI's quarters of this year instead."""
    last = row.cells[-1]
    if len(row.cells) > 1:
        points = [(cell_period_text(cell), cell.value) for cell in row.cells]
        caption = f"{board.fiscal_year}年度の四半期"
    else:
        points = [(f"{p.fiscal_year}年度", p.value) for p in row.trend] + [(f"{board.fiscal_year}年度", last.value)]
        caption = f"{cell_period_text(last)}の推移"
    return YearTrend(
        # on lines of the chart's width: one long line (事故対応に関するお客様満足度向上（自動車）) is cut short, its
        # caption with it
        title="<br>".join([*_title_lines(row.title), html.escape(caption)]),
        labels=tuple(label for label, _ in points),
        values=tuple(None if value is None else float(value) for _, value in points),
        # データなし on two lines: the year's width holds it, at the chart's ends too (a wider label is not drawn)
        value_texts=tuple("データ\nなし" if value is None else value_text(value, row.target) for _, value in points),
        target=float(row.target.value), target_text=f"目標 {target_text(row.target)}", unit=row.target.unit)
