"""Improvements (改善, DOMAIN R12): what an entry needs, how it closes, its report to the insurer."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date, datetime

from agency_app.domain import errors as E
from agency_app.domain.date_input import typed_date
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.text import normalise_width
from agency_app.domain.workflow import StatusChange, check_status_change

TITLE_MAX = 100
TEXT_MAX = 4000
SHORT_TEXT_MAX = 100

# Message codes (the UI turns them into Japanese).
DUE_BEFORE_OPENED = "improvement_due_before_opened"
REPORTED_BEFORE_OPENED = "improvement_reported_before_opened"


@dataclass
class ImprovementInput:
    """What the improvement form edits, as typed (dates in any form domain/date_input.py reads)."""

    title: str = ""
    cause: str = ""
    action: str = ""
    team: str = ""
    owner_id: str = ""
    opened_on: str = ""
    due_date: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> "ImprovementInput":
        names = {f.name for f in fields(cls)}
        return cls(**{k: ("" if v is None else str(v)) for k, v in data.items() if k in names})

    def to_dict(self) -> dict:
        return asdict(self)


def improvement_search_text(title: str, cause: str, action: str) -> str:
    """What the improvements' search looks in, in one width (a search typed in either width finds it)."""
    return normalise_width(" ".join((title, cause, action))).lower()


def validate_improvement(entry: ImprovementInput, *, now: datetime, staff_ids: set[str] | None = None) -> dict:
    """Check an entry; return the column values, or raise ValidationFailed (nothing is saved then).

    R8: an improvement is an open item, so it has an owner and a due date; texts are kept as typed."""
    problems: list[FieldError] = []
    out: dict = {}
    title = entry.title.strip()
    if not title:
        problems.append(FieldError("title", E.REQUIRED))
    elif len(title) > TITLE_MAX:
        problems.append(FieldError("title", E.TOO_LONG, {"max": TITLE_MAX}))
    out["title"] = title
    for name in ("cause", "action"):
        text = getattr(entry, name).strip()
        if len(text) > TEXT_MAX:
            problems.append(FieldError(name, E.TOO_LONG, {"max": TEXT_MAX}))
        out[name] = text
    team = entry.team.strip()
    if len(team) > SHORT_TEXT_MAX:
        problems.append(FieldError("team", E.TOO_LONG, {"max": SHORT_TEXT_MAX}))
    out["team"] = team
    owner = entry.owner_id.strip()
    if not owner:
        problems.append(FieldError("owner_id", E.REQUIRED))
    elif staff_ids is not None and owner not in staff_ids:
        problems.append(FieldError("owner_id", E.UNKNOWN_CHOICE))
    out["owner_id"] = owner or None

    today = now.date()
    opened = None
    if not entry.opened_on.strip():
        problems.append(FieldError("opened_on", E.REQUIRED))
    else:
        opened = typed_date("opened_on", entry.opened_on, today, problems)
        if opened is not None and opened > today:
            problems.append(FieldError("opened_on", E.IN_FUTURE))
            opened = None
    out["opened_on"] = opened.isoformat() if opened else None
    out["due_date"] = None
    if not entry.due_date.strip():
        problems.append(FieldError("due_date", E.REQUIRED))
    else:
        due = typed_date("due_date", entry.due_date, today, problems)
        if due is not None and opened is not None and due < opened:
            problems.append(FieldError("due_date", DUE_BEFORE_OPENED))
        elif due is not None:
            out["due_date"] = due.isoformat()
    if problems:
        raise ValidationFailed(problems)
    out["search_text"] = improvement_search_text(out["title"], out["cause"], out["action"])
    return out


def improvement_status_change(current_status: str, change: StatusChange, *, opened_on: date, today: date) -> dict:
    """R7 for an improvement: 完了 needs the action taken (対策), the done date and who; 見送り a reason.

    The status rules are the voices' (domain/workflow.py); an improvement's 対応内容 is its action."""
    values = check_status_change(current_status, change, received_on=opened_on, today=today, as_typed=True)
    if "response" in values:
        values["action"] = values.pop("response")
    return values


def check_reported(reported_on: str, insurer: str, *, opened_on: date, today: date) -> dict:
    """Recording that the improvement was reported to the insurer: the day (not before it was opened, not
    ahead) and which insurer; an empty day takes the record back (both columns cleared)."""
    problems: list[FieldError] = []
    insurer = insurer.strip()
    if not reported_on.strip():
        return {"reported_on": None, "reported_insurer": None}
    day = typed_date("reported_on", reported_on, today, problems)
    if day is not None and day < opened_on:
        problems.append(FieldError("reported_on", REPORTED_BEFORE_OPENED))
    elif day is not None and day > today:
        problems.append(FieldError("reported_on", E.IN_FUTURE))
    if len(insurer) > SHORT_TEXT_MAX:
        problems.append(FieldError("reported_insurer", E.TOO_LONG, {"max": SHORT_TEXT_MAX}))
    if problems:
        raise ValidationFailed(problems)
    return {"reported_on": day.isoformat(), "reported_insurer": insurer or None}
