"""Drafts of an entry dialog: what is typed is kept shortly after typing and on leaving a field, and offered back."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer

from agency_app.ui.messages import draft_failed_text

DRAFT_DELAY_MS = 500


class DraftedForm:
    """Mixin for an entry QDialog, listed before QDialog; the dialog keeps reject() and its own messages.

    The dialog provides: drafts (a DraftStore or None), key, draft_warning (a QLabel), _loading, _state(),
    _apply(state), _baseline, _due_auto, _version; it calls _init_drafts() before typing can start, starts
    _draft_timer on each change and installs itself as event filter on its fields.
    """

    def _init_drafts(self) -> None:
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.flush_draft)

    def is_dirty(self) -> bool:
        return self._state() != self._baseline

    def _restore_draft(self, *, editing: bool) -> bool:
        """Put back a kept draft; True if there was one. Editing a record changed since: only this user's changes."""
        try:
            data = self.drafts.load(self.key) if self.drafts else None
        except OSError:
            data = None  # an unreadable draft folder must not stop the form from opening
        if not data or not isinstance(data.get("form"), dict):
            return False
        base = data.get("base")
        if editing and data.get("version") != self._version and isinstance(base, dict):
            self._apply({k: v for k, v in data["form"].items() if base.get(k) != v})
        else:
            self._apply(data["form"])
            self._due_auto = bool(data.get("due_auto", self._due_auto))
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self._draft_timer.isActive():
            self.flush_draft()  # a field was left: keep what was typed now, not in 500 ms
        return super().eventFilter(watched, event)

    def flush_draft(self) -> None:
        """Write the draft now; a failure is shown quietly, typing is never interrupted."""
        self._draft_timer.stop()
        if self.drafts is None or self._loading:
            return
        try:
            if self.is_dirty():
                self.drafts.save(self.key, {"form": self._state(), "base": self._baseline,
                                            "due_auto": self._due_auto, "version": self._version})
            else:
                self.drafts.discard(self.key)
        except OSError as error:
            self.draft_warning.setText(draft_failed_text(error.strerror or str(error)))
            self.draft_warning.show()
            return
        self.draft_warning.hide()

    def _drop_draft(self) -> None:
        if self.drafts is None:
            return
        try:
            self.drafts.discard(self.key)
        except OSError:
            pass  # a stale draft only offers old text again next time; the record is saved

    def put_aside(self) -> None:
        """Close without asking, keeping what was typed as this person's draft (e.g. staff switch)."""
        self.flush_draft()
        super().reject()
