"""Keyset paging for any record list: pages read after a known row, page anchors in one pass, count, positions (no Qt here)."""

from __future__ import annotations

import bisect
import sqlite3
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

from agency_app.domain.search_limits import capped_text
from agency_app.storage.database import connect

PAGE_CACHE = 16
PAGE_SIZE = 256


@dataclass(frozen=True)
class SortKey:
    """One order of a list: a single SQL expression, ties broken by rowid.

    An index on exactly this expression serves both the order and the seek to a page's first row.
    An order of several columns is one expression too (cases: closed flag || due date), because a
    seek on (a, b, rowid) needs an equality on `a` that SQLite 3.40 then no longer uses for ORDER BY.
    """

    expression: str
    nullable: bool = False     # NULL sorts first, as SQLite orders it
    descending: bool = False   # the direction the list shows unless asked otherwise


@dataclass(frozen=True)
class ListSpec:
    """What a list of one record type is: its table, the columns a row shows, its orders and filters.

    `conditions(flt, params)` turns a filter object (its `text` field is what the user typed) into
    WHERE clauses on `table alias`, filling `params`; `joins` serve the row columns only, so a filter
    on a joined table is a subquery. `sort_for(flt)` lets a filter choose its order (a customer
    search puts the best matches first). `make_query` builds the query (a tuned subclass: voices).
    """

    name: str  # what the list is called in logs and measurements
    table: str
    alias: str
    row_sql: str
    make_row: Callable[[tuple], Any]
    sorts: Mapping[str, SortKey]
    default_sort: str
    conditions: Callable[[Any, dict], list[str]] | None = None
    joins: str = ""
    uid_of: Callable[[Any], str] = itemgetter("uid")
    sort_for: Callable[[Any], str] | None = None
    make_query: Callable[..., KeysetQuery] | None = None

    def query(self, conn: sqlite3.Connection, flt, *, sort: str | None = None, descending: bool | None = None,
              page_size: int = PAGE_SIZE) -> KeysetQuery:
        """A new query of this list for `flt`; sort and direction default to the filter's or the list's own."""
        sort, descending = self.order_of(flt, sort, descending)
        if self.make_query is not None:
            return self.make_query(conn, flt, sort=sort, descending=descending, page_size=page_size)
        return KeysetQuery(conn, self, flt, sort=sort, descending=descending, page_size=page_size)

    def order_of(self, flt, sort: str | None, descending: bool | None) -> tuple[str, bool]:
        """The order asked for, or else the filter's (sort_for) or the list's default, in its own direction."""
        sort = sort or (self.sort_for(flt) if self.sort_for else self.default_sort)
        if sort not in self.sorts:
            raise ValueError(f"unknown sort column {sort!r}")
        return sort, self.sorts[sort].descending if descending is None else descending


def dict_rows(names: tuple[str, ...], **convert: Callable) -> Callable[[tuple], dict]:
    """make_row for rows as dicts of `names` (the columns of row_sql in order); `convert` fixes some values."""
    def make(record: tuple) -> dict:
        row = dict(zip(names, record))
        for name, function in convert.items():
            row[name] = function(row)
        return row
    return make


def like_contains(text: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') matching `text` anywhere; % and _ typed by the user match themselves."""
    text = capped_text(text)  # SQLite refuses a pattern over 50,000 bytes (a pasted page)
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


READ_CACHE_KIB = 16_384


def open_read_connection(path: Path | str) -> sqlite3.Connection:
    """A second connection for worker threads (counting, anchors) and the list's pages; it refuses writes."""
    if str(path) == ":memory:":
        raise ValueError("an in-memory database has no second connection: use the store's own")
    conn = connect(path)
    conn.execute("PRAGMA query_only = 1")
    # 16 MB: at 2.5M voices a count and an anchor pass took the same time with 64 MB (measured), and every
    # reading connection (the UI thread's and each reader thread's) holding 64 MB kept the window at 184 MB.
    conn.execute(f"PRAGMA cache_size = -{READ_CACHE_KIB}")
    return conn


class KeysetQuery:
    """One ordering of the records a filter selects, read a page at a time; never loads all rows.

    A page starts after a known row (sort value, rowid): the previous page's last row, an anchor
    from build_anchors, or else the nearest known page plus OFFSET. count() and build_anchors() may
    run in a worker thread when given that thread's own connection. What it caches (pages, count,
    anchors) describes the data when it was read: after a write, make a new query.

    A subclass may tune how rows are reached through the hooks `_prepare`, `_select` and `_run_page`.
    """

    def __init__(self, conn: sqlite3.Connection, spec: ListSpec, flt, sort: str | None = None,
                 descending: bool | None = None, page_size: int = PAGE_SIZE):
        sort, descending = spec.order_of(flt, sort, descending)
        if page_size < 1:
            raise ValueError("page_size must be positive")
        self.conn, self.spec, self.filter, self.sort, self.descending = conn, spec, flt, sort, descending
        self.page_size = page_size
        key = spec.sorts[sort]
        self._key, self._nullable = key.expression, key.nullable
        self._dir = "DESC" if descending else "ASC"
        self._rowid = f"{spec.alias}.rowid"
        self._bound: dict = {}  # the filter's parameters, part of every statement
        self._conditions = spec.conditions(flt, self._bound) if spec.conditions else []
        self._count: int | None = None
        self._anchors: list[tuple] | None = None  # (sort value, rowid) of each page's first row
        self._starts: dict[int, tuple] = {}  # page → (sort value, rowid, inclusive)
        self._pages: OrderedDict[int, list] = OrderedDict()

    # --- public -------------------------------------------------------------------------------
    @property
    def searches_text(self) -> bool:
        """Whether typed text selects the rows: its first page may scan, so read it off the UI thread."""
        return bool(str(getattr(self.filter, "text", "") or "").strip())

    @property
    def quick_first_page(self) -> bool:
        """Whether the first page is a short index walk, fine to read on the UI thread (the lists of cases,
        customers and elderly records are small: anything but typed text)."""
        return not self.searches_text

    def uid_of(self, row) -> str:
        return self.spec.uid_of(row)

    def count(self, conn: sqlite3.Connection | None = None) -> int:
        """How many records match. May be slow for text: run it off the UI thread."""
        if self._count is None:
            self._count = self._count_rows(conn or self.conn)
        return self._count

    def page(self, index: int) -> list:
        if index < 0:
            raise IndexError(index)
        if index in self._pages:
            self._pages.move_to_end(index)
            return self._pages[index]
        records = self._fetch(index)
        if len(records) == self.page_size:  # the next page starts right after this one's last row
            self._starts.setdefault(index + 1, (records[-1][-2], records[-1][-1], False))
        make_row = self.spec.make_row
        rows = self._pages[index] = [make_row(r) for r in records]
        if len(self._pages) > PAGE_CACHE:
            self._pages.popitem(last=False)
        return rows

    def rows(self, start: int, stop: int) -> list:
        out: list = []
        if stop <= start:
            return out
        for index in range(start // self.page_size, (stop - 1) // self.page_size + 1):
            base = index * self.page_size
            rows = self.page(index)
            out.extend(rows[max(0, start - base):stop - base])
            if len(rows) < self.page_size:
                break
        return out

    def first_page(self) -> list:
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
        self._prepare(conn)
        params = self._params(size=self.page_size)
        number = f"row_number() OVER (ORDER BY {self._key} {self._dir}, {self._rowid} {self._dir})"
        inner = self._select(f"{self._key} AS k, {self._rowid} AS id, {number} AS n", params, purpose="anchors")
        sql = f"SELECT k, id FROM ({inner}) WHERE (n - 1) % :size = 0 ORDER BY n"
        anchors = run_until(conn, sql, params, cancelled, every=10_000)
        if anchors is not None:
            self._anchors = [tuple(a) for a in anchors]  # one assignment: readers see all or none

    def position_of(self, uid: str) -> int | None:
        """Row index of a record in this ordering, or None when the filter excludes it."""
        uid_of = self.spec.uid_of
        for index, rows in list(self._pages.items()):
            for offset, row in enumerate(rows):
                if uid_of(row) == uid:
                    return index * self.page_size + offset
        params = self._params(uid=uid)
        sql = self._select(f"{self._key}, {self._rowid}", params, purpose="locate",
                           extra=f"{self.spec.alias}.uid = :uid", ordered=False)
        found = self.conn.execute(sql, params).fetchone()
        if found is None:
            return None
        position = self._position_by_anchor(uid, tuple(found))
        return position if position is not None else self._count_rows(self.conn, before=tuple(found))

    # --- hooks for a tuned subclass ---------------------------------------------------------------
    def _prepare(self, conn: sqlite3.Connection) -> None:
        """Settle how rows are reached before any SQL is built (the voice list plans here)."""

    def _select(self, columns: str, params: dict, *, purpose: str, extra: str | None = None,
                ordered: bool = True) -> str:
        """SELECT `columns` of the matching records (and `extra`), in this ordering when `ordered`.

        `purpose` is "page", "anchors", "locate" (one record by uid) or "count": a subclass may
        reach the rows differently for each.
        """
        where = [*self._conditions, extra] if extra else self._conditions
        order = f" ORDER BY {self._key} {self._dir}, {self._rowid} {self._dir}" if ordered else ""
        return f"SELECT {columns} FROM {self.spec.table} {self.spec.alias}" + where_sql(where) + order

    def _run_page(self, sql: str, params: dict) -> list[tuple] | None:
        """A page's records; None asks for the page to be built again (a subclass changed its plan)."""
        return self.conn.execute(sql, params).fetchall()

    def _params(self, **extra) -> dict:
        return {**self._bound, **extra}

    # --- fetching -----------------------------------------------------------------------------
    def _fetch(self, index: int) -> list[tuple]:
        """Records of one page, from the nearest known page start (plus OFFSET when not exact).

        Each record is the row's columns, then its sort value and rowid.
        """
        known, start = self._nearest_start(index)
        spec, alias = self.spec, self.spec.alias
        # Once counted, a page asks for no row after the last: the last page, short of full, would otherwise
        # walk the rest of the sort index for rows that do not exist (a second at a million rows).
        limit = self.page_size if self._count is None else min(self.page_size, self._count - index * self.page_size)
        if limit <= 0:
            return []
        while True:
            self._prepare(self.conn)
            params = self._params(limit=limit, offset=(index - known) * self.page_size)
            keys = self._keys_sql(params, start)
            # Two phases: find the page's keys (a sort carries only these), then read its rows.
            sql = (f"SELECT {spec.row_sql}, p.sort_key, p.rid FROM ({keys} LIMIT :limit OFFSET :offset) p "
                   f"CROSS JOIN {spec.table} {alias} ON {alias}.rowid = p.rid {spec.joins} "
                   f"ORDER BY p.sort_key {self._dir}, p.rid {self._dir}")
            records = self._run_page(sql, params)
            if records is not None:
                return records

    def _nearest_start(self, index: int) -> tuple[int, tuple | None]:
        if index in self._starts:
            return index, self._starts[index]
        anchors = self._anchors
        if anchors:
            known = min(index, len(anchors) - 1)
            return known, (*anchors[known], True)
        below = [i for i in self._starts if i < index]
        return (max(below), self._starts[max(below)]) if below else (0, None)

    def _keys_sql(self, params: dict, start: tuple | None) -> str:
        """(rid, sort_key) of the matching rows from `start` on, in order; the caller adds LIMIT."""
        columns = f"{self._rowid} AS rid, {self._key} AS sort_key"
        if start is None:
            return self._select(columns, params, purpose="page")
        arms = (self._select(columns, params, purpose="page", extra=arm, ordered=False)
                for arm in self._arms(start, params, after=True))
        return " UNION ALL ".join(arms) + f" ORDER BY sort_key {self._dir}, rid {self._dir}"

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
        arms = [f"{k} IS :b_key AND {self._rowid} {cmp}{'=' if inclusive else ''} :b_id"]
        if value is None:  # NULL sorts first: nothing is smaller, every non-NULL value is larger
            arms += [] if smaller else [f"{k} IS NOT NULL"]
        else:
            arms.append(f"{k} {cmp} :b_key")
            if smaller and self._nullable:
                arms.append(f"{k} IS NULL")
        return arms

    # --- counting and positions ---------------------------------------------------------------
    def _count_rows(self, conn: sqlite3.Connection, before: tuple | None = None) -> int:
        """Matching rows, or only those before a (sort value, rowid) in this ordering."""
        params = self._params()
        arms = [None] if before is None else self._arms((*before, False), params, after=False)
        return sum(conn.execute(self._select("count(*)", params, purpose="count", extra=arm, ordered=False),
                                params).fetchone()[0] for arm in arms)

    def _position_by_anchor(self, uid: str, key: tuple) -> int | None:
        """With anchors: find the page whose first row is the last at or before `key`, then look in it."""
        anchors = self._anchors
        if not anchors:
            return None
        target = sqlite_order(key)
        if self.descending:
            index = len(anchors) - 1 - bisect.bisect_left(anchors[::-1], target, key=sqlite_order)
        else:
            index = bisect.bisect_right(anchors, target, key=sqlite_order) - 1
        uid_of = self.spec.uid_of
        for offset, row in enumerate(self.page(max(index, 0))):
            if uid_of(row) == uid:
                return max(index, 0) * self.page_size + offset
        return None  # anchors older than the data: count instead


def sqlite_order(key: tuple) -> tuple:
    """(sort value, rowid) compared as SQLite orders them: NULL, then numbers, then text by code point (= UTF-8)."""
    value = key[0]
    if value is None:
        return 0, 0, key[1]
    if isinstance(value, (int, float)):
        return 1, value, key[1]
    return 2, value, key[1]


def run_until(conn: sqlite3.Connection, sql: str, params: dict, stop: Callable[[], bool],
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


def capped_count(conn: sqlite3.Connection, sql: str, params: dict, cap: int) -> int:
    return conn.execute(f"SELECT count(*) FROM ({sql} LIMIT {int(cap)})", params).fetchone()[0]


def where_sql(clauses: list) -> str:
    return " WHERE " + " AND ".join(clauses) if clauses else ""
