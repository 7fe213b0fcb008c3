"""Issue 13's bad files through `agency-app check` and `agency-app backup`: the exit code, the Japanese message,
and every file (db, -wal, -shm) byte-for-byte as it was — one table."""

from __future__ import annotations

import errno
import os
import sys

import pytest

from agency_app import cli
from agency_app.cli import main
from agency_app.storage import backup, private_copy
from tests.storage.bad_files import as_root, build, fingerprint, make_sound, side, sqlite_error
from tests.storage.full_disk import DiskFillsUp

DAMAGED = "壊れているか、データベースではありません"
EMPTIED = "空（0 バイト）"
FULL = "空き容量"
# case: (check's exit code, words of its message, backup's exit code, words of its message)
TABLE = {
    "zero-byte": (2, EMPTIED, 2, EMPTIED),
    "zero-byte, no backup": (1, "初期化されていません", 1, EMPTIED),
    "random bytes": (2, DAMAGED, 2, DAMAGED),
    "truncated": (2, DAMAGED, 2, DAMAGED),
    "flipped byte": (2, DAMAGED, 2, DAMAGED),
    "flipped byte + -wal": (2, DAMAGED, 2, DAMAGED),
    "sound + leftover -wal": (0, "問題は見つかりませんでした", 0, "バックアップを作成しました"),
    "newer version": (2, "新しいバージョン", 0, "バックアップを作成しました"),
    "locked": (0, "問題は見つかりませんでした", 0, "バックアップを作成しました"),
    "read-only folder": (0, "問題は見つかりませんでした", 2, "読み書きできませんでした"),
    "read-only file": (0, "問題は見つかりませんでした", 0, "バックアップを作成しました"),
    "full disk (0 bytes)": (2, FULL, 2, FULL),
    "full disk (a few KB)": (2, FULL, 2, FULL),
}


@pytest.fixture(scope="module")
def sound(tmp_path_factory):
    path = tmp_path_factory.mktemp("sound") / "sound.db"
    make_sound(path)
    return path


def inject(case: str, command: str, folder, monkeypatch) -> None:
    """What the system would answer where these tests cannot make it happen for real (root, a real full disk)."""
    if case == "full disk (0 bytes)":  # not even the private copy can be written
        def refuse(source, target):
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        monkeypatch.setattr(private_copy.shutil, "copyfile", refuse)
    elif case == "full disk (a few KB)" and command == "check":  # the -shm cannot grow: what SQLite says at 0 free
        def refused(path, **_):
            raise sqlite_error("SQLITE_IOERR_SHMSIZE", "disk I/O error")
        monkeypatch.setattr(cli, "connect", refused)
    elif case == "full disk (a few KB)":  # the backup's file fills the disk: SQLite's own SQLITE_FULL
        monkeypatch.setattr(backup, "sqlite3", DiskFillsUp())
    elif case == "read-only folder" and command == "backup" and as_root():
        def refuse_folder(*_args, **_kwargs):
            raise PermissionError(errno.EACCES, "Permission denied", str(folder / "backups"))
        monkeypatch.setattr(cli.backup, "make_backup", refuse_folder)


@pytest.mark.parametrize("command", ["check", "backup"])
@pytest.mark.parametrize("case", list(TABLE))
def test_a_bad_file_gets_its_exit_code_and_message_and_stays_byte_for_byte(case, command, sound, tmp_path,
                                                                            monkeypatch, capsys):
    if case.startswith("read-only") and sys.platform == "win32":
        pytest.skip("POSIX file modes; Windows refuses through ACLs the tests do not set")
    path, holder = build(case, tmp_path, sound)
    before = fingerprint(path)
    inject(case, command, tmp_path, monkeypatch)
    capsys.readouterr()
    try:
        code = main([command, "--db", str(path)])
        after = fingerprint(path)  # taken while the other process still holds it (its own close tidies its files)
    finally:
        if holder is not None:
            holder.stop()
        os.chmod(tmp_path, 0o755)
    out, err = capsys.readouterr()
    check_code, check_words, backup_code, backup_words = TABLE[case]
    expected, words = (check_code, check_words) if command == "check" else (backup_code, backup_words)
    shown = err + out
    assert (code, words in shown) == (expected, True), shown
    assert "Traceback" not in shown
    assert "agency-check" not in shown  # the user's file is named, never the temporary copy read
    assert after == before  # db, -wal, -shm: not one byte changed, none made or deleted
    leftovers = [p.name for p in path.parent.glob("*.partial")]
    assert not leftovers


def test_check_of_a_sound_file_with_a_leftover_wal_reads_what_the_wal_holds(sound, tmp_path, capsys):
    """The copy carries the -wal: a commit only in the -wal is read, not lost, and the -wal stays beside the file."""
    path, _ = build("sound + leftover -wal", tmp_path, sound)
    wal = side(path, "-wal").read_bytes()
    main(["backup", "--db", str(path), "--to", str(tmp_path / "copy.db")])
    import sqlite3
    with sqlite3.connect(tmp_path / "copy.db") as conn:
        assert conn.execute("SELECT value FROM settings WHERE key = 'left_in_the_wal'").fetchone() == ("yes",)
    assert side(path, "-wal").read_bytes() == wal


READ_COMMANDS = {  # README: each "never writes"
    "counts": ["counts", "--year", "2025"],
    "kpi": ["kpi", "--fy", "2025"],
    "voice-day": ["voice-day", "--team", "損保", "--date", "2025-06-10", "--pdf", "{out}/sheet.pdf"],
    "circulation": ["circulation", "--month", "2025-06", "--pdf", "{out}/sheet.pdf"],
}


@pytest.mark.parametrize("case", ["sound + leftover -wal", "flipped byte + -wal"])
@pytest.mark.parametrize("command", list(READ_COMMANDS))
def test_a_read_command_leaves_a_file_with_a_leftover_wal_byte_for_byte(command, case, sound, tmp_path, capsys):
    """Closing a connection to the file itself merged the -wal into it and deleted the -wal and -shm (sound), or
    rewrote the -shm of a damaged file: a command that "never writes" wrote."""
    folder = tmp_path / "db"
    folder.mkdir()
    path, _ = build(case, folder, sound)
    before = fingerprint(path)
    argv = [part.format(out=tmp_path) for part in READ_COMMANDS[command]]
    code = main([argv[0], "--db", str(path), *argv[1:]])
    shown = "".join(capsys.readouterr())
    assert code in ((0, 1) if case.startswith("sound") else (2,)), shown
    assert "Traceback" not in shown and "agency-check" not in shown
    assert fingerprint(path) == before


@pytest.mark.parametrize("command", list(READ_COMMANDS))
def test_a_read_command_on_an_emptied_file_says_it_is_emptied_not_old(command, sound, tmp_path, capsys):
    """A zero-byte file with backups was told "古い形式です… アプリで一度開くと更新されます" (exit 1): false, the app
    offers its latest backup instead. As check and backup: the emptied message, exit 2, the file untouched."""
    folder = tmp_path / "db"
    folder.mkdir()
    path, _ = build("zero-byte", folder, sound)
    argv = [part.format(out=tmp_path) for part in READ_COMMANDS[command]]
    code = main([argv[0], "--db", str(path), *argv[1:]])
    shown = "".join(capsys.readouterr())
    assert (code, EMPTIED in shown, "古い形式" in shown) == (2, True, False), shown
    assert path.stat().st_size == 0
