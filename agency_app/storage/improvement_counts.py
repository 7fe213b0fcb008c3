"""Report tables of the voice-to-improvement loop (R12, R14): improvements done by branch, voices still waiting for a decision by team."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from agency_app.domain.periods import Period


@dataclass
class ImprovementCounts:
    """Improvements of a period by branch: opened in it, done in it (R12's KPI), still open at its end."""

    rows: list[tuple[str, int, int, int]] = field(default_factory=list)  # (branch code, opened, done, open at end)

    @property
    def done(self) -> int:
        return sum(row[2] for row in self.rows)


@dataclass
class WaitingVoices:
    """Voices received in a period that no closed voice day has gone through yet, by team (R14)."""

    rows: list[tuple[str, int, int]] = field(default_factory=list)  # (team, received, waiting)

    @property
    def waiting(self) -> int:
        return sum(row[2] for row in self.rows)


def _numbered(sql: str, first: int) -> str:
    """The plain '?' of `sql` as ?first, ?first+1, … (the query around it numbers its own parameters)."""
    parts = sql.split("?")
    return parts[0] + "".join(f"?{first + k}{part}" for k, part in enumerate(parts[1:]))


def _branch_filter(alias: str, branch_code: str | None) -> tuple[str, list]:
    return (f" AND {alias}.branch_code = ?", [branch_code]) if branch_code else ("", [])


def improvement_counts(conn: sqlite3.Connection, period: Period, branch_code: str | None = None, *,
                       insurer: str | None = None) -> ImprovementCounts:
    """Per branch: improvements opened in the period, done (完了) in it, and open on its last day; for one insurer,
    those linked to a voice of that insurer (an improvement has no insurer of its own)."""
    first, last = period.start.isoformat(), period.end.isoformat()
    extra, params = _branch_filter("i", branch_code)
    if insurer is not None:
        # From each improvement to its few linked voices (CROSS JOIN keeps that order): an IN over the voices
        # of the insurer read every voice.
        extra += (" AND EXISTS (SELECT 1 FROM improvement_voices iv CROSS JOIN voices v ON v.uid = iv.voice_id "
                  "WHERE iv.improvement_id = i.uid AND v.insurer = ?)")
        params = [*params, insurer]
    rows = conn.execute(
        f"""SELECT i.branch_code,
                   SUM(i.opened_on BETWEEN ?1 AND ?2),
                   SUM(i.status = 'done' AND i.completed_on BETWEEN ?1 AND ?2),
                   SUM(i.opened_on <= ?2 AND (i.completed_on IS NULL OR i.completed_on > ?2))
            FROM improvements i WHERE i.opened_on <= ?2 {_numbered(extra, 3)}
            GROUP BY i.branch_code ORDER BY i.branch_code""", (first, last, *params)).fetchall()
    return ImprovementCounts([(code, opened or 0, done or 0, still or 0) for code, opened, done, still in rows])


def waiting_voices(conn: sqlite3.Connection, period: Period, branch_code: str | None = None) -> WaitingVoices:
    """Per team: voices received in the period, and those of them no closed voice day has decided yet.

    Counted as received minus decided: the decisions are few (a meeting's voices), the voices may be a million, so
    no voice is looked up one by one for a decision."""
    extra, params = _branch_filter("v", branch_code)
    bounds = (period.start.isoformat(), f"{period.end.isoformat()} 24:00")
    if branch_code:
        received = conn.execute(
            f"""SELECT v.team, COUNT(*) FROM voices v WHERE v.received_at >= ? AND v.received_at < ? {extra}
                GROUP BY v.team""", (*bounds, *params)).fetchall()
    else:
        # Team by team through the (team, received_at) index, counting index entries only: grouping the period's
        # rows by team would read each voice's row (0.4 s a fiscal year at a million voices).
        received = [(team, count) for team in _teams(conn) if (count := conn.execute(
            "SELECT COUNT(*) FROM voices WHERE team = ? AND received_at >= ? AND received_at < ?",
            (team, *bounds)).fetchone()[0])]
    decided = dict(conn.execute(
        f"""SELECT v.team, COUNT(DISTINCT v.uid) FROM voice_decisions x
            JOIN voice_days d ON d.uid = x.voice_day_id AND d.status = 'closed'
            JOIN voices v ON v.uid = x.voice_id
            WHERE v.received_at >= ? AND v.received_at < ? {extra} GROUP BY v.team""", (*bounds, *params)).fetchall())
    return WaitingVoices(sorted((team, count, count - decided.get(team, 0)) for team, count in received))


def _teams(conn: sqlite3.Connection) -> list[str]:
    """Every team any voice is in ('' for none), one index seek each (a DISTINCT would read the whole index)."""
    teams: list[str] = []
    row = conn.execute("SELECT MIN(team) FROM voices").fetchone()
    while row and row[0] is not None:
        teams.append(row[0])
        row = conn.execute("SELECT MIN(team) FROM voices WHERE team > ?", (row[0],)).fetchone()
    return teams
