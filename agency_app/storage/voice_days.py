"""The weekly voice day (声の日, R14) of a team: its meeting record, the review it reads, decisions per voice, closing and reopening — all audited."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain import voice_day as D
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.periods import now_tokyo
from agency_app.domain.voice import format_datetime
from agency_app.domain.workflow import is_overdue
from agency_app.storage import records
from agency_app.storage.database import Store
from agency_app.storage.ids import new_uid
from agency_app.storage.records import EditConflict, HistoryEntry, NotAllowed, RecordNotFound

OPEN_ITEMS_SHOWN = 100  # the team's open voices listed (the count says how many there are in all)

__all__ = ["Review", "VoiceDayRepository", "VoiceDayNotFound", "EditConflict", "NotAllowed", "OtherOfficeMeeting",
           "UNCHECKED", "decision_seen"]

UNCHECKED = object()  # decide/undecide without comparing with what a screen showed


def decision_seen(row: dict | None) -> tuple | None:
    """A voice's decision as a screen shows it — what it is, its reason, its improvement — or None: undecided.

    Passed back as `seen` when deciding: a decision another leader made meanwhile (on another PC) is then not
    replaced or taken back unseen."""
    if not row or not row.get("decision"):
        return None
    return row["decision"], row.get("reason") or "", row.get("improvement_id")


class VoiceDayNotFound(RecordNotFound):
    pass


class OtherOfficeMeeting(NotAllowed):
    """A meeting of another office (imported at head office) is only read here: that office runs its voice day."""


@dataclass
class Review:
    """What one voice day reads: the range, the weeks' counts, the voices to go through, the open items."""

    team: str
    range_from: date
    range_to: date
    today: date
    meeting: dict | None = None
    weeks: list[D.WeekCounts] = field(default_factory=list)
    voices: list[dict] = field(default_factory=list)
    open_voices: list[dict] = field(default_factory=list)
    open_voice_count: int = 0
    open_improvements: list[dict] = field(default_factory=list)
    attendees: list[dict] = field(default_factory=list)
    office: str = ""  # the branch code whose voice day this is (its voices, meetings and open items)

    @property
    def undecided(self) -> int:
        return sum(1 for voice in self.voices if not voice["decision"])


def _end(day: date) -> str:
    """A stored received_at bound just after every moment of `day` ('2025-06-10 24:00' sorts after 23:59)."""
    return f"{day.isoformat()} 24:00"


class VoiceDayRepository:
    def __init__(self, store: Store):
        self.store = store

    @property
    def conn(self):
        return self.store.conn

    # --- reading ----------------------------------------------------------------
    # `office`: the branch whose voice day is read — None is this database's own (home_branch). Each office runs its
    # own voice day over its own voices; head office, holding every office's records after imports, reads a
    # branch's by naming it.
    def _office(self, office: str | None) -> str:
        return office or self.store.home_branch

    def teams(self, office: str | None = None) -> list[str]:
        """The office's teams: those of its staff (retired staff's too; staff without an office count as this
        database's own) and of its earlier voice days, in 五十音-free stored order."""
        office = self._office(office)
        rows = self.conn.execute(
            "SELECT team FROM staff WHERE team <> '' AND COALESCE(branch_code, ?) = ? "
            "UNION SELECT team FROM voice_days WHERE branch_code = ? ORDER BY 1",
            (self.store.home_branch, office, office)).fetchall()
        return [row[0] for row in rows]

    def get(self, uid: str) -> dict:
        return records.get_row(self.conn, "voice_days", uid, VoiceDayNotFound)

    def find(self, team: str, held_on: date, office: str | None = None) -> dict | None:
        """The office's meeting of `team` on `held_on`, if there is one."""
        rows = records.dicts(self.conn.execute(
            "SELECT * FROM voice_days WHERE branch_code = ? AND team = ? AND held_on = ?",
            (self._office(office), team, held_on.isoformat())))
        return rows[0] if rows else None

    def meetings(self, team: str | None = None, limit: int = 50, *, branch_code: str | None = None) -> list[dict]:
        """Voice days newest first, each with its leader's name and how many voices it decided.

        `branch_code`: one office's; None every office's (a list, as the other lists: head office's consolidated
        view — each row says its office in branch_code)."""
        sql = ("SELECT d.*, s.name AS leader_name, "
               "(SELECT COUNT(*) FROM voice_decisions x WHERE x.voice_day_id = d.uid) AS decided "
               "FROM voice_days d LEFT JOIN staff s ON s.uid = d.leader_id")
        where, params = [], []
        if team is not None:
            where.append("d.team = ?")
            params.append(team)
        if branch_code:
            where.append("d.branch_code = ?")
            params.append(branch_code)
        if where:
            sql += " WHERE " + " AND ".join(where)
        return records.dicts(self.conn.execute(sql + " ORDER BY d.held_on DESC, d.rowid DESC LIMIT ?",
                                               (*params, limit)))

    def last_closed(self, team: str, before: date | None = None, office: str | None = None) -> dict | None:
        """The office's latest closed voice day of the team (before `before`, if given)."""
        sql, params = ("SELECT * FROM voice_days WHERE branch_code = ? AND team = ? AND status = 'closed'",
                       [self._office(office), team])
        if before is not None:
            sql += " AND held_on < ?"
            params.append(before.isoformat())
        rows = records.dicts(self.conn.execute(sql + " ORDER BY held_on DESC, rowid DESC LIMIT 1", params))
        return rows[0] if rows else None

    def default_range(self, team: str, held_on: date, office: str | None = None) -> tuple[date, date]:
        """R14: from the day after the team's last voice day before this one (a week when none) to `held_on`."""
        last = self.last_closed(team, before=held_on, office=office)
        return D.default_range(date.fromisoformat(last["held_on"]) if last else None, held_on)

    def attendees(self, uid: str) -> list[dict]:
        return records.dicts(self.conn.execute(
            """SELECT s.uid, s.name, s.kana, s.team, s.role FROM voice_day_attendees a JOIN staff s ON s.uid = a.staff_id
               WHERE a.voice_day_id = ? ORDER BY s.kana, s.name""", (uid,)))

    def decision_now(self, uid: str, voice_uid: str) -> tuple | None:
        """The voice's decision at this meeting as it is stored now (decision_seen's form)."""
        return decision_seen(next(iter(records.dicts(self.conn.execute(
            "SELECT * FROM voice_decisions WHERE voice_day_id = ? AND voice_id = ?", (uid, voice_uid)))), None))

    def shared_on(self, voice_uid: str) -> str | None:
        """R14: the day of the first closed voice day that went through this voice, or None."""
        row = self.conn.execute(
            """SELECT MIN(d.held_on) FROM voice_decisions x JOIN voice_days d ON d.uid = x.voice_day_id
               WHERE x.voice_id = ? AND d.status = 'closed'""", (voice_uid,)).fetchone()
        return row[0] if row else None

    def review(self, team: str, range_from: date, range_to: date, *, meeting_uid: str | None = None,
               today: date | None = None, office: str | None = None) -> Review:
        """What the office's voice day of `team` over the range shows (R14): the office's voices only; with a
        meeting (whose office it then is), its decisions and attendees."""
        today = today or now_tokyo().date()
        meeting = self.get(meeting_uid) if meeting_uid else None
        office = meeting["branch_code"] if meeting else self._office(office)
        review = Review(team=team, range_from=range_from, range_to=range_to, today=today, meeting=meeting,
                        office=office)
        review.weeks = self._week_counts(team, range_to, office)
        closed = meeting is not None and meeting["status"] == D.MEETING_CLOSED
        review.voices = self._voices(team, range_from, range_to, meeting_uid, today, office, closed=closed)
        review.open_voices, review.open_voice_count = self._open_voices(team, today, office)
        review.open_improvements = self._open_improvements(team, today, office)
        if meeting_uid:
            review.attendees = self.attendees(meeting_uid)
        return review

    def meeting_review(self, uid: str, today: date | None = None) -> Review:
        meeting = self.get(uid)
        return self.review(meeting["team"], date.fromisoformat(meeting["range_from"]),
                           date.fromisoformat(meeting["range_to"]), meeting_uid=uid, today=today)

    # The office is tested with a unary '+' throughout: a filter on the rows the team's indexes find, never an index
    # of its own (an agency of one office holds only its own voices; the plans stay those measured on the demo).
    def _week_counts(self, team: str, range_to: date, office: str) -> list[D.WeekCounts]:
        weeks = D.weeks_before(range_to)
        counts = [D.WeekCounts(week) for week in weeks]
        rows = self.conn.execute(
            """SELECT substr(received_at, 1, 10), kind, COALESCE(category_group, ''), COUNT(*) FROM voices
               WHERE team = ? AND +branch_code = ? AND received_at >= ? AND received_at < ? GROUP BY 1, 2, 3""",
            (team, office, weeks[0].first.isoformat(), _end(weeks[-1].last)))
        for day, kind, group, count in rows:
            index = D.week_index(weeks, date.fromisoformat(day))
            if index is None:
                continue
            by_kind, by_category = counts[index].by_kind, counts[index].by_category
            by_kind[kind] = by_kind.get(kind, 0) + count
            by_category[group] = by_category.get(group, 0) + count
        return counts

    _VOICE_COLUMNS = """v.uid, v.received_at, v.kind, v.is_complaint, v.category_group, v.category_item,
        v.customer_name, v.customer_id, v.summary, v.body, v.status, v.due_date, v.team, v.assignee_id,
        v.callback_at, a.name AS assignee_name"""

    def _voices(self, team: str, range_from: date, range_to: date, meeting_uid: str | None,
                today: date, office: str, *, closed: bool = False) -> list[dict]:
        """The team's voices received in the range, and — carried over — its voices received since its first voice
        day that no closed voice day has gone through yet (missed, or moved in from another team).

        A closed meeting went through its voices: those it decided, whatever came into the range or moved out of
        the team since (a voice received after it closed comes to the next one)."""
        if closed:
            voices = records.dicts(self.conn.execute(
                f"SELECT {self._VOICE_COLUMNS}, v.received_at < ? AS carried_over FROM voice_decisions x "
                "JOIN voices v ON v.uid = x.voice_id LEFT JOIN staff a ON a.uid = v.assignee_id "
                "WHERE x.voice_day_id = ?", (range_from.isoformat(), meeting_uid)))
            return self._with_decisions(voices, meeting_uid, today)
        first = self.conn.execute("SELECT MIN(range_from) FROM voice_days WHERE branch_code = ? AND team = ?",
                                  (office, team)).fetchone()[0]
        unshared = ("NOT EXISTS (SELECT 1 FROM voice_decisions x JOIN voice_days d ON d.uid = x.voice_day_id "
                    "WHERE x.voice_id = v.uid AND d.status = 'closed' AND d.uid IS NOT ?)")
        sql = (f"SELECT {self._VOICE_COLUMNS}, 0 AS carried_over FROM voices v "
               "LEFT JOIN staff a ON a.uid = v.assignee_id "
               "WHERE v.team = ? AND +v.branch_code = ? AND v.received_at >= ? AND v.received_at < ?")
        params: list = [team, office, range_from.isoformat(), _end(range_to)]
        if first is not None and first < range_from.isoformat():
            sql += (f" UNION ALL SELECT {self._VOICE_COLUMNS}, 1 FROM voices v "
                    "LEFT JOIN staff a ON a.uid = v.assignee_id "
                    f"WHERE v.team = ? AND +v.branch_code = ? AND v.received_at >= ? AND v.received_at < ? "
                    f"AND {unshared}")
            params += [team, office, first, range_from.isoformat(), meeting_uid]
        return self._with_decisions(records.dicts(self.conn.execute(sql, params)), meeting_uid, today)

    def _with_decisions(self, voices: list[dict], meeting_uid: str | None, today: date) -> list[dict]:
        decisions = {}
        if meeting_uid:
            decisions = {row["voice_id"]: row for row in records.dicts(self.conn.execute(
                "SELECT voice_id, decision, reason, improvement_id FROM voice_decisions WHERE voice_day_id = ?",
                (meeting_uid,)))}
        for voice in voices:
            decided = decisions.get(voice["uid"], {})
            voice.update(decision=decided.get("decision"), reason=decided.get("reason") or "",
                         improvement_id=decided.get("improvement_id"), carried_over=bool(voice["carried_over"]),
                         overdue=is_overdue(voice["status"], voice["due_date"], today))
        voices.sort(key=D.review_order_key)
        return voices

    def _open_voices(self, team: str, today: date, office: str) -> tuple[list[dict], int]:
        # Through the status index (the open voices are few) — `+v.team` keeps SQLite off the team's index, which
        # would read every voice the team ever received (425,612 of the 1M demo's: 0.4–0.5 s).
        where = "+v.team = ? AND +v.branch_code = ? AND v.status IN ('new', 'in_progress')"
        total = self.conn.execute(f"SELECT COUNT(*) FROM voices v WHERE {where}", (team, office)).fetchone()[0]
        rows = records.dicts(self.conn.execute(
            f"SELECT {self._VOICE_COLUMNS} FROM voices v LEFT JOIN staff a ON a.uid = v.assignee_id WHERE {where} "
            "ORDER BY v.due_date IS NULL, v.due_date, v.received_at LIMIT ?", (team, office, OPEN_ITEMS_SHOWN)))
        for row in rows:
            row["overdue"] = is_overdue(row["status"], row["due_date"], today)
        return rows, total

    def _open_improvements(self, team: str, today: date, office: str) -> list[dict]:
        """The office's open improvements of the team, and any answering one of the office's voices of the team."""
        rows = records.dicts(self.conn.execute(
            """SELECT i.*, s.name AS owner_name FROM improvements i LEFT JOIN staff s ON s.uid = i.owner_id
               WHERE i.status IN ('new', 'in_progress') AND ((i.team = ?1 AND i.branch_code = ?2) OR EXISTS (
                   SELECT 1 FROM improvement_voices iv JOIN voices v ON v.uid = iv.voice_id
                   WHERE iv.improvement_id = i.uid AND v.team = ?1 AND v.branch_code = ?2))
               ORDER BY i.due_date IS NULL, i.due_date, i.opened_on""", (team, office)))
        for row in rows:
            row["overdue"] = is_overdue(row["status"], row["due_date"], today)
        return rows

    def history(self, uid: str) -> list[HistoryEntry]:
        """Every recorded change of the meeting, its attendees and its decisions, oldest first (R11).

        An attendee's row is shown as field 'attendees' (old or new value: the staff uid); a decision's as field
        'decision:<voice uid>' with the decision made or taken back (one made is followed by its reason and its
        improvement as 'decision:<voice uid>:reason' / ':improvement_id' rows, when it has them). Rows taken back are found by their '*deleted'
        audit rows (indexed by migration 0012: the audit log is never read whole)."""
        own = records.numbered_history(self.conn, "voice_days", uid)
        rows = self.conn.execute(
            """SELECT a.changed_at, a.changed_by, s.name, a.entity, a.field, a.old_value, a.new_value, a.record_uid,
                      a.id
               FROM audit_log a LEFT JOIN staff s ON s.uid = a.changed_by
               WHERE a.entity IN ('voice_day_attendees', 'voice_decisions') AND a.record_uid IN (
                   SELECT uid FROM voice_day_attendees WHERE voice_day_id = ?1
                   UNION SELECT uid FROM voice_decisions WHERE voice_day_id = ?1
                   UNION SELECT record_uid FROM audit_log WHERE entity = 'voice_day_attendees' AND field = '*deleted'
                         AND json_extract(old_value, '$.voice_day_id') = ?1
                   UNION SELECT record_uid FROM audit_log WHERE entity = 'voice_decisions' AND field = '*deleted'
                         AND json_extract(old_value, '$.voice_day_id') = ?1)
                 AND a.field NOT IN ('*baseline', '*continues')
               ORDER BY a.id""", (uid,)).fetchall()
        voice_of = {}
        for _at, _by, _name, entity, name, old, new, record_uid, _id in rows:
            if name in ("*created", "*deleted"):
                values = records.HistoryEntry("", None, None, name, old, new).values
                voice_of[record_uid] = values.get("voice_id") or values.get("staff_id")
        entries = []
        for at, by, name, entity, column, old, new, record_uid, audit_id in rows:
            if entity == "voice_day_attendees":
                entries.append((audit_id, HistoryEntry(at, by, name, "attendees",
                                                       voice_of.get(record_uid) if column == "*deleted" else None,
                                                       voice_of.get(record_uid) if column == "*created" else None)))
                continue
            label = f"decision:{voice_of.get(record_uid, '')}"
            if column in ("*created", "*deleted"):
                values = records.HistoryEntry("", None, None, column, old, new).values
                entries.append((audit_id, HistoryEntry(
                    at, by, name, label, values.get("decision") if column == "*deleted" else None,
                    values.get("decision") if column == "*created" else None)))
                if column == "*created":  # what the decision names: its reason, the improvement it went to
                    entries += [(audit_id, HistoryEntry(at, by, name, f"{label}:{part}", None, values[part]))
                                for part in ("reason", "improvement_id") if values.get(part)]
            else:
                entries.append((audit_id, HistoryEntry(at, by, name, f"{label}:{column}", old, new)))
        return records.merged_history(own, entries)

    # --- writing ----------------------------------------------------------------
    def _own(self, uid: str) -> dict:
        """The meeting, when this database's office holds it (OtherOfficeMeeting otherwise): head office reads a
        branch's voice day but never writes it — the branch runs it, and its own record comes back in its bundle."""
        current = self.get(uid)
        if current["branch_code"] != self.store.home_branch:
            raise OtherOfficeMeeting(uid)
        return current

    def _staff(self, uid: str) -> dict | None:
        rows = records.dicts(self.conn.execute("SELECT uid, role FROM staff WHERE uid = ?", (uid,)))
        return rows[0] if rows else None

    def open_meeting(self, team: str, held_on: date, leader_id: str, *, by: str,
                     range_from: date | None = None, range_to: date | None = None,
                     now: datetime | None = None) -> str:
        """Start the record of `team`'s voice day on `held_on` (or return the one already started that day)."""
        now = now or now_tokyo()
        team = team.strip()
        if not team:
            raise ValidationFailed([FieldError("team", D.NO_TEAM)])
        if self._staff(leader_id) is None:
            raise ValidationFailed([FieldError("leader_id", E.UNKNOWN_CHOICE)])
        default_from, default_to = self.default_range(team, held_on)
        range_from, range_to = range_from or default_from, range_to or default_to
        D.check_range(range_from, range_to, held_on)
        with self.store.write() as db:
            existing = self.find(team, held_on)
            if existing is not None:  # another leader, or another window, started it a moment ago
                return existing["uid"]
            uid = new_uid()
            records.insert_row(db.conn, "voice_days", dict(
                uid=uid, branch_code=self.store.home_branch, team=team, held_on=held_on.isoformat(),
                range_from=range_from.isoformat(), range_to=range_to.isoformat(), leader_id=leader_id,
                status=D.MEETING_OPEN, **records.new_record(self.store, by, now)))
        return uid

    def set_range(self, uid: str, range_from: date, range_to: date, *, by: str,
                  expected_version: int | None = None, now: datetime | None = None) -> None:
        now = now or now_tokyo()
        current = self._own(uid)
        D.check_open(current["status"])
        D.check_range(range_from, range_to, date.fromisoformat(current["held_on"]))
        records.write_changes(self.store, "voice_days", current,
                              {"range_from": range_from.isoformat(), "range_to": range_to.isoformat()},
                              by=by, now=now, expected_version=expected_version)

    def set_notes(self, uid: str, notes: str, *, by: str, expected_version: int | None = None,
                  now: datetime | None = None) -> None:
        """The meeting's notes (kept as typed); a stale version (another leader saved meanwhile) is refused."""
        now = now or now_tokyo()
        current = self._own(uid)
        D.check_open(current["status"])
        notes = notes.strip()
        if len(notes) > D.NOTES_MAX:
            raise ValidationFailed([FieldError("notes", E.TOO_LONG, {"max": D.NOTES_MAX})])
        records.write_changes(self.store, "voice_days", current, {"notes": notes}, by=by, now=now,
                              expected_version=expected_version, check_unchanged=expected_version is not None)

    def set_leader(self, uid: str, leader_id: str, *, by: str, now: datetime | None = None) -> None:
        now = now or now_tokyo()
        current = self._own(uid)
        D.check_open(current["status"])
        if self._staff(leader_id) is None:
            raise ValidationFailed([FieldError("leader_id", E.UNKNOWN_CHOICE)])
        records.write_changes(self.store, "voice_days", current, {"leader_id": leader_id}, by=by, now=now,
                              expected_version=None)

    def set_attendees(self, uid: str, staff_ids, *, by: str, shown=None, now: datetime | None = None) -> None:
        """Who attended: those added are recorded, those removed deleted (the history keeps both).

        `shown`: the attendees the dialog started from. Then only what this user changed is applied — ticked or
        unticked here — and a member another leader added or removed meanwhile stays as they left it (two
        leaders ticking at once never undo each other)."""
        now = now or now_tokyo()
        wanted = list(dict.fromkeys(staff_ids))
        for staff_id in wanted:
            if self._staff(staff_id) is None:
                raise ValidationFailed([FieldError("attendees", E.UNKNOWN_CHOICE)])
        with self.store.write() as db:
            D.check_open(self._own(uid)["status"])
            present = dict(db.conn.execute(
                "SELECT staff_id, uid FROM voice_day_attendees WHERE voice_day_id = ?", (uid,)).fetchall())
            if shown is not None:
                shown = set(shown)
                removed = shown - set(wanted)
                wanted = [m for m in present if m not in removed] + [m for m in wanted if m not in shown]
            for staff_id, row_uid in present.items():
                if staff_id not in wanted:
                    records.delete_row(self.store, "voice_day_attendees", row_uid, by=by, now=now)
            for staff_id in wanted:
                if staff_id not in present:
                    records.insert_row(db.conn, "voice_day_attendees", dict(
                        uid=new_uid(), voice_day_id=uid, staff_id=staff_id,
                        **records.new_record(self.store, by, now)))

    def decide(self, uid: str, voice_uid: str, decision: str, *, by: str, reason: str = "",
               improvement_id: str | None = None, seen=UNCHECKED, now: datetime | None = None) -> None:
        """Record what the meeting decided about one voice (R14); deciding again replaces it (audited).

        Linking to an improvement also records that the improvement answers the voice (R12).
        `seen`: the voice's decision as the screen showed it (decision_seen); EditConflict when it is not so now."""
        now = now or now_tokyo()
        values = D.check_decision(decision, reason=reason, improvement_id=improvement_id)
        if not self.conn.execute("SELECT 1 FROM voices WHERE uid = ?", (voice_uid,)).fetchone():
            raise ValidationFailed([FieldError("voice", E.UNKNOWN_CHOICE)])
        if improvement_id and not self.conn.execute("SELECT 1 FROM improvements WHERE uid = ?",
                                                    (improvement_id,)).fetchone():
            raise ValidationFailed([FieldError("improvement_id", E.UNKNOWN_CHOICE)])
        with self.store.write() as db:
            D.check_open(self._own(uid)["status"])
            rows = records.dicts(db.conn.execute(
                "SELECT * FROM voice_decisions WHERE voice_day_id = ? AND voice_id = ?", (uid, voice_uid)))
            if seen is not UNCHECKED and decision_seen(rows[0] if rows else None) != seen:
                raise EditConflict(voice_uid)
            if rows:
                records.write_changes(self.store, "voice_decisions", rows[0], values, by=by, now=now,
                                      expected_version=None)
            else:
                records.insert_row(db.conn, "voice_decisions", dict(
                    values, uid=new_uid(), voice_day_id=uid, voice_id=voice_uid,
                    **records.new_record(self.store, by, now)))
            if improvement_id and not db.conn.execute(
                    "SELECT 1 FROM improvement_voices WHERE improvement_id = ? AND voice_id = ?",
                    (improvement_id, voice_uid)).fetchone():
                records.insert_row(db.conn, "improvement_voices", dict(
                    uid=new_uid(), improvement_id=improvement_id, voice_id=voice_uid,
                    **records.new_record(self.store, by, now)))

    def undecide(self, uid: str, voice_uid: str, *, by: str, seen=UNCHECKED, now: datetime | None = None) -> bool:
        """Take a decision back while the meeting is open (an improvement keeps the voice: unlink it there).

        `seen`: as for decide — a decision changed meanwhile elsewhere is not taken back unseen."""
        now = now or now_tokyo()
        with self.store.write():
            D.check_open(self._own(uid)["status"])
            rows = records.dicts(self.conn.execute(
                "SELECT * FROM voice_decisions WHERE voice_day_id = ? AND voice_id = ?", (uid, voice_uid)))
            if seen is not UNCHECKED and decision_seen(rows[0] if rows else None) != seen:
                raise EditConflict(voice_uid)
            if not rows:
                return False
            records.delete_row(self.store, "voice_decisions", rows[0]["uid"], by=by, now=now)
        return True

    def close(self, uid: str, *, by: str, now: datetime | None = None, expected_version: int | None = None) -> int:
        """Close the meeting: every voice it went through without a decision is marked shared at this voice day
        (R14). Returns how many were marked. Closing a closed meeting is refused with ALREADY_CLOSED."""
        now = now or now_tokyo()
        with self.store.write() as db:
            current = self._own(uid)
            if expected_version is not None and current["version"] != expected_version:
                raise EditConflict(uid)
            D.check_close(current["status"])
            review = self.meeting_review(uid, today=now.date())
            record = records.new_record(self.store, by, now)
            marked = 0
            for voice in review.voices:
                if voice["decision"] is None:
                    records.insert_row(db.conn, "voice_decisions", dict(
                        uid=new_uid(), voice_day_id=uid, voice_id=voice["uid"], decision=D.DECISION_SHARED,
                        reason="", improvement_id=None, **record))
                    marked += 1
            records.write_changes(self.store, "voice_days", current,
                                  {"status": D.MEETING_CLOSED, "closed_at": format_datetime(now), "closed_by": by},
                                  by=by, now=now, expected_version=None)
        return marked

    def reopen(self, uid: str, *, by: str, note: str = "", now: datetime | None = None) -> None:
        """Reopen a closed meeting — its leader or a manager only; the reopening is counted and in the history."""
        now = now or now_tokyo()
        note = note.strip()
        if len(note) > D.REASON_MAX:
            raise ValidationFailed([FieldError("reopen_note", E.TOO_LONG, {"max": D.REASON_MAX})])
        staff = self._staff(by)
        with self.store.write():  # checked and written at once: two leaders reopening together reopen it once
            current = self._own(uid)
            if not D.may_reopen(current["status"], by=by, leader_id=current["leader_id"],
                                by_is_manager=bool(staff and staff["role"] == codes.ROLE_MANAGER)):
                raise NotAllowed(uid)
            records.write_changes(self.store, "voice_days", current, {
                "status": D.MEETING_OPEN, "closed_at": None, "closed_by": None,
                "reopen_count": current["reopen_count"] + 1, "reopen_note": note or None}, by=by, now=now,
                expected_version=None)
