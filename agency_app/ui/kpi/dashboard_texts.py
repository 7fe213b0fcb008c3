"""How the dashboard writes a board's cells: the result, 達成 / 未達 / データなし, the 確定 mark, the earlier years."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from agency_app.domain.kpi import ACHIEVED, MISSED, KpiTarget
from agency_app.domain.kpi_texts import ACHIEVEMENT_JA, NO_DATA_JA, format_value
from agency_app.domain.periods import HALF, QUARTER, YEAR, Period

translate = QCoreApplication.translate

# The judgement in a colour AND a word (never colour alone): green 達成, red 未達, grey データなし.
ACHIEVEMENT_COLOURS = {ACHIEVED: (QColor("#1e6b3a"), QColor("#e3f4e8")),
                       MISSED: (QColor("#a61b1b"), QColor("#fde8e6")),
                       None: (QColor("#555555"), QColor("#eeeeee"))}
FLAG_COLOUR = QColor("#a61b1b")


def value_text(value: Decimal | None, target: KpiTarget) -> str:
    """'82.0%' at the KPI's precision, or データなし — never 0 for a period without records."""
    return NO_DATA_JA if value is None else format_value(value, target.unit, target.places)


def achievement_text(achievement: str | None) -> str:
    return ACHIEVEMENT_JA.get(achievement, NO_DATA_JA)


def part_text(period: Period, interim: bool = False) -> str:
    """The part of the year a result is over: 年度, 上期, 下期, 第1四半期; 中間 for a year KPI shown over a half."""
    if period.kind == YEAR:
        text = translate("KpiDashboard", "Year")
    elif period.kind == HALF:
        text = translate("KpiDashboard", "First half") if period.number == 1 else \
            translate("KpiDashboard", "Second half")
    elif period.kind == QUARTER:
        text = translate("KpiDashboard", "Q{number}").format(number=period.number)
    else:
        text = period.label_ja()
    if interim:
        text += translate("KpiDashboard", " (interim)")
    return text


def frozen_text(frozen: bool, frozen_at: str | None, frozen_by: str | None) -> str:
    """'確定 2025/10/05 佐藤' (the day only: the minute does not matter to a reader), '' when not finalised."""
    if not frozen:
        return ""
    day = (frozen_at or "")[:10].replace("-", "/")
    return translate("KpiDashboard", "Final {day} {who}").format(day=day, who=frozen_by or "").strip()


def trend_text(trend, target: KpiTarget) -> str:
    """The earlier years in one line, oldest first: '2022年度 79.5% ・ 2023年度 80.1%'."""
    return " ・ ".join(translate("KpiDashboard", "FY{year} {value}").format(
        year=point.fiscal_year, value=value_text(point.value, target)) for point in trend)
