"""'Why is it 97?': the records behind a computed KPI result, read off the UI thread; Enter opens the one chosen."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from agency_app.domain.kpi_measures import BY_CODE
from agency_app.domain.kpi_texts import NO_DATA_JA, period_text
from agency_app.domain.periods import now_tokyo, to_tokyo
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kpi import dashboard_texts as T

translate = QCoreApplication.translate


def kind_label(kind: str) -> str:
    """The record kinds a measure counts, as staff name them."""
    return {"voice": translate("KpiDrillDown", "Voice"), "improvement": translate("KpiDrillDown", "Improvement"),
            "sale": translate("KpiDrillDown", "Elderly sale"), "customer": translate("KpiDrillDown", "Customer"),
            "survey_answer": translate("KpiDrillDown", "Survey answer"),
            "training": translate("KpiDrillDown", "Meeting / training"),
            "qualification": translate("KpiDrillDown", "Qualification")}.get(kind, kind)


def drill_rows(services, row, cell, branch: str | None, today: date):
    """(MeasureValue, [DrillRow]) of a computed result, on a reader connection (storage/kpi_measures); the
    numerator is how many records the list holds in full (for NPS its promoters and detractors)."""
    from agency_app.storage import kpi_measures as M
    value = M.compute(services.conn, row.source, row.source_param, cell.period, branch, today=today)
    if row.source == "nps":   # its numerator is promoters − detractors: not a number of records
        value = value._replace(numerator=M.listed_count(services.conn, row.source, row.source_param, cell.period,
                                                        branch, today=today))
    return value, M.records(services.conn, row.source, row.source_param, cell.period, branch, today=today)


class DrillDownDialog(QDialog):
    """The records behind one result: date, kind, what it is; Enter or a double-click opens the record."""

    open_record = Signal(str, str)

    def __init__(self, ops: Operations, row, cell, branch: str | None, *, clock=now_tokyo, parent=None):
        super().__init__(parent)
        self.row, self.cell = row, cell
        self.records: list = []
        self.setWindowTitle(self.tr("Why this figure: {title}").format(title=row.title))
        self.heading = QLabel(self.tr("{title} — {period}: {value}").format(
            title=row.title, period=period_text(cell.period), value=T.value_text(cell.value, row.target)), self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        measure = BY_CODE.get(row.source)
        self.counts = QLabel(self.tr("Counts: {what}").format(what=measure.counts_ja if measure else row.source_label),
                             self)
        self.counts.setWordWrap(True)
        self.figures = QLabel(self.tr("Reading the records…"), self)
        self.figures.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Kind"), self.tr("Record"), self.tr("Detail")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in (0, 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemDoubleClicked.connect(lambda _item: self.open_current())
        self.table.installEventFilter(self)
        self.open_button = QPushButton(self.tr("&Open the record"), self)
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_current)
        close = QPushButton(self.tr("Close"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.counts, self.figures):
            layout.addWidget(widget)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        fit_to_screen(self, QSize(860, 560))
        today = to_tokyo(clock()).date()
        ops.query(self, lambda data: drill_rows(data, row, cell, branch, today)).success(self._show) \
            .with_progress(self.tr("Reading the records…")).run()

    def _show(self, found) -> None:
        value, records = found
        self.records = list(records)
        shown = len(self.records)
        if value.denominator is None:
            text = self.tr("{count} records are counted.").format(count=value.numerator)
        else:
            text = self.tr("{numerator} of {denominator} records are counted in the figure.").format(
                numerator=value.numerator, denominator=value.denominator)
        if value.value is None:
            text = self.tr("No records in this period: the result is {no_data}.").format(no_data=NO_DATA_JA)
        elif shown < value.numerator:
            text += " " + self.tr("The first {shown} are listed.").format(shown=shown)
        self.figures.setText(text)
        self.table.setRowCount(shown)
        for index, record in enumerate(self.records):
            for column, text in enumerate((record.day.replace("-", "/"), kind_label(record.kind), record.label,
                                           record.detail)):
                self.table.setItem(index, column, QTableWidgetItem(text))
        if shown:
            self.table.setCurrentCell(0, 0)
        self.open_button.setEnabled(bool(shown))
        self.table.setFocus()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table and event.type() == event.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_current()
            return True
        return super().eventFilter(watched, event)

    def open_current(self) -> None:
        index = self.table.currentRow()
        if 0 <= index < len(self.records):
            record = self.records[index]
            self.accept()
            self.open_record.emit(record.kind, record.uid)
