"""Marking a promised call-back made (R9) and taking it back, the same for a voice and a case."""

from __future__ import annotations

from datetime import datetime

from agency_app.domain.periods import now_tokyo
from agency_app.domain.workflow import CallbackMade, callback_made, callback_unmade, made_record
from agency_app.storage.records import EditConflict


class CallbackPromises:
    """Mixed into a repository of records with a call-back promise (voices, cases), which provides
    `store`, `get(uid)`, `_staff_ids()` and `_write(current, values, by, now, expected_version)`."""

    def mark_callback_done(self, uid: str, *, by: str, now: datetime | None = None,
                           expected_version: int | None = None, note: str = "",
                           start_work: bool = False) -> CallbackMade:
        """R9: record that the promised call-back was made (who, when), with an optional note of the conversation
        (added to the response) and, with `start_work`, 未対応 → 対応中 — all in one write. The promise itself stays.

        Returns what undo_callback_made needs to take it back."""
        now = now or now_tokyo()
        current = self.get(uid)
        values = callback_made(current, by, now, self._staff_ids(), note=note, by_name=self._staff_name(by),
                               start_work=start_work)
        # Checked against the version just read when none is given: the undo needs the version it wrote.
        version = current["version"] if expected_version is None else expected_version
        self._write(current, values, by, now, version)
        return made_record(current, values, version + 1)

    def undo_callback_made(self, made: CallbackMade, *, by: str, now: datetime | None = None) -> None:
        """Take back a call-back marked made: the promise open again, status and response as before.

        Raises EditConflict when the record changed since (anyone's edit, or another move), so an undo never
        throws away later work; the history keeps both writes (R11)."""
        now = now or now_tokyo()
        current = self.get(made.uid)
        if current["version"] != made.version:  # said as a conflict before any rule: something else was written
            raise EditConflict(made.uid)
        self._write(current, callback_unmade(current, made), by, now, made.version)

    def _staff_name(self, uid: str) -> str:
        row = self.store.conn.execute("SELECT name FROM staff WHERE uid = ?", (uid,)).fetchone()
        return row[0] if row else ""

