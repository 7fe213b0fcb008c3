"""A report is counted from one state of the database: a save committed while it counts is in every figure or in none.

The counts run on a reading connection beside the writer (the 集計 tab's worker, `agency-app counts` while staff
keep working). Each test saves through the writer at the moment the report starts one of its later statements.
"""

from __future__ import annotations

from datetime import datetime

from agency_app.domain.periods import HALF, Period
from agency_app.domain.voice import VoiceInput
from agency_app.domain.workflow import StatusChange
from agency_app.reports.counts_report import counts_report
from agency_app.storage.masters import MasterData
from agency_app.storage.services import open_reader
from agency_app.storage.status_by_origin import RECEIVED, status_by_origin
from agency_app.storage.voices import VoiceRepository

H1 = Period(2025, HALF, 1)


def clerk(store) -> str:
    return MasterData(store).save_staff(name="佐藤 一郎", kana="さとう いちろう", team="損保", branch_code="HQ")


def save_when(conn, marker: str, save) -> list[str]:
    """Run `save()` (on the writer) once, as `conn` starts the first statement containing `marker`."""
    seen: list[str] = []

    def trace(sql: str) -> None:
        if marker in sql and not seen:
            seen.append(sql)
            save()
    conn.set_trace_callback(trace)
    return seen


def test_a_reopening_saved_while_the_status_table_counts_is_not_counted_twice(file_store):
    repo, by = VoiceRepository(file_store), clerk(file_store)
    uid = repo.create(VoiceInput(received_at="2025-06-01 10:00", summary="満期案内が届かない"), by=by,
                      now=datetime(2025, 6, 1, 10))
    repo.change_status(uid, StatusChange("done", response="再送した", completed_on="2025-06-05", completed_by=by),
                       by=by, now=datetime(2025, 6, 5, 10))
    reader = open_reader(file_store.path)
    try:
        seen = save_when(reader.conn, "v.reopen_count > 0 AND v.received_at >= '", lambda: repo.change_status(
            uid, StatusChange("in_progress", reopen_reason="再度のお申し出"), by=by, now=datetime(2025, 10, 10, 10)))
        found = status_by_origin(reader.conn, H1)
    finally:
        reader.close()
    assert seen
    # Done on 2025-09-30 whether the reopening (after the half) is seen or not: one voice, 完了.
    assert {b: found.count(RECEIVED, b) for b in ("done", "dropped", "open")} == {"done": 1, "dropped": 0, "open": 0}


def test_a_voice_saved_while_the_report_counts_is_in_all_of_its_tables_or_none(file_store):
    repo, by = VoiceRepository(file_store), clerk(file_store)
    repo.create(VoiceInput(received_at="2025-06-01 10:00", summary="満期案内が届かない"), by=by,
                now=datetime(2025, 6, 1, 10))
    reader = open_reader(file_store.path)
    try:
        seen = save_when(reader.conn, "FROM voices v WHERE v.kind IN", lambda: repo.create(
            VoiceInput(received_at="2025-06-02 10:00", summary="事故の連絡が遅い"), by=by, now=datetime(2025, 6, 2, 10)))
        report = counts_report(reader.conn, H1)
    finally:
        reader.close()
    assert seen
    kinds = {row[0]: row[1] for row in report.section("voices_by_kind").texts()}
    status = {row[0]: row[-1] for row in report.section("status_by_origin").texts()}
    assert kinds["計"] == status["期間内の受付"]  # the same voices received in the half, in both tables
