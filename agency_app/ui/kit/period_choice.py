"""The choice of a part of a fiscal year (R1) — 年度, 上期, 下期, Q1–Q4, a month — as every period chooser offers it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from agency_app.domain import periods

translate = QCoreApplication.translate

# The "part of the year" choices: (kind, number), in the order the choosers list them.
PERIOD_PARTS = ([(periods.YEAR, 0), (periods.HALF, 1), (periods.HALF, 2)]
                + [(periods.QUARTER, n) for n in (1, 2, 3, 4)]
                + [(periods.MONTH, m) for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)])


def part_label(kind: str, number: int) -> str:
    """年度 / 上期（4〜9月）/ … as staff read them (context FilterBar: the voice list said them first)."""
    if kind == periods.YEAR:
        return translate("FilterBar", "Whole year")
    if kind == periods.HALF:
        return translate("FilterBar", "First half (Apr–Sep)") if number == 1 else \
            translate("FilterBar", "Second half (Oct–Mar)")
    if kind == periods.QUARTER:
        return [translate("FilterBar", "Q1 (Apr–Jun)"), translate("FilterBar", "Q2 (Jul–Sep)"),
                translate("FilterBar", "Q3 (Oct–Dec)"), translate("FilterBar", "Q4 (Jan–Mar)")][number - 1]
    return translate("FilterBar", "Month {month}").format(month=number)
