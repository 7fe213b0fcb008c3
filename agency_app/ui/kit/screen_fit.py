"""A window's size and place within the screen's usable area (taskbar left out): its buttons are never cut off."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QScrollArea, QWidget

# What the window system adds around a dialog: its borders and title bar (Windows 10/11 at 100 %: 8 + 8, 31 + 8).
FRAME = QSize(16, 40)


def available_geometry(widget: QWidget) -> QRect:
    """The usable area of the screen the widget shows on (or the primary screen)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def room(available: QRect) -> QSize:
    """The largest window size whose frame fits in `available`."""
    return QSize(available.width() - FRAME.width(), available.height() - FRAME.height())


def fitted_size(wanted: QSize, available: QRect, minimum: QSize = QSize(0, 0)) -> QSize:
    """`wanted` (or the layout's `minimum`, if larger), made smaller where the frame would not fit in `available`.

    The screen wins over the minimum: a form taller than the screen scrolls its fields (FieldScroll), a window
    larger than the screen would hide its Save and Cancel under the taskbar.
    """
    return wanted.expandedTo(minimum).boundedTo(room(available))


def placed(frame: QRect, available: QRect) -> QPoint:
    """Where a window's frame goes so that all of it is in `available` (moved as little as possible)."""
    x = max(available.left(), min(frame.left(), available.right() + 1 - frame.width()))
    y = max(available.top(), min(frame.top(), available.bottom() + 1 - frame.height()))
    return QPoint(x, y)


def centred(window: QSize, available: QRect) -> QPoint:
    """Where a window of this size (frame included) goes to stand in the middle of `available`, never above or left
    of it. A main window is positioned so: left to Windows, it opens at a cascade offset and, sized to the whole
    usable area, would put its status bar under the taskbar."""
    x = available.left() + max(0, (available.width() - window.width()) // 2)
    y = available.top() + max(0, (available.height() - window.height()) // 2)
    return QPoint(x, y)


def centre_on_screen(widget: QWidget) -> None:
    """Put a window (sized, not yet shown) in the middle of its screen's usable area."""
    widget.move(centred(widget.size() + FRAME, available_geometry(widget)))


def fit_to_screen(widget: QWidget, wanted: QSize) -> None:
    """Resize a window to `wanted`, or less on a small screen, and keep it on the screen.

    A dialog also gets a maximise button (Qt's dialogs have none): on a small screen the user can give a
    form the whole screen. Set before the first show only; changing flags later hides the window.
    """
    if widget.isMaximized() or widget.isFullScreen():
        return  # the user gave it the whole screen: a resize would take that back
    available = available_geometry(widget)
    if isinstance(widget, QDialog) and not widget.isVisible():
        widget.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
    widget.resize(fitted_size(wanted, available, widget.minimumSizeHint()))
    # Where the screen has room, all of a form's fields show at once (FieldScroll scrolls them on a small one).
    scrolls = [s for s in widget.findChildren(QScrollArea) if hasattr(s, "unscrolled_extra")]
    if scrolls and widget.layout() is not None:
        widget.layout().activate()
        extra = max(s.unscrolled_extra() for s in scrolls)
        if extra:
            widget.resize(fitted_size(widget.size() + QSize(0, extra), available, widget.minimumSizeHint()))
    if widget.isVisible():
        widget.move(placed(widget.frameGeometry(), available))
