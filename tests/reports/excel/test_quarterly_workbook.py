"""The quarterly insurer workbook: its figures are the InsurerReport's, cell by cell (seed 002 exactly), names masked
unless asked, typed text never a formula, 游ゴシック charts, printed A4 landscape, and nothing left by 中止 or a lock."""

from __future__ import annotations

import os
import re
import zipfile
from collections import Counter
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from agency_app.domain.counting import NO_SHARE
from agency_app.domain.progress import JobControl, Stopped
from agency_app.reports import report as R
from agency_app.reports.excel.quarterly_workbook import DETAIL_SHEETS, SUMMARY, write_quarterly_workbook
from agency_app.reports.excel.workbook_style import WorkbookSaveError
from agency_app.storage.voices import VoiceRepository
from agency_app.reports.insurer_report import STATUS_NOTE, insurer_report
from tests.reports.test_insurer_report import INSURER, SEED_002, insert_voices
from tests.storage.test_status_by_origin import close, reopen, saved

MADE = date(2026, 12, 5)


def workbook(conn, tmp_path: Path, fy=2025, quarter=2, insurer=None, **options) -> tuple[Path, int]:
    path = tmp_path / "報告.xlsx"
    listed = write_quarterly_workbook(conn, path, fy, quarter, insurer, made=MADE, **options)
    return path, listed


def summary_tables(ws) -> list[list[tuple]]:
    """The summary sheet's rows (values and number formats), cut into the two blocks at their '■' headings."""
    blocks: list[list[tuple]] = []
    for row in ws.iter_rows():
        first = row[0].value
        if isinstance(first, str) and first.startswith("■ ") and not first.endswith("（続き）"):
            blocks.append([])
        elif blocks:
            blocks[-1].append(tuple((cell.value, cell.number_format) for cell in row))
    return blocks


def expected_cells(column: R.Column, value):
    """What the workbook must hold for a report value: counts as #,##0 integers, shares as the report's rounded
    percent over 100 in 0.0% (so the cell shows the table's figure), '―' for no share."""
    if column.kind == R.SHARE:
        return (NO_SHARE, "General") if value is None else (float(Decimal(value) / 100), "0.0%")
    return (value, "#,##0")


def assert_summary_is_the_report(path: Path, report) -> None:
    ws = openpyxl.load_workbook(path)[SUMMARY]
    blocks = summary_tables(ws)
    assert len(blocks) == 2
    for rows, block in zip(blocks, report.blocks):
        texts = [row[0][0] for row in rows]
        for section in block.sections:
            if section.listing:
                continue
            at = texts.index(section.title)
            header = [value for value, _ in rows[at + 1] if value is not None]
            assert header == section.header()
            for offset, row in enumerate(section.rows, at + 2):
                cells = rows[offset]
                assert cells[0][0] == R.row_label(row)
                for index, (column, value) in enumerate(zip(section.columns, row.values), 1):
                    assert cells[index] == expected_cells(column, value), (section.key, row.label, column.label)
            for offset, note in enumerate(section.notes, at + 2 + len(section.rows)):
                assert rows[offset][0][0] == note


def test_every_figure_of_both_blocks_is_the_reports_cell_by_cell(demo_store, tmp_path):
    path, listed = workbook(demo_store.conn, tmp_path)
    report = insurer_report(demo_store.conn, 2025, 2)
    assert_summary_is_the_report(path, report)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [SUMMARY, *DETAIL_SHEETS]
    heading = [row[:2] for row in book[SUMMARY].iter_rows(min_row=1, max_row=6, values_only=True)]
    # A note wider than the tables wraps in a row tall enough for its lines (not over the next note).
    summary = book[SUMMARY]
    long_note = next(cell.row for (cell,) in summary.iter_rows(max_col=1) if str(cell.value).startswith("前期からの繰越は"))
    assert summary.row_dimensions[long_note].height >= 2 * 18.75 * 0.85
    assert summary.cell(long_note, 1).alignment.wrap_text
    assert any(str(ref) == f"A{long_note}:H{long_note}" for ref in summary.merged_cells.ranges)
    # Printed, each block starts a page, its status table the next, its elderly table a third, and the quarter's
    # charts a fourth (each under a heading that says whose).
    assert len(book[SUMMARY].row_breaks.brk) == 6
    assert [row[0] for row in book[SUMMARY].iter_rows(values_only=True) if str(row[0]).startswith("■")] == [
        f"■ {name}\u3000{text}{more}" for name, text, pages in (
            ("四半期", "2025年度 第2四半期（2025/07/01〜2025/09/30）", 4),
            ("年度累計", "2025年度 累計（第1〜第2四半期）（2025/04/01〜2025/09/30）", 3))
        for more in ("", *["（続き）"] * (pages - 1))]
    assert heading == [("お客様の声\u3000保険会社へのご報告", None), ("保険会社", "全保険会社"),
                       ("拠点", "全拠点"), ("対象期間", "2025年度 第2四半期（2025/07/01〜2025/09/30）"),
                       ("年度累計", "2025年度 累計（第1〜第2四半期）（2025/04/01〜2025/09/30）"),
                       ("作成日", "2026/12/05")]
    # The lists are the report's, row by row, with dates as dates.
    for title, block in zip(DETAIL_SHEETS, report.blocks):
        rows = list(book[title].iter_rows(min_row=2, values_only=True))
        voices = block.section("voice_list").rows
        assert len(rows) == len(voices) > 0
        for cells, voice in zip(rows, voices):
            received = datetime.strptime(voice.label, "%Y/%m/%d")
            done = datetime.fromisoformat(voice.values[8]) if voice.values[8] else None
            assert cells == (received, *[value or None for value in voice.values[:8]], done)
    assert listed == len(report.blocks[0].section("voice_list").rows)


def test_seed_002s_table_counts_and_shares_exactly(store, tmp_path):
    insert_voices(store, [{"kind": "praise"} for _ in range(210)]
                  + [{"category_group": group} for group, n in SEED_002.items() for _ in range(n)])
    path, listed = workbook(store.conn, tmp_path, quarter=1, insurer=INSURER)
    assert listed == 559
    for rows in summary_tables(openpyxl.load_workbook(path)[SUMMARY]):
        labels = [row[0][0] for row in rows]
        kinds = rows[labels.index("種別") + 1:]
        assert [row[:3] for row in kinds[:2]] == [(("感謝", "General"), (210, "#,##0"), (0.376, "0.0%")),
                                                  (("不満", "General"), (349, "#,##0"), (0.624, "0.0%"))]
        at = labels.index("不満の分類別件数") + 2
        table = [(row[0][0], row[1][0], row[2][0]) for row in rows[at:at + 7]]
        assert table == [("満期案内・契約手続関連", 115, 0.33), ("変更・解約・保全関連", 103, 0.295),
                         ("保険料収納関連", 12, 0.034), ("保険金関連", 34, 0.097), ("個人情報関連", 4, 0.011),
                         ("その他", 81, 0.232), ("計", 349, 1.0)]
        assert all(row[2][1] == "0.0%" and row[1][1] == "#,##0" for row in rows[at:at + 7])
    assert_summary_is_the_report(path, insurer_report(store.conn, 2025, 1, INSURER))


def test_a_voice_closed_after_the_quarter_counts_as_open_in_it(store, tmp_path):
    insert_voices(store, [dict(received_at="2025-09-10 10:00", completed_on="2025-10-01")])
    path, _ = workbook(store.conn, tmp_path, quarter=2, insurer=INSURER)
    quarter, _ = summary_tables(openpyxl.load_workbook(path)[SUMMARY])
    received = next(row for row in quarter if row[0][0] == "期間内の受付")
    assert [value for value, _ in received[1:8]] == [0, 0.0, 0, 0.0, 1, 1.0, 1]  # 完了 0, 対応中 1 (100.0%)


def status_columns(path: Path, title: str) -> list[tuple]:
    """A list sheet's 期末の状況 and 現在の状況, side by side in that order, row by row."""
    ws = openpyxl.load_workbook(path)[title]
    header = [cell.value for cell in next(ws.iter_rows(max_row=1))]
    at_end = header.index("期末の状況")
    assert header[at_end + 1] == "現在の状況"
    return [row[at_end:at_end + 2] for row in ws.iter_rows(min_row=2, values_only=True)]


def test_a_voice_closed_the_day_after_the_quarter_is_listed_open_at_its_end_and_done_now(store, tmp_path):
    insert_voices(store, [dict(received_at="2025-09-10 10:00", completed_on="2025-10-01"),
                          dict(received_at="2025-09-11 10:00", completed_on="2025-09-30")])
    path, _ = workbook(store.conn, tmp_path, quarter=2, insurer=INSURER)
    assert status_columns(path, DETAIL_SHEETS[0]) == [("対応中", "完了"), ("完了", "完了")]
    # The summary says what the two columns mean, where the insurer opens the workbook.
    assert STATUS_NOTE in [row[0] for row in openpyxl.load_workbook(path)[SUMMARY].iter_rows(values_only=True)]
    assert "期末の状況" in STATUS_NOTE and "現在の状況" in STATUS_NOTE


def received_row(report, block: int) -> dict:
    row = next(row for row in report.blocks[block].section("status_by_origin").rows if row.label == "期間内の受付")
    return {"完了": row.values[0], "見送り": row.values[2], "対応中": row.values[4]}


def assert_listed_status_is_the_tables(path: Path, report) -> None:
    """The lists hold the voices received in each block: their 期末の状況 counted are the table's 期間内の受付."""
    for block, title in enumerate(DETAIL_SHEETS):
        counted = Counter(at_end for at_end, _ in status_columns(path, title))
        assert dict(counted) == {label: n for label, n in received_row(report, block).items() if n}, title


def test_the_lists_status_at_the_end_counts_as_the_status_tables_received_row(store, staff, tmp_path):
    repo, by = VoiceRepository(store), staff["sato"]
    done = saved(repo, by, "2025-07-05 10:00", datetime(2025, 7, 5, 10))
    close(repo, by, done, "2025-07-10", datetime(2025, 7, 10, 10))
    reopened_after = saved(repo, by, "2025-08-01 10:00", datetime(2025, 8, 1, 10))
    close(repo, by, reopened_after, "2025-09-10", datetime(2025, 9, 10, 10))
    reopen(repo, by, reopened_after, datetime(2025, 10, 5, 10))  # open now, 完了 on the quarter's last day
    closed_after = saved(repo, by, "2025-08-02 10:00", datetime(2025, 8, 2, 10))
    close(repo, by, closed_after, "", datetime(2025, 8, 3, 10), status="dropped")
    reopen(repo, by, closed_after, datetime(2025, 8, 20, 10))
    close(repo, by, closed_after, "2025-10-02", datetime(2025, 10, 2, 10))  # done now, open on the last day
    reopened_within = saved(repo, by, "2025-07-02 10:00", datetime(2025, 7, 2, 10))
    close(repo, by, reopened_within, "2025-07-03", datetime(2025, 7, 3, 10))
    reopen(repo, by, reopened_within, datetime(2025, 7, 4, 10))
    close(repo, by, reopened_within, "2025-07-05", datetime(2025, 7, 5, 10))  # unchanged since: as it is now
    dropped = saved(repo, by, "2025-09-29 10:00", datetime(2025, 9, 29, 10))
    close(repo, by, dropped, "", datetime(2025, 9, 30, 10), status="dropped")
    saved(repo, by, "2025-09-01 10:00", datetime(2025, 9, 1, 10))  # 未対応: 対応中 in the table
    saved(repo, by, "2025-05-01 10:00", datetime(2025, 5, 1, 10))  # the first quarter: in the year to date only
    path, _ = workbook(store.conn, tmp_path, quarter=2)
    assert status_columns(path, DETAIL_SHEETS[0]) == [
        ("完了", "完了"), ("完了", "完了"), ("完了", "対応中"), ("対応中", "完了"), ("対応中", "未対応"),
        ("見送り", "見送り")]
    report = insurer_report(store.conn, 2025, 2)
    assert received_row(report, 0) == {"完了": 3, "見送り": 1, "対応中": 2}
    assert_listed_status_is_the_tables(path, report)


def test_on_demo_data_the_lists_status_at_the_end_is_the_status_table(demo_store, tmp_path):
    path, _ = workbook(demo_store.conn, tmp_path)
    assert_listed_status_is_the_tables(path, insurer_report(demo_store.conn, 2025, 2))


def names_listed(path: Path) -> list:
    ws = openpyxl.load_workbook(path)[DETAIL_SHEETS[0]]
    column = [cell.value for cell in next(ws.iter_rows(max_row=1))].index("お客様名")
    return [row[column] for row in ws.iter_rows(min_row=2, values_only=True)]


def test_customer_names_are_masked_unless_asked_for(store, tmp_path):
    insert_voices(store, [{"customer_name": "山田 太郎"}, {"customer_name": None}])
    masked, _ = workbook(store.conn, tmp_path, quarter=1)
    assert names_listed(masked) == ["＊＊＊", None]
    assert "山田" not in zipfile.ZipFile(masked).read(f"xl/worksheets/sheet2.xml").decode()
    named, _ = workbook(store.conn, tmp_path, quarter=1, with_personal_data=True)
    assert names_listed(named) == ["山田 太郎", None]
    privacy = [row[1] for row in openpyxl.load_workbook(named)[SUMMARY].iter_rows(max_row=7, values_only=True)]
    assert "お客様名を含みます（取り扱いにご注意ください）。" in privacy


def test_a_customers_words_that_look_like_a_formula_stay_text(store, tmp_path):
    insert_voices(store, [{"summary": "=HYPERLINK(\"http://x\",\"押して\")", "response": "@SUM(1+1)"}])
    path, _ = workbook(store.conn, tmp_path, quarter=1)
    ws = openpyxl.load_workbook(path)[DETAIL_SHEETS[0]]
    row = next(ws.iter_rows(min_row=2, max_row=2))
    summary, response = row[5], row[6]
    assert (summary.data_type, response.data_type) == ("s", "s")
    assert (summary.value, response.value) == ("'=HYPERLINK(\"http://x\",\"押して\")", "'@SUM(1+1)")
    assert "<f>" not in zipfile.ZipFile(path).read("xl/worksheets/sheet2.xml").decode()


def test_charts_name_yu_gothic_for_latin_and_japanese_text(demo_store, tmp_path):
    path, _ = workbook(demo_store.conn, tmp_path)
    with zipfile.ZipFile(path) as archive:
        charts = sorted(name for name in archive.namelist() if name.startswith("xl/charts/chart"))
        assert len(charts) == 2
        for name in charts:
            xml = archive.read(name).decode()
            space_text = xml[xml.rindex("</c:chart>") if "</c:chart>" in xml else xml.rindex("</chart>"):]
            assert 'latin typeface="游ゴシック"' in space_text and 'ea typeface="游ゴシック"' in space_text
            assert xml.count('ea typeface="游ゴシック"') >= 4  # chart space, title, both axes
            assert "<strRef>" in xml  # the category labels are text
            assert "Calibri" not in xml


def test_every_sheet_prints_a4_landscape_with_insurer_period_and_page_numbers(store, tmp_path):
    insert_voices(store, [{}])
    path, _ = workbook(store.conn, tmp_path, quarter=1, insurer=INSURER)
    book = openpyxl.load_workbook(path)
    for ws in book.worksheets:
        assert (ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToWidth) == ("landscape", 9, 1)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.oddHeader.left.text == "お客様の声\u3000保険会社へのご報告（東京海上日動）"
        assert ws.oddHeader.right.text == "作成日 2026/12/05"
        assert ws.oddFooter.center.text == "&P / &N"
    assert book[SUMMARY].oddHeader.center.text == "2025年度 第1四半期（2025/04/01〜2025/06/30）"
    assert book[DETAIL_SHEETS[1]].oddHeader.center.text.startswith("2025年度 累計（第1四半期）")
    for title in DETAIL_SHEETS:
        assert book[title].freeze_panes == "A2" and book[title].auto_filter.ref == "A1:J2"
        assert book[title].print_title_rows == "$1:$1"


def test_stopped_leaves_no_file_and_the_old_one_stays(demo_store, tmp_path):
    path = tmp_path / "報告.xlsx"
    path.write_bytes(b"old")
    steps = []
    control = JobControl(progress=lambda done, total, what: steps.append(what),
                         should_stop=lambda: "声の一覧（年度累計）を書いています" in steps)
    with pytest.raises(Stopped):
        write_quarterly_workbook(demo_store.conn, path, 2025, 2, control=control)
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["報告.xlsx"]
    assert not demo_store.conn.in_transaction  # the read snapshot ended with it


def test_a_locked_target_says_so_in_japanese_and_keeps_the_old_file(store, tmp_path, monkeypatch):
    insert_voices(store, [{}])
    path = tmp_path / "報告.xlsx"
    path.write_bytes(b"old")

    def locked(source, target):  # what Windows raises while Excel has the file open
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(WorkbookSaveError) as raised:
        write_quarterly_workbook(store.conn, path, 2025, 1)
    assert "Excel などで開いている場合は閉じて" in raised.value.message_ja
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["報告.xlsx"]


def test_an_insurer_presets_groups_and_items_as_seed_001_prints_them(store, tmp_path):
    item = "社員や代理店の言葉遣い・マナーに関するもの"
    insert_voices(store, [{"category_group": "募集業務", "category_item": item} for _ in range(3)]
                  + [{"category_group": "保険金支払い業務", "category_item": item} for _ in range(2)])
    path, _ = workbook(store.conn, tmp_path, quarter=1, insurer=INSURER)
    assert_summary_is_the_report(path, insurer_report(store.conn, 2025, 1, INSURER))
    quarter, _ = summary_tables(openpyxl.load_workbook(path)[SUMMARY])
    items = {row[0][0]: (row[1][0], row[2][0]) for row in quarter if item in str(row[0][0])}
    assert items == {f"募集業務 ／ {item}": (3, 1.0), f"保険金支払い業務 ／ {item}": (2, 1.0)}


def test_the_customers_name_typed_into_the_texts_is_masked_as_the_name_column_is(store, tmp_path):
    # A clerk on the phone writes who called into the summary and the response (R31: masked unless asked).
    insert_voices(store, [{"customer_name": "山田 太郎", "summary": "山田 太郎様より、満期のご案内が届かないとのお電話",
                           "response": "山田太郎様へ折り返しご説明済み"}])
    masked, _ = workbook(store.conn, tmp_path, quarter=1)
    for title in DETAIL_SHEETS:
        row = next(openpyxl.load_workbook(masked)[title].iter_rows(min_row=2, values_only=True))
        assert (row[4], row[5], row[6]) == ("＊＊＊", "＊＊＊様より、満期のご案内が届かないとのお電話", "＊＊＊様へ折り返しご説明済み")
    with zipfile.ZipFile(masked) as archive:
        assert not any("山田" in archive.read(name).decode() for name in archive.namelist() if name.endswith(".xml"))
    named, _ = workbook(store.conn, tmp_path, quarter=1, with_personal_data=True)
    row = next(openpyxl.load_workbook(named)[DETAIL_SHEETS[0]].iter_rows(min_row=2, values_only=True))
    assert (row[4], row[5], row[6]) == ("山田 太郎", "山田 太郎様より、満期のご案内が届かないとのお電話", "山田太郎様へ折り返しご説明済み")


def filled_rows(ws) -> set[int]:
    return {cell.row for row in ws.iter_rows() for cell in row if cell.value is not None}


def test_the_charts_print_below_the_quarters_tables_as_wide_as_them_over_no_cell(store, tmp_path):
    # Beside the tables they made the sheet, fitted to the page width, print at about half size.
    insert_voices(store, [{"kind": "praise"} for _ in range(3)]
                  + [{"category_group": group} for group in SEED_002 for _ in range(2)])
    path, _ = workbook(store.conn, tmp_path, quarter=1, insurer=INSURER)
    ws = openpyxl.load_workbook(path)[SUMMARY]
    labels = [row[0] for row in ws.iter_rows(values_only=True)]
    quarter_ends = labels.index(next(t for t in labels if str(t).startswith("■ 年度累計")))  # 0-based: its row − 1
    breaks = sorted(b.id for b in ws.row_breaks.brk)
    charts = ws._charts
    assert len(charts) == 2
    for chart in charts:
        start, end = chart.anchor._from, chart.anchor.to
        # Within the tables' columns A–H exactly (to the left edge of I), below every quarter table ...
        assert (start.col, start.colOff, end.col, end.colOff) == (0, 0, 8, 0)
        assert start.row + 1 > max(row for row in filled_rows(ws) if row <= breaks[2])  # after its page break
        assert breaks[2] < start.row + 1 and end.row < quarter_ends
        # ... and over no filled cell, the rows under it of a fixed height (the chart prints whole).
        assert not filled_rows(ws) & set(range(start.row + 1, end.row + 2))
        assert all(ws.row_dimensions[row].height == 18.75 for row in range(start.row + 1, end.row + 1))
    (first, second) = charts
    assert first.anchor.to.row < second.anchor._from.row  # one below the other, not over each other
    fitted = [ws.page_setup.fitToWidth, ws.sheet_properties.pageSetUpPr.fitToPage]
    assert fitted == [1, True]  # still fitted to the width: now the tables' width


def charted_cells(ws, reference: str) -> list:
    """The values of the cells a chart's reference names (one range, or a union of ranges in parentheses)."""
    values = []
    for part in reference.strip("()").split(","):
        cells = ws[part.split("!")[1].replace("$", "")]
        values += [row[0].value for row in cells] if isinstance(cells, tuple) else [cells.value]
    return values


def test_the_charts_show_the_kinds_and_categories_not_their_parts_or_totals(store, tmp_path):
    insert_voices(store, [{"kind": "praise"} for _ in range(5)] + [{"kind": "request"}]
                  + [{"category_group": "保険金関連", "is_complaint": 1} for _ in range(2)]
                  + [{"category_group": "満期案内・契約手続関連"}])
    path, _ = workbook(store.conn, tmp_path, quarter=1, insurer=INSURER)
    ws = openpyxl.load_workbook(path)[SUMMARY]
    with zipfile.ZipFile(path) as archive:
        charts = [archive.read(name).decode() for name in sorted(archive.namelist())
                  if name.startswith("xl/charts/chart")]
    (kind_labels, kind_counts), (category_labels, category_counts) = [
        re.findall(r"<f>([^<]*)</f>", xml) for xml in charts]
    # The kinds chart: the four kinds (「うち苦情」 is a part of 不満, not a fifth kind), not the total.
    assert charted_cells(ws, kind_labels) == ["感謝", "不満", "要望", "その他"]
    assert charted_cells(ws, kind_counts) == [5, 3, 1, 0]
    assert charted_cells(ws, category_labels) == list(SEED_002)
    assert charted_cells(ws, category_counts) == [1, 0, 0, 2, 0, 0]
