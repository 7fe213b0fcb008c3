"""The main window: filter bar, the voice list (keyset-paged), the detail panel, and the actions staff use all day."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QSize, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QLabel, QMainWindow, QSplitter, QTableView,
    QVBoxLayout, QWidget,
)

from agency_app.domain.periods import now_tokyo
from agency_app.storage.changes import Changes
from agency_app.storage.drafts import DraftStore
from agency_app.storage.voice_query import VOICE_LIST
from agency_app.ui.kit.empty_note import EmptyListNote
from agency_app.ui.kit.screen_fit import centre_on_screen, fit_to_screen
from agency_app.ui.kit.operations import Operations
from agency_app.ui.shell.day_reminders import WORK_TABLES, DayReminders
from agency_app.ui.voices.filter_bar import FilterBar
from agency_app.ui.shell.excel_menu import ExcelMenus
from agency_app.ui.shell.main_actions import WindowActions
from agency_app.ui.shell.page_tabs import PageTabs
from agency_app.ui.sync.sync_menu import SyncMenus
from agency_app.ui.kit.form_drafts import flush_open_drafts, open_forms, put_aside_open_forms
from agency_app.ui.kit.input_method import commit_input_method
from agency_app.ui.kit.search_controller import ListRequest, SearchController
from agency_app.ui.kit.settings import AppSettings
from agency_app.ui.kit.unkept_drafts import confirm_quit_losing, say_switch_stopped
from agency_app.ui.voices.voice_detail import VoiceDetailPanel
from agency_app.ui.voices.voice_table_model import VoiceTableModel, column_of
from agency_app.ui.voices.voice_table_view import DefaultSplit, configure_table

BACKUP_NOTE_MS = 60_000  # a failed daily backup is said in the status bar for a minute, not in a dialog

# The dialogs (entry form, call-backs, master data, staff picker) are imported when first opened:
# the window must show fast, and none of them is needed for that.


class MainWindow(WindowActions, ExcelMenus, SyncMenus, DayReminders, QMainWindow):
    """One window per session. `staff_uid` is who writes; every dialog gets it."""

    def __init__(self, ops: Operations, staff_uid: str, *, settings: AppSettings | None = None,
                 drafts: DraftStore | None = None, reminders: bool = True,
                 clock=now_tokyo, debounce_ms: int | None = None):
        super().__init__()
        self.ops, self.staff_uid, self.drafts = ops, staff_uid, drafts
        self.settings = settings or AppSettings()
        self.reminders = reminders
        self.clock = clock
        self.masters = ops.read.masters
        self.repo = ops.read.voices
        self.reopen_path: Path | None = None  # set when the window closes to continue with another file
        self.session_ending = False  # set when the program ends anyway: closing asks nothing then
        # Windows signing out or shutting down: Qt emits aboutToQuit, then closes every window inside that message
        # (before app.py's session end): a question there holds the sign-out, or is ended with the typing unkept.
        QApplication.instance().aboutToQuit.connect(self._session_ends)
        self.form = None       # the open VoiceFormDialog for a new voice
        self.callbacks = None  # the open CallbacksDialog
        self.circulation = None  # the open CirculationDialog
        self._end_of_day_shown_on: date | None = None  # R9: once per day, also on PCs left on overnight
        self._select_after: str | None = None  # a voice to select when the search finds its row
        self._show_outside_list: str | None = None  # …and to show even if the list does not contain it
        self._count: int | None = None
        self._counted_pages: set[str] = set()  # pages whose count the status bar follows

        self.filter_bar = FilterBar(
            fiscal_years=self._fiscal_years(), groups=self.masters.taxonomy().groups(),
            branches=[(b.code, b.name) for b in self.masters.branches()],
            staff=[(s.uid, s.name) for s in self.masters.staff()])
        self.model = VoiceTableModel(branch_names={b.code: b.name for b in
                                                   self.masters.branches(include_inactive=True)},
                                     today=self.today(), parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.column_widths = configure_table(self.table, self.settings)
        self.detail = VoiceDetailPanel(ops, staff_uid, drafts=drafts)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)  # a wider window widens the list; the detail keeps its width
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        self.tabs = PageTabs(central, ops, staff_uid, drafts=drafts, clock=clock)
        self.tabs.open_voice.connect(self.open_voice)
        self.tabs.open_circulation.connect(self.show_circulation)
        self.tabs.currentChanged.connect(self._on_tab)
        self.setCentralWidget(self.tabs)
        QWidget.setTabOrder(self.filter_bar.staff_combo, self.table)
        self.detail.tab_after(self.table)  # from the list into the voice's buttons, as they are laid out
        self.detail.attach_actions(central)  # the voice's keys work with the keyboard in the list (or the filters)
        self.voice_pane = central
        self.empty_note = EmptyListNote(self.table, self.tr("No voices match."))

        self.staff_label, self.path_label, self.count_label = QLabel(), QLabel(), QLabel()
        for label in (self.staff_label, self.path_label, self.count_label):
            label.setContentsMargins(6, 0, 6, 0)
        self.path_label.setText(str(ops.services.path or ":memory:"))
        self.path_label.setToolTip(self.path_label.text())
        self.statusBar().addWidget(self.staff_label)
        self.statusBar().addWidget(self.path_label, 1)
        # The backup notice (show_backup_notice) is made here, hidden: adding a widget to the status bar later
        # shows its normal widgets again under a passing message, and the two texts were drawn over each other.
        self.backup_notice = QLabel(self)
        self.backup_notice.setObjectName("backup_notice")
        self.backup_notice.setWordWrap(True)
        self.statusBar().addPermanentWidget(self.backup_notice, 1)  # permanent: a passing message does not hide it
        self.backup_notice.hide()
        self.statusBar().addPermanentWidget(self.count_label)
        self._build_actions()
        self._show_staff()

        # The list reads its pages on the UI thread's reading connection; searches run on worker connections.
        self.ui_conn = ops.read.conn
        self.search = SearchController(ops, parent=self)
        if debounce_ms is not None:
            self.search.set_debounce(debounce_ms)
        self.search.first_page.connect(self._on_first_page)
        self.search.counted.connect(self._on_count)
        self.search.positioned.connect(self._on_positioned)
        self.search.failed.connect(self._on_search_failed)
        # A new condition keeps the selected voice only when it is on the first page of the result:
        # the list never jumps away from the top while staff type.
        self.filter_bar.changed.connect(lambda: self.refresh(keep_selection=True, locate=False,
                                                             immediate=False))
        self.filter_bar.to_list.connect(self.focus_list)
        self.model.sort_requested.connect(lambda *_: self.refresh(keep_selection=True, immediate=True))
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.table.doubleClicked.connect(lambda _index: self.detail.edit())
        self.table.installEventFilter(self)  # Enter on a row opens it for editing, as a double-click
        self._connect_detail()
        ops.changed.connect(self._data_changed)
        self._restore_geometry()
        self._hide_branch_if_single()
        self.refresh(first_page_here=True)
        if self.model.rowCount():  # start on the newest voice, keyboard in the list
            self._select_row(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- building ---------------------------------------------------------------------
    def _data_changed(self, changes: Changes) -> None:
        """Any write, from any screen: the voice list (a voice saved, moved, or linked to a customer) and the
        number of today's items follow it; each page and panel follows it on its own."""
        if changes.touches("voices", "customers", "staff"):
            self.refresh(keep_selection=True)
        if changes.touches(*WORK_TABLES):
            self.update_work_badge()

    def _connect_detail(self) -> None:
        self.detail.open_record.connect(self.tabs.show_record)
        self.detail.case_requested.connect(lambda _uid: self.case_from_voice())

    def _hide_branch_if_single(self) -> None:
        """An agency with one office has no use for the branch column and filter."""
        single = len(self.masters.branches()) <= 1
        self.table.setColumnHidden(column_of("branch"), single)
        self.filter_bar.show_branch(not single)

    def _fiscal_years(self) -> list[int]:
        """Fiscal years from this one back to the oldest voice, at least last year (one index lookup)."""
        from agency_app.domain.periods import fiscal_year_of
        current = fiscal_year_of(self.today())
        oldest_day = self.repo.oldest_received_on()
        oldest = fiscal_year_of(oldest_day) if oldest_day else current
        return list(range(current, min(oldest, current - 1) - 1, -1))

    def _show_staff(self) -> None:
        me = self.masters.staff_member(self.staff_uid)
        name = me.name if me else "?"
        self.staff_label.setText(self.tr("Staff: {name}").format(name=name))
        # Windows and X11 add the application's name (お客様の声) after a title unless it already ends with it:
        # "お客様の声 — 佐藤" became "お客様の声 — 佐藤 - お客様の声". Ending with it, it is said once everywhere.
        app_name = QApplication.applicationDisplayName() or QApplication.translate("App", "Customer voices")
        self.setWindowTitle(f"{name} — {app_name}")
        manager = bool(me and me.is_manager)
        self.masters_action.setEnabled(manager)
        # Greyed for staff, the entry says why (a greyed entry shows no message when chosen).
        self.masters_action.setText(self.tr("Staff and branches…") if manager
                                    else self.tr("Staff and branches… (managers only)"))
        self.masters_action.setToolTip(self.tr("Only a manager can change staff and branches.") if not manager
                                       else self.masters_action.text())

    def _restore_geometry(self) -> None:
        geometry = self.settings.window_geometry
        if geometry is None or not self.restoreGeometry(geometry):
            fit_to_screen(self, QSize(1360, 760))
            centre_on_screen(self)
        splitter = self.settings.splitter_state
        if splitter is None or not self.splitter.restoreState(splitter):
            self.default_split = DefaultSplit(self.splitter)  # the list has ten columns and needs the room

    # --- time -----------------------------------------------------------------------------
    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.now().date()

    # --- the list ---------------------------------------------------------------------------
    def refresh(self, *, keep_selection: bool = False, select_uid: str | None = None, locate: bool = True,
                immediate: bool = True, first_page_here: bool = False) -> None:
        """Run the search for the current conditions; the list keeps showing the old rows until the new ones arrive."""
        self.model.set_today(self.today())
        # Keeping the selection keeps a voice still waiting to be selected (just saved) over the row shown.
        uid = select_uid or ((self._select_after or self.current_uid()) if keep_selection else None)
        self._select_after = uid
        request = ListRequest(VOICE_LIST, self.filter_bar.current_filter(self.today()), sort=self.model.sort_column,
                              descending=self.model.descending, select_uid=uid, locate=locate)
        self._set_count(None)
        self.search.request(request, immediate=immediate, first_page_here=first_page_here)

    def reload(self) -> None:
        """F5 (or 更新): read again all the tab shown shows — on the voice tab the list (the selection kept) and the
        voice in the detail panel — and the number of today's items, for changes no signal announced (another
        program wrote to the file)."""
        page = self.tabs.current_page()
        if self.tabs.current_key() == "voice":
            self.refresh(keep_selection=True, immediate=True)
            self.detail.refresh()
        elif page is not None:
            page.refresh()
        self.update_work_badge()

    def current_uid(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.uid_at(index.row()) if index.isValid() else None

    def _on_first_page(self, query, rows: list) -> None:
        self.model.set_query(query, rows)  # the detail panel keeps showing what staff were reading…
        if not rows and self._show_outside_list is None:
            self.detail.clear()  # …unless nothing matches: a voice beside "no match" would be acted on by mistake

    def _on_count(self, count: int) -> None:
        self.model.set_count(count)
        self._set_count(count)

    def _on_positioned(self, uid: str, row: int) -> None:
        if uid != self._select_after:
            return
        self._select_after = None
        if 0 <= row < self.model.rowCount():
            self._select_row(row)
        elif self._show_outside_list == uid:
            self.detail.show_voice(uid)  # filtered out of the list: show it anyway
        self._show_outside_list = None  # otherwise the panel keeps showing what staff were reading

    def _on_search_failed(self, error) -> None:
        """Only errors the user can act on arrive here (locked, damaged…); program errors go to the log and dialog."""
        from agency_app.ui.kit.messages import known_error_text
        text = known_error_text(error, typed=False)  # a search: nothing typed is at stake
        self.statusBar().showMessage(self.tr("Search failed: {error}").format(error=text), 10_000)
        self._set_count(self.model.rowCount())

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _on_current_row(self, current, _previous) -> None:
        uid = self.model.uid_at(current.row()) if current.isValid() else None
        if uid and uid != self.detail.uid:
            self.detail.show_voice(uid)

    def focus_list(self) -> None:
        """Keyboard: from the search box into the list, on the selected row or the first one."""
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)  # may make row 0 current, unselected
        if not self.table.selectionModel().hasSelection() and self.model.rowCount():
            current = self.table.currentIndex()
            self._select_row(current.row() if current.isValid() else 0)

    def eventFilter(self, watched, event) -> bool:
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.detail.uid):
            self.detail.edit()
            return True
        return super().eventFilter(watched, event)

    def _set_count(self, count: int | None) -> None:
        self._count = count
        self.filter_bar.set_count(count)
        if self.tabs.current_key() == "voice":  # each tab says its own count in the status bar
            self.count_label.setText(self.filter_bar.count_label.text())

    # --- actions -------------------------------------------------------------------------------
    def new_voice(self):
        """Open the entry form (or bring the open one forward); after saving, the list shows the new voice."""
        from agency_app.ui.voices.voice_form import VoiceFormDialog

        def make():
            form = VoiceFormDialog(self.ops, self.staff_uid, drafts=self.drafts, parent=self)
            form.saved.connect(self._after_saved)
            form.voice_chosen.connect(self.open_voice)  # a similar voice picked in the form: shown behind it
            return form
        return self._show_single("form", make)

    def _after_saved(self, uid: str) -> None:
        """A new voice was saved (the change signal has refreshed every screen): show it and select it."""
        self.detail.show_voice(uid)
        self._show_outside_list = uid
        self.refresh(select_uid=uid, first_page_here=True)

    def show_callbacks(self):
        """Today's promised call-backs (R9) in a CallbacksDialog, non-modal so the list stays usable."""
        from agency_app.ui.shell.callbacks_panel import CallbacksDialog
        if self.callbacks is not None and self.callbacks.isVisible():
            self.callbacks.refresh()

        def make():
            dialog = CallbacksDialog(self.ops, self.staff_uid, self.today(), parent=self)
            dialog.open_voice.connect(self.open_voice)
            dialog.open_record.connect(self.tabs.show_record)
            return dialog
        return self._show_single("callbacks", make)

    def show_circulation(self, uid: str | None = None):
        """回覧 (Ctrl+Shift+J): the month's circulation (the month of `uid`, from today's work), non-modal."""
        from agency_app.ui.shell.circulation_dialog import CirculationDialog
        month = self.ops.read.circulations.get(uid)["month"] if uid else None

        def make():
            dialog = CirculationDialog(self.ops, self.staff_uid, clock=self.clock, month=month, parent=self)
            dialog.open_voice.connect(self.open_voice)
            return dialog
        dialog = self._show_single("circulation", make)
        if month:
            dialog.select_month(month)  # the open one shows the month asked for
        return dialog

    def _show_single(self, attribute: str, make):
        """One non-modal window per kind: bring back the open one, or make, remember and show a new one."""
        window = getattr(self, attribute)
        if window is not None and window.isVisible():
            window.raise_()
            window.activateWindow()
            return window
        window = make()
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda *_: setattr(self, attribute, None))
        setattr(self, attribute, window)
        window.show()
        return window

    def open_voice(self, uid: str) -> None:
        """Show a voice in the detail panel and select it in the list when the list contains it."""
        self.detail.show_voice(uid)
        row = self.model.row_of_loaded(uid)
        if row is not None:
            self._select_row(row)
        else:
            self._show_outside_list = uid
            self.refresh(select_uid=uid, immediate=True)

    def edit_masters(self) -> None:
        from agency_app.ui.shell.master_data_dialog import MasterDataDialog
        dialog = MasterDataDialog(self.ops, self.staff_uid, parent=self)
        dialog.exec()
        self.model.branch_names = {b.code: b.name for b in self.masters.branches(include_inactive=True)}
        self._hide_branch_if_single()
        self._show_staff()

    def switch_staff(self) -> None:
        from agency_app.ui.shell.login import StaffPicker
        commit_input_method()  # a word still being converted in any window is kept with the rest
        # What the previous person typed — in any open form: a voice, a case begun from a voice, a
        # customer, an elderly record — is kept as their draft, never saved under the next person.
        forms = open_forms()
        # Every draft is written before any form closes: one that cannot be (disk full, folder read-only)
        # stops the switch with every form as it was — closing it would lose the typing without a word.
        unkept = [form for form in forms if not form.flush_draft()]
        if unkept:
            say_switch_stopped(unkept[0])
            return
        for form in forms:
            form.put_aside(kept=True)
        self.detail.put_aside_editors()
        picker = StaffPicker(self.masters, self.staff_uid, parent=self)
        if picker.exec() != picker.DialogCode.Accepted or not picker.chosen_uid:
            return
        self.staff_uid = picker.chosen_uid
        self.sync_staff_switched()
        self.settings.set_last_staff_uid(self.ops.services.path, self.staff_uid)
        # The panel stays (with the voice shown and its place in the Tab order); it now writes as the new person.
        self.detail.set_staff(self.staff_uid)
        self.tabs.set_staff(self.staff_uid)
        if self.callbacks is not None:  # 今日の折り返し left open: the new person's list, marked in their name
            self.callbacks.set_staff(self.staff_uid)
        if self.circulation is not None:  # 回覧 left open: 読みました is the new person's
            self.circulation.set_staff(self.staff_uid)
        self._show_staff()
        self.start_of_day()

    def _session_ends(self) -> None:
        self.reminders = False
        self.session_ending = True
        # The Quit that follows closes the windows in no set order: a form reached before this window would be
        # closed as by its close box ('discard what you typed?'). Each is put aside now, its typing kept.
        commit_input_method()
        put_aside_open_forms()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.reminders and self.reopen_path is None and not self._confirm_end_of_day():
            event.ignore()
            return
        # Typed text in any open form (voice, case, customer, elderly record, relative contact)
        # survives, a word still being converted too; each is offered again when its form next opens.
        commit_input_method()
        unkept = flush_open_drafts()
        # A form whose typing could not be kept would close with it: asked first (not when the program
        # ends anyway, app.py's session end: nobody could answer then).
        if unkept and not self.session_ending and not confirm_quit_losing(unkept[0]):
            event.ignore()
            return
        # Closed now, without a word: left open, Qt's quit would close each as by its close box ('discard what
        # you have typed?' after this window has gone, dropping the draft just kept, or stopping the quit).
        put_aside_open_forms(kept=True)
        self.search.shutdown()
        self.tabs.shutdown()
        self.model.clear()
        self.settings.window_geometry = self.saveGeometry()
        self.settings.splitter_state = self.splitter.saveState()
        event.accept()

    # --- a damaged file found by the background check ---------------------------------------
    def database_damaged(self, path: str) -> None:
        """The background check found the file damaged: offer the backup copy, then continue in it; 終了 quits."""
        from agency_app.ui.shell.open_errors import offer_restored_copy
        copy = offer_restored_copy(self, Path(path))
        if copy is not None:
            self.reopen_path = copy
        else:  # 終了 (or the copy given up): the app ends, as at open; no end-of-day questions on a damaged file
            self.reminders = False
        self.close()  # the last window: the session ends; typed input is kept as drafts as on any close

    # --- the daily backup's results (Maintenance) ---------------------------------------------
    def backup_failed(self, text: str) -> None:
        """Today's backup failed: said calmly for a minute; the work is not affected."""
        self.statusBar().showMessage(text, BACKUP_NOTE_MS)

    def show_backup_notice(self, text: str) -> None:
        """The last good backup is over a day old: a notice that stays in the status bar ("" takes it away)."""
        label = self.backup_notice
        label.setText(text)
        label.setToolTip(text)
        label.setVisible(bool(text))
