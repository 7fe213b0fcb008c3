"""`agency-app sync export|import|folder`: exchange changes with the other offices as encrypted bundle files (issue 14).

The passphrase comes from AGENCY_APP_PASSPHRASE or a hidden prompt, never from an argument: the command line
of a running program is visible to every user of the PC and kept in shells' histories.
Exit codes as the other commands: 0 done, 1 refused (a bundle that cannot be taken, a weak passphrase, a bad
--since, a missing database), 2 cannot (no passphrase without a terminal, the disk, the database, the folder).
"""

from __future__ import annotations

import sqlite3
import sys
import traceback
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from agency_app.storage.database import Store

NO_TERMINAL = ("パスフレーズを入力できません（入力できる画面がありません）。\n"
               "コマンドプロンプトから実行してパスフレーズを入力するか、環境変数 AGENCY_APP_PASSPHRASE に"
               "代理店のパスフレーズを設定してから実行してください。")
SINCE_TEXT = "--since には all か日付（例: 2026-11-01）を指定してください。"
CONFLICTS_TEXT = "競合があります: アプリの 競合 画面で確認してください。"


def add_parser(sub) -> None:
    """The `sync` command and its `export`, `import` and `folder` steps, on the main parser's subcommands."""
    command = sub.add_parser(
        "sync", help="本部・拠点の間で変更を送受信する（暗号化した送受信ファイル）",
        description="本部と拠点のデータベースの変更を、暗号化した送受信ファイル（.agencysync）でやり取りします。"
                    "パスフレーズは入力を求められます（画面に表示されません）。予定した実行では環境変数 "
                    "AGENCY_APP_PASSPHRASE に設定してください。コマンドの引数には指定できません。")
    steps = command.add_subparsers(dest="sync_step", metavar="STEP", required=True)
    export = steps.add_parser(
        "export", help="送信ファイルを作る（ほかの拠点がまだ持っていない変更）",
        description="このデータベースの変更を送信ファイルに書き出します。既定では、ほかの拠点から届いたファイルで"
                    "相手が持っていると分かっている変更を除きます。")
    export.add_argument("--db", type=Path, required=True)
    export.add_argument("--out", type=Path, required=True, metavar="FILE",
                        help="保存する送信ファイル（.agencysync）。フォルダーを指定すると、その中に決まった名前で作ります")
    export.add_argument("--since", metavar="all|YYYY-MM-DD",
                        help="all = すべての変更、日付 = その日以降の変更（省略時は相手がまだ持っていない変更）")
    export.set_defaults(run=_export)
    take = steps.add_parser(
        "import", help="届いた送信ファイルを取り込む",
        description="ほかの拠点・本部から届いた送信ファイルを取り込みます。ファイルごとに、確かめてから一度に書き込み"
                    "ます（取り込めないファイルは何も書き込みません）。同じファイルをもう一度取り込んでも何も変わりません。")
    take.add_argument("files", type=Path, nargs="+", metavar="FILE")
    take.add_argument("--db", type=Path, required=True)
    take.set_defaults(run=_import)
    folder = steps.add_parser(
        "folder", help="交換フォルダーで送受信する（ほかの拠点のファイルを取り込み、こちらのファイルを置く）",
        description="交換フォルダー（共有フォルダーや USB メモリー）にあるほかの拠点の新しいファイルを取り込み、"
                    "送る変更があればこのデータベースの送信ファイルをそのフォルダーに作ります。"
                    "コピー中のファイルは次の実行で取り込みます。")
    folder.add_argument("folder", type=Path, metavar="DIR")
    folder.add_argument("--db", type=Path, required=True)
    folder.set_defaults(run=_folder)


# --- export -------------------------------------------------------------------
def _export(args) -> int:
    from agency_app import cli
    from agency_app.sync import bundle_file
    since = _since(args.since)
    if since is False:
        cli._err(SINCE_TEXT)
        return cli.PROBLEMS
    out: Path = args.out
    folder = out if out.is_dir() or not out.suffix else out.parent  # "E:\送信\" names a folder, there or not
    if not folder.is_dir():
        print(f"保存先のフォルダーが見つかりません: {folder}\n"  # not logged: a passphrase typed here by mistake
              "フォルダーがあるか、USB メモリーやネットワークドライブがつながっているか確かめてください。", file=sys.stderr)
        return cli.STORAGE_ERROR
    if not out.is_dir() and not out.name.endswith(bundle_file.SUFFIX):
        print(f"保存先は「{bundle_file.SUFFIX}」で終わるファイル名にしてください（指定された名前: {out.name}）。"  # not
              "取り込む側は、この名前のファイルだけを送信ファイルとして扱います。", file=sys.stderr)  # logged: see _folder
        return cli.PROBLEMS
    if not _database_found(args.db):
        return cli.PROBLEMS
    secret = _passphrase(confirm=True)
    if secret is None:
        return cli.STORAGE_ERROR
    if not _strong(secret):
        return cli.PROBLEMS
    with _store(args.db) as store:
        from agency_app.domain.periods import now_tokyo
        from agency_app.sync.bundle_export import SinceProblem, bundle_name, export_bundle
        from agency_app.sync.node import this_node
        if out.is_dir():
            node = this_node(store.conn)
            out = out / bundle_name(node.branch, node.node_id, now_tokyo())
        try:
            made = export_bundle(store, out, secret, since=since)
        except SinceProblem as problem:
            cli._err(str(problem))
            return cli.PROBLEMS
        except bundle_file.BundleError as refused:  # a branch that has not joined head office's agency yet
            cli._err(refused.message)
            return cli.PROBLEMS
    print(f"送信ファイルを作成しました: {made.path}")
    print(f"  変更 {made.changes:,} 件 / 大きさ {_size(made.size)}"
          + ("（新しい変更はありません。受け取った内容の確認だけを伝えます）" if not made.changes else ""))
    return cli.OK


def _since(text: str | None):
    """None (what the others lack), 'all' or a YYYY-MM-DD date; False when it is none of these."""
    if text is None:
        return None
    from agency_app.domain.text import normalise_width
    value = normalise_width(text).strip()  # ２０２６／１１／０１ typed with the IME on
    for mark in ("／", "/", "－"):
        value = value.replace(mark, "-")
    if value.lower() == "all":
        return "all"
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return value if len(value) == 10 else False


# --- import -------------------------------------------------------------------
def _import(args) -> int:
    from agency_app import cli
    from agency_app.sync import bundle_file
    from agency_app.sync.bundle_import import import_bundle
    if not _database_found(args.db):
        return cli.PROBLEMS
    secret = _passphrase(confirm=False)
    if secret is None:
        return cli.STORAGE_ERROR
    code, conflicts = cli.OK, 0
    with _store(args.db) as store:
        for path in args.files:
            if not path.is_file():
                # Not through cli._err, which keeps every message in the log file: a passphrase typed here by
                # mistake (as an argument) would be kept there, in the file staff are asked to send.
                print(f"ファイルが見つかりません: {path}", file=sys.stderr)
                code = max(code, cli.PROBLEMS)
                continue
            try:
                result = import_bundle(store, path, secret)
            except bundle_file.BundleError as refused:
                cli._err(refused.message)
                code = max(code, cli.PROBLEMS)
                continue
            except OSError as error:  # a file that is not there or cannot be read; the next ones are still taken
                if _disk_full(error):
                    raise
                cli._err(cli.os_error_text(error))
                code = cli.STORAGE_ERROR
                continue
            for line in _imported_lines(result):
                print(line)
            conflicts += result.merged.conflicts
    if conflicts:
        print(CONFLICTS_TEXT)
    return code


def _imported_lines(result) -> list[str]:
    """What one bundle brought, as a calm summary."""
    name = result.path.name
    if result.already:
        return [f"取り込み済みのファイルです（何も変わりません）: {name}"]
    merged = result.merged
    lines = [f"取り込みました: {name}（拠点 {result.branch}、作成 {result.made_at[:16]}）"]
    if result.joined:
        lines.append("  この拠点は本部のデータを受け取り、代理店に加わりました。")
    lines.append(f"  記録 {merged.records:,} 件 / 新しい変更 {merged.new_changes:,} 件 / "
                 f"取り込み済みの変更 {merged.known:,} 件 / 新しい競合 {merged.conflicts:,} 件")
    lines.extend(f"  {note}" for note in result.notes)  # held back, refused, and why
    if result.clock_warning:
        lines.append(f"  {result.clock_warning}")
    return lines


# --- folder -------------------------------------------------------------------
def _folder(args) -> int:
    from agency_app import cli
    from agency_app.sync import bundle_file
    from agency_app.sync.exchange_folder import FolderProblem, exchange
    folder: Path = args.folder
    if not _database_found(args.db):
        return cli.PROBLEMS
    if not folder.is_dir():
        print(f"交換フォルダーが見つかりません: {folder}\n"  # not logged: a passphrase typed here by mistake
              "フォルダーがあるか、ネットワークドライブや USB メモリーがつながっているか確かめてください。", file=sys.stderr)
        return cli.STORAGE_ERROR
    secret = _passphrase(confirm=True)  # a bundle is written too: a mistyped passphrase would lock the others out
    if secret is None:
        return cli.STORAGE_ERROR
    if not _strong(secret):
        return cli.PROBLEMS
    with _store(args.db) as store:
        try:
            done = exchange(store, folder, secret, stage=_stage())
        except FolderProblem as problem:
            cli._err(str(problem))
            return cli.STORAGE_ERROR
        except bundle_file.WrongPassphrase as wrong:  # checked before anything is taken or written
            cli._err(wrong.message)
            return cli.PROBLEMS
    print(f"交換フォルダー: {folder}")
    print(f"取り込んだファイル {len(done.imported)} 件 / 取り込まなかったファイル {len(done.skipped)} 件")
    conflicts = 0
    for result in done.imported:
        for line in _imported_lines(result):
            print(line)
        conflicts += result.merged.conflicts
    problems = 0
    for name, why in done.skipped:
        print(f"取り込みませんでした: {name}\n  {why}")
        # A file still being copied is taken at the next run: only the others need a person.
        problems += bundle_file.bundle_size_ok(folder / name)
    if done.exported is not None:
        print(f"送信ファイルを作成しました: {done.exported.path.name}（変更 {done.exported.changes:,} 件、"
              f"{_size(done.exported.size)}）")
    else:
        print("送る変更はありませんでした（送信ファイルは作っていません）。")
    if conflicts:
        print(CONFLICTS_TEXT)
    if problems:
        cli._err(f"取り込めなかったファイルが {problems} 件あります。理由を確かめてください。")
        return cli.PROBLEMS
    return cli.OK


def _stage():
    """Each step on stderr when a person watches (a terminal); silent in scripts and scheduled runs."""
    if sys.stderr is None or not sys.stderr.isatty():
        return None
    return lambda text: print(f"  {text}", file=sys.stderr, flush=True)


# --- shared -------------------------------------------------------------------
def _passphrase(confirm: bool) -> str | None:
    """From AGENCY_APP_PASSPHRASE, else asked without echo; None (said) when there is no terminal to ask at."""
    from agency_app import cli
    from agency_app.sync import passphrase
    found = passphrase.from_environment()
    if found is not None:
        return found
    if sys.stdin is None or not sys.stdin.isatty():
        cli._err(NO_TERMINAL)
        return None
    try:
        return passphrase.prompt(confirm=confirm, say=cli._err)
    except EOFError:  # Ctrl+Z / Ctrl+D: the end of input, as a stop
        raise KeyboardInterrupt from None


def _strong(secret: str) -> bool:
    """A passphrase that protects personal data (one from the environment is checked here; prompt() checks its own)."""
    from agency_app import cli
    from agency_app.sync import passphrase
    reason = passphrase.problem(secret)
    if reason is not None:
        cli._err(f"{reason}\n（環境変数 {passphrase.ENV} のパスフレーズ）")
        return False
    return True


def _database_found(path: Path) -> bool:
    from agency_app import cli
    if not path.is_file():
        cli._err(f"データベースが見つかりません: {path}")
        return False
    return True


@contextmanager
def _store(path: Path) -> Iterator[Store]:
    """The database opened for writing as the other writing commands open it; SQLite errors said as theirs are."""
    from agency_app import cli
    from agency_app.storage.database import open_store
    store = open_store(path, daily_backup=False)
    try:
        yield store
    except sqlite3.Error as error:
        cli._raise_known(error, path)
        raise
    except BaseException as error:
        # A stopped export's row generator still reads the connection: ended here, before the connection closes.
        traceback.clear_frames(error.__traceback__)
        raise
    finally:
        store.close()


def _disk_full(error: OSError) -> bool:
    import errno
    return error.errno in (errno.ENOSPC, errno.EFBIG) or getattr(error, "winerror", None) in (39, 112)


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024)):,} KB"
