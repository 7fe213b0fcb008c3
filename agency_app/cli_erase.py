"""`agency-app erase-customer`: erase one customer's personal data on their request (利用停止・消去, R31), as a manager."""

from __future__ import annotations

from pathlib import Path


def add_parser(sub) -> None:
    """The `erase-customer` command: `--db PATH --customer UID --reason TEXT --staff NAME|UID [--drafts FOLDER]`."""
    command = sub.add_parser(
        "erase-customer", help="お客様の依頼により、そのお客様の個人情報を消去する（管理者のみ・元に戻せません）",
        description="お客様の氏名・フリガナ・生年月日・電話番号・住所・備考、親族連絡先、お客様の声や対応案件の中の"
                    "氏名・電話番号・住所を「削除済み」に置き換えます。変更履歴の中の値も置き換え、誰が・いつ・なぜ"
                    "消去したかを履歴に残します。件数の集計は変わりません。元に戻すことはできません。")
    command.add_argument("--db", type=Path, required=True)
    command.add_argument("--customer", required=True, metavar="UID", help="お客様のコード（uid）")
    command.add_argument("--reason", required=True, help="消去の理由（必須。例: ご本人から電話で依頼 2026/3/2）")
    command.add_argument("--staff", required=True, metavar="NAME|UID", help="消去する管理者の名前または担当者コード")
    command.add_argument("--drafts", type=Path, metavar="FOLDER",
                         help="下書きのフォルダ（省略時はこの PC の利用者の、このデータベースの下書き）")
    command.set_defaults(run=_erase)


def _erase(args) -> int:
    from agency_app import cli, paths
    from agency_app.cli_export import _staff
    from agency_app.domain.errors import ValidationFailed
    from agency_app.storage.customers import CustomerNotFound
    from agency_app.storage.database import open_store
    from agency_app.storage.drafts import DraftStore
    from agency_app.storage.erasure import NotManager, erase_customer
    if not args.db.is_file():
        cli._err(f"データベースが見つかりません: {args.db}")
        return cli.PROBLEMS
    store = open_store(args.db, daily_backup=False)
    try:
        by = _staff(store.conn, args.staff, False)
        if by is None:
            return cli.PROBLEMS
        drafts = DraftStore(args.drafts if args.drafts else paths.drafts_dir_for(args.db))  # drafts per database
        try:
            done = erase_customer(store, args.customer, args.reason, by=by, drafts=drafts)
        except ValidationFailed:
            cli._err("消去の理由を入力してください（500 文字まで）。理由は履歴に残ります。")
            return cli.PROBLEMS
        except NotManager:
            cli._err("個人情報を消去できるのは管理者だけです。管理者の名前を --staff に指定してください。")
            return cli.PROBLEMS
        except CustomerNotFound:
            cli._err(f"お客様「{args.customer}」が見つかりません。お客様のコード（uid）を確かめてください。")
            return cli.PROBLEMS
    finally:
        store.close()
    print(f"お客様 {args.customer} の個人情報を消去しました（記録 {done.records:,} 件、履歴 {done.history_rows:,} 行、"
          f"下書き {done.drafts_removed:,} 件）。")
    if done.drafts_left:
        cli._err("次の下書きファイルは削除できませんでした。ほかのプログラムが開いていないか確かめて、手で削除して"
                 f"ください: {', '.join(done.drafts_left)}")
        return cli.PROBLEMS
    return cli.OK
