"""Follow-up cases: checklist copied at creation, steps ticked with who/when, 完了 only when all are done, history."""

from datetime import date, datetime

import pytest

from agency_app.domain import cases as C
from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain.cases import CaseInput
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.voice import VoiceInput
from agency_app.domain.workflow import StatusChange
from agency_app.storage.cases import CaseNotFound, CaseRepository, EditConflict
from agency_app.storage.checklist_templates import ChecklistTemplates
from agency_app.domain.customer import search_key
from agency_app.storage.ids import new_uid
from agency_app.storage.voices import VoiceRepository
from agency_app.storage.case_list import CASE_LIST, CaseFilter

T1 = datetime(2025, 11, 20, 10, 0)
T2 = datetime(2025, 11, 20, 14, 30)
T3 = datetime(2025, 11, 27, 9, 0)


def add_customer(store, name="田中 太郎", kana="タナカ タロウ") -> str:
    uid = new_uid()
    with store.write():
        store.conn.execute(
            "INSERT INTO customers (uid, branch_code, name, kana, search_key, origin_branch, created_at, "
            "updated_at, updated_by) VALUES (?, 'HQ', ?, ?, ?, 'HQ', '2025-11-01 09:00', '2025-11-01 09:00', NULL)",
            (uid, name, kana, search_key(name, kana)))
    return uid


def entry(**changes) -> CaseInput:
    values = dict(case_type=C.ADDRESS_CHANGE, title="転居に伴う住所変更", opened_on="2025/11/20",
                  due_date="2025/11/25")
    values.update(changes)
    return CaseInput(**values)


def count(store, table: str) -> int:
    return store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def cases(store):
    return CaseRepository(store)


def tick_all(cases, uid, by, now=T2):
    for step in cases.steps(uid):
        cases.set_step(step["uid"], True, by=by, now=now)


def done(by, on):
    return StatusChange(codes.STATUS_DONE, response="住所変更を完了しました", completed_on=on, completed_by=by)


def test_a_new_case_is_open_and_gets_a_copy_of_its_types_checklist(cases, staff, store):
    customer = add_customer(store)
    uid = cases.create(entry(customer_id=customer, assignee_id=staff["sato"]), by=staff["sato"], now=T1)
    case = cases.get(uid)
    assert (case["status"], case["opened_on"], case["due_date"], case["branch_code"]) == \
        (codes.STATUS_NEW, "2025-11-20", "2025-11-25", "HQ")
    steps = cases.steps(uid)
    assert [s["label"] for s in steps] == list(C.DEFAULT_CHECKLISTS[C.ADDRESS_CHANGE])
    assert "当社の顧客管理システムの住所を更新" in [s["label"] for s in steps]
    assert all(s["done_at"] is None for s in steps)


def test_a_template_change_never_alters_cases_already_opened(cases, staff, store):
    before = cases.create(entry(), by=staff["sato"], now=T1)
    ChecklistTemplates(store).save(C.ADDRESS_CHANGE, ["新住所の確認", "完了連絡"], by=staff["manager"], now=T2)
    after = cases.create(entry(), by=staff["sato"], now=T2)
    assert [s["label"] for s in cases.steps(before)] == list(C.DEFAULT_CHECKLISTS[C.ADDRESS_CHANGE])
    assert [s["label"] for s in cases.steps(after)] == ["新住所の確認", "完了連絡"]


def test_an_invalid_case_leaves_no_row_no_steps_and_no_history(cases, staff, store):
    before = (count(store, "cases"), count(store, "case_steps"), count(store, "audit_log"))
    for bad in (entry(title=""), entry(due_date="2025/11/19"), entry(customer_id="no-such-customer")):
        with pytest.raises(ValidationFailed):
            cases.create(bad, by=staff["sato"], now=T1)
    assert (count(store, "cases"), count(store, "case_steps"), count(store, "audit_log")) == before


def test_cannot_complete_while_a_step_is_open_and_the_error_names_it(cases, staff):
    uid = cases.create(entry(), by=staff["sato"], now=T1)
    steps = cases.steps(uid)
    for step in steps:
        if step["label"] != "当社の顧客管理システムの住所を更新":
            cases.set_step(step["uid"], True, by=staff["sato"], now=T2)
    with pytest.raises(ValidationFailed) as caught:
        cases.change_status(uid, done(staff["sato"], on="2025/11/20"), by=staff["sato"], now=T2)
    [error] = caught.value.errors
    assert (error.field, error.code) == ("status", E.CHECKLIST_OPEN)
    assert error.params == {"count": 1, "steps": ["当社の顧客管理システムの住所を更新"]}
    assert cases.get(uid)["status"] == codes.STATUS_IN_PROGRESS


def test_ticking_records_who_and_when_and_all_ticked_lets_the_case_be_completed(cases, staff):
    uid = cases.create(entry(), by=staff["sato"], now=T1)
    tick_all(cases, uid, staff["suzuki"])
    first = cases.steps(uid)[0]
    assert (first["done_at"], first["done_by"], first["done_by_name"]) == ("2025-11-20 14:30", staff["suzuki"],
                                                                           "鈴木 次郎")
    cases.change_status(uid, done(staff["sato"], on="2025/11/20"), by=staff["sato"], now=T2)
    case = cases.get(uid)
    assert (case["status"], case["completed_on"], case["completed_by"]) == ("done", "2025-11-20", staff["sato"])


def test_ticking_a_step_of_a_new_case_starts_work(cases, staff):
    uid = cases.create(entry(), by=staff["sato"], now=T1)
    cases.set_step(cases.steps(uid)[0]["uid"], True, by=staff["sato"], now=T2)
    assert cases.get(uid)["status"] == codes.STATUS_IN_PROGRESS


def test_unticking_is_allowed_while_open_and_refused_once_closed(cases, staff):
    uid = cases.create(entry(), by=staff["sato"], now=T1)
    tick_all(cases, uid, staff["sato"])
    first = cases.steps(uid)[0]["uid"]
    cases.set_step(first, False, by=staff["sato"], now=T2)
    assert cases.steps(uid)[0]["done_at"] is None and cases.steps(uid)[0]["done_by"] is None
    cases.set_step(first, True, by=staff["sato"], now=T2)
    cases.change_status(uid, done(staff["sato"], on="2025/11/20"), by=staff["sato"], now=T2)
    with pytest.raises(ValidationFailed) as caught:
        cases.set_step(first, False, by=staff["sato"], now=T3)
    assert caught.value.errors[0].code == C.STEP_ON_CLOSED_CASE
    assert cases.steps(uid)[0]["done_at"] == "2025-11-20 14:30"


def test_reopening_counts_and_keeps_the_note_then_the_case_can_close_again(cases, staff):
    uid = cases.create(entry(), by=staff["sato"], now=T1)
    tick_all(cases, uid, staff["sato"])
    cases.change_status(uid, done(staff["sato"], on="2025/11/20"), by=staff["sato"], now=T2)
    cases.change_status(uid, StatusChange(codes.STATUS_IN_PROGRESS, reopen_reason="当社の記録が旧住所のまま"),
                        by=staff["manager"], now=T3)
    case = cases.get(uid)
    assert (case["status"], case["reopen_count"], case["reopen_note"], case["completed_on"]) == \
        ("in_progress", 1, "当社の記録が旧住所のまま", None)
    cases.change_status(uid, StatusChange(codes.STATUS_DROPPED, close_reason="お客様が取り下げ"),
                        by=staff["sato"], now=T3)
    cases.change_status(uid, StatusChange(codes.STATUS_IN_PROGRESS), by=staff["sato"], now=T3)
    assert cases.get(uid)["reopen_count"] == 2


def test_dropping_needs_a_reason_but_not_the_checklist(cases, staff):
    uid = cases.create(entry(), by=staff["sato"], now=T1)
    with pytest.raises(ValidationFailed) as caught:
        cases.change_status(uid, StatusChange(codes.STATUS_DROPPED), by=staff["sato"], now=T2)
    assert caught.value.fields() == {"close_reason"}
    cases.change_status(uid, StatusChange(codes.STATUS_DROPPED, close_reason="重複登録"), by=staff["sato"], now=T2)
    assert cases.get(uid)["status"] == codes.STATUS_DROPPED


def test_an_edit_writes_only_what_changed_and_a_stale_version_is_refused(cases, staff):
    uid = cases.create(entry(), by=staff["sato"], now=T1)
    version = cases.get(uid)["version"]
    edited = cases.as_input(uid)
    edited.title = "転居（髙橋様・﨑田様）"
    cases.update(uid, edited, by=staff["suzuki"], expected_version=version, now=T2)
    assert cases.get(uid)["title"] == "転居（髙橋様・﨑田様）"
    again = cases.as_input(uid)
    again.due_date = "2025/11/30"
    with pytest.raises(EditConflict):
        cases.update(uid, again, by=staff["sato"], expected_version=version, now=T2)
    assert cases.get(uid)["due_date"] == "2025-11-25"
    with pytest.raises(ValidationFailed) as caught:
        cases.update(uid, CaseInput(**dict(again.to_dict(), case_type=C.CLAIM)), by=staff["sato"], now=T2)
    assert caught.value.errors[0].code == C.CASE_TYPE_FIXED


def test_history_covers_the_case_and_its_steps(cases, staff):
    uid = cases.create(entry(), by=staff["sato"], now=T1)
    step = cases.steps(uid)[1]
    cases.set_step(step["uid"], True, by=staff["suzuki"], now=T2)
    history = cases.history(uid)
    assert history[0].entity == "cases" and history[0].field == "*created"
    ticked = [h for h in history if h.entity == "case_steps" and h.field == "done_at"]
    assert [(h.step_label, h.new_value, h.changed_by_name, h.record_uid) for h in ticked] == \
        [("保険会社へ住所変更の手続き", "2025-11-20 14:30", "鈴木 次郎", step["uid"])]
    assert any(h.entity == "cases" and h.field == "status" and h.new_value == "in_progress" for h in history)


def test_a_deleted_step_stays_in_its_cases_history_under_its_label(cases, staff, store):
    from agency_app.storage import records
    uid = cases.create(entry(), by=staff["sato"], now=T1)
    other = cases.create(entry(), by=staff["sato"], now=T1)
    step = cases.steps(uid)[1]
    cases.set_step(step["uid"], True, by=staff["suzuki"], now=T2)
    records.delete_row(store, "case_steps", step["uid"], by=staff["manager"], now=datetime(2025, 11, 21, 9, 0))
    rows = [(h.field, h.step_label, h.changed_by_name) for h in cases.history(uid) if h.record_uid == step["uid"]]
    label = "保険会社へ住所変更の手続き"
    assert rows == [("*created", label, "佐藤 一郎"), ("done_at", label, "鈴木 次郎"), ("done_by", label, "鈴木 次郎"),
                    ("*deleted", label, "山田 花子")]
    assert not [h for h in cases.history(other) if h.record_uid == step["uid"]]  # another case's history: not there


def test_a_case_from_a_voice_keeps_the_link_and_callbacks_are_listed(cases, staff, store):
    voice = VoiceRepository(store).create(VoiceInput(received_at="2025/11/20 09:00", summary="住所が変わった"),
                                          by=staff["sato"], now=T1)
    uid = cases.create(entry(voice_id=voice, callback_at="2025/11/21 15:00", callback_staff_id=staff["suzuki"]),
                       by=staff["sato"], now=T1)
    assert cases.get(uid)["voice_id"] == voice
    assert [c["uid"] for c in cases.callbacks_for(date(2025, 11, 21), staff["suzuki"])] == [uid]
    assert cases.callbacks_for(date(2025, 11, 20)) == []
    assert cases.callbacks_for(date(2025, 11, 21), staff["sato"]) == []
    cases.mark_callback_done(uid, by=staff["suzuki"], now=T2)
    assert cases.callbacks_for(date(2025, 11, 21)) == []
    with pytest.raises(ValidationFailed):
        cases.mark_callback_done(uid, by=staff["suzuki"], now=T2)


def test_unknown_case_is_reported(cases):
    with pytest.raises(CaseNotFound):
        cases.get("nope")


# --- boundaries ----------------------------------------------------------------------------------

def test_completion_may_not_be_dated_before_the_last_step_even_when_the_first_was_ticked_earlier(cases, staff):
    uid = cases.create(entry(), by=staff["sato"], now=T1)
    first, *rest = cases.steps(uid)
    cases.set_step(first["uid"], True, by=staff["sato"], now=T1)  # 20 November
    for step in rest:
        cases.set_step(step["uid"], True, by=staff["sato"], now=datetime(2025, 11, 24, 16, 0))
    with pytest.raises(ValidationFailed) as caught:
        cases.change_status(uid, done(staff["sato"], on="2025/11/21"), by=staff["sato"], now=T3)
    assert [(e.field, e.code, e.params) for e in caught.value.errors] == [
        ("completed_on", C.COMPLETED_BEFORE_STEPS, {"date": "2025-11-24"})]
    cases.change_status(uid, done(staff["sato"], on="2025/11/24"), by=staff["sato"], now=T3)
    assert cases.get(uid)["completed_on"] == "2025-11-24"


def test_a_case_opened_and_done_the_same_day_can_still_be_corrected_but_not_opened_after_it(cases, staff):
    uid = cases.create(entry(), by=staff["sato"], now=T1)
    tick_all(cases, uid, staff["sato"])
    cases.change_status(uid, done(staff["sato"], on="2025/11/20"), by=staff["sato"], now=T2)
    edited = cases.as_input(uid)
    edited.body = "転居先：東京都葛飾区"
    cases.update(uid, edited, by=staff["sato"], now=T3)
    assert cases.get(uid)["body"] == "転居先：東京都葛飾区"
    edited.opened_on = "2025/11/21"
    with pytest.raises(ValidationFailed) as caught:
        cases.update(uid, edited, by=staff["sato"], now=T3)
    assert [(e.field, e.code) for e in caught.value.errors] == [("opened_on", C.OPENED_AFTER_COMPLETION)]


def test_a_step_note_of_500_characters_is_kept_501_are_refused(cases, staff):
    uid = cases.create(entry(), by=staff["sato"], now=T1)
    step = cases.steps(uid)[0]["uid"]
    cases.set_step(step, True, by=staff["sato"], note="メ" * 500, now=T2)
    assert cases.steps(uid)[0]["note"] == "メ" * 500
    with pytest.raises(ValidationFailed) as caught:
        cases.set_step(step, True, by=staff["sato"], note="モ" * 501, now=T2)
    assert [(e.field, e.code, e.params) for e in caught.value.errors] == [("note", E.TOO_LONG, {"max": 500})]
    assert cases.steps(uid)[0]["note"] == "メ" * 500


def test_a_case_due_today_is_not_overdue_yet_one_due_yesterday_is(cases, staff):
    today = date(2025, 11, 25)
    due_today = cases.create(entry(title="今日が期限", due_date="2025/11/25"), by=staff["sato"], now=T1)
    late = cases.create(entry(title="昨日が期限", due_date="2025/11/24"), by=staff["sato"], now=T1)
    conn = cases.store.conn

    def listed(**options) -> list[dict]:
        return CASE_LIST.query(conn, CaseFilter(today=today, **options)).rows(0, 10)
    assert [r["uid"] for r in listed(overdue_only=True)] == [late]
    assert {r["uid"]: r["overdue"] for r in listed()} == {late: True, due_today: False}
