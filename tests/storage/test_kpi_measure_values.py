"""Computed KPI measures (R23): every measure's value and records, its period and branch boundaries, データなし vs 0."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from agency_app.domain import kpi_measures as M
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.periods import HALF, MONTH, QUARTER, Period
from agency_app.storage import kpi_measures as KM
from agency_app.storage.counts import follow_up_omissions
from agency_app.storage.ids import new_uid
from agency_app.storage.kpi_measures import MeasureValue, compute, compute_all, records
from agency_app.storage.masters import MasterData

FY = Period(2025)
H1 = Period(2025, HALF, 1)
H2 = Period(2025, HALF, 2)
TODAY = date(2026, 5, 1)   # FY2025 is over
STAMP = "2025-04-01 09:00"


def insert_many(store, table: str, rows: list[dict]) -> list[str]:
    """Rows written in one transaction, with the record columns set as the application sets them."""
    full = [dict({"uid": new_uid(), "origin_branch": "HQ", "created_at": STAMP, "updated_at": STAMP}, **row)
            for row in rows]
    with store.write() as db:
        for row in full:
            db.conn.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                            list(row.values()))
    return [r["uid"] for r in full]


def update(store, table: str, uid: str, at: str, **values) -> None:
    sets = ", ".join(f"{k} = ?" for k in values)
    with store.write() as db:
        db.conn.execute(f"UPDATE {table} SET {sets}, updated_at = ? WHERE uid = ?", [*values.values(), at, uid])


def value(store, code, param=None, period=FY, branch=None, today=TODAY):
    return compute(store.conn, code, param, period, branch, today=today)


def uids(store, code, param=None, period=FY, branch=None, today=TODAY, limit=500):
    return [r.uid for r in records(store.conn, code, param, period, branch, limit, today=today)]


@pytest.fixture
def people(store):
    """Staff at head office and Yokohama, one of them gone."""
    masters = MasterData(store)
    masters.save_branch("YOK", "横浜支店")
    return {name: masters.save_staff(name=name, branch_code=branch, active=active)
            for name, branch, active in (("佐藤", "HQ", True), ("鈴木", "HQ", True), ("高橋", "YOK", True),
                                         ("田中", "YOK", True), ("退職者", "HQ", False))}


# --- voices -------------------------------------------------------------------------------------------

def voice(received_at: str, kind: str = "dissatisfaction", branch: str = "HQ", **extra) -> dict:
    return dict({"received_at": received_at, "kind": kind, "branch_code": branch, "channel": "phone",
                 "summary": f"{kind} {received_at}"}, **extra)


@pytest.fixture
def voices(store):
    names = ("last_minute", "next_day", "first_minute", "before", "praise", "yokohama")
    made = insert_many(store, "voices", [
        voice("2025-09-30 23:59"), voice("2025-10-01 00:00"), voice("2025-04-01 00:00"), voice("2025-03-31 23:59"),
        voice("2025-05-05 10:00", "praise"), voice("2025-06-01 12:00", branch="YOK")])
    return dict(zip(names, made))


def test_voices_count_by_receipt_day_23_59_in_00_00_next_day_out(store, voices):
    assert value(store, "voices", period=H1) == MeasureValue(Decimal(4), 4, None)
    assert set(uids(store, "voices", period=H1)) == {voices[k] for k in ("last_minute", "first_minute", "praise",
                                                                           "yokohama")}
    assert value(store, "voices", period=H2).numerator == 1
    assert value(store, "voices", period=Period(2025, MONTH, 9)).numerator == 1
    assert value(store, "voices", period=Period(2024)).numerator == 1


def test_voices_by_kind_and_branch(store, voices):
    assert value(store, "voices", "praise").numerator == 1
    assert value(store, "voices", "dissatisfaction", period=H1).numerator == 3
    assert value(store, "voices", "request").value == Decimal(0)
    assert value(store, "voices", "dissatisfaction", H1, "YOK").numerator == 1
    assert uids(store, "voices", None, FY, "YOK") == [voices["yokohama"]]
    assert value(store, "voices", None, FY, "HQ").numerator == 4


def test_drill_rows_are_in_date_order_and_cut_at_the_limit(store, voices):
    rows = records(store.conn, "voices", None, FY, today=TODAY)
    assert [r.day for r in rows] == sorted(r.day for r in rows)
    assert rows[0] == KM.DrillRow("voice", voices["first_minute"], "2025-04-01", "dissatisfaction 2025-04-01 00:00",
                                  "不満・未対応")
    assert len(records(store.conn, "voices", None, FY, limit=2, today=TODAY)) == 2


# --- データなし vs 0 -----------------------------------------------------------------------------------

def test_a_count_is_0_once_its_period_has_begun_and_no_data_before(store):
    assert value(store, "voices", period=Period(2026), today=date(2026, 4, 1)) == MeasureValue(Decimal(0), 0, None)
    assert value(store, "voices", period=Period(2026), today=date(2026, 3, 31)) == MeasureValue(None, 0, None)
    assert records(store.conn, "voices", None, Period(2026), today=date(2026, 3, 31)) == []
    assert value(store, "meetings_held", period=Period(2026, QUARTER, 2), today=date(2026, 6, 30)).value is None


def test_a_share_or_nps_without_any_record_is_no_data_not_0(store, people):
    for code, param in (("nps", "claim"), ("satisfaction", "claim"), ("role_play_pass_rate", None),
                        ("face_to_face_share", None)):
        assert value(store, code, param) == MeasureValue(None, 0, 0), code
    assert value(store, "qualified_staff_share", branch="NONE") == MeasureValue(None, 0, 0)   # no staff there
    assert value(store, "qualified_staff_share").value == Decimal(0)   # staff, none qualified: a real 0


def test_a_missing_or_unknown_parameter_is_refused(store):
    with pytest.raises(ValidationFailed):
        value(store, "nps")
    with pytest.raises(ValidationFailed):
        value(store, "voices", "compliment")
    with pytest.raises(ValidationFailed):
        value(store, "improvements_done", "praise")
    with pytest.raises(ValidationFailed):
        value(store, "no_such_measure")
    assert value(store, "nps", "gone").value is None   # a survey type no longer there: データなし, not a crash


def test_every_catalogue_measure_is_computed_and_drilled(store, people):
    for m in M.MEASURES:
        param = {M.SURVEY_TYPE: "claim", M.VOICE_KIND: None, M.ELDERLY_MEASURE: None,
                 M.MEETING_KIND: None, None: None}[m.param]
        result = value(store, m.code, param)
        assert isinstance(result, MeasureValue)
        assert records(store.conn, m.code, param, FY, today=TODAY) == []


# --- improvements done ---------------------------------------------------------------------------------

def test_improvements_done_by_completion_day_done_only(store):
    base = {"title": "改善", "opened_on": "2025-04-01", "branch_code": "HQ"}
    done_in, done_after, dropped, yokohama = insert_many(store, "improvements", [
        dict(base, status="done", completed_on="2025-09-30"), dict(base, status="done", completed_on="2025-10-01"),
        dict(base, status="dropped", completed_on="2025-05-01"),
        dict(base, status="done", completed_on="2025-06-01", branch_code="YOK")])
    assert value(store, "improvements_done", period=H1).numerator == 2
    assert uids(store, "improvements_done", period=H1, branch="HQ") == [done_in]
    assert value(store, "improvements_done", period=H2).numerator == 1
    assert uids(store, "improvements_done", period=H1, branch="YOK") == [yokohama]


# --- follow-up omissions: the 集計 tab's own ----------------------------------------------------------

def test_followup_omissions_are_the_counts_tabs_voices_each_once(store, people):
    sato = people["佐藤"]
    late, on_time, late_and_reopened, next_half = insert_many(store, "voices", [
        voice("2025-05-01 10:00", due_date="2025-05-08", status="done", completed_on="2025-05-12",
              completed_by=sato),
        voice("2025-05-02 10:00", due_date="2025-05-09", status="done", completed_on="2025-05-09",
              completed_by=sato),
        voice("2025-06-01 10:00", due_date="2025-06-05", status="done", completed_on="2025-06-10",
              completed_by=sato),
        voice("2025-10-01 10:00", due_date="2025-10-02", status="done", completed_on="2025-10-20",
              completed_by=sato)])
    update(store, "voices", late_and_reopened, "2025-06-20 15:00", status="in_progress", reopen_count=1)
    update(store, "voices", late_and_reopened, "2025-06-21 15:00", status="done")
    insert_many(store, "cases", [{"branch_code": "HQ", "case_type": "address_change", "opened_on": "2025-08-01",
                                  "due_date": "2025-08-06", "title": "住所変更", "status": "done",
                                  "completed_on": "2025-08-20", "completed_by": sato}])
    tab = follow_up_omissions(store.conn, H1)
    assert tab.count(kind="voice") == 3 and tab.count(kind="case") == 1   # the 集計 tab: 3 reasons, 2 voices
    assert value(store, "followup_omissions", period=H1).numerator == 2 == len(
        {r.uid for r in tab.records if r.kind == "voice"})
    rows = records(store.conn, "followup_omissions", None, H1, today=TODAY)
    assert {r.uid for r in rows} == {late, late_and_reopened}
    both = next(r for r in rows if r.uid == late_and_reopened)
    assert "期限後の完了・見送り" in both.detail and "完了後の再開" in both.detail
    assert on_time not in uids(store, "followup_omissions") and next_half in uids(store, "followup_omissions")


# --- elderly sales, relative contacts, face-to-face share -------------------------------------------------

@pytest.fixture
def seed_004(store, people):
    """Seed 004's H1 FY2025 elderly sales by measure (111 life/non-life + 960 group) and relative contacts (70
    registered, 1 declined), one of each at Yokohama, and records just outside the half."""
    with store.write() as db:
        db.conn.execute("INSERT INTO elderly_rules (uid, rules_version, rules, effective_from, origin_branch, "
                        "created_at, updated_at) VALUES ('r1', 1, '{}', '2024-04-01', 'HQ', ?, ?)", (STAMP, STAMP))
    [customer] = insert_many(store, "customers", [{"name": "髙橋 𠮷子", "birth_date": "1945-05-05",
                                                   "branch_code": "HQ"}])
    plan = [("life", "relative_present", 7, 1), ("nonlife_auto", "relative_present", 5, 1),
            ("life", "second_agent", 12, 1), ("nonlife_fire", "second_agent", 8, 1),
            ("life", "multiple_meetings", 13, 1), ("life", "phone_check", 30, 0),
            ("nonlife_accident", "phone_check", 36, 0), ("group", "phone_check", 750, 0),
            ("group", "written_check", 210, 0)]
    rows = []
    for k, (line, measure, n, face) in enumerate(plan):
        for i in range(n):
            rows.append({"customer_id": customer, "sale_date": f"2025-{4 + (i + k) % 6:02d}-{1 + i % 28:02d}",
                         "product_line": line, "seller_id": people["佐藤"], "face_to_face": face, "measure": measure,
                         "rules_version": 1, "is_complete": 1, "branch_code": "YOK" if k == i == 0 else "HQ"})
    outside = [{"customer_id": customer, "sale_date": day, "product_line": "life", "seller_id": people["佐藤"],
                "face_to_face": 1, "measure": "relative_present", "rules_version": 1, "branch_code": "HQ"}
               for day in ("2025-03-31", "2025-10-01")]
    insert_many(store, "elderly_sales", rows + outside)
    contacts = ([("life", "registered", "meeting")] * 28 + [("nonlife_auto", "registered", "mail")] * 42
                + [("life", "declined", "meeting")])
    insert_many(store, "relative_contacts", [
        {"customer_id": customer, "product_line": line, "outcome": outcome, "obtained_by": how,
         "recorded_on": "2025-09-30" if i == 1 else f"2025-{4 + i % 6:02d}-15",
         "branch_code": "YOK" if i == 0 else "HQ"} for i, (line, outcome, how) in enumerate(contacts)]
        + [{"customer_id": customer, "product_line": "life", "outcome": "registered", "obtained_by": "mail",
            "recorded_on": "2025-10-01", "branch_code": "HQ"}])
    return store


def test_elderly_sales_by_measure_reproduce_seed_004(seed_004):
    by = {m: value(seed_004, "elderly_sales", m, H1).numerator for m in
          ("relative_present", "multiple_meetings", "second_agent", "phone_check", "written_check")}
    assert by == {"relative_present": 12, "multiple_meetings": 13, "second_agent": 20, "phone_check": 816,
                  "written_check": 210}
    assert value(seed_004, "elderly_sales", None, H1).numerator == 111 + 960
    assert value(seed_004, "elderly_sales", "relative_present", H1, "YOK").numerator == 1
    assert value(seed_004, "elderly_sales", "relative_present", FY).numerator == 13   # + 2025-10-01
    rows = records(seed_004.conn, "elderly_sales", "relative_present", H1, today=TODAY)
    assert len(rows) == 12 and {r.kind for r in rows} == {"sale"} and rows[0].detail.startswith("親族同席")


def test_face_to_face_share_of_elderly_sales(seed_004):
    face = 12 + 20 + 13
    result = value(seed_004, "face_to_face_share", period=H1)
    assert (result.numerator, result.denominator) == (face, 1071)
    assert result.value == Decimal(face) * 100 / 1071   # exact, not rounded: the report rounds (R28)
    assert len(records(seed_004.conn, "face_to_face_share", None, H1, today=TODAY)) == face


def test_relative_contacts_registered_and_declined_reproduce_seed_004(seed_004):
    assert value(seed_004, "relative_contacts_registered", period=H1).numerator == 70
    assert value(seed_004, "relative_contacts_declined", period=H1).numerator == 1
    assert value(seed_004, "relative_contacts_registered", period=H1, branch="YOK").numerator == 1
    assert value(seed_004, "relative_contacts_registered", period=H2).numerator == 1
    assert value(seed_004, "relative_contacts_registered", period=Period(2025, MONTH, 9)).numerator == 12  # 11 + 09-30
    rows = records(seed_004.conn, "relative_contacts_declined", None, H1, today=TODAY)
    assert [(r.kind, r.day) for r in rows] == [("customer", "2025-08-15")]


# --- survey answers ------------------------------------------------------------------------------------

def answer(day: str, kind: str = "claim", score: int | None = None, grade: int | None = None,
           branch: str = "HQ") -> dict:
    return {"answered_on": day, "survey_type": kind, "recommendation": score, "satisfaction_grade": grade,
            "branch_code": branch}


def test_nps_from_exact_counts_on_the_answers_with_a_score(store):
    # 8 answers: 3 promoters, 2 passives, 3 detractors → NPS 0; one comment-only answer counts in neither
    scores = [10, 9, 9, 8, 7, 6, 0, 3]
    insert_many(store, "survey_answers", [answer("2025-06-01", score=s) for s in scores]
                + [answer("2025-06-02", grade=1), answer("2026-04-01", score=0)])
    assert value(store, "nps", "claim") == MeasureValue(Decimal(0), 0, 8)
    insert_many(store, "survey_answers", [answer("2026-03-31", score=10)])   # the year's last day: in
    result = value(store, "nps", "claim")
    assert (result.numerator, result.denominator) == (1, 9)
    assert result.value == Decimal(100) / 9                                   # 11.11…, not 11.1
    assert len(records(store.conn, "nps", "claim", FY, today=TODAY)) == 7    # promoters and detractors
    assert KM.listed_count(store.conn, "nps", "claim", FY, today=TODAY) == 7   # what the drill-down says it lists
    assert KM.listed_count(store.conn, "nps", "contact", FY, today=TODAY) == 0
    assert KM.listed_count(store.conn, "survey_answers", None, FY, today=TODAY) == 10
    assert value(store, "survey_answers", "claim").numerator == 10
    assert value(store, "survey_answers").numerator == 10
    assert value(store, "survey_answers", "renewal").value == Decimal(0)


def test_nps_of_a_type_that_does_not_ask_the_score_is_no_data(store):
    insert_many(store, "survey_answers", [answer("2025-06-01", "contact", grade=1)])
    assert value(store, "nps", "contact").value is None
    assert value(store, "satisfaction", "contact").value == Decimal(100)


def test_satisfaction_is_the_top_k_of_n_from_survey_types(store):
    # 事故対応: top 3 of 6; 満期前: top 2 of 5 (seed 000)
    insert_many(store, "survey_answers", [answer("2025-07-01", "claim", grade=g) for g in (1, 2, 3, 4, 6)]
                + [answer("2025-07-01", "renewal", grade=g) for g in (1, 2, 3, 3)]
                + [answer("2025-07-01", "claim", grade=1, branch="YOK")])
    assert value(store, "satisfaction", "claim", branch="HQ") == MeasureValue(Decimal(60), 3, 5)
    assert value(store, "satisfaction", "renewal") == MeasureValue(Decimal(50), 2, 4)
    assert value(store, "satisfaction", "claim", branch="YOK") == MeasureValue(Decimal(100), 1, 1)
    with store.write() as db:
        db.conn.execute("UPDATE survey_types SET top_k = 4 WHERE code = 'claim'")
    assert value(store, "satisfaction", "claim", branch="HQ").numerator == 4
    assert len(records(store.conn, "satisfaction", "claim", FY, "HQ", today=TODAY)) == 4


# --- meetings, role-plays ------------------------------------------------------------------------------

def test_meetings_held_by_kind_day_and_branch(store):
    base = {"theme": "テーマ", "branch_code": "HQ"}
    insert_many(store, "trainings", [
        dict(base, held_on="2025-04-01", kind="compliance"), dict(base, held_on="2026-03-31", kind="quality"),
        dict(base, held_on="2026-04-01", kind="quality"), dict(base, held_on="2025-08-01", kind="study",
                                                             branch_code="YOK")])
    assert value(store, "meetings_held").numerator == 3
    assert value(store, "meetings_held", "quality").numerator == 1
    assert value(store, "meetings_held", "study", branch="HQ").numerator == 0
    assert [r.detail for r in records(store.conn, "meetings_held", None, FY, "YOK", today=TODAY)] == ["勉強会"]


def roleplay(store, held_on: str, results: list[tuple[str, int, str]], branch: str = "HQ") -> str:
    [training] = insert_many(store, "trainings", [{"held_on": held_on, "kind": "roleplay", "theme": "重要事項説明",
                                                  "pass_mark": 80, "branch_code": branch}])
    insert_many(store, "training_participants", [{"training_id": training, "staff_id": s}
                                                 for s in dict.fromkeys(s for s, _, _ in results)])
    insert_many(store, "roleplay_results", [{"training_id": training, "staff_id": s, "attempt": a, "outcome": o}
                                            for s, a, o in results])
    return training


def test_roleplay_seed_004_26_took_part_2_retests_all_passed(store):
    masters = MasterData(store)
    staff = [masters.save_staff(name=f"職員{i:02d}", branch_code="HQ") for i in range(26)]
    results = [(s, 1, "passed") for s in staff[2:]]
    results += [(staff[0], 1, "retest"), (staff[0], 2, "passed"), (staff[1], 1, "retest"), (staff[1], 2, "passed")]
    roleplay(store, "2025-07-10", results)
    assert value(store, "role_play_participants", period=H1).numerator == 26
    assert value(store, "role_play_pass_rate", period=H1) == MeasureValue(Decimal(100), 26, 26)
    rows = records(store.conn, "role_play_pass_rate", None, H1, today=TODAY)
    assert len(rows) == 26 and sum(r.detail == "合格（再テストあり）" for r in rows) == 2


def test_a_retest_passed_at_a_later_roleplay_counts_as_passed(store, people):
    sato, suzuki, takahashi = people["佐藤"], people["鈴木"], people["高橋"]
    first = roleplay(store, "2025-06-01", [(sato, 1, "retest"), (suzuki, 1, "passed"), (takahashi, 1, "retest")],
                     branch="HQ")
    # 鈴木 passed already: a later role-play's 再テスト does not undo it (domain roleplay_figures)
    later = roleplay(store, "2025-06-15", [(sato, 2, "passed"), (suzuki, 1, "retest")])
    roleplay(store, "2025-10-01", [(takahashi, 2, "passed")])   # the next half
    result = value(store, "role_play_pass_rate", period=H1)
    assert (result.numerator, result.denominator) == (2, 3)
    assert result.value == Decimal(200) / 3
    passed = {r.label: r for r in records(store.conn, "role_play_pass_rate", None, H1, today=TODAY)}
    assert set(passed) == {"佐藤", "鈴木"} and passed["佐藤"].uid == later and passed["鈴木"].uid == first
    assert passed["鈴木"].detail == "合格（再テストあり）"
    assert value(store, "role_play_pass_rate", period=FY).value == Decimal(100)
    # the staff member's branch, not the role-play's: 高橋 is at Yokohama
    assert value(store, "role_play_participants", period=H1, branch="YOK").numerator == 1
    assert value(store, "role_play_pass_rate", period=H1, branch="YOK") == MeasureValue(Decimal(0), 0, 1)
    assert value(store, "role_play_participants", period=H1, branch="HQ").numerator == 2


# --- qualifications ------------------------------------------------------------------------------------

def qualification(staff: str, obtained: str, expires: str | None = None, name: str = "損保一般試験") -> dict:
    return {"staff_id": staff, "name": name, "obtained_on": obtained, "expires_on": expires}


def test_qualified_staff_at_the_period_end_a_lapse_on_that_day_still_counts(store, people):
    insert_many(store, "qualifications", [
        qualification(people["佐藤"], "2020-04-01", "2025-09-30"),     # lapses on H1's last day: counts for H1
        qualification(people["鈴木"], "2025-09-30"),                   # obtained on the last day: counts
        qualification(people["高橋"], "2025-10-01"),                   # the next day: not for H1
        qualification(people["田中"], "2019-04-01", "2025-09-29"),     # lapsed the day before
        qualification(people["退職者"], "2019-04-01")])                 # has left: never counts
    assert value(store, "qualified_staff", period=H1) == MeasureValue(Decimal(2), 2, None)
    assert value(store, "qualified_staff_share", period=H1) == MeasureValue(Decimal(50), 2, 4)
    assert value(store, "qualified_staff", period=H2).numerator == 2      # 鈴木, 高橋
    assert value(store, "qualified_staff_share", period=H1, branch="YOK") == MeasureValue(Decimal(0), 0, 2)
    rows = records(store.conn, "qualified_staff", None, H1, today=TODAY)
    assert [(r.kind, r.label) for r in rows] == [("qualification", "佐藤"), ("qualification", "鈴木")]
    assert rows[0].detail == "損保一般試験（有効期限 2025-09-30）"


def test_qualified_staff_while_the_period_runs_are_counted_today(store, people):
    insert_many(store, "qualifications", [qualification(people["佐藤"], "2020-04-01", "2025-11-30"),
                                          qualification(people["鈴木"], "2020-04-01", "2025-11-19")])
    running = value(store, "qualified_staff", period=H2, today=date(2025, 11, 20))
    assert running.numerator == 1   # 佐藤 holds one today; 鈴木's lapsed yesterday
    assert value(store, "qualified_staff", period=H2).numerator == 0   # at the half's end neither does


def test_qualified_staff_are_those_on_the_staff_on_the_counting_day_not_today(store, people):
    """Someone who left after the period still counted in it; someone who left during it did not (the history of
    staff.active says when): FY2025 reads 33.3% (佐藤 of 3), not 0.0% once 佐藤 leaves in FY2026."""
    from datetime import datetime
    insert_many(store, "qualifications", [qualification(people["佐藤"], "2020-04-01"),
                                          qualification(people["鈴木"], "2020-04-01")])
    masters = MasterData(store)
    masters.save_staff(uid=people["佐藤"], name="佐藤", branch_code="HQ", active=False, now=datetime(2026, 6, 15, 17, 0))
    masters.save_staff(uid=people["鈴木"], name="鈴木", branch_code="HQ", active=False, now=datetime(2025, 12, 1, 17, 0))
    assert value(store, "qualified_staff_share", period=FY) == MeasureValue(Decimal(100) / 3, 1, 3)  # 佐藤 of 3
    assert value(store, "qualified_staff_share", period=H1) == MeasureValue(Decimal(50), 2, 4)        # both, of 4
    assert [r.label for r in records(store.conn, "qualified_staff", None, FY, today=TODAY)] == ["佐藤"]
    assert value(store, "qualified_staff_share", period=Period(2026), today=date(2026, 7, 1)).numerator == 0


def test_a_staff_members_several_qualifications_count_them_once(store, people):
    insert_many(store, "qualifications", [qualification(people["佐藤"], "2020-04-01", name="生保一般"),
                                          qualification(people["佐藤"], "2021-04-01", name="損保一般")])
    assert value(store, "qualified_staff").numerator == 1
    assert [r.detail for r in records(store.conn, "qualified_staff", None, FY, today=TODAY)] == ["生保一般（期限なし）"]


# --- all at once ----------------------------------------------------------------------------------------

def test_compute_all_answers_each_request_from_one_read(store, voices):
    requests = [("voices", None, H1), ("voices", "praise", FY, None), ("improvements_done", None, FY, "HQ")]
    found = compute_all(store.conn, requests, today=TODAY)
    assert found[KM.Request("voices", None, H1)].numerator == 4
    assert found[KM.Request("voices", "praise", FY)].numerator == 1
    assert found[KM.Request("improvements_done", None, FY, "HQ")].value == Decimal(0)
    assert not store.conn.in_transaction


# --- speed: index ranges, never a whole table of records --------------------------------------------------

SMALL_TABLES = ("staff", "survey_types", "s")   # tens of rows: read whole on purpose


@pytest.mark.parametrize("branch", [None, "HQ"])
def test_no_measure_scans_a_table_of_records(store, branch):
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        for m in M.MEASURES:
            param = {M.SURVEY_TYPE: "claim", M.VOICE_KIND: "praise", M.ELDERLY_MEASURE: "phone_check",
                     M.MEETING_KIND: "study", None: None}[m.param]
            for p in {param, None if not m.param_required else param}:
                compute(store.conn, m.code, p, H1, branch, today=TODAY)
                records(store.conn, m.code, p, H1, branch, today=TODAY)
    finally:
        store.conn.set_trace_callback(None)
    scans = {(sql[:80], row[3]) for sql in statements if sql.lstrip().startswith("SELECT")
             for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql)
             if row[3].startswith("SCAN") and row[3].split()[1] not in SMALL_TABLES}
    assert not scans
    improvements = [row[3] for sql in statements if "FROM improvements" in sql
                    for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql)]
    assert all("improvements_completed" in plan for plan in improvements if plan.startswith("SEARCH"))
