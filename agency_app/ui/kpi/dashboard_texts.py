"""How the dashboard writes a board's cells: the result, 達成 / 未達 / データなし, the 確定 mark, the earlier years."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from agency_app.domain.kpi import ACHIEVED, MISSED, KpiTarget
from agency_app.domain.kpi_texts import ACHIEVEMENT_JA, NO_DATA_JA, format_value, target_text
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
    """The earlier years, oldest first, two to a line: '2022年度 79.5% ・ 2023年度 80.1%' (four on one line took
    the board's width at 1024 px, the KPI titles squeezed to nothing)."""
    years = [translate("KpiDashboard", "FY{year} {value}").format(
        year=point.fiscal_year, value=value_text(point.value, target)) for point in trend]
    return "\n".join(" ・ ".join(years[first:first + 2]) for first in range(0, len(years), 2))


def year_trend(row, cell):
    """The chart of the KPI chosen, as the A4 sheet draws it: the earlier years and this one, or a quarterly
    KPI's quarters of this year; the target as a line (ui/kit/charts.YearTrend)."""
    from agency_app.ui.kit.charts import YearTrend
    if len(row.cells) > 1:
        points = [(part_text(c.period, c.interim), c.value) for c in row.cells]
    else:
        points = [(translate("KpiDashboard", "FY{year}").format(year=p.fiscal_year).strip(), p.value)
                  for p in row.trend]
        points.append((translate("KpiDashboard", "FY{year}").format(year=cell.period.fiscal_year).strip()
                       + (part_text(cell.period, True) if cell.interim else ""), cell.value))
    return YearTrend(
        title=row.title, labels=tuple(label for label, _ in points),
        values=tuple(None if value is None else float(value) for _, value in points),
        # データなし on two lines: the year's width holds it (a wider label is not drawn)
        value_texts=tuple("データ\nなし" if value is None else value_text(value, row.target) for _, value in points),
        target=float(row.target.value),
        target_text=translate("KpiDashboard", "Target {target}").format(target=target_text(row.target)),
        unit=row.target.unit)
