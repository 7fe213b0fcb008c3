"""`agency-app export quarterly`: the quarterly report to an insurer (R27), as text until the Excel writer lands."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from agency_app import cli_export_kpi, cli_export_list


def add_parser(sub) -> None:
    """The `export` command and its `quarterly` report, on the main parser's subcommands."""
    export = sub.add_parser("export", help="保険会社への報告などを出力する（書き込みはしない）")
    kinds = export.add_subparsers(dest="export_kind", metavar="REPORT", required=True)
    quarterly = kinds.add_parser(
        "quarterly", help="四半期の保険会社への報告（四半期と年度累計）",
        description="四半期の保険会社への報告（お客様の声の種別・分類・対応状況、改善、高齢者対応、声の一覧）を、"
                    "その四半期と年度の累計（4月〜四半期末）について出力します。お客様名は伏せます。"
                    "今は --text で画面に表示します。Excel ファイルへの保存（--out FILE.xlsx）は準備中です。",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    quarterly.add_argument("--db", type=Path, required=True)
    # Read as text and checked here, as `kpi` does: argparse's own refusals are in English.
    quarterly.add_argument("--fy", required=True, help="年度（例 2025 = 2025/04/01〜2026/03/31）")
    quarterly.add_argument("--quarter", required=True, help="四半期 1〜4（Q1 = 4〜6月）")
    quarterly.add_argument("--insurer", help="保険会社名（省略時は全保険会社。保険会社のない声も数えます）")
    quarterly.add_argument("--text", action="store_true",
                           help="表として表示する（今はこれだけ。Excel の --out FILE.xlsx は準備中）")
    quarterly.set_defaults(run=_quarterly)
    cli_export_kpi.add_parser(kinds)
    cli_export_list.add_parser(kinds)


def _quarterly(args) -> int:
    from agency_app import cli  # its helpers; imported here, as cli imports this module
    from agency_app.domain.text import normalise_width
    fy_text, quarter_text = normalise_width(args.fy).strip(), normalise_width(args.quarter).strip()
    if not (fy_text.isascii() and fy_text.isdigit() and 2000 <= int(fy_text) <= 2100):
        cli._err(f"年度 {args.fy} を読めません。西暦 4 桁で指定してください（例 --fy 2025）。")
        return cli.PROBLEMS
    if quarter_text not in ("1", "2", "3", "4"):
        cli._err(f"--quarter は 1〜4 で指定してください（Q1 = 4〜6月。指定された値: {args.quarter}）。")
        return cli.PROBLEMS
    if not args.text:
        cli._err("出力のしかたを指定してください。今は --text（表として表示）だけです"
                 "（Excel ファイルへの保存 --out は準備中です）。")
        return cli.PROBLEMS
    if not args.db.is_file():
        cli._err(f"データベースが見つかりません: {args.db}")
        return cli.PROBLEMS
    conn = cli._reader(args.db)
    try:
        if cli._older_than_voice_days(conn, args.db):  # the improvement section reads its tables
            return cli.PROBLEMS
        insurer = None
        if args.insurer is not None:
            insurer = normalise_width(args.insurer).strip()
            if not _known_insurer(conn, insurer):
                names = [name for (name,) in conn.execute("SELECT name FROM insurers ORDER BY sort_order, name")]
                cli._err(f"保険会社「{insurer}」はこのデータベースにありません（あるのは {'、'.join(names) or 'なし'}）。")
                return cli.PROBLEMS
        from agency_app.reports.insurer_report import insurer_report
        from agency_app.reports.plain_text import render_text
        report = insurer_report(conn, int(fy_text), int(quarter_text), insurer)
        text = "".join(render_text(block, lists=True) + "\n" for block in report.blocks)
        if hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(errors="replace")  # cp932 on Japanese Windows: as `counts` does
        print(text, end="")
    except sqlite3.Error as error:
        cli._raise_known(error, args.db)
        raise
    finally:
        conn.close()
    return cli.OK


def _known_insurer(conn: sqlite3.Connection, name: str) -> bool:
    """In the insurers' list, or written on some voice (a name since taken off the list, or imported)."""
    return bool(conn.execute("SELECT 1 FROM insurers WHERE name = ?", (name,)).fetchone()
                or conn.execute("SELECT 1 FROM voices WHERE insurer = ? LIMIT 1", (name,)).fetchone())
