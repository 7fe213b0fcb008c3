"""Screens that show records follow the one change signal: a shown one refreshes at once, a hidden one when next shown."""

from __future__ import annotations

from shiboken6 import isValid

from agency_app.storage.changes import Changes


class FollowsChanges:
    """Mixin for a QWidget (listed before it) that shows records of the tables in `watched`.

    Call follow_changes(ops) once built. When a write touches those tables, changes_arrived(changes) runs
    if the widget is shown (by default: refresh()); a hidden widget — another tab — refreshes when it is next
    shown, so no screen ever shows figures older than the last save and none works for nothing.
    """

    watched: tuple[str, ...] = ()
    _stale = False

    def follow_changes(self, ops) -> None:
        ops.changed.connect(self._changes_announced)

    def _changes_announced(self, changes: Changes) -> None:
        if not isValid(self) or not self.concerns(changes):
            return
        if self.isVisible():
            self.changes_arrived(changes)
        else:
            self._stale = True

    def concerns(self, changes: Changes) -> bool:
        """Whether these changes matter here; by default, any record of a watched table."""
        return changes.touches(*self.watched)

    def changes_arrived(self, changes: Changes) -> None:
        self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()
