"""R23: a follow-up omission cannot be made to disappear — a closed record's due date stays, 完了 is not back-dated."""

from datetime import datetime

import pytest

from agency_app.domain import cases as C
from agency_app.domain import errors as E
from agency_app.domain.cases import CaseInput
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.periods import Period
from agency_app.domain.voice import VoiceInput
from agency_app.domain.workflow import StatusChange
from agency_app.storage.cases import CaseRepository
from agency_app.storage.counts import follow_up_omissions
from agency_app.storage.voices import VoiceRepository

OPENED, CLOSED = datetime(2025, 6, 2, 10), datetime(2025, 6, 20, 10)


def late_case(store, staff, completed_on="2025/06/20"):
    repo = CaseRepository(store)
    uid = repo.create(CaseInput(case_type="document_request", title="資料請求", opened_on="2025/06/02",
                                due_date="2025/06/05", assignee_id=staff["sato"]), by=staff["sato"], now=OPENED)
    for step in repo.steps(uid):  # the work was really done on 20 June, 15 days late
        repo.set_step(step["uid"], True, by=staff["sato"], now=CLOSED)
    repo.change_status(uid, StatusChange("done", response="送付済み", completed_on=completed_on,
                                         completed_by=staff["sato"]), by=staff["sato"], now=CLOSED)
    return repo, uid


def test_the_due_date_of_a_closed_case_cannot_be_moved_so_the_late_closing_stays_counted(store, staff):
    repo, uid = late_case(store, staff)
    entry = repo.as_input(uid)
    entry.due_date = "2025/06/30"
    with pytest.raises(ValidationFailed) as caught:
        repo.update(uid, entry, by=staff["sato"], now=datetime(2025, 6, 21, 9))
    assert [(e.field, e.code) for e in caught.value.errors] == [("due_date", E.DUE_DATE_OF_CLOSED)]
    assert follow_up_omissions(store.conn, Period(2025)).count() == 1
    entry.due_date = "2025/06/05"
    entry.body = "お客様へ送付済みの旨を記録"  # other fields of a closed case can still be corrected
    repo.update(uid, entry, by=staff["sato"], now=datetime(2025, 6, 21, 9))
    assert repo.get(uid)["body"] == "お客様へ送付済みの旨を記録"


def test_completion_cannot_be_dated_before_the_last_ticked_step(store, staff):
    with pytest.raises(ValidationFailed) as caught:
        late_case(store, staff, completed_on="2025/06/03")
    [error] = caught.value.errors
    assert (error.field, error.code, error.params["date"]) == ("completed_on", C.COMPLETED_BEFORE_STEPS, "2025-06-20")


def test_the_due_date_of_a_closed_voice_cannot_be_moved_either(store, staff):
    voices = VoiceRepository(store)
    uid = voices.create(VoiceInput(received_at="2025/06/02 09:00", summary="書類が届かない", due_date="2025/06/05"),
                        by=staff["sato"], now=OPENED)
    voices.change_status(uid, StatusChange("done", response="再送", completed_on="2025/06/20",
                                           completed_by=staff["sato"]), by=staff["sato"], now=CLOSED)
    entry = voices.as_input(uid)
    entry.due_date = "2025/06/30"
    with pytest.raises(ValidationFailed) as caught:
        voices.update(uid, entry, by=staff["sato"], now=CLOSED)
    assert caught.value.fields() == {"due_date"}
    assert follow_up_omissions(store.conn, Period(2025)).count(kind="voice") == 1
