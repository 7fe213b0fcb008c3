"""The bad files of issue 13, made from a sound database: each case builds its file (and side files) in a folder.

Shared by the command-line table (tests/cli/test_bad_files.py) and the window table (tests/ui/shell/).
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Iterator

from agency_app.storage import backup, history_chain
from agency_app.storage.database import open_store
from agency_app.storage.masters import MasterData, initialise

SIDES = ("", "-wal", "-shm", "-journal")


def side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def fingerprint(path: Path) -> dict[str, str | None]:
    """sha256 of the file and of each side file (None when absent): equal before and after = byte-for-byte."""
    return {suffix or "db": (hashlib.sha256(side(path, suffix).read_bytes()).hexdigest()
                             if side(path, suffix).exists() else None) for suffix in SIDES}


def make_sound(path: Path) -> None:
    """A small sound database, checkpointed: every page in the file itself, no -wal left."""
    store = open_store(path, daily_backup=False)
    initialise(store)
    masters = MasterData(store)
    for n in range(60):  # enough rows for a file of several pages, so there is a middle to damage
        masters.save_staff(name=f"担当 {n:03d}", kana=f"たんとう {n:03d}")
    store.close()
    assert not side(path, "-wal").exists()


def add_backup(path: Path) -> Path:
    conn = sqlite3.connect(path)
    try:
        return backup.make_backup(conn, path, "daily", datetime(2025, 11, 19, 9, 0))
    finally:
        conn.close()


def flip_mid_file(path: Path) -> None:
    """Flip the page-type byte of a b-tree page near the middle of the file (what integrity_check reads)."""
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big") or 65536
    pages = len(data) // size
    for number in [pages // 2 + k for k in range(pages)] + list(range(1, pages)):
        offset = (number % pages) * size
        if number % pages and data[offset] in (2, 5, 10, 13):
            data[offset] ^= 0xFF
            path.write_bytes(bytes(data))
            return
    raise AssertionError("no b-tree page to damage")


@contextmanager
def open_writer(path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def with_leftover_wal(sound: Path, target: Path) -> None:
    """The files of a connection that wrote and was never closed (a kill): db, -wal and -shm copied while open."""
    work = sound.with_name("writer-" + sound.name)
    shutil.copyfile(sound, work)
    with open_writer(work) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        # A commit as the app makes it (Store.write): the setting's history row sealed, so `check` finds the file sound.
        conn.execute("BEGIN IMMEDIATE")
        mark = history_chain.mark(conn)
        conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('left_in_the_wal', 'yes')")
        history_chain.seal_since(conn, mark)
        conn.execute("COMMIT")
        for suffix in ("", "-wal", "-shm"):
            shutil.copyfile(side(work, suffix), side(target, suffix))
    for suffix in ("", "-wal", "-shm"):
        side(work, suffix).unlink(missing_ok=True)
    assert side(target, "-wal").stat().st_size > 0


class Holder:
    """Another process holding BEGIN EXCLUSIVE on the file until stopped."""

    def __init__(self, path: Path):
        code = ("import sqlite3, sys\n"
                f"c = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
                "c.execute('BEGIN EXCLUSIVE')\n"
                "print('held', flush=True)\n"
                "sys.stdin.readline()\n")
        self.process = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().strip() == "held"

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def build(case: str, folder: Path, sound: Path) -> tuple[Path, Holder | None]:
    """Make the file of `case` in `folder` from the sound database `sound`; a Holder when another process holds it."""
    path = folder / "agency.db"
    holder = None
    if case == "zero-byte":
        shutil.copyfile(sound, path)
        add_backup(path)
        path.write_bytes(b"")
    elif case == "zero-byte, no backup":
        path.write_bytes(b"")
    elif case == "random bytes":
        path.write_bytes(random.Random(13).randbytes(64 * 1024))
    elif case == "truncated":
        shutil.copyfile(sound, path)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2 + 100])
    elif case == "flipped byte":
        shutil.copyfile(sound, path)
        flip_mid_file(path)
    elif case == "flipped byte + -wal":
        with_leftover_wal(sound, path)
        flip_mid_file(path)
    elif case == "sound + leftover -wal":
        with_leftover_wal(sound, path)
    elif case == "newer version":
        shutil.copyfile(sound, path)
        with open_writer(path) as conn:
            conn.execute("PRAGMA user_version = 999")
    elif case in ("locked", "read-only folder", "read-only file", "full disk (0 bytes)", "full disk (a few KB)"):
        shutil.copyfile(sound, path)
        if case == "locked":
            holder = Holder(path)
        elif case == "read-only file":
            os.chmod(path, 0o444)
        elif case == "read-only folder":
            os.chmod(folder, 0o555)
    else:
        raise AssertionError(case)
    return path, holder


def as_root() -> bool:
    """Root may write anywhere: a read-only folder or file refuses nothing, so SQLite's answer is given instead."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def sqlite_error(name: str, text: str) -> sqlite3.OperationalError:
    """The error SQLite raises for `name` (e.g. SQLITE_IOERR_SHMSIZE), as Python builds it."""
    codes = {"SQLITE_IOERR_SHMSIZE": 4874, "SQLITE_IOERR_WRITE": 778, "SQLITE_FULL": 13,
             "SQLITE_READONLY_DIRECTORY": 1544, "SQLITE_CANTOPEN": 14, "SQLITE_IOERR_SHORT_READ": 522,
             "SQLITE_READONLY": 8}
    error = sqlite3.OperationalError(text)
    error.sqlite_errorcode, error.sqlite_errorname = codes[name], name
    return error
