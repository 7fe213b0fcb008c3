"""One voice of the meeting, larger: its 内容 and decision, and below it the earlier voices that look alike (R13)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget,
)

from agency_app.domain.similarity import too_short
from agency_app.storage.similar_voices import alike_earlier, voice_text
from agency_app.ui.kit import labels
from agency_app.ui.kit.date_fields import display_date, display_datetime
from agency_app.ui.kit.messages import known_error_text
from agency_app.ui.kit.operations import Operations
from agency_app.ui.voice_day import voice_day_texts as T

UID_ROLE = Qt.ItemDataRole.UserRole


class VoicePanel(QWidget):
    """Shows the voice chosen in the list; loads its alike voices off the UI thread (a newer choice drops an
    older answer). Enter on an alike voice asks to open it (open_voice)."""

    open_voice = Signal(str)

    def __init__(self, ops: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.voice: dict | None = None
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setObjectName("voiceSummary")
        self.body = QPlainTextEdit(self)
        self.body.setReadOnly(True)
        self.body.setTabChangesFocus(True)
        self.body.setAccessibleName(self.tr("Details"))
        self.decision = QLabel(self)
        self.decision.setWordWrap(True)
        self.decision.setTextFormat(Qt.TextFormat.PlainText)
        self.alike_title = QLabel(self.tr("Earlier voices that look alike"), self)
        self.alike = QListWidget(self)
        self.alike.setAccessibleName(self.alike_title.text())
        self.alike.setWordWrap(True)
        self.alike_title.setBuddy(self.alike)
        self.alike_note = QLabel(self)
        self.alike_note.setWordWrap(True)
        self.alike_note.setObjectName("alikeNote")
        self._size_boxes()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.body, 2)
        layout.addWidget(self.decision)
        layout.addWidget(self.alike_title)
        layout.addWidget(self.alike_note)
        layout.addWidget(self.alike, 2)
        self.alike.itemActivated.connect(lambda item: self.open_voice.emit(item.data(UID_ROLE)))
        self.alike.installEventFilter(self)
        self.show_voice(None, "")

    def _size_boxes(self) -> None:
        """Three lines each at least (the page fits 570 px high at 125 %); the details at most six, so the earlier
        voices alike stay in view below them instead of under the fold."""
        lines = self.fontMetrics().lineSpacing()
        for box in (self.body, self.alike):
            box.setMinimumHeight(lines * 3)
            # No preferred height of their own (a list asks for ~190 px): the panel's scroll area makes the panel
            # as tall as the preferred heights add up to, and the alike ones went under the fold at 768 px high.
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.body.setMaximumHeight(lines * 6 + 2 * self.body.frameWidth() + 8)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the page's zoom
            self._size_boxes()

    def show_voice(self, voice: dict | None, decision: str) -> None:
        """Show `voice` (a row of the review) and ask for its alike voices; None empties the panel."""
        previous = self.voice["uid"] if self.voice else None
        self.voice = voice
        if voice is None:
            for label in (self.heading, self.summary, self.decision, self.alike_note):
                label.clear()
            self.body.clear()
            self.alike.clear()
            return
        parts = [display_datetime(voice.get("received_at")), T.kind_text(voice), T.category_text(voice),
                 labels.status_label(voice.get("status") or "")]
        if voice.get("due_date"):
            due = self.tr("Due {date}").format(date=display_date(voice["due_date"]))
            parts.append(f"{due} {T.overdue_words()}" if voice.get("overdue") else due)
        if voice.get("carried_over"):
            parts.append(T.carried_over_words())
        self.heading.setText("　".join(part for part in parts if part))
        self.summary.setText(voice.get("summary") or "")
        if self.body.toPlainText() != (voice.get("body") or ""):
            self.body.setPlainText(voice.get("body") or "")
        self.decision.setText(self.tr("Decision: {text}").format(text=decision) if decision else "")
        if voice["uid"] != previous:
            self._look_for_alike(voice)

    def _look_for_alike(self, voice: dict) -> None:
        self.alike.clear()
        self.alike_note.setText(self.tr("Looking for earlier voices…"))
        wanted = dict(voice)
        self.ops.query(self, lambda services: alike_earlier(services.conn, wanted),
                       key=("voice_day_alike", id(self))) \
            .success(lambda found, uid=voice["uid"]: self._show_alike(uid, found)) \
            .failure(lambda error, uid=voice["uid"]: self._not_found(uid, error)).run()

    def _not_found(self, uid: str, error: Exception) -> None:
        """The search failed (the database busy…): said here, where the answer was awaited, not as a page error."""
        if self.voice is not None and self.voice["uid"] == uid:
            self.alike_note.setText(self.tr("Earlier voices could not be looked for: {reason}").format(
                reason=known_error_text(error)))

    def _show_alike(self, uid: str, found) -> None:
        if self.voice is None or self.voice["uid"] != uid:
            return  # the user has moved on: an older answer is dropped
        self.alike.clear()
        for alike in found:
            text = f"{display_date(alike.received_at)}　{alike.summary}\n　（{T.alike_reasons_text(alike.reasons)}）"
            item = QListWidgetItem(text)
            item.setData(UID_ROLE, alike.uid)
            item.setToolTip(self.tr("Enter opens it in the voice list"))
            self.alike.addItem(item)
        if found:
            self.alike_note.setText(self.tr("{count} earlier voices look alike. Enter opens one.").format(
                count=len(found)))
            self.alike.setCurrentRow(0)
        elif too_short(voice_text(self.voice.get("summary") or "", self.voice.get("body") or "")):
            self.alike_note.setText(self.tr("The text is too short, so no similar voices were looked for."))
        else:
            self.alike_note.setText(self.tr("No similar voices were found."))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.alike and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.alike.currentItem()
            if item is not None:
                self.open_voice.emit(item.data(UID_ROLE))
            return True
        return super().eventFilter(watched, event)
