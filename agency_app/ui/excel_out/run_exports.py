"""The window's Excel exports from start to end: the choices, the file name, the job with its progress, and the
record of what left the office (storage/exports.record_export, with who). The workbook writers are imported
inside the jobs: the window must open without openpyxl loaded."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QWidget

from agency_app.storage import exports
from agency_app.ui.excel_out import file_names
from agency_app.ui.excel_out.export_dialogs import KpiExportDialog, ListExportDialog, QuarterlyExportDialog
from agency_app.ui.excel_out.personal_data import is_manager
from agency_app.ui.kit.branch_choice import active_branches
from agency_app.ui.kit.job_dialog import JobDialog

translate = QCoreApplication.translate

# The lists that can be exported: kind → (report code, list title, file name's first word).
LISTS = {
    "voices": (exports.LIST_VOICES, lambda: translate("ExcelOut", "Customer voices"),
               lambda: translate("ExcelOut", "Voice list")),
    "cases": (exports.LIST_CASES, lambda: translate("ExcelOut", "Follow-up cases"),
              lambda: translate("ExcelOut", "Case list")),
    "elderly": (exports.LIST_ELDERLY, lambda: translate("ExcelOut", "Elderly customers"),
                lambda: translate("ExcelOut", "Elderly sales list")),
    "customers": (exports.LIST_CUSTOMERS, lambda: translate("ExcelOut", "Customers"),
                  lambda: translate("ExcelOut", "Customer list")),
}


def _recorder(report: str, description: str, with_personal_data: bool, staff_uid: str):
    def record(data, path: Path, rows: int):
        return exports.record_export(data.store, report=report, description=description,
                                     with_personal_data=with_personal_data, file_path=path, row_count=int(rows or 0),
                                     by=staff_uid)
    return record


def run_job(ops, parent: QWidget, title: str, path: Path, job, record) -> JobDialog:
    """The job dialog, deleted when closed; a failure offers the save-file dialog again."""
    dialog = JobDialog(ops, parent, title, path, job=job, record=record,
                       choose_path=lambda old: file_names.ask_save_path(parent, old))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return dialog.start()


def _ask_and_run(ops, parent: QWidget, title: str, stem: str, job, record) -> JobDialog | None:
    path = file_names.ask_save_path(parent, file_names.default_path(stem))
    if path is None:
        return None
    return run_job(ops, parent, title, path, job, record)


def export_quarterly(parent: QWidget, ops, staff_uid: str, today: date) -> JobDialog | None:
    """四半期報告（保険会社向け）…"""
    dialog = QuarterlyExportDialog(ops.read.masters.insurers(), today, is_manager(ops, staff_uid), parent,
                                   branches=active_branches(ops))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    choice = dialog.choice()

    def job(data, path: Path, control) -> int:
        from agency_app.reports.excel import quarterly_workbook
        return quarterly_workbook.write_quarterly_workbook(
            data.conn, path, choice.fiscal_year, choice.quarter, choice.insurer,
            with_personal_data=choice.with_personal_data, control=control, branch_code=choice.branch_code)

    record = _recorder(exports.QUARTERLY, choice.description(), choice.with_personal_data, staff_uid)
    return _ask_and_run(ops, parent, dialog.windowTitle(), choice.file_stem(), job, record)


def export_kpi(parent: QWidget, ops, staff_uid: str, today: date) -> JobDialog | None:
    """KPI公表資料…: no personal data in it, recorded all the same."""
    dialog = KpiExportDialog(today, parent, branches=active_branches(ops))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    choice = dialog.choice()

    def job(data, path: Path, control) -> int:
        from agency_app.reports.excel import kpi_workbook
        return kpi_workbook.write_kpi_workbook(data.conn, path, choice.fiscal_year, choice.years,
                                               branch=choice.branch_code, control=control)

    record = _recorder(exports.KPI_PUBLICATION, choice.description(), False, staff_uid)
    return _ask_and_run(ops, parent, dialog.windowTitle(), choice.file_stem(), job, record)


def export_list(parent: QWidget, ops, staff_uid: str, kind: str, list_filter, today: date, *,
                count_text: str = "", describe: Callable[[object], str] | None = None,
                sort: tuple[str, bool] | None = None) -> JobDialog | None:
    """この一覧をExcelに出力…: exactly the rows the tab lists now (`list_filter` is the filter its list uses), in the
    order it shows them (`sort`: the column key and descending, when the user sorted by a column)."""
    report, title, first_word = LISTS[kind]
    dialog = ListExportDialog(title(), count_text, is_manager(ops, staff_uid), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    with_personal_data = dialog.personal.isChecked()
    if describe is not None:
        note = describe(list_filter)
    else:  # the filter in the workbook's own words, so the history says which rows left the office
        from agency_app.reports.excel import list_export
        note = list_export.describe(kind, list_filter, ops.read.staff_names(), with_personal_data=with_personal_data,
                                    branches={b.code: b.name for b in ops.read.masters.branches(include_inactive=True)})

    def job(data, path: Path, control) -> int:
        from agency_app.reports.excel import list_export
        order = {"sort": sort[0], "descending": sort[1]} if sort else {}
        return list_export.write_list_workbook(data.conn, path, kind, list_filter,
                                               with_personal_data=with_personal_data, control=control, **order)

    stem = f"{first_word()}_{today:%Y-%m-%d}"
    if with_personal_data:
        stem += translate("ExcelOut", "_with personal data")
    record = _recorder(report, title() + (f" ({note})" if note else ""), with_personal_data, staff_uid)
    return _ask_and_run(ops, parent, dialog.windowTitle(), stem, job, record)
