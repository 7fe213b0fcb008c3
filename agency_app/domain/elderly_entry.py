"""Elderly-sale entry as staff type it: the typed form (SaleInput), date parsing, validation into a stored row."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, fields
from datetime import date

from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain.date_input import read_date, typed_date
from agency_app.domain.elderly import (
    DUE_BEFORE_SALE, FACE_TO_FACE_MEASURES, MULTIPLE_MEETINGS, NAME_MAX, PHONE_CHECK, RELATIVE_PRESENT,
    SECOND_AGENT, TEXT_MAX, WRITTEN_CHECK, ElderlyRules, Missing, SaleRecord, default_due_date, hard_errors,
    missing,
)
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.text import normalise_width


@dataclass
class SaleInput:
    """What staff type for a sale: dates as text ('2025/04/01'), meeting dates separated by 、 , or spaces."""

    customer_id: str = ""
    sale_date: str = ""
    product_line: str = ""
    insurer: str = ""
    product_name: str = ""
    seller_id: str = ""
    face_to_face: bool = True
    measure: str = ""
    relative_name: str = ""
    relative_relation: str = ""
    meeting_dates: str = ""
    second_agent_id: str = ""
    less_preferred_reason: str = ""
    phone_checker_id: str = ""
    phone_checked_on: str = ""
    answer_public_insurance: str = ""
    answer_product_reason: str = ""
    customer_comment: str = ""
    follow_up_note: str = ""
    written_confirmed_on: str = ""
    due_date: str = ""
    notes: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "SaleInput":
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


_DATE_SEPARATORS = re.compile(r"[,、，;；\s]+")


def parse_day(text: str) -> date | None:
    """A whole date as every date field takes it ('2025/04/01', '２０２５年４月１日', 'R7.4.1') → date, else None."""
    return read_date(text).value


def parse_days(text: str) -> list[date] | None:
    """Several whole dates in one field → distinct dates in order; None if any part is not a date.

    Only whole dates: this plain text field is never rewritten to a canonical form, so '明日' or '4/1'
    would mean another day when a draft comes back later.
    """
    parts = [p for p in _DATE_SEPARATORS.split(unicodedata.normalize("NFKC", text)) if p]
    days = [parse_day(p) for p in parts]
    return None if any(d is None for d in days) else sorted(set(days))


def validate_sale(entry: SaleInput, *, birth: date | None, rules: ElderlyRules, today: date,
                  staff_ids: set[str] | None = None) -> tuple[dict, list[Missing]]:
    """Hard checks (raise ValidationFailed, nothing saved) → (row values, what is still missing)."""
    problems: list[FieldError] = []
    values: dict = {}

    def day(name: str) -> date | None:
        text = getattr(entry, name).strip()
        return typed_date(name, text, today, problems) if text else None

    if not entry.customer_id.strip():
        problems.append(FieldError("customer_id", E.REQUIRED))
    sale = day("sale_date")
    if not entry.sale_date.strip():
        problems.append(FieldError("sale_date", E.REQUIRED))
    for name in ("product_line", "seller_id"):
        if not getattr(entry, name).strip():
            problems.append(FieldError(name, E.REQUIRED))
    for name in ("seller_id", "second_agent_id", "phone_checker_id"):
        value = getattr(entry, name).strip()
        if value and staff_ids is not None and value not in staff_ids:
            problems.append(FieldError(name, E.UNKNOWN_CHOICE))
    meetings = parse_days(entry.meeting_dates)
    if meetings is None:
        problems.append(FieldError("meeting_dates", E.BAD_DATE))
    checked, written, due = day("phone_checked_on"), day("written_confirmed_on"), day("due_date")
    text = {name: normalise_width(getattr(entry, name)).strip()
            for name in ("insurer", "product_name", "relative_name", "relative_relation",
                         "less_preferred_reason", "customer_comment", "follow_up_note", "notes")}
    for name, value in text.items():
        limit = NAME_MAX if name in ("insurer", "product_name", "relative_name", "relative_relation") else TEXT_MAX
        if len(value) > limit:
            problems.append(FieldError(name, E.TOO_LONG, {"max": limit}))
    if problems or sale is None:
        raise ValidationFailed(problems)

    record = SaleRecord(
        sale_date=sale, product_line=entry.product_line.strip(), seller_id=entry.seller_id.strip(),
        face_to_face=bool(entry.face_to_face), measure=entry.measure.strip() or None,
        relative_name=text["relative_name"], relative_relation=text["relative_relation"],
        meeting_dates=meetings or [], second_agent_id=entry.second_agent_id.strip() or None,
        less_preferred_reason=text["less_preferred_reason"],
        phone_checker_id=entry.phone_checker_id.strip() or None, phone_checked_on=checked,
        answer_public_insurance=entry.answer_public_insurance.strip() or None,
        answer_product_reason=entry.answer_product_reason.strip() or None,
        customer_comment=text["customer_comment"], follow_up_note=text["follow_up_note"],
        written_confirmed_on=written)
    _drop_unused(record, rules)
    problems += hard_errors(record, birth, rules, today=today)
    if due is not None and due < sale:
        problems.append(FieldError("due_date", DUE_BEFORE_SALE))
    if problems:
        raise ValidationFailed(problems)
    still = missing(record, birth, rules)
    values = {
        "customer_id": entry.customer_id.strip(), "sale_date": sale.isoformat(),
        "product_line": record.product_line, "insurer": text["insurer"] or None,
        "product_name": text["product_name"], "seller_id": record.seller_id,
        "face_to_face": 1 if record.face_to_face else 0, "measure": record.measure,
        "relative_name": record.relative_name, "relative_relation": record.relative_relation,
        "meeting_dates": ",".join(d.isoformat() for d in record.meeting_dates),
        "second_agent_id": record.second_agent_id, "less_preferred_reason": record.less_preferred_reason,
        "phone_checker_id": record.phone_checker_id,
        "phone_checked_on": checked.isoformat() if checked else None,
        "answer_public_insurance": record.answer_public_insurance,
        "answer_product_reason": record.answer_product_reason,
        "customer_comment": record.customer_comment, "follow_up_note": record.follow_up_note,
        "written_confirmed_on": record.written_confirmed_on.isoformat() if record.written_confirmed_on else None,
        "due_date": (due or default_due_date(sale)).isoformat(), "notes": text["notes"],
        "is_complete": 0 if still else 1,
    }
    return values, still


def _drop_unused(record: SaleRecord, rules: ElderlyRules) -> None:
    """Details of a measure not chosen are left out, so nothing hidden on screen is stored or judged."""
    group = codes.product_group(record.product_line) == codes.PRODUCT_GROUP_GROUP
    if group:
        # Group insurance is sold by mail or web (seed 004: 通販 throughout); face-to-face rules do not apply.
        record.face_to_face = False
    if not group and not record.face_to_face and record.measure in (None, *FACE_TO_FACE_MEASURES):
        record.measure = PHONE_CHECK  # the only measure of a non-face-to-face sale
    if record.measure != RELATIVE_PRESENT:
        record.relative_name = record.relative_relation = ""
    if record.measure != MULTIPLE_MEETINGS:
        record.meeting_dates = []
    if record.measure != SECOND_AGENT:
        record.second_agent_id = None
    first = tuple(rules.preference)[0] if rules.preference else None
    if group or not record.face_to_face or record.measure in (None, first):
        record.less_preferred_reason = ""
    if record.measure != WRITTEN_CHECK:
        record.written_confirmed_on = None


def lenient_record(entry: SaleInput, rules: ElderlyRules) -> SaleRecord | None:
    """The entry as far as it parses, for a live 'still needed' list while typing; None without a sale date."""
    sale = parse_day(entry.sale_date)
    if sale is None:
        return None
    def opt_day(text: str) -> date | None:
        return parse_day(text) if text.strip() else None
    record = SaleRecord(
        sale_date=sale, product_line=entry.product_line.strip(), seller_id=entry.seller_id.strip(),
        face_to_face=bool(entry.face_to_face), measure=entry.measure.strip() or None,
        relative_name=entry.relative_name, relative_relation=entry.relative_relation,
        meeting_dates=parse_days(entry.meeting_dates) or [], second_agent_id=entry.second_agent_id.strip() or None,
        less_preferred_reason=entry.less_preferred_reason, phone_checker_id=entry.phone_checker_id.strip() or None,
        phone_checked_on=opt_day(entry.phone_checked_on),
        answer_public_insurance=entry.answer_public_insurance.strip() or None,
        answer_product_reason=entry.answer_product_reason.strip() or None,
        customer_comment=entry.customer_comment, follow_up_note=entry.follow_up_note,
        written_confirmed_on=opt_day(entry.written_confirmed_on))
    _drop_unused(record, rules)
    return record
