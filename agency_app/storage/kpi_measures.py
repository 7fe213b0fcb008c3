"""The computed KPI measures (R23) over the records of a period and branch, exact, with the records behind each value.

Every measure of domain/kpi_measures.MEASURES has a value and a drill-down here:
- `compute(conn, code, param, period, branch)` → MeasureValue(value, numerator, denominator): the value is an
  exact Decimal (the report rounds it half-up at the KPI's precision, R28); a count is numerator itself
  (denominator None), a share is numerator × 100 / denominator, NPS is (promoters − detractors) × 100 / answers
  with a score (numerator = promoters − detractors, which can be negative).
- `records(conn, code, param, period, branch)` → the DrillRows behind the numerator ("why is it 97?"): each
  names a record the window opens by (kind, uid).

データなし (value None) versus 0:
- Any measure over a period that has not begun (its first day after today) is None: nothing could have
  happened yet, and a 0 would read as 達成 for a ≤ KPI.
- A count over a period that has begun is a number, 0 included: no voice received is a real result.
- A share or NPS without a single record in its denominator is None (no answer, nobody took part, no active
  staff, no elderly sale); NPS is None too for a survey type that does not ask the recommendation score, and
  NPS / satisfaction for a survey type code no longer in survey_types.

Boundaries: a record belongs to the period of its day (R1): received_at (date and time) by its date, so
23:59 on the period's last day is in and 00:00 of the next day is out; improvements by completed_on; sales
by sale_date; relative contacts by recorded_on; survey answers by answered_on; meetings by held_on.
Staff-based measures (role-play participants and pass rate, qualified staff and their share) take the branch
of the staff member (staff.branch_code), the others the record's branch_code. Qualified staff are counted on
the period's last day, or today while the period runs; a qualification lapsing on that day still counts
(domain trainings.valid_on); only staff on the staff at the end of the counting day count (staff.active as the
audit log shows it then: someone who left after the period still counts in it).
Follow-up omissions are storage/counts.follow_up_omissions' — the 集計 tab's — restricted to voices (the
measure counts voices; cases are not a KPI record): each voice once even when closed late and reopened.
Elderly sales and relative contacts leave out a product line outside the three groups, as the 集計 tab does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from agency_app.domain import kpi_measures as M
from agency_app.domain import labels_ja as ja
from agency_app.domain import trainings as T
from agency_app.domain.periods import Period, now_tokyo
from agency_app.storage import counts as K
from agency_app.storage.database import read_snapshot

DRILL_LIMIT = 500
# The record kinds a drill-down row opens (the KPI window knows each).
VOICE, IMPROVEMENT, SALE, CUSTOMER, SURVEY_ANSWER, TRAINING, QUALIFICATION = (
    "voice", "improvement", "sale", "customer", "survey_answer", "training", "qualification")

# counts.py's product groups as SQL: a product line outside them is counted nowhere on the 集計 tab either.
_IN_A_GROUP = "(product_line IN ('life', 'group') OR product_line LIKE 'nonlife%')"


class MeasureValue(NamedTuple):
    """A measure's exact value (None = データなし), and what it is made of."""

    value: Decimal | None
    numerator: int
    denominator: int | None   # None for a count


class DrillRow(NamedTuple):
    """One record behind a value: the window opens it by (kind, uid); day is its ISO date for the measure."""

    kind: str
    uid: str
    day: str
    label: str
    detail: str


NO_DATA = MeasureValue(None, 0, None)


@dataclass(frozen=True)
class _Query:
    """What one measure is asked: its code and parameter, the period, the branch, and the day it is asked on."""

    code: str
    param: str | None
    period: Period
    branch: str | None
    today: date


def _count(n: int) -> MeasureValue:
    return MeasureValue(Decimal(n), n, None)


def _share(part: int, whole: int) -> MeasureValue:
    return MeasureValue(Decimal(part) * 100 / whole if whole else None, part, whole)


def _range(column: str, q: _Query, alias: str = "", branch_alias: str | None = None) -> tuple[str, list]:
    """The half-open ISO range of the period on `column` (a date, or a date-time by its date) and the branch."""
    start, after = q.period.bounds_text()
    sql, params = f"{alias}{column} >= ? AND {alias}{column} < ?", [start, after]
    if q.branch:
        sql += f" AND {alias if branch_alias is None else branch_alias}branch_code = ?"
        params.append(q.branch)
    return sql, params


def _counted(conn: sqlite3.Connection, table: str, where: tuple[str, list]) -> MeasureValue:
    """How many rows of `table` match `where` (its SQL and parameters)."""
    sql, params = where
    return _count(conn.execute(f"SELECT count(*) FROM {table} WHERE {sql}", params).fetchone()[0])


def _narrowed(where: tuple[str, list], column: str, value: str | None) -> tuple[str, list]:
    """`where` with `column` = value as well when a value is given (the KPI's source detail: a kind, a survey…)."""
    sql, params = where
    return (f"{sql} AND {column} = ?", [*params, value]) if value else (sql, params)


# --- voices by kind -----------------------------------------------------------------------------------

def _voices_where(q: _Query) -> tuple[str, list]:
    return _narrowed(_range("received_at", q), "kind", q.param)


def _voices(conn: sqlite3.Connection, q: _Query) -> MeasureValue:
    return _counted(conn, "voices", _voices_where(q))


def _voice_rows(conn: sqlite3.Connection, q: _Query, limit: int) -> list[DrillRow]:
    where, params = _voices_where(q)
    rows = conn.execute(f"SELECT uid, substr(received_at, 1, 10), summary, kind, status FROM voices WHERE {where} "
                        f"ORDER BY received_at, uid LIMIT ?", [*params, limit])
    return [DrillRow(VOICE, uid, day, summary, f"{ja.label(ja.KIND, kind)}・{ja.label(ja.STATUS, status)}")
            for uid, day, summary, kind, status in rows]


# --- improvements done --------------------------------------------------------------------------------

def _improvements_where(q: _Query) -> tuple[str, list]:
    where, params = _range("completed_on", q)
    # '+status': the completion range is the selective one (improvements_completed, covering with the branch);
    # on status alone the planner would read every improvement ever done.
    return f"{where} AND +status = 'done'", params


def _improvements_done(conn: sqlite3.Connection, q: _Query) -> MeasureValue:
    return _counted(conn, "improvements", _improvements_where(q))


def _improvement_rows(conn: sqlite3.Connection, q: _Query, limit: int) -> list[DrillRow]:
    where, params = _improvements_where(q)
    rows = conn.execute(f"SELECT uid, completed_on, title, branch_code, team FROM improvements WHERE {where} "
                        f"ORDER BY completed_on, uid LIMIT ?", [*params, limit])
    return [DrillRow(IMPROVEMENT, uid, day[:10], title, "・".join(x for x in (branch, team) if x))
            for uid, day, title, branch, team in rows]


# --- follow-up omissions (the 集計 tab's definition) ----------------------------------------------------

def _omitted_voices(conn: sqlite3.Connection, q: _Query) -> dict[str, list[K.Omission]]:
    """Each voice with an omission, in the 集計 list's order, with its reasons."""
    found: dict[str, list[K.Omission]] = {}
    for omission in K.follow_up_omissions(conn, q.period, q.branch).records:
        if omission.kind == "voice":
            found.setdefault(omission.uid, []).append(omission)
    return found


def _followup_omissions(conn: sqlite3.Connection, q: _Query) -> MeasureValue:
    return _count(len(_omitted_voices(conn, q)))


def _omission_rows(conn: sqlite3.Connection, q: _Query, limit: int) -> list[DrillRow]:
    rows = []
    for uid, reasons in list(_omitted_voices(conn, q).items())[:limit]:
        first = reasons[0]
        why = "、".join(f"{ja.OMISSION_REASON[r.reason]}（{r.closed_on}）" for r in reasons)
        rows.append(DrillRow(VOICE, uid, first.closed_on or "", first.title,
                             f"期限 {(first.due_date or '')[:10]}・{why}"))
    return rows


# --- elderly sales, face-to-face share ----------------------------------------------------------------

def _sales_where(q: _Query, measure: str | None) -> tuple[str, list]:
    where, params = _range("sale_date", q)
    return _narrowed((f"{where} AND {_IN_A_GROUP}", params), "measure", measure)


def _elderly_sales(conn: sqlite3.Connection, q: _Query) -> MeasureValue:
    return _counted(conn, "elderly_sales", _sales_where(q, q.param))


def _face_to_face_share(conn: sqlite3.Connection, q: _Query) -> MeasureValue:
    where, params = _sales_where(q, None)
    whole, part = conn.execute(f"SELECT count(*), sum(face_to_face = 1) FROM elderly_sales WHERE {where}",
                               params).fetchone()
    return _share(part or 0, whole)


def _sale_rows(conn: sqlite3.Connection, q: _Query, limit: int, *, face_to_face_only: bool = False) -> list[DrillRow]:
    where, params = _sales_where(q, None if face_to_face_only else q.param)
    if face_to_face_only:
        where += " AND face_to_face = 1"
    rows = conn.execute(f"SELECT uid, sale_date, product_line, product_name, measure, is_complete FROM elderly_sales "
                        f"WHERE {where} ORDER BY sale_date, uid LIMIT ?", [*params, limit])
    out = []
    for uid, day, line, product, measure, complete in rows:
        label = "・".join(x for x in (ja.label(ja.PRODUCT_LINE, line), product) if x)
        how = ja.MEASURE.get(measure, ja.NO_MEASURE) if measure else ja.NO_MEASURE
        out.append(DrillRow(SALE, uid, day[:10], label, f"{how}・{'完了' if complete else '未完了'}"))
    return out


# --- relative contacts ----------------------------------------------------------------------------------

def _contacts_where(q: _Query, outcome: str) -> tuple[str, list]:
    where, params = _range("recorded_on", q)
    return f"{where} AND outcome = ? AND {_IN_A_GROUP}", [*params, outcome]


def _contacts(outcome: str):
    def count(conn: sqlite3.Connection, q: _Query) -> MeasureValue:
        return _counted(conn, "relative_contacts", _contacts_where(q, outcome))

    def rows(conn: sqlite3.Connection, q: _Query, limit: int) -> list[DrillRow]:
        where, params = _contacts_where(q, outcome)
        found = conn.execute(f"SELECT customer_id, recorded_on, product_line, obtained_by, relation, decline_reason "
                             f"FROM relative_contacts WHERE {where} ORDER BY recorded_on, uid LIMIT ?",
                             [*params, limit])
        return [DrillRow(CUSTOMER, customer, day[:10], ja.label(ja.PRODUCT_LINE, line),
                         "・".join(x for x in (ja.OUTCOME[outcome], ja.label(ja.OBTAINED_BY, by), relation, reason)
                                  if x))
                for customer, day, line, by, relation, reason in found]
    return count, rows


# --- survey answers: count, NPS, satisfaction -----------------------------------------------------------

class _SurveyType(NamedTuple):
    name: str
    scale_n: int
    top_k: int
    asks_recommendation: bool


def _survey_type(conn: sqlite3.Connection, code: str) -> _SurveyType | None:
    row = conn.execute("SELECT name, scale_n, top_k, asks_recommendation FROM survey_types WHERE code = ?",
                       (code,)).fetchone()
    return _SurveyType(row[0], row[1], row[2], bool(row[3])) if row else None


def _answers_where(q: _Query) -> tuple[str, list]:
    return _narrowed(_range("answered_on", q), "survey_type", q.param)


def _survey_answers(conn: sqlite3.Connection, q: _Query) -> MeasureValue:
    return _counted(conn, "survey_answers", _answers_where(q))


def _nps_counts(conn: sqlite3.Connection, q: _Query) -> tuple[int, int, int] | None:
    """(promoters, detractors, answers with a score); None for a type that does not ask the score."""
    kind = _survey_type(conn, q.param or "")
    if kind is None or not kind.asks_recommendation:
        return None
    where, params = _answers_where(q)
    promoters, detractors, scored = conn.execute(
        f"SELECT sum(recommendation >= 9), sum(recommendation <= 6), count(recommendation) FROM survey_answers "
        f"WHERE {where}", params).fetchone()
    return promoters or 0, detractors or 0, scored


def _nps(conn: sqlite3.Connection, q: _Query) -> MeasureValue:
    """R24 from the exact counts: % of 9–10 minus % of 0–6 among the answers with a score."""
    counts = _nps_counts(conn, q)
    if counts is None:
        return NO_DATA
    promoters, detractors, scored = counts
    return _share(promoters - detractors, scored)


def _satisfaction(conn: sqlite3.Connection, q: _Query) -> MeasureValue:
    """R24: the share of graded answers in the type's best k grades (grade 1 the best)."""
    kind = _survey_type(conn, q.param or "")
    if kind is None:
        return NO_DATA
    where, params = _answers_where(q)
    top, graded = conn.execute(f"SELECT sum(satisfaction_grade <= ?), count(satisfaction_grade) FROM survey_answers "
                               f"WHERE {where}", [kind.top_k, *params]).fetchone()
    return _share(top or 0, graded)


def _answer_rows(conn: sqlite3.Connection, q: _Query, limit: int, only: str = "") -> list[DrillRow]:
    where, params = _answers_where(q)
    names = dict(conn.execute("SELECT code, name FROM survey_types"))
    rows = conn.execute(f"SELECT uid, answered_on, survey_type, product_line, recommendation, satisfaction_grade "
                        f"FROM survey_answers WHERE {where}{only} ORDER BY answered_on, uid LIMIT ?", [*params, limit])
    out = []
    for uid, day, kind, line, score, grade in rows:
        label = "・".join(x for x in (names.get(kind, kind), ja.label(ja.PRODUCT_LINE, line) if line else "") if x)
        parts = ([f"推奨度 {score}"] if score is not None else []) + ([f"満足度 {grade}"] if grade is not None else [])
        out.append(DrillRow(SURVEY_ANSWER, uid, day[:10], label, "・".join(parts) or "コメントのみ"))
    return out


def _nps_rows(conn: sqlite3.Connection, q: _Query, limit: int) -> list[DrillRow]:
    """The promoters (9–10) and detractors (0–6): the answers that move NPS."""
    kind = _survey_type(conn, q.param or "")
    if kind is None or not kind.asks_recommendation:
        return []
    return _answer_rows(conn, q, limit, " AND (recommendation >= 9 OR recommendation <= 6)")


def _satisfaction_rows(conn: sqlite3.Connection, q: _Query, limit: int) -> list[DrillRow]:
    kind = _survey_type(conn, q.param or "")
    if kind is None:
        return []
    return _answer_rows(conn, q, limit, f" AND satisfaction_grade <= {int(kind.top_k)}")


# --- meetings and trainings -----------------------------------------------------------------------------

def _trainings_where(q: _Query) -> tuple[str, list]:
    return _narrowed(_range("held_on", q), "kind", q.param)


def _meetings_held(conn: sqlite3.Connection, q: _Query) -> MeasureValue:
    return _counted(conn, "trainings", _trainings_where(q))


def _meeting_rows(conn: sqlite3.Connection, q: _Query, limit: int) -> list[DrillRow]:
    where, params = _trainings_where(q)
    rows = conn.execute(f"SELECT uid, held_on, theme, kind FROM trainings WHERE {where} ORDER BY held_on, uid LIMIT ?",
                        [*params, limit])
    return [DrillRow(TRAINING, uid, day[:10], theme, T.KIND_LABELS.get(kind, kind)) for uid, day, theme, kind in rows]


class _Person(NamedTuple):
    staff_id: str
    name: str
    training: str      # the role-play that decides: where they passed, else their last attempt
    day: str
    passed: bool
    retested: bool


def _roleplay(conn: sqlite3.Connection, q: _Query) -> tuple[T.RolePlayFigures, list[_Person]]:
    """The period's role-play results per person, through domain roleplay_figures (a re-test passed later is a
    pass); the branch is the participant's own."""
    start, after = q.period.bounds_text()
    branch, params = (" AND s.branch_code = ?", [q.branch]) if q.branch else ("", [])
    rows = conn.execute(
        f"SELECT r.staff_id, s.name, t.uid, t.held_on, r.attempt, r.outcome FROM trainings t "
        f"JOIN roleplay_results r ON r.training_id = t.uid JOIN staff s ON s.uid = r.staff_id "
        f"WHERE t.held_on >= ? AND t.held_on < ? AND t.kind = '{T.KIND_ROLEPLAY}'{branch} "
        f"ORDER BY t.held_on, t.uid, r.attempt", [start, after, *params]).fetchall()
    figures = T.roleplay_figures([], [{"staff_id": s, "attempt": a, "outcome": o} for s, _, _, _, a, o in rows])
    people: dict[str, _Person] = {}
    for staff, name, training, day, _attempt, outcome in rows:   # in date and attempt order
        before = people.get(staff)
        retested = (before is not None and before.retested) or outcome == T.RETEST
        if before is not None and before.passed:   # once passed stays passed, at the role-play it was passed at
            people[staff] = before._replace(retested=retested)
        else:
            people[staff] = _Person(staff, name, training, day[:10], outcome == T.PASSED, retested)
    return figures, sorted(people.values(), key=lambda p: (p.day, p.name, p.staff_id))


def _roleplay_participants(conn: sqlite3.Connection, q: _Query) -> MeasureValue:
    return _count(_roleplay(conn, q)[0].took_part)


def _roleplay_pass_rate(conn: sqlite3.Connection, q: _Query) -> MeasureValue:
    figures = _roleplay(conn, q)[0]
    return _share(figures.passed, figures.took_part)


def _person_rows(people: Iterable[_Person], limit: int) -> list[DrillRow]:
    rows = []
    for p in people:
        outcome = T.OUTCOME_LABELS[T.PASSED if p.passed else T.RETEST]
        rows.append(DrillRow(TRAINING, p.training, p.day, p.name,
                             f"{outcome}（再テストあり）" if p.passed and p.retested else outcome))
    return rows[:limit]


def _participant_rows(conn: sqlite3.Connection, q: _Query, limit: int) -> list[DrillRow]:
    return _person_rows(_roleplay(conn, q)[1], limit)


def _passed_rows(conn: sqlite3.Connection, q: _Query, limit: int) -> list[DrillRow]:
    return _person_rows((p for p in _roleplay(conn, q)[1] if p.passed), limit)


# --- qualified staff ----------------------------------------------------------------------------------

def _active_on(day: str) -> tuple[str, list]:
    """SQL: staff member `s` was on the staff at the end of `day` — the value staff.active took at its last change
    on or before that day (the audit log), else the one it had before its first later change, else it now."""
    changes = "FROM audit_log a WHERE a.entity = 'staff' AND a.record_uid = s.uid AND a.field = 'active' AND "
    return (f"CAST(COALESCE((SELECT a.new_value {changes}substr(a.changed_at, 1, 10) <= ? "
            f"ORDER BY a.changed_at DESC, a.rowid DESC LIMIT 1), (SELECT a.old_value {changes}"
            f"substr(a.changed_at, 1, 10) > ? ORDER BY a.changed_at, a.rowid LIMIT 1), s.active) AS INTEGER) = 1",
            [day, day])


def _qualified(conn: sqlite3.Connection, q: _Query) -> tuple[int, list[tuple]]:
    """Staff on the staff on the counting day (of the branch), and for each holder then the first qualification
    valid then: someone who leaves later still counted in a period that has ended, not one who left during it."""
    day = min(q.period.end, q.today)
    active, active_params = _active_on(day.isoformat())
    branch, params = (" AND s.branch_code = ?", [q.branch]) if q.branch else ("", [])
    staff = conn.execute(f"SELECT count(*) FROM staff s WHERE {active}{branch}",
                         [*active_params, *params]).fetchone()[0]
    rows = conn.execute(
        # staff first (CROSS JOIN keeps that order): each one's qualifications through qualifications_staff
        f"SELECT q.uid, q.staff_id, s.name, q.name, q.obtained_on, q.expires_on FROM staff s "
        f"CROSS JOIN qualifications q ON q.staff_id = s.uid WHERE {active}{branch} AND q.obtained_on <= ? "
        f"ORDER BY q.obtained_on, q.uid", [*active_params, *params, day.isoformat()]).fetchall()
    holders: dict[str, tuple] = {}
    for row in rows:
        if T.valid_on({"obtained_on": row[4][:10], "expires_on": (row[5] or "")[:10] or None}, day):
            holders.setdefault(row[1], row)
    return staff, sorted(holders.values(), key=lambda r: (r[2], r[1]))


def _qualified_staff(conn: sqlite3.Connection, q: _Query) -> MeasureValue:
    return _count(len(_qualified(conn, q)[1]))


def _qualified_share(conn: sqlite3.Connection, q: _Query) -> MeasureValue:
    staff, holders = _qualified(conn, q)
    return _share(len(holders), staff)


def _qualification_rows(conn: sqlite3.Connection, q: _Query, limit: int) -> list[DrillRow]:
    return [DrillRow(QUALIFICATION, uid, obtained[:10], person,
                     f"{name}（{'期限なし' if not expires else '有効期限 ' + expires[:10]}）")
            for uid, _staff, person, name, obtained, expires in _qualified(conn, q)[1][:limit]]


# --- the catalogue's measures, each with its value and its rows ------------------------------------------

_registered, _registered_rows = _contacts("registered")
_declined, _declined_rows = _contacts("declined")

_MEASURES: dict[str, tuple] = {
    "voices": (_voices, _voice_rows),
    "improvements_done": (_improvements_done, _improvement_rows),
    "followup_omissions": (_followup_omissions, _omission_rows),
    "elderly_sales": (_elderly_sales, _sale_rows),
    "relative_contacts_registered": (_registered, _registered_rows),
    "relative_contacts_declined": (_declined, _declined_rows),
    "nps": (_nps, _nps_rows),
    "satisfaction": (_satisfaction, _satisfaction_rows),
    "survey_answers": (_survey_answers, _answer_rows),
    "meetings_held": (_meetings_held, _meeting_rows),
    "role_play_participants": (_roleplay_participants, _participant_rows),
    "role_play_pass_rate": (_roleplay_pass_rate, _passed_rows),
    "qualified_staff": (_qualified_staff, _qualification_rows),
    "qualified_staff_share": (_qualified_share, _qualification_rows),
    "face_to_face_share": (_face_to_face_share, lambda conn, q, limit: _sale_rows(conn, q, limit,
                                                                                  face_to_face_only=True)),
}


def _query(code: str, param: str | None, period: Period, branch: str | None, today: date | None) -> _Query:
    """Check the measure and its parameter (domain check_source; a survey type is looked up, not checked)."""
    M.check_source(code, param or None)   # ValidationFailed for an unknown measure or a bad parameter
    return _Query(code, param or None, period, branch or None, today or now_tokyo().date())


def compute(conn: sqlite3.Connection, code: str, param: str | None, period: Period, branch: str | None = None,
            *, today: date | None = None) -> MeasureValue:
    """The measure's exact value over the period (and branch; None = the whole agency), as of `today`
    (default: today in Tokyo). A period that has not begun is データなし."""
    q = _query(code, param, period, branch, today)
    if q.today < period.start:
        return NO_DATA
    return _MEASURES[code][0](conn, q)


def records(conn: sqlite3.Connection, code: str, param: str | None, period: Period, branch: str | None = None,
            limit: int = DRILL_LIMIT, *, today: date | None = None) -> list[DrillRow]:
    """The records behind the measure's numerator, at most `limit`, in date order (for NPS the promoters and
    detractors; for a share the records in its part — the value's denominator says of how many)."""
    q = _query(code, param, period, branch, today)
    if q.today < period.start or limit <= 0:
        return []
    return _MEASURES[code][1](conn, q, limit)


def listed_count(conn: sqlite3.Connection, code: str, param: str | None, period: Period, branch: str | None = None,
                 *, today: date | None = None) -> int:
    """How many rows `records` has without its limit: the numerator, but for NPS its promoters plus detractors
    (the numerator there is promoters − detractors, which no list of answers adds up to)."""
    q = _query(code, param, period, branch, today)
    if q.today < period.start:
        return 0
    if code == "nps":
        counts = _nps_counts(conn, q)
        return 0 if counts is None else counts[0] + counts[1]
    return _MEASURES[code][0](conn, q).numerator


class Request(NamedTuple):
    """One computed value a board needs: a measure and its parameter over a period, for a branch or all."""

    code: str
    param: str | None
    period: Period
    branch: str | None = None


def compute_all(conn: sqlite3.Connection, requests: Iterable[Request | tuple], *,
                today: date | None = None) -> Mapping[Request, MeasureValue]:
    """Every requested value from one state of the database (one read transaction), each computed once."""
    day = today or now_tokyo().date()
    out: dict[Request, MeasureValue] = {}
    with read_snapshot(conn):
        for request in requests:
            request = Request(*request)
            if request not in out:
                out[request] = compute(conn, request.code, request.param, request.period, request.branch, today=day)
    return out
