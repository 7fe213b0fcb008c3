"""Counts (R23) as a Japanese agency lays them out (seed 004): elderly sales by measure, relative contacts, omissions."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QScrollArea, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from agency_app.domain import periods
from agency_app.domain.counting import Tally
from agency_app.domain.periods import Period, fiscal_year_of, now_tokyo, period_of, to_tokyo
from agency_app.storage import counts as K
from agency_app.ui.kit import labels
from agency_app.ui.kit.period_choice import PERIOD_PARTS, part_label  # the voice list's choice of 年度 / 上期 / … too
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.widgets import display_date

translate = QCoreApplication.translate
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
KIND_ROLE = Qt.ItemDataRole.UserRole
UID_ROLE = Qt.ItemDataRole.UserRole + 1
LIST_LIMIT = 500  # rows of the omission list: enough to work through, cheap to build at a million voices


def _number(value: int) -> str:
    return f"{value:,}"


class CountsPage(QWidget):
    """Period and branch choosers over three tables; a listed omission opens with Enter or a double-click."""

    open_record = Signal(str, str)

    def __init__(self, ops: Operations, staff_uid: str, *, drafts=None, clock=now_tokyo,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.clock = ops, staff_uid, clock
        self.omissions = K.Omissions(())
        self._built = False  # the choosers are set before the tables exist: count once, at the end

        today = to_tokyo(clock()).date()
        self.year_combo = QComboBox(self)
        for year in range(fiscal_year_of(today), self._first_year(today) - 1, -1):
            self.year_combo.addItem(self.tr("FY{year}").format(year=year), year)
        self.part_combo = QComboBox(self)
        for kind, number in PERIOD_PARTS:
            self.part_combo.addItem(part_label(kind, number), f"{kind}:{number}")
        self.branch_combo = QComboBox(self)
        self.branch_combo.addItem(self.tr("All branches"), None)
        for branch in ops.read.masters.branches():
            self.branch_combo.addItem(branch.name, branch.code)
        self.set_period(period_of(today, periods.HALF))  # agencies publish by half-year (seed 004)
        self.range_label = QLabel(self)

        bar = QHBoxLayout()
        for text, widgets in ((self.tr("&Period"), (self.year_combo, self.part_combo)),
                              (self.tr("&Branch"), (self.branch_combo,))):
            label = QLabel(text, self)
            label.setBuddy(widgets[0])
            bar.addWidget(label)
            for widget in widgets:
                bar.addWidget(widget)
            bar.addSpacing(12)
        bar.addWidget(self.range_label)
        bar.addStretch(1)

        self.elderly_table = self._table()
        self.relatives_table = self._table()
        self.omission_summary = self._table()
        self.omission_list = self._table(stretch_last=True)
        self.omission_list.doubleClicked.connect(lambda index: self._open(index.row()))
        self.omission_list.installEventFilter(self)
        self.list_note = QLabel(self)
        self.list_note.hide()

        body = QWidget()
        column = QVBoxLayout(body)
        for heading, note, widgets in (
                (self.tr("Elderly-customer sales by measure"),
                 self.tr("Sales to elderly customers, counted by sale date. Incomplete records are open follow-ups."),
                 (self.elderly_table,)),
                (self.tr("Relative contacts"), self.tr("By the day recorded."), (self.relatives_table,)),
                (self.tr("Follow-up omissions"),
                 self.tr("Voices by date received and cases by date opened: closed after the due date, or reopened "
                         "after being marked done. Enter or double-click opens the record."),
                 (self.omission_summary, self.list_note, self.omission_list))):
            title = QLabel(heading, body)
            title.setObjectName("sectionHeading")
            bold = QFont(title.font())
            bold.setBold(True)
            title.setFont(bold)
            hint = QLabel(note, body)
            hint.setWordWrap(True)
            hint.setStyleSheet("color: #555;")
            column.addWidget(title)
            column.addWidget(hint)
            for widget in widgets:
                column.addWidget(widget)
            column.addSpacing(10)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)
        for combo in (self.year_combo, self.part_combo, self.branch_combo):
            combo.currentIndexChanged.connect(self.refresh)
        QWidget.setTabOrder(self.year_combo, self.part_combo)
        QWidget.setTabOrder(self.part_combo, self.branch_combo)
        QWidget.setTabOrder(self.branch_combo, self.omission_list)
        self._built = True
        self.refresh()

    # --- the page contract ------------------------------------------------------------------------
    def refresh(self) -> None:
        period, branch = self.period(), self.branch_combo.currentData()
        start, end = period.start, period.end
        self.range_label.setText(self.tr("{start} – {end}").format(
            start=start.strftime("%Y/%m/%d"), end=end.strftime("%Y/%m/%d")))
        conn = self.ops.read.conn
        self._fill_elderly(K.elderly_sales_counts(conn, period, branch))
        self._fill_relatives(K.relative_contact_counts(conn, period, branch))
        self.omissions = K.follow_up_omissions(conn, period, branch)
        self._fill_omissions(self.omissions)

    def set_staff(self, uid: str) -> None:
        self.staff_uid = uid  # the counts are the agency's, not one person's

    def show_record(self, uid: str) -> bool:
        """Select a listed omission by its record uid."""
        for row, record in enumerate(self.omissions.records[:LIST_LIMIT]):
            if record.uid == uid:
                self.omission_list.selectRow(row)
                return True
        return False

    # --- choosers ------------------------------------------------------------------------------
    def period(self) -> Period:
        kind, number = str(self.part_combo.currentData()).split(":")
        return Period(int(self.year_combo.currentData()), kind, int(number))

    def set_period(self, period: Period) -> None:
        """Choose a period and count once (not once per combo box)."""
        before = self.period() if self.part_combo.currentIndex() >= 0 else None
        for combo in (self.year_combo, self.part_combo):
            combo.blockSignals(True)
        index = self.year_combo.findData(period.fiscal_year)
        if index >= 0:
            self.year_combo.setCurrentIndex(index)
        self.part_combo.setCurrentIndex(self.part_combo.findData(f"{period.kind}:{period.number}"))
        for combo in (self.year_combo, self.part_combo):
            combo.blockSignals(False)
        if self._built and self.period() != before:
            self.refresh()

    def set_branch(self, code: str | None) -> None:
        self.branch_combo.setCurrentIndex(max(0, self.branch_combo.findData(code)))

    def _first_year(self, today: date) -> int:
        """The oldest fiscal year with a record to count (one index lookup per table)."""
        first = K.first_day(self.ops.read.conn)
        return fiscal_year_of(first or today)

    # --- tables --------------------------------------------------------------------------------
    def _table(self, stretch_last: bool = False) -> QTableWidget:
        table = QTableWidget(0, 0, self)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setTabKeyNavigation(False)
        table.setWordWrap(False)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if stretch_last:
            table.horizontalHeader().setStretchLastSection(True)
        else:
            table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # figures only: Tab goes past them
        return table

    def _put(self, table: QTableWidget, rows: list[str], columns: list[str], cells: list[list[str]],
             bold_rows: tuple[int, ...] = (), numbers: bool = True) -> None:
        table.clear()
        table.setRowCount(len(rows))
        table.setColumnCount(len(columns))
        table.setHorizontalHeaderLabels(columns)
        table.setVerticalHeaderLabels(rows)
        table.verticalHeader().setVisible(any(rows))
        bold = QFont(table.font())
        bold.setBold(True)
        for r, values in enumerate(cells):
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if numbers:
                    item.setTextAlignment(RIGHT)
                if r in bold_rows:
                    item.setFont(bold)
                table.setItem(r, c, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if not numbers:
            header.setStretchLastSection(True)
        height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(r) for r in range(len(rows))) if rows else 0
        table.setFixedHeight(max(height, table.horizontalHeader().sizeHint().height() * 3) if not numbers
                             else height)

    def _fill_elderly(self, table) -> None:
        names = {"relative_present": self.tr("Relative present"), "multiple_meetings": self.tr("Several meetings"),
                 "second_agent": self.tr("Second agent"), "phone_check": self.tr("Phone check"),
                 "written_check": self.tr("Written check"), K.NO_MEASURE: self.tr("Measure not chosen yet")}
        rows = [r for r in table.rows if r != K.NO_MEASURE or table.row_total(r).total]
        cells = []
        for r in rows + ["total"]:
            if r == "total":
                ln = sum((table.row_total(x, ("life", "nonlife")) for x in rows), Tally())
                group = sum((table.cell(x, "group") for x in rows), Tally())
            else:
                ln, group = table.row_total(r, ("life", "nonlife")), table.cell(r, "group")
            both = ln + group
            cells.append([_number(v) for v in (ln.total, group.total, both.total, both.complete, both.incomplete)])
        self._put(self.elderly_table, [names[r] for r in rows] + [self.tr("Total")],
                  [self.tr("Life / non-life"), self.tr("Group"), self.tr("Total"), self.tr("Complete"),
                   self.tr("Incomplete")], cells, bold_rows=(len(rows),))

    def _fill_relatives(self, counts: K.RelativeCounts) -> None:
        groups = list(K.GROUPS) + [None]
        cells = [[_number(v) for v in (
            counts.count("registered", g, "meeting"), counts.count("registered", g, "mail"),
            counts.count("registered", g), counts.count("declined", g))] for g in groups]
        group_names = {"life": self.tr("Life"), "nonlife": self.tr("Non-life"), "group": self.tr("Group"), None:
                       self.tr("Total")}
        names = [group_names[g] for g in groups]
        self._put(self.relatives_table, names,
                  [self.tr("Registered (meeting)"), self.tr("Registered (post)"), self.tr("Registered total"),
                   self.tr("Declined")], cells, bold_rows=(len(groups) - 1,))

    def _fill_omissions(self, found: K.Omissions) -> None:
        reasons = {K.CLOSED_LATE: self.tr("Closed after the due date"),
                   K.REOPENED: self.tr("Reopened after done")}
        cells = [[_number(found.count(r, "voice")), _number(found.count(r, "case")), _number(found.count(r))]
                 for r in K.OMISSION_REASONS]
        cells.append([_number(len({x.uid for x in found.records if x.kind == k})) for k in ("voice", "case")]
                     + [_number(found.records_affected)])
        self._put(self.omission_summary, [reasons[r] for r in K.OMISSION_REASONS] + [self.tr("Records")],
                  [self.tr("Voices"), self.tr("Cases"), self.tr("Total")], cells, bold_rows=(2,))
        kinds = {"voice": self.tr("Voice"), "case": self.tr("Case")}
        shown = found.records[:LIST_LIMIT]
        rows = [[reasons[x.reason], kinds[x.kind], display_date(x.due_date), display_date(x.closed_on),
                 labels.status_label(x.status), x.title] for x in shown]
        self.list_note.setText(self.tr("Showing the first {shown} of {count}.").format(
            shown=_number(len(shown)), count=_number(len(found.records))))
        self.list_note.setVisible(len(shown) < len(found.records))
        self._put(self.omission_list, [""] * len(rows),
                  [self.tr("Reason"), self.tr("Type"), self.tr("Due"), self.tr("Closed / reopened on"),
                   self.tr("Status now"), self.tr("Subject")], rows, numbers=False)
        for r, record in enumerate(shown):
            item = self.omission_list.item(r, 0)
            item.setData(KIND_ROLE, record.kind)
            item.setData(UID_ROLE, record.uid)
            self.omission_list.item(r, 5).setToolTip(record.title)
        if shown:
            self.omission_list.setCurrentCell(0, 0)

    # --- opening a listed record ---------------------------------------------------------------
    def _open(self, row: int) -> None:
        item = self.omission_list.item(row, 0)
        if item is not None and item.data(UID_ROLE):
            self.open_record.emit(item.data(KIND_ROLE), item.data(UID_ROLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.omission_list and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.omission_list.currentRow() >= 0:
                self._open(self.omission_list.currentRow())
                return True
        return super().eventFilter(watched, event)

    # --- reading the tables (tests, reports) ---------------------------------------------------
    @staticmethod
    def texts(table: QTableWidget) -> dict[str, list[str]]:
        """{row heading: [cell texts]} of a figures table."""
        return {table.verticalHeaderItem(r).text(): [table.item(r, c).text() for c in range(table.columnCount())]
                for r in range(table.rowCount())}
