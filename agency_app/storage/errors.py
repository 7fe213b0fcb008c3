"""Storage errors a user can act on (disk full, locked, damaged, too new); everything else is a bug."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from agency_app import __version__


class StorageError(Exception):
    """Base of the errors the UI explains to the user in Japanese; `message_ja` serves the command line."""

    message_ja = "データベースの処理でエラーが発生しました。"


class DatabaseCorrupt(StorageError):
    """The file is not a SQLite database, or fails PRAGMA integrity_check."""

    def __init__(self, path: Path, detail: str = ""):
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail
        self.message_ja = f"データベースファイルが壊れているか、データベースではありません: {path}"


class DatabaseEmptied(DatabaseCorrupt):
    """A zero-byte file that has backups beside it: emptied by a failure (a full disk, a bad copy), not new."""

    def __init__(self, path: Path):
        super().__init__(path, "the file is empty (0 bytes) but backups of it exist")
        self.message_ja = (f"データベースファイルが空（0 バイト）になっています: {path}\n"
                           "このファイルのバックアップがあります。ファイルには手を加えていません。"
                           "アプリで開くと、最新のバックアップのコピーを開くことができます。")


class DatabaseTooNew(StorageError):
    """Written by a newer version of the application; opening it could damage it.

    `required_app_version` is the version to name ("" when the file names none newer than this one);
    `known_schema_version` the newest schema this application knows.
    """

    def __init__(self, path: Path, schema_version: int, required_app_version: str,
                 known_schema_version: int | None = None):
        super().__init__(f"{path}: schema {schema_version}, needs app {required_app_version or '?'}")
        self.path = path
        self.schema_version = schema_version
        self.required_app_version = "" if required_app_version == "?" else required_app_version
        self.known_schema_version = known_schema_version
        self.app_version = __version__
        known = f"、このアプリ {__version__} が扱えるのはスキーマ {known_schema_version} まで" \
            if known_schema_version is not None else f"、このアプリは {__version__}"
        which = (f"スキーマ {schema_version} を扱えるバージョン {self.required_app_version} 以降のアプリで"
                 if self.required_app_version else f"バージョン {__version__} より新しいアプリで")
        self.message_ja = (f"このデータベースは新しいバージョンのアプリで作成されています"
                           f"（データベースのスキーマ {schema_version}{known}）。{which}開いてください。")


class DatabaseLocked(StorageError):
    """Another copy of the application holds the write lock longer than the busy timeout."""

    message_ja = "データベースが他のアプリで使用中です。しばらく待ってからもう一度お試しください。"


class DiskFull(StorageError):
    message_ja = "ディスクの空き容量が足りないため保存できませんでした。"


class NoRoomForCopy(DiskFull):
    """The temporary folder cannot hold the private copy a check or backup reads: it names that folder, not the
    database's drive, and nothing was being saved."""

    def __init__(self, detail: str, folder: Path, megabytes: int):
        super().__init__(detail)
        self.folder = folder
        self.megabytes = megabytes
        self.message_ja = (f"一時フォルダーの空き容量が足りないため、点検用のコピーを作れませんでした"
                           f"（約 {megabytes:,} MB 必要です）: {folder}\n"
                           "元のファイルには手を加えていません。空き容量を増やしてから、もう一度お試しください。")


class DiskIOError(StorageError):
    """The disk (or the network drive) failed a read or write: SQLITE_IOERR_* other than a refused write.

    `writing` is True for the codes a full disk or a size limit gives (SQLite writes, syncs or grows a
    file and the system refuses); the message then names free space first.
    """

    def __init__(self, detail: str = "", *, writing: bool = False):
        super().__init__(detail)
        self.writing = writing
        self.message_ja = (
            ("ディスクに書き込めませんでした。空き容量が足りない可能性があります。" if writing
             else "ディスクの読み書きでエラーが発生しました。")
            + "ディスクの空き容量を確認し、ネットワークドライブの場合は接続を確認してから、もう一度お試しください。"
            "解決しない場合は管理者に連絡してください。")


class ReadOnly(StorageError):
    message_ja = "フォルダーまたはファイルが読み取り専用のため保存できませんでした。"


class CannotOpen(StorageError):
    """The file or its folder cannot be opened (missing folder, no permission)."""

    def __init__(self, path: Path, detail: str = ""):
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.message_ja = f"データベースを開けませんでした: {path}"


class MigrationFailed(StorageError):
    """Upgrading the database to this version failed; it was left as it was before (and backed up)."""

    def __init__(self, path: Path, pending: list[str], backup_path: Path | None, cause: BaseException):
        super().__init__(f"{path}: migration {', '.join(pending)} failed: {cause!r}")
        self.path = path
        self.pending = list(pending)
        self.backup_path = backup_path
        self.cause = cause
        self.message_ja = ("データベースを新しい形式に更新できませんでした。データは更新前のままです。"
                           + (f"更新前のバックアップ: {backup_path}" if backup_path else ""))


# SQLITE_IOERR_* codes SQLite gives when the system refuses to write, sync or grow a file: with no free space
# (ENOSPC is reported as SQLITE_FULL only by write(); ftruncate/fallocate of the -shm, fsync, a size limit give
# these). The other IOERR codes (READ, SHORT_READ, LOCK, ACCESS…) are read or device failures.
WRITE_IOERRS = frozenset({
    "SQLITE_IOERR_WRITE", "SQLITE_IOERR_FSYNC", "SQLITE_IOERR_DIR_FSYNC", "SQLITE_IOERR_TRUNCATE",
    "SQLITE_IOERR_SHMSIZE", "SQLITE_IOERR_SHMMAP", "SQLITE_IOERR_MMAP",
    "SQLITE_IOERR_BEGIN_ATOMIC", "SQLITE_IOERR_COMMIT_ATOMIC",
})


def translate_sqlite_error(error: sqlite3.Error, path: Path | None = None) -> Exception:
    """Map a sqlite3 error to the StorageError the user can act on, or return it unchanged (a bug).

    The SQLite result code decides when Python gives one (3.11+); the message text is only a
    fallback, so a trigger's or constraint's own words ("… locked …") are never mistaken for one.
    """
    code = getattr(error, "sqlite_errorname", "") or ""
    text = "" if code else str(error).lower()
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text \
            or "database table is locked" in text:
        return DatabaseLocked(str(error))
    if code == "SQLITE_FULL" or "disk is full" in text:
        return DiskFull(str(error))
    if code.startswith("SQLITE_IOERR") or (not code and "disk i/o error" in text):
        return DiskIOError(str(error), writing=code in WRITE_IOERRS)
    if code.startswith("SQLITE_READONLY") or code == "SQLITE_PERM" or "readonly database" in text:
        return ReadOnly(str(error))
    if code.startswith("SQLITE_CORRUPT") or code == "SQLITE_NOTADB" or "not a database" in text \
            or "malformed" in text:
        return DatabaseCorrupt(path or Path("?"), str(error))
    if code.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return CannotOpen(path or Path("?"), str(error))
    return error
