"""Committing a Japanese IME's conversion before anything is saved, kept as a draft or closed, so no word is lost."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from shiboken6 import isValid

# The widget property holding the text an IME is still converting in that field (its last preedit).
PENDING = "pendingPreedit"
_TEXT_FIELDS = (QLineEdit, QPlainTextEdit, QTextEdit)


class _PreeditTracker(QObject):
    """Remembers each watched field's preedit: Qt has no public way to read a QLineEdit's composition."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.InputMethod:
            watched.setProperty(PENDING, event.preeditString())
        return False


def track_input_method(root: QWidget) -> None:
    """Watch the text fields under `root` (a form, once built) so their unconverted text can be committed."""
    tracker = root.findChild(_PreeditTracker, "preeditTracker")
    if tracker is None:
        tracker = _PreeditTracker(root)
        tracker.setObjectName("preeditTracker")
    for kind in _TEXT_FIELDS:
        for field in root.findChildren(kind):
            field.removeEventFilter(tracker)  # tracked once, however often a form is (re)built
            field.installEventFilter(tracker)


def commit_input_method(root: QWidget | None = None) -> None:
    """Commit the text still being converted, as if the person had pressed Enter in the IME.

    The platform's input method commits first (it sends the field the commit itself); where none answers
    (offscreen, or an IME that ignores the request) the remembered preedit is committed into the field.
    `root` None: every open window.
    """
    QGuiApplication.inputMethod().commit()
    roots = [root] if root is not None else QApplication.topLevelWidgets()
    for top in roots:
        if not isValid(top):
            continue
        for field in [top, *top.findChildren(QWidget)]:
            pending = field.property(PENDING) if isinstance(field, _TEXT_FIELDS) else None
            if not pending:
                continue
            event = QInputMethodEvent("", [])
            event.setCommitString(pending)
            QApplication.sendEvent(field, event)  # the tracker sees it and forgets the preedit
            field.setProperty(PENDING, "")
