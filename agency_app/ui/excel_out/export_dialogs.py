"""The choices of each export, asked before the file name: 年度 and 四半期 and insurer, 年度 and how many years, or a
list as filtered on screen — each with the personal-data box where the workbook can hold names, and 拠点 (全拠点 =
consolidated) where the agency has several offices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from agency_app.domain.periods import fiscal_year_of
from agency_app.ui.excel_out.personal_data import PersonalDataBox

translate = QCoreApplication.translate

YEARS_BACK = 20  # 年度 can go this far back from this one


def last_ended_quarter(today: date) -> tuple[int, int]:
    """(fiscal year, quarter 1–4) of the last quarter that has ended: the one a report is due for."""
    fiscal_year = fiscal_year_of(today)
    quarter = (today.month - 4) % 12 // 3 + 1  # April–June is the first
    return (fiscal_year, quarter - 1) if quarter > 1 else (fiscal_year - 1, 4)


def _year_box(today: date, value: int) -> QSpinBox:
    box = QSpinBox()
    current = fiscal_year_of(today)
    box.setRange(current - YEARS_BACK, current)
    box.setValue(value)
    box.setSuffix(translate("ExcelOut", " FY"))
    return box


def _branch_box(dialog: "_ExportDialog", branches: Sequence[tuple[str, str]]) -> QComboBox:
    """拠点: 全拠点 first (head office's consolidated figures), then each office; a row of the form only when there
    are several (a single office's export is always of all its records)."""
    box = QComboBox()  # parented by the form row: Tab reaches it after the fields added before it
    box.addItem(translate("ExcelOut", "All branches"), None)
    for code, name in branches:
        box.addItem(name, code)
    if len(branches) > 1:
        dialog.form.addRow(translate("ExcelOut", "&Branch"), box)
    else:
        box.setParent(dialog)
        box.hide()
    return box


def _branch_words(text: str, branch_name: str | None) -> str:
    return translate("ExcelOut", "{text}, branch {branch}").format(text=text, branch=branch_name) \
        if branch_name else text


class _ExportDialog(QDialog):
    """A form of choices, 出力… (Enter) and キャンセル (Esc)."""

    def __init__(self, title: str, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(400)
        self.form = QFormLayout()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(translate("ExcelOut", "&Export…"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        # Enter exports from any field (a spin box passes it on); only Esc cancels. Set once the buttons are in
        # the dialog: before, QDialogButtonBox makes its own choice of default when shown.
        for button in self.buttons.buttons():
            button.setAutoDefault(False)
        self.ok_button.setDefault(True)
        # …but Enter on a focused キャンセル cancels, as Windows presses the button the focus is on.
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(True)

    def showEvent(self, event) -> None:
        # 出力… stands left of キャンセル (added after it): Tab reaches them in that order, once every field is in.
        QWidget.setTabOrder(self.ok_button, self.buttons.button(QDialogButtonBox.StandardButton.Cancel))
        super().showEvent(event)


@dataclass(frozen=True)
class QuarterlyChoice:
    fiscal_year: int
    quarter: int
    insurer: str | None  # None: every insurer (voices with none included)
    with_personal_data: bool
    branch_code: str | None = None  # None: every office (consolidated)
    branch_name: str | None = None

    def file_stem(self) -> str:
        insurer = self.insurer or translate("ExcelOut", "all insurers")
        stem = translate("ExcelOut", "Voices report_FY{fy} Q{quarter}_{insurer}").format(
            fy=self.fiscal_year, quarter=self.quarter, insurer=insurer)
        if self.branch_name:  # one office's report is told apart from the consolidated one by its name
            stem += f"_{self.branch_name}"
        return stem + (translate("ExcelOut", "_with personal data") if self.with_personal_data else "")

    def description(self) -> str:
        return _branch_words(translate("ExcelOut", "FY{fy} Q{quarter}, {insurer}").format(
            fy=self.fiscal_year, quarter=self.quarter,
            insurer=self.insurer or translate("ExcelOut", "all insurers")), self.branch_name)


class QuarterlyExportDialog(_ExportDialog):
    """四半期報告（保険会社向け）: 年度, 四半期 (the last ended one), 保険会社 (全保険会社 first), 拠点 (全拠点 first, with
    several offices), 個人情報."""

    def __init__(self, insurers: list[str], today: date, manager: bool, parent: QWidget | None = None, *,
                 branches: Sequence[tuple[str, str]] = ()):
        super().__init__(translate("ExcelOut", "Quarterly report to insurers"), parent)
        fiscal_year, quarter = last_ended_quarter(today)
        self.year = _year_box(today, fiscal_year)
        self.quarter = QComboBox()
        for number, text in enumerate((translate("ExcelOut", "Q1 (April–June)"),
                                       translate("ExcelOut", "Q2 (July–September)"),
                                       translate("ExcelOut", "Q3 (October–December)"),
                                       translate("ExcelOut", "Q4 (January–March)")), start=1):
            self.quarter.addItem(text, number)
        self.quarter.setCurrentIndex(quarter - 1)
        self.insurer = QComboBox()
        self.insurer.addItem(translate("ExcelOut", "All insurers"), None)
        for name in insurers:
            self.insurer.addItem(name, name)
        self.personal = PersonalDataBox(manager)
        for label, field in ((translate("ExcelOut", "Fiscal &year"), self.year),
                             (translate("ExcelOut", "&Quarter"), self.quarter),
                             (translate("ExcelOut", "&Insurer"), self.insurer)):
            self.form.addRow(label, field)
        self.branch = _branch_box(self, branches)
        self.form.addRow("", self.personal)
        self.year.setFocus()

    def choice(self) -> QuarterlyChoice:
        code = self.branch.currentData()
        return QuarterlyChoice(self.year.value(), self.quarter.currentData(), self.insurer.currentData(),
                               self.personal.isChecked(), code, self.branch.currentText() if code else None)


@dataclass(frozen=True)
class KpiChoice:
    fiscal_year: int
    years: int
    branch_code: str | None = None  # None: every office (consolidated)
    branch_name: str | None = None

    def file_stem(self) -> str:
        if self.years == 1:
            stem = translate("ExcelOut", "KPI publication_FY{fy}").format(fy=self.fiscal_year)
        else:
            stem = translate("ExcelOut", "KPI publication_FY{first}-{last}").format(
                first=self.fiscal_year - self.years + 1, last=self.fiscal_year)
        return stem + (f"_{self.branch_name}" if self.branch_name else "")

    def description(self) -> str:
        return _branch_words(translate("ExcelOut", "FY{fy}, {years} years").format(
            fy=self.fiscal_year, years=self.years), self.branch_name)


class KpiExportDialog(_ExportDialog):
    """KPI公表資料: the last fiscal year shown and how many years side by side (1–5, three by default), 拠点 with
    several offices."""

    def __init__(self, today: date, parent: QWidget | None = None, *, branches: Sequence[tuple[str, str]] = ()):
        super().__init__(translate("ExcelOut", "KPI publication"), parent)
        # The publication follows the fiscal year that has ended (or the one running, if chosen).
        self.year = _year_box(today, fiscal_year_of(today) - 1)
        self.years = QSpinBox()
        self.years.setRange(1, 5)
        self.years.setValue(3)
        self.years.setSuffix(translate("ExcelOut", " years"))
        self.form.addRow(translate("ExcelOut", "Last fiscal &year"), self.year)
        self.form.addRow(translate("ExcelOut", "&Years side by side"), self.years)
        self.branch = _branch_box(self, branches)
        self.year.setFocus()

    def choice(self) -> KpiChoice:
        code = self.branch.currentData()
        return KpiChoice(self.year.value(), self.years.value(), code, self.branch.currentText() if code else None)


class ListExportDialog(_ExportDialog):
    """この一覧をExcelに出力: says which list, filtered as on screen, and offers the personal-data box."""

    def __init__(self, list_title: str, count_text: str, manager: bool, parent: QWidget | None = None):
        super().__init__(translate("ExcelOut", "Export this list to Excel"), parent)
        text = translate("ExcelOut", "{list}: every row the list shows, with its current filters.").format(
            list=list_title)
        if count_text:
            text += "\n" + count_text
        self.note.setText(text)
        self.note.show()
        self.personal = PersonalDataBox(manager)
        self.form.addRow(self.personal)
        self.ok_button.setFocus()
