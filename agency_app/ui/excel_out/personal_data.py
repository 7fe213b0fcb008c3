"""The 個人情報を含める checkbox (R31): masked by default, only a manager may tick it, and only after saying yes to a
confirmation that the export is recorded."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

translate = QCoreApplication.translate


def is_manager(ops, staff_uid: str) -> bool:
    me = ops.read.masters.staff_member(staff_uid)
    return bool(me and me.is_manager)


def confirm_personal_data(parent: QWidget | None) -> bool:
    """Asked when a manager ticks the box; No is the default (Enter keeps the names masked)."""
    box = QMessageBox(QMessageBox.Icon.Warning, translate("ExcelOut", "Include personal data"),
                      translate("ExcelOut", "Customer names, phone numbers and addresses will be written to the "
                                            "workbook as they are.\nThis export is recorded in the history with "
                                            "your name, the date and what was exported.\n\nInclude personal "
                                            "data?"),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setObjectName("personalDataConfirmation")
    return box.exec() == QMessageBox.StandardButton.Yes


class PersonalDataBox(QCheckBox):
    """Unticked at first; greyed (with the reason in its tooltip) for anyone but a manager; ticking asks first."""

    def __init__(self, manager: bool, parent: QWidget | None = None):
        super().__init__(translate("ExcelOut", "Include &personal data (names, phone numbers, addresses)"), parent)
        self.setEnabled(manager)
        self.setToolTip(translate("ExcelOut", "Masked (＊＊＊) unless ticked; the export is recorded.") if manager
                        else translate("ExcelOut", "Only a manager can export personal data."))
        self.toggled.connect(self._confirm)

    def _confirm(self, ticked: bool) -> None:
        if ticked and not confirm_personal_data(self.window()):
            self.blockSignals(True)
            self.setChecked(False)
            self.blockSignals(False)
