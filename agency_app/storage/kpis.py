"""KPIs of a fiscal year, their results and finalised periods (issue 11 points 1, 5, 7): define, copy a year, type results, finalise and unfreeze — all audited."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal

from agency_app.domain import errors as E
from agency_app.domain import kpi_freeze, kpi_measures
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.kpi import PERCENT_OVER_100
from agency_app.domain.kpi_definition import (
    BAD_VALUE, COUNT_UNITS, DUPLICATE_TITLE, FROZEN_DEFINITION, HAS_FROZEN_RESULTS, NEGATIVE_TARGET, NOT_HAND,
    RESULT_FROZEN, YEAR_FIXED, KpiInput,
    decimal_text, parse_number, title_key, validate_kpi,
)
from agency_app.domain.kpi_periods import period_from_key, period_key, result_periods, within
from agency_app.domain.periods import Period, now_tokyo
from agency_app.domain.voice import format_datetime
from agency_app.storage import records
from agency_app.storage.database import Store
from agency_app.storage.ids import new_uid
from agency_app.storage.records import HistoryEntry, RecordNotFound

__all__ = ["KpiRepository", "KpiNotFound", "LOCKED_WHEN_FROZEN", "ResultKey"]

ResultKey = tuple[str, str, int]   # (kpi uid, period kind, period number)
# What a published figure depends on: while a result is finalised these stay as they were (unfreeze first).
LOCKED_WHEN_FROZEN = ("target", "unit", "direction", "places", "period", "source", "source_param")
TEXT_MAX = 2000
_FINAL, _OPEN = "final", "open"


class KpiNotFound(RecordNotFound):
    pass


class KpiRepository:
    def __init__(self, store: Store):
        self.store = store

    @property
    def _conn(self):
        return self.store.conn

    # --- reading ----------------------------------------------------------------
    def years(self) -> list[int]:
        """The fiscal years that have KPIs, oldest first."""
        return [r[0] for r in self._conn.execute("SELECT DISTINCT fiscal_year FROM kpis ORDER BY fiscal_year")]

    def list(self, fiscal_year: int) -> list[dict]:
        """The KPIs of a year by principle, then their order, then title; each with `frozen` (any result finalised)."""
        return records.dicts(self._conn.execute(
            """SELECT k.*, EXISTS (SELECT 1 FROM kpi_results r WHERE r.kpi_id = k.uid AND r.frozen_at IS NOT NULL)
                      AS frozen
               FROM kpis k WHERE k.fiscal_year = ? ORDER BY k.principle, k.sort_order, k.title""", (fiscal_year,)))

    def get(self, uid: str) -> dict:
        return records.get_row(self._conn, "kpis", uid, KpiNotFound)

    def as_input(self, uid: str) -> KpiInput:
        return KpiInput.from_row(self.get(uid))

    def survey_types(self) -> list[tuple[str, str]]:
        """(code, name) of the survey types a KPI may count, in their order (inactive ones too: old KPIs name them)."""
        return [(r[0], r[1]) for r in self._conn.execute(
            "SELECT code, name FROM survey_types ORDER BY active DESC, sort_order, code")]

    def results(self, fiscal_year: int) -> dict[ResultKey, dict]:
        """The stored result rows of a year's KPIs, by (kpi uid, period kind, period number)."""
        rows = records.dicts(self._conn.execute(
            """SELECT r.* FROM kpi_results r JOIN kpis k ON k.uid = r.kpi_id WHERE k.fiscal_year = ?""",
            (fiscal_year,)))
        return {(r["kpi_id"], r["period_kind"], r["period_number"]): r for r in rows}

    def finalisations(self, fiscal_year: int) -> list[dict]:
        """The year's finalisation rows (final and reopened), year first, then halves, then quarters."""
        return records.dicts(self._conn.execute(
            """SELECT f.*, s.name AS finalised_by_name FROM kpi_finalisations f
               LEFT JOIN staff s ON s.uid = f.finalised_by WHERE f.fiscal_year = ?
               ORDER BY CASE f.period_kind WHEN 'year' THEN 0 WHEN 'half' THEN 1 ELSE 2 END, f.period_number""",
            (fiscal_year,)))

    def _final_periods(self, fiscal_year: int, conn=None) -> list[Period]:
        rows = (conn or self._conn).execute(
            "SELECT period_kind, period_number FROM kpi_finalisations WHERE fiscal_year = ? AND status = ?",
            (fiscal_year, _FINAL))
        return [period_from_key(fiscal_year, kind, number) for kind, number in rows]

    def is_frozen(self, period: Period) -> bool:
        """Whether a result of `period` is frozen: some finalised period of its year contains it."""
        return any(within(period, final) for final in self._final_periods(period.fiscal_year))

    def history(self, uid: str) -> list[HistoryEntry]:
        """The KPI's changes, its results' (typed values, texts, frozen figures) and the finalisations of its
        year (who finalised, who unfroze and why), oldest first (R11)."""
        kpi = self.get(uid)
        own = records.numbered_history(self._conn, "kpis", uid)
        parts = [own]
        for (result_uid,) in self._conn.execute("SELECT uid FROM kpi_results WHERE kpi_id = ?", (uid,)).fetchall():
            parts.append(records.numbered_history(self._conn, "kpi_results", result_uid))
        for (final_uid,) in self._conn.execute("SELECT uid FROM kpi_finalisations WHERE fiscal_year = ?",
                                               (kpi["fiscal_year"],)).fetchall():
            parts.append(records.numbered_history(self._conn, "kpi_finalisations", final_uid))
        return records.merged_history(*parts)

    # --- defining ---------------------------------------------------------------
    def _survey_codes(self) -> list[str]:
        return [code for code, _name in self.survey_types()]

    def _check_survey_asks(self, values: dict) -> None:
        """An NPS KPI counts a survey that asks the 0–10 score: on another it would read データなし for ever."""
        if values["source"] == "nps" and self._conn.execute(
                "SELECT 1 FROM survey_types WHERE code = ? AND asks_recommendation = 0",
                (values["source_param"],)).fetchone():
            raise ValidationFailed([FieldError("param", kpi_measures.NPS_WITHOUT_SCORE)])

    def _check_title_free(self, fiscal_year: int, title: str, uid: str | None = None) -> None:
        key = title_key(title)   # the same title however wide or spaced (a year holds tens of KPIs)
        rows = self._conn.execute("SELECT title FROM kpis WHERE fiscal_year = ? AND uid IS NOT ?", (fiscal_year, uid))
        if any(title_key(other) == key for (other,) in rows):
            raise ValidationFailed([FieldError("title", DUPLICATE_TITLE, {"fiscal_year": fiscal_year})])

    def _has_frozen(self, uid: str) -> bool:
        return self._conn.execute("SELECT 1 FROM kpi_results WHERE kpi_id = ? AND frozen_at IS NOT NULL",
                                  (uid,)).fetchone() is not None

    def create(self, entry: KpiInput, by: str, now: datetime | None = None) -> str:
        """Validate and save a new KPI at the end of its principle; returns its uid."""
        now = now or now_tokyo()
        values = validate_kpi(entry, self._survey_codes())
        self._check_survey_asks(values)
        self._check_title_free(values["fiscal_year"], values["title"])
        uid = new_uid()
        with self.store.write() as db:
            order = db.conn.execute("SELECT COALESCE(MAX(sort_order), 0) + 1 FROM kpis WHERE fiscal_year = ? "
                                    "AND principle = ?", (values["fiscal_year"], values["principle"])).fetchone()[0]
            records.insert_row(db.conn, "kpis", dict(values, uid=uid, sort_order=order,
                                                     **records.new_record(self.store, by, now)))
        return uid

    def update(self, uid: str, entry: KpiInput, by: str, expected_version: int | None = None,
               now: datetime | None = None) -> None:
        """Save an edited KPI. While one of its results is finalised only the description may change (and the
        order): a published figure must keep the target and source it was judged by."""
        now = now or now_tokyo()
        current = self.get(uid)
        values = validate_kpi(entry, self._survey_codes())
        self._check_survey_asks(values)
        if values["fiscal_year"] != current["fiscal_year"]:
            raise ValidationFailed([FieldError("fiscal_year", YEAR_FIXED)])
        self._check_title_free(values["fiscal_year"], values["title"], uid)
        if self._has_frozen(uid):
            locked = [FieldError(name, FROZEN_DEFINITION) for name in LOCKED_WHEN_FROZEN
                      if values[name] != current[name]]
            if locked:
                raise ValidationFailed(locked)
        records.write_changes(self.store, "kpis", current, values, by=by, now=now,
                              expected_version=expected_version, check_unchanged=expected_version is not None)

    def delete(self, uid: str, by: str, now: datetime | None = None) -> None:
        """Remove a KPI and its typed results (the history keeps them); refused while a result is finalised."""
        now = now or now_tokyo()
        self.get(uid)
        if self._has_frozen(uid):
            raise ValidationFailed([FieldError("kpi", HAS_FROZEN_RESULTS)])
        stamp = format_datetime(now)
        with self.store.write() as db:  # one transaction: the KPI never goes without its results, nor they without it
            for table, column in (("kpi_results", "kpi_id"), ("kpis", "uid")):
                db.conn.execute(f"UPDATE {table} SET updated_at = ?, updated_by = ? WHERE {column} = ?",
                                (stamp, by, uid))
                db.conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (uid,))

    def copy_year(self, from_fy: int, to_fy: int, by: str, now: datetime | None = None) -> int:
        """Copy a year's KPI definitions into another year in one step; titles already there are skipped, and
        results and texts are not copied. Returns how many were copied."""
        if from_fy == to_fy:
            return 0
        now = now or now_tokyo()
        taken = {title_key(r[0]) for r in self._conn.execute("SELECT title FROM kpis WHERE fiscal_year = ?", (to_fy,))}
        copied = 0
        columns = ("principle", "title", "description", "target", "unit", "direction", "period", "places",
                   "source", "source_param", "sort_order")
        with self.store.write() as db:
            record = records.new_record(self.store, by, now)
            for row in self.list(from_fy):
                if title_key(row["title"]) in taken:
                    continue
                records.insert_row(db.conn, "kpis", dict({c: row[c] for c in columns}, uid=new_uid(),
                                                         fiscal_year=to_fy, **record))
                copied += 1
        return copied

    # --- results ----------------------------------------------------------------
    def _result_period(self, kpi: dict, period: Period) -> None:
        if period not in result_periods(kpi["fiscal_year"], kpi["period"]):
            raise ValidationFailed([FieldError("period", E.UNKNOWN_CHOICE)])

    def _write_result(self, kpi: dict, period: Period, values: dict, by: str, now: datetime) -> None:
        """Insert the result row of (kpi, period) with `values`, or write the changed ones to the existing row."""
        kind, number = period_key(period)
        row = self._conn.execute("SELECT * FROM kpi_results WHERE kpi_id = ? AND period_kind = ? AND "
                                 "period_number = ?", (kpi["uid"], kind, number))
        found = records.dicts(row)
        if found:
            records.write_changes(self.store, "kpi_results", found[0], values, by=by, now=now, expected_version=None)
            return
        with self.store.write() as db:
            records.insert_row(db.conn, "kpi_results", dict(values, uid=new_uid(), kpi_id=kpi["uid"], period_kind=kind,
                                                            period_number=number,
                                                            **records.new_record(self.store, by, now)))

    def set_hand_value(self, kpi_uid: str, period: Period, text: str, by: str, now: datetime | None = None) -> None:
        """Type the result of a hand KPI ('' clears it); refused for a computed KPI, a finalised period, a value
        that is not a number or a percent over 100."""
        now = now or now_tokyo()
        kpi = self.get(kpi_uid)
        if kpi["source"] != kpi_measures.HAND:
            raise ValidationFailed([FieldError("value", NOT_HAND)])
        self._result_period(kpi, period)
        if self.is_frozen(period):
            raise ValidationFailed([FieldError("value", RESULT_FROZEN)])
        stored = None
        if (text or "").strip():
            value = parse_number(text, kpi["unit"])
            if value is None:
                raise ValidationFailed([FieldError("value", BAD_VALUE)])
            if kpi["unit"] == "%" and not Decimal(0) <= value <= Decimal(100):
                raise ValidationFailed([FieldError("value", PERCENT_OVER_100)])
            if value < 0 and kpi["unit"] in COUNT_UNITS:   # as for a count's target: never below zero
                raise ValidationFailed([FieldError("value", NEGATIVE_TARGET)])
            stored = decimal_text(value)
        self._write_result(kpi, period, {"hand_value": stored}, by, now)

    def set_texts(self, kpi_uid: str, period: Period, facts: str, evaluation: str, by: str,
                  now: datetime | None = None) -> None:
        """Save the two texts of a result as the manager edited them ('' means "use the draft")."""
        now = now or now_tokyo()
        kpi = self.get(kpi_uid)
        self._result_period(kpi, period)
        facts, evaluation = (facts or "").strip(), (evaluation or "").strip()
        problems = [FieldError(name, E.TOO_LONG, {"max": TEXT_MAX})
                    for name, text in (("facts", facts), ("evaluation", evaluation)) if len(text) > TEXT_MAX]
        if problems:
            raise ValidationFailed(problems)
        self._write_result(kpi, period, {"facts": facts, "evaluation": evaluation}, by, now)

    # --- finalising ---------------------------------------------------------------
    def finalise(self, period: Period, values: Mapping[ResultKey, Decimal | None], by: str, today: date,
                 now: datetime | None = None) -> int:
        """Finalise (確定) a period: every result inside it not yet frozen gets its figure from `values` (exact;
        None is データなし, stored as NULL with frozen_at set) — a hand KPI missing from `values` its typed
        value — and the period's finalisation row is written, all in one transaction. Refused before the period
        has ended or when it (or a period containing it) is finalised already. Returns how many results froze."""
        now = now or now_tokyo()
        if period.kind not in ("year", "half", "quarter"):
            raise ValidationFailed([FieldError("period", E.UNKNOWN_CHOICE)])
        fy = period.fiscal_year
        already = any(within(period, final) for final in self._final_periods(fy))
        kpi_freeze.check_finalise(period, today, by or "", already_final=already)
        stamp = format_datetime(now)
        kind, number = period_key(period)
        stored = self.results(fy)
        frozen = 0
        with self.store.write() as db:
            for kpi in self.list(fy):
                for inner in result_periods(fy, kpi["period"]):
                    if not within(inner, period):
                        continue
                    key = (kpi["uid"], *period_key(inner))
                    row = stored.get(key)
                    if row is not None and row["frozen_at"]:
                        continue  # frozen by an earlier finalisation (a half before its year): it keeps that figure
                    if key in values:
                        value = values[key]
                    elif kpi["source"] == kpi_measures.HAND and row is not None and row["hand_value"] is not None:
                        value = Decimal(row["hand_value"])
                    else:
                        value = None
                    figure = {"frozen_value": None if value is None else decimal_text(Decimal(value)),
                              "frozen_at": stamp, "frozen_by": by}
                    self._write_result(kpi, inner, figure, by, now)
                    frozen += 1
            existing = records.dicts(db.conn.execute(
                "SELECT * FROM kpi_finalisations WHERE fiscal_year = ? AND period_kind = ? AND period_number = ?",
                (fy, kind, number)))
            mark = {"status": _FINAL, "finalised_at": stamp, "finalised_by": by}
            if existing:  # finalised again after an unfreeze: the same row, so its history reads as one story
                records.write_changes(self.store, "kpi_finalisations", existing[0], mark, by=by, now=now,
                                      expected_version=None)
            else:
                records.insert_row(db.conn, "kpi_finalisations", dict(
                    mark, uid=new_uid(), fiscal_year=fy, period_kind=kind, period_number=number,
                    **records.new_record(self.store, by, now)))
        return frozen

    def unfreeze(self, period: Period, reason: str, by: str, now: datetime | None = None) -> int:
        """Reopen a finalised period with a reason (kept in the history): its results inside no other finalised
        period lose their frozen figure (the history keeps it). Returns how many results were unfrozen."""
        now = now or now_tokyo()
        fy = period.fiscal_year
        kind, number = period_key(period)
        found = records.dicts(self._conn.execute(
            "SELECT * FROM kpi_finalisations WHERE fiscal_year = ? AND period_kind = ? AND period_number = ?",
            (fy, kind, number)))
        current = found[0] if found else None
        reason = kpi_freeze.check_unfreeze(reason, is_final=current is not None and current["status"] == _FINAL)
        others = [p for p in self._final_periods(fy) if p != period]
        holding = [p for p in others if within(period, p)]
        if holding:   # its figures stay frozen by the larger period: reopening it alone would change nothing
            raise ValidationFailed([FieldError("period", kpi_freeze.INSIDE_FINAL, {"outer": holding[0].label_ja()})])
        cleared = 0
        with self.store.write():
            records.write_changes(self.store, "kpi_finalisations", current,
                                  {"status": _OPEN, "reopen_note": reason, "reopen_count": current["reopen_count"] + 1},
                                  by=by, now=now, expected_version=None)
            for key, row in self.results(fy).items():
                inner = period_from_key(fy, key[1], key[2])
                if row["frozen_at"] and within(inner, period) and not any(within(inner, p) for p in others):
                    records.write_changes(self.store, "kpi_results", row,
                                          {"frozen_value": None, "frozen_at": None, "frozen_by": None},
                                          by=by, now=now, expected_version=None)
                    cleared += 1
        return cleared
