"""Improvement records (改善, R12): create, edit, link the voices they answer, close, record the report to the insurer — all audited."""

from __future__ import annotations

from datetime import date, datetime

from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.improvements import (
    REPORTED_BEFORE_OPENED, ImprovementInput, check_reported, improvement_search_text, improvement_status_change, validate_improvement,
)
from agency_app.domain.periods import now_tokyo
from agency_app.domain.search_limits import capped_terms
from agency_app.domain.workflow import StatusChange, status_values
from agency_app.storage import records
from agency_app.storage.database import Store
from agency_app.storage.ids import new_uid
from agency_app.storage.records import EditConflict, HistoryEntry, RecordNotFound

# Columns a plain edit may change (status moves and the report go through their own calls).
EDITABLE = ("title", "cause", "action", "team", "owner_id", "opened_on", "due_date", "search_text")

__all__ = ["ImprovementRepository", "ImprovementNotFound", "EditConflict", "HistoryEntry"]


class ImprovementNotFound(RecordNotFound):
    pass


class ImprovementRepository:
    def __init__(self, store: Store):
        self.store = store

    def _staff_ids(self) -> set[str]:
        return {r[0] for r in self.store.conn.execute("SELECT uid FROM staff")}

    def _check_voices(self, voice_uids) -> None:
        for uid in voice_uids:
            if not self.store.conn.execute("SELECT 1 FROM voices WHERE uid = ?", (uid,)).fetchone():
                raise ValidationFailed([FieldError("voices", E.UNKNOWN_CHOICE)])

    # --- writing ----------------------------------------------------------------
    def create(self, entry: ImprovementInput, *, by: str, voice_uids: tuple[str, ...] | list[str] = (),
               now: datetime | None = None) -> str:
        """Validate and save a new improvement (未対応), answering `voice_uids` (of any team); return its uid."""
        now = now or now_tokyo()
        values = validate_improvement(entry, now=now, staff_ids=self._staff_ids())
        self._check_voices(voice_uids)
        uid = new_uid()
        record = records.new_record(self.store, by, now)
        row = dict(values, uid=uid, branch_code=self.store.home_branch, status=codes.STATUS_NEW, **record)
        with self.store.write() as db:
            records.insert_row(db.conn, "improvements", row)
            for voice_uid in dict.fromkeys(voice_uids):
                self._insert_link(db.conn, uid, voice_uid, record)
        return uid

    def update(self, uid: str, entry: ImprovementInput, *, by: str, expected_version: int | None = None,
               now: datetime | None = None) -> None:
        """Save an edited improvement; only changed columns are written (and so audited)."""
        now = now or now_tokyo()
        current = self.get(uid)
        values = validate_improvement(entry, now=max(now, datetime.fromisoformat(current["opened_on"])),
                                      staff_ids=self._staff_ids())
        if current["completed_on"] and values["opened_on"] > current["completed_on"]:
            raise ValidationFailed([FieldError("opened_on", E.COMPLETION_BEFORE_RECEIPT)])
        if current["reported_on"] and values["opened_on"] > current["reported_on"]:  # as check_reported refuses
            raise ValidationFailed([FieldError("opened_on", REPORTED_BEFORE_OPENED)])
        values = {k: v for k, v in values.items() if k in EDITABLE}
        # As for voices and cases: a closed item's due date stays as it was when it closed (R23).
        if current["status"] in codes.CLOSED_STATUSES and values["due_date"] != current["due_date"]:
            raise ValidationFailed([FieldError("due_date", E.DUE_DATE_OF_CLOSED)])
        records.write_changes(self.store, "improvements", current, values, by=by, now=now,
                              expected_version=expected_version)

    def change_status(self, uid: str, change: StatusChange, *, by: str, today: date | None = None,
                      now: datetime | None = None, expected_version: int | None = None) -> None:
        """Move an improvement through 未対応 → 対応中 → 完了 / 見送り (R6–R7, R12: 完了 is the done date)."""
        now = now or now_tokyo()
        today = today or now.date()
        current = self.get(uid)
        values = improvement_status_change(current["status"], change,
                                           opened_on=date.fromisoformat(current["opened_on"]), today=today)
        values = status_values(current, values, self._staff_ids())
        if "action" in values:
            values["search_text"] = improvement_search_text(current["title"], current["cause"], values["action"])
        records.write_changes(self.store, "improvements", current, values, by=by, now=now,
                              expected_version=expected_version)

    def mark_reported(self, uid: str, reported_on: str, insurer: str = "", *, by: str,
                      now: datetime | None = None, expected_version: int | None = None) -> None:
        """Record when (and to which insurer) the improvement was reported; an empty day takes it back."""
        now = now or now_tokyo()
        current = self.get(uid)
        values = check_reported(reported_on, insurer, opened_on=date.fromisoformat(current["opened_on"]),
                                today=now.date())
        records.write_changes(self.store, "improvements", current, values, by=by, now=now,
                              expected_version=expected_version)

    def link_voice(self, uid: str, voice_uid: str, *, by: str, now: datetime | None = None) -> bool:
        """Add a voice this improvement answers; False when it was linked already."""
        now = now or now_tokyo()
        self.get(uid)
        self._check_voices([voice_uid])
        with self.store.write() as db:
            if db.conn.execute("SELECT 1 FROM improvement_voices WHERE improvement_id = ? AND voice_id = ?",
                               (uid, voice_uid)).fetchone():
                return False
            self._insert_link(db.conn, uid, voice_uid, records.new_record(self.store, by, now))
        return True

    def unlink_voice(self, uid: str, voice_uid: str, *, by: str, now: datetime | None = None) -> bool:
        """Remove a voice from this improvement (the history keeps that it was linked); False when it was not."""
        now = now or now_tokyo()
        row = self.store.conn.execute("SELECT uid FROM improvement_voices WHERE improvement_id = ? AND voice_id = ?",
                                      (uid, voice_uid)).fetchone()
        if row is None:
            return False
        records.delete_row(self.store, "improvement_voices", row[0], by=by, now=now)
        return True

    @staticmethod
    def _insert_link(conn, uid: str, voice_uid: str, record: dict) -> None:
        records.insert_row(conn, "improvement_voices",
                           dict(uid=new_uid(), improvement_id=uid, voice_id=voice_uid, **record))

    # --- reading ----------------------------------------------------------------
    def get(self, uid: str) -> dict:
        return records.get_row(self.store.conn, "improvements", uid, ImprovementNotFound)

    def as_input(self, uid: str) -> ImprovementInput:
        """The stored improvement in the shape the entry form edits."""
        row = self.get(uid)
        return ImprovementInput.from_dict({k: row.get(k) for k in EDITABLE})

    def voices(self, uid: str) -> list[dict]:
        """The voices this improvement answers, oldest first (any team)."""
        return records.dicts(self.store.conn.execute(
            """SELECT v.uid, v.received_at, v.kind, v.is_complaint, v.summary, v.status, v.team, v.due_date,
                      v.category_group, v.category_item
               FROM improvement_voices iv JOIN voices v ON v.uid = iv.voice_id
               WHERE iv.improvement_id = ? ORDER BY v.received_at, v.uid""", (uid,)))

    def for_voice(self, voice_uid: str) -> list[dict]:
        """The improvements that answer this voice, newest first."""
        return records.dicts(self.store.conn.execute(
            """SELECT i.* FROM improvement_voices iv JOIN improvements i ON i.uid = iv.improvement_id
               WHERE iv.voice_id = ? ORDER BY i.opened_on DESC, i.rowid DESC""", (voice_uid,)))

    def listed(self, *, status: str | None = None, open_only: bool = False, team: str | None = None,
               text: str = "", branch_code: str | None = None, limit: int = 500) -> list[dict]:
        """Improvements for the list and pickers: open ones by due date first, then the rest newest first,
        each with its owner's name and how many voices it answers. An agency makes tens a year, not millions."""
        where, params = [], []
        if status:
            where.append("i.status = ?")
            params.append(status)
        if open_only:
            where.append("i.status IN ('new', 'in_progress')")
        if team:
            where.append("i.team = ?")
            params.append(team)
        if branch_code:  # the office that owns it; None = every office (head office's view)
            where.append("i.branch_code = ?")
            params.append(branch_code)
        for word in capped_terms(improvement_search_text(text, "", "").split()):  # one AND each: SQLite's limits
            where.append("i.search_text LIKE ? ESCAPE '\\'")
            params.append("%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        sql = ("SELECT i.*, s.name AS owner_name, "
               "(SELECT COUNT(*) FROM improvement_voices iv WHERE iv.improvement_id = i.uid) AS voice_count "
               "FROM improvements i LEFT JOIN staff s ON s.uid = i.owner_id")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += (" ORDER BY i.status IN ('done', 'dropped'), CASE WHEN i.status IN ('new', 'in_progress') "
                "THEN i.due_date END, i.opened_on DESC, i.rowid DESC LIMIT ?")
        return records.dicts(self.store.conn.execute(sql, (*params, limit)))

    def history(self, uid: str) -> list[HistoryEntry]:
        """Every recorded change of the improvement and of its voice links, oldest first (R11).

        A link's rows are shown as changes of the field 'voices' naming the voice's uid; a link taken back is found
        by its '*deleted' row (indexed by migration 0012: the audit log is never read whole)."""
        own = records.numbered_history(self.store.conn, "improvements", uid)
        rows = self.store.conn.execute(
            """SELECT a.changed_at, a.changed_by, s.name, a.field,
                      CASE a.field WHEN '*deleted' THEN json_extract(a.old_value, '$.voice_id') END,
                      CASE a.field WHEN '*created' THEN json_extract(a.new_value, '$.voice_id') END, a.id
               FROM audit_log a LEFT JOIN staff s ON s.uid = a.changed_by
               WHERE a.entity = 'improvement_voices' AND a.field IN ('*created', '*deleted')
                 AND a.record_uid IN (
                     SELECT uid FROM improvement_voices WHERE improvement_id = ?1
                     UNION SELECT record_uid FROM audit_log WHERE entity = 'improvement_voices'
                           AND field = '*deleted' AND json_extract(old_value, '$.improvement_id') = ?1)
               ORDER BY a.id""", (uid,)).fetchall()
        links = [(audit_id, HistoryEntry(at, by, name, "voices", old, new))
                 for at, by, name, _field, old, new, audit_id in rows]
        return records.merged_history(own, links)
