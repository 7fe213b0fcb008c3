"""The demo's KPIs over three fiscal years, with the survey answers, trainings and qualifications they count: what the
KPI dashboard needs, valid as the app would store it, the earlier years finalised, the same for the same seed."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from random import Random

import pytest

from agency_app.demo import kpi_seed
from agency_app.demo import kpis as demo_kpis
from agency_app.demo.surveys_trainings import SurveysAndTrainings
from agency_app.demo.voices import generate
from agency_app.domain import kpi as K
from agency_app.domain import surveys as S
from agency_app.domain import trainings as TR
from agency_app.domain.kpi_measures import HAND, check_source
from agency_app.domain.periods import Period
from agency_app.storage.audited_tables import audited_columns
from agency_app.storage.database import open_store
from agency_app.storage.kpi_measures import compute
from agency_app.storage.masters import initialise

TODAY = date(2025, 11, 20)   # fiscal year 2025; voices from April 2024
YEARS = (2023, 2024, 2025)
NEW_TABLES = ("kpis", "kpi_results", "kpi_finalisations", "survey_answers", "trainings", "training_participants",
              "roleplay_results", "qualifications")


def build(voices: int = 2000, seed: int = 7):
    store = open_store(":memory:")
    initialise(store)
    made = generate(store, voices=voices, seed=seed, today=TODAY)
    return store, made


@pytest.fixture(scope="module")
def demo():
    store, made = build()
    yield store, made
    store.close()


def dicts(conn, sql: str, *params) -> list[dict]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def test_three_fiscal_years_ending_with_the_current_one_each_with_seed_003s_kpis_and_computed_ones(demo):
    store, made = demo
    conn = store.conn
    assert made["kpis"]["fiscal_years"] == list(YEARS)
    assert [fy for (fy,) in conn.execute("SELECT DISTINCT fiscal_year FROM kpis ORDER BY 1")] == list(YEARS)
    for fy, seed_year in zip(YEARS, demo_kpis.SEED_YEARS):
        rows = dicts(conn, "SELECT * FROM kpis WHERE fiscal_year = ? ORDER BY sort_order", fy)
        hand = [r for r in rows if r["source"] == HAND]
        seeds = kpi_seed.kpis_of(seed_year)
        assert [(r["title"], r["target"], r["unit"]) for r in hand] == [
            (k.title, str(k.target), k.unit) for k in seeds]
        assert any(r["source"] != HAND for r in rows)


def test_titles_are_unique_in_each_year_and_the_computed_kpis_recur_for_a_trend(demo):
    conn = demo[0].conn
    for fy in YEARS:
        titles = [t for (t,) in conn.execute("SELECT title FROM kpis WHERE fiscal_year = ?", (fy,))]
        assert len(titles) == len(set(titles))
    current = {t for (t,) in conn.execute("SELECT title FROM kpis WHERE fiscal_year = 2025 AND source <> 'hand'")}
    earlier = {t for (t,) in conn.execute("SELECT title FROM kpis WHERE fiscal_year = 2024 AND source <> 'hand'")}
    assert current == earlier and len(current) >= 6


def test_every_kpi_is_a_valid_definition_and_every_computed_source_a_valid_measure(demo):
    conn = demo[0].conn
    types = [c for (c,) in conn.execute("SELECT code FROM survey_types")]
    sources = set()
    for row in dicts(conn, "SELECT * FROM kpis"):
        K.check_definition(principle=row["principle"], title=row["title"],
                           target=K.KpiTarget(Decimal(row["target"]), row["unit"], row["direction"], row["places"]))
        check_source(row["source"], row["source_param"], unit=None if row["source"] == HAND else row["unit"],
                     survey_types=types)
        assert row["period"] in ("year", "half1", "half2", "quarter")
        assert str(Decimal(row["target"])) == row["target"]   # exact decimal text
        sources.add((row["source"], row["source_param"]))
    assert {("voices", "dissatisfaction"), ("improvements_done", None), ("followup_omissions", None),
            ("nps", "claim"), ("satisfaction", "contract"), ("role_play_pass_rate", None),
            ("qualified_staff_share", None), ("meetings_held", "compliance")} <= sources


def test_the_earlier_two_years_are_finalised_with_a_frozen_value_for_every_result_and_the_current_one_open(demo):
    conn = demo[0].conn
    finals = dicts(conn, "SELECT * FROM kpi_finalisations")
    assert [(f["fiscal_year"], f["period_kind"], f["period_number"], f["status"]) for f in finals] == [
        (2023, "year", 0, "final"), (2024, "year", 0, "final")]
    assert all(f["finalised_by"] and f["finalised_at"] > f"{f['fiscal_year'] + 1}-03-31" for f in finals)
    for fy in (2023, 2024):
        final = next(f for f in finals if f["fiscal_year"] == fy)
        for kpi in dicts(conn, "SELECT * FROM kpis WHERE fiscal_year = ?", fy):
            results = {(r["period_kind"], r["period_number"]): r
                       for r in dicts(conn, "SELECT * FROM kpi_results WHERE kpi_id = ?", kpi["uid"])}
            periods = demo_kpis.result_periods(fy, kpi["period"])
            assert set(results) == {(p.kind, p.number) for p in periods}, kpi["title"]
            for period in periods:
                result = results[(period.kind, period.number)]
                assert result["frozen_at"] == final["finalised_at"]
                assert result["frozen_by"] == final["finalised_by"]
                if kpi["source"] == HAND:
                    assert result["frozen_value"] == result["hand_value"]
                else:
                    assert result["hand_value"] is None
                    value = compute(conn, kpi["source"], kpi["source_param"], period, today=TODAY).value  # the board's
                    assert result["frozen_value"] == (None if value is None else format(value, "f"))
    assert conn.execute("SELECT COUNT(*) FROM kpi_results r JOIN kpis k ON k.uid = r.kpi_id "
                        "WHERE k.fiscal_year = 2025").fetchone()[0] == 0


def test_seed_003s_published_results_are_the_hand_results_of_the_earlier_years(demo):
    conn = demo[0].conn
    got = dict(conn.execute("SELECT k.title, r.hand_value FROM kpis k JOIN kpi_results r ON r.kpi_id = k.uid "
                            "WHERE k.fiscal_year = 2024 AND k.source = 'hand'").fetchall())
    assert got["お客様アンケート(契約募集)の収集"] == "208"
    assert got["お客様との対話を通じた最適提案"] == "60.00"
    assert got["顧客情報・対応履歴の適切管理"] is None   # the seed publishes none: frozen as データなし


def test_the_computed_values_of_the_finalised_years_are_there_where_the_demo_has_records(demo):
    conn = demo[0].conn
    frozen = {(fy, title, n): v for fy, title, n, v in conn.execute(
        "SELECT k.fiscal_year, k.title, r.period_number, r.frozen_value FROM kpis k "
        "JOIN kpi_results r ON r.kpi_id = k.uid WHERE k.source <> 'hand'")}
    assert frozen[(2024, "ロールプレイング合格率", 0)] == "100"
    assert frozen[(2023, "コンプライアンス会議の実施回数", 0)] == "12"
    assert frozen[(2023, "資格保有者の割合", 0)] == "100"
    assert Decimal(frozen[(2024, "資格保有者の割合", 0)]) < 100   # one qualification lapsed that year
    assert all(frozen[(2024, "お客様の声（不満）の件数", q)] not in (None, "0") for q in (1, 2, 3, 4))
    assert frozen[(2024, "NPS（事故対応）", 0)] is not None
    assert not any(fy == 2023 and title == "お客様の声（不満）の件数" for fy, title, _ in frozen)  # no voices then


def test_role_plays_are_like_seed_004_everyone_takes_part_two_re_tests_all_pass(demo):
    conn = demo[0].conn
    staff = {s for (s,) in conn.execute("SELECT uid FROM staff WHERE active = 1")}
    plays = dicts(conn, "SELECT * FROM trainings WHERE kind = 'roleplay' ORDER BY held_on")
    assert len(plays) == 5   # July and January of FY2023 and FY2024, July of FY2025
    for play in plays:
        play["participants"] = [s for (s,) in conn.execute(
            "SELECT staff_id FROM training_participants WHERE training_id = ?", (play["uid"],))]
        results = dicts(conn, "SELECT * FROM roleplay_results WHERE training_id = ?", play["uid"])
        for result in results:
            TR.validate_roleplay_result(TR.RolePlayResultInput(result["staff_id"], str(result["score"]),
                                                               result["outcome"], result["attempt"]), play)
        figures = TR.roleplay_figures([play], results)
        assert (figures.invited, figures.took_part, figures.retested, figures.passed) == (26, 26, 2, 26)
        assert set(play["participants"]) == staff
        assert sorted(r["attempt"] for r in results if r["outcome"] == TR.RETEST) == [1, 1]


def test_meetings_follow_the_calendar_and_qualifications_are_valid(demo):
    conn = demo[0].conn
    held = dict(conn.execute("SELECT kind, COUNT(*) FROM trainings WHERE held_on >= '2024-04-01' "
                             "AND held_on < '2025-04-01' GROUP BY kind").fetchall())
    assert held == {"compliance": 12, "quality": 4, "study": 8, "roleplay": 2}
    assert conn.execute("SELECT MAX(held_on) FROM trainings").fetchone()[0] < TODAY.isoformat()
    staff = {s for (s,) in conn.execute("SELECT uid FROM staff")}
    rows = dicts(conn, "SELECT * FROM qualifications")
    assert {r["staff_id"] for r in rows} == staff
    for row in rows:
        TR.validate_qualification(TR.QualificationInput(row["staff_id"], row["name"], row["obtained_on"],
                                                        row["expires_on"] or ""), TODAY, staff)
    assert any(r["expires_on"] and r["expires_on"] < TODAY.isoformat() for r in rows)   # some have lapsed


def test_survey_answers_are_valid_answers_of_the_four_default_types_and_a_few_became_voices(demo):
    conn = demo[0].conn
    types = {t.code: t for t in S.DEFAULT_TYPES}
    rows = dicts(conn, "SELECT * FROM survey_answers")
    assert {r["survey_type"] for r in rows} == set(types)
    for row in rows:
        entry = S.SurveyAnswerInput(row["answered_on"], row["survey_type"], row["product_line"],
                                    "" if row["recommendation"] is None else str(row["recommendation"]),
                                    str(row["satisfaction_grade"]), row["comment"])
        checked = S.validate_survey_answer(entry, types, TODAY)
        assert checked["recommendation"] == row["recommendation"]
    assert any(r["comment"] and not r["voice_id"] for r in rows)
    linked = dicts(conn, "SELECT a.comment, a.answered_on, v.body, v.channel, v.received_at FROM survey_answers a "
                         "JOIN voices v ON v.uid = a.voice_id")
    assert 3 <= len(linked) <= 6
    assert all(r["channel"] == "survey" and r["comment"] == r["body"] and r["received_at"].startswith(r["answered_on"])
               for r in linked)


def test_survey_scores_look_like_seed_000s_nps_and_satisfaction(demo):
    """At a million-voice demo's number of answers (25,000), drawn into the small demo and rolled back."""
    store, _ = demo
    conn = store.conn
    staff = dicts(conn, "SELECT uid, team, role, branch_code AS branch FROM staff")
    conn.execute("SAVEPOINT scores")
    try:
        SurveysAndTrainings(conn, Random(3), TODAY, staff, store.home_branch, 1_000_000).survey_answers()
        figures = {}
        for t in S.DEFAULT_TYPES:
            answers = dicts(conn, "SELECT recommendation, satisfaction_grade FROM survey_answers WHERE survey_type = ?",
                            t.code)
            figures[t.code] = S.survey_results(answers, t)
    finally:
        conn.execute("ROLLBACK TO scores")
        conn.execute("RELEASE scores")
    assert sum(f.count for f in figures.values()) > 25_000
    assert abs(figures["claim"].nps - Decimal("23.6")) < 3 and abs(figures["claim"].satisfaction - Decimal("90.6")) < 2
    assert abs(figures["renewal"].nps - Decimal("-14.7")) < 3 and abs(figures["renewal"].satisfaction - 89) < 2
    assert abs(figures["contact"].satisfaction - Decimal("95.8")) < 2 and figures["contact"].nps is None


def test_every_new_row_has_the_created_history_row_its_insert_trigger_would_write(demo):
    conn = demo[0].conn
    home = demo[0].home_branch
    for table in NEW_TABLES:
        columns = audited_columns(conn, table)
        rows = {r["uid"]: r for r in dicts(conn, f"SELECT * FROM {table}")}
        audits = dicts(conn, "SELECT * FROM audit_log WHERE entity = ? AND field = '*created'", table)
        assert len(audits) == len(rows) > 0, table
        for audit in audits:
            row = rows[audit["record_uid"]]
            expected = {c: row[c] for c in columns if row[c] is not None}
            assert json.loads(audit["new_value"]) == expected
            assert (audit["changed_at"], audit["changed_by"], audit["branch"]) == (row["updated_at"], row["updated_by"],
                                                                                  home)
    # the triggers are back: a change is recorded
    uid = conn.execute("SELECT uid FROM trainings LIMIT 1").fetchone()[0]
    conn.execute("SAVEPOINT t")
    conn.execute("UPDATE trainings SET theme = 'x' WHERE uid = ?", (uid,))
    assert conn.execute("SELECT COUNT(*) FROM audit_log WHERE record_uid = ? AND field = 'theme'", (uid,)).fetchone()[0]
    conn.execute("ROLLBACK TO t")
    conn.execute("RELEASE t")


def test_the_same_seed_makes_the_same_kpis_surveys_and_trainings():
    def snapshot(store):
        tables = {t: store.conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in NEW_TABLES}
        # The answers brought in through the importer (demo/paper_surveys.py) get its own random uids: the
        # same answers, stamped alike, in the same order.
        imported = {uid for (uid,) in store.conn.execute("SELECT record_uid FROM imported_rows")}
        assert imported
        tables["survey_answers"] = [row[2:] if row[1] in imported else row for row in tables["survey_answers"]]
        return tables

    first, second = build(500, seed=3)[0], build(500, seed=3)[0]
    try:
        assert snapshot(first) == snapshot(second)
    finally:
        first.close()
        second.close()


def test_result_periods_are_the_designs_periods():
    assert demo_kpis.result_periods(2025, "year") == (Period(2025),)
    assert demo_kpis.result_periods(2025, "half2") == (Period(2025, "half", 2),)
    assert [p.number for p in demo_kpis.result_periods(2025, "quarter")] == [1, 2, 3, 4]
