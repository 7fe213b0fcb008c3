"""A relative's contact for an elderly customer (R20): registered (name, relation, phone) or declined (why), and how it was obtained."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date

from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain.customer import BAD_PHONE, normalise_phone
from agency_app.domain.date_input import typed_date
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.text import normalise_width

OUTCOME_REGISTERED = "registered"   # 登録
OUTCOME_DECLINED = "declined"       # 辞退
OUTCOMES = (OUTCOME_REGISTERED, OUTCOME_DECLINED)
OBTAINED_MEETING = "meeting"        # 面談
OBTAINED_MAIL = "mail"              # 郵送
OBTAINED_BY = (OBTAINED_MEETING, OBTAINED_MAIL)

SHORT_TEXT_MAX = 100
REASON_MAX = 2_000

# Message codes of these rules (the UI's customer_texts.py turns them into Japanese).
RECORDED_IN_FUTURE = "recorded_in_future"
CUSTOMER_UNKNOWN = "customer_unknown"


@dataclass
class RelativeContactInput:
    """What staff enter; dates as typed ('2025/04/01'), codes for outcome, obtained_by and product_line."""

    customer_id: str = ""
    product_line: str = ""
    outcome: str = OUTCOME_REGISTERED
    relative_name: str = ""
    relation: str = ""
    phone: str = ""
    obtained_by: str = ""
    decline_reason: str = ""
    recorded_on: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "RelativeContactInput":
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def _short(name: str, value: str, problems: list[FieldError], *, required: bool,
           limit: int = SHORT_TEXT_MAX) -> str:
    text = normalise_width(value).strip()
    if required and not text:
        problems.append(FieldError(name, E.REQUIRED))
    elif len(text) > limit:
        problems.append(FieldError(name, E.TOO_LONG, {"max": limit}))
    return text


def validate_relative_contact(entry: RelativeContactInput, *, today: date) -> dict:
    """Check an entry; return the column values to store or raise ValidationFailed.

    The fields of the other outcome are stored empty, so a contact never shows a relative's
    phone and a reason for declining at once.
    """
    problems: list[FieldError] = []
    out: dict = {}

    out["customer_id"] = entry.customer_id.strip()
    if not out["customer_id"]:
        problems.append(FieldError("customer_id", E.REQUIRED))
    if entry.product_line not in codes.PRODUCT_LINES:
        problems.append(FieldError("product_line", E.REQUIRED if not entry.product_line else E.UNKNOWN_CHOICE))
    out["product_line"] = entry.product_line
    if entry.obtained_by not in OBTAINED_BY:
        problems.append(FieldError("obtained_by", E.REQUIRED if not entry.obtained_by else E.UNKNOWN_CHOICE))
    out["obtained_by"] = entry.obtained_by

    out.update(relative_name="", relation="", phone="", decline_reason="")
    if entry.outcome == OUTCOME_REGISTERED:
        out["relative_name"] = _short("relative_name", entry.relative_name, problems, required=True)
        out["relation"] = _short("relation", entry.relation, problems, required=True)
        if not entry.phone.strip():
            problems.append(FieldError("phone", E.REQUIRED))
        else:
            phone = normalise_phone(entry.phone)
            if phone is None:
                problems.append(FieldError("phone", BAD_PHONE))
            else:
                out["phone"] = phone[0]
    elif entry.outcome == OUTCOME_DECLINED:
        out["decline_reason"] = _short("decline_reason", entry.decline_reason, problems, required=True,
                                       limit=REASON_MAX)
    else:
        problems.append(FieldError("outcome", E.REQUIRED if not entry.outcome else E.UNKNOWN_CHOICE))
    out["outcome"] = entry.outcome

    recorded = typed_date("recorded_on", entry.recorded_on, today, problems) if entry.recorded_on.strip() else None
    if not entry.recorded_on.strip():
        problems.append(FieldError("recorded_on", E.REQUIRED))
    elif recorded is None:
        pass  # typed_date has said why
    elif recorded > today:
        problems.append(FieldError("recorded_on", RECORDED_IN_FUTURE))
    out["recorded_on"] = recorded.isoformat() if recorded else None

    if problems:
        raise ValidationFailed(problems)
    return out
