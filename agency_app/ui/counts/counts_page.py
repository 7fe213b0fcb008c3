"""The 集計 tab: period and branch choosers over the counts report, the same report `agency-app counts` prints."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QScrollArea, QTableWidget, QVBoxLayout, QWidget
from shiboken6 import isValid

from agency_app.domain import periods
from agency_app.domain.periods import Period, fiscal_year_of, now_tokyo, period_of, to_tokyo
from agency_app.reports import counts_report as R
from agency_app.reports.report import Report
from agency_app.storage import counts as K
from agency_app.ui.kit.follow_changes import FollowsChanges
from agency_app.ui.kit.operations import Operations, show_error
from agency_app.ui.kit.period_choice import PERIOD_PARTS, part_label  # the voice list's choice of 年度 / 上期 / … too
from agency_app.ui.kit.report_view import ReportView

LIST_LIMIT = R.LIST_LIMIT


class CountsPage(FollowsChanges, QWidget):
    """Period and branch choosers over the report's tables; a listed omission opens with Enter or a double-click.

    The report is counted in a worker (a year at a million voices takes about half a second); a newer
    choice replaces a count still running, and the tab follows every write to what it counts.
    """

    open_record = Signal(str, str)
    watched = ("voices", "cases", "elderly_sales", "relative_contacts", "categories")

    def __init__(self, ops: Operations, staff_uid: str, *, drafts=None, clock=now_tokyo,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.clock = ops, staff_uid, clock
        self.report: Report | None = None
        self._counting = None  # the latest count asked for
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

        self.view = ReportView()
        self.view.open_record.connect(self.open_record)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.view)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)
        for combo in (self.year_combo, self.part_combo, self.branch_combo):
            combo.currentIndexChanged.connect(self.refresh)
        self._built = True
        self.follow_changes(ops)
        self.refresh()

    # --- the page contract ------------------------------------------------------------------------
    def refresh(self) -> None:
        period, branch = self.period(), self.branch_combo.currentData()
        self._show_range(period)
        # One call from (connection, period, branch) to the whole report, on a reader thread.
        op = self.ops.query(self, lambda data: R.counts_report(data.conn, period, branch, list_limit=LIST_LIMIT),
                            key=("counts", id(self)))
        op.success(self._show_report).failure(lambda error: self._not_counted(op, error)) \
            .always(lambda: op.cancelled and self._not_counted(op, None))
        self._counting = op.with_progress(self.tr("Counting…"), cancellable=True).run()

    def _show_range(self, period: Period) -> None:
        self.range_label.setText(self.tr("{start} – {end}").format(
            start=period.start.strftime("%Y/%m/%d"), end=period.end.strftime("%Y/%m/%d")))

    def _not_counted(self, op, error: Exception | None) -> None:
        """Stopped (中止) or failed: the tables keep the figures shown, so the choosers go back to what they count."""
        if not isValid(self) or op is not self._counting:
            return  # replaced by a newer choice, which is counted instead
        if error is not None:
            show_error(self, error)
        if self.report is None:
            return
        combos = (self.year_combo, self.part_combo, self.branch_combo)
        for combo in combos:
            combo.blockSignals(True)
        period = self.report.period
        self.year_combo.setCurrentIndex(self.year_combo.findData(period.fiscal_year))
        self.part_combo.setCurrentIndex(self.part_combo.findData(f"{period.kind}:{period.number}"))
        self.branch_combo.setCurrentIndex(max(0, self.branch_combo.findData(self.report.branch_code)))
        for combo in combos:
            combo.blockSignals(False)
        self._show_range(period)

    def _show_report(self, report: Report) -> None:
        self.report = report
        self.view.set_report(report)
        QWidget.setTabOrder(self.year_combo, self.part_combo)
        QWidget.setTabOrder(self.part_combo, self.branch_combo)
        QWidget.setTabOrder(self.branch_combo, self.omission_list)

    def set_staff(self, uid: str) -> None:
        self.staff_uid = uid  # the counts are the agency's, not one person's

    def show_record(self, uid: str) -> bool:
        """Select a listed omission by its record uid."""
        return self.view.select_record(uid)

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

    # --- the report's tables, by what they show -----------------------------------------------
    def table(self, key: str) -> QTableWidget:
        return self.view.table(key)

    @property
    def elderly_table(self) -> QTableWidget:
        return self.view.table("elderly_sales")

    @property
    def relatives_table(self) -> QTableWidget:
        return self.view.table("relative_contacts")

    @property
    def omission_summary(self) -> QTableWidget:
        return self.view.table("omissions")

    @property
    def omission_list(self) -> QTableWidget:
        return self.view.table("omission_list")

    @property
    def list_note(self) -> QLabel:
        return self.view.notes("omission_list")

    @staticmethod
    def texts(table: QTableWidget) -> dict[str, list[str]]:
        """{row label: [cell texts]} of a figures table."""
        return {cells[0]: cells[1:] for cells in ReportView.texts(table)}
