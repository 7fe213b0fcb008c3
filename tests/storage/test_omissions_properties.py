"""R23 follow-up omissions as a state machine: any order of 完了 / 見送り / reopen moves, on any days around the due date.

One voice and one case live in an in-memory database and are moved through the repositories as staff move
them (a case's steps ticked before 完了, as R7 requires; due dates moved while open; 完了 dated back to any
day the rules allow). After every move follow_up_omissions() must say what a small model of R23 says:

- closed late: the record is closed now (完了 or 見送り) and its closing day (the day written on it) is
  after its due date;
- reopened: some move took it out of 完了; it counts once, dated by the first such move; leaving 見送り
  is a change of mind and never counts.

Moves that would hide an omission (a closed record's due date moved, a case's 完了 dated before its last
step) must be refused in every state. The example tests (test_omission_due_day.py,
test_omissions_cannot_be_hidden.py) pin single stories; this walks a hundred histories of up to 30 moves on
every run, including the ones nobody thought to write (two reopenings on different days, a 見送り reopened
and then completed late, due dates moved while open).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pytest
from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from agency_app.domain import codes
from agency_app.domain.cases import ADDRESS_CHANGE, CaseInput
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.periods import Period
from agency_app.domain.voice import VoiceInput
from agency_app.domain.workflow import StatusChange
from agency_app.storage.cases import CaseRepository
from agency_app.storage.counts import CLOSED_LATE, REOPENED, Omission, follow_up_omissions
from agency_app.storage.voices import VoiceRepository
from store_copies import fresh_store

OPENED = datetime(2025, 6, 2, 9, 30)  # a Monday of 2025年度 上期
FY2025, FY2024, FY2026 = Period(2025), Period(2024), Period(2026)
OPEN, DONE, DROPPED = (codes.STATUS_NEW, codes.STATUS_IN_PROGRESS), codes.STATUS_DONE, codes.STATUS_DROPPED


@dataclass
class Model:
    """What R23 needs to know of one record, kept by the moves alone (never read back from the database)."""

    kind: str
    uid: str
    title: str
    opened: date
    due: date
    status: str = codes.STATUS_NEW
    closed_on: date | None = None      # the closing day written on the record, while closed
    first_reopen: date | None = None   # the day it first left 完了
    steps: dict = field(default_factory=dict)  # case: step uid → day ticked (None: open)

    def expected(self) -> list[Omission]:
        out = []
        if self.status in (DONE, DROPPED) and self.closed_on > self.due:
            out.append(Omission(self.kind, self.uid, self.title, self.due.isoformat(),
                                self.closed_on.isoformat(), CLOSED_LATE, self.status))
        if self.first_reopen is not None:
            out.append(Omission(self.kind, self.uid, self.title, self.due.isoformat(),
                                self.first_reopen.isoformat(), REOPENED, self.status))
        return out


class FollowUpOmissions(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.store, self.staff = fresh_store()
        self.voices, self.cases = VoiceRepository(self.store), CaseRepository(self.store)
        self.now = OPENED
        self.records: dict[str, Model] = {}

    def teardown(self):
        self.store.close()

    # --- the records ---------------------------------------------------------------------------------
    @initialize(voice_due=st.integers(0, 6), case_due=st.integers(0, 6))
    def open_records(self, voice_due, case_due):
        day = OPENED.date()
        due = day + timedelta(days=voice_due)
        uid = self.voices.create(VoiceInput(received_at=f"{OPENED:%Y/%m/%d %H:%M}", summary="証券が届かない",
                                            due_date=due.isoformat()), by=self.staff[0], now=OPENED)
        self.records["voice"] = Model("voice", uid, "証券が届かない", day, due)
        due = day + timedelta(days=case_due)
        uid = self.cases.create(CaseInput(case_type=ADDRESS_CHANGE, title="住所変更", opened_on=day.isoformat(),
                                          due_date=due.isoformat()), by=self.staff[0], now=OPENED)
        steps = {s["uid"]: None for s in self.cases.steps(uid)}
        assert len(steps) >= 2
        self.records["case"] = Model("case", uid, "住所変更", day, due, steps=steps)

    def repo(self, kind: str):
        return self.voices if kind == "voice" else self.cases

    # --- time passes: moves land on days before, on and after the due dates (several on one day, too) ----
    @rule(days=st.integers(0, 3), minutes=st.integers(0, 240))
    def time_passes(self, days, minutes):
        self.now += timedelta(days=days, minutes=minutes)

    # --- moves: each rule runs only when some record can make it, and picks one that can ------------------
    def able(self, *statuses: str) -> list[str]:
        return sorted(kind for kind, record in self.records.items() if record.status in statuses)

    def pick(self, data, *statuses: str) -> Model:
        return self.records[data.draw(st.sampled_from(self.able(*statuses)), label="record")]

    @precondition(lambda self: self.able(*OPEN))
    @rule(data=st.data())
    def complete(self, data):
        """完了 (R7): response, completion day (today or any day back to the opening / the last step), staff."""
        record = self.pick(data, *OPEN)
        today = self.now.date()
        if record.kind == "case":  # R7: a case reaches 完了 only with every step ticked
            for step, ticked in record.steps.items():
                if ticked is None:
                    self.tick(record, step)
        earliest = max([record.opened, *[d for d in record.steps.values() if d]])
        completed = data.draw(st.dates(min_value=earliest, max_value=today), label="completed_on")
        by = data.draw(st.sampled_from(self.staff), label="completed_by")
        self.repo(record.kind).change_status(record.uid, StatusChange(DONE, response="対応しました",
                                             completed_on=completed.isoformat(), completed_by=by),
                                             by=self.staff[0], now=self.now)
        record.status, record.closed_on = DONE, completed

    @precondition(lambda self: self.able(*OPEN))
    @rule(data=st.data())
    def drop(self, data):
        """見送り (R7): a reason; its closing day is the day it is saved."""
        record = self.pick(data, *OPEN)
        self.repo(record.kind).change_status(record.uid, StatusChange(DROPPED, close_reason="お客様のご意向"),
                                             by=self.staff[0], now=self.now)
        record.status, record.closed_on = DROPPED, self.now.date()

    @precondition(lambda self: self.able(DONE, DROPPED))
    @rule(data=st.data())
    def reopen(self, data):
        record = self.pick(data, DONE, DROPPED)
        self.repo(record.kind).change_status(
            record.uid, StatusChange(codes.STATUS_IN_PROGRESS, reopen_reason="再度のご連絡"), by=self.staff[1], now=self.now)
        if record.status == DONE:
            if record.first_reopen is None:
                record.first_reopen = self.now.date()
            elif record.first_reopen != self.now.date():
                event("reopened after 完了 again on a later day")
        record.status, record.closed_on = codes.STATUS_IN_PROGRESS, None

    @precondition(lambda self: self.able(*OPEN))
    @rule(data=st.data())
    def open_move(self, data):
        """未対応 ⇄ 対応中 while open: no reopening."""
        record = self.pick(data, *OPEN)
        to = codes.STATUS_IN_PROGRESS if record.status == codes.STATUS_NEW else codes.STATUS_NEW
        self.repo(record.kind).change_status(record.uid, StatusChange(to), by=self.staff[0], now=self.now)
        record.status = to

    @precondition(lambda self: self.able(*OPEN))
    @rule(data=st.data(), shift=st.integers(-5, 5))
    def move_due_date(self, data, shift):
        """An open record's due date may be moved (a closed one's may not: R23 would lose a late closing)."""
        record = self.pick(data, *OPEN)
        due = max(record.opened, self.now.date() + timedelta(days=shift))
        repo = self.repo(record.kind)
        entry = repo.as_input(record.uid)
        entry.due_date = due.isoformat()
        repo.update(record.uid, entry, by=self.staff[0], now=self.now)
        record.due = due

    # --- what may not be done: an omission cannot be hidden -----------------------------------------------
    @precondition(lambda self: self.able(DONE, DROPPED))
    @rule(data=st.data(), shift=st.integers(1, 30))
    def try_to_move_a_closed_records_due_date(self, data, shift):
        """A later due date would turn a late closing into an on-time one: refused while closed (R23)."""
        record = self.pick(data, DONE, DROPPED)
        repo = self.repo(record.kind)
        entry = repo.as_input(record.uid)
        entry.due_date = (record.due + timedelta(days=shift)).isoformat()
        with pytest.raises(ValidationFailed):
            repo.update(record.uid, entry, by=self.staff[0], now=self.now)

    @precondition(lambda self: self.records["case"].status in OPEN
                  and any(d and d > self.records["case"].opened for d in self.records["case"].steps.values()))
    @rule(data=st.data())
    def try_to_complete_a_case_before_its_last_step(self, data):
        """Seed 004's omission: 済 marked though not done. 完了 cannot be dated before the last step was ticked."""
        record = self.records["case"]
        last = max(d for d in record.steps.values() if d)
        if any(d is None for d in record.steps.values()):
            for step in [s for s, d in record.steps.items() if d is None]:
                self.tick(record, step)
            last = self.now.date()
        completed = data.draw(st.dates(min_value=record.opened, max_value=last - timedelta(days=1)),
                              label="completed_on")
        with pytest.raises(ValidationFailed):
            self.cases.change_status(record.uid, StatusChange(DONE, response="済", completed_on=completed.isoformat(),
                                                              completed_by=self.staff[0]),
                                     by=self.staff[0], now=self.now)

    @precondition(lambda self: self.records["case"].status in OPEN)
    @rule(data=st.data())
    def tick_or_untick_a_step(self, data):
        record = self.records["case"]
        step = data.draw(st.sampled_from(sorted(record.steps)), label="step")
        if record.steps[step] is None:
            self.tick(record, step)
        else:
            self.cases.set_step(step, False, by=self.staff[0], now=self.now)
            record.steps[step] = None

    def tick(self, record: Model, step: str) -> None:
        self.cases.set_step(step, True, by=self.staff[0], now=self.now)
        record.steps[step] = self.now.date()
        if record.status == codes.STATUS_NEW:  # ticking a step of a 未対応 case starts the work
            record.status = codes.STATUS_IN_PROGRESS

    # --- what the counts say -------------------------------------------------------------------------
    @invariant()
    def omissions_are_what_the_model_says(self):
        if not self.records:
            return
        found = follow_up_omissions(self.store.conn, FY2025)
        expected = [o for record in self.records.values() for o in record.expected()]
        event("omissions: " + (", ".join(sorted(f"{o.kind} {o.reason}" for o in expected)) or "none"))

        def key(o):
            return o.kind, o.reason
        assert sorted(found.records, key=key) == sorted(expected, key=key)
        assert found.count() == len(expected)
        assert found.count(CLOSED_LATE) == sum(o.reason == CLOSED_LATE for o in expected)
        assert found.records_affected == len({o.uid for o in expected})
        # closed late first, then reopened; within each, the earliest due date first
        order = [({CLOSED_LATE: 0, REOPENED: 1}[o.reason], o.due_date) for o in found.records]
        assert order == sorted(order)
        # records opened in 2025年度 count there only, however late they are moved
        assert follow_up_omissions(self.store.conn, FY2024).count() == 0
        assert follow_up_omissions(self.store.conn, FY2026).count() == 0

    @invariant()
    def the_database_agrees_with_the_model_on_status(self):
        for record in self.records.values():
            row = self.repo(record.kind).get(record.uid)
            assert row["status"] == record.status
            assert row["completed_on"] == (record.closed_on.isoformat() if record.closed_on else None)


# Each case is a fresh database and up to 30 moves: two thirds of the profile's examples (100 in the usual run),
# and no deadline (a move is a write and every check a count).
FollowUpOmissions.TestCase.settings = settings(max_examples=settings.default.max_examples * 2 // 3,
                                               stateful_step_count=30, deadline=None)
test_follow_up_omissions = FollowUpOmissions.TestCase
