"""How a KPI's definition reads on screen: principle, target, period, source and precision, from the domain's Japanese labels."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from agency_app.domain import kpi, kpi_measures
from agency_app.domain.kpi_periods import KPI_PERIOD_LABELS_JA, KPI_PERIODS
from agency_app.domain.kpi_texts import DIRECTION_JA, target_text

translate = QCoreApplication.translate


def principle_text(number: int) -> str:
    """'2 顧客の最善の利益の追求' (the FSA's names are Japanese wherever they are shown)."""
    return f"{number} {kpi.PRINCIPLES.get(number, '')}".strip()


def principle_heading(number: int) -> str:
    return translate("KpiTexts", "Principle {text}").format(text=principle_text(number))


def period_label(period: str) -> str:
    return KPI_PERIOD_LABELS_JA.get(period, period)


def period_choices() -> list[tuple[str, str]]:
    return [(code, period_label(code)) for code in KPI_PERIODS]


def direction_choices() -> list[tuple[str, str]]:
    return [(code, DIRECTION_JA[code]) for code in kpi.DIRECTIONS]


def places_text(places: int) -> str:
    return translate("KpiTexts", "{places} decimal places").format(places=places) if places else \
        translate("KpiTexts", "Whole numbers")


def row_target_text(row: dict) -> str:
    """'80.0%以上' from a stored KPI (its target is the exact decimal as text)."""
    try:
        return target_text(kpi.KpiTarget(Decimal(row["target"]), row["unit"], row["direction"], row["places"]))
    except (ArithmeticError, KeyError, ValueError):  # a row no form could save: shown as stored, never a crash
        return f"{row.get('target', '')}{row.get('unit', '')}"


def source_text(row: dict, survey_names: dict[str, str]) -> str:
    return kpi_measures.label_ja(row["source"], row["source_param"], survey_names)


def param_choices(measure_code: str, survey_types: list[tuple[str, str]]) -> list[tuple[str, str]] | None:
    """The choices of a measure's parameter (code, label); None when it takes none. A measure whose parameter is
    optional starts with ('', すべて)."""
    found = kpi_measures.BY_CODE.get(measure_code)
    if found is None or found.param is None:
        return None
    if found.param == kpi_measures.SURVEY_TYPE:
        choices = list(survey_types)
    else:
        labels = kpi_measures.PARAM_VALUE_LABELS_JA.get(found.param, {})
        choices = [(code, labels.get(code, code)) for code in kpi_measures.PARAM_CHOICES[found.param] or ()]
    if not found.param_required:
        choices.insert(0, ("", translate("KpiTexts", "All")))
    return choices
