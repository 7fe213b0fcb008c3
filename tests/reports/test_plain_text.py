"""The report as text: seed 004's H1 FY2025 tables read back from the demo records, columns lined up for Japanese."""

from agency_app.domain.periods import HALF, Period
from agency_app.reports.counts_report import counts_report
from agency_app.reports.plain_text import render_text, table, width


def test_japanese_columns_line_up_by_terminal_width():
    lines = table(["対応方法", "計"], [["親族同席", "12"], ["電話確認", "816"]])
    assert {width(line) for line in lines} == {width(lines[0])}
    assert lines[1].endswith(" 12") and lines[2].endswith("816")


def test_the_demo_half_year_reads_as_seed_004_reports_it(demo_store):
    text = render_text(counts_report(demo_store.conn, Period(2025, HALF, 1)))
    assert "集計期間: 2025年度 上期（2025/04/01〜2025/09/30）　全拠点" in text
    lines = text.splitlines()
    elderly = lines[lines.index("■ 高齢者対応件数"):]
    total = next(line for line in elderly if line.startswith("計"))
    assert total.split()[:4] == ["計", "111", "960", "1,071"]
    assert [line.split()[1:3] for line in elderly[:9] if line.startswith(("親族同席", "複数回面談", "複数募集人", "電話確認", "書面確認"))] \
        == [["12", "0"], ["13", "0"], ["20", "0"], ["66", "750"], ["0", "210"]]
    relatives = lines[lines.index("■ 親族連絡先登録"):]
    assert next(line for line in relatives if line.startswith("計")).split() == ["計", "28", "42", "70", "1"]
    assert "■ 対応漏れの一覧" not in text


def test_the_list_of_omissions_is_printed_when_asked(demo_store):
    report = counts_report(demo_store.conn, Period(2025))
    listed = report.section("omission_list")
    assert listed.rows, "the demo has follow-up omissions in FY2025"
    text = render_text(report, lists=True)
    assert "■ 対応漏れの一覧" in text
    first = listed.rows[0]
    assert any(line.startswith(first.label) and line.rstrip().endswith(first.values[-1])
               for line in text.splitlines())
