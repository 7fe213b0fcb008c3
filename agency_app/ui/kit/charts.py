"""Weekly bar charts on screen and on paper: the one module that knows Qt Charts (imported lazily, on first use)."""

# Qt Charts is deprecated since Qt 6.10, but Qt Graphs' 2D charts need Qt Quick (~32 MB more in the bundle)
# and print as bitmaps; Qt Charts prints vectors with the font embedded. Everything outside this module sees
# plain dataclasses, a QWidget and a QPainter, so the route can change here alone. PySide6.QtCharts is imported
# inside functions only: starting the application must not pay for it (tests/ui/kit/test_charts.py checks).

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene, QVBoxLayout, QWidget

# One colour per series, in order (the voice day passes 不満, 要望, then others): strong and distinct on a
# projector. The highlighted week shows them in full, the other weeks paler: a difference of lightness too,
# not of hue alone.
COLOURS = ("#c0392b", "#1f63a8", "#2e7d4f", "#b7791f", "#6b4c9a", "#4a4a4a")
PALE = 0.55  # how far the other weeks' bars go towards white
AXIS_COLOUR = QColor("#333333")
GRID_COLOUR = QColor("#d9d9d9")
BAND_COLOUR = QColor("#fff3bf")  # behind the highlighted week, the colour of 本日 in lists (style.py)
TICKS_AT_MOST = 5  # value-axis steps: few enough to read from the back of the room
HEADROOM = 0.15  # of the axis kept free above the tallest bar, for its number at any zoom
BAND_Z = -0.5  # above the chart's white background, below the bars
SCREEN_DPI = 96.0  # the chart is laid out as on a 96-dpi screen, then scaled to the page


@dataclass(frozen=True)
class BarSeries:
    """One row of bars: its legend name and one count per week."""

    name: str
    values: tuple[int, ...]


@dataclass(frozen=True)
class WeeklyBars:
    """A chart of counts per week: week labels ('05/26'), series side by side, one week highlighted (or None)."""

    title: str
    labels: tuple[str, ...]
    series: tuple[BarSeries, ...]
    highlight: int | None
    value_label: str = "件"


@dataclass(frozen=True)
class YearTrend:
    """A figure over fiscal years (a KPI's trend): a bar per year — none where there is no data, whose label
    says so instead of showing 0 — the last year highlighted, and the target as a line across."""

    title: str
    labels: tuple[str, ...]            # '2021年度'
    values: tuple[float | None, ...]   # None: データなし (no bar)
    value_texts: tuple[str, ...]       # printed under each year: '82.0%', 'データ\nなし' (a line break)
    target: float | None
    target_text: str                   # the line's legend: '目標 80.0%以上'
    unit: str                          # on the value axis: '%', '件', 'pt'


def trend_axis_range(data: YearTrend) -> tuple[float, float, float]:
    """(bottom, top, step) of the value axis: from 0 (or below, for a negative NPS) to a round step above the
    tallest bar and the target, in at most TICKS_AT_MOST steps."""
    shown = [v for v in data.values if v is not None] + ([data.target] if data.target is not None else [])
    low, high = min([0.0, *shown]), max([0.0, *shown])
    span = (high - low) or 1.0
    step = 0.1
    for candidate in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        step = candidate
        if span / candidate <= TICKS_AT_MOST:
            break
    else:
        while span / step > TICKS_AT_MOST:
            step *= 10
    bottom = (low // step) * step if low < 0 else 0.0
    top = (high // step + 1) * step
    if data.unit == "%" and high <= 100 < top:   # a share never needs an axis above 100%
        top = 100.0
    return float(bottom), float(top), float(step)


def _axis_number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _new_chart(title: str, font: QFont, scale: float, compact: bool):
    """An empty QChart that prints as drawn (no shadow, no animation, square, no margin) and its fonts."""
    from PySide6 import QtCharts

    chart = QtCharts.QChart()
    chart.setDropShadowEnabled(False)  # a shadow is a bitmap effect: it would print as an image
    chart.setAnimationOptions(QtCharts.QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(0)
    chart.layout().setContentsMargins(0, 0, 0, 0)
    fonts = _fonts(font, scale, compact)
    chart.setTitle(title)
    chart.setTitleFont(fonts["title"])
    chart.setTitleBrush(AXIS_COLOUR)
    return chart, fonts


def _add_axes(chart, bars, fonts: dict[str, QFont], categories, values) -> None:
    """The categories along the bottom (no grid lines between them), the values at the left, `bars` on both."""
    for axis, side in ((categories, Qt.AlignmentFlag.AlignBottom), (values, Qt.AlignmentFlag.AlignLeft)):
        axis.setLabelsFont(fonts["axis"])
        axis.setLabelsColor(AXIS_COLOUR)
        axis.setGridLineColor(GRID_COLOUR)
        chart.addAxis(axis, side)
        bars.attachAxis(axis)
    categories.setGridLineVisible(False)


def _build_trend_chart(data: YearTrend, font: QFont, scale: float, compact: bool = False):
    """A QChart of `data`: pale bars for the earlier years, the last in full colour, the target as a line."""
    from PySide6 import QtCharts

    chart, fonts = _new_chart("" if compact else data.title, font, scale, compact)

    bars = QtCharts.QBarSeries()
    bars.setBarWidth(0.6)
    bar_set = QtCharts.QBarSet("実績")
    bar_set.append([0.0 if value is None else float(value) for value in data.values])
    strong = QColor(COLOURS[1])
    bar_set.setColor(_pale(strong))
    bar_set.setBorderColor(strong)
    bar_set.setSelectedColor(strong)
    if data.values:
        bar_set.selectBar(len(data.values) - 1)   # the year the sheet is about
    bars.append(bar_set)
    chart.addSeries(bars)

    years_axis = QtCharts.QBarCategoryAxis()
    # The figure under its year: the chart is read without the table, and データなし is said, never a 0 bar.
    years_axis.append([f"{label}<br>{text}".replace("\n", "<br>") for label, text in zip(data.labels, data.value_texts)])
    years_axis.setTruncateLabels(False)
    bottom, top, step = trend_axis_range(data)
    values_axis = QtCharts.QCategoryAxis()
    values_axis.setLabelsPosition(QtCharts.QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    values_axis.setStartValue(bottom)
    values_axis.setTruncateLabels(False)
    mark = bottom
    while mark <= top + step / 1000:
        values_axis.append(f"{_axis_number(mark)}{data.unit}", mark)
        mark += step
    values_axis.setRange(bottom, top)
    _add_axes(chart, bars, fonts, years_axis, values_axis)

    if data.target is not None:
        line = QtCharts.QLineSeries()
        line.setName(data.target_text)
        pen = QPen(QColor(COLOURS[0]))
        pen.setWidthF(2.0)
        pen.setStyle(Qt.PenStyle.DashLine)
        line.setPen(pen)
        count = max(1, len(data.labels))
        line.append(-0.5, float(data.target))
        line.append(count - 0.5, float(data.target))
        chart.addSeries(line)
        line.attachAxis(years_axis)
        line.attachAxis(values_axis)

    legend = chart.legend()
    legend.setVisible(True)
    legend.setAlignment(Qt.AlignmentFlag.AlignTop)
    legend.setFont(fonts["legend"])
    legend.setLabelColor(AXIS_COLOUR)
    return chart


def value_axis_range(data: WeeklyBars) -> tuple[int, int]:
    """(top, step) of the integer value axis: a round step, room above the tallest bar for its number.

    All-zero (or no) values still give a readable axis, 0 to 4 in steps of 1, instead of a collapsed one.
    """
    tallest = max((value for series in data.series for value in series.values), default=0)
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        step = candidate
        if tallest // candidate < TICKS_AT_MOST:
            break
    else:
        while tallest // step >= TICKS_AT_MOST:
            step *= 10
    top = (tallest // step + 1) * step
    if top - tallest < HEADROOM * top:  # the tallest bar's number needs room above it, at every zoom
        top += step
    return max(top, 4 * step), step


def _pale(colour: QColor) -> QColor:
    return QColor(*(round(part + (255 - part) * PALE) for part in (colour.red(), colour.green(), colour.blue())))


def _fonts(base: QFont, scale: float, compact: bool = False) -> dict[str, QFont]:
    """The chart's fonts from the app's (Japanese) font, larger than body text: charts are read from afar."""
    def sized(factor: float, bold: bool = False) -> QFont:
        font = QFont(base)
        font.setPointSizeF(max(1.0, base.pointSizeF() * factor * scale))
        font.setBold(bold)
        return font
    if compact:  # a screen's small panel: the page's own size, the zoom makes it bigger
        return {"title": sized(1.2, True), "legend": sized(1.0), "axis": sized(1.0), "values": sized(1.05, True)}
    return {"title": sized(1.5, True), "legend": sized(1.3), "axis": sized(1.3), "values": sized(1.3, True)}


def _build_chart(data: WeeklyBars, font: QFont, scale: float, compact: bool = False):
    """A QChart showing `data`, with its fonts; the caller places it (view or scene).

    `compact` (a panel of a screen, a third of 768 px): no title (the panel names the chart) and the page's own
    font size, so the bars keep the height a person reads them by."""
    from PySide6 import QtCharts

    chart, fonts = _new_chart("" if compact else data.title, font, scale, compact)

    bars = QtCharts.QBarSeries()
    bars.setBarWidth(0.85)
    weeks = len(data.labels)
    for index, series in enumerate(data.series):
        bar_set = QtCharts.QBarSet(series.name)
        values = list(series.values[:weeks]) + [0] * max(0, weeks - len(series.values))
        bar_set.append([float(value) for value in values])
        strong = QColor(COLOURS[index % len(COLOURS)])
        bar_set.setColor(_pale(strong))
        bar_set.setBorderColor(strong)
        # The highlighted week: its bars selected, drawn in the full colour (Qt Charts' per-bar colour).
        bar_set.setSelectedColor(strong)
        if data.highlight is not None and 0 <= data.highlight < weeks:
            bar_set.selectBar(data.highlight)
        bar_set.setLabelColor(AXIS_COLOUR)
        bar_set.setLabelFont(fonts["values"])
        bars.append(bar_set)
    bars.setLabelsVisible(True)
    bars.setLabelsPosition(QtCharts.QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
    bars.setLabelsFormat("@value")
    bars.setLabelsPrecision(6)  # whole numbers print as "12", never "1.2e+01"
    chart.addSeries(bars)

    weeks_axis = QtCharts.QBarCategoryAxis()
    weeks_axis.append(list(data.labels))
    weeks_axis.setTruncateLabels(False)  # "10/04" whole, never "10…": the week is what the chart is read by
    top, step = value_axis_range(data)
    # A category axis used as the value axis: its labels are ours ("4件"), one per whole step. QValueAxis'
    # printf-style label format cannot carry 件 (it prints "4?"), and an axis title would be turned sideways.
    counts_axis = QtCharts.QCategoryAxis()
    counts_axis.setLabelsPosition(QtCharts.QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    counts_axis.setStartValue(0)
    counts_axis.setTruncateLabels(False)  # "20件" whole at any zoom, never "…"
    for value in range(step, top + 1, step):
        counts_axis.append(f"{value}{data.value_label}", value)
    counts_axis.setRange(0, top)
    _add_axes(chart, bars, fonts, weeks_axis, counts_axis)

    legend = chart.legend()
    legend.setVisible(len(data.series) > 1)
    # One row above the bars: at the right, four entries at a projector's zoom ran off the panel's foot.
    legend.setAlignment(Qt.AlignmentFlag.AlignTop)
    legend.setFont(fonts["legend"])
    legend.setLabelColor(AXIS_COLOUR)
    _add_band(chart, bars, data)
    return chart


def _add_band(chart, bars, data: WeeklyBars) -> None:
    """A pale band behind the highlighted week, kept in place when the plot area moves (resize, zoom)."""
    if data.highlight is None or not 0 <= data.highlight < len(data.labels):
        return
    band = QGraphicsRectItem(chart)
    band.setBrush(BAND_COLOUR)
    band.setPen(Qt.PenStyle.NoPen)
    band.setZValue(BAND_Z)

    def place(area: QRectF) -> None:
        left = chart.mapToPosition(QPointF(data.highlight - 0.5, 0), bars).x()
        right = chart.mapToPosition(QPointF(data.highlight + 0.5, 0), bars).x()
        band.setRect(QRectF(left, area.top(), right - left, area.height()))

    chart.plotAreaChanged.connect(place)
    chart.band = band  # kept for the tests and so Python holds the item as long as the chart


class ChartWidget(QWidget):
    """The chart on screen: a plain QWidget around Qt Charts' view, with set_data and set_font_scale."""

    def __init__(self, data: WeeklyBars | YearTrend, parent: QWidget | None = None, *, compact: bool = False):
        super().__init__(parent)
        from PySide6 import QtCharts

        self.compact = compact
        self._scale = 1.0
        self._data = data
        self._view = QtCharts.QChartView(self)
        self._view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._view.setFrameShape(self._view.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._view)
        self.setMinimumSize(320, 220)
        self._show()

    @property
    def data(self) -> WeeklyBars | YearTrend:
        return self._data

    @property
    def font_scale(self) -> float:
        return self._scale

    def set_data(self, data: WeeklyBars | YearTrend) -> None:
        """Show other weeks or counts: a new chart replaces the old one, which is deleted."""
        self._data = data
        self._show()

    def set_font_scale(self, scale: float) -> None:
        """Follow the screen's zoom (Ctrl++ / Ctrl+-): every text of the chart grows with it."""
        if scale > 0 and scale != self._scale:
            self._scale = scale
            self._show()

    def _show(self) -> None:
        old = self._view.chart()
        build = _build_trend_chart if isinstance(self._data, YearTrend) else _build_chart  # a KPI's years, or weeks
        self._view.setChart(build(self._data, self.font(), self._scale, self.compact))
        if old is not None:
            old.deleteLater()  # setChart leaves the previous chart to its owner: that is us


def chart_view(data: WeeklyBars | YearTrend, parent: QWidget | None = None, *,
               compact: bool = False) -> ChartWidget:
    """A widget showing `data`; the first call imports Qt Charts. `compact`: for a small panel (see _build_chart)."""
    return ChartWidget(data, parent, compact=compact)


def paint_chart(painter: QPainter, rect: QRectF, data: WeeklyBars | YearTrend, *, font: QFont | None = None,
                font_scale: float = 1.0) -> None:
    """Draw `data` into `rect` of any painter (a QPdfWriter or QPrinter page) as vectors and text, not a picture.

    The chart is laid out as it would be on a 96-dpi screen of the rect's physical size, then scaled to the
    device, so fonts keep their printed point size whatever the device's resolution.
    """
    device = painter.device()
    dpi_x = device.logicalDpiX() if device is not None else SCREEN_DPI
    dpi_y = device.logicalDpiY() if device is not None else SCREEN_DPI
    # The painter's own transform (a page's margins, a preview's zoom) already applies to `rect`.
    width, height = rect.width() * SCREEN_DPI / dpi_x, rect.height() * SCREEN_DPI / dpi_y
    build = _build_trend_chart if isinstance(data, YearTrend) else _build_chart
    chart = build(data, font or QApplication.font(), font_scale)
    scene = QGraphicsScene()
    scene.addItem(chart)
    chart.setGeometry(QRectF(0, 0, width, height))
    scene.setSceneRect(QRectF(0, 0, width, height))
    # The plot area is computed on the layout's pass: let the layout run now, not at the next event loop turn.
    chart.layout().activate()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, rect, QRectF(0, 0, width, height), Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.restore()
    scene.removeItem(chart)
    chart.deleteLater()
