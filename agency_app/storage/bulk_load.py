"""Bulk-load mechanics for the demo build: the full-text index built by a second process, in parallel.

The trigram index of a million voices is the longest single job of a demo build (about 20 s of one
core). A spawned child process (spawn: the same on Windows) is sent the same SQL and compact rows
the main process writes its voices with, indexes the four text columns into a `voices_fts` of the
same definition in a temporary SQLite file and merges it into one segment; the main process,
meanwhile, writes the voices, their indexes and audit rows, commits, and then copies the four
shadow tables of the index (…_data, …_idx, …_docsize, …_config) into its database. The result is the index a 'rebuild' would have made, not a look-alike.
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import tempfile
from pathlib import Path

# FTS5 merges segments while it writes; for one big build it is quicker to keep the whole index in
# memory (hashsize) and merge once at the end ('optimize', which also leaves the fastest index).
FTS_BULK_CONFIG = {"automerge": 0, "crisismerge": 100_000, "hashsize": 1 << 30}
SHADOW_TABLES = ("voices_fts_data", "voices_fts_idx", "voices_fts_docsize", "voices_fts_config")
TEXT_COLUMNS = ("customer_name", "summary", "body", "response")


def set_fts_config(conn, table: str, config: dict) -> None:
    for key, value in config.items():
        conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES (?, ?)", (key, value))


def fts_config(conn, table: str, keys) -> dict:
    marks = ", ".join("?" * len(keys))
    return dict(conn.execute(f"SELECT k, v FROM {table}_config WHERE k IN ({marks})", tuple(keys)))


class FullTextChild:
    """The child process that builds the voices full-text index; feed() it rows, then copy_into()."""

    def __init__(self, conn, directory: Path, bulk_config: dict):
        """Start the child, with the index definition and merge settings `conn` has."""
        handle, name = tempfile.mkstemp(prefix=".fts-build-", suffix=".db", dir=directory)
        os.close(handle)
        self.path = Path(name)
        fts_sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'voices_fts'").fetchone()[0]
        restore_config = fts_config(conn, "voices_fts", bulk_config)
        context = multiprocessing.get_context("spawn")
        self.queue = context.Queue(maxsize=8)
        self.done = context.Queue()
        self.process = context.Process(target=_build_index, name="demo-fts",
                                       args=(str(self.path), fts_sql, restore_config, self.queue, self.done),
                                       daemon=True)
        self.process.start()

    def run(self, sql: str, rows: list | dict | tuple = ()) -> None:
        """Have the child run `sql` (executemany when `rows` is a list) in its transaction, in order."""
        self.queue.put((sql, rows))

    def copy_into(self, path: Path, timeout: float = 600.0) -> None:
        """Wait for the child, then replace the (empty) shadow tables of the index in `path` by the child's.

        Its own connection and transaction, after the voices are committed: the child could not write its
        file while a transaction of the main connection had it attached (BEGIN IMMEDIATE locks every
        attached file), and a write from another connection makes the main connection's full-text
        index drop what it cached of the old, empty index. A failure here fails the build (the CLI
        deletes it)."""
        self.queue.put(None)
        outcome = self.done.get(timeout=timeout)
        self.process.join(timeout)
        if outcome != "ok":
            raise RuntimeError(f"full-text index build failed: {outcome}")
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute("PRAGMA cache_size = -262144")
            conn.execute("ATTACH DATABASE ? AS fts_build", (str(self.path),))
            conn.execute("BEGIN IMMEDIATE")
            for table in SHADOW_TABLES:
                conn.execute(f"DELETE FROM main.{table}")
                conn.execute(f"INSERT INTO main.{table} SELECT * FROM fts_build.{table}")
            conn.execute("COMMIT")
        finally:
            conn.close()

    def close(self) -> None:
        """Delete the child's file, stopping the child if it still runs (a failed build)."""
        if self.process.is_alive():
            self.process.kill()
            self.process.join(10)
        for queue in (self.queue, self.done):
            queue.close()
            queue.cancel_join_thread()
        self.path.unlink(missing_ok=True)
        for suffix in ("-journal", "-wal", "-shm"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)


def _build_index(path: str, fts_sql: str, restore_config: dict, queue, done) -> None:
    """Child process: run each (sql, rows) it is sent (filling `voices_fts`) until None; then merge it."""
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -262144")
        conn.execute(fts_sql)
        conn.execute("BEGIN")
        set_fts_config(conn, "voices_fts", FTS_BULK_CONFIG)
        while (item := queue.get()) is not None:
            sql, rows = item
            if isinstance(rows, list):
                conn.executemany(sql, rows)
            else:
                conn.execute(sql, rows)
        conn.execute("INSERT INTO voices_fts (voices_fts) VALUES ('optimize')")
        conn.execute("DELETE FROM voices_fts_config WHERE k IN (%s)" % ", ".join("?" * len(FTS_BULK_CONFIG)),
                     tuple(FTS_BULK_CONFIG))
        set_fts_config(conn, "voices_fts", restore_config)
        conn.execute("COMMIT")
        conn.close()
        done.put("ok")
    except BaseException as error:  # reported to the parent, which raises
        done.put(f"{type(error).__name__}: {error}")
