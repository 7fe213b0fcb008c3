"""ファイル › Excelに出力 and Excelから取り込み: the exports (ui/excel_out) and the imports (ui/excel_in), whose
modules are imported when an entry is chosen — the window opens without openpyxl."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

translate = QCoreApplication.translate

EXPORT_LIST_KEY = "Ctrl+E"
# The tabs with a list to export: tab key → the export's kind.
LIST_KINDS = {"voice": "voices", "case": "cases", "sale": "elderly", "customer": "customers"}
IMPORT_TARGETS = (
    ("voices", lambda: translate("MainWindow", "&Voices…")),
    ("survey_answers", lambda: translate("MainWindow", "&Survey answers…")),
    ("kpi_results", lambda: translate("MainWindow", "&KPI results…")),
)


class ExcelMenus:
    """Mixed into MainWindow (ops, staff_uid, tabs, filter_bar, today(), count_label)."""

    def _build_excel_menus(self, file_menu: QMenu) -> None:
        def action(text: str, slot) -> QAction:
            act = QAction(text, self)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.export_quarterly_action = action(translate("MainWindow", "&Quarterly report to insurers…"),
                                              lambda: self.export_quarterly())
        self.export_kpi_action = action(translate("MainWindow", "&KPI publication…"), lambda: self.export_kpi())
        self.export_list_action = action(translate("MainWindow", "&Export this list to Excel…"),
                                         lambda: self.export_list())
        self.export_list_action.setShortcut(QKeySequence(EXPORT_LIST_KEY))
        self.import_actions = {target: action(text(), lambda _=False, t=target: self.import_excel(t))
                               for target, text in IMPORT_TARGETS}
        self.template_action = action(translate("MainWindow", "Save an import &template…"),
                                      lambda: self.save_import_template())
        self.export_menu = file_menu.addMenu(translate("MainWindow", "E&xport to Excel"))
        for act in (self.export_quarterly_action, self.export_kpi_action, self.export_list_action):
            self.export_menu.addAction(act)
        self.import_menu = file_menu.addMenu(translate("MainWindow", "&Import from Excel"))
        for act in self.import_actions.values():
            self.import_menu.addAction(act)
        self.import_menu.addSeparator()
        self.import_menu.addAction(self.template_action)

    def _follow_tab_for_export(self) -> None:
        """この一覧をExcelに出力 is greyed on tabs without a list, and its key given up there (the KPI dashboard
        uses Ctrl+E for its own entry)."""
        has_list = self.tabs.current_key() in LIST_KINDS
        self.export_list_action.setEnabled(has_list)
        self.export_list_action.setShortcut(QKeySequence(EXPORT_LIST_KEY) if has_list else QKeySequence())

    # --- the slots ----------------------------------------------------------------------------
    def export_quarterly(self):
        from agency_app.ui.excel_out.run_exports import export_quarterly
        return export_quarterly(self, self.ops, self.staff_uid, self.today())

    def export_kpi(self):
        from agency_app.ui.excel_out.run_exports import export_kpi
        return export_kpi(self, self.ops, self.staff_uid, self.today())

    def export_filter(self):
        """The voice list's filter as shown (the voice tab's この一覧をExcelに出力)."""
        return self.filter_bar.current_filter(self.today())

    def export_list(self):
        """この一覧をExcelに出力 (Ctrl+E): the tab's list with the filters it shows now."""
        key = self.tabs.current_key()
        if key not in LIST_KINDS:
            return None
        source = self if key == "voice" else self.tabs.current_page()
        # The order the user sorted the list by (a header click), so the workbook reads as the screen does.
        model = self.model if key == "voice" else getattr(source, "model", None)
        sort = getattr(model, "sort_column", None)
        from agency_app.ui.excel_out.run_exports import export_list
        return export_list(self, self.ops, self.staff_uid, LIST_KINDS[key], source.export_filter(), self.today(),
                           count_text=self.count_label.text(),
                           sort=(sort, bool(getattr(model, "descending", False))) if sort else None)

    def import_excel(self, target: str):
        from agency_app.ui.excel_in.import_dialog import open_import_dialog
        return open_import_dialog(self, self.ops, target)

    def save_import_template(self):
        from agency_app.ui.excel_in.import_dialog import save_template_dialog
        return save_template_dialog(self, None)
