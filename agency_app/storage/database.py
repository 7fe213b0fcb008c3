"""Open the SQLite file safely: pragmas (WAL, synchronous=FULL, foreign keys, busy timeout), checks, backup, migrate."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path, PurePath
from typing import Callable, Iterator
from urllib.parse import quote

from sqlite_utils import Database

from agency_app import __version__
from agency_app.storage import backup, history_chain, migrations, word_index
from agency_app.storage.errors import (
    CannotOpen, DatabaseCorrupt, DatabaseLocked, DatabaseTooNew, MigrationFailed, StorageError,
    translate_sqlite_error,
)

BUSY_TIMEOUT_MS = 5_000


class Store:
    """One open database: the sqlite-utils Database plus the write-transaction discipline every writer uses."""

    def __init__(self, db: Database, path: Path | None):
        self.db = db
        self.path = path
        # Work every write transaction does last, inside it (the word index of the voices it wrote).
        self.before_commit: list[Callable[[sqlite3.Connection], object]] = []
        self.history_mark = 0  # the newest history row before the open write transaction (history_chain.mark)

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    @contextmanager
    def write(self) -> Iterator[Database]:
        """One write transaction, begun with BEGIN IMMEDIATE so a concurrent writer waits instead of failing.

        Nested use joins the outer transaction (a savepoint). SQLite errors the user can act on
        come out as StorageError subclasses; on any error nothing of the transaction is kept.
        """
        conn = self.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            _raise_translated(error, self.path)
        try:
            self.history_mark = history_chain.mark(conn)  # only this transaction's history rows are sealed at commit
            yield self.db
            for hook in self.before_commit:
                hook(conn)
            head = history_chain.seal_since(conn, self.history_mark)
            conn.execute("COMMIT")
        except sqlite3.Error as error:
            _rollback(conn)
            _raise_translated(error, self.path)
        except BaseException:
            _rollback(conn)
            raise
        history_chain.remember_head(self.path, head)

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.write():
            self.conn.execute(migrations.SET_SETTING, (key, value))

    @property
    def home_branch(self) -> str:
        """The branch this database file belongs to (set by `init`); records made here carry it."""
        return self.setting("home_branch") or "HQ"

    def close(self) -> None:
        self.conn.close()


def _raise_translated(error: sqlite3.Error, path: Path | None) -> None:
    """Raise the StorageError the user can act on, or the original error (a bug) with its own traceback."""
    translated = translate_sqlite_error(error, path)
    if translated is error:
        raise error
    raise translated from error


def _rollback(conn: sqlite3.Connection) -> None:
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass


def sqlite_uri(path: PurePath) -> str:
    """SQLite's file: URI for an absolute path, any OS, any characters in the folder names.

    '?', '#' and '%' end or escape a URI's path, so every such character is percent-encoded (SQLite
    decodes %HH). A Windows drive path becomes file:///C:/...; a UNC path (//server/share/...) becomes
    file:////server/share/... (an empty authority: SQLite refuses any other host, and hands the
    path //server/share/... to Windows, which opens it as the share).
    """
    text = path.as_posix()
    if not text.startswith("/"):
        text = "/" + text  # C:/x -> /C:/x, so the drive is not read as the URI's host
    return "file://" + quote(text, safe="/:")


def connect(path: Path | str, *, read_only: bool = False, wal: bool = True) -> sqlite3.Connection:
    """A raw connection with this application's pragmas; Python's implicit transactions are off.

    `wal=False` leaves the journal mode alone (switching to WAL writes the file header),
    so a file can be checked before anything is written to it; call `enable_wal` after.
    """
    target = str(path)
    try:
        if read_only:
            conn = sqlite3.connect(f"{sqlite_uri(Path(path).absolute())}?mode=ro", uri=True,
                                   isolation_level=None, check_same_thread=False,
                                   timeout=BUSY_TIMEOUT_MS / 1000)
        else:
            conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False,
                                   timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if wal and not read_only:
            enable_wal(conn, target)
        # FULL keeps every acknowledged commit through a power cut (NORMAL may lose the last ones).
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        # An INSERT OR REPLACE deletes the row it pushes out without firing DELETE triggers unless this
        # is on: the history (R11) would lose the row's values, the full-text index would keep its text.
        # sqlite-utils' Database turns it on too; a connection used without it must not depend on that.
        conn.execute("PRAGMA recursive_triggers = ON")
    except sqlite3.Error as error:
        _raise_translated(error, Path(path))
    return conn


@contextmanager
def read_snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Every statement inside reads the database as it was at the first one: one read transaction.

    A report made of several queries on a reading connection would otherwise see a save the writer commits
    between two of them in some figures and not in others. Inside a transaction already, it joins it.
    """
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")  # nothing was written: this only ends the read


def enable_wal(conn: sqlite3.Connection, target: str = "") -> None:
    """Switch a file database to WAL (a no-op for an in-memory one, which stays 'memory')."""
    if target != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")


def check_integrity(conn: sqlite3.Connection, path: Path, *, quick: bool = True) -> None:
    """Raise DatabaseCorrupt when the file is not a database or fails its integrity check."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        rows = conn.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.DatabaseError as error:
        raise DatabaseCorrupt(path, str(error)) from error
    if [r[0] for r in rows] != ["ok"]:
        raise DatabaseCorrupt(path, "; ".join(str(r[0]) for r in rows[:5]))


def open_store(path: Path | str, *, create: bool = True, migrate: bool = True,
               daily_backup: bool = True, check: bool = True,
               now: datetime | None = None, progress: word_index.Progress | None = None) -> Store:
    """Open (or create) a database, refuse a damaged or too-new one, back it up, migrate it.

    Then the voices' word index catches up (after migration 0009: every existing voice, minutes at 1M
    voices), calling progress(done, total) so that it never happens silently.

    Order matters: integrity and version are checked before anything is written;
    a backup is taken before any migration and once a day.
    """
    path = Path(path)
    in_memory = str(path) == ":memory:"
    if not in_memory:
        if not path.exists() and not create:
            raise CannotOpen(path, "file does not exist")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CannotOpen(path, str(error)) from error
    is_new = in_memory or not path.exists() or path.stat().st_size == 0
    # No write before the checks: even switching to WAL rewrites the header of an old file.
    conn = connect(path, wal=False)
    try:
        if not is_new and check:
            check_integrity(conn, path)
        # No sqlite-utils plugins are used; looking for them scans every installed package (~50 ms).
        db = Database(conn, execute_plugins=False)
        store = Store(db, None if in_memory else path)
        scripts = migrations.load_scripts()
        _refuse_too_new(store, scripts)
        if not is_new:
            _refuse_foreign(store)
        enable_wal(conn, str(path))
        pending = migrations.pending(db, scripts)
        before_migration: Path | None = None
        if pending and not is_new and migrate:
            before_migration = backup.make_backup(conn, path, "before-migration", now)
        elif daily_backup and not is_new and not in_memory:
            day = (now or datetime.now()).date()
            if not backup.has_backup_on(path, day):
                backup.make_backup(conn, path, "daily", now)
                backup.prune_backups(path)
        if pending and migrate:
            try:
                apply_migrations(store, scripts)
            except StorageError:
                raise  # disk full, locked…: the user can act on these as they are
            except Exception as error:
                raise MigrationFailed(path, pending, before_migration, error) from error
        if word_index.exists(conn):
            word_index.catch_up(conn, progress)  # resumes an indexing a kill interrupted
            store.before_commit.append(word_index.index_pending_in_transaction)
        return store
    except sqlite3.Error as error:
        conn.close()
        _raise_translated(error, path)
    except BaseException:
        conn.close()
        raise


def apply_migrations(store: Store, scripts=None) -> list[str]:
    """Apply pending migrations; all of them or none (one IMMEDIATE transaction, a savepoint per step)."""
    scripts = scripts if scripts is not None else migrations.load_scripts()
    names = migrations.pending(store.db, scripts)
    if names:
        with store.write():
            migrations.build_migrations(scripts).apply(store.db)
            store.conn.execute(migrations.SET_SETTING, ("last_app_version", __version__))
    return names


def _refuse_too_new(store: Store, scripts) -> None:
    known = migrations.latest_schema_version(scripts)
    found = migrations.schema_version(store.db)
    known_names = {s.name for s in scripts}
    applied = [m.name for m in migrations.build_migrations(scripts).applied(store.db)]
    if found > known or any(name not in known_names for name in applied):
        raise DatabaseTooNew(store.path or Path(":memory:"), found, _version_that_knows(store), known)


def _version_that_knows(store: Store) -> str:
    """The version a too-new file asks for (see migrations.version_that_knows); "" when it cannot be read."""
    try:
        return migrations.version_that_knows(store.setting("min_app_version"), store.setting("last_app_version"),
                                             __version__)
    except sqlite3.Error:
        return ""


def _refuse_foreign(store: Store) -> None:
    """Refuse a SQLite file of another program: migrating it would write our tables into it."""
    if migrations.schema_version(store.db) or store.db["_sqlite_migrations"].exists():
        return
    tables = store.conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    if tables:
        raise CannotOpen(store.path or Path(":memory:"), "not a database of this application")


def locked_for_writing(store: Store) -> bool:
    """True when another connection holds the write lock right now (used to explain a wait)."""
    if store.conn.in_transaction:
        return False  # this connection holds the lock itself
    try:
        store.conn.execute("PRAGMA busy_timeout = 0")
        store.conn.execute("BEGIN IMMEDIATE")
        store.conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        store.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


__all__ = ["Store", "open_store", "connect", "read_snapshot", "enable_wal", "check_integrity", "apply_migrations",
           "DatabaseLocked", "locked_for_writing"]
