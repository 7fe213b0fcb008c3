"""The week against the 8 before it: bar charts by kind and by category group, and the same numbers as a table."""

from __future__ import annotations


from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QHBoxLayout, QHeaderView, QTableWidget, QTableWidgetItem, QTabWidget, QWidget,
)

from agency_app.domain import voice_day as D
from agency_app.ui.kit import labels

CATEGORIES_CHARTED = 5  # the busiest groups; more bars than that cannot be read on a projector


def series_rows(weeks: list[D.WeekCounts]) -> tuple[list[tuple[str, list[int]]], list[tuple[str, list[int]]]]:
    """(kinds, categories): each a list of (name, counts per week); kinds in the meeting's order, every kind
    listed; category groups by their total, busiest first (a voice without one as 分類なし)."""
    kinds = [(labels.kind_label(kind), [week.by_kind.get(kind, 0) for week in weeks]) for kind in D.KIND_ORDER]
    totals: dict[str, int] = {}
    for week in weeks:
        for group, count in week.by_category.items():
            totals[group] = totals.get(group, 0) + count
    groups = sorted(totals, key=lambda group: (-totals[group], group))
    categories = [(group or _no_category(), [week.by_category.get(group, 0) for week in weeks]) for group in groups]
    return kinds, categories


def _no_category() -> str:
    from PySide6.QtCore import QCoreApplication
    return QCoreApplication.translate("VoiceDay", "(no category)")


class SummaryView(QWidget):
    """Charts (when ui/kit/charts.py is present: by kind, by category, one tab each) beside a table of the same
    counts: one row a kind or a group, one column a week, the meeting's week last, in bold and named 今回."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = QTableWidget(self)
        self.table.setObjectName("summaryTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAccessibleName(self.tr("Voices per week by kind and by category"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The meeting's week is the last column: narrower than nine weeks (1024 px, 1366 px), the table shows its end,
        # not the oldest weeks with 今回 off to the right. Kept there as the widths settle and the window resizes.
        weeks_bar = self.table.horizontalScrollBar()
        weeks_bar.rangeChanged.connect(lambda _low, high: weeks_bar.setValue(high))
        self.charts: list[QWidget] = []
        self._scale = 1.0
        self._pending = None  # the counts waiting for the charts to be shown
        # One chart at a time, two thirds of the width: side by side at 1366 px (or 1024) each had ~45 px a week,
        # too little for its week labels at the chart's reading size. The table beside shows both breakdowns.
        self.chart_tabs = QTabWidget(self)
        self.chart_tabs.setDocumentMode(True)
        self.chart_tabs.hide()  # until there is a chart to show
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chart_tabs, 3)
        layout.addWidget(self.table, 2)

    def set_weeks(self, weeks: list[D.WeekCounts]) -> None:
        kinds, categories = series_rows(weeks)
        self._fill_table(weeks, kinds, categories)
        self._fill_charts(weeks, kinds, categories[:CATEGORIES_CHARTED])

    def set_font_scale(self, scale: float) -> None:
        self._scale = scale
        for chart in self.charts:
            chart.set_font_scale(scale)

    def _fill_table(self, weeks, kinds, categories) -> None:
        """A titled part per breakdown (種別, then 分類): その他 of kinds and その他 of categories never read alike."""
        rows = [(self.tr("Kind"), None)] + kinds + [(self.tr("Category"), None)] + categories
        table = self.table
        table.clear()
        table.clearSpans()
        table.setRowCount(len(rows))
        table.setColumnCount(len(weeks))
        heads = [week.week.label for week in weeks]
        if heads:
            heads[-1] = self.tr("{week} (this time)").format(week=heads[-1])
        table.setHorizontalHeaderLabels(heads)
        table.setVerticalHeaderLabels([name if counts is not None else "" for name, counts in rows])
        bold = QFont(table.font())
        bold.setBold(True)
        for row, (name, counts) in enumerate(rows):
            if counts is None:  # the part's title where the rows are named (the weeks may be scrolled), a blank row
                item = QTableWidgetItem(name)
                item.setFont(bold)
                table.setVerticalHeaderItem(row, item)
                if len(weeks) > 1:
                    table.setSpan(row, 0, 1, len(weeks))
                continue
            for column, count in enumerate(counts):
                item = QTableWidgetItem(str(count))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column == len(counts) - 1:
                    item.setFont(bold)
                table.setItem(row, column, item)

    def counts_of(self, name: str) -> list[int]:
        """The numbers the table shows on the row named `name` (the first such row)."""
        for row in range(self.table.rowCount()):
            header = self.table.verticalHeaderItem(row)
            if header is not None and header.text() == name:
                return [int(self.table.item(row, column).text()) for column in range(self.table.columnCount())]
        raise KeyError(name)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._pending is not None:
            self._fill_charts(*self._pending)

    def _fill_charts(self, weeks, kinds, categories) -> None:
        """The charts, once shown: a page built but never shown (the smoke test builds every page) must not load
        Qt Charts, whose import the start of the application is not to pay for."""
        if not self.isVisible():
            self._pending = (weeks, kinds, categories)
            return
        self._pending = None
        from agency_app.ui.kit import charts  # here, not at the top: Qt Charts must not slow the start
        labels_ = tuple(week.week.label for week in weeks)
        highlight = len(weeks) - 1 if weeks else None
        data = [charts.WeeklyBars(self.tr("By kind"), labels_,
                                  tuple(charts.BarSeries(name, tuple(values)) for name, values in kinds), highlight),
                charts.WeeklyBars(self.tr("By category"), labels_,
                                  tuple(charts.BarSeries(name, tuple(values)) for name, values in categories),
                                  highlight)]
        if not self.charts:
            for chart_data, title in zip(data, (self.tr("Kind"), self.tr("Category"))):
                view = charts.chart_view(chart_data, self.chart_tabs, compact=True)
                view.setFont(QApplication.font())  # the zoom reaches it once, by its font scale, not twice
                view.set_font_scale(self._scale)
                view.setAccessibleName(chart_data.title)
                # Smaller than the chart's own minimum: at 1366×768 scaled 125 % the whole page must fit in
                # 570 px; the splitter above the voices gives the charts their room when there is some.
                view.setMinimumSize(240, 120)
                self.charts.append(view)
                self.chart_tabs.addTab(view, title)
            self.chart_tabs.show()
            return
        for view, chart_data in zip(self.charts, data):
            view.set_data(chart_data)
