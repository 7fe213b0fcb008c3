"""A field to pick a customer by typing part of a name, its kana or phone number, then choosing from a list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from agency_app.domain.periods import now_tokyo
from agency_app.storage.customers import CustomerNotFound
from agency_app.storage.services import Services
from agency_app.ui.kit.customer_texts import customer_label

SEARCH_DELAY_MS = 150
MAX_MATCHES = 30
UID_ROLE = Qt.ItemDataRole.UserRole

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_UNLINK_KEYS = (Qt.Key.Key_Backspace, Qt.Key.Key_Delete)
_LINKED_STYLE = "QLineEdit[linked=\"true\"] { background: #eef5ee; }"


class CustomerPicker(QWidget):
    """Staff type 'やまだ', 'ﾔﾏﾀﾞ' or '5678'; matching customers pop up as '山田 太郎（ヤマダ タロウ）70歳 …'.

    Down opens the list (or moves in it), Enter picks, and the keyboard moves on to the next field.
    A picked customer is held: the field turns read-only and says 「リンク中」, so what is typed next can
    never change the text or drop the link unnoticed. Backspace, Delete or the × button unlinks (said
    beside the field) and the field takes typing again; other keys only say how to unlink.
    """

    customer_changed = Signal(str)  # the picked uid, or "" when cleared

    def __init__(self, reading: Services, parent: QWidget | None = None, *, clock=now_tokyo):
        super().__init__(parent)
        self.repo = reading.customers  # a short indexed search on the UI thread's reading connection
        self.clock = clock
        self._uid: str | None = None
        self._composing = False  # an IME conversion is under way in the field
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Name, kana or phone number"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setStyleSheet(_LINKED_STYLE)
        # Whether a customer is linked, always in words beside the field (not colour alone).
        self.state = QLabel(self)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.unlink_button = QToolButton(self)
        self.unlink_button.setText("×")
        self.unlink_button.setToolTip(self.tr("Unlink the customer (Delete)"))
        self.unlink_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the field to the next field
        self.unlink_button.clicked.connect(self._unlink_by_user)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.unlink_button)
        layout.addWidget(self.state)
        self.setFocusProxy(self.edit)

        self.model = QStandardItemModel(self)
        # Not attached with setCompleter: the database does the matching, the completer only shows.
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setWidget(self.edit)
        self.completer.setMaxVisibleItems(12)
        self.completer.activated[QModelIndex].connect(self._picked)
        # Our filter goes on after the completer's own, so it sees Enter first (a filter installed
        # later runs earlier) and can pick the only match without a Down first.
        self.completer.popup().installEventFilter(self)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search)
        self.edit.textEdited.connect(self._typed)
        self.edit.textChanged.connect(lambda _t: self._show_state())
        self.edit.installEventFilter(self)
        self._show_state()

    # --- API -----------------------------------------------------------------------
    def customer_uid(self) -> str | None:
        return self._uid

    def text(self) -> str:
        return self.edit.text()

    def is_linked(self) -> bool:
        return self._uid is not None

    def state_text(self) -> str:
        """What the field says beside it: linked, not linked, or that the link was just removed."""
        return self.state.text()

    def set_customer(self, uid: str | None) -> None:
        """Show and hold one customer (None or "" clears); an unknown uid clears too."""
        self._timer.stop()
        self.completer.popup().hide()
        row = None
        if uid:
            try:
                row = self.repo.get(uid)
            except CustomerNotFound:
                row = None
        self._set_uid(None)  # editable while the text is put in
        self.edit.setText(customer_label(row, self.clock().date()) if row else "")
        self._set_uid(row["uid"] if row else None)

    def matches(self) -> list[str]:
        """The labels the popup offers now (tests and screen readers)."""
        return [self.model.item(r).text() for r in range(self.model.rowCount())]

    def search_now(self) -> None:
        """Run a pending search at once (e.g. before reading matches())."""
        self._timer.stop()
        self._search()

    # --- behaviour -------------------------------------------------------------------
    def _set_uid(self, uid: str | None) -> None:
        linked = uid is not None
        self.edit.setReadOnly(linked)
        self.edit.setClearButtonEnabled(not linked)  # the × beside the field unlinks instead
        self.edit.setProperty("linked", linked)
        self.edit.style().unpolish(self.edit)
        self.edit.style().polish(self.edit)
        changed = uid != self._uid
        self._uid = uid
        self._show_state()
        if changed:
            self.customer_changed.emit(uid or "")

    def _show_state(self, note: str | None = None) -> None:
        linked = self._uid is not None
        self.unlink_button.setVisible(linked)
        if note is not None:
            text = note
        elif linked:
            text = self.tr("Linked")
        elif self.edit.text().strip():
            text = self.tr("Not linked")
        else:
            text = ""
        self.state.setText(text)
        self.state.setVisible(bool(text))

    def _unlink_by_user(self) -> None:
        """An explicit unlink: the customer's label goes with the link, and the field says so."""
        if self._uid is None:
            return
        self._set_uid(None)
        self.edit.clear()
        self._show_state(self.tr("Link removed"))
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _typed(self, _text: str) -> None:
        self._set_uid(None)
        self._timer.start()

    def _search(self, *, show: bool = True) -> None:
        today = self.clock().date()
        rows = self.repo.search(self.edit.text(), limit=MAX_MATCHES)
        self.model.clear()
        for row in rows:
            item = QStandardItem(customer_label(row, today))
            item.setData(row["uid"], UID_ROLE)
            item.setEditable(False)
            self.model.appendRow(item)
        popup = self.completer.popup()
        if not rows:
            popup.hide()
        elif show and self.edit.hasFocus():
            self.completer.complete()
            popup.setCurrentIndex(QModelIndex())  # nothing chosen until Down or a click

    def _picked(self, index: QModelIndex) -> None:
        uid = index.data(UID_ROLE)
        label = index.data(Qt.ItemDataRole.DisplayRole)
        self._timer.stop()
        self.completer.popup().hide()
        self._set_uid(None)
        self.edit.setText(label)
        self._set_uid(uid)
        self._move_on()

    def _move_on(self) -> None:
        """A pick is done: the keyboard goes to the next field of the form, as Tab would take it."""
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edit.focusNextChild()

    def hideEvent(self, event) -> None:
        # A search typed just before the window closed must not run after it (the database may be gone).
        self._timer.stop()
        super().hideEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and self._uid is not None and event.type() == QEvent.Type.InputMethod \
                and event.commitString():
            # Japanese typed by an IME into a linked customer: the read-only field drops it; say how to unlink.
            self._show_state(self.tr("Linked — Delete to unlink"))
            return True
        if watched is self.edit and event.type() == QEvent.Type.InputMethod:
            self._composing = bool(event.preeditString())
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.edit and self._composing and key in (*_ENTER, Qt.Key.Key_Down):
            return True  # the IME's key (it converts or commits what is being typed): never a pick
        popup = self.completer.popup()
        if watched is popup and key in _ENTER and not popup.currentIndex().isValid():
            if self.model.rowCount() == 1:
                self._picked(self.model.index(0, 0))
                return True
            return False
        if watched is self.edit and self._uid is not None:
            return self._key_while_linked(event)
        if watched is self.edit and key == Qt.Key.Key_Down and not popup.isVisible():
            self.search_now()
            if self.model.rowCount():
                popup.setCurrentIndex(self.model.index(0, 0))
            return True
        if watched is self.edit and key in _ENTER and self.edit.text().strip():
            # Enter straight after typing: the only match is taken; several are offered to choose.
            self.search_now()
            if self.model.rowCount() == 1:
                self._picked(self.model.index(0, 0))
            return True
        return super().eventFilter(watched, event)

    def _key_while_linked(self, event) -> bool:
        """Keys in the read-only field of a linked customer: unlink on purpose, move on, or be told how."""
        key = event.key()
        plain = not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
        if key in _UNLINK_KEYS and plain:
            self._unlink_by_user()
            return True
        if key in _ENTER and event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.NoModifier:
            self._move_on()
            return True
        if plain and event.text() and event.text().isprintable():
            # Typed into a linked customer (e.g. the next field's text): kept linked, and told how to change it.
            self._show_state(self.tr("Linked — Delete to unlink"))
            return True
        return False
