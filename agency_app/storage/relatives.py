"""Relative contacts of customers (R20): record, correct, read one or a customer's list — each write audited by triggers."""

from __future__ import annotations

from datetime import datetime

from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.periods import now_tokyo
from agency_app.domain.relatives import CUSTOMER_UNKNOWN, RelativeContactInput, validate_relative_contact
from agency_app.storage import records
from agency_app.storage.database import Store
from agency_app.storage.ids import new_uid
from agency_app.storage.records import EditConflict, RecordNotFound

EDITABLE = ("customer_id", "product_line", "outcome", "relative_name", "relation", "phone",
            "obtained_by", "decline_reason", "recorded_on")

__all__ = ["RelativeContactRepository", "RelativeContactNotFound", "EditConflict"]


class RelativeContactNotFound(RecordNotFound):
    pass


class RelativeContactRepository:
    def __init__(self, store: Store):
        self.store = store

    def _rows(self, sql: str, params=()) -> list[dict]:
        return records.dicts(self.store.conn.execute(sql, params))

    def _validate(self, entry: RelativeContactInput, now: datetime) -> dict:
        values = validate_relative_contact(entry, today=now.date())
        found = self.store.conn.execute("SELECT 1 FROM customers WHERE uid = ?",
                                        (values["customer_id"],)).fetchone()
        if found is None:
            raise ValidationFailed([FieldError("customer_id", CUSTOMER_UNKNOWN)])
        return values

    def create(self, entry: RelativeContactInput, *, by: str, now: datetime | None = None) -> str:
        """Validate and save a contact (or a refusal); return its uid.

        Like every other record it counts for the office that recorded it (R30), so the counts tab shows
        a visit's elderly-sale record and its relative contact under the same branch.
        """
        now = now or now_tokyo()
        values = self._validate(entry, now)
        uid = new_uid()
        row = dict(values, uid=uid, branch_code=self.store.home_branch, recorded_by=by,
                   **records.new_record(self.store, by, now))
        with self.store.write() as db:
            records.insert_row(db.conn, "relative_contacts", row)
        return uid

    def get(self, uid: str) -> dict:
        return records.get_row(self.store.conn, "relative_contacts", uid, RelativeContactNotFound)

    def as_input(self, uid: str) -> RelativeContactInput:
        row = self.get(uid)
        return RelativeContactInput.from_dict(
            {k: ("" if row[k] is None else row[k]) for k in EDITABLE})

    def update(self, uid: str, entry: RelativeContactInput, *, by: str,
               expected_version: int | None = None, now: datetime | None = None) -> None:
        """Save a corrected contact; only changed columns are written (and so audited)."""
        now = now or now_tokyo()
        current = self.get(uid)
        values = {k: v for k, v in self._validate(entry, now).items() if k in EDITABLE}
        records.write_changes(self.store, "relative_contacts", current, values, by=by, now=now,
                              expected_version=expected_version, check_unchanged=True)

    def for_customer(self, customer_uid: str) -> list[dict]:
        """The customer's contacts, newest first, with the name of who recorded each."""
        return self._rows(
            "SELECT r.*, s.name AS recorded_by_name FROM relative_contacts r "
            "LEFT JOIN staff s ON s.uid = r.recorded_by WHERE r.customer_id = ? "
            "ORDER BY r.recorded_on DESC, r.rowid DESC", (customer_uid,))
