"""Versions of the elderly-sale rules (R16–R17): immutable rows; a record keeps the version it was made under."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from agency_app.domain.elderly import DEFAULT_RULES, ElderlyRules, validate_rules
from agency_app.domain.periods import now_tokyo
from agency_app.domain.voice import format_datetime
from agency_app.storage.database import Store
from agency_app.storage.ids import new_uid
from agency_app.storage.masters import MasterData
from agency_app.storage.records import NotAllowed, RecordNotFound


class NotManager(NotAllowed):
    """Only a manager may change the agency's rules."""


class RulesVersionNotFound(RecordNotFound):
    pass


@dataclass(frozen=True)
class RulesVersion:
    version: int
    rules: ElderlyRules
    effective_from: date
    created_at: str
    created_by: str | None
    created_by_name: str | None


class ElderlyRulesStore:
    """Read the rules versions; a manager adds a new one. Old versions are never edited (records point at them)."""

    def __init__(self, store: Store):
        self.store = store

    def current(self, *, now: datetime | None = None) -> tuple[int, ElderlyRules]:
        """The latest version (the one a manager edits next); version 1 (the defaults) is made on first use.

        Records take the version in force on their sale date instead: version_for_sale().
        """
        row = self.store.conn.execute(
            "SELECT rules_version, rules FROM elderly_rules ORDER BY rules_version DESC LIMIT 1").fetchone()
        if row is not None:
            return row[0], ElderlyRules.from_json(row[1])
        stamp = now or now_tokyo()
        with self.store.write() as db:
            # Inside the write lock: another PC may have made version 1 a moment ago.
            found = db.conn.execute("SELECT rules_version, rules FROM elderly_rules "
                                    "ORDER BY rules_version DESC LIMIT 1").fetchone()
            if found is not None:
                return found[0], ElderlyRules.from_json(found[1])
            self._insert(db.conn, 1, DEFAULT_RULES, stamp.date(), None, stamp)
        return 1, DEFAULT_RULES

    def in_force_on(self, day: date) -> tuple[int | None, ElderlyRules]:
        """The version in force on `day` (read only): the latest one effective by then, else the first.

        A sale is judged by the rules of its sale date: a version a manager prepares for next April
        does not apply to today's sales, and a September sale entered in November keeps September's
        rules. (None, the defaults) before any version exists.
        """
        # Version 1 (the defaults, made on first use) stands for "before any change": its own date only
        # records when it was made, so a manager's change dated earlier still takes effect then.
        row = self.store.conn.execute(
            "SELECT rules_version, rules FROM elderly_rules WHERE rules_version > 1 AND effective_from <= ? "
            "ORDER BY effective_from DESC, rules_version DESC LIMIT 1", (day.isoformat(),)).fetchone()
        if row is None:  # before any later version took effect: the first version applies
            row = self.store.conn.execute(
                "SELECT rules_version, rules FROM elderly_rules ORDER BY rules_version LIMIT 1").fetchone()
        return (row[0], ElderlyRules.from_json(row[1])) if row else (None, DEFAULT_RULES)

    def version_for_sale(self, sale_date: date, *, now: datetime | None = None) -> tuple[int, ElderlyRules]:
        """in_force_on(sale_date), making version 1 first when there is none (a record must point at one)."""
        self.current(now=now)
        version, rules = self.in_force_on(sale_date)
        return version, rules

    def in_force(self, day: date | None = None) -> ElderlyRules:
        """The rules in force on `day` (today by default), read only."""
        return self.in_force_on(day or now_tokyo().date())[1]

    def elderly_age(self, day: date | None = None) -> int:
        """The youngest age the rules treat as elderly for any product line (lists mark customers from it)."""
        return min(self.in_force(day).thresholds.values())

    def get(self, version: int) -> ElderlyRules:
        row = self.store.conn.execute("SELECT rules FROM elderly_rules WHERE rules_version = ?",
                                      (version,)).fetchone()
        if row is None:
            raise RulesVersionNotFound(version)
        return ElderlyRules.from_json(row[0])

    def versions(self) -> list[RulesVersion]:
        """Every version, newest first, with who made it."""
        rows = self.store.conn.execute(
            """SELECT r.rules_version, r.rules, r.effective_from, r.created_at, r.created_by, s.name
               FROM elderly_rules r LEFT JOIN staff s ON s.uid = r.created_by
               ORDER BY r.rules_version DESC""")
        return [RulesVersion(v, ElderlyRules.from_json(text), date.fromisoformat(eff), at, by, name)
                for v, text, eff, at, by, name in rows]

    def save_new_version(self, rules: ElderlyRules, *, by: str, effective_from: date,
                         now: datetime | None = None) -> int:
        """Add a version (manager only); raises NotManager or ValidationFailed. Returns its number."""
        member = MasterData(self.store).staff_member(by)
        if member is None or not member.is_manager:
            raise NotManager(by)
        validate_rules(rules)
        self.current(now=now)  # version 1 first, so the defaults stay on record for older sales
        stamp = now or now_tokyo()
        with self.store.write() as db:
            version = db.conn.execute("SELECT MAX(rules_version) FROM elderly_rules").fetchone()[0] + 1
            self._insert(db.conn, version, rules, effective_from, by, stamp)
        return version

    def _insert(self, conn, version: int, rules: ElderlyRules, effective_from: date, by: str | None,
                now: datetime) -> None:
        stamp = format_datetime(now)
        conn.execute(
            "INSERT INTO elderly_rules (uid, rules_version, rules, effective_from, origin_branch, created_at, "
            "created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (new_uid(), version, rules.to_json(), effective_from.isoformat(), self.store.home_branch,
             stamp, by, stamp, by))
