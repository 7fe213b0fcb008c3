"""Fixtures for the form and panel tests (imported explicitly): a draft folder, a saved voice, a shown dialog."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from agency_app.domain.voice import VoiceInput
from agency_app.storage.voices import VoiceRepository
from list_fixtures import SettledDrafts

# A test whose typing opens a combo's completion list: the offscreen platform also says it cannot
# grab the keyboard for that popup (not our bug). The closest qt_log_ignore mark wins, so this one
# repeats conftest's offscreen patterns.
POPUP_NOISE = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the keyboard)")


@pytest.fixture
def drafts(tmp_path):
    return SettledDrafts(tmp_path / "drafts")


def add_voice(store, by: str, **fields) -> str:
    """Save a voice through the repository, with sensible defaults for what the test does not care about."""
    values = dict(received_at="2025-11-20 09:00", summary="満期案内が届かない", kind="dissatisfaction",
                  assignee_id=by)
    values.update(fields)
    return VoiceRepository(store).create(VoiceInput(**values), by=by)


def shown(qtbot, widget: QWidget) -> QWidget:
    """Show a top-level widget and give it the keyboard, as a user would have it."""
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=2000)
    return widget


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def ime_type(widget: QWidget, text: str) -> None:
    """Type as a Japanese IME does: a composition (preedit) first, then the committed text.

    QTest.keyClicks only knows Latin-1 keys, and real Japanese input arrives this way anyway.
    """
    target = widget.lineEdit() if hasattr(widget, "lineEdit") and widget.lineEdit() else widget
    QApplication.sendEvent(target, QInputMethodEvent(text, []))
    commit = QInputMethodEvent("", [])
    commit.setCommitString(text)
    QApplication.sendEvent(target, commit)
