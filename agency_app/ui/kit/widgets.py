"""Small input widgets shared by the forms: IME-friendly date fields, searchable combos, error slots, a banner."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QComboBox, QCompleter, QFrame, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QSizePolicy, QVBoxLayout, QWidget,
)

QWIDGETSIZE_MAX = (1 << 24) - 1

from agency_app.domain.date_input import (
    Reading, canonical_date, canonical_datetime, read_date, read_datetime,
)
from agency_app.domain.errors import FieldError
from agency_app.domain.periods import now_tokyo
from agency_app.ui.kit.messages import field_error_text, field_label

ERROR_COLOUR = "#b71c1c"
HINT_COLOUR = "#555555"  # grey, but dark enough to read (contrast ≥ 4.5:1 on white)


translate = QCoreApplication.translate  # lupdate finds translate("Context", "literal")


def normalise_date_text(text: str) -> str:
    """Typed date text → '2025/04/01 09:30' shape: full-width digits (IME) and 年月日時分 accepted."""
    text = unicodedata.normalize("NFKC", text)
    for old, new in (("年", "/"), ("月", "/"), ("日", " "), ("時", ":"), ("分", ""), (".", "/")):
        text = text.replace(old, new)
    text = re.sub(r"\s+", " ", text).strip()
    if text.endswith(":"):  # 「9時」 means 9:00
        text += "00"
    return text


def display_datetime(stored: str | None) -> str:
    """Storage form '2025-04-01 09:30' → '2025/04/01 09:30' (how DOMAIN says dates are shown)."""
    return (stored or "").replace("-", "/")


def display_date(stored: str | None) -> str:
    return (stored or "")[:10].replace("-", "/")


class DateTimeEdit(QLineEdit):
    """A plain line edit for a date-time as said on the phone ('15時', '明日 10時', '+2h', '2025/04/01 09:30').

    Plain text so the IME is never fought. What was understood is repeated in `hint` (placed beside the field
    by FieldBox) while typing; leaving the field turns a valid entry into the canonical '2025/04/01 09:30',
    so a relative entry ('15時') is fixed to its day and never re-read later (drafts keep value()).
    `clock` gives Tokyo local time; `roll_forward` (call-backs) makes a time already past mean tomorrow.
    """

    def __init__(self, parent: QWidget | None = None, *, with_time: bool = True, clock=None,
                 roll_forward: bool = True):
        super().__init__(parent)
        self.with_time, self.roll_forward = with_time, roll_forward
        self.clock = clock if clock is not None else now_tokyo
        self.setPlaceholderText(translate("Widgets", "e.g. 15:00 / tomorrow 10:00 / +2h") if with_time
                                else translate("Widgets", "e.g. 4/1 / R7.4.1 / tomorrow"))
        self._fit_width()
        # Beside the field: what was understood (grey) or why not (error colour). Hidden until FieldBox puts
        # it into its row (a field outside a FieldBox simply has no hint; it must not sit over the text).
        self.hint = QLabel(self)
        self.hint.hide()
        self.hint.setObjectName("dateHint")
        self.hint.setContentsMargins(2, 0, 12, 0)  # apart from whatever a form puts next (the age, say)
        self.hint.setWordWrap(True)  # a reason longer than the room beside the field goes on a second line
        self.textChanged.connect(self._typed)
        self.editingFinished.connect(self._tidy)

    def reading(self) -> Reading:
        """What the text means now (see domain/date_input.py)."""
        now = self.clock()
        if self.with_time:
            return read_datetime(self.text(), now, roll_forward=self.roll_forward)
        return read_date(self.text(), now.date())

    def value(self) -> str:
        """The canonical text when the entry is understood, else the text as typed (the domain says why)."""
        reading = self.reading()
        return self._canonical(reading) if reading.ok else self.text().strip()

    def set_stored(self, stored: str | None) -> None:
        self.setText(display_datetime(stored) if self.with_time else display_date(stored))

    def _canonical(self, reading: Reading) -> str:
        return canonical_datetime(reading.value) if self.with_time else canonical_date(reading.value)

    def _typed(self) -> None:
        # While typing, a half-finished entry ('15', '2025/1') is not nagged about; a complete but
        # impossible one (2025/13/45, 25時) says why at once.
        self._show(self.reading(), finished=False)

    def _tidy(self) -> None:
        reading = self.reading()
        if reading.ok:
            tidy = self._canonical(reading)
            if tidy != self.text():
                self.setText(tidy)
        self._show(self.reading(), finished=True)

    def _show(self, reading: Reading, *, finished: bool) -> None:
        if reading.ok:
            self.hint.setStyleSheet(f"color: {HINT_COLOUR};")
            self.hint.setText("→ " + spoken_date(reading.value, self.clock().date()))
        elif self.text().strip() and (finished or not reading.unfinished):
            self.hint.setStyleSheet(f"color: {ERROR_COLOUR};")
            self.hint.setText(field_error_text(FieldError("", reading.code, reading.params)))
        else:
            self.hint.clear()


    def setPlaceholderText(self, text: str) -> None:
        super().setPlaceholderText(text)
        if hasattr(self, "with_time"):  # a form's own example (例: S31.2.29 …) must not be cut either
            self._fit_width()

    def _fit_width(self) -> None:
        """Wide enough for the canonical text and the placeholder in a Japanese UI font, never wider."""
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance("2025/04/01 09:30__" if self.with_time else "2025/04/01__"),
                     metrics.horizontalAdvance(self.placeholderText() + "_"))
        self.setMinimumWidth(widest + 16)
        self.setMaximumWidth(widest + metrics.horizontalAdvance("__") + 24)


class DateEdit(DateTimeEdit):
    """A date: '2025/04/01', '4/1', '明日', '+3d', and Japanese eras ('R7.4.1', '昭和15年3月2日', 'S15.3.2')."""

    def __init__(self, parent: QWidget | None = None, *, clock=None):
        super().__init__(parent, with_time=False, clock=clock)


def draft_text(field: QLineEdit) -> str:
    """What a draft keeps of a line edit: its text, but a date field's value() — '15時' typed today must
    not come back tomorrow as another day, even if the app stopped before the field was left."""
    return field.value() if isinstance(field, DateTimeEdit) else field.text()


def spoken_date(value: date | datetime, today: date) -> str:
    """How a date field repeats what it understood: '明日 12/06(日) 10:00', '2025/04/01(火)'.

    The weekday helps on the phone (「来週の火曜」); 今日 / 明日 / 昨日 say at once which day a bare time meant.
    """
    day = value.date() if isinstance(value, datetime) else value
    offset = (day - today).days
    words = {0: translate("Widgets", "Today"), 1: translate("Widgets", "Tomorrow"),
             -1: translate("Widgets", "Yesterday")}
    weekdays = (translate("Widgets", "Mon"), translate("Widgets", "Tue"), translate("Widgets", "Wed"),
                translate("Widgets", "Thu"), translate("Widgets", "Fri"), translate("Widgets", "Sat"),
                translate("Widgets", "Sun"))
    text = (day.strftime("%m/%d") if offset in words else canonical_date(day)) + f"({weekdays[day.weekday()]})"
    if isinstance(value, datetime):
        text += value.strftime(" %H:%M")
    return f"{words[offset]} {text}" if offset in words else text


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
