"""Words of the meetings and qualifications pages: kinds, outcomes, field names and the refusals in Japanese."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from agency_app.domain import trainings as T
from agency_app.domain.errors import FieldError
from agency_app.storage import trainings as S
from agency_app.ui.kit.messages import field_error_text, known_error_text

translate = QCoreApplication.translate


def kind_label(kind: str) -> str:
    return {
        T.KIND_COMPLIANCE: lambda: translate("Trainings", "Compliance meeting"),
        T.KIND_QUALITY: lambda: translate("Trainings", "Quality meeting"),
        T.KIND_STUDY: lambda: translate("Trainings", "Study session"),
        T.KIND_ROLEPLAY: lambda: translate("Trainings", "Role-play"),
    }.get(kind, lambda: kind)()


def outcome_label(outcome: str) -> str:
    return {T.PASSED: lambda: translate("Trainings", "Passed"),
            T.RETEST: lambda: translate("Trainings", "Re-test")}.get(outcome, lambda: outcome or "")()


def field_name(name: str, staff_names: dict[str, str] | None = None) -> str:
    """A field of a meeting or a qualification as the form and the history name it; with `staff_names` (uid →
    name) a role-play result's says whose attempt it is."""
    names = {
        "held_on": lambda: translate("Trainings", "Date held"),
        "kind": lambda: translate("Trainings", "Kind"),
        "theme": lambda: translate("Trainings", "Theme"),
        "participants": lambda: translate("Trainings", "Participants"),
        "pass_mark": lambda: translate("Trainings", "Pass mark"),
        "notes": lambda: translate("Trainings", "Notes"),
        "results": lambda: translate("Trainings", "Results"),
        "staff_id": lambda: translate("Trainings", "Staff member"),
        "name": lambda: translate("Trainings", "Qualification"),
        "obtained_on": lambda: translate("Trainings", "Obtained on"),
        "expires_on": lambda: translate("Trainings", "Lapses on"),
        "branch_code": lambda: translate("Trainings", "Branch"),
        "*created": lambda: translate("Trainings", "Created"),
        "*deleted": lambda: translate("Trainings", "Deleted"),
    }
    if name in names:
        return names[name]()
    if name.startswith("result:"):   # result:<staff>:<attempt>[:column]
        if staff_names is None:
            return translate("Trainings", "Result")
        _result, staff, attempt, *column = name.split(":") + [""]
        which = (translate("Trainings", "re-test {n}").format(n=int(attempt) - 1)
                 if attempt.isdigit() and int(attempt) > 1 else translate("Trainings", "first"))
        text = (translate("Trainings", "Score: {name} ({attempt})") if column[0] == "score"
                else translate("Trainings", "Result: {name} ({attempt})"))
        return text.format(name=staff_names.get(staff, staff), attempt=which)
    return name


def error_text(error: FieldError, names: dict[str, str] | None = None) -> str:
    """One refusal of a meeting, a result or a qualification as a sentence; `names`: staff uid → name."""
    params = error.params or {}
    who = (names or {}).get(params.get("staff_id", ""), params.get("name") or params.get("staff_id", ""))
    texts = {
        T.HELD_IN_FUTURE: lambda: translate("Trainings", "Only a meeting already held can be recorded."),
        T.NO_PARTICIPANTS: lambda: translate("Trainings", "Tick at least one participant."),
        T.UNKNOWN_STAFF: lambda: translate("Trainings", "{name} is not on the staff list.").format(name=who),
        T.NOT_A_PARTICIPANT: lambda: translate("Trainings", "{name} is not ticked as a participant.").format(name=who),
        T.NOT_A_ROLEPLAY: lambda: translate("Trainings", "Results are kept for a role-play only."),
        T.BAD_SCORE: lambda: translate("Trainings", "Enter a score from 0 to 100 (typed: {text}).").format(
            text=params.get("text", "")),
        T.BAD_ATTEMPT: lambda: translate("Trainings", "The attempt number is not valid."),
        T.OUTCOME_CONTRADICTS_SCORE: lambda: translate(
            "Trainings", "{score} points against a pass mark of {mark}: the outcome does not match.").format(
            score=params.get("score", "?"), mark=params.get("pass_mark", "?")),
        T.OBTAINED_IN_FUTURE: lambda: translate("Trainings", "The day obtained is in the future."),
        T.EXPIRES_BEFORE_OBTAINED: lambda: translate("Trainings", "It lapses before the day it was obtained."),
        S.HAS_RESULTS: lambda: translate(
            "Trainings", "{name} has role-play results: clear them first, then untick.").format(name=who),
        S.BAD_PASS_MARK: lambda: translate("Trainings", "Enter a pass mark from 0 to 100, or leave it empty."),
        S.PASS_MARK_CONTRADICTS: lambda: translate(
            "Trainings", "A result entered would no longer match this pass mark."),
        S.KIND_HAS_RESULTS: lambda: translate("Trainings", "A role-play with results stays a role-play."),
        S.ATTEMPT_GAP: lambda: translate("Trainings", "Enter attempt {next} first.").format(next=params.get("next")),
        S.RETEST_AFTER_PASS: lambda: translate("Trainings", "A re-test follows only an attempt not passed."),
        S.NOT_LAST_ATTEMPT: lambda: translate("Trainings", "Only the latest attempt can be removed."),
    }
    make = texts.get(error.code)
    return make() if make else field_error_text(error)


def refusal_text(error: Exception) -> str:
    """A refused write in one sentence: the first problem with its field, or the known error's words."""
    problems = getattr(error, "errors", None)
    if problems:
        return f"{field_name(problems[0].field)}: {error_text(problems[0])}"
    return known_error_text(error)
