"""The voice list's query: filters narrow, paging visits every row once in order, text search finds substrings."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, datetime

import pytest

from agency_app.domain.periods import HALF, MONTH, QUARTER, Period
from agency_app.domain.voice import VoiceInput
from agency_app.storage import voice_query as vq
from agency_app.storage.voice_query import (
    SORT_COLUMNS, VoiceFilter, VoiceQuery, open_read_connection,
)
from agency_app.storage.voices import VoiceRepository

TODAY = date(2026, 5, 15)
SUMMARIES = ("満期案内が届かない", "保険金の支払いが遅い", "担当者の説明が丁寧", "住所変更の反映漏れ",
             "折り返しの電話がない", "更新手続きの質問")
NAMES = (None, "佐藤 太郎", "鈴木 花子", "高橋 一郎", "")
GROUPS = (None, "満期案内・契約手続関連", "保険金関連", "その他")
STAMPS = [f"2025-{m:02d}-{d:02d} {h:02d}:00" for m in (1, 4, 9, 10, 12) for d in (1, 15, 30)
          for h in (9, 17)] + ["2026-03-31 23:59", "2026-04-01 00:00", "2026-01-10 10:00"]
COLUMNS = ("uid", "origin_branch", "branch_code", "received_at", "received_by", "channel", "kind",
           "is_complaint", "category_group", "category_item", "customer_name", "summary", "body",
           "response", "status", "assignee_id", "due_date", "created_at", "updated_at")


def insert(store, **values) -> dict:
    """One voice straight into the table (the FTS trigger fires); missing fields get plain defaults."""
    row = {"origin_branch": "HQ", "branch_code": "HQ", "received_at": "2025-06-01 10:00",
           "received_by": None, "channel": "phone", "kind": "praise", "is_complaint": 0,
           "category_group": None, "category_item": None, "customer_name": None, "summary": "要旨",
           "body": "", "response": "", "status": "new", "assignee_id": None, "due_date": None,
           "created_at": "2025-06-01 10:00", "updated_at": "2025-06-01 10:00", **values}
    row.setdefault("uid", f"u{store.conn.execute('SELECT count(*) FROM voices').fetchone()[0]:05d}")
    store.conn.execute(f"INSERT INTO voices ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
                       [row[c] for c in COLUMNS])
    row["rowid"] = store.conn.execute("SELECT last_insert_rowid()").fetchone()[0]
    return row


@pytest.fixture
def voices(store, staff):
    """About 300 varied voices with many equal sort keys (ties) and NULLs; returns their dicts."""
    rnd = random.Random(7)
    people = [None, *staff.values()]
    rows = []
    for i in range(301):
        group = rnd.choice(GROUPS)
        rows.append(insert(
            store, uid=f"v{i:04d}", received_at=rnd.choice(STAMPS), branch_code=rnd.choice(("HQ", "B01", "B02")),
            kind=rnd.choice(("praise", "dissatisfaction", "request", "other")),
            category_group=group, category_item=rnd.choice((None, "更新の連絡遅延")) if group else None,
            customer_name=rnd.choice(NAMES), summary=f"{rnd.choice(SUMMARIES)} No.{i}",
            status=rnd.choice(("new", "in_progress", "done", "dropped")), received_by=rnd.choice(people),
            assignee_id=rnd.choice(people), due_date=rnd.choice((None, "2026-05-14", "2026-05-15", "2025-12-01"))))
    return rows


def all_uids(conn, flt: VoiceFilter, **kwargs) -> list[str]:
    return [r.uid for r in VoiceQuery(conn, flt, **kwargs).rows(0, 10_000)]


def newest_first(rows) -> list[str]:
    return [r["uid"] for r in sorted(rows, key=lambda r: (r["received_at"], r["rowid"]), reverse=True)]


# --- filters -----------------------------------------------------------------------------------

@pytest.mark.parametrize("flt, keep", [
    (VoiceFilter(kinds=("request",)), lambda r: r["kind"] == "request"),
    (VoiceFilter(kinds=("praise", "other")), lambda r: r["kind"] in ("praise", "other")),
    (VoiceFilter(category_group="保険金関連"), lambda r: r["category_group"] == "保険金関連"),
    (VoiceFilter(category_item="更新の連絡遅延"), lambda r: r["category_item"] == "更新の連絡遅延"),
    (VoiceFilter(statuses=("done", "dropped")), lambda r: r["status"] in ("done", "dropped")),
    (VoiceFilter(branch_code="B01"), lambda r: r["branch_code"] == "B01"),
    (VoiceFilter(open_only=True), lambda r: r["status"] in ("new", "in_progress")),
    (VoiceFilter(overdue_only=True, today=TODAY),
     lambda r: r["status"] in ("new", "in_progress") and r["due_date"] is not None and r["due_date"] < "2026-05-15"),
    (VoiceFilter(kinds=("dissatisfaction",), branch_code="HQ", open_only=True),
     lambda r: r["kind"] == "dissatisfaction" and r["branch_code"] == "HQ" and r["status"] in ("new", "in_progress")),
])
def test_each_filter_keeps_exactly_the_matching_voices(store, voices, flt, keep):
    assert all_uids(store.conn, flt, page_size=7) == newest_first(filter(keep, voices))


def test_staff_filter_keeps_voices_received_by_or_assigned_to_them(store, staff, voices):
    sato = staff["sato"]
    expected = newest_first(r for r in voices if sato in (r["received_by"], r["assignee_id"]))
    assert all_uids(store.conn, VoiceFilter(staff_uid=sato)) == expected
    assert 0 < len(expected) < len(voices)


@pytest.mark.parametrize("period, inside, outside", [
    (Period(2025), "2026-03-31 23:59", "2026-04-01 00:00"),
    (Period(2026), "2026-04-01 00:00", "2026-03-31 23:59"),
    (Period(2025, HALF, 2), "2026-03-31 23:59", "2026-04-01 00:00"),
    (Period(2025, QUARTER, 4), "2026-03-31 23:59", "2026-04-01 00:00"),
    (Period(2026, QUARTER, 1), "2026-04-01 00:00", "2026-03-31 23:59"),
    (Period(2025, MONTH, 3), "2026-03-31 23:59", "2026-04-01 00:00"),
    (Period(2026, MONTH, 4), "2026-04-01 00:00", "2026-03-31 23:59"),
])
def test_period_filter_splits_at_the_fiscal_boundary(store, period, inside, outside):
    insert(store, uid="in", received_at=inside)
    insert(store, uid="out", received_at=outside)
    assert all_uids(store.conn, VoiceFilter(period=period)) == ["in"]


def test_period_filter_matches_the_fiscal_half_of_each_receipt(store, voices):
    period = Period(2025, HALF, 1)
    expected = newest_first(r for r in voices if period.contains(date.fromisoformat(r["received_at"][:10])))
    assert all_uids(store.conn, VoiceFilter(period=period)) == expected


@pytest.mark.parametrize("flt", [VoiceFilter(), VoiceFilter(kinds=("praise",)), VoiceFilter(open_only=True),
                                 VoiceFilter(text="No.1"), VoiceFilter(text="遅"),
                                 VoiceFilter(text="保険金 No.2", statuses=("new",))])
def test_count_equals_the_number_of_rows(store, voices, flt):
    query = VoiceQuery(store.conn, flt, page_size=7)
    assert query.count() == len(query.rows(0, 10_000)) > 0


def test_row_carries_assignee_name_and_overdue_flag(store, staff):
    insert(store, uid="late", status="in_progress", due_date="2026-05-14", assignee_id=staff["suzuki"],
           is_complaint=1, kind="dissatisfaction")
    insert(store, uid="due-today", status="new", due_date="2026-05-15")
    insert(store, uid="closed", status="done", due_date="2020-01-01")
    rows = {r.uid: r for r in VoiceQuery(store.conn, VoiceFilter(today=TODAY)).first_page()}
    assert rows["late"].overdue and rows["late"].assignee_name == "鈴木 次郎" and rows["late"].is_complaint
    assert not rows["due-today"].overdue and rows["due-today"].assignee_name is None
    assert not rows["closed"].overdue


# --- paging ------------------------------------------------------------------------------------

def reference(conn, sort: str, descending: bool, where: str = "") -> list[str]:
    direction = "DESC" if descending else "ASC"  # NULL sorts first, as SQLite orders it
    sql = f"SELECT uid FROM voices {where} ORDER BY {sort} {direction}, rowid {direction}"
    return [r[0] for r in conn.execute(sql)]


def walk_pages(query: VoiceQuery) -> list[str]:
    uids, index = [], 0
    while True:
        rows = query.page(index)
        uids += [r.uid for r in rows]
        if len(rows) < query.page_size:
            return uids
        index += 1


@pytest.mark.parametrize("sort", SORT_COLUMNS)
@pytest.mark.parametrize("descending", [True, False])
def test_pages_visit_every_row_once_in_order(store, voices, sort, descending):
    query = VoiceQuery(store.conn, VoiceFilter(), sort=sort, descending=descending, page_size=7)
    assert walk_pages(query) == reference(store.conn, sort, descending)


@pytest.mark.parametrize("sort", SORT_COLUMNS)
def test_filtered_pages_follow_the_sort_too(store, voices, sort):
    query = VoiceQuery(store.conn, VoiceFilter(kinds=("praise",)), sort=sort, descending=False, page_size=5)
    assert walk_pages(query) == reference(store.conn, sort, False, "WHERE kind = 'praise'")


@pytest.mark.parametrize("sort", ["received_at", "due_date", "customer_name"])
@pytest.mark.parametrize("descending", [True, False])
def test_anchors_give_the_same_pages_as_offset(store, voices, sort, descending):
    anchored = VoiceQuery(store.conn, VoiceFilter(), sort=sort, descending=descending, page_size=7)
    anchored.build_anchors()
    assert len(anchored._anchors) == -(-len(voices) // 7)
    for index in (40, 3, 43, 0, 17, 44, 99):  # far jumps, backwards, past the end
        by_offset = VoiceQuery(store.conn, VoiceFilter(), sort=sort, descending=descending, page_size=7)
        assert anchored.page(index) == by_offset.page(index)
    assert anchored.page(99) == []


@pytest.mark.parametrize("flt", [
    VoiceFilter(overdue_only=True, today=TODAY), VoiceFilter(open_only=True, kinds=("praise", "request")),
    VoiceFilter(text="No.1"), VoiceFilter(text="保険金 No.1"), VoiceFilter(category_group="保険金関連", branch_code="HQ"),
])
def test_anchors_follow_the_filter(store, voices, flt):
    anchored = VoiceQuery(store.conn, flt, sort="due_date", page_size=4)
    anchored.build_anchors()
    expected = walk_pages(VoiceQuery(store.conn, flt, sort="due_date", page_size=4))
    assert len(anchored._anchors) == -(-len(expected) // 4) > 1
    assert [r.uid for i in reversed(range(len(anchored._anchors))) for r in reversed(anchored.page(i))] \
        == expected[::-1]


def test_rows_slices_across_pages(store, voices):
    query = VoiceQuery(store.conn, VoiceFilter(), page_size=7)
    expected = reference(store.conn, "received_at", True)
    assert [r.uid for r in query.rows(5, 23)] == expected[5:23]
    assert [r.uid for r in query.rows(295, 400)] == expected[295:]
    assert query.rows(10, 10) == []


def test_page_cache_is_small(store, voices):
    query = VoiceQuery(store.conn, VoiceFilter(), page_size=3)
    walk_pages(query)
    assert len(query._pages) == vq.PAGE_CACHE


def test_cancelled_anchor_pass_leaves_no_anchors(store):
    for i in range(1500):
        insert(store, received_at=f"2025-06-{i % 28 + 1:02d} 10:00")
    polls = iter([False] + [True] * 10_000)  # lets the pass start, then cancels it mid-way
    query = VoiceQuery(store.conn, VoiceFilter(), page_size=10)
    query.build_anchors(cancelled=lambda: next(polls))
    assert query._anchors is None
    assert len(query.page(120)) == 10  # still pages, by OFFSET


def test_the_last_page_of_a_walked_filter_stops_at_its_last_row(store, monkeypatch):
    """Ctrl+End in the voice list with 未完了のみ: at a million voices the open ones are the newest 2%, and the
    last page, one short of full, walked the whole rest of the date index looking for more (~0.9 s on the UI
    thread, anchors or not). Once the count is known, a page needs no row after the last."""
    monkeypatch.setattr(vq, "SPARSE_STATUS_ROWS", 0)  # the open voices are many: walk the date index
    for i in range(3000):
        insert(store, received_at=f"2024-{i // 280 + 1:02d}-{i % 28 + 1:02d} 10:00", status="done")
    for i in range(30):
        insert(store, received_at=f"2025-06-{i % 28 + 1:02d} 11:00", status="new")
    query = VoiceQuery(store.conn, VoiceFilter(open_only=True), page_size=20)
    query.first_page()
    assert query.count() == 30
    query.build_anchors()
    assert query._drive == "walk"

    def steps(action) -> int:
        count = [0]

        def tick() -> int:
            count[0] += 1
            return 0
        store.conn.set_progress_handler(tick, 100)
        try:
            action()
        finally:
            store.conn.set_progress_handler(None, 0)
        return count[0]
    query._pages.clear()
    first = steps(lambda: query.page(0))
    last = steps(lambda: query.page(1))
    assert len(query.page(1)) == 10
    assert last <= 2 * first  # the last page costs about what the first does


def test_unknown_sort_column_is_refused(store):
    with pytest.raises(ValueError):
        VoiceQuery(store.conn, VoiceFilter(), sort="body")


def plans_of(conn, action) -> list[str]:
    """EXPLAIN QUERY PLAN of every SELECT that `action` runs, one line per statement."""
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        action()
    finally:
        conn.set_trace_callback(None)
    return [" | ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql))
            for sql in statements if sql.lstrip().upper().startswith("SELECT")]


def test_an_anchored_page_seeks_straight_into_the_date_index(store, voices):
    query = VoiceQuery(store.conn, VoiceFilter(), page_size=7)
    query.build_anchors()
    plan = plans_of(store.conn, lambda: query.page(20))[-1]
    assert "SEARCH v USING COVERING INDEX voices_received (received_at=? AND rowid<?)" in plan
    assert "SEARCH v USING COVERING INDEX voices_received (received_at<?)" in plan


def test_a_rare_term_starts_from_the_fts_index(store, texts):
    plan = plans_of(store.conn, lambda: VoiceQuery(store.conn, VoiceFilter(text="案内の連")).first_page())[-1]
    assert plan.index("VIRTUAL TABLE") < plan.index("INTEGER PRIMARY KEY")


# --- position ----------------------------------------------------------------------------------

@pytest.mark.parametrize("anchors", [False, True])
@pytest.mark.parametrize("sort, descending", [("customer_name", True), ("customer_name", False),
                                              ("due_date", False), ("received_at", True)])
def test_position_of_finds_the_row_index(store, voices, sort, descending, anchors):
    expected = reference(store.conn, sort, descending)
    for uid in (expected[0], expected[6], expected[7], expected[150], expected[-1]):
        query = VoiceQuery(store.conn, VoiceFilter(), sort=sort, descending=descending, page_size=7)
        if anchors:
            query.build_anchors()
        statements: list[str] = []
        store.conn.set_trace_callback(statements.append)
        assert query.position_of(uid) == expected.index(uid)
        store.conn.set_trace_callback(None)
        assert anchors != any("count(*)" in sql for sql in statements)  # anchors: a page read, no count
    shown = VoiceQuery(store.conn, VoiceFilter(), sort=sort, descending=descending, page_size=7)
    shown.page(1)
    assert shown.position_of(expected[9]) == 9


def test_position_of_follows_filter_and_text(store, voices):
    flt = VoiceFilter(text="No.1", kinds=("praise", "request"), open_only=True)
    expected = walk_pages(VoiceQuery(store.conn, flt, sort="due_date", page_size=7))
    assert len(expected) > 5
    anchored = VoiceQuery(store.conn, flt, sort="due_date", page_size=3)
    anchored.build_anchors()
    for index, uid in enumerate(expected):
        assert VoiceQuery(store.conn, flt, sort="due_date").position_of(uid) == index
        assert anchored.position_of(uid) == index


def test_position_of_an_excluded_or_unknown_voice_is_none(store, voices):
    query = VoiceQuery(store.conn, VoiceFilter(kinds=("praise",)))
    other = next(r["uid"] for r in voices if r["kind"] != "praise")
    assert query.position_of(other) is None
    assert query.position_of("no-such-uid") is None


# --- text search --------------------------------------------------------------------------------

@pytest.fixture
def texts(store, staff):
    """Voices entered through the repository, with text in each searchable column."""
    repo = VoiceRepository(store)
    now = datetime(2025, 11, 20, 10, 0)

    def add(**fields):
        return repo.create(VoiceInput(received_at="2025-11-20 09:00", **fields), by=staff["sato"], now=now)

    return {
        "renewal": add(summary="満期案内の連絡が遅い", body="更新の書類が届かないとのこと。"),
        "claim": add(summary="保険金の支払い", customer_name="山田 太郎", body="事故の連絡後、折り返しがない。"),
        "quote": add(summary='お客様は「"至急"」と強調', body="割引率100%の案内を希望"),
        "ascii": add(summary="ABC損保の件", body="under_score と 100 円"),
        "wide": add(summary="ＡＢＣ代理店の件"),
    }


@pytest.mark.parametrize("text, expected", [
    ("案内の連", ["renewal"]),           # 3+ characters: FTS trigram
    ("書類が届", ["renewal"]),           # in the body
    ("山田 太郎", ["claim"]),            # two terms, both required
    ("折り返し 保険金", ["claim"]),       # terms from different columns
    ("折り返し 満期", []),                # AND, not OR
    ("満期案内 保険金", []),              # a 3-character term is required beside a longer one too
    ("保険金 事故の", ["claim"]),
    ("連絡", ["renewal", "claim"]),       # 2 characters: LIKE fallback
    ("遅", ["renewal"]),                 # 1 character
    ("abc", ["ascii", "wide"]),          # ASCII case does not matter (ＡＢＣ was stored as ABC)
    ("ＡＢＣ", ["ascii", "wide"]),         # widths are one: ＡＢＣ was stored as ABC
    ('"至急"', ["quote"]),                # double quotes are text, not FTS syntax
    ('"', ["quote"]),
    ("100%", ["quote"]),                 # % is text, not a LIKE wildcard
    ("e_s", []),                         # _ is text too
    ("r_s", ["ascii"]),
    ("存在しない語", []),
])
def test_text_search_finds_substrings(store, texts, text, expected):
    found = all_uids(store.conn, VoiceFilter(text=text))
    assert sorted(found) == sorted(texts[name] for name in expected)


@pytest.mark.parametrize("text", ['"""', "AND", "OR NOT", "(abc)", "NEAR(a b)", "^abc", "abc*", "a:b",
                                  "x\\y", "\x00zz", "%_%", "🙂🙂🙂", "-満期"])
def test_fts_syntax_and_odd_characters_are_plain_text(store, texts, text):
    query = VoiceQuery(store.conn, VoiceFilter(text=text))
    assert query.first_page() == [] and query.count() == 0


def test_text_search_ignores_surrounding_and_fullwidth_spaces(store, texts):
    assert all_uids(store.conn, VoiceFilter(text="\u3000山田\u3000太郎 ")) == [texts["claim"]]
    assert len(all_uids(store.conn, VoiceFilter(text="   "))) == len(texts)


def test_full_width_letters_find_what_their_half_width_form_finds(store, texts):
    # Stored and searched text share one width (domain.text), and ASCII case does not matter.
    assert sorted(all_uids(store.conn, VoiceFilter(text="ａｂｃ"))) == sorted(
        all_uids(store.conn, VoiceFilter(text="abc")))
    assert sorted(all_uids(store.conn, VoiceFilter(text="abc"))) == sorted([texts["ascii"], texts["wide"]])


@pytest.mark.parametrize("text", ["No.1", "No.2 遅い", "満期", "の", "No.12", "ａｂｃ"])
def test_every_search_path_returns_the_same_rows(store, voices, texts, monkeypatch, text):
    flt = VoiceFilter(text=text)
    expected = walk_pages(VoiceQuery(store.conn, flt, page_size=7))
    monkeypatch.setattr(vq, "RARE_HITS", 0)  # never fetch the FTS hits first: scan with LIKE
    assert walk_pages(VoiceQuery(store.conn, flt, page_size=7)) == expected
    membership = VoiceQuery(store.conn, flt, page_size=7)
    membership._fts_filter = True  # as after a scan ran out of time
    assert walk_pages(membership) == expected
    anchored = VoiceQuery(store.conn, flt, page_size=7)
    anchored.build_anchors()
    assert [r.uid for i in range(len(anchored._anchors)) for r in anchored.page(i)] == expected


def test_a_scan_out_of_time_switches_to_fts_membership(store, monkeypatch):
    for i in range(3000):  # the term is common overall but only in the oldest voices
        insert(store, received_at=f"2025-{i // 250 + 1:02d}-01 10:00", summary="よくある語" if i < 1200 else "別の話")
    monkeypatch.setattr(vq, "RARE_HITS", 10)
    monkeypatch.setattr(vq, "SCAN_BUDGET_S", 0)
    query = VoiceQuery(store.conn, VoiceFilter(text="よくある"), page_size=50)
    rows = query.first_page()
    assert query._drive == "walk" and query._fts_filter
    assert [r.uid for r in rows] == reference(store.conn, "received_at", True, "WHERE summary = 'よくある語'")[:50]


@pytest.mark.parametrize("flt", [VoiceFilter(open_only=True), VoiceFilter(statuses=("done",), kinds=("praise",)),
                                 VoiceFilter(overdue_only=True, today=TODAY, text="No.1")])
def test_status_filters_give_the_same_rows_driven_or_walked(store, voices, monkeypatch, flt):
    monkeypatch.setattr(vq, "SPARSE_STATUS_ROWS", 10**9)
    driven = VoiceQuery(store.conn, flt, page_size=7)
    expected = walk_pages(driven)
    assert driven._drive in ("status", "fts")
    monkeypatch.setattr(vq, "SPARSE_STATUS_ROWS", 0)
    walked = VoiceQuery(store.conn, flt, page_size=7)
    assert walk_pages(walked) == expected
    assert walked._drive in ("walk", "fts")


# --- connections ----------------------------------------------------------------------------------

def test_read_connection_pages_and_refuses_writes(file_store, staff):
    insert(file_store, uid="one")
    conn = open_read_connection(file_store.path)
    try:
        query = VoiceQuery(file_store.conn, VoiceFilter(), page_size=1)
        assert query.count(conn=conn) == 1
        query.build_anchors(conn=conn)
        assert [r.uid for r in query.first_page()] == ["one"]
        with pytest.raises(sqlite3.OperationalError, match="attempt to write a readonly database"):
            conn.execute("DELETE FROM voices")
    finally:
        conn.close()
    assert file_store.conn.execute("SELECT uid FROM voices").fetchall() == [("one",)]


def test_read_connection_to_memory_is_refused():
    with pytest.raises(ValueError, match="an in-memory database has no second connection"):
        open_read_connection(":memory:")


def test_a_number_typed_in_either_width_finds_the_voice(store, staff):
    """Staff type policy numbers in whichever width their IME is in; search finds them both ways."""
    from agency_app.domain.voice import VoiceInput
    from agency_app.storage.voices import VoiceRepository

    repo = VoiceRepository(store)
    now = datetime(2025, 11, 20, 10, 0)
    wide = repo.create(VoiceInput(received_at="2025-11-20 09:00", summary="証券番号ＡＢ１２３４５の件",
                                  customer_name="ﾔﾏﾀﾞ ﾀﾛｳ"), by=staff["sato"], now=now)
    narrow = repo.create(VoiceInput(received_at="2025-11-20 09:30", summary="証券番号CD67890の件"),
                         by=staff["sato"], now=now)
    for typed, expected in (("AB12345", wide), ("ＡＢ１２３４５", wide), ("ｃｄ６７８９０", narrow),
                            ("ヤマダ", wide), ("ﾔﾏﾀﾞ", wide)):
        rows = VoiceQuery(store.conn, VoiceFilter(text=typed)).first_page()
        assert [r.uid for r in rows] == [expected], typed
