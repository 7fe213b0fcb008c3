"""Excel export speed: the quarterly insurer report (reports/excel/quarterly_workbook) on a quarter of 100,000 voices, against XlsxWriter's constant-memory mode writing the same cells.

The database is built once by a fast synthetic insert into benchmarks/cache/quarter-<N>-schema<V>.db (git-ignored;
V is the newest schema): <N> voices of one insurer in FY2025 Q2, plus a few thousand in Q1 (the fiscal year to date)
and of other insurers (so the insurer's index has something to skip). Each writer runs in a child process of its
own, so its peak RSS is its own and the two do not warm each other up; both build the same InsurerReport, then the
app writes its workbook and XlsxWriter writes the same cells (summary tables and both voice lists).
`python benchmarks/excel.py [--rows 100000]` prints the measures as JSON; benchmarks/run.py calls excel_measures.
XlsxWriter is a benchmark-only dependency (pyproject's `bench` extra); without it xlsxwriter_100k_s is null.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "benchmarks" / "cache"
ROWS = 100_000
FISCAL_YEAR, QUARTER = 2025, 2
INSURER = "東京海上日動"
OTHERS = ["損害保険ジャパン", "三井住友海上", None]
KINDS = ["praise", "dissatisfaction", "request", "other"]
GROUPS = ["満期案内・契約手続関連", "変更・解約・保全関連", "保険料収納関連", "保険金関連", "個人情報関連", "その他"]
STATUSES = ["done", "dropped", "in_progress"]
STAMP = "2025-04-01 09:00"


def cache_path(count: int) -> Path:
    sys.path.insert(0, str(ROOT))
    from agency_app.storage import migrations
    return CACHE / f"quarter-{count}-schema{migrations.latest_schema_version()}.db"


def _voices(count: int):
    """`count` voices of INSURER received in FY2025 Q2, then a tenth as many in Q1 and of other insurers; deterministic."""
    from datetime import datetime, timedelta
    q2, q1 = datetime(2025, 7, 1, 9), datetime(2025, 4, 1, 9)
    extra = count // 10
    for i in range(count + 2 * extra):
        if i < count:
            received, insurer = q2 + timedelta(seconds=i * (92 * 86400 - 10 * 3600) // count), INSURER
        elif i < count + extra:
            received, insurer = q1 + timedelta(seconds=(i - count) * 80), INSURER
        else:
            received, insurer = q2 + timedelta(seconds=(i - count) * 70), OTHERS[i % 3]
        kind = KINDS[i % 4]
        status = STATUSES[i % 3]
        done = (received + timedelta(days=i % 40)).date().isoformat() if status != "in_progress" else None
        yield (f"b{i:012d}", "HQ", "HQ", received.strftime("%Y-%m-%d %H:%M"), "phone", kind,
               int(kind == "dissatisfaction" and i % 7 == 0), GROUPS[i % 6] if kind == "dissatisfaction" else None,
               insurer, f"顧客 {i % 5000:04d}",
               f"お客様より、{GROUPS[(i * 7) % 6]}についてのお申し出。担当者が折り返しご連絡し、内容を確認しました（{i}）。",
               f"説明資料を再送し、手続きの流れをご案内した。再発防止のため窓口で共有。{i % 97}" if done else "",
               status, done, "ご意向" if status == "dropped" else None, STAMP, STAMP)


def quarter_db(count: int = ROWS) -> Path:
    """The cached database (built when missing: about a minute, the triggers index every voice's words)."""
    sys.path.insert(0, str(ROOT))
    from agency_app.storage.database import open_store
    from agency_app.storage.masters import initialise
    path = cache_path(count)
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    for stale in CACHE.glob(f"quarter-{count}-schema*.db"):
        stale.unlink()
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    print(f"[bench] building {count:,} voices of one quarter into {path.relative_to(ROOT)} …", flush=True)
    started = time.perf_counter()
    store = open_store(partial, daily_backup=False)
    try:
        initialise(store)
        with store.write() as db:
            db.conn.executemany(
                "INSERT INTO voices (uid, origin_branch, branch_code, received_at, channel, kind, is_complaint, "
                "category_group, insurer, customer_name, summary, response, status, completed_on, close_reason, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", _voices(count))
        store.conn.execute("ANALYZE")
    finally:
        store.close()
    for suffix in ("-wal", "-shm"):
        partial.with_name(partial.name + suffix).unlink(missing_ok=True)
    partial.replace(path)
    print(f"[bench] built in {time.perf_counter() - started:.1f} s", flush=True)
    return path


def _reader(db: Path):
    sys.path.insert(0, str(ROOT))
    from agency_app.storage.database import connect
    conn = connect(db, wal=False)
    conn.execute("PRAGMA query_only = 1")
    return conn


def write_app(db: Path, out: Path) -> int:
    from agency_app.reports.excel.quarterly_workbook import write_quarterly_workbook
    conn = _reader(db)
    try:
        return write_quarterly_workbook(conn, out, FISCAL_YEAR, QUARTER, INSURER)
    finally:
        conn.close()


def write_xlsxwriter(db: Path, out: Path) -> int:
    """The same report's cells through XlsxWriter: each summary table (label, counts, shares) and both voice lists."""
    import xlsxwriter
    from datetime import date
    from decimal import Decimal
    from agency_app.reports.excel.quarterly_workbook import DETAIL_COLUMNS, DETAIL_SHEETS, SUMMARY
    from agency_app.reports.insurer_report import insurer_report
    from agency_app.reports.report import COUNT, SHARE
    conn = _reader(db)
    try:
        report = insurer_report(conn, FISCAL_YEAR, QUARTER, INSURER)
    finally:
        conn.close()
    book = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    base = {"font_name": "游ゴシック", "font_size": 11}
    text, bold = book.add_format(base), book.add_format({**base, "bold": True})
    day = book.add_format({**base, "num_format": "yyyy/mm/dd", "valign": "top"})
    count = book.add_format({**base, "num_format": "#,##0"})
    share = book.add_format({**base, "num_format": "0.0%"})
    wrap = book.add_format({**base, "text_wrap": True, "valign": "top"})
    summary = book.add_worksheet(SUMMARY)
    row = 0
    for block in report.blocks:
        for section in block.sections:
            if section.listing:
                continue
            summary.write_string(row, 0, section.title, bold)
            summary.write_row(row + 1, 0, section.header(), bold)
            row += 2
            for item in section.rows:
                summary.write_string(row, 0, item.label, text)
                for column, (kind, value) in enumerate(zip(section.columns, item.values), 1):
                    if kind.kind == SHARE and value is not None:
                        summary.write_number(row, column, float(Decimal(value) / 100), share)
                    elif kind.kind == COUNT and value is not None:
                        summary.write_number(row, column, value, count)
                row += 1
            for note in section.notes:
                summary.write_string(row, 0, note, text)
                row += 1
            row += 1
    for block, title in zip(report.blocks, DETAIL_SHEETS):
        sheet = book.add_worksheet(title)
        sheet.write_row(0, 0, [column.header for column in DETAIL_COLUMNS], bold)
        for index, item in enumerate(block.section("voice_list").rows, 1):
            sheet.write_datetime(index, 0, date.fromisoformat(item.label.replace("/", "-")), day)
            *texts, done_on = item.values
            for column, value in enumerate(texts, 1):
                if value:
                    sheet.write_string(index, column, value, wrap)
            if done_on:
                sheet.write_datetime(index, len(texts) + 1, date.fromisoformat(done_on), day)
    book.close()
    return len(report.blocks[0].section("voice_list").rows)


def child(writer: str, db: Path, out: Path) -> None:
    """In the child process: write, then print seconds, peak RSS (MB) and the quarter's listed voices as JSON."""
    sys.path.insert(0, str(ROOT))
    started = time.perf_counter()
    listed = (write_app if writer == "app" else write_xlsxwriter)(db, out)
    seconds = time.perf_counter() - started
    print(json.dumps({"s": round(seconds, 2), "peak_rss_mb": peak_rss_mb(), "listed": listed}))


def peak_rss_mb() -> float | None:
    """This process's own peak: Linux's VmHWM (its memory since exec). ru_maxrss would also hold the peak of the
    parent it was forked from (the kernel keeps the larger across exec): 107 MB when the parent had just built the
    benchmark's database, against the export's own 45 MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)  # kB
    except OSError:
        pass
    try:
        import resource
        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KB on Linux, bytes on macOS
    except ImportError:  # Windows: no resource module
        return None


def run_child(writer: str, db: Path, out: Path) -> dict | None:
    done = subprocess.run([sys.executable, __file__, "--child", writer, "--db", str(db), "--out", str(out)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        print(f"[bench] excel {writer}: {(done.stderr.strip().splitlines() or [''])[-1][:200]}", flush=True)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def excel_measures(count: int = ROWS) -> dict:
    """export_100k_s, xlsxwriter_100k_s, export_peak_rss_mb (keys keep '100k' whatever `count` is)."""
    db = quarter_db(count)
    with tempfile.TemporaryDirectory(prefix="agency-bench-xl-") as temp:
        app = run_child("app", db, Path(temp) / "app.xlsx")
        reference = run_child("xlsxwriter", db, Path(temp) / "xlsxwriter.xlsx")
    return {"export_100k_s": app and app["s"], "xlsxwriter_100k_s": reference and reference["s"],
            "export_peak_rss_mb": app and app["peak_rss_mb"], "export_listed_voices": app and app["listed"],
            "xlsxwriter_peak_rss_mb": reference and reference["peak_rss_mb"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--child", choices=["app", "xlsxwriter"])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.db, args.out)
    else:
        print(json.dumps(excel_measures(args.rows)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
