"""Customer records: create, edit, find by name/kana/phone, and what is linked to one — each write audited by triggers."""

from __future__ import annotations

from datetime import datetime

from agency_app.domain.customer import CustomerInput, parse_product_lines, validate_customer
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.periods import now_tokyo
from agency_app.storage import records
from agency_app.storage.customer_list import CUSTOMER_LIST, CustomerFilter
from agency_app.storage.database import Store
from agency_app.storage.elderly_sales import birth_date_problems, rejudge_customer_sales
from agency_app.storage.ids import new_uid
from agency_app.storage.records import EditConflict, HistoryEntry, RecordNotFound

# Columns a plain edit may change; search_key, kana_key and phone_digits follow name/kana/phone.
EDITABLE = ("branch_code", "name", "kana", "birth_date", "phone", "phone_digits", "postal_code",
            "address", "product_lines", "notes", "search_key", "kana_key")

__all__ = ["CustomerRepository", "CustomerNotFound", "EditConflict"]


class CustomerNotFound(RecordNotFound):
    pass


class CustomerRepository:
    """All reads and writes of customers; the linked records are read here, written by their own repositories."""

    def __init__(self, store: Store):
        self.store = store

    def _rows(self, sql: str, params=()) -> list[dict]:
        return records.dicts(self.store.conn.execute(sql, params))

    def create(self, entry: CustomerInput, *, by: str, now: datetime | None = None) -> str:
        """Validate and save a new customer; return its uid. Raises ValidationFailed or StorageError."""
        now = now or now_tokyo()
        values = validate_customer(entry, today=now.date())
        uid = new_uid()
        row = dict(values, uid=uid, branch_code=values.get("branch_code") or self.store.home_branch,
                   **records.new_record(self.store, by, now))
        with self.store.write() as db:
            records.insert_row(db.conn, "customers", row)
        return uid

    def names(self, uids) -> dict[str, str]:
        """{uid: name} of the given customers that exist (e.g. to show a history's linked records by name)."""
        wanted = sorted({u for u in uids if u})
        if not wanted:
            return {}
        marks = ", ".join("?" for _ in wanted)
        return dict(self.store.conn.execute(f"SELECT uid, name FROM customers WHERE uid IN ({marks})", wanted))

    def get(self, uid: str) -> dict:
        return records.get_row(self.store.conn, "customers", uid, CustomerNotFound)

    def as_input(self, uid: str) -> CustomerInput:
        """The stored customer in the shape the entry form edits."""
        row = self.get(uid)
        return CustomerInput(
            name=row["name"], kana=row["kana"], birth_date=row["birth_date"] or "", phone=row["phone"],
            postal_code=row["postal_code"], address=row["address"],
            product_lines=parse_product_lines(row["product_lines"]), notes=row["notes"],
            branch_code=row["branch_code"])

    def update(self, uid: str, entry: CustomerInput, *, by: str, expected_version: int | None = None,
               now: datetime | None = None) -> None:
        """Save an edited customer; only changed columns are written (and so audited)."""
        now = now or now_tokyo()
        current = self.get(uid)
        values = validate_customer(entry, today=now.date())
        birth = values.get("birth_date")
        rejudge = None
        if birth != current["birth_date"]:
            problems = birth_date_problems(self.store.conn, uid, birth)
            if problems:
                raise ValidationFailed(problems)
            if birth:  # the elderly records of this customer are judged by the age at their sale dates
                rejudge = lambda conn: rejudge_customer_sales(conn, uid, birth, by=by, now=now)  # noqa: E731
        self._write(current, {k: v for k, v in values.items() if k in EDITABLE}, by, now,
                    expected_version, then=rejudge)

    def set_active(self, uid: str, active: bool, *, by: str, expected_version: int | None = None,
                   now: datetime | None = None) -> None:
        """Retire a customer from searches (or bring one back); the record and its links stay."""
        self._write(self.get(uid), {"active": 1 if active else 0}, by, now or now_tokyo(),
                    expected_version)

    def _write(self, current: dict, values: dict, by: str, now: datetime,
               expected_version: int | None, then=None) -> None:
        """Write what changed; `then(conn)` runs in the same transaction (all of it is written, or none)."""
        # The version is checked even when nothing changed: saving an unchanged stale form must not look fine.
        records.write_changes(self.store, "customers", current, values, by=by, now=now,
                              expected_version=expected_version, check_unchanged=True, then=then)

    def search(self, text: str, *, limit: int = 50) -> list[dict]:
        """The first `limit` active customers whose name or kana holds `text` (any width, hiragana or katakana,
        spaces ignored), or whose phone holds its digits; best matches first; empty text: all in 五十音 order
        (kana_key). The same search and order as the customers tab's list (storage/customer_list.py), which pages
        through every match: the picker shows its first few."""
        return CUSTOMER_LIST.query(self.store.conn, CustomerFilter(text), page_size=limit).first_page()

    def linked(self, uid: str) -> dict:
        """The customer's voices, cases, elderly sales and relative contacts, newest first."""
        return {
            "voices": self._rows(
                "SELECT uid, received_at, kind, summary, status FROM voices WHERE customer_id = ? "
                "ORDER BY received_at DESC, rowid DESC", (uid,)),
            "cases": self._rows(
                "SELECT uid, case_type, title, status, due_date FROM cases WHERE customer_id = ? "
                "ORDER BY opened_on DESC, rowid DESC", (uid,)),
            "sales": self._rows(
                "SELECT uid, sale_date, product_line, measure, is_complete FROM elderly_sales "
                "WHERE customer_id = ? ORDER BY sale_date DESC, rowid DESC", (uid,)),
            "relatives": self._rows(
                "SELECT * FROM relative_contacts WHERE customer_id = ? "
                "ORDER BY recorded_on DESC, rowid DESC", (uid,)),
        }

    def history(self, uid: str) -> list[HistoryEntry]:
        """Every recorded change of a customer, oldest first (R11)."""
        return records.history(self.store.conn, "customers", uid)
