"""アンケート種別… (managers): each survey's scale — n grades, the best k satisfied, their labels, whether it asks 0–10."""

from __future__ import annotations

import re

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QFormLayout, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSpinBox,
    QVBoxLayout, QWidget,
)

from agency_app.domain.errors import ValidationFailed
from agency_app.domain.periods import now_tokyo
from agency_app.domain.surveys import SurveyType
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kit.widgets import Banner, FieldBox, clear_field_errors, save_cancel_row, show_field_errors
from agency_app.ui.kpi import survey_texts

CODE_ROLE = Qt.ItemDataRole.UserRole
LABEL_SEPARATORS = re.compile(r"\s*[/／、,，]\s*")   # labels typed in one line: 満足 / やや満足 / 普通 …


def split_labels(text: str) -> tuple[str, ...]:
    return tuple(part for part in LABEL_SEPARATORS.split(text.strip()) if part)


class SurveyTypesDialog(QDialog):
    """The surveys on the left; the chosen one's scale on the right. 保存 (Ctrl+Enter) writes the one shown (the
    storage refuses anyone but a manager); 新しい種別 starts a new one with its own code."""

    def __init__(self, ops, staff_uid: str, *, clock=now_tokyo, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.clock = ops, staff_uid, clock
        self.setWindowTitle(self.tr("Survey types"))
        self.version: int | None = None
        self.list = QListWidget(self)
        self.code = QLineEdit(self)
        self.name = QLineEdit(self)
        self.scale_n = QSpinBox(self)
        self.scale_n.setRange(2, 11)
        self.top_k = QSpinBox(self)
        self.top_k.setRange(1, 10)
        self.grade_labels = QLineEdit(self)
        self.grade_labels.setPlaceholderText(self.tr("best first, e.g. 満足 / やや満足 / 普通 / やや不満 / 不満"))
        self.question = QLineEdit(self)
        self.asks = QCheckBox(self.tr("Asks the 0–10 score (NPS)"), self)
        self.active = QCheckBox(self.tr("In use (offered for new answers)"), self)
        self.boxes = {name: FieldBox(widget, self) for name, widget in (
            ("code", self.code), ("name", self.name), ("scale_n", self.scale_n), ("top_k", self.top_k),
            ("grade_labels", self.grade_labels), ("question", self.question))}
        self.banner = Banner(self)
        form = QFormLayout()
        for name, caption in (("code", self.tr("Code")), ("name", self.tr("&Name")),
                              ("scale_n", self.tr("&Grades (n)")), ("top_k", self.tr("&Satisfied: the best k")),
                              ("grade_labels", self.tr("&Labels")), ("question", self.tr("&Question"))):
            form.addRow(caption, self.boxes[name])
        form.addRow("", self.asks)
        form.addRow("", self.active)
        self.new_button = QPushButton(self.tr("Ne&w survey type"), self)
        self.save_button, self.close_button, buttons = save_cancel_row(
            self, self.save, save_text=self.tr("Save (Ctrl+Enter)"), cancel_text=self.tr("Close"))
        buttons.insertWidget(0, self.new_button)
        right = QVBoxLayout()
        right.addWidget(self.banner)
        right.addLayout(form)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self.list.currentItemChanged.connect(lambda item, _old: item and self._show(item.data(CODE_ROLE)))
        self.new_button.clicked.connect(self.new_type)
        self._fill()
        fit_to_screen(self, QSize(760, 420))

    def _fill(self, select: str | None = None) -> None:
        rows = self.ops.read.surveys.type_rows()
        self.list.clear()
        for row in rows:
            item = QListWidgetItem(row["name"] if row["active"] else self.tr("{name} (not in use)").format(
                name=row["name"]))
            item.setData(CODE_ROLE, row["code"])
            self.list.addItem(item)
        codes = [row["code"] for row in rows]
        if codes:
            self.list.setCurrentRow(codes.index(select) if select in codes else 0)

    def _show(self, code: str) -> None:
        row = next(r for r in self.ops.read.surveys.type_rows() if r["code"] == code)
        survey_type = self.ops.read.surveys.type_of(code)
        clear_field_errors(self.boxes, self.banner)
        self.version = row["version"]
        self.code.setText(code)
        self.code.setReadOnly(True)
        self.name.setText(survey_type.name)
        self.scale_n.setValue(survey_type.scale_n)
        self.top_k.setValue(survey_type.top_k)
        self.grade_labels.setText(" / ".join(survey_type.grade_labels))
        self.question.setText(survey_type.question)
        self.asks.setChecked(survey_type.asks_recommendation)
        self.active.setChecked(bool(row["active"]))

    def new_type(self) -> None:
        """A new survey: its code typed once (it names the survey in the answers), the rest as for any other."""
        self.list.clearSelection()
        self.version = None
        for field in (self.code, self.name, self.grade_labels, self.question):
            field.clear()
        self.code.setReadOnly(False)
        self.scale_n.setValue(5)
        self.top_k.setValue(2)
        self.asks.setChecked(True)
        self.active.setChecked(True)
        self.code.setFocus()

    def survey_type(self) -> SurveyType:
        return SurveyType(self.code.text().strip(), self.name.text(), self.scale_n.value(), self.top_k.value(),
                          split_labels(self.grade_labels.text()), self.asks.isChecked(), self.question.text())

    def save(self) -> None:
        survey_type, active, by, now, version = (self.survey_type(), self.active.isChecked(), self.staff_uid,
                                                 self.clock(), self.version)
        clear_field_errors(self.boxes, self.banner)
        self.ops.write(self, lambda data: data.surveys.save_type(survey_type, active=active, by=by, now=now,
                                                                 expected_version=version)) \
            .success(self._saved).failure(self._refused).run()

    def _saved(self, code: str) -> None:
        self._fill(select=code)
        self.banner.show_message(self.tr("Saved."), "info")

    def _refused(self, error: Exception) -> None:
        if isinstance(error, ValidationFailed):
            problems = [type(e)(e.field, e.code, dict(e.params or {}, text=survey_texts.error_text(e)))
                        for e in error.errors]
            show_field_errors(problems, self.boxes, self.banner)
            loose = [p for p in problems if p.field not in self.boxes]   # the check boxes: named as on screen
            if loose:
                self.banner.show_message("\n".join(f"{survey_texts.field_name(p.field)}: {p.params['text']}"
                                                   for p in loose))
            return
        self.banner.show_message(survey_texts.message(error))
