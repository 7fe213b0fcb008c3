"""The monthly circulation (回覧) of an office's voices to its staff: the month's sheet, and who has confirmed reading it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from agency_app.domain import errors as E
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.periods import now_tokyo
from agency_app.domain.voice import format_datetime
from agency_app.storage import records
from agency_app.storage.database import Store
from agency_app.storage.ids import new_uid
from agency_app.storage.records import RecordNotFound

MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")  # ASCII digits: the stored form (\d takes ２０２５ too)
BAD_MONTH = "circulation_bad_month"
MONTH_AHEAD = "circulation_month_ahead"


class CirculationNotFound(RecordNotFound):
    pass


@dataclass(frozen=True)
class Reader:
    """One active staff member and when they confirmed reading the circulation (None: not yet)."""

    staff_uid: str
    name: str
    team: str
    read_at: str | None


def month_bounds(month: str) -> tuple[date, date]:
    """'2025-06' → its first day and the first day of the next month; a month that cannot be is refused."""
    match = MONTH.fullmatch(month)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValidationFailed([FieldError("month", BAD_MONTH)])
    year, number = int(match.group(1)), int(match.group(2))
    first = date(year, number, 1)
    return first, date(year + number // 12, number % 12 + 1, 1)


def month_of(day: date) -> str:
    return day.strftime("%Y-%m")


class CirculationRepository:
    """Each office circulates its own voices to its own staff (one circulation per office and month).

    `office`: a branch code, None for this database's own (home_branch) — head office, holding every office's
    records after imports, reads a branch's circulation by naming it; issuing is always the database's own."""

    def __init__(self, store: Store):
        self.store = store

    @property
    def conn(self):
        return self.store.conn

    def issue(self, month: str, *, by: str, now: datetime | None = None) -> str:
        """Issue the month's circulation (one per month and office; the existing one when issued already)."""
        now = now or now_tokyo()
        first, _next = month_bounds(month)
        if first > now.date():
            raise ValidationFailed([FieldError("month", MONTH_AHEAD)])
        with self.store.write() as db:
            found = self.for_month(month)
            if found is not None:
                return found["uid"]
            uid = new_uid()
            records.insert_row(db.conn, "circulations", dict(
                uid=uid, branch_code=self.store.home_branch, month=month, issued_on=now.date().isoformat(),
                issued_by=by, **records.new_record(self.store, by, now)))
        return uid

    def get(self, uid: str) -> dict:
        return records.get_row(self.conn, "circulations", uid, CirculationNotFound)

    def _office(self, office: str | None) -> str:
        return office or self.store.home_branch

    def for_month(self, month: str, office: str | None = None) -> dict | None:
        rows = records.dicts(self.conn.execute("SELECT * FROM circulations WHERE branch_code = ? AND month = ?",
                                               (self._office(office), month)))
        return rows[0] if rows else None

    def recent(self, limit: int = 12, office: str | None = None) -> list[dict]:
        """The office's latest circulations, newest month first, each with how many have read it."""
        return records.dicts(self.conn.execute(
            """SELECT c.*, (SELECT COUNT(*) FROM circulation_reads r WHERE r.circulation_id = c.uid) AS read_count
               FROM circulations c WHERE c.branch_code = ? ORDER BY c.month DESC LIMIT ?""",
            (self._office(office), limit)))

    def voices(self, month: str, office: str | None = None) -> list[dict]:
        """Every voice the office received in the month, of every team, in the order received (the sheet its staff
        read); another office's voices are on that office's circulation."""
        first, following = month_bounds(month)
        return records.dicts(self.conn.execute(
            """SELECT v.uid, v.received_at, v.team, v.kind, v.is_complaint, v.category_group, v.category_item,
                      v.channel, v.summary, v.body, v.response, v.status
               FROM voices v WHERE v.branch_code = ? AND v.received_at >= ? AND v.received_at < ?
               ORDER BY v.received_at, v.rowid""",
            (self._office(office), first.isoformat(), following.isoformat())))

    def confirm_read(self, uid: str, staff_uid: str, *, now: datetime | None = None) -> bool:
        """The signed-in staff member confirms having read it; False when they had already (the first stays)."""
        now = now or now_tokyo()
        self.get(uid)
        if not self.conn.execute("SELECT 1 FROM staff WHERE uid = ?", (staff_uid,)).fetchone():
            raise ValidationFailed([FieldError("staff", E.UNKNOWN_CHOICE)])
        with self.store.write() as db:
            if db.conn.execute("SELECT 1 FROM circulation_reads WHERE circulation_id = ? AND staff_id = ?",
                               (uid, staff_uid)).fetchone():
                return False
            records.insert_row(db.conn, "circulation_reads", dict(
                uid=new_uid(), circulation_id=uid, staff_id=staff_uid, read_at=format_datetime(now),
                **records.new_record(self.store, staff_uid, now)))
        return True

    def readers(self, uid: str) -> list[Reader]:
        """Every active staff member of the circulation's office with when they read it — those who have not first
        (the manager chases them), then in 五十音 order; anyone who had read it stays listed (retired since).
        Staff without an office are this database's own; another office's staff (imported at head office) read
        their own office's circulation, not this one."""
        office = self.get(uid)["branch_code"]
        rows = self.conn.execute(
            """SELECT s.uid, s.name, s.team, r.read_at FROM staff s
               LEFT JOIN circulation_reads r ON r.staff_id = s.uid AND r.circulation_id = ?
               WHERE (s.active = 1 AND COALESCE(s.branch_code, ?) = ?) OR r.read_at IS NOT NULL
               ORDER BY r.read_at IS NOT NULL, s.kana, s.name""", (uid, self.store.home_branch, office)).fetchall()
        return [Reader(*row) for row in rows]

    def unread_for(self, staff_uid: str) -> list[dict]:
        """The circulations of this staff member's office they have not confirmed yet, oldest first (today's work
        names them): a branch's circulation, imported at head office, is not head office staff's to read."""
        return records.dicts(self.conn.execute(
            """SELECT c.* FROM circulations c
               WHERE c.branch_code = COALESCE((SELECT branch_code FROM staff WHERE uid = ?1), ?2) AND NOT EXISTS (
                   SELECT 1 FROM circulation_reads r WHERE r.circulation_id = c.uid AND r.staff_id = ?1)
               ORDER BY c.month""", (staff_uid, self.store.home_branch)))
