"""The KPI board (issue 11 points 5–7): each KPI of a fiscal year with its results, achievement, texts, 確定 state and trend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from agency_app.domain.kpi import KpiTarget
from agency_app.domain.periods import Period


@dataclass(frozen=True)
class ResultCell:
    """One result of a KPI: its period, the value shown (frozen if final), 達成/未達/None and the two texts."""

    period: Period
    value: Decimal | None          # what the board shows: the frozen value when frozen, else `current`
    current: Decimal | None        # recomputed now (or the hand value now); None = データなし
    frozen: bool
    frozen_at: str | None
    frozen_by: str | None          # the staff member's name when known, else the uid
    flag: str | None               # kpi_freeze.change_flag: 「確定後に変更があります: 97 → 98」
    achievement: str | None        # kpi.ACHIEVED / kpi.MISSED / None (データなし)
    facts: str                     # 【数値・事実】 as stored, or the draft
    evaluation: str                # 【評価】 as stored, or the draft
    facts_is_draft: bool
    evaluation_is_draft: bool
    hand: bool                     # the KPI's result is typed by hand
    interim: bool = False          # a year KPI shown over a half only (中間)


@dataclass(frozen=True)
class TrendPoint:
    """The same-titled KPI's year result in an earlier fiscal year (frozen value if final, else current)."""

    fiscal_year: int
    value: Decimal | None
    achievement: str | None


@dataclass(frozen=True)
class KpiRow:
    """One KPI on the board."""

    uid: str
    principle: int
    title: str
    description: str
    target: KpiTarget
    period: str                    # 'year' | 'half1' | 'half2' | 'quarter'
    source: str
    source_param: str | None
    source_label: str
    cells: tuple[ResultCell, ...]
    trend: tuple[TrendPoint, ...]  # oldest first, up to 4 earlier fiscal years


@dataclass(frozen=True)
class KpiBoard:
    """Every KPI of a fiscal year (optionally one half and one branch) as the board, CLI and sheet show them."""

    fiscal_year: int
    half: int | None
    branch: str | None
    rows: tuple[KpiRow, ...]
    finalisations: tuple[dict, ...]
    made_at: datetime
    branch_name: str | None = None
    today: date | None = None
