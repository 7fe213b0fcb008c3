"""The keys of the actions on a record (the same on every tab) and the QActions that carry them, buttons included."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QWidget

# One key per action wherever the action exists (the README's keyboard table lists them). Enter on a
# list row also edits (each list's key filter): a shortcut on Enter would take it from every input.
RECORD_KEYS = {
    "edit": "F2",
    "callback_made": "Ctrl+R",
    "undo_callback": "Ctrl+Z",
    "start": "Ctrl+Shift+S",
    "done": "Ctrl+Shift+D",
    "drop": "Ctrl+Shift+M",
    "reopen": "Ctrl+Shift+O",
    "case": "Ctrl+Shift+K",
    "customer": "Ctrl+Shift+C",
    "voice": "Ctrl+Shift+V",
    "history": "Ctrl+Shift+H",
    "relative": "Ctrl+Shift+R",
    "report": "Ctrl+Shift+B",  # an improvement: reported to the insurer
    "link_voice": "Ctrl+Shift+I",
    "survey_answer": "Ctrl+Shift+Q",  # a voice made from a survey answer's comment: that answer (KPI tab)  # an improvement: add a voice it answers (the voice day's 改善に結びつける too)
}


def key_text(action: QAction) -> str:
    """The action's key as the user's keyboard shows it (e.g. "Ctrl+Shift+S")."""
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


def record_action(host: QWidget, name: str, text: str, slot: Callable[[], object],
                  button: QAbstractButton | None = None) -> QAction:
    """An action on the record `host` shows, with its key from RECORD_KEYS, working wherever the focus is inside
    `host` (its list included) and only there: each tab's page answers the same key for its own record.

    A `button` triggers the action. The button of a move keeps its place in its row when hidden, so acting
    never reflows the row; a link (お客様, 声) that the record lacks leaves no gap.
    """
    action = QAction(text, host)
    action.setObjectName(name)
    action.setShortcut(QKeySequence(RECORD_KEYS[name]))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setToolTip(f"{text.rstrip('…')} ({key_text(action)})")
    action.triggered.connect(lambda _checked=False: slot())
    host.addAction(action)
    if button is not None:
        button.clicked.connect(action.trigger)
        button.setToolTip(action.toolTip())
        if name in MOVES:
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # a hidden move leaves its slot: the others never move
            button.setSizePolicy(policy)
    return action


# What acting on the record can offer or take away while it stays shown; links change only with the record.
MOVES = frozenset({"callback_made", "start", "done", "drop", "reopen"})


def offer(action: QAction, offered: bool, button: QAbstractButton | None = None) -> None:
    """Offer an action or not: its key and menu entry work or are greyed; its button is shown or its slot kept."""
    action.setEnabled(offered)
    if button is not None:
        button.setEnabled(offered)
        button.setVisible(offered)
