"""Open the SQLite file safely: pragmas (WAL, synchronous=FULL, foreign keys, busy timeout), checks, backup, migrate."""

from __future__ import annotations

import logging
import sqlite3
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path, PurePath
from typing import Callable, Iterator
from urllib.parse import quote

from sqlite_utils import Database

from agency_app import __version__
from agency_app.private_files import private_file, private_folder
from agency_app.storage import backup, history_chain, history_heads, migrations, word_index
from agency_app.storage.errors import (
    CannotOpen, DatabaseCorrupt, DatabaseEmptied, DatabaseLocked, DatabaseTooNew, DiskFull, MigrationFailed, ReadOnly,
    StorageError,
    translate_sqlite_error,
)
from agency_app.storage.private_copy import has_side_files, private_copy

log = logging.getLogger(__name__)

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
            history_heads.note_lost_tail(conn, self.path)  # rows this PC sealed gone: said in the history itself
            head = history_chain.seal_since(conn, self.history_mark)
            conn.execute("COMMIT")
        except sqlite3.Error as error:
            _rollback(conn)
            _raise_translated(error, self.path)
        except BaseException:
            _rollback(conn)
            raise
        history_heads.remember_head(self.path, head)

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

    def close(self, *, keep_file: bool = False) -> None:
        """Close; `keep_file` for a file found damaged while in use: its -wal is neither merged nor deleted."""
        if keep_file and self.path is not None:
            _close_refused(self.conn, self.path, True, keep=True)
        else:
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
    file = None if target == ":memory:" else Path(path)
    had_side_files = file is not None and has_side_files(file)
    conn = None
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
        if conn is not None:  # e.g. a damaged schema met by a pragma: the file stays as it was found
            _close_refused(conn, file, had_side_files,
                           keep=isinstance(translate_sqlite_error(error, file), DatabaseCorrupt))
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
        # A disk error, a lock or a refused write is not damage: the user acts on each differently.
        known = translate_sqlite_error(error, path)
        if isinstance(known, StorageError) and not isinstance(known, DatabaseCorrupt):
            raise known from error
        raise DatabaseCorrupt(path, str(error)) from error
    if [r[0] for r in rows] != ["ok"]:
        raise DatabaseCorrupt(path, "; ".join(str(r[0]) for r in rows[:5]))


def empty_with_backups(path: Path) -> bool:
    """A zero-byte file with backups beside it: a database emptied by a failure, not a new one."""
    try:
        return path.stat().st_size == 0 and bool(backup.list_backups(path))
    except OSError:
        return False


def refuse_emptied(path: Path) -> None:
    """Raise DatabaseEmptied for a zero-byte file that has backups (offer the latest, as for other damage).

    A zero-byte file without backups is how a freshly made empty file looks: it stays a new database.
    """
    if empty_with_backups(path):
        raise DatabaseEmptied(path)
    if _empty_beside_a_wal(path):  # opened as new, SQLite would delete the -wal and every commit in it
        raise DatabaseCorrupt(path, "the file is empty (0 bytes) but its -wal holds data")


def _empty_beside_a_wal(path: Path) -> bool:
    try:
        return path.stat().st_size == 0 and path.with_name(path.name + "-wal").stat().st_size > 0
    except OSError:
        return False


def check_untouched(path: Path, *, quick: bool = True) -> bool:
    """The integrity check on a private copy when side files sit beside the file (it stays byte-for-byte).

    Without a -wal/-shm/-journal a connection that only reads leaves the file as it was; with one, closing
    would merge the -wal into it (or roll a -journal back) and delete it, so a copy is checked instead.
    True when it checked (the copy), False when the caller checks the file itself.
    """
    if not has_side_files(path):
        return False
    with private_copy(path) as copy:
        conn = connect(copy, wal=False)
        try:
            check_integrity(conn, path, quick=quick)
        finally:
            conn.close()
    return True


def open_store(path: Path | str, *, create: bool = True, migrate: bool = True,
               daily_backup: bool = True, check: bool = True, new: bool = False,
               now: datetime | None = None, progress: word_index.Progress | None = None) -> Store:
    """Open (or create) a database, refuse a damaged or too-new one, back it up, migrate it.

    Then the voices' word index catches up (after migration 0009: every existing voice, minutes at 1M
    voices), calling progress(done, total) so that it never happens silently.

    Order matters: integrity and version are checked before anything is written;
    a backup is taken before any migration and once a day.

    `new`: the caller makes a new database on purpose (demo, init); where no file was, backups an earlier file of
    that name left are no reason to refuse the file this call makes as emptied (a zero-byte file that was there is).
    """
    path = Path(path)
    in_memory = str(path) == ":memory:"
    existed = not in_memory and path.exists()
    if not in_memory:
        if not path.exists() and not create:
            raise CannotOpen(path, "file does not exist")
        try:
            # A new database is the user's alone (0600, its folder 0700); SQLite gives its -wal, -shm and
            # -journal the main file's mode. An existing file keeps its mode: a shared folder's on purpose.
            private_folder(path.parent)
            private_file(path)
        except OSError as error:
            raise CannotOpen(path, str(error)) from error
    if not in_memory and (existed or not new):
        refuse_emptied(path)
    is_new = in_memory or not path.exists() or path.stat().st_size == 0
    # Found damaged, the file and its -wal stay exactly as they were. A leftover -wal (a file not closed cleanly)
    # is checked on a copy even on a normal start: reads of the file that met damage would rebuild its -shm.
    had_side_files = not in_memory and has_side_files(path)
    try:
        checked = not is_new and (check or had_side_files) and check_untouched(path)
    except DiskFull:
        if check:
            raise
        checked = False  # a normal start is not refused for want of room for the copy: it opens as it did
    # No write before the checks: even switching to WAL rewrites the header of an old file.
    conn = connect(path, wal=False)
    try:
        if not is_new and check and not checked:
            check_integrity(conn, path)
        # No sqlite-utils plugins are used; looking for them scans every installed package (~50 ms).
        db = Database(conn, execute_plugins=False)
        store = Store(db, None if in_memory else path)
        scripts = migrations.load_scripts()
        _refuse_too_new(store, scripts)
        if not is_new:
            _refuse_foreign(store)
        pending = migrations.pending(db, scripts)
        migrating = bool(pending) and not is_new and migrate
        daily = (not migrating and daily_backup and not is_new and not in_memory
                 and not backup.has_backup_on(path, (now or datetime.now()).date()))
        if (migrating or daily) and not check:
            # Opened unchecked (the window leaves it to the daily maintenance): a damaged file is never backed
            # up, or that damaged copy would be offered as the latest backup to restore it from.
            check_integrity(conn, path)
        enable_wal(conn, str(path))
        before_migration: Path | None = None
        if migrating:
            before_migration = backup.make_backup(conn, path, "before-migration", now)
        elif daily:
            backup.make_backup(conn, path, "daily", now)
            backup.prune_backups(path)
        if pending and migrate:
            try:
                apply_migrations(store, scripts)
            except StorageError:
                raise  # disk full, locked…: the user can act on these as they are
            except Exception as error:
                raise MigrationFailed(path, pending, before_migration, error) from error
        if not in_memory and migrate:  # a caller that asks for no migration asks for no write either
            from agency_app.storage import node_seat  # beside this module: it writes through a Store
            waits = conn.execute("PRAGMA busy_timeout").fetchone()[0]
            conn.execute("PRAGMA busy_timeout = 0")  # never wait at open for another program's write: next time
            try:
                node_seat.settle(store, path)  # a copy opened elsewhere is a node of its own (issue 14)
            except (ReadOnly, DatabaseLocked) as error:
                log.info("node seat not recorded now: %s", type(error).__name__)  # another program is writing it
            finally:                                                             # here: the next open records it
                conn.execute(f"PRAGMA busy_timeout = {int(waits)}")
        _stop_a_left_merge(store)
        if word_index.exists(conn):
            word_index.catch_up(conn, progress)  # resumes an indexing a kill interrupted
            store.before_commit.append(word_index.index_pending_in_transaction)
        return store
    except sqlite3.Error as error:
        known = translate_sqlite_error(error, path)
        _close_refused(conn, None if in_memory else path, had_side_files,
                       keep=isinstance(known, (DatabaseCorrupt, DatabaseTooNew)))
        _raise_translated(error, path)
    except BaseException as error:
        _close_refused(conn, None if in_memory else path, had_side_files,
                       keep=isinstance(error, (DatabaseCorrupt, DatabaseTooNew)))
        raise


def _close_refused(conn: sqlite3.Connection, path: Path | None, had_side_files: bool, *, keep: bool) -> None:
    """Close the connection of an open that failed; a damaged or too-new file (`keep`) stays as it was found.

    Closing the last connection to a WAL file merges the -wal into it and deletes the -wal ("このファイルには
    手を加えません" would not hold). A read-only connection cannot merge, so one is kept open while this one
    closes, and closes last. The -wal and -shm this open made where there were none are removed again.
    """
    if not keep or path is None:
        conn.close()
        return
    companion = None
    try:
        companion = sqlite3.connect(f"{sqlite_uri(path.absolute())}?mode=ro", uri=True, isolation_level=None)
        companion.execute("PRAGMA user_version").fetchone()  # a read attaches it to the -wal like the other
    except sqlite3.Error:
        pass  # not even readable: no -wal it could merge either
    conn.close()
    if companion is not None:
        companion.close()
    if not had_side_files:
        wal = path.with_name(path.name + "-wal")
        if not wal.exists() or wal.stat().st_size == 0:  # ours and empty: nothing in it to lose
            for suffix in ("-wal", "-shm"):
                try:
                    path.with_name(path.name + suffix).unlink(missing_ok=True)
                except OSError:
                    pass


def _stop_a_left_merge(store: Store) -> None:
    """A row in sync_applying outside an import silences every audit trigger (only a SQLite tool can leave one: an
    import's own is rolled back with it). Taken out at open, so saves are recorded again; `check` names one too."""
    try:
        left = store.conn.execute("SELECT count(*) FROM sync_applying").fetchone()[0]
    except sqlite3.OperationalError:
        return  # older than migration 0017
    if left:
        log.warning("sync_applying held %d row(s) outside an import: removed, so changes are recorded again", left)
        with store.write():
            store.conn.execute("DELETE FROM sync_applying")


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


__all__ = ["Store", "open_store", "check_untouched", "refuse_emptied", "empty_with_backups", "connect", "read_snapshot", "enable_wal", "check_integrity", "apply_migrations",
           "DatabaseLocked", "locked_for_writing"]
