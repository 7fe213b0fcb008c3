"""What the voice-day screen says: decisions, why a voice looks alike, and its errors, in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from agency_app.domain import errors as E
from agency_app.domain import voice_day as D
from agency_app.storage.records import NotAllowed
from agency_app.storage.voice_days import OtherOfficeMeeting
from agency_app.ui.kit import labels
from agency_app.ui.kit.messages import known_error_text

translate = QCoreApplication.translate  # lupdate finds translate("VoiceDay", "literal")


def decision_label(code: str | None) -> str:
    return {D.DECISION_SHARED: translate("VoiceDay", "Shared"),
            D.DECISION_IMPROVEMENT: translate("VoiceDay", "To an improvement"),
            D.DECISION_NO_IMPROVEMENT: translate("VoiceDay", "No improvement needed")}.get(code or "", "")


def decision_text(voice: dict, improvement_titles: dict[str, str]) -> str:
    """A voice's decision with what it names: the improvement's title, or the reason."""
    code = voice.get("decision")
    if not code:
        return translate("VoiceDay", "Not decided")
    text = decision_label(code)
    if code == D.DECISION_IMPROVEMENT and voice.get("improvement_id"):
        title = improvement_titles.get(voice["improvement_id"], "")
        return f"{text}：{title}" if title else text
    if code == D.DECISION_NO_IMPROVEMENT and voice.get("reason"):
        return f"{text}：{voice['reason']}"
    return text


def kind_text(voice: dict) -> str:
    """不満（苦情） — the complaint said in words."""
    text = labels.kind_label(voice.get("kind") or "")
    return f"{text}（{labels.complaint_label()}）" if voice.get("is_complaint") else text


def category_text(voice: dict) -> str:
    return " ／ ".join(part for part in (voice.get("category_group"), voice.get("category_item")) if part)


def overdue_words() -> str:
    return translate("VoiceDay", "Overdue")


def carried_over_words() -> str:
    return translate("VoiceDay", "Carried over from last time")


def alike_reasons_text(reasons) -> str:
    """Why an earlier voice is offered, in a fixed order: 同じお客様・同じ分類・似た内容."""
    words = {"customer": translate("VoiceDay", "Same customer"),
             "category": translate("VoiceDay", "Same category"),
             "text": translate("VoiceDay", "Similar text")}
    return "・".join(words[name] for name in ("customer", "category", "text") if name in reasons)


def meeting_state_text(meeting: dict | None) -> str:
    if meeting is None:
        return translate("VoiceDay", "Preview — start the meeting (Ctrl+Shift+W) to record decisions")
    if meeting["status"] == D.MEETING_CLOSED:
        return translate("VoiceDay", "Closed")
    return translate("VoiceDay", "Meeting in progress")


_CODES = {
    D.RANGE_REVERSED: lambda p: translate("VoiceDay", "The range ends before it starts."),
    D.RANGE_AFTER_MEETING: lambda p: translate("VoiceDay", "The range ends after the meeting day."),
    D.RANGE_TOO_LONG: lambda p: translate("VoiceDay", "The range can be at most {days} days.").format(
        days=p.get("days", "?")),
    D.ALREADY_CLOSED: lambda p: translate(
        "VoiceDay", "This meeting has already been closed (perhaps on another PC). The screen shows it as it is now."),
    D.NOT_CLOSED: lambda p: translate("VoiceDay", "This meeting is not closed."),
    D.MEETING_CLOSED_EDIT: lambda p: translate(
        "VoiceDay", "This meeting is closed. Reopen it to change decisions, attendees or notes."),
    D.NEEDS_IMPROVEMENT: lambda p: translate("VoiceDay", "Choose the improvement to link."),
    D.UNKNOWN_DECISION: lambda p: translate("VoiceDay", "Choose a decision."),
    D.NO_TEAM: lambda p: translate("VoiceDay", "Choose a team."),
}


def reopen_refused_text() -> str:
    return translate("VoiceDay", "Only the meeting's leader or a manager can reopen it. Ask them to reopen it.")


def error_text(error: Exception) -> str:
    """The Japanese sentence for a refusal of the voice-day storage; other known errors as everywhere else."""
    if isinstance(error, OtherOfficeMeeting):
        return other_office_text()
    if isinstance(error, NotAllowed):
        return reopen_refused_text()
    for problem in getattr(error, "errors", None) or ():
        if problem.code in _CODES:
            return _CODES[problem.code](problem.params or {})
        if problem.field == "reason" and problem.code == E.REQUIRED:
            return reason_required_text()
    return known_error_text(error)


def other_office_text() -> str:
    return translate("VoiceDay", "This is another office's voice day: that office records it. Here it can be read, "
                                 "not changed.")


def reason_required_text() -> str:
    return translate("VoiceDay", "Enter why no improvement is needed.")


def is_closed_refusal(error: Exception) -> bool:
    """The write was refused because the meeting is closed (on another PC, since the screen was read)."""
    return any(problem.code == D.MEETING_CLOSED_EDIT for problem in getattr(error, "errors", None) or ())


# --- the notes kept as a draft until saved ------------------------------------------------------
def notes_kept_text() -> str:
    return translate("VoiceDay", "The notes you typed are kept on this PC and put back when this meeting is shown "
                                 "again.")


def notes_put_back_text() -> str:
    return translate("VoiceDay", "Notes you typed earlier were not saved: they are put back in the box and saved "
                                 "when you leave it.")


def notes_put_back_closed_text() -> str:
    return translate("VoiceDay", "Notes you typed earlier were not saved, and the meeting is closed: they are put "
                                 "back to copy, or to save once the meeting is reopened.")


def notes_closed_elsewhere_note() -> str:
    return translate("VoiceDay", "Not saved: the meeting was closed. Your notes are kept; copy them, or reopen the "
                                 "meeting to save them.")


def notes_closed_elsewhere_text() -> str:
    return translate("VoiceDay", "This meeting was closed (perhaps on another PC) while you were typing notes. They "
                                 "are not saved, but kept in the box and on this PC: copy them, or reopen the "
                                 "meeting to save them.")
