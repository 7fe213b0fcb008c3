"""Follow-up case records (R10) with their own copy of a checklist: create, edit, tick steps, close — all audited (the list: case_list.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from agency_app.domain import cases as C
from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain.cases import CaseInput, validate_case
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.periods import now_tokyo
from agency_app.domain.voice import format_datetime
from agency_app.domain.workflow import StatusChange, check_status_change, edited_values, status_values
from agency_app.storage import records
from agency_app.storage.callback_promises import CallbackPromises
from agency_app.storage.checklist_templates import ChecklistTemplates
from agency_app.storage.database import Store
from agency_app.storage.ids import new_uid
from agency_app.storage.records import EditConflict, HistoryEntry, RecordNotFound

# Columns a plain edit may change; the type is fixed once the checklist has been copied.
EDITABLE = ("title", "body", "search_text", "customer_id", "voice_id", "product_line", "insurer", "opened_on",
            "assignee_id", "due_date", "callback_at", "callback_staff_id")
STEP_NOTE_MAX = 500

__all__ = ["CaseRepository", "CaseNotFound", "CaseHistoryEntry", "EditConflict"]


class CaseNotFound(RecordNotFound):
    pass


@dataclass
class CaseHistoryEntry(HistoryEntry):
    """One audited change of a case or of one of its steps (then `step_label` names the step)."""

    entity: str = "cases"
    record_uid: str = ""
    step_label: str | None = None


class CaseRepository(CallbackPromises):
    def __init__(self, store: Store):
        self.store = store

    def _staff_ids(self) -> set[str]:
        return {r[0] for r in self.store.conn.execute("SELECT uid FROM staff")}

    def _check_links(self, values: dict) -> None:
        """A customer or voice named by id must exist (the foreign key would refuse it less kindly)."""
        problems = []
        for name, table in (("customer_id", "customers"), ("voice_id", "voices")):
            uid = values.get(name)
            if uid and not self.store.conn.execute(f"SELECT 1 FROM {table} WHERE uid = ?", (uid,)).fetchone():
                problems.append(FieldError(name, E.UNKNOWN_CHOICE))
        if problems:
            raise ValidationFailed(problems)

    # --- writing ----------------------------------------------------------------
    def create(self, entry: CaseInput, *, by: str, now: datetime | None = None) -> str:
        """Validate and save a new case (未対応) with a copy of its type's current checklist; return its uid."""
        now = now or now_tokyo()
        values = validate_case(entry, now=now, staff_ids=self._staff_ids())
        self._check_links(values)
        uid = new_uid()
        record = records.new_record(self.store, by, now)
        row = dict(values, uid=uid, branch_code=self.store.home_branch, status=codes.STATUS_NEW, **record)
        with self.store.write() as db:
            # Read inside the transaction: the case gets the template as it is at this moment, and
            # later template edits never reach it (it is a copy, not a reference).
            steps = ChecklistTemplates(self.store).steps_for(values["case_type"])
            records.insert_row(db.conn, "cases", row)
            for position, label in enumerate(steps, start=1):
                records.insert_row(db.conn, "case_steps",
                                   dict(uid=new_uid(), case_id=uid, position=position, label=label, **record))
        return uid

    def update(self, uid: str, entry: CaseInput, *, by: str, expected_version: int | None = None,
               now: datetime | None = None) -> None:
        """Save an edited case; only changed columns are written (and so audited)."""
        now = now or now_tokyo()
        current = self.get(uid)
        if entry.case_type != current["case_type"]:
            raise ValidationFailed([FieldError("case_type", C.CASE_TYPE_FIXED)])
        # An edit may keep a stored opening date that lies ahead (a PC's clock was wrong).
        values = validate_case(entry, now=max(now, datetime.fromisoformat(current["opened_on"])),
                               staff_ids=self._staff_ids())
        self._check_links(values)
        if current["completed_on"] and values["opened_on"] > current["completed_on"]:
            raise ValidationFailed([FieldError("opened_on", C.OPENED_AFTER_COMPLETION)])
        values = edited_values(current, {k: v for k, v in values.items() if k in EDITABLE})
        self._write(current, values, by, now, expected_version)

    def set_step(self, step_uid: str, done: bool, *, by: str, note: str = "",
                 now: datetime | None = None) -> None:
        """Tick (who and when are recorded) or untick one step of an open case; a closed case's steps stay as they are.

        Ticking a step of a 未対応 case moves it to 対応中: work has visibly begun.
        """
        now = now or now_tokyo()
        step = self._step(step_uid)
        case = self.get(step["case_id"])
        if case["status"] in codes.CLOSED_STATUSES:
            raise ValidationFailed([FieldError("steps", C.STEP_ON_CLOSED_CASE)])
        if by not in self._staff_ids():
            raise ValidationFailed([FieldError("done_by", E.UNKNOWN_CHOICE)])
        note = note.strip()  # free text: kept as typed
        if len(note) > STEP_NOTE_MAX:
            raise ValidationFailed([FieldError("note", E.TOO_LONG, {"max": STEP_NOTE_MAX})])
        stamp = format_datetime(now)
        changes: dict = {}
        if done and not step["done_at"]:
            changes.update(done_at=stamp, done_by=by)
        elif not done and step["done_at"]:
            changes.update(done_at=None, done_by=None)
        if note and note != step["note"]:
            changes["note"] = note
        if not changes:
            return
        changes.update(updated_at=stamp, updated_by=by)
        with self.store.write() as db:
            records.update_row(db.conn, "case_steps", step_uid, changes)
            if done and case["status"] == codes.STATUS_NEW:
                self._write(case, {"status": codes.STATUS_IN_PROGRESS}, by, now, None)

    def change_status(self, uid: str, change: StatusChange, *, by: str, today: date | None = None,
                      now: datetime | None = None, expected_version: int | None = None,
                      tick_steps: tuple[str, ...] | list[str] = ()) -> None:
        """Move a case through 未対応 → 対応中 → 完了 / 見送り (R6–R7); 完了 waits for every step.

        `tick_steps`: open steps of this case ticked with the move (the 完了 dialog lists them), in the
        same transaction: refused, nothing is ticked either. When open steps stop it, the error's params
        carry their labels (`steps`) so staff see which.
        """
        now = now or now_tokyo()
        today = today or now.date()
        with self.store.write():
            current = self.get(uid)
            if expected_version is not None and current["version"] != expected_version:
                raise EditConflict(uid)
            if tick_steps:
                own = {s["uid"] for s in self.steps(uid) if not s["done_at"]}
                for step_uid in tick_steps:
                    if step_uid in own:  # a step removed or ticked elsewhere meanwhile is left as it is
                        self.set_step(step_uid, True, by=by, now=now)
                current = self.get(uid)  # a tick may have moved 未対応 to 対応中 (the version was checked above)
                expected_version = None
            self._close(current, change, by=by, today=today, now=now, expected_version=expected_version)

    def _close(self, current: dict, change: StatusChange, *, by: str, today: date, now: datetime,
               expected_version: int | None) -> None:
        uid = current["uid"]
        open_steps = [s["label"] for s in self.steps(uid) if not s["done_at"]]
        try:
            values = check_status_change(current["status"], change,
                                         received_on=date.fromisoformat(current["opened_on"]),
                                         today=today, open_checklist_steps=len(open_steps), as_typed=True)
        except ValidationFailed as failed:
            raise ValidationFailed([
                FieldError(e.field, e.code, dict(e.params, steps=open_steps)) if e.code == E.CHECKLIST_OPEN
                else e for e in failed.errors]) from None
        last_step = max((s["done_at"][:10] for s in self.steps(uid) if s["done_at"]), default=None)
        if values.get("completed_on") and last_step and values["completed_on"] < last_step:
            # Seed 004: a case marked 済 that was not done. The work is done when its last step is.
            raise ValidationFailed([FieldError("completed_on", C.COMPLETED_BEFORE_STEPS, {"date": last_step})])
        self._write(current, status_values(current, values, self._staff_ids()), by, now, expected_version)

    def _write(self, current: dict, values: dict, by: str, now: datetime,
               expected_version: int | None) -> None:
        records.write_changes(self.store, "cases", current, values, by=by, now=now,
                              expected_version=expected_version)

    # --- reading ----------------------------------------------------------------
    def get(self, uid: str) -> dict:
        return records.get_row(self.store.conn, "cases", uid, CaseNotFound)

    def as_input(self, uid: str) -> CaseInput:
        """The stored case in the shape the entry form edits."""
        row = self.get(uid)
        data = {k: ("" if row.get(k) is None else row[k]) for k in EDITABLE}
        return CaseInput.from_dict(dict(data, case_type=row["case_type"]))

    def _step(self, step_uid: str) -> dict:
        return records.get_row(self.store.conn, "case_steps", step_uid, CaseNotFound)

    def steps(self, uid: str) -> list[dict]:
        """The case's checklist in order, each with who ticked it (`done_by_name`)."""
        cursor = self.store.conn.execute(
            """SELECT st.*, s.name AS done_by_name FROM case_steps st LEFT JOIN staff s ON s.uid = st.done_by
               WHERE st.case_id = ? ORDER BY st.position""", (uid,))
        return records.dicts(cursor)

    def history(self, uid: str) -> list[CaseHistoryEntry]:
        """Every recorded change of the case and of its steps, oldest first (R11).

        A step deleted since (no screen does so) is found, and named, by the values its '*deleted' row kept."""
        rows = self.store.conn.execute(
            """SELECT a.changed_at, a.changed_by, s.name, a.field, a.old_value, a.new_value,
                      a.entity, a.record_uid, COALESCE(st.label, (
                          SELECT json_extract(d.old_value, '$.label') FROM audit_log d
                          WHERE d.record_uid = a.record_uid AND d.entity = 'case_steps' AND d.field = '*deleted'))
               FROM audit_log a
               LEFT JOIN staff s ON s.uid = a.changed_by
               LEFT JOIN case_steps st ON a.entity = 'case_steps' AND st.uid = a.record_uid
               WHERE ((a.entity = 'cases' AND a.record_uid = ?1)
                  OR (a.entity = 'case_steps' AND a.record_uid IN (
                      SELECT uid FROM case_steps WHERE case_id = ?1
                      UNION SELECT record_uid FROM audit_log WHERE entity = 'case_steps' AND field = '*deleted'
                            AND json_extract(old_value, '$.case_id') = ?1)))
                 AND a.field NOT IN ('*baseline', '*continues')  -- a restatement for other offices (0017)
               ORDER BY a.id""", (uid,))
        return [CaseHistoryEntry(*row) for row in rows]

    def callbacks_for(self, day: date, staff_uid: str | None = None) -> list[dict]:
        """Open cases with a call-back promised on or before `day` (R9) and not yet made, earliest first."""
        return records.open_callbacks(self.store.conn, "cases", day, staff_uid)
