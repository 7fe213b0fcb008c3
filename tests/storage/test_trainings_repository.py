"""Meetings, role-play results and qualifications in storage: participants and results audited, refusals clear (R26)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from agency_app.domain import trainings as T
from agency_app.domain.errors import ValidationFailed
from agency_app.storage import trainings as S
from agency_app.storage.masters import MasterData
from agency_app.storage.records import EditConflict
from agency_app.storage.services import Services

NOW = datetime(2025, 10, 15, 10, 0)


@pytest.fixture
def repo(store):
    return Services(store).trainings


def codes(failed: ValidationFailed) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in failed.errors}


def roleplay(repo, staff, people=("sato", "suzuki"), pass_mark=70, held="2025/9/10") -> str:
    return repo.create(T.TrainingInput(held, T.KIND_ROLEPLAY, "保険金請求の説明", [staff[p] for p in people]),
                       staff["manager"], NOW, pass_mark=pass_mark)


def test_a_meeting_is_kept_with_its_participants_and_listed_newest_first(repo, staff):
    first = repo.create(T.TrainingInput("2025/6/3", T.KIND_COMPLIANCE, "個人情報", [staff["sato"]]), staff["sato"], NOW)
    second = repo.create(T.TrainingInput("2025/9/1", T.KIND_STUDY, "新商品", [staff["sato"], staff["suzuki"]]),
                         staff["sato"], NOW, pass_mark=80)
    got = repo.get(second)
    assert (got["held_on"], got["kind"], got["theme"]) == ("2025-09-01", "study", "新商品")
    assert got["pass_mark"] is None  # a pass mark belongs to a ロールプレイング only
    assert set(got["participants"]) == {staff["sato"], staff["suzuki"]}
    assert [t["uid"] for t in repo.list(date(2025, 4, 1), date(2026, 3, 31))] == [second, first]
    assert [t["uid"] for t in repo.list(date(2025, 7, 1), date(2026, 3, 31))] == [second]
    assert [t["uid"] for t in repo.list(kind=T.KIND_COMPLIANCE)] == [first]
    assert repo.list(kind=T.KIND_STUDY)[0]["people"] == 2


def test_an_unknown_participant_or_a_future_day_is_refused(repo, staff):
    with pytest.raises(ValidationFailed) as failed:
        repo.create(T.TrainingInput("2025/12/1", T.KIND_QUALITY, "品質", ["nobody"]), staff["sato"], NOW)
    assert codes(failed.value) == {("held_on", T.HELD_IN_FUTURE), ("participants", T.UNKNOWN_STAFF)}
    assert repo.list() == []


def test_pass_mark_typed_in_full_width_is_read_and_out_of_range_refused(repo, staff):
    uid = roleplay(repo, staff, pass_mark="７０点")
    assert repo.get(uid)["pass_mark"] == 70
    with pytest.raises(ValidationFailed) as failed:
        roleplay(repo, staff, pass_mark="101")
    assert codes(failed.value) == {("pass_mark", S.BAD_PASS_MARK)}


def test_participants_added_and_removed_are_each_in_the_history(repo, staff):
    uid = repo.create(T.TrainingInput("2025/6/3", T.KIND_QUALITY, "品質", [staff["sato"]]), staff["sato"], NOW)
    version = repo.get(uid)["version"]
    repo.update(uid, T.TrainingInput("2025/6/3", T.KIND_QUALITY, "品質向上", [staff["suzuki"]]), staff["manager"],
                version, now=NOW)
    assert repo.get(uid)["participants"] == [staff["suzuki"]]
    rows = [(e.field, e.old_value, e.new_value) for e in repo.history(uid)]
    assert ("participants", staff["sato"], None) in rows
    assert ("participants", None, staff["suzuki"]) in rows
    assert ("theme", "品質", "品質向上") in rows
    with pytest.raises(EditConflict):  # the form was opened before that save
        repo.update(uid, T.TrainingInput("2025/6/3", T.KIND_QUALITY, "x", [staff["sato"]]), staff["sato"], version,
                    now=NOW)


def test_someone_with_a_result_cannot_be_taken_off_the_list(repo, staff):
    uid = roleplay(repo, staff)
    repo.set_result(uid, T.RolePlayResultInput(staff["sato"], "80"), staff["manager"], NOW)
    with pytest.raises(ValidationFailed) as failed:
        repo.update(uid, T.TrainingInput("2025/9/10", T.KIND_ROLEPLAY, "x", [staff["suzuki"]]), staff["manager"],
                    now=NOW)
    assert codes(failed.value) == {("participants", S.HAS_RESULTS)}
    assert set(repo.get(uid)["participants"]) == {staff["sato"], staff["suzuki"]}
    with pytest.raises(ValidationFailed) as failed:
        repo.update(uid, T.TrainingInput("2025/9/10", T.KIND_STUDY, "x", [staff["sato"]]), staff["manager"], now=NOW)
    assert ("kind", S.KIND_HAS_RESULTS) in codes(failed.value)
    with pytest.raises(ValidationFailed) as failed:  # 80 would no longer pass
        repo.update(uid, T.TrainingInput("2025/9/10", T.KIND_ROLEPLAY, "x", [staff["sato"], staff["suzuki"]]),
                    staff["manager"], pass_mark=81, now=NOW)
    assert codes(failed.value) == {("pass_mark", S.PASS_MARK_CONTRADICTS)}
    repo.update(uid, T.TrainingInput("2025/9/10", T.KIND_ROLEPLAY, "x", [staff["sato"], staff["suzuki"]]),
                staff["manager"], pass_mark=80, now=NOW)
    assert repo.get(uid)["pass_mark"] == 80


def test_a_retest_is_the_next_attempt_and_follows_only_a_retest(repo, staff):
    uid = roleplay(repo, staff)
    repo.set_result(uid, T.RolePlayResultInput(staff["sato"], "60"), staff["manager"], NOW)
    assert repo.results_of(uid)[0]["outcome"] == T.RETEST  # from the score and the pass mark
    with pytest.raises(ValidationFailed) as failed:
        repo.set_result(uid, T.RolePlayResultInput(staff["sato"], "75", attempt=3), staff["manager"], NOW)
    assert codes(failed.value) == {("attempt", S.ATTEMPT_GAP)}
    repo.set_result(uid, T.RolePlayResultInput(staff["sato"], "75", attempt=2), staff["manager"], NOW)
    assert [(r["attempt"], r["outcome"]) for r in repo.results_of(uid)] == [(1, T.RETEST), (2, T.PASSED)]
    with pytest.raises(ValidationFailed) as failed:
        repo.set_result(uid, T.RolePlayResultInput(staff["sato"], "90", attempt=3), staff["manager"], NOW)
    assert codes(failed.value) == {("attempt", S.RETEST_AFTER_PASS)}
    with pytest.raises(ValidationFailed) as failed:  # taking back attempt 1 would leave a re-test alone
        repo.remove_result(uid, staff["sato"], 1, staff["manager"], NOW)
    assert codes(failed.value) == {("attempt", S.NOT_LAST_ATTEMPT)}
    assert repo.remove_result(uid, staff["sato"], 2, staff["manager"], NOW)
    assert [r["attempt"] for r in repo.results_of(uid)] == [1]


def test_an_attempt_entered_again_is_an_audited_edit(repo, staff):
    uid = roleplay(repo, staff)
    repo.set_result(uid, T.RolePlayResultInput(staff["sato"], "60"), staff["manager"], NOW)
    repo.set_result(uid, T.RolePlayResultInput(staff["sato"], "72"), staff["manager"], NOW)
    assert [(r["score"], r["outcome"]) for r in repo.results_of(uid)] == [(72, T.PASSED)]
    rows = [(e.field, e.old_value, e.new_value) for e in repo.history(uid)]
    assert (f"result:{staff['sato']}:1", None, "再テスト (60)") in rows
    assert (f"result:{staff['sato']}:1:score", "60", "72") in rows


def test_deleting_a_meeting_removes_its_participants_and_results_with_history(repo, staff, store):
    uid = roleplay(repo, staff)
    repo.set_result(uid, T.RolePlayResultInput(staff["sato"], "80"), staff["manager"], NOW)
    repo.delete(uid, staff["manager"], NOW)
    assert repo.list() == []
    for table in ("trainings", "training_participants", "roleplay_results"):
        assert store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
    deleted = store.conn.execute(
        "SELECT entity, COUNT(*) FROM audit_log WHERE field = '*deleted' GROUP BY entity").fetchall()
    assert dict(deleted) == {"trainings": 1, "training_participants": 2, "roleplay_results": 1}
    history = repo.history(uid)
    assert ("participants", staff["suzuki"], None) in [(e.field, e.old_value, e.new_value) for e in history]


def test_seed_004_figures_26_took_part_2_retests_26_passed(repo, store):
    masters = MasterData(store)
    people = [masters.save_staff(name=f"社員{i:02d}", kana=f"しゃいん{i:02d}", branch_code="HQ") for i in range(26)]
    boss = people[0]
    uid = repo.create(T.TrainingInput("2025/8/20", T.KIND_ROLEPLAY, "重要事項説明", people), boss, NOW, pass_mark=80)
    for i, person in enumerate(people):
        first = "70" if i >= 24 else "90"
        repo.set_result(uid, T.RolePlayResultInput(person, first), boss, NOW)
        if i >= 24:
            repo.set_result(uid, T.RolePlayResultInput(person, "85", attempt=2), boss, NOW)
    repo.create(T.TrainingInput("2025/8/1", T.KIND_COMPLIANCE, "法令", people[:3]), boss, NOW)
    by_kind, figures = repo.figures(date(2025, 4, 1), date(2026, 3, 31))
    assert by_kind == {"compliance": 1, "quality": 0, "study": 0, "roleplay": 1}
    assert (figures.took_part, figures.passed_first, figures.retested, figures.passed) == (26, 24, 2, 26)
    assert repo.list(kind=T.KIND_ROLEPLAY)[0]["passed"] == 26


def test_qualifications_are_kept_edited_removed_and_counted_when_valid(repo, staff, store):
    sato = repo.add_qualification(T.QualificationInput(staff["sato"], "損保大学課程", "2024/4/1", "2025/3/31"),
                                  staff["manager"], NOW)
    repo.add_qualification(T.QualificationInput(staff["suzuki"], "生保専門", "2023/5/1", ""), staff["manager"], NOW)
    assert [q["name"] for q in repo.qualifications(staff["sato"])] == ["損保大学課程"]
    assert repo.holders_on(date(2025, 3, 31)) == {staff["sato"], staff["suzuki"]}  # the lapse day still counts
    assert repo.holders_on(date(2025, 4, 1)) == {staff["suzuki"]}
    version = repo.qualification(sato)["version"]
    repo.update_qualification(sato, T.QualificationInput(staff["sato"], "損保大学課程", "2024/4/1", "2030/3/31"),
                              staff["manager"], version, NOW)
    assert repo.holders_on(date(2025, 4, 1)) == {staff["sato"], staff["suzuki"]}
    with pytest.raises(ValidationFailed) as failed:
        repo.add_qualification(T.QualificationInput(staff["sato"], "x", "2025/5/1", "2025/4/1"), staff["sato"], NOW)
    assert codes(failed.value) == {("expires_on", T.EXPIRES_BEFORE_OBTAINED)}
    repo.delete_qualification(sato, staff["manager"], NOW)
    assert [e.field for e in repo.qualification_history(sato)] == ["*created", "expires_on", "*deleted"]
    MasterData(store).save_staff(uid=staff["suzuki"], name="鈴木 次郎", kana="すずき じろう", active=False)
    assert repo.holders_on(date(2025, 4, 1)) == set()  # someone who has left is not counted


def test_a_stale_form_does_not_silently_undo_participants_or_results_saved_meanwhile(repo, staff):
    """Two managers open the same role-play; one adds a participant or enters a score and saves; the other's
    save from the older form is a conflict, not a silent undo of that change."""
    uid = roleplay(repo, staff, people=("sato",))
    seen = repo.get(uid)["version"]
    repo.update(uid, T.TrainingInput("2025/9/10", T.KIND_ROLEPLAY, "保険金請求の説明", [staff["sato"], staff["suzuki"]]),
                staff["manager"], seen, now=NOW)
    with pytest.raises(EditConflict):   # the older form still lists sato alone
        repo.update(uid, T.TrainingInput("2025/9/10", T.KIND_ROLEPLAY, "保険金請求の説明", [staff["sato"]]),
                    staff["sato"], seen, now=NOW)
    assert set(repo.get(uid)["participants"]) == {staff["sato"], staff["suzuki"]}
    seen = repo.get(uid)["version"]
    repo.set_result(uid, T.RolePlayResultInput(staff["suzuki"], "90"), staff["manager"], NOW)
    with pytest.raises(EditConflict):   # a form opened before the score was entered
        repo.update(uid, T.TrainingInput("2025/9/10", T.KIND_ROLEPLAY, "保険金請求の説明", [staff["sato"], staff["suzuki"]]),
                    staff["sato"], seen, now=NOW, pass_mark="95")
