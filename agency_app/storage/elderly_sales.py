"""Elderly-customer sale records (R16–R19): create, edit, read; completeness judged by the record's own rules version (the tab's list: elderly_list.py)."""

from __future__ import annotations

from datetime import date, datetime

from agency_app.domain import customer as C
from agency_app.domain import errors as E
from agency_app.domain.elderly import (
    ElderlyRules, Missing, age_at_sale, completion, is_elderly, missing, record_from_row,
)
from agency_app.domain.elderly_entry import SaleInput, parse_day, validate_sale
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.periods import now_tokyo
from agency_app.domain.voice import format_datetime
from agency_app.storage import records
from agency_app.storage.records import RecordNotFound
from agency_app.storage.database import Store
from agency_app.storage.elderly_rules import ElderlyRulesStore
from agency_app.storage.ids import new_uid
from agency_app.storage.records import EditConflict, HistoryEntry

__all__ = ["ElderlySaleRepository", "SaleNotFound", "EditConflict"]

# Columns an edit may change; rules_version, customer and branch stay as the record was made.
EDITABLE = (
    "sale_date", "product_line", "insurer", "product_name", "seller_id", "face_to_face", "measure",
    "relative_name", "relative_relation", "meeting_dates", "second_agent_id", "less_preferred_reason",
    "phone_checker_id", "phone_checked_on", "answer_public_insurance", "answer_product_reason",
    "customer_comment", "follow_up_note", "written_confirmed_on", "due_date", "notes", "is_complete",
)

_LIST_SQL = """
    SELECT e.*, c.name AS customer_name, c.kana AS customer_kana, c.birth_date AS birth_date,
           s.name AS seller_name, p.name AS phone_checker_name
    FROM elderly_sales e
    JOIN customers c ON c.uid = e.customer_id
    LEFT JOIN staff s ON s.uid = e.seller_id
    LEFT JOIN staff p ON p.uid = e.phone_checker_id
"""


class SaleNotFound(RecordNotFound):
    pass


class ElderlySaleRepository:
    """All writes and reads of elderly sale records; is_complete and completed_on are kept in step on every save."""

    def __init__(self, store: Store):
        self.store = store
        self.rules = ElderlyRulesStore(store)

    def _staff_ids(self) -> set[str]:
        return {r[0] for r in self.store.conn.execute("SELECT uid FROM staff")}

    def _birth(self, customer_uid: str) -> date | None:
        row = self.store.conn.execute("SELECT birth_date FROM customers WHERE uid = ?",
                                      (customer_uid,)).fetchone()
        if row is None:
            raise ValidationFailed([FieldError("customer_id", E.UNKNOWN_CHOICE if customer_uid else E.REQUIRED)])
        return date.fromisoformat(row[0]) if row[0] else None

    def create(self, entry: SaleInput, *, by: str, now: datetime | None = None) -> str:
        """Validate and save a new record under the current rules; return its uid (incomplete records are allowed)."""
        now = now or now_tokyo()
        birth = self._birth(entry.customer_id.strip())
        sale = parse_day(entry.sale_date)  # a bad date is refused by validate_sale below, at its field
        version, rules = (self.rules.version_for_sale(sale, now=now) if sale else self.rules.current(now=now))
        values, still = validate_sale(entry, birth=birth, rules=rules, today=now.date(),
                                      staff_ids=self._staff_ids())
        values["is_complete"], values["completed_on"] = completion(
            still, was_complete=False, completed_on=None, today=now.date())
        uid = new_uid()
        row = dict(values, uid=uid, branch_code=self.store.home_branch, rules_version=version,
                   **records.new_record(self.store, by, now))
        with self.store.write() as db:
            records.insert_row(db.conn, "elderly_sales", row)
        return uid

    def update(self, uid: str, entry: SaleInput, *, by: str, expected_version: int | None = None,
               now: datetime | None = None) -> None:
        """Save an edit, judged by the rules the record was made under; only changed columns are written."""
        now = now or now_tokyo()
        current = self.get(uid)
        if entry.customer_id.strip() and entry.customer_id.strip() != current["customer_id"]:
            # A record belongs to one customer's sale; another customer is another record.
            raise ValidationFailed([FieldError("customer_id", E.TRANSITION_NOT_ALLOWED)])
        entry = SaleInput.from_dict(dict(entry.to_dict(), customer_id=current["customer_id"]))
        rules = self.rules.get(current["rules_version"])
        values, still = validate_sale(entry, birth=self._birth(current["customer_id"]), rules=rules,
                                      today=now.date(), staff_ids=self._staff_ids())
        values = {k: v for k, v in values.items() if k in EDITABLE}
        values["is_complete"], values["completed_on"] = completion(
            still, was_complete=bool(current["is_complete"]), completed_on=current["completed_on"],
            today=now.date())
        records.write_changes(self.store, "elderly_sales", current, values, by=by, now=now,
                              expected_version=expected_version)

    def get(self, uid: str) -> dict:
        return records.get_row(self.store.conn, "elderly_sales", uid, SaleNotFound)

    def as_input(self, uid: str) -> SaleInput:
        """The stored record in the shape the entry form edits (dates as 2025/04/01)."""
        row = self.get(uid)
        data = {k: ("" if row.get(k) is None else row[k]) for k in SaleInput.__dataclass_fields__ if k in row}
        for name in ("sale_date", "phone_checked_on", "written_confirmed_on", "due_date"):
            data[name] = data[name].replace("-", "/")
        data["meeting_dates"] = "、".join(d.replace("-", "/") for d in row["meeting_dates"].split(",") if d)
        data["face_to_face"] = bool(row["face_to_face"])
        return SaleInput.from_dict(data)

    def rules_of(self, uid: str) -> tuple[int, ElderlyRules]:
        version = self.get(uid)["rules_version"]
        return version, self.rules.get(version)

    def missing_for(self, uid: str) -> list[Missing]:
        """What the record still lacks, judged now by its own rules version and the customer's date of birth."""
        row = self.get(uid)
        birth = self._birth(row["customer_id"])
        return missing(record_from_row(row), birth, self.rules.get(row["rules_version"]))

    def listed(self, uid: str) -> dict:
        """One record with the customer's and staff names joined and the age at the sale (the page's detail)."""
        rows = self._rows(_LIST_SQL + " WHERE e.uid = ?", [uid])
        if not rows:
            raise SaleNotFound(uid)
        return rows[0]

    def open_for(self, staff_uid: str) -> list[dict]:
        """Incomplete records this person must finish: as the seller or as the named phone checker; earliest due first."""
        sql = _LIST_SQL + (" WHERE e.is_complete = 0 AND (e.seller_id = ? OR e.phone_checker_id = ?)"
                           " ORDER BY e.due_date, e.sale_date")
        return self._rows(sql, [staff_uid, staff_uid])

    def _rows(self, sql: str, params: list) -> list[dict]:
        out = records.dicts(self.store.conn.execute(sql, params))
        for item in out:
            birth = date.fromisoformat(item["birth_date"]) if item["birth_date"] else None
            item["age"] = age_at_sale(birth, date.fromisoformat(item["sale_date"]))
        return out

    def history(self, uid: str) -> list[HistoryEntry]:
        """Every recorded change of a record, oldest first (R11)."""
        return records.history(self.store.conn, "elderly_sales", uid)


def birth_date_problems(conn, customer_uid: str, birth_date: str | None) -> list[FieldError]:
    """Why a customer's date of birth cannot change to `birth_date` ('YYYY-MM-DD' or None), given their records.

    The elderly rules (R16) judge each record by the age at its sale date, so a record must keep a
    date of birth, and no sale can come before the customer was born.
    """
    first = conn.execute("SELECT MIN(sale_date) FROM elderly_sales WHERE customer_id = ?",
                         (customer_uid,)).fetchone()[0]
    if first is None:
        return []
    if not birth_date:
        return [FieldError("birth_date", C.BIRTH_NEEDED_BY_SALES)]
    if birth_date > first:
        return [FieldError("birth_date", C.BIRTH_AFTER_SALE, {"sale_date": first})]
    # A record exists because the customer was elderly at the sale (R16). A date of birth that says
    # otherwise would turn an unfinished record into a "complete" one without any step taken.
    birth = date.fromisoformat(birth_date)
    for sale_date, line, rules_json in conn.execute(
            "SELECT e.sale_date, e.product_line, r.rules FROM elderly_sales e "
            "JOIN elderly_rules r ON r.rules_version = e.rules_version WHERE e.customer_id = ? "
            "ORDER BY e.sale_date", (customer_uid,)):
        if not is_elderly(birth, date.fromisoformat(sale_date), line, ElderlyRules.from_json(rules_json)):
            return [FieldError("birth_date", C.BIRTH_MAKES_SALE_NOT_ELDERLY, {"sale_date": sale_date})]
    return []


def rejudge_customer_sales(conn, customer_uid: str, birth_date: str, *, by: str, now: datetime) -> int:
    """Judge a customer's records again after their date of birth changed; returns how many changed.

    Runs inside the customer's write transaction: the stored completeness that counts read never
    disagrees with the date of birth. Each record keeps the rules version it was made under.
    """
    birth = date.fromisoformat(birth_date)
    changed = 0
    for row in records.dicts(conn.execute("SELECT * FROM elderly_sales WHERE customer_id = ?", (customer_uid,))):
        rules_json = conn.execute("SELECT rules FROM elderly_rules WHERE rules_version = ?",
                                  (row["rules_version"],)).fetchone()[0]
        still = missing(record_from_row(row), birth, ElderlyRules.from_json(rules_json))
        complete, completed_on = completion(still, was_complete=bool(row["is_complete"]),
                                            completed_on=row["completed_on"], today=now.date())
        if (complete, completed_on) != (row["is_complete"], row["completed_on"]):
            records.update_row(conn, "elderly_sales", row["uid"],
                               {"is_complete": complete, "completed_on": completed_on,
                                "updated_at": format_datetime(now), "updated_by": by})
            changed += 1
    return changed
