"""A customer voice (お客様の声) as entered: its fields and the rules an entry must meet before it is saved."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, timedelta

from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain.date_input import read_date, read_datetime, typed_date, typed_datetime
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.text import normalise_width

SUMMARY_MAX = 200
BODY_MAX = 20_000
SHORT_TEXT_MAX = 200
# A voice received more than this far in the future is a typing mistake (clocks drift a little).
FUTURE_TOLERANCE = timedelta(minutes=10)


@dataclass
class VoiceInput:
    """What staff type for a voice; strings as typed, dates as 'YYYY-MM-DD', times as 'YYYY-MM-DD HH:MM'."""

    received_at: str = ""
    channel: str = "phone"
    kind: str = codes.KIND_DISSATISFACTION
    is_complaint: bool = False
    category_group: str = ""
    category_item: str = ""
    product_line: str = ""
    insurer: str = ""
    customer_name: str = ""
    customer_id: str = ""       # a customer record, when the caller is one; the name stays as typed
    summary: str = ""
    body: str = ""
    assignee_id: str = ""
    due_date: str = ""
    callback_at: str = ""
    callback_staff_id: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "VoiceInput":
        """Build from a dict (e.g. a saved draft), ignoring keys this version does not know."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def is_blank(self) -> bool:
        """True when nothing worth keeping has been typed (used to skip empty drafts)."""
        return not any(
            str(getattr(self, name)).strip()
            for name in ("customer_name", "summary", "body", "insurer", "callback_at", "due_date")
        )


def parse_datetime(text: str) -> datetime | None:
    """A whole date-time ('2025/04/01 09:30', '2025-04-01T09:30', 'R7.4.1 9時') → datetime; None if not one.

    For stored values and the CLI: no clock, so '15時' or '+2h' are not understood here (read_datetime is).
    """
    return read_datetime(text).value


def parse_date(text: str) -> date | None:
    """A whole date ('2025/04/01', '2025-04-01', '2025年4月1日', 'R7.4.1', 'S15.3.2') → date; None if not one."""
    return read_date(text).value


def format_datetime(moment: datetime) -> str:
    """Storage form of a moment: 'YYYY-MM-DD HH:MM' (sorts as text)."""
    return moment.strftime("%Y-%m-%d %H:%M")


def validate_voice(entry: VoiceInput, *, now: datetime, staff_ids: set[str] | None = None) -> dict:
    """Check an entry against the rules; return the normalised values to store, or raise ValidationFailed.

    `now` is Tokyo local time. `staff_ids`, when given, are the ids an assignee or
    call-back staff may take.
    """
    problems: list[FieldError] = []
    out: dict = {}

    # A receipt lies behind: '9時' typed at 15:00 is this morning, never tomorrow.
    received = (typed_datetime("received_at", entry.received_at, now, problems, roll_forward=False)
                if entry.received_at.strip() else None)
    if not entry.received_at.strip():
        problems.append(FieldError("received_at", E.REQUIRED))
    elif received is None:
        pass  # typed_datetime has said why
    elif received > now + FUTURE_TOLERANCE:
        problems.append(FieldError("received_at", E.IN_FUTURE))
    else:
        out["received_at"] = format_datetime(received)

    for name, allowed in (("channel", codes.CHANNELS), ("kind", codes.KINDS)):
        value = getattr(entry, name)
        if value not in allowed:
            problems.append(FieldError(name, E.UNKNOWN_CHOICE))
        else:
            out[name] = value
    if entry.product_line and entry.product_line not in codes.PRODUCT_LINES:
        problems.append(FieldError("product_line", E.UNKNOWN_CHOICE))
    out["product_line"] = entry.product_line or None

    if entry.is_complaint and entry.kind != codes.KIND_DISSATISFACTION:
        problems.append(FieldError("is_complaint", E.COMPLAINT_ONLY_FOR_DISSATISFACTION))
    out["is_complaint"] = 1 if entry.is_complaint else 0

    summary = normalise_width(entry.summary).strip()
    if not summary:
        problems.append(FieldError("summary", E.REQUIRED))
    elif len(summary) > SUMMARY_MAX:
        problems.append(FieldError("summary", E.TOO_LONG, {"max": SUMMARY_MAX}))
    out["summary"] = summary
    if len(entry.body) > BODY_MAX:
        problems.append(FieldError("body", E.TOO_LONG, {"max": BODY_MAX}))
    out["body"] = normalise_width(entry.body).strip()

    for name in ("category_group", "category_item", "insurer", "customer_name"):
        value = getattr(entry, name).strip()
        if name == "customer_name":  # categories and insurers come from lists and stay verbatim
            value = normalise_width(value)
        if len(value) > SHORT_TEXT_MAX:
            problems.append(FieldError(name, E.TOO_LONG, {"max": SHORT_TEXT_MAX}))
        out[name] = value or None

    out["customer_id"] = entry.customer_id.strip() or None

    for name in ("assignee_id", "callback_staff_id"):
        value = getattr(entry, name).strip()
        if value and staff_ids is not None and value not in staff_ids:
            problems.append(FieldError(name, E.UNKNOWN_CHOICE))
        out[name] = value or None

    # R8: every open item has a due date; an empty one takes the default for its kind.
    out["due_date"] = None
    if received is not None:
        try:
            out["due_date"] = default_due_date(received.date(), entry.kind).isoformat()
        except OverflowError:  # a receipt in the last days of year 9999: no due date exists after it
            if not any(p.field == "received_at" for p in problems):
                problems.append(FieldError("received_at", E.BAD_DATE))
    if entry.due_date.strip():
        due = typed_date("due_date", entry.due_date, now.date(), problems)
        if due is None:
            pass  # typed_date has said why
        elif received is not None and due < received.date():
            problems.append(FieldError("due_date", E.DUE_BEFORE_RECEIPT))
        else:
            out["due_date"] = due.isoformat()

    out["callback_at"] = None
    if entry.callback_at.strip():
        callback = typed_datetime("callback_at", entry.callback_at, now, problems)
        if callback is None:
            pass  # typed_datetime has said why
        elif received is not None and callback < received:
            problems.append(FieldError("callback_at", E.CALLBACK_BEFORE_RECEIPT))
        else:
            out["callback_at"] = format_datetime(callback)
            if not out["callback_staff_id"]:
                problems.append(FieldError("callback_staff_id", E.CALLBACK_NEEDS_STAFF))

    if problems:
        raise ValidationFailed(problems)
    return out


def default_due_date(received: date, kind: str) -> date:
    """R8: every open item has a due date. Complaints are due in 3 days, other voices in 7."""
    return received + timedelta(days=3 if kind == codes.KIND_DISSATISFACTION else 7)
