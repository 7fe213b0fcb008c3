"""Survey answers (アンケート, R25): the survey types and their scales, the answers, and a comment made into a voice — all audited."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime

from agency_app.domain import codes
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.periods import now_tokyo
from agency_app.domain.surveys import (
    SurveyAnswerInput, SurveyResult, SurveyType, check_survey_type, survey_results, validate_survey_answer,
)
from agency_app.domain.voice import SUMMARY_MAX, VoiceInput, format_datetime
from agency_app.storage import records
from agency_app.storage.database import Store
from agency_app.storage.ids import new_uid
from agency_app.storage.masters import MasterData, shipped_uid
from agency_app.storage.records import EditConflict, HistoryEntry, NotAllowed, RecordNotFound
from agency_app.storage.voices import VoiceRepository

__all__ = ["SurveyRepository", "SurveyAnswerNotFound", "SurveyTypeNotFound", "NotManager", "EditConflict",
           "HistoryEntry", "voice_kind", "NO_COMMENT", "HAS_VOICE", "SCALE_BELOW_ANSWERS",
           "SCORE_IN_ANSWERS"]

# Columns an edit of an answer may change (the voice link is made by make_voice only).
EDITABLE = ("answered_on", "survey_type", "product_line", "recommendation", "satisfaction_grade", "comment")
TYPE_COLUMNS = ("name", "scale_n", "top_k", "grade_labels", "asks_recommendation", "question", "active")

# Message codes of make_voice's refusals (field 'comment': the UI says them at the answer's comment).
NO_COMMENT = "survey_no_comment"          # nothing to make a voice of
HAS_VOICE = "survey_has_voice"            # the comment is a voice already (params: voice)
SCALE_BELOW_ANSWERS = "survey_scale_below_answers"  # fewer grades than answers hold (field scale_n; params: n, grade)
SCORE_IN_ANSWERS = "survey_score_in_answers"        # the 0–10 score unasked while answers hold one (asks_recommendation)

# A voice made from a sheet answered on an earlier day is stamped at the start of that office day: the sheet
# carries no time, and a day in the past is all the voice's due date and period need.
EARLIER_DAY_TIME = (9, 0)


class SurveyAnswerNotFound(RecordNotFound):
    pass


class SurveyTypeNotFound(RecordNotFound):
    pass


class NotManager(NotAllowed):
    """Only a manager changes the survey types (their scales decide the satisfaction KPI)."""


def voice_kind(survey_type: SurveyType, recommendation: int | None, grade: int | None) -> str:
    """The voice's kind from the answer's figures: unhappy if either says so (a detractor's 0–6, or a grade in the
    worse half of the scale), praise if what was given is all happy (a promoter's 9–10, a grade in the better
    half), else その他. A missed dissatisfaction costs more than a praise filed as one, so unhappy wins."""
    half = survey_type.scale_n // 2
    unhappy = (recommendation is not None and recommendation <= 6) or \
        (grade is not None and grade > survey_type.scale_n - half)
    if unhappy:
        return codes.KIND_DISSATISFACTION
    given = [recommendation is not None, grade is not None]
    happy = ((recommendation is None or recommendation >= 9) and (grade is None or grade <= half))
    return codes.KIND_PRAISE if any(given) and happy else codes.KIND_OTHER


def _summary_of(comment: str) -> str:
    """The voice's summary: the comment's first line, cut to the summary's length with an ellipsis."""
    first = unicodedata.normalize("NFKC", comment).strip().splitlines()[0].strip()
    return first if len(first) <= SUMMARY_MAX else first[:SUMMARY_MAX - 1] + "…"


class SurveyRepository:
    """Survey types (manager-edited), answers (anyone), and making an answer's comment a voice."""

    def __init__(self, store: Store):
        self.store = store

    # --- survey types -------------------------------------------------------------
    @staticmethod
    def _type_of_row(row: dict) -> SurveyType:
        return SurveyType(row["code"], row["name"], row["scale_n"], row["top_k"],
                          tuple(json.loads(row["grade_labels"] or "[]")), bool(row["asks_recommendation"]),
                          row["question"] or "")

    def type_rows(self, include_inactive: bool = True) -> list[dict]:
        """The stored survey types (every column, `active` and `version` included), in their order."""
        sql = "SELECT * FROM survey_types" + ("" if include_inactive else " WHERE active = 1")
        return records.dicts(self.store.conn.execute(sql + " ORDER BY sort_order, rowid"))

    def types(self, include_inactive: bool = False) -> list[SurveyType]:
        """The survey types as the domain knows them, in their order (the active ones unless asked)."""
        return [self._type_of_row(row) for row in self.type_rows(include_inactive)]

    def type_of(self, code: str) -> SurveyType:
        row = self.store.conn.execute("SELECT * FROM survey_types WHERE code = ?", (code,))
        found = records.dicts(row)
        if not found:
            raise SurveyTypeNotFound(code)
        return self._type_of_row(found[0])

    def save_type(self, survey_type: SurveyType, *, active: bool = True, by: str, now: datetime | None = None,
                  expected_version: int | None = None) -> str:
        """Add a survey type (a new code) or change one (manager only; audited); return its code.

        Changing a scale that already has answers is allowed: the history keeps the old scale, and a finalised
        KPI period keeps the figure it froze. Refused: fewer grades than a stored answer's grade (that answer would
        be off the scale and the figures unreadable), and dropping the 0–10 score while answers hold one (their
        scores would leave NPS unsaid, and every edit of those answers would be refused)."""
        member = MasterData(self.store).staff_member(by)
        if member is None or not member.is_manager:
            raise NotManager(by)
        survey_type = SurveyType(survey_type.code.strip(), survey_type.name.strip(), survey_type.scale_n,
                                 survey_type.top_k, tuple(label.strip() for label in survey_type.grade_labels),
                                 survey_type.asks_recommendation, survey_type.question.strip())
        check_survey_type(survey_type)
        highest, scored = self.store.conn.execute(
            "SELECT MAX(satisfaction_grade), COUNT(recommendation) FROM survey_answers WHERE survey_type = ?",
            (survey_type.code,)).fetchone()
        problems = []
        if highest is not None and highest > survey_type.scale_n:  # those answers would fall off the scale
            problems.append(FieldError("scale_n", SCALE_BELOW_ANSWERS, {"n": survey_type.scale_n, "grade": highest}))
        if scored and not survey_type.asks_recommendation:  # their scores would leave NPS, their edits refused
            problems.append(FieldError("asks_recommendation", SCORE_IN_ANSWERS, {"answers": scored}))
        if problems:
            raise ValidationFailed(problems)
        now = now or now_tokyo()
        values = dict(name=survey_type.name, scale_n=survey_type.scale_n, top_k=survey_type.top_k,
                      grade_labels=json.dumps(list(survey_type.grade_labels), ensure_ascii=False),
                      asks_recommendation=int(survey_type.asks_recommendation), question=survey_type.question,
                      active=int(active))
        current = records.dicts(self.store.conn.execute("SELECT * FROM survey_types WHERE code = ?",
                                                        (survey_type.code,)))
        if current:
            records.write_changes(self.store, "survey_types", current[0], values, by=by, now=now,
                                  expected_version=expected_version)
            return survey_type.code
        with self.store.write() as db:
            order = db.conn.execute("SELECT COALESCE(MAX(sort_order), 0) + 1 FROM survey_types").fetchone()[0]
            records.insert_row(db.conn, "survey_types",
                               dict(values, uid=shipped_uid("survey_type", survey_type.code), code=survey_type.code,
                                    sort_order=order,
                                    **records.new_record(self.store, by, now)))
        return survey_type.code

    # --- answers ------------------------------------------------------------------
    def _types_for(self, keep: str | None = None) -> dict[str, SurveyType]:
        """The types an answer may take: the active ones, and the one it has already (a type retired since)."""
        rows = [row for row in self.type_rows() if row["active"] or row["code"] == keep]
        return {row["code"]: self._type_of_row(row) for row in rows}

    def create(self, entry: SurveyAnswerInput, *, by: str, now: datetime | None = None) -> str:
        """Validate and save one answer (R25); return its uid. Raises ValidationFailed or StorageError."""
        now = now or now_tokyo()
        values = validate_survey_answer(entry, self._types_for(), now.date())
        uid = new_uid()
        row = dict(values, uid=uid, branch_code=self.store.home_branch, **records.new_record(self.store, by, now))
        with self.store.write() as db:
            records.insert_row(db.conn, "survey_answers", row)
        return uid

    def update(self, uid: str, entry: SurveyAnswerInput, *, by: str, expected_version: int | None = None,
               now: datetime | None = None) -> None:
        """Save an edited answer; only changed columns are written (and so audited)."""
        now = now or now_tokyo()
        current = self.get(uid)
        values = validate_survey_answer(entry, self._types_for(current["survey_type"]), now.date())
        records.write_changes(self.store, "survey_answers", current, values, by=by, now=now,
                              expected_version=expected_version, check_unchanged=expected_version is not None)

    def delete(self, uid: str, *, by: str, now: datetime | None = None) -> None:
        """Remove an answer (the history keeps every value). A voice made from it stays: it is a record of its own."""
        self.get(uid)
        records.delete_row(self.store, "survey_answers", uid, by=by, now=now or now_tokyo())

    def get(self, uid: str) -> dict:
        return records.get_row(self.store.conn, "survey_answers", uid, SurveyAnswerNotFound)

    def as_input(self, uid: str) -> SurveyAnswerInput:
        """The stored answer in the shape the entry form edits (the grade as its number)."""
        row = self.get(uid)
        return SurveyAnswerInput.from_dict({k: row.get(k) for k in EDITABLE})

    def _where(self, period_start: date, period_end: date, survey_type: str | None,
               branch: str | None) -> tuple[str, list]:
        where, params = ["a.answered_on BETWEEN ? AND ?"], [period_start.isoformat(), period_end.isoformat()]
        if survey_type:
            where.append("a.survey_type = ?")
            params.append(survey_type)
        if branch:
            where.append("a.branch_code = ?")
            params.append(branch)
        return " AND ".join(where), params

    def list(self, period_start: date, period_end: date, survey_type: str | None = None,
             branch: str | None = None, limit: int = 2000) -> list[dict]:
        """The answers of the period (both days included), newest first, each with its type's name and its voice's
        summary; an agency gets hundreds a year, so a screenful is the whole period."""
        where, params = self._where(period_start, period_end, survey_type, branch)
        return records.dicts(self.store.conn.execute(
            f"""SELECT a.*, t.name AS type_name, v.summary AS voice_summary
                FROM survey_answers a JOIN survey_types t ON t.code = a.survey_type
                LEFT JOIN voices v ON v.uid = a.voice_id
                WHERE {where} ORDER BY a.answered_on DESC, a.rowid DESC LIMIT ?""", (*params, limit)))

    def _figures(self, where: str, params: list) -> Iterator[dict]:
        cursor = self.store.conn.execute(
            f"SELECT a.survey_type, a.recommendation, a.satisfaction_grade FROM survey_answers a WHERE {where}",
            params)
        for code, score, grade in cursor:
            yield {"survey_type": code, "recommendation": score, "satisfaction_grade": grade}

    def results(self, period_start: date, period_end: date, survey_type: str | None = None,
                branch: str | None = None) -> list[tuple[SurveyType, SurveyResult]]:
        """Count, NPS and satisfaction (top k of n) of each survey type with answers in the period (R24), in the
        types' order; over every answer of the filter, not only the rows the list shows."""
        where, params = self._where(period_start, period_end, survey_type, branch)
        answers = list(self._figures(where, params))
        present = {answer["survey_type"] for answer in answers}
        return [(t, survey_results(answers, t)) for t in self.types(include_inactive=True) if t.code in present]

    def answer_of_voice(self, voice_uid: str) -> dict | None:
        """The answer a voice was made from (「アンケート回答から」), or None."""
        found = records.dicts(self.store.conn.execute(
            """SELECT a.*, t.name AS type_name FROM survey_answers a JOIN survey_types t ON t.code = a.survey_type
               WHERE a.voice_id = ?""", (voice_uid,)))
        return found[0] if found else None

    def history(self, uid: str) -> list[HistoryEntry]:
        """Every recorded change of an answer, oldest first (R11)."""
        return records.history(self.store.conn, "survey_answers", uid)

    # --- comment → voice ----------------------------------------------------------------
    def voice_input(self, answer: dict, now: datetime) -> VoiceInput:
        """The voice an answer's comment becomes: channel アンケート, received on the answer's day (now when that is
        today), its kind from the figures (voice_kind), the comment's first line as summary, its product."""
        answered = date.fromisoformat(answer["answered_on"])
        received = now if answered == now.date() else datetime.combine(answered, datetime.min.time()).replace(
            hour=EARLIER_DAY_TIME[0], minute=EARLIER_DAY_TIME[1])
        comment = answer["comment"].strip()
        summary = _summary_of(comment)
        return VoiceInput(received_at=format_datetime(received), channel="survey",
                          kind=voice_kind(self.type_of(answer["survey_type"]), answer["recommendation"],
                                          answer["satisfaction_grade"]),
                          product_line=answer["product_line"] or "", summary=summary,
                          body=comment if comment != summary else "")

    def make_voice(self, uid: str, *, by: str, now: datetime | None = None,
                   expected_version: int | None = None) -> str:
        """Make the answer's comment a voice (through VoiceRepository.create and its checks) and link the answer to
        it — one transaction: both are written or neither. Refused without a comment or when it has a voice."""
        now = now or now_tokyo()
        voices = VoiceRepository(self.store)
        with self.store.write():  # the repositories' own writes join this transaction (savepoints)
            answer = self.get(uid)
            if expected_version is not None and answer["version"] != expected_version:
                raise EditConflict(uid)
            if answer["voice_id"]:
                raise ValidationFailed([FieldError("comment", HAS_VOICE, {"voice": answer["voice_id"]})])
            if not answer["comment"].strip():
                raise ValidationFailed([FieldError("comment", NO_COMMENT)])
            voice_uid = voices.create(self.voice_input(answer, now), by=by, branch_code=answer["branch_code"],
                                      now=now)
            records.write_changes(self.store, "survey_answers", answer, {"voice_id": voice_uid}, by=by, now=now,
                                  expected_version=None)
        return voice_uid

