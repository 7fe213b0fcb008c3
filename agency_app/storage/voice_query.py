"""The voice list's data: filters, counting, keyset paging and text search over voices (no Qt here)."""

from __future__ import annotations

import bisect
import sqlite3
import time
from collections import OrderedDict
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Callable

from agency_app.domain.periods import now_tokyo
from agency_app.storage.database import connect
from agency_app.storage.voice_filter import (  # noqa: F401  (VoiceFilter is part of this API)
    OPEN_SQL, VoiceFilter, like_sql, parse_text, plain_filters, status_filters,
)

SORT_COLUMNS = ("received_at", "due_date", "status", "kind", "customer_name", "branch_code")

# Sort on the plain columns, NULL first as SQLite orders it: an index on the column then serves the
# order and the keyset seek (received_at, due_date: 0001; the others: the 0002 indexes).
_NULLABLE = {"due_date", "customer_name"}

# Fewer FTS hits than this: fetch them all and sort (one table lookup each, ~5 µs at 1M rows, so
# <= 25 ms; a LIKE scan that must fall back to FTS membership costs more at such densities).
RARE_HITS = 5000
# Fewer open/overdue/status rows than this: drive the query by voices_status_due and sort them;
# more: walk the sort index and test status on the way (both ~50 ms at the crossover at 1M rows).
SPARSE_STATUS_ROWS = 10_000
# A LIKE scan for a common term fills a page within a few ms; one still running after this has met
# a term that is common overall but sparse here, and switches to testing membership in the FTS hits.
SCAN_BUDGET_S = 0.03
PAGE_CACHE = 16


@dataclass(frozen=True)
class VoiceRow:
    """One list row: only what the list shows (the body stays in the database)."""

    rowid: int
    uid: str
    received_at: str
    branch_code: str
    channel: str
    kind: str
    is_complaint: bool
    category_group: str | None
    category_item: str | None
    customer_name: str | None
    summary: str
    status: str
    assignee_name: str | None
    due_date: str | None
    callback_at: str | None
    overdue: bool
    callback_done: bool


_ROW_SQL = (
    "v.rowid, v.uid, v.received_at, v.branch_code, v.channel, v.kind, v.is_complaint, "
    "v.category_group, v.category_item, v.customer_name, v.summary, v.status, s.name, "
    f"v.due_date, v.callback_at, IFNULL(v.status IN {OPEN_SQL} AND v.due_date < :today, 0), "
    "v.callback_done_at IS NOT NULL"
)
_ROW_FIELDS = [f.name for f in fields(VoiceRow)]
_SORT_KEY = len(_ROW_FIELDS)  # a page's records carry the sort value right after the row's fields


def _row(record: tuple) -> VoiceRow:
    # Filling __dict__ skips the frozen __init__'s 17 object.__setattr__ calls: 0.6 ms instead of
    # 1.4 ms a page, a third of the 5 ms a first page may take.
    row = object.__new__(VoiceRow)
    values = row.__dict__
    values.update(zip(_ROW_FIELDS, record))
    values["is_complaint"], values["overdue"] = bool(record[6]), bool(record[15])
    values["callback_done"] = bool(record[16])
    return row


def open_read_connection(path: Path | str) -> sqlite3.Connection:
    """A second connection for worker threads (counting, anchors); it refuses writes."""
    if str(path) == ":memory:":
        raise ValueError("an in-memory database has no second connection: use the store's own")
    conn = connect(path)
    conn.execute("PRAGMA query_only = 1")
    conn.execute("PRAGMA cache_size = -65536")  # 64 MB: the anchor pass re-reads the same index pages
    return conn


# --- the query ----------------------------------------------------------------------------------

# How pages reach their rows: "fts" fetches the few FTS hits and sorts them; "status" does the same
# with the few rows voices_status_due finds; "walk" walks the sort index and tests every filter.
_FTS, _STATUS, _WALK = "fts", "status", "walk"
_FTS_SOURCE = "voices_fts f CROSS JOIN voices v ON v.rowid = f.rowid"  # CROSS JOIN: FTS hits outermost


class VoiceQuery:
    """One ordering of the voices a filter selects, read a page at a time; never loads all rows.

    A page starts after a known row (sort value, rowid): the previous page's last row, an anchor
    from build_anchors, or else the nearest known page plus OFFSET. count() and build_anchors() may
    run in a worker thread when given that thread's own connection. What it caches (pages, count,
    anchors) describes the data when it was read: after a write, make a new VoiceQuery.
    """

    def __init__(self, conn: sqlite3.Connection, flt: VoiceFilter, sort: str = "received_at",
                 descending: bool = True, page_size: int = 256):
        if sort not in SORT_COLUMNS:
            raise ValueError(f"unknown sort column {sort!r}")
        if page_size < 1:
            raise ValueError("page_size must be positive")
        self.conn, self.filter, self.sort, self.descending = conn, flt, sort, descending
        self.page_size = page_size
        self._key, self._dir = f"v.{sort}", "DESC" if descending else "ASC"
        self._today = (flt.today or now_tokyo().date()).isoformat()
        self._text = parse_text(flt.text)
        self._drive: str | None = None
        self._fts_filter = False  # walking: test FTS membership instead of scanning with LIKE
        self._count: int | None = None
        self._anchors: list[tuple] | None = None  # (sort value, rowid) of each page's first row
        self._starts: dict[int, tuple] = {}  # page → (sort value, rowid, inclusive)
        self._pages: OrderedDict[int, list[VoiceRow]] = OrderedDict()

    # --- public -------------------------------------------------------------------------------
    def count(self, conn: sqlite3.Connection | None = None) -> int:
        """How many voices match. Slow for common text terms: run it off the UI thread."""
        if self._count is None:
            self._count = self._count_rows(conn or self.conn)
        return self._count

    def page(self, index: int) -> list[VoiceRow]:
        if index < 0:
            raise IndexError(index)
        if index in self._pages:
            self._pages.move_to_end(index)
            return self._pages[index]
        records = self._fetch(index)
        if len(records) == self.page_size:  # the next page starts right after this one's last row
            self._starts.setdefault(index + 1, (records[-1][_SORT_KEY], records[-1][0], False))
        rows = self._pages[index] = [_row(r) for r in records]
        if len(self._pages) > PAGE_CACHE:
            self._pages.popitem(last=False)
        return rows

    def rows(self, start: int, stop: int) -> list[VoiceRow]:
        out: list[VoiceRow] = []
        if stop <= start:
            return out
        for index in range(start // self.page_size, (stop - 1) // self.page_size + 1):
            base = index * self.page_size
            rows = self.page(index)
            out.extend(rows[max(0, start - base):stop - base])
            if len(rows) < self.page_size:
                break
        return out

    def first_page(self) -> list[VoiceRow]:
        """Page 0; fast for text too: a rare term is fetched through FTS, a common one by a short scan."""
        return self.page(0)

    def build_anchors(self, cancelled: Callable[[], bool] = lambda: False,
                      conn: sqlite3.Connection | None = None) -> None:
        """Record every page's first row in one SQL pass (row_number() over the ordering).

        In a worker thread pass its own connection; `cancelled` is polled while SQLite works and
        stops the pass, leaving the anchors as they were.
        """
        conn = conn or self.conn
        if cancelled():
            return
        params = self._params(size=self.page_size)
        number = f"row_number() OVER (ORDER BY {self._key} {self._dir}, v.rowid {self._dir})"
        inner = self._select(f"{self._key} AS k, v.rowid AS id, {number} AS n", self._plan(conn),
                             params, fts_filter=True)
        sql = f"SELECT k, id FROM ({inner}) WHERE (n - 1) % :size = 0 ORDER BY n"
        anchors = _run_until(conn, sql, params, cancelled, every=10_000)
        if anchors is not None:
            self._anchors = [tuple(a) for a in anchors]  # one assignment: readers see all or none

    def position_of(self, uid: str) -> int | None:
        """Row index of a voice in this ordering, or None when the filter excludes it."""
        for index, rows in self._pages.items():
            for offset, row in enumerate(rows):
                if row.uid == uid:
                    return index * self.page_size + offset
        params = self._params(uid=uid)
        where = ["v.uid = :uid", *plain_filters(self.filter, params),
                 *status_filters(self.filter, params, ""), *like_sql(self._text.likes, params)]
        found = self.conn.execute(f"SELECT {self._key}, v.rowid FROM voices v" + _where(where),
                                  params).fetchone()
        if found is None:
            return None
        position = self._position_by_anchor(uid, tuple(found))
        return position if position is not None else self._count_rows(self.conn, before=tuple(found))

    # --- fetching -----------------------------------------------------------------------------
    def _fetch(self, index: int) -> list[tuple]:
        """Rows of one page, from the nearest known page start (plus OFFSET when not exact)."""
        known, start = self._nearest_start(index)
        while True:
            drive = self._plan(self.conn)
            params = self._params(limit=self.page_size, offset=(index - known) * self.page_size)
            keys = self._keys_sql(drive, params, start, self._fts_filter)
            # Two phases: find the page's keys (a sort carries only these), then read its rows.
            sql = (f"SELECT {_ROW_SQL}, p.sort_key FROM ({keys} LIMIT :limit OFFSET :offset) p "
                   "CROSS JOIN voices v ON v.rowid = p.rid LEFT JOIN staff s ON s.uid = v.assignee_id "
                   f"ORDER BY p.sort_key {self._dir}, p.rid {self._dir}")
            if not (drive == _WALK and self._text.match and not self._fts_filter):
                return self.conn.execute(sql, params).fetchall()
            deadline = time.perf_counter() + SCAN_BUDGET_S
            records = _run_until(self.conn, sql, params, lambda: time.perf_counter() > deadline)
            if records is not None:
                return records
            self._fts_filter = True  # the term is sparse here: stop LIKE-scanning, use its FTS hits

    def _nearest_start(self, index: int) -> tuple[int, tuple | None]:
        if index in self._starts:
            return index, self._starts[index]
        anchors = self._anchors
        if anchors:
            known = min(index, len(anchors) - 1)
            return known, (*anchors[known], True)
        below = [i for i in self._starts if i < index]
        return (max(below), self._starts[max(below)]) if below else (0, None)

    # --- SQL ----------------------------------------------------------------------------------
    def _params(self, **extra) -> dict:
        return {"today": self._today, **extra}

    def _keys_sql(self, drive: str, params: dict, start: tuple | None, fts_filter: bool) -> str:
        """(rid, sort_key) of the matching rows from `start` on, in order; the caller adds LIMIT."""
        columns = f"v.rowid AS rid, {self._key} AS sort_key"
        if start is None:
            return self._select(columns, drive, params, fts_filter=fts_filter)
        arms = (self._select(columns, drive, params, fts_filter=fts_filter, extra=arm, ordered=False)
                for arm in self._arms(start, params, after=True))
        return " UNION ALL ".join(arms) + f" ORDER BY sort_key {self._dir}, rid {self._dir}"

    def _select(self, columns: str, drive: str, params: dict, *, fts_filter: bool = False,
                extra: str | None = None, ordered: bool = True) -> str:
        """SELECT … FROM voices in this ordering, shaped for the chosen way of reaching the rows."""
        source = "voices v INDEXED BY voices_status_due" if drive == _STATUS else "voices v"
        where = plain_filters(self.filter, params, self.sort)
        where += status_filters(self.filter, params, "" if drive == _STATUS else "+")
        if self._text.match and (drive == _FTS or fts_filter):
            params["match"] = self._text.match
            if drive == _FTS:
                source = _FTS_SOURCE
                where.insert(0, "voices_fts MATCH :match")
            else:  # '+': a membership test while walking the sort index, not a driver
                where.append("+v.rowid IN (SELECT rowid FROM voices_fts WHERE voices_fts MATCH :match)")
            where += like_sql(self._text.recheck, params)
        else:
            where += like_sql(self._text.likes, params)
        if extra:
            where.append(extra)
        order = f" ORDER BY {self._key} {self._dir}, v.rowid {self._dir}" if ordered else ""
        return f"SELECT {columns} FROM {source}" + _where(where) + order

    def _arms(self, bound: tuple, params: dict, *, after: bool) -> list[str]:
        """The rows after (or before) a bound row, as clauses whose union is exactly that set.

        One clause per index range — same sort value with a rowid range, then strictly beyond —
        so each seeks straight to the bound. A row value (key, rowid) < (?, ?) would not: SQLite
        3.40 seeks on the key alone and then skips every tie (60% of the list for one status).
        """
        value, rowid, inclusive = bound
        params["b_key"], params["b_id"] = value, rowid
        smaller = self.descending == after
        k, cmp = self._key, "<" if smaller else ">"
        arms = [f"{k} IS :b_key AND v.rowid {cmp}{'=' if inclusive else ''} :b_id"]
        if value is None:  # NULL sorts first: nothing is smaller, every non-NULL value is larger
            arms += [] if smaller else [f"{k} IS NOT NULL"]
        else:
            arms.append(f"{k} {cmp} :b_key")
            if smaller and self.sort in _NULLABLE:
                arms.append(f"{k} IS NULL")
        return arms

    def _plan(self, conn: sqlite3.Connection) -> str:
        """Choose once how pages reach their rows, from capped counts (a few ms each)."""
        if self._drive is None:
            drive = _WALK
            if self._text.match and _capped_count(
                    conn, "SELECT 1 FROM voices_fts WHERE voices_fts MATCH :match",
                    {"match": self._text.match}, RARE_HITS) < RARE_HITS:
                drive = _FTS
            elif status_filters(self.filter, {}, ""):
                params = self._params()
                sql = ("SELECT 1 FROM voices v INDEXED BY voices_status_due"
                       + _where(status_filters(self.filter, params, "")))
                if _capped_count(conn, sql, params, SPARSE_STATUS_ROWS) < SPARSE_STATUS_ROWS:
                    drive = _STATUS
            self._drive = drive
        return self._drive

    # --- counting and positions ---------------------------------------------------------------
    def _count_rows(self, conn: sqlite3.Connection, before: tuple | None = None) -> int:
        """Matching rows, or only those before a (sort value, rowid) in this ordering."""
        params = self._params()
        where = plain_filters(self.filter, params) + status_filters(self.filter, params, "")
        where += like_sql(self._text.recheck if self._text.match else self._text.likes, params)
        source = "voices v"
        if self._text.match:  # driven by the FTS hits: the cost grows with hits, not with the table
            params["match"] = self._text.match
            source = _FTS_SOURCE if where or before else "voices_fts"  # nothing else to test: FTS counts
            where.insert(0, "voices_fts MATCH :match")
        arms = [None] if before is None else self._arms((*before, False), params, after=False)
        return sum(conn.execute(f"SELECT count(*) FROM {source}" + _where(where + [arm] if arm else where),
                                params).fetchone()[0] for arm in arms)

    def _position_by_anchor(self, uid: str, key: tuple) -> int | None:
        """With anchors: find the page whose first row is the last at or before `key`, then look in it."""
        anchors = self._anchors
        if not anchors:
            return None
        target = _sqlite_order(key)
        if self.descending:
            index = len(anchors) - 1 - bisect.bisect_left(anchors[::-1], target, key=_sqlite_order)
        else:
            index = bisect.bisect_right(anchors, target, key=_sqlite_order) - 1
        for offset, row in enumerate(self.page(max(index, 0))):
            if row.uid == uid:
                return max(index, 0) * self.page_size + offset
        return None  # anchors older than the data: count instead


def _sqlite_order(key: tuple) -> tuple:
    """(sort value, rowid) compared as SQLite orders them: NULL first, text by code point (= UTF-8)."""
    return key[0] is not None, key[0] or "", key[1]


def _run_until(conn: sqlite3.Connection, sql: str, params: dict, stop: Callable[[], bool],
               every: int = 5_000) -> list[tuple] | None:
    """All rows of a query, or None when `stop()` (polled every `every` SQLite steps) ended it early."""
    stopped: list[bool] = []

    def handler() -> bool:
        if not stopped and stop():
            stopped.append(True)
        return bool(stopped)

    conn.set_progress_handler(handler, every)
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError:
        if stopped:
            return None
        raise
    finally:
        conn.set_progress_handler(None, 0)


def _capped_count(conn: sqlite3.Connection, sql: str, params: dict, cap: int) -> int:
    return conn.execute(f"SELECT count(*) FROM ({sql} LIMIT {int(cap)})", params).fetchone()[0]


def _where(clauses: list) -> str:
    return " WHERE " + " AND ".join(clauses) if clauses else ""
