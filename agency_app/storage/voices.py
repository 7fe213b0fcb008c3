"""Voice records: create, edit, move through statuses, read one, read its history — each write audited by triggers."""

from __future__ import annotations

from datetime import date, datetime

from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.periods import now_tokyo
from agency_app.domain.voice import VoiceInput, format_datetime, parse_datetime, validate_voice
from agency_app.domain.workflow import StatusChange, check_status_change, edited_values, status_values
from agency_app.storage import records
from agency_app.storage.callback_promises import CallbackPromises
from agency_app.storage.database import Store
from agency_app.storage.ids import new_uid
from agency_app.storage.records import EditConflict, HistoryEntry, RecordNotFound

# Columns a plain edit may change (status moves go through change_status).
EDITABLE = (
    "received_at", "channel", "kind", "is_complaint", "category_group", "category_item",
    "product_line", "insurer", "customer_name", "customer_id", "summary", "body", "assignee_id", "due_date",
    "callback_at", "callback_staff_id",
)

# EditConflict and HistoryEntry live in storage/records.py (shared by every repository); they stay importable here.
__all__ = ["VoiceRepository", "VoiceNotFound", "EditConflict", "HistoryEntry"]


class VoiceNotFound(RecordNotFound):
    pass


class VoiceRepository(CallbackPromises):
    """All writes and single-record reads of voices. List paging and search live in storage/voice_query.py."""

    def __init__(self, store: Store):
        self.store = store

    def _staff_ids(self) -> set[str]:
        return {r[0] for r in self.store.conn.execute("SELECT uid FROM staff")}

    def _check_customer(self, values: dict) -> None:
        """A linked customer must exist (a draft may name one that was since merged away)."""
        uid = values.get("customer_id")
        if uid and self.store.conn.execute("SELECT 1 FROM customers WHERE uid = ?", (uid,)).fetchone() is None:
            raise ValidationFailed([FieldError("customer_name", E.UNKNOWN_CHOICE)])

    def create(self, entry: VoiceInput, *, by: str, branch_code: str | None = None,
               now: datetime | None = None) -> str:
        """Validate and save a new voice (status 未対応); return its uid. Raises ValidationFailed or StorageError."""
        now = now or now_tokyo()
        values = validate_voice(entry, now=now, staff_ids=self._staff_ids())
        self._check_customer(values)
        uid = new_uid()
        # The voice belongs to the receiving staff member's team (its voice day goes through it); it can be
        # moved later (move_team), and a later change of that member's team leaves it where it is.
        team = self.store.conn.execute("SELECT team FROM staff WHERE uid = ?", (by,)).fetchone()
        row = dict(values, uid=uid, branch_code=branch_code or self.store.home_branch, received_by=by,
                   team=team[0] if team else "", status=codes.STATUS_NEW, **records.new_record(self.store, by, now))
        with self.store.write() as db:
            records.insert_row(db.conn, "voices", row)
        return uid

    def get(self, uid: str) -> dict:
        return records.get_row(self.store.conn, "voices", uid, VoiceNotFound)

    def as_input(self, uid: str) -> VoiceInput:
        """The stored voice in the shape the entry form edits."""
        row = self.get(uid)
        data = {k: ("" if row.get(k) is None else row[k]) for k in EDITABLE}
        data["is_complaint"] = bool(row["is_complaint"])
        return VoiceInput.from_dict(data)

    def update(self, uid: str, entry: VoiceInput, *, by: str, expected_version: int | None = None,
               now: datetime | None = None) -> None:
        """Save an edited voice; only changed columns are written (and so audited)."""
        now = now or now_tokyo()
        current = self.get(uid)
        received = parse_datetime(entry.received_at)
        # An edit may keep the stored receipt time even if it lies ahead (a branch PC's clock was
        # wrong); it may not move a voice into the future.
        keeps_receipt = received is not None and format_datetime(received) == current["received_at"]
        values = validate_voice(entry, now=max(now, received) if keeps_receipt else now,
                                staff_ids=self._staff_ids())
        # R7: a closed voice cannot have been received after it was completed.
        if current["completed_on"] and values["received_at"][:10] > current["completed_on"]:
            raise ValidationFailed([FieldError("received_at", E.COMPLETION_BEFORE_RECEIPT)])
        self._check_customer(values)
        if current["status"] in codes.CLOSED_STATUSES and current["due_date"] is None and not entry.due_date.strip():
            # A closed voice imported from an agency's sheet has no due date (R23 would count its history as
            # closed late): an edit that types none keeps none, where validate_voice would give it the default.
            values["due_date"] = None
        values = edited_values(current, {k: v for k, v in values.items() if k in EDITABLE})
        self._write(current, values, by, now, expected_version)

    def change_status(self, uid: str, change: StatusChange, *, by: str,
                      today: date | None = None, now: datetime | None = None,
                      expected_version: int | None = None, open_checklist_steps: int = 0) -> None:
        """Move a voice through 未対応 → 対応中 → 完了 / 見送り (R6–R7); reopening counts and is audited."""
        now = now or now_tokyo()
        today = today or now.date()
        current = self.get(uid)
        received_on = datetime.strptime(current["received_at"][:10], "%Y-%m-%d").date()
        values = check_status_change(current["status"], change, received_on=received_on, today=today,
                                     open_checklist_steps=open_checklist_steps)
        self._write(current, status_values(current, values, self._staff_ids()), by, now, expected_version)

    def _write(self, current: dict, values: dict, by: str, now: datetime,
               expected_version: int | None) -> None:
        records.write_changes(self.store, "voices", current, values, by=by, now=now,
                              expected_version=expected_version)

    def move_team(self, uid: str, team: str, *, by: str, now: datetime | None = None,
                  expected_version: int | None = None) -> None:
        """Move a voice to another team's voice day (audited); its decisions at earlier voice days stay."""
        now = now or now_tokyo()
        team = team.strip()
        known = {r[0] for r in self.store.conn.execute("SELECT DISTINCT team FROM staff WHERE team <> ''")}
        if team not in known:
            raise ValidationFailed([FieldError("team", E.UNKNOWN_CHOICE)])
        self._write(self.get(uid), {"team": team}, by, now, expected_version)

    def history(self, uid: str) -> list[HistoryEntry]:
        """Every recorded change of a voice, oldest first (R11)."""
        return records.history(self.store.conn, "voices", uid)

    def oldest_received_on(self) -> date | None:
        """Receipt date of the oldest voice (one index lookup), e.g. to offer fiscal years back to it."""
        row = self.store.conn.execute("SELECT MIN(received_at) FROM voices").fetchone()
        return date.fromisoformat(row[0][:10]) if row and row[0] else None

    def callbacks_for(self, day: date, staff_uid: str | None = None) -> list[dict]:
        """Open voices with a call-back promised on or before `day` (R9) and not yet made, earliest first."""
        return records.open_callbacks(self.store.conn, "voices", day, staff_uid)
