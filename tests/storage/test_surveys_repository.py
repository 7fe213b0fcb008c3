"""Survey answers in storage (R25): types from the table, answers checked and audited, a comment made a voice in one step."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from agency_app.domain import codes
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.surveys import SurveyAnswerInput, SurveyType
from agency_app.storage import surveys as surveys_module
from agency_app.storage.records import EditConflict, history
from agency_app.storage.surveys import HAS_VOICE, NO_COMMENT, NotManager, SurveyRepository, voice_kind
from agency_app.storage.voices import VoiceRepository

NOW = datetime(2025, 11, 20, 10, 0)
FY = (date(2025, 4, 1), date(2026, 3, 31))


@pytest.fixture
def repo(store):
    return SurveyRepository(store)


def answer(**typed) -> SurveyAnswerInput:
    return SurveyAnswerInput(**{"answered_on": "R7.11.4", "survey_type": "claim", **typed})


def test_types_come_from_the_table_with_their_scales(repo):
    types = {t.code: t for t in repo.types()}
    assert list(types) == ["contract", "contact", "claim", "renewal"]
    assert (types["claim"].scale_n, types["claim"].top_k) == (6, 3)
    assert types["renewal"].label(2) == "ややそう思う"
    assert types["contact"].asks_recommendation is False


def test_an_answer_is_checked_against_the_stored_types(repo, staff):
    uid = repo.create(answer(recommendation="９", satisfaction_grade="まあ満足", comment="丁寧でした"),
                      by=staff["sato"], now=NOW)
    row = repo.get(uid)
    assert (row["answered_on"], row["recommendation"], row["satisfaction_grade"]) == ("2025-11-04", 9, 3)
    assert row["branch_code"] == "HQ"
    with pytest.raises(ValidationFailed) as refused:
        repo.create(answer(recommendation="11"), by=staff["sato"], now=NOW)
    assert refused.value.errors[0].field == "recommendation"
    with pytest.raises(ValidationFailed):  # 事故対応 has six grades
        repo.create(answer(satisfaction_grade="7"), by=staff["sato"], now=NOW)


def test_a_retired_type_takes_no_new_answers_but_its_answers_stay_editable(repo, staff):
    uid = repo.create(answer(satisfaction_grade="1"), by=staff["sato"], now=NOW)
    repo.save_type(repo.type_of("claim"), active=False, by=staff["manager"], now=NOW)
    assert "claim" not in {t.code for t in repo.types()}
    with pytest.raises(ValidationFailed):
        repo.create(answer(satisfaction_grade="1"), by=staff["sato"], now=NOW)
    repo.update(uid, answer(satisfaction_grade="2"), by=staff["sato"], now=NOW)
    assert repo.get(uid)["satisfaction_grade"] == 2


def test_only_a_manager_changes_a_scale_and_the_change_is_audited(repo, staff):
    claim = repo.type_of("claim")
    with pytest.raises(NotManager):
        repo.save_type(claim, by=staff["sato"], now=NOW)
    four = SurveyType("claim", "事故対応", 4, 2, ("良い", "やや良い", "やや悪い", "悪い"), True, "事故対応満足度")
    repo.save_type(four, by=staff["manager"], now=NOW)
    assert repo.type_of("claim").scale_n == 4
    with pytest.raises(ValidationFailed):  # top k must lie in 1..n-1
        repo.save_type(SurveyType("claim", "事故対応", 4, 4), by=staff["manager"], now=NOW)
    row = next(r for r in repo.type_rows() if r["code"] == "claim")
    fields = {(e.field, e.old_value, e.new_value)
              for e in history(repo.store.conn, "survey_types", row["uid"])}
    assert ("scale_n", "6", "4") in fields


def test_a_new_type_goes_last(repo, staff):
    repo.save_type(SurveyType("web", "ウェブ", 3, 1), by=staff["manager"], now=NOW)
    assert [t.code for t in repo.types()][-1] == "web"


def test_edits_are_audited_and_a_stale_edit_refused(repo, staff):
    uid = repo.create(answer(satisfaction_grade="2"), by=staff["sato"], now=NOW)
    repo.update(uid, answer(satisfaction_grade="1", comment="早かった"), by=staff["suzuki"], expected_version=1,
                now=NOW)
    with pytest.raises(EditConflict):
        repo.update(uid, answer(satisfaction_grade="3"), by=staff["sato"], expected_version=1, now=NOW)
    changed = {(e.field, e.changed_by) for e in repo.history(uid)}
    assert ("satisfaction_grade", staff["suzuki"]) in changed and ("comment", staff["suzuki"]) in changed


def test_the_list_is_the_period_newest_first_and_filtered(repo, staff):
    first = repo.create(answer(answered_on="2025-04-01", satisfaction_grade="1"), by=staff["sato"], now=NOW)
    second = repo.create(answer(answered_on="2025-10-01", survey_type="renewal", satisfaction_grade="2"),
                         by=staff["sato"], now=NOW)
    repo.create(answer(answered_on="2025-03-31", satisfaction_grade="1"), by=staff["sato"], now=NOW)  # FY2024
    assert [r["uid"] for r in repo.list(*FY)] == [second, first]
    assert [r["uid"] for r in repo.list(*FY, survey_type="claim")] == [first]
    assert repo.list(*FY, branch="YK") == []
    assert repo.list(*FY)[0]["type_name"] == "満期前"


def test_results_give_count_nps_and_top_k_per_type(repo, staff):
    for score, grade in (("10", "1"), ("9", "3"), ("3", "4"), ("", "6")):
        repo.create(answer(recommendation=score, satisfaction_grade=grade), by=staff["sato"], now=NOW)
    [(claim, result)] = repo.results(*FY)
    assert claim.code == "claim"
    assert result.count == 4
    assert str(result.nps) == "33.3"          # 2 promoters, 1 detractor of 3 scores
    assert str(result.satisfaction) == "50.0"  # grades 1 and 3 of 4 are in the top 3 of 6
    assert repo.results(*FY, survey_type="renewal") == []


def test_deleting_keeps_the_values_in_the_history(repo, staff):
    uid = repo.create(answer(satisfaction_grade="2", comment="普通"), by=staff["sato"], now=NOW)
    repo.delete(uid, by=staff["manager"], now=NOW)
    assert repo.list(*FY) == []
    deleted = repo.history(uid)[-1]
    assert deleted.field == "*deleted" and deleted.values["comment"] == "普通"


@pytest.mark.parametrize("score, grade, kind", [
    (3, None, codes.KIND_DISSATISFACTION),   # a detractor
    (6, 1, codes.KIND_DISSATISFACTION),      # unhappy wins over a happy grade
    (10, 5, codes.KIND_DISSATISFACTION),     # a grade in the worse half (5 of 6)
    (10, 4, codes.KIND_DISSATISFACTION),     # 4 of 6 is やや不満
    (9, None, codes.KIND_PRAISE),
    (None, 3, codes.KIND_PRAISE),            # 3 of 6 is まあ満足: the better half
    (10, 3, codes.KIND_PRAISE),
    (8, None, codes.KIND_OTHER),             # a passive
    (7, 2, codes.KIND_OTHER),
    (None, None, codes.KIND_OTHER),          # a comment only
])
def test_the_voice_kind_follows_the_figures(repo, score, grade, kind):
    assert voice_kind(repo.type_of("claim"), score, grade) == kind


def test_five_grades_have_a_middle_that_is_neither(repo):
    five = repo.type_of("contract")
    assert voice_kind(five, None, 3) == codes.KIND_OTHER      # 普通
    assert voice_kind(five, None, 2) == codes.KIND_PRAISE     # やや満足
    assert voice_kind(five, None, 4) == codes.KIND_DISSATISFACTION


def test_a_comment_becomes_a_linked_voice(repo, store, staff):
    uid = repo.create(answer(recommendation="2", satisfaction_grade="5", product_line=codes.PRODUCT_LINES[0],
                             comment="連絡が遅かった\n二度も電話した"), by=staff["sato"], now=NOW)
    voice_uid = repo.make_voice(uid, by=staff["suzuki"], now=NOW)
    voice = VoiceRepository(store).get(voice_uid)
    assert voice["channel"] == "survey" and voice["kind"] == codes.KIND_DISSATISFACTION
    assert voice["received_at"] == "2025-11-04 09:00"  # the sheet's day, the office's opening time
    assert (voice["summary"], voice["body"]) == ("連絡が遅かった", "連絡が遅かった\n二度も電話した")
    assert voice["product_line"] == codes.PRODUCT_LINES[0] and voice["received_by"] == staff["suzuki"]
    assert repo.get(uid)["voice_id"] == voice_uid
    assert repo.answer_of_voice(voice_uid)["uid"] == uid
    assert repo.answer_of_voice("nope") is None
    assert ("voice_id", None, voice_uid) in {(e.field, e.old_value, e.new_value) for e in repo.history(uid)}
    with pytest.raises(ValidationFailed) as twice:
        repo.make_voice(uid, by=staff["suzuki"], now=NOW)
    assert twice.value.errors[0].code == HAS_VOICE


def test_a_voice_of_today_is_received_now(repo, store, staff):
    uid = repo.create(answer(answered_on="2025-11-20", comment="ありがとう", recommendation="10"),
                      by=staff["sato"], now=NOW)
    voice = VoiceRepository(store).get(repo.make_voice(uid, by=staff["sato"], now=NOW))
    assert voice["received_at"] == "2025-11-20 10:00" and voice["kind"] == codes.KIND_PRAISE


def test_no_comment_no_voice(repo, staff):
    uid = repo.create(answer(satisfaction_grade="1"), by=staff["sato"], now=NOW)
    with pytest.raises(ValidationFailed) as refused:
        repo.make_voice(uid, by=staff["sato"], now=NOW)
    assert refused.value.errors[0].code == NO_COMMENT


def test_a_long_first_line_is_cut_for_the_summary(repo, store, staff):
    uid = repo.create(answer(comment="あ" * 300), by=staff["sato"], now=NOW)
    voice = VoiceRepository(store).get(repo.make_voice(uid, by=staff["sato"], now=NOW))
    assert len(voice["summary"]) == 200 and voice["summary"].endswith("…") and voice["body"] == "あ" * 300


def test_voice_and_link_are_one_transaction(repo, store, staff, monkeypatch):
    """If linking the answer fails, the voice is not written either."""
    uid = repo.create(answer(comment="遅い"), by=staff["sato"], now=NOW)
    real = surveys_module.records.write_changes

    def failing(store_, table, *args, **kwargs):
        if table == "survey_answers":
            raise RuntimeError("disk gone")
        return real(store_, table, *args, **kwargs)

    monkeypatch.setattr(surveys_module.records, "write_changes", failing)
    with pytest.raises(RuntimeError):
        repo.make_voice(uid, by=staff["sato"], now=NOW)
    assert store.conn.execute("SELECT COUNT(*) FROM voices").fetchone()[0] == 0
    assert repo.get(uid)["voice_id"] is None


def test_a_scale_cannot_shrink_below_the_grades_answers_hold(repo, staff):
    """事故対応 has six grades; with a sheet graded 6 stored, a five-grade scale would leave that answer off its
    scale and the アンケート page's figures (survey_results refuses grade 6 of 5) would not show at all."""
    repo.create(answer(satisfaction_grade="6"), by=staff["sato"], now=NOW)
    five = SurveyType("claim", "事故対応", 5, 3, (), True, "事故対応満足度")
    with pytest.raises(ValidationFailed) as refused:
        repo.save_type(five, by=staff["manager"], now=NOW)
    assert [(e.field, e.code, e.params) for e in refused.value.errors] == [
        ("scale_n", surveys_module.SCALE_BELOW_ANSWERS, {"n": 5, "grade": 6})]
    assert repo.type_of("claim").scale_n == 6
    repo.results(*FY)  # the figures still read
    repo.save_type(SurveyType("claim", "事故対応", 7, 3, (), True, "事故対応満足度"), by=staff["manager"], now=NOW)
    assert repo.type_of("claim").scale_n == 7  # growing is fine


def test_the_score_question_cannot_be_dropped_while_answers_hold_scores(repo, staff):
    """事故対応 asks the 0–10 score; with a scored sheet stored, unticking it would make the stored scores vanish
    from NPS (the open period's KPI would turn to no data without a word) and refuse any edit of that answer —
    even a comment's typo — until its score is deleted."""
    uid = repo.create(answer(recommendation="8", satisfaction_grade="2"), by=staff["sato"], now=NOW)
    claim = repo.type_of("claim")
    no_score = SurveyType(claim.code, claim.name, claim.scale_n, claim.top_k, claim.grade_labels, False,
                          claim.question)
    with pytest.raises(ValidationFailed) as refused:
        repo.save_type(no_score, by=staff["manager"], now=NOW)
    assert [(e.field, e.code) for e in refused.value.errors] == [
        ("asks_recommendation", surveys_module.SCORE_IN_ANSWERS)]
    repo.update(uid, answer(recommendation="8", satisfaction_grade="2", comment="丁寧"), by=staff["sato"], now=NOW)
    assert repo.get(uid)["comment"] == "丁寧"
    repo.save_type(SurveyType("web", "ウェブ", 3, 1), by=staff["manager"], now=NOW)
    repo.save_type(SurveyType("web", "ウェブ", 3, 1, (), False), by=staff["manager"], now=NOW)  # no scores: fine
    assert repo.type_of("web").asks_recommendation is False
