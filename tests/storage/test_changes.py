"""What a write changed is read back from the history it wrote: every record touched, typed by table, nothing else."""

from __future__ import annotations

from datetime import datetime

from agency_app.domain.cases import CaseInput
from agency_app.domain.voice import VoiceInput
from agency_app.domain.workflow import StatusChange
from agency_app.storage.changes import Changes, changes_since, history_mark
from agency_app.storage.services import Services

FIXED_NOW = datetime(2025, 11, 20, 10, 0)


def _voice(services: Services, by: str, summary: str = "満期案内が届かない") -> str:
    return services.voices.create(VoiceInput(received_at="2025-11-20 09:00", summary=summary,
                                             kind="dissatisfaction", assignee_id=by), by=by, now=FIXED_NOW)


def test_a_new_voice_is_the_one_change(store, staff):
    services = Services(store)
    mark = history_mark(store.conn)
    uid = _voice(services, staff["sato"])
    changes = changes_since(store.conn, mark)
    assert changes.records == {("voices", uid)}
    assert changes.touches("voices") and not changes.touches("cases")


def test_a_new_case_names_the_case_and_each_of_its_steps(store, staff):
    services = Services(store)
    mark = history_mark(store.conn)
    uid = services.cases.create(CaseInput(case_type="address_change", title="住所変更", opened_on="2025-11-20",
                                          due_date="2025-11-27", assignee_id=staff["sato"]), by=staff["sato"], now=FIXED_NOW)
    changes = changes_since(store.conn, mark)
    assert changes.uids("cases") == {uid}
    assert changes.uids("case_steps") == {s["uid"] for s in services.cases.steps(uid)}
    assert len(changes.uids("case_steps")) >= 3  # the address-change checklist (R10)


def test_only_what_came_after_the_mark_counts(store, staff):
    services = Services(store)
    earlier = _voice(services, staff["sato"], "前の声")
    mark = history_mark(store.conn)
    services.voices.change_status(earlier, StatusChange("in_progress"), by=staff["sato"], now=FIXED_NOW)
    later = _voice(services, staff["suzuki"], "次の声")
    assert changes_since(store.conn, mark).uids("voices") == {earlier, later}
    assert not changes_since(store.conn, history_mark(store.conn))


def test_an_edit_that_changes_nothing_announces_nothing(store, staff):
    services = Services(store)
    uid = _voice(services, staff["sato"])
    mark = history_mark(store.conn)
    services.voices.update(uid, services.voices.as_input(uid), by=staff["sato"], now=FIXED_NOW)
    assert not changes_since(store.conn, mark)


def test_changes_combine():
    both = Changes.of("voices", "a") | Changes.of("cases", "b")
    assert both.tables == {"voices", "cases"} and both.uids("cases") == {"b"}
    assert not Changes() and both
