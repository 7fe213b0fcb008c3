"""Marking a call-back made (R9) on voices and cases: the note and 未対応 → 対応中 in one write, and its undo."""

from datetime import datetime

import pytest

from agency_app.domain import cases as C
from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain.cases import CaseInput
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.voice import VoiceInput
from agency_app.domain.workflow import StatusChange
from agency_app.storage.cases import CaseRepository
from agency_app.storage.records import EditConflict
from agency_app.storage.voices import VoiceRepository

T1 = datetime(2025, 11, 20, 10, 0)
T2 = datetime(2025, 11, 20, 14, 30)
T3 = datetime(2025, 11, 20, 14, 31)


def add_voice(store, staff) -> tuple[VoiceRepository, str]:
    repo = VoiceRepository(store)
    return repo, repo.create(VoiceInput(received_at="2025/11/20 09:30", summary="満期案内が届かない",
                                        callback_at="2025/11/20 15:00", callback_staff_id=staff["sato"]),
                             by=staff["sato"], now=T1)


def add_case(store, staff) -> tuple[CaseRepository, str]:
    repo = CaseRepository(store)
    return repo, repo.create(CaseInput(case_type=C.ADDRESS_CHANGE, title="転居に伴う住所変更", opened_on="2025/11/20",
                                       due_date="2025/11/25", callback_at="2025/11/20 15:00",
                                       callback_staff_id=staff["sato"]), by=staff["sato"], now=T1)


@pytest.fixture(params=["voice", "case"])
def record(request, store, staff):
    """(repository, uid) of an open 未対応 record with a call-back promised today."""
    return (add_voice if request.param == "voice" else add_case)(store, staff)


def test_the_note_and_the_move_to_in_progress_are_one_write(record, staff):
    repo, uid = record
    version = repo.get(uid)["version"]
    made = repo.mark_callback_done(uid, by=staff["suzuki"], now=T2, expected_version=version,
                                   note="  書類を再送すると伝えた。\n来週届く予定。\n", start_work=True)
    row = repo.get(uid)
    assert (row["callback_done_at"], row["callback_done_by"]) == ("2025-11-20 14:30", staff["suzuki"])
    assert row["response"] == "【折り返し 11/20 14:30 鈴木 次郎】書類を再送すると伝えた。\n来週届く予定。"
    assert row["status"] == codes.STATUS_IN_PROGRESS
    assert row["version"] == version + 1 == made.version  # one UPDATE: one version step
    written = [h for h in repo.history(uid) if h.field != "*created"]
    assert {h.field for h in written} == {"callback_done_at", "callback_done_by", "response", "status"}
    assert {(h.changed_at, h.changed_by) for h in written} == {("2025-11-20 14:30", staff["suzuki"])}


def test_without_a_note_or_the_tick_only_the_stamp_is_written(record, staff):
    repo, uid = record
    repo.mark_callback_done(uid, by=staff["sato"], now=T2, note="  \n ")
    row = repo.get(uid)
    assert row["callback_done_at"] and not row["response"] and row["status"] == codes.STATUS_NEW


def test_each_call_back_adds_its_note_under_what_was_there(record, staff):
    repo, uid = record
    repo.mark_callback_done(uid, by=staff["sato"], now=T2, note="一回目")
    row = repo.get(uid)
    repo.update(uid, repo.as_input(uid).__class__(**{**repo.as_input(uid).__dict__,
                                                     "callback_at": "2025/11/21 10:00"}), by=staff["sato"], now=T3)
    assert repo.get(uid)["callback_done_at"] is None  # a new promise is open again
    repo.mark_callback_done(uid, by=staff["suzuki"], now=datetime(2025, 11, 21, 10, 5), note="二回目")
    assert repo.get(uid)["response"] == (row["response"] + "\n【折り返し 11/21 10:05 鈴木 次郎】二回目")


def test_a_closed_or_working_record_keeps_its_status(record, staff):
    repo, uid = record
    repo.change_status(uid, StatusChange(codes.STATUS_IN_PROGRESS), by=staff["sato"], now=T2)
    repo.mark_callback_done(uid, by=staff["sato"], now=T2, start_work=True)
    assert repo.get(uid)["status"] == codes.STATUS_IN_PROGRESS
    assert [h.field for h in repo.history(uid)].count("status") == 1


def test_a_closed_record_is_not_reopened_by_the_tick(store, staff):
    repo, uid = add_voice(store, staff)
    repo.change_status(uid, StatusChange(codes.STATUS_DROPPED, close_reason="重複"), by=staff["sato"], now=T2)
    repo.mark_callback_done(uid, by=staff["sato"], now=T2, start_work=True)
    row = repo.get(uid)
    assert row["status"] == codes.STATUS_DROPPED and row["reopen_count"] == 0 and row["callback_done_at"]


def test_a_too_long_note_is_refused_and_nothing_is_written(record, staff):
    repo, uid = record
    with pytest.raises(ValidationFailed) as failed:
        repo.mark_callback_done(uid, by=staff["sato"], now=T2, note="あ" * 1001, start_work=True)
    assert [(e.field, e.code, e.params) for e in failed.value.errors] == [("callback_note", E.TOO_LONG,
                                                                           {"max": 1000})]
    row = repo.get(uid)
    assert (row["callback_done_at"], row["status"], row["version"]) == (None, codes.STATUS_NEW, 1)
    repo.mark_callback_done(uid, by=staff["sato"], now=T2, note="あ" * 1000)  # the limit itself is fine


def test_a_stale_version_is_a_conflict_and_writes_nothing(record, staff):
    repo, uid = record
    stale = repo.get(uid)["version"]
    repo.change_status(uid, StatusChange(codes.STATUS_IN_PROGRESS), by=staff["suzuki"], now=T2)
    with pytest.raises(EditConflict):
        repo.mark_callback_done(uid, by=staff["sato"], now=T2, expected_version=stale, note="話した")
    row = repo.get(uid)
    assert row["callback_done_at"] is None and not row["response"]


def test_undo_restores_the_record_and_the_history_keeps_both_writes(record, staff):
    repo, uid = record
    made = repo.mark_callback_done(uid, by=staff["sato"], now=T2, note="話した", start_work=True)
    repo.undo_callback_made(made, by=staff["sato"], now=T3)
    row = repo.get(uid)
    assert (row["callback_done_at"], row["callback_done_by"], row["response"], row["status"]) == \
        (None, None, "", codes.STATUS_NEW)
    assert row["version"] == made.version + 1
    responses = [(h.old_value, h.new_value, h.changed_at) for h in repo.history(uid) if h.field == "response"]
    assert responses == [("", "【折り返し 11/20 14:30 佐藤 一郎】話した", "2025-11-20 14:30"),
                         ("【折り返し 11/20 14:30 佐藤 一郎】話した", "", "2025-11-20 14:31")]
    statuses = [(h.old_value, h.new_value) for h in repo.history(uid) if h.field == "status"]
    assert statuses == [(codes.STATUS_NEW, codes.STATUS_IN_PROGRESS), (codes.STATUS_IN_PROGRESS, codes.STATUS_NEW)]
    # Open again: it can be marked made anew.
    repo.mark_callback_done(uid, by=staff["sato"], now=T3)


def test_undo_restores_an_earlier_response_exactly(store, staff):
    repo, uid = add_voice(store, staff)
    repo.change_status(uid, StatusChange(codes.STATUS_IN_PROGRESS, response="一次対応済み  "), by=staff["sato"],
                       now=T2)
    before = repo.get(uid)["response"]
    made = repo.mark_callback_done(uid, by=staff["sato"], now=T2, note="再送した")
    assert repo.get(uid)["response"] == before + "\n【折り返し 11/20 14:30 佐藤 一郎】再送した"
    repo.undo_callback_made(made, by=staff["sato"], now=T3)
    assert repo.get(uid)["response"] == before


def test_undo_is_refused_once_the_record_changed_since(record, staff):
    repo, uid = record
    made = repo.mark_callback_done(uid, by=staff["sato"], now=T2, note="話した", start_work=True)
    repo.change_status(uid, StatusChange(codes.STATUS_DROPPED, close_reason="重複"), by=staff["suzuki"], now=T3)
    with pytest.raises(EditConflict):
        repo.undo_callback_made(made, by=staff["sato"], now=T3)
    row = repo.get(uid)
    assert row["status"] == codes.STATUS_DROPPED and row["callback_done_at"] == "2025-11-20 14:30"
    assert "話した" in row["response"]


def test_undo_twice_is_refused(record, staff):
    repo, uid = record
    made = repo.mark_callback_done(uid, by=staff["sato"], now=T2)
    repo.undo_callback_made(made, by=staff["sato"], now=T3)
    with pytest.raises(EditConflict):
        repo.undo_callback_made(made, by=staff["sato"], now=T3)


def test_a_cases_response_is_kept_as_typed_through_its_completion(store, staff):
    """A case's free text is kept as typed (issue 8, point 13): the call-back note 「芝公園１－１」 is, and the
    完了 dialog — which shows the response to add to — must not then rewrite it (or what is added) as 1-1."""
    repo, uid = add_case(store, staff)
    repo.mark_callback_done(uid, by=staff["sato"], now=T2, note="新住所は芝公園１－１")
    response = repo.get(uid)["response"]
    assert response.endswith("新住所は芝公園１－１")
    repo.change_status(uid, StatusChange(codes.STATUS_DONE, response=response + "\n変更完了（ＡＢＣ様式）",
                                         completed_on="2025/11/20", completed_by=staff["sato"]),
                       by=staff["sato"], now=T3, tick_steps=[s["uid"] for s in repo.steps(uid)])
    row = repo.get(uid)
    assert row["status"] == codes.STATUS_DONE
    assert row["response"] == response + "\n変更完了（ＡＢＣ様式）"
