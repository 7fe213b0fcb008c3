"""`agency-app export kpi`: the KPI publication workbook (R29) of several fiscal years, saved as .xlsx and recorded."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

MAX_YEARS = 10   # a publication shows a few years side by side; more would not fit an A4 page's width


def add_parser(kinds) -> None:
    """`export kpi` on the export command's subcommands."""
    kpi = kinds.add_parser(
        "kpi", help="KPI の公表用ワークブック（原則ごとの目標・実績・達成状況・数値・事実・評価、複数年度）",
        description="お客様本位の業務運営に関する取組状況（KPI）を、原則ごとに目標・実績・判定と【数値・事実】"
                    "【評価】を並べた Excel ファイルに保存します。指定した年度とその前の年度を横に並べます。"
                    "個人情報は含みません。保存したことは出力の記録に残ります。",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    kpi.add_argument("--db", type=Path, required=True)
    # Read as text and checked here, as `kpi` does: argparse's own refusals are in English.
    kpi.add_argument("--fy", required=True, help="公表する年度（例 2025 = 2025/04/01〜2026/03/31）")
    kpi.add_argument("--years", default="3", help=f"横に並べる年度の数（既定 3、1〜{MAX_YEARS}）")
    kpi.add_argument("--branch", help="拠点コード（省略時は全拠点）")
    kpi.add_argument("--out", type=Path, required=True, help="保存する Excel ファイル（.xlsx）")
    kpi.set_defaults(run=_export_kpi)


def _progress_lines():
    """Progress on stderr, a line each time the step changes (not one per KPI row)."""
    said = []

    def progress(done: int, total: int, what: str) -> None:
        if sys.stderr is not None and what and what not in said:   # None in the windowed bundle
            said.append(what)
            print(f"{what}…", file=sys.stderr, flush=True)
    return progress


def _export_kpi(args) -> int:
    from agency_app import cli  # its helpers; imported here, as cli imports this module
    from agency_app.domain.text import normalise_width
    fy_text, years_text = normalise_width(args.fy).strip(), normalise_width(args.years).strip()
    if not (fy_text.isascii() and fy_text.isdigit() and 2000 <= int(fy_text) <= 2100):
        cli._err(f"年度 {args.fy} を読めません。西暦 4 桁で指定してください（例 --fy 2025）。")
        return cli.PROBLEMS
    if not (years_text.isascii() and years_text.isdigit() and 1 <= int(years_text) <= MAX_YEARS):
        cli._err(f"--years は 1〜{MAX_YEARS} の数で指定してください（指定された値: {args.years}）。")
        return cli.PROBLEMS
    if args.out.suffix.lower() != ".xlsx":
        cli._err(f"保存先は .xlsx のファイル名で指定してください: {args.out}")
        return cli.PROBLEMS
    fiscal_year, years = int(fy_text), int(years_text)
    if not args.db.is_file():
        cli._err(f"データベースが見つかりません: {args.db}")
        return cli.PROBLEMS
    from agency_app.reports.excel.workbook_style import WorkbookSaveError
    with cli._sheet_store(args.db) as store:   # read-only while the workbook is made
        if store is None:
            return cli.PROBLEMS
        conn = store.conn
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'exports'").fetchone():
            cli._err(f"このデータベースは古い形式です: {args.db}\n"
                     "アプリで一度開くと更新されます。その後もう一度実行してください。")
            return cli.PROBLEMS
        from agency_app.storage.services import Services
        known_years = Services(store).kpis.years()
        covered = range(fiscal_year - years + 1, fiscal_year + 1)
        if not any(year in known_years for year in covered):
            shown = "、".join(f"{year}年度" for year in known_years) or "なし"
            cli._err(f"{covered[0]}〜{fiscal_year}年度の KPI はこのデータベースにありません（KPI があるのは {shown}）。")
            return cli.PROBLEMS
        branch = None
        if args.branch is not None:  # as `kpi`: upper case, an unknown code refused rather than shown as データなし
            branch = normalise_width(args.branch).strip().upper()
            known = [code for (code,) in conn.execute("SELECT code FROM branches ORDER BY code")]
            if branch not in known:
                cli._err(f"拠点コード {branch} はこのデータベースにありません（あるのは {', '.join(known)}）。")
                return cli.PROBLEMS
        from agency_app.domain.progress import JobControl
        from agency_app.reports.excel.kpi_workbook import write_kpi_workbook
        try:
            rows = write_kpi_workbook(conn, args.out, fiscal_year, years, branch=branch,
                                      control=JobControl(progress=_progress_lines()))
        except WorkbookSaveError as error:
            cli._err(error.message_ja)
            return cli.STORAGE_ERROR
    _record(args.db, args.out, covered, branch, rows)
    print(f"KPI の公表用ワークブックを保存しました: {args.out}（KPI {rows} 行）")
    return cli.OK


def _record(db: Path, out: Path, covered: range, branch: str | None, rows: int) -> None:
    """The export's record, written after the file is saved, through a store that may write (the report itself
    was read through a read-only one). The KPI publication holds no personal data."""
    from agency_app import cli
    from agency_app.storage.database import open_store
    from agency_app.storage.exports import KPI_PUBLICATION, record_export
    description = f"KPI {covered[0]}〜{covered[-1]}年度" + (f" 拠点 {branch}" if branch else "")
    try:
        store = open_store(db, create=False, daily_backup=False)
    except sqlite3.Error as error:
        cli._raise_known(error, db)
        raise
    try:
        record_export(store, report=KPI_PUBLICATION, description=description, with_personal_data=False,
                      file_path=out, row_count=rows, by=None)
    finally:
        store.close()
