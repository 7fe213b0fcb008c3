"""The KPI dashboard (issue 11 points 5–7): each KPI of a year grouped by principle, with its result, 達成 / 未達, 確定 and trend."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QMenu, QPushButton,
                               QScrollArea, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)
from shiboken6 import isValid

from agency_app.domain import periods
from agency_app.domain.kpi import PRINCIPLES
from agency_app.domain.kpi_measures import HAND
from agency_app.domain.kpi_texts import period_text, target_text
from agency_app.domain.periods import fiscal_year_of, now_tokyo, to_tokyo
from agency_app.reports import kpi_report
from agency_app.ui.kit.flow_layout import FlowLayout, together
from agency_app.ui.kit.follow_changes import FollowsChanges
from agency_app.ui.kit.operations import Operations, show_error
from agency_app.ui.kit.period_choice import part_label
from agency_app.ui.kpi import dashboard_texts as T

# What the board is computed from: a write to any of them may change a figure on it.
WATCHED = ("kpis", "kpi_results", "kpi_finalisations", "voices", "improvements", "elderly_sales",
           "relative_contacts", "survey_answers", "survey_types", "trainings", "training_participants",
           "roleplay_results", "qualifications", "staff")

COLUMNS = ("kpi", "part", "target", "result", "achievement", "final", "trend")
KEYS = {"why": ("Enter",), "result": ("Ctrl+E",), "print_preview": ("Ctrl+P",), "pdf": ("Ctrl+Shift+P",)}


class DashboardPage(FollowsChanges, QWidget):
    """Year, half and branch choosers over the board; Enter on a computed result says why it is what it is."""

    open_record = Signal(str, str)
    watched = WATCHED

    def __init__(self, ops: Operations, staff_uid: str, *, drafts=None, clock=now_tokyo,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.clock = ops, staff_uid, clock
        self.board: kpi_report.KpiBoard | None = None
        self.lines: list[tuple | None] = []   # per table row: (KpiRow, ResultCell), None for a principle's heading
        self.chart = None                      # made on the first KPI shown: Qt Charts waits until then
        self.dialog = None
        self._building = None
        self._built = False
        self._empty_said = False   # the note says the year has no KPIs (cleared once it has some)

        self.year_combo = QComboBox(self)
        self.half_combo = QComboBox(self)
        for kind, number in ((periods.YEAR, 0), (periods.HALF, 1), (periods.HALF, 2)):
            self.half_combo.addItem(part_label(kind, number), number or None)
        self.branch_combo = QComboBox(self)
        self.branch_combo.addItem(self.tr("All branches"), None)
        for branch in ops.read.masters.branches():
            self.branch_combo.addItem(branch.name, branch.code)
        self._fill_years()

        # One row on a wide screen; on a narrow one (1024 px, a large Windows font) the buttons wrap below.
        bar = FlowLayout()
        for text, combo in ((self.tr("&Year"), self.year_combo), (self.tr("Pa&rt"), self.half_combo),
                            (self.tr("&Branch"), self.branch_combo)):
            label = QLabel(text, self)
            label.setBuddy(combo)
            bar.addWidget(together(self, label, combo))
        self._make_actions()
        self.buttons = {}
        for name, text in (("why", self.tr("&Why this figure…")), ("result", self.tr("R&esult and comments…")),
                           ("print_preview", self.tr("&Print preview")), ("pdf", self.tr("Save as P&DF…"))):
            button = QPushButton(text, self)
            button.setToolTip(self.action_of[name].toolTip())
            button.setAutoDefault(False)
            button.clicked.connect(self.action_of[name].trigger)
            self.buttons[name] = button
            bar.addWidget(button)

        self.note = QLabel(self)   # a refusal, an empty year or a saved PDF, where the user is looking
        self.note.setWordWrap(True)
        self.note.hide()

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([
            self.tr("KPI"), self.tr("Part"), self.tr("Target"), self.tr("Result"), self.tr("Achievement"),
            self.tr("Finalised"), self.tr("Earlier years")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)   # Tab leaves the table, as in every list of the app
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.itemDoubleClicked.connect(lambda _item: self.show_why())
        self.table.currentCellChanged.connect(lambda row, *_: self._show_detail(row))
        self.table.installEventFilter(self)

        self.detail_title = QLabel(self)
        bold = QFont(self.detail_title.font())
        bold.setBold(True)
        self.detail_title.setFont(bold)
        self.detail_title.setWordWrap(True)
        self.flag_label = QLabel(self)
        self.flag_label.setWordWrap(True)
        self.flag_label.setStyleSheet("QLabel { color: #a61b1b; font-weight: bold; }")
        self.texts_label = QLabel(self)
        self.texts_label.setWordWrap(True)
        self.texts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.texts_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        texts = QWidget(self)
        texts_layout = QVBoxLayout(texts)
        texts_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.detail_title, self.flag_label, self.texts_label):
            texts_layout.addWidget(widget)
        texts_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(texts)
        self.detail = QWidget(self)
        self.detail_layout = QHBoxLayout(self.detail)
        self.detail_layout.setContentsMargins(0, 0, 0, 0)
        self.detail_layout.addWidget(scroll, 1)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(splitter, 1)
        for combo in (self.year_combo, self.half_combo, self.branch_combo):
            combo.currentIndexChanged.connect(self.refresh)
        self.setFocusProxy(self.table)
        # Tab: the choosers, then the board, then its buttons (the board is what Enter and Ctrl+E act on).
        order = [self.year_combo, self.half_combo, self.branch_combo, self.table, *self.buttons.values()]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)
        self._built = True
        self._enable_actions()
        self.follow_changes(ops)
        self.refresh()

    # --- actions: keys, buttons, the context menu ---------------------------------------------------
    def _make_actions(self) -> None:
        entries = (("why", self.tr("Why this figure…"), self.show_why),
                   ("result", self.tr("Result and comments…"), self.edit_result),
                   ("print_preview", self.tr("Print preview"), self.print_preview),
                   ("pdf", self.tr("Save as PDF…"), self.save_pdf))
        self.action_of: dict[str, QAction] = {}
        for name, text, slot in entries:
            action = QAction(text, self)
            action.setObjectName(name)
            key = KEYS[name][0]
            shown = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text.rstrip('…')} ({shown})")
            if name != "why":   # Enter is the table's own (an event filter): in a combo box it must stay the combo's
                action.setShortcut(QKeySequence(key))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.addAction(action)
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            self.action_of[name] = action

    def record_actions(self) -> list[QAction]:
        return list(self.action_of.values())

    def _context_menu(self, position) -> None:
        menu = QMenu(self)
        for action in self.action_of.values():
            menu.addAction(action)
        menu.exec(self.table.viewport().mapToGlobal(position))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table and event.type() == event.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            self.show_why()
            return True
        return super().eventFilter(watched, event)

    def _enable_actions(self) -> None:
        line = self.current_line()
        has_board = self.board is not None and bool(self.board.rows)
        for name, enabled in (("why", line is not None), ("result", line is not None),
                              ("print_preview", has_board), ("pdf", has_board)):
            self.action_of[name].setEnabled(enabled)
            if name in getattr(self, "buttons", {}):
                self.buttons[name].setEnabled(enabled)

    # --- choosers -----------------------------------------------------------------------------------
    def _fill_years(self) -> None:
        """The fiscal years that have KPIs, and this one; the latest of them up to this year is chosen."""
        this_year = fiscal_year_of(to_tokyo(self.clock()).date())
        chosen = self.year_combo.currentData()
        years = set(self.ops.read.kpis.years()) | {this_year} | ({chosen} if chosen is not None else set())
        if [self.year_combo.itemData(i) for i in range(self.year_combo.count())] == sorted(years, reverse=True):
            return   # nothing new: the open list is left alone
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in sorted(years, reverse=True):
            self.year_combo.addItem(self.tr("FY{year}").format(year=year), year)
        if chosen is None:
            with_kpis = [year for year in years if year <= this_year]
            chosen = this_year if this_year in set(self.ops.read.kpis.years()) or not with_kpis else max(with_kpis)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(chosen)))
        self.year_combo.blockSignals(False)

    def choose(self, fiscal_year: int | None = None, half: int | None | str = "keep",
               branch: str | None = "keep") -> None:
        """Choose a year, half (None: the whole year) and branch, and build the board once."""
        combos = (self.year_combo, self.half_combo, self.branch_combo)
        for combo in combos:
            combo.blockSignals(True)
        if fiscal_year is not None:
            if self.year_combo.findData(fiscal_year) < 0:
                self.year_combo.addItem(self.tr("FY{year}").format(year=fiscal_year), fiscal_year)
            self.year_combo.setCurrentIndex(self.year_combo.findData(fiscal_year))
        if half != "keep":
            self.half_combo.setCurrentIndex(max(0, self.half_combo.findData(half)))
        if branch != "keep":
            self.branch_combo.setCurrentIndex(max(0, self.branch_combo.findData(branch)))
        for combo in combos:
            combo.blockSignals(False)
        self.refresh()

    # --- the page contract --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Build the board the choosers ask for on a reader thread; a newer choice replaces one still running."""
        if not self._built:
            return
        self._fill_years()   # a year given KPIs on the KPI settings tab (copied into next year) appears here too
        fiscal_year = int(self.year_combo.currentData())
        half, branch = self.half_combo.currentData(), self.branch_combo.currentData()
        today = to_tokyo(self.clock()).date()
        op = self.ops.query(self, lambda data: kpi_report.build_board(data, fiscal_year, half=half, branch=branch,
                                                                      today=today), key=("kpi_board", id(self)))
        op.success(self._show_board).failure(lambda error: self._not_built(op, error))
        self._building = op.with_progress(self.tr("Building the KPI board…"), cancellable=True).run()

    def _not_built(self, op, error: Exception) -> None:
        if isValid(self) and op is self._building:
            show_error(self, error)

    def set_staff(self, uid: str) -> None:
        self.staff_uid = uid   # the board is the agency's; who edits a result is asked at saving

    def show_record(self, kind: str, uid: str) -> bool:
        """Select a KPI by its uid (the window asks to show a 'kpi')."""
        for index, line in enumerate(self.lines):
            if line is not None and line[0].uid == uid:
                self.table.setCurrentCell(index, 0)
                return True
        return False

    def concerns(self, changes) -> bool:
        return changes.touches(*self.watched)

    def shutdown(self) -> None:
        if self._building is not None:
            self._building.cancel()

    # --- the board ------------------------------------------------------------------------------------
    def _show_board(self, board) -> None:
        """Fill the table: a heading row per principle, then one row per result of each KPI."""
        keep = self.current_line()
        keep_key = (keep[0].uid, keep[1].period) if keep else None
        self.board = board
        self.lines = []
        self.table.setRowCount(0)
        principle = None
        for row in board.rows:
            if row.principle != principle:
                principle = row.principle
                self._add_heading(principle)
            for number, cell in enumerate(row.cells):
                self._add_result(row, cell, first=number == 0, last=number == len(row.cells) - 1)
        self.table.resizeRowsToContents()
        empty = self.tr("FY{year} has no KPIs yet: define them on the KPIs tab.").format(year=board.fiscal_year)
        if not board.rows:
            self.say(empty, warning=False)
        elif self._empty_said:
            self.say("")   # a refusal or a saved PDF stays until the next action: a rebuild is no answer to it
        self._empty_said = not board.rows
        target = next((i for i, line in enumerate(self.lines)
                       if line and keep_key == (line[0].uid, line[1].period)), None)
        if target is None:
            target = next((i for i, line in enumerate(self.lines) if line is not None), None)
        if target is not None:
            self.table.setCurrentCell(target, 0)
        self._show_detail(self.table.currentRow())
        self._enable_actions()

    def _add_heading(self, principle: int) -> None:
        index = self.table.rowCount()
        self.table.insertRow(index)
        item = QTableWidgetItem(self.tr("Principle {number}: {name}").format(
            number=principle, name=PRINCIPLES.get(principle, "")))
        font = QFont(self.table.font())
        font.setBold(True)
        item.setFont(font)
        item.setFlags(Qt.ItemFlag.NoItemFlags)   # the arrow keys pass over a heading
        item.setForeground(Qt.GlobalColor.black)
        item.setBackground(Qt.GlobalColor.lightGray)
        self.table.setItem(index, 0, item)
        self.table.setSpan(index, 0, 1, len(COLUMNS))
        self.lines.append(None)

    def _add_result(self, row, cell, *, first: bool, last: bool = True) -> None:
        index = self.table.rowCount()
        self.table.insertRow(index)
        flag = f"\n{cell.flag}" if cell.flag else ""
        texts = (row.title if first else "", T.part_text(cell.period, cell.interim), target_text(row.target),
                 kpi_report.agency_marked(T.value_text(cell.value, row.target), cell),
                 kpi_report.agency_marked(T.achievement_text(cell.achievement), cell),
                 T.frozen_text(cell.frozen, cell.frozen_at, cell.frozen_by) + flag,
                 # the earlier years are of the KPI's last period shown (kpi_report._trend), beside it as on the sheet
                 T.trend_text(row.trend, row.target) if last else "")
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.table.setItem(index, column, item)
        self.table.item(index, 0).setToolTip(f"{row.title}\n{row.source_label}\n{row.description}".strip())
        if cell.agency:   # a hand KPI on a branch's board (全社)
            for column in (COLUMNS.index("result"), COLUMNS.index("achievement")):
                self.table.item(index, column).setToolTip(self.tr(
                    "Typed by hand for the whole agency: a branch has no figure of its own."))
        judged = self.table.item(index, COLUMNS.index("achievement"))
        foreground, background = T.ACHIEVEMENT_COLOURS.get(cell.achievement, T.ACHIEVEMENT_COLOURS[None])
        judged.setForeground(foreground)
        judged.setBackground(background)
        font = QFont(self.table.font())
        font.setBold(True)
        judged.setFont(font)
        if cell.flag:
            final = self.table.item(index, COLUMNS.index("final"))
            final.setForeground(T.FLAG_COLOUR)
            final.setFont(font)
        self.lines.append((row, cell))

    def current_line(self):
        row = self.table.currentRow() if hasattr(self, "table") else -1
        return self.lines[row] if 0 <= row < len(self.lines) else None

    def row_texts(self) -> list[list[str]]:
        """The table as text, row by row (headings included): what a person reads."""
        return [[self.table.item(r, c).text() if self.table.item(r, c) else "" for c in range(len(COLUMNS))]
                for r in range(self.table.rowCount())]

    # --- the detail of the KPI chosen: its texts, its flag, its years -----------------------------------
    def _show_detail(self, index: int) -> None:
        line = self.lines[index] if 0 <= index < len(self.lines) else None
        self._enable_actions()
        if line is None:
            for label in (self.detail_title, self.flag_label, self.texts_label):
                label.clear()
            self.flag_label.hide()
            if self.chart is not None:
                self.chart.hide()
            return
        row, cell = line
        self.detail_title.setText(self.tr("{title} — {period}: {value} (target {target}) {achievement}").format(
            title=row.title, period=period_text(cell.period),
            value=kpi_report.agency_marked(T.value_text(cell.value, row.target), cell),
            target=target_text(row.target),
            achievement=kpi_report.agency_marked(T.achievement_text(cell.achievement), cell)))
        self.flag_label.setText(cell.flag or "")
        self.flag_label.setVisible(bool(cell.flag))
        draft = self.tr(" (draft)")
        self.texts_label.setText("\n".join((
            self.tr("[Figures and facts]") + (draft if cell.facts_is_draft else ""), cell.facts, "",
            self.tr("[Evaluation]") + (draft if cell.evaluation_is_draft else ""), cell.evaluation, "",
            self.tr("Source: {source}").format(source=row.source_label))))
        self._show_chart(row, cell)

    def _show_chart(self, row, cell) -> None:
        """The KPI's earlier years and this result as bars, the target as a line (Qt Charts loads on first use)."""
        from agency_app.ui.kit import charts
        data = T.year_trend(row, cell)
        if self.chart is None:
            self.chart = charts.chart_view(data, self.detail, compact=True)
            self.detail_layout.insertWidget(0, self.chart, 1)
        else:
            self.chart.set_data(data)
        self.chart.show()

    # --- why is it 97? / the result and its texts ------------------------------------------------------
    def show_why(self) -> None:
        """Enter on a computed result: the records behind it; on a hand result, its dialog."""
        line = self.current_line()
        if line is None:
            return
        row, cell = line
        if row.source == HAND:
            self.edit_result()
            return
        from agency_app.ui.kpi.drill_down_dialog import DrillDownDialog
        dialog = DrillDownDialog(self.ops, row, cell, self.board.branch if self.board else None, clock=self.clock,
                                 parent=self)
        dialog.open_record.connect(self.open_record)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def edit_result(self) -> None:
        """Ctrl+E: the hand value and the two texts of the chosen result; refused, with the reason, once final."""
        line = self.current_line()
        if line is None:
            return
        row, cell = line
        if cell.frozen:
            self.say(self.tr("{period} of {title} is finalised ({final}): to change it, a manager "
                             "unfreezes the period first.").format(
                period=period_text(cell.period), title=row.title,
                final=T.frozen_text(cell.frozen, cell.frozen_at, cell.frozen_by)))
            return
        if cell.interim:
            self.say(self.tr("{title} is a KPI of the whole year: this is its interim figure over the half. Choose "
                             "the whole year to enter its result and comments.").format(title=row.title))
            return
        if self.board is not None and self.board.branch is not None:
            # the value and texts are the agency's: drafted here they would be of the branch's figures
            self.say(self.tr("The result and comments of {title} are the agency's: choose all branches to enter "
                             "them.").format(title=row.title))
            return
        self.say("")
        from agency_app.ui.kpi.result_dialog import ResultDialog
        dialog = ResultDialog(self.ops, self.staff_uid, row, cell, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    # --- printing (ui/printing/kpi_sheet.py) ------------------------------------------------------------
    def _document(self):
        """The A4 sheet of the board shown; a printing failure is said above the board (None then)."""
        from agency_app.ui.printing.kpi_sheet import kpi_document
        from agency_app.ui.printing.printed_document import PrintFailed
        if self.board is None or not self.board.rows:
            return None
        try:
            return kpi_document(self.board)
        except PrintFailed as error:
            self.say(error.message_ja)
            return None

    def print_preview(self) -> None:
        """Ctrl+P: the A4 sheet of the board as it will print, with its print button."""
        document = self._document()
        if document is None:
            return
        dialog = document.preview(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def save_pdf(self) -> None:
        """Ctrl+Shift+P: the sheet as a PDF, for those not present."""
        from PySide6.QtWidgets import QFileDialog
        if self.board is None or not self.board.rows:
            return
        half = {1: "_上期", 2: "_下期"}.get(self.board.half, "")
        name = f"KPI_{self.board.fiscal_year}年度{half}.pdf"
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), name, "PDF (*.pdf)")
        if path:
            self.write_pdf(Path(path))

    def write_pdf(self, path: Path) -> None:
        from agency_app.ui.printing.printed_document import PrintFailed
        document = self._document()
        if document is None:
            return
        try:
            pages = document.write_pdf(path)
        except PrintFailed as error:
            self.say(error.message_ja)
            return
        self.say(self.tr("Saved as PDF ({pages} pages): {path}").format(pages=pages, path=path), warning=False)

    def say(self, text: str, *, warning: bool = True) -> None:
        """A line above the board ('' hides it): a refusal in red and bold, a plain note otherwise."""
        self.note.setStyleSheet("QLabel { color: #a61b1b; font-weight: bold; }" if warning else "")
        self.note.setText(text)
        self.note.setVisible(bool(text))
