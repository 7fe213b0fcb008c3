"""Voice records: save, edit only what changed (with its history), edit conflicts, statuses, today's call-backs."""

from datetime import date, datetime, timedelta

import pytest

from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.voice import VoiceInput
from agency_app.domain.workflow import StatusChange
from agency_app.storage.voices import EditConflict, VoiceNotFound, VoiceRepository

T1 = datetime(2025, 11, 20, 10, 0)
T2 = datetime(2025, 11, 20, 14, 30)
T3 = datetime(2025, 11, 21, 9, 15)


def entry(**changes) -> VoiceInput:
    values = dict(received_at="2025/11/20 09:30", channel="phone", kind=codes.KIND_DISSATISFACTION,
                  summary="満期案内が届かない", body="更新の案内が来ないとのお電話。", customer_name="田中 太郎")
    values.update(changes)
    return VoiceInput(**values)


def count(store, table: str) -> int:
    return store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def voices(store):
    return VoiceRepository(store)


def test_a_new_voice_is_saved_open_with_a_due_date_and_its_creation_recorded(voices, staff):
    uid = voices.create(entry(), by=staff["sato"], now=T1)
    voice = voices.get(uid)
    assert voice["status"] == codes.STATUS_NEW
    assert voice["received_at"] == "2025-11-20 09:30"
    assert voice["due_date"] == "2025-11-23"
    assert (voice["received_by"], voice["branch_code"], voice["origin_branch"]) == (staff["sato"], "HQ", "HQ")
    assert voice["version"] == 1
    [created] = voices.history(uid)
    assert (created.field, created.changed_by_name, created.changed_at) == ("*created", "佐藤 一郎",
                                                                            "2025-11-20 10:00")


def test_an_invalid_voice_leaves_no_row_and_no_history(voices, store, staff):
    before = (count(store, "voices"), count(store, "audit_log"), count(store, "voices_fts"))
    with pytest.raises(ValidationFailed) as caught:
        voices.create(entry(summary=" "), by=staff["sato"], now=T1)
    assert caught.value.fields() == {"summary"}
    assert (count(store, "voices"), count(store, "audit_log"), count(store, "voices_fts")) == before


def test_an_edit_writes_only_the_changed_fields_and_history_shows_them_with_who_and_when(voices, staff):
    uid = voices.create(entry(), by=staff["sato"], now=T1)
    edited = voices.as_input(uid)
    edited.summary = "満期案内が届かず不安"
    edited.due_date = "2025/11/25"
    voices.update(uid, edited, by=staff["suzuki"], now=T2)

    changes = [(h.field, h.old_value, h.new_value, h.changed_by, h.changed_by_name, h.changed_at)
               for h in voices.history(uid)[1:]]
    assert changes == [
        ("summary", "満期案内が届かない", "満期案内が届かず不安", staff["suzuki"], "鈴木 次郎", "2025-11-20 14:30"),
        ("due_date", "2025-11-23", "2025-11-25", staff["suzuki"], "鈴木 次郎", "2025-11-20 14:30"),
    ]
    voice = voices.get(uid)
    assert voice["version"] == 2
    assert (voice["updated_by"], voice["updated_at"]) == (staff["suzuki"], "2025-11-20 14:30")
    assert voice["received_by"] == staff["sato"]


def test_saving_an_unchanged_voice_writes_nothing(voices, staff):
    uid = voices.create(entry(), by=staff["sato"], now=T1)
    voices.update(uid, voices.as_input(uid), by=staff["suzuki"], now=T2)
    voice = voices.get(uid)
    assert (voice["version"], voice["updated_by"]) == (1, staff["sato"])
    assert len(voices.history(uid)) == 1


def test_an_edit_based_on_a_stale_version_is_refused_and_not_saved(voices, staff):
    uid = voices.create(entry(), by=staff["sato"], now=T1)
    opened_version = voices.get(uid)["version"]
    first, second = voices.as_input(uid), voices.as_input(uid)   # two windows open the same voice
    first.summary = "一人目の修正"
    voices.update(uid, first, by=staff["sato"], expected_version=opened_version, now=T2)
    second.summary = "二人目の修正"
    with pytest.raises(EditConflict):
        voices.update(uid, second, by=staff["suzuki"], expected_version=opened_version, now=T2)
    assert voices.get(uid)["summary"] == "一人目の修正"
    assert voices.get(uid)["version"] == opened_version + 1


def test_an_edit_cannot_move_the_receipt_into_the_future(voices, staff):
    uid = voices.create(entry(), by=staff["sato"], now=T1)
    edited = voices.as_input(uid)
    edited.received_at = "2025/11/22 09:00"
    with pytest.raises(ValidationFailed) as caught:
        voices.update(uid, edited, by=staff["sato"], now=T2)
    assert {e.field: e.code for e in caught.value.errors} == {"received_at": E.IN_FUTURE}
    assert voices.get(uid)["received_at"] == "2025-11-20 09:30"


def test_an_edit_may_keep_a_receipt_time_a_wrong_clock_put_ahead(voices, staff):
    ahead = datetime(2025, 11, 25, 9, 0)  # a branch PC whose clock ran days ahead
    uid = voices.create(entry(received_at="2025/11/25 08:50"), by=staff["sato"], now=ahead)
    edited = voices.as_input(uid)
    edited.summary = "要旨を修正"
    voices.update(uid, edited, by=staff["sato"], now=T2)
    assert voices.get(uid)["summary"] == "要旨を修正"


def test_reading_an_unknown_voice_raises_not_found(voices):
    with pytest.raises(VoiceNotFound):
        voices.get("no-such-uid")


def test_done_requires_response_date_and_staff_and_nothing_changes_until_given(voices, staff):
    uid = voices.create(entry(), by=staff["sato"], now=T1)
    with pytest.raises(ValidationFailed) as caught:
        voices.change_status(uid, StatusChange(codes.STATUS_DONE), by=staff["sato"], now=T2)
    assert caught.value.fields() == {"response", "completed_on", "completed_by"}
    assert voices.get(uid)["status"] == codes.STATUS_NEW

    voices.change_status(uid, StatusChange(codes.STATUS_DONE, response="新しい案内を送付",
                                           completed_on="2025/11/20", completed_by=staff["suzuki"]),
                         by=staff["suzuki"], now=T2)
    voice = voices.get(uid)
    assert (voice["status"], voice["response"], voice["completed_on"], voice["completed_by"]) == (
        codes.STATUS_DONE, "新しい案内を送付", "2025-11-20", staff["suzuki"])


def test_completion_by_someone_not_on_the_staff_list_is_refused(voices, staff):
    uid = voices.create(entry(), by=staff["sato"], now=T1)
    change = StatusChange(codes.STATUS_DONE, response="対応済", completed_on="2025/11/20",
                          completed_by="not-a-staff-uid")
    with pytest.raises(ValidationFailed) as caught:
        voices.change_status(uid, change, by=staff["sato"], now=T2)
    assert {e.field: e.code for e in caught.value.errors} == {"completed_by": E.UNKNOWN_CHOICE}


def test_done_is_refused_while_checklist_steps_are_open(voices, staff):
    uid = voices.create(entry(), by=staff["sato"], now=T1)
    change = StatusChange(codes.STATUS_DONE, response="対応済", completed_on="2025/11/20",
                          completed_by=staff["sato"])
    with pytest.raises(ValidationFailed):
        voices.change_status(uid, change, by=staff["sato"], now=T2, open_checklist_steps=1)
    assert voices.get(uid)["status"] == codes.STATUS_NEW


def test_reopening_is_allowed_counted_and_recorded(voices, staff):
    uid = voices.create(entry(), by=staff["sato"], now=T1)
    done = StatusChange(codes.STATUS_DONE, response="説明済", completed_on="2025/11/20",
                        completed_by=staff["sato"])
    voices.change_status(uid, done, by=staff["sato"], now=T2)
    voices.change_status(uid, StatusChange(codes.STATUS_IN_PROGRESS), by=staff["manager"], now=T3)

    voice = voices.get(uid)
    assert voice["status"] == codes.STATUS_IN_PROGRESS
    assert voice["reopen_count"] == 1
    assert (voice["completed_on"], voice["completed_by"]) == (None, None)
    assert voice["response"] == "説明済"  # what was done before stays visible
    reopen = {h.field: (h.old_value, h.new_value) for h in voices.history(uid) if h.changed_at == "2025-11-21 09:15"}
    assert reopen["status"] == ("done", "in_progress")
    assert reopen["reopen_count"] == ("0", "1")
    assert reopen["completed_on"] == ("2025-11-20", None)

    voices.change_status(uid, StatusChange(codes.STATUS_DROPPED, close_reason="お客様と連絡がつかない"),
                         by=staff["manager"], now=T3)
    voices.change_status(uid, StatusChange(codes.STATUS_IN_PROGRESS), by=staff["manager"], now=T3)
    assert voices.get(uid)["reopen_count"] == 2


def test_a_forbidden_move_changes_nothing(voices, staff):
    uid = voices.create(entry(), by=staff["sato"], now=T1)
    voices.change_status(uid, StatusChange(codes.STATUS_DROPPED, close_reason="重複"), by=staff["sato"], now=T2)
    with pytest.raises(ValidationFailed):
        voices.change_status(uid, StatusChange(codes.STATUS_DONE, response="x", completed_on="2025/11/20",
                                               completed_by=staff["sato"]), by=staff["sato"], now=T2)
    assert voices.get(uid)["status"] == codes.STATUS_DROPPED


def test_callbacks_for_a_day_lists_open_promises_due_then_or_missed_earliest_first(voices, staff):
    def promise(at: str, who: str, received: str = "2025/11/19 09:00") -> str:
        return voices.create(entry(received_at=received, callback_at=at, callback_staff_id=staff[who]),
                             by=staff["sato"], now=T1)

    missed = promise("2025/11/19 16:00", "sato")
    late = promise("2025/11/20 17:30", "suzuki")
    morning = promise("2025/11/20 09:00", "sato")
    promise("2025/11/21 10:00", "sato")                                  # tomorrow
    voices.create(entry(), by=staff["sato"], now=T1)                     # no promise
    kept = promise("2025/11/20 11:00", "sato")
    voices.change_status(kept, StatusChange(codes.STATUS_DONE, response="折り返し済", completed_on="2025/11/20",
                                            completed_by=staff["sato"]), by=staff["sato"], now=T2)

    today = date(2025, 11, 20)
    assert [v["uid"] for v in voices.callbacks_for(today)] == [missed, morning, late]
    assert [v["uid"] for v in voices.callbacks_for(today, staff["sato"])] == [missed, morning]
    assert len(voices.callbacks_for(today + timedelta(days=1))) == 4


def test_the_entry_form_gets_back_what_was_saved(voices, staff):
    typed = entry(is_complaint=True, insurer="東京海上日動", product_line="nonlife_auto",
                  callback_at="2025/11/20 15:00", callback_staff_id=staff["suzuki"], assignee_id=staff["sato"])
    uid = voices.create(typed, by=staff["sato"], now=T1)
    back = voices.as_input(uid)
    assert back.is_complaint is True
    assert (back.insurer, back.product_line, back.callback_at) == ("東京海上日動", "nonlife_auto", "2025-11-20 15:00")
    assert back.due_date == "2025-11-23"


def test_reopening_keeps_the_note_in_the_record_and_its_history(store, staff):
    repo = VoiceRepository(store)
    uid = repo.create(VoiceInput(received_at="2025-11-20 09:00", summary="証券が届かない"),
                      by=staff["sato"], now=datetime(2025, 11, 20, 10, 0))
    repo.change_status(uid, StatusChange("done", response="再送した", completed_on="2025-11-20",
                                         completed_by=staff["sato"]),
                       by=staff["sato"], now=datetime(2025, 11, 20, 11, 0))
    repo.change_status(uid, StatusChange("in_progress", reopen_reason="再送分も未着とのお電話"),
                       by=staff["suzuki"], now=datetime(2025, 11, 21, 9, 0))

    assert repo.get(uid)["reopen_note"] == "再送分も未着とのお電話"
    notes = [h for h in repo.history(uid) if h.field == "reopen_note"]
    assert [(n.new_value, n.changed_by) for n in notes] == [("再送分も未着とのお電話", staff["suzuki"])]


def test_every_history_row_has_its_own_global_id_and_the_branch_where_it_was_written(store, staff):
    """R30: head office will merge branch histories; each row must be recognisable when sent twice."""
    repo = VoiceRepository(store)
    uid = repo.create(VoiceInput(received_at="2025-11-20 09:00", summary="証券が届かない"),
                      by=staff["sato"], now=datetime(2025, 11, 20, 10, 0))
    repo.change_status(uid, StatusChange("in_progress"), by=staff["sato"], now=datetime(2025, 11, 20, 11, 0))
    rows = store.conn.execute("SELECT uid, branch FROM audit_log WHERE record_uid = ?", (uid,)).fetchall()
    assert len(rows) == 2
    assert len({r[0] for r in rows}) == 2 and all(len(r[0]) == 32 for r in rows)
    assert {r[1] for r in rows} == {store.home_branch}


def test_the_oldest_receipt_date_is_known_and_none_without_voices(store, staff):
    repo = VoiceRepository(store)
    assert repo.oldest_received_on() is None
    for stamp in ("2025-06-01 09:00", "2024-04-01 08:30", "2025-11-01 10:00"):
        repo.create(VoiceInput(received_at=stamp, summary="声"), by=staff["sato"],
                    now=datetime(2025, 11, 20, 10, 0))
    assert repo.oldest_received_on() == date(2024, 4, 1)


def test_a_closed_voice_cannot_be_moved_to_a_receipt_after_its_completion(store, staff):
    """R7: completion never comes before receipt, also when the receipt time is edited later."""
    repo = VoiceRepository(store)
    now = datetime(2025, 11, 25, 10, 0)
    uid = repo.create(VoiceInput(received_at="2025-11-18 09:00", summary="証券が届かない"), by=staff["sato"], now=now)
    repo.change_status(uid, StatusChange("done", response="再送した", completed_on="2025-11-20",
                                         completed_by=staff["sato"]), by=staff["sato"], now=now)
    edit = repo.as_input(uid)
    edit.received_at = "2025-11-24 09:00"
    edit.due_date = "2025-11-28"
    with pytest.raises(ValidationFailed) as failure:
        repo.update(uid, edit, by=staff["sato"], now=now)
    assert [(e.field, e.code) for e in failure.value.errors] == [("received_at", E.COMPLETION_BEFORE_RECEIPT)]
    assert repo.get(uid)["received_at"] == "2025-11-18 09:00"


def test_a_call_back_marked_as_made_leaves_today_s_list_and_is_in_the_history(voices, staff):
    """R9: the promise stays on record; who made the call and when is stored and audited."""
    uid = voices.create(entry(callback_at="2025/11/20 11:00", callback_staff_id=staff["sato"]),
                        by=staff["sato"], now=T1)
    today = date(2025, 11, 20)
    assert [v["uid"] for v in voices.callbacks_for(today)] == [uid]
    version = voices.get(uid)["version"]
    voices.mark_callback_done(uid, by=staff["suzuki"], now=T2, expected_version=version)

    voice = voices.get(uid)
    assert voice["callback_at"] == "2025-11-20 11:00"  # the promise itself is kept
    assert (voice["callback_done_at"], voice["callback_done_by"]) == ("2025-11-20 14:30", staff["suzuki"])
    assert voice["status"] == codes.STATUS_NEW and voice["version"] == version + 1
    assert voices.callbacks_for(today) == []
    made = {h.field: h for h in voices.history(uid) if h.field.startswith("callback_done")}
    assert made["callback_done_at"].new_value == "2025-11-20 14:30"
    assert made["callback_done_by"].new_value == staff["suzuki"]
    assert made["callback_done_at"].changed_by_name == "鈴木 次郎"
    assert made["callback_done_at"].changed_at == "2025-11-20 14:30"


def test_a_call_back_cannot_be_marked_made_twice_or_without_a_promise(voices, staff):
    none = voices.create(entry(), by=staff["sato"], now=T1)
    with pytest.raises(ValidationFailed) as failed:
        voices.mark_callback_done(none, by=staff["sato"], now=T2)
    assert [(e.field, e.code) for e in failed.value.errors] == [("callback_at", E.CALLBACK_NOT_PROMISED)]

    uid = voices.create(entry(callback_at="2025/11/20 11:00", callback_staff_id=staff["sato"]),
                        by=staff["sato"], now=T1)
    voices.mark_callback_done(uid, by=staff["sato"], now=T2)
    with pytest.raises(ValidationFailed) as failed:
        voices.mark_callback_done(uid, by=staff["suzuki"], now=T3)
    assert [(e.field, e.code) for e in failed.value.errors] == [("callback_at", E.CALLBACK_ALREADY_DONE)]
    assert voices.get(uid)["callback_done_by"] == staff["sato"]  # the first stamp stands


def test_marking_a_call_back_made_on_a_stale_copy_is_a_conflict(voices, staff):
    uid = voices.create(entry(callback_at="2025/11/20 11:00", callback_staff_id=staff["sato"]),
                        by=staff["sato"], now=T1)
    stale = voices.get(uid)["version"]
    voices.update(uid, entry(summary="別の件", callback_at="2025/11/20 11:00", callback_staff_id=staff["sato"]),
                  by=staff["suzuki"], now=T2)
    with pytest.raises(EditConflict):
        voices.mark_callback_done(uid, by=staff["sato"], now=T2, expected_version=stale)
    assert voices.get(uid)["callback_done_at"] is None


def test_a_new_promise_clears_the_made_stamp_and_an_unrelated_edit_keeps_it(voices, staff):
    uid = voices.create(entry(callback_at="2025/11/20 11:00", callback_staff_id=staff["sato"]),
                        by=staff["sato"], now=T1)
    voices.mark_callback_done(uid, by=staff["sato"], now=T2)
    voices.update(uid, entry(summary="追記あり", callback_at="2025/11/20 11:00", callback_staff_id=staff["sato"]),
                  by=staff["sato"], now=T2)
    assert voices.get(uid)["callback_done_at"] == "2025-11-20 14:30"

    voices.update(uid, entry(callback_at="2025/11/21 10:00", callback_staff_id=staff["sato"]),
                  by=staff["sato"], now=T3)
    voice = voices.get(uid)
    assert (voice["callback_done_at"], voice["callback_done_by"]) == (None, None)
    assert [v["uid"] for v in voices.callbacks_for(date(2025, 11, 21))] == [uid]
    cleared = [h for h in voices.history(uid) if h.field == "callback_done_at"]
    assert [(h.old_value, h.new_value) for h in cleared] == [(None, "2025-11-20 14:30"),
                                                              ("2025-11-20 14:30", None)]


def _customer(store, name="山田 太郎") -> str:
    with store.write() as db:
        db.conn.execute(
            "INSERT INTO customers(uid, branch_code, name, origin_branch, created_at, updated_at)"
            " VALUES ('c-1', 'HQ', ?, 'HQ', '2025-11-01 09:00', '2025-11-01 09:00')", (name,))
    return "c-1"


def test_a_voice_can_name_a_customer_record_and_the_link_is_kept_in_its_history(voices, store, staff):
    customer = _customer(store)
    uid = voices.create(entry(customer_name="山田 太郎", customer_id=customer), by=staff["sato"], now=T1)
    assert voices.get(uid)["customer_id"] == customer
    unlinked = voices.as_input(uid)
    unlinked.customer_id = ""
    voices.update(uid, unlinked, by=staff["sato"], now=T2)
    assert voices.get(uid)["customer_id"] is None
    change = [h for h in voices.history(uid) if h.field == "customer_id"]
    assert [(h.old_value, h.new_value) for h in change] == [(customer, None)]


def test_a_voice_naming_a_customer_record_that_does_not_exist_is_refused_and_nothing_saved(voices, store, staff):
    before = count(store, "voices")
    with pytest.raises(ValidationFailed) as caught:
        voices.create(entry(customer_id="no-such-customer"), by=staff["sato"], now=T1)
    assert caught.value.fields() == {"customer_name"}
    assert count(store, "voices") == before
