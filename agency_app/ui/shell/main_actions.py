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
        self.search_action = action(translate("MainWindow", "Search"), self.focus_search, "Ctrl+F")
        self.callbacks_action = action(translate("MainWindow", "Today's call-backs"), self.show_callbacks, "Ctrl+Shift+T")
        # 回覧 is read from any tab (and opened from today's work): a window-wide key.
        self.circulation_action = action(translate("MainWindow", "Circulation…"), lambda: self.show_circulation(),
                                         "Ctrl+Shift+J")
        self.masters_action = action(translate("MainWindow", "Staff and branches…"), self.edit_masters)
        self.switch_action = action(translate("MainWindow", "Switch staff…"), self.switch_staff)
        self.quit_action = action(translate("MainWindow", "Quit"), self.close, QKeySequence.StandardKey.Quit)
        # The voice's actions (Ctrl+Shift+K: a case from it, …) are the detail panel's, keyed inside the voice tab.
        self.case_from_voice_action = self.detail.action_of["case"]
        self.templates_action = action(translate("MainWindow", "Checklists of follow-up cases…"), self.edit_templates)
        self.rules_action = action(translate("MainWindow", "Rules for elderly customers…"), self.edit_elderly_rules)
        # Ctrl+1 … Ctrl+9: the tabs, in order (the voice list is Ctrl+1).
        self.tab_actions = [action(title, lambda _=False, i=i: self.tabs.setCurrentIndex(i), f"Ctrl+{i + 1}")
                            for i, title in enumerate([self.tabs.tabText(i) for i in range(self.tabs.count())])]
        for act in (self.new_action, self.refresh_action, self.search_action, self.callbacks_action,
                    self.circulation_action):
            act.setToolTip(f"{act.text()} ({act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")

        menu = self.menuBar().addMenu(translate("MainWindow", "&File"))
        menu.addAction(self.new_action)
        menu.addAction(self.circulation_action)
        menu.addSeparator()
        self._build_excel_menus(menu)
        menu.addSeparator()
        menu.addAction(self.switch_action)
        menu.addAction(self.quit_action)
        menu = self.menuBar().addMenu(translate("MainWindow", "&View"))
        for act in (self.refresh_action, self.search_action, self.callbacks_action):
            menu.addAction(act)
        menu.addSeparator()
        for act in self.tab_actions:
            menu.addAction(act)
        # The actions on the record of the tab shown, each with its key (rebuilt as the tabs change).
        self.record_menu = self.menuBar().addMenu(translate("MainWindow", "&Operate"))
        self._fill_record_menu()
        menu = self.menuBar().addMenu(translate("MainWindow", "&Manage"))
        menu.setToolTipsVisible(True)  # a greyed entry says who may use it
        menu.addAction(self.masters_action)
        menu.addAction(self.templates_action)
        menu.addAction(self.rules_action)
        self._build_sync_menu()  # 送受信(X): files between head office and the branches (ui/sync)
        toolbar = self.addToolBar(translate("MainWindow", "Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for act in (self.new_action, self.refresh_action, self.callbacks_action):
            toolbar.addAction(act)

    def _on_tab(self, index: int) -> None:
        """The menu 操作, 検索 (Ctrl+F), 更新 (F5) and the status bar's count follow the tab shown; Ctrl+N is the
        voice list's only while it is shown (pages have their own)."""
        on_voices = index == 0
        self.search_action.setEnabled(self._search_target() is not None)
        # A new voice can come in while staff are on any tab: the toolbar button always works.
        self.new_action.setShortcut(QKeySequence("Ctrl+N") if on_voices else QKeySequence())
        self._fill_record_menu()
        self._follow_tab_for_export()
        self._show_tab_count()
        if on_voices:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill_record_menu(self) -> None:
        """操作(&O): the actions on the record of the tab shown (greyed when not possible now); none: the menu greys."""
        page = self.tabs.current_page()
        actions = self.detail.record_actions() if self.tabs.current_key() == "voice" else \
            (page.record_actions() if hasattr(page, "record_actions") else [])
        self.record_menu.clear()
        for act in actions:
            self.record_menu.addAction(act)
        self.record_menu.menuAction().setEnabled(bool(actions))

    def _show_tab_count(self) -> None:
        """The status bar's count is the tab's own: the voices found, the cases listed…, or nothing."""
        key = self.tabs.current_key()
        if key == "voice":
            self.count_label.setText(self.filter_bar.count_label.text())
            return
        page = self.tabs.current_page()
        if hasattr(page, "count_said") and key not in self._counted_pages:
            self._counted_pages.add(key)
            page.count_said.connect(lambda _text, key=key: key == self.tabs.current_key() and self._show_tab_count())
        self.count_label.setText(getattr(page, "count_text", ""))

    def _search_target(self):
        """What Ctrl+F puts the keyboard in on the tab shown: its search box, or None (nothing to search)."""
        if self.tabs.current_key() == "voice":
            return self.filter_bar.focus_search
        return getattr(self.tabs.current_page(), "focus_search", None)

    def focus_search(self) -> None:
        target = self._search_target()
        if target is not None:
            target()

    def case_from_voice(self):
        """Open a follow-up case (R10) for the voice shown in the detail panel, prefilled from it."""
        if not self.detail.uid:
            return None
        from agency_app.ui.cases.case_form import CaseFormDialog, draft_key
        from agency_app.ui.kit.form_drafts import bring_forward_form
        open_one = bring_forward_form(self.drafts, draft_key(self.staff_uid, voice_uid=self.detail.uid))
        if open_one is not None:  # two forms on one draft would fight over it
            return open_one
        form = CaseFormDialog(self.ops, self.staff_uid, voice_uid=self.detail.uid, drafts=self.drafts,
                              clock=self.clock, parent=self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(self._after_case_from_voice)
        form.show()
        return form

    def _after_case_from_voice(self, uid: str) -> None:
        """The new case (already on every tab that lists it, by the change signal) is shown on the cases tab, whose
        filters stay as the user set them."""
        self.tabs.go_to("case").show_saved(uid)

    def edit_templates(self) -> None:
        from agency_app.ui.cases.checklist_template_dialog import ChecklistTemplateDialog
        ChecklistTemplateDialog(self.ops, self.staff_uid, parent=self).exec()

    def edit_elderly_rules(self) -> None:
        from agency_app.ui.elderly.elderly_rules_dialog import ElderlyRulesDialog
        ElderlyRulesDialog(self.ops, self.staff_uid, parent=self).exec()

