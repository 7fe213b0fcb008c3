"""Follow-up omissions read two partial indexes of the few voices concerned, never every voice of the period (0014)."""

from __future__ import annotations

import pytest

from agency_app.domain.periods import HALF, YEAR, Period
from agency_app.storage import migrations
from agency_app.storage.counts import follow_up_omissions


def voice_plans(store, period, branch) -> list[str]:
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        follow_up_omissions(store.conn, period, branch)
    finally:
        store.conn.set_trace_callback(None)
    return [row[3] for sql in statements if "FROM voices r" in sql
            for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql)]


@pytest.mark.parametrize("branch", [None, "HQ"])
@pytest.mark.parametrize("period", [Period(2025, HALF, 2), Period(2025, YEAR, 0)])
def test_omissions_read_the_reopened_and_closed_late_indexes_only(store, period, branch):
    plans = voice_plans(store, period, branch)
    searches = [p for p in plans if p.startswith(("SEARCH r", "SCAN r"))]
    assert len(searches) == 2, plans
    assert any("voices_reopened" in p for p in searches) and any("voices_closed_late" in p for p in searches), plans


def test_the_index_holds_the_closed_voices_past_their_due_day_or_without_a_closing_day(store):
    stamp = "2025-05-01 09:00"
    rows = [  # (status, due_date, completed_on, in the index)
        ("done", "2025-05-08", "2025-05-09", True), ("done", "2025-05-08", "2025-05-08", False),
        ("dropped", "2025-05-08", None, True), ("done", None, "2025-05-09", False),
        ("in_progress", "2025-05-08", None, False), ("dropped", "2025-05-08 17:00", "2025-05-09", True)]
    with store.write() as db:
        for k, (status, due, done, _) in enumerate(rows):
            db.conn.execute("INSERT INTO voices (uid, origin_branch, branch_code, received_at, channel, kind, summary, "
                            "status, due_date, completed_on, created_at, updated_at) VALUES (?, 'HQ', 'HQ', ?, "
                            "'phone', 'other', 's', ?, ?, ?, ?, ?)", (f"v{k}", stamp, status, due, done, stamp, stamp))
    held = {uid for (uid,) in store.conn.execute(
        "SELECT uid FROM voices INDEXED BY voices_closed_late WHERE +status IN ('done', 'dropped') AND "
        "+due_date IS NOT NULL AND (completed_on IS NULL OR completed_on > substr(due_date, 1, 10))")}
    assert held == {f"v{k}" for k, row in enumerate(rows) if row[3]}
    assert migrations.latest_schema_version() >= 14
