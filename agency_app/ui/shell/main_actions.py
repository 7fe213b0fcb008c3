"""The main window's actions, menus, toolbar and tab keys, and the dialogs they open beside the voice list."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

# The texts keep the main window's translation context (they were written in MainWindow and are
# still shown by it): self.tr() in a mixin would look them up under the runtime class anyway.
translate = QCoreApplication.translate


class WindowActions:
    """Mixed into MainWindow (which provides tabs, table, filter_bar, detail and the slots named here)."""

    def _build_actions(self) -> None:
        def action(text: str, slot, shortcut=None) -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.new_action = action(translate("MainWindow", "New voice"), self.new_voice, "Ctrl+N")
        self.refresh_action = action(translate("MainWindow", "Refresh"), self.reload, "F5")
        self.search_action = action(translate("MainWindow", "Search"), self.filter_bar.focus_search, "Ctrl+F")
        self.callbacks_action = action(translate("MainWindow", "Today's call-backs"), self.show_callbacks, "Ctrl+Shift+T")
        self.masters_action = action(translate("MainWindow", "Staff and branches…"), self.edit_masters)
        self.switch_action = action(translate("MainWindow", "Switch staff…"), self.switch_staff)
        self.quit_action = action(translate("MainWindow", "Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.case_from_voice_action = action(translate("MainWindow", "Follow-up case from this voice…"),
                                             self.case_from_voice, "Ctrl+Shift+K")
        self.templates_action = action(translate("MainWindow", "Checklists of follow-up cases…"), self.edit_templates)
        self.rules_action = action(translate("MainWindow", "Rules for elderly customers…"), self.edit_elderly_rules)
        # Ctrl+1 … Ctrl+6: the tabs, in order (the voice list is Ctrl+1).
        self.tab_actions = [action(title, lambda _=False, i=i: self.tabs.setCurrentIndex(i), f"Ctrl+{i + 1}")
                            for i, title in enumerate([self.tabs.tabText(i) for i in range(self.tabs.count())])]
        for act in (self.new_action, self.refresh_action, self.search_action, self.callbacks_action):
            act.setToolTip(f"{act.text()} ({act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")

        menu = self.menuBar().addMenu(translate("MainWindow", "&File"))
        menu.addAction(self.new_action)
        menu.addSeparator()
        menu.addAction(self.switch_action)
        menu.addAction(self.quit_action)
        menu = self.menuBar().addMenu(translate("MainWindow", "&View"))
        for act in (self.refresh_action, self.search_action, self.callbacks_action):
            menu.addAction(act)
        menu.addSeparator()
        for act in self.tab_actions:
            menu.addAction(act)
        menu = self.menuBar().addMenu(translate("MainWindow", "&Voice"))
        menu.addAction(self.case_from_voice_action)
        menu = self.menuBar().addMenu(translate("MainWindow", "&Manage"))
        menu.addAction(self.masters_action)
        menu.addAction(self.templates_action)
        menu.addAction(self.rules_action)
        toolbar = self.addToolBar(translate("MainWindow", "Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for act in (self.new_action, self.refresh_action, self.callbacks_action):
            toolbar.addAction(act)

    def _on_tab(self, index: int) -> None:
        """Ctrl+N, Ctrl+F and F5 belong to the voice list only while it is shown; pages have their own."""
        on_voices = index == 0
        for act in (self.search_action, self.refresh_action, self.case_from_voice_action):
            act.setEnabled(on_voices)
        # A new voice can come in while staff are on any tab: the toolbar button always works.
        self.new_action.setShortcut(QKeySequence("Ctrl+N") if on_voices else QKeySequence())
        if on_voices:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def case_from_voice(self):
        """Open a follow-up case (R10) for the voice shown in the detail panel, prefilled from it."""
        if not self.detail.uid:
            return None
        from agency_app.ui.cases.case_form import CaseFormDialog
        form = CaseFormDialog(self.ops, self.staff_uid, voice_uid=self.detail.uid, drafts=self.drafts,
                              clock=self.clock, parent=self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(self._after_case_from_voice)
        form.show()
        return form

    def _after_case_from_voice(self, uid: str) -> None:
        """The new case (already on every tab that lists it, by the change signal) is shown."""
        self.tabs.show_record("case", uid)

    def edit_templates(self) -> None:
        from agency_app.ui.cases.checklist_template_dialog import ChecklistTemplateDialog
        ChecklistTemplateDialog(self.ops, self.staff_uid, parent=self).exec()

    def edit_elderly_rules(self) -> None:
        from agency_app.ui.elderly.elderly_rules_dialog import ElderlyRulesDialog
        ElderlyRulesDialog(self.ops, self.staff_uid, parent=self).exec()

