"""Opening the history of an improvement or a voice day reads index ranges of the audit log, never the whole log.

The audit log holds a row for every change of every record — a million and more on a big database (the 1M demo:
1,032,929 rows): a scan of it costs 0.4 s warm and 1.5 s cold, and the 改善 tab's detail reads the improvement's
history each time the selection moves."""

from __future__ import annotations

from datetime import date, datetime

from agency_app.domain import voice_day as D
from agency_app.domain.improvements import ImprovementInput
from agency_app.domain.voice import VoiceInput
from agency_app.storage.improvements import ImprovementRepository
from agency_app.storage.voice_days import VoiceDayRepository
from agency_app.storage.voices import VoiceRepository

NOW = datetime(2025, 6, 10, 17, 0)
DAY = date(2025, 6, 10)


def audit_plans(store, read) -> list[str]:
    """EXPLAIN QUERY PLAN of every statement `read` runs on the audit log."""
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        read()
    finally:
        store.conn.set_trace_callback(None)
    return [row[3] for sql in statements if "audit_log" in sql
            for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql)]


def made(store, staff):
    """An improvement with a voice linked and unlinked; a meeting with an attendee and a decision both taken back."""
    sato = staff["sato"]
    voice = VoiceRepository(store).create(VoiceInput(
        received_at="2025/6/9 10:00", channel="phone", kind="dissatisfaction", summary="満期案内が届かなかった",
        due_date="2025/7/31"), by=sato, now=NOW)
    improvements = ImprovementRepository(store)
    improvement = improvements.create(ImprovementInput(
        title="満期案内の送付確認", owner_id=sato, opened_on="2025/6/10", due_date="2025/7/31"), by=sato, now=NOW)
    improvements.link_voice(improvement, voice, by=sato, now=NOW)
    improvements.unlink_voice(improvement, voice, by=sato, now=NOW)
    days = VoiceDayRepository(store)
    meeting = days.open_meeting("損保", DAY, sato, by=sato, now=NOW)
    days.set_attendees(meeting, [sato, staff["manager"]], by=sato, now=NOW)
    days.set_attendees(meeting, [sato], by=sato, now=NOW)
    days.decide(meeting, voice, D.DECISION_SHARED, by=sato, now=NOW)
    days.undecide(meeting, voice, by=sato, now=NOW)
    return improvement, meeting, voice


def test_an_improvements_history_never_scans_the_audit_log(store, staff):
    improvement, _meeting, voice = made(store, staff)
    improvements = ImprovementRepository(store)
    entries = improvements.history(improvement)
    assert [(e.field, e.old_value, e.new_value) for e in entries if e.field == "voices"] == [
        ("voices", None, voice), ("voices", voice, None)]
    found = audit_plans(store, lambda: improvements.history(improvement))
    assert found and not [p for p in found if p.startswith("SCAN")], found


def test_a_voice_days_history_never_scans_the_audit_log(store, staff):
    _improvement, meeting, voice = made(store, staff)
    days = VoiceDayRepository(store)
    fields = [(e.field, e.old_value, e.new_value) for e in days.history(meeting)]
    assert ("attendees", None, staff["manager"]) in fields and ("attendees", staff["manager"], None) in fields
    assert (f"decision:{voice}", None, "shared") in fields and (f"decision:{voice}", "shared", None) in fields
    found = audit_plans(store, lambda: days.history(meeting))
    assert found and not [p for p in found if p.startswith("SCAN")], found


def voice_plans(store, read) -> list[str]:
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        read()
    finally:
        store.conn.set_trace_callback(None)
    return [row[3] for sql in statements if "FROM voices" in sql
            for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql)]


def test_the_reviews_open_items_are_found_by_status_not_by_every_voice_the_team_ever_received(store, staff):
    """The team's open voices are a few thousand of its hundreds of thousands (1M demo: 18,116 open of 1M, 425,612
    voices in one team): counted through the team's index they took 0.4–0.5 s, inside close()'s write lock too."""
    made(store, staff)
    days = VoiceDayRepository(store)
    found = voice_plans(store, lambda: days.review("損保", date(2025, 6, 4), DAY, today=DAY))
    assert found
    assert not [p for p in found if p.startswith("SCAN") or p.endswith("voices_team_received (team=?)")], found
