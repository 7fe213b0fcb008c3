"""Meetings, trainings and role-plays with their participants and results, and staff qualifications (R26) — all audited."""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from datetime import date, datetime

from agency_app.domain import trainings as T
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.periods import now_tokyo
from agency_app.domain.voice import format_datetime
from agency_app.storage import records
from agency_app.storage.audited_tables import CREATED, DELETED
from agency_app.storage.database import Store
from agency_app.storage.ids import new_uid
from agency_app.storage.records import EditConflict, HistoryEntry, RecordNotFound

__all__ = ["TrainingRepository", "TrainingNotFound", "QualificationNotFound", "EditConflict", "KEEP",
           "HAS_RESULTS", "BAD_PASS_MARK", "PASS_MARK_CONTRADICTS", "KIND_HAS_RESULTS", "ATTEMPT_GAP",
           "RETEST_AFTER_PASS", "NOT_LAST_ATTEMPT", "typed_pass_mark"]

# Message codes beside the domain's (the UI turns them into Japanese).
HAS_RESULTS = "training_participant_has_results"      # params: staff_id — remove their results first
BAD_PASS_MARK = "training_bad_pass_mark"              # params: text — a whole number 0–100, or empty
PASS_MARK_CONTRADICTS = "training_pass_mark_contradicts"  # a stored result's outcome would no longer follow
KIND_HAS_RESULTS = "training_kind_has_results"        # a ロールプレイング with results stays one
ATTEMPT_GAP = "roleplay_attempt_gap"                  # params: next — attempts are numbered without gaps
RETEST_AFTER_PASS = "roleplay_retest_after_pass"      # a further attempt only follows a 再テスト
NOT_LAST_ATTEMPT = "roleplay_not_last_attempt"        # only someone's latest attempt can be removed

KEEP = object()  # update(): leave the pass mark / notes as they are


class TrainingNotFound(RecordNotFound):
    pass


class QualificationNotFound(RecordNotFound):
    pass


def typed_pass_mark(value) -> int | None:
    """A pass mark as typed ('７０', '70点', '') or given (int, None) → 0–100 or None; else ValidationFailed."""
    if value is None or isinstance(value, int):
        number = value
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().removesuffix("点").strip()
        if not text:
            return None
        number = int(text) if text.isdigit() else -1
    if number is not None and not T.SCORE_MIN <= number <= T.SCORE_MAX:
        raise ValidationFailed([FieldError("pass_mark", BAD_PASS_MARK, {"text": str(value)})])
    return number


class TrainingRepository:
    def __init__(self, store: Store):
        self.store = store

    @property
    def conn(self):
        return self.store.conn

    # --- meetings and trainings: reading ------------------------------------------------------------
    def _staff_ids(self) -> set[str]:
        """Every staff member, retired ones too: an old meeting names who was there then."""
        return {row[0] for row in self.conn.execute("SELECT uid FROM staff")}

    def participants(self, uid: str) -> list[dict]:
        """Who took part, 五十音 order: uid, name, kana."""
        return records.dicts(self.conn.execute(
            """SELECT s.uid, s.name, s.kana FROM training_participants p JOIN staff s ON s.uid = p.staff_id
               WHERE p.training_id = ? ORDER BY s.kana, s.name""", (uid,)))

    def get(self, uid: str) -> dict:
        """The meeting with `participants` (staff uids, 五十音 order), `participant_names` and `results`."""
        row = records.get_row(self.conn, "trainings", uid, TrainingNotFound)
        people = self.participants(uid)
        row["participants"] = [p["uid"] for p in people]
        row["participant_names"] = {p["uid"]: p["name"] for p in people}
        row["results"] = self.results_of(uid)
        return row

    def list(self, start: date | None = None, end: date | None = None, kind: str | None = None,
             branch: str | None = None) -> list[dict]:
        """Meetings held between start and end (inclusive), newest first, each with its participant count and,
        for a role-play, how many passed (at any attempt)."""
        sql = ("SELECT t.*, (SELECT COUNT(*) FROM training_participants p WHERE p.training_id = t.uid) AS people, "
               "(SELECT COUNT(DISTINCT r.staff_id) FROM roleplay_results r WHERE r.training_id = t.uid "
               " AND r.outcome = 'passed') AS passed FROM trainings t WHERE 1 = 1")
        params: list = []
        for clause, value in (("t.held_on >= ?", start and start.isoformat()),
                              ("t.held_on <= ?", end and end.isoformat()),
                              ("t.kind = ?", kind), ("t.branch_code = ?", branch)):
            if value:
                sql += f" AND {clause}"
                params.append(value)
        return records.dicts(self.conn.execute(sql + " ORDER BY t.held_on DESC, t.rowid DESC", params))

    def figures(self, start: date | None = None, end: date | None = None,
                branch: str | None = None) -> tuple[dict[str, int], T.RolePlayFigures]:
        """Meetings held per kind over the period, and the role-play figures of its ロールプレイング (R26)."""
        held = self.list(start, end, branch=branch)
        by_kind = {kind: sum(1 for t in held if t["kind"] == kind) for kind in T.KINDS}
        plays = [t for t in held if t["kind"] == T.KIND_ROLEPLAY]
        trainings, results = [], []
        for t in reversed(plays):  # oldest first: a person in two role-plays is counted from their first try
            trainings.append({"kind": t["kind"], "participants": [p["uid"] for p in self.participants(t["uid"])]})
            results += self.results_of(t["uid"])
        return by_kind, T.roleplay_figures(trainings, _per_person_attempts(results))

    # --- meetings and trainings: writing ------------------------------------------------------------
    def create(self, entry: T.TrainingInput, by: str, now: datetime | None = None, pass_mark=None,
               notes: str = "") -> str:
        """Record a meeting held, with who took part; a pass mark only for a ロールプレイング."""
        now = now or now_tokyo()
        values = T.validate_training(entry, now.date(), self._staff_ids())
        mark = typed_pass_mark(pass_mark) if values["kind"] == T.KIND_ROLEPLAY else None
        uid = new_uid()
        with self.store.write() as db:
            records.insert_row(db.conn, "trainings", dict(
                uid=uid, branch_code=self.store.home_branch, held_on=values["held_on"], kind=values["kind"],
                theme=values["theme"], pass_mark=mark, notes=notes.strip(),
                **records.new_record(self.store, by, now)))
            for staff_id in values["participants"]:
                self._add_participant(db.conn, uid, staff_id, by, now)
        return uid

    def _add_participant(self, conn, uid: str, staff_id: str, by: str, now: datetime) -> None:
        records.insert_row(conn, "training_participants", dict(
            uid=new_uid(), training_id=uid, staff_id=staff_id, **records.new_record(self.store, by, now)))

    def update(self, uid: str, entry: T.TrainingInput, by: str, expected_version: int | None = None, *,
               pass_mark=KEEP, notes=KEEP, now: datetime | None = None,
               rewritten: Collection[tuple[str, int]] = ()) -> None:
        """Edit a meeting: its fields, and who took part (those added and removed are each audited).

        Refused: removing someone who has a role-play result (their result would lose its meeting), making a
        role-play with results another kind, a pass mark that a stored scored result's outcome contradicts —
        except the attempts (staff_id, attempt) in `rewritten`, which the caller sets next in the same
        transaction (set_result checks them against the new mark)."""
        now = now or now_tokyo()
        values = T.validate_training(entry, now.date(), self._staff_ids())
        with self.store.write() as db:
            current = self.get(uid)
            if expected_version is not None and current["version"] != expected_version:
                raise EditConflict(uid)
            results = current["results"]
            mark = current["pass_mark"] if pass_mark is KEEP else typed_pass_mark(pass_mark)
            problems = []
            if results and values["kind"] != T.KIND_ROLEPLAY:
                problems.append(FieldError("kind", KIND_HAS_RESULTS))
            tested = {r["staff_id"] for r in results}
            problems += [FieldError("participants", HAS_RESULTS, {"staff_id": s,
                                                                  "name": current["participant_names"].get(s, s)})
                         for s in current["participants"] if s in tested and s not in values["participants"]]
            if mark is not None and any(r["score"] is not None and T.outcome_for(r["score"], mark) != r["outcome"]
                                        and (r["staff_id"], r["attempt"]) not in rewritten for r in results):
                problems.append(FieldError("pass_mark", PASS_MARK_CONTRADICTS))
            if problems:
                raise ValidationFailed(problems)
            if values["kind"] != T.KIND_ROLEPLAY:
                mark = None
            changes = {"held_on": values["held_on"], "kind": values["kind"], "theme": values["theme"],
                       "pass_mark": mark}
            if notes is not KEEP:
                changes["notes"] = notes.strip()
            records.write_changes(self.store, "trainings", current, changes, by=by, now=now, expected_version=None)
            present = dict(db.conn.execute(
                "SELECT staff_id, uid FROM training_participants WHERE training_id = ?", (uid,)).fetchall())
            for staff_id, row_uid in present.items():
                if staff_id not in values["participants"]:
                    records.delete_row(self.store, "training_participants", row_uid, by=by, now=now)
            for staff_id in values["participants"]:
                if staff_id not in present:
                    self._add_participant(db.conn, uid, staff_id, by, now)
            if set(present) != set(values["participants"]):
                self._touch(db.conn, uid, by, now)

    def _touch(self, conn, uid: str, by: str, now: datetime) -> None:
        """Count up the meeting's version when its participants or results change: a form opened before then
        is a conflict on saving, not a silent undo of the change (the stamp columns are not audited)."""
        records.update_row(conn, "trainings", uid, {"updated_at": format_datetime(now), "updated_by": by})

    def delete(self, uid: str, by: str, now: datetime | None = None) -> None:
        """Remove a meeting with its participants and results; each removal is in the history (R11)."""
        now = now or now_tokyo()
        with self.store.write() as db:
            records.get_row(db.conn, "trainings", uid, TrainingNotFound)
            for table in ("roleplay_results", "training_participants"):
                for (row_uid,) in db.conn.execute(f"SELECT uid FROM {table} WHERE training_id = ?", (uid,)).fetchall():
                    records.delete_row(self.store, table, row_uid, by=by, now=now)
            records.delete_row(self.store, "trainings", uid, by=by, now=now)

    # --- role-play results ----------------------------------------------------------------------------
    def results_of(self, training_uid: str) -> list[dict]:
        """Every attempt of the role-play: staff_id, name, attempt, score, outcome, uid — by person, then attempt."""
        return records.dicts(self.conn.execute(
            """SELECT r.uid, r.staff_id, s.name, s.kana, r.attempt, r.score, r.outcome, r.version
               FROM roleplay_results r JOIN staff s ON s.uid = r.staff_id
               WHERE r.training_id = ? ORDER BY s.kana, s.name, r.attempt""", (training_uid,)))

    def set_result(self, training_uid: str, entry: T.RolePlayResultInput, by: str,
                   now: datetime | None = None) -> str:
        """Record one attempt (a changed score or outcome of an attempt already there is an edit, audited).

        Attempt 2 is the first re-test: it follows attempt 1's 再テスト; numbers have no gaps."""
        now = now or now_tokyo()
        with self.store.write() as db:
            training = self.get(training_uid)
            values = T.validate_roleplay_result(entry, training, training["pass_mark"])
            mine = [r for r in training["results"] if r["staff_id"] == values["staff_id"]]
            same = next((r for r in mine if r["attempt"] == values["attempt"]), None)
            if same is not None:
                records.write_changes(self.store, "roleplay_results", records.get_row(
                    db.conn, "roleplay_results", same["uid"], RecordNotFound),
                    {"score": values["score"], "outcome": values["outcome"]}, by=by, now=now, expected_version=None)
                if (same["score"], same["outcome"]) != (values["score"], values["outcome"]):
                    self._touch(db.conn, training_uid, by, now)
                return same["uid"]
            following = max((r["attempt"] for r in mine), default=0) + 1
            if values["attempt"] != following:
                raise ValidationFailed([FieldError("attempt", ATTEMPT_GAP, {"next": following})])
            if mine and mine[-1]["outcome"] == T.PASSED:
                raise ValidationFailed([FieldError("attempt", RETEST_AFTER_PASS)])
            uid = new_uid()
            records.insert_row(db.conn, "roleplay_results", dict(
                values, uid=uid, training_id=training_uid, **records.new_record(self.store, by, now)))
            self._touch(db.conn, training_uid, by, now)
        return uid

    def remove_result(self, training_uid: str, staff_id: str, attempt: int, by: str,
                      now: datetime | None = None) -> bool:
        """Take an attempt back — the person's latest only (a re-test without its first try would not read)."""
        now = now or now_tokyo()
        with self.store.write() as db:
            rows = db.conn.execute(
                "SELECT attempt, uid FROM roleplay_results WHERE training_id = ? AND staff_id = ? ORDER BY attempt",
                (training_uid, staff_id)).fetchall()
            row = next((r for r in rows if r[0] == attempt), None)
            if row is None:
                return False
            if row[0] != rows[-1][0]:
                raise ValidationFailed([FieldError("attempt", NOT_LAST_ATTEMPT)])
            records.delete_row(self.store, "roleplay_results", row[1], by=by, now=now)
            self._touch(db.conn, training_uid, by, now)
        return True

    # --- qualifications -------------------------------------------------------------------------------
    def qualification(self, uid: str) -> dict:
        return records.get_row(self.conn, "qualifications", uid, QualificationNotFound)

    def qualifications(self, staff_id: str | None = None) -> list[dict]:
        """Qualifications with their holder's name and kana: by holder (五十音), then obtained first."""
        sql = ("SELECT q.*, s.name AS staff_name, s.kana AS staff_kana, s.active AS staff_active "
               "FROM qualifications q JOIN staff s ON s.uid = q.staff_id")
        params: list = []
        if staff_id:
            sql += " WHERE q.staff_id = ?"
            params.append(staff_id)
        return records.dicts(self.conn.execute(sql + " ORDER BY s.kana, s.name, q.obtained_on, q.rowid", params))

    def holders_on(self, day: date, staff_ids: Collection[str] | None = None) -> set[str]:
        """Staff holding at least one valid qualification on `day` — active staff unless `staff_ids` says."""
        if staff_ids is None:
            staff_ids = {row[0] for row in self.conn.execute("SELECT uid FROM staff WHERE active = 1")}
        return T.staff_holding_qualification(self.qualifications(), day, staff_ids)

    def add_qualification(self, entry: T.QualificationInput, by: str, now: datetime | None = None) -> str:
        now = now or now_tokyo()
        values = T.validate_qualification(entry, now.date(), self._staff_ids())
        uid = new_uid()
        with self.store.write() as db:
            records.insert_row(db.conn, "qualifications", dict(
                values, uid=uid, **records.new_record(self.store, by, now)))
        return uid

    def update_qualification(self, uid: str, entry: T.QualificationInput, by: str,
                             expected_version: int | None = None, now: datetime | None = None) -> None:
        now = now or now_tokyo()
        values = T.validate_qualification(entry, now.date(), self._staff_ids())
        records.write_changes(self.store, "qualifications", self.qualification(uid), values, by=by, now=now,
                              expected_version=expected_version, check_unchanged=expected_version is not None)

    def delete_qualification(self, uid: str, by: str, now: datetime | None = None) -> None:
        now = now or now_tokyo()
        self.qualification(uid)
        records.delete_row(self.store, "qualifications", uid, by=by, now=now)

    def qualification_history(self, uid: str) -> list[HistoryEntry]:
        return records.history(self.conn, "qualifications", uid)

    # --- history -----------------------------------------------------------------------------------
    def history(self, uid: str) -> list[HistoryEntry]:
        """The meeting's changes, its participants' (field 'participants', the staff uid as old or new value)
        and its results' (field 'result:<staff uid>:<attempt>', the outcome, and ':score' rows), oldest first."""
        own = records.numbered_history(self.conn, "trainings", uid)
        rows = self.conn.execute(
            """SELECT a.changed_at, a.changed_by, s.name, a.entity, a.field, a.old_value, a.new_value, a.record_uid,
                      a.id
               FROM audit_log a LEFT JOIN staff s ON s.uid = a.changed_by
               WHERE a.entity IN ('training_participants', 'roleplay_results') AND a.record_uid IN (
                   SELECT uid FROM training_participants WHERE training_id = ?1
                   UNION SELECT uid FROM roleplay_results WHERE training_id = ?1
                   UNION SELECT record_uid FROM audit_log WHERE entity IN ('training_participants', 'roleplay_results')
                         AND field = '*deleted' AND json_extract(old_value, '$.training_id') = ?1)
                 AND a.field NOT IN ('*baseline', '*continues')
               ORDER BY a.id""", (uid,)).fetchall()
        made: dict[str, dict] = {}
        for _at, _by, _name, _entity, column, old, new, record_uid, _id in rows:
            if column in (CREATED, DELETED):
                made[record_uid] = HistoryEntry("", None, None, column, old, new).values
        entries = []
        for at, by, name, entity, column, old, new, record_uid, audit_id in rows:
            values = made.get(record_uid, {})
            if entity == "training_participants":
                staff = values.get("staff_id")
                entries.append((audit_id, HistoryEntry(at, by, name, "participants",
                                                       staff if column == DELETED else None,
                                                       staff if column == CREATED else None)))
                continue
            label = f"result:{values.get('staff_id', '')}:{values.get('attempt', '')}"
            if column in (CREATED, DELETED):
                gone = HistoryEntry("", None, None, column, old, new).values
                text = _result_text(gone)
                entries.append((audit_id, HistoryEntry(at, by, name, label, text if column == DELETED else None,
                                                       text if column == CREATED else None)))
            else:
                entries.append((audit_id, HistoryEntry(at, by, name, f"{label}:{column}", old, new)))
        return records.merged_history(own, entries)


def _result_text(values: dict) -> str:
    """One attempt as the history shows it: '合格 (85)' or '再テスト'."""
    outcome = T.OUTCOME_LABELS.get(values.get("outcome", ""), values.get("outcome", ""))
    return f"{outcome} ({values['score']})" if values.get("score") not in (None, "") else outcome


def _per_person_attempts(results: list[dict]) -> list[dict]:
    """Several role-plays' attempts as one person's series: attempts renumbered in the order taken (first
    role-play first), so passed_first means passed at the person's very first try."""
    series: dict[str, int] = {}
    out = []
    for r in results:
        series[r["staff_id"]] = series.get(r["staff_id"], 0) + 1
        out.append({"staff_id": r["staff_id"], "attempt": series[r["staff_id"]], "outcome": r["outcome"]})
    return out
