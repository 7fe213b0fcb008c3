"""Qt's own messages (warnings and errors from inside Qt) into the log at their level, a repeating one not over and over."""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from agency_app.logs import Repeats

LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def logger_for(category: str | None) -> logging.Logger:
    """Qt's categories are already dotted names under "qt" (qt.qpa.fonts); plain qWarning() is "default"."""
    if not category or category == "default":
        return logging.getLogger("qt")
    return logging.getLogger(category if category.startswith("qt.") else f"qt.{category}")


class QtMessages:
    """The installed message handler; whatever handler was there before (pytest-qt's, say) still gets each message."""

    def __init__(self):
        self.repeats = Repeats()
        self.previous = qInstallMessageHandler(self.handle)

    def handle(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        try:
            count = self.repeats.count((kind, context.category, message))
            if Repeats.worth_a_line(count):
                where = f" ({context.file}:{context.line})" if context.file else ""  # only debug builds of Qt know it
                again = f" (the same message {count} times so far)" if count > 1 else ""
                logger_for(context.category).log(LEVELS.get(kind, logging.WARNING), "%s%s%s", message, where, again)
        except Exception:  # noqa: BLE001, S110 — Qt calls this from C++: nothing may escape, not even a logging failure
            pass
        if self.previous is not None:
            self.previous(kind, context, message)

    def uninstall(self) -> None:
        qInstallMessageHandler(self.previous)  # None puts back Qt's default
