"""Small input widgets shared by the forms: searchable combos, error slots under fields, a banner."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFocusEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QCompleter, QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

QWIDGETSIZE_MAX = (1 << 24) - 1

from agency_app.domain.errors import FieldError
from agency_app.ui.kit.messages import field_error_text, field_label

ERROR_COLOUR = "#b71c1c"


translate = QCoreApplication.translate  # lupdate finds translate("Context", "literal")


CODE_ROLE = Qt.ItemDataRole.UserRole
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace(" ", "").replace("\u3000", "")


class ChoiceCombo(QComboBox):
    """A combo staff can search by typing any part of a label (Japanese via the IME, or kana for names).

    Editable so the IME works; the typed text is resolved to a code on leaving the field.
    """

    def __init__(self, parent: QWidget | None = None, *, free_text: bool = False):
        super().__init__(parent)
        # e.g. an insurer not yet in the list: text matching no single choice is kept as typed
        self.free_text = free_text
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.editTextChanged.connect(self.setToolTip)  # long category names are cut in the field

    def set_choices(self, choices: list[tuple[str, str]], *, allow_empty: bool = False,
                    search: dict[str, str] | None = None) -> None:
        """(code, label) pairs; `search` adds text a code can be found by (e.g. a name's kana)."""
        current = self.code() if self.count() else ""
        typed = self.currentText()
        self.blockSignals(True)
        self.clear()
        if allow_empty:
            self.addItem("", "")
        for code, label in choices:
            self.addItem(label, code)
            self.setItemData(self.count() - 1, _key(label + (search or {}).get(code, "")), SEARCH_ROLE)
        self.blockSignals(False)
        self.set_value(typed if current is None else current)

    def set_code(self, code: str, label: str | None = None) -> None:
        """Select `code`; a code no longer offered (old record) is added so it stays valid."""
        index = self.findData(code, CODE_ROLE)
        if index < 0 and code:
            self.addItem(label or code, code)
            self.setItemData(self.count() - 1, _key(label or code), SEARCH_ROLE)
            index = self.count() - 1
        if index < 0:
            self.setEditText("")
            return
        self.setCurrentIndex(index)
        self.setEditText(self.itemText(index))

    def set_value(self, value: str) -> None:
        """Restore a saved code_or_text(): a known code is selected, anything else shown as typed."""
        index = self.findData(value, CODE_ROLE)
        if index >= 0 and value:
            self.set_code(value)
        else:
            self.setEditText(value)

    def _match(self) -> int:
        text = self.currentText()
        if not text.strip():
            return -2  # empty
        # Two staff can share a name: the row actually selected wins over the first row with that label.
        if self.currentIndex() >= 0 and self.itemText(self.currentIndex()) == text:
            return self.currentIndex()
        exact = self.findText(text, Qt.MatchFlag.MatchExactly)
        if exact >= 0:
            return exact
        key = _key(text)
        hits = [i for i in range(self.count())
                if key and key in (self.itemData(i, SEARCH_ROLE) or _key(self.itemText(i)))]
        return hits[0] if len(hits) == 1 else -1

    def code(self) -> str | None:
        """The chosen code; '' when empty; None when the typed text matches no single choice."""
        index = self._match()
        if index == -2:
            return ""
        if index == -1:
            return self.currentText().strip() if self.free_text else None
        return self.itemData(index, CODE_ROLE) or ""

    def code_or_text(self) -> str:
        """The code, or the raw text when unresolved (the domain then says 'choose from the list')."""
        code = self.code()
        return self.currentText().strip() if code is None else code

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        index = self._match()  # show the whole label of what the typed part matched
        if index >= 0 and self.currentText() != self.itemText(index):
            self.setCurrentIndex(index)
            self.setEditText(self.itemText(index))


class FieldBox(QWidget):
    """A field with its error line under it; the error also draws a red frame (text, not colour alone)."""

    def __init__(self, field: QWidget, parent: QWidget | None = None, *, hint_below: bool = False):
        super().__init__(parent)
        self.field = field
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.frame = QFrame(self)
        self.frame.setObjectName("fieldFrame")
        inner = QVBoxLayout(self.frame)
        inner.setContentsMargins(2, 2, 2, 2)
        inner.addWidget(field)
        if field.maximumWidth() < QWIDGETSIZE_MAX:
            # A narrow field (a date): the red frame hugs it instead of running to the column's end.
            row = QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            hint = getattr(field, "hint", None)
            # the field stays level with its label however many lines the hint beside it takes
            row.addWidget(self.frame, 0, Qt.AlignmentFlag.AlignTop)
            if isinstance(hint, QLabel):  # a date field says what it understood beside itself
                # in the room the row has: a long reason must never widen the form past the screen
                hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
                if hint_below:  # a narrow column: under the field, on one line, rather than a letter a line beside it
                    row.addStretch(1)
                else:
                    row.addWidget(hint, 1)
                hint.show()
                # Retyped after a refusal: the hint now speaks for the new text, so the old reason goes
                # (textEdited: typing only — leaving the field tidies the text without correcting it).
                field.textEdited.connect(lambda _text: self.clear_error())
            else:
                row.addStretch(1)
            layout.addLayout(row)
            if hint_below and isinstance(hint, QLabel):
                layout.addWidget(hint)
        else:
            layout.addWidget(self.frame)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.hide()
        layout.addWidget(self.error)

    def set_error(self, text: str) -> None:
        self.error.setText("⚠ " + text)
        self.error.show()
        self.frame.setStyleSheet(f"#fieldFrame {{ border: 2px solid {ERROR_COLOUR}; border-radius: 3px; }}")
        self.field.setAccessibleDescription(text)
        hint = getattr(self.field, "hint", None)
        if isinstance(hint, QLabel) and ERROR_COLOUR in hint.styleSheet():
            hint.clear()  # the same reason is now under the field: once is enough

    def clear_error(self) -> None:
        if self.error.isVisible() or self.frame.styleSheet():
            self.error.hide()
            self.error.clear()
            self.frame.setStyleSheet("")
            self.field.setAccessibleDescription("")

    def has_error(self) -> bool:
        return not self.error.isHidden()


class Banner(QLabel):
    """A message strip at the top of a form: errors that are not about one field, and notices."""

    STYLES = {
        "error": "background: #fdecea; color: #8a1c1c; border: 1px solid #e0a3a3;",
        "info": "background: #e8f1fb; color: #123a63; border: 1px solid #a9c6e6;",
        "warning": "background: #fff6e0; color: #5c4400; border: 1px solid #e6cf8f;",
    }

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, text: str, kind: str = "error") -> None:
        self.setStyleSheet(self.STYLES[kind] + " padding: 6px; border-radius: 3px;")
        self.setText(text)
        self.show()

    def clear_message(self) -> None:
        self.clear()
        self.hide()


def clear_field_errors(boxes: dict[str, FieldBox], banner: Banner) -> None:
    banner.clear_message()
    for box in boxes.values():
        box.clear_error()


def show_field_errors(errors: list[FieldError], boxes: dict[str, FieldBox], banner: Banner,
                      summary: str = "") -> None:
    """Each message at its field, the first bad field (in form order) focused; the rest in the banner.

    `params["text"]` overrides the message of a code only the form knows (e.g. "code already used").
    """
    order = list(boxes)
    errors = sorted(errors, key=lambda e: order.index(e.field) if e.field in order else len(order))
    first, loose = None, []
    for error in errors:
        text = error.params.get("text") or field_error_text(error)
        box = boxes.get(error.field)
        if box is None or box.isHidden():
            loose.append(f"{field_label(error.field)}: {text}")
            continue
        box.set_error(text)
        first = first or box.field
    if loose:
        banner.show_message("\n".join(loose))
    elif first is not None and summary:
        banner.show_message(summary)
    if first is not None:
        first.setFocus(Qt.FocusReason.OtherFocusReason)


def confirm_discard(parent: QWidget) -> bool:
    """Ask before typed text is thrown away; the safe answer (back to the input) is the default."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(translate("Widgets", "Discard entry?"))
    box.setText(translate("Widgets", "Discard what you have typed?"))
    box.setInformativeText(translate("Widgets", "The text you typed will be lost."))
    discard = box.addButton(translate("Widgets", "Discard"), QMessageBox.ButtonRole.DestructiveRole)
    back = box.addButton(translate("Widgets", "Back to input"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.exec()
    return box.clickedButton() is discard


def without_enter_default(*buttons) -> None:
    """Enter must never save by accident (staff press Enter to confirm the IME); only Ctrl+Enter saves."""
    for button in buttons:
        button.setAutoDefault(False)
        button.setDefault(False)


def save_cancel_row(dialog: QWidget, save, *, save_text: str, cancel_text: str) -> tuple[QPushButton, QPushButton,
                                                                                          QHBoxLayout]:
    """A dialog's 保存 and キャンセル at the right: Ctrl+Enter saves from anywhere in it, Enter never does (it
    confirms the IME), Esc cancels. Returns the two buttons and their row."""
    save_button, cancel_button = QPushButton(save_text, dialog), QPushButton(cancel_text, dialog)
    without_enter_default(save_button, cancel_button)
    save_button.clicked.connect(save)
    cancel_button.clicked.connect(dialog.reject)
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(keys), dialog, save)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(save_button)
    row.addWidget(cancel_button)
    return save_button, cancel_button, row
