"""A window's default size within the screen's usable area (the taskbar left out), so its buttons are never cut off."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# What the window system adds around a dialog: its borders and title bar (Windows 10/11 at 100 %: 8 + 8, 31 + 8).
FRAME = QSize(16, 40)


def available_geometry(widget: QWidget) -> QRect:
    """The usable area of the screen the widget shows on (or the primary screen)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fitted_size(wanted: QSize, available: QRect, minimum: QSize = QSize(0, 0)) -> QSize:
    """`wanted`, made smaller where the frame would not fit in `available`; never below `minimum`."""
    width = min(wanted.width(), available.width() - FRAME.width())
    height = min(wanted.height(), available.height() - FRAME.height())
    return QSize(max(width, minimum.width()), max(height, minimum.height()))


def fit_to_screen(widget: QWidget, wanted: QSize) -> None:
    """Resize `widget` to `wanted`, or less on a small screen (its layout's minimum still holds)."""
    widget.resize(fitted_size(wanted, available_geometry(widget), widget.minimumSizeHint()))
