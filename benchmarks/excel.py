"""Excel export speed: the app's write-only workbook (reports/excel) against XlsxWriter's constant-memory mode, same cells.

Each writer runs in a child process of its own, so its peak RSS is its own and the two do not warm each other up.
`python benchmarks/excel.py [--rows 100000]` prints the measures as JSON; benchmarks/run.py calls excel_measures.
XlsxWriter is a benchmark-only dependency (pyproject's `bench` extra); without it xlsxwriter_100k_s is null.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROWS = 100_000
KINDS = ["受付", "苦情", "お褒め", "ご要望", "ご意見"]
CATEGORIES = ["説明不足", "事務手続き", "接客態度", "保険金支払", "契約内容", "その他"]
STATUSES = ["完了", "見送り", "対応中"]


def rows(count: int):
    """100k × 12 cells like a voice list: 8 Japanese texts, 2 dates, 2 numbers; deterministic."""
    from datetime import date, timedelta
    start = date(2025, 4, 1)
    for i in range(count):
        received = start + timedelta(days=i % 365)
        yield (
            received,
            KINDS[i % 5],
            CATEGORIES[i % 6],
            f"お客様より、{CATEGORIES[(i * 7) % 6]}についてのお申し出。担当者が折り返しご連絡し、内容を確認しました（{i}）。",
            f"説明資料を再送し、手続きの流れをご案内した。再発防止のため窓口で共有。{i % 97}",
            STATUSES[i % 3],
            received + timedelta(days=i % 30),
            f"担当{i % 40:02d} 山田",
            f"東京海上日動{i % 3}",
            f"お客様{i % 5000}",
            i % 120,
            (i % 1000) / 1000,
        )


def write_app(path: Path, count: int) -> None:
    sys.path.insert(0, str(ROOT))
    from agency_app.reports.excel.workbook_style import (
        COUNT, DATE, SHARE, Column, ExcelBook, PageHeader)
    columns = [Column("受付日", 11, DATE), Column("種別", 8), Column("分類", 12), Column("内容", 50),
               Column("対応内容", 50), Column("状況", 8), Column("完了日", 11, DATE), Column("担当", 10),
               Column("保険会社", 14), Column("お客様", 12), Column("日数", 6, COUNT), Column("構成比", 8, SHARE)]
    book = ExcelBook()
    sheet = book.list_sheet("明細", columns, PageHeader("ベンチマーク", "2025年度", "作成日 2026/12/05"))
    for row in rows(count):
        sheet.append(row)
    book.save(path)


def write_xlsxwriter(path: Path, count: int) -> None:
    import xlsxwriter
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("明細")
    base = {"font_name": "游ゴシック", "font_size": 11}
    date_format = book.add_format({**base, "num_format": "yyyy/mm/dd"})
    count_format = book.add_format({**base, "num_format": "#,##0"})
    share_format = book.add_format({**base, "num_format": "0.0%"})
    text_format = book.add_format(base)
    formats = [date_format] + [text_format] * 5 + [date_format] + [text_format] * 3 + [count_format, share_format]
    sheet.write_row(0, 0, ["受付日", "種別", "分類", "内容", "対応内容", "状況", "完了日", "担当", "保険会社",
                           "お客様", "日数", "構成比"], text_format)
    for index, row in enumerate(rows(count), 1):
        for column, (value, cell_format) in enumerate(zip(row, formats)):
            if column in (0, 6):
                sheet.write_datetime(index, column, value, cell_format)
            elif column >= 10:
                sheet.write_number(index, column, value, cell_format)
            else:
                sheet.write_string(index, column, value, cell_format)
    book.close()


def child(writer: str, count: int, out: Path) -> None:
    """In the child process: write, then print seconds and peak RSS (MB) as JSON."""
    import time
    started = time.perf_counter()
    (write_app if writer == "app" else write_xlsxwriter)(out, count)
    seconds = time.perf_counter() - started
    print(json.dumps({"s": round(seconds, 2), "peak_rss_mb": peak_rss_mb()}))


def peak_rss_mb() -> float | None:
    try:
        import resource
        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KB on Linux
    except ImportError:  # Windows: no resource module
        return None


def run_child(writer: str, count: int, out: Path) -> dict | None:
    done = subprocess.run([sys.executable, __file__, "--child", writer, "--rows", str(count), "--out", str(out)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        print(f"[bench] excel {writer}: {(done.stderr.strip().splitlines() or [''])[-1][:200]}", flush=True)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def excel_measures(count: int = ROWS) -> dict:
    """export_100k_s, xlsxwriter_100k_s, export_peak_rss_mb (keys keep '100k' whatever `count` is)."""
    with tempfile.TemporaryDirectory(prefix="agency-bench-xl-") as temp:
        app = run_child("app", count, Path(temp) / "app.xlsx")
        reference = run_child("xlsxwriter", count, Path(temp) / "xlsxwriter.xlsx")
    return {"export_100k_s": app and app["s"], "xlsxwriter_100k_s": reference and reference["s"],
            "export_peak_rss_mb": app and app["peak_rss_mb"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--child", choices=["app", "xlsxwriter"])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.rows, args.out)
    else:
        print(json.dumps(excel_measures(args.rows)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
