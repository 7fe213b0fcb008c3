"""Demo voice days (声の日, R14), improvements (改善, R12) and a monthly circulation (回覧), so a newcomer sees them populated.

Each team holds its voice day on its own weekday: the last WEEKS of them are recorded — attendees, a leader,
decisions, notes — all closed but the latest (a meeting in progress). Improvements come at seed 004's rate
(14 in a half-year for 26 staff): those from before the first recorded voice day (the paper sheets' time)
answer voices of their team, those of the recorded weeks are opened at a meeting; some also answer a voice of
another team. Last month's circulation is issued, and part of head office's staff have confirmed reading it.

Written through the repositories (their validation, their rows, their audit rows), with the moments given;
only the many 'shared' decisions a meeting's closing writes are one INSERT … SELECT per meeting, with the same
rows and — the triggers being in place — the same audit rows as VoiceDayRepository.close. At a million voices a
meeting covers thousands of voices; the rest is a few hundred rows, so the cost does not grow with the demo.
Deterministic: every draw is from the caller's Random, and so are the uids the repositories make here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from random import Random

from agency_app.demo import texts as T
from agency_app.domain import codes
from agency_app.domain import voice_day as D
from agency_app.domain.improvements import ImprovementInput
from agency_app.domain.voice import format_datetime
from agency_app.domain.workflow import StatusChange
from agency_app.storage import records
from agency_app.storage.circulations import CirculationRepository, month_of
from agency_app.storage.database import Store
from agency_app.storage.ids import uids_from
from agency_app.storage.improvements import ImprovementRepository
from agency_app.storage.masters import DEFAULT_INSURERS
from agency_app.storage.voice_days import VoiceDayRepository

WEEKS = 10                 # recorded voice days per team: the latest still open, the 9 before it closed
MEETING_WEEKDAY = {"生保": 1, "損保": 2, "団体": 3}  # Tuesday, Wednesday, Thursday; any other team: Friday
MEETING_AT = time(18, 0)   # after the counter closes: no voice of the day comes in after the meeting started
PICKED_PER_MEETING = 6     # voices a meeting talks through one by one (the others are shared at its close)
IMPROVEMENTS_PER_HALF = 14  # seed 004: improvements from complaints in a half-year, for 26 staff (scale 1)
CLOSED_DAYS = {(12, 29), (12, 30), (12, 31), (1, 1), (1, 2), (1, 3)}  # as the voices' calendar
READ_SHARE = 0.6           # of the staff, have confirmed reading last month's circulation


@dataclass
class _Improvement:
    """One improvement as drawn: when it closes (None: still open), how, and whether it was reported."""

    uid: str
    team: str
    opened_on: date
    due: date
    owner: str
    action: str
    outcome: str | None = None         # codes.STATUS_DONE / STATUS_DROPPED, or None (stays open)
    closed_on: date | None = None
    started_on: date | None = None     # 対応中 from this day
    reported_on: date | None = None

    def open_on(self, day: date) -> bool:
        return self.opened_on <= day and (self.closed_on is None or self.closed_on > day)


def seeded_uids(rng: Random):
    """The repositories' uids drawn from `rng` while the demo writes through them (the same seed, the same demo)."""
    return uids_from(lambda: rng.randbytes(16).hex())


def meeting_days(team: str, today: date, first_allowed: date, weeks: int = WEEKS) -> list[date]:
    """The team's last `weeks` voice days before today (holidays skipped), oldest first, none before first_allowed."""
    weekday = MEETING_WEEKDAY.get(team, 4)
    day = today - timedelta(days=(today.weekday() - weekday) % 7 or 7)
    days = []
    while len(days) < weeks and day >= first_allowed:
        if (day.month, day.day) not in CLOSED_DAYS:
            days.append(day)
        day -= timedelta(days=7)
    return days[::-1]


def add_voice_days(store: Store, rng: Random, today: date, staff: list[dict], scale: float = 1.0) -> dict:
    """Write the demo's voice days, improvements and circulation, inside the caller's write transaction.

    `staff`: dicts with uid, team, role, branch; `scale` 1.0 = seed 004's agency of 26 staff. Returns what was made."""
    with seeded_uids(rng):
        return _VoiceDays(store, rng, today, staff, scale).write()


def _at(day: date, minutes: int = 0) -> datetime:
    return datetime.combine(day, MEETING_AT) + timedelta(minutes=minutes)


def _theme(group: str | None) -> str:
    if group in T.IMPROVEMENTS:
        return group
    return T.INSURER_GROUP_THEME.get(group or "", T.OTHER)


class _VoiceDays:
    """One demo's voice days, improvements and circulation, drawn and written in time order."""

    def __init__(self, store: Store, rng: Random, today: date, staff: list[dict], scale: float):
        self.store, self.conn, self.rng, self.today, self.scale = store, store.conn, rng, today, scale
        self.days = VoiceDayRepository(store)
        self.improvements = ImprovementRepository(store)
        self.staff = staff
        self.members = {}
        for member in staff:
            self.members.setdefault(member["team"], []).append(member)
        self.home = store.home_branch
        self.drawn: list[_Improvement] = []
        self.titles_used: set[str] = set()
        self.made = dict(voice_days_closed=0, voice_days_open=0, decisions=0, improvements=0, circulation_reads=0)

    # --- who -------------------------------------------------------------------------------------
    def leader(self, team: str) -> dict:
        """The team's leader: its manager at this office, or its first member here, or its first member."""
        members = self.members[team]
        here = [m for m in members if m["branch"] == self.home]
        return next((m for m in here if m["role"] == codes.ROLE_MANAGER), (here or members)[0])

    def yesterday(self) -> date:
        return self.today - timedelta(days=1)

    # --- the whole -------------------------------------------------------------------------------
    def write(self) -> dict:
        teams = [t for t in self.days.teams() if t in self.members]
        start = self.conn.execute("SELECT MIN(received_at) FROM voices").fetchone()[0]  # by its index
        if not teams or start is None:
            return self.made
        start = start[:10]
        first_allowed = date.fromisoformat(start) + timedelta(days=7)
        schedule = sorted((day, team) for team in teams
                          for day in meeting_days(team, self.today, first_allowed))
        window = schedule[0][0] if schedule else self.today
        self.earlier_improvements(teams, date.fromisoformat(start), window)
        last_of = {team: max(d for d, t in schedule if t == team) for team in {t for _, t in schedule}}
        # Seed 004's rate holds in the recorded weeks too: a meeting opens an improvement now and then (the first
        # one does, so that a later meeting of another team can find it open).
        chance = IMPROVEMENTS_PER_HALF * self.scale / (26 * len(teams))
        for k, (day, team) in enumerate(schedule):
            self.meeting(team, day, still_open=day == last_of[team], may_open=k == 0 or self.rng.random() < chance)
        self.every_status()
        self.follow_improvements()
        self.circulation()
        return self.made

    # --- improvements before the first recorded voice day (the paper sheets' time) ----------------
    def earlier_improvements(self, teams: list[str], start: date, window: date) -> None:
        """Improvements at seed 004's rate from the demo's start to the first recorded voice day, each answering
        a dissatisfaction voice (or a request; or two) of its team received in the month before."""
        days = (window - start).days
        count = round(IMPROVEMENTS_PER_HALF * self.scale * days / 182)
        for k in range(count):
            opened = start + timedelta(days=round((k + 0.5 + 0.4 * (self.rng.random() - 0.5)) * days / count))
            if opened >= window:
                continue
            team = teams[k % len(teams)]
            voices = self.conn.execute(
                "SELECT uid, category_group FROM voices WHERE team = ? AND received_at >= ? AND received_at < ? "
                "AND kind IN ('dissatisfaction', 'request') "
                "ORDER BY kind <> 'dissatisfaction', is_complaint DESC, received_at DESC LIMIT 2",
                (team, (opened - timedelta(days=30)).isoformat(), f"{opened.isoformat()} 24:00")).fetchall()
            if not voices:
                continue
            linked = [uid for uid, _ in voices[:1 + (self.rng.random() < 0.3)]]
            self.new_improvement(team, opened, voices[0][1], linked, _at(opened, 30))

    def new_improvement(self, team: str, opened: date, group: str | None, voice_uids: list[str],
                        now: datetime) -> _Improvement:
        rng = self.rng
        choices = T.IMPROVEMENTS[_theme(group)]
        fresh = [c for c in choices if c[0] not in self.titles_used] or choices
        title, cause, action = rng.choice(fresh)
        self.titles_used.add(title)
        owner = rng.choice(self.members[team])["uid"]
        due = opened + timedelta(days=rng.choice((14, 21, 30, 30, 45, 60)))
        leader = self.leader(team)["uid"]
        uid = self.improvements.create(
            ImprovementInput(title=title, cause=cause, team=team, owner_id=owner, opened_on=opened.isoformat(),
                             due_date=due.isoformat()), by=leader, voice_uids=voice_uids, now=now)
        plan = _Improvement(uid, team, opened, due, owner, action)
        self.plan_outcome(plan)
        self.drawn.append(plan)
        self.made["improvements"] += 1
        return plan

    def plan_outcome(self, plan: _Improvement) -> None:
        """When and how it closes: most are done near their due date (some late), a few dropped, the newest open."""
        rng, last = self.rng, self.yesterday()
        started = plan.opened_on + timedelta(days=rng.randint(1, 5))
        plan.started_on = started if started <= last and rng.random() < 0.9 else None
        roll = rng.random()
        if roll < 0.08:
            plan.outcome, plan.closed_on = codes.STATUS_DROPPED, plan.opened_on + timedelta(days=rng.randint(3, 20))
        else:
            late = roll > 0.88  # finished after its due date (R23 counts it)
            spread = (plan.due - plan.opened_on).days
            plan.outcome = codes.STATUS_DONE
            plan.closed_on = (plan.due + timedelta(days=rng.randint(3, 20)) if late
                              else plan.opened_on + timedelta(days=rng.randint(max(1, spread // 3), spread)))
        if plan.closed_on > last:
            plan.outcome, plan.closed_on = None, None  # not yet: 対応中 (overdue when past its due date) or 未対応
        elif plan.started_on is None or plan.started_on > plan.closed_on:
            plan.started_on = None
        if plan.outcome == codes.STATUS_DONE and rng.random() < 0.4:
            reported = plan.closed_on + timedelta(days=rng.randint(1, 10))
            plan.reported_on = reported if reported <= last else None

    def every_status(self) -> None:
        """However few were drawn (a small demo), one of each: 未対応, 対応中 past its due date, 完了 reported to the
        insurer, 見送り — turned from another drawn outcome where the dice gave none."""
        last, plans = self.yesterday(), self.drawn
        if len(plans) < 4:
            return
        if not any(p.outcome is None and p.started_on is None for p in plans):
            newest = max(plans, key=lambda p: p.opened_on)
            newest.outcome = newest.closed_on = newest.started_on = newest.reported_on = None
        if not any(p.outcome is None and p.started_on and p.due < last for p in plans):
            # the latest such (the plans are oldest first): a few weeks overdue, not the demo's first one a year on
            late = next((p for p in reversed(plans) if p.outcome == codes.STATUS_DONE
                         and p.due < last - timedelta(days=1) and not p.reported_on), None)
            if late:
                late.outcome = late.closed_on = None
                late.started_on = min(late.opened_on + timedelta(days=1), last)
        if not any(p.outcome == codes.STATUS_DROPPED for p in plans):
            dropped = next((p for p in plans if p.outcome == codes.STATUS_DONE and not p.reported_on), None)
            if dropped:
                dropped.outcome = codes.STATUS_DROPPED
        if not any(p.reported_on for p in plans):
            done = next((p for p in plans if p.outcome == codes.STATUS_DONE), None)
            if done:
                done.reported_on = done.closed_on

    def follow_improvements(self) -> None:
        """Each improvement's status moves and its report to the insurer, at their days (R12, R7)."""
        repo = self.improvements
        for plan in self.drawn:
            if plan.started_on:
                repo.change_status(plan.uid, StatusChange(codes.STATUS_IN_PROGRESS), by=plan.owner,
                                   today=plan.started_on, now=datetime.combine(plan.started_on, time(10, 0)))
            if plan.outcome == codes.STATUS_DONE:
                repo.change_status(plan.uid, StatusChange(codes.STATUS_DONE, response=plan.action,
                                                          completed_on=plan.closed_on.isoformat(),
                                                          completed_by=plan.owner),
                                   by=plan.owner, today=plan.closed_on,
                                   now=datetime.combine(plan.closed_on, time(16, 30)))
            elif plan.outcome == codes.STATUS_DROPPED:
                repo.change_status(plan.uid, StatusChange(codes.STATUS_DROPPED,
                                                          close_reason=self.rng.choice(T.IMPROVEMENT_DROP_REASONS)),
                                   by=self.leader(plan.team)["uid"], today=plan.closed_on,
                                   now=datetime.combine(plan.closed_on, time(16, 30)))
            if plan.reported_on:
                repo.mark_reported(plan.uid, plan.reported_on.isoformat(), self.rng.choice(DEFAULT_INSURERS),
                                   by=self.leader(plan.team)["uid"],
                                   now=datetime.combine(plan.reported_on, time(11, 0)))

    # --- one voice day -----------------------------------------------------------------------------
    def meeting(self, team: str, day: date, still_open: bool, may_open: bool) -> None:
        rng, days = self.rng, self.days
        leader = self.leader(team)["uid"]
        uid = days.open_meeting(team, day, leader, by=leader, now=_at(day))
        members = self.members[team]
        others = [m["uid"] for m in members if m["uid"] != leader]
        present = [leader] + rng.sample(others, round(len(others) * rng.uniform(0.6, 1.0)))
        days.set_attendees(uid, present, by=leader, now=_at(day, 2))
        meeting = days.get(uid)
        rows = self.conn.execute(
            "SELECT uid, kind, is_complaint, category_group FROM voices WHERE team = ? AND received_at >= ? "
            "AND received_at < ? AND kind IN ('dissatisfaction', 'request') ORDER BY received_at",
            (team, meeting["range_from"], f"{meeting['range_to']} 24:00")).fetchall()
        picked = rng.sample(rows, min(PICKED_PER_MEETING, len(rows)))
        if still_open:  # the meeting is going through them now: some decided, the others still to come
            picked = picked[:(len(picked) + 1) // 2] or self.conn.execute(
                "SELECT uid, kind, is_complaint, category_group FROM voices WHERE team = ? AND received_at >= ? "
                "AND received_at < ? ORDER BY received_at LIMIT 1",
                (team, meeting["range_from"], f"{meeting['range_to']} 24:00")).fetchall()
        picked.sort(key=lambda row: -row[2])  # a complaint (苦情) first: the one an improvement is opened for
        opened_here = not may_open
        for k, (voice, kind, _complaint, group) in enumerate(picked):
            now = _at(day, 5 + 4 * k)
            roll = rng.random()
            others_open = [p for p in self.drawn if p.team != team and p.open_on(day)]
            if kind == codes.KIND_DISSATISFACTION and others_open and not self.crossed():
                target = rng.choice(others_open)  # the same trouble in another team: one improvement answers both
            elif kind == codes.KIND_DISSATISFACTION and not opened_here:
                target = self.new_improvement(team, day, group, [voice], now)
                opened_here = True
            elif roll < 0.4 and (own := [p for p in self.drawn if p.team == team and p.open_on(day)]):
                target = rng.choice(own)  # it happened again: the open improvement answers it too
            else:
                target = None
            if target is not None:
                days.decide(uid, voice, D.DECISION_IMPROVEMENT, by=leader, improvement_id=target.uid, now=now)
            elif roll < 0.7:
                days.decide(uid, voice, D.DECISION_NO_IMPROVEMENT, by=leader,
                            reason=rng.choice(T.NO_IMPROVEMENT_REASONS), now=now)
            else:
                days.decide(uid, voice, D.DECISION_SHARED, by=leader, now=now)
            self.made["decisions"] += 1
        if still_open:
            self.made["voice_days_open"] += 1
            return
        days.set_notes(uid, self.notes(team, meeting), by=leader, now=_at(day, 40))
        self.made["decisions"] += close_meeting(self.store, uid, by=leader, now=_at(day, 45))
        self.made["voice_days_closed"] += 1

    def crossed(self) -> bool:
        """Whether some improvement already answers voices of two teams."""
        return self.conn.execute(
            "SELECT EXISTS (SELECT 1 FROM improvement_voices iv JOIN voices v ON v.uid = iv.voice_id "
            "GROUP BY iv.improvement_id HAVING COUNT(DISTINCT v.team) > 1)").fetchone()[0] == 1

    def notes(self, team: str, meeting: dict) -> str:
        counts = dict(self.conn.execute(
            "SELECT kind, COUNT(*) FROM voices WHERE team = ? AND received_at >= ? AND received_at < ? GROUP BY kind",
            (team, meeting["range_from"], f"{meeting['range_to']} 24:00")).fetchall())
        total = sum(counts.values())
        head = (f"今週の声は{total:,}件（お褒め{counts.get('praise', 0):,}件・不満{counts.get('dissatisfaction', 0):,}件"
                f"・要望{counts.get('request', 0):,}件）。")
        return head + "".join(self.rng.sample(T.MEETING_NOTES, 2))

    # --- last month's circulation ------------------------------------------------------------------
    def circulation(self) -> None:
        """Last month's circulation, issued on this month's first working day; about READ_SHARE of staff read it."""
        repo = CirculationRepository(self.store)
        first = self.today.replace(day=1)
        issued = first
        while issued.weekday() == 6 or (issued.month, issued.day) in CLOSED_DAYS:
            issued += timedelta(days=1)
        issued = min(issued, self.today)
        manager = next((m for m in self.staff if m["branch"] == self.home and m["role"] == codes.ROLE_MANAGER),
                       self.staff[0])
        uid = repo.issue(month_of(first - timedelta(days=1)), by=manager["uid"],
                         now=datetime.combine(issued, time(9, 0)))
        # Read on the days from its issue to yesterday: issued this very morning (the demo made on the month's
        # first working day), nobody has read it yet.
        span = (self.today - issued).days - 1
        here = [m for m in self.staff if m["branch"] == self.home]  # each office circulates to its own staff
        readers = self.rng.sample(here, round(len(here) * READ_SHARE)) if span >= 0 else []
        for member in readers:
            day = issued + timedelta(days=self.rng.randint(0, span))
            repo.confirm_read(uid, member["uid"], now=datetime.combine(day, time(self.rng.randint(9, 17),
                                                                                 self.rng.randrange(0, 60, 5))))
            self.made["circulation_reads"] += 1


def close_meeting(store: Store, uid: str, *, by: str, now: datetime) -> int:
    """VoiceDayRepository.close for the demo: the meeting's voices without a decision marked shared in one
    INSERT … SELECT (the triggers write their audit rows), then the meeting closed. Returns how many were marked.

    The office's voices only, as the repository's (each office runs its own voice day). Only for a demo meeting: its
    range follows the team's previous closed one, so no voice is carried over."""
    meeting = VoiceDayRepository(store).get(uid)
    D.check_close(meeting["status"])
    stamp = format_datetime(now)
    order = " ".join(f"WHEN '{kind}' THEN {k}" for k, kind in enumerate(D.KIND_ORDER))
    with store.write() as db:
        # uid: the meeting's first half and the voice's rowid — unique, and the same for the same demo.
        marked = db.conn.execute(
            f"""INSERT INTO voice_decisions (uid, voice_day_id, voice_id, decision, reason, improvement_id,
                    origin_branch, created_at, created_by, updated_at, updated_by)
                SELECT substr(:day, 1, 16) || printf('%016x', v.rowid), :day, v.uid, :shared, '', NULL,
                       :home, :at, :by, :at, :by
                FROM voices v WHERE v.team = :team AND +v.branch_code = :office AND v.received_at >= :first
                  AND v.received_at < :end
                  AND NOT EXISTS (SELECT 1 FROM voice_decisions x WHERE x.voice_day_id = :day AND x.voice_id = v.uid)
                ORDER BY CASE v.kind {order} ELSE {len(D.KIND_ORDER)} END, v.received_at DESC""",
            dict(day=uid, shared=D.DECISION_SHARED, home=store.home_branch, at=stamp, by=by, team=meeting["team"],
                 office=meeting["branch_code"], first=meeting["range_from"], end=f"{meeting['range_to']} 24:00")).rowcount
        records.write_changes(store, "voice_days", meeting,
                              {"status": D.MEETING_CLOSED, "closed_at": stamp, "closed_by": by},
                              by=by, now=now, expected_version=None)
    return marked
