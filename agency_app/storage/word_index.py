"""The voices' word index (voices_words): normalised forms and readings of their text, kept current in Python.

SQL triggers cannot call Sudachi, so the work is split (migration 0009 makes the tables and triggers):
- triggers on voices note every inserted or text-changed voice in voices_words_pending, and drop an
  edited voice's old words at once (stale words never match; until it is indexed again it is found by
  its substrings only, as before the word index existed);
- Python indexes the pending voices: every write transaction of a Store does so before it commits
  (whichever code wrote the voice: the repository, a workflow step writing 対応内容, an import), and
  opening a database catches up on the pending ones in committed batches, with progress.

A kill while catching up loses at most the batch in flight: its voices are still pending and the next
opening resumes with them. No voice is ever marked indexed without its words.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from typing import Callable

from agency_app.storage import search_words

TABLE = "voices_words"
PENDING = "voices_words_pending"
TEXT_COLUMNS = ("customer_name", "summary", "body", "response")
BATCH = 2000  # voices per committed batch when catching up: ~0.1–0.3 s of work, a kill loses little

REPORT_EVERY_S = 0.1  # progress calls at most this often (a dialog need not repaint for every batch)
Progress = Callable[[int, int], None]  # (voices done, voices to do)
log = logging.getLogger(__name__)


class WordsUnavailable(Exception):
    """Sudachi failed (a damaged installation, a text it refuses): the voices stay pending, nothing else fails."""


def exists(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (PENDING,)).fetchone() is not None


def pending_count(conn: sqlite3.Connection) -> int:
    if not exists(conn):
        return 0
    return conn.execute(f"SELECT count(*) FROM {PENDING}").fetchone()[0]


def index_rows(conn: sqlite3.Connection, rowids: list[int]) -> None:
    """(Re)write the words of these voices and take them off the pending list; inside the caller's transaction."""
    if not rowids:
        return
    marks = ", ".join("?" * len(rowids))
    rows = conn.execute(f"SELECT rowid, {', '.join(TEXT_COLUMNS)} FROM voices WHERE rowid IN ({marks})",
                        rowids).fetchall()
    try:  # every text first: a failure leaves these voices exactly as they were (pending)
        words = [(row[0], search_words.index_text(*row[1:])) for row in rows]
    except Exception as error:
        raise WordsUnavailable(f"{type(error).__name__}: {error}") from error
    conn.executemany(f"DELETE FROM {TABLE} WHERE rowid = ?", [(r,) for r in rowids])
    conn.executemany(f"INSERT INTO {TABLE}(rowid, words) VALUES (?, ?)", words)
    conn.execute(f"DELETE FROM {PENDING} WHERE voice_rowid IN ({marks})", rowids)


def index_pending_in_transaction(conn: sqlite3.Connection) -> int:
    """Index every pending voice inside the current write transaction (a Store's hook before COMMIT).

    A save never fails for the word index: if Sudachi cannot analyse, the voices stay pending (found by
    their substrings; `agency-app check` counts them) and the next write or opening tries again.
    """
    rowids = [r[0] for r in conn.execute(f"SELECT voice_rowid FROM {PENDING}")]
    try:
        for start in range(0, len(rowids), BATCH):
            index_rows(conn, rowids[start:start + BATCH])
    except WordsUnavailable as error:
        log.warning("search words not indexed for %d voices: %s", len(rowids), error)
        return 0
    return len(rowids)


def catch_up(conn: sqlite3.Connection, progress: Progress | None = None, *, batch: int | None = None) -> int:
    """Index the pending voices in committed batches, calling progress(done, total) along the way.

    For a connection outside any transaction (opening a database, the demo loader). Returns the
    number of voices indexed.
    """
    batch = batch or BATCH
    total = pending_count(conn)
    if total == 0:
        return 0
    done = 0
    if progress:
        progress(0, total)
    last_report = time.monotonic()
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            rowids = [r[0] for r in conn.execute(
                f"SELECT voice_rowid FROM {PENDING} ORDER BY voice_rowid LIMIT ?", (batch,))]
            index_rows(conn, rowids)
            conn.execute("COMMIT")
        except WordsUnavailable as error:  # opening goes on: these voices are found by substrings meanwhile
            conn.execute("ROLLBACK")
            log.warning("search words not indexed, %d voices left pending: %s", total - done, error)
            break
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        if not rowids:
            break
        done = min(total, done + len(rowids))
        if progress and (time.monotonic() - last_report >= REPORT_EVERY_S or done == total):
            progress(done, total)
            last_report = time.monotonic()
    if progress and done < total:  # voices deleted meanwhile: say it is finished all the same
        progress(total, total)
    return done
