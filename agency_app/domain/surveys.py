"""Survey answers (アンケート, R25): survey types with their scales (seed 000), an answer's checks, NPS and satisfaction."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain import kpi
from agency_app.domain.date_input import typed_date
from agency_app.domain.errors import FieldError, ValidationFailed

SCORE_MIN, SCORE_MAX = 0, 10     # the recommendation question (NPS, R24)
COMMENT_MAX = 2_000
NAME_MAX = 50

# Message codes (the UI turns them into Japanese). Out-of-range scores and grades reuse kpi.BAD_SCORE
# (params: score) and kpi.BAD_GRADE (params: grade, n), the codes the NPS / satisfaction maths raise.
BAD_SCORE = kpi.BAD_SCORE
BAD_GRADE = kpi.BAD_GRADE
BAD_SCALE = kpi.BAD_SCALE                      # top k of n with k outside 1..n-1 (params: k, n)
SCORE_NOT_A_NUMBER = "survey_score_not_a_number"   # '7.5', 'abc' (params: text)
GRADE_NOT_A_NUMBER = "survey_grade_not_a_number"   # neither 1..n nor one of the type's labels (params: text)
SCORE_NOT_ASKED = "survey_score_not_asked"         # a recommendation score for a type that does not ask it
TYPE_WITHOUT_SCALE = "survey_type_without_scale"   # a survey type with no satisfaction scale (n < 2)
LABELS_MISMATCH = "survey_labels_mismatch"         # grade labels given, but not n of them (params: n, labels)
ANSWERED_IN_FUTURE = "survey_answered_in_future"
EMPTY_ANSWER = "survey_empty_answer"               # neither score nor grade nor comment


@dataclass(frozen=True)
class SurveyType:
    """One survey (契約手続, 事故対応, 満期前…): its n-grade satisfaction scale, grade 1 the best, of which the best
    `top_k` count as satisfied (R24), the grades' labels best first, and whether it asks the 0–10 score."""

    code: str
    name: str
    scale_n: int
    top_k: int
    grade_labels: tuple[str, ...] = ()
    asks_recommendation: bool = True
    question: str = ""    # the satisfaction question as printed, for the entry form's hint

    def label(self, grade: int) -> str:
        return self.grade_labels[grade - 1] if 1 <= grade <= len(self.grade_labels) else str(grade)


# Seed 000's three scales. 契約手続 is not in the seed: R25 names it first, and an agency's own
# after-contract survey usually asks overall satisfaction, so it takes the seed's 総合満足度 scale.
_SATISFIED_5 = ("満足", "やや満足", "普通", "やや不満", "不満")
DEFAULT_TYPES = (
    SurveyType("contract", "契約手続", 5, 3, _SATISFIED_5, True, "総合満足度"),
    SurveyType("contact", "コンタクトセンター", 5, 3, _SATISFIED_5, False, "総合満足度"),
    SurveyType("claim", "事故対応", 6, 3,
               ("とても満足", "満足", "まあ満足", "やや不満", "不満", "とても不満"), True, "事故対応満足度"),
    SurveyType("renewal", "満期前", 5, 2,
               ("そう思う", "ややそう思う", "どちらともいえない", "あまりそう思わない", "そう思わない"), True, "継続意向"),
)


def survey_type_problems(survey_type: SurveyType) -> list[FieldError]:
    """What is wrong with a survey type's definition (empty when it can be used)."""
    problems = []
    if not survey_type.code.strip():
        problems.append(FieldError("code", E.REQUIRED))
    name = survey_type.name.strip()
    if not name:
        problems.append(FieldError("name", E.REQUIRED))
    elif len(name) > NAME_MAX:
        problems.append(FieldError("name", E.TOO_LONG, {"max": NAME_MAX}))
    if survey_type.scale_n < 2:
        problems.append(FieldError("scale_n", TYPE_WITHOUT_SCALE))
    elif not 1 <= survey_type.top_k < survey_type.scale_n:
        problems.append(FieldError("top_k", BAD_SCALE, {"k": survey_type.top_k, "n": survey_type.scale_n}))
    if survey_type.grade_labels and len(survey_type.grade_labels) != survey_type.scale_n:
        problems.append(FieldError("grade_labels", LABELS_MISMATCH,
                                   {"n": survey_type.scale_n, "labels": len(survey_type.grade_labels)}))
    return problems


def check_survey_type(survey_type: SurveyType) -> None:
    """A usable survey type: a code, a name, a scale of n ≥ 2 grades with top k in 1..n-1, n labels if any."""
    problems = survey_type_problems(survey_type)
    if problems:
        raise ValidationFailed(problems)


@dataclass
class SurveyAnswerInput:
    """One answer as typed: the date in any form ('R7.4.1', '4/1'), the survey type's code, a product line
    code or '', the 0–10 score and the grade as typed ('９', '' for not answered; a grade may be its label)."""

    answered_on: str = ""
    survey_type: str = ""
    product_line: str = ""
    recommendation: str = ""
    satisfaction_grade: str = ""
    comment: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "SurveyAnswerInput":
        known = {f.name for f in fields(cls)}
        return cls(**{k: ("" if v is None else str(v)) for k, v in data.items() if k in known})


_NUMBER = re.compile(r"[+-]?\d+")


def _typed_number(text: str) -> tuple[str, int | None]:
    """'１０点' → ('10', 10), 'まあ満足' → ('まあ満足', None): full-width digits (IME) read as digits, a trailing 点 allowed; None if not whole."""
    cleaned = unicodedata.normalize("NFKC", text or "").strip().replace("−", "-")
    cleaned = cleaned.removesuffix("点").strip()
    return cleaned, int(cleaned) if _NUMBER.fullmatch(cleaned) else None


def _types_by_code(types: Iterable[SurveyType] | Mapping[str, SurveyType]) -> dict[str, SurveyType]:
    if isinstance(types, Mapping):
        return dict(types)
    return {t.code: t for t in types}


def validate_survey_answer(entry: SurveyAnswerInput, types: Iterable[SurveyType] | Mapping[str, SurveyType],
                           today: date) -> dict:
    """Check an answer; return the column values to store (answered_on ISO, survey_type, product_line,
    recommendation int | None, satisfaction_grade int | None, comment) or raise ValidationFailed."""
    problems: list[FieldError] = []
    out: dict = {}

    answered = None
    if not entry.answered_on.strip():
        problems.append(FieldError("answered_on", E.REQUIRED))
    else:
        answered = typed_date("answered_on", entry.answered_on, today, problems)
        if answered is not None and answered > today:
            problems.append(FieldError("answered_on", ANSWERED_IN_FUTURE))
    out["answered_on"] = answered.isoformat() if answered else None

    code = entry.survey_type.strip()
    survey_type = _types_by_code(types).get(code)
    if not code:
        problems.append(FieldError("survey_type", E.REQUIRED))
    elif survey_type is None:
        problems.append(FieldError("survey_type", E.UNKNOWN_CHOICE))
    elif survey_type_problems(survey_type):
        problems.append(FieldError("survey_type", TYPE_WITHOUT_SCALE))
        survey_type = None  # its grades cannot be judged
    out["survey_type"] = code

    product = entry.product_line.strip()
    if product and product not in codes.PRODUCT_LINES:
        problems.append(FieldError("product_line", E.UNKNOWN_CHOICE))
    out["product_line"] = product

    out["recommendation"] = None
    if entry.recommendation.strip():
        _, score = _typed_number(entry.recommendation)
        if score is None:
            problems.append(FieldError("recommendation", SCORE_NOT_A_NUMBER, {"text": entry.recommendation}))
        elif not SCORE_MIN <= score <= SCORE_MAX:
            problems.append(FieldError("recommendation", BAD_SCORE, {"score": score}))
        elif survey_type is not None and not survey_type.asks_recommendation:
            problems.append(FieldError("recommendation", SCORE_NOT_ASKED))
        else:
            out["recommendation"] = score

    out["satisfaction_grade"] = None
    if entry.satisfaction_grade.strip():
        cleaned, grade = _typed_number(entry.satisfaction_grade)
        # the label as printed on the sheet, read as the typing is (NFKC: full-width brackets and spaces alike)
        labels = [unicodedata.normalize("NFKC", label).strip() for label in
                  (survey_type.grade_labels if survey_type is not None else ())]
        if grade is None and cleaned in labels:
            grade = labels.index(cleaned) + 1
        if grade is None:
            problems.append(FieldError("satisfaction_grade", GRADE_NOT_A_NUMBER, {"text": entry.satisfaction_grade}))
        elif survey_type is not None and not 1 <= grade <= survey_type.scale_n:
            problems.append(FieldError("satisfaction_grade", BAD_GRADE, {"grade": grade, "n": survey_type.scale_n}))
        else:
            out["satisfaction_grade"] = grade

    comment = entry.comment.strip()
    if len(comment) > COMMENT_MAX:
        problems.append(FieldError("comment", E.TOO_LONG, {"max": COMMENT_MAX}))
    out["comment"] = comment

    if not (entry.recommendation.strip() or entry.satisfaction_grade.strip() or comment):
        problems.append(FieldError("answer", EMPTY_ANSWER))

    if problems:
        raise ValidationFailed(problems)
    return out


class SurveyResult(NamedTuple):
    """The answers of one survey type: how many, NPS (one decimal) and the top-k share (%), None without data."""

    count: int
    nps: Decimal | None
    satisfaction: Decimal | None


def survey_results(answers: Iterable[Mapping], survey_type: SurveyType, places: int = 1) -> SurveyResult:
    """R24 over stored answers (the dicts validate_survey_answer returns): answers of another type are left out;
    NPS from the answers with a score (None if the type does not ask it or none gave one), satisfaction from
    those with a grade — an answer with only a comment counts in `count` and in neither share."""
    check_survey_type(survey_type)
    count, scores, grades = 0, [], []
    for answer in answers:
        if answer.get("survey_type", survey_type.code) != survey_type.code:
            continue
        count += 1
        if answer.get("recommendation") is not None:
            scores.append(answer["recommendation"])
        if answer.get("satisfaction_grade") is not None:
            grades.append(answer["satisfaction_grade"])
    value = kpi.nps(scores) if survey_type.asks_recommendation else None
    share = kpi.top_k_share(grades, survey_type.top_k, survey_type.scale_n, places)
    return SurveyResult(count, value, share)
