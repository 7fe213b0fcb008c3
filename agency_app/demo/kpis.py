"""Demo KPIs (R21–R24) over the demo's last three fiscal years: seed 003's tables, some computed KPIs, finalised years.

Seed 003's last three years map onto the demo's three, newest onto the current one: its FY2024 → this fiscal year,
FY2023 → last year, FY2022 → the year before (the paper time, before the demo's voices). Their titles, texts and
targets are kept; their published results become the hand-typed results of the two earlier years, so the
dashboard's trend over the years is the seed's own. Beside them, computed KPIs (domain/kpi_measures.py), one or
more per principle where a measure fits, in every year whose records the demo holds (the voice-based ones from
the first year of voices): their targets are the agency's own aims, those scaled by the demo's size taken from
last year's figures so that a small and a million-voice demo both show some 達成 and some 未達.
The two earlier years are finalised (確定) by the manager in April after them: kpi_finalisations 'final', and every
result of the year frozen with its value — the hand value, or the measure computed here from the demo's
records exactly (not rounded; NULL for データなし) — as KpiRepository.finalise stores them. The current year is open.
Survey answers, trainings and qualifications come first (demo/surveys_trainings.py): the computed KPIs count them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from random import Random

from agency_app.demo import kpi_seed
from agency_app.demo.surveys_trainings import add_surveys_trainings, fiscal_years, stamped, write_rows
from agency_app.domain import codes
from agency_app.domain import trainings as TR
from agency_app.domain.kpi import AT_LEAST, AT_MOST
from agency_app.domain.kpi_measures import HAND
from agency_app.domain.periods import HALF, QUARTER, YEAR, Period
from agency_app.storage.counts import follow_up_omissions

# Seed 003's fiscal year shown as each of the demo's three (oldest first).
SEED_YEARS = (2022, 2023, 2024)
FINALISED_ON = (4, 15)   # the manager finalises a year on 15 April after it


@dataclass(frozen=True)
class ComputedKpi:
    """A computed KPI of the demo: its definition; `target` is a function of the demo's last-year figure."""

    principle: int
    title: str
    description: str
    source: str
    param: str | None
    unit: str
    direction: str
    places: int
    period: str            # 'year' | 'half1' | 'half2' | 'quarter'
    aim: tuple[str, str, str]   # the target of the three years ('' : derived from last year's figure)
    needs_voices: bool = False  # only in the years of the demo's voices


COMPUTED = (
    ComputedKpi(2, "お客様の声（不満）の件数", "不満の声を減らすため、声の日で原因を話し合い改善につなげます。",
                "voices", codes.KIND_DISSATISFACTION, "件", AT_MOST, 0, "quarter", ("", "", ""), True),
    ComputedKpi(2, "改善の実施件数", "お客様の声から改善策を立て、期限内に実施します。",
                "improvements_done", None, "件", AT_LEAST, 0, "year", ("", "24", "28"), True),
    ComputedKpi(2, "対応漏れ件数", "お客様の声を期限内に完了し、完了後の再対応をなくします。",
                "followup_omissions", None, "件", AT_MOST, 0, "quarter", ("", "0", "0"), True),
    ComputedKpi(2, "NPS（事故対応）", "事故対応アンケートの推奨度を高め、お客様に寄り添った事故対応を目指します。",
                "nps", "claim", "pt", AT_LEAST, 1, "year", ("20.0", "25.0", "25.0")),
    ComputedKpi(6, "契約手続の満足度", "契約手続アンケートで「満足」「やや満足」「普通」と答えたお客様の割合を高めます。",
                "satisfaction", "contract", "%", AT_LEAST, 1, "year", ("95.0", "95.0", "96.0")),
    ComputedKpi(7, "ロールプレイング合格率", "年2回のロールプレイングで、全員が合格水準に達するよう指導します。",
                "role_play_pass_rate", None, "%", AT_LEAST, 1, "year", ("100", "100", "100")),
    ComputedKpi(7, "資格保有者の割合", "職員全員が保険以外の資格を1つ以上保有します。",
                "qualified_staff_share", None, "%", AT_LEAST, 1, "year", ("100", "100", "100")),
    ComputedKpi(7, "コンプライアンス会議の実施回数", "毎月コンプライアンス会議を開き、ルールの徹底を図ります。",
                "meetings_held", TR.KIND_COMPLIANCE, "回", AT_LEAST, 0, "year", ("12", "12", "12")),
)


def result_periods(fiscal_year: int, period: str) -> tuple[Period, ...]:
    """The periods a KPI of this period code has results for (as domain/kpi_periods.result_periods, design 11)."""
    if period == "year":
        return (Period(fiscal_year),)
    if period in ("half1", "half2"):
        return (Period(fiscal_year, HALF, int(period[-1])),)
    return tuple(Period(fiscal_year, QUARTER, q) for q in range(1, 5))


def measure_value(conn, source: str, param: str | None, period: Period) -> Decimal | None:
    """A computed measure's exact value over `period`, whole agency, from the demo's records (the catalogue's
    definitions, domain/kpi_measures.py); None: データなし (a share or NPS without any answer or participant)."""
    start, end = period.bounds_text()
    if source == "voices":
        kind = "AND kind = ?" if param else ""
        sql = f"SELECT COUNT(*) FROM voices WHERE received_at >= ? AND received_at < ? {kind}"
        return Decimal(conn.execute(sql, (start, end, *([param] if param else []))).fetchone()[0])
    if source == "improvements_done":
        return Decimal(conn.execute("SELECT COUNT(*) FROM improvements WHERE completed_on >= ? AND completed_on < ? "
                                    "AND status = 'done'", (start, end)).fetchone()[0])
    if source == "followup_omissions":  # storage/counts.py's definition, the voices only (the catalogue's words)
        return Decimal(len({r.uid for r in follow_up_omissions(conn, period).records if r.kind == "voice"}))
    if source == "meetings_held":
        kind = "AND kind = ?" if param else ""
        return Decimal(conn.execute(f"SELECT COUNT(*) FROM trainings WHERE held_on >= ? AND held_on < ? {kind}",
                                    (start, end, *([param] if param else []))).fetchone()[0])
    if source in ("nps", "satisfaction"):
        n, k = conn.execute("SELECT scale_n, top_k FROM survey_types WHERE code = ?", (param,)).fetchone()
        column = "recommendation" if source == "nps" else "satisfaction_grade"
        values = [v for (v,) in conn.execute(
            f"SELECT {column} FROM survey_answers WHERE answered_on >= ? AND answered_on < ? AND survey_type = ? "
            f"AND {column} IS NOT NULL", (start, end, param))]
        if not values:
            return None
        if source == "nps":
            return Decimal(sum(v >= 9 for v in values) - sum(v <= 6 for v in values)) * 100 / len(values)
        return Decimal(sum(v <= k for v in values)) * 100 / len(values)
    if source == "role_play_pass_rate":  # per person: a re-test passed later counts as passed
        outcomes: dict[str, set[str]] = {}
        for staff, outcome in conn.execute(
                "SELECT r.staff_id, r.outcome FROM roleplay_results r JOIN trainings t ON t.uid = r.training_id "
                "WHERE t.kind = 'roleplay' AND t.held_on >= ? AND t.held_on < ?", (start, end)):
            outcomes.setdefault(staff, set()).add(outcome)
        if not outcomes:
            return None
        return Decimal(sum(TR.PASSED in o for o in outcomes.values())) * 100 / len(outcomes)
    if source == "qualified_staff_share":  # held on the period's last day, among the active staff
        day = period.end.isoformat()
        active, holders = conn.execute(
            "SELECT COUNT(*), COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM qualifications q WHERE q.staff_id = s.uid "
            "AND q.obtained_on <= ? AND (q.expires_on IS NULL OR q.expires_on >= ?))) FROM staff s WHERE s.active = 1",
            (day, day)).fetchone()
        return Decimal(holders) * 100 / active if active else None
    raise KeyError(f"the demo computes no {source!r}")


def exact_text(value: Decimal | None) -> str | None:
    """A value as stored: its exact decimal text (no exponent), None stays None."""
    if value is None:
        return None
    return format(value, "f")


def _nice(value: Decimal) -> Decimal:
    """A target a manager would write from a figure: whole, to two significant digits from 100 on."""
    whole = int(value.to_integral_value())
    if whole >= 100:
        step = 10 ** (len(str(whole)) - 2)
        whole = round(whole / step) * step
    return Decimal(max(whole, 1))


class DemoKpis:
    """The three fiscal years' KPIs, their results and the finalised years, drawn and written."""

    def __init__(self, conn, rng: Random, today: date, staff: list[dict], home: str):
        self.conn, self.rng, self.today, self.home = conn, rng, today, home
        self.years = fiscal_years(today)
        self.manager = next((s for s in staff if s["branch"] == home and s["role"] == codes.ROLE_MANAGER), staff[0])
        self.first_voice = conn.execute("SELECT MIN(received_at) FROM voices").fetchone()[0]
        self.kpis: list[dict] = []
        self.results: list[dict] = []
        self.finalisations: list[dict] = []

    def write(self) -> dict:
        for k, fy in enumerate(self.years):
            made_on = min(_first_working_day(date(fy, 4, 1)), self.today)
            final = self._finalised_at(fy) if k < 2 else None
            order = 0
            for seed in kpi_seed.kpis_of(SEED_YEARS[k]):
                order += 1
                uid = self._kpi(fy, made_on, order, seed.principle, seed.title, seed.description, seed.target,
                                seed.unit, seed.direction, "year", seed.places, HAND, None)
                if final:
                    value = exact_text(seed.result) if seed.result is not None else None
                    self._result(uid, Period(fy), final, value, hand=value)
            for kpi in COMPUTED:
                if kpi.needs_voices and not self._has_voices(fy):
                    continue
                order += 1
                target = self._target(kpi, k)
                uid = self._kpi(fy, made_on, order, kpi.principle, kpi.title, kpi.description, target, kpi.unit,
                                kpi.direction, kpi.period, kpi.places, kpi.source, kpi.param)
                if final:
                    for period in result_periods(fy, kpi.period):
                        value = measure_value(self.conn, kpi.source, kpi.param, period)
                        self._result(uid, period, final, exact_text(value))
            if final:
                self.finalisations.append(stamped(dict(
                    uid=self.rng.randbytes(16).hex(), fiscal_year=fy, period_kind=YEAR, period_number=0,
                    status="final", finalised_at=_text(final), finalised_by=self.manager["uid"], reopen_count=0,
                    reopen_note=None), self.home, final, self.manager["uid"]))
        return dict(kpis=write_rows(self.conn, "kpis", self.kpis),
                    kpi_results=write_rows(self.conn, "kpi_results", self.results),
                    kpi_finalisations=write_rows(self.conn, "kpi_finalisations", self.finalisations),
                    fiscal_years=list(self.years))

    def _has_voices(self, fy: int) -> bool:
        return self.first_voice is not None and self.first_voice[:10] <= Period(fy).end.isoformat()

    def _finalised_at(self, fy: int) -> datetime:
        day = min(_first_working_day(date(fy + 1, *FINALISED_ON)), self.today)
        return datetime.combine(day, time(10, 0))

    def _target(self, kpi: ComputedKpi, k: int) -> Decimal:
        """The given aim, or — for a count that grows with the demo — last year's figure per result period:
        at it the year the voices began (judged by themselves), 5 % below it the year after (an aim to improve)."""
        if kpi.aim[k]:
            return Decimal(kpi.aim[k])
        base_year = self.years[1]
        total = measure_value(self.conn, kpi.source, kpi.param, Period(base_year)) or Decimal(0)
        per = total / len(result_periods(base_year, kpi.period))
        return _nice(per if k <= 1 else per * Decimal("0.95"))

    def _kpi(self, fy: int, made_on: date, order: int, principle: int, title: str, description: str,
             target: Decimal, unit: str, direction: str, period: str, places: int, source: str,
             param: str | None) -> str:
        uid = self.rng.randbytes(16).hex()
        by = self.manager["uid"]
        self.kpis.append(stamped(dict(
            uid=uid, fiscal_year=fy, principle=principle, title=title, description=description,
            target=exact_text(target), unit=unit, direction=direction, period=period, places=places, source=source,
            source_param=param, sort_order=order), self.home, datetime.combine(made_on, time(9, 30)), by))
        return uid

    def _result(self, kpi: str, period: Period, final: datetime, frozen: str | None, *, hand: str | None = None) -> None:
        """A result of a finalised year, as the finalisation leaves it: its hand value (a hand KPI), frozen.

        Stamped at the finalisation: a computed KPI's result row is first written by it; a hand value typed
        before is part of the same picture (the demo does not replay the typing)."""
        by = self.manager["uid"]
        self.results.append(stamped(dict(
            uid=self.rng.randbytes(16).hex(), kpi_id=kpi, period_kind=period.kind, period_number=period.number,
            hand_value=hand, facts="", evaluation="", frozen_value=frozen, frozen_at=_text(final), frozen_by=by),
            self.home, final, by))


def _text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _first_working_day(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def add_kpis(conn, rng: Random, today: date, staff: list[dict], home: str, voices: int) -> dict:
    """Write the demo's survey answers, trainings, qualifications and then its KPIs, inside the caller's transaction."""
    made = add_surveys_trainings(conn, rng, today, staff, home, voices)
    made.update(DemoKpis(conn, rng, today, staff, home).write())
    return made
