"""Translated texts about voice fields: field names, validation messages, storage errors."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from agency_app.domain import errors as E
from agency_app.domain import kpi, kpi_definition, kpi_freeze, kpi_measures
from agency_app.domain.errors import FieldError
from agency_app.storage import errors as S
from agency_app.storage.records import EditConflict, NotAllowed, RecordNotFound

# A plain alias: pyside6-lupdate finds translate("Context", "literal") calls, not wrappers.
translate = QCoreApplication.translate

# Field names as staff see them; shared by the form, the detail panel and the history
# so one field never has two names. Lambdas: translation is looked up when shown.
_FIELDS = {
    "received_at": lambda: translate("Fields", "Received at"),
    "received_by": lambda: translate("Fields", "Received by"),
    "branch_code": lambda: translate("Fields", "Branch"),
    "channel": lambda: translate("Fields", "Channel"),
    "kind": lambda: translate("Fields", "Kind"),
    "is_complaint": lambda: translate("Fields", "Complaint"),
    "category_group": lambda: translate("Fields", "Category"),
    "category_item": lambda: translate("Fields", "Category item"),
    "product_line": lambda: translate("Fields", "Product"),
    "insurer": lambda: translate("Fields", "Insurer"),
    "customer_name": lambda: translate("Fields", "Customer"),
    "customer_id": lambda: translate("Fields", "Customer record"),
    "summary": lambda: translate("Fields", "Summary"),
    "body": lambda: translate("Fields", "Details"),
    "response": lambda: translate("Fields", "Response"),
    "status": lambda: translate("Fields", "Status"),
    "assignee_id": lambda: translate("Fields", "Assignee"),
    "due_date": lambda: translate("Fields", "Due date"),
    "callback_at": lambda: translate("Fields", "Call-back at"),
    "callback_staff_id": lambda: translate("Fields", "Call-back by"),
    "callback_done_at": lambda: translate("Fields", "Call-back made at"),
    "callback_done_by": lambda: translate("Fields", "Call-back made by"),
    "completed_on": lambda: translate("Fields", "Completed on"),
    "completed_by": lambda: translate("Fields", "Completed by"),
    "close_reason": lambda: translate("Fields", "Reason for closing"),
    "reopen_reason": lambda: translate("Fields", "Note on reopening"),
    "reopen_note": lambda: translate("Fields", "Note on reopening"),
    "reopen_count": lambda: translate("Fields", "Times reopened"),
    "*created": lambda: translate("Fields", "Created"),
    # master data
    "name": lambda: translate("Fields", "Name"),
    "kana": lambda: translate("Fields", "Kana"),
    "team": lambda: translate("Fields", "Team"),
    "role": lambda: translate("Fields", "Role"),
    "active": lambda: translate("Fields", "Active"),
    "code": lambda: translate("Fields", "Code"),
    "is_head_office": lambda: translate("Fields", "Head office"),
}

# KPI fields (issue 11): the KPI form, its finalising dialogs and the KPI history.
_FIELDS.update({
    "fiscal_year": lambda: translate("Fields", "Fiscal year"),
    "principle": lambda: translate("Fields", "Principle"),
    "title": lambda: translate("Fields", "Title"),
    "description": lambda: translate("Fields", "Description"),
    "target": lambda: translate("Fields", "Target"),
    "unit": lambda: translate("Fields", "Unit"),
    "direction": lambda: translate("Fields", "Direction"),
    "period": lambda: translate("Fields", "Period"),
    "places": lambda: translate("Fields", "Decimal places"),
    "source": lambda: translate("Fields", "Source"),
    "source_param": lambda: translate("Fields", "Source detail"),
    "param": lambda: translate("Fields", "Source detail"),
    "sort_order": lambda: translate("Fields", "Order"),
    "kpi": lambda: translate("Fields", "KPI"),
    "value": lambda: translate("Fields", "Result"),
    "kpi_id": lambda: translate("Fields", "KPI"),
    "period_kind": lambda: translate("Fields", "Kind of period"),
    "period_number": lambda: translate("Fields", "Period number"),
    "hand_value": lambda: translate("Fields", "Result"),
    "facts": lambda: translate("Fields", "Figures and facts"),
    "evaluation": lambda: translate("Fields", "Evaluation"),
    "frozen_value": lambda: translate("Fields", "Finalised figure"),
    "frozen_at": lambda: translate("Fields", "Finalised at"),
    "frozen_by": lambda: translate("Fields", "Finalised by"),
    "finalised_at": lambda: translate("Fields", "Finalised at"),
    "finalised_by": lambda: translate("Fields", "Finalised by"),
    "reason": lambda: translate("Fields", "Reason"),
})


def field_label(name: str) -> str:
    """The Japanese name of a stored field; unknown names are shown as they are."""
    return _FIELDS[name]() if name in _FIELDS else name


def field_error_text(error: FieldError) -> str:
    """One sentence telling the user what to fix in one field."""
    params = error.params or {}
    texts = {
        E.REQUIRED: lambda: translate("Messages", "This field is required."),
        E.TOO_LONG: lambda: translate("Messages", "Too long (max {max} characters).").format(
            max=params.get("max", "?")),
        E.UNKNOWN_CHOICE: lambda: translate("Messages", "Choose from the list."),
        E.BAD_DATETIME: lambda: translate("Messages", "Enter a date and time, e.g. 15:00, tomorrow 10:00, +2h or 2025/04/01 09:30."),
        E.BAD_DATE: lambda: translate("Messages", "Enter a date, e.g. 2025/04/01, 4/1, R7.4.1 or tomorrow."),
        E.BAD_MONTH: lambda: translate("Messages", "The month must be 1 to 12 (typed: {month}).").format(
            month=params.get("month", "?")),
        E.BAD_DAY: lambda: _bad_day(params),
        E.BAD_HOUR: lambda: translate("Messages", "The hour must be 0 to 23 (typed: {hour}).").format(
            hour=params.get("hour", "?")),
        E.BAD_MINUTE: lambda: translate("Messages", "The minutes must be 0 to 59 (typed: {minute}).").format(
            minute=params.get("minute", "?")),
        E.TIME_MISSING: lambda: translate("Messages", "Add the time too (e.g. 10:00 or 10時)."),
        E.ERA_BEFORE_START: lambda: translate("Messages", "{era} begins on {first_era} ({first}).").format(
            era=params.get("era", "?"), first_era=params.get("first_era", "?"), first=params.get("first", "?")),
        E.ERA_AFTER_END: lambda: translate("Messages", "{era} ended on {last_era} ({last}).").format(
            era=params.get("era", "?"), last_era=params.get("last_era", "?"), last=params.get("last", "?")),
        E.IN_FUTURE: lambda: translate("Messages", "The date is in the future."),
        E.DUE_BEFORE_RECEIPT: lambda: translate("Messages", "The due date is before the receipt date."),
        E.CALLBACK_BEFORE_RECEIPT:
            lambda: translate("Messages", "The call-back time is before the receipt time."),
        E.CALLBACK_NEEDS_STAFF: lambda: translate("Messages", "Choose who will call back."),
        E.COMPLETION_BEFORE_RECEIPT:
            lambda: translate("Messages", "The completion date is before the receipt date."),
        E.COMPLAINT_ONLY_FOR_DISSATISFACTION:
            lambda: translate("Messages", "Only a dissatisfaction can be marked as a complaint."),
        E.CALLBACK_NOT_PROMISED: lambda: translate("Messages", "No call-back is promised for this voice."),
        E.CALLBACK_ALREADY_DONE:
            lambda: translate("Messages", "This call-back has already been marked as made."),
        E.TRANSITION_NOT_ALLOWED: lambda: translate("Messages", "This status change is not allowed."),
        E.DUE_DATE_OF_CLOSED: lambda: translate(
            "Messages", "The due date of a closed record cannot be changed. Reopen it first."),
        "checklist_open": lambda: translate("Messages", "{count} checklist steps are still open.").format(
            count=params.get("count", "?")),
    }
    texts.update(_kpi_texts(params))
    make = texts.get(error.code)
    return make() if make else translate("Messages", "Please check this field.")


def _kpi_texts(params: dict) -> dict:
    """The KPI, measure and finalising codes (domain kpi.py, kpi_measures.py, kpi_freeze.py, kpi_definition.py)."""
    return {
        kpi.NEEDS_UNIT: lambda: translate("Messages", "Choose the unit of the target (%, cases, times, pt, people)."),
        kpi.PERCENT_OVER_100: lambda: translate("Messages", "A percentage must be between 0 and 100."),
        kpi.BAD_PRINCIPLE: lambda: translate("Messages", "Choose a principle from 1 to 7."),
        kpi.BAD_PLACES: lambda: translate("Messages", "Decimal places must be 0 to {max}.").format(
            max=params.get("max", "?")),
        kpi.BAD_SCORE: lambda: translate("Messages", "The score must be 0 to 10 (typed: {score}).").format(
            score=params.get("score", "?")),
        kpi.BAD_GRADE: lambda: translate("Messages", "The grade must be 1 to {n} (typed: {grade}).").format(
            n=params.get("n", "?"), grade=params.get("grade", "?")),
        kpi.BAD_SCALE: lambda: translate(
            "Messages", "The satisfied grades must be 1 to one less than the number of grades (top {k} of {n}).").format(
            k=params.get("k", "?"), n=params.get("n", "?")),
        kpi_measures.UNKNOWN_MEASURE: lambda: translate("Messages", "This measure is not known any more ({measure}).").format(
            measure=params.get("measure", "?")),
        kpi_measures.PARAM_REQUIRED: lambda: translate("Messages", "Choose which one this measure counts."),
        kpi_measures.PARAM_NOT_ALLOWED: lambda: translate("Messages", "This source takes no detail."),
        kpi_measures.NPS_WITHOUT_SCORE: lambda: translate(
            "Messages", "This survey does not ask the 0–10 recommendation score: its NPS would never have data."),
        kpi_measures.BAD_PARAM: lambda: translate("Messages", "Choose the detail from the list (typed: {value}).").format(
            value=params.get("value", "?")),
        kpi_measures.UNIT_MISMATCH: lambda: translate(
            "Messages", "This measure is counted in {unit}: use {unit} as the unit.").format(unit=params.get("unit", "?")),
        kpi_freeze.PERIOD_NOT_ENDED: lambda: translate(
            "Messages", "This period has not ended yet. It can be finalised from {first}.").format(
            first=_slashed(params.get("first", "?"))),
        kpi_freeze.ALREADY_FINAL: lambda: translate("Messages", "This period is already finalised."),
        kpi_freeze.NOT_FINAL: lambda: translate("Messages", "This period is not finalised."),
        kpi_freeze.UNFREEZE_NEEDS_REASON: lambda: translate(
            "Messages", "Write why the period is unfrozen (it is kept in the history)."),
        kpi_freeze.INSIDE_FINAL: lambda: translate(
            "Messages", "{outer} is finalised and holds this period's figures. Unfreeze {outer} first.").format(
            outer=params.get("outer", "?")),
        kpi_definition.BAD_TARGET: lambda: translate("Messages", "Enter the target as a number, e.g. 80 or 80.5."),
        kpi_definition.NEGATIVE_TARGET: lambda: translate("Messages", "A count cannot be below zero."),
        kpi_definition.BAD_YEAR: lambda: translate("Messages", "The fiscal year must be {first} to {last}.").format(
            first=params.get("first", "?"), last=params.get("last", "?")),
        kpi_definition.DUPLICATE_TITLE: lambda: translate(
            "Messages", "This year already has a KPI with this title."),
        kpi_definition.FROZEN_DEFINITION: lambda: translate(
            "Messages", "A result of this KPI is finalised: this cannot change. Unfreeze the period first."),
        kpi_definition.HAS_FROZEN_RESULTS: lambda: translate(
            "Messages", "A result of this KPI is finalised, so it cannot be deleted. Unfreeze the period first."),
        kpi_definition.YEAR_FIXED: lambda: translate(
            "Messages", "A KPI stays in its fiscal year. Copy it into the other year instead."),
        kpi_definition.RESULT_FROZEN: lambda: translate(
            "Messages", "This period is finalised: its result cannot change. Unfreeze the period first."),
        kpi_definition.NOT_HAND: lambda: translate(
            "Messages", "This KPI is computed from the records; its result is not typed."),
        kpi_definition.BAD_VALUE: lambda: translate("Messages", "Enter the result as a number, e.g. 82.5."),
    }


def _slashed(day: str) -> str:
    """'2025-10-01' as staff read dates: 2025/10/01."""
    return day.replace("-", "/")

def _bad_day(params: dict) -> str:
    """'2025/2/30' → 2025年2月は28日までです; '2/30' (no year typed) → 2月は29日までです."""
    if params.get("year"):
        return translate("Messages", "{month}/{year} has only {last} days.").format(
            year=params["year"], month=params.get("month", "?"), last=params.get("last", "?"))
    return translate("Messages", "Month {month} has only {last} days.").format(
        month=params.get("month", "?"), last=params.get("last", "?"))


def _sentences(*parts: str) -> str:
    """Sentences joined as the language writes them: a space after an English full stop, none after 。."""
    text = ""
    for part in filter(None, parts):
        text += part if not text or text.endswith("。") else " " + part
    return text


def storage_error_text(exc: Exception, *, typed: bool = True) -> str:
    """What happened and what to do, for an error met while reading or writing the database.

    `typed`: a form holds what the user typed, so the text says it is kept. False where nothing was typed
    (opening the file, reading a list, a search): 'your entry is still here' would not be true there.
    """
    if isinstance(exc, S.NoRoomForCopy):  # the copy a check reads: not a save, and not the database's drive
        return translate("Messages", "The temporary folder has not enough free space for the copy of the "
                                     "database that is checked (about {megabytes} MB): {folder}\nThe database "
                                     "file is left as it is. Free some space there, then try again.").format(
            megabytes=f"{exc.megabytes:,}", folder=exc.folder)
    if isinstance(exc, S.DiskFull):
        if not typed:
            return translate("Messages", "There is not enough free disk space, so nothing can be saved. "
                                         "Free some space on the disk, then try again.")
        return translate("Messages", "There is not enough free disk space. Nothing was lost: "
                                     "your entry is still here and kept as a draft.")
    if isinstance(exc, S.DiskIOError):
        what = (translate("Messages", "The disk refused a write: it may be out of free space.") if exc.writing
                else translate("Messages", "Reading or writing the disk failed."))
        then = translate("Messages", "Check the free space on the disk; for a network drive, check that it is "
                                     "connected. Then try again. If it happens again, ask your manager.")
        kept = "" if not typed else translate("Messages", "Nothing was lost: your entry is still here.")
        return _sentences(what, then, kept)
    if isinstance(exc, S.ReadOnly):
        if not typed:
            return translate("Messages", "The database folder is read-only, so nothing can be saved to it. "
                                         "Ask the person who looks after this PC to allow writing to the folder.")
        return translate("Messages", "The database folder is read-only. Nothing was lost: your entry "
                                     "is still here. Ask the person who looks after this PC to allow "
                                     "writing to the folder.")
    if isinstance(exc, S.DatabaseLocked):
        return translate("Messages", "Another copy of the application is using the database. "
                                     "Please wait a moment and try again.")
    if isinstance(exc, S.DatabaseCorrupt):
        return translate("Messages", "The database file is damaged, so nothing more is written to it. "
                                     "Restart the application to open the latest backup.")
    if isinstance(exc, S.DatabaseTooNew):
        if not exc.required_app_version:  # the file names no newer version: never 'use 0.2.0' while 0.2.0 runs
            return translate("Messages", "This database (schema {schema}) was made by a newer version of the "
                                         "application. Use a version newer than {app}.").format(
                schema=exc.schema_version, app=exc.app_version)
        return translate("Messages", "This database (schema {schema}) was made by a newer version of the "
                                     "application. Use version {version} or later.").format(
            schema=exc.schema_version, version=exc.required_app_version)
    if isinstance(exc, S.CannotOpen):
        return translate("Messages", "The database could not be opened: {path}").format(path=exc.path)
    if not typed:
        return translate("Messages", "The database reported an error. Please try again.")
    return translate("Messages", "The database reported an error, so the entry was not saved. "
                                 "Nothing was lost: your entry is still here. Please try again.")


def edit_conflict_text() -> str:
    return translate("Messages", "Someone else changed this voice while you were editing it. Nothing "
                                 "was saved yet: their changes are now shown together with yours. "
                                 "Please check and save again.")


def draft_failed_text(reason: str) -> str:
    return translate("Messages", "The draft could not be saved ({reason}). Save the entry soon.").format(
        reason=reason)


def changed_elsewhere_text() -> str:
    return translate("Messages", "Someone else changed this voice a moment ago. The latest content is "
                                 "shown now; please check it and try again.")


def record_changed_elsewhere_text() -> str:
    return translate("Messages", "Someone else changed this record a moment ago. The latest content is "
                                 "shown now; please check it and try again.")


def record_gone_text() -> str:
    return translate("Messages", "This record is no longer in the database (it may have been removed on "
                                 "another PC).")


def not_allowed_text() -> str:
    return translate("Messages", "Only a manager can do this. Ask a manager, or switch staff (File menu).")


def known_error_text(error: Exception, *, typed: bool = True) -> str:
    """The Japanese sentence for an error the user can act on (see ui/kit/operations.py KNOWN_ERRORS);
    `typed` as for storage_error_text."""
    if isinstance(error, S.StorageError):
        return storage_error_text(error, typed=typed)
    if isinstance(error, EditConflict):
        return record_changed_elsewhere_text()
    if isinstance(error, RecordNotFound):
        return record_gone_text()
    if isinstance(error, NotAllowed):
        return not_allowed_text()
    errors = getattr(error, "errors", None)  # ValidationFailed: the first problem, in words
    if errors:
        return f"{field_label(errors[0].field)}: {field_error_text(errors[0])}"
    return translate("Messages", "Please check this field.")
