"""Follow-up status rules (DOMAIN R6–R9): which moves are allowed, what closing needs, what counts as overdue."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain.date_input import typed_date
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.text import normalise_width
from agency_app.domain.voice import format_datetime, parse_date

# Allowed moves. Closed items can be reopened to 対応中 (R7: allowed and recorded).
TRANSITIONS = {
    codes.STATUS_NEW: {codes.STATUS_IN_PROGRESS, codes.STATUS_DONE, codes.STATUS_DROPPED},
    codes.STATUS_IN_PROGRESS: {codes.STATUS_DONE, codes.STATUS_DROPPED, codes.STATUS_NEW},
    codes.STATUS_DONE: {codes.STATUS_IN_PROGRESS},
    codes.STATUS_DROPPED: {codes.STATUS_IN_PROGRESS},
}


@dataclass
class StatusChange:
    """A requested move of a voice's status, with what closing needs (R7)."""

    new_status: str
    response: str = ""          # 対応内容 — needed for 完了
    completed_on: str = ""      # 'YYYY-MM-DD' — needed for 完了
    completed_by: str = ""      # staff id — needed for 完了
    close_reason: str = ""      # needed for 見送り
    reopen_reason: str = ""     # optional note when reopening


def check_status_change(
    current_status: str, change: StatusChange, *, received_on: date, today: date,
    open_checklist_steps: int = 0, as_typed: bool = False,
) -> dict:
    """Validate a move; return the column values to write, or raise ValidationFailed.

    Reopening clears the completion fields and counts the reopen, so follow-up
    omissions (R23: reopened after 完了) can be counted later. `as_typed` (a case: its free text is kept
    as typed, like the call-back notes in its response) leaves the texts' widths alone; a voice's are folded.
    """
    if not as_typed:
        change = replace(change, response=normalise_width(change.response),
                         close_reason=normalise_width(change.close_reason),
                         reopen_reason=normalise_width(change.reopen_reason))
    target = change.new_status
    if target not in TRANSITIONS.get(current_status, set()):
        raise ValidationFailed([FieldError("status", E.TRANSITION_NOT_ALLOWED,
                                           {"from": current_status, "to": target})])
    problems: list[FieldError] = []
    values: dict = {"status": target}
    if target == codes.STATUS_DONE:
        if not change.response.strip():
            problems.append(FieldError("response", E.REQUIRED))
        completed = (typed_date("completed_on", change.completed_on, today, problems)
                     if change.completed_on.strip() else None)
        if not change.completed_on.strip():
            problems.append(FieldError("completed_on", E.REQUIRED))
        elif completed is None:
            pass  # typed_date has said why
        elif completed < received_on:
            problems.append(FieldError("completed_on", E.COMPLETION_BEFORE_RECEIPT))
        elif completed > today:
            problems.append(FieldError("completed_on", E.IN_FUTURE))
        if not change.completed_by.strip():
            problems.append(FieldError("completed_by", E.REQUIRED))
        if open_checklist_steps:
            problems.append(FieldError("status", E.CHECKLIST_OPEN, {"count": open_checklist_steps}))
        values.update(response=change.response.strip(),
                      completed_on=completed.isoformat() if completed else None,
                      completed_by=change.completed_by.strip() or None, close_reason=None)
    elif target == codes.STATUS_DROPPED:
        if not change.close_reason.strip():
            problems.append(FieldError("close_reason", E.REQUIRED))
        values.update(close_reason=change.close_reason.strip(), completed_on=today.isoformat(),
                      completed_by=change.completed_by.strip() or None)
        if change.response.strip():
            values["response"] = change.response.strip()
    else:
        if change.response.strip():
            values["response"] = change.response.strip()
        if current_status in codes.CLOSED_STATUSES:
            values.update(completed_on=None, completed_by=None, close_reason=None, reopened=True,
                          reopen_note=change.reopen_reason.strip() or None)
    if problems:
        raise ValidationFailed(problems)
    return values


def status_values(current: dict, values: dict, staff_ids: set[str]) -> dict:
    """What a checked status move writes to a voice or case: the completer must be on the staff, and
    a reopening adds one to reopen_count (R23 counts reopenings after 完了)."""
    values = dict(values)
    completed_by = values.get("completed_by")
    if completed_by and completed_by not in staff_ids:
        raise ValidationFailed([FieldError("completed_by", E.UNKNOWN_CHOICE)])
    if values.pop("reopened", False):
        values["reopen_count"] = current["reopen_count"] + 1
    return values


def edited_values(current: dict, values: dict) -> dict:
    """What a plain edit of a voice or case may write, given its stored row.

    A closed record's due date stays as it was when it closed: moving it would hide a late closing
    (R23); the record must be reopened first, and that is counted. A new or withdrawn call-back
    promise is not the one that was made: it is open again (R9).
    """
    if current["status"] in codes.CLOSED_STATUSES and values.get("due_date") != current["due_date"]:
        raise ValidationFailed([FieldError("due_date", E.DUE_DATE_OF_CLOSED)])
    if values.get("callback_at") != current["callback_at"]:
        values = dict(values, callback_done_at=None, callback_done_by=None)
    return values


# A note of the call-back's conversation is added to the record's 対応内容 (response) under this heading:
# the response is what a team leader reads to follow the record, every call-back keeps its note there
# (a later promise does not hide an earlier conversation), the 完了 dialog starts from it, and the
# search finds it. It is stored text, read in Japanese whatever the screen's language.
CALLBACK_NOTE_HEADING = "折り返し"
CALLBACK_NOTE_MAX = 1000  # a few minutes' notes; a longer account belongs in 完了's 対応内容


@dataclass(frozen=True)
class CallbackMade:
    """What marking a call-back made wrote, so that it can be taken back while nothing else changed.

    `version` is the record's version right after the write; `before` the written columns' earlier values.
    """

    uid: str
    version: int
    done_at: str
    before: dict


def callback_made(current: dict, by: str, now: datetime, staff_ids: set[str], *, note: str = "",
                  by_name: str = "", start_work: bool = False) -> dict:
    """R9: the columns that record a promised call-back as made (who, when); the promise itself stays.

    A `note` of the conversation (kept as typed, surrounding blank lines dropped) is added to the
    response under a heading that says when and who; `start_work` moves a 未対応 record to 対応中 in the
    same write (a record already further along keeps its status).
    """
    if not current["callback_at"]:
        raise ValidationFailed([FieldError("callback_at", E.CALLBACK_NOT_PROMISED)])
    if current["callback_done_at"]:
        raise ValidationFailed([FieldError("callback_at", E.CALLBACK_ALREADY_DONE)])
    if by not in staff_ids:
        raise ValidationFailed([FieldError("callback_done_by", E.UNKNOWN_CHOICE)])
    note = note.strip()
    if len(note) > CALLBACK_NOTE_MAX:
        raise ValidationFailed([FieldError("callback_note", E.TOO_LONG, {"max": CALLBACK_NOTE_MAX})])
    values = {"callback_done_at": format_datetime(now), "callback_done_by": by}
    if note:
        values["response"] = with_callback_note(current.get("response"), now, by_name, note)
    if start_work and current["status"] == codes.STATUS_NEW:
        values["status"] = codes.STATUS_IN_PROGRESS
    return values


def with_callback_note(response: str | None, now: datetime, who: str, note: str) -> str:
    """The response with one call-back's note added as its last paragraph: 【折り返し 12/05 15:10 阿部 優】…"""
    heading = " ".join(part for part in (CALLBACK_NOTE_HEADING, now.strftime("%m/%d %H:%M"), who) if part)
    entry = f"【{heading}】{note}"
    return f"{response.rstrip()}\n{entry}" if response and response.strip() else entry


def made_record(current: dict, values: dict, version: int) -> CallbackMade:
    """The undo record of writing `values` (from callback_made) over `current`, which then has `version`."""
    return CallbackMade(uid=current["uid"], version=version, done_at=values["callback_done_at"],
                        before={name: current.get(name) for name in values})


def callback_unmade(current: dict, made: CallbackMade) -> dict:
    """The columns that take back a call-back marked made: each as it was before (R11: the history keeps
    both writes). Refused when the record no longer holds that call-back; the caller also checks the version."""
    if current["callback_done_at"] != made.done_at:
        raise ValidationFailed([FieldError("callback_at", E.CALLBACK_CHANGED_SINCE)])
    return dict(made.before)


def is_overdue(status: str, due_date: str | None, today: date) -> bool:
    """R8: an open item past its due date is overdue until it is closed."""
    if status not in codes.OPEN_STATUSES or not due_date:
        return False
    due = parse_date(due_date)
    return due is not None and due < today


def callback_state(callback_at: str | None, status: str, today: date,
                   callback_done_at: str | None = None) -> str:
    """R9, by day: '' (no promise, or its voice closed), 'made', 'today', 'missed' (an earlier day), 'later'."""
    if not callback_at or status not in codes.OPEN_STATUSES:
        return ""
    if callback_done_at:
        return "made"
    day, now_day = callback_at[:10], today.isoformat()
    return "today" if day == now_day else ("missed" if day < now_day else "later")


def callbacks_due_today(callback_at: str | None, status: str, today: date,
                        callback_done_at: str | None = None) -> bool:
    """R9: a promise counts for today's panel while it is not yet made, its voice open, its date today or earlier."""
    return callback_state(callback_at, status, today, callback_done_at) in ("today", "missed")


def is_end_of_day(moment: datetime, end_hour: int = 16) -> bool:
    """From this hour on, closing the application shows today's open promises once more (R9)."""
    return moment.hour >= end_hour
