"""The quarterly workbook for one branch from head office's database is, cell for cell, the branch's own (issue 14's proof)."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from agency_app.reports.excel.quarterly_workbook import DETAIL_SHEETS, SUMMARY, write_quarterly_workbook
from tests.reports.test_insurer_report_by_branch import INSURER, head_office, yokohama  # noqa: F401 (fixtures)

MADE = date(2026, 12, 5)


def cells(path) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def summary_value(path, label: str):
    return next(row[1] for row in openpyxl.load_workbook(path)[SUMMARY].iter_rows(values_only=True) if row[0] == label)


@pytest.mark.parametrize("insurer", [None, INSURER])
def test_a_branchs_workbook_from_head_office_is_the_branchs_own_cell_for_cell(head_office, yokohama, tmp_path,
                                                                             insurer):
    filtered, own = tmp_path / "本部_横浜.xlsx", tmp_path / "横浜.xlsx"
    listed = write_quarterly_workbook(head_office.conn, filtered, 2025, 1, insurer, made=MADE, branch_code="YOK")
    assert listed == write_quarterly_workbook(yokohama.conn, own, 2025, 1, insurer, made=MADE) > 0
    ours, theirs = cells(filtered), cells(own)
    assert list(ours) == [SUMMARY, *DETAIL_SHEETS]
    assert ours == theirs  # every figure, note, and voice listed, in both blocks
    assert summary_value(filtered, "拠点") == "横浜支店（YOK）"
    # The printed heading names the office chosen from head office's database.
    heading = openpyxl.load_workbook(filtered)[SUMMARY].oddHeader.left.text
    assert "横浜支店（YOK）" in heading


def test_the_consolidated_workbook_says_all_branches_and_lists_every_offices_voices(head_office, tmp_path):
    every, yok, osa = (tmp_path / f"{name}.xlsx" for name in ("all", "yok", "osa"))
    counts = [write_quarterly_workbook(head_office.conn, path, 2025, 1, made=MADE, branch_code=code)
              for path, code in ((every, None), (yok, "YOK"), (osa, "OSA"))]
    assert counts[0] == counts[1] + counts[2] and counts[2] > 0
    assert summary_value(every, "拠点") == "全拠点"
    assert summary_value(osa, "拠点") == "大阪支店（OSA）"
    assert "拠点" not in openpyxl.load_workbook(every)[SUMMARY].oddHeader.left.text
