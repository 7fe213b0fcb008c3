"""KPI maths (DOMAIN R21–R24, R28): a KPI's definition rules, NPS, top-k satisfaction, rounding and achievement."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from agency_app.domain import errors as E
from agency_app.domain.errors import FieldError, ValidationFailed

PRINCIPLES = {  # the FSA's 顧客本位の業務運営に関する原則
    1: "方針の策定・公表", 2: "顧客の最善の利益の追求", 3: "利益相反の適切な管理", 4: "手数料等の明確化",
    5: "重要な情報の分かりやすい提供", 6: "顧客にふさわしいサービスの提供", 7: "従業員に対する適切な動機づけ",
}
UNITS = ("%", "件", "回", "pt", "名")
AT_LEAST, AT_MOST = ">=", "<="   # the target is reached at or above it / at or below it
DIRECTIONS = (AT_LEAST, AT_MOST)
ACHIEVED, MISSED = "achieved", "missed"   # 達成 / 未達; None: no data in the period (never shown as 達成 or 0)
RUNNING = "running"   # 集計中: the period has not ended — judged once it has (a ≤ count is not 達成 on its first day)
MAX_PLACES = 3
TITLE_MAX = 100

# Message codes (the UI turns them into Japanese).
NEEDS_UNIT = "kpi_needs_unit"
PERCENT_OVER_100 = "kpi_percent_over_100"
BAD_PRINCIPLE = "kpi_bad_principle"
BAD_PLACES = "kpi_bad_places"
BAD_SCORE = "kpi_bad_score"          # an NPS answer outside 0–10
BAD_GRADE = "kpi_bad_grade"          # a satisfaction grade outside 1–n
BAD_SCALE = "kpi_bad_scale"          # top k of n with k outside 1..n-1, or n under 2


def rounded(value: Decimal | int | str, places: int) -> Decimal:
    """R28: half-up to `places` decimals from the exact value (82.05 → 82.1 at one place; never banker's rounding).
    A negative value that rounds to zero is zero: NPS −0.04 reads 0.0pt, not -0.0pt."""
    shown = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return shown.copy_abs() if shown.is_zero() else shown


def achievement(value: Decimal | int | None, target: Decimal | int, direction: str, places: int) -> str | None:
    """R22: 達成 when the result, at the KPI's shown precision, reaches the target in its direction — a result
    exactly at the target is 達成; None when there is no result (データなし, never 達成)."""
    if value is None:
        return None
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}")
    shown, aim = rounded(value, places), rounded(target, places)
    reached = shown >= aim if direction == AT_LEAST else shown <= aim
    return ACHIEVED if reached else MISSED


def nps(scores: Iterable[int]) -> Decimal | None:
    """R24 (seed 000): % of answers 9–10 minus % of answers 0–6, from the exact counts, shown to one decimal;
    None without answers. A score outside 0–10 is refused."""
    promoters = detractors = count = 0
    for score in scores:
        if not isinstance(score, int) or not 0 <= score <= 10:
            raise ValidationFailed([FieldError("score", BAD_SCORE, {"score": score})])
        count += 1
        promoters += score >= 9
        detractors += score <= 6
    if count == 0:
        return None
    return rounded(Decimal(promoters - detractors) * 100 / count, 1)


def top_k_share(grades: Iterable[int], k: int, n: int, places: int = 1) -> Decimal | None:
    """R24: the share (%) of answers in the best `k` grades of an `n`-grade scale, grade 1 the best
    (seed 000: 満足・やや満足・普通 = top 3 of 5); None without answers."""
    if n < 2 or not 1 <= k < n:
        raise ValidationFailed([FieldError("scale", BAD_SCALE, {"k": k, "n": n})])
    top = count = 0
    for grade in grades:
        if not isinstance(grade, int) or not 1 <= grade <= n:
            raise ValidationFailed([FieldError("grade", BAD_GRADE, {"grade": grade, "n": n})])
        count += 1
        top += grade <= k
    if count == 0:
        return None
    return rounded(Decimal(top) * 100 / count, places)


@dataclass(frozen=True)
class KpiTarget:
    """What a KPI aims at: the value, its unit, the direction and the precision it is shown (and judged) at."""

    value: Decimal
    unit: str
    direction: str = AT_LEAST
    places: int = 1


def check_definition(*, principle: int, title: str, target: KpiTarget) -> None:
    """R21: a principle 1–7, a title, a unit, a known direction, a sane precision; a percentage at most 100."""
    problems = []
    if principle not in PRINCIPLES:
        problems.append(FieldError("principle", BAD_PRINCIPLE))
    title = title.strip()
    if not title:
        problems.append(FieldError("title", E.REQUIRED))
    elif len(title) > TITLE_MAX:
        problems.append(FieldError("title", E.TOO_LONG, {"max": TITLE_MAX}))
    if not target.unit:
        problems.append(FieldError("unit", NEEDS_UNIT))
    elif target.unit not in UNITS:
        problems.append(FieldError("unit", E.UNKNOWN_CHOICE))
    if target.direction not in DIRECTIONS:
        problems.append(FieldError("direction", E.UNKNOWN_CHOICE))
    if not 0 <= target.places <= MAX_PLACES:
        problems.append(FieldError("places", BAD_PLACES, {"max": MAX_PLACES}))
    if target.unit == "%" and not Decimal(0) <= target.value <= Decimal(100):
        problems.append(FieldError("target", PERCENT_OVER_100))
    if problems:
        raise ValidationFailed(problems)
