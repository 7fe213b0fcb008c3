"""Meetings and trainings (R26): their checks, role-play pass / re-test figures (seed 004), qualifications."""

from datetime import date
from decimal import Decimal

import pytest

from agency_app.domain import errors as E
from agency_app.domain import trainings as T
from agency_app.domain.errors import ValidationFailed

TODAY = date(2025, 9, 30)
STAFF = [f"s{i:02d}" for i in range(1, 27)]   # seed 004: 26 staff took part


def failures(call, *args, **kw) -> set[tuple[str, str]]:
    with pytest.raises(ValidationFailed) as failed:
        call(*args, **kw)
    return {(e.field, e.code) for e in failed.value.errors}


def roleplay(**kw) -> dict:
    entry = T.TrainingInput(**{"held_on": "R7.7.10", "kind": T.KIND_ROLEPLAY, "theme": "公的介護保険制度",
                               "participants": STAFF, **kw})
    return T.validate_training(entry, TODAY, STAFF)


def test_a_training_becomes_its_columns_each_participant_once():
    out = roleplay(participants=["s02", "s01", "s02", " "])
    assert out == {"held_on": "2025-07-10", "kind": "roleplay", "theme": "公的介護保険制度", "participants": ("s02", "s01")}
    assert set(T.KIND_LABELS.values()) == {"コンプライアンス会議", "品質向上会議", "勉強会", "ロールプレイング"}


def test_a_training_needs_date_kind_theme_and_someone():
    entry = T.TrainingInput(held_on="", kind="", theme=" ", participants=[])
    assert failures(T.validate_training, entry, TODAY) == {
        ("held_on", E.REQUIRED), ("kind", E.REQUIRED), ("theme", E.REQUIRED), ("participants", T.NO_PARTICIPANTS)}


def test_a_training_ahead_or_with_unknown_staff_is_refused_today_is_not():
    entry = T.TrainingInput(held_on="2025/10/01", kind="study", theme="新商品", participants=["s01", "x9"])
    assert failures(T.validate_training, entry, TODAY, STAFF) == {
        ("held_on", T.HELD_IN_FUTURE), ("participants", T.UNKNOWN_STAFF)}
    T.validate_training(T.TrainingInput("2025/09/30", "study", "新商品", ["s01"]), TODAY, STAFF)


def test_held_count_by_kind_and_period():
    held = [{"held_on": "2025-04-01", "kind": "compliance"}, {"held_on": "2025-09-30", "kind": "quality"},
            {"held_on": "2025-10-01", "kind": "quality"}, {"held_on": "2025-06-01", "kind": "roleplay"}]
    assert T.held_count(held, start=date(2025, 4, 1), end=date(2025, 9, 30)) == 3
    assert T.held_count(held, kinds={"quality"}) == 2


def result(staff, outcome, attempt=1, score=""):
    return T.RolePlayResultInput(staff_id=staff, score=score, outcome=outcome, attempt=attempt)


def seed_004_results(training):
    """26 took part; 24 passed at once; s25 and s26 had a 追試 and passed it."""
    out = [T.validate_roleplay_result(result(s, T.PASSED, score="100"), training) for s in STAFF[:24]]
    for s in STAFF[24:]:
        out.append(T.validate_roleplay_result(result(s, T.RETEST, 1, "70"), training))
        out.append(T.validate_roleplay_result(result(s, T.PASSED, 2, "９５"), training))
    return out


def test_seed_004_26_took_part_2_retests_all_passed():
    training = roleplay()
    figures = T.roleplay_figures([training], seed_004_results(training))
    assert figures == T.RolePlayFigures(invited=26, took_part=26, passed_first=24, retested=2, passed=26,
                                        pass_rate=Decimal("100.0"), first_pass_rate=Decimal("92.3"))


def test_a_retest_not_yet_passed_is_not_passed_and_a_pass_is_never_undone():
    training = roleplay(participants=["s01", "s02"])
    results = [T.validate_roleplay_result(result("s01", T.RETEST), training),
               T.validate_roleplay_result(result("s02", T.PASSED), training),
               T.validate_roleplay_result(result("s02", T.RETEST, 2), training)]
    figures = T.roleplay_figures([training], results)
    assert (figures.passed, figures.retested, figures.pass_rate) == (1, 2, Decimal("50.0"))


def test_no_results_are_no_data():
    assert T.roleplay_figures([roleplay()], []).pass_rate is None


def test_the_pass_mark_decides_an_empty_outcome_and_refuses_a_contradiction():
    training = roleplay()
    assert T.validate_roleplay_result(result("s01", "", score="80"), training, pass_mark=80)["outcome"] == T.PASSED
    assert T.validate_roleplay_result(result("s01", "", score="79"), training, pass_mark=80)["outcome"] == T.RETEST
    assert failures(T.validate_roleplay_result, result("s01", T.PASSED, score="79"), training, pass_mark=80) == {
        ("outcome", T.OUTCOME_CONTRADICTS_SCORE)}
    assert T.outcome_for(80, 80) == T.PASSED


@pytest.mark.parametrize("score", ["101", "-1", "8.5", "abc"])
def test_a_score_outside_0_to_100_is_refused(score):
    assert failures(T.validate_roleplay_result, result("s01", T.PASSED, score=score), roleplay()) == {
        ("score", T.BAD_SCORE)}


def test_a_result_must_belong_to_a_participant_of_a_roleplay():
    meeting = roleplay(kind=T.KIND_STUDY, participants=["s01"])
    assert failures(T.validate_roleplay_result, result("s02", "", attempt=0), meeting) == {
        ("kind", T.NOT_A_ROLEPLAY), ("staff_id", T.NOT_A_PARTICIPANT), ("attempt", T.BAD_ATTEMPT),
        ("outcome", E.REQUIRED)}


def test_participation_share_counts_each_staff_member_once():
    meetings = [roleplay(participants=STAFF[:13]), roleplay(participants=STAFF[10:20], kind="study")]
    assert T.participation_share(meetings, STAFF) == (20, Decimal("76.9"))
    assert T.participation_share(meetings, STAFF, kinds={"roleplay"}) == (13, Decimal("50.0"))
    assert T.participation_share(meetings, []) == (0, None)


def qualification(**kw):
    return T.QualificationInput(**{"staff_id": "s01", "name": "公的保険アドバイザー", "obtained_on": "2025/6/1", **kw})


def test_a_qualification_becomes_its_columns():
    assert T.validate_qualification(qualification(expires_on="R10.5.31"), TODAY, STAFF) == {
        "staff_id": "s01", "name": "公的保険アドバイザー", "obtained_on": "2025-06-01", "expires_on": "2028-05-31"}
    assert T.validate_qualification(qualification(), TODAY)["expires_on"] is None


def test_a_qualification_checks_its_dates_and_holder():
    assert failures(T.validate_qualification, qualification(obtained_on="2025/10/1", expires_on="2025/9/30"),
                    TODAY) == {("obtained_on", T.OBTAINED_IN_FUTURE), ("expires_on", T.EXPIRES_BEFORE_OBTAINED)}
    assert failures(T.validate_qualification, qualification(staff_id="zz", name=""), TODAY, STAFF) == {
        ("staff_id", T.UNKNOWN_STAFF), ("name", E.REQUIRED)}
    T.validate_qualification(qualification(obtained_on="2025/9/30", expires_on="2025/9/30"), TODAY)


def test_staff_holding_a_valid_qualification_on_a_day():
    held = [{"staff_id": "s01", "obtained_on": "2025-06-01", "expires_on": None},
            {"staff_id": "s02", "obtained_on": "2020-04-01", "expires_on": "2025-03-31"},
            {"staff_id": "s03", "obtained_on": "2025-04-01", "expires_on": "2026-03-31"},
            {"staff_id": "s03", "obtained_on": "2024-04-01", "expires_on": None},
            {"staff_id": "gone", "obtained_on": "2024-04-01", "expires_on": None}]
    assert T.staff_holding_qualification(held, date(2025, 3, 31), STAFF) == {"s02", "s03"}   # expiry day counts
    assert T.staff_holding_qualification(held, date(2025, 4, 1), STAFF) == {"s03"}
    assert T.staff_holding_qualification(held, date(2025, 6, 1)) == {"s01", "s03", "gone"}   # obtained that day
