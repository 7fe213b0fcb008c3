"""The counts report's improvement tables: improvements by branch (R12's KPI) and voices waiting for a voice day (R14)."""

from __future__ import annotations

from datetime import date, datetime

from agency_app.domain.improvements import ImprovementInput
from agency_app.domain.periods import HALF, Period
from agency_app.domain.voice import VoiceInput
from agency_app.domain.workflow import StatusChange
from agency_app.reports.counts_report import counts_report
from agency_app.reports.plain_text import render_text
from agency_app.storage.improvements import ImprovementRepository
from agency_app.storage.masters import MasterData
from agency_app.storage.voice_days import VoiceDayRepository
from agency_app.storage.voices import VoiceRepository

H1 = Period(2025, HALF, 1)  # 2025/04/01〜2025/09/30


def staff(store, team: str = "損保") -> str:
    return MasterData(store).save_staff(name=f"{team} 一郎", kana="そんぽ いちろう", team=team, branch_code="HQ")


def improvement(store, by: str, opened: str, *, done: str | None = None, dropped: str | None = None) -> str:
    repo = ImprovementRepository(store)
    uid = repo.create(ImprovementInput(title="満期案内の見直し", owner_id=by, opened_on=opened, due_date="2026-03-31"),
                      by=by, now=datetime.fromisoformat(f"{opened} 10:00"))
    if done:
        repo.change_status(uid, StatusChange("done", response="2か月前に案内する", completed_on=done, completed_by=by),
                           by=by, now=datetime.fromisoformat(f"{done} 16:00"))
    if dropped:
        repo.change_status(uid, StatusChange("dropped", close_reason="保険会社へ要望として伝えた"), by=by,
                           now=datetime.fromisoformat(f"{dropped} 16:00"))
    return uid


def table(report, key: str) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in report.section(key).texts()}


def test_improvements_opened_done_and_open_at_the_end_of_the_period_by_branch(store):
    by = staff(store)
    improvement(store, by, "2025-03-10", done="2025-05-01")      # opened before, done in the half
    improvement(store, by, "2025-05-10", done="2025-06-20")      # opened and done in it
    improvement(store, by, "2025-06-01")                          # opened in it, still open
    improvement(store, by, "2025-07-01", done="2025-10-03")      # done after the half: open at its end
    improvement(store, by, "2025-08-01", dropped="2025-08-20")   # dropped: neither done nor open at the end
    improvement(store, by, "2025-10-05", done="2025-10-20")      # after the half: not counted
    improvement(store, by, "2024-05-01", done="2024-06-01")      # long before: not counted
    section = counts_report(store.conn, H1).section("improvements_by_branch")
    assert section.title == "改善（拠点別）"
    assert section.header() == ["拠点", "期間中に起票", "期間中に完了", "期末に未完了"]
    assert section.texts() == [["本部（HQ）", "4", "2", "2"], ["計", "4", "2", "2"]]
    assert "2025/09/30" in section.notes[0]


def test_improvements_of_each_branch_in_their_own_row_and_a_branchs_report_shows_only_its_own(store):
    by = staff(store)
    MasterData(store).save_branch("YOK", "横浜支店")
    improvement(store, by, "2025-05-10", done="2025-06-20")
    moved = improvement(store, by, "2025-06-01")
    store.conn.execute("UPDATE improvements SET branch_code = 'YOK' WHERE uid = ?", (moved,))  # made at Yokohama
    assert table(counts_report(store.conn, H1), "improvements_by_branch") == {
        "本部（HQ）": ["1", "1", "0"], "横浜支店（YOK）": ["1", "0", "1"], "計": ["2", "1", "1"]}
    assert table(counts_report(store.conn, H1, "YOK"), "improvements_by_branch") == {
        "横浜支店（YOK）": ["1", "0", "1"], "計": ["1", "0", "1"]}


def voice(store, by: str, received: str) -> str:
    return VoiceRepository(store).create(VoiceInput(received_at=f"{received} 10:00", summary="満期案内が届かない"),
                                         by=by, now=datetime.fromisoformat(f"{received} 10:00"))


def test_voices_received_in_the_period_still_waiting_for_a_closed_voice_days_decision_by_team(store):
    sonpo, seiho = staff(store, "損保"), staff(store, "生保")
    days = VoiceDayRepository(store)
    shared = voice(store, sonpo, "2025-06-02")          # gone through at a closed voice day
    voice(store, sonpo, "2025-06-03")                    # after that voice day: waiting
    in_open = voice(store, seiho, "2025-06-02")         # decided at a voice day still open: waiting
    voice(store, seiho, "2025-03-30")                    # received before the half: not counted
    closed = days.open_meeting("損保", date(2025, 6, 2), sonpo, by=sonpo, now=datetime(2025, 6, 2, 18))
    days.decide(closed, shared, "shared", by=sonpo, now=datetime(2025, 6, 2, 18, 5))
    days.close(closed, by=sonpo, now=datetime(2025, 6, 2, 18, 30))
    still_open = days.open_meeting("生保", date(2025, 6, 3), seiho, by=seiho, now=datetime(2025, 6, 3, 18))
    days.decide(still_open, in_open, "no_improvement", reason="個別の事情", by=seiho, now=datetime(2025, 6, 3, 18, 5))
    section = counts_report(store.conn, H1).section("voices_waiting_by_team")
    assert section.title == "声の日で未検討の声（チーム別）"
    assert section.header() == ["チーム", "期間内の受付", "うち未検討", "未検討の割合"]
    assert section.texts() == [["損保", "2", "1", "50.0%"], ["生保", "1", "1", "100.0%"], ["計", "3", "2", "66.7%"]]


def test_a_voice_without_a_team_has_its_own_row(store):
    by = staff(store)
    uid = voice(store, by, "2025-06-02")
    store.conn.execute("UPDATE voices SET team = '' WHERE uid = ?", (uid,))  # saved before teams were kept
    assert table(counts_report(store.conn, H1), "voices_waiting_by_team")["（チームなし）"] == ["1", "1", "100.0%"]


def test_an_empty_period_reads_zeros_and_dashes(store):
    report = counts_report(store.conn, H1)
    assert report.section("improvements_by_branch").texts() == [["計", "0", "0", "0"]]
    assert report.section("voices_waiting_by_team").texts() == [["計", "0", "0", "―"]]


def test_the_two_tables_come_after_the_omissions_and_print_with_their_headings(store):
    report = counts_report(store.conn, H1)
    keys = [s.key for s in report.sections]
    assert keys[keys.index("omissions") + 1:] == ["improvements_by_branch", "voices_waiting_by_team", "omission_list"]
    text = render_text(report)
    assert "■ 改善（拠点別）" in text and "■ 声の日で未検討の声（チーム別）" in text


def test_the_demo_reads_sensibly(demo_store):
    """The 300-voice demo (today 2026-11-22): this half's improvements and its voices mostly gone through."""
    report = counts_report(demo_store.conn, Period(2026, HALF, 2))
    improvements = table(report, "improvements_by_branch")
    assert int(improvements["計"][0]) > 0 and int(improvements["計"][1]) > 0
    waiting = table(report, "voices_waiting_by_team")
    assert set(waiting) == {"団体", "損保", "生保", "計"}
    assert 0 < int(waiting["計"][1]) < int(waiting["計"][0])
