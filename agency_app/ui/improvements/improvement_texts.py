"""Translated texts of improvements (改善, R12): field names, messages for the improvement rules' codes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from agency_app.domain import errors as E
from agency_app.domain import improvements as I
from agency_app.domain.errors import FieldError
from agency_app.ui.kit.messages import field_error_text, field_label

translate = QCoreApplication.translate  # lupdate finds translate("Context", "literal")

# Fields only an improvement has; the rest (status, due date, completed on …) share the voice's names.
_FIELDS = {
    "title": lambda: translate("ImprovementTexts", "Title"),
    "cause": lambda: translate("ImprovementTexts", "Cause"),
    "action": lambda: translate("ImprovementTexts", "Action (what was done)"),
    "response": lambda: translate("ImprovementTexts", "Action (what was done)"),  # the 完了 dialog's field
    "owner_id": lambda: translate("ImprovementTexts", "Owner"),
    "opened_on": lambda: translate("ImprovementTexts", "Opened on"),
    "completed_on": lambda: translate("ImprovementTexts", "Done on"),
    "reported_on": lambda: translate("ImprovementTexts", "Reported to the insurer on"),
    "reported_insurer": lambda: translate("ImprovementTexts", "Reported to"),
    "voices": lambda: translate("ImprovementTexts", "Voices answered"),
}


def improvement_field_label(name: str) -> str:
    return _FIELDS[name]() if name in _FIELDS else field_label(name)


def improvement_error_text(error: FieldError) -> str:
    """One sentence telling the user what to fix, for the improvement rules' codes and the shared ones."""
    texts = {
        I.DUE_BEFORE_OPENED: lambda: translate("ImprovementTexts", "The due date is before the opening date."),
        I.REPORTED_BEFORE_OPENED:
            lambda: translate("ImprovementTexts", "The report date is before the improvement was opened."),
    }
    if error.field == "reported_on" and error.code == E.IN_FUTURE:
        return translate("ImprovementTexts", "The report date is ahead of today. Enter the day it was reported.")
    # 完了日 before 起票日: on a 完了 (completed_on) or an edit moving the opening after the done date (opened_on).
    if error.field in ("completed_on", "opened_on") and error.code == E.COMPLETION_BEFORE_RECEIPT:
        return translate("ImprovementTexts", "The done date is before the improvement was opened.")
    make = texts.get(error.code)
    return make() if make else field_error_text(error)


def with_improvement_texts(errors: list[FieldError]) -> list[FieldError]:
    """The errors with their improvement-specific sentence attached, so widgets.show_field_errors shows it."""
    return [FieldError(e.field, e.code, dict(e.params, text=improvement_error_text(e))) for e in errors]


def improvement_conflict_text() -> str:
    return translate("ImprovementTexts", "Someone else changed this improvement while you were editing it. "
                                         "Nothing was saved yet: their changes are now shown together with "
                                         "yours. Please check and save again.")


def improvement_changed_elsewhere_text() -> str:
    return translate("ImprovementTexts", "Someone else changed this improvement a moment ago. The latest "
                                         "content is shown now; please check it and try again.")
