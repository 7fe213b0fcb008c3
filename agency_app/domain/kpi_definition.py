"""A KPI's definition as the manager types it (issue 11 point 1, R21): the input, and its checks before saving."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from agency_app.domain import errors as E
from agency_app.domain import kpi, kpi_measures
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.kpi_periods import KPI_PERIODS

DESCRIPTION_MAX = 1000
FIRST_YEAR, LAST_YEAR = 2000, 2100
NUMBER_LIMIT = Decimal(10) ** 12
COUNT_UNITS = ("件", "回", "名")   # a count's target is never negative (NPS in pt may be)

# Message codes (the UI turns them into Japanese).
BAD_TARGET = "kpi_bad_target"              # the target is not a number
NEGATIVE_TARGET = "kpi_negative_target"    # a count below zero
BAD_YEAR = "kpi_bad_fiscal_year"           # params: first, last
DUPLICATE_TITLE = "kpi_duplicate_title"    # the year already has a KPI of that title (storage checks)
FROZEN_DEFINITION = "kpi_frozen_definition"  # a definition changed while a result is finalised (storage checks)
HAS_FROZEN_RESULTS = "kpi_has_frozen_results"  # deleting a KPI with a finalised result (storage checks)
YEAR_FIXED = "kpi_year_fixed"              # an edit may not move a KPI to another year (copy it instead)
RESULT_FROZEN = "kpi_result_frozen"        # a typed result of a finalised period
NOT_HAND = "kpi_not_hand"                  # a result typed for a computed KPI
BAD_VALUE = "kpi_bad_value"                # a typed result that is not a number


@dataclass
class KpiInput:
    """What the KPI form holds; the target as typed ('８０', '80.0%'), the parameter '' or None for none."""

    fiscal_year: int
    principle: int
    title: str
    description: str = ""
    target: str = ""
    unit: str = ""
    direction: str = kpi.AT_LEAST
    period: str = "year"
    places: int = 1
    source: str = kpi_measures.HAND
    source_param: str | None = None

    @classmethod
    def from_row(cls, row: dict) -> "KpiInput":
        """A stored KPI (a kpis row) in the shape the form edits."""
        return cls(fiscal_year=row["fiscal_year"], principle=row["principle"], title=row["title"],
                   description=row["description"] or "", target=row["target"], unit=row["unit"],
                   direction=row["direction"], period=row["period"], places=row["places"],
                   source=row["source"], source_param=row["source_param"])


def parse_number(text: str, unit: str = "") -> Decimal | None:
    """A number as staff type it: full-width digits, '1,234', a trailing unit ('80.0%', '12回'); None if not one
    (nor when the trailing unit is another than `unit`)."""
    text = unicodedata.normalize("NFKC", text or "").strip().replace(",", "")
    for suffix in (unit, *kpi.UNITS):
        if suffix and text.endswith(suffix):
            if unit and suffix != unit:   # '5%' for a 件 KPI is not 5件: the unit typed says another figure
                return None
            text = text[: -len(suffix)].strip()
            break
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    # A KPI figure is at most a few thousand; a wild exponent ('1e999999') would be a million digits as text.
    return value if value.is_finite() and abs(value) < NUMBER_LIMIT else None


def decimal_text(value: Decimal) -> str:
    """The exact decimal as stored text, without an exponent ('80', '82.05', '0.5')."""
    text = format(value, "f")
    return text if text != "-0" else "0"


def title_key(title: str) -> str:
    """What makes two titles one KPI: widths folded and each run of spaces one, so 'NPS（事故対応）　自動車' typed
    with the IME and 'NPS(事故対応)  自動車' pasted from a sheet are the same title (in a year, and for the trend)."""
    return " ".join(unicodedata.normalize("NFKC", title or "").split())


def tidy_title(title: str | None) -> str:
    """The title as the manager wrote it — full-width brackets stay full-width — trimmed, each run of spaces one
    (a full-width space where the run starts with one)."""
    return re.sub(r"\s+", lambda m: "\u3000" if m.group(0)[0] == "\u3000" else " ", (title or "").strip())


def validate_kpi(entry: KpiInput, survey_types: Collection[str]) -> dict:
    """Check a KPI before saving (every problem at once, each at its field); returns the kpis columns to store.

    `survey_types`: the codes of the survey types a NPS / satisfaction KPI may count (they are data)."""
    problems: list[FieldError] = []
    if not FIRST_YEAR <= entry.fiscal_year <= LAST_YEAR:
        problems.append(FieldError("fiscal_year", BAD_YEAR, {"first": FIRST_YEAR, "last": LAST_YEAR}))
    # One space between words: a title is the KPI's name in its year and across years (the trend finds it by it).
    title = tidy_title(entry.title)
    description = (entry.description or "").strip()
    if len(description) > DESCRIPTION_MAX:
        problems.append(FieldError("description", E.TOO_LONG, {"max": DESCRIPTION_MAX}))
    unit = entry.unit or ""
    target = None
    if not (entry.target or "").strip():
        problems.append(FieldError("target", E.REQUIRED))
    else:
        target = parse_number(entry.target, unit)
        if target is None:
            problems.append(FieldError("target", BAD_TARGET))
        elif target < 0 and unit in COUNT_UNITS:
            problems.append(FieldError("target", NEGATIVE_TARGET))
    if entry.period not in KPI_PERIODS:
        problems.append(FieldError("period", E.UNKNOWN_CHOICE))
    try:  # the domain's own rules: principle, title, unit, direction, precision, a percent at most 100
        kpi.check_definition(principle=entry.principle, title=title, target=kpi.KpiTarget(
            target if target is not None else Decimal(0), unit, entry.direction, entry.places))
    except ValidationFailed as failed:
        problems.extend(failed.errors)
    param = entry.source_param or None
    try:  # a computed source's unit must be the measure's: a 件 target on a % measure could never be judged
        kpi_measures.check_source(entry.source, param, unit=unit or None, survey_types=survey_types)
    except ValidationFailed as failed:
        problems.extend(failed.errors)
    if problems:
        raise ValidationFailed(_first_per_field(problems))
    return dict(fiscal_year=entry.fiscal_year, principle=entry.principle, title=title, description=description,
                target=decimal_text(target), unit=unit, direction=entry.direction, period=entry.period,
                places=entry.places, source=entry.source, source_param=param)


def _first_per_field(problems: list[FieldError]) -> list[FieldError]:
    """One message per field (the first found): two reasons under one box read as noise."""
    seen: dict[str, FieldError] = {}
    for problem in problems:
        seen.setdefault(problem.field, problem)
    return list(seen.values())
