"""The counts report's queries read index ranges, never the whole voices table (migration 0008_report_indexes)."""

from __future__ import annotations

import pytest

from agency_app.domain.periods import HALF, YEAR, Period
from agency_app.storage import migrations
from agency_app.storage.status_by_origin import status_by_origin
from agency_app.storage.voice_counts import dissatisfaction_by_category, voices_by_kind


def plans(store, count) -> list[str]:
    """EXPLAIN QUERY PLAN of every statement `count` runs on the voices table."""
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        count()
    finally:
        store.conn.set_trace_callback(None)
    return [row[3] for sql in statements if "FROM voices" in sql
            for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql)]


@pytest.mark.parametrize("branch", [None, "HQ"])
@pytest.mark.parametrize("period", [Period(2025, HALF, 2), Period(2025, YEAR, 0)])
def test_no_count_of_the_report_scans_the_voices(store, period, branch):
    for count in (status_by_origin, voices_by_kind, dissatisfaction_by_category):
        found = plans(store, lambda: count(store.conn, period, branch))
        assert found and not [p for p in found if p.startswith("SCAN")], (count.__name__, found)
    carried = plans(store, lambda: status_by_origin(store.conn, period, branch))
    assert {"voices_completed", "voices_open_days", "voices_reopened", "voices_period_counts"} <= {
        word for plan in carried for word in plan.split()}


def test_the_migration_never_lowers_the_app_version_a_later_step_asked_for(store):
    script = next(s for s in migrations.load_scripts() if s.name.endswith("_report_indexes"))
    store.set_setting("min_app_version", "0.3.0")
    with store.write() as db:
        script.module.migrate(db)  # CREATE INDEX IF NOT EXISTS: running it again changes nothing else
    assert store.setting("min_app_version") == "0.3.0"
    store.set_setting("min_app_version", "0.1.0")
    with store.write() as db:
        script.module.migrate(db)
    assert store.setting("min_app_version") == script.module.MIN_APP_VERSION
