"""The KPI publication workbook: every figure and text as the KPI board has them, years side by side, a year
without KPIs said as 設定なし, draft and running figures marked, long and formula-like texts, 中止 leaves no file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from agency_app.domain.kpi_definition import DESCRIPTION_MAX, title_key
from agency_app.domain.kpi import rounded
from agency_app.domain.kpi_texts import target_text
from agency_app.domain.periods import Period
from agency_app.domain.progress import JobControl, Stopped
from agency_app.reports.excel.kpi_workbook import write_kpi_workbook
from agency_app.reports.excel.workbook_style import LINE_HEIGHT, MAX_ROW_HEIGHT, _lines
from agency_app.reports.kpi_report import build_board, cell_period_text
from agency_app.storage.kpis import TEXT_MAX
from agency_app.storage.services import Services
from tests.reports.kpi_board_data import add_kpi, set_result

DEMO_TODAY = date(2026, 11, 22)
TODAY = date(2026, 4, 20)
HEADER_END = 6   # no agency name, no branch: title, 対象 line, (設定なし line), blank, two header rows


def _figures(ws):
    """{(KPI title line, unit): {year: (実績, 判定)}} and {(title line, unit, year, heading): text} from the sheet."""
    years = {}
    for row in ws.iter_rows(min_row=1, max_row=10):
        for cell in row:
            if isinstance(cell.value, str) and cell.value[:4].isdigit() and "年度" in cell.value[:6] \
                    and cell.row >= 5 and cell.column >= 4:
                years[int(cell.value[:4])] = cell.column
    figures, texts, title = {}, {}, None
    for row in ws.iter_rows(min_row=7):
        first = row[0].value
        if row[2].value:   # a KPI row: its unit in column C
            title = first.split("\n")[0], row[2].value
            figures[title] = {year: (row[column - 1].value, row[column].value) for year, column in years.items()}
        elif isinstance(first, str) and first[:4].isdigit() and "【" in first:
            year, heading = first.split("\n")[0].split(" ")
            texts[(*title, int(year[:4]), heading)] = (row[1].value, "（下書き）" in first)
    return years, figures, texts


def _shown_title(row, cell):
    return row.title if row.period == "year" else f"{row.title}（{cell_period_text(cell)}）"


def test_every_figure_and_text_is_the_boards_for_three_years_side_by_side(demo_store, tmp_path):
    path = tmp_path / "kpi.xlsx"
    written = write_kpi_workbook(demo_store.conn, path, 2026, 3, today=DEMO_TODAY)
    ws = load_workbook(path).active
    years, figures, texts = _figures(ws)
    assert list(years) == [2024, 2025, 2026] and list(years.values()) == [4, 6, 8]   # side by side
    assert written == len(figures) > 0
    checked = 0
    for year in (2024, 2025, 2026):
        board = build_board(Services(demo_store), year, today=DEMO_TODAY)
        for row in board.rows:
            for cell in row.cells:
                title = _shown_title(row, cell), row.target.unit
                value, judged = figures[title][year]
                if cell.value is None:
                    assert value == "データなし"
                else:
                    assert Decimal(str(value)) == rounded(cell.value, row.target.places)
                assert judged.startswith({"achieved": "達成", "missed": "未達", "running": "集計中",
                                          None: "データなし"}[cell.achievement])
                assert ("（未確定）" in judged) == (not cell.frozen and cell.achievement != "running")
                assert texts[(*title, year, "【数値・事実】")] == (cell.facts, cell.facts_is_draft)
                assert texts[(*title, year, "【評価】")] == (cell.evaluation, cell.evaluation_is_draft)
                checked += 1
    assert checked > 30
    # A KPI the earlier year did not set is 設定なし there, never a zero.
    assert figures[("お客様への早期アプローチ", "%")][2024] == ("設定なし", None)


@pytest.fixture
def hand_store(store, staff):
    """FY2023 and FY2025 KPIs typed by hand (none in FY2024), one final, one with long texts starting with '='."""
    conn = store.conn
    for year, value in ((2023, "196"), (2025, "208")):
        kpi = add_kpi(conn, year, "お客様アンケートの回答数", "200", "件", principle=1, places=0,
                      description="お客様の声を業務改善に活かします。")
        set_result(conn, kpi, Period(year), hand=value, facts=f"{year}年度は{value}件でした。",
                   evaluation="おおむね目標どおりです。")
    final = add_kpi(conn, 2025, "対面募集率", "75.00", principle=6, places=2)
    set_result(conn, final, Period(2025), hand="60.004", frozen="60.004", frozen_at="2026-04-08 10:00:00",
               frozen_by=staff["manager"])
    long = add_kpi(conn, 2025, "早期更改率", "80.0", principle=2)
    set_result(conn, long, Period(2025), hand="82.05", facts="=1+1 " + "満期案内を早めました。" * 60,
               evaluation="=SUM(A1:A9) " + "来年度も続けます。" * 70)
    add_kpi(conn, 2026, "来年度のKPI", "10", "回", principle=7, places=0)   # outside the years asked for
    return store


def test_a_year_without_kpis_is_said_as_not_set_never_as_zero(hand_store, tmp_path):
    path = tmp_path / "kpi.xlsx"
    assert write_kpi_workbook(hand_store.conn, path, 2025, 3, today=TODAY) == 3
    ws = load_workbook(path).active
    years, figures, _ = _figures(ws)
    assert ws.cell(row=5, column=years[2024]).value == "2024年度（設定なし）"
    for title in figures:
        assert figures[title][2024] == ("設定なし", None)
    assert figures[("お客様アンケートの回答数", "件")][2023] == (196, "未達（未確定）")
    assert figures[("対面募集率", "%")][2023] == ("設定なし", None)
    assert ("来年度のKPI", "回") not in figures
    assert any(c.value == "KPI の設定がない年度: 2024年度（設定なし）" for c in ws["A"])


def test_figures_at_the_kpis_precision_and_final_ones_unmarked(hand_store, tmp_path):
    path = tmp_path / "kpi.xlsx"
    write_kpi_workbook(hand_store.conn, path, 2025, 2, today=TODAY)
    ws = load_workbook(path).active
    rows = {c.value.split("\n")[0]: c.row for c in ws["A"] if isinstance(c.value, str)}
    final = rows["対面募集率"]
    assert (ws.cell(final, 2).value, ws.cell(final, 2).number_format) == (75, '#,##0.00"以上"')
    assert (ws.cell(final, 6).value, ws.cell(final, 6).number_format) == (60, "#,##0.00")
    assert ws.cell(final, 7).value == "未達"   # finalised: no 未確定 beside it
    renew = rows["早期更改率"]
    assert (ws.cell(renew, 6).value, ws.cell(renew, 6).number_format) == (82.1, "#,##0.0")   # half-up, R28
    assert ws.cell(renew, 7).value == "達成（未確定）"
    answers = rows["お客様アンケートの回答数"]
    assert (ws.cell(answers, 6).value, ws.cell(answers, 6).number_format) == (208, "#,##0")
    assert ws.cell(answers, 3).value == "件"


def test_a_running_year_is_marked_as_such(store, tmp_path):
    kpi = add_kpi(store.conn, 2025, "勉強会の開催回数", "12", "回", principle=7, places=0)
    set_result(store.conn, kpi, Period(2025), hand="8")
    path = tmp_path / "kpi.xlsx"
    write_kpi_workbook(store.conn, path, 2025, 1, today=date(2025, 12, 5))
    _, figures, texts = _figures(load_workbook(path).active)
    assert figures[("勉強会の開催回数", "回")][2025] == (8, "集計中")
    facts, draft = texts[("勉強会の開催回数", "回", 2025, "【数値・事実】")]
    assert draft and "12月5日現在8回です" in facts


def test_long_texts_and_formula_like_texts_are_written_whole_as_text_in_tall_rows(hand_store, tmp_path):
    path = tmp_path / "kpi.xlsx"
    write_kpi_workbook(hand_store.conn, path, 2025, 3, today=TODAY)
    ws = load_workbook(path).active
    cells = {c.value.split("\n")[0]: c for c in ws["A"] if isinstance(c.value, str)}
    facts = ws.cell(cells["2025年度 【数値・事実】"].row, 2)
    cell = next(c for c in ws["B"] if isinstance(c.value, str) and "満期案内を早めました。" in c.value)
    assert cell.data_type == "s" and cell.value == "'=1+1 " + "満期案内を早めました。" * 60   # never a formula
    assert len(cell.value) > 500 and cell.alignment.wrap_text
    assert ws.row_dimensions[cell.row].height >= 8 * 18.75   # every wrapped line shown, on screen and paper
    evaluation = ws.cell(cell.row + 1, 2)
    assert evaluation.value.startswith("'=SUM(A1:A9) 来年度も続けます。")
    assert f"B{cell.row}:I{cell.row}" in {str(r) for r in ws.merged_cells.ranges}
    assert facts.value   # the first 2025 facts row is the first KPI's


def test_the_sheet_is_in_yu_gothic_a4_landscape_fit_to_width_with_print_titles_and_page_numbers(hand_store,
                                                                                                   tmp_path):
    path = tmp_path / "kpi.xlsx"
    write_kpi_workbook(hand_store.conn, path, 2025, 3, today=TODAY)
    book = load_workbook(path)
    ws = book.active
    assert ws["A1"].value == "お客様本位の業務運営に関する取組状況（KPI）"
    assert ws["A2"].value == "対象: 2023年度〜2025年度　作成日: 2026/04/20"
    assert {cell.font.name for row in ws.iter_rows() for cell in row if cell.value is not None} == {"游ゴシック"}
    assert '<a:ea typeface="游ゴシック"/>' in book.loaded_theme.decode()
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$5:$6" and ws.freeze_panes == "A7"
    assert ws.oddFooter.center.text == "&P / &N"
    widths = sum(ws.column_dimensions[letter].width for letter in "ABCDEFGHI")
    assert widths <= 125   # about what A4 landscape prints at full size


def test_stopped_leaves_no_file_and_keeps_the_old_one(hand_store, tmp_path):
    path = tmp_path / "kpi.xlsx"
    path.write_bytes(b"old")
    asked = []

    def stop_at_the_rows() -> bool:
        asked.append(1)
        return len(asked) > 4   # after the three boards, while the rows are written
    with pytest.raises(Stopped):
        write_kpi_workbook(hand_store.conn, path, 2025, 3, control=JobControl(should_stop=stop_at_the_rows),
                           today=TODAY)
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kpi.xlsx"]
    new = tmp_path / "new.xlsx"
    with pytest.raises(Stopped):
        write_kpi_workbook(hand_store.conn, new, 2025, 3, control=JobControl(should_stop=lambda: True),
                           today=TODAY)
    assert not new.exists()


def test_the_same_kpi_in_another_year_is_found_as_the_board_finds_it(store, tmp_path):
    """Title written with other widths or spaces: the same KPI; the same title counted in another unit: not."""
    for year, title, unit, value in ((2023, "NPS 事故対応", "件", "30"), (2024, "ＮＰＳ　事故対応", "pt", "38.4"),
                                     (2025, "NPS 事故対応", "pt", "40.0")):
        kpi = add_kpi(store.conn, year, title, "60.0", unit)
        set_result(store.conn, kpi, Period(year), hand=value)
    path = tmp_path / "kpi.xlsx"
    assert write_kpi_workbook(store.conn, path, 2025, 3, today=TODAY) == 2
    _, figures, _ = _figures(load_workbook(path).active)
    assert [year[0] for year in figures[("NPS 事故対応", "pt")].values()] == ["設定なし", 38.4, 40]
    assert [year[0] for year in figures[("NPS 事故対応", "件")].values()] == [30, "設定なし", "設定なし"]


def _rows_from(ws, first: int, column: int, until) -> list[int]:
    """The row `first` and the rows under it up to (not including) the first where `until(row)` holds."""
    rows = [first]
    while rows[-1] < ws.max_row and not until(rows[-1] + 1):
        rows.append(rows[-1] + 1)
    return rows


@pytest.mark.parametrize("years", [1, 3])
def test_texts_taller_than_the_tallest_row_go_on_in_the_rows_below_never_cut(store, tmp_path, years):
    """The longest 【評価】 the KPI screen keeps (2,000 characters) and the longest description (1,000): an Excel row
    is at most 409 points high, so a text that needs more is cut off, on screen and on paper, unless it goes on
    in the next rows."""
    evaluation = "".join(f"{i:03d}番目の文。満期案内を早めました。" for i in range(1, 200))[:TEXT_MAX]
    description = "".join(f"説明{i:03d}。お客様に安心をお届けします。" for i in range(100))[:DESCRIPTION_MAX]
    kpi = add_kpi(store.conn, 2025, "早期更改率", "80.0", description=description)
    set_result(store.conn, kpi, Period(2025), hand="82.05", facts="短い事実です。", evaluation=evaluation)
    path = tmp_path / "kpi.xlsx"
    write_kpi_workbook(store.conn, path, 2025, years, today=TODAY)
    ws = load_workbook(path).active
    widths = [ws.column_dimensions[get_column_letter(c)].width for c in range(1, ws.max_column + 1)]
    rooms = {1: int(widths[0]) - 1, 2: int(sum(widths[1:])) - 1}

    def text(row, column):
        return ws.cell(row, column).value or ""
    kpi_row = next(c.row for c in ws["A"] if c.value and str(c.value).startswith("早期更改率"))
    facts_row = next(c.row for c in ws["A"] if c.value and str(c.value).startswith("2025年度 【数値・事実】"))
    title_rows = list(range(kpi_row, facts_row))
    assert "".join(text(r, 1) for r in title_rows) == "早期更改率\n" + description
    evaluation_row = next(c.row for c in ws["A"] if c.value and str(c.value).startswith("2025年度 【評価】"))
    evaluation_rows = _rows_from(ws, evaluation_row, 2, lambda r: r > ws.max_row)
    assert "".join(text(r, 2) for r in evaluation_rows) == evaluation
    assert text(facts_row, 2) == "短い事実です。"
    for rows, column in ((title_rows, 1), ([facts_row], 2), (evaluation_rows, 2)):
        for r in rows:
            height = ws.row_dimensions[r].height or LINE_HEIGHT
            assert _lines(text(r, column), rooms[column]) * LINE_HEIGHT <= height <= MAX_ROW_HEIGHT, (column, r)


def test_the_target_says_its_direction_as_the_board_does(store, tmp_path):
    """A complaint count aimed at 5件以下 published as 目標 5 件 reads as a count to reach: with 実績 3 and 達成
    beside it the table contradicts itself. The board and seed 003 say 以上 / 以下 with the target."""
    for title, target, direction, value in (("苦情件数", "5", "<=", "3"), ("回答数", "200", ">=", "208"),
                                            ("対応漏れ件数", "0", "<=", "0")):
        kpi = add_kpi(store.conn, 2025, title, target, "件", direction=direction, places=0)
        set_result(store.conn, kpi, Period(2025), hand=value)
    path = tmp_path / "kpi.xlsx"
    write_kpi_workbook(store.conn, path, 2025, 1, today=TODAY)
    ws = load_workbook(path).active
    board = build_board(Services(store), 2025, today=TODAY)
    rows = {c.value: c.row for c in ws["A"] if isinstance(c.value, str)}
    for row in board.rows:
        target = ws.cell(rows[row.title], 2)
        assert target.value == rounded(row.target.value, row.target.places)   # still a number
        suffix = target.number_format.removeprefix("#,##0").strip('"')
        shown = f"{target.value:,}{ws.cell(rows[row.title], 3).value}{suffix}"
        assert shown == target_text(row.target), row.title   # 5件以下, 200件以上, 0件
