"""The counts as text: seed 004's H1 FY2025 table read back from the records, widths right for Japanese."""

from agency_app.domain.periods import HALF, Period
from agency_app.reports.counts_text import _width, counts_text, table


def test_japanese_columns_line_up_by_terminal_width():
    lines = table(["対応方法", "計"], [["親族同席", 12], ["電話確認", 816]])
    assert {_width(line) for line in lines} == {_width(lines[0])}
    assert lines[1].endswith(" 12") and lines[2].endswith("816")


def test_the_demo_half_year_reads_as_seed_004_reports_it(demo_store):
    text = counts_text(demo_store.conn, Period(2025, HALF, 1))
    assert "集計期間: 2025年度 上期（2025/04/01〜2025/09/30）" in text
    lines = text.splitlines()
    total = next(line for line in lines if line.startswith("計") and "111" in line)
    assert total.split()[:4] == ["計", "111", "960", "1071"]
    assert [line.split()[1:3] for line in lines if line.startswith(("親族同席", "複数回面談", "複数募集人", "電話確認", "書面確認"))] \
        == [["12", "0"], ["13", "0"], ["20", "0"], ["66", "750"], ["0", "210"]]
    relatives_total = [line for line in lines if line.startswith("計")][1]
    assert relatives_total.split() == ["計", "28", "42", "70", "1"]
