"""A Qt application for printing from the command line: the one already running, or one made without a window."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Iterator

from PySide6.QtWidgets import QApplication

_made: list[QApplication] = []  # kept: Qt allows one application per process, and a second command reuses it


def needs_offscreen(platform: str = sys.platform, environ=os.environ) -> bool:
    """True on Linux (and other X11/Wayland systems) without a display, where Qt could not start otherwise.
    Windows and macOS start their platform plugin without showing anything: they are left alone."""
    if platform.startswith(("win", "darwin")) or environ.get("QT_QPA_PLATFORM"):
        return False
    return not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


@contextmanager
def printing_application() -> Iterator[QApplication]:
    """A QApplication (not only a QGuiApplication: the charts are laid out in a graphics scene, a widgets class)."""
    app = QApplication.instance()
    if app is None:
        if needs_offscreen():
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QApplication(["agency-app"])
        _made.append(app)
    yield app
