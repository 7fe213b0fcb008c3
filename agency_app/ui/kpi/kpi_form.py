"""The form of one KPI (issue 11 point 1): principle, title, description, target, unit, direction, period, precision and source."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget,
)

from agency_app.domain import kpi, kpi_measures
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.kpi_definition import KpiInput
from agency_app.storage.kpis import LOCKED_WHEN_FROZEN
from agency_app.ui.kit.messages import known_error_text
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kit.scrolling_form import FieldScroll
from agency_app.ui.kit.widgets import Banner, FieldBox, clear_field_errors, save_cancel_row, show_field_errors
from agency_app.ui.kpi import kpi_form_texts as texts

ORDER = ("principle", "title", "description", "target", "unit", "direction", "period", "places", "source",
         "param")


class KpiFormDialog(QDialog):
    """A new KPI of `fiscal_year` (row None) or an edit of `row` (a KpiRepository.list() row); emits saved(uid).
    A refused save keeps the dialog open with everything typed and each reason under its field."""

    saved = Signal(str)

    def __init__(self, ops: Operations, staff_uid: str, fiscal_year: int, row: dict | None = None, *,
                 survey_types: list[tuple[str, str]] = (), parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.fiscal_year, self.row = ops, staff_uid, fiscal_year, row
        self.survey_types = list(survey_types)
        self.setWindowTitle(self.tr("Edit KPI ({year})") if row else self.tr("New KPI ({year})"))
        self.setWindowTitle(self.windowTitle().format(year=f"{fiscal_year}年度"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self._build()
        if row is not None:
            self._load(row)
        fit_to_screen(self, QSize(640, 620))

    # --- building ---------------------------------------------------------------
    def _build(self) -> None:
        w = self.inputs = {
            "principle": QComboBox(self), "title": QLineEdit(self), "description": QPlainTextEdit(self),
            "target": QLineEdit(self), "unit": QComboBox(self), "direction": QComboBox(self),
            "period": QComboBox(self), "places": QSpinBox(self), "source": QComboBox(self), "param": QComboBox(self),
        }
        for number in kpi.PRINCIPLES:
            w["principle"].addItem(texts.principle_text(number), number)
        w["principle"].setCurrentIndex(-1)
        w["title"].setPlaceholderText(self.tr("Required: e.g. early renewal rate"))
        w["description"].setTabChangesFocus(True)
        w["description"].setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        w["target"].setPlaceholderText(self.tr("e.g. 80 or 80.5"))
        w["unit"].addItem(self.tr("(choose)"), "")
        for unit in kpi.UNITS:
            w["unit"].addItem(unit, unit)
        for code, label in texts.direction_choices():
            w["direction"].addItem(label, code)
        for code, label in texts.period_choices():
            w["period"].addItem(label, code)
        w["places"].setRange(0, kpi.MAX_PLACES)
        w["places"].setValue(1)
        w["source"].addItem(kpi_measures.label_ja(kpi_measures.HAND), kpi_measures.HAND)
        for measure in kpi_measures.MEASURES:
            w["source"].addItem(measure.name_ja, measure.code)
        self.boxes = {name: FieldBox(widget, self) for name, widget in w.items()}
        labels = {
            "principle": self.tr("&Principle"), "title": self.tr("&Title"), "description": self.tr("D&escription"),
            "target": self.tr("T&arget"), "unit": self.tr("&Unit"), "direction": self.tr("Di&rection"),
            "period": self.tr("Peri&od"), "places": self.tr("Decimal p&laces"), "source": self.tr("&Source"),
            "param": self.tr("Source detai&l"),
        }
        form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        for name in ORDER:
            label = QLabel(labels[name], self)
            label.setBuddy(w[name])
            self.labels[name] = label
            form.addRow(label, self.boxes[name])
        self.banner = Banner(self)
        self.save_button, self.cancel_button, buttons = save_cancel_row(
            self, self.save, save_text=self.tr("Save (Ctrl+Enter)"), cancel_text=self.tr("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(FieldScroll(form, self), 1)
        layout.addLayout(buttons)
        w["source"].currentIndexChanged.connect(lambda _i: self._source_chosen())
        self._fill_params()
        for first, second in zip(ORDER, ORDER[1:]):
            QWidget.setTabOrder(w[first], w[second])
        QWidget.setTabOrder(w["param"], self.save_button)
        w["principle"].setFocus(Qt.FocusReason.OtherFocusReason)

    def _load(self, row: dict) -> None:
        w = self.inputs
        w["source"].blockSignals(True)
        for name, value in (("principle", row["principle"]), ("unit", row["unit"]), ("direction", row["direction"]),
                            ("period", row["period"]), ("source", row["source"])):
            w[name].setCurrentIndex(max(0, w[name].findData(value)))
        w["source"].blockSignals(False)
        self._fill_params()
        w["param"].setCurrentIndex(max(0, w["param"].findData(row["source_param"] or "")))
        w["title"].setText(row["title"])
        w["description"].setPlainText(row["description"] or "")
        w["target"].setText(row["target"])
        w["places"].setValue(row["places"])
        if row.get("frozen"):
            # A published figure keeps the target and source it was judged by (the storage refuses it too).
            for name in LOCKED_WHEN_FROZEN:
                w["param" if name == "source_param" else name].setEnabled(False)
            self.banner.show_message(self.tr("A result of this KPI is finalised: only the title, principle and "
                                             "description can change. Unfreeze the period to change the rest."),
                                     "info")

    def _fill_params(self) -> None:
        """The source detail's choices follow the source; a source without one leaves it empty and off."""
        combo = self.inputs["param"]
        choices = texts.param_choices(self.inputs["source"].currentData(), self.survey_types)
        combo.clear()
        for code, label in choices or ():
            combo.addItem(label, code)
        combo.setEnabled(choices is not None)

    def _source_chosen(self) -> None:
        """A measure fills its unit, direction and precision (the unit must be the measure's anyway)."""
        self._fill_params()
        found = kpi_measures.BY_CODE.get(self.inputs["source"].currentData())
        if found is None:
            return
        self.inputs["unit"].setCurrentIndex(self.inputs["unit"].findData(found.unit))
        self.inputs["direction"].setCurrentIndex(self.inputs["direction"].findData(found.direction))
        self.inputs["places"].setValue(found.places)
        for name in ("unit", "direction", "places"):
            self.boxes[name].clear_error()

    # --- saving -----------------------------------------------------------------
    def entry(self) -> KpiInput:
        w = self.inputs
        principle = w["principle"].currentData()
        return KpiInput(fiscal_year=self.fiscal_year, principle=principle if principle is not None else 0,
                        title=w["title"].text(), description=w["description"].toPlainText(),
                        target=w["target"].text(), unit=w["unit"].currentData() or "",
                        direction=w["direction"].currentData(), period=w["period"].currentData(),
                        places=w["places"].value(), source=w["source"].currentData(),
                        source_param=w["param"].currentData() or None)

    def save(self) -> None:
        clear_field_errors(self.boxes, self.banner)
        entry, by = self.entry(), self.staff_uid
        if self.row is None:
            work = lambda s: s.kpis.create(entry, by)  # noqa: E731
        else:
            uid, version = self.row["uid"], self.row["version"]
            work = lambda s: (s.kpis.update(uid, entry, by, expected_version=version), uid)[1]  # noqa: E731
        self.save_button.setEnabled(False)
        self.ops.write(self, work).success(self._saved).failure(self._refused) \
            .always(lambda: self.save_button.setEnabled(True)).run()

    def _saved(self, uid: str) -> None:
        self.saved.emit(uid)
        self.accept()

    def _refused(self, error: Exception) -> None:
        if isinstance(error, ValidationFailed):
            errors = [e if e.field != "source_param" else type(e)("param", e.code, e.params) for e in error.errors]
            show_field_errors(errors, self.boxes, self.banner)
            return
        self.banner.show_message(known_error_text(error))

    def field_text(self, name: str) -> str:
        """The message under a field ('' when none), for tests and screen readers."""
        box = self.boxes[name]
        return box.error.text().removeprefix("⚠ ") if box.has_error() else ""

