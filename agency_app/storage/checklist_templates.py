"""Checklist templates per case type (R10): the stored steps, else the shipped default; only a manager may change them."""

from __future__ import annotations

import json
from datetime import datetime

from agency_app.domain import cases as C
from agency_app.domain.periods import now_tokyo
from agency_app.domain.voice import format_datetime
from agency_app.storage.audited_tables import CREATED, DELETED, snapshot
from agency_app.storage.database import Store
from agency_app.storage.ids import new_uid
from agency_app.storage.masters import MasterData
from agency_app.storage.records import NotAllowed


class TemplatePermissionDenied(NotAllowed):
    """A staff member who is not a manager tried to change a template; `code` names the rule for the UI."""

    code = C.MANAGER_ONLY


class ChecklistTemplates:
    def __init__(self, store: Store):
        self.store = store

    def steps_for(self, case_type: str) -> list[str]:
        """The steps a new case of this type gets now; raises KeyError for an unknown type."""
        if case_type not in C.CASE_TYPES:
            raise KeyError(case_type)
        row = self.store.conn.execute("SELECT steps FROM checklist_templates WHERE case_type = ?",
                                      (case_type,)).fetchone()
        return json.loads(row[0]) if row else list(C.DEFAULT_CHECKLISTS[case_type])

    def all(self) -> dict[str, list[str]]:
        """Every type's current steps, in the domain's order of types."""
        stored = {t: json.loads(s) for t, s in self.store.conn.execute(
            "SELECT case_type, steps FROM checklist_templates")}
        return {t: stored.get(t, list(C.DEFAULT_CHECKLISTS[t])) for t in C.CASE_TYPES}

    def is_customised(self, case_type: str) -> bool:
        """True when a manager has saved steps for this type (they may equal the default again)."""
        return self.store.conn.execute("SELECT 1 FROM checklist_templates WHERE case_type = ?",
                                       (case_type,)).fetchone() is not None

    def save(self, case_type: str, steps: list[str], *, by: str, now: datetime | None = None) -> list[str]:
        """Store a type's steps (audited); return them as stored. Cases already opened keep their own copy.

        Raises TemplatePermissionDenied unless `by` is a manager, ValidationFailed for bad steps,
        KeyError for an unknown type.
        """
        if case_type not in C.CASE_TYPES:
            raise KeyError(case_type)
        member = MasterData(self.store).staff_member(by)
        if member is None or not member.is_manager or not member.active:
            raise TemplatePermissionDenied(by)
        cleaned = C.validate_template(steps)
        text = json.dumps(cleaned, ensure_ascii=False)
        stamp = format_datetime(now or now_tokyo())
        with self.store.write() as db:
            current = db.conn.execute("SELECT steps FROM checklist_templates WHERE case_type = ?",
                                      (case_type,)).fetchone()
            if current is None:
                # The row starts as the default, so the audit log's first change reads "default → new".
                default = json.dumps(list(C.DEFAULT_CHECKLISTS[case_type]), ensure_ascii=False)
                db.conn.execute(
                    "INSERT INTO checklist_templates (case_type, uid, steps, origin_branch, created_at, "
                    "created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (case_type, new_uid(), default, self.store.home_branch, stamp, by, stamp, by))
                current = (default,)
            if current[0] != text:
                db.conn.execute(
                    "UPDATE checklist_templates SET steps = ?, updated_at = ?, updated_by = ?, "
                    "version = version + 1 WHERE case_type = ?", (text, stamp, by, case_type))
        return cleaned

    def history(self, case_type: str) -> list[tuple[str, str | None, list[str] | None, list[str] | None]]:
        """(changed_at, staff name, steps before, steps after) of every change to a type's template, oldest first."""
        rows = self.store.conn.execute(
            """SELECT a.changed_at, s.name, a.field, a.old_value, a.new_value FROM audit_log a
               LEFT JOIN staff s ON s.uid = a.changed_by
               WHERE a.entity = 'checklist_templates' AND a.record_uid = ?
                 AND a.field NOT IN ('*baseline', '*continues') ORDER BY a.id""", (case_type,))
        out = []
        for changed_at, name, field, old, new in rows:
            if field == CREATED:
                continue  # the insert's own row: its steps are the next row's "before" or the current ones
            if field == DELETED:  # back to the shipped default: the steps it had, then none stored
                old, new = snapshot(old).get("steps"), None
            out.append((changed_at, name, json.loads(old) if old else None, json.loads(new) if new else None))
        return out
