"""The record of each workbook made (R31): which report, what it covered, with or without personal data — audited, so the history says who and when."""

from __future__ import annotations

from datetime import datetime
from pathlib import PurePath

from agency_app.domain.periods import now_tokyo
from agency_app.storage import records
from agency_app.storage.database import Store
from agency_app.storage.ids import new_uid

# report codes (exports.report)
QUARTERLY = "quarterly"
KPI_PUBLICATION = "kpi"
LIST_VOICES, LIST_CASES, LIST_ELDERLY, LIST_CUSTOMERS = "list_voices", "list_cases", "list_elderly", "list_customers"


def record_export(store: Store, *, report: str, description: str, with_personal_data: bool, file_path: PurePath,
                  row_count: int, by: str | None, now: datetime | None = None) -> str:
    """Write one export's record after its file was saved; return its uid. Only the file's name is kept (a
    folder path can hold a staff member's name on Windows, and says nothing about what left the office)."""
    now = now or now_tokyo()
    uid = new_uid()
    row = dict(uid=uid, branch_code=store.home_branch, report=report, description=description,
               with_personal_data=int(with_personal_data), file_name=PurePath(file_path).name,
               row_count=row_count, **records.new_record(store, by, now))
    with store.write() as db:
        records.insert_row(db.conn, "exports", row)
    return uid


def exports_made(store: Store, limit: int = 200) -> list[dict]:
    """The newest exports first, each with who made it (the staff member's name) — for a manager's look back."""
    cursor = store.conn.execute(
        "SELECT e.*, s.name AS staff_name FROM exports e LEFT JOIN staff s ON s.uid = e.created_by "
        "ORDER BY e.created_at DESC, e.rowid DESC LIMIT ?", (limit,))
    return records.dicts(cursor)
