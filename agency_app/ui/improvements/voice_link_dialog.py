"""Add a voice an improvement answers: search the voices by text (any team), Enter links the one chosen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QHBoxLayout, QWidget

from agency_app.domain.periods import now_tokyo
from agency_app.storage.voice_filter import VoiceFilter
from agency_app.storage.voice_query import VoiceQuery
from agency_app.ui.kit import labels
from agency_app.ui.kit.date_fields import display_date
from agency_app.ui.kit.input_method import track_input_method
from agency_app.ui.kit.messages import known_error_text
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kit.widgets import Banner, without_enter_default

SEARCH_DELAY_MS = 250
SHOWN_AT_MOST = 50  # a search finding more is narrowed by typing more, not scrolled through
UID_ROLE = Qt.ItemDataRole.UserRole


class VoiceLinkDialog(QDialog):
    """Type words of the voice (summary, details, customer); Down into the results; Enter links the selected one
    to the improvement and closes. Voices it answers already are marked and not linked twice."""

    def __init__(self, ops: Operations, staff_uid: str, improvement_uid: str, *, clock=now_tokyo,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.uid, self.clock = ops, staff_uid, improvement_uid, clock
        self.linked = {v["uid"] for v in ops.read.improvements.voices(improvement_uid)}
        self._saving = False
        self._shown_for = ""  # the words whose voices the list shows (a newer search may still be running)
        self.setWindowTitle(self.tr("Add a voice this improvement answers"))
        self.banner = Banner(self)
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.tr("Words of the voice: summary, details or customer"))
        self.search_box.setClearButtonEnabled(True)
        label = QLabel(self.tr("&Search"), self)
        label.setBuddy(self.search_box)
        self.results = QListWidget(self)
        self.results.setAccessibleName(self.tr("Voices found"))
        self.count_label = QLabel(self)
        self.link_button = QPushButton(self.tr("Link (Enter)"), self)
        self.close_button = QPushButton(self.tr("Close (Esc)"), self)
        without_enter_default(self.link_button, self.close_button)
        self.link_button.clicked.connect(self.link_selected)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(label)
        layout.addWidget(self.search_box)
        layout.addWidget(self.results, 1)
        layout.addLayout(buttons)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.search_box.textChanged.connect(lambda _t: self._timer.start())
        self.search_box.installEventFilter(self)
        self.results.installEventFilter(self)
        self.results.itemDoubleClicked.connect(lambda _item: self.link_selected())
        track_input_method(self)
        fit_to_screen(self, QSize(640, 460))
        self.search_box.setFocus()

    def search(self) -> None:
        """Find the voices whose texts hold every typed word (the voice list's search), newest first."""
        self._timer.stop()
        text = self.search_box.text().strip()
        if not text:
            self._show([])
            return
        today = self.clock().date()
        self.ops.query(self, lambda data: VoiceQuery(data.conn, VoiceFilter(text=text, today=today),
                                                     page_size=SHOWN_AT_MOST).first_page(),
                       key=("voice-link", id(self))).success(lambda rows: self._show(rows, text)).failure(
            lambda error: self.banner.show_message(known_error_text(error))).run()

    def _show(self, rows, text: str = "") -> None:
        self._shown_for = text
        self.results.clear()
        for row in rows[:SHOWN_AT_MOST]:
            text = f"{display_date(row.received_at)}　{labels.kind_label(row.kind)}　{row.summary}"
            if row.customer_name:
                text += f"（{row.customer_name}）"
            if row.uid in self.linked:
                text = self.tr("(linked already) {voice}").format(voice=text)
            item = QListWidgetItem(text, self.results)
            item.setData(UID_ROLE, row.uid)
        if rows:
            self.results.setCurrentRow(0)
        typed = bool(self.search_box.text().strip())
        self.count_label.setText(self.tr("{count} voices found").format(count=len(rows)) if typed else "")
        if typed and not rows:
            self.count_label.setText(self.tr("No voice holds these words."))

    def selected_uid(self) -> str | None:
        item = self.results.currentItem()
        return item.data(UID_ROLE) if item is not None else None

    def link_selected(self) -> None:
        if self._timer.isActive():
            self.search()  # Enter right after typing: the list first shows what was typed
            return
        if self._shown_for != self.search_box.text().strip():
            return  # the list still shows an earlier search's voices: those of the words typed are coming
        voice = self.selected_uid()
        if voice is None or self._saving:
            return
        if voice in self.linked:
            self.banner.show_message(self.tr("This improvement answers that voice already."), "info")
            return
        uid, by, now = self.uid, self.staff_uid, self.clock()
        self._saving = True

        def ended() -> None:
            self._saving = False
        self.ops.write(self, lambda data: data.improvements.link_voice(uid, voice, by=by, now=now)) \
            .always(ended).success(lambda _linked: self.accept()) \
            .failure(lambda error: self.banner.show_message(known_error_text(error))).run()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.link_selected()
                return True
            if watched is self.search_box and event.key() == Qt.Key.Key_Down and self.results.count():
                self.results.setFocus()
                return True
        return super().eventFilter(watched, event)
