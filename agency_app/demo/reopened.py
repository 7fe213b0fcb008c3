"""Demo voices reopened after 完了 (R7), written through VoiceRepository.change_status so their history is a real reopening's.

The bulk loader inserts such a voice as first closed (done on the spot, at its receipt); here it is reopened
with a note and, for an older one, closed again on its completion day — each step a real status change with
its audit rows (status, completion, reopen count, note), which the follow-up omission count reads (R23).
A few thousand voices at a million: the only voices written one by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from agency_app.domain import codes
from agency_app.domain.workflow import StatusChange
from agency_app.storage.database import Store
from agency_app.storage.voices import VoiceRepository

REOPEN_NOTE = "お客様から再度お申し出があり、対応を再開した。"


@dataclass(frozen=True)
class Reopening:
    """One voice to reopen at `reopen_at` by `by`; closed again at `done_at` on `done_on` unless those are None."""

    rowid: int
    reopen_at: str                # 'YYYY-MM-DD HH:MM'
    by: str
    done_on: str | None = None    # 'YYYY-MM-DD'
    done_at: str | None = None


def reopen_voices(store: Store, reopenings: list[Reopening], today: date) -> int:
    """Reopen (and close again) the voices, inside the caller's transaction, with the triggers in place."""
    if not reopenings:
        return 0
    repo = VoiceRepository(store)
    marks = ", ".join("?" * len(reopenings))
    # The response stays as it is (closed again with the same one): the full-text index is not touched.
    found = {rowid: (uid, response) for rowid, uid, response in store.conn.execute(
        f"SELECT rowid, uid, response FROM voices WHERE rowid IN ({marks})", [r.rowid for r in reopenings])}
    for plan in reopenings:
        uid, response = found[plan.rowid]
        repo.change_status(uid, StatusChange(codes.STATUS_IN_PROGRESS, reopen_reason=REOPEN_NOTE), by=plan.by,
                           today=today, now=_moment(plan.reopen_at))
        if plan.done_at:
            repo.change_status(uid, StatusChange(codes.STATUS_DONE, response=response, completed_on=plan.done_on,
                                                 completed_by=plan.by), by=plan.by, today=today,
                               now=_moment(plan.done_at))
    return len(reopenings)


def _moment(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M")
