"""Bulk-load mechanics for the demo build: the full-text index built by a second process, in parallel.

The trigram index of a million voices is the longest single job of a demo build (about 20 s of one
core). A spawned child process (spawn: the same on Windows) is sent the same SQL and compact rows
the main process writes its voices with, indexes the four text columns into a `voices_fts` of the
same definition in a temporary SQLite file and merges it into one segment; the main process,
meanwhile, writes the voices, their indexes and audit rows, commits, and then copies the four
shadow tables of the index (…_data, …_idx, …_docsize, …_config) into its database. The result
indexes exactly what a 'rebuild' would (the tests compare both); only segment numbers differ.
Also here: the pragmas, clock, drop/recreate and lookup-table helpers of the bulk build.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import sqlite3
import tempfile
import time
from array import array
from operator import itemgetter
from pathlib import Path
from random import Random

from agency_app.storage import word_index
from agency_app.storage import history_chain
from agency_app.storage.audited_tables import HOME_BRANCH, audited_columns, created_row_sql

# FTS5 merges segments while it writes; for one big build it is quicker to let them pile up and
# merge once at the end ('optimize', which also leaves the fastest index), and to flush fewer, bigger
# segments (hashsize: 128 MiB halved 'optimize' at 300k voices; 512 MiB was no faster at 1M).
FTS_BULK_CONFIG = {"automerge": 0, "crisismerge": 100_000, "hashsize": 128 << 20}
SHADOW_TABLES = ("voices_fts_data", "voices_fts_idx", "voices_fts_docsize", "voices_fts_config")


def set_fts_config(conn, table: str, config: dict) -> None:
    for key, value in config.items():
        conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES (?, ?)", (key, value))


def fts_config(conn, table: str, keys) -> dict:
    marks = ", ".join("?" * len(keys))
    return dict(conn.execute(f"SELECT k, v FROM {table}_config WHERE k IN ({marks})", tuple(keys)))


# One voice as a few integers (demo_row); VOICE_SELECT joins them with the pools into VOICE_COLUMNS.
COMPACT = ("id", "tail", "tail16", "day", "minute", "staff", "profile", "customer", "status", "by_lead",
           "done_day", "dice", "reopened", "rare")
_WHO = "CASE WHEN r.by_lead THEN st.lead ELSE st.uid END"
_CLOSED = "r.status < 2"
# A voice to be reopened (R7) goes in as first closed: done on the spot, at its receipt. Its reopening and
# closing again are written afterwards through VoiceRepository.change_status (demo/reopened.py).
_DONE_DAY = "CASE WHEN r.reopened THEN dy.s ELSE dd.s END"
_CLOSED_AT = ("CASE WHEN r.reopened THEN dy.s || tm.s "
              "ELSE dd.s || (SELECT s FROM demo_time WHERE i = min(r.minute + 45, 1080)) END")
_BODY = "CASE WHEN r.rare THEN p.body || (SELECT s FROM demo_text WHERE i = r.rare) ELSE p.body END"
_RESPONSE = ("CASE r.status WHEN 0 THEN p.response WHEN 2 THEN (SELECT s FROM demo_text WHERE i = 2000 + r.dice) "
             "ELSE '' END")
VOICE_SELECT = f"""SELECT r.id, printf('%012x%016x%04x', :uid_base + r.id, r.tail, r.tail16), :home, st.branch, st.team,
 dy.s || tm.s, st.uid, p.channel, p.kind, p.complaint, p.grp, p.item, p.line, p.insurer, cu.s, p.summary,
 {_BODY}, {_RESPONSE},
 CASE r.status WHEN 0 THEN 'done' WHEN 1 THEN 'dropped' WHEN 2 THEN 'in_progress' ELSE 'new' END, {_WHO},
 (SELECT s FROM demo_day WHERE i = r.day + p.due_in), NULL, NULL,
 CASE WHEN {_CLOSED} THEN {_DONE_DAY} END, CASE WHEN {_CLOSED} THEN {_WHO} END,
 CASE WHEN r.status = 1 THEN (SELECT s FROM demo_text WHERE i = 1000 + r.dice) END,
 0, dy.s || tm.s, st.uid,
 CASE WHEN {_CLOSED} THEN {_CLOSED_AT} ELSE dy.s || tm.s END,
 CASE WHEN r.status = 3 THEN st.uid ELSE {_WHO} END,
 CASE r.status WHEN 0 THEN 3 WHEN 1 THEN 3 WHEN 2 THEN 2 ELSE 1 END
FROM demo_row r JOIN demo_staff st ON st.i = r.staff JOIN demo_profile p ON p.i = r.profile
 JOIN demo_day dy ON dy.i = r.day JOIN demo_time tm ON tm.i = r.minute JOIN demo_day dd ON dd.i = r.done_day
 JOIN demo_customer cu ON cu.i = r.customer"""
# The child indexing the text needs only these (FTS_COMPACT of COMPACT, in demo_fts_row).
FTS_COMPACT = itemgetter(0, 6, 7, 8, 11, 13)
FTS_INSERT_SELECT = f"""INSERT INTO voices_fts (rowid, customer_name, summary, body, response)
SELECT r.id, cu.s, p.summary, {_BODY}, {_RESPONSE}
FROM demo_fts_row r JOIN demo_profile p ON p.i = r.profile JOIN demo_customer cu ON cu.i = r.customer"""
FTS_INSERT = "INSERT INTO voices_fts (rowid, customer_name, summary, body, response) VALUES (?, ?, ?, ?, ?)"


def create_pools(conn, pools: list[tuple[str, list[tuple]]], child: FullTextChild | None) -> None:
    """Create and fill temp tables ("name (columns)", rows) in `conn`, and in the child when there is one."""
    for table, rows in pools:
        steps = [(f"CREATE TEMP TABLE {table}", ())]
        if rows:
            steps.append((f"INSERT INTO temp.{table.split()[0]} VALUES ({', '.join('?' * len(rows[0]))})", rows))
        for sql, args in steps:
            conn.executemany(sql, args) if isinstance(args, list) else conn.execute(sql, args)
            if child:
                child.run(sql, args)


def rebuild_full_text(conn) -> None:
    """Rebuild the voices full-text index from the table, merged into one segment; merge settings restored."""
    saved = fts_config(conn, "voices_fts", FTS_BULK_CONFIG)
    set_fts_config(conn, "voices_fts", FTS_BULK_CONFIG)
    conn.execute("INSERT INTO voices_fts (voices_fts) VALUES ('rebuild')")
    conn.execute("INSERT INTO voices_fts (voices_fts) VALUES ('optimize')")
    conn.execute("DELETE FROM voices_fts_config WHERE k IN (%s)" % ", ".join("?" * len(FTS_BULK_CONFIG)),
                 tuple(FTS_BULK_CONFIG))
    set_fts_config(conn, "voices_fts", saved)


def index_words(conn, progress=None) -> int:
    """The word index (表記ゆれ search) of every voice, after the bulk write has committed: its triggers were
    dropped during the write, so every voice is noted as pending here and indexed in committed batches."""
    if not word_index.exists(conn):
        return 0
    conn.execute(f"INSERT OR IGNORE INTO {word_index.PENDING} SELECT rowid FROM voices")
    return word_index.catch_up(conn, progress, batch=10_000)


def drop_triggers_and_indexes(conn, table: str) -> dict[str, list[str]]:
    """Drop the triggers and secondary indexes of `table`; return their SQL to recreate them as they were."""
    saved: dict[str, list[str]] = {"trigger": [], "index": []}
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? "
                        "AND type IN ('trigger', 'index') AND sql IS NOT NULL ORDER BY rowid", (table,)).fetchall()
    for kind, name, sql in rows:
        conn.execute(f'DROP {kind.upper()} "{name}"')
        saved[kind].append(sql)
    return saved


class BulkPragmas:
    """For the bulk build only: no fsync, a big page cache, a rollback journal instead of WAL (half the
    writes); the connection's own settings come back afterwards."""

    def __init__(self, conn, file_backed: bool):
        self.conn, self.file_backed = conn, file_backed

    def __enter__(self):
        conn = self.conn
        self.saved = {name: conn.execute(f"PRAGMA {name}").fetchone()[0] for name in
                      ("synchronous", "cache_size", "temp_store", "journal_mode", "foreign_keys", "threads")}
        if self.file_backed and self.saved["journal_mode"] == "wal":
            conn.execute("PRAGMA journal_mode = DELETE")  # stays WAL if another connection is open
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -262144")  # 256 MiB (1 and 2 GiB measured no faster at 1M)
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA threads = 2")  # CREATE INDEX sorts with a helper thread (0 measured slower)
        # The rows are valid by construction (codes, staff written first; the tests check it): per-row
        # CHECK (… IN (…)) and foreign-key lookups cost more than half of the insert time.
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA ignore_check_constraints = ON")
        return self

    def __exit__(self, exc_type, *exc):
        conn = self.conn
        try:
            if self.file_backed and self.saved["journal_mode"] == "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA ignore_check_constraints = OFF")
            for name in ("synchronous", "cache_size", "temp_store", "foreign_keys", "threads"):
                conn.execute(f"PRAGMA {name} = {self.saved[name]}")
        except sqlite3.Error:
            if exc_type is None:
                raise  # after a failed build, the build's own error is the one to see
        return False


class Clock:
    """Adds the time since the last call to phases[name]: where the seconds of a build go."""

    def __init__(self, phases: dict[str, float]):
        self.phases, self.last = phases, time.perf_counter()

    def __call__(self, name: str) -> None:
        now = time.perf_counter()
        self.phases[name] = self.phases.get(name, 0.0) + now - self.last
        self.last = now


def weighted_table(rng: Random, weighted: list[tuple[object, float]], size: int) -> list:
    """A lookup table of `size` entries holding each value in proportion to its weight (shuffled)."""
    total = sum(w for _, w in weighted)
    counts = [int(size * w / total) for _, w in weighted]
    remainders = sorted(range(len(weighted)), key=lambda i: size * weighted[i][1] / total - counts[i],
                        reverse=True)
    for i in remainders[: size - sum(counts)]:
        counts[i] += 1
    table = [value for (value, _), count in zip(weighted, counts) for _ in range(count)]
    rng.shuffle(table)
    return table


def lookup(rng: Random, weighted: list[tuple[object, float]], n: int) -> list:
    """A 65536-entry table for 16-bit random indexes; a small demo shuffles a shorter one and repeats it."""
    size = min(65536, 1 << max(12, (n - 1).bit_length()))
    return weighted_table(rng, weighted, size) * (65536 // size)


def u16(rng: Random, n: int) -> array:
    return array("H", rng.randbytes(2 * n))


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
        self.queue = context.Queue()  # unbounded: the main process never waits for the child mid-build
        self.done = context.Queue()
        self.process = context.Process(target=_build_index, name="demo-fts",
                                       args=(str(self.path), fts_sql, restore_config, self.queue, self.done),
                                       daemon=True)
        try:
            self.process.start()
        except BaseException:
            self.path.unlink(missing_ok=True)
            raise

    def run(self, sql: str, rows: list | dict | tuple = ()) -> None:
        """Have the child run `sql` (executemany when `rows` is a list) in its transaction, in order."""
        self.queue.put((sql, rows))

    def copy_into(self, path: Path, clock: Clock, timeout: float = 600.0) -> None:
        """Wait for the child, then replace the (empty) shadow tables of the index in `path` by the child's.

        Its own connection and transaction, after the voices are committed: the child could not write its
        file while a transaction of the main connection had it attached (BEGIN IMMEDIATE locks every
        attached file), and a write from another connection makes the main connection's full-text
        index drop what it cached of the old, empty index. A failure here fails the build (the CLI
        deletes it)."""
        self.queue.put(None)
        deadline = time.monotonic() + timeout
        while True:  # a child that dies without a word (killed, out of memory) must not leave us waiting
            try:
                outcome = self.done.get(timeout=1.0)
                break
            except queue.Empty:
                if not self.process.is_alive() or time.monotonic() > deadline:
                    try:
                        outcome = self.done.get(timeout=1.0)
                    except queue.Empty:
                        outcome = f"the process stopped (exit code {self.process.exitcode})"
                    break
        self.process.join(timeout)
        if outcome != "ok":
            raise RuntimeError(f"full-text index build failed: {outcome}")
        clock("fts_wait")
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
        clock("fts_copy")

    def close(self) -> None:
        """Delete the child's file, stopping the child if it still runs (a failed build)."""
        if self.process.is_alive():
            self.process.kill()
            self.process.join(10)
        for channel in (self.queue, self.done):
            channel.close()
            channel.cancel_join_thread()
        self.path.unlink(missing_ok=True)
        for suffix in ("-journal", "-wal", "-shm"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)


def _build_index(path: str, fts_sql: str, restore_config: dict, jobs, done) -> None:
    """Child process: run each (sql, rows) it is sent (filling `voices_fts`) until None; then merge it."""
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -262144")
        conn.execute(fts_sql)
        conn.execute("BEGIN")
        set_fts_config(conn, "voices_fts", FTS_BULK_CONFIG)
        while (item := jobs.get()) is not None:
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


def write_voice_history(conn, after_rowid: int, history_mark: int) -> int:
    """The history (R11) of the voices bulk-inserted after `after_rowid`, as the app would have written it, sealed.

    Each voice is created 未対応 ('*created' with its values, the select list of the insert trigger from the table
    registry, stamped with its creation), then a voice taken up is moved to 対応中 (10 minutes after, or when it
    closed if sooner, by its assignee) and a closed one to 完了 / 見送り with the rows the update trigger writes
    for that move (response, status, completed_on, completed_by, close_reason, in the registry's order), stamped with its closing. The rows go in
    sealed (history_chain.insert_sealed, after the rows this transaction wrote before: `history_mark`). The audit
    rows' own uids derive from the voice's time-ordered uid (unique, and the index grows at its end).
    """
    columns = audited_columns(conn, "voices")
    as_created = {"status": "'new'", "completed_on": "NULL", "completed_by": "NULL", "close_reason": "NULL",
                  "response": "CASE WHEN v.status IN ('done', 'dropped') THEN '' ELSE v.response END"}
    picked = ", ".join(f"{as_created.get(c, 'v.' + c)} AS {c}" for c in columns)
    opened = (f"SELECT v.rowid AS rid, v.uid, v.created_at AS updated_at, v.created_by AS updated_by, {picked} "
              "FROM voices v WHERE v.rowid > :after")
    made = history_chain.insert_sealed(
        conn, history_mark,
        f"SELECT o.uid || '-created', {created_row_sql('voices', columns, 'o')} FROM ({opened}) o ORDER BY o.rid",
        {"after": after_rowid})
    made += history_chain.insert_sealed(conn, history_mark, f"""SELECT v.uid || '-started', {HOME_BRANCH}, 'voices',
        v.uid, 'status', 'new', 'in_progress', CASE WHEN v.status = 'in_progress' THEN v.updated_at
        ELSE min(strftime('%Y-%m-%d %H:%M', v.created_at, '+10 minutes'), v.updated_at) END, v.assignee_id
        FROM voices v WHERE v.rowid > :after AND v.status <> 'new' ORDER BY v.rowid""", {"after": after_rowid})
    made += history_chain.insert_sealed(conn, history_mark, f"""SELECT v.uid || '-' || f.name, {HOME_BRANCH},
        'voices', v.uid, f.name, CASE f.name WHEN 'status' THEN 'in_progress' WHEN 'response' THEN '' END,
        CASE f.name WHEN 'status' THEN v.status WHEN 'completed_on' THEN v.completed_on WHEN 'response' THEN v.response
          WHEN 'completed_by' THEN v.completed_by ELSE v.close_reason END, v.updated_at, v.updated_by
        FROM voices v JOIN (SELECT 'response' AS name, 0 AS n UNION ALL SELECT 'status', 1
          UNION ALL SELECT 'completed_on', 2 UNION ALL SELECT 'completed_by', 3 UNION ALL SELECT 'close_reason', 4) f
        WHERE v.rowid > :after AND v.status IN ('done', 'dropped')
          AND (f.name <> 'close_reason' OR v.close_reason IS NOT NULL) AND (f.name <> 'response' OR v.response <> '')
        ORDER BY v.rowid, f.n""", {"after": after_rowid})
    return made
