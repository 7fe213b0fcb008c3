"""`agency-app` command: the window (no subcommand) and headless commands — demo, init, backup, check, counts, kpi, and
the printed sheets (voice-day, circulation, the KPI sheet). No Qt at module level: the sheets import it inside their commands."""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import sqlite3
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Iterator

from sqlite_utils import Database

from agency_app import __version__, logs
from agency_app.os_errors import os_error_text
from agency_app.domain.periods import now_tokyo
from agency_app.storage import backup, history_check, migrations, word_index
from agency_app.storage.database import Store, check_integrity, connect, open_store, refuse_emptied
from agency_app.storage.errors import (
    CannotOpen, DatabaseTooNew, ReadOnly, StorageError, translate_sqlite_error,
)
from agency_app.storage.masters import initialise
from agency_app.storage.private_copy import has_side_files, private_copy

# Exit codes: 0 all well, 1 refused or problems found, 2 a known storage error (message in Japanese),
# 3 a program error (a bug: its traceback is in the log file, and on the console when there is one).
OK, PROBLEMS, STORAGE_ERROR, PROGRAM_ERROR = 0, 1, 2, 3

log = logging.getLogger(__name__)
SIDE_FILES = ("-wal", "-shm", "-journal")


def main(argv: list[str] | None = None) -> int:
    # The demo builds its search index in a second process; in a frozen Windows bundle that child
    # re-launches this executable, and freeze_support() makes it run the child's work, not the app.
    multiprocessing.freeze_support()
    args = _parser().parse_args(opened_from_explorer(sys.argv[1:] if argv is None else argv))
    # The window and every command write to the log file too: the windowed bundle has no console at all.
    logs.start()
    if args.command is None:
        from agency_app.app import run_gui  # Qt only when the window is wanted
        code = run_gui(args.gui_db, smoke_test=args.smoke_test)
    else:
        code = _run(args)
    log.info("%s: exit code %d", args.command or "window", code)
    return code


COMMANDS = ("demo", "init", "backup", "check", "counts", "kpi", "voice-day", "circulation", "export", "import",
            "erase-customer", "sync")


def opened_from_explorer(argv: list[str]) -> list[str]:
    """A database file dropped on AgencyVoice.exe, or opened with it from Explorer, arrives as the only argument:
    it is opened as with --db (argparse would refuse it, and the windowed exe has no console to say so)."""
    if len(argv) == 1 and not argv[0].startswith("-") and argv[0] not in COMMANDS and Path(argv[0]).is_file():
        return ["--db", argv[0]]
    return argv


def _run(args) -> int:
    try:
        return args.run(args)
    except StorageError as error:
        _err(error.message_ja)
        return STORAGE_ERROR
    except OSError as error:  # a folder or file the command cannot create or read
        _err(os_error_text(error))
        return STORAGE_ERROR
    except KeyboardInterrupt:
        _err("中断しました。")
        return 130
    except Exception:  # noqa: BLE001 — a bug: its traceback goes to the log (and the console, once)
        log.exception("%s: program error", args.command)
        return PROGRAM_ERROR


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agency-app", description="お客様の声・対応管理。コマンドなしで画面を開きます。")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", dest="gui_db", type=Path, help="開くデータベースファイル")
    parser.add_argument("--smoke-test", action="store_true",
                        help="メイン画面を表示してすぐ終了する（動作確認用）")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="デモ用のデータベースを作る")
    demo.add_argument("--db", type=Path, required=True)
    demo.add_argument("--voices", type=int, default=2000, help="お客様の声の件数（既定 2000）")
    demo.add_argument("--seed", type=int, default=1, help="乱数の種（同じ種なら同じデータ）")
    demo.add_argument("--today", type=date.fromisoformat, help="基準日 YYYY-MM-DD（既定は今日）")
    demo.add_argument("--force", action="store_true", help="既存のファイルを削除して作り直す")
    demo.add_argument("--no-offices", action="store_true",
                      help="拠点（横浜・大宮）のデータベースと交換フォルダーを作らない（本部のファイルだけ）")
    demo.set_defaults(run=_demo)

    init = sub.add_parser("init", help="空のデータベースを作る（本部または拠点）")
    init.add_argument("--db", type=Path, required=True)
    init.add_argument("--branch", help="拠点コード（既定 HQ）")
    init.add_argument("--branch-name", help="拠点名（既定 本部）")
    init.add_argument("--head-office", action="store_true", help="本部として作る（--branch 省略時は本部）")
    init.set_defaults(run=_init)

    backup = sub.add_parser("backup", help="使用中でも安全にバックアップを取る")
    backup.add_argument("--db", type=Path, required=True)
    backup.add_argument("--to", type=Path, help="保存先ファイル（既定は backups フォルダー）")
    backup.set_defaults(run=_backup)

    counts = sub.add_parser("counts", help="集計タブと同じ集計表（お客様の声の種別・分類・対応状況、高齢者対応、"
                                           "親族連絡先、対応漏れ、改善、声の日で未検討の声）を表示する（書き込みはしない）")
    counts.add_argument("--db", type=Path, required=True)
    counts.add_argument("--year", type=int, required=True, help="年度（例 2025 = 2025/04/01〜2026/03/31）")
    part = counts.add_mutually_exclusive_group()
    part.add_argument("--half", type=int, choices=(1, 2), help="1 = 上期（4〜9月）、2 = 下期（10〜3月）")
    part.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), help="四半期 1〜4（Q1 = 4〜6月）")
    part.add_argument("--month", type=int, choices=range(1, 13), metavar="1-12", help="月")
    counts.add_argument("--branch", help="拠点コード（省略時は全拠点）")
    counts.add_argument("--list", action="store_true", help="対応漏れの一覧（最初の 500 件）も表示する")
    counts.set_defaults(run=_counts)

    kpi = sub.add_parser("kpi", help="KPI の一覧（目標・実績・達成/未達・確定・過去の年度）を原則ごとに表示する、"
                                     "または A4 の PDF に保存する（書き込みはしない）")
    kpi.add_argument("--db", type=Path, required=True)
    # Read as text and checked here: argparse's own refusals are in English.
    kpi.add_argument("--fy", required=True, help="年度（例 2025 = 2025/04/01〜2026/03/31）")
    kpi.add_argument("--half", help="1 = 上期（4〜9月）、2 = 下期（10〜3月）。年度の KPI はその半期の値（中間）")
    kpi.add_argument("--branch", help="拠点コード（省略時は全拠点）")
    kpi.add_argument("--pdf", type=Path, help="表示せずに A4 の PDF に保存する")
    kpi.set_defaults(run=_kpi)

    voice_day = sub.add_parser("voice-day", help="声の日シートを PDF に保存する（記録された会議、なければ前回の声の日"
                                                 "からの範囲のプレビュー。書き込みはしない）")
    voice_day.add_argument("--db", type=Path, required=True)
    voice_day.add_argument("--team", required=True, help="チーム名（担当者のチーム）")
    voice_day.add_argument("--date", required=True, help="声の日の日付 YYYY-MM-DD")
    voice_day.add_argument("--pdf", type=Path, required=True, help="保存する PDF ファイル")
    voice_day.add_argument("--branch", help="拠点コード（省略時はこのデータベースの拠点）")
    voice_day.set_defaults(run=_voice_day)

    circulation = sub.add_parser("circulation", help="その月の回覧（お客様の声の一覧と確認欄）を PDF に保存する"
                                                     "（書き込みはしない）")
    circulation.add_argument("--db", type=Path, required=True)
    circulation.add_argument("--month", required=True, help="月 YYYY-MM（例 2025-06）")
    circulation.add_argument("--pdf", type=Path, required=True, help="保存する PDF ファイル")
    circulation.add_argument("--branch", help="拠点コード（省略時はこのデータベースの拠点）")
    circulation.set_defaults(run=_circulation)

    check = sub.add_parser("check", help="データベースを点検する（書き込みはしない）")
    check.add_argument("--db", type=Path, required=True)
    check.set_defaults(run=_check)

    from agency_app import cli_erase, cli_export, cli_import, cli_sync  # export, import, erase, sync: own modules
    cli_export.add_parser(sub)
    cli_import.add_parser(sub)
    cli_erase.add_parser(sub)
    cli_sync.add_parser(sub)
    return parser


def _err(text: str) -> None:
    log.info("message: %s", text)
    if sys.stderr is not None:  # None in the windowed bundle
        print(text, file=sys.stderr)


# --- demo ---------------------------------------------------------------------
def _demo(args) -> int:
    path: Path = args.db
    if args.voices < 0:
        _err("--voices は 0 以上を指定してください。")
        return PROBLEMS
    from agency_app.demo import offices as demo_offices  # the branch databases beside it, and their folder
    others = demo_offices.office_files(path)
    existing = [p for p in (path, *(_side(path, s) for s in SIDE_FILES)) if p.exists()] + others.existing()
    if existing and not args.force:
        _err(f"ファイルが既にあります: {existing[0]}\n上書きするには --force を付けてください。")
        return PROBLEMS
    for file in existing:
        file.unlink()
    others.remove()
    try:
        store = open_store(path, daily_backup=False, new=True)
        try:
            initialise(store)
            show = _progress_printer(args.voices)
            from agency_app.demo.voices import generate  # here, not at the top: every start would pay ~40 ms
            made = generate(store, voices=args.voices, seed=args.seed, today=args.today, progress=show)
        finally:
            store.close()
        with_offices = not args.no_offices and args.voices <= demo_offices.OFFICES_UP_TO
        offices = demo_offices.make_offices(path) if with_offices else None
    except BaseException:  # no half-made demo file left behind: a second try needs no --force
        for file in (path, *(_side(path, s) for s in SIDE_FILES)):
            file.unlink(missing_ok=True)
        others.remove()
        raise
    kinds = "・".join(f"{k} {v:,}" for k, v in made["by_kind"].items())
    print(f"デモデータを作成しました: {path}")
    print(f"  拠点 {made['branches']} / 担当者 {made['staff']} / お客様の声 {made['voices']:,} 件"
          f"（{kinds}、うち苦情 {made['complaints']:,}）")
    print(f"  未完了 {made['open']:,} 件（期限超過 {made['overdue']:,} 件）/ 折り返し約束 本日 "
          f"{made['callbacks_today']} 件・明日 {made['callbacks_tomorrow']} 件 / 再オープン {made['reopened']} 件")
    f = made.get("followups")
    if f:
        print(f"  お客様 {f['customers']:,} 名（高齢 {f['elderly_customers']:,} 名）/ 対応案件 {f['cases']:,} 件"
              f" / 高齢者対応記録 {f['elderly_sales']:,} 件（未完了 {f['elderly_incomplete']:,} 件）"
              f" / 親族連絡先 {f['relative_contacts']:,} 件")
    d = made.get("voice_days")
    if d:
        print(f"  声の日 {d['voice_days_closed'] + d['voice_days_open']} 回（開催中 {d['voice_days_open']} 回）"
              f" / 改善 {d['improvements']} 件 / 先月の回覧を読んだ担当者 {d['circulation_reads']} 名")
    k = made.get("kpis")
    if k:
        years = k["fiscal_years"]
        print(f"  KPI {k['kpis']} 件（{years[0]}〜{years[-1]}年度、確定 {k['kpi_finalisations']} 期間）"
              f" / アンケート回答 {k['survey_answers']:,} 件 / 会議・研修 {k['trainings']} 回 / 資格 {k['qualifications']} 件")
    print(f"  所要時間 {made['seconds']:.2f} 秒（{made['voices_per_s']:,} 件/秒）")
    print("  内訳（秒）: " + ", ".join(f"{k} {v:.2f}" for k, v in made["phases"].items()))
    if offices:
        print("  拠点: " + "、".join(f"{p.name}（{code}）" for code, p in offices["branches"].items())
              + f" / 交換フォルダー {offices['exchange'].name}（送受信ファイル {offices['bundles']} 件）"
              f" / 本部の競合 {offices['conflicts']} 件 / パスフレーズ {demo_offices.PASSPHRASE}"
              f" / {offices['seconds']:.2f} 秒")
    elif not args.no_offices:
        print(f"  拠点のデータベースは作りませんでした（お客様の声が {demo_offices.OFFICES_UP_TO:,} 件を超えるデモでは"
              "時間がかかりすぎるため）")
    return OK


def _counts(args) -> int:
    from agency_app.domain import periods
    if not args.db.exists():
        _err(f"データベースが見つかりません: {args.db}")
        return PROBLEMS
    if args.half:
        period = periods.Period(args.year, periods.HALF, args.half)
    elif args.quarter:
        period = periods.Period(args.year, periods.QUARTER, args.quarter)
    elif args.month:
        period = periods.Period(args.year, periods.MONTH, args.month)  # 1–3 are in the next calendar year (R1)
    else:
        period = periods.Period(args.year, periods.YEAR, 0)
    with _untouched(args.db) as readable:
        return _counts_from(readable, args, period)


def _counts_from(readable: Path, args, period) -> int:
    from agency_app.reports.counts_report import counts_report
    from agency_app.reports.plain_text import render_text
    conn = _reader(readable)
    try:
        check_integrity(conn, args.db)  # as the sheets: figures read from a damaged file are not shown as true
        if _older_than_voice_days(conn, args.db):  # the improvement and voice-day sections read its tables
            return PROBLEMS
        branch = None
        if args.branch is not None:  # as `init` makes codes: upper case; an unknown one is refused, not counted as 0
            branch = args.branch.strip().upper()
            known = [code for (code,) in conn.execute("SELECT code FROM branches ORDER BY code")]
            if branch not in known:
                _err(f"拠点コード {branch} はこのデータベースにありません（あるのは {', '.join(known)}）。")
                return PROBLEMS
        text = render_text(counts_report(conn, period, branch), lists=args.list)
        if hasattr(sys.stdout, "reconfigure"):
            # Saved to a file on Japanese Windows, stdout is in the code page (cp932): a character it lacks (𠮷 in
            # a listed title) is written as '?' rather than ending the report as a program error.
            sys.stdout.reconfigure(errors="replace")
        print(text, end="")
    except sqlite3.Error as error:
        _raise_known(error, args.db)
        raise
    finally:
        conn.close()
    return OK


def _kpi(args) -> int:
    from agency_app.domain.text import normalise_width
    fy_text, half_text = normalise_width(args.fy).strip(), normalise_width(args.half or "").strip()
    if not (fy_text.isascii() and fy_text.isdigit() and 2000 <= int(fy_text) <= 2100):
        _err(f"年度 {args.fy} を読めません。西暦 4 桁で指定してください（例 --fy 2025）。")
        return PROBLEMS
    if half_text and half_text not in ("1", "2"):
        _err(f"--half は 1（上期）か 2（下期）で指定してください（指定された値: {args.half}）。")
        return PROBLEMS
    fiscal_year, half = int(fy_text), int(half_text) if half_text else None
    if not args.db.is_file():
        _err(f"データベースが見つかりません: {args.db}")
        return PROBLEMS
    with _sheet_store(args.db) as store:
        if store is None:
            return PROBLEMS
        if not store.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'kpis'").fetchone():
            _err(f"このデータベースには KPI の表がありません（古い形式です）: {args.db}\n"
                 "アプリで一度開くと更新されます。その後もう一度実行してください。")
            return PROBLEMS
        from agency_app.reports.kpi_report import board_text, build_board
        from agency_app.storage.services import Services
        services = Services(store)
        years = services.kpis.years()
        if fiscal_year not in years:
            shown = "、".join(f"{year}年度" for year in years) or "なし"
            _err(f"{fiscal_year}年度の KPI はこのデータベースにありません（KPI があるのは {shown}）。")
            return PROBLEMS
        branch = None
        if args.branch is not None:  # as `counts`: upper case, an unknown code refused rather than shown as データなし
            branch = normalise_width(args.branch).strip().upper()
            known = [code for (code,) in store.conn.execute("SELECT code FROM branches ORDER BY code")]
            if branch not in known:
                _err(f"拠点コード {branch} はこのデータベースにありません（あるのは {', '.join(known)}）。")
                return PROBLEMS
        board = build_board(services, fiscal_year, half=half, branch=branch, today=now_tokyo().date())
        if args.pdf is not None:
            def document():
                from agency_app.ui.printing.kpi_sheet import kpi_document
                return kpi_document(board)
            return _save_sheet(document, args.pdf, "KPI シート")
        if hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(errors="replace")  # cp932 on Japanese Windows: as `counts` does
        print(board_text(board), end="")
    return OK


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _progress_printer(total: int):
    """Progress on stderr when a person watches (a terminal); silent in scripts and tests."""
    if sys.stderr is None or not sys.stderr.isatty() or total < 100_000:  # None: the windowed bundle
        return None

    def show(done: int, all_: int) -> None:
        print(f"\r  {done:,} / {all_:,} 件", end="" if done < all_ else "\n", file=sys.stderr, flush=True)
    return show


# --- init ---------------------------------------------------------------------
def _init(args) -> int:
    path: Path = args.db
    if path.exists() and path.stat().st_size > 0:
        _err(f"データベースが既にあります: {path}\n別のファイル名を指定してください。")
        return PROBLEMS
    code = (args.branch or "HQ").strip().upper()
    if not code or not code.replace("_", "").replace("-", "").isalnum() or not code.isascii() or len(code) > 10:
        _err("拠点コードは英数字 10 文字以内で指定してください（例: HQ, YOK）。")
        return PROBLEMS
    head_office = args.head_office or args.branch is None
    name = (args.branch_name if args.branch_name is not None else ("本部" if head_office else code)).strip()
    if not name:
        _err("拠点名が空です。拠点名を指定してください（例: --branch-name 横浜支店）。")
        return PROBLEMS
    made = [p for p in (path, *(_side(path, s) for s in SIDE_FILES)) if not p.exists()]
    try:
        store = open_store(path, daily_backup=False, new=True)
        try:
            initialise(store, branch_code=code, branch_name=name, is_head_office=head_office)
        finally:
            store.close()
    except BaseException:  # a full disk midway: no half-made file left to refuse the next try ("既にあります")
        for file in made:
            file.unlink(missing_ok=True)
        raise
    kind = "本部" if head_office else "拠点"
    print(f"{kind}のデータベースを作成しました: {path}（{code} {name}）")
    return OK


# --- backup -------------------------------------------------------------------
def _backup(args) -> int:
    path: Path = args.db
    if not path.is_file():
        raise CannotOpen(path, "file does not exist")
    if args.to is not None and args.to.exists():
        _err(f"保存先のファイルが既にあります: {args.to}")
        return PROBLEMS
    refuse_emptied(path)  # an emptied file's backup would become the "latest backup" offered to restore it
    if path.stat().st_size == 0:  # nothing to keep, and an empty backup would make the file look emptied
        _err(f"データベースファイルが空（0 バイト）のため、バックアップするものがありません: {path}")
        return PROBLEMS
    # From a private copy: the file and its -wal stay byte-for-byte (closing a connection to it merges the -wal),
    # and a damaged file is refused rather than backed up over the good backups it could be restored from.
    with private_copy(path) as copy:
        conn = _reader(copy)
        try:
            check_integrity(conn, path)
            target = backup.backup_to(conn, args.to) if args.to else backup.make_backup(conn, path, "manual")
        except sqlite3.Error as error:
            _raise_known(error, path)
        finally:
            conn.close()
    print(f"バックアップを作成しました: {target}")
    return OK


@contextmanager
def _untouched(path: Path) -> Iterator[Path]:
    """The path a command that never writes reads: a private copy when a -wal/-shm/-journal sits beside the file.

    Closing a connection to the file itself would merge a leftover -wal into it and delete the -wal and -shm
    (or rewrite the -shm of a damaged file); without side files a connection that only reads changes nothing.
    An emptied file (zero bytes, with backups) is refused as `check` refuses it: it is not an old format.
    """
    refuse_emptied(path)
    if has_side_files(path):
        with private_copy(path) as copy:
            yield copy
    else:
        yield path


def _reader(path: Path) -> sqlite3.Connection:
    """A connection that cannot write and leaves the journal mode alone (switching it writes the header).

    Not SQLite's read-only mode: that one leaves -wal/-shm files behind a WAL database it cannot clean up.
    """
    conn = connect(path, wal=False)
    conn.execute("PRAGMA query_only = 1")
    return conn


def _raise_known(error: sqlite3.Error, path: Path) -> None:
    """Raise the StorageError a user can act on; any other SQLite error is a bug and stays as it is."""
    translated = translate_sqlite_error(error, path)
    if translated is error:
        raise error
    raise translated from error


# --- the printed sheets: voice-day, circulation --------------------------------
def _sheet_office(conn: sqlite3.Connection, typed: str | None) -> tuple[str | None, str] | None:
    """--branch of the sheets, read as `counts` reads it (any width, upper case): (code, name to print) — code None
    for the file's own office; name "" where the file holds one office (the sheet stays as it was). An unknown code
    is said and None returned: a sheet of nobody's voices is not printed."""
    from agency_app.domain.text import normalise_width
    offices = dict(conn.execute("SELECT code, name FROM branches ORDER BY code"))
    own = conn.execute("SELECT value FROM settings WHERE key = 'home_branch'").fetchone()
    code = normalise_width(typed).strip().upper() if typed is not None else None
    if code is not None and code not in offices:
        _err(f"拠点コード {code} はこのデータベースにありません（あるのは {', '.join(offices)}）。")
        return None
    shown = code or (own[0] if own else "HQ")
    return code, (offices.get(shown, shown) if len(offices) > 1 else "")


def _voice_day(args) -> int:
    try:
        held_on = date.fromisoformat(args.date.strip())
    except ValueError:
        _err(f"日付 {args.date} を読めません。YYYY-MM-DD の形で指定してください（例 2025-06-10）。")
        return PROBLEMS
    team = args.team.strip()
    with _sheet_store(args.db) as store:
        if store is None:
            return PROBLEMS
        from agency_app.storage.similar_voices import alike_for_each
        from agency_app.storage.voice_days import VoiceDayRepository
        chosen = _sheet_office(store.conn, args.branch)
        if chosen is None:
            return PROBLEMS
        office, office_name = chosen
        days = VoiceDayRepository(store)
        teams = days.teams(office)
        if team not in teams:
            where = f"拠点 {office} に" if office else "このデータベースに"
            _err(f"チーム「{team}」は{where}ありません（あるのは {'、'.join(teams) or 'なし'}）。")
            return PROBLEMS
        meeting = days.find(team, held_on, office)
        if meeting is not None:
            review = days.meeting_review(meeting["uid"])
        else:  # not recorded: the voices since the team's last voice day, as the screen previews them
            range_from, range_to = days.default_range(team, held_on, office)
            review = days.review(team, range_from, range_to, office=office)
        names = _sheet_names(store.conn)
        alike = alike_for_each(store.conn, review.voices)

        def document():
            from agency_app.ui.printing.voice_day_sheet import voice_day_document
            return voice_day_document(review, names, alike, office_name)
        return _save_sheet(document, args.pdf, "声の日シート")


def _circulation(args) -> int:
    from agency_app.domain.errors import ValidationFailed
    from agency_app.domain.text import normalise_width
    from agency_app.storage.circulations import CirculationRepository, month_bounds
    month = normalise_width(args.month).strip()  # ２０２５－０６ typed with the IME on is 2025-06
    try:
        month_bounds(month)
    except ValidationFailed:
        _err(f"月 {args.month} を読めません。YYYY-MM の形で指定してください（例 2025-06）。")
        return PROBLEMS
    with _sheet_store(args.db) as store:
        if store is None:
            return PROBLEMS
        chosen = _sheet_office(store.conn, args.branch)
        if chosen is None:
            return PROBLEMS
        office, office_name = chosen  # each office circulates its own voices; by default this file's own
        circulations = CirculationRepository(store)
        issued = circulations.for_month(month, office)
        voices = circulations.voices(month, office)
        readers = circulations.readers(issued["uid"]) if issued else None

        def document():
            from agency_app.ui.printing.circulation_sheet import circulation_document
            return circulation_document(month, voices, readers, office_name)
        return _save_sheet(document, args.pdf, "回覧")


@contextmanager
def _sheet_store(path: Path) -> Iterator[Store | None]:
    """The database as a read-only Store (query_only) for the repositories to read through; None (and said) when
    it lacks the voice-day tables — an older file, which the application updates when it opens it."""
    if not path.is_file():
        raise CannotOpen(path, "file does not exist")
    with _untouched(path) as readable:
        with _sheet_store_of(readable, path) as store:
            yield store


@contextmanager
def _sheet_store_of(readable: Path, path: Path) -> Iterator[Store | None]:
    conn = connect(readable, wal=False)
    try:
        check_integrity(conn, path)
        if _older_than_voice_days(conn, path):
            yield None
            return
        conn.execute("PRAGMA query_only = 1")  # the file itself is never written
        yield Store(Database(conn, execute_plugins=False), readable)
    except sqlite3.Error as error:
        _raise_known(error, path)
        raise
    finally:
        conn.close()


def _older_than_voice_days(conn: sqlite3.Connection, path: Path) -> bool:
    """A file made before the voice-day tables (schema 11), said: the application updates it when it opens it."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'voice_days'").fetchone():
        return False
    _err(f"このデータベースは古い形式です: {path}\n"
         "アプリで一度開くと更新されます。その後もう一度実行してください。")
    return True


def _sheet_names(conn: sqlite3.Connection) -> dict[str, str]:
    """What the sheet prints for a uid: staff names and improvement titles."""
    names = dict(conn.execute("SELECT uid, name FROM staff"))
    names.update(conn.execute("SELECT uid, title FROM improvements"))
    return names


def _save_sheet(document, pdf: Path, what: str) -> int:
    """Lay the sheet out and save it with Qt (a QApplication: the charts are drawn through a graphics scene)."""
    from agency_app.ui.printing.headless import printing_application
    from agency_app.ui.printing.printed_document import PrintFailed
    with printing_application():
        try:
            pages = document().write_pdf(pdf)
        except PrintFailed as error:
            _err(error.message_ja)
            return STORAGE_ERROR
    print(f"{what}を保存しました: {pdf}（{pages} ページ）")
    return OK


# --- check --------------------------------------------------------------------
def _check(args) -> int:
    """Read-only: integrity, schema version, pending migrations, counts. Exit 0 only when all is well."""
    path: Path = args.db
    if not path.is_file():
        raise CannotOpen(path, "file does not exist")
    try:
        report, problems = _inspect(path)
    except sqlite3.Error as error:
        known = translate_sqlite_error(error, path)
        if isinstance(known, ReadOnly):  # not 'could not be saved': the check saves nothing
            known.message_ja = read_only_check_text(path)
            raise known from error
        _raise_known(error, path)
    for line in report:
        print(line)
    for line in problems:
        _err(line)
    print("問題は見つかりませんでした。" if not problems else f"問題が {len(problems)} 件あります。")
    return OK if not problems else PROBLEMS


def read_only_check_text(path: Path) -> str:
    """A folder that refused writing met by `check`: what is true (nothing was to be saved) and what to do."""
    return (f"作業用のフォルダーに書き込みができないため、点検できませんでした: {path}\n"
            "点検はデータベースに何も書き込みませんが、一時フォルダーに点検用のコピーを作る必要があります。"
            "一時フォルダー（TEMP）に書き込みができるか、空き容量があるかを確認してください。")


def _inspect(path: Path) -> tuple[list[str], list[str]]:
    """The report lines and the problems found, read from a private copy: `check` leaves every file as it was.

    Lines are appended in order; a new line of the report is one more `report.append` here.
    """
    refuse_emptied(path)
    with private_copy(path) as copy:
        return _inspect_copy(copy, path)


def _inspect_copy(copy: Path, path: Path) -> tuple[list[str], list[str]]:
    conn = _reader(copy)
    try:
        check_integrity(conn, path, quick=False)
        db = Database(conn, execute_plugins=False)
        scripts = migrations.load_scripts()
        found, latest = migrations.schema_version(db), migrations.latest_schema_version(scripts)
        known = {script.name for script in scripts}
        unknown = [m.name for m in migrations.build_migrations(scripts).applied(db) if m.name not in known]
        if found > latest or unknown:
            named = dict(conn.execute("SELECT key, value FROM settings WHERE key IN "
                                      "('min_app_version', 'last_app_version')").fetchall()) \
                if db["settings"].exists() else {}
            raise DatabaseTooNew(path, found, migrations.version_that_knows(
                named.get("min_app_version"), named.get("last_app_version"), __version__), latest)
        pending = migrations.pending(db, scripts)
        report = [f"データベース: {path}", "整合性チェック: OK",
                  f"スキーマ: バージョン {found}（このアプリ {latest}）"]
        problems = [f"未適用の更新があります: {', '.join(pending)}（アプリで開くと更新されます）"] if pending else []
        if not db["voices"].exists():
            problems.append("このアプリのデータベースではないか、まだ初期化されていません。")
            return report, problems
        today = now_tokyo().date().isoformat()
        counts = conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE status IN ('new', 'in_progress')), "
            "count(*) FILTER (WHERE status IN ('new', 'in_progress') AND due_date < ?) FROM voices",
            (today,)).fetchone()
        staff, branches, audit = (conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                                  if db[table].exists() else 0 for table in ("staff", "branches", "audit_log"))
        report.append(f"お客様の声: {counts[0]:,} 件（未完了 {counts[1]:,} 件、うち期限超過 {counts[2]:,} 件）")
        report.append(f"担当者: {staff} 名 / 拠点: {branches} / 変更履歴: {audit:,} 行")
        history_check.check_lines(conn, path, report, problems)  # edited, deleted, reordered or foreign history rows
        unindexed = word_index.pending_count(conn)  # e.g. the program was stopped while building it
        if unindexed:
            problems.append(f"検索用の索引がまだない声が {unindexed:,} 件あります（アプリで開くと作成されます。"
                            "それまで、書き方や読みの違う語では見つかりません）。")
        _backup_age(path, report, problems)
        return report, problems
    finally:
        conn.close()


BACKUP_STALE_DAYS = 3  # a backup from Friday is still fine on Monday; 4 days means a working day went without one


def _backup_age(path: Path, report: list[str], problems: list[str], now=None) -> None:
    """The newest good backup's age; older than BACKUP_STALE_DAYS calendar days is a problem.

    None at all is said but not a problem: a database just made by `init` or `demo` has none until the app opens
    it (the window then backs it up the same day, and tells the user when it cannot).
    """
    from datetime import datetime  # here, not at the top: keeps this addition separate from _check/_inspect
    now = now or datetime.now()  # backup names carry this PC's local time
    latest = backup.latest_backup(path)
    if latest is None:
        report.append("バックアップがありません")
        return
    days = (now.date() - latest[0].date()).days
    report.append(f"最新のバックアップ: {latest[0]:%Y-%m-%d %H:%M}（{f'{days}日前' if days > 0 else '今日'}）")
    if days > BACKUP_STALE_DAYS:
        problems.append(f"最新のバックアップが {days} 日前のものです。アプリを開くと毎日作成されます。作成できない"
                        "ときは、空き容量とバックアップのフォルダーを確認してください（agency-app backup でも作成"
                        "できます）。")


if __name__ == "__main__":
    raise SystemExit(main())
