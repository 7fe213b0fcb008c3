"""The date and date-time fields: plain text the IME never fights, read as said on the phone (15時, 明日, R7.4.1),
with what was understood shown beside them; and how stored dates are displayed."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from agency_app.domain.date_input import (
    Reading, canonical_date, canonical_datetime, read_date, read_datetime,
)
from agency_app.domain.errors import FieldError
from agency_app.domain.periods import now_tokyo
from agency_app.ui.kit.messages import field_error_text
from agency_app.ui.kit.widgets import ERROR_COLOUR

HINT_COLOUR = "#555555"  # grey, but dark enough to read (contrast ≥ 4.5:1 on white)

translate = QCoreApplication.translate  # lupdate finds translate("Widgets", "literal")


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
