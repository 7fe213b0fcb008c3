"""A form's fields in a scroll area: a form taller than the screen scrolls, its banner and buttons stay in view."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QSize, Qt
from PySide6.QtWidgets import QApplication, QFrame, QLayout, QScrollArea, QStyle, QWidget

from agency_app.ui.kit import screen_fit


class FieldScroll(QScrollArea):
    """Frameless and resizing its content: on a big screen nothing shows of it; on a small one the fields scroll.

    A field getting the keyboard focus (Tab from the buttons, Alt+letter, an error jumping to its field) is
    scrolled into view: QScrollArea itself does so only for Tab moves that start inside it.
    """

    def __init__(self, content: QLayout, parent: QWidget):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop or click target of its own: it shows nothing
        self.setWidgetResizable(True)
        inner = QWidget(self)
        content.setContentsMargins(0, 0, 0, 0)
        inner.setLayout(content)
        self.setWidget(inner)
        QApplication.instance().focusChanged.connect(self._follow_focus)

    def minimumSizeHint(self) -> QSize:
        """As wide as the fields need, up to what the screen has (then they scroll sideways too); a few lines high."""
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        margins = self.window().layout().contentsMargins() if self.window().layout() else QMargins()
        screen_width = screen_fit.room(screen_fit.available_geometry(self)).width() - margins.left() - margins.right()
        width = min(self.widget().minimumSizeHint().width() + bar, screen_width)
        return QSize(width, super().minimumSizeHint().height())

    def unscrolled_extra(self) -> int:
        """How much taller it must be to show all the fields at once, at its present width (fit_to_screen gives
        it that where the screen has room: the fields scroll only on a screen too small for them)."""
        width = self.width() - 2 * self.frameWidth()
        needed = self.widget().heightForWidth(width)  # wrapped labels: taller when narrow
        if needed < 0:
            needed = self.widget().minimumSizeHint().height()
        return max(needed + 2 * self.frameWidth() - self.height(), 0)

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.widget().isAncestorOf(new):
            self.ensureWidgetVisible(new, 10, 10)
