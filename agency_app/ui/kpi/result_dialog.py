"""「実績・コメント…」: a hand KPI's value and a result's 【数値・事実】 / 【評価】, prefilled with the drafts."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QVBoxLayout, QWidget)

from agency_app.domain.kpi_texts import period_text, target_text
from agency_app.ui.kit.messages import known_error_text
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kit.scrolling_form import FieldScroll
from agency_app.ui.kit.widgets import save_cancel_row


def drafts_of(row, cell) -> tuple[str, str]:
    """The two drafts of a result, as the board drafted them from its figures (the sheet prints the same)."""
    return cell.draft_facts, cell.draft_evaluation


def plain_number(value) -> str:
    """A hand value as typed back into its field: '82.5', never '8.25E+1'."""
    return "" if value is None else format(value, "f")


class ResultDialog(QDialog):
    """Saves the hand value (when the KPI is typed by hand) and the two texts; a text left as its draft is
    stored empty, so the draft keeps following the figures."""

    def __init__(self, ops: Operations, staff_uid: str, row, cell, *, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.row, self.cell = ops, staff_uid, row, cell
        self.draft_facts, self.draft_evaluation = drafts_of(row, cell)
        self.setWindowTitle(self.tr("Result and comments: {title}").format(title=row.title))
        heading = QLabel(self.tr("{title} — {period} (target {target})").format(
            title=row.title, period=period_text(cell.period), target=target_text(row.target)), self)
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)

        form = QFormLayout()
        fields = self  # the form's widgets are re-parented into the scroll area
        self.value_edit = None
        if cell.hand:
            self.value_edit = QLineEdit(plain_number(cell.current), fields)
            self.value_edit.setPlaceholderText(self.tr("Empty: no data"))
            metrics = self.value_edit.fontMetrics()   # the hint whole, and room for '100.000'
            self.value_edit.setMinimumWidth(max(metrics.horizontalAdvance(self.value_edit.placeholderText()),
                                                metrics.horizontalAdvance("0" * 10)) + 24)
            row_widget = QWidget(fields)
            value_row = QHBoxLayout(row_widget)
            value_row.setContentsMargins(0, 0, 0, 0)
            value_row.addWidget(self.value_edit)
            value_row.addWidget(QLabel(row.target.unit, row_widget))
            value_row.addStretch(1)
            label = QLabel(self.tr("&Result"), fields)
            label.setBuddy(self.value_edit)
            form.addRow(label, row_widget)
        self.facts_edit = QPlainTextEdit(cell.facts, fields)
        self.evaluation_edit = QPlainTextEdit(cell.evaluation, fields)
        for edit in (self.facts_edit, self.evaluation_edit):
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(90)
        for text, edit in ((self.tr("[Figures and &facts]"), self.facts_edit),
                           (self.tr("[E&valuation]"), self.evaluation_edit)):
            label = QLabel(text, fields)
            label.setBuddy(edit)
            form.addRow(label, edit)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("QLabel { color: #a61b1b; font-weight: bold; }")
        self.error.hide()

        self.draft_button = QPushButton(self.tr("Back to the &drafts"), self)
        self.draft_button.setAutoDefault(False)
        self.draft_button.clicked.connect(self.back_to_drafts)
        self.save_button, self.cancel_button, buttons = save_cancel_row(
            self, self.save, save_text=self.tr("Save (Ctrl+Enter)"), cancel_text=self.tr("Cancel"))
        buttons.insertWidget(0, self.draft_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(FieldScroll(form, self), 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        fit_to_screen(self, QSize(720, 520))
        (self.value_edit or self.facts_edit).setFocus()

    def back_to_drafts(self) -> None:
        """下書きに戻す: both texts as the application drafts them from the figures (typed text is replaced)."""
        self.facts_edit.setPlainText(self.draft_facts)
        self.evaluation_edit.setPlainText(self.draft_evaluation)

    def save(self) -> None:
        """Write the changes through the KPI repository; a refusal is said above the buttons and nothing is lost."""
        uid, period, by = self.row.uid, self.cell.period, self.staff_uid
        value = None
        if self.value_edit is not None and self.value_edit.text().strip() != plain_number(self.cell.current):
            value = self.value_edit.text().strip()
        facts, evaluation = self.facts_edit.toPlainText().strip(), self.evaluation_edit.toPlainText().strip()
        # A text equal to its draft is stored empty: the draft then follows later changes of the figures.
        facts = "" if facts == self.draft_facts.strip() else facts
        evaluation = "" if evaluation == self.draft_evaluation.strip() else evaluation

        def write(data) -> None:
            if value is not None:
                data.kpis.set_hand_value(uid, period, value, by)
            data.kpis.set_texts(uid, period, facts, evaluation, by)
        self.save_button.setEnabled(False)
        self.ops.write(self, write).success(lambda _result: self.accept()).failure(self._refused).run()

    def _refused(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(known_error_text(error))
        self.error.show()
        target = self.value_edit if getattr(error, "errors", None) and self.value_edit is not None and \
            any(getattr(e, "field", "") in ("value", "hand_value") for e in error.errors) else None
        if target is not None:
            target.setFocus()
