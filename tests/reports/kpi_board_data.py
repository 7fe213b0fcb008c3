"""KPI rows for the board's tests (report, command line, sheet): seed 003's titles and targets, written as the
repository stores them, and a stand-in for the measures so a test says which figure a computed KPI reads."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from agency_app.domain.periods import Period

NOW = "2026-04-10 09:00:00"


def add_kpi(conn, fiscal_year: int, title: str, target: str, unit: str = "%", *, principle: int = 2,
            direction: str = ">=", period: str = "year", places: int = 1, source: str = "hand",
            param: str | None = None, sort_order: int = 0, description: str = "") -> str:
    uid = uuid.uuid4().hex
    conn.execute(
        "INSERT INTO kpis (uid, fiscal_year, principle, title, description, target, unit, direction, period, places,"
        " source, source_param, sort_order, origin_branch, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'HQ', ?, ?)",
        (uid, fiscal_year, principle, title, description, target, unit, direction, period, places, source, param,
         sort_order, NOW, NOW))
    conn.commit()
    return uid


def set_result(conn, kpi_uid: str, period: Period, *, hand: str | None = None, facts: str = "",
               evaluation: str = "", frozen: str | None = None, frozen_at: str | None = None,
               frozen_by: str | None = None) -> None:
    conn.execute(
        "INSERT INTO kpi_results (uid, kpi_id, period_kind, period_number, hand_value, facts, evaluation,"
        " frozen_value, frozen_at, frozen_by, origin_branch, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'HQ', ?, ?)",
        (uuid.uuid4().hex, kpi_uid, period.kind, period.number, hand, facts, evaluation, frozen, frozen_at,
         frozen_by, NOW, NOW))
    conn.commit()


def add_finalisation(conn, period: Period, by: str | None, at: str = "2026-04-05 10:00:00",
                     status: str = "final", note: str | None = None) -> None:
    conn.execute(
        "INSERT INTO kpi_finalisations (uid, fiscal_year, period_kind, period_number, status, finalised_at,"
        " finalised_by, reopen_note, origin_branch, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'HQ', ?, ?)",
        (uuid.uuid4().hex, period.fiscal_year, period.kind, period.number, status, at, by, note, NOW, NOW))
    conn.commit()


@dataclass(frozen=True)
class Figure:
    value: Decimal | None
    numerator: int = 0
    denominator: int | None = None


class FakeMeasures:
    """compute(conn, code, param, period, branch) from a table the test fills; counts the calls."""

    def __init__(self, figures: dict | None = None):
        self.figures = dict(figures or {})   # (code, param, period, branch) → value (str/Decimal/None)
        self.calls: list[tuple] = []

    def __call__(self, conn, code, param, period, branch=None, *, today=None):
        self.calls.append((code, param, period, branch))
        value = self.figures.get((code, param, period, branch))
        return Figure(None if value is None else Decimal(str(value)))


def board_services(store):
    """Services over `store` (its kpis repository reads what the helpers above wrote)."""
    from agency_app.storage.services import Services
    return Services(store)
