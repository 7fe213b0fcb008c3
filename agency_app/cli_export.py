"""`agency-app export quarterly`: the quarterly report to an insurer (R27) as an Excel workbook (--out) or as text (--text)."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from agency_app import cli_export_kpi, cli_export_list
from agency_app.domain import codes
from agency_app.domain.progress import JobControl


def add_parser(sub) -> None:
    """The `export` command and its `quarterly` report, on the main parser's subcommands."""
    export = sub.add_parser("export", help="保険会社への報告などを出力する（書き込みはしない）")
    kinds = export.add_subparsers(dest="export_kind", metavar="REPORT", required=True)
    quarterly = kinds.add_parser(
        "quarterly", help="四半期の保険会社への報告（四半期と年度累計）",
        description="四半期の保険会社への報告（お客様の声の種別・分類・対応状況、改善、高齢者対応、声の一覧）を、"
                    "その四半期と年度の累計（4月〜四半期末）について出力します。"
                    "--out FILE.xlsx で Excel ファイルに保存し（集計表とグラフ、声の一覧）、--text で画面に表示します。"
                    "お客様名は伏せます。お客様名を含めるのは管理者だけです（--with-personal-data --staff 管理者名）。"
                    "Excel への出力は、誰が・いつ・何を出力したかを記録します。",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    quarterly.add_argument("--db", type=Path, required=True)
    # Read as text and checked here, as `kpi` does: argparse's own refusals are in English.
    quarterly.add_argument("--fy", required=True, help="年度（例 2025 = 2025/04/01〜2026/03/31）")
    quarterly.add_argument("--quarter", required=True, help="四半期 1〜4（Q1 = 4〜6月）")
    quarterly.add_argument("--insurer", help="保険会社名（省略時は全保険会社。保険会社のない声も数えます）")
    quarterly.add_argument("--branch", help=cli_export_list.BRANCH_HELP)
    quarterly.add_argument("--out", type=Path, metavar="FILE.xlsx",
                           help="Excel ファイルに保存する（同じ名前のファイルは置き換えます）")
    quarterly.add_argument("--text", action="store_true", help="表として画面に表示する")
    quarterly.add_argument("--with-personal-data", action="store_true",
                           help="お客様名を伏せずに出力する（管理者のみ。--staff で管理者を指定。記録されます）")
    quarterly.add_argument("--staff", metavar="NAME_OR_CODE",
                           help="出力する担当者の氏名または担当者コード（出力の記録に残ります）")
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
    if not args.text and args.out is None:
        cli._err("出力のしかたを指定してください: --out FILE.xlsx（Excel ファイルに保存）または --text（表として表示）。")
        return cli.PROBLEMS
    if args.text and args.out is not None:
        cli._err("--out と --text は同時に指定できません。どちらか一方を指定してください。")
        return cli.PROBLEMS
    if args.out is not None and args.out.suffix.lower() != ".xlsx":
        cli._err(f"保存先は .xlsx のファイル名で指定してください（指定された名前: {args.out.name}）。")
        return cli.PROBLEMS
    if args.with_personal_data and args.out is None:
        cli._err("--with-personal-data は Excel ファイルへの出力（--out FILE.xlsx）と一緒に指定してください。")
        return cli.PROBLEMS
    if args.with_personal_data and not args.staff:
        cli._err("お客様名を含めて出力できるのは管理者だけです。--staff で管理者の氏名または担当者コードを指定してください。")
        return cli.PROBLEMS
    if not args.db.is_file():
        cli._err(f"データベースが見つかりません: {args.db}")
        return cli.PROBLEMS
    if args.out is not None:
        return _quarterly_workbook(args, int(fy_text), int(quarter_text))
    conn = cli._reader(args.db)
    try:
        if cli._older_than_voice_days(conn, args.db):  # the improvement section reads its tables
            return cli.PROBLEMS
        insurer = None
        if args.insurer is not None:
            insurer = _known_insurer(conn, args.insurer)
            if insurer is None:
                names = [name for (name,) in conn.execute("SELECT name FROM insurers ORDER BY sort_order, name")]
                cli._err(f"保険会社「{args.insurer.strip()}」はこのデータベースにありません"
                         f"（あるのは {'、'.join(names) or 'なし'}）。")
                return cli.PROBLEMS
        branch = _branch(conn, args.branch)
        if branch is False:
            return cli.PROBLEMS
        from agency_app.reports.insurer_report import insurer_report
        from agency_app.reports.plain_text import render_text
        report = insurer_report(conn, int(fy_text), int(quarter_text), insurer, branch_code=branch)
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


def _branch(conn: sqlite3.Connection, typed: str | None) -> str | None | bool:
    """--branch as `counts` reads it (upper case, any width); False, said in Japanese, for a code not there."""
    from agency_app import cli
    try:
        return cli_export_list.known_branch(conn, typed)
    except cli_export_list._Refused as refusal:
        cli._err(str(refusal))
        return False


def _known_insurer(conn: sqlite3.Connection, typed: str) -> str | None:
    """The insurer's name as stored — in the insurers' list, or written on some voice (a name since taken off the
    list, or imported) — for the name as typed, full- or half-width alike (names are kept as typed: ＡＩＧ損保);
    None when there is none."""
    from agency_app.domain.text import normalise_width
    typed = typed.strip()
    for name in (typed, normalise_width(typed)):
        if (conn.execute("SELECT 1 FROM insurers WHERE name = ?", (name,)).fetchone()
                or conn.execute("SELECT 1 FROM voices WHERE insurer = ? LIMIT 1", (name,)).fetchone()):
            return name
    wanted = normalise_width(typed)
    names = conn.execute("SELECT name FROM insurers UNION SELECT DISTINCT insurer FROM voices "
                         "WHERE insurer IS NOT NULL").fetchall()
    return next((name for (name,) in names if normalise_width(name).strip() == wanted), None)


def _quarterly_workbook(args, fiscal_year: int, quarter: int) -> int:
    """Save the workbook, then record the export (who, what, with personal data or not: R31)."""
    from agency_app import cli
    from agency_app.domain.text import normalise_width
    from agency_app.reports.excel.quarterly_workbook import quarter_text, write_quarterly_workbook
    from agency_app.reports.excel.workbook_style import WorkbookSaveError
    from agency_app.reports.insurer_report import ALL_INSURERS, quarter_periods
    from agency_app.storage import exports, migrations
    from agency_app.storage.database import open_store
    from agency_app.storage.errors import StorageError
    # Not the read-only connection of --text: the export is recorded in the database.
    store = open_store(args.db, create=False, migrate=False, daily_backup=False)
    try:
        if migrations.pending(store.db):
            cli._err(f"このデータベースは古い形式です: {args.db}\n"
                     "アプリで一度開くと更新されます。その後もう一度実行してください。")
            return cli.PROBLEMS
        insurer = None
        if args.insurer is not None:
            insurer = _known_insurer(store.conn, args.insurer)
            if insurer is None:
                names = [name for (name,) in store.conn.execute("SELECT name FROM insurers ORDER BY sort_order, name")]
                cli._err(f"保険会社「{args.insurer.strip()}」はこのデータベースにありません"
                         f"（あるのは {'、'.join(names) or 'なし'}）。")
                return cli.PROBLEMS
        branch = _branch(store.conn, args.branch)
        if branch is False:
            return cli.PROBLEMS
        staff_uid = None
        if args.staff:
            staff_uid = _staff(store.conn, normalise_width(args.staff).strip(), args.with_personal_data)
            if staff_uid is None:
                return cli.PROBLEMS
        whom = insurer or ALL_INSURERS
        if branch:
            whom += f"・拠点 {branch}"
        _say(f"{fiscal_year}年度 第{quarter}四半期の報告（{whom}）を作成します: {args.out}")
        try:
            listed = write_quarterly_workbook(store.conn, args.out, fiscal_year, quarter, insurer,
                                              with_personal_data=args.with_personal_data,
                                              control=JobControl(progress=_Progress()), branch_code=branch)
        except WorkbookSaveError as error:
            cli._err(error.message_ja)
            return cli.PROBLEMS
        period = quarter_text(fiscal_year, quarter, quarter_periods(fiscal_year, quarter)[0])
        try:
            exports.record_export(store, report=exports.QUARTERLY, description=f"{period} {whom}",
                                  with_personal_data=args.with_personal_data, file_path=args.out,
                                  row_count=listed, by=staff_uid)
        except (StorageError, sqlite3.Error):
            # An export that cannot be recorded is not handed out (R31): the file goes too.
            args.out.unlink(missing_ok=True)
            raise
        _say(f"保存しました: {args.out}（四半期の声 {listed:,} 件）")
    except sqlite3.Error as error:
        cli._raise_known(error, args.db)
        raise
    finally:
        store.close()
    return cli.OK


def _staff(conn: sqlite3.Connection, key: str, with_personal_data: bool) -> str | None:
    """The staff member named by name or code (uid); None, said in Japanese, when none, several, or (for an export
    with personal data) not an active manager."""
    from agency_app import cli
    # A name matches with or without the space between family and given name (佐藤 一郎 = 佐藤一郎).
    found = conn.execute("SELECT uid, name, role, active FROM staff WHERE uid = ? OR "
                         "replace(replace(name, ' ', ''), '　', '') = ?",
                         (key, key.replace(" ", "").replace("　", ""))).fetchall()
    if not found:
        cli._err(f"担当者「{key}」が見つかりません。氏名または担当者コードを確かめてください。")
        return None
    if len(found) > 1:
        cli._err(f"「{key}」という担当者が複数います。担当者コードで指定してください"
                 f"（{'、'.join(uid for uid, *_ in found)}）。")
        return None
    uid, name, role, active = found[0]
    if with_personal_data and (role != codes.ROLE_MANAGER or not active):
        cli._err(f"お客様名を含めて出力できるのは管理者だけです（{name} さんは管理者ではありません）。"
                 "お客様名を伏せて出力するには --with-personal-data を外してください。")
        return None
    return uid


def _say(text: str) -> None:
    if sys.stderr is not None:  # None in the windowed bundle
        print(text, file=sys.stderr, flush=True)


class _Progress:
    """A line on stderr per step, and per tenth of a long list (not per 1,000 rows)."""

    def __init__(self):
        self.what = None
        self.shown = -1

    def __call__(self, done: int, total: int, what: str) -> None:
        tenth = done * 10 // total if total else 0
        if what != self.what:
            self.what, self.shown = what, tenth
            _say(f"  {what}" + (f"（{total:,} 件）" if total else ""))
        elif total and tenth != self.shown:
            self.shown = tenth
            _say(f"  {what} {done:,} / {total:,} 件")
