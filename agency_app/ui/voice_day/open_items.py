"""The team's open items: its open voices (overdue first, with how many in all) and its open improvements."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from agency_app.ui.kit import labels
from agency_app.ui.kit.date_fields import display_date
from agency_app.ui.voice_day import voice_day_texts as T

UID_ROLE = Qt.ItemDataRole.UserRole


def overdue_first(rows: list[dict]) -> list[dict]:
    """Overdue ones first (earliest due first), then the rest as the storage ordered them."""
    return sorted(rows, key=lambda row: (0, row.get("due_date") or "") if row.get("overdue") else (1, ""))


class OpenItems(QWidget):
    """Two lists; Enter on a voice asks to open it in the voice tab (open_voice), on an improvement in the
    改善 tab (open_improvement)."""

    open_voice = Signal(str)
    open_improvement = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.voices_title = QLabel(self)
        self.voices = QListWidget(self)
        self.voices_title.setBuddy(self.voices)
        self.improvements_title = QLabel(self)
        self.improvements = QListWidget(self)
        self.improvements_title.setBuddy(self.improvements)
        for view in (self.voices, self.improvements):  # a long 要旨 or 件名 wraps in the panel, never cut at its edge
            view.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for widget, stretch in ((self.voices_title, 0), (self.voices, 3), (self.improvements_title, 0),
                                (self.improvements, 2)):
            layout.addWidget(widget, stretch)
        self.voices.itemActivated.connect(lambda item: self.open_voice.emit(item.data(UID_ROLE)))
        self.improvements.itemActivated.connect(lambda item: self.open_improvement.emit(item.data(UID_ROLE)))
        self.voices.installEventFilter(self)
        self.improvements.installEventFilter(self)

    def set_items(self, voices: list[dict], voice_count: int, improvements: list[dict]) -> None:
        overdue = sum(1 for row in voices if row.get("overdue"))
        self.voices_title.setText(self.tr("Open voices: {count} ({overdue} overdue)").format(
            count=voice_count, overdue=overdue))
        self.voices.clear()
        for row in overdue_first(voices):
            self.voices.addItem(self._item(row, row.get("summary") or "", row["uid"]))
        self.improvements_title.setText(self.tr("Open improvements: {count}").format(count=len(improvements)))
        self.improvements.clear()
        for row in overdue_first(improvements):
            text = f"{row.get('title') or ''}　{row.get('owner_name') or ''}"
            self.improvements.addItem(self._item(row, text, row["uid"]))

    @staticmethod
    def _item(row: dict, text: str, uid: str) -> QListWidgetItem:
        due = display_date(row.get("due_date"))
        state = labels.status_label(row.get("status") or "")
        if row.get("overdue"):
            due = f"{due} {T.overdue_words()}"
        item = QListWidgetItem(f"［{due}］{state}　{text}" if due else f"{state}　{text}")
        item.setData(UID_ROLE, uid)
        return item

    def eventFilter(self, watched, event) -> bool:
        signal = {self.voices: self.open_voice, self.improvements: self.open_improvement}.get(watched)
        if signal is not None and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and watched.currentItem():
            signal.emit(watched.currentItem().data(UID_ROLE))
            return True
        return super().eventFilter(watched, event)
