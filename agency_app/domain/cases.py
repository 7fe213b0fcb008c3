"""Follow-up cases (対応案件, DOMAIN R10 with R6–R9): case types, their default checklists and due days, entry rules."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, timedelta

from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain.date_input import typed_date, typed_datetime
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.text import normalise_width
from agency_app.domain.voice import format_datetime

# Case types (R10), in the order staff meet them most.
RENEWAL = "renewal"
ADDRESS_CHANGE = "address_change"
NAME_CHANGE = "name_change"
VEHICLE_CHANGE = "vehicle_change"
OTHER_CHANGE = "other_change"
CANCELLATION = "cancellation"
CLAIM = "claim"
DOCUMENT_REQUEST = "document_request"
AFTERCARE = "aftercare"
CASE_TYPES = (RENEWAL, ADDRESS_CHANGE, NAME_CHANGE, VEHICLE_CHANGE, OTHER_CHANGE, CANCELLATION,
              CLAIM, DOCUMENT_REQUEST, AFTERCARE)

# For places without Qt (command line, Excel); the UI translates through Qt Linguist.
CASE_TYPE_LABELS_JA = {
    RENEWAL: "満期更改", ADDRESS_CHANGE: "住所変更", NAME_CHANGE: "名義変更", VEHICLE_CHANGE: "車両入替",
    OTHER_CHANGE: "その他の変更", CANCELLATION: "解約", CLAIM: "事故（保険金請求）",
    DOCUMENT_REQUEST: "資料請求", AFTERCARE: "アフターフォロー",
}

# The step seed 004's omission lacked: the insurer was told, the agency's own record was not updated.
OWN_RECORD_STEP = "当社の顧客管理システムの住所を更新"

# What a case of each type needs before it is done (R10); a manager may change these per type.
# Changes always end with a call confirming completion, so "done" means the customer knows.
DEFAULT_CHECKLISTS: dict[str, tuple[str, ...]] = {
    RENEWAL: ("満期案内の送付", "お客様へ更改意向の確認", "更改プランの提案・見積書の提示",
              "重要事項説明・意向確認書の取付", "申込手続き・保険料の収納確認", "新しい保険証券の到着確認"),
    ADDRESS_CHANGE: ("新住所と変更日の確認", "保険会社へ住所変更の手続き", OWN_RECORD_STEP,
                     "同じお客様の他の契約の住所も確認", "お客様へ変更完了を確認（電話）"),
    NAME_CHANGE: ("変更内容と理由の確認（婚姻など）", "必要書類の受領（戸籍謄本など）", "保険会社へ名義変更の手続き",
                  "当社の顧客管理システムの氏名を更新", "お客様へ変更完了を確認（電話）"),
    VEHICLE_CHANGE: ("新しい車両の車検証を受領", "入替日と補償内容の確認", "保険会社へ車両入替の手続き",
                     "保険料の差額を案内・精算", "当社の顧客管理システムの車両情報を更新",
                     "お客様へ変更完了を確認（電話）"),
    OTHER_CHANGE: ("変更内容の確認", "保険会社へ変更の手続き", "当社の顧客管理システムを更新",
                   "お客様へ変更完了を確認（電話）"),
    CANCELLATION: ("解約理由の確認・記録", "解約による不利益（補償・保障がなくなること）の説明",
                   "解約書類の受領", "保険会社へ解約の手続き", "解約返戻金・返還保険料の案内",
                   "当社の顧客管理システムを更新"),
    CLAIM: ("事故状況の聴取・記録", "保険会社へ事故の受付連絡", "請求書類の案内・送付",
            "請求書類の受領・保険会社へ送付", "保険金の支払確認", "お客様へ支払完了の連絡"),
    DOCUMENT_REQUEST: ("請求された資料の確認", "資料の手配", "資料の送付", "お客様へ到着確認（電話）"),
    AFTERCARE: ("お客様へ連絡（電話・訪問）", "ご契約内容・ご意向の確認", "ご要望の記録・担当への引継ぎ"),
}

# R8: days from opening to the default due date. A claim needs the insurer told within days
# and a vehicle change must be in force when the new car is driven; an address change is due
# within the week (mail goes astray otherwise); a renewal is opened about a month before expiry.
DEFAULT_DUE_DAYS = {
    RENEWAL: 14, ADDRESS_CHANGE: 5, NAME_CHANGE: 7, VEHICLE_CHANGE: 3, OTHER_CHANGE: 7,
    CANCELLATION: 7, CLAIM: 3, DOCUMENT_REQUEST: 3, AFTERCARE: 14,
}

TITLE_MAX = 200
BODY_MAX = 20_000
SHORT_TEXT_MAX = 200
TEMPLATE_MAX_STEPS = 30
STEP_MAX = 100

# Message codes of this module (the UI's case_texts.py turns them into Japanese).
DUE_BEFORE_OPENED = "due_before_opened"
CALLBACK_BEFORE_OPENED = "callback_before_opened"
OPENED_AFTER_COMPLETION = "opened_after_completion"
CASE_TYPE_FIXED = "case_type_fixed"
STEP_ON_CLOSED_CASE = "step_on_closed_case"
TEMPLATE_EMPTY = "template_empty"
STEP_EMPTY = "step_empty"
STEP_DUPLICATE = "step_duplicate"
STEP_TOO_LONG = "step_too_long"
TOO_MANY_STEPS = "too_many_steps"
COMPLETED_BEFORE_STEPS = "completed_before_steps"  # params: date (the last step's day)
MANAGER_ONLY = "manager_only"


@dataclass
class CaseInput:
    """What staff type for a case; dates 'YYYY-MM-DD' (or 2025/04/01), times 'YYYY-MM-DD HH:MM'."""

    case_type: str = RENEWAL
    title: str = ""
    body: str = ""
    customer_id: str = ""
    voice_id: str = ""
    product_line: str = ""
    insurer: str = ""
    opened_on: str = ""
    assignee_id: str = ""
    due_date: str = ""
    callback_at: str = ""
    callback_staff_id: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "CaseInput":
        """Build from a dict (e.g. a saved draft), ignoring keys this version does not know."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: str(v) for k, v in data.items() if k in known and v is not None})


def default_due_date(opened: date, case_type: str) -> date:
    """R8: the due date a new case of this type gets unless staff type another."""
    return opened + timedelta(days=DEFAULT_DUE_DAYS.get(case_type, 7))


# A dash between digits however it was typed: an IME in hiragana mode gives 'ー' for the '-' key (１ー１),
# other sources '－', '−', '‐' or '–'. In the search key only: the text itself is kept as typed.
_DIGIT_DASH = re.compile(r"(?<=\d)[‐‑‒–—―−ー－](?=\d)")


def case_search_fold(text: str) -> str:
    """Text as the case search compares it: one width, and one dash between digits ('１ー１' → '1-1')."""
    return _DIGIT_DASH.sub("-", normalise_width(text))


def case_search_text(title: str, body: str) -> str:
    """What the case search matches (cases.search_text): title and details in one width ('１－１' → '1-1')."""
    return case_search_fold(f"{title}\n{body}")


def validate_case(entry: CaseInput, *, now: datetime, staff_ids: set[str] | None = None) -> dict:
    """Check an entry; return the normalised column values, or raise ValidationFailed (nothing is saved then).

    `now` is Tokyo local time; `staff_ids`, when given, are the ids an assignee or call-back staff may take.
    Whether customer_id and voice_id exist is the repository's check (it sees the database).
    """
    problems: list[FieldError] = []
    out: dict = {}

    if entry.case_type not in CASE_TYPES:
        problems.append(FieldError("case_type", E.UNKNOWN_CHOICE))
    out["case_type"] = entry.case_type

    # Title and details are free text: kept as typed (a full-width 「１－１」 stays); only the search key
    # (search_text) folds widths, so a search typed in either width finds them.
    title = entry.title.strip()
    if not title:
        problems.append(FieldError("title", E.REQUIRED))
    elif len(title) > TITLE_MAX:
        problems.append(FieldError("title", E.TOO_LONG, {"max": TITLE_MAX}))
    out["title"] = title
    if len(entry.body) > BODY_MAX:
        problems.append(FieldError("body", E.TOO_LONG, {"max": BODY_MAX}))
    out["body"] = entry.body.strip()
    out["search_text"] = case_search_text(title, out["body"])

    if entry.product_line and entry.product_line not in codes.PRODUCT_LINES:
        problems.append(FieldError("product_line", E.UNKNOWN_CHOICE))
    out["product_line"] = entry.product_line or None
    insurer = entry.insurer.strip()
    if len(insurer) > SHORT_TEXT_MAX:
        problems.append(FieldError("insurer", E.TOO_LONG, {"max": SHORT_TEXT_MAX}))
    out["insurer"] = insurer or None
    for name in ("customer_id", "voice_id"):
        out[name] = getattr(entry, name).strip() or None
    for name in ("assignee_id", "callback_staff_id"):
        value = getattr(entry, name).strip()
        if value and staff_ids is not None and value not in staff_ids:
            problems.append(FieldError(name, E.UNKNOWN_CHOICE))
        out[name] = value or None

    opened = typed_date("opened_on", entry.opened_on, now.date(), problems) if entry.opened_on.strip() else None
    if not entry.opened_on.strip():
        problems.append(FieldError("opened_on", E.REQUIRED))
    elif opened is None:
        pass  # typed_date has said why
    elif opened > now.date():
        problems.append(FieldError("opened_on", E.IN_FUTURE))
        opened = None
    out["opened_on"] = opened.isoformat() if opened else None

    # R8: a case is an open item, so it always has a due date (no silent default: staff choose it).
    out["due_date"] = None
    if not entry.due_date.strip():
        problems.append(FieldError("due_date", E.REQUIRED))
    else:
        due = typed_date("due_date", entry.due_date, now.date(), problems)
        if due is None:
            pass  # typed_date has said why
        elif opened is not None and due < opened:
            problems.append(FieldError("due_date", DUE_BEFORE_OPENED))
        else:
            out["due_date"] = due.isoformat()

    # R9: a promised call-back has a time and a person; it cannot come before the case existed.
    out["callback_at"] = None
    if entry.callback_at.strip():
        callback = typed_datetime("callback_at", entry.callback_at, now, problems)
        if callback is None:
            pass  # typed_datetime has said why
        elif opened is not None and callback.date() < opened:
            problems.append(FieldError("callback_at", CALLBACK_BEFORE_OPENED))
        else:
            out["callback_at"] = format_datetime(callback)
            if not out["callback_staff_id"]:
                problems.append(FieldError("callback_staff_id", E.CALLBACK_NEEDS_STAFF))

    if problems:
        raise ValidationFailed(problems)
    return out


def validate_template(steps: list[str]) -> list[str]:
    """A checklist template's steps, tidied; at least one, none empty or repeated, ≤ 30 steps of ≤ 100 characters.

    Errors name the step by its 1-based position (`params["index"]`) so the editor can select it.
    """
    problems: list[FieldError] = []
    cleaned = [normalise_width(step).strip() for step in steps]
    if not cleaned:
        problems.append(FieldError("steps", TEMPLATE_EMPTY))
    if len(cleaned) > TEMPLATE_MAX_STEPS:
        problems.append(FieldError("steps", TOO_MANY_STEPS, {"max": TEMPLATE_MAX_STEPS}))
    seen: set[str] = set()
    for index, label in enumerate(cleaned, start=1):
        if not label:
            problems.append(FieldError("steps", STEP_EMPTY, {"index": index}))
        elif len(label) > STEP_MAX:
            problems.append(FieldError("steps", STEP_TOO_LONG, {"index": index, "max": STEP_MAX}))
        elif label in seen:
            problems.append(FieldError("steps", STEP_DUPLICATE, {"index": index, "label": label}))
        seen.add(label)
    if problems:
        raise ValidationFailed(problems)
    return cleaned
