"""What the KPI page tests share: a message box answered by its button, the dashboard shown at a fixed now."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QApplication, QMessageBox

from agency_app.ui.kpi.dashboard_page import DashboardPage


def answer_box(text: str) -> None:
    """Click the button reading `text` of the message box open now (queue it with QTimer.singleShot before the key
    that opens the box: the box waits in its own event loop)."""
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    next(b for b in box.buttons() if b.text() == text).click()


def shown_dashboard(qtbot, ops, staff, now: datetime) -> DashboardPage:
    """The dashboard of the manager at `now`, shown at a laptop's size with its board in and the table focused."""
    widget = DashboardPage(ops, staff["manager"], clock=lambda: now)
    qtbot.addWidget(widget)
    widget.resize(1000, 640)
    widget.show()
    qtbot.waitUntil(lambda: widget.board is not None)
    widget.table.setFocus()
    return widget
