"""The insurer report's voice list: one insurer's voices read through its (insurer, received_at) index, and read one
at a time (list_voices=False + voice_rows) exactly as the list the report holds."""

from __future__ import annotations

from agency_app.domain.periods import QUARTER, Period
from agency_app.reports.insurer_report import detail_query, insurer_report


def plan(conn, period: Period, insurer: str | None) -> str:
    sql, params = detail_query(period, insurer)
    return " ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params))


def test_one_insurers_list_uses_its_index_and_needs_no_sort(demo_store):
    period = Period(2025, QUARTER, 2)
    one = plan(demo_store.conn, period, "日本生命")
    assert "voices_insurer_received (insurer=? AND received_at>? AND received_at<?)" in one
    assert "TEMP B-TREE" not in one  # the index gives receipt order
    everyone = plan(demo_store.conn, period, None)
    assert "voices_insurer_received" not in everyone and "TEMP B-TREE" not in everyone


def test_voice_rows_read_one_at_a_time_are_the_reports_list(demo_store):
    for insurer in (None, "日本生命"):
        held = insurer_report(demo_store.conn, 2025, 2, insurer, with_personal_data=True)
        streamed = insurer_report(demo_store.conn, 2025, 2, insurer, with_personal_data=True, list_voices=False)
        for block in (0, 1):
            assert streamed.blocks[block].section("voice_list").rows == ()
            rows = list(streamed.voice_rows(demo_store.conn, block))
            assert rows == list(held.blocks[block].section("voice_list").rows) and rows
        # Everything but the lists is the same report.
        for a, b in zip(held.blocks, streamed.blocks):
            assert [s for s in a.sections if not s.listing] == [s for s in b.sections if not s.listing]
