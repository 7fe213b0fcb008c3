"""Draft texts of a KPI result (DOMAIN R22, seed 004's layout): 【数値・事実】 and 【評価】 from the figures, for the manager to edit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from agency_app.domain.kpi import ACHIEVED, AT_LEAST, AT_MOST, RUNNING, KpiTarget, achievement, rounded
from agency_app.domain.periods import HALF, MONTH, QUARTER, YEAR, Period

NO_DATA_JA = "データなし"
RUNNING_JA = "集計中"
ACHIEVEMENT_JA = {ACHIEVED: "達成", "missed": "未達", RUNNING: RUNNING_JA, None: NO_DATA_JA}
AGENCY_JA = "全社"   # a hand KPI's value and judgement on a branch's board: the agency's, the branch has none
DIRECTION_JA = {AT_LEAST: "以上", AT_MOST: "以下"}
RATIO_UNITS = ("%",)   # a difference of percentages is said in ポイント, not %


@dataclass(frozen=True)
class DraftTexts:
    """The two texts of a result as the application first drafts them."""

    facts: str        # 【数値・事実】
    evaluation: str   # 【評価】


def format_value(value: Decimal | int | str, unit: str, places: int) -> str:
    """A figure as Japanese reports write it, at the KPI's precision: '82.0%', '1,234件', '3回', '37.5pt', '26名'."""
    return f"{rounded(value, places):,}{unit}"


def format_difference(amount: Decimal, unit: str, places: int) -> str:
    """The size of a gap or change: '2.5ポイント' for percentages, '3件', '1.9pt' otherwise (always positive)."""
    shown = f"{abs(rounded(amount, places)):,}"
    return f"{shown}ポイント" if unit in RATIO_UNITS else f"{shown}{unit}"


def target_text(target: KpiTarget) -> str:
    """'80.0%以上', '60.0pt以上'; an at-most target of zero reads as Japanese reports write it: '0件'."""
    shown = format_value(target.value, target.unit, target.places)
    if target.direction == AT_MOST and rounded(target.value, target.places) == 0:
        return shown
    return shown + DIRECTION_JA[target.direction]


def period_text(period: Period) -> str:
    """'2025年度', '2025年度上期', '2025年度第4四半期', '2026年1月' — written without spaces, as in a sentence."""
    if period.kind == YEAR:
        return f"{period.fiscal_year}年度"
    if period.kind == HALF:
        return f"{period.fiscal_year}年度{'上期' if period.number == 1 else '下期'}"
    if period.kind == QUARTER:
        return f"{period.fiscal_year}年度第{period.number}四半期"
    return f"{period.start.year}年{period.start.month}月"


def _previous_label(period: Period) -> str:
    return "前年度" if period.kind == YEAR else "前年同月" if period.kind == MONTH else "前年度同期"


def draft_facts(title: str, period: Period, target: KpiTarget, value: Decimal | int | None,
                previous: Decimal | int | None = None) -> str:
    """【数値・事実】: 「2025年度上期の早期更改率は82.0%（目標80.0%以上）でした。前年度同期は79.5%。」"""
    head = f"{period_text(period)}の{title.strip()}は"
    aim = f"（目標{target_text(target)}）"
    if value is None:
        text = f"{head}{NO_DATA_JA}でした{aim}。対象となる記録がありません。"
    else:
        text = f"{head}{format_value(value, target.unit, target.places)}{aim}でした。"
    if previous is not None:
        text += f"{_previous_label(period)}は{format_value(previous, target.unit, target.places)}。"
    return text


def draft_evaluation(period: Period, target: KpiTarget, value: Decimal | int | None,
                     previous: Decimal | int | None = None) -> str:
    """【評価】: 達成 / 未達 with the gap to the target, or データなし; then the change from the previous year."""
    result = achievement(value, target.value, target.direction, target.places)
    if value is None:
        return "対象となるデータがないため、達成状況は判定していません。"
    shown, aim = rounded(value, target.places), rounded(target.value, target.places)
    if result == ACHIEVED:
        text = "目標を達成しました。"
    elif target.direction == AT_LEAST:
        text = f"目標に{format_difference(aim - shown, target.unit, target.places)}届かず、未達となりました。"
    else:
        text = f"目標を{format_difference(shown - aim, target.unit, target.places)}上回り、未達となりました。"
    if previous is not None:
        text += _trend(period, target, shown, rounded(previous, target.places))
    return text


def _trend(period: Period, target: KpiTarget, shown: Decimal, before: Decimal) -> str:
    """The change from the previous year at the shown precision, and whether it is for the better."""
    label = _previous_label(period)
    if shown == before:
        return f"{label}と同じ水準です。"
    up = shown > before
    if target.unit in RATIO_UNITS or target.unit == "pt":
        move = "上昇" if up else "低下"
    else:
        move = "増加" if up else "減少"
    better = up == (target.direction == AT_LEAST)
    change = format_difference(shown - before, target.unit, target.places)
    return (f"{label}（{format_value(before, target.unit, target.places)}）から{change}{move}し、"
            f"{'改善' if better else '後退'}しています。")


def draft_running(title: str, period: Period, target: KpiTarget, value: Decimal | int | None,
                  as_of: date) -> DraftTexts:
    """The texts of a period still running: the figure so far, and that it is judged once the period ends
    (「…は12月5日現在8回です（目標12回以上）。」 — not 「未達となりました」 with four months to go)."""
    shown = NO_DATA_JA if value is None else format_value(value, target.unit, target.places)
    facts = (f"{period_text(period)}の{title.strip()}は{as_of.month}月{as_of.day}日現在{shown}です"
             f"（目標{target_text(target)}）。")
    return DraftTexts(facts, f"期間中のため、達成状況は{period.end.month}月{period.end.day}日の期間終了後に判定します。")


def draft_texts(title: str, period: Period, target: KpiTarget, value: Decimal | int | None,
                previous: Decimal | int | None = None, *, as_of: date | None = None) -> DraftTexts:
    """Both texts of a result (R22), from the figures only; the manager edits them before publishing.
    `as_of`: the day the figures are of, when the period has not ended yet (then it is not judged)."""
    if as_of is not None and as_of <= period.end:
        return draft_running(title, period, target, value, as_of)
    return DraftTexts(draft_facts(title, period, target, value, previous),
                      draft_evaluation(period, target, value, previous))
