"""Meetings and trainings (R26): what was held, role-play results with pass / re-test, staff qualifications."""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from agency_app.domain import errors as E
from agency_app.domain import kpi
from agency_app.domain.date_input import typed_date
from agency_app.domain.errors import FieldError, ValidationFailed

KIND_COMPLIANCE = "compliance"   # コンプライアンス会議
KIND_QUALITY = "quality"         # 品質向上会議
KIND_STUDY = "study"             # 勉強会
KIND_ROLEPLAY = "roleplay"       # ロールプレイング
KINDS = (KIND_COMPLIANCE, KIND_QUALITY, KIND_STUDY, KIND_ROLEPLAY)
KIND_LABELS = {KIND_COMPLIANCE: "コンプライアンス会議", KIND_QUALITY: "品質向上会議",
               KIND_STUDY: "勉強会", KIND_ROLEPLAY: "ロールプレイング"}

PASSED = "passed"    # 合格
RETEST = "retest"    # 再テスト (追試)
OUTCOMES = (PASSED, RETEST)
OUTCOME_LABELS = {PASSED: "合格", RETEST: "再テスト"}
SCORE_MIN, SCORE_MAX = 0, 100    # seed 004: points per explained item, 100 the full mark

THEME_MAX = 200
QUALIFICATION_MAX = 100

# Message codes (the UI turns them into Japanese).
HELD_IN_FUTURE = "training_held_in_future"        # only meetings that took place are recorded
NO_PARTICIPANTS = "training_no_participants"
UNKNOWN_STAFF = "training_unknown_staff"          # params: staff_id
NOT_A_PARTICIPANT = "roleplay_not_a_participant"  # a result for someone not on the list; params: staff_id
NOT_A_ROLEPLAY = "roleplay_not_a_roleplay"        # results only for a ロールプレイング
BAD_SCORE = "roleplay_bad_score"                  # outside 0–100 or not a whole number; params: text
BAD_ATTEMPT = "roleplay_bad_attempt"              # attempt numbers start at 1
OUTCOME_CONTRADICTS_SCORE = "roleplay_outcome_contradicts_score"  # params: score, pass_mark
OBTAINED_IN_FUTURE = "qualification_obtained_in_future"
EXPIRES_BEFORE_OBTAINED = "qualification_expires_before_obtained"


def _day(value) -> date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, date) else date.fromisoformat(value)


def _typed_date_field(name: str, text: str, today: date, problems: list[FieldError], *,
                      required: bool, future_code: str | None) -> date | None:
    if not text.strip():
        if required:
            problems.append(FieldError(name, E.REQUIRED))
        return None
    day = typed_date(name, text, today, problems)
    if day is not None and future_code and day > today:
        problems.append(FieldError(name, future_code))
    return day


def _staff_problems(name: str, ids: Iterable[str], known: Collection[str] | None) -> list[FieldError]:
    if known is None:
        return []
    return [FieldError(name, UNKNOWN_STAFF, {"staff_id": i}) for i in ids if i not in known]


# --- meetings and trainings ---------------------------------------------------------------------------

@dataclass
class TrainingInput:
    """A meeting or training as entered: date as typed, kind code, theme, participants' staff ids."""

    held_on: str = ""
    kind: str = ""
    theme: str = ""
    participants: list[str] = field(default_factory=list)


def validate_training(entry: TrainingInput, today: date, staff_ids: Collection[str] | None = None) -> dict:
    """Check a meeting; return held_on (ISO), kind, theme, participants (a tuple, each once, in the order
    picked) or raise ValidationFailed. `staff_ids`: the known staff, when the caller can say."""
    problems: list[FieldError] = []
    held = _typed_date_field("held_on", entry.held_on, today, problems, required=True, future_code=HELD_IN_FUTURE)
    if entry.kind not in KINDS:
        problems.append(FieldError("kind", E.REQUIRED if not entry.kind else E.UNKNOWN_CHOICE))
    theme = entry.theme.strip()
    if not theme:
        problems.append(FieldError("theme", E.REQUIRED))
    elif len(theme) > THEME_MAX:
        problems.append(FieldError("theme", E.TOO_LONG, {"max": THEME_MAX}))
    # The same person picked twice is one participant, not an error: nothing the user meant is lost.
    participants = tuple(dict.fromkeys(p.strip() for p in entry.participants if p.strip()))
    if not participants:
        problems.append(FieldError("participants", NO_PARTICIPANTS))
    problems += _staff_problems("participants", participants, staff_ids)
    if problems:
        raise ValidationFailed(problems)
    return {"held_on": held.isoformat(), "kind": entry.kind, "theme": theme, "participants": participants}


def held_count(trainings: Iterable[Mapping], kinds: Collection[str] = KINDS,
               start: date | None = None, end: date | None = None) -> int:
    """Meetings and trainings held (R23) of the given kinds, between start and end inclusive when given."""
    count = 0
    for t in trainings:
        day = _day(t["held_on"])
        if t["kind"] in kinds and (start is None or day >= start) and (end is None or day <= end):
            count += 1
    return count


# --- role-play results --------------------------------------------------------------------------------

@dataclass
class RolePlayResultInput:
    """One participant's attempt at a role-play: score as typed (0–100 or ''), outcome code or '' (then taken
    from the score and the pass mark), attempt 1 for the first try, 2 for the first re-test…"""

    staff_id: str = ""
    score: str = ""
    outcome: str = ""
    attempt: int = 1


def outcome_for(score: int, pass_mark: int) -> str:
    """The pass rule: 合格 at or above the pass mark, else 再テスト."""
    return PASSED if score >= pass_mark else RETEST


def validate_roleplay_result(entry: RolePlayResultInput, training: Mapping,
                             pass_mark: int | None = None) -> dict:
    """Check one result against its (validated) role-play; return staff_id, attempt, score (int | None),
    outcome, or raise ValidationFailed. With a pass mark an empty outcome follows from the score, and an
    outcome the score contradicts is refused; without one the outcome is as entered (seed 004 marks by hand)."""
    problems: list[FieldError] = []
    if training.get("kind") != KIND_ROLEPLAY:
        problems.append(FieldError("kind", NOT_A_ROLEPLAY))
    staff = entry.staff_id.strip()
    if not staff:
        problems.append(FieldError("staff_id", E.REQUIRED))
    elif staff not in training.get("participants", ()):
        problems.append(FieldError("staff_id", NOT_A_PARTICIPANT, {"staff_id": staff}))
    if not isinstance(entry.attempt, int) or entry.attempt < 1:
        problems.append(FieldError("attempt", BAD_ATTEMPT))
    score = None
    if entry.score.strip():
        text = unicodedata.normalize("NFKC", entry.score).strip().removesuffix("点").strip()
        if text.isdigit() and SCORE_MIN <= int(text) <= SCORE_MAX:
            score = int(text)
        else:
            problems.append(FieldError("score", BAD_SCORE, {"text": entry.score}))
    outcome = entry.outcome
    if not outcome and score is not None and pass_mark is not None:
        outcome = outcome_for(score, pass_mark)
    if outcome not in OUTCOMES:
        problems.append(FieldError("outcome", E.REQUIRED if not outcome else E.UNKNOWN_CHOICE))
    elif score is not None and pass_mark is not None and outcome != outcome_for(score, pass_mark):
        problems.append(FieldError("outcome", OUTCOME_CONTRADICTS_SCORE, {"score": score, "pass_mark": pass_mark}))
    if problems:
        raise ValidationFailed(problems)
    return {"staff_id": staff, "attempt": entry.attempt, "score": score, "outcome": outcome}


class RolePlayFigures(NamedTuple):
    """Role-play figures over a set of role-plays (R26, seed 004: 26 took part, 24 passed at once, 2 re-tests,
    26 passed in the end). Shares are % at one decimal, None without anyone."""

    invited: int           # distinct staff on the participants' lists
    took_part: int         # distinct staff with at least one result
    passed_first: int      # passed at their first attempt
    retested: int          # had a 再テスト at some attempt
    passed: int            # passed at any attempt: a re-test passed later counts as passed
    pass_rate: Decimal | None         # passed / took_part
    first_pass_rate: Decimal | None   # passed_first / took_part


def roleplay_figures(trainings: Iterable[Mapping], results: Iterable[Mapping], places: int = 1) -> RolePlayFigures:
    """Count per person, not per attempt: a person re-tested twice is one re-test, and once passed stays passed
    (a pass is never undone by a later attempt). Only ロールプレイング trainings' participants count as invited;
    `results` are the dicts validate_roleplay_result returns (their `attempt` orders them)."""
    invited = {s for t in trainings if t["kind"] == KIND_ROLEPLAY for s in t["participants"]}
    attempts: dict[str, list[tuple[int, str]]] = {}
    for r in results:
        attempts.setdefault(r["staff_id"], []).append((r["attempt"], r["outcome"]))
    took_part = len(attempts)
    passed_first = sum(1 for tries in attempts.values() if min(tries)[1] == PASSED)
    retested = sum(1 for tries in attempts.values() if any(o == RETEST for _, o in tries))
    passed = sum(1 for tries in attempts.values() if any(o == PASSED for _, o in tries))

    def share(part: int) -> Decimal | None:
        return kpi.rounded(Decimal(part) * 100 / took_part, places) if took_part else None

    return RolePlayFigures(len(invited), took_part, passed_first, retested, passed, share(passed), share(passed_first))


def participation_share(trainings: Iterable[Mapping], staff_ids: Collection[str], places: int = 1,
                        kinds: Collection[str] = KINDS) -> tuple[int, Decimal | None]:
    """How many of the staff took part in at least one meeting of the given kinds, and that as a % of the staff
    (None without staff); someone on a list but no longer on the staff is not counted."""
    staff = set(staff_ids)
    present = {s for t in trainings if t["kind"] in kinds for s in t["participants"]} & staff
    return len(present), (kpi.rounded(Decimal(len(present)) * 100 / len(staff), places) if staff else None)


# --- qualifications ---------------------------------------------------------------------------------

@dataclass
class QualificationInput:
    """A qualification held by a staff member: its name, when obtained, and when it lapses ('' for never)."""

    staff_id: str = ""
    name: str = ""
    obtained_on: str = ""
    expires_on: str = ""


def validate_qualification(entry: QualificationInput, today: date,
                           staff_ids: Collection[str] | None = None) -> dict:
    """Check a qualification; return staff_id, name, obtained_on (ISO), expires_on (ISO or None) or raise
    ValidationFailed. An expiry date may lie ahead (it usually does); obtaining one may not."""
    problems: list[FieldError] = []
    staff = entry.staff_id.strip()
    if not staff:
        problems.append(FieldError("staff_id", E.REQUIRED))
    else:
        problems += _staff_problems("staff_id", [staff], staff_ids)
    name = entry.name.strip()
    if not name:
        problems.append(FieldError("name", E.REQUIRED))
    elif len(name) > QUALIFICATION_MAX:
        problems.append(FieldError("name", E.TOO_LONG, {"max": QUALIFICATION_MAX}))
    obtained = _typed_date_field("obtained_on", entry.obtained_on, today, problems, required=True,
                                 future_code=OBTAINED_IN_FUTURE)
    expires = _typed_date_field("expires_on", entry.expires_on, today, problems, required=False, future_code=None)
    if obtained and expires and expires < obtained:
        problems.append(FieldError("expires_on", EXPIRES_BEFORE_OBTAINED))
    if problems:
        raise ValidationFailed(problems)
    return {"staff_id": staff, "name": name, "obtained_on": obtained.isoformat(),
            "expires_on": expires.isoformat() if expires else None}


def valid_on(qualification: Mapping, day: date) -> bool:
    """Held on `day`: obtained on or before it, and not lapsed — the expiry day itself still counts."""
    obtained, expires = _day(qualification["obtained_on"]), _day(qualification.get("expires_on"))
    return obtained <= day and (expires is None or day <= expires)


def staff_holding_qualification(qualifications: Iterable[Mapping], day: date,
                                staff_ids: Collection[str] | None = None) -> set[str]:
    """Staff holding at least one valid qualification on `day` (seed 003: 1人1資格以上), among `staff_ids`
    when given (someone who has left is not counted)."""
    holders = {q["staff_id"] for q in qualifications if valid_on(q, day)}
    return holders if staff_ids is None else holders & set(staff_ids)
