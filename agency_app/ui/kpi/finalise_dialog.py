"""Finalising (確定) a period of the year's KPIs and unfreezing one with a reason (issue 11 point 7)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLayout, QPlainTextEdit, QVBoxLayout, QWidget

from agency_app.domain import kpi_freeze
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.kpi_periods import finalisable_periods, within
from agency_app.domain.periods import Period
from agency_app.ui.kit.messages import field_error_text, known_error_text
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kit.widgets import Banner, FieldBox, clear_field_errors, save_cancel_row, show_field_errors


def period_choice_text(period: Period) -> str:
    """'上期（2025/04/01〜2025/09/30）': which period, and its days."""
    name = {"year": "年度", "half": "上期" if period.number == 1 else "下期"}.get(period.kind, f"Q{period.number}")
    return f"{name}（{period.start:%Y/%m/%d}〜{period.end:%Y/%m/%d}）"


class _PeriodDialog(QDialog):
    """What finalising and unfreezing share: no ? button, a banner on top and the save and cancel buttons at the
    foot (`_lay_out`), a refusal said at its field with the save button back on."""

    def __init__(self, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)

    def _lay_out(self, parts: tuple[QWidget | QLayout, ...], save_text: str, cancel_text: str) -> None:
        self.banner = Banner(self)
        self.save_button, self.cancel_button, buttons = save_cancel_row(
            self, self.save, save_text=save_text, cancel_text=cancel_text)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        for part in parts:
            if isinstance(part, QLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        layout.addLayout(buttons)

    def save(self) -> None:
        raise NotImplementedError

    def _refused(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationFailed):
            show_field_errors(error.errors, self.boxes, self.banner)
        else:
            self.banner.show_message(known_error_text(error))


class FinaliseDialog(_PeriodDialog):
    """Pick 年度 / 上期 / 下期 / Q1–Q4 of the year; a period not yet ended (or already finalised) is refused here
    with the day it can be done, before anything is written. `finalise(period, done, refused)` does the work."""

    def __init__(self, fiscal_year: int, final_periods: list[Period], today: date,
                 finalise: Callable[[Period, Callable, Callable], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.fiscal_year, self.final_periods, self.today, self._finalise = fiscal_year, final_periods, today, finalise
        self.setWindowTitle(self.tr("Finalise a period ({year})").format(year=f"{fiscal_year}年度"))
        self.period = QComboBox(self)
        for period in finalisable_periods(fiscal_year):
            self.period.addItem(period_choice_text(period), period)
        first_open = next((i for i, p in enumerate(finalisable_periods(fiscal_year)) if self._problem(p) is None), 0)
        self.period.setCurrentIndex(first_open)
        self.box = FieldBox(self.period, self)
        self.boxes = {"period": self.box}
        note = QLabel(self.tr("Finalising freezes every result inside the period with today's date and your name. "
                              "A later change to the records is shown against the finalised figure."), self)
        note.setWordWrap(True)
        label = QLabel(self.tr("&Period"), self)
        label.setBuddy(self.period)
        form = QFormLayout()
        form.addRow(label, self.box)
        self._lay_out((note, form), self.tr("&Finalise (Ctrl+Enter)"), self.tr("Cancel"))
        self.period.currentIndexChanged.connect(lambda _i: self._say_problem())
        self._say_problem()
        fit_to_screen(self, QSize(520, 220))

    def chosen(self) -> Period:
        return self.period.currentData()

    def _problem(self, period: Period) -> FieldError | None:
        """Why `period` cannot be finalised today, or None (the storage checks the same again)."""
        already = any(within(period, final) for final in self.final_periods)
        try:
            kpi_freeze.check_finalise(period, self.today, "-", already_final=already)
        except ValidationFailed as failed:
            return failed.errors[0]
        return None

    def _say_problem(self) -> bool:
        """Say under the period whether it can be finalised today; True when it can."""
        clear_field_errors(self.boxes, self.banner)
        problem = self._problem(self.chosen())
        if problem is not None:
            self.box.set_error(field_error_text(problem))
        return problem is None

    def save(self) -> None:
        if not self._say_problem():
            self.period.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.save_button.setEnabled(False)
        self._finalise(self.chosen(), self._done, self._refused)

    def _done(self, _result=None) -> None:
        self.accept()


class UnfreezeDialog(_PeriodDialog):
    """Pick a finalised period and say why it is reopened; the reason is required and kept in the history.
    `unfreeze(period, reason, done, refused)` does the work."""

    def __init__(self, final_periods: list[Period], unfreeze: Callable, parent: QWidget | None = None):
        super().__init__(parent)
        self._unfreeze = unfreeze
        self.setWindowTitle(self.tr("Unfreeze a period"))
        self.period = QComboBox(self)
        for period in final_periods:
            self.period.addItem(f"{period.fiscal_year}年度 {period_choice_text(period)}", period)
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(self.tr("Required: why the finalised figures must change"))
        self.boxes = {"period": FieldBox(self.period, self), "reason": FieldBox(self.reason, self)}
        form = QFormLayout()
        for name, text in (("period", self.tr("&Period")), ("reason", self.tr("&Reason"))):
            label = QLabel(text, self)
            label.setBuddy(self.boxes[name].field)
            form.addRow(label, self.boxes[name])
        self._lay_out((form,), self.tr("&Unfreeze (Ctrl+Enter)"), self.tr("Cancel"))
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
        fit_to_screen(self, QSize(520, 280))

    def save(self) -> None:
        clear_field_errors(self.boxes, self.banner)
        period = self.period.currentData()
        if period is None:
            self.boxes["period"].set_error(field_error_text(FieldError("period", kpi_freeze.NOT_FINAL)))
            return
        self.save_button.setEnabled(False)
        self._unfreeze(period, self.reason.toPlainText(), self.accept, self._refused)
