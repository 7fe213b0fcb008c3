"""Translated texts of the elderly-sale record: field names, measures, what is still missing and why a save was refused."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from agency_app.domain import elderly as X
from agency_app.domain import errors as E
from agency_app.domain import labels_ja as ja
from agency_app.domain.elderly import Missing
from agency_app.domain.errors import FieldError
from agency_app.ui.kit.messages import field_error_text

# A plain alias: pyside6-lupdate finds translate("Context", "literal") calls, not wrappers.
translate = QCoreApplication.translate

_FIELDS = {
    "customer_id": lambda: translate("ElderlyFields", "Customer"),
    "sale_date": lambda: translate("ElderlyFields", "Application date"),
    "product_line": lambda: translate("ElderlyFields", "Product"),
    "insurer": lambda: translate("ElderlyFields", "Insurer"),
    "product_name": lambda: translate("ElderlyFields", "Product name"),
    "seller_id": lambda: translate("ElderlyFields", "Selling agent"),
    "face_to_face": lambda: translate("ElderlyFields", "Sale by"),
    "measure": lambda: translate("ElderlyFields", "Measure"),
    "relative_name": lambda: translate("ElderlyFields", "Relative present"),
    "relative_relation": lambda: translate("ElderlyFields", "Relation"),
    "meeting_dates": lambda: translate("ElderlyFields", "Meeting dates"),
    "second_agent_id": lambda: translate("ElderlyFields", "Second agent"),
    "less_preferred_reason": lambda: translate("ElderlyFields", "Reason"),
    "phone_checker_id": lambda: translate("ElderlyFields", "Checked by"),
    "phone_checked_on": lambda: translate("ElderlyFields", "Checked on"),
    "answer_public_insurance":
        lambda: translate("ElderlyFields", "Was the public insurance system explained?"),
    "answer_product_reason":
        lambda: translate("ElderlyFields", "Was the reason for the proposed product explained?"),
    "customer_comment": lambda: translate("ElderlyFields", "Customer's comment"),
    "follow_up_note": lambda: translate("ElderlyFields", "What was explained again"),
    "written_confirmed_on": lambda: translate("ElderlyFields", "Written confirmation on"),
    "due_date": lambda: translate("ElderlyFields", "Due date"),
    "notes": lambda: translate("ElderlyFields", "Notes"),
    "rules_version": lambda: translate("ElderlyFields", "Rules version"),
    "is_complete": lambda: translate("ElderlyFields", "Complete"),
    "completed_on": lambda: translate("ElderlyFields", "Completed on"),
    "branch_code": lambda: translate("ElderlyFields", "Branch"),
    "threshold_life": lambda: translate("ElderlyFields", "Life: elderly from"),
    "threshold_nonlife": lambda: translate("ElderlyFields", "Non-life: elderly from"),
    "threshold_group": lambda: translate("ElderlyFields", "Group: elderly from"),
    "strict_age": lambda: translate("ElderlyFields", "Stricter band from"),
    "preference": lambda: translate("ElderlyFields", "Order of preference"),
    "effective_from": lambda: translate("ElderlyFields", "Effective from"),
    "*created": lambda: translate("ElderlyFields", "Created"),
}

def field_label(name: str) -> str:
    return _FIELDS[name]() if name in _FIELDS else name


def measure_label(code: str | None) -> str:
    return ja.label(ja.MEASURE, code)


def sale_kind_label(face_to_face: bool) -> str:
    return translate("ElderlyTexts", "Face to face") if face_to_face else translate(
        "ElderlyTexts", "Not face to face")


def answer_label(code: str | None) -> str:
    return ja.ANSWER.get(code or "", "")


def state_label(is_complete: bool) -> str:
    """Shown as words, never by colour alone."""
    return translate("ElderlyTexts", "Complete") if is_complete else translate("ElderlyTexts", "Incomplete")


def overdue_label() -> str:
    return translate("ElderlyTexts", "Overdue")


def _list(measures) -> str:
    return translate("ElderlyTexts", ", ").join(measure_label(m) for m in measures)


def missing_text(item: Missing) -> str:
    """One plain sentence saying what is still to be done."""
    p = item.params or {}
    if item.code == X.PHONE_CHECK_MISSING:
        why = p.get("why")
        if why == X.PHONE_WHY_STRICT:
            return translate("ElderlyTexts", "A phone check by a staff member other than the seller is needed "
                                             "(the customer is {age} or older).").format(age=p.get("strict_age"))
        if why == X.PHONE_WHY_NON_FACE_TO_FACE:
            return translate("ElderlyTexts", "A phone check by a staff member other than the seller is needed "
                                             "(the sale was not face to face).")
        if why == X.PHONE_WHY_NO_MEASURE:
            return translate("ElderlyTexts", "A phone check by a staff member other than the seller is needed "
                                             "(no face-to-face measure was possible).")
        return translate("ElderlyTexts", "Choose the staff member (not the seller) who made the phone check.")
    texts = {
        X.MEASURE_MISSING: lambda: translate(
            "ElderlyTexts", "Choose the measure taken for this face-to-face sale "
                            "(if none was possible, choose phone check)."),
        X.GROUP_MEASURE_MISSING: lambda: translate(
            "ElderlyTexts", "Group insurance: choose phone check or written confirmation."),
        X.RELATIVE_NAME_MISSING: lambda: translate("ElderlyTexts", "Enter the name of the relative who was present."),
        X.RELATIVE_RELATION_MISSING: lambda: translate(
            "ElderlyTexts", "Enter how the relative who was present is related to the customer."),
        X.MEETINGS_TOO_FEW: lambda: translate(
            "ElderlyTexts", "Enter the dates of at least two meetings (now {count}).").format(count=p.get("count", 0)),
        X.SECOND_AGENT_MISSING: lambda: translate("ElderlyTexts", "Choose the second agent who was present."),
        X.REASON_MISSING: lambda: translate(
            "ElderlyTexts", "Enter why {preferred} was not chosen.").format(
            preferred=measure_label(p.get("preferred"))),
        X.NO_MEASURE_REASON_MISSING: lambda: translate(
            "ElderlyTexts", "Enter why none of {measures} was possible.").format(
            measures=_list(p.get("preference", X.FACE_TO_FACE_MEASURES))),
        X.PHONE_DATE_MISSING: lambda: translate("ElderlyTexts", "Enter the day of the phone check."),
        X.FOLLOW_UP_MISSING: lambda: translate(
            "ElderlyTexts", "An answer was \"No\": enter what was explained to the customer again."),
        X.WRITTEN_DATE_MISSING: lambda: translate("ElderlyTexts", "Enter the day of the written confirmation."),
    }
    if item.code == X.ANSWER_MISSING:
        return translate("ElderlyTexts", "Record the customer's answer to \"{question}\".").format(
            question=field_label(item.field))
    make = texts.get(item.code)
    return make() if make else item.code


def error_text(error: FieldError) -> str:
    """Why a save was refused, at the field; shared codes (required, bad date…) as everywhere else."""
    p = error.params or {}
    texts = {
        X.NO_BIRTH_DATE: lambda: translate(
            "ElderlyTexts", "This customer has no date of birth, so the age cannot be judged. "
                            "Enter the date of birth in the customer record first."),
        X.SALE_BEFORE_BIRTH: lambda: translate("ElderlyTexts", "The application date is before the date of birth."),
        X.NOT_ELDERLY: lambda: translate(
            "ElderlyTexts", "The customer was {age} on the application date, so no elderly-customer record "
                            "is needed (from {threshold}).").format(age=p.get("age"), threshold=p.get("threshold")),
        X.CHECKER_IS_SELLER: lambda: translate(
            "ElderlyTexts", "The selling agent cannot check their own sale. Choose another staff member."),
        X.SECOND_AGENT_IS_SELLER: lambda: translate(
            "ElderlyTexts", "Choose an agent other than the selling agent."),
        X.MEETING_AFTER_SALE: lambda: translate(
            "ElderlyTexts", "A meeting date is after the application date."),
        X.MEETING_BEFORE_BIRTH: lambda: translate("ElderlyTexts", "A meeting date is before the date of birth."),
        X.MEASURE_NOT_ALLOWED: lambda: translate(
            "ElderlyTexts", "This measure cannot be used for this kind of sale."),
        X.DATE_TOO_EARLY: lambda: translate(
            "ElderlyTexts", "The date is more than {days} days before the application date.").format(
            days=p.get("days")),
        X.DUE_BEFORE_SALE: lambda: translate("ElderlyTexts", "The due date is before the application date."),
        X.THRESHOLD_OUT_OF_RANGE: lambda: translate(
            "ElderlyTexts", "Enter an age from {min} to {max}.").format(min=p.get("min"), max=p.get("max")),
        X.STRICT_BELOW_THRESHOLD: lambda: translate(
            "ElderlyTexts", "Must be at least the elderly age ({threshold}).").format(threshold=p.get("threshold")),
        X.BAD_PREFERENCE: lambda: translate("ElderlyTexts", "Put all three measures in order."),
    }
    if error.field == "customer_id" and error.code == E.TRANSITION_NOT_ALLOWED:
        return translate("ElderlyTexts", "The customer of a saved record cannot be changed.")
    make = texts.get(error.code)
    return make() if make else field_error_text(error)


def texted(errors: list[FieldError]) -> list[FieldError]:
    """The same errors with their sentence in params['text'], as widgets.show_field_errors expects."""
    return [FieldError(e.field, e.code, dict(e.params or {}, text=error_text(e))) for e in errors]
