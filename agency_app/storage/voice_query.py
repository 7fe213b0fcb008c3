"""The voice list's data: filters, text search and the tuned ways of reaching rows, over the shared keyset paging (no Qt here)."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, fields
from operator import attrgetter

from agency_app.domain.periods import now_tokyo
from agency_app.storage.keyset import (  # noqa: F401  (open_read_connection and PAGE_CACHE are part of this API)
    PAGE_CACHE, KeysetQuery, ListSpec, SortKey, capped_count, open_read_connection, run_until, where_sql,
)
from agency_app.storage.voice_filter import (  # noqa: F401  (VoiceFilter is part of this API)
    OPEN_SQL, VoiceFilter, parse_text, plain_filters, status_filters,
)
from agency_app.storage import word_index

SORT_COLUMNS = ("received_at", "due_date", "status", "kind", "customer_name", "branch_code")

# Sort on the plain columns, NULL first as SQLite orders it: an index on the column then serves the
# order and the keyset seek (received_at, due_date: 0001; the others: the 0002 indexes).
_NULLABLE = {"due_date", "customer_name"}

# Fewer FTS hits than this: fetch them all and sort (one table lookup each, ~5 µs at 1M rows, so
# <= 25 ms; a LIKE scan that must fall back to FTS membership costs more at such densities).
RARE_HITS = 5000
# A term with words (substring OR words) found in fewer voices than this, but not rare: walk the sort
# index testing membership in its hits from the start. Testing each row's text and stored words costs
# ~3 µs a row, so a term in 1–4 % of the voices took 40–50 ms to fill a page that way at 1M voices;
# collecting 40k hits first costs ~10–20 ms.
MEMBERSHIP_HITS = 40_000
# Fewer open/overdue/status rows than this: drive the query by voices_status_due and sort them;
# more: walk the sort index and test status on the way (both ~50 ms at the crossover at 1M rows).
SPARSE_STATUS_ROWS = 10_000
# A LIKE scan for a common term fills a page within a few ms; one still running after this has met
# a term that is common overall but sparse here, and switches to testing membership in the FTS hits.
SCAN_BUDGET_S = 0.03


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


def _row(record: tuple) -> VoiceRow:
    # Filling __dict__ skips the frozen __init__'s 17 object.__setattr__ calls: 0.6 ms instead of
    # 1.4 ms a page, a third of the 5 ms a first page may take. zip stops at the row's fields:
    # the sort value and rowid the page query appends are left out.
    row = object.__new__(VoiceRow)
    values = row.__dict__
    values.update(zip(_ROW_FIELDS, record))
    values["is_complaint"], values["overdue"] = bool(record[6]), bool(record[15])
    values["callback_done"] = bool(record[16])
    return row


# --- the query ----------------------------------------------------------------------------------

# How pages reach their rows: "fts" fetches the few FTS hits and sorts them; "status" does the same
# with the few rows voices_status_due finds; "walk" walks the sort index and tests every filter.
_FTS, _STATUS, _WALK = "fts", "status", "walk"
_FTS_SOURCE = "voices_fts f CROSS JOIN voices v ON v.rowid = f.rowid"  # CROSS JOIN: FTS hits outermost


class VoiceQuery(KeysetQuery):
    """The voices a VoiceFilter selects in one ordering, keyset-paged (see KeysetQuery).

    What it adds is how rows are reached: a rare text term through its FTS hits, a few open or
    overdue voices through voices_status_due, otherwise a walk of the sort index testing each
    filter — chosen once from capped counts — and a LIKE scan that switches to FTS membership
    when it runs out of time.
    """

    def __init__(self, conn: sqlite3.Connection, flt: VoiceFilter, sort: str = "received_at",
                 descending: bool = True, page_size: int = 256):
        super().__init__(conn, VOICE_LIST, flt, sort=sort, descending=descending, page_size=page_size)
        self._today = (flt.today or now_tokyo().date()).isoformat()
        self._bound["today"] = self._today
        self._terms = None  # parsed on first use: in the worker that reads the first page, not the UI thread
        self._drive: str | None = None
        self._fts_filter = False  # walking: test FTS membership instead of scanning with LIKE

    @property
    def searches_text(self) -> bool:
        return bool(self.filter.text)

    @property
    def quick_first_page(self) -> bool:
        """Only the plain list (no condition, by receipt time) is one short index walk: any filter may walk
        far for its first page (seconds at a million voices)."""
        return self.filter == VoiceFilter(today=self.filter.today) and self.sort == "received_at"

    def first_page(self) -> list[VoiceRow]:
        """Page 0; fast for text too: a rare term is fetched through FTS, a common one by a short scan."""
        return self.page(0)

    # --- the hooks of KeysetQuery ---------------------------------------------------------------
    def _prepare(self, conn: sqlite3.Connection) -> None:
        self._plan(conn)

    def _run_page(self, sql: str, params: dict) -> list[tuple] | None:
        if not (self._drive == _WALK and self._indexed and not self._fts_filter):
            return self.conn.execute(sql, params).fetchall()
        deadline = time.perf_counter() + SCAN_BUDGET_S
        records = run_until(self.conn, sql, params, lambda: time.perf_counter() > deadline)
        if records is None:
            self._fts_filter = True  # the term is sparse here: stop LIKE-scanning, use its FTS hits
        return records

    def _select(self, columns: str, params: dict, *, purpose: str, extra: str | None = None,
                ordered: bool = True) -> str:
        if purpose == "locate":  # one voice by uid: every filter as a plain test
            where = [extra, *plain_filters(self.filter, params), *status_filters(self.filter, params, ""),
                     *self._text.row_sql(params, from_hits=False)]
            return f"SELECT {columns} FROM voices v" + where_sql(where)
        if purpose == "count":
            return self._count_select(columns, params, extra)
        return self._walk_select(columns, self._drive or _WALK, params, extra=extra, ordered=ordered,
                                 fts_filter=self._fts_filter or purpose == "anchors")

    @property
    def _text(self):
        """The search box's terms; words are analysed by Sudachi, whose dictionary the first search loads (~40 ms)."""
        if self._terms is None:
            # The word index exists from schema 9 on (a file opened without migrating has none).
            words = bool(self.filter.text.strip()) and word_index.exists(self.conn)
            self._terms = parse_text(self.filter.text, with_words=words)
        return self._terms

    @property
    def _indexed(self) -> bool:
        """Some term can be looked up in an index (a trigram or the words), not only scanned for."""
        return bool(self._text.match or any(t.trigram for t in self._text.words))

    # --- SQL ----------------------------------------------------------------------------------
    def _walk_select(self, columns: str, drive: str, params: dict, *, fts_filter: bool,
                     extra: str | None, ordered: bool) -> str:
        """SELECT … FROM voices in this ordering, shaped for the chosen way of reaching the rows."""
        source = "voices v INDEXED BY voices_status_due" if drive == _STATUS else "voices v"
        where = plain_filters(self.filter, params, self.sort)
        where += status_filters(self.filter, params, "" if drive == _STATUS else "+")
        if self._indexed and (drive == _FTS or fts_filter):
            if not self._text.words:  # the trigram index alone, joined directly
                params["match"] = self._text.match
                if drive == _FTS:
                    source = _FTS_SOURCE
                    where.insert(0, "voices_fts MATCH :match")
                else:  # '+': a membership test while walking the sort index, not a driver
                    where.append("+v.rowid IN (SELECT rowid FROM voices_fts WHERE voices_fts MATCH :match)")
            else:  # substrings and words: the rowids of both indexes, joined as a list
                hits = self._text.hits_sql(params)
                if drive == _FTS:
                    source = f"({hits}) f CROSS JOIN voices v ON v.rowid = f.rowid"
                else:
                    where.append(f"+v.rowid IN ({hits})")
            where += self._text.row_sql(params, from_hits=True)
        else:
            where += self._text.row_sql(params, from_hits=False)
        if extra:
            where.append(extra)
        order = f" ORDER BY {self._key} {self._dir}, v.rowid {self._dir}" if ordered else ""
        return f"SELECT {columns} FROM {source}" + where_sql(where) + order

    def _count_select(self, columns: str, params: dict, extra: str | None) -> str:
        where = plain_filters(self.filter, params) + status_filters(self.filter, params, "")
        where += self._text.row_sql(params, from_hits=self._indexed)
        source = "voices v"
        if self._text.match and not self._text.words:  # driven by the FTS hits: the cost grows with hits
            params["match"] = self._text.match
            source = _FTS_SOURCE if where or extra else "voices_fts"  # nothing else to test: FTS counts
            where.insert(0, "voices_fts MATCH :match")
        elif self._indexed:  # substrings and words: driven by the rowids of both indexes
            source = f"({self._text.hits_sql(params)}) f CROSS JOIN voices v ON v.rowid = f.rowid"
        return f"SELECT {columns} FROM {source}" + where_sql(where + [extra] if extra else where)

    def _plan(self, conn: sqlite3.Connection) -> str:
        """Choose once how pages reach their rows, from capped counts (a few ms each)."""
        if self._drive is None:
            drive = _WALK
            hits = self._hits_bound(conn, MEMBERSHIP_HITS if self._text.words else RARE_HITS) \
                if self._indexed else None
            if hits is not None and hits >= RARE_HITS and self._text.words and hits < MEMBERSHIP_HITS:
                self._fts_filter = True
            if hits is not None and hits < RARE_HITS:
                drive = _FTS
            elif status_filters(self.filter, {}, ""):
                params = self._params()
                sql = ("SELECT 1 FROM voices v INDEXED BY voices_status_due"
                       + where_sql(status_filters(self.filter, params, "")))
                if capped_count(conn, sql, params, SPARSE_STATUS_ROWS) < SPARSE_STATUS_ROWS:
                    drive = _STATUS
            self._drive = drive
        return self._drive

    def _hits_bound(self, conn: sqlite3.Connection, cap: int) -> int:
        """How many rows at most can match the indexed terms, counted up to `cap`: the smallest part of the
        intersection, each part a union bounded by the sum of its capped counts."""
        bound = cap
        for part in self._text.hit_counts():
            found = 0
            for sql, params in part:
                found += capped_count(conn, sql, params, bound - found)
                if found >= bound:
                    break
            bound = min(bound, found)
        return bound


VOICE_LIST = ListSpec(
    name="voices", table="voices", alias="v", row_sql=_ROW_SQL,
    joins="LEFT JOIN staff s ON s.uid = v.assignee_id", make_row=_row, uid_of=attrgetter("uid"),
    sorts={column: SortKey(f"v.{column}", nullable=column in _NULLABLE, descending=True)
           for column in SORT_COLUMNS},
    default_sort="received_at", make_query=VoiceQuery,
)
