"""The KPI board (issue 11 points 5–7): each KPI of a fiscal year with its results, achievement, texts, 確定 state and trend."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from agency_app.domain.kpi import PRINCIPLES, RUNNING, KpiTarget, achievement
from agency_app.domain.kpi_definition import title_key
from agency_app.domain.kpi_freeze import change_flag
from agency_app.domain.kpi_measures import HAND, label_ja
from agency_app.domain.kpi_periods import period_key, result_periods, within
from agency_app.domain.kpi_texts import (
    ACHIEVEMENT_JA, AGENCY_JA, NO_DATA_JA, draft_texts, format_value, period_text, target_text,
)
from agency_app.domain.periods import HALF, Period, now_tokyo
from agency_app.reports.plain_text import table
from agency_app.storage.database import read_snapshot


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
    achievement: str | None        # kpi.ACHIEVED / kpi.MISSED / kpi.RUNNING (集計中: not ended) / None (データなし)
    facts: str                     # 【数値・事実】 as stored, or the draft
    evaluation: str                # 【評価】 as stored, or the draft
    facts_is_draft: bool
    evaluation_is_draft: bool
    hand: bool                     # the KPI's result is typed by hand
    interim: bool = False          # a year KPI shown over a half only (中間)
    previous: Decimal | None = None   # the same period a year before, as the drafts compare with (None: none)
    draft_facts: str = ""          # the drafts from the figures, whether or not texts are stored (下書きに戻す)
    draft_evaluation: str = ""
    agency: bool = False           # a hand result on a branch's board: the agency's typed value and judgement (全社)


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


# --- building the board ----------------------------------------------------------------------------------------
TREND_YEARS = 4            # seed 003 publishes the earlier years side by side; four fit on the A4 sheet
INTERIM_JA = "中間"         # a year KPI shown over one half: not its result, a figure on the way to it

Compute = Callable[..., Any]   # storage.kpi_measures.compute(conn, code, param, period, branch=None)


def shown_periods(fiscal_year: int, period_code: str, half: int | None) -> tuple[tuple[Period, bool], ...]:
    """(period, interim) of the cells a KPI shows on a board of the year or of one half: with a half, a year KPI
    shows its figure over that half (中間), a half KPI only when it is that half, a quarter KPI that half's two."""
    periods = result_periods(fiscal_year, period_code)
    if half is None:
        return tuple((p, False) for p in periods)
    if period_code == "year":
        return ((Period(fiscal_year, HALF, half), True),)
    if period_code == "quarter":
        return tuple((p, False) for p in periods if (p.number + 1) // 2 == half)
    return tuple((p, False) for p in periods if p.number == half)


def _key(kpi_uid: str, period: Period) -> tuple[str, str, int]:
    return (kpi_uid, *period_key(period))


def _decimal(text: object) -> Decimal | None:
    if text is None or str(text).strip() == "":
        return None
    try:
        return Decimal(str(text).strip())
    except InvalidOperation:   # a stored value the repository would never write; shown as データなし, not a crash
        return None


def _shifted(period: Period, fiscal_year: int) -> Period:
    return Period(fiscal_year, period.kind, period.number)


class _Reader:
    """The KPIs, results and figures of several fiscal years, each computed figure worked out once."""

    def __init__(self, services, branch: str | None, compute: Compute | None, today: date | None):
        self.services = services
        self.today = today
        self.conn = services.conn
        self.branch = branch
        self.compute = compute   # None: storage.kpi_measures.compute, imported at the first computed KPI
        self._kpis: dict[int, list[dict]] = {}
        self._results: dict[int, dict] = {}
        self._figures: dict[tuple, Decimal | None] = {}

    def kpis(self, fiscal_year: int) -> list[dict]:
        if fiscal_year not in self._kpis:
            self._kpis[fiscal_year] = list(self.services.kpis.list(fiscal_year))
        return self._kpis[fiscal_year]

    def results(self, fiscal_year: int) -> dict:
        if fiscal_year not in self._results:
            self._results[fiscal_year] = dict(self.services.kpis.results(fiscal_year))
        return self._results[fiscal_year]

    def by_title(self, fiscal_year: int, title: str, unit: str) -> dict | None:
        """The year's KPI of that title, when it counted in the same unit: a share that became a count (80.2%
        then 件) is another figure, not a trend to show in this year's unit."""
        key = title_key(title)   # as the year's titles are told apart: widths folded, spaces as one
        return next((k for k in self.kpis(fiscal_year) if title_key(k["title"]) == key and k["unit"] == unit), None)

    def current(self, kpi: dict, period: Period) -> Decimal | None:
        """The figure now: the hand value typed for the period (agency-wide), or the measure recomputed."""
        if kpi["source"] == HAND:
            row = self.results(period.fiscal_year).get(_key(kpi["uid"], period))
            return _decimal(row.get("hand_value")) if row else None
        param = kpi.get("source_param") or None
        key = (kpi["source"], param, period, self.branch)
        if key not in self._figures:   # the same measure on several KPIs or years is computed once
            if self.compute is None:
                self.compute = _storage_compute()
            self._figures[key] = self.compute(self.conn, kpi["source"], param, period, self.branch,
                                              today=self.today).value
        return self._figures[key]

    def published(self, kpi: dict, period: Period) -> Decimal | None:
        """The figure as published: the frozen value when the result is frozen (agency board), else the current."""
        row = self.results(period.fiscal_year).get(_key(kpi["uid"], period))
        if self.branch is None and row and row.get("frozen_at"):
            return _decimal(row.get("frozen_value"))
        return self.current(kpi, period)


def _storage_compute() -> Compute:
    from agency_app.storage.kpi_measures import compute   # the measures' module; imported when first needed
    return compute


def _target(kpi: dict) -> KpiTarget:
    return KpiTarget(Decimal(str(kpi["target"])), kpi["unit"], kpi["direction"], int(kpi["places"]))


def build_board(services, fiscal_year: int, *, half: int | None = None, branch: str | None = None,
                today: date, compute: Compute | None = None) -> KpiBoard:
    """Every KPI of the year (its results over one half when `half` is given) for the agency or one branch.

    Reads only, from one state of the database; give it a reading Services (ops.query's, or the command
    line's query_only one). With a branch, computed KPIs show that branch's figures and nothing reads as
    確定 (what was finalised is the agency's figure); hand KPIs show the agency's typed value, marked `agency`
    (a typed figure is the whole agency's: a branch has none of its own).
    `compute` replaces storage.kpi_measures.compute (tests)."""
    if half not in (None, 1, 2):
        raise ValueError(f"half must be 1 or 2, not {half!r}")
    reader = _Reader(services, branch, compute, today)
    with read_snapshot(services.conn):
        names = services.staff_names()
        survey_names = dict(services.conn.execute("SELECT code, name FROM survey_types"))
        rows = []
        for kpi in reader.kpis(fiscal_year):
            shown = shown_periods(fiscal_year, kpi["period"], half)
            if not shown:
                continue
            cells = tuple(_cell(reader, kpi, period, interim, names) for period, interim in shown)
            rows.append(KpiRow(
                uid=kpi["uid"], principle=int(kpi["principle"]), title=kpi["title"],
                description=kpi.get("description") or "", target=_target(kpi), period=kpi["period"],
                source=kpi["source"], source_param=kpi.get("source_param") or None,
                source_label=label_ja(kpi["source"], kpi.get("source_param") or None, survey_names),
                cells=cells, trend=_trend(reader, kpi["title"], kpi["unit"], cells[-1].period)))
        finalisations = tuple(dict(f) for f in services.kpis.finalisations(fiscal_year))
        branch_name = None
        if branch is not None:
            found = services.conn.execute("SELECT name FROM branches WHERE code = ?", (branch,)).fetchone()
            branch_name = found[0] if found else None
    rows.sort(key=lambda r: r.principle)   # stable: the repository's sort order within a principle stays
    return KpiBoard(fiscal_year, half, branch, tuple(rows), finalisations, now_tokyo(), branch_name, today)


def _cell(reader: _Reader, kpi: dict, period: Period, interim: bool, names: dict[str, str]) -> ResultCell:
    target = _target(kpi)
    hand = kpi["source"] == HAND
    # A year KPI over a half has no result row of its own: no typed value, no texts, nothing frozen.
    row = None if interim else reader.results(period.fiscal_year).get(_key(kpi["uid"], period))
    current = None if (interim and hand) else reader.current(kpi, period)
    frozen = bool(reader.branch is None and row and row.get("frozen_at"))
    value = _decimal(row.get("frozen_value")) if frozen else current
    flag = change_flag(value, current, target.places, target.unit) if frozen else None
    earlier = reader.by_title(period.fiscal_year - 1, kpi["title"], kpi["unit"])
    previous = None
    if earlier is not None and not (interim and earlier["source"] == HAND):
        previous = reader.published(earlier, _shifted(period, period.fiscal_year - 1))
    # A period still running (for a year KPI shown over a half: its year) is not judged yet: 集計中.
    running = not frozen and reader.today is not None and reader.today <= (
        Period(period.fiscal_year).end if interim else period.end)
    draft = draft_texts(kpi["title"], period, target, value, previous, as_of=reader.today if running else None)
    facts = (row or {}).get("facts") or ""
    evaluation = (row or {}).get("evaluation") or ""
    by = (row or {}).get("frozen_by") if frozen else None
    return ResultCell(
        period=period, value=value, current=current, frozen=frozen,
        frozen_at=(row or {}).get("frozen_at") if frozen else None, frozen_by=names.get(by, by) if by else None,
        flag=flag, achievement=RUNNING if running else achievement(value, target.value, target.direction, target.places),
        facts=facts or draft.facts, evaluation=evaluation or draft.evaluation,
        facts_is_draft=not facts, evaluation_is_draft=not evaluation, hand=hand, interim=interim, previous=previous,
        draft_facts=draft.facts, draft_evaluation=draft.evaluation, agency=hand and reader.branch is not None)


def _trend(reader: _Reader, title: str, unit: str, period: Period) -> tuple[TrendPoint, ...]:
    """The same-titled KPI (in the same unit) over the same period of each of the up to four earlier years."""
    points = []
    for year in range(period.fiscal_year - TREND_YEARS, period.fiscal_year):
        kpi = reader.by_title(year, title, unit)
        if kpi is None:
            continue
        value = reader.published(kpi, _shifted(period, year))
        target = _target(kpi)
        points.append(TrendPoint(year, value, achievement(value, target.value, target.direction, target.places)))
    return tuple(points)


# --- finalising ------------------------------------------------------------------------------------------------
def frozen_values(services, period: Period, *, compute: Compute | None = None, today: date | None = None
                  ) -> dict[tuple[str, str, int], Decimal | None]:
    """What finalising `period` stores: the agency's current figure of every result of the year's KPIs whose
    period lies inside it (exact, not rounded; None for データなし)."""
    reader = _Reader(services, None, compute, today)
    values = {}
    with read_snapshot(services.conn):
        for kpi in reader.kpis(period.fiscal_year):
            for inside in result_periods(period.fiscal_year, kpi["period"]):
                if within(inside, period):
                    values[_key(kpi["uid"], inside)] = reader.current(kpi, inside)
    return values


def finalise(services, period: Period, by: str, today: date, *, compute: Compute | None = None) -> None:
    """確定: freeze the period's figures as they read now, with the day and who (the repository checks the rest)."""
    services.kpis.finalise(period, frozen_values(services, period, compute=compute, today=today), by, today)


# --- the board as text (the command line) ----------------------------------------------------------------------
def value_text(value: Decimal | None, target: KpiTarget) -> str:
    return NO_DATA_JA if value is None else format_value(value, target.unit, target.places)


def agency_marked(text: str, cell: ResultCell) -> str:
    """'80.6%（全社）', '未達（全社）': a hand result on a branch's board is the agency's, said beside it."""
    return f"{text}（{AGENCY_JA}）" if cell.agency else text


def cell_value_text(cell: ResultCell, target: KpiTarget) -> str:
    return agency_marked(value_text(cell.value, target), cell)


def cell_achievement_text(cell: ResultCell) -> str:
    return agency_marked(ACHIEVEMENT_JA[cell.achievement], cell)


BRANCH_NOTE = ("拠点を指定したときは、その拠点の記録から計算した値です（確定値は全拠点のものです）。"
               f"手入力の KPI は全社の値です（拠点ごとの値はありません）: 実績と判定に「{AGENCY_JA}」と記しています。")


def cell_period_text(cell: ResultCell) -> str:
    """'年度', '上期', 'Q1', and '上期（中間）' for a year KPI shown over a half."""
    p = cell.period
    text = "年度" if p.kind == "year" else ("上期" if p.number == 1 else "下期") if p.kind == HALF else f"Q{p.number}"
    return f"{text}（{INTERIM_JA}）" if cell.interim else text


def frozen_text(cell: ResultCell) -> str:
    """'確定 2025-10-05 山田' for a frozen result, '' otherwise."""
    if not cell.frozen:
        return ""
    return " ".join(part for part in ("確定", (cell.frozen_at or "")[:10], cell.frozen_by or "") if part)


def board_title(board: KpiBoard) -> str:
    part = "" if board.half is None else ("上期" if board.half == 1 else "下期")
    where = "全拠点" if board.branch is None else f"拠点 {board.branch}" + (
        f" {board.branch_name}" if board.branch_name else "")
    return f"顧客本位の業務運営 KPI　{board.fiscal_year}年度{part}　{where}"


def finalisation_lines(board: KpiBoard) -> list[str]:
    """'確定: 2025年度上期 2025-10-05 山田' for each finalised period; an unfrozen one says it was reopened."""
    lines = []
    for f in board.finalisations:
        period = Period(board.fiscal_year, f["period_kind"], f["period_number"])
        who = f.get("finalised_by_name") or ""
        if f.get("status") == "final":
            lines.append(f"確定: {period_text(period)} {(f.get('finalised_at') or '')[:10]} {who}".rstrip())
        else:
            lines.append(f"確定解除: {period_text(period)}（{f.get('reopen_note') or ''}）")
    return lines


def board_text(board: KpiBoard) -> str:
    """The board grouped by principle, one line per result: title, period, target, result, 達成/未達/データなし,
    確定, then the earlier years side by side; the flags and drafts said under each principle."""
    out = [board_title(board), f"作成: {board.made_at:%Y-%m-%d %H:%M}"]
    out += finalisation_lines(board)
    years = list(range(board.fiscal_year - TREND_YEARS, board.fiscal_year))
    for principle in sorted({r.principle for r in board.rows}):
        rows = [r for r in board.rows if r.principle == principle]
        table_rows, notes = [], []
        for row in rows:
            trend = {p.fiscal_year: value_text(p.value, row.target) for p in row.trend}
            for index, cell in enumerate(row.cells):
                # the earlier years are those of the last period shown (a quarterly KPI's Q4): on its line only
                earlier = [trend.get(y, "—") for y in years] if index == len(row.cells) - 1 else [""] * len(years)
                table_rows.append([row.title, cell_period_text(cell), target_text(row.target),
                                   cell_value_text(cell, row.target), cell_achievement_text(cell),
                                   frozen_text(cell)] + earlier)
                if cell.flag:
                    notes.append(f"※ {row.title}（{cell_period_text(cell)}）: {cell.flag}")
        header = ["KPI", "期間", "目標", "実績", "判定", "確定"] + [f"{y}年度" for y in years]
        right = [False, False, True, True, False, False] + [True] * len(years)
        out += ["", f"■ 原則{principle} {PRINCIPLES.get(principle, '')}"] + table(header, table_rows, right) + notes
    if not board.rows:
        out += ["", "この期間の KPI はありません。"]
    if any(c.interim for r in board.rows for c in r.cells):
        out += ["", f"※ {INTERIM_JA}: 年度の KPI を、その半期の実績で表示しています（年度の結果ではありません）。"]
    if board.branch is not None:
        out += [f"※ {BRANCH_NOTE}"]
    return "\n".join(out) + "\n"
