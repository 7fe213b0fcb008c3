"""The survey screens' words: field names, the answers' refusals in Japanese, a grade shown with its label."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from agency_app.domain import surveys as S
from agency_app.domain.errors import FieldError
from agency_app.domain.surveys import SurveyType
from agency_app.storage.surveys import HAS_VOICE, NO_COMMENT, SCALE_BELOW_ANSWERS, SCORE_IN_ANSWERS
from agency_app.ui.kit.messages import field_error_text, known_error_text

translate = QCoreApplication.translate  # lupdate finds translate("Context", "literal")


def field_name(name: str) -> str:
    """A survey answer's or type's field as staff read it (the history and the messages off a field)."""
    names = {
        "answered_on": lambda: translate("SurveyTexts", "Answered on"),
        "survey_type": lambda: translate("SurveyTexts", "Survey"),
        "product_line": lambda: translate("SurveyTexts", "Product"),
        "recommendation": lambda: translate("SurveyTexts", "Score (0–10)"),
        "satisfaction_grade": lambda: translate("SurveyTexts", "Grade"),
        "comment": lambda: translate("SurveyTexts", "Comment"),
        "voice_id": lambda: translate("SurveyTexts", "Voice"),
        "answer": lambda: translate("SurveyTexts", "Answer"),
        "branch_code": lambda: translate("SurveyTexts", "Branch"),
        "name": lambda: translate("SurveyTexts", "Name"),
        "code": lambda: translate("SurveyTexts", "Code"),
        "scale_n": lambda: translate("SurveyTexts", "Grades (n)"),
        "top_k": lambda: translate("SurveyTexts", "Satisfied (top k)"),
        "grade_labels": lambda: translate("SurveyTexts", "Grade labels"),
        "asks_recommendation": lambda: translate("SurveyTexts", "Asks the 0–10 score"),
        "question": lambda: translate("SurveyTexts", "Question"),
        "active": lambda: translate("SurveyTexts", "In use"),
        "*created": lambda: translate("SurveyTexts", "Entered"),
        "*deleted": lambda: translate("SurveyTexts", "Removed"),
    }
    return names[name]() if name in names else name


def error_text(error: FieldError) -> str:
    """One sentence on what to fix; the survey checks' own codes here, the common ones (dates, lengths) as everywhere."""
    p = error.params or {}
    texts = {
        S.BAD_SCORE: lambda: translate("SurveyTexts", "The score is 0 to 10 (typed: {score}).").format(
            score=p.get("score", "?")),
        S.BAD_GRADE: lambda: translate("SurveyTexts", "This survey has grades 1 to {n} (typed: {grade}).").format(
            n=p.get("n", "?"), grade=p.get("grade", "?")),
        S.BAD_SCALE: lambda: translate("SurveyTexts", "Top k must be 1 to {last} for {n} grades.").format(
            last=max(int(p.get("n", 2)) - 1, 1), n=p.get("n", "?")),
        S.SCORE_NOT_A_NUMBER: lambda: translate("SurveyTexts", "Enter a whole number 0 to 10 (typed: {text}).").format(
            text=p.get("text", "")),
        S.GRADE_NOT_A_NUMBER: lambda: translate(
            "SurveyTexts", "Enter the grade's number or its label as printed (typed: {text}).").format(
            text=p.get("text", "")),
        S.SCORE_NOT_ASKED: lambda: translate("SurveyTexts", "This survey does not ask the 0–10 score."),
        S.TYPE_WITHOUT_SCALE: lambda: translate("SurveyTexts", "This survey has no usable scale (at least 2 grades)."),
        S.LABELS_MISMATCH: lambda: translate(
            "SurveyTexts", "Give {n} labels, one per grade (given: {labels}), or none.").format(
            n=p.get("n", "?"), labels=p.get("labels", "?")),
        S.ANSWERED_IN_FUTURE: lambda: translate("SurveyTexts", "The answer date is in the future."),
        S.EMPTY_ANSWER: lambda: translate("SurveyTexts", "Enter a score, a grade or a comment."),
        NO_COMMENT: lambda: translate("SurveyTexts", "This answer has no comment to make a voice of."),
        HAS_VOICE: lambda: translate("SurveyTexts", "This comment is a voice already."),
        SCALE_BELOW_ANSWERS: lambda: translate(
            "SurveyTexts", "Answers hold grade {grade}: this survey needs at least {grade} grades (not {n}).").format(
            grade=p.get("grade", "?"), n=p.get("n", "?")),
        SCORE_IN_ANSWERS: lambda: translate(
            "SurveyTexts", "{answers} answers hold a 0–10 score: it stays asked (retire this survey and start a new "
            "one instead).").format(answers=p.get("answers", "?")),
    }
    make = texts.get(error.code)
    return make() if make else field_error_text(error)


def message(error: Exception) -> str:
    """A refused write in one line: the first problem with its field's name."""
    errors = getattr(error, "errors", None)
    if errors:
        return f"{field_name(errors[0].field)}: {error_text(errors[0])}"
    return known_error_text(error)


def grade_text(survey_type: SurveyType | None, grade: int | None) -> str:
    """'2 やや満足' (a grade with its label), '' when not answered."""
    if grade is None:
        return ""
    if survey_type is None or not survey_type.grade_labels:
        return str(grade)
    return f"{grade} {survey_type.label(grade)}"


def scale_hint(survey_type: SurveyType | None) -> str:
    """The grades of a survey as the sheet prints them, for beside the grade field: '1 満足 · 2 やや満足 · …'."""
    if survey_type is None:
        return ""
    if not survey_type.grade_labels:
        return translate("SurveyTexts", "1 (best) to {n}").format(n=survey_type.scale_n)
    return " · ".join(f"{i} {label}" for i, label in enumerate(survey_type.grade_labels, start=1))
