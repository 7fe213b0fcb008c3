"""`agency-app import`: voices, survey answers or KPI results from an agency's .xlsx (a dry run first), and blank templates."""

from __future__ import annotations

import sys
from pathlib import Path

TARGETS = {"voices": "voices", "surveys": "survey_answers", "kpi-results": "kpi_results"}
WHAT = {"voices": "お客様の声", "survey_answers": "アンケート回答", "kpi_results": "KPI の実績"}


def add_parser(sub) -> None:
    """The `import` command: `voices|surveys|kpi-results FILE.xlsx --db PATH …` and `template TARGET --out FILE`."""
    command = sub.add_parser("import", help="Excel のシートからお客様の声・アンケート回答・KPI 実績を取り込む")
    kinds = command.add_subparsers(dest="import_kind", metavar="TARGET", required=True)
    for name, target in TARGETS.items():
        kind = kinds.add_parser(
            name, help=f"{WHAT[target]}を取り込む",
            description=f"Excel ブック（.xlsx）のシートから{WHAT[target]}を取り込みます。見出しの行を探し、"
                        "行ごとに取り込めるかを確かめてから、全部を一度に書き込みます（途中で失敗したら何も書きません）。"
                        "同じファイルをもう一度取り込んでも、取り込み済みの行は増えません。")
        kind.add_argument("file", type=Path, metavar="FILE.xlsx")
        kind.add_argument("--db", type=Path, required=True)
        kind.add_argument("--sheet", help="シート名（省略時は先頭のシート）")
        kind.add_argument("--dry-run", action="store_true", help="書き込まずに、行ごとの取り込み結果だけを表示する")
        kind.add_argument("--staff", help="取り込む担当者の名前（記録の作成者になります）")
        kind.add_argument("--skip-unknown", action="store_true",
                          help="一覧にない値（種別・分類・保険会社など）のある行を除いて取り込む")
        kind.set_defaults(run=_import, target=target)
    template = kinds.add_parser("template", help="取り込み用の空のひな形（見出しと記入例）を保存する")
    template.add_argument("what", choices=tuple(TARGETS), metavar="voices|surveys|kpi-results")
    template.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
    template.set_defaults(run=_template)


def _progress(done: int, total: int, what: str) -> None:
    print(f"{what}… {done:,}" + (f" / {total:,} 行" if total else " 行"), file=sys.stderr, flush=True)


def _staff_uid(conn, name: str | None):
    """(uid or None, ok): the --staff name matched as the importer matches staff names."""
    if name is None:
        return None, True
    from agency_app.reports.excel.import_match import StaffNames
    from agency_app import cli
    staff = StaffNames.load(conn)
    uid = staff.find(name)
    if uid is None:
        names = "、".join(n for _uid, n in staff.staff) or "なし"
        cli._err(f"担当者「{name}」が見つかりません（登録されている担当者: {names}）。")
        return None, False
    return uid, True


def _import(args) -> int:
    from agency_app import cli
    from agency_app.domain.progress import JobControl
    from agency_app.reports.excel import sheet_import as SI
    from agency_app.reports.excel.read_sheet import SheetFileError
    from agency_app.storage.database import open_store
    if not args.db.is_file():
        cli._err(f"データベースが見つかりません: {args.db}")
        return cli.PROBLEMS
    control = JobControl(progress=_progress)
    choices = SI.ImportChoices(sheet=args.sheet)
    if args.dry_run:
        conn = cli._reader(args.db)  # query_only: the dry run cannot write, whatever happens
        try:
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'imported_rows'").fetchone() is None:
                cli._err(f"このデータベースは古い形式です: {args.db}\nアプリで一度開くと更新されます。"
                         "その後もう一度実行してください。")
                return cli.PROBLEMS
            if not _staff_uid(conn, args.staff)[1]:
                return cli.PROBLEMS
            try:
                plan = SI.plan_import(conn, args.target, args.file, choices, control=control)
            except SheetFileError as error:
                cli._err(error.message)
                return cli.PROBLEMS
        finally:
            conn.close()
        for row in plan.rows:
            print(row.line)
        _summary(plan)
        if plan.message:
            cli._err(plan.message)
            return cli.PROBLEMS
        _say_unknown(plan)
        return cli.OK if plan.count(SI.REJECT) == 0 else cli.PROBLEMS
    store = open_store(args.db, daily_backup=False)
    try:
        by, ok = _staff_uid(store.conn, args.staff)
        if not ok:
            return cli.PROBLEMS
        try:
            plan = SI.plan_import(store.conn, args.target, args.file, choices, control=control)
        except SheetFileError as error:
            cli._err(error.message)
            return cli.PROBLEMS
        if plan.message:
            cli._err(plan.message)
            return cli.PROBLEMS
        blocking = [u for u in plan.unknown_values if _blocks(plan, u)]
        if blocking and not args.skip_unknown:
            _say_unknown(plan)
            cli._err("一覧にない値があるため、何も取り込みませんでした。値を直すか、--skip-unknown で"
                     "その行を除いて取り込んでください（画面の取り込みでは対応表で指定できます）。")
            return cli.PROBLEMS
        for row in plan.rows:
            if row.action == SI.REJECT:
                print(row.line, file=sys.stderr)
        result = SI.apply_import(store, plan, by=by, control=control)
    finally:
        store.close()
    print(f"{WHAT[args.target]}を {result.added:,} 件取り込みました（取り込み済み {result.already:,} 行、"
          f"読み飛ばし {result.skipped:,} 行、取り込めない行 {result.rejected:,} 行）: {args.file.name}")
    # Rows left out for an unknown value under --skip-unknown were left out as asked; any other is a failure.
    failed = [row for row in plan.rows if row.action == SI.REJECT
              and not any(_carries(row, u) for u in plan.unknown_values if _blocks(plan, u))]
    if failed:
        cli._err(f"取り込めない行が {len(failed):,} 行あります（上に理由を表示しました）。")
        return cli.PROBLEMS
    return cli.OK


def _blocks(plan, unknown) -> bool:
    """An unknown value that keeps rows out (a kind, category, insurer …); an unknown staff name does not."""
    return unknown.field not in ("assignee", "closer")


def _summary(plan) -> None:
    from agency_app.reports.excel import sheet_import as SI
    print(f"取込 {plan.count(SI.ADD):,} 行 / 取り込み済み {plan.count(SI.ALREADY):,} 行 / "
          f"読み飛ばし {plan.count(SI.SKIP):,} 行 / 取り込めない {plan.count(SI.REJECT):,} 行"
          + (f"（シート「{plan.sheet}」、見出しは {plan.header_row} 行目）" if plan.header_row else ""))


def _say_unknown(plan) -> None:
    from agency_app import cli
    for unknown in plan.unknown_values:
        rows = [str(row.number) for row in plan.rows if _carries(row, unknown)]
        shown = "、".join(rows[:20]) + ("…" if len(rows) > 20 else "")
        then = "" if _blocks(plan, unknown) else "。その行は担当者なしで取り込みます"
        cli._err(f"{unknown.field_label}「{unknown.value}」は一覧にありません（{unknown.rows} 行: {shown} 行目）{then}")


def _carries(row, unknown) -> bool:
    return any(f"「{unknown.value}」" in text for text in (*row.problems, *row.notes))


def _template(args) -> int:
    from agency_app import cli
    from agency_app.reports.excel.sheet_import import write_template
    from agency_app.reports.excel.workbook_style import WorkbookSaveError
    target = TARGETS[args.what]
    try:
        write_template(args.out, target)
    except WorkbookSaveError as error:
        cli._err(error.message_ja)
        return cli.STORAGE_ERROR
    print(f"{WHAT[target]}の取り込み用ひな形を保存しました: {args.out}")
    return cli.OK
