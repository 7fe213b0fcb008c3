"""Elderly-customer sale records (DOMAIN R16–R19): who is elderly, which measures a sale needs, what is still missing."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta

from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain.age import age_on
from agency_app.domain.errors import FieldError, ValidationFailed

# Measures (高齢者対応の方法).
RELATIVE_PRESENT = "relative_present"    # 親族同席
MULTIPLE_MEETINGS = "multiple_meetings"  # 複数回面談
SECOND_AGENT = "second_agent"            # 複数募集人
PHONE_CHECK = "phone_check"              # 電話確認
WRITTEN_CHECK = "written_check"          # 書面確認 (group insurance only)
MEASURES = (RELATIVE_PRESENT, MULTIPLE_MEETINGS, SECOND_AGENT, PHONE_CHECK, WRITTEN_CHECK)
FACE_TO_FACE_MEASURES = (RELATIVE_PRESENT, MULTIPLE_MEETINGS, SECOND_AGENT)
GROUP_MEASURES = (PHONE_CHECK, WRITTEN_CHECK)
ANSWERS = ("yes", "no")

DEFAULT_THRESHOLD = 70
DEFAULT_STRICT_AGE = 80
THRESHOLD_RANGE = (50, 100)
DUE_DAYS = 14  # R8: an incomplete record is due two weeks after the sale
# A check made long before the sale is about another proposal; two months covers a slow application.
CHECK_WINDOW = timedelta(days=60)
TEXT_MAX = 2_000
NAME_MAX = 200

# Hard errors (FieldError codes): the record is refused.
NO_BIRTH_DATE = "elderly_no_birth_date"
SALE_BEFORE_BIRTH = "elderly_sale_before_birth"
NOT_ELDERLY = "elderly_not_elderly"                 # params: age, threshold
CHECKER_IS_SELLER = "elderly_checker_is_seller"
SECOND_AGENT_IS_SELLER = "elderly_second_agent_is_seller"
MEETING_AFTER_SALE = "elderly_meeting_after_sale"
MEETING_BEFORE_BIRTH = "elderly_meeting_before_birth"
MEASURE_NOT_ALLOWED = "elderly_measure_not_allowed"
DATE_TOO_EARLY = "elderly_date_too_early"           # params: days
DUE_BEFORE_SALE = "elderly_due_before_sale"
# Rules errors (validate_rules).
THRESHOLD_OUT_OF_RANGE = "elderly_threshold_out_of_range"  # params: min, max
STRICT_BELOW_THRESHOLD = "elderly_strict_below_threshold"  # params: threshold
BAD_PREFERENCE = "elderly_bad_preference"

# Soft requirements (Missing codes): the record is saved and stays an open follow-up.
MEASURE_MISSING = "measure_missing"
GROUP_MEASURE_MISSING = "group_measure_missing"
RELATIVE_NAME_MISSING = "relative_name_missing"
RELATIVE_RELATION_MISSING = "relative_relation_missing"
MEETINGS_TOO_FEW = "meetings_too_few"               # params: count
SECOND_AGENT_MISSING = "second_agent_missing"
REASON_MISSING = "less_preferred_reason_missing"    # params: preferred, chosen
NO_MEASURE_REASON_MISSING = "no_measure_reason_missing"
PHONE_CHECK_MISSING = "phone_check_missing"         # params: why (see PHONE_WHY_*), strict_age
PHONE_DATE_MISSING = "phone_date_missing"
ANSWER_MISSING = "answer_missing"                   # field names the question
FOLLOW_UP_MISSING = "follow_up_missing"
WRITTEN_DATE_MISSING = "written_date_missing"

# Why a phone check is needed (shown to staff so the requirement makes sense).
PHONE_WHY_NON_FACE_TO_FACE = "non_face_to_face"
PHONE_WHY_NO_MEASURE = "no_measure_possible"
PHONE_WHY_STRICT = "strict"
PHONE_WHY_GROUP = "group"


@dataclass(frozen=True)
class ElderlyRules:
    """One version of the agency's rules: threshold per product group, the strict band, the order of preference."""

    thresholds: dict = field(default_factory=lambda: {g: DEFAULT_THRESHOLD for g in codes.PRODUCT_GROUPS})
    strict_age: int | None = DEFAULT_STRICT_AGE
    preference: tuple = FACE_TO_FACE_MEASURES

    def threshold_for(self, product_line: str | None) -> int:
        return int(self.thresholds.get(codes.product_group(product_line), DEFAULT_THRESHOLD))

    def to_json(self) -> str:
        return json.dumps({"thresholds": dict(self.thresholds), "strict_age": self.strict_age,
                           "preference": list(self.preference)}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "ElderlyRules":
        data = json.loads(text)
        thresholds = {g: DEFAULT_THRESHOLD for g in codes.PRODUCT_GROUPS}
        thresholds.update({str(k): int(v) for k, v in data.get("thresholds", {}).items()})
        strict = data.get("strict_age", DEFAULT_STRICT_AGE)
        return cls(thresholds=thresholds, strict_age=None if strict is None else int(strict),
                   preference=tuple(data.get("preference", FACE_TO_FACE_MEASURES)))


DEFAULT_RULES = ElderlyRules()


def validate_rules(rules: ElderlyRules) -> None:
    """Raise ValidationFailed unless thresholds are 50–100, the strict band at or above them, the order complete."""
    problems: list[FieldError] = []
    low, high = THRESHOLD_RANGE
    for group in codes.PRODUCT_GROUPS:
        value = rules.thresholds.get(group)
        if not isinstance(value, int) or not low <= value <= high:
            problems.append(FieldError(f"threshold_{group}", THRESHOLD_OUT_OF_RANGE, {"min": low, "max": high}))
    if rules.strict_age is not None:
        # The strict band demands more of face-to-face life and non-life sales: it starts at or above their threshold.
        floor = max(rules.thresholds.get(g, 0) if isinstance(rules.thresholds.get(g), int) else 0
                    for g in (codes.PRODUCT_GROUP_LIFE, codes.PRODUCT_GROUP_NONLIFE))
        if not isinstance(rules.strict_age, int) or not low <= rules.strict_age <= high:
            problems.append(FieldError("strict_age", THRESHOLD_OUT_OF_RANGE, {"min": low, "max": high}))
        elif rules.strict_age < floor:
            problems.append(FieldError("strict_age", STRICT_BELOW_THRESHOLD, {"threshold": floor}))
    if sorted(rules.preference) != sorted(FACE_TO_FACE_MEASURES):
        problems.append(FieldError("preference", BAD_PREFERENCE))
    if problems:
        raise ValidationFailed(problems)


@dataclass
class SaleRecord:
    """A sale to an elderly customer with the measures taken, as the rules judge it (dates parsed)."""

    sale_date: date
    product_line: str
    seller_id: str
    face_to_face: bool = True
    measure: str | None = None
    relative_name: str = ""
    relative_relation: str = ""
    meeting_dates: list = field(default_factory=list)
    second_agent_id: str | None = None
    less_preferred_reason: str = ""
    phone_checker_id: str | None = None
    phone_checked_on: date | None = None
    answer_public_insurance: str | None = None
    answer_product_reason: str | None = None
    customer_comment: str = ""
    follow_up_note: str = ""
    written_confirmed_on: date | None = None


@dataclass(frozen=True)
class Missing:
    """One requirement the record does not meet yet; `field` is where staff fill it in."""

    code: str
    field: str
    params: dict = field(default_factory=dict)


def age_at_sale(birth: date | None, sale_date: date) -> int | None:
    """満年齢 on the sale date (申込日); None without a date of birth or for a sale before it."""
    if birth is None or sale_date < birth:
        return None
    return age_on(birth, sale_date)


def is_elderly(birth: date | None, sale_date: date, product_line: str, rules: ElderlyRules) -> bool:
    """R16: the age on the sale date decides, against the threshold of the product's group."""
    age = age_at_sale(birth, sale_date)
    return age is not None and age >= rules.threshold_for(product_line)


# Whether the rules apply to a record being entered (judgement)
NOT_YET = "not_yet"              # the customer, the application date or the product is still missing
NO_BIRTH_DATE = "no_birth_date"  # the customer's date of birth is not recorded: the age cannot be known
NOT_ELDERLY = "not_elderly"      # under the threshold on the sale date: the rules ask for nothing
ELDERLY = "elderly"


def judgement(record: SaleRecord | None, birth: date | None, rules: ElderlyRules, *, has_customer: bool) -> str:
    """Whether R16 can be judged yet for a record being entered, and what it says."""
    if not has_customer or record is None or record.product_line not in codes.PRODUCT_LINES:
        return NOT_YET
    if age_at_sale(birth, record.sale_date) is None:
        return NO_BIRTH_DATE
    return ELDERLY if is_elderly(birth, record.sale_date, record.product_line, rules) else NOT_ELDERLY


def in_strict_band(birth: date | None, record: SaleRecord, rules: ElderlyRules) -> bool:
    """The strict band demands a phone check on top of a face-to-face life or non-life sale."""
    age = age_at_sale(birth, record.sale_date)
    return (rules.strict_age is not None and age is not None and age >= rules.strict_age
            and record.face_to_face and codes.product_group(record.product_line) != codes.PRODUCT_GROUP_GROUP)


def allowed_measures(record: SaleRecord, rules: ElderlyRules) -> tuple[str, ...]:
    """The measures this kind of sale may use, in the order of the record's rules."""
    if codes.product_group(record.product_line) == codes.PRODUCT_GROUP_GROUP:
        return GROUP_MEASURES
    if record.face_to_face:
        return tuple(rules.preference) + (PHONE_CHECK,)
    return (PHONE_CHECK,)


def phone_check_reason(birth: date | None, record: SaleRecord, rules: ElderlyRules) -> str | None:
    """Why this record needs a completed phone check, or None when it does not."""
    if codes.product_group(record.product_line) == codes.PRODUCT_GROUP_GROUP:
        return PHONE_WHY_GROUP if record.measure == PHONE_CHECK else None
    if not record.face_to_face:
        return PHONE_WHY_NON_FACE_TO_FACE
    if in_strict_band(birth, record, rules):
        return PHONE_WHY_STRICT
    return PHONE_WHY_NO_MEASURE if record.measure == PHONE_CHECK else None


def missing(record: SaleRecord, birth: date | None, rules: ElderlyRules) -> list[Missing]:
    """What the record still lacks under `rules` (R17–R19); empty = complete. Not elderly = nothing needed."""
    if not is_elderly(birth, record.sale_date, record.product_line, rules):
        return []
    out: list[Missing] = []
    group = codes.product_group(record.product_line) == codes.PRODUCT_GROUP_GROUP
    if group:
        if record.measure not in GROUP_MEASURES:
            out.append(Missing(GROUP_MEASURE_MISSING, "measure"))
        elif record.measure == WRITTEN_CHECK and record.written_confirmed_on is None:
            out.append(Missing(WRITTEN_DATE_MISSING, "written_confirmed_on"))
    elif record.face_to_face:
        out += _face_to_face_missing(record, rules)
    why = phone_check_reason(birth, record, rules)
    if why is not None:
        out += _phone_check_missing(record, why, rules)
    return out


def _face_to_face_missing(record: SaleRecord, rules: ElderlyRules) -> list[Missing]:
    measure, preference = record.measure, tuple(rules.preference)
    if measure not in preference and measure != PHONE_CHECK:
        return [Missing(MEASURE_MISSING, "measure")]
    out: list[Missing] = []
    if measure == RELATIVE_PRESENT:
        if not record.relative_name.strip():
            out.append(Missing(RELATIVE_NAME_MISSING, "relative_name"))
        if not record.relative_relation.strip():
            out.append(Missing(RELATIVE_RELATION_MISSING, "relative_relation"))
    elif measure == MULTIPLE_MEETINGS:
        count = len(set(record.meeting_dates))
        if count < 2:
            out.append(Missing(MEETINGS_TOO_FEW, "meeting_dates", {"count": count}))
    elif measure == SECOND_AGENT and not record.second_agent_id:
        out.append(Missing(SECOND_AGENT_MISSING, "second_agent_id"))
    if not record.less_preferred_reason.strip():
        if measure == PHONE_CHECK:
            out.append(Missing(NO_MEASURE_REASON_MISSING, "less_preferred_reason",
                               {"preference": preference}))
        elif measure != preference[0]:
            out.append(Missing(REASON_MISSING, "less_preferred_reason",
                               {"preferred": preference[0], "chosen": measure}))
    return out


def _phone_check_missing(record: SaleRecord, why: str, rules: ElderlyRules) -> list[Missing]:
    out: list[Missing] = []
    if not record.phone_checker_id:
        out.append(Missing(PHONE_CHECK_MISSING, "phone_checker_id", {"why": why, "strict_age": rules.strict_age}))
    if record.phone_checked_on is None:
        out.append(Missing(PHONE_DATE_MISSING, "phone_checked_on"))
    answers = (("answer_public_insurance", record.answer_public_insurance),
               ("answer_product_reason", record.answer_product_reason))
    out += [Missing(ANSWER_MISSING, name) for name, value in answers if value not in ANSWERS]
    if any(value == "no" for _name, value in answers) and not record.follow_up_note.strip():
        out.append(Missing(FOLLOW_UP_MISSING, "follow_up_note"))
    return out


def hard_errors(record: SaleRecord, birth: date | None, rules: ElderlyRules, *, today: date) -> list[FieldError]:
    """Mistakes that refuse the save (R16, R19): not an elderly sale at all, the seller checking themself, bad dates."""
    problems: list[FieldError] = []
    sale = record.sale_date
    if sale > today:
        problems.append(FieldError("sale_date", E.IN_FUTURE))
    if record.product_line not in codes.PRODUCT_LINES:
        problems.append(FieldError("product_line", E.UNKNOWN_CHOICE))
    if birth is None:
        problems.append(FieldError("customer_id", NO_BIRTH_DATE))
    elif sale < birth:
        problems.append(FieldError("sale_date", SALE_BEFORE_BIRTH))
    elif record.product_line in codes.PRODUCT_LINES and not is_elderly(birth, sale, record.product_line, rules):
        problems.append(FieldError("customer_id", NOT_ELDERLY, {
            "age": age_on(birth, sale), "threshold": rules.threshold_for(record.product_line)}))
    if record.measure is not None:
        if record.measure not in MEASURES:
            problems.append(FieldError("measure", E.UNKNOWN_CHOICE))
        elif record.product_line in codes.PRODUCT_LINES and record.measure not in allowed_measures(record, rules):
            problems.append(FieldError("measure", MEASURE_NOT_ALLOWED))
    # R19: the seller never confirms their own sale.
    if record.phone_checker_id and record.phone_checker_id == record.seller_id:
        problems.append(FieldError("phone_checker_id", CHECKER_IS_SELLER))
    if record.second_agent_id and record.second_agent_id == record.seller_id:
        problems.append(FieldError("second_agent_id", SECOND_AGENT_IS_SELLER))
    if any(day > sale for day in record.meeting_dates):
        problems.append(FieldError("meeting_dates", MEETING_AFTER_SALE))
    elif birth is not None and any(day < birth for day in record.meeting_dates):
        problems.append(FieldError("meeting_dates", MEETING_BEFORE_BIRTH))
    for name in ("phone_checked_on", "written_confirmed_on"):
        day = getattr(record, name)
        if day is None:
            continue
        if day > today:
            problems.append(FieldError(name, E.IN_FUTURE))
        elif day < sale - CHECK_WINDOW:
            problems.append(FieldError(name, DATE_TOO_EARLY, {"days": CHECK_WINDOW.days}))
    for name in ("answer_public_insurance", "answer_product_reason"):
        if getattr(record, name) not in (None, *ANSWERS):
            problems.append(FieldError(name, E.UNKNOWN_CHOICE))
    return problems


def default_due_date(sale_date: date) -> date:
    """R8: an incomplete record is due two weeks after the sale unless staff set another day."""
    return sale_date + timedelta(days=DUE_DAYS)


def completion(missing_now: list[Missing], *, was_complete: bool, completed_on: str | None,
               today: date) -> tuple[int, str | None]:
    """(is_complete, completed_on) to store: the day a record first became complete; cleared if it falls back."""
    if missing_now:
        return 0, None
    return 1, (completed_on if was_complete and completed_on else today.isoformat())


def record_from_row(row: dict) -> SaleRecord:
    """A stored elderly_sales row → SaleRecord (to judge it again, e.g. for the list of what is missing)."""
    def day(value: str | None) -> date | None:
        return date.fromisoformat(value) if value else None
    return SaleRecord(
        sale_date=date.fromisoformat(row["sale_date"]), product_line=row["product_line"],
        seller_id=row["seller_id"], face_to_face=bool(row["face_to_face"]), measure=row["measure"],
        relative_name=row["relative_name"] or "", relative_relation=row["relative_relation"] or "",
        meeting_dates=[date.fromisoformat(d) for d in (row["meeting_dates"] or "").split(",") if d],
        second_agent_id=row["second_agent_id"], less_preferred_reason=row["less_preferred_reason"] or "",
        phone_checker_id=row["phone_checker_id"], phone_checked_on=day(row["phone_checked_on"]),
        answer_public_insurance=row["answer_public_insurance"], answer_product_reason=row["answer_product_reason"],
        customer_comment=row["customer_comment"] or "", follow_up_note=row["follow_up_note"] or "",
        written_confirmed_on=day(row["written_confirmed_on"]))
