"""Issue 14 review passes, sync seams: defects reviewers proved with these tests (now fixed), and what they found sound."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from agency_app.cli import main
from agency_app.sync import bundle_file, passphrase

from tests.sync.sync_offices import PASSPHRASE, cheap_key, head_office_and_branches  # noqa: F401

T1 = datetime(2026, 11, 2, 9, 0)


@pytest.fixture
def offices(tmp_path, monkeypatch):
    monkeypatch.setenv(passphrase.ENV, PASSPHRASE)
    hq, (yok,) = head_office_and_branches(tmp_path, "YOK")
    yield hq, yok
    hq.close()
    yok.close()


def _bundles(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(bundle_file.SUFFIX))


def test_sync_folder_with_a_mistyped_passphrase_leaves_no_bundle_the_others_cannot_open(offices, tmp_path,
                                                                                          monkeypatch, capsys):
    """A head-office clerk runs `agency-app sync folder` with a mistyped passphrase (prompt typed twice alike, or a
    stale AGENCY_APP_PASSPHRASE in the scheduled task). Yokohama's new bundle in the folder is skipped as
    「パスフレーズが違います」 — and yet head office's own bundle is sealed with the mistyped passphrase and left in
    the folder. No branch can ever open it: every later `sync folder` at every branch lists it as 「パスフレーズが
    違います」 and exits 1, until someone finds and deletes it by hand. The window checks this first
    (passphrase_check.first_refusing, used by ui/sync/sync_jobs.folder_job); the command line does not."""
    hq, yok = offices
    folder = tmp_path / "exchange"
    folder.mkdir()
    yok.voice(yok.staff("横浜 一郎"), "満期案内が届かない", T1)
    yok.close()
    assert main(["sync", "folder", "--db", str(yok.folder / "YOK.db"), str(folder)]) == 0
    hq.voice(hq.staff("本部 花子"), "本部で受けた声", T1)  # head office has something to send
    hq.close()
    before = _bundles(folder)
    capsys.readouterr()
    monkeypatch.setenv(passphrase.ENV, "まちがえた合言葉2026")
    code = main(["sync", "folder", "--db", str(hq.folder / "HQ.db"), str(folder)])
    out, err = capsys.readouterr()
    assert code != 0
    assert "パスフレーズが違います" in out + err
    assert _bundles(folder) == before, "a bundle sealed with the wrong passphrase was left for the others"


# --- the window's jobs (ui/sync/sync_jobs.py): what the result page shows --------------------------------------
def _ascii_words(text: str) -> list[str]:
    import re
    return re.findall(r"[A-Za-z]{3,}(?: [A-Za-z]{2,})+", text.replace(bundle_file.SUFFIX, ""))


def test_window_export_to_a_folder_that_went_away_says_it_in_japanese(offices, tmp_path):
    """送信ファイルを作成… (Shift+F9) to a USB stick that is pulled before 開始 (or a full disk, a read-only share):
    the result page reads 「HQ_….agencysync: No such file or directory」 (「No space left on device」,
    「Permission denied」) — the C library's English words, where the command line says
    「ファイルを読み書きできませんでした…」 / 「ディスクの空き容量が足りないため…」 (cli.os_error_text).
    sync_jobs._reason returns error.strerror as is, for export, import and folder alike."""
    from types import SimpleNamespace
    from agency_app.ui.sync.sync_jobs import export_job
    hq, _ = offices
    out = tmp_path / "usb" / f"HQ{bundle_file.SUFFIX}"  # the stick's folder, gone
    outcome = export_job(out)(SimpleNamespace(store=hq.store, conn=hq.store.conn), PASSPHRASE, lambda: False,
                              lambda *_: None)
    assert outcome.failed
    assert _ascii_words(outcome.failed) == [], outcome.failed


def test_window_import_of_a_file_on_a_pulled_usb_stick_says_it_in_japanese(offices, tmp_path):
    """受信ファイルを取り込む… (Ctrl+F9) with two files chosen from a USB stick that is pulled (or a file deleted)
    before the second is read: the summary lists 「• YOK-2.agencysync: No such file or directory」 in English."""
    from types import SimpleNamespace
    from agency_app.ui.sync.sync_jobs import import_job
    hq, yok = offices
    yok.voice(yok.staff("横浜 一郎"), "満期案内が届かない", T1)
    first = yok.send()
    gone = tmp_path / f"YOK-gone{bundle_file.SUFFIX}"
    outcome = import_job([first, gone])(SimpleNamespace(store=hq.store, conn=hq.store.conn), PASSPHRASE,
                                        lambda: False, lambda *_: None)
    assert len(outcome.imported) == 1 and len(outcome.skipped) == 1
    reason = outcome.skipped[0][1]
    assert _ascii_words(reason) == [], reason


def test_a_second_folder_run_with_nothing_new_writes_no_second_copy_of_everything(offices, tmp_path):
    """Head office runs 交換フォルダーで送受信 (or a scheduled `sync folder`) again before any branch has answered:
    nothing changed and nothing arrived, yet each run writes another bundle carrying the whole unconfirmed
    history again (the demo's head office: 3.4 MB a run; 20,000 voices: 14.5 MB a run), and every branch later
    decrypts and replays each copy. exchange() compares only the peers' confirmations (pending) with nothing
    about what our last bundle already carried."""
    from agency_app.sync.exchange_folder import exchange
    hq, _ = offices
    folder = tmp_path / "exchange"
    folder.mkdir()
    hq.voice(hq.staff("本部 花子"), "本部で受けた声", T1)
    assert exchange(hq.store, folder, PASSPHRASE).exported is not None
    again = exchange(hq.store, folder, PASSPHRASE)
    assert again.exported is None, f"a second bundle of {again.exported.changes} changes nobody needs"


def test_two_bundles_written_in_the_same_second_do_not_share_a_name(offices, tmp_path, monkeypatch):
    """Two exports within one second (F9 pressed twice, a scheduled `sync folder` meeting a clerk's F9, `sync export
    --out FOLDER` then `sync folder`) get the same name HQ_<node>_<yyyymmdd-hhmmss>.agencysync: the second
    replaces the first in place — the file a branch PC may be reading over the network at that moment, breaking
    "each bundle file is written once" (README: 'under a name no other office uses … gets that name only when
    complete'). bundle_export.bundle_name has only second resolution and nothing unique per bundle."""
    from agency_app.sync import exchange_folder
    hq, _ = offices
    folder = tmp_path / "exchange"
    folder.mkdir()
    fixed = datetime(2026, 11, 2, 9, 0, 0)
    monkeypatch.setattr(exchange_folder, "now_tokyo", lambda: fixed)
    staff = hq.staff("本部 花子")
    hq.voice(staff, "一件目", T1)
    first = exchange_folder.exchange(hq.store, folder, PASSPHRASE).exported
    hq.voice(staff, "二件目", T1)
    second = exchange_folder.exchange(hq.store, folder, PASSPHRASE).exported
    assert first is not None and second is not None
    assert first.path != second.path, f"both written as {second.path.name}"


def test_init_branch_with_a_blank_name_is_refused_in_japanese_not_a_program_error(tmp_path, capsys):
    """`agency-app init --db yokohama.db --branch YOK --branch-name "　"` (the IME's full-width space, or a batch
    file's empty %NAME% with a space): exit 3 and an English traceback 'ValueError: branch code and name are
    required' on the console, where a Japanese refusal (exit 1) is due. cli._init strips the name after the
    `or` default, so a blank name reaches masters.save_branch."""
    code = main(["init", "--db", str(tmp_path / "yokohama.db"), "--branch", "YOK", "--branch-name", "\u3000"])
    _out, err = capsys.readouterr()
    assert code == 1, f"exit {code}: {err[-200:]}"
    assert "拠点名" in err
    assert not (tmp_path / "yokohama.db").exists()


def test_a_stray_file_in_the_exchange_folder_is_named_with_what_to_do_there(offices, tmp_path, capsys):
    """An old or foreign file named *.agencysync in the exchange folder (a zip renamed, a file from another
    program): every `sync folder` / F9 lists it as 「junk.agencysync: junk.agencysync は…ファイルではありません。
    「.agencysync」で終わる、このアプリで書き出したファイルを選んでください。」 — the name twice, and advice to
    *choose* a file ending in .agencysync, which this file already does and which nobody chose: nothing says to
    take it out of the folder, so exit 1 and the same line come back at every run. (bundle_file.NotABundle's
    text is the file dialog's; the folder needs its own.)"""
    hq, _ = offices
    hq.close()
    folder = tmp_path / "exchange"
    folder.mkdir()
    (folder / f"junk{bundle_file.SUFFIX}").write_bytes(b"PK\x03\x04" + bytes(4000))
    main(["sync", "folder", "--db", str(hq.folder / "HQ.db"), str(folder)])
    out, _err = capsys.readouterr()
    line = next(line for line in out.splitlines() if "ファイルではありません" in line)
    assert "選んでください" not in line and "フォルダー" in line, line


def test_a_passphrase_typed_as_an_argument_is_not_kept_in_the_log(offices, tmp_path, monkeypatch, capsys):
    """Staff used to other tools type the passphrase after the file: `agency-app sync import --db HQ.db
    YOK.agencysync 代理店の合言葉2026`. The command says 「ファイルが見つかりません: 代理店の合言葉2026」 — and the log
    file (kept a week, and the one file staff are told to e-mail when something went wrong) keeps the passphrase
    twice: in the 'starts:' line (logs.start writes sys.argv whole) and in the message line (cli._err logs every
    message). README: the passphrase is 'never a command-line argument and never stored in a file'."""
    import sys
    from agency_app import logs
    hq, yok = offices
    hq.close()
    secret = "代理店の合言葉を引数に2026"
    monkeypatch.setenv("AGENCY_APP_DATA", str(tmp_path / "data"))
    argv = ["sync", "import", "--db", str(hq.folder / "HQ.db"), str(yok.send()), secret]
    monkeypatch.setattr(sys, "argv", ["agency-app", *argv])
    try:
        main(argv)
    finally:
        logs.stop() if hasattr(logs, "stop") else None
    capsys.readouterr()
    texts = [p.read_text(encoding="utf-8") for p in (tmp_path / "data" / "logs").glob("*.log")]
    assert texts and not any(secret in text for text in texts)


def test_export_to_a_usb_stick_that_is_not_plugged_in_says_so(offices, tmp_path, capsys):
    """`agency-app sync export --db HQ.db --out E:\\` (or E:\\送信\\) with the USB stick not plugged in: the
    command says 「保存先は「.agencysync」で終わるファイル名にしてください（指定された名前: 送信）」 — the folder the user
    named is taken for a badly named file, and nothing says the stick (folder) is missing; exit 1, where
    `sync folder` on the same missing folder says 「交換フォルダーが見つかりません … USB メモリーがつながっているか」
    and exits 2 (the module docstring: 2 for 'the folder'). cli_sync._export checks the suffix before whether
    the parent exists, and a trailing separator is dropped by Path."""
    hq, _ = offices
    hq.close()
    missing = tmp_path / "usb" / "送信"
    code = main(["sync", "export", "--db", str(hq.folder / "HQ.db"), "--out", str(missing) + "/"])
    _out, err = capsys.readouterr()
    assert "ファイル名にしてください" not in err, err
    assert code == 2


def test_an_export_refused_because_the_database_is_busy_leaves_no_bundle(offices, tmp_path, monkeypatch, capsys):
    """The window is saving (or the scheduled `sync folder` is importing) when `agency-app sync export --out
    FOLDER` runs: the command says 「データベースが他のアプリで使用中です。しばらく待ってから…」 and exits 2 — yet the
    bundle is already in the folder under its final name (seen with real processes: one file per attempt, each
    imported by the other offices). bundle_export.export_bundle renames the file into place before its
    store.write() that notes it; a failure there leaves the file. The window's 送信ファイルを作成… too (its
    result page says 実行できませんでした)."""
    import sqlite3
    from agency_app.storage import database
    hq, _ = offices
    hq.voice(hq.staff("本部 花子"), "本部で受けた声", T1)
    hq.close()
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    other = sqlite3.connect(hq.folder / "HQ.db", timeout=0)
    other.execute("BEGIN IMMEDIATE")  # another program's write under way
    try:
        code = main(["sync", "export", "--db", str(hq.folder / "HQ.db"), "--out", str(outbox)])
    finally:
        other.rollback()
        other.close()
    _out, err = capsys.readouterr()
    assert code == 2 and "使用中" in err
    assert _bundles(outbox) == [], "refused, yet the bundle was written"


def test_a_new_branch_that_has_not_joined_yet_leaves_nothing_head_office_must_refuse_forever(tmp_path, monkeypatch,
                                                                                               capsys):
    """A new branch PC (`init --branch OSA`) presses F9 / runs `sync folder` before head office has put its first
    bundle in the folder (or runs `sync export` first, "to send my data to head office"): exit 0, 「送信ファイルを作成
    しました」. The bundle carries a fresh agency id of its own, so head office refuses it — 「別の代理店のファイルか、
    本部のファイルをまだ取り込んでいない拠点（OSA）のファイルです」 — and, in the folder, at every run from then on
    (exit 1), since the file never becomes takeable. The branch is never told to import head office's file first;
    export/exchange do not look at node.joined."""
    from agency_app.sync.exchange_folder import exchange
    from agency_app.storage.masters import MasterData
    monkeypatch.setenv(passphrase.ENV, PASSPHRASE)
    from tests.sync.sync_offices import Office
    hq = Office(tmp_path, "HQ", head_office=True)
    MasterData(hq.store).save_branch("OSA", "大阪支店", is_head_office=False)
    osa = Office(tmp_path, "OSA")
    folder = tmp_path / "exchange"
    folder.mkdir()
    try:
        exchange(osa.store, folder, PASSPHRASE)  # F9 at the new branch, head office's file not there yet
        exchange(hq.store, folder, PASSPHRASE)
        second = exchange(hq.store, folder, PASSPHRASE)  # any later run at head office
        assert second.skipped == [], f"head office refuses at every run: {second.skipped}"
    finally:
        hq.close()
        osa.close()
