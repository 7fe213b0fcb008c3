"""The keys and buttons of a page with a list: Ctrl+N taken from the main window, Enter and Delete on the list, a button row."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

NEW_KEYS = QKeySequence("Ctrl+N")


class ClaimsKeys:
    """For a page (a QWidget): keys the main window has shortcuts for work the page's way while the keyboard is
    inside it. `claimed_keys()` pairs each key with what it does; the default is Ctrl+N → new_from_keys().

    The main window's Ctrl+N makes a voice; claiming the key in the page (instead of a second QShortcut, which
    Qt would find ambiguous) keeps both."""

    NEW_KEYS = NEW_KEYS

    def new_from_keys(self) -> None:
        raise NotImplementedError

    def claimed_keys(self) -> Iterable[tuple[QKeySequence, Callable[[], object]]]:
        return ((self.NEW_KEYS, self.new_from_keys),)

    def _claimed(self, event) -> Callable[[], object] | None:
        pressed = QKeySequence(event.keyCombination())
        return next((act for keys, act in self.claimed_keys() if keys == pressed), None)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._claimed(event) is not None:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        act = self._claimed(event)
        if act is not None:
            act()
            return
        super().keyPressEvent(event)


class ListKeys(ClaimsKeys):
    """ClaimsKeys, and on the page's list (`key_list()`, the page installs its event filter on it) Enter or F2 without
    a modifier edits the selected record (edit_from_keys) and Delete removes it (delete_from_keys; a page whose
    `delete_from_keys` is None leaves Delete to the list)."""

    delete_from_keys: Callable[[], object] | None = None

    def key_list(self) -> QWidget:
        raise NotImplementedError

    def edit_from_keys(self) -> None:
        raise NotImplementedError

    def eventFilter(self, watched, event) -> bool:
        if watched is self.key_list() and event.type() == QEvent.Type.KeyPress \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):   # F2: as the other tabs
                self.edit_from_keys()
                return True
            if event.key() == Qt.Key.Key_Delete and self.delete_from_keys is not None:
                self.delete_from_keys()
                return True
        return super().eventFilter(watched, event)


def action_buttons(owner: QWidget, specs: Iterable[tuple[str, str, str, Callable[[], object]]]
                   ) -> tuple[dict[str, QAction], QHBoxLayout]:
    """For each (name, text, keys, slot) a QAction of `owner` named `name` (its keys, if any, work anywhere inside
    owner) and a button that triggers it; returns the actions by name (for a context menu) and the button row."""
    actions: dict[str, QAction] = {}
    row = QHBoxLayout()
    for name, text, keys, slot in specs:
        action = QAction(text, owner)
        action.setObjectName(name)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False, slot=slot: slot())
        owner.addAction(action)
        actions[name] = action
        button = QPushButton(text, owner)
        button.setAutoDefault(False)
        button.clicked.connect(action.trigger)
        row.addWidget(button)
    row.addStretch(1)
    return actions, row
