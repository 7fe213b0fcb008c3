"""`agency-app export list voices|cases|elderly|customers`: a list as Excel with the screen's filters; personal data only for a manager, every export recorded."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from agency_app.domain import codes
from agency_app.domain import labels_ja as ja
from agency_app.domain.text import normalise_width

# The words a user may give for a status (Japanese as the screens show it, or the code).
_STATUS_WORDS = {**{text: code for code, text in ja.STATUS.items()}, **{code: code for code in codes.STATUSES}}
_KIND_WORDS = {**{text: code for code, text in ja.KIND.items()}, **{code: code for code in ja.KIND}}
_CASE_STATUS_WORDS = {**_STATUS_WORDS, "未完了": "open", "open": "open", "完了・見送り": "closed", "closed": "closed"}
_PERSONAL_HELP = "お客様名・電話番号・住所なども含めて出力する（管理者のみ。--staff-name で名前を指定）"


class _Refused(Exception):
    """A filter or option the command cannot use; its text is the Japanese message to show."""


BRANCH_HELP = "拠点コード（省略時は全拠点）"


def known_branch(conn: sqlite3.Connection, typed: str | None) -> str | None:
    """--branch as `counts` and `kpi` read it: any width, upper case; None when not given. An unknown code is
    refused (_Refused, naming the codes there are) rather than exported as an empty list or zero figures."""
    if typed is None:
        return None
    code = normalise_width(typed).strip().upper()
    known = [known for (known,) in conn.execute("SELECT code FROM branches ORDER BY code")]
    if code not in known:
        raise _Refused(f"拠点コード {code} はこのデータベースにありません（あるのは {', '.join(known)}）。")
    return code


def add_parser(kinds) -> None:
    """`export list KIND`, on the `export` command's subcommands: one parser per list, each with its filters."""
    listing = kinds.add_parser("list", help="一覧（お客様の声・対応案件・高齢者対応記録・お客様）を Excel に保存する",
                               description="画面の一覧と同じ絞り込みで、該当するすべての行を画面と同じ順に Excel に"
                                           "保存します。お客様名・電話番号・住所などは伏せます（＊＊＊）。")
    which = listing.add_subparsers(dest="list_kind", metavar="LIST", required=True)

    voices = _list_parser(which, "voices", "お客様の声の一覧")
    voices.add_argument("--fy", help="受付日の年度（例 2025）。--quarter / --half / --month と組み合わせ可")
    period = voices.add_mutually_exclusive_group()
    period.add_argument("--quarter", help="四半期 1〜4（Q1 = 4〜6月）")
    period.add_argument("--half", help="1 = 上期（4〜9月）、2 = 下期（10〜3月）")
    period.add_argument("--month", help="月 1〜12")
    voices.add_argument("--status", help="状況（未対応・対応中・完了・見送り。複数はカンマ区切り）")
    voices.add_argument("--kind", help="種別（感謝・不満・要望・その他。複数はカンマ区切り）")
    voices.add_argument("--staff", help="担当者または受付者の名前")
    voices.add_argument("--overdue", action="store_true", help="期限を過ぎた未完了の声だけ")
    voices.add_argument("--text", default="", help="検索語（空白区切りはすべてを含む声）")

    cases = _list_parser(which, "cases", "対応案件の一覧")
    cases.add_argument("--status", help="状況（未完了・完了・見送り、または 未対応・対応中・完了・見送り）")
    cases.add_argument("--type", dest="case_type", help="種別（例 満期更改、住所変更）")
    cases.add_argument("--staff", help="担当者の名前")
    cases.add_argument("--text", default="", help="件名・内容・お客様名の一部")

    elderly = _list_parser(which, "elderly", "高齢者対応記録の一覧")
    elderly.add_argument("--from", dest="date_from", help="申込日の開始（例 2025/4/1、令和7年4月1日）")
    elderly.add_argument("--to", dest="date_to", help="申込日の終了（その日を含む）")
    elderly.add_argument("--incomplete", action="store_true", help="未完了の記録だけ")
    elderly.add_argument("--staff", help="募集人の名前")
    elderly.add_argument("--text", default="", help="お客様名・フリガナの一部")

    customers = _list_parser(which, "customers", "お客様の一覧")
    customers.add_argument("--text", default="", help="氏名・フリガナの一部、または電話番号の数字")


def _list_parser(which, name: str, title: str):
    parser = which.add_parser(name, help=f"{title}を Excel に保存する", description=f"{title}を Excel に保存します。")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True, help="保存する Excel ファイル（.xlsx）")
    parser.add_argument("--with-personal-data", action="store_true", help=_PERSONAL_HELP)
    parser.add_argument("--staff-name", help="出力する人（管理者）の名前。--with-personal-data のとき必須")
    parser.add_argument("--branch", help=BRANCH_HELP)
    parser.set_defaults(run=_run)
    return parser


def _run(args) -> int:
    from agency_app import cli
    out: Path = args.out
    if out.suffix.lower() != ".xlsx":
        cli._err(f"保存先は .xlsx のファイル名で指定してください（指定された名前: {out.name}）。")
        return cli.PROBLEMS
    if not args.db.is_file():
        cli._err(f"データベースが見つかりません: {args.db}")
        return cli.PROBLEMS
    conn = cli._reader(args.db)
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'exports'").fetchone():
            cli._err(f"このデータベースは古い形式です: {args.db}\n"
                     "アプリで一度開くと更新されます。その後もう一度実行してください。")
            return cli.PROBLEMS
        try:
            by = _exporter(conn, args)
            list_filter = _filter(conn, args)
        except _Refused as refusal:
            cli._err(str(refusal))
            return cli.PROBLEMS
        rows = _write(conn, args, list_filter)
        if rows is None:
            return cli.PROBLEMS
    except sqlite3.Error as error:
        cli._raise_known(error, args.db)
        raise
    finally:
        conn.close()
    try:
        _record(args, list_filter, rows, by)
    except BaseException:
        # A workbook (perhaps with personal data) that no history shows must not stay on disk (R31).
        from agency_app.storage.file_moves import unlink_retrying
        unlink_retrying(out)
        cli._err(f"出力の記録を書けなかったため、保存したファイルを削除しました: {out}")
        raise
    cli._err(f"{rows:,} 件を保存しました: {out}")
    return cli.OK


def _write(conn: sqlite3.Connection, args, list_filter) -> int | None:
    """The workbook written with progress on stderr; None (and said) when it could not be saved."""
    from agency_app import cli
    from agency_app.domain.progress import JobControl
    from agency_app.reports.excel.list_export import write_list_workbook
    from agency_app.reports.excel.workbook_style import WorkbookSaveError
    shown = [0]

    def progress(done: int, total: int, what: str) -> None:
        # A line each 10,000 rows (and the last): enough to see it move, not a flood in a log.
        if sys.stderr is None:  # the windowed bundle
            return
        if done - shown[0] >= 10_000 or (total and done == total and done != shown[0]):
            shown[0] = done
            print(f"  {what}: {done:,} / {total:,} 件", file=sys.stderr, flush=True)

    try:
        return write_list_workbook(conn, args.out, args.list_kind, list_filter,
                                   with_personal_data=args.with_personal_data,
                                   control=JobControl(progress=progress))
    except WorkbookSaveError as error:
        cli._err(error.message_ja)
        return None


def _exporter(conn: sqlite3.Connection, args) -> str | None:
    """The staff uid the export is recorded under; personal data only for an active manager (R31)."""
    name = normalise_width(args.staff_name).strip() if args.staff_name else ""
    if args.with_personal_data and not name:
        raise _Refused("個人情報を含めて出力するには、管理者の名前を --staff-name で指定してください。")
    if not name:
        return None
    found = conn.execute("SELECT uid, role FROM staff WHERE name = ? AND active = 1", (name,)).fetchone() \
        or conn.execute("SELECT uid, role FROM staff WHERE replace(replace(name, ' ', ''), '　', '') = ? "
                        "AND active = 1", (name.replace(" ", "").replace("　", ""),)).fetchone()
    if found is None:
        raise _Refused(f"担当者「{name}」はこのデータベースにいません（在籍中の担当者の名前で指定してください）。")
    if args.with_personal_data and found[1] != "manager":
        raise _Refused(f"個人情報を含めて出力できるのは管理者だけです（{name} さんは管理者ではありません）。"
                       "--with-personal-data を付けずに実行すると、お客様名などを伏せて出力します。")
    return found[0]


def _record(args, list_filter, rows: int, by: str | None) -> None:
    """The export in the history (R31): which list, its filter, with or without personal data, how many rows."""
    from agency_app.reports.excel.list_export import TITLES, describe
    from agency_app.storage import exports
    from agency_app.storage.database import open_store
    report = {"voices": exports.LIST_VOICES, "cases": exports.LIST_CASES, "elderly": exports.LIST_ELDERLY,
              "customers": exports.LIST_CUSTOMERS}[args.list_kind]
    store = open_store(args.db, daily_backup=False, migrate=False, check=False)
    try:
        staff = dict(store.conn.execute("SELECT uid, name FROM staff"))
        words = describe(args.list_kind, list_filter, staff, with_personal_data=args.with_personal_data,
                         branches=dict(store.conn.execute("SELECT code, name FROM branches")))
        exports.record_export(store, report=report, description=f"{TITLES[args.list_kind]}（{words}）",
                              with_personal_data=args.with_personal_data, file_path=args.out, row_count=rows, by=by)
    finally:
        store.close()


# --- filters ------------------------------------------------------------------------------------

def _filter(conn: sqlite3.Connection, args):
    from dataclasses import replace
    kind = args.list_kind
    branch = known_branch(conn, args.branch)
    if kind == "voices":
        flt = _voice_filter(conn, args)
    elif kind == "cases":
        flt = _case_filter(conn, args)
    elif kind == "elderly":
        flt = _elderly_filter(conn, args)
    else:
        from agency_app.storage.customer_list import CustomerFilter
        flt = CustomerFilter(text=normalise_width(args.text).strip())
    return replace(flt, branch_code=branch)


def _words(text: str | None, table: dict[str, str], what: str) -> tuple[str, ...]:
    if not text:
        return ()
    picked = []
    for word in normalise_width(text).replace("、", ",").replace("，", ",").split(","):  # ， : the IME's comma
        word = word.strip()
        if not word:
            continue
        if word not in table:
            known = "、".join(dict.fromkeys(w for w in table if not w.isascii()))
            raise _Refused(f"{what}「{word}」はありません（使えるのは {known}）。")
        picked.append(table[word])
    return tuple(dict.fromkeys(picked))


def _number(text: str | None, low: int, high: int, message: str) -> int | None:
    if text is None:
        return None
    value = normalise_width(text).strip()
    if not (value.isascii() and value.isdigit() and low <= int(value) <= high):
        raise _Refused(message.format(text=text))
    return int(value)


def _voice_filter(conn, args):
    from agency_app.domain.periods import HALF, MONTH, QUARTER, Period
    from agency_app.storage.voice_filter import VoiceFilter
    fy = _number(args.fy, 2000, 2100, "年度 {text} を読めません。西暦 4 桁で指定してください（例 --fy 2025）。")
    quarter = _number(args.quarter, 1, 4, "--quarter は 1〜4 で指定してください（指定された値: {text}）。")
    half = _number(args.half, 1, 2, "--half は 1（上期）か 2（下期）で指定してください（指定された値: {text}）。")
    month = _number(args.month, 1, 12, "--month は 1〜12 で指定してください（指定された値: {text}）。")
    period = None
    if fy is None and (quarter or half or month):
        raise _Refused("--quarter / --half / --month には --fy（年度）も指定してください（例 --fy 2025 --quarter 1）。")
    if fy is not None:
        period = Period(fy, QUARTER, quarter) if quarter else Period(fy, HALF, half) if half else \
            Period(fy, MONTH, month) if month else Period(fy)
    staff = _staff_uid(conn, args.staff)
    return VoiceFilter(period=period, statuses=_words(args.status, _STATUS_WORDS, "状況"),
                       kinds=_words(args.kind, _KIND_WORDS, "種別"), staff_uid=staff, overdue_only=args.overdue,
                       text=args.text)


def _case_filter(conn, args):
    from agency_app.reports.excel.list_export import CASE_TYPE
    from agency_app.storage.case_list import CaseFilter
    statuses = _words(args.status, _CASE_STATUS_WORDS, "状況")
    if len(statuses) > 1:
        raise _Refused("対応案件の状況は 1 つだけ指定してください（例 --status 未完了）。")
    types = _words(args.case_type, {**{v: k for k, v in CASE_TYPE.items()}, **{k: k for k in CASE_TYPE}}, "種別")
    if len(types) > 1:
        raise _Refused("対応案件の種別は 1 つだけ指定してください（例 --type 満期更改）。")
    return CaseFilter(status=statuses[0] if statuses else None, case_type=types[0] if types else None,
                      assignee_id=_staff_uid(conn, args.staff), text=args.text)


def _elderly_filter(conn, args):
    from agency_app.storage.elderly_list import ElderlyFilter
    start, end = _date(args.date_from, "--from"), _date(args.date_to, "--to")
    if start and end and end < start:
        raise _Refused(f"--to（{end:%Y/%m/%d}）が --from（{start:%Y/%m/%d}）より前です。")
    return ElderlyFilter(open_only=args.incomplete, seller_id=_staff_uid(conn, args.staff), start=start, end=end,
                         text=args.text)


def _date(text: str | None, option: str):
    if text is None:
        return None
    from datetime import date
    from agency_app.domain.date_input import read_date
    reading = read_date(text)
    if not reading.ok or not isinstance(reading.value, date):
        raise _Refused(f"{option} の日付 {text} を読めません。2025/4/1 や 令和7年4月1日 の形で指定してください。")
    return reading.value


def _staff_uid(conn, name: str | None) -> str | None:
    if not name:
        return None
    wanted = normalise_width(name).replace(" ", "").replace("　", "").strip()
    found = [uid for uid, staff_name in conn.execute("SELECT uid, name FROM staff")
             if staff_name.replace(" ", "").replace("　", "") == wanted]
    if not found:
        names = [n for (n,) in conn.execute("SELECT name FROM staff WHERE active = 1 ORDER BY kana, name")]
        raise _Refused(f"担当者「{name}」はこのデータベースにいません（いるのは {'、'.join(names) or 'なし'}）。")
    return found[0]
