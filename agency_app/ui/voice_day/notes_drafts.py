"""The meeting notes typed but not yet saved, kept as a draft per meeting and staff member (as the forms' drafts)."""

from __future__ import annotations

from typing import Callable

from agency_app.ui.kit.draft_writer import draft_writer


def notes_key(meeting_uid: str, staff_uid: str) -> str:
    """One draft per meeting and person: a second leader's typing on this PC is never offered as yours."""
    return f"notes-{meeting_uid}-{staff_uid}"


class NotesDrafts:
    """The notes' drafts in the application's draft store (None: drafts are off, e.g. a page built on its own)."""

    def __init__(self, store) -> None:
        self.store = store

    def keep(self, meeting_uid: str, staff_uid: str, text: str, *, base_text: str, version: int | None,
             now: bool = False, done: Callable[[OSError | None], object] | None = None) -> OSError | None:
        """Keep `text` (typed over the stored `base_text` at `version`): handed to the draft writer, or with
        `now` written before returning (closing, another person); the OSError when `now` and not written."""
        if self.store is None:
            return None
        key, data = notes_key(meeting_uid, staff_uid), {"notes": text, "base": base_text, "version": version}
        if not now:
            draft_writer().write_later(self.store, key, data, done)
            return None
        try:
            draft_writer().write_now(self.store, key, data)
        except OSError as error:
            return error
        return None

    def load(self, meeting_uid: str, staff_uid: str) -> dict | None:
        """The kept draft ({notes, base, version}), or None (none, damaged, or the folder unreadable)."""
        if self.store is None:
            return None
        key = notes_key(meeting_uid, staff_uid)
        try:
            draft_writer().settle(self.store, key)  # a state still being written is the one to put back
            data = self.store.load(key)
        except OSError:
            return None
        if not data or not isinstance(data.get("notes"), str):
            return None
        return data

    def drop(self, meeting_uid: str, staff_uid: str) -> None:
        """The typing was discarded: its draft goes, and nothing waiting brings it back."""
        if self.store is None:
            return
        try:
            draft_writer().discard(self.store, notes_key(meeting_uid, staff_uid))
        except OSError:
            pass  # a stale draft is only put back once more, and dropped then if it equals the stored notes

    def drop_saved(self, meeting_uid: str, staff_uid: str, text: str) -> None:
        """`text` is stored (called on the database writer thread, even after the window closed): the draft goes
        if it holds that text — text typed since is newer than what was saved and stays kept."""
        data = self.load(meeting_uid, staff_uid)
        if data is not None and data["notes"].strip() == text.strip():
            self.drop(meeting_uid, staff_uid)
