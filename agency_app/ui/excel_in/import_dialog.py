"""The window's Excel import: file and sheet, the columns' fields, unknown values, the dry run, then 取り込む — and the blank template.

Every plan and the import itself run in a worker (ops.query / ops.write); nothing is written before 取り込む, and
a failed or stopped import writes nothing and keeps every choice the user made, to fix and try again.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSize, QStandardPaths, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout, QGridLayout, QHBoxLayout,
    QHeaderView, QInputDialog, QLabel, QLineEdit, QMessageBox, QProgressBar, QPushButton, QScrollArea, QTableView,
    QTabWidget, QVBoxLayout, QWidget,
)

from agency_app.domain.progress import JobControl, Stopped
from agency_app.reports.excel import sheet_import
from agency_app.reports.excel.read_sheet import SheetFileError, check, sheet_names
from agency_app.reports.excel.sheet_import import (
    ADD, ALREADY, REJECT, SKIP, TARGETS, ImportChoices, ImportPlan, ImportResult, UnknownValue,
)
from agency_app.ui.excel_in.plan_rows_model import LINE, NUMBER, PlanRowsModel
from agency_app.ui.kit.messages import known_error_text
from agency_app.ui.kit.operations import Cancelled, Operations
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kit.settings import AppSettings
from agency_app.ui.kit.widgets import Banner, without_enter_default

translate = QCoreApplication.translate

FILE_STEP, COLUMNS_STEP, VALUES_STEP, REVIEW_STEP = range(4)
# Values listed on the 値の対応 step: a column of free text (or one mapped by mistake) has a value per row, and a box
# for each of 10,000 held the window for minutes. The most frequent are listed; the count of the rest is said.
MAX_VALUE_ROWS = 200
_STOPPED = object()  # apply's work says "中止 was pressed and nothing was written" with this


def target_label(target: str) -> str:
    return {
        "voices": translate("ImportDialog", "Voices"),
        "survey_answers": translate("ImportDialog", "Survey answers"),
        "kpi_results": translate("ImportDialog", "KPI results"),
    }.get(target, target)


class _ProgressRelay(QObject):
    """Carries the import's progress from the writer thread to the dialog (a queued signal)."""

    moved = Signal(int, int, str)


class ImportDialog(QDialog):
    """One sheet's import: choose, look at the dry run, import. The dialog stays open after a failure."""

    def __init__(self, ops: Operations, staff_uid: str | None, target: str, *, settings: AppSettings | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        if target not in TARGETS:
            raise ValueError(f"unknown import target: {target}")
        self.ops, self.staff_uid, self.target = ops, staff_uid, target
        self.settings = settings or AppSettings()
        self.path: Path | None = None
        self.plan: ImportPlan | None = None
        self.result: ImportResult | None = None
        self.column_overrides: dict[str, str] = {}
        self.value_mapping: dict[str, dict[str, str]] = {}
        self._unknown: dict[tuple[str, str], UnknownValue] = {}  # every unknown value met in this file, in order
        self._column_combos: dict[str, QComboBox] = {}  # heading → its (first) column's box
        self._column_boxes: list[QComboBox] = []  # one per column in the sheet's order (a heading may repeat)
        self._value_combos: dict[tuple[str, str], QComboBox] = {}
        self._planning = None   # the running plan query (an Op), or None
        self._new_file = False  # the coming plan is the first of a newly chosen file: show the step that needs work
        self._applying = False
        self.imported_before = False  # an earlier import of this dialog wrote rows (the rest may follow)
        self._stop = threading.Event()
        self._relay = _ProgressRelay(self)
        self._relay.moved.connect(self._moved)

        self.setWindowTitle(self.tr("Import from Excel: {what}").format(what=target_label(target)))
        self.banner = Banner(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._file_page(), self.tr("1. &File"))
        self.tabs.addTab(self._columns_page(), self.tr("2. &Columns"))
        self.tabs.addTab(self._values_page(), self.tr("3. &Values"))
        self.tabs.addTab(self._review_page(), self.tr("4. &Review (dry run)"))
        self.tabs.currentChanged.connect(self._step_shown)
        self.counts_label = QLabel(self.tr("Choose a file: nothing is written until you press Import."), self)
        self.counts_label.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.stop_button = QPushButton(self.tr("S&top"), self)
        self.stop_button.clicked.connect(self.stop_import)
        self.stop_button.hide()
        self.import_button = QPushButton(self.tr("&Import"), self)
        self.import_button.setToolTip(self.tr("Write the rows marked Import (Ctrl+Enter)"))
        self.import_button.clicked.connect(self.start_import)
        self.close_button = QPushButton(self.tr("Close (Esc)"), self)
        self.close_button.clicked.connect(self.reject)
        without_enter_default(self.import_button, self.close_button, self.stop_button, self.browse_button)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.start_import)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(0)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.counts_label)
        layout.addLayout(buttons)
        self._update_buttons()
        fit_to_screen(self, QSize(900, 600))
        self.path_edit.setFocus()

    # --- the four steps ----------------------------------------------------------------------
    def _file_page(self) -> QWidget:
        page = QWidget(self)
        self.path_edit = QLineEdit(page)
        self.path_edit.setPlaceholderText(self.tr("The .xlsx file (type its path and press Enter, or Browse)"))
        self.path_edit.returnPressed.connect(lambda: self.load_file(self.path_edit.text()))
        self.browse_button = QPushButton(self.tr("&Browse…"), page)
        self.browse_button.clicked.connect(self.browse)
        self.sheet_combo = QComboBox(page)
        self.sheet_combo.setEnabled(False)
        self.sheet_combo.currentIndexChanged.connect(self._sheet_chosen)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        form = QFormLayout()
        path_label = QLabel(self.tr("Excel file:"), page)
        path_label.setBuddy(self.path_edit)
        sheet_label = QLabel(self.tr("&Sheet:"), page)
        sheet_label.setBuddy(self.sheet_combo)
        form.addRow(path_label, row)
        form.addRow(sheet_label, self.sheet_combo)
        hint = QLabel(self.tr("The header row is found even below a title. Check the columns and values on the "
                              "next steps, and the dry run before importing. Importing the same file again adds "
                              "nothing."), page)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addStretch(1)
        return page

    def _columns_page(self) -> QWidget:
        page = QWidget(self)
        self.plan_message = Banner(page)
        hint = QLabel(self.tr("Each column of the sheet as written, and what it is imported as. Choose "
                              "\"Not used\" for a column to leave out."), page)
        hint.setWordWrap(True)
        self.columns_area, self.columns_grid = _grid_area(page)
        layout = QVBoxLayout(page)
        layout.addWidget(self.plan_message)
        layout.addWidget(hint)
        layout.addWidget(self.columns_area, 1)
        return page

    def _values_page(self) -> QWidget:
        page = QWidget(self)
        self.values_hint = QLabel(self.tr("Values the application does not know. Choose what each one means; "
                                          "rows with a value left unchosen cannot be imported."), page)
        self.values_hint.setWordWrap(True)
        self.values_area, self.values_grid = _grid_area(page)
        layout = QVBoxLayout(page)
        layout.addWidget(self.values_hint)
        layout.addWidget(self.values_area, 1)
        return page

    def _review_page(self) -> QWidget:
        page = QWidget(self)
        self.only_problems = QCheckBox(self.tr("Show only rows with &problems or notes"), page)
        self.only_problems.toggled.connect(lambda on: self.rows_model.set_only_remarks(on))
        self.rows_model = PlanRowsModel(page)
        self.rows_view = QTableView(page)
        self.rows_view.setModel(self.rows_model)
        self.rows_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows_view.setTabKeyNavigation(False)  # Tab leaves the table, to the buttons (arrows move in it)
        self.rows_view.setWordWrap(False)
        self.rows_view.verticalHeader().hide()
        # Fixed row heights and widths: a 100,000-row plan shows at once (no measuring of every row).
        self.rows_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.rows_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(NUMBER, 60)
        header.resizeSection(1, 110)
        header.resizeSection(LINE, 380)
        layout = QVBoxLayout(page)
        layout.addWidget(self.only_problems)
        layout.addWidget(self.rows_view, 1)
        return page

    def _step_shown(self, step: int) -> None:
        """Alt+letter to a step puts the keyboard on its first field, so the arrows work at once."""
        first = {FILE_STEP: self.path_edit, REVIEW_STEP: self.rows_view}.get(step)
        if step == COLUMNS_STEP and self._column_combos:
            first = next(iter(self._column_combos.values()))
        elif step == VALUES_STEP and self._value_combos:
            first = next(iter(self._value_combos.values()))
        if first is not None:
            first.setFocus(Qt.FocusReason.TabFocusReason)

    def _chain(self, combos) -> None:
        """Widgets made after the dialog's buttons would come after them on Tab: put them after the step tabs."""
        previous = self.tabs.tabBar()
        for combo in combos:
            QWidget.setTabOrder(previous, combo)
            previous = combo

    # --- choosing the file -------------------------------------------------------------------
    def browse(self) -> None:
        folder = self.settings.import_folder or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the Excel file to import"), folder,
            self.tr("Excel workbooks (*.xlsx);;All files (*)"))
        if chosen:
            self.load_file(chosen)

    def load_file(self, text: str) -> None:
        """A new file: its own columns and values to map, so earlier choices for another file are dropped."""
        text = text.strip().strip('"')  # Windows' "Copy as path" wraps the path in quotes
        if not text:
            self.banner.show_message(self.tr("Choose the Excel file to import."))
            return
        path = Path(text)
        self.path_edit.setText(str(path))
        self.settings.import_folder = str(path.parent)
        self.path, self.plan, self.result = path, None, None
        self.column_overrides, self.value_mapping, self._unknown = {}, {}, {}
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.setEnabled(False)
        self.sheet_combo.blockSignals(False)
        self._new_file = True
        self._replan(with_sheets=True)

    def _sheet_chosen(self) -> None:
        if self.path is not None and self.sheet_combo.isEnabled():
            self._replan()

    def choices(self) -> ImportChoices:
        """What the user chose so far, as the importer takes it."""
        sheet = self.sheet_combo.currentText() if self.sheet_combo.count() else None
        return ImportChoices(sheet=sheet or None, column_overrides=dict(self.column_overrides),
                             value_mapping={name: dict(values) for name, values in self.value_mapping.items()
                                            if values})

    # --- planning (the dry run) --------------------------------------------------------------
    def _replan(self, *, with_sheets: bool = False) -> None:
        if self.path is None:
            return
        # After an import, a changed choice makes a new dry run (the rows imported show as 取り込み済み): the rest
        # of the sheet can be imported too.
        self.result = None
        path, target, choices = self.path, self.target, self.choices()
        holder: dict[str, object] = {}
        control = JobControl(should_stop=lambda: getattr(holder.get("op"), "cancelled", False))

        def work(data):
            try:
                names = sheet_names(check(path)) if with_sheets else None
                return names, sheet_import.plan_import(data.conn, target, path, choices, control=control)
            except SheetFileError as error:  # said in the dialog, not as a bug
                return None, error
            except Stopped:
                raise Cancelled() from None

        self.banner.clear_message()
        op = self.ops.query(self, work, key=("excel-import-plan", id(self))) \
            .always(lambda: self._plan_ended(op)).success(self._planned) \
            .with_progress(self.tr("Reading the sheet…"), cancellable=True)
        holder["op"] = op
        self._planning = op
        self.counts_label.setText(self.tr("Reading the sheet…"))
        self._update_buttons()
        op.run()

    def _plan_ended(self, op) -> None:
        if self._planning is op:
            self._planning = None
            self._update_buttons()
            if self.plan is None and op.cancelled:
                self.counts_label.setText(self.tr("Reading was stopped. Press Enter in the file field to read "
                                                  "it again."))

    def _planned(self, outcome) -> None:
        names, plan = outcome
        if isinstance(plan, SheetFileError):
            self.plan = None
            self._show_plan(None)
            self.banner.show_message(plan.message)
            self.tabs.setCurrentIndex(FILE_STEP)
            self.path_edit.setFocus()
            self.path_edit.selectAll()
            return
        if names is not None:
            self._fill_sheets(names, plan.sheet)
        self.plan = plan
        self._show_plan(plan)
        if self._new_file:
            self._new_file = False
            step = COLUMNS_STEP if plan.message else VALUES_STEP if plan.unknown_values else REVIEW_STEP
            self.tabs.setCurrentIndex(step)
        self._update_buttons()

    def _fill_sheets(self, names: list[str], current: str) -> None:
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(names))
        self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findText(current)))
        self.sheet_combo.setEnabled(len(names) > 0)
        self.sheet_combo.blockSignals(False)

    def _show_plan(self, plan: ImportPlan | None) -> None:
        self._show_columns(plan)
        self._show_values(plan)
        self.rows_model.set_rows(plan.rows if plan is not None else ())
        if plan is None:
            self.counts_label.setText(self.tr("Choose a file: nothing is written until you press Import."))
            return
        counts = self.tr("To import: {add}   Already imported: {already}   Skipped: {skip}   "
                         "Cannot import: {reject}").format(add=plan.count(ADD), already=plan.count(ALREADY),
                                                           skip=plan.count(SKIP), reject=plan.count(REJECT))
        if plan.message:
            counts = plan.message
        self.counts_label.setText(counts)

    def _show_columns(self, plan: ImportPlan | None) -> None:
        if plan is not None and plan.message:
            self.plan_message.show_message(plan.message, "warning")
        else:
            self.plan_message.clear_message()
        columns = list(plan.columns) if plan is not None else []
        headers = [header for header, _field in columns]
        if headers != [box.property("heading") for box in self._column_boxes]:  # the same columns: only their
            # fields change (focus stays)
            focused = next((i for i, c in enumerate(self._column_boxes) if c.hasFocus()), None)
            _clear_grid(self.columns_grid)
            self._column_combos, self._column_boxes = {}, []
            title = QLabel(self.tr("Column in the sheet"), self.columns_area.widget())
            field_title = QLabel(self.tr("Imported as"), self.columns_area.widget())
            for label in (title, field_title):
                label.setStyleSheet("font-weight: bold;")
            self.columns_grid.addWidget(title, 0, 0)
            self.columns_grid.addWidget(field_title, 0, 1)
            for row, header in enumerate(headers, start=1):
                label = QLabel(header or self.tr("(no heading)"), self.columns_area.widget())
                combo = QComboBox(self.columns_area.widget())
                combo.setProperty("heading", header)
                combo.addItem(self.tr("Not used"), "")
                for code, name in plan.fields:
                    combo.addItem(name, code)
                label.setBuddy(combo)
                combo.currentIndexChanged.connect(lambda _i, h=header, c=combo: self._column_chosen(h, c))
                self.columns_grid.addWidget(label, row, 0)
                self.columns_grid.addWidget(combo, row, 1)
                self._column_combos.setdefault(header, combo)
                self._column_boxes.append(combo)
            self.columns_grid.setRowStretch(len(headers) + 1, 1)
            self._chain(self._column_boxes)
            if focused is not None and focused < len(self._column_boxes):
                self._column_boxes[focused].setFocus()
        for combo, (_header, field) in zip(self._column_boxes, columns):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(field or "")))
            combo.blockSignals(False)

    def _column_chosen(self, header: str, combo: QComboBox) -> None:
        self.column_overrides[header] = combo.currentData() or ""
        self._replan()

    def _show_values(self, plan: ImportPlan | None) -> None:
        # A value the user mapped may leave the plan's list of unknowns: it stays in the table, to be changed again.
        if plan is None:
            self._unknown = {}
        else:
            for unknown in plan.unknown_values:
                self._unknown[(unknown.field, unknown.value)] = unknown
        every = list(self._unknown)
        keys = sorted(every, key=lambda k: -self._unknown[k].rows)[:MAX_VALUE_ROWS] \
            if len(every) > MAX_VALUE_ROWS else every
        if keys != list(self._value_combos):
            focused = next((k for k, c in self._value_combos.items() if c.hasFocus()), None)
            _clear_grid(self.values_grid)
            self._value_combos = {}
            parent = self.values_area.widget()
            titles = (self.tr("Item"), self.tr("Value in the sheet"), self.tr("Rows"), self.tr("Means"))
            for column, text in enumerate(titles):
                label = QLabel(text, parent)
                label.setStyleSheet("font-weight: bold;")
                self.values_grid.addWidget(label, 0, column)
            for row, key in enumerate(keys, start=1):
                unknown = self._unknown[key]
                value_label = QLabel(unknown.value, parent)
                combo = QComboBox(parent)
                combo.addItem(self.tr("(choose)"), "")
                for code, name in unknown.choices:
                    combo.addItem(name, code)
                value_label.setBuddy(combo)
                combo.currentIndexChanged.connect(lambda _i, k=key: self._value_chosen(k))
                count = QLabel(str(unknown.rows), parent)
                count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.values_grid.addWidget(QLabel(unknown.field_label, parent), row, 0)
                self.values_grid.addWidget(value_label, row, 1)
                self.values_grid.addWidget(count, row, 2)
                self.values_grid.addWidget(combo, row, 3)
                self._value_combos[key] = combo
            self.values_grid.setRowStretch(len(keys) + 1, 1)
            self._chain(self._value_combos.values())
            if focused in self._value_combos:
                self._value_combos[focused].setFocus()
        for (field, value), combo in self._value_combos.items():
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(self.value_mapping.get(field, {}).get(value, ""))))
            combo.blockSignals(False)
        if not keys:
            self.values_hint.setText(self.tr("Every value in the sheet is known: nothing to choose here."))
        else:
            hint = self.tr("Values the application does not know. Choose what each one means; "
                           "rows with a value left unchosen cannot be imported.")
            if len(every) > len(keys):
                hint += "\n" + self.tr("{hidden} more values are not listed (those on the most rows are). A "
                                       "column of free text gives a value per row: check the columns step.").format(
                    hidden=f"{len(every) - len(keys):,}")
            self.values_hint.setText(hint)

    def _value_chosen(self, key: tuple[str, str]) -> None:
        field, value = key
        code = self._value_combos[key].currentData() or ""
        mapping = self.value_mapping.setdefault(field, {})
        if code:
            mapping[value] = code
        else:
            mapping.pop(value, None)
        self._replan()

    # --- importing ---------------------------------------------------------------------------
    def can_import(self) -> bool:
        return (self.plan is not None and self.plan.importable and self._planning is None and not self._applying
                and self.result is None)

    def start_import(self) -> None:
        if not self.can_import():
            return
        plan, by = self.plan, self.staff_uid
        self._stop.clear()
        control = JobControl(progress=self._relay.moved.emit, should_stop=self._stop.is_set)

        def work(data):
            try:
                return sheet_import.apply_import(data.store, plan, by=by, control=control)
            except Stopped:
                return _STOPPED
            except SheetFileError as error:  # the file changed or went away since the dry run
                return error

        self._applying = True
        self.banner.clear_message()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.stop_button.setText(self.tr("S&top"))
        self.stop_button.setEnabled(True)
        self.stop_button.show()
        self.counts_label.setText(self.tr("Importing…"))
        self._update_buttons()
        self.ops.write(self, work).always(self._import_ended).success(self._imported) \
            .failure(self._import_failed).run()

    def stop_import(self) -> None:
        if self._applying:
            self._stop.set()
            self.stop_button.setEnabled(False)
            self.stop_button.setText(self.tr("Stopping…"))

    def _moved(self, done: int, total: int, what: str) -> None:
        if not self._applying:
            return
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        if what:
            self.counts_label.setText(what)

    def _import_ended(self) -> None:
        self._applying = False
        self.progress.hide()
        self.stop_button.hide()
        self._update_buttons()

    def _imported(self, outcome) -> None:
        if outcome is _STOPPED:
            self._show_plan(self.plan)
            self.banner.show_message(self.tr("Stopped. Nothing was imported; your choices are kept."), "info")
            return
        if isinstance(outcome, SheetFileError):
            self._show_plan(self.plan)
            self.banner.show_message(self.tr("Nothing was imported.") + "\n" + outcome.message)
            return
        self.result = outcome
        self.imported_before = self.imported_before or outcome.added > 0
        self.counts_label.setText(self.tr("Imported."))
        self.banner.show_message(self.tr(
            "Imported: {added} added, {already} already imported, {skipped} skipped, {rejected} not imported.").format(
            added=outcome.added, already=outcome.already, skipped=outcome.skipped, rejected=outcome.rejected), "info")
        self.close_button.setText(self.tr("Close"))
        self.close_button.setFocus()
        self._update_buttons()

    def _import_failed(self, error: Exception) -> None:
        self._show_plan(self.plan)
        self.banner.show_message(self.tr("Nothing was imported; your choices are kept.") + "\n"
                                 + known_error_text(error))
        self.import_button.setFocus()

    def _update_buttons(self) -> None:
        self.import_button.setEnabled(self.can_import())
        self.tabs.setEnabled(not self._applying)

    # --- closing -----------------------------------------------------------------------------
    def reject(self) -> None:
        if self._applying:
            return  # being written: it ends by itself (or at 中止); Esc must not read as "stopped"
        if self.plan is not None and self.result is None and not confirm_close(self):
            return
        if self._planning is not None:
            self._planning.cancel()
        super().reject()


def _grid_area(parent: QWidget) -> tuple[QScrollArea, QGridLayout]:
    """A scrolling grid of labels and combo boxes: Tab goes through the boxes in screen order."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop of its own: it scrolls to the box Tab reaches
    inner = QWidget(area)
    grid = QGridLayout(inner)
    grid.setColumnStretch(1, 1)
    area.setWidget(inner)
    return area, grid


def _clear_grid(grid: QGridLayout) -> None:
    while grid.count():
        item = grid.takeAt(0)
        if item.widget() is not None:
            item.widget().hide()
            item.widget().deleteLater()
    for row in range(grid.rowCount()):
        grid.setRowStretch(row, 0)


def confirm_close(parent: QWidget) -> bool:
    """Ask before the dry run and the choices behind it are thrown away; the safe answer stays."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(translate("ImportDialog", "Close without importing?"))
    if getattr(parent, "imported_before", False):
        box.setText(translate("ImportDialog", "Close without importing the rows of this dry run? The rows "
                                              "imported before stay imported."))
    else:
        box.setText(translate("ImportDialog", "Close without importing? Nothing has been imported yet."))
    close = box.addButton(translate("ImportDialog", "Close"), QMessageBox.ButtonRole.DestructiveRole)
    back = box.addButton(translate("ImportDialog", "Back"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.exec()
    return box.clickedButton() is close


def make_import_dialog(window, ops: Operations, target: str) -> ImportDialog:
    """The dialog for `window`'s logged-in staff (the importer records who imported)."""
    return ImportDialog(ops, getattr(window, "staff_uid", None), target, settings=getattr(window, "settings", None),
                        parent=window)


def open_import_dialog(window, ops: Operations, target: str) -> None:
    """Open the import dialog over the window (modal to it, without blocking); it deletes itself when closed."""
    dialog = make_import_dialog(window, ops, target)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


def save_template_dialog(window, target: str | None = None) -> None:
    """Ask which sheet (when not given) and where, then save a blank workbook with the headers the importer reads."""
    if target is None:
        labels = [target_label(t) for t in TARGETS]
        chosen, ok = QInputDialog.getItem(window, translate("ImportDialog", "Blank template"),
                                          translate("ImportDialog", "Template for:"), labels, 0, False)
        if not ok:
            return
        target = TARGETS[labels.index(chosen)]
    settings = getattr(window, "settings", None) or AppSettings()
    folder = settings.import_folder or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    name = translate("ImportDialog", "{what} import template.xlsx").format(what=target_label(target))
    path, _filter = QFileDialog.getSaveFileName(window, translate("ImportDialog", "Save the blank template"),
                                                str(Path(folder) / name),
                                                translate("ImportDialog", "Excel workbooks (*.xlsx)"))
    if not path:
        return
    if Path(path).suffix.lower() != ".xlsx":
        path += ".xlsx"
    try:
        sheet_import.write_template(path, target)
    except OSError as error:
        message = getattr(error, "message_ja", None) or translate(
            "ImportDialog", "The template could not be saved: {path}").format(path=path)
        QMessageBox.warning(window, translate("ImportDialog", "Blank template"), message)
        return
    except Exception as error:  # noqa: BLE001 — the workbook writer's own error carries its Japanese sentence
        message = getattr(error, "message_ja", None)
        if message is None:
            raise
        QMessageBox.warning(window, translate("ImportDialog", "Blank template"), message)
        return
    QMessageBox.information(window, translate("ImportDialog", "Blank template"),
                            translate("ImportDialog", "Saved the blank template: {path}").format(path=path))
