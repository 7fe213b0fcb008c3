"""The voice-day tab's actions and their keys (README keyboard table): each a QAction for the keys and the 操作 menu."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from agency_app.ui.kit.record_actions import RECORD_KEYS

# In the 操作 menu's order. Zoom answers Ctrl+= too: on a Japanese or US keyboard Ctrl++ is typed with Shift.
VOICE_DAY_KEYS = {
    "start": ("Ctrl+Shift+W",),
    "share": ("Ctrl+Shift+E",),
    "improvement": ("Ctrl+Shift+I",),
    "no_improvement": ("Ctrl+Shift+N",),
    "undecide": ("Delete",),
    "move_team": ("Ctrl+Shift+G",),
    "attendees": ("Ctrl+Shift+A",),
    "close": ("Ctrl+Shift+L",),
    "reopen": ("Ctrl+Shift+U",),
    "history": (RECORD_KEYS["history"],),
    "next": ("Ctrl+Down",),
    "previous": ("Ctrl+Up",),
    "zoom_in": ("Ctrl++", "Ctrl+="),
    "zoom_out": ("Ctrl+-",),
    "zoom_reset": ("Ctrl+0",),
    "print_preview": ("Ctrl+P",),
    "pdf": ("Ctrl+Shift+P",),
}


def page_action(host: QWidget, name: str, text: str, slot: Callable[[], object]) -> QAction:
    """An action of the page, with its key(s), answering wherever the keyboard is inside the page."""
    action = QAction(text, host)
    action.setObjectName(name)
    action.setShortcuts([QKeySequence(key) for key in VOICE_DAY_KEYS[name]])
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{text.rstrip('…')} ({key})")
    action.triggered.connect(lambda _checked=False: slot())
    host.addAction(action)
    return action
