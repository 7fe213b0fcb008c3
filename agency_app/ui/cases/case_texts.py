"""Translated texts of follow-up cases: type labels, field names, messages for the case rules' codes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from agency_app.domain import cases as C
from agency_app.domain import errors as E
from agency_app.domain.errors import FieldError
from agency_app.ui.kit.messages import field_error_text, field_label

translate = QCoreApplication.translate  # lupdate finds translate("Context", "literal")

_TYPES = {
    C.RENEWAL: lambda: translate("CaseTexts", "Renewal"),
    C.ADDRESS_CHANGE: lambda: translate("CaseTexts", "Address change"),
    C.NAME_CHANGE: lambda: translate("CaseTexts", "Name change"),
    C.VEHICLE_CHANGE: lambda: translate("CaseTexts", "Vehicle change"),
    C.OTHER_CHANGE: lambda: translate("CaseTexts", "Other change"),
    C.CANCELLATION: lambda: translate("CaseTexts", "Cancellation"),
    C.CLAIM: lambda: translate("CaseTexts", "Claim (accident)"),
    C.DOCUMENT_REQUEST: lambda: translate("CaseTexts", "Document request"),
    C.AFTERCARE: lambda: translate("CaseTexts", "After-care call"),
}

# Fields only a case has; the rest (status, due date, call-back …) share the voice's names.
_FIELDS = {
    "case_type": lambda: translate("CaseTexts", "Case type"),
    "title": lambda: translate("CaseTexts", "Title"),
    "body": lambda: translate("CaseTexts", "Details"),
    "customer_id": lambda: translate("CaseTexts", "Customer"),
    "voice_id": lambda: translate("CaseTexts", "From voice"),
    "opened_on": lambda: translate("CaseTexts", "Opened on"),
    "steps": lambda: translate("CaseTexts", "Checklist"),
    "label": lambda: translate("CaseTexts", "Step"),
    "done_at": lambda: translate("CaseTexts", "Ticked at"),
    "done_by": lambda: translate("CaseTexts", "Ticked by"),
    "note": lambda: translate("CaseTexts", "Note"),
}


def case_type_label(code: str) -> str:
    return _TYPES[code]() if code in _TYPES else code


def case_type_choices() -> list[tuple[str, str]]:
    """(code, label) pairs in the domain's order, for combo boxes."""
    return [(code, case_type_label(code)) for code in C.CASE_TYPES]


def case_field_label(name: str) -> str:
    return _FIELDS[name]() if name in _FIELDS else field_label(name)


def open_steps_text(steps: list[str]) -> str:
    """R7: 完了 waits for the checklist; the open steps are named so staff know what is left."""
    lines = "\n".join(f"・{label}" for label in steps)
    return translate("CaseTexts", "These checklist steps are not done yet:\n{steps}").format(steps=lines)


def case_error_text(error: FieldError) -> str:
    """One sentence telling the user what to fix, for the case rules' codes and the shared ones."""
    params = error.params or {}
    texts = {
        C.DUE_BEFORE_OPENED: lambda: translate("CaseTexts", "The due date is before the opening date."),
        C.CALLBACK_BEFORE_OPENED:
            lambda: translate("CaseTexts", "The call-back time is before the opening date."),
        C.COMPLETED_BEFORE_STEPS: lambda: translate(
            "CaseTexts", "The last checklist step was done on {date}: the completion date cannot be earlier.").format(
            date=str(params.get("date", "")).replace("-", "/")),
        C.OPENED_AFTER_COMPLETION:
            lambda: translate("CaseTexts", "The opening date is after the completion date."),
        C.CASE_TYPE_FIXED:
            lambda: translate("CaseTexts", "The case type cannot be changed once the case is saved."),
        C.STEP_ON_CLOSED_CASE:
            lambda: translate("CaseTexts", "This case is closed. Reopen it to change its checklist."),
        C.TEMPLATE_EMPTY: lambda: translate("CaseTexts", "Add at least one step."),
        C.STEP_EMPTY: lambda: translate("CaseTexts", "Step {index} is empty.").format(index=params.get("index")),
        C.STEP_DUPLICATE: lambda: translate("CaseTexts", "Step {index} repeats \u201c{label}\u201d.").format(
            index=params.get("index"), label=params.get("label", "")),
        C.STEP_TOO_LONG: lambda: translate("CaseTexts", "Step {index} is too long (max {max} characters).").format(
            index=params.get("index"), max=params.get("max", C.STEP_MAX)),
        C.TOO_MANY_STEPS: lambda: translate("CaseTexts", "Too many steps (max {max}).").format(
            max=params.get("max", C.TEMPLATE_MAX_STEPS)),
        C.MANAGER_ONLY: lambda: translate("CaseTexts", "Only a manager can change checklist templates."),
    }
    if error.code == E.CHECKLIST_OPEN and params.get("steps"):
        return open_steps_text(params["steps"])
    make = texts.get(error.code)
    return make() if make else field_error_text(error)


def with_case_texts(errors: list[FieldError]) -> list[FieldError]:
    """The errors with their case-specific sentence attached, so widgets.show_field_errors shows it."""
    return [FieldError(e.field, e.code, dict(e.params, text=case_error_text(e))) for e in errors]


def case_conflict_text() -> str:
    return translate("CaseTexts", "Someone else changed this case while you were editing it. Nothing was "
                                  "saved yet: their changes are now shown together with yours. "
                                  "Please check and save again.")


def case_changed_elsewhere_text() -> str:
    return translate("CaseTexts", "Someone else changed this case a moment ago. The latest content is shown "
                                  "now; please check it and try again.")
